class Payload {
	public var code:Int;
	public function new(c) code = c;
	public function toString() return "Payload(" + code + ")";
}

enum Err {
	Bad(msg:String);
	Worse;
}

class MyError extends haxe.Exception {}

class Main {
	static function thrower(kind:Int):Void {
		switch (kind) {
			case 0: throw 42;
			case 1: throw "boom";
			case 2: throw new Payload(7);
			case 3: throw null;
			case 4: throw 1.5;
			case 5: throw Bad("enum");
			case 6: throw Worse;
			case 7: throw true;
			case 8: throw [1, 2];
			case 9: throw {field: 3};
			case 10: throw new MyError("mine");
			default: throw new haxe.Exception("plain");
		}
	}

	static function main() {
		for (k in 0...12) {
			try {
				thrower(k);
			} catch (e:Dynamic) {
				Sys.println(k + " dynamic: " + Std.string(e) + " is Exception " + Std.isOfType(e, haxe.Exception));
			}
			try {
				thrower(k);
			} catch (e:haxe.Exception) {
				Sys.println(k + " Exception: message=" + e.message + " toString=" + e.toString() + " native=" + Std.string(e.native));
			}
		}
		try thrower(0) catch (e:String) Sys.println("String catch") catch (e:Int) Sys.println("Int catch " + e);
		try thrower(1) catch (e:Int) Sys.println("Int catch") catch (e:String) Sys.println("String catch " + e);
		try thrower(2) catch (e:String) Sys.println("String catch") catch (e:Payload) Sys.println("Payload catch " + e.code);
		try thrower(4) catch (e:Int) Sys.println("Int catch " + e) catch (e:Float) Sys.println("Float catch " + e);
		try thrower(5) catch (e:Err) Sys.println("Err catch " + e);
		try thrower(10) catch (e:MyError) Sys.println("MyError catch " + e.message);
		try thrower(11) catch (e:MyError) Sys.println("MyError catch") catch (e:haxe.Exception) Sys.println("Exception catch " + e.message);
		try {
			try thrower(1) catch (e:Int) Sys.println("wrong inner");
		} catch (e:String) {
			Sys.println("outer got " + e);
		}
		Sys.println("done");
	}
}
