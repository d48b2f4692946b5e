// haxe.crypto.Sha256 on non-ASCII strings (digested as UTF-8) and on Bytes holding the same text.
import haxe.crypto.Sha256;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["ä", "Größe", "中文字符", "🍕 pizza 🍕", "\u{10FFFF}", "Ünïcödé ✓ ✗", "\u07ff\u0800"];
		for (s in inputs) {
			var e = Sha256.encode(s);
			var m = Sha256.make(Bytes.ofString(s)).toHex();
			Sys.println(s + " " + Bytes.ofString(s).length + " " + e + (e == m ? "" : " MISMATCH " + m));
		}
		var b = new StringBuf();
		for (i in 0...300)
			b.add("é" + i + "🎵");
		Sys.println(Sha256.encode(b.toString()));
	}
}
