// The semaphore_* natives of HashLink 1.16 (sys.thread.Semaphore in Haxe 4.3), called directly:
// counting, tryAcquire with and without a timeout, a bounded producer/consumer over threads.
import sys.thread.Thread;

typedef Sem = hl.Abstract<"hl_semaphore">;

class Main {
	@:hlNative("std", "semaphore_alloc") static function alloc(v:Int):Sem return null;
	@:hlNative("std", "semaphore_acquire") static function acquire(s:Sem):Void {}
	@:hlNative("std", "semaphore_try_acquire") static function tryAcquire(s:Sem, ?timeout:Float):Bool return false;
	@:hlNative("std", "semaphore_release") static function release(s:Sem):Void {}
	@:hlNative("std", "semaphore_free") static function free(s:Sem):Void {}

	static function main() {
		var s = alloc(2);
		Sys.println("try 1: " + tryAcquire(s));
		Sys.println("try 2: " + tryAcquire(s));
		Sys.println("try 3: " + tryAcquire(s));
		Sys.println("try 0.01s: " + tryAcquire(s, 0.01));
		release(s);
		Sys.println("try after release: " + tryAcquire(s, 0.01));
		acquire(alloc(1));
		Sys.println("acquire on 1: ok");

		// A thread releases while the main thread is blocked in acquire.
		var t = alloc(0);
		Thread.create(() -> {
			Sys.sleep(0.02);
			release(t);
		});
		acquire(t);
		Sys.println("acquire released by a thread: ok");
		Thread.create(() -> {
			Sys.sleep(0.02);
			release(t);
		});
		Sys.println("try 10s released by a thread: " + tryAcquire(t, 10));

		// Producer/consumer: slots bound the queue, items count what is in it.
		var slots = alloc(3), items = alloc(0), done = alloc(0);
		var queue = new sys.thread.Deque<Int>();
		var total = 0;
		Thread.create(() -> {
			for (i in 1...101) {
				acquire(slots);
				queue.add(i);
				release(items);
			}
		});
		Thread.create(() -> {
			for (_ in 0...100) {
				acquire(items);
				total += queue.pop(true);
				release(slots);
			}
			release(done);
		});
		acquire(done);
		Sys.println("consumed total: " + total);
		free(s);
		Sys.println("free: ok");
	}
}
