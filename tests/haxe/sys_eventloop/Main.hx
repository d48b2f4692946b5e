// sys.thread.EventLoop of Haxe 4.2.5 (over Lock, Mutex and Deque): events run by the main
// thread's loop after main returns, repeating events cancelled after a few runs, promised
// events from other threads, a thread with its own event loop, and Thread.processEvents.
import sys.thread.Thread;
import sys.thread.Lock;

class Main {
	static function main() {
		var events = Thread.current().events;
		events.run(() -> Sys.println("event 1"));
		events.run(() -> Sys.println("event 2"));
		Thread.processEvents();
		Sys.println("after processEvents");

		var n = 0;
		var handler = null;
		handler = events.repeat(() -> {
			n++;
			Sys.println("repeat " + n);
			if (n == 3) events.cancel(handler);
		}, 5);
		Thread.processEvents();
		Sys.println("repeats: " + n);

		// Promised events posted by other threads keep the loop alive until they arrive.
		// Their events run on the main thread, in arrival order: printed sorted.
		var arrived = [];
		for (i in 0...3) {
			events.promise();
			Thread.create(() -> {
				Sys.sleep(0.01 * (i + 1));
				events.runPromised(() -> arrived.push(i));
			});
		}
		Thread.processEvents();
		arrived.sort((a, b) -> a - b);
		Sys.println("promised events from threads: " + arrived.join(","));

		// A thread with its own loop runs the events sent to it (a promise keeps its loop alive).
		var done = new Lock(), started = new Lock();
		var worker = Thread.createWithEventLoop(() -> {
			Thread.current().events.promise();
			Sys.println("worker started");
			started.release();
		});
		started.wait();
		worker.events.runPromised(() -> {
			Sys.println("worker event");
			done.release();
		});
		done.wait();
		Sys.println("worker event ran");

		// Events left when main returns run before the program ends.
		events.run(() -> Sys.println("after main"));
		Sys.println("main returns");
	}
}
