// haxe.crypto.Sha1.encode on non-ASCII strings digests their UTF-8 form (up to a NUL character);
// make on the same text as Bytes must agree.
import haxe.crypto.Sha1;
import haxe.io.Bytes;

class Main {
	static function main() {
		var inputs = ["ß", "naïve café", "東京タワー", "🙂🙃", "x\u{1F600}y", "עברית", "\u0080\u07ff\u0800\ud7ff\ue000\uffff"];
		for (s in inputs) {
			var e = Sha1.encode(s);
			var m = Sha1.make(Bytes.ofString(s)).toHex();
			Sys.println(s + " " + e + (e == m ? "" : " MISMATCH " + m));
		}
		var nul = "before" + String.fromCharCode(0) + "after";
		Sys.println(Sha1.encode(nul) + " " + Sha1.encode("before") + " " + Sha1.make(Bytes.ofString(nul)).toHex());
		var b = new StringBuf();
		for (i in 0...5000)
			b.add(String.fromCharCode(0x400 + i % 300) + String.fromCharCode(0x1F300 + i % 500));
		var s = b.toString();
		Sys.println(s.length + " " + Sha1.encode(s) + " " + Sha1.make(Bytes.ofString(s)).toHex());
	}
}
