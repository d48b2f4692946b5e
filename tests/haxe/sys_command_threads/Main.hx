// Sys.command waits for the shell outside the VM lock: a second Haxe thread keeps ticking while
// the main thread's command sleeps (HashLink runs system() as a blocking section). The exit codes
// of commands come back as HashLink encodes them.
import sys.thread.Lock;
import sys.thread.Thread;

class Main {
	static var ticks = 0;
	static var stop = false;

	static function main() {
		var started = new Lock();
		var done = new Lock();
		Thread.create(() -> {
			started.release();
			while (!stop) {
				ticks++;
				Sys.sleep(0.01);
			}
			done.release();
		});
		started.wait();
		var before = ticks;
		var code = Sys.command("sleep 0.4");
		var during = ticks - before;
		stop = true;
		done.wait();
		Sys.println("sleep exit code: " + code);
		// About 40 ticks when the worker runs; none when the command keeps the VM to itself.
		Sys.println("worker ticked during the command: " + (during >= 5));
		Sys.println("exit 3: " + Sys.command("exit 3"));
		Sys.println("true: " + Sys.command("true"));
	}
}
