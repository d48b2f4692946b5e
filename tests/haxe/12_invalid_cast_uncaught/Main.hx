class Animal {
	public function new() {}
}

class Dog extends Animal {}

class Cat extends Animal {}

class Main {
	static function asDog(a:Animal):Dog {
		return cast(a, Dog);
	}

	static function main() {
		Sys.println("dog " + (asDog(new Dog()) != null));
		Sys.println("cat " + (asDog(new Cat()) != null));
		Sys.println("after");
	}
}
