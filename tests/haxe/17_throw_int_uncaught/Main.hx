class Main {
	static function fail(n:Int):Void {
		if (n > 2) throw n * 10;
		fail(n + 1);
	}

	static function main() {
		Sys.println("before");
		fail(0);
		Sys.println("after");
	}
}
