// Raw deflate streams (window bits -15) through the zip archive classes: haxe.zip.Writer writes
// entries compressed by haxe.zip.Tools.compress (Compress.run minus header and trailer, CRC-32 of
// the data), haxe.zip.Reader reads them back and Reader.unzip inflates with Uncompress(-15).
// No empty entry: Bytes.alloc(0) is a null pointer, into which zlib refuses to inflate
// ("ZLib Error : -2"); fmt_zip_empty_entry checks that case.
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

	static function main() {
		var files = [
			entry("a.txt", Bytes.ofString(StringTools.rpad("", "zip me! ", 800))),
			entry("dir/b.bin", Bytes.ofHex("000102030405060708090a0b0c0d0e0f")),
			entry("unicode.txt", Bytes.ofString("日本語 😀 " + StringTools.rpad("", "abc", 300)))
		];
		for (f in files) {
			var before = f.data.length;
			haxe.zip.Tools.compress(f, 9);
			Sys.println(f.fileName + " " + before + " -> " + f.dataSize + " crc " + f.crc32 + " " + f.data.sub(0, f.data.length < 12 ? f.data.length : 12).toHex());
		}
		var out = new BytesOutput();
		new haxe.zip.Writer(out).write(Lambda.list(files));
		var archive = out.getBytes();
		Sys.println("archive " + archive.length + " bytes, md5 " + haxe.crypto.Md5.make(archive).toHex());
		var entries = haxe.zip.Reader.readZip(new BytesInput(archive));
		for (e in entries) {
			var data = haxe.zip.Reader.unzip(e);
			Sys.println(e.fileName + " " + e.compressed + " " + data.length + " crc ok " + (haxe.crypto.Crc32.make(data) == e.crc32));
		}
		// Raw inflate of a raw stream by hand, and a damaged entry.
		var raw = Compress.run(Bytes.ofString("raw raw raw raw"), 6);
		var u = new haxe.zip.Uncompress(-15);
		var dst = Bytes.alloc(100);
		var r = u.execute(raw, 2, dst, 0);
		u.close();
		Sys.println(r.done + " " + r.read + " " + r.write + " " + dst.sub(0, r.write).toString());
		var bad = files[0];
		bad.data.set(0, 0xFF); // final block of the reserved type 3
		try {
			haxe.zip.Tools.uncompress(bad);
			Sys.println("inflated?");
		} catch (e:Dynamic) {
			Sys.println("damaged entry: " + e);
		}
	}
}
typedef Compress = haxe.zip.Compress;
