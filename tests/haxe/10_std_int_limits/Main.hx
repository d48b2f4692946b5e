class Main {
	static function f(x:Float):Float return x;

	static function main() {
		var values = [Math.NaN, Math.POSITIVE_INFINITY, Math.NEGATIVE_INFINITY, 1e20, -1e20, 2147483647.0, 2147483648.0,
			-2147483648.0, -2147483649.0, 4294967296.0, 4294967297.5, 3.99, -3.99, 0.5, -0.5, 1e300];
		for (v in values) {
			var x = f(v);
			Sys.println(Std.string(x) + " -> Std.int " + Std.int(x));
		}
		for (v in values) {
			var x = f(v);
			var s = try Std.string(Math.floor(x)) catch (e:Dynamic) "exception " + Std.string(e);
			var c = try Std.string(Math.ceil(x)) catch (e:Dynamic) "exception " + Std.string(e);
			var r = try Std.string(Math.round(x)) catch (e:Dynamic) "exception " + Std.string(e);
			Sys.println(Std.string(x) + " -> floor " + s + " ceil " + c + " round " + r);
		}
		var d:Dynamic = f(1e20);
		var i:Int = d;
		Sys.println("Dynamic 1e20 to Int: " + i);
		var n:Dynamic = f(Math.NaN);
		var j:Int = n;
		Sys.println("Dynamic NaN to Int: " + j);
		Sys.println("parseInt huge: " + Std.parseInt("99999999999"));
		Sys.println("parseInt junk: " + Std.parseInt("x1"));
		Sys.println("parseFloat junk: " + Std.parseFloat("x1"));
		Sys.println("done");
	}
}
