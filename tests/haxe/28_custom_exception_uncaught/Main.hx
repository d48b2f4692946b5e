class ConfigError extends haxe.Exception {
	public var key:String;

	public function new(key:String) {
		super("missing key " + key);
		this.key = key;
	}
}

class Main {
	static function load(key:String):String {
		throw new ConfigError(key);
	}

	static function main() {
		Sys.println("loading");
		Sys.println(load("port"));
	}
}
