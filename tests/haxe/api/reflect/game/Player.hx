// API test program (reflect): a subclass with own fields, an override and a new method.
package game;

class Player extends Entity {
    public var name:String;
    public var hp:Int = 100;
    public var tags:Array<String>;

    public static var created:Int = 0;

    public function new(id:Int, name:String) {
        super(id);
        this.name = name;
        this.tags = [];
        created++;
    }

    override public function describe():String return "Player " + name;

    public function heal(n:Int):Int {
        hp += n;
        return hp;
    }

    public static function create(name:String):Player return new Player(1, name);
}
