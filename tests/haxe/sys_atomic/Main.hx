// The atomic_* natives of HashLink 1.16 (haxe.atomic in Haxe 4.3), called directly on refs:
// each returns the old value (store returns the new one). The _ptr variants are left out: Haxe
// 4.2.5 turns a Dynamic local into ref<dynamic> by a cast of its value, not its address.
class Main {
	@:hlNative("std", "atomic_add32") static function add(r:hl.Ref<Int>, v:Int):Int return 0;
	@:hlNative("std", "atomic_sub32") static function sub(r:hl.Ref<Int>, v:Int):Int return 0;
	@:hlNative("std", "atomic_and32") static function and(r:hl.Ref<Int>, v:Int):Int return 0;
	@:hlNative("std", "atomic_or32") static function or(r:hl.Ref<Int>, v:Int):Int return 0;
	@:hlNative("std", "atomic_xor32") static function xor(r:hl.Ref<Int>, v:Int):Int return 0;
	@:hlNative("std", "atomic_compare_exchange32") static function cas(r:hl.Ref<Int>, e:Int, v:Int):Int return 0;
	@:hlNative("std", "atomic_exchange32") static function exchange(r:hl.Ref<Int>, v:Int):Int return 0;
	@:hlNative("std", "atomic_load32") static function load(r:hl.Ref<Int>):Int return 0;
	@:hlNative("std", "atomic_store32") static function store(r:hl.Ref<Int>, v:Int):Int return 0;

	static function main() {
		var x = 10;
		Sys.println("add: " + add(x, 5) + " -> " + x);
		Sys.println("sub: " + sub(x, 3) + " -> " + x);
		Sys.println("and: " + and(x, 6) + " -> " + x);
		Sys.println("or: " + or(x, 9) + " -> " + x);
		Sys.println("xor: " + xor(x, 0xFF) + " -> " + x);
		Sys.println("cas hit: " + cas(x, 242, 7) + " -> " + x);
		Sys.println("cas miss: " + cas(x, 1, 99) + " -> " + x);
		Sys.println("exchange: " + exchange(x, -4) + " -> " + x);
		Sys.println("load: " + load(x));
		Sys.println("store: " + store(x, 123) + " -> " + x);
	}
}
