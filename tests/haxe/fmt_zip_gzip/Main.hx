// Window bits select the container: 16 + 15 reads gzip, 32 + 15 detects zlib or gzip, -15 raw
// deflate; the gzip streams here were written by gzip(1) and Python's gzip module.
import haxe.io.Bytes;
import haxe.zip.Uncompress;

class Main {
	static function inflate(data:Bytes, bits:Int):String {
		try {
			var u = new Uncompress(bits);
			var out = Bytes.alloc(1000);
			var r = u.execute(data, 0, out, 0);
			u.close();
			return r.done + " " + r.read + "/" + data.length + " " + out.sub(0, r.write).toString().split("\n").join("|");
		} catch (e:Dynamic) {
			return "error " + e;
		}
	}

	static function main() {
		var plain = Bytes.ofHex("1f8b0800000000000203cb48cdc9c95748afca2c5028cf2fca49e102003e5600e811000000");
		var named = Bytes.ofHex("1f8b0808d202964900ff6e6f74652e747874004bafca2c5028cf2cc950485448cbcc4955c84bcc4d55c8cc53c82c2956c8484d4c492de24aa7921a00b0d6f10f6c000000");
		var zlib = haxe.zip.Compress.run(Bytes.ofString("zlib stream\n"), 6);
		for (bits in [0, 15, 31, 47, -15, 9, 24]) {
			Sys.println(bits + " plain: " + inflate(plain, bits));
			Sys.println(bits + " named: " + inflate(named, bits));
			Sys.println(bits + " zlib:  " + inflate(zlib, bits));
		}
		var badcrc = named.sub(0, named.length);
		badcrc.set(named.length - 6, badcrc.get(named.length - 6) ^ 1);
		Sys.println("bad crc: " + inflate(badcrc, 31));
		var badlen = named.sub(0, named.length);
		badlen.set(named.length - 4, 0);
		Sys.println("bad length: " + inflate(badlen, 31));
	}
}
