class Main {
	static function main() {
		var a = [5, 3, 8, 1];
		Sys.println("before");
		a.sort(function(x, y) {
			if (x == 1 || y == 1) throw "comparator saw 1";
			return x - y;
		});
		Sys.println("after " + a);
	}
}
