// haxe.crypto.Sha256.make on a large generated input and on prefixes of it.
import haxe.crypto.Sha256;
import haxe.io.Bytes;

class Main {
	static function main() {
		var n = 100000;
		var b = Bytes.alloc(n);
		var x = 42;
		for (i in 0...n) {
			x = x * 69069 + 1;
			b.set(i, x >>> 24);
		}
		Sys.println(Sha256.make(b).toHex());
		for (len in [0, 1, 1000, 4096, 65536, 99999])
			Sys.println(len + " " + Sha256.make(b.sub(0, len)).toHex());
		Sys.println(Sha256.make(Bytes.alloc(50000)).toHex());
	}
}
