// Streaming haxe.zip.Compress with tiny input chunks and tiny output buffers, then FINISH; each
// step's done/read/write is printed, and the result inflated again.
import haxe.io.Bytes;
import haxe.io.BytesBuffer;
import haxe.zip.Compress;
import haxe.zip.FlushMode;
import haxe.zip.Uncompress;

class Main {
	static function compress(src:Bytes, level:Int, chunk:Int, outSize:Int, verbose:Bool):Bytes {
		var c = new Compress(level);
		var out = Bytes.alloc(outSize);
		var result = new BytesBuffer();
		var pos = 0, steps = 0;
		c.setFlushMode(FlushMode.NO);
		while (pos < src.length) {
			var n = chunk < src.length - pos ? chunk : src.length - pos;
			var piece = src.sub(pos, n);
			var used = 0;
			while (used < n) {
				var r = c.execute(piece, used, out, 0);
				if (verbose)
					Sys.println("  feed " + r.done + " " + r.read + " " + r.write);
				used += r.read;
				result.addBytes(out, 0, r.write);
				steps++;
				if (r.read == 0 && r.write == 0)
					break;
			}
			pos += n;
		}
		c.setFlushMode(FlushMode.FINISH);
		var empty = Bytes.alloc(0);
		while (true) {
			var r = c.execute(empty, 0, out, 0);
			if (verbose)
				Sys.println("  finish " + r.done + " " + r.read + " " + r.write);
			result.addBytes(out, 0, r.write);
			steps++;
			if (r.done)
				break;
		}
		c.close();
		Sys.println("level " + level + " chunk " + chunk + " out " + outSize + ": " + steps + " steps");
		return result.getBytes();
	}

	static function main() {
		var b = new StringBuf();
		for (i in 0...400)
			b.add("line " + i + " of some text that repeats " + (i % 7) + "\n");
		var src = Bytes.ofString(b.toString());
		var small = compress(Bytes.ofString("hello streaming world, hello streaming world"), 6, 5, 3, true);
		Sys.println(small.toHex() + " " + Uncompress.run(small).toString());
		for (setting in [[6, 1000, 16], [1, 7, 5], [9, 333, 1], [0, 50, 64], [-1, 4096, 4096]]) {
			var z = compress(src, setting[0], setting[1], setting[2], false);
			var back = Uncompress.run(z);
			Sys.println("  " + z.length + " " + haxe.crypto.Md5.make(z).toHex() + " " + (back.compare(src) == 0)
				+ " same as run: " + (z.compare(Compress.run(src, setting[0])) == 0));
		}
	}
}
