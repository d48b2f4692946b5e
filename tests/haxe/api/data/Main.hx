// API test program: arrays, maps and bytes for tests/api/{arrays,maps,bytes}_test.cpp. Each
// check* function tells, from inside Haxe, what a value made by the host looks like.
package;

import haxe.io.Bytes;

class Item {
    public var id:Int;
    public function new(id:Int) this.id = id;
    public function toString():String return "Item" + id;
}

enum Color {
    Red;
    Green;
    Blue(v:Int);
}

@:struct class Vec {
    public var x:Float;
    public var y:Float;
    public var tag:Int;
    public function new() {}
}

class Data {
    // ---- Arrays made by Haxe, read by the host.
    public static function makeInts():Array<Int> return [1, 2, 3];
    public static function makeFloats():Array<Float> return [1.5, -2.25];
    public static function makeSingles():Array<Single> return [0.5, 4.0];
    public static function makeBools():Array<Bool> return [true, false, true];
    public static function makeStrings():Array<String> return ["a", "bc"];
    public static function makeItems():Array<Item> return [new Item(7), new Item(8)];
    public static function makeDyns():Array<Dynamic> return [1, "two", 3.5, null];
    public static function makeNative():hl.NativeArray<Int> {
        var a = new hl.NativeArray<Int>(3);
        a[0] = 10; a[1] = 20; a[2] = 30;
        return a;
    }
    public static function makeNativeFloats():hl.NativeArray<Float> {
        var a = new hl.NativeArray<Float>(2);
        a[0] = 0.25; a[1] = 8;
        return a;
    }
    // Haxe 4.2.5 boxes the elements of an Array<struct> into Dynamic (a struct has no type header),
    // so structs only travel in native arrays, as pointers to each struct.
    public static function makeVecs():hl.NativeArray<Vec> {
        var a = new hl.NativeArray<Vec>(2);
        for (i in 0...2) {
            var v = new Vec(); v.x = i + 1; v.y = i + 2; v.tag = i + 3;
            a[i] = v;
        }
        return a;
    }

    // ---- Arrays made by the host, checked by Haxe.
    public static function checkInts(a:Array<Int>):String {
        var d:Dynamic = a;
        var before = a.length;
        a.push(99);
        var s = Std.isOfType(d, Array) + " " + before + " " + a.length + " [" + a.join(",") + "] " + Std.string(a);
        a.pop();
        return s;
    }
    public static function sumInts(a:Array<Int>):Int {
        var s = 0;
        for (x in a) s += x;
        return s;
    }
    public static function checkFloats(a:Array<Float>):String {
        var d:Dynamic = a;
        a.push(0.5);
        var s = Std.isOfType(d, Array) + " " + a.length + " " + Std.string(a);
        a.pop();
        return s;
    }
    public static function checkSingles(a:Array<Single>):String {
        var d:Dynamic = a;
        return Std.isOfType(d, Array) + " " + a.length + " " + Std.string(a);
    }
    public static function checkBools(a:Array<Bool>):String {
        var d:Dynamic = a;
        a.push(true);
        var s = Std.isOfType(d, Array) + " " + a.length + " " + Std.string(a);
        a.pop();
        return s;
    }
    public static function checkStrings(a:Array<String>):String {
        var d:Dynamic = a;
        a.push("z");
        var s = Std.isOfType(d, Array) + " " + a.length + " " + a.join("|") + " " + a.indexOf("z");
        a.pop();
        return s;
    }
    public static function checkItems(a:Array<Item>):String {
        var d:Dynamic = a;
        var ids = [for (i in a) i == null ? -1 : i.id];
        return Std.isOfType(d, Array) + " " + a.length + " " + ids.join(",") + " " + Std.string(a);
    }
    public static function checkDyns(a:Array<Dynamic>):String {
        var d:Dynamic = a;
        a.push("end");
        var s = Std.isOfType(d, Array) + " " + a.length + " " + Std.string(a);
        a.pop();
        return s;
    }
    public static function checkNative(a:hl.NativeArray<Int>):String {
        var parts = [for (i in 0...a.length) a[i]];
        return a.length + " " + parts.join(",");
    }
    public static function checkNativeFloats(a:hl.NativeArray<Float>):String {
        var parts = [for (i in 0...a.length) a[i]];
        return a.length + " " + parts.join(",");
    }
    public static function checkVecs(a:hl.NativeArray<Vec>):String {
        var parts = [for (i in 0...a.length) a[i] == null ? "null" : a[i].x + "/" + a[i].y + "/" + a[i].tag];
        return a.length + " " + parts.join(",");
    }
    public static function newVec(x:Float, y:Float, tag:Int):Vec {
        var v = new Vec(); v.x = x; v.y = y; v.tag = tag;
        return v;
    }
    public static function vecText(v:Vec):String return v.x + "/" + v.y + "/" + v.tag;

    // Allocates enough to make the collector run several times.
    public static function churn(n:Int):Int {
        var keep = 0;
        for (i in 0...n) {
            var a = [for (j in 0...64) j + i];
            keep += a[63] & 1;
            var s = "x" + i;
            keep += s.length & 1;
        }
        return keep;
    }

