// API test program: statics, instances, methods, exceptions for tests/api/*_test.cpp.
package;

class Player {
    public var hp:Int = 100;
    public var name:String;
    public var speed:Float = 1.5;
    public var alive:Bool = true;
    public var tag:Dynamic = null;
    public var onHit:Int->Int = null;

    public function new(name:String) {
        this.name = name;
    }

    public function hit(damage:Int):Int {
        hp -= damage;
        if (hp <= 0) alive = false;
        return hp;
    }

    public function greet(other:String):String return name + " greets " + other;

    public function describe():String return "Player " + name;

    public function fail():Void throw "player failure";
}

class Boss extends Player {
    public var rage:Int = 0;

    public function new(name:String, rage:Int) {
        super(name);
        this.rage = rage;
    }

    override public function describe():String return "Boss " + name + " (rage " + rage + ")";
}

class Game {
    public static var count:Int = 0;
    public static var title:String = "untitled";
    public static var ratio:Float = 0.5;
    public static var enabled:Bool = false;
    public static var anything:Dynamic = null;
    public static var callback:Dynamic = null;
    public static var player:Player = null;

    public static function update(dt:Float):Void {
        count++;
        ratio += dt;
    }

    public static function add(a:Int, b:Int):Int return a + b;

    public static function mix(a:Int, b:Float, c:Bool, d:String):String return a + "|" + b + "|" + c + "|" + d;

    public static function half(x:Float):Float return x / 2;

    public static function maybe(x:Null<Int>):Int return x == null ? -1 : x * 2;

    public static function dyn(x:Dynamic):String return Std.string(x);

    public static function makePlayer(name:String):Player return new Player(name);

    public static function nameOf(p:Player):String return p.name;

    public static function anon():Dynamic return {x: 1, y: "two"};

    public static function thrower(msg:String):Int {
        throw msg;
    }

    public static function nested(depth:Int):Int {
        if (depth == 0) throw new haxe.Exception("deep failure");
        return nested(depth - 1) + 1;
    }

    public static function nullAccess():Int {
        var p:Player = null;
        return p.hp;
    }

    public static function callCallback(x:Int):Int return callback(x);

    public static function callTyped(f:Int->Int, x:Int):Int return f(x);

    public static function isPlayer(x:Dynamic):Bool return Std.isOfType(x, Player);

    public static function exit():Void Sys.exit(7);
}

class Main {
    static function main() {
        Game.count = 0;
    }
}
