// Empty and one-byte inputs through Compress.run / Uncompress.run, and the shortest valid streams.
import haxe.io.Bytes;
import haxe.zip.Compress;
import haxe.zip.Uncompress;

class Main {
	static function main() {
		for (level in [0, 1, 6, 9]) {
			var z = Compress.run(Bytes.alloc(0), level);
			var back = Uncompress.run(z);
			Sys.println(level + " " + z.toHex() + " " + back.length);
			var one = Compress.run(Bytes.ofString("A"), level);
			Sys.println(level + " " + one.toHex() + " " + Uncompress.run(one).toString());
		}
		// A stored empty block written by hand: 78 01, final stored block of length 0, Adler-32 = 1.
		var hand = Bytes.ofHex("7801010000ffff00000001");
		Sys.println(Uncompress.run(hand).length);
		// Trailing bytes after the end of the stream are left unread.
		var z = Compress.run(Bytes.ofString("tail"), 9);
		var padded = Bytes.alloc(z.length + 5);
		padded.blit(0, z, 0, z.length);
		var u = new Uncompress();
		var out = Bytes.alloc(64);
		var r = u.execute(padded, 0, out, 0);
		u.close();
		Sys.println(r.done + " " + r.read + "/" + padded.length + " " + out.sub(0, r.write).toString());
	}
}
