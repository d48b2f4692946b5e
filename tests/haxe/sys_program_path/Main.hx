// Sys.programPath: sys_hl_file (the .hl file as the host named it) made absolute by
// FileSystem.fullPath. The folder differs between runs, so only the file name is printed.
import haxe.io.Path;

class Main {
	static function main() {
		var p = Sys.programPath();
		Sys.println("file: " + Path.withoutDirectory(p));
		Sys.println("absolute: " + Path.isAbsolute(p));
		Sys.println("exists: " + sys.FileSystem.exists(p));
		Sys.println("same as fullPath: " + (sys.FileSystem.fullPath(p) == p));
	}
}
