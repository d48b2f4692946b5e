// Large round trips: 1 MiB of mixed data (runs, text, noise) at levels 1, 6 and 9, and 512 KiB of
// noise at level 0 (stored blocks, the output longer than the input).
import haxe.io.Bytes;
import haxe.zip.Compress;
import haxe.zip.Uncompress;

class Main {
	static function main() {
		var n = 1024 * 1024;
		var src = Bytes.alloc(n);
		var x = 1;
		var i = 0;
		while (i < n) {
			x = x * 1103515245 + 12345;
			var kind = (x >>> 16) % 3;
			var len = 1 + ((x >>> 8) & 1023);
			for (j in 0...len) {
				if (i >= n)
					break;
				x = x * 1103515245 + 12345;
				src.set(i++, switch kind {
					case 0: 0x41;
					case 1: "the quick brown fox ".charCodeAt(j % 20);
					default: x >>> 24;
				});
			}
		}
		for (level in [1, 6, 9]) {
			var z = Compress.run(src, level);
			var back = Uncompress.run(z);
			Sys.println(level + " " + z.length + " " + haxe.crypto.Md5.make(z).toHex() + " " + (back.compare(src) == 0));
		}
		var noise = Bytes.alloc(1 << 19);
		for (k in 0...noise.length) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			noise.set(k, x);
		}
		for (level in [0, 9]) {
			var z = Compress.run(noise, level);
			Sys.println(level + " " + z.length + " " + haxe.crypto.Md5.make(z).toHex() + " " + (Uncompress.run(z).compare(noise) == 0));
		}
	}
}
