// hl.Format.digest called directly: each code with and without the string flag 256 (which reads a
// NUL-terminated UTF-16 string and ignores the length), outputs written at an offset, and unknown
// codes (caught: "Unknown digest format N", N being the low byte).
import haxe.io.Bytes;

class Main {
	static function run(src:hl.Bytes, len:Int, code:Int, outLen:Int):String {
		var out = Bytes.alloc(outLen + 4);
		out.fill(0, out.length, 0xAA);
		if (code & 0xFF >= 2)
			out.setInt32(2, code & 0xFF == 3 ? 1 : 0);
		try {
			var dst:hl.Bytes = out.getData();
			hl.Format.digest(dst.offset(2), src, len, code);
		} catch (e:Dynamic) {
			return "error: " + e;
		}
		return out.toHex();
	}

	static function main() {
		var text = "héllo, 世界 😀";
		var utf8 = Bytes.ofString(text);
		var str:hl.Bytes = @:privateAccess text.bytes;
		for (code in 0...4) {
			var size = [16, 20, 4, 4][code];
			Sys.println(code + " bytes  " + run(utf8.getData(), utf8.length, code, size));
			Sys.println(code + " string " + run(str, 0, code | 256, size));
			Sys.println(code + " string, length ignored " + run(str, 99999, code | 256, size));
			Sys.println(code + " prefix " + run(utf8.getData(), 5, code, size));
			Sys.println(code + " empty  " + run(utf8.getData(), 0, code, size));
		}
		for (code in [4, 5, 127, 255, 256 | 4, 512, 0x1FF, 1024 | 9])
			Sys.println(code + " " + run(utf8.getData(), utf8.length, code, 16));
		// Low byte only: 512 + 1 is SHA-1, 0x300 + 0 is MD5 of the string.
		Sys.println(run(utf8.getData(), utf8.length, 512 | 1, 20));
		Sys.println(run(str, 0, 0x300, 16));
	}
}
