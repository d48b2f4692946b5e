// Socket timeouts and modes: a read with setTimeout and no data (Blocked), a non-blocking read,
// accept on a listener with a timeout (null), connecting to a closed port (an error), writing to
// a connection the peer reset (Eof), and a blocked read that a thread's data ends.
import sys.net.Host;
import sys.net.Socket;
import sys.thread.Thread;

class Main {
	static function main() {
		var lo = new Host("127.0.0.1");
		var server = new Socket();
		server.bind(lo, 0);
		server.listen(5);
		var port = server.host().port;

		server.setTimeout(0.05);
		Sys.println("accept with timeout: " + server.accept());
		server.setTimeout(0);

		var client = new Socket();
		client.connect(lo, port);
		var conn = server.accept();

		client.setTimeout(0.05);
		try {
			client.input.readByte();
			Sys.println("read: data?");
		} catch (e:haxe.io.Error) {
			Sys.println("read with timeout: " + e);
		}
		client.setTimeout(0);
		client.setBlocking(false);
		try {
			client.input.readByte();
		} catch (e:haxe.io.Error) {
			Sys.println("non-blocking read: " + e);
		}
		client.setBlocking(true);

		Thread.create(() -> {
			Sys.sleep(0.03);
			conn.output.writeString("late\n");
		});
		Sys.println("blocked read ended by data: " + client.input.readLine());

		// A port nobody listens on: bind one, note it, close it.
		var probe = new Socket();
		probe.bind(lo, 0);
		var closedPort = probe.host().port;
		probe.close();
		var s = new Socket();
		try {
			s.connect(lo, closedPort);
			Sys.println("connect: succeeded?");
		} catch (e:Dynamic) {
			Sys.println("connect to a closed port: " + StringTools.replace(Std.string(e), "" + closedPort, "PORT"));
		}
		s.close();

		conn.close();
		var failed = false;
		try {
			for (_ in 0...200) client.output.writeString("data after the peer closed\n");
		} catch (e:haxe.io.Eof) {
			failed = true;
		}
		Sys.println("writing to a closed peer fails: " + failed);
		client.close();
		server.close();
	}
}
