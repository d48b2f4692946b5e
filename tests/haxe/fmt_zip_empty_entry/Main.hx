// A zip archive with an empty compressed entry. Reader.unzip inflates into Bytes.alloc(fileSize):
// for an empty file that is HashLink's null block of size 0, into which zlib refuses to inflate
// (Z_STREAM_ERROR, "ZLib Error : -2"); a stored (uncompressed) empty entry comes back as it is.
// Inflating or deflating into a zero-length output made by alloc(0) fails the same way.
import haxe.io.Bytes;
import haxe.io.BytesInput;
import haxe.io.BytesOutput;
import haxe.zip.Entry;

class Main {
	static function entry(name:String, data:Bytes):Entry {
		return {
			fileName: name,
			fileSize: data.length,
			fileTime: Date.fromTime(1500000000000.0),
			compressed: false,
			dataSize: data.length,
			data: data,
			crc32: haxe.crypto.Crc32.make(data)
		};
	}

	static function attempt(what:String, f:() -> String) {
		try {
			Sys.println(what + ": " + f());
		} catch (e:Dynamic) {
			Sys.println(what + ": error " + e);
		}
	}

	static function main() {
		var compressed = entry("empty.txt", Bytes.alloc(0));
		haxe.zip.Tools.compress(compressed, 6);
		Sys.println("compressed empty entry: " + compressed.dataSize + " bytes " + compressed.data.toHex());
		var stored = entry("stored.txt", Bytes.alloc(0));
		var full = entry("full.txt", Bytes.ofString("not empty"));
		haxe.zip.Tools.compress(full, 6);
		var out = new BytesOutput();
		new haxe.zip.Writer(out).write(Lambda.list([compressed, stored, full]));
		var entries = haxe.zip.Reader.readZip(new BytesInput(out.getBytes()));
		for (e in entries)
			attempt("unzip " + e.fileName + " (compressed " + e.compressed + ")", () -> {
				var data = haxe.zip.Reader.unzip(e);
				return data.length + " bytes '" + data.toString() + "'";
			});
		// The streams themselves, into an empty output.
		var z = haxe.zip.Compress.run(Bytes.ofString("abc"), 6);
		attempt("inflate into alloc(0)", () -> {
			var u = new haxe.zip.Uncompress();
			var r = u.execute(z, 0, Bytes.alloc(0), 0);
			u.close();
			return r.done + " " + r.read + " " + r.write;
		});
		attempt("deflate into alloc(0)", () -> {
			var c = new haxe.zip.Compress(6);
			var r = c.execute(Bytes.ofString("abc"), 0, Bytes.alloc(0), 0);
			c.close();
			return r.done + " " + r.read + " " + r.write;
		});
		attempt("inflate into a real block at its end", () -> {
			var u = new haxe.zip.Uncompress();
			var r = u.execute(z, 0, Bytes.alloc(4), 4);
			u.close();
			return r.done + " " + r.read + " " + r.write;
		});
		attempt("Uncompress.run of an empty stream", () -> haxe.zip.Uncompress.run(haxe.zip.Compress.run(Bytes.alloc(0), 6)).length + " bytes");
	}
}
