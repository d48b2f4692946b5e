class Base {
	public function new() {}
	public function plain():String return "base plain";
}

class Main {
	static function noBase():Base return null;

	static function main() {
		Sys.println("before");
		Sys.println(noBase().plain());
		Sys.println("after");
	}
}
