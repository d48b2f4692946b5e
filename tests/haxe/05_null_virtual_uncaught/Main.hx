class Base {
	public function new() {}
	public function over():String return "base over";
}

class Derived extends Base {
	override public function over():String return "derived over";
}

class Main {
	static function pick(i:Int):Base return i == 0 ? new Derived() : null;

	static function call(b:Base):String {
		return b.over();
	}

	static function main() {
		Sys.println(call(pick(0)));
		Sys.println(call(pick(1)));
		Sys.println("after");
	}
}
