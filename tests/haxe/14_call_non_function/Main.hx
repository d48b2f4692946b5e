class Obj {
	public var v:Int;
	public function new() v = 1;
}

class Main {
	static function dyn(x:Dynamic):Dynamic return x;

	static function main() {
		// Calling an Int, Float, Bool or Array value, or an Int field of an anonymous object, crashes the
		// reference HashLink 1.16 with SIGSEGV; calling an anonymous object itself reports a garbage
		// argument count (an address): those cases are left out.
		var cases:Array<Dynamic> = ["str", new Obj(), null];
		for (c in cases) {
			try {
				var d:Dynamic = dyn(c);
				var r = d(1);
				Sys.println("called " + Std.string(c) + ": " + Std.string(r));
			} catch (e:Dynamic) {
				Sys.println("caught calling " + Std.string(c) + ": " + Std.string(e));
			}
		}
		var o:Dynamic = {a: 1};
		try {
			o.missing();
		} catch (e:Dynamic) {
			Sys.println("caught calling missing field: " + Std.string(e));
		}
		try {
			var r = Reflect.callMethod(null, dyn(7), [1]);
			Sys.println("callMethod on Int: " + r);
		} catch (e:Dynamic) {
			Sys.println("caught callMethod on Int: " + Std.string(e));
		}
		var f:Dynamic = function(a:Int, b:Int) return a + b;
		try {
			Sys.println("too few args: " + f(1));
		} catch (e:Dynamic) {
			Sys.println("caught too few args: " + Std.string(e));
		}
		try {
			Sys.println("too many args: " + f(1, 2, 3));
		} catch (e:Dynamic) {
			Sys.println("caught too many args: " + Std.string(e));
		}
		try {
			Sys.println("callMethod too many: " + Reflect.callMethod(null, f, [1, 2, 3]));
		} catch (e:Dynamic) {
			Sys.println("caught callMethod too many: " + Std.string(e));
		}
		try {
			Sys.println("wrong arg type: " + f("x", 2));
		} catch (e:Dynamic) {
			Sys.println("caught wrong arg type: " + Std.string(e));
		}
		Sys.println("done");
	}
}
