// API test program: host callbacks called from Haxe (tests/api/callbacks_test.cpp). The host hands
// callbacks in as arguments or stores them in the fields below; these functions call them the
// ways Haxe code can: typed call of a function-typed value, dynamic call, Reflect.callMethod.
package;

class MyError {
    public var msg:String;

    public function new(msg:String) this.msg = msg;

    public function toString():String return "MyError(" + msg + ")";
}

class Holder {
    public var f:Int->Int;
    public var d:Dynamic;

    public function new() {}
}

class Main {
    public static var dyn:Dynamic = null;
    public static var intFn:Int->Int = null;
    public static var holder:Holder = new Holder();

    static function main() {}

    // Dynamic calls of a Dynamic value, arities 0, 1, 2, 5, 16.
    public static function callDyn0():Dynamic return dyn();
    public static function callDyn1(a:Dynamic):Dynamic return dyn(a);
    public static function callDyn2(a:Dynamic, b:Dynamic):Dynamic return dyn(a, b);
    public static function callDyn5(f:Dynamic):Dynamic return f(1, "two", 3.5, true, null);
    // Dynamic calls take at most 9 arguments (as in HashLink): 16 go through a typed call.
    public static function call16(f:(Dynamic, Dynamic, Dynamic, Dynamic, Dynamic, Dynamic, Dynamic, Dynamic, Dynamic, Dynamic, Dynamic,
        Dynamic, Dynamic, Dynamic, Dynamic, Dynamic) -> Dynamic):Dynamic
        return f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);

    // Typed calls of function-typed values.
    public static function callIntFn(x:Int):Int return intFn(x);
    public static function callHolder(x:Int):Int return holder.f(x);
    public static function callHolderDyn(x:Int):Dynamic return holder.d(x);
    public static function storeInHolder(f:Int->Int):Void holder.f = f;
    public static function apply2(f:Int->Int->Int, a:Int, b:Int):Int return f(a, b);
    public static function apply0(f:Void->Dynamic):Dynamic return f();
    public static function reflectCall2(f:Dynamic, a:Dynamic, b:Dynamic):Dynamic return Reflect.callMethod(null, f, [a, b]);

    // Typed arguments of every kind, and typed results.
    public static function typedAll(f:(Int, Float, Bool, String, Dynamic) -> String):String
        return f(-42, 2.5, true, "héllo", [1, 2, 3]);
    public static function typedFloat(f:Int->Float, x:Int):Float return f(x);
    public static function typedBool(f:Void->Bool):Bool return f();
    public static function typedString(f:Void->String):String return f();
    public static function typedInt(f:Void->Int):Int return f();
    public static function typedVoid(f:Int->Void, x:Int):String {
        f(x);
        return "void done";
    }

    // What Haxe sees of a host callback.
    public static function describe(f:Dynamic):String
        return Std.string(Type.typeof(f)) + " " + Reflect.isFunction(f);

    // Exceptions: thrown in Haxe code a callback calls, and errors of the callback itself.
    public static function thrower(msg:String):Int throw new MyError(msg);
    public static function catchMyError(f:Void->Dynamic):String {
        try {
            var r = f();
            return "returned " + Std.string(r);
        } catch (e:MyError) {
            return "caught MyError " + e.msg;
        }
    }
    public static function catchAny(f:Void->Dynamic):String {
        try {
            return "returned " + Std.string(f());
        } catch (e:Dynamic) {
            return "caught " + Std.string(e);
        }
    }
    public static function catchAnyInt(f:Void->Int):String {
        try {
            return "returned " + f();
        } catch (e:Dynamic) {
            return "caught " + Std.string(e);
        }
    }

    // Nested: a callback calls this, which calls the callback stored in intFn.
    public static function viaIntFn(x:Int):Int return intFn(x) + 1000;

    // Many calls, for the cost of one.
    public static function loop(f:Int->Int, n:Int):Int {
        var s = 0;
        for (i in 0...n) s += f(i);
        return s;
    }
    public static function loopHaxe(n:Int):Int {
        var f:Int->Int = function(x) return x + 1;
        return loop(f, n);
    }
}
