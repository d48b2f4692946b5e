// The lock_* natives of HashLink 1.11+ (what sys.thread.Lock uses with -D hl-ver=1.11.0),
// called directly: counting releases, timeouts, waits released by other threads.
import sys.thread.Thread;

typedef LockHandle = hl.Abstract<"hl_lock">;

class Main {
	@:hlNative("std", "lock_create") static function create():LockHandle return null;
	@:hlNative("std", "lock_release") static function release(l:LockHandle):Void {}
	@:hlNative("std", "lock_wait") static function wait(l:LockHandle, ?timeout:Float):Bool return false;

	static function main() {
		var l = create();
		Sys.println("wait(0.01) empty: " + wait(l, 0.01));
		Sys.println("wait(0) empty: " + wait(l, 0));
		Sys.println("wait(-1) empty: " + wait(l, -1));
		release(l);
		release(l);
		Sys.println("wait() after 2 releases: " + wait(l));
		Sys.println("wait(0) second: " + wait(l, 0));
		Sys.println("wait(0) third: " + wait(l, 0));

		// Released by another thread while the main thread waits without a limit.
		Thread.create(() -> {
			Sys.sleep(0.03);
			release(l);
		});
		Sys.println("wait() released by a thread: " + wait(l));

		// A long timeout that a thread cuts short.
		Thread.create(() -> {
			Sys.sleep(0.03);
			release(l);
		});
		Sys.println("wait(10) released by a thread: " + wait(l, 10));

		// Several waiting threads, each released once.
		var done = create();
		var woken = 0;
		var m = new sys.thread.Mutex();
		for (i in 0...3) {
			Thread.create(() -> {
				if (wait(l, 10)) {
					m.acquire();
					woken++;
					m.release();
				}
				release(done);
			});
		}
		Sys.sleep(0.02);
		for (i in 0...3) release(l);
		for (i in 0...3) wait(done);
		Sys.println("woken threads: " + woken);
		Sys.println("left over: " + wait(l, 0));
	}
}
