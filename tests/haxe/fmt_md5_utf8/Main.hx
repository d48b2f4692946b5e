// haxe.crypto.Md5 on non-ASCII text: encode digests the UTF-8 form of the string (surrogate pairs
// become 4-byte sequences), and stops at the first NUL character as HashLink's conversion does.
import haxe.crypto.Md5;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["é", "héllo wörld", "日本語のテキスト", "😀", "a😀b🎉c", "Ελληνικά", "Привет, мир", "\u00ff\u0100\u07ff\u0800\uffff",
			"mixed ASCII + ünïcödé + 中文 + 🚀🚀"];
		for (s in inputs) {
			var e = Md5.encode(s);
			var m = Md5.make(Bytes.ofString(s)).toHex();
			Sys.println(s + " " + s.length + " " + Bytes.ofString(s).length + " " + e + (e == m ? "" : " MISMATCH " + m));
		}
		var withNul = "ab" + String.fromCharCode(0) + "cd";
		Sys.println(withNul.length + " " + Md5.encode(withNul) + " " + Md5.encode("ab") + " " + Md5.make(Bytes.ofString(withNul)).toHex());
		var big = new StringBuf();
		for (i in 0...2000)
			big.add("ü" + i + "😀");
		var s = big.toString();
		Sys.println(s.length + " " + Md5.encode(s) + " " + Md5.make(Bytes.ofString(s)).toHex());
	}
}
