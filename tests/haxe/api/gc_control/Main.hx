// API test program: hl.Gc and hl.Profile settings, which a reloaded program must find at their
// defaults whatever the previous session set (tests/api/lifecycle_test.cpp).
package;

class Main {
    // Where the garbage goes, so the compiler cannot drop the allocations.
    static var sink:haxe.io.Bytes;

    static function main() {}

    // The settings a program can read back: hl.Gc.flags and hl.Profile's two tracking masks.
    public static function state():String {
        return "flags=" + hl.Gc.flags.toInt() + " thread=" + hl.Profile.threadBits.toInt() + " global="
            + hl.Profile.globalBits.toInt();
    }

    // Changes every setting away from its default (ForceMajor is left out: it would only be slow).
    public static function change():Void {
        var f = new haxe.EnumFlags<hl.Gc.GcFlag>();
        f.set(Profile);
        f.set(DumpMem);
        hl.Gc.flags = f;
        hl.Gc.enable(false);
        hl.Profile.threadBits = new haxe.EnumFlags(1);
        hl.Profile.globalBits = new haxe.EnumFlags(6);
    }

    // MB the heap grows by while 64 MB of garbage is allocated: a few with collection enabled,
    // all 64 when hl.Gc.enable(false) is in force (the enable switch has no getter).
    public static function garbageGrowthMb():Int {
        var before = hl.Gc.stats().currentMemory;
        for (i in 0...1024) sink = haxe.io.Bytes.alloc(65536);
        return Std.int((hl.Gc.stats().currentMemory - before) / 1048576);
    }
}