    // ---- Maps.
    public static function makeIntMap():Map<Int, String> return [1 => "one", 2 => "two"];
    public static function makeStringMap():Map<String, Int> return ["a" => 1, "b" => 2];
    public static function makeObjectMap():Map<Item, String> {
        var m = new Map<Item, String>();
        m.set(new Item(5), "five");
        return m;
    }
    public static function checkIntMap(m:Map<Int, String>):String {
        var d:Dynamic = m;
        var keys = [for (k in m.keys()) k];
        keys.sort((a, b) -> a - b);
        var parts = [for (k in keys) k + "=" + m.get(k)];
        return Std.isOfType(d, haxe.ds.IntMap) + " " + parts.join(",") + " " + m.exists(1) + " " + m.remove(99);
    }
    public static function checkIntDynMap(m:Map<Int, Dynamic>):String {
        var keys = [for (k in m.keys()) k];
        keys.sort((a, b) -> a - b);
        return [for (k in keys) k + "=" + Std.string(m.get(k))].join(",");
    }
    public static function checkStringMap(m:Map<String, Int>):String {
        var d:Dynamic = m;
        var keys = [for (k in m.keys()) k];
        keys.sort(Reflect.compare);
        var parts = [for (k in keys) k + "=" + m.get(k)];
        var vals = 0;
        for (v in m) vals += v;
        return Std.isOfType(d, haxe.ds.StringMap) + " " + parts.join(",") + " " + vals + " " + m.exists("a");
    }
    public static function checkObjectMap(m:Map<Item, String>, probe:Item):String {
        var d:Dynamic = m;
        var n = 0;
        for (k in m.keys()) n++;
        return Std.isOfType(d, haxe.ds.ObjectMap) + " " + n + " " + m.get(probe) + " " + m.exists(probe);
    }
    public static function red():Color return Red;
    public static function green():Color return Green;
    public static function blue(v:Int):Color return Blue(v);
    public static function makeEnumMap():Map<Color, String> {
        var m = new Map<Color, String>();
        m.set(Red, "red");
        m.set(Blue(2), "blue2");
        return m;
    }
    public static function checkEnumMap(m:Map<Color, String>):String {
        var d:Dynamic = m;
        var n = 0;
        for (k in m.keys()) n++;
        return Std.isOfType(d, haxe.ds.EnumValueMap) + " " + n + " " + m.get(Red) + " " + m.get(Blue(2)) + " " + m.exists(Green);
    }
    public static function useMaps():String {
        var e = new Map<Color, Int>();
        e.set(Red, 1);
        e.remove(Red);
        e.clear();
        var ve = [for (v in e) v];
        var a = new Map<Int, String>();
        a.set(1, "x");
        a.remove(1);
        a.clear();
        var vals = [for (v in a) v];
        var b = new Map<String, Int>();
        b.set("k", 1);
        b.remove("k");
        b.clear();
        var vb = [for (v in b) v];
        var c = new Map<Item, String>();
        var it = new Item(1);
        c.set(it, "y");
        c.remove(it);
        c.clear();
        var vc = [for (v in c) v];
        var kc = [for (k in c.keys()) k];
        return Std.string(a) + Std.string(b) + Std.string(c) + vals.length + vb.length + vc.length + kc.length + ve.length;
    }

    // ---- Bytes.
    public static function makeBytes():Bytes {
        var b = Bytes.alloc(4);
        for (i in 0...4) b.set(i, 65 + i);
        return b;
    }
    public static function checkBytes(b:Bytes):String {
        var d:Dynamic = b;
        var parts = [for (i in 0...b.length) b.get(i)];
        return Std.isOfType(d, Bytes) + " " + b.length + " " + parts.join(",") + " " + b.toHex();
    }
    public static function bytesText(b:Bytes):String return b.toString();
    public static function useBytes():String {
        var b = Bytes.ofString("hello");
        var c = Bytes.alloc(5);
        c.blit(0, b, 0, 5);
        c.fill(0, 1, 72);
        return c.toString() + (b.compare(c) > 0 ? "+" : "-") + b.sub(1, 2).toString() + b.getString(0, 2);
    }
}

class Main {
    public static function main() {
        trace("data ready");
        // Keep every piece the tests use alive through DCE.
        var keep:Array<Dynamic> = [Data.makeInts, Data.makeFloats, Data.makeSingles, Data.makeBools, Data.makeStrings,
            Data.makeItems, Data.makeDyns, Data.makeNative, Data.makeNativeFloats, Data.makeVecs, Data.checkInts,
            Data.sumInts, Data.checkFloats, Data.checkSingles, Data.checkBools, Data.checkStrings, Data.checkItems,
            Data.checkDyns, Data.checkNative, Data.checkNativeFloats, Data.checkVecs, Data.newVec, Data.vecText,
            Data.churn, Data.makeIntMap, Data.makeStringMap, Data.makeObjectMap, Data.checkIntMap,
            Data.checkIntDynMap, Data.checkStringMap, Data.checkObjectMap, Data.useMaps, Data.red, Data.green, Data.blue,
            Data.makeEnumMap, Data.checkEnumMap, Data.makeBytes,
            Data.checkBytes, Data.bytesText, Data.useBytes];
        if (keep.length == 0) trace("unreachable");
    }
}
