// Hot-reload test program, first build (tests/api/hot_reload_test.cpp): reload_v2 is the same
// program with other function bodies and literals, reload_v3 adds a static (a reload refuses it).
class Game {
    public static var calls:Int = 0;
    public static var label:String = "unset";
    public static var hook:Dynamic = null;

    public static function value():Int {
        calls++;
        return 100;
    }

    public static function describe():String {
        return "v1 " + label + " " + calls;
    }

    public static function runHook():Int {
        return hook();
    }

    public static function fail():Int {
        throw "v1 failure";
    }
}

class Main {
    static function main() {
        Game.label = "started";
    }
}
