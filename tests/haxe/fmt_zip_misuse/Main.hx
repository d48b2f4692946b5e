// Misuse that HashLink answers without crashing: positions outside the buffers ("Out of range"),
// closing twice, changing the flush mode after closing, deflate_bound of an ended stream.
import haxe.io.Bytes;
import haxe.zip.Compress;
import haxe.zip.FlushMode;
import haxe.zip.Uncompress;

class Main {
	static function tryIt(name:String, f:Void->String) {
		try {
			Sys.println(name + ": " + f());
		} catch (e:Dynamic) {
			Sys.println(name + ": error " + e);
		}
	}

	static function main() {
		var src = Bytes.ofString("some data to compress");
		var dst = Bytes.alloc(100);
		var c = new Compress(6);
		tryIt("src past end", () -> Std.string(c.execute(src, src.length + 1, dst, 0)));
		tryIt("dst past end", () -> Std.string(c.execute(src, 0, dst, dst.length + 1)));
		tryIt("negative src", () -> Std.string(c.execute(src, -1, dst, 0)));
		tryIt("negative dst", () -> Std.string(c.execute(src, 0, dst, -3)));
		tryIt("src at end", () -> Std.string(c.execute(src, src.length, dst, 0)));
		c.setFlushMode(FlushMode.FINISH);
		tryIt("finish", () -> Std.string(c.execute(src, 0, dst, 0)));
		tryIt("finish again", () -> Std.string(c.execute(src, src.length, dst, 50)));
		tryIt("bound", () -> "" + @:privateAccess Compress.deflate_bound(c.s, 1000));
		c.close();
		c.close();
		c.setFlushMode(FlushMode.SYNC);
		tryIt("bound after close", () -> "" + @:privateAccess Compress.deflate_bound(c.s, 1000));
		tryIt("bound 0 after close", () -> "" + @:privateAccess Compress.deflate_bound(c.s, 0));
		var z = Compress.run(src, 1);
		var u = new Uncompress();
		tryIt("inflate past end", () -> Std.string(u.execute(z, z.length + 2, dst, 0)));
		tryIt("inflate dst past end", () -> Std.string(u.execute(z, 0, dst, 101)));
		tryIt("inflate", () -> Std.string(u.execute(z, 0, dst, 0)) + " " + dst.sub(0, src.length).toString());
		tryIt("inflate after end", () -> Std.string(u.execute(z, 0, dst, 0)));
		u.close();
		u.close();
		for (level in 0...10) {
			var k = new Compress(level);
			Sys.println(level + " bound " + @:privateAccess Compress.deflate_bound(k.s, 0) + " "
				+ @:privateAccess Compress.deflate_bound(k.s, 100) + " " + @:privateAccess Compress.deflate_bound(k.s, 1 << 20));
			k.close();
		}
	}
}
