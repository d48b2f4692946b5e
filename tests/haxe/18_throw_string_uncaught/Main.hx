class Main {
	static function fail():Void {
		throw "something went wrong";
	}

	static function main() {
		Sys.print("partial line without newline ");
		fail();
	}
}
