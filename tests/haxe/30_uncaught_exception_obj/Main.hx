enum Failure {
	Code(n:Int);
}

class Main {
	static function main() {
		Sys.println("before");
		throw Code(5);
	}
}
