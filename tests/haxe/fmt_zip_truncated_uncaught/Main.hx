// Truncated compressed data left uncaught: once the input is used up without the end of the stream,
// zlib cannot progress (Z_BUF_ERROR, no message) and Uncompress.run throws "ZLib Error : -5".
class Main {
	static function main() {
		var src = haxe.io.Bytes.alloc(10000);
		for (i in 0...src.length)
			src.set(i, (i * 13) & 0xFF);
		var z = haxe.zip.Compress.run(src, 9);
		Sys.println(z.length > 10);
		haxe.zip.Uncompress.run(z.sub(0, z.length - 10), 100);
		Sys.println("not reached");
	}
}
