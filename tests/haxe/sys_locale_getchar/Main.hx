// Sys.setTimeLocale (sys_set_time_locale: true for a locale that exists) and Sys.getChar
// (sys_get_char) with stdin at end of file: -1, and with echo the byte 0xFF on stdout.
class Main {
	static function main() {
		Sys.println("locale C: " + Sys.setTimeLocale("C"));
		Sys.println("locale POSIX: " + Sys.setTimeLocale("POSIX"));
		Sys.println("locale from the environment: " + Sys.setTimeLocale(""));
		Sys.println("locale nonsense: " + Sys.setTimeLocale("xx_NOWHERE.bogus"));
		Sys.println("date still formats: " + DateTools.format(new Date(2020, 0, 2, 3, 4, 5), "%Y-%m-%d %H:%M:%S"));

		Sys.println("getChar at eof: " + Sys.getChar(false));
		Sys.println("getChar again: " + Sys.getChar(false));
		Sys.print("echoed: [");
		var c = Sys.getChar(true);
		Sys.println("] " + c);
	}
}
