// Hot-reload test program, second build: same classes and statics as reload_v1, new bodies.
class Game {
    public static var calls:Int = 0;
    public static var label:String = "unset";
    public static var hook:Dynamic = null;

    public static function value():Int {
        calls += 10;
        return 200;
    }

    public static function describe():String {
        return "version two: " + label + " / " + calls;
    }

    public static function runHook():Int {
        return hook();
    }

    public static function fail():Int {
        throw "v2 failure";
    }
}

class Main {
    static function main() {
        Game.label = "started again";
    }
}
