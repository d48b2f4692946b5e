class Payload {
	public var code:Int;
	public function new(c) code = c;
	public function toString() return "Payload(" + code + ")";
}

class Plain {
	public var a = 1;
	public function new() {}
}

class Main {
	static function main() {
		try {
			throw new Plain();
		} catch (e:Dynamic) {
			Sys.println("plain object prints as: " + Std.string(e));
		}
		Sys.println("before");
		throw new Payload(99);
	}
}
