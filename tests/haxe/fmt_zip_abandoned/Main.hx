// Streams that are never closed (left to the collector) and streams closed early, in numbers;
// each still works while it is alive.
import haxe.io.Bytes;
import haxe.zip.Compress;
import haxe.zip.FlushMode;
import haxe.zip.Uncompress;

class Main {
	static function main() {
		var src = Bytes.ofString(StringTools.rpad("", "abandon ", 300));
		var z = Compress.run(src, 6);
		var total = 0;
		for (i in 0...150) {
			var c = new Compress(i % 10);
			c.setFlushMode(FlushMode.SYNC);
			var out = Bytes.alloc(4096);
			total += c.execute(src, 0, out, 0).write;
			var u = new Uncompress();
			var back = Bytes.alloc(4096);
			total += u.execute(z, 0, back, 0).write;
			if (i % 3 == 0) {
				c.close();
				u.close();
			}
		}
		Sys.println(total);
		var kept = [for (i in 0...20) new Uncompress()];
		var out = Bytes.alloc(src.length);
		for (k in kept)
			total += k.execute(z, 0, out, 0).write;
		Sys.println(total + " " + (out.compare(src) == 0));
	}
}
