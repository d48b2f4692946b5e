// api layer tests: Enums: constructors by dotted name, reading enum values, and host-made values
// that Haxe cannot tell from its own (switch, ==, Type.enumIndex/enumParameters, Std.string).
#include <string>

#include "reflect_fixture.h"

namespace {

using reflect_test::take;

class Enums : public reflect_test::ReflectTest {
protected:
    // Check.<maker>(args...) from Haxe.
    hlffi_value* haxe_value(const char* maker, int argc = 0, hlffi_value** argv = nullptr) {
        hlffi_value* v = hlffi_call_static(vm, "Check", maker, argc, argv);
        EXPECT_NE(v, nullptr) << maker << ": " << hlffi_get_error(vm);
        return v;
    }
    hlffi_value* rgb(int r, int g, int b) {
        hlffi_value* a[3] = {hlffi_value_int(vm, r), hlffi_value_int(vm, g), hlffi_value_int(vm, b)};
        hlffi_value* v = hlffi_enum_alloc(vm, "game.Color", 3, 3, a);
        EXPECT_NE(v, nullptr) << hlffi_get_error(vm);
        for (hlffi_value* x : a) hlffi_value_free(x);
        return v;
    }
};

TEST_F(Enums, GetConstructCount) {
    EXPECT_EQ(hlffi_enum_get_construct_count(vm, "game.Color"), 7);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_enum_get_construct_count(vm, "Direction"), 4);
}

TEST_F(Enums, GetConstructCountBadInput) {
    EXPECT_EQ(hlffi_enum_get_construct_count(nullptr, "game.Color"), -1);
    EXPECT_EQ(hlffi_enum_get_construct_count(vm, nullptr), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_get_construct_count(vm, "Color"), -1);  // full path needed
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_enum_get_construct_count(vm, "game.Player"), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm), "not an enum: 'game.Player'");
    hlffi_vm* empty = hlffi_create();
    hlffi_init(empty, 0, nullptr);
    EXPECT_EQ(hlffi_enum_get_construct_count(empty, "game.Color"), -1);
    EXPECT_EQ(hlffi_get_last_error(empty), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(empty);
}

