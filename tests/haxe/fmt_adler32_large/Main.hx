// Adler-32 of large inputs (sums wrap modulo 65521 many times): plain Haxe against the native.
import haxe.crypto.Adler32;
import haxe.io.Bytes;

class Main {
	static function main() {
		var n = 300000;
		var b = Bytes.alloc(n);
		for (i in 0...n)
			b.set(i, 255 - (i * 31) % 256);
		var out = Bytes.alloc(4);
		out.setInt32(0, 1);
		hl.Format.digest(out.getData(), b.getData(), n, 3);
		Sys.println(Adler32.make(b) + " " + out.getInt32(0));
		var ff = Bytes.alloc(5 * 1024 * 1024);
		ff.fill(0, ff.length, 0xFF);
		out.setInt32(0, 1);
		hl.Format.digest(out.getData(), ff.getData(), ff.length, 3);
		Sys.println(out.getInt32(0));
		Sys.println(Adler32.make(ff.sub(0, 100000)));
	}
}
