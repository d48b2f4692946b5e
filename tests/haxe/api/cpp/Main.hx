// API test program of tests/api/cpp_api_test.cpp and bench/api: what the C++ wrapper
// (include/hlffi.hpp) calls, and functions that tell, from inside Haxe, what the host passed.
package;

class Counter {
    public var count:Int;
    public var label:String;
    public var scale:Float = 1.5;
    public var on:Bool = false;
    public var extra:Dynamic = null;

    public function new(label:String, start:Int) {
        this.label = label;
        count = start;
    }

    public function add(n:Int):Int {
        count += n;
        return count;
    }

    public function describe():String return label + "=" + count;

    public function reset():Void count = 0;

    public function fail(msg:String):Void throw msg;
}

class Main {
    public static var calls:Int = 0;
    public static var name:String = "cpp";
    public static var ratio:Float = 0.25;
    public static var flag:Bool = false;
    public static var counter:Counter = null;
    public static var hook:Dynamic = null;               // a host callback stored by the host
    public static var typedHook:(Int, Int) -> Int = null;
    public static var logHook:String->Void = null;
    public static var addClosure:(Int, Int) -> Int = null; // a Haxe function, the callbacks' baseline

    public static function main() {
        counter = new Counter("main", 1);
        addClosure = function(a:Int, b:Int):Int return a + b;
        warmUp();
    }

    // Uses every Array/Map operation once so that dead-code elimination keeps them for the host.
    static function warmUp() {
        var a:Array<Int> = [1];
        a.push(2);
        var f:Array<Float> = [1.5];
        f.push(2.5);
        var s:Array<String> = ["x"];
        s.push("y");
        var b:Array<Bool> = [true];
        b.push(false);
        var d:Array<Dynamic> = [1];
        d.push("two");
        var sm = new Map<String, Int>();
        sm.set("a", 1);
        sm.remove("a");
        sm.exists("a");
        sm.clear();
        var im = new Map<Int, String>();
        im.set(1, "a");
        im.remove(1);
        im.exists(1);
        im.clear();
        for (k in sm.keys()) trace(k);
        for (v in im) trace(v);
        for (k in im.keys()) trace(k);
        for (v in sm) trace(v);
    }

    public static function add(a:Int, b:Int):Int {
        calls++;
        return a + b;
    }

    public static function addf(a:Float, b:Float):Float return a + b;

    public static function neg(b:Bool):Bool return !b;

    public static function greet(s:String):String return "hello " + s;

    public static function nothing():Void calls++;

    public static function maybe(x:Null<Int>):Int return x == null ? -1 : x;

    public static function orNull(x:Int):Null<Int> return x < 0 ? null : x;

    public static function describe(x:Dynamic):String return Std.string(x);

    public static function typeOf(x:Dynamic):String {
        if (x == null) return "null";
        if (Std.isOfType(x, Int)) return "Int";
        if (Std.isOfType(x, Float)) return "Float";
        if (Std.isOfType(x, Bool)) return "Bool";
        if (Std.isOfType(x, String)) return "String";
        if (Std.isOfType(x, Array)) return "Array";
        if (Std.isOfType(x, haxe.ds.StringMap)) return "StringMap";
        if (Std.isOfType(x, haxe.ds.IntMap)) return "IntMap";
        if (Std.isOfType(x, Counter)) return "Counter";
        return "other";
    }

    public static function half(x:Single):Single return x / 2;

    public static function thrower(msg:String):Int {
        throw msg;
    }

    public static function deep(n:Int):Int {
        if (n == 0) throw new haxe.Exception("deep failure");
        return deep(n - 1) + 1;
    }

    public static function makeCounter(label:String):Counter return new Counter(label, 10);

    public static function counterCount(c:Counter):Int return c.count;

    // ---- Arrays and maps made by the host.
    public static function sum(a:Array<Int>):Int {
        var s = 0;
        for (x in a) s += x;
        return s;
    }

    public static function sumf(a:Array<Float>):Float {
        var s = 0.0;
        for (x in a) s += x;
        return s;
    }

    public static function join(a:Array<String>):String return a.length + ":" + a.join(",");

    public static function countTrue(a:Array<Bool>):Int {
        var n = 0;
        for (x in a) if (x) n++;
        return n;
    }

    public static function nestedSum(a:Array<Array<Int>>):Int {
        var s = 0;
        for (row in a) for (x in row) s += x;
        return s;
    }

    public static function range(n:Int):Array<Int> return [for (i in 0...n) i * i];

    public static function words():Array<String> return ["alpha", "beta", "gamma"];

    public static function mapTotal(m:Map<String, Int>):String {
        var keys = [for (k in m.keys()) k];
        keys.sort(Reflect.compare);
        var s = 0;
        for (k in keys) s += m.get(k);
        return keys.join(",") + "=" + s;
    }

    public static function mapNames(m:Map<Int, String>):String {
        var keys = [for (k in m.keys()) k];
        keys.sort(Reflect.compare);
        return [for (k in keys) k + ":" + m.get(k)].join(",");
    }

    public static function makeMap():Map<String, Int> return ["one" => 1, "two" => 2, "three" => 3];

    public static function makeIntMap():Map<Int, String> return [1 => "one", 2 => "two"];

    // ---- Host callbacks called from Haxe.
    public static function callHook(a:Int, b:Int):Int return hook(a, b);

    public static function callTyped(a:Int, b:Int):Int return typedHook(a, b);

    public static function callLog(s:String):Int {
        logHook(s);
        return s.length;
    }

    public static function catchHook():String {
        try {
            var r:Int = typedHook(1, 2);
            return "no exception: " + r;
        } catch (e:String) {
            return "caught String: " + e;
        } catch (e:Dynamic) {
            return "caught other: " + Std.string(e);
        }
    }

    public static function loopTyped(n:Int):Int {
        var s = 0;
        for (i in 0...n) s += typedHook(i, 1);
        return s;
    }
}