TEST_F(Enums, GetConstructName) {
    EXPECT_EQ(take(hlffi_enum_get_construct_name(vm, "game.Color", 0)), "Red");
    EXPECT_EQ(take(hlffi_enum_get_construct_name(vm, "game.Color", 3)), "Rgb");
    EXPECT_EQ(take(hlffi_enum_get_construct_name(vm, "game.Color", 6)), "Owner");
    EXPECT_EQ(take(hlffi_enum_get_construct_name(vm, "Direction", 3)), "West");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Enums, GetConstructNameBadInput) {
    EXPECT_EQ(hlffi_enum_get_construct_name(nullptr, "game.Color", 0), nullptr);
    EXPECT_EQ(hlffi_enum_get_construct_name(vm, nullptr, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_get_construct_name(vm, "game.Color", 7), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "constructor index 7 out of range: game.Color has 7 constructor(s)");
    EXPECT_EQ(hlffi_enum_get_construct_name(vm, "game.Color", -1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_get_construct_name(vm, "game.Nope", 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
}

TEST_F(Enums, GetIndex) {
    hlffi_value* red = haxe_value("red");
    EXPECT_EQ(hlffi_enum_get_index(red), 0);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    hlffi_value* args[3] = {hlffi_value_int(vm, 1), hlffi_value_int(vm, 2), hlffi_value_int(vm, 3)};
    hlffi_value* c = haxe_value("rgb", 3, args);
    EXPECT_EQ(hlffi_enum_get_index(c), 3);
    hlffi_value* west = haxe_value("west");
    EXPECT_EQ(hlffi_enum_get_index(west), 3);
    for (hlffi_value* x : {red, c, west, args[0], args[1], args[2]}) hlffi_value_free(x);
}

TEST_F(Enums, GetIndexBadInput) {
    EXPECT_EQ(hlffi_enum_get_index(nullptr), -1);
    hlffi_value* i = hlffi_value_int(vm, 3);
    EXPECT_EQ(hlffi_enum_get_index(i), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_STREQ(hlffi_get_error(vm), "the value is not an enum (i32)");
    hlffi_value* null = hlffi_value_null(vm);
    EXPECT_EQ(hlffi_enum_get_index(null), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NULL_VALUE);
    hlffi_value* red = haxe_value("red");
    hlffi_value_free(red);
    EXPECT_EQ(hlffi_enum_get_index(red), -1);  // freed
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    hlffi_value_free(i);
    hlffi_value_free(null);
}

TEST_F(Enums, GetName) {
    hlffi_value* c = rgb(4, 5, 6);
    EXPECT_EQ(take(hlffi_enum_get_name(c)), "Rgb");
    hlffi_value* red = haxe_value("red");
    EXPECT_EQ(take(hlffi_enum_get_name(red)), "Red");
    // Type.createEnum's value, through Dynamic-free code.
    hlffi_value* green = haxe_value("created");
    EXPECT_EQ(take(hlffi_enum_get_name(green)), "Green");
    for (hlffi_value* x : {c, red, green}) hlffi_value_free(x);
}

TEST_F(Enums, GetNameBadInput) {
    EXPECT_EQ(hlffi_enum_get_name(nullptr), nullptr);
    hlffi_value* s = hlffi_value_string(vm, "Red");
    EXPECT_EQ(hlffi_enum_get_name(s), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value_free(s);
    hlffi_value* red = haxe_value("red");
    hlffi_close(vm);
    EXPECT_EQ(hlffi_enum_get_name(red), nullptr);  // program closed
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Enums, GetParamCount) {
    hlffi_value* c = rgb(1, 1, 1);
    EXPECT_EQ(hlffi_enum_get_param_count(c), 3);
    hlffi_value* red = haxe_value("red");
    EXPECT_EQ(hlffi_enum_get_param_count(red), 0);
    hlffi_value* name = hlffi_value_string(vm, "n");
    hlffi_value* alpha = hlffi_value_float(vm, 0.5);
    hlffi_value* nargs[2] = {name, alpha};
    hlffi_value* named = haxe_value("named", 2, nargs);
    EXPECT_EQ(hlffi_enum_get_param_count(named), 2);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    for (hlffi_value* x : {c, red, name, alpha, named}) hlffi_value_free(x);
}

TEST_F(Enums, GetParamCountBadInput) {
    EXPECT_EQ(hlffi_enum_get_param_count(nullptr), -1);
    hlffi_value* f = hlffi_value_float(vm, 1.0);
    EXPECT_EQ(hlffi_enum_get_param_count(f), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value_free(f);
}

TEST_F(Enums, GetParam) {
    hlffi_value* a[3] = {hlffi_value_int(vm, 7), hlffi_value_int(vm, 8), hlffi_value_int(vm, 9)};
    hlffi_value* c = haxe_value("rgb", 3, a);
    for (int i = 0; i < 3; i++) {
        hlffi_value* p = hlffi_enum_get_param(c, i);
        ASSERT_NE(p, nullptr) << hlffi_get_error(vm);
        EXPECT_EQ(hlffi_value_get_kind(p), HLFFI_TYPE_I32);
        EXPECT_EQ(hlffi_value_as_int(p, -1), 7 + i);
        hlffi_value_free(p);
    }
    hlffi_value* name = hlffi_value_string(vm, "x");
    hlffi_value* alpha = hlffi_value_float(vm, 0.25);
    hlffi_value* nargs[2] = {name, alpha};
    hlffi_value* named = haxe_value("named", 2, nargs);
    hlffi_value* p0 = hlffi_enum_get_param(named, 0);
    hlffi_value* p1 = hlffi_enum_get_param(named, 1);
    EXPECT_EQ(take(hlffi_value_as_string(p0)), "x");
    EXPECT_EQ(hlffi_value_as_float(p1, -1), 0.25);
    // Dynamic and Null<Int> parameters: a boxed Int and a null.
    hlffi_value* five = hlffi_value_int(vm, 5);
    hlffi_value* null = hlffi_value_null(vm);
    hlffi_value* bargs[2] = {five, null};
    hlffi_value* boxed = haxe_value("boxed", 2, bargs);
    hlffi_value* b0 = hlffi_enum_get_param(boxed, 0);
    hlffi_value* b1 = hlffi_enum_get_param(boxed, 1);
    EXPECT_EQ(hlffi_value_get_kind(b0), HLFFI_TYPE_I32);  // Haxe sees an Int in the Dynamic
    EXPECT_EQ(hlffi_value_as_int(b0, -1), 5);
    EXPECT_TRUE(hlffi_value_is_null(b1));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    for (hlffi_value* x : {a[0], a[1], a[2], c, name, alpha, named, p0, p1, five, null, boxed, b0, b1}) hlffi_value_free(x);
}

TEST_F(Enums, GetParamBadInput) {
    EXPECT_EQ(hlffi_enum_get_param(nullptr, 0), nullptr);
    hlffi_value* c = rgb(1, 2, 3);
    EXPECT_EQ(hlffi_enum_get_param(c, 3), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "parameter index 3 out of range: Rgb has 3 parameter(s)");
    EXPECT_EQ(hlffi_enum_get_param(c, -1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_value* red = haxe_value("red");
    EXPECT_EQ(hlffi_enum_get_param(red, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_value* i = hlffi_value_int(vm, 0);
    EXPECT_EQ(hlffi_enum_get_param(i, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    for (hlffi_value* x : {c, red, i}) hlffi_value_free(x);
}

TEST_F(Enums, AllocSimpleIsHaxesOwnValue) {
    hlffi_value* red = hlffi_enum_alloc_simple(vm, "game.Color", 0);
    ASSERT_NE(red, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_TRUE(check_bool("isRed", red));  // `c == Red` compares pointers in HashLink
    EXPECT_EQ(check_text("colorName", red), "red");
    EXPECT_EQ(check_int("index", red), 0);
    EXPECT_EQ(check_text("show", red), "Red");
    EXPECT_EQ(check_text("params", red), "[]");
    EXPECT_TRUE(check_bool("isColor", red));
    hlffi_value* blue = hlffi_enum_alloc_simple(vm, "game.Color", 2);
    EXPECT_TRUE(check_bool("isBlue", blue));
    EXPECT_FALSE(check_bool("isRed", blue));
    // The same value as Type.createEnum(Color, "Green").
    hlffi_value* green = hlffi_enum_alloc_simple(vm, "game.Color", 1);
    hlffi_value* created = hlffi_call_static(vm, "Check", "created", 0, nullptr);
    EXPECT_TRUE(check_bool("isGreen", green));
    EXPECT_TRUE(check_bool("isGreen", created));
    hlffi_value* same_args[2] = {green, created};
    hlffi_value* same = hlffi_call_static(vm, "Check", "same", 2, same_args);
    EXPECT_TRUE(hlffi_value_as_bool(same, false));
    hlffi_value* west = hlffi_enum_alloc_simple(vm, "Direction", 3);
    EXPECT_EQ(check_text("dirName", west), "W");
    for (hlffi_value* x : {red, blue, green, created, same, west}) hlffi_value_free(x);
}

TEST_F(Enums, AllocSimpleBadInput) {
    EXPECT_EQ(hlffi_enum_alloc_simple(nullptr, "game.Color", 0), nullptr);
    EXPECT_EQ(hlffi_enum_alloc_simple(vm, nullptr, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_alloc_simple(vm, "game.Color", 3), nullptr);  // Rgb has parameters
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "game.Color.Rgb takes 3 parameter(s): use hlffi_enum_alloc");
    EXPECT_EQ(hlffi_enum_alloc_simple(vm, "game.Color", 99), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_alloc_simple(vm, "game.Entity", 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    // Before static initialisation the shared values do not exist yet.
    hlffi_vm* fresh = reflect_test::load_reflect(nullptr, false);
    EXPECT_EQ(hlffi_enum_alloc_simple(fresh, "game.Color", 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(fresh), HLFFI_ERROR_ENTRY_NOT_CALLED);
    hlffi_destroy(fresh);
}

TEST_F(Enums, AllocWithParamsIsAHaxeValue) {
    hlffi_value* c = rgb(1, 2, 3);
    ASSERT_NE(c, nullptr);
    hlffi_value* a[3] = {hlffi_value_int(vm, 1), hlffi_value_int(vm, 2), hlffi_value_int(vm, 3)};
    hlffi_value* haxe = hlffi_call_static(vm, "Check", "rgb", 3, a);
    EXPECT_EQ(check_text("colorName", c), "rgb 1 2 3");  // a Haxe switch matches it
    EXPECT_EQ(check_text("show", c), check_text("show", haxe));
    EXPECT_EQ(check_text("show", c), "Rgb(1,2,3)");
    EXPECT_EQ(check_text("params", c), "[1,2,3]");
    EXPECT_EQ(check_int("index", c), 3);
    EXPECT_EQ(check_text("ctorName", c), "Rgb");
    EXPECT_TRUE(check_bool("isColor", c));
    hlffi_value* same_args[2] = {c, haxe};
    hlffi_value* same = hlffi_call_static(vm, "Check", "same", 2, same_args);
    EXPECT_TRUE(hlffi_value_as_bool(same, false));  // Type.enumEq
    EXPECT_EQ(take(hlffi_value_as_string(c)), "Rgb(1,2,3)");  // trace/Std.string from the host too

    // Parameters converted by Haxe's rules: an Int for a Float, boxing into Dynamic and Null<Int>.
    hlffi_value* n = hlffi_value_string(vm, "n");
    hlffi_value* one = hlffi_value_int(vm, 1);
    hlffi_value* nargs[2] = {n, one};
    hlffi_value* named = hlffi_enum_alloc(vm, "game.Color", 4, 2, nargs);
    ASSERT_NE(named, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(check_text("colorName", named), "named n 1");
    EXPECT_EQ(check_text("show", named), "Named(n,1)");
    hlffi_value* s = hlffi_value_string(vm, "s");
    hlffi_value* seven = hlffi_value_int(vm, 7);
    hlffi_value* bargs[2] = {s, seven};
    hlffi_value* boxed = hlffi_enum_alloc(vm, "game.Color", 5, 2, bargs);
    ASSERT_NE(boxed, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(check_text("colorName", boxed), "boxed s 7");
    EXPECT_EQ(check_text("params", boxed), "[s,7]");
    hlffi_value* null = hlffi_value_null(vm);
    hlffi_value* nullargs[2] = {one, null};
    hlffi_value* boxed_null = hlffi_enum_alloc(vm, "game.Color", 5, 2, nullargs);
    EXPECT_EQ(check_text("show", boxed_null), "Boxed(1,null)");
    // An object parameter.
    hlffi_value* id = hlffi_value_int(vm, 9);
    hlffi_value* ann = hlffi_value_string(vm, "ann");
    hlffi_value* pargs[2] = {id, ann};
    hlffi_value* player = hlffi_new(vm, "game.Player", 2, pargs);
    ASSERT_NE(player, nullptr) << hlffi_get_error(vm);
    hlffi_value* owner = hlffi_enum_alloc(vm, "game.Color", 6, 1, &player);
    EXPECT_EQ(check_text("colorName", owner), "owner ann");
    EXPECT_EQ(check_text("show", owner), "Owner(game.Player)");
    // Zero parameters: the shared value, as hlffi_enum_alloc_simple.
    hlffi_value* red = hlffi_enum_alloc(vm, "game.Color", 0, 0, nullptr);
    EXPECT_TRUE(check_bool("isRed", red));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    for (hlffi_value* x : {c, a[0], a[1], a[2], haxe, same, n, one, named, s, seven, boxed, null, boxed_null, id, ann,
                           player, owner, red})
        hlffi_value_free(x);
}

TEST_F(Enums, HostMadeValuesTraceAsHaxesOwn) {
    hlffi_value* host = rgb(10, 20, 30);
    hlffi_value* a[3] = {hlffi_value_int(vm, 10), hlffi_value_int(vm, 20), hlffi_value_int(vm, 30)};
    hlffi_value* haxe = hlffi_call_static(vm, "Check", "rgb", 3, a);
    hlffi_value* red = hlffi_enum_alloc_simple(vm, "game.Color", 0);
    out.clear();
    EXPECT_EQ(hlffi_call_static(vm, "Check", "traceIt", 1, &host), nullptr);
    std::string host_trace = out;
    out.clear();
    EXPECT_EQ(hlffi_call_static(vm, "Check", "traceIt", 1, &haxe), nullptr);
    EXPECT_EQ(host_trace, out);
    EXPECT_EQ(out.substr(out.find(": ") + 2), "Rgb(10,20,30)\n");
    out.clear();
    EXPECT_EQ(hlffi_call_static(vm, "Check", "traceIt", 1, &red), nullptr);
    EXPECT_EQ(out.substr(out.find(": ") + 2), "Red\n");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    for (hlffi_value* x : {host, a[0], a[1], a[2], haxe, red}) hlffi_value_free(x);
}

TEST_F(Enums, AllocSurvivesCollections) {
    // Both parameters are boxed (Dynamic, Null<Int>) while the value is being made: under
    // HLFFI_GC_STRESS=1 each box allocation collects, and the first box must survive the second.
    hlffi_value* f = hlffi_value_float(vm, 2.5);
    hlffi_value* i = hlffi_value_int(vm, 3);
    hlffi_value* args[2] = {f, i};
    hlffi_value* boxed = hlffi_enum_alloc(vm, "game.Color", 5, 2, args);
    ASSERT_NE(boxed, nullptr) << hlffi_get_error(vm);
    hlffi_value_free(f);
    hlffi_value_free(i);
    hlffi_value* n = hlffi_value_int(vm, 2000);
    hlffi_value* made = hlffi_call_static(vm, "Alloc", "make", 1, &n);
    EXPECT_EQ(hlffi_value_as_int(made, -1), 2000);
    EXPECT_EQ(hlffi_call_static(vm, "Alloc", "drop", 0, nullptr), nullptr);
    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    EXPECT_EQ(check_text("show", boxed), "Boxed(2.5,3)");
    EXPECT_EQ(check_text("colorName", boxed), "boxed 2.5 3");
    hlffi_value_free(boxed);
    hlffi_value_free(n);
    hlffi_value_free(made);
}

TEST_F(Enums, AllocBadInput) {
    hlffi_value* one = hlffi_value_int(vm, 1);
    hlffi_value* two[2] = {one, one};
    EXPECT_EQ(hlffi_enum_alloc(nullptr, "game.Color", 3, 2, two), nullptr);
    EXPECT_EQ(hlffi_enum_alloc(vm, nullptr, 3, 2, two), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, 2, two), nullptr);  // Rgb takes 3
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_STREQ(hlffi_get_error(vm), "game.Color.Rgb takes 3 parameter(s), 2 given");
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, -1, two), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, 3, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 8, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_value* str = hlffi_value_string(vm, "x");
    hlffi_value* bad[3] = {one, str, one};
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, 3, bad), nullptr);  // a String for an Int
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_STREQ(hlffi_get_error(vm), "game.Color.Rgb parameter 2: expected i32, got String");
    hlffi_value* withnull[3] = {one, nullptr, one};
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, 3, withnull), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NULL_VALUE);
    hlffi_value* freed = hlffi_value_int(vm, 2);
    hlffi_value_free(freed);
    hlffi_value* stale[3] = {one, freed, one};
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, 3, stale), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    hlffi_vm* other = reflect_test::load_reflect(nullptr);
    hlffi_value* foreign = hlffi_value_int(other, 3);
    hlffi_value* mixed[3] = {one, foreign, one};
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 3, 3, mixed), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_WRONG_VM);
    hlffi_value* player = hlffi_new(vm, "game.Entity", 1, &one);
    ASSERT_NE(player, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_enum_alloc(vm, "game.Color", 6, 1, &player), nullptr);  // an Entity is not a Player
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value_free(foreign);
    hlffi_destroy(other);
    for (hlffi_value* x : {one, str, player}) hlffi_value_free(x);
}

TEST_F(Enums, Is) {
    hlffi_value* c = rgb(0, 0, 0);
    EXPECT_TRUE(hlffi_enum_is(c, 3));
    EXPECT_FALSE(hlffi_enum_is(c, 0));
    EXPECT_FALSE(hlffi_enum_is(c, -1));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    hlffi_value* red = haxe_value("red");
    EXPECT_TRUE(hlffi_enum_is(red, 0));
    hlffi_value_free(c);
    hlffi_value_free(red);
}

TEST_F(Enums, IsBadInput) {
    EXPECT_FALSE(hlffi_enum_is(nullptr, 0));
    hlffi_value* zero = hlffi_value_int(vm, 0);
    EXPECT_FALSE(hlffi_enum_is(zero, 0));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value_free(zero);
}

TEST_F(Enums, IsNamed) {
    hlffi_value* c = rgb(0, 0, 0);
    EXPECT_TRUE(hlffi_enum_is_named(c, "Rgb"));
    EXPECT_FALSE(hlffi_enum_is_named(c, "Red"));
    EXPECT_FALSE(hlffi_enum_is_named(c, "rgb"));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    hlffi_value* west = haxe_value("west");
    EXPECT_TRUE(hlffi_enum_is_named(west, "West"));
    hlffi_value_free(c);
    hlffi_value_free(west);
}

TEST_F(Enums, IsNamedBadInput) {
    EXPECT_FALSE(hlffi_enum_is_named(nullptr, "Red"));
    hlffi_value* red = haxe_value("red");
    EXPECT_FALSE(hlffi_enum_is_named(red, nullptr));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_value* s = hlffi_value_string(vm, "Red");
    EXPECT_FALSE(hlffi_enum_is_named(s, "Red"));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value_free(red);
    hlffi_value_free(s);
}

}  // namespace
