class Point {
	public var x:Int;
	public function new() { x = 1; }
}

class Main {
	static function nothing():Point return null;

	static function readX(p:Point):Int {
		return p.x + 1;
	}

	static function main() {
		Sys.println("before");
		var v = readX(nothing());
		Sys.println("after " + v);
	}
}
