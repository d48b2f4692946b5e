// API test program: natives nobody provides (tests/api/natives_test.cpp): the load names every
// missing one; with lazy natives the program loads and calling one throws.
package;

class Main {
    @:hlNative("mylib", "first") static function first(a:Int):Int return 0;
    @:hlNative("otherlib", "second") static function second():Void {}

    static function main() {}

    public static function ok():Int return 7;
    public static function callFirst():Int return first(1);
    public static function catchFirst():String {
        try {
            return "returned " + first(1);
        } catch (e:Dynamic) {
            return "caught " + Std.string(e);
        }
    }
    public static function callSecond():Void second();
}
