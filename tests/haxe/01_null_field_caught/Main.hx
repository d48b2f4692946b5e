class Point {
	public var x:Int;
	public var name:String;
	public function new() { x = 1; name = "p"; }
}

class Main {
	static function nothing():Point return null;

	static function main() {
		var p:Point = nothing();
		try {
			Sys.println("read " + p.x);
		} catch (e:Dynamic) {
			Sys.println("caught read: " + Std.string(e));
		}
		try {
			p.name = "q";
			Sys.println("wrote");
		} catch (e:Dynamic) {
			Sys.println("caught write: " + Std.string(e));
		}
		try {
			var s = p.name;
			Sys.println("string " + s);
		} catch (e:haxe.Exception) {
			Sys.println("caught as Exception: " + e.message);
		}
		var d:Dynamic = null;
		try {
			Sys.println("dynamic read " + d.x);
		} catch (e:Dynamic) {
			Sys.println("caught dynamic read: " + Std.string(e));
		}
		try {
			d.x = 5;
			Sys.println("dynamic wrote");
		} catch (e:Dynamic) {
			Sys.println("caught dynamic write: " + Std.string(e));
		}
		var a:{x:Int} = null;
		try {
			Sys.println("anon read " + a.x);
		} catch (e:Dynamic) {
			Sys.println("caught anon read: " + Std.string(e));
		}
		Sys.println("done");
	}
}
