class Animal {
	public function new() {}
}

class Dog extends Animal {}

class Cat extends Animal {}

interface Walker {}

class Main {
	static function dyn(x:Dynamic):Dynamic return x;

	static function main() {
		var a:Animal = new Cat();
		try {
			var d = cast(a, Dog);
			Sys.println("cast ok " + (d != null));
		} catch (e:Dynamic) {
			Sys.println("caught class cast: " + Std.string(e));
		}
		try {
			var c = cast(a, Cat);
			Sys.println("good cast ok " + (c != null));
		} catch (e:Dynamic) {
			Sys.println("caught good cast: " + Std.string(e));
		}
		try {
			var n:Animal = null;
			var d = cast(n, Dog);
			Sys.println("null cast gives " + d);
		} catch (e:Dynamic) {
			Sys.println("caught null cast: " + Std.string(e));
		}
		try {
			var s = cast(dyn(12), String);
			Sys.println("cast Int to String " + s);
		} catch (e:Dynamic) {
			Sys.println("caught Int to String: " + Std.string(e));
		}
		try {
			var w = cast(a, Walker);
			Sys.println("cast to interface " + (w != null));
		} catch (e:Dynamic) {
			Sys.println("caught interface cast: " + Std.string(e));
		}
		Sys.println("downcast gives null: " + (Std.downcast(a, Dog) == null));
		try {
			var i:Int = dyn("abc");
			Sys.println("Dynamic String to Int " + i);
		} catch (e:Dynamic) {
			Sys.println("caught String to Int: " + Std.string(e));
		}
		try {
			var f:Float = dyn("1.5");
			Sys.println("Dynamic String to Float " + f);
		} catch (e:Dynamic) {
			Sys.println("caught String to Float: " + Std.string(e));
		}
		try {
			var b:Bool = dyn(1);
			Sys.println("Dynamic Int to Bool " + b);
		} catch (e:Dynamic) {
			Sys.println("caught Int to Bool: " + Std.string(e));
		}
		try {
			var s:String = dyn(new Dog());
			Sys.println("Dynamic Dog to String " + (s == null));
		} catch (e:Dynamic) {
			Sys.println("caught Dog to String: " + Std.string(e));
		}
		try {
			var d:Dog = dyn(new Cat());
			Sys.println("Dynamic Cat to Dog " + (d == null));
		} catch (e:Dynamic) {
			Sys.println("caught Cat to Dog: " + Std.string(e));
		}
		try {
			var arr:Array<Int> = dyn("x");
			Sys.println("Dynamic String to Array " + arr);
		} catch (e:Dynamic) {
			Sys.println("caught String to Array: " + Std.string(e));
		}
		try {
			var i:Int = dyn(null);
			Sys.println("Dynamic null to Int " + i);
		} catch (e:Dynamic) {
			Sys.println("caught null to Int: " + Std.string(e));
		}
		try {
			var i:Int = dyn(2.7);
			Sys.println("Dynamic Float to Int " + i);
		} catch (e:Dynamic) {
			Sys.println("caught Float to Int: " + Std.string(e));
		}
		Sys.println("done");
	}
}
