class Obj {
	public var v:Int;
	public function new(v) this.v = v;
}

class Main {
	static function strs0():Array<String> return ["s"];

	static function main() {
		var ints = [1, 2, 3];
		Sys.println("int read past end: " + ints[10]);
		Sys.println("int read at -1: " + ints[-1]);
		ints[5] = 6;
		Sys.println("int after write at 5: " + ints + " length " + ints.length);
		try {
			ints[-1] = 9;
			Sys.println("int after write at -1: " + ints + " length " + ints.length);
		} catch (e:Dynamic) {
			Sys.println("caught int write at -1: " + Std.string(e));
		}
		try {
			strs0()[-2] = "z";
			Sys.println("string write at -2 accepted");
		} catch (e:Dynamic) {
			Sys.println("caught string write at -2: " + Std.string(e));
		}

		var floats = [1.5];
		Sys.println("float read past end: " + floats[3]);
		floats[2] = 2.5;
		Sys.println("float after write: " + floats + " length " + floats.length);

		var strs = ["a"];
		Sys.println("string read past end: " + strs[4]);
		strs[3] = "d";
		Sys.println("string after write: " + strs + " length " + strs.length);

		var objs = [new Obj(1)];
		Sys.println("object read past end is null: " + (objs[7] == null));
		objs[2] = new Obj(3);
		Sys.println("object after write: " + objs.length + " " + (objs[1] == null) + " " + objs[2].v);

		var bools = [true];
		Sys.println("bool read past end: " + bools[9]);

		var dyn:Dynamic = [1, 2];
		Sys.println("dynamic read past end: " + dyn[5]);
		dyn[3] = 4;
		Sys.println("dynamic after write: " + dyn + " length " + dyn.length);

		var empty:Array<Int> = [];
		Sys.println("pop of empty: " + empty.pop());
		Sys.println("shift of empty: " + empty.shift());
		Sys.println("splice out of range: " + [1, 2].splice(5, 2));
		Sys.println("slice out of range: " + [1, 2].slice(5));
		Sys.println("insert far: " + { var x = [1, 2]; x.insert(10, 3); x; });
		Sys.println("remove missing: " + [1, 2].remove(3));

		var s = "abc";
		Sys.println("charAt past end: '" + s.charAt(10) + "'");
		Sys.println("charCodeAt past end: " + s.charCodeAt(10));
		Sys.println("substr past end: '" + s.substr(10, 2) + "'");
		Sys.println("substring reversed: '" + s.substring(3, 1) + "'");
		Sys.println("done");
	}
}
