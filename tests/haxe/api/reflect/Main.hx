// API test program (reflect): types, enums, abstracts and memory statistics for
// tests/api/{types,enums,abstracts,host_control}_test.cpp. Host-made values are passed back to the
// functions of Check, which inspect them the way Haxe code would (switch, Type, Std.string, ==).
package;

import game.Color;
import game.Player;

enum Direction {
    North;
    East;
    South;
    West;
}

// Compiled away: at run time a UserId is an Int (hlffi_abstract_find does not find it).
abstract UserId(Int) {
    public function new(id:Int) this = id;

    public function toInt():Int return this;
}

interface Shape {
    function area():Float;
}

class Square implements Shape {
    public var side:Float;

    public function new(side:Float) this.side = side;

    public function area():Float return side * side;
}

class Check {
    public static function colorName(c:Color):String {
        return switch c {
            case Red: "red";
            case Green: "green";
            case Blue: "blue";
            case Rgb(r, g, b): "rgb " + r + " " + g + " " + b;
            case Named(name, alpha): "named " + name + " " + alpha;
            case Boxed(v, m): "boxed " + v + " " + (m == null ? "null" : "" + m);
            case Owner(p): "owner " + p.name;
        }
    }

    public static function index(c:Color):Int return Type.enumIndex(c);

    public static function ctorName(c:Color):String return Type.enumConstructor(c);

    public static function params(c:Color):String return Std.string(Type.enumParameters(c));

    public static function show(c:Color):String return Std.string(c);

    public static function traceIt(c:Color):Void trace(c);

    public static function isRed(c:Color):Bool return c == Red;

    public static function isBlue(c:Color):Bool return c.match(Blue);

    public static function isGreen(c:Color):Bool return c == Green;

    public static function same(a:Color, b:Color):Bool return Type.enumEq(a, b);

    public static function isColor(c:Dynamic):Bool return Std.isOfType(c, Color);

    public static function red():Color return Red;

    public static function rgb(r:Int, g:Int, b:Int):Color return Rgb(r, g, b);

    public static function named(n:String, a:Float):Color return Named(n, a);

    public static function boxed(v:Dynamic, m:Null<Int>):Color return Boxed(v, m);

    public static function owner(p:Player):Color return Owner(p);

    public static function created():Color return Type.createEnum(Color, "Green");

    public static function dirName(d:Direction):String {
        return switch d {
            case North: "N";
            case East: "E";
            case South: "S";
            case West: "W";
        }
    }

    public static function west():Direction return West;

    public static function user(id:UserId):Int return id.toInt() * 10;

    public static function mutex():sys.thread.Mutex return new sys.thread.Mutex();

    public static function useMutex(m:sys.thread.Mutex):Bool {
        m.acquire();
        m.release();
        return true;
    }

    public static function regex():EReg return new EReg("a+", "g");

    public static function notNull(x:Dynamic):Bool return x != null;
}

class Alloc {
    public static var keep:Array<Player> = [];

    // Allocates n players (kept alive) and returns how many are kept.
    public static function make(n:Int):Int {
        for (i in 0...n) keep.push(new Player(i, "p" + i));
        return keep.length;
    }

    public static function drop():Void keep = [];
}

class Threads {
    // The host's `block` waits (in a blocking section) until a Haxe thread has called `tick`:
    // possible only if the waiting host gave the VM lock up. Returns what `block` returned.
    public static function run(block:Void->Int, tick:Void->Void):Int {
        var done = new sys.thread.Lock();
        sys.thread.Thread.create(() -> {
            tick();
            done.release();
        });
        var r = block();
        done.wait();
        return r;
    }
}

class Main {
    static function main() {
        var s:Shape = new Square(2);
        trace(s.area());
        trace(new UserId(4).toInt());
        trace(Check.colorName(Check.rgb(1, 2, 3)) + " " + Check.dirName(Check.west()));
        trace(new game.Boss(3, "boss").describe());
    }
}
