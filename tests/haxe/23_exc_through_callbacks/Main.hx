class Main {
	static function main() {
		var f = function(x:Int):Int {
			if (x == 3) throw "closure failed at " + x;
			return x * 2;
		};
		try {
			Sys.println([1, 2, 3, 4].map(f));
		} catch (e:Dynamic) {
			Sys.println("caught from map: " + e);
		}
		var calls = 0;
		try {
			var a = [5, 3, 8, 1, 9, 2];
			a.sort(function(x, y) {
				calls++;
				if (calls == 4) throw "comparator failed";
				return x - y;
			});
			Sys.println("sorted " + a);
		} catch (e:Dynamic) {
			Sys.println("caught from Int sort: " + e);
		}
		try {
			var a = ["b", "a", "c"];
			a.sort(function(x, y) throw new haxe.Exception("string comparator"));
			Sys.println("sorted " + a);
		} catch (e:haxe.Exception) {
			Sys.println("caught from String sort: " + e.message);
		}
		try {
			var a = [2.5, 1.5];
			a.sort(function(x, y) throw 17);
		} catch (e:Int) {
			Sys.println("caught from Float sort: " + e);
		}
		var m = new Map<Int, String>();
		for (i in 0...5) m.set(i, "v" + i);
		try {
			for (k => v in m) {
				if (k == 2) throw "map iteration at " + v;
			}
		} catch (e:String) {
			Sys.println("caught from map iteration: " + e);
		}
		var sm = ["a" => 1, "b" => 2];
		try {
			for (v in sm) if (v == 2) throw v;
		} catch (e:Int) {
			Sys.println("caught from string map values: " + e);
		}
		try {
			Lambda.iter([1, 2, 3], function(x) if (x == 2) throw "lambda " + x);
		} catch (e:String) {
			Sys.println("caught from Lambda.iter: " + e);
		}
		try {
			[1, 2, 3].filter(function(x) throw x);
		} catch (e:Int) {
			Sys.println("caught from filter: " + e);
		}
		var nested = function() {
			var g = function() throw "deep";
			g();
		};
		try {
			nested();
		} catch (e:String) {
			Sys.println("caught from nested closure: " + e);
		}
		var bound = StringTools.startsWith.bind(null, "x");
		try {
			bound();
		} catch (e:Dynamic) {
			Sys.println("caught from bound null: " + e);
		}
		Sys.println("done");
	}
}
