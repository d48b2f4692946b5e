// UDP over 127.0.0.1: datagrams both ways between two bound sockets, the sender's address as
// readFrom reports it, a datagram larger than the buffer (truncated), a non-blocking read with
// nothing queued (Blocked), setBroadcast.
import sys.net.Address;
import sys.net.Host;
import sys.net.UdpSocket;

class Main {
	static function main() {
		var a = new UdpSocket(), b = new UdpSocket();
		var lo = new Host("127.0.0.1");
		a.bind(lo, 0);
		b.bind(lo, 0);
		var aport = a.host().port, bport = b.host().port;
		Sys.println("ports differ: " + (aport != bport));

		var to = new Address();
		to.host = lo.ip;
		to.port = bport;
		var msg = haxe.io.Bytes.ofString("ping from a");
		Sys.println("sent: " + a.sendTo(msg, 0, msg.length, to));

		var buf = haxe.io.Bytes.alloc(100);
		var from = new Address();
		var n = b.readFrom(buf, 0, 100, from);
		Sys.println("b got " + n + ": " + buf.getString(0, n));
		Sys.println("from a: " + (from.port == aport) + " " + new Host(from.getHost().toString()).toString());

		var reply = haxe.io.Bytes.ofString("pong");
		b.sendTo(reply, 0, reply.length, from);
		var n = a.readFrom(buf, 10, 50, new Address());
		Sys.println("a got " + n + ": " + buf.getString(10, n));

		var big = haxe.io.Bytes.alloc(64);
		big.fill(0, 64, "z".code);
		a.sendTo(big, 0, 64, to);
		var small = haxe.io.Bytes.alloc(8);
		var n = b.readFrom(small, 0, 8, from);
		Sys.println("truncated to " + n + ": " + small.toString());

		b.setBlocking(false);
		try {
			b.readFrom(buf, 0, 100, from);
			Sys.println("non-blocking read: data?");
		} catch (e:haxe.io.Error) {
			Sys.println("non-blocking read: " + e);
		}
		a.setBroadcast(true);
		Sys.println("broadcast set");
		a.close();
		b.close();
	}
}
