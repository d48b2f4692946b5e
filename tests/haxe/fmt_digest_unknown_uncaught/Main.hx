// An unknown digest code left uncaught: HashLink's report and exit code 1.
class Main {
	static function main() {
		var out = haxe.io.Bytes.alloc(32);
		Sys.println(haxe.crypto.Md5.encode("still fine"));
		hl.Format.digest(out.getData(), haxe.io.Bytes.ofString("x").getData(), 1, 9);
		Sys.println("not reached");
	}
}
