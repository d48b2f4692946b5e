// 4 MB over loopback TCP from a writer thread to the main thread, in odd-sized pieces (partial
// sends and receives), checked by MD5; then the same back in the other direction. Buffers are
// allocated before the thread starts: the reference HashLink's send does not let its GC run.
import sys.net.Host;
import sys.net.Socket;
import sys.thread.Thread;
import sys.thread.Lock;

class Main {
	static function main() {
		var size = 4 * 1024 * 1024;
		var data = haxe.io.Bytes.alloc(size);
		for (i in 0...size) data.set(i, (i * 31 + (i >> 12)) & 0xFF);
		var back = haxe.io.Bytes.alloc(size);
		var got = haxe.io.Bytes.alloc(size);
		var lo = new Host("127.0.0.1");
		var server = new Socket();
		server.bind(lo, 0);
		server.listen(1);
		var port = server.host().port;

		var done = new Lock();
		Thread.create(() -> {
			var c = new Socket();
			c.connect(lo, port);
			var pos = 0, step = 65537;
			while (pos < size) {
				var n = size - pos < step ? size - pos : step;
				c.output.writeFullBytes(data, pos, n);
				pos += n;
			}
			// and read it all back
			c.input.readFullBytes(back, 0, size);
			c.close();
			done.release();
		});
		var conn = server.accept();
		conn.input.readFullBytes(got, 0, size);
		Sys.println("received " + got.length + " md5 " + haxe.crypto.Md5.make(got).toHex());
		Sys.println("same as sent: " + (got.compare(data) == 0));
		conn.output.writeFullBytes(got, 0, size);
		done.wait();
		Sys.println("echoed back same: " + (back.compare(data) == 0));
		conn.close();
		server.close();
	}
}
