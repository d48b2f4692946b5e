// TCP over 127.0.0.1: a server thread accepts one client and echoes its lines in upper case until
// "bye"; addresses of both ends (the port, chosen by the system, is compared, not printed);
// half-close with shutdown; the server reads Eof after the client closes.
import sys.net.Host;
import sys.net.Socket;
import sys.thread.Thread;
import sys.thread.Lock;

class Main {
	static function main() {
		var server = new Socket();
		server.bind(new Host("127.0.0.1"), 0);
		server.listen(5);
		var port = server.host().port;
		Sys.println("server bound: " + server.host().host + " port>0 " + (port > 0));

		var done = new Lock();
		var log = [];
		Thread.create(() -> {
			var c = server.accept();
			log.push("server: accepted from " + c.peer().host);
			while (true) {
				var line = c.input.readLine();
				log.push("server got: " + line);
				c.output.writeString(line.toUpperCase() + "\n");
				if (line == "bye") break;
			}
			try {
				c.input.readByte();
				log.push("server: more data?");
			} catch (e:haxe.io.Eof) {
				log.push("server: eof");
			}
			c.close();
			done.release();
		});

		var client = new Socket();
		client.connect(new Host("127.0.0.1"), port);
		Sys.println("client peer port matches: " + (client.peer().port == port) + " " + client.peer().host);
		Sys.println("client local port differs: " + (client.host().port != port));
		client.setFastSend(true);
		for (w in ["hello", "world", "über ☃", "bye"]) {
			client.output.writeString(w + "\n");
			Sys.println("client got: " + client.input.readLine());
		}
		client.shutdown(false, true);
		done.wait();
		for (l in log) Sys.println(l);
		try {
			client.input.readByte();
		} catch (e:haxe.io.Eof) {
			Sys.println("client: eof");
		}
		client.close();
		server.close();
		Sys.println("closed");
	}
}
