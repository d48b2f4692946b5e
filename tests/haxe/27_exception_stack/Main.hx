import haxe.CallStack;

class Thrower {
	public function new() {}

	public function fail(n:Int):Void {
		if (n == 0) throw new haxe.Exception("from method");
		fail(n - 1);
	}
}

class Main {
	static function here():Array<StackItem> {
		return CallStack.callStack();
	}

	static function level2():Void {
		new Thrower().fail(2);
	}

	static function level1():Void {
		level2();
	}

	static function main() {
		Sys.println("callStack:" + CallStack.toString(here()));
		try {
			level1();
		} catch (e:haxe.Exception) {
			Sys.println("message: " + e.message);
			Sys.println("stack:" + e.stack.toString());
			Sys.println("items: " + e.stack.length);
			Sys.println("details: " + e.details());
		}
		var f = function() throw "in closure";
		try {
			f();
		} catch (e:haxe.Exception) {
			Sys.println("closure stack:" + e.stack.toString());
		}
		try {
			var a:Array<Int> = null;
			a.push(1);
		} catch (e:haxe.Exception) {
			Sys.println("null access stack:" + e.stack.toString());
		}
		try {
			level1();
		} catch (e:Dynamic) {
			Sys.println("exceptionStack:" + CallStack.toString(CallStack.exceptionStack()));
		}
		Sys.println("done");
	}
}
