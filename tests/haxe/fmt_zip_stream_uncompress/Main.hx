// Streaming haxe.zip.Uncompress: compressed input fed in small pieces into small output buffers,
// every step printed for a short stream; done only once the zlib trailer was read.
import haxe.io.Bytes;
import haxe.io.BytesBuffer;
import haxe.zip.Compress;
import haxe.zip.FlushMode;
import haxe.zip.Uncompress;

class Main {
	static function inflate(z:Bytes, chunk:Int, outSize:Int, mode:FlushMode, verbose:Bool):Bytes {
		var u = new Uncompress();
		u.setFlushMode(mode);
		var out = Bytes.alloc(outSize);
		var result = new BytesBuffer();
		var pos = 0, steps = 0;
		var done = false;
		while (!done) {
			var end = pos + chunk < z.length ? pos + chunk : z.length;
			var piece = z.sub(0, end);
			var r = u.execute(piece, pos, out, 0);
			if (verbose)
				Sys.println("  " + pos + ".." + end + " " + r.done + " " + r.read + " " + r.write);
			pos += r.read;
			result.addBytes(out, 0, r.write);
			done = r.done;
			steps++;
			if (steps > 100000)
				throw "no progress";
		}
		u.close();
		Sys.println("chunk " + chunk + " out " + outSize + " " + mode + ": " + steps + " steps, read " + pos + "/" + z.length);
		return result.getBytes();
	}

	static function main() {
		var short = Compress.run(Bytes.ofString("small pieces, small pieces, small pieces!"), 9);
		Sys.println(inflate(short, 4, 6, FlushMode.SYNC, true).toString());
		var b = new StringBuf();
		for (i in 0...3000)
			b.add(String.fromCharCode(65 + (i * i) % 26) + (i % 13 == 0 ? "\n" : ""));
		var src = Bytes.ofString(b.toString());
		var z = Compress.run(src, 6);
		for (setting in [[1, 1], [3, 17], [64, 10], [1000, 1], [100000, 100000]])
			for (mode in [FlushMode.NO, FlushMode.SYNC])
				Sys.println("  " + (inflate(z, setting[0], setting[1], mode, false).compare(src) == 0));
		Sys.println("  " + (inflate(z, 5, 7, FlushMode.BLOCK, false).compare(src) == 0));
		Sys.println("  " + (inflate(z, 20, 9, FlushMode.FULL, false).compare(src) == 0));
	}
}
