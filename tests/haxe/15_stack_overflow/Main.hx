class Main {
	static var depth = 0;

	static function down(n:Int):Int {
		depth++;
		return down(n + 1) + 1;
	}

	static function main() {
		Sys.println("before");
		Sys.println("result " + down(0));
		Sys.println("after, deep: " + (depth > 1000));
	}
}
