// game_loop example: the Haxe side of a frame loop driven by a C++ host (game_loop.cpp): the host
// calls Game.update(dt) each frame, reads and writes the player's fields, and receives events
// through a host callback stored in Game.onEvent.
class Player {
    public var name:String;
    public var x:Float = 0;
    public var speed:Float = 2.0;
    public var hp:Int = 3;

    public function new(name:String) {
        this.name = name;
    }
}

class Game {
    public static var player:Player = null;
    public static var frame:Int = 0;
    public static var onEvent:(String, Int) -> Void = null;

    public static function start(name:String):Player {
        player = new Player(name);
        frame = 0;
        trace("game started for " + name);
        return player;
    }

    public static function update(dt:Float):Void {
        frame++;
        checkHealth();
        player.x += player.speed * dt;
        if (frame % 2 == 0 && onEvent != null) onEvent("tick", frame);
    }

    static function checkHealth():Void {
        if (player.hp <= 0) throw "player " + player.name + " has no hp left at frame " + frame;
    }
}

class Main {
    static function main() {}
}
