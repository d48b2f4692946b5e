// haxe.zip.Compress.run at every level (-1 = default, 0..9) and Uncompress.run back, on text,
// repetitive and pseudo-random data: compressed bytes (zlib's, byte for byte), sizes, round trips.
import haxe.io.Bytes;
import haxe.zip.Compress;
import haxe.zip.Uncompress;

class Main {
	static function main() {
		var text = Bytes.ofString("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. Ünïcödé ✓ 😀 ");
		var rep = Bytes.alloc(20000);
		for (i in 0...rep.length)
			rep.set(i, "abcabcabd".charCodeAt(i % 9));
		var rnd = Bytes.alloc(5000);
		var x = 99;
		for (i in 0...rnd.length) {
			x = x * 1103515245 + 12345;
			rnd.set(i, x >>> 23);
		}
		for (level in -1...10) {
			var line = "level " + level + ":";
			for (src in [text, rep, rnd]) {
				var z = Compress.run(src, level);
				var back = Uncompress.run(z);
				line += " " + src.length + "->" + z.length + (back.compare(src) == 0 ? " ok" : " DIFFERENT") + " " + haxe.crypto.Md5.make(z).toHex();
			}
			Sys.println(line);
			if (level == 0 || level == 1 || level == 9)
				Sys.println(Compress.run(text, level).toHex());
		}
		// Uncompress.run with small buffers gives the same bytes.
		var z = Compress.run(rep, 6);
		for (bufsize in [1, 2, 7, 100, 4096])
			Sys.println(bufsize + " " + (Uncompress.run(z, bufsize).compare(rep) == 0));
	}
}
