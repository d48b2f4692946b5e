class Main {
	static function main() {
		Sys.println("line one");
		Sys.print("no newline ");
		Sys.stderr().writeString("to stderr\n");
		try {
			Sys.println("exiting inside try");
			Sys.exit(3);
		} catch (e:Dynamic) {
			Sys.println("caught exit?! " + e);
		}
		Sys.println("not reached");
	}
}
