class Main {
	static function noInts():Array<Int> return null;

	static function sum(a:Array<Int>):Int {
		var t = 0;
		for (i in 0...3) t += a[i];
		return t;
	}

	static function main() {
		Sys.println("sum " + sum([1, 2, 3]));
		Sys.println("sum " + sum(noInts()));
		Sys.println("after");
	}
}
