// haxe.crypto.Md5.make on large Bytes (1 MiB of generated data, and every length 0..300 of it),
// and encode on a long string.
import haxe.crypto.Md5;
import haxe.io.Bytes;

class Main {
	static function data(n:Int):Bytes {
		var b = Bytes.alloc(n);
		var x = 12345;
		for (i in 0...n) {
			x = x * 1103515245 + 12345;
			b.set(i, (x >>> 16) & 0xFF);
		}
		return b;
	}

	static function main() {
		var big = data(1 << 20);
		Sys.println(Md5.make(big).toHex());
		Sys.println(Md5.make(big.sub(0, 1000000)).toHex());
		Sys.println(Md5.make(big.sub(1, (1 << 20) - 1)).toHex());
		var zeros = Bytes.alloc(3 * 1024 * 1024);
		Sys.println(Md5.make(zeros).toHex());
		// All lengths of a prefix: every padding case, the digests folded into one.
		var all = new StringBuf();
		for (n in 0...301) {
			var h = Md5.make(big.sub(0, n)).toHex();
			all.add(h);
			if (n % 50 == 0)
				Sys.println(n + " " + h);
		}
		Sys.println(Md5.encode(all.toString()));
		Sys.println(Md5.encode(StringTools.rpad("", "0123456789", 200000)));
	}
}
