// Threaded mode, non-blocking main(): the VM thread serves calls after main() returns.
class Counter {
    static var value:Int = 0;

    public static function increment():Void {
        value++;
    }

    public static function get():Int return value;
}

class Main {
    static function main() {
        Counter.increment();  // main() returns at once; the host then calls in
    }
}
