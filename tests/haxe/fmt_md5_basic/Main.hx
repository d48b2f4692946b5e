// haxe.crypto.Md5 on ASCII text: encode (String, digest code 0 with the string flag 256) and make
// (Bytes, code 0), on the RFC 1321 test suite and lengths around the 64-byte block and its padding.
import haxe.crypto.Md5;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["", "a", "abc", "message digest", "abcdefghijklmnopqrstuvwxyz",
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
			"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
			"The quick brown fox jumps over the lazy dog", "The quick brown fox jumps over the lazy dog."];
		for (s in inputs) {
			var e = Md5.encode(s);
			var m = Md5.make(Bytes.ofString(s));
			Sys.println(s.length + " " + e + " " + m.toHex() + " " + m.length + (e == m.toHex() ? "" : " MISMATCH"));
		}
		for (n in [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129]) {
			var s = StringTools.rpad("", "x", n);
			Sys.println(n + " " + Md5.encode(s) + " " + Md5.make(Bytes.ofString(s)).toHex());
		}
		// The digest is a fresh 16-byte Bytes each time.
		var a = Md5.make(Bytes.ofString("abc"));
		var b = Md5.make(Bytes.ofString("abc"));
		Sys.println((a == b) + " " + (a.compare(b) == 0) + " " + a.get(0) + " " + a.get(15));
	}
}
