// Program of tests/vm/blocking_test.cpp (not golden): blocks in natives that wait in the kernel,
// so the test can check that an interrupt or unloading the VM ends the waits, and that unclosed
// sockets and processes are released with the VM. Sys.args()[0] picks the scenario.
import sys.net.Host;
import sys.net.Socket;
import sys.io.Process;
import sys.thread.Thread;

class Main {
	static var kept:Array<Dynamic> = [];

	static function listener() {
		var s = new Socket();
		s.bind(new Host("127.0.0.1"), 0);
		s.listen(1);
		return s;
	}

	static function main() {
		var scenario = Sys.args()[0];
		Sys.println("start " + scenario);
		switch (scenario) {
			case "accept":
				// The main thread waits for a connection that never comes.
				listener().accept();
			case "recv":
				var server = listener();
				var client = new Socket();
				client.connect(new Host("127.0.0.1"), server.host().port);
				var conn = server.accept();
				client.input.readByte();
			case "select":
				Socket.select([listener()], null, null);
			case "process":
				new Process("sleep", ["60"]).stdout.readAll();
			case "exitcode":
				new Process("sleep", ["60"]).exitCode();
			case "command":
				Sys.command("sleep 60");
			case "threads":
				// Threads blocked in the kernel when main returns; the VM must end them on unload.
				Thread.create(() -> listener().accept());
				Thread.create(() -> new Process("sleep", ["60"]).stdout.readAll());
				Thread.create(() -> new Process("sleep", ["60"]).exitCode());
				Thread.create(() -> Sys.command("sleep 60"));
				var server = listener();
				var client = new Socket();
				client.connect(new Host("127.0.0.1"), server.host().port);
				var conn = server.accept();
				Thread.create(() -> client.input.readByte());
				Thread.create(() -> Socket.select([conn], null, null));
				Sys.sleep(0.2);
			case "leak":
				// Sockets and running children never closed: the VM's finalizers release them (the
				// kept ones when it unloads, the others at a collection).
				for (i in 0...100) kept.push(listener());
				for (i in 0...10) kept.push(new Process("sleep", ["60"]));
				for (i in 0...100) new Socket();
				hl.Gc.major();
			case _:
		}
		Sys.println("end " + scenario);
	}
}
