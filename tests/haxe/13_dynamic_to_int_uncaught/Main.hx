class Main {
	static function dyn(x:Dynamic):Dynamic return x;

	static function toInt(d:Dynamic):Int {
		var i:Int = d;
		return i;
	}

	static function main() {
		Sys.println("int " + toInt(dyn(5)));
		Sys.println("string " + toInt(dyn("five")));
		Sys.println("after");
	}
}
