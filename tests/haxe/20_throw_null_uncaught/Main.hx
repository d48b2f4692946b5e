class Main {
	static function main() {
		Sys.println("before");
		throw null;
	}
}
