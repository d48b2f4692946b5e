// hl.Gc: statistics that grow with allocation, major collections keeping live data, flags
// (ForceMajor collects at every allocation), enable(false), blocking sections, dumpMemory; and
// hl.Profile with nothing tracked (its dump says "Nothing").
import hl.Gc;

class Main {
	static function build(n:Int) {
		var a = [];
		for (i in 0...n) a.push("item" + i);
		return a;
	}

	static function main() {
		var s0 = Gc.stats();
		Sys.println("positive: " + (s0.totalAllocated > 0) + " " + (s0.allocationCount > 0) + " " + (s0.currentMemory > 0));
		var keep = build(3000);
		var s1 = Gc.stats();
		Sys.println("total grows: " + (s1.totalAllocated > s0.totalAllocated + 3000 * 8));
		Sys.println("count grows: " + (s1.allocationCount >= s0.allocationCount + 3000));
		Gc.major();
		Gc.major();
		Sys.println("kept after major: " + keep.length + " " + keep[0] + " " + keep[2999]);

		Sys.println("flags at start: " + Gc.flags.toInt());
		var f = Gc.flags;
		f.set(ForceMajor);
		Gc.flags = f;
		Sys.println("flags with ForceMajor: " + Gc.flags.toInt() + " " + Gc.flags.has(ForceMajor));
		var small = build(200);
		f.unset(ForceMajor);
		Gc.flags = f;
		Sys.println("built under ForceMajor: " + small.length + " " + small[199] + ", flags " + Gc.flags.toInt());

		Gc.enable(false);
		var more = build(4000);
		Gc.enable(true);
		Gc.major();
		Sys.println("built with the GC off: " + more.length + " " + more[3999]);

		Gc.blocking(true);
		Gc.blocking(false);
		Sys.println("blocking section: ok");

		Gc.dumpMemory("heap.dump");
		Sys.println("dump written: " + sys.FileSystem.exists("heap.dump"));
		sys.FileSystem.deleteFile("heap.dump");

		Sys.println("profile bits: " + hl.Profile.globalBits.toInt() + " " + hl.Profile.threadBits.toInt());
		Sys.println("profile data: " + hl.Profile.getData().length);
		hl.Profile.dump("track.dump");
		Sys.print("profile dump: " + sys.io.File.getContent("track.dump"));
		sys.FileSystem.deleteFile("track.dump");
		hl.Profile.reset();
		Sys.println("kept at the end: " + keep[1234]);
	}
}
