// The program the README's main example embeds.
class Main {
	public static var total:Int = 0;  // read by the host after main()

	public static function greet(name:String):String {
		return 'Hello, $name, from Haxe!';
	}

	static function main() {
		Sys.println(greet("C host"));
		var squares = [for (i in 1...6) i * i];
		trace(squares);
		for (s in squares) total += s;
		Sys.println("sum of squares: " + total);
	}
}
