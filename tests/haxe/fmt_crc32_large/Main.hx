// CRC-32 of large inputs: haxe.crypto.Crc32.make (plain Haxe) and the fmt native (code 2) agree
// on 256 KiB, and the native alone on 8 MiB, whole and in chained pieces.
import haxe.crypto.Crc32;
import haxe.io.Bytes;

class Main {
	static function data(n:Int):Bytes {
		var b = Bytes.alloc(n);
		var x = 7;
		for (i in 0...n) {
			x = x * 1664525 + 1013904223;
			b.set(i, x >>> 24);
		}
		return b;
	}

	static function main() {
		var b = data(256 * 1024);
		var out = Bytes.alloc(4);
		hl.Format.digest(out.getData(), b.getData(), b.length, 2);
		Sys.println(Crc32.make(b) + " " + out.getInt32(0));
		var big = Bytes.alloc(8 * 1024 * 1024);
		big.blit(0, b, 0, b.length);
		big.blit(big.length - b.length, b, 0, b.length);
		out.setInt32(0, 0);
		hl.Format.digest(out.getData(), big.getData(), big.length, 2);
		Sys.println(out.getInt32(0));
		var chained = Bytes.alloc(4);
		var pos = 0, step = 1;
		while (pos < big.length) {
			var n = step < big.length - pos ? step : big.length - pos;
			hl.Format.digest(chained.getData(), big.sub(pos, n).getData(), n, 2);
			pos += n;
			step = step * 3 + 1;
		}
		Sys.println(chained.getInt32(0) + " " + (chained.getInt32(0) == out.getInt32(0)));
	}
}
