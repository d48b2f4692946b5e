// haxe.crypto.Adler32 (plain Haxe) against the fmt digest native's Adler-32 (code 3, continuing
// from the value in its output; 1 starts a fresh sum): check values, incremental use, equals.
import haxe.crypto.Adler32;
import haxe.io.Bytes;

class Main {
	static function native(b:Bytes, init:Int):Int {
		var out = Bytes.alloc(4);
		out.setInt32(0, init);
		hl.Format.digest(out.getData(), b.getData(), b.length, 3);
		return out.getInt32(0);
	}

	static function main() {
		for (s in ["", "a", "abc", "Wikipedia", "123456789", "The quick brown fox jumps over the lazy dog", "ünï 🌍"]) {
			var b = Bytes.ofString(s);
			var h = Adler32.make(b);
			Sys.println(s + " " + h + " " + StringTools.hex(h, 8) + " " + native(b, 1) + (h == native(b, 1) ? "" : " MISMATCH"));
		}
		var b = Bytes.ofString("adler thirty-two, incrementally");
		var a = new Adler32();
		a.update(b, 0, 5);
		a.update(b, 5, b.length - 5);
		var whole = new Adler32();
		whole.update(b, 0, b.length);
		Sys.println(a.get() + " " + whole.get() + " " + a.equals(whole) + " " + Adler32.make(b));
		var out = Bytes.alloc(4);
		out.setInt32(0, 1);
		hl.Format.digest(out.getData(), b.sub(0, 9).getData(), 9, 3);
		hl.Format.digest(out.getData(), b.sub(9, b.length - 9).getData(), b.length - 9, 3);
		Sys.println(out.getInt32(0));
		// A zero start (not Adler's 1) and other starting values, as the native just continues.
		for (init in [0, 1, -1, 0x10001, 0x7FFF0000])
			Sys.println(init + " -> " + native(Bytes.ofString("abc"), init));
	}
}
