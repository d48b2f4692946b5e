// Haxe 4.2.5's tests/unit Issue2936: comparing an Array<Int> with an array literal typed Dynamic
// compiles to OJEq between registers of unrelated classes (hl.types.ArrayBytes_Int and
// hl.types.ArrayDyn). The verifier used to refuse the whole program for it; it is an identity
// comparison (different arrays are never equal, the same array always is).
class Main {
	static function main() {
		var a = [1, 2, 3];
		trace([1, 2, 3] == [1, 2, 3]);
		trace((a : Dynamic) == [1, 2, 3]);
		trace([1, 2, 3] == (a : Dynamic));
		trace((a : Dynamic) != [1, 2, 3]);
		trace(([1, 2, 3] : Dynamic) == ([1, 2, 3] : Dynamic));
		var same:Dynamic = a;
		trace(same == a);
		trace(a == same);
		var d:Array<Dynamic> = [1, 2, 3];
		trace((a : Dynamic) == d);
		trace(d == (a : Dynamic));
		trace((d : Dynamic) == (d : Dynamic));
	}
}
