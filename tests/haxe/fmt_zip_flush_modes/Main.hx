// Compress with each flush mode between pieces (SYNC and FULL end on a byte boundary with an empty
// stored block, BLOCK ends the block) and Uncompress of the partial output after each piece.
import haxe.io.Bytes;
import haxe.io.BytesBuffer;
import haxe.zip.Compress;
import haxe.zip.FlushMode;
import haxe.zip.Uncompress;

class Main {
	static function main() {
		var pieces = ["first piece. ", "second piece, second piece. ", "third!"];
		for (mode in [FlushMode.NO, FlushMode.SYNC, FlushMode.FULL, FlushMode.BLOCK]) {
			var c = new Compress(6);
			c.setFlushMode(mode);
			var out = Bytes.alloc(256);
			var all = new BytesBuffer();
			var line = mode + ":";
			var u = new Uncompress();
			u.setFlushMode(FlushMode.SYNC);
			var inflated = Bytes.alloc(256);
			var inflatedLen = 0;
			for (p in pieces) {
				var r = c.execute(Bytes.ofString(p), 0, out, 0);
				var chunk = out.sub(0, r.write);
				all.add(chunk);
				line += " " + r.read + "/" + r.write + "=" + chunk.toHex();
				// Nothing new to read makes zlib report Z_BUF_ERROR: HashLink throws it.
				try {
					var ur = u.execute(chunk, 0, inflated, inflatedLen);
					inflatedLen += ur.write;
					line += " [" + inflated.sub(0, inflatedLen).toString() + "]";
				} catch (e:Dynamic) {
					line += " (" + e + ")";
				}
			}
			c.setFlushMode(FlushMode.FINISH);
			var r = c.execute(Bytes.alloc(0), 0, out, 0);
			all.add(out.sub(0, r.write));
			u.close();
			Sys.println(line);
			var whole = all.getBytes();
			Sys.println("  finish " + r.done + " " + r.write + " total " + whole.length + " -> " + Uncompress.run(whole).toString());
			c.close();
		}
	}
}
