// The natives example's Haxe program (run by examples/natives/natives_host.c): calls typed natives
// the host provides, and a host callback the host stores in `onScore`.
class Main {
    @:hlNative("game", "add") static function add(a:Int, b:Int):Int return 0;
    @:hlNative("game", "distance") static function distance(x:Float, y:Float):Float return 0;
    @:hlNative("game", "shout") static function shout(s:String):String return null;
    @:hlNative("game", "is_even") static function isEven(n:Int):Bool return false;

    public static var onScore:(String, Int) -> Bool = null;

    static function main() {
        trace("add(40, 2) = " + add(40, 2));
        trace("distance(3, 4) = " + distance(3, 4));
        trace("shout(\"hello\") = " + shout("hello"));
        trace("isEven(7) = " + isEven(7));
    }

    // Called by the host after main(), once it has stored its callback in onScore.
    public static function play():Int {
        var accepted = 0;
        for (p in [{name: "ada", score: 120}, {name: "bob", score: 80}, {name: "cy", score: 100}])
            if (onScore(p.name, p.score)) accepted++;
        trace(accepted + " score(s) accepted");
        return accepted;
    }
}
