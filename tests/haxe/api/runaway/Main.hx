// Interrupt, fuel and memory-limit test program: code that never stops by itself.
class Runaway {
    public static var progress:Int = 0;

    public static function spin():Void {
        while (true) progress++;
    }

    public static function spinCatching():Void {
        while (true) {
            try {
                progress++;
                if (progress % 1000 == 0) throw "tick";
            } catch (e:Dynamic) {
                progress++;
            }
        }
    }

    static function fib(n:Int):Int return n < 2 ? n : fib(n - 1) + fib(n - 2);

    public static function recurse():Int return fib(60);

    public static function sortForever():Void {
        var a = [for (i in 0...1000) 1000 - i];
        while (true) a.sort((x, y) -> {
            var k = 0;
            while (k < 1000) k++;
            return x - y;
        });
    }

    public static function count(n:Int):Int {
        var s = 0;
        for (i in 0...n) s += i;
        return s;
    }

    public static function hog():Int {
        var keep = [];
        while (true) keep.push(new haxe.io.BytesBuffer());
        return keep.length;
    }

    public static function hogCaught():String {
        var keep = [];
        try {
            while (true) keep.push([for (i in 0...1000) i]);
        } catch (e:Dynamic) {
            keep = null;
            return "caught: " + Std.string(e);
        }
        return "never";
    }

    public static function sleepy():Void {
        while (true) Sys.sleep(0.01);
    }
}

class Main {
    static function main() {}
}
