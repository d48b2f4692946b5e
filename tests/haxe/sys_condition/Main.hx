// The condition_* natives of HashLink 1.16 (sys.thread.Condition in Haxe 4.3), called directly:
// a recursive mutex with wait/signal/broadcast and timed waits, shared by threads.
import sys.thread.Thread;

typedef Cond = hl.Abstract<"hl_condition">;

class Main {
	@:hlNative("std", "condition_alloc") static function alloc():Cond return null;
	@:hlNative("std", "condition_acquire") static function acquire(c:Cond):Void {}
	@:hlNative("std", "condition_try_acquire") static function tryAcquire(c:Cond):Bool return false;
	@:hlNative("std", "condition_release") static function release(c:Cond):Void {}
	@:hlNative("std", "condition_wait") static function wait(c:Cond):Void {}
	@:hlNative("std", "condition_timed_wait") static function timedWait(c:Cond, t:Float):Bool return false;
	@:hlNative("std", "condition_signal") static function signal(c:Cond):Void {}
	@:hlNative("std", "condition_broadcast") static function broadcast(c:Cond):Void {}

	static function main() {
		var c = alloc();
		Sys.println("try free: " + tryAcquire(c));
		Sys.println("try again (recursive): " + tryAcquire(c));
		release(c);
		Sys.println("timed wait, no signal: " + timedWait(c, 0.02));
		release(c);

		// Another thread cannot take it while the main thread holds it.
		acquire(c);
		var seen = alloc();
		var other = false;
		var reported = false;
		Thread.create(() -> {
			other = tryAcquire(c);
			acquire(seen);
			reported = true;
			signal(seen);
			release(seen);
		});
		acquire(seen);
		while (!reported) wait(seen);
		release(seen);
		Sys.println("other thread's try while held: " + other);
		release(c);

		// Signal: one waiter, a predicate loop.
		var ready = false;
		Thread.create(() -> {
			Sys.sleep(0.02);
			acquire(c);
			ready = true;
			signal(c);
			release(c);
		});
		acquire(c);
		while (!ready) wait(c);
		release(c);
		Sys.println("signaled: " + ready);

		// Broadcast: several waiters all wake (they broadcast too: all wait on one condition).
		var go = false, woke = 0, waiting = 0;
		for (i in 0...4) {
			Thread.create(() -> {
				acquire(c);
				waiting++;
				broadcast(c);
				while (!go) wait(c);
				woke++;
				broadcast(c);
				release(c);
			});
		}
		acquire(c);
		while (waiting < 4) wait(c);
		go = true;
		broadcast(c);
		while (woke < 4) wait(c);
		release(c);
		Sys.println("broadcast woke: " + woke);

		// A timed wait cut short by a signal.
		var flag = false;
		Thread.create(() -> {
			Sys.sleep(0.02);
			acquire(c);
			flag = true;
			signal(c);
			release(c);
		});
		acquire(c);
		var got = true;
		while (!flag && got) got = timedWait(c, 10);
		release(c);
		Sys.println("timed wait signaled: " + got + " " + flag);
	}
}
