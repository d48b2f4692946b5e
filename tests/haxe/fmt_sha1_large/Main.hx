// haxe.crypto.Sha1.make on large Bytes and on every prefix length 0..300.
import haxe.crypto.Sha1;
import haxe.io.Bytes;

class Main {
	static function data(n:Int):Bytes {
		var b = Bytes.alloc(n);
		var x = 987654321;
		for (i in 0...n) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			b.set(i, x & 0xFF);
		}
		return b;
	}

	static function main() {
		var big = data(2 * 1024 * 1024 + 17);
		Sys.println(Sha1.make(big).toHex());
		Sys.println(Sha1.make(big.sub(1000, 1 << 20)).toHex());
		Sys.println(Sha1.make(Bytes.alloc(1 << 22)).toHex());
		var all = new StringBuf();
		for (n in 0...301) {
			var h = Sha1.make(big.sub(0, n)).toHex();
			all.add(h);
			if (n % 60 == 0)
				Sys.println(n + " " + h);
		}
		Sys.println(Sha1.encode(all.toString()));
	}
}
