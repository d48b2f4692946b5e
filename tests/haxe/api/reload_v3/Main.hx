// Hot-reload test program, third build: a static more than reload_v1, which a reload refuses.
class Game {
    public static var calls:Int = 0;
    public static var label:String = "unset";
    public static var hook:Dynamic = null;
    public static var extra:Int = 5;

    public static function value():Int {
        calls++;
        return 300 + extra;
    }

    public static function describe():String {
        return "v3 " + label + " " + calls;
    }

    public static function runHook():Int {
        return hook();
    }

    public static function fail():Int {
        throw "v3 failure";
    }
}

class Main {
    static function main() {
        Game.label = "started";
    }
}
