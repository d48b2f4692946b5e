// Threaded mode, blocking main(): a frame loop that the host ends through Game.shutdown().
class Game {
    public static var running:Bool = true;
    public static var frames:Int = 0;
    public static var spin:Bool = false;  // loop without sleeping (safepoints only)
    public static var command:Bool = false;  // wait in Sys.command (a shell's sleep) instead

    public static function shutdown():Void {
        running = false;
    }

    public static function frameCount():Int return frames;
}

class Main {
    static function main() {
        var args = Sys.args();
        Game.spin = args.length > 0 && args[0] == "spin";
        Game.command = args.length > 0 && args[0] == "command";
        while (Game.running) {
            Game.frames++;
            if (Game.command) Sys.command("sleep 1");
            else if (!Game.spin) Sys.sleep(0.016);
        }
    }
}
