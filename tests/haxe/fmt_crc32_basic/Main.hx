// haxe.crypto.Crc32 (plain Haxe) against the fmt digest native's CRC-32 (code 2, which continues
// from the value already in its output): check values, incremental use, UTF-8 text.
import haxe.crypto.Crc32;
import haxe.io.Bytes;

class Main {
	static function native(b:Bytes, init:Int):Int {
		var out = Bytes.alloc(4);
		out.setInt32(0, init);
		hl.Format.digest(out.getData(), b.getData(), b.length, 2);
		return out.getInt32(0);
	}

	static function main() {
		for (s in ["", "a", "abc", "123456789", "The quick brown fox jumps over the lazy dog", "héllo 😀", "日本語"]) {
			var b = Bytes.ofString(s);
			var h = Crc32.make(b);
			Sys.println(s + " " + h + " " + StringTools.hex(h, 8) + " " + native(b, 0) + (h == native(b, 0) ? "" : " MISMATCH"));
		}
		// Incremental: byte by byte and by chunks, against one native call and chained native calls.
		var b = Bytes.ofString("incremental checksum over several chunks of text");
		var c = new Crc32();
		for (i in 0...b.length)
			c.byte(b.get(i));
		var d = new Crc32();
		d.update(b, 0, 10);
		d.update(b, 10, b.length - 10);
		var out = Bytes.alloc(4);
		hl.Format.digest(out.getData(), b.sub(0, 20).getData(), 20, 2);
		hl.Format.digest(out.getData(), b.sub(20, b.length - 20).getData(), b.length - 20, 2);
		Sys.println(c.get() + " " + d.get() + " " + Crc32.make(b) + " " + out.getInt32(0));
		// Any starting value, negative ones included; a length of 0 keeps it. (Not on Bytes.alloc(0):
		// its block of size 0 is a null pointer: see fmt_checksum_empty_alloc.)
		var abc = Bytes.ofString("abc");
		for (init in [1, -1, 0x7FFFFFFF, 0x80000000, 123456789]) {
			var out = Bytes.alloc(4);
			out.setInt32(0, init);
			hl.Format.digest(out.getData(), abc.getData(), 0, 2);
			Sys.println(init + " -> " + native(abc, init) + " " + out.getInt32(0));
		}
	}
}
