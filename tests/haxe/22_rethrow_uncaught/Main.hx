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

	static function main() {
		middle();
	}
}
