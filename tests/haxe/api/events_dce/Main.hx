// Event-loop test program whose EventLoop.progress() was removed by dead-code elimination.
class Events {
    public static var log:Array<String> = [];

    public static function once():Void sys.thread.Thread.current().events.run(() -> log.push("once"));

    public static function every():Void {
        var h = null;
        h = sys.thread.Thread.current().events.repeat(() -> log.push("tick"), 1);
    }

    public static function text():String return log.join(",");
}

class Main {
    static function main() {}
}
