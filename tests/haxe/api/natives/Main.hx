// API test program: @:hlNative functions the host provides with hlffi_register_native
// (tests/api/natives_test.cpp). Every native must be registered before this program loads.
package;

class Point {
    public var x:Int;
    public var y:Int;

    public function new(x:Int, y:Int) {
        this.x = x;
        this.y = y;
    }
}

class Main {
    @:hlNative("mylib", "add") static function add(a:Int, b:Int):Int return 0;
    @:hlNative("mylib", "scale") static function scale(x:Float, f:Single):Float return 0;
    @:hlNative("mylib", "flip") static function flip(b:Bool):Bool return false;
    @:hlNative("mylib", "greet") static function greet(s:String):String return null;
    @:hlNative("mylib", "bytes_sum") static function bytesSum(b:haxe.io.Bytes):Int return 0;
    @:hlNative("mylib", "point_sum") static function pointSum(p:Point):Int return 0;
    @:hlNative("mylib", "echo") static function echo(d:Dynamic):Dynamic return null;
    @:hlNative("mylib", "notify") static function notify():Void {}
    @:hlNative("mylib", "call_back") static function callBack(x:Int):Int return 0;

    public static var notified = 0;

    static function main() {}

    public static function runAdd(a:Int, b:Int):Int return add(a, b);
    public static function runScale(x:Float, f:Float):Float return scale(x, f);
    public static function runFlip(b:Bool):Bool return flip(b);
    public static function runGreet(s:String):String return greet(s);
    public static function runBytes():Int {
        var b = haxe.io.Bytes.ofString("abcd");
        if (b.get(0) != 97) return -1;  // keeps Bytes.get for the host
        return bytesSum(b);
    }
    public static function runPoint():Int return pointSum(new Point(3, 4));
    public static function runEcho(d:Dynamic):String return Std.string(echo(d));
    public static function runNotify():Int {
        notify();
        return notified;
    }
    // The native calls back into Haxe (twice) while running.
    public static function runCallBack(x:Int):Int return callBack(x);
    public static function twice(x:Int):Int return x * 2;
    public static function fail(msg:String):Int throw msg;
    public static function catching(x:Int):String {
        try {
            return "returned " + callBack(x);
        } catch (e:Dynamic) {
            return "caught " + Std.string(e);
        }
    }
    // A native held as a function value and called dynamically.
    public static function asValue():Int {
        var f:Dynamic = add;
        return f(20, 22);
    }
}
