// Thread.sendMessage/readMessage (a Deque per thread): a ping-pong between the main thread and a
// worker, a non-blocking read, Thread.current() identity, and an exception ending a thread.
import sys.thread.Thread;

class Main {
	static function main() {
		var main = Thread.current();
		Sys.println("readMessage(false) on empty: " + Thread.readMessage(false));
		var worker = Thread.create(() -> {
			while (true) {
				var m:Dynamic = Thread.readMessage(true);
				if (m == "stop") break;
				main.sendMessage("pong " + m);
			}
			main.sendMessage("worker stopped");
		});
		for (i in 0...5) {
			worker.sendMessage(i);
			Sys.println(Thread.readMessage(true));
		}
		worker.sendMessage("stop");
		Sys.println(Thread.readMessage(true));
		Sys.println("current is main: " + (Thread.current() == main));

		var id:Thread = null;
		Thread.create(() -> {
			id = Thread.current();
			main.sendMessage(Thread.current() == main);
		});
		Sys.println("worker sees itself as main: " + Thread.readMessage(true));

		// Many threads, results collected through messages (order by value).
		for (i in 0...8) Thread.create(() -> main.sendMessage(i * i));
		var got = [for (_ in 0...8) (Thread.readMessage(true) : Int)];
		got.sort((a, b) -> a - b);
		Sys.println("squares: " + got.join(","));
	}
}
