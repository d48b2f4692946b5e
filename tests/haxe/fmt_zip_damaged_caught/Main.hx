// Damaged compressed data, caught: zlib's message and code as HashLink formats them
// ("ZLib Error : <message> (<code>)", or "ZLib Error : <code>" when zlib has no message).
import haxe.io.Bytes;
import haxe.zip.Compress;
import haxe.zip.Uncompress;

class Main {
	static function attempt(name:String, data:Bytes, ?bufsize:Int) {
		try {
			var out = Uncompress.run(data, bufsize);
			Sys.println(name + ": ok " + out.length);
		} catch (e:Dynamic) {
			Sys.println(name + ": " + e);
		}
	}

	static function main() {
		var src = Bytes.ofString(StringTools.rpad("", "damage me, please. ", 2000));
		var z = Compress.run(src, 6);
		attempt("valid", z);
		attempt("garbage", Bytes.ofString("this is not zlib data"));
		attempt("bad header check", Bytes.ofHex("7800"));
		attempt("bad method", Bytes.ofHex("7f01"));
		attempt("empty input", Bytes.alloc(0));
		attempt("truncated header", z.sub(0, 1));
		attempt("truncated data", z.sub(0, z.length >> 1));
		attempt("missing trailer", z.sub(0, z.length - 4));
		var badsum = z.sub(0, z.length);
		badsum.set(z.length - 1, badsum.get(z.length - 1) ^ 0x55);
		attempt("bad checksum", badsum);
		var flipped = z.sub(0, z.length);
		flipped.set(5, flipped.get(5) ^ 0xFF);
		attempt("flipped byte", flipped);
		var badblock = Bytes.ofHex("7801" + "07" + "0000");
		attempt("invalid block type", badblock);
		attempt("stored length mismatch", Bytes.ofHex("780101050000000102030405"));
		// A stream asking for a preset dictionary: zlib's Z_NEED_DICT is not an error, just no progress
		// (Uncompress.run would loop for ever on it, in HashLink too).
		var u = new Uncompress();
		var r = u.execute(Bytes.ofHex("78bb0000000100"), 0, Bytes.alloc(10), 0);
		u.close();
		Sys.println("dictionary needed: " + r.done + " " + r.read + " " + r.write);
		// Every single-byte corruption of a short stream: errors, or data that still inflates.
		var shortz = Compress.run(Bytes.ofString("short stream of text"), 9);
		for (i in 0...shortz.length) {
			var d = shortz.sub(0, shortz.length);
			d.set(i, d.get(i) ^ 0x21);
			attempt("byte " + i, d, 8);
		}
		// Invalid settings are refused when the stream is made.
		for (bits in [1, 7, 16, 48, -7, -16])
			try {
				new Uncompress(bits);
				Sys.println("window bits " + bits + ": ok");
			} catch (e:Dynamic) {
				Sys.println("window bits " + bits + ": " + e);
			}
		for (level in [-2, 10, 100])
			try {
				Compress.run(src, level);
				Sys.println("level " + level + ": ok");
			} catch (e:Dynamic) {
				Sys.println("level " + level + ": " + e);
			}
		// The same damaged stream again and again: the failed streams are never closed.
		var n = 0;
		for (i in 0...200)
			try Uncompress.run(flipped) catch (e:Dynamic) n++;
		Sys.println(n + " failures");
	}
}
