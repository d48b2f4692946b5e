// Event-loop test program: timers and MainLoop callbacks run by the host's hlffi_update.
class Events {
    public static var log:Array<String> = [];

    public static function schedule():Void {
        haxe.Timer.delay(() -> log.push("timer"), 0);
        sys.thread.Thread.current().events.run(() -> log.push("run"));
    }

    public static function scheduleMainLoop():Void {
        var e:haxe.MainLoop.MainEvent = null;
        e = haxe.MainLoop.add(() -> {
            log.push("mainloop");
            e.stop();
        });
    }

    public static function failing():Void {
        sys.thread.Thread.current().events.run(() -> throw "event failure");
    }

    public static function text():String return log.join(",");

    // A game's own frame step; it also keeps EventLoop.progress() in the program for hlffi_update.
    public static function step():Void {
        sys.thread.Thread.current().events.progress();
    }
}

class Main {
    static function main() {}
}
