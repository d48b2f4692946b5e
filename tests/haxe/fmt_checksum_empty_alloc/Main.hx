// Checksums of zero-length Bytes. HashLink's allocator answers a request for 0 bytes with a null
// pointer, so Bytes.alloc(0) (and sub(_, 0), which allocates its result) holds a null hl.Bytes;
// zlib's crc32/adler32 of a null buffer are their initial values (0 and 1) whatever the running
// value passed in. Zero-length Bytes that point into a real block keep the running value.
import haxe.crypto.Adler32;
import haxe.crypto.Crc32;
import haxe.io.Bytes;

class Main {
	// hl.Format.digest's running checksums (2: CRC-32, 3: Adler-32) from a chosen start.
	static function running(data:hl.Bytes, length:Int, format:Int, start:Int):Int {
		var out = Bytes.alloc(4);
		out.setInt32(0, start);
		hl.Format.digest(out.getData(), data, length, format);
		return out.getInt32(0);
	}

	static function main() {
		var empty = Bytes.alloc(0);
		var abc = Bytes.ofString("abc");
		var cut = abc.sub(1, 0);
		// The hl.Bytes inside (getData() wraps it in a new object), through Dynamic: compared as an
		// hl.Bytes, the compiler folds `== null` to false.
		var emptyData:Dynamic = @:privateAccess empty.b;
		var cutData:Dynamic = @:privateAccess cut.b;
		Sys.println("alloc(0) data is null: " + (emptyData == null));
		Sys.println("sub(1, 0) data is null: " + (cutData == null) + ", length " + cut.length);
		Sys.println("Crc32.make(alloc(0)) = " + Crc32.make(empty));
		Sys.println("Adler32.make(alloc(0)) = " + Adler32.make(empty));
		Sys.println("Crc32.make(sub(1, 0)) = " + Crc32.make(cut));
		Sys.println("Adler32.make(sub(1, 0)) = " + Adler32.make(cut));
		for (start in [1, 123456789, -1]) {
			Sys.println("start " + start + ": crc null " + running(empty.getData(), 0, 2, start) + ", crc real "
				+ running(abc.getData(), 0, 2, start) + ", adler null " + running(empty.getData(), 0, 3, start)
				+ ", adler real " + running(abc.getData(), 0, 3, start));
		}
		// Haxe's own running classes start from their initial values and add nothing.
		var c = new Crc32();
		c.update(empty, 0, 0);
		var a = new Adler32();
		a.update(empty, 0, 0);
		Sys.println("Crc32.update " + c.get() + ", Adler32.update " + a.get());
		// The empty Bytes still compare, copy and print as empty.
		Sys.println("'" + empty.toString() + "' " + empty.toHex().length + " " + empty.compare(cut) + " " + (empty.sub(0, 0).length));
		var copy = Bytes.alloc(3);
		copy.blit(0, empty, 0, 0);
		Sys.println(copy.toHex());
	}
}
