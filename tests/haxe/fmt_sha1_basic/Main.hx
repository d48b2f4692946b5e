// haxe.crypto.Sha1 on ASCII text: encode (digest code 1 with the string flag 256) and make (code 1)
// on the FIPS 180 vectors and lengths around the 64-byte block.
import haxe.crypto.Sha1;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["", "a", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
			"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
			"The quick brown fox jumps over the lazy dog", "The quick brown fox jumps over the lazy cog"];
		for (s in inputs) {
			var e = Sha1.encode(s);
			var m = Sha1.make(Bytes.ofString(s));
			Sys.println(s.length + " " + e + " " + m.length + (e == m.toHex() ? "" : " MISMATCH " + m.toHex()));
		}
		for (n in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 129]) {
			var s = StringTools.rpad("", "q", n);
			Sys.println(n + " " + Sha1.encode(s) + " " + Sha1.make(Bytes.ofString(s)).toHex());
		}
		Sys.println(Sha1.encode(StringTools.rpad("", "a", 1000000)));
	}
}
