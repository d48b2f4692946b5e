import haxe.CallStack;

class Main {
	static function inner():Void {
		throw new haxe.Exception("inner failure");
	}

	static function middle():Void {
		try {
			inner();
		} catch (e:haxe.Exception) {
			Sys.println("middle caught: " + e.message);
			throw e;
		}
	}

	static function innerString():Void {
		throw "string failure";
	}

	static function middleString():Void {
		try {
			innerString();
		} catch (e:Dynamic) {
			throw e;
		}
	}

	static function wrap():Void {
		try {
			inner();
		} catch (e:haxe.Exception) {
			throw new haxe.Exception("wrapped", e);
		}
	}

	static function main() {
		try {
			middle();
		} catch (e:haxe.Exception) {
			Sys.println("outer caught: " + e.message);
			Sys.println("stack:" + e.stack.toString());
		}
		try {
			middleString();
		} catch (e:haxe.Exception) {
			Sys.println("outer caught string: " + e.message);
			Sys.println("stack:" + CallStack.toString(e.stack));
		}
		try {
			middleString();
		} catch (e:Dynamic) {
			Sys.println("outer caught dynamic: " + e);
			Sys.println("exceptionStack:" + CallStack.toString(CallStack.exceptionStack()));
		}
		try {
			wrap();
		} catch (e:haxe.Exception) {
			Sys.println("wrapped: " + e.message + " previous: " + e.previous.message);
			Sys.println("details:");
			Sys.println(e.details());
		}
		Sys.println("done");
	}
}
