// Many processes: started, killed, closed, dropped without closing (the GC finalizer reaps them),
// reading after close, and a thread blocked on a child's output while the main thread works.
import sys.io.Process;
import sys.thread.Thread;

class Main {
	static function main() {
		var p = new Process("sleep", ["30"]);
		p.kill();
		Sys.println("killed sleep: " + p.exitCode());
		p.close();
		// readAll ends at the Eof that the closed pipe gives at once.
		Sys.println("read after close: " + p.stdout.readAll().length + " bytes");

		// 200 short processes, half of them never closed (their handles are collected).
		var total = 0;
		for (i in 0...200) {
			var p = new Process("echo", ["" + i]);
			total += Std.parseInt(p.stdout.readLine());
			if (i % 2 == 0) {
				p.exitCode();
				p.close();
			}
			if (i % 50 == 0) hl.Gc.major();
		}
		hl.Gc.major();
		Sys.println("sum of echoes: " + total);

		// A thread waits for a slow child's output; the main thread keeps computing meanwhile.
		var result = new sys.thread.Lock();
		var line = null;
		Thread.create(() -> {
			var p = new Process("sh", ["-c", "sleep 0.1; echo late"]);
			line = p.stdout.readLine();
			p.exitCode();
			p.close();
			result.release();
		});
		var work = 0;
		for (i in 0...100000) work += i % 7;
		Sys.println("main thread worked: " + work);
		result.wait();
		Sys.println("thread read: " + line);

		// A child left running when the program ends is killed and reaped by the VM.
		new Process("sleep", ["30"]);
		Sys.println("done");
	}
}
