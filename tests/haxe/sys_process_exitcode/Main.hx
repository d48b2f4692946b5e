// Process exit statuses as HashLink reports them: exit codes, a signal (0x40000000 | signo), a
// missing command (the child prints "Command not found" and exits 1), exitCode(false) while the
// child runs, and a second wait (-1).
import sys.io.Process;

class Main {
	static function main() {
		for (n in [0, 1, 3, 42, 255]) {
			var p = new Process("exit " + n);
			Sys.println("exit " + n + " -> " + p.exitCode());
			p.close();
		}
		var p = new Process("sh", ["-c", "kill -9 $$"]);
		Sys.println("killed by SIGKILL -> " + p.exitCode());
		p.close();
		var p = new Process("sh", ["-c", "kill -15 $$"]);
		Sys.println("killed by SIGTERM -> " + p.exitCode());
		p.close();

		var p = new Process("no_such_command_for_hlffi_tests", ["x"]);
		Sys.println("missing command stderr: " + p.stderr.readAll().toString());
		Sys.println("missing command exit: " + p.exitCode());
		Sys.println("second exitCode: " + p.exitCode());
		Sys.println("exitCode(false) after: " + p.exitCode(false));
		p.close();

		var p = new Process("sleep", ["5"]);
		Sys.println("exitCode(false) while running: " + p.exitCode(false));
		p.kill();
		Sys.println("after kill: " + p.exitCode());
		p.close();

		var p = new Process("exit 7");
		var code:Null<Int> = null;
		while ((code = p.exitCode(false)) == null) Sys.sleep(0.005);
		Sys.println("polled exit: " + code);
		p.close();
		Sys.println("close twice: ok");
		p.close();
	}
}
