// sys.io.Process: a program run with arguments (no shell: spaces and quotes stay as they are),
// a command line run by /bin/sh, stdout and stderr read separately, readLine, UTF-8 arguments.
import sys.io.Process;

class Main {
	static function run(cmd:String, ?args:Array<String>) {
		var p = new Process(cmd, args);
		var out = p.stdout.readAll().toString();
		var err = p.stderr.readAll().toString();
		var code = p.exitCode();
		p.close();
		Sys.println('[$cmd ${args == null ? "(shell)" : args.join("|")}] exit $code');
		Sys.print("  stdout: " + StringTools.replace(out, "\n", "\\n") + "\n");
		Sys.print("  stderr: " + StringTools.replace(err, "\n", "\\n") + "\n");
	}

	static function main() {
		run("echo", ["hello", "world"]);
		run("echo", ["two  spaces", "'quoted'", "$HOME", "*"]);
		run("printf", ["%s-%s\\n", "a", "b"]);
		run("echo shell $((6 * 7)) | tr a-z A-Z");
		run("echo to-stderr >&2; echo to-stdout");
		run("printf 'l1\\nl2\\nl3'");
		run("echo", ["héllo wörld ☃"]);
		run("true");

		var p = new Process("printf", ["first\\nsecond\\nthird\\n"]);
		Sys.println("line: " + p.stdout.readLine());
		Sys.println("line: " + p.stdout.readLine());
		Sys.println("line: " + p.stdout.readLine());
		try {
			p.stdout.readLine();
		} catch (e:haxe.io.Eof) {
			Sys.println("eof after three lines");
		}
		Sys.println("exit " + p.exitCode());
		p.close();
	}
}
