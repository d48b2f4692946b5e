// sys.thread.Lock as Haxe 4.2.5 compiles it (over a Deque): worker threads release it, the main
// thread waits for each; timeouts; a Mutex guarding a shared counter.
import sys.thread.Lock;
import sys.thread.Mutex;
import sys.thread.Thread;

class Main {
	static function main() {
		var lock = new Lock();
		Sys.println("wait(0.02) with nothing released: " + lock.wait(0.02));
		lock.release();
		Sys.println("wait(0.02) after a release: " + lock.wait(0.02));
		Sys.println("wait(0) again: " + lock.wait(0));

		var results = [for (i in 0...4) -1];
		var done = new Lock();
		for (i in 0...4) {
			Thread.create(() -> {
				var sum = 0;
				for (k in 0...(i + 1) * 1000) sum += k;
				results[i] = sum;
				done.release();
			});
		}
		for (_ in 0...4) done.wait();
		Sys.println("results: " + results.join(","));

		var mutex = new Mutex();
		var counter = 0;
		var finished = new Lock();
		for (t in 0...3) {
			Thread.create(() -> {
				for (_ in 0...500) {
					mutex.acquire();
					counter++;
					mutex.release();
				}
				finished.release();
			});
		}
		for (_ in 0...3) finished.wait();
		Sys.println("counter: " + counter);
		Sys.println("tryAcquire free: " + mutex.tryAcquire());
		mutex.release();

		// A thread waits for the main thread to release.
		var go = new Lock(), back = new Lock();
		Thread.create(() -> {
			go.wait();
			Sys.println("worker: got go");
			back.release();
		});
		Sys.sleep(0.02);
		Sys.println("main: releasing");
		go.release();
		back.wait();
		Sys.println("main: done");
	}
}
