class Main {
	static function noInts():Array<Int> return null;
	static function noStrings():Array<String> return null;
	static function noFloats():Array<Float> return null;

	static function main() {
		var a = noInts();
		try {
			Sys.println("read " + a[0]);
		} catch (e:Dynamic) {
			Sys.println("caught int read: " + Std.string(e));
		}
		try {
			a[0] = 3;
			Sys.println("wrote");
		} catch (e:Dynamic) {
			Sys.println("caught int write: " + Std.string(e));
		}
		try {
			Sys.println("length " + a.length);
		} catch (e:Dynamic) {
			Sys.println("caught length: " + Std.string(e));
		}
		try {
			a.push(1);
		} catch (e:Dynamic) {
			Sys.println("caught push: " + Std.string(e));
		}
		var s = noStrings();
		try {
			Sys.println("read " + s[2]);
		} catch (e:Dynamic) {
			Sys.println("caught string read: " + Std.string(e));
		}
		var f = noFloats();
		try {
			f[1] = 2.5;
		} catch (e:Dynamic) {
			Sys.println("caught float write: " + Std.string(e));
		}
		try {
			for (x in a) Sys.println(x);
		} catch (e:Dynamic) {
			Sys.println("caught iteration: " + Std.string(e));
		}
		var d:Dynamic = null;
		try {
			Sys.println("dynamic read " + d[0]);
		} catch (e:Dynamic) {
			Sys.println("caught dynamic read: " + Std.string(e));
		}
		Sys.println("done");
	}
}
