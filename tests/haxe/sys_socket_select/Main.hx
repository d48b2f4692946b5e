// Socket.select over loopback TCP: a listener becomes readable when a client connects, a
// connection when data arrives or the peer closes, writable sockets; a timed select with nothing
// ready returns empty lists.
import sys.net.Host;
import sys.net.Socket;

class Main {
	static function names(list:Array<Socket>, all:Array<Socket>, labels:Array<String>) {
		return [for (s in list) labels[all.indexOf(s)]].join(",");
	}

	static function main() {
		var lo = new Host("127.0.0.1");
		var server = new Socket();
		server.bind(lo, 0);
		server.listen(10);
		var port = server.host().port;

		var r = Socket.select([server], null, null, 0.05);
		Sys.println("idle listener readable: " + r.read.length);

		var clients = [for (i in 0...3) new Socket()];
		for (c in clients) c.connect(lo, port);
		var conns = [];
		while (conns.length < 3) {
			var r = Socket.select([server], null, null, 5);
			if (r.read.length == 1) conns.push(server.accept());
		}
		Sys.println("accepted " + conns.length);
		var labels = ["c0", "c1", "c2"];

		var r = Socket.select(conns, null, null, 0.05);
		Sys.println("nothing sent, readable: [" + names(r.read, conns, labels) + "]");

		clients[1].output.writeString("one\n");
		clients[2].output.writeString("two\n");
		var seen = [];
		while (seen.length < 2) {
			var r = Socket.select(conns, null, null, 5);
			for (s in r.read) {
				var line = s.input.readLine();
				seen.push(labels[conns.indexOf(s)] + "=" + line);
			}
		}
		seen.sort(Reflect.compare);
		Sys.println("read: " + seen.join(" "));

		var w = Socket.select(null, clients, null, 5);
		Sys.println("writable: [" + names(w.write, clients, labels) + "]");

		clients[0].close();
		var r = Socket.select(conns, null, null, 5);
		Sys.println("after close, readable: [" + names(r.read, conns, labels) + "]");
		try {
			conns[0].input.readByte();
		} catch (e:haxe.io.Eof) {
			Sys.println("c0: eof");
		}

		var all = Socket.select([], [], [], 0.01);
		Sys.println("empty select: " + all.read.length + " " + all.write.length + " " + all.others.length);
		for (c in clients) c.close();
		for (c in conns) c.close();
		server.close();
	}
}
