// API test program (reflect): root of a class hierarchy in a package.
package game;

class Entity {
    public var id:Int;
    public var x:Float;

    public function new(id:Int) {
        this.id = id;
        this.x = 0.0;
    }

    public function describe():String return "Entity " + id;

    public function move(dx:Float):Float {
        x += dx;
        return x;
    }
}
