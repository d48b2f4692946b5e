// Damaged compressed data left uncaught: the zlib error ends the program with HashLink's report.
class Main {
	static function main() {
		var z = haxe.zip.Compress.run(haxe.io.Bytes.ofString("fine data, fine data"), 6);
		Sys.println(haxe.zip.Uncompress.run(z).toString());
		z.set(3, z.get(3) ^ 0x7F);
		Sys.println(haxe.zip.Uncompress.run(z).toString());
		Sys.println("not reached");
	}
}
