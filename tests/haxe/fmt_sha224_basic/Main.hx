// haxe.crypto.Sha224 (plain Haxe on HL 1.16, no native): encode on ASCII, UTF-8 and block boundary
// inputs. Its make is broken in Haxe 4.2.5 (writes 32 bytes into 28): always OutsideBounds.
import haxe.crypto.Sha224;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "The quick brown fox jumps over the lazy dog",
			"héllo", "日本", "😀😀"];
		for (s in inputs) {
			Sys.println(s + " " + Sha224.encode(s));
		}
		for (n in [55, 56, 63, 64, 65, 119, 120]) {
			var s = StringTools.rpad("", "z", n);
			Sys.println(n + " " + Sha224.encode(s));
		}
		var b = new StringBuf();
		for (i in 0...3000)
			b.addChar(32 + (i * 7 + (i >> 8)) % 90);
		Sys.println(Sha224.encode(b.toString()));
		try {
			Sys.println(Sha224.make(Bytes.ofString("abc")).toHex());
		} catch (e:Dynamic) {
			Sys.println("make: " + e);
		}
	}
}
