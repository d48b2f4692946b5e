class Main {
	static function visit(m:Map<String, Int>):Int {
		var t = 0;
		for (k => v in m) {
			if (v == 3) throw new haxe.Exception("bad value for " + k);
			t += v;
		}
		return t;
	}

	static function main() {
		Sys.println("sum " + visit(["a" => 1, "b" => 2]));
		Sys.println("sum " + visit(["c" => 3]));
	}
}
