// Restart test program: fresh statics in every session.
class Game {
    public static var count:Int = 0;
    public static var log:Array<String> = [];

    public static function update():Int {
        count++;
        log.push("update " + count);
        return count;
    }

    public static function allocate(n:Int):Int {
        var total = 0;
        for (i in 0...n) total += [i, i + 1, i + 2].length;
        return total;
    }
}

class Main {
    static function main() {
        Game.log.push("main");
    }
}
