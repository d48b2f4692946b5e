// haxe.crypto.Sha256 (plain Haxe on HL 1.16, no native): encode and make on the FIPS vectors and
// lengths around the 64-byte block.
import haxe.crypto.Sha256;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["", "a", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
			"The quick brown fox jumps over the lazy dog", "0123456789"];
		for (s in inputs) {
			var e = Sha256.encode(s);
			var m = Sha256.make(Bytes.ofString(s));
			Sys.println(s.length + " " + e + " " + m.length + (e == m.toHex() ? "" : " MISMATCH " + m.toHex()));
		}
		for (n in [1, 55, 56, 57, 63, 64, 65, 119, 120, 128]) {
			var s = StringTools.rpad("", "k", n);
			Sys.println(n + " " + Sha256.encode(s) + " " + Sha256.make(Bytes.ofString(s)).toHex());
		}
	}
}
