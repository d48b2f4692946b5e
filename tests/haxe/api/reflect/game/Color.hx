// API test program (reflect): an enum mixing constructors with and without parameters.
package game;

enum Color {
    Red;
    Green;
    Blue;
    Rgb(r:Int, g:Int, b:Int);
    Named(name:String, alpha:Float);
    Boxed(value:Dynamic, maybe:Null<Int>);
    Owner(p:Player);
}
