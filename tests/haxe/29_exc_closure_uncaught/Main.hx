class Main {
	static function apply(f:Int->Int, x:Int):Int return f(x);

	static function main() {
		var g = function(x:Int):Int {
			if (x > 1) throw "closure refused " + x;
			return x;
		};
		Sys.println(apply(g, 1));
		Sys.println([0, 1, 2].map(g.bind(_)));
	}
}
