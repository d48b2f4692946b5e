// Writing to a child's stdin: cat echoes what it gets, closing stdin ends it; a large transfer
// through cat in steps; a child that exits without reading (the write fails instead of SIGPIPE).
import sys.io.Process;

class Main {
	static function main() {
		var p = new Process("cat");
		p.stdin.writeString("line one\n");
		p.stdin.writeString("line two\n");
		p.stdin.close();
		Sys.print(p.stdout.readAll().toString());
		Sys.println("cat exit " + p.exitCode());
		p.close();

		var p = new Process("tr", ["a-z", "A-Z"]);
		p.stdin.writeString("shout this\n");
		p.stdin.close();
		Sys.print(p.stdout.readAll().toString());
		p.close();

		var p = new Process("wc", ["-c"]);
		var chunk = haxe.io.Bytes.alloc(1000);
		chunk.fill(0, 1000, "x".code);
		for (_ in 0...50) p.stdin.write(chunk);
		p.stdin.close();
		Sys.println("wc counted " + StringTools.trim(p.stdout.readAll().toString()));
		p.close();

		// 1 MB through cat in 16 KB steps: each read waits for cat's echo (the reference HashLink
		// cannot do this with a writer thread: its pipe calls do not let the GC run).
		var size = 1024 * 1024, step = 16384;
		var data = haxe.io.Bytes.alloc(size);
		for (i in 0...size) data.set(i, (i * 7 + (i >> 10)) & 0xFF);
		var back = haxe.io.Bytes.alloc(size);
		var p = new Process("cat");
		var pos = 0;
		while (pos < size) {
			p.stdin.writeFullBytes(data, pos, step);
			p.stdout.readFullBytes(back, pos, step);
			pos += step;
		}
		p.stdin.close();
		Sys.println("echoed " + pos + " bytes, same: " + (back.compare(data) == 0) + ", then eof: " + p.stdout.readAll().length);
		Sys.println("md5 " + haxe.crypto.Md5.make(back).toHex());
		p.close();

		// The child is gone: writing fails with an exception, the VM survives.
		var p = new Process("true");
		p.exitCode();
		try {
			for (_ in 0...100) p.stdin.write(chunk);
			Sys.println("write succeeded?");
		} catch (e:haxe.io.Eof) {
			Sys.println("write to a finished child: Eof");
		}
		p.close();
	}
}
