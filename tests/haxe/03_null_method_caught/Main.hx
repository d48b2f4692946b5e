class Base {
	public function new() {}
	public function plain():String return "base plain";
	public function over():String return "base over";
}

class Derived extends Base {
	override public function over():String return "derived over";
}

interface Named {
	function name():String;
}

class Thing implements Named {
	public function new() {}
	public function name():String return "thing";
}

class Main {
	static function noBase():Base return null;
	static function noDerived():Derived return null;
	static function noNamed():Named return null;
	static function noFun():Int->Int return null;

	static function main() {
		Sys.println(new Derived().over() + ", " + new Derived().plain() + ", " + new Thing().name());
		var b = noBase();
		try {
			Sys.println(b.plain());
		} catch (e:Dynamic) {
			Sys.println("caught plain: " + Std.string(e));
		}
		try {
			Sys.println(b.over());
		} catch (e:Dynamic) {
			Sys.println("caught over on Base: " + Std.string(e));
		}
		var d = noDerived();
		try {
			Sys.println(d.over());
		} catch (e:Dynamic) {
			Sys.println("caught over on Derived: " + Std.string(e));
		}
		try {
			Sys.println(d.plain());
		} catch (e:Dynamic) {
			Sys.println("caught plain on Derived: " + Std.string(e));
		}
		var n = noNamed();
		try {
			Sys.println(n.name());
		} catch (e:Dynamic) {
			Sys.println("caught interface: " + Std.string(e));
		}
		var f = noFun();
		try {
			Sys.println(f(1));
		} catch (e:Dynamic) {
			Sys.println("caught closure: " + Std.string(e));
		}
		var dyn:Dynamic = null;
		try {
			Sys.println(dyn.foo(1));
		} catch (e:Dynamic) {
			Sys.println("caught dynamic method: " + Std.string(e));
		}
		var s:String = null;
		try {
			Sys.println(s.length);
		} catch (e:Dynamic) {
			Sys.println("caught string length: " + Std.string(e));
		}
		try {
			Sys.println(s.charAt(0));
		} catch (e:Dynamic) {
			Sys.println("caught string method: " + Std.string(e));
		}
		Sys.println("done");
	}
}
