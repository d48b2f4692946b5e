class Main {
	static function zero():Int return 0;
	static function minusOne():Int return -1;

	static function main() {
		var a = 7, z = zero(), m = minusOne();
		Sys.println("7 / 0 = " + (a / z));
		Sys.println("-7 / 0 = " + (-a / z));
		Sys.println("0 / 0 = " + (z / z));
		Sys.println("Std.int(7 / 0) = " + Std.int(a / z));
		Sys.println("Std.int(0 / 0) = " + Std.int(z / z));
		try {
			Sys.println("7 % 0 = " + (a % z));
		} catch (e:Dynamic) {
			Sys.println("caught 7 % 0: " + Std.string(e));
		}
		try {
			Sys.println("0 % 0 = " + (z % z));
		} catch (e:Dynamic) {
			Sys.println("caught 0 % 0: " + Std.string(e));
		}
		var min = -2147483647 - 1;
		Sys.println("min % -1 = " + (min % m));
		Sys.println("min / -1 = " + (min / m));
		Sys.println("Std.int(min / -1) = " + Std.int(min / m));
		Sys.println("7.5 % 0 = " + (7.5 % z));
		var big = haxe.Int64.make(1, 0);
		var z64 = haxe.Int64.ofInt(z);
		try {
			Sys.println("int64 / 0 = " + haxe.Int64.toStr(big / z64));
		} catch (e:Dynamic) {
			Sys.println("caught int64 / 0: " + Std.string(e));
		}
		try {
			Sys.println("int64 % 0 = " + haxe.Int64.toStr(big % z64));
		} catch (e:Dynamic) {
			Sys.println("caught int64 % 0: " + Std.string(e));
		}
		try {
			var r = haxe.Int64.divMod(big, z64);
			Sys.println("int64 divMod 0 = " + haxe.Int64.toStr(r.quotient) + " " + haxe.Int64.toStr(r.modulus));
		} catch (e:Dynamic) {
			Sys.println("caught int64 divMod 0: " + Std.string(e));
		}
		var u:UInt = 7;
		try {
			Sys.println("uint % 0 = " + (u % (z : UInt)));
		} catch (e:Dynamic) {
			Sys.println("caught uint % 0: " + Std.string(e));
		}
		Sys.println("done");
	}
}
