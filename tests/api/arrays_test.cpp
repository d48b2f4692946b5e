// api layer tests: the Arrays section: host-made Haxe Arrays, native arrays and struct arrays
// checked from inside Haxe (tests/haxe/api/data), Haxe-made ones read from C, and bad input.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "data_fixture.h"

namespace {

using data_test::DataVm;
using data_test::take;

// Sets element i of arr to the Int v (temporary handle).
void set_int(DataVm& d, hlffi_value* arr, int i, int v) {
    hlffi_value* x = hlffi_value_int(d.vm, v);
    EXPECT_TRUE(hlffi_array_set(d.vm, arr, i, x)) << hlffi_get_error(d.vm);
    hlffi_value_free(x);
}

int get_int(DataVm& d, hlffi_value* arr, int i) {
    hlffi_value* x = hlffi_array_get(d.vm, arr, i);
    EXPECT_NE(x, nullptr) << hlffi_get_error(d.vm);
    int r = hlffi_value_as_int(x, -12345);
    hlffi_value_free(x);
    return r;
}

std::string get_text(DataVm& d, hlffi_value* arr, int i) {
    hlffi_value* x = hlffi_array_get(d.vm, arr, i);
    std::string r = x == nullptr ? "<NULL>" : hlffi_value_is_null(x) ? "null" : take(hlffi_value_as_string(x));
    hlffi_value_free(x);
    return r;
}

struct Vec {  // the C layout of the @:struct class Vec {x:Float, y:Float, tag:Int}
    double x, y;
    int tag;
};

TEST(Arrays, IntArrayIsHaxesOwnArrayInt) {
    DataVm d;
    hlffi_value* a = hlffi_array_new(d.vm, d.type("Int"), 3);
    ASSERT_NE(a, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(a), "hl.types.ArrayBytes_Int");
    EXPECT_EQ(hlffi_array_length(a), 3);
    for (int i = 0; i < 3; i++) EXPECT_EQ(get_int(d, a, i), 0);
    for (int i = 0; i < 3; i++) set_int(d, a, i, i + 1);
    EXPECT_EQ(get_int(d, a, 2), 3);
    // Haxe pushes onto it (growing its storage), sees Array, prints it, then pops.
    EXPECT_EQ(d.text("checkInts", {a}), "true 3 4 [1,2,3,99] [1,2,3,99]");
    EXPECT_EQ(hlffi_array_length(a), 3);
    hlffi_value* sum = d.call("sumInts", {a});
    EXPECT_EQ(hlffi_value_as_int(sum, -1), 6);
    hlffi_value_free(sum);
    // The same text as for an array Haxe made itself.
    hlffi_value* h = d.call("makeInts");
    EXPECT_EQ(d.text("checkInts", {h}), d.text("checkInts", {a}));
    hlffi_value_free(h);
    hlffi_value_free(a);
}

TEST(Arrays, FloatSingleBoolArrays) {
    DataVm d;
    hlffi_value* f = hlffi_array_new(d.vm, d.type("Float"), 2);
    ASSERT_NE(f, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(f), "hl.types.ArrayBytes_Float");
    hlffi_value* x = hlffi_value_float(d.vm, 1.5);
    hlffi_value* y = hlffi_value_float(d.vm, -2.25);
    EXPECT_TRUE(hlffi_array_set(d.vm, f, 0, x));
    EXPECT_TRUE(hlffi_array_set(d.vm, f, 1, y));
    EXPECT_EQ(d.text("checkFloats", {f}), "true 3 [1.5,-2.25,0.5]");
    hlffi_value* e = hlffi_array_get(d.vm, f, 1);
    EXPECT_EQ(hlffi_value_as_float(e, 0), -2.25);
    hlffi_value_free(e);
    // An Int stored into Array<Float> is converted, as in Haxe.
    hlffi_value* three = hlffi_value_int(d.vm, 3);
    EXPECT_TRUE(hlffi_array_set(d.vm, f, 0, three));
    e = hlffi_array_get(d.vm, f, 0);
    EXPECT_EQ(hlffi_value_as_float(e, 0), 3.0);
    EXPECT_EQ(hlffi_value_get_kind(e), HLFFI_TYPE_F64);
    hlffi_value_free(e);

    hlffi_value* s = hlffi_array_new(d.vm, d.type("Single"), 2);
    ASSERT_NE(s, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(s), "hl.types.ArrayBytes_hl_F32");
    hlffi_value* half = hlffi_value_f32(d.vm, 0.5f);
    hlffi_value* four = hlffi_value_f32(d.vm, 4.0f);
    EXPECT_TRUE(hlffi_array_set(d.vm, s, 0, half));
    EXPECT_TRUE(hlffi_array_set(d.vm, s, 1, four));
    EXPECT_EQ(d.text("checkSingles", {s}), "true 2 [0.5,4]");
    auto* raw = static_cast<float*>(hlffi_native_array_get_ptr(s));
    ASSERT_NE(raw, nullptr);
    EXPECT_EQ(raw[1], 4.0f);

    // Array<Bool> is an ArrayObj of boxed Bools on HashLink; its defaults are false.
    hlffi_value* b = hlffi_array_new(d.vm, d.type("Bool"), 3);
    ASSERT_NE(b, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(b), "hl.types.ArrayObj");
    hlffi_value* t = hlffi_value_bool(d.vm, true);
    EXPECT_TRUE(hlffi_array_set(d.vm, b, 0, t));
    EXPECT_TRUE(hlffi_array_set(d.vm, b, 2, t));
    EXPECT_EQ(d.text("checkBools", {b}), "true 4 [true,false,true,true]");
    hlffi_value* hb = d.call("makeBools");
    EXPECT_EQ(d.text("checkBools", {hb}), d.text("checkBools", {b}));
    hlffi_value* e1 = hlffi_array_get(d.vm, b, 1);
    EXPECT_FALSE(hlffi_value_as_bool(e1, true));
    EXPECT_EQ(hlffi_value_get_kind(e1), HLFFI_TYPE_BOOL);
    // (Array<Bool>'s storage is a native array of Dynamic, so the element type gives no check.)
    for (hlffi_value* v : {f, x, y, three, s, half, four, b, t, hb, e1}) hlffi_value_free(v);
}

TEST(Arrays, StringObjectAndDynamicArrays) {
    DataVm d;
    hlffi_value* s = hlffi_array_new(d.vm, d.type("String"), 2);
    ASSERT_NE(s, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(s), "hl.types.ArrayObj");
    EXPECT_EQ(get_text(d, s, 0), "null");
    // Checked against the run-time element type of the storage, as Haxe's setDyn does. (When
    // Haxe grows an ArrayObj, the new storage is a native array of Dynamic: no check after.)
    hlffi_value* one = hlffi_value_int(d.vm, 1);
    EXPECT_FALSE(hlffi_array_set(d.vm, s, 0, one));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value* a = hlffi_value_string(d.vm, "a");
    hlffi_value* bc = hlffi_value_string(d.vm, "bc");
    EXPECT_TRUE(hlffi_array_set(d.vm, s, 0, a));
    EXPECT_TRUE(hlffi_array_set(d.vm, s, 1, bc));
    EXPECT_EQ(d.text("checkStrings", {s}), "true 3 a|bc|z 2");
    hlffi_value* hs = d.call("makeStrings");
    EXPECT_EQ(d.text("checkStrings", {hs}), d.text("checkStrings", {s}));

    hlffi_value* items = hlffi_array_new(d.vm, d.type("Item"), 1);
    ASSERT_NE(items, nullptr) << hlffi_get_error(d.vm);
    EXPECT_FALSE(hlffi_array_set(d.vm, items, 0, a));  // a String is not an Item
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_array_push(d.vm, items, a));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_array_length(items), 1);
    hlffi_value* none = hlffi_value_null(d.vm);
    EXPECT_TRUE(hlffi_array_set(d.vm, items, 0, none));  // null fits
    hlffi_value_free(none);
    for (int id : {7, 8}) {
        hlffi_value* arg = hlffi_value_int(d.vm, id);
        hlffi_value* it = hlffi_new(d.vm, "Item", 1, &arg);
        EXPECT_TRUE(hlffi_array_push(d.vm, items, it)) << hlffi_get_error(d.vm);
        hlffi_value_free(it);
        hlffi_value_free(arg);
    }
    EXPECT_EQ(hlffi_array_length(items), 3);
    EXPECT_EQ(d.text("checkItems", {items}), "true 3 -1,7,8 [null,Item7,Item8]");
    hlffi_value* hi = d.call("makeItems");
    EXPECT_EQ(d.text("checkItems", {hi}), "true 2 7,8 [Item7,Item8]");
    hlffi_value* second = hlffi_array_get(d.vm, hi, 1);
    EXPECT_EQ(hlffi_get_field_int(second, "id", -1), 8);

    hlffi_value* dyn = hlffi_array_new(d.vm, d.type("Dynamic"), 0);
    ASSERT_NE(dyn, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(dyn), "hl.types.ArrayDyn");
    hlffi_value* two = hlffi_value_string(d.vm, "two");
    hlffi_value* f = hlffi_value_float(d.vm, 3.5);
    hlffi_value* null = hlffi_value_null(d.vm);
    for (hlffi_value* v : {one, two, f, null}) EXPECT_TRUE(hlffi_array_push(d.vm, dyn, v)) << hlffi_get_error(d.vm);
    EXPECT_EQ(hlffi_array_length(dyn), 4);
    EXPECT_EQ(d.text("checkDyns", {dyn}), "true 5 [1,two,3.5,null,end]");
    hlffi_value* hd = d.call("makeDyns");
    EXPECT_EQ(d.text("checkDyns", {hd}), d.text("checkDyns", {dyn}));
    EXPECT_EQ(get_int(d, hd, 0), 1);
    EXPECT_EQ(get_text(d, hd, 1), "two");
    EXPECT_EQ(get_text(d, dyn, 3), "null");
    for (hlffi_value* v : {s, a, bc, hs, one, items, hi, second, dyn, two, f, null, hd}) hlffi_value_free(v);
}

TEST(Arrays, HaxeMadeArraysReadFromC) {
    DataVm d;
    hlffi_value* ints = d.call("makeInts");
    EXPECT_EQ(hlffi_array_length(ints), 3);
    EXPECT_EQ(get_int(d, ints, 0), 1);
    EXPECT_EQ(get_int(d, ints, 2), 3);
    auto* raw = static_cast<int*>(hlffi_native_array_get_ptr(ints));
    ASSERT_NE(raw, nullptr);
    EXPECT_EQ(raw[1], 2);
    raw[1] = 20;  // written through the pointer, seen by Haxe
    EXPECT_EQ(d.text("checkInts", {ints}), "true 3 4 [1,20,3,99] [1,20,3,99]");
    hlffi_value* floats = d.call("makeFloats");
    hlffi_value* e = hlffi_array_get(d.vm, floats, 1);
    EXPECT_EQ(hlffi_value_as_float(e, 0), -2.25);
    hlffi_value* singles = d.call("makeSingles");
    hlffi_value* s = hlffi_array_get(d.vm, singles, 0);
    EXPECT_EQ(hlffi_value_as_f32(s, 0), 0.5f);
    hlffi_value* bools = d.call("makeBools");
    hlffi_value* b = hlffi_array_get(d.vm, bools, 1);
    EXPECT_FALSE(hlffi_value_as_bool(b, true));
    hlffi_value* strings = d.call("makeStrings");
    EXPECT_EQ(get_text(d, strings, 1), "bc");
    for (hlffi_value* v : {ints, floats, e, singles, s, bools, b, strings}) hlffi_value_free(v);
}

TEST(Arrays, SetPastTheEndGrowsAsInHaxe) {
    DataVm d;
    hlffi_value* a = hlffi_array_new(d.vm, d.type("Int"), 2);
    set_int(d, a, 0, 1);
    set_int(d, a, 5, 6);
    EXPECT_EQ(hlffi_array_length(a), 6);
    EXPECT_EQ(get_int(d, a, 4), 0);
    EXPECT_EQ(d.text("checkInts", {a}), "true 6 7 [1,0,0,0,0,6,99] [1,0,0,0,0,6,99]");
    hlffi_value* s = hlffi_array_new(d.vm, d.type("String"), 0);
    hlffi_value* z = hlffi_value_string(d.vm, "z");
    EXPECT_TRUE(hlffi_array_set(d.vm, s, 2, z));
    EXPECT_EQ(hlffi_array_length(s), 3);
    EXPECT_EQ(get_text(d, s, 0), "null");
    EXPECT_EQ(get_text(d, s, 2), "z");
    hlffi_value* dyn = hlffi_array_new(d.vm, d.type("Dynamic"), 0);
    EXPECT_TRUE(hlffi_array_set(d.vm, dyn, 1, z));
    EXPECT_EQ(hlffi_array_length(dyn), 2);
    EXPECT_EQ(d.text("checkDyns", {dyn}), "true 3 [null,z,end]");
    for (hlffi_value* v : {a, s, z, dyn}) hlffi_value_free(v);
}

TEST(Arrays, PushAppends) {
    DataVm d;
    hlffi_value* a = hlffi_array_new(d.vm, d.type("Int"), 0);
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(hlffi_native_array_get_ptr(a), nullptr);  // no storage yet, and no error
    EXPECT_EQ(d.last(), HLFFI_OK);
    for (int i = 1; i <= 100; i++) {
        hlffi_value* x = hlffi_value_int(d.vm, i);
        ASSERT_TRUE(hlffi_array_push(d.vm, a, x)) << hlffi_get_error(d.vm);
        hlffi_value_free(x);
    }
    EXPECT_EQ(hlffi_array_length(a), 100);
    hlffi_value* sum = d.call("sumInts", {a});
    EXPECT_EQ(hlffi_value_as_int(sum, -1), 5050);
    hlffi_value* b = hlffi_array_new(d.vm, d.type("Bool"), 0);
    hlffi_value* t = hlffi_value_bool(d.vm, true);
    EXPECT_TRUE(hlffi_array_push(d.vm, b, t));
    EXPECT_EQ(d.text("checkBools", {b}), "true 2 [true,true]");
    for (hlffi_value* v : {a, sum, b, t}) hlffi_value_free(v);
}

TEST(Arrays, NativeArrays) {
    DataVm d;
    hlffi_value* n = hlffi_native_array_new(d.vm, d.type("Int"), 3);
    ASSERT_NE(n, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(hlffi_value_get_kind(n), HLFFI_TYPE_ARRAY);
    EXPECT_EQ(hlffi_array_length(n), 3);
    auto* p = static_cast<int*>(hlffi_native_array_get_ptr(n));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p[0], 0);
    p[0] = 10;
    p[1] = 20;
    set_int(d, n, 2, 30);
    EXPECT_EQ(d.text("checkNative", {n}), "3 10,20,30");
    // Bounds-checked, fixed length.
    hlffi_value* x = hlffi_value_int(d.vm, 1);
    EXPECT_FALSE(hlffi_array_set(d.vm, n, 3, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_array_push(d.vm, n, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_array_get(d.vm, n, -1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);

    hlffi_value* f = hlffi_native_array_new(d.vm, d.type("Float"), 2);
    auto* fp = static_cast<double*>(hlffi_native_array_get_ptr(f));
    ASSERT_NE(fp, nullptr);
    fp[0] = 0.25;
    fp[1] = 8;
    EXPECT_EQ(d.text("checkNativeFloats", {f}), "2 0.25,8");

    hlffi_value* h = d.call("makeNative");
    EXPECT_EQ(hlffi_array_length(h), 3);
    auto* hp = static_cast<int*>(hlffi_native_array_get_ptr(h));
    ASSERT_NE(hp, nullptr);
    EXPECT_EQ(hp[2], 30);
    EXPECT_EQ(get_int(d, h, 1), 20);
    hlffi_value* hf = d.call("makeNativeFloats");
    hlffi_value* e = hlffi_array_get(d.vm, hf, 0);
    EXPECT_EQ(hlffi_value_as_float(e, 0), 0.25);
    EXPECT_EQ(d.text("checkNativeFloats", {hf}), d.text("checkNativeFloats", {f}));
    for (hlffi_value* v : {n, x, f, h, hf, e}) hlffi_value_free(v);
}

TEST(Arrays, GetPtrOfBoxedArraysIsRefused) {
    DataVm d;
    hlffi_value* s = d.call("makeStrings");
    EXPECT_EQ(hlffi_native_array_get_ptr(s), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    hlffi_value* b = d.call("makeBools");
    EXPECT_EQ(hlffi_native_array_get_ptr(b), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    hlffi_value_free(s);
    hlffi_value_free(b);
}

TEST(Arrays, NativeStructArrays) {
    DataVm d;
    hlffi_type* vec = d.type("Vec");
    ASSERT_EQ(hlffi_type_get_kind(vec), HLFFI_TYPE_STRUCT);
    hlffi_value* a = hlffi_native_array_new_struct(d.vm, vec, 3);
    ASSERT_NE(a, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(hlffi_array_length(a), 3);
    auto* base = static_cast<Vec*>(hlffi_native_array_get_struct_ptr(a));
    ASSERT_NE(base, nullptr);
    // Stored back to back as a C array of Vec.
    for (int i = 0; i < 3; i++) {
        EXPECT_EQ(hlffi_array_get_struct(a, i), static_cast<void*>(base + i));
        EXPECT_EQ(base[i].tag, 0);
        base[i] = Vec{i + 1.0, i + 2.0, i + 3};
    }
    EXPECT_EQ(d.text("checkVecs", {a}), "3 1/2/3,2/3/4,3/4/5");
    Vec v{9.5, -1, 42};
    EXPECT_TRUE(hlffi_array_set_struct(d.vm, a, 1, &v, sizeof(Vec))) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.text("checkVecs", {a}), "3 1/2/3,9.5/-1/42,3/4/5");
    // An element is a struct value Haxe can take.
    hlffi_value* e = hlffi_array_get(d.vm, a, 1);
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(hlffi_value_get_kind(e), HLFFI_TYPE_STRUCT);
    EXPECT_EQ(d.text("vecText", {e}), "9.5/-1/42");

    // Haxe-made: one pointer per struct, each read and written in place.
    hlffi_value* h = d.call("makeVecs");
    auto* first = static_cast<Vec*>(hlffi_array_get_struct(h, 0));
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->x, 1.0);
    EXPECT_EQ(first->y, 2.0);
    EXPECT_EQ(first->tag, 3);
    EXPECT_TRUE(hlffi_array_set_struct(d.vm, h, 1, &v, sizeof(Vec)));
    EXPECT_EQ(d.text("checkVecs", {h}), "2 1/2/3,9.5/-1/42");

    // A plain native array of Vec starts with null elements; set_struct gives one a new struct.
    hlffi_value* n = hlffi_native_array_new(d.vm, vec, 2);
    EXPECT_EQ(hlffi_array_get_struct(n, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_TRUE(hlffi_array_set_struct(d.vm, n, 0, &v, sizeof(Vec)));
    EXPECT_EQ(d.text("checkVecs", {n}), "2 9.5/-1/42,null");

    // Wrong size, bad index, NULL source.
    EXPECT_FALSE(hlffi_array_set_struct(d.vm, a, 0, &v, 20));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_array_set_struct(d.vm, a, 3, &v, sizeof(Vec)));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_array_set_struct(d.vm, a, 0, nullptr, sizeof(Vec)));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_array_get_struct(a, 3), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_value* ints = d.call("makeNative");
    EXPECT_EQ(hlffi_array_get_struct(ints, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_native_array_get_struct_ptr(ints), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    // Not a struct type; an empty struct array has no first struct.
    EXPECT_EQ(hlffi_native_array_new_struct(d.vm, d.type("Item"), 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    hlffi_value* empty = hlffi_native_array_new_struct(d.vm, vec, 0);
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(hlffi_native_array_get_struct_ptr(empty), nullptr);
    EXPECT_EQ(d.last(), HLFFI_OK);
    EXPECT_EQ(hlffi_native_array_new_struct(d.vm, vec, -1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    for (hlffi_value* x : {a, e, h, n, ints, empty}) hlffi_value_free(x);
}

TEST(Arrays, HaxeArrayOfStructsIsRefusedAsUnsound) {
    DataVm d;
    EXPECT_EQ(hlffi_array_new_struct(d.vm, d.type("Vec"), 2), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_NE(std::string(hlffi_get_error(d.vm)).find("hlffi_native_array_new_struct"), std::string::npos);
    EXPECT_EQ(hlffi_array_new(d.vm, d.type("Vec"), 2), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_array_new_struct(d.vm, d.type("Int"), 2), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_array_new_struct(nullptr, d.type("Vec"), 2), nullptr);
    EXPECT_EQ(hlffi_array_new_struct(d.vm, nullptr, 2), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
}

TEST(Arrays, ValuesSurviveCollectionsWhileHeld) {
    DataVm d;
    hlffi_value* s = hlffi_array_new(d.vm, d.type("String"), 0);
    hlffi_value* ints = hlffi_array_new(d.vm, d.type("Int"), 0);
    hlffi_value* vecs = hlffi_native_array_new_struct(d.vm, d.type("Vec"), 4);
    for (int i = 0; i < 200; i++) {
        hlffi_value* t = hlffi_value_string(d.vm, ("s" + std::to_string(i)).c_str());
        ASSERT_TRUE(hlffi_array_push(d.vm, s, t));
        hlffi_value_free(t);  // only the array holds it now
        set_int(d, ints, i, i * 3);
    }
    auto* vp = static_cast<Vec*>(hlffi_native_array_get_struct_ptr(vecs));
    for (int i = 0; i < 4; i++) vp[i] = Vec{i * 0.5, -i * 1.0, i};
    hlffi_value* keep = hlffi_array_get(d.vm, vecs, 3);  // an interior pointer keeps the block alive
    hlffi_value_free(vecs);
    hlffi_value* n = hlffi_value_int(d.vm, 20000);
    hlffi_value* r = d.call("churn", {n});
    hlffi_value_free(r);
    EXPECT_EQ(hlffi_gc_collect(d.vm), HLFFI_OK);
    EXPECT_EQ(hlffi_array_length(s), 200);
    EXPECT_EQ(get_text(d, s, 0), "s0");
    EXPECT_EQ(get_text(d, s, 199), "s199");
    EXPECT_EQ(get_int(d, ints, 199), 597);
    EXPECT_EQ(d.text("vecText", {keep}), "1.5/-3/3");
    for (hlffi_value* v : {s, ints, keep, n}) hlffi_value_free(v);
}

TEST(Arrays, BadInput) {
    DataVm d;
    DataVm other;
    hlffi_type* int_t = d.type("Int");
    hlffi_value* a = hlffi_array_new(d.vm, int_t, 2);
    hlffi_value* x = hlffi_value_int(d.vm, 1);
    hlffi_value* str = hlffi_value_string(d.vm, "s");
    hlffi_value* foreign = hlffi_array_new(other.vm, other.type("Int"), 1);
    hlffi_value* freed = hlffi_array_new(d.vm, int_t, 1);
    hlffi_value_free(freed);

    // hlffi_array_new
    EXPECT_EQ(hlffi_array_new(nullptr, int_t, 1), nullptr);
    EXPECT_EQ(hlffi_array_new(d.vm, nullptr, 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_array_new(d.vm, int_t, -1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_array_new(d.vm, other.type("Int"), 1), nullptr);  // another VM's type
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(hlffi_array_new(d.vm, d.type("void"), 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    // hlffi_array_length
    EXPECT_EQ(hlffi_array_length(nullptr), -1);
    EXPECT_EQ(hlffi_array_length(str), -1);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_array_length(x), -1);
    EXPECT_EQ(hlffi_array_length(freed), -1);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    // hlffi_array_get
    EXPECT_EQ(hlffi_array_get(nullptr, a, 0), nullptr);
    EXPECT_EQ(hlffi_array_get(d.vm, nullptr, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(hlffi_array_get(d.vm, a, 2), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_array_get(d.vm, foreign, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_WRONG_VM);
    EXPECT_EQ(hlffi_array_get(d.vm, str, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_array_get(d.vm, freed, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    // hlffi_array_set
    EXPECT_FALSE(hlffi_array_set(nullptr, a, 0, x));
    EXPECT_FALSE(hlffi_array_set(d.vm, a, 0, nullptr));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_array_set(d.vm, a, -1, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_array_set(d.vm, a, 0, str));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_array_set(d.vm, foreign, 0, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_WRONG_VM);
    EXPECT_FALSE(hlffi_array_set(d.vm, str, 0, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    // hlffi_array_push
    EXPECT_FALSE(hlffi_array_push(nullptr, a, x));
    EXPECT_FALSE(hlffi_array_push(d.vm, nullptr, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_array_push(d.vm, a, str));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_array_push(d.vm, freed, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_FALSE(hlffi_array_set(d.vm, a, 0x7FFFFFFF, x));  // would overflow Haxe's __expand
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_array_set(d.vm, a, 0x20000000, x));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_array_new(d.vm, int_t, 0x7FFFFFFF), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_array_length(a), 2);  // nothing was appended by the failures
    // hlffi_native_array_new / get_ptr
    EXPECT_EQ(hlffi_native_array_new(nullptr, int_t, 1), nullptr);
    EXPECT_EQ(hlffi_native_array_new(d.vm, nullptr, 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_native_array_new(d.vm, int_t, -5), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_native_array_new(d.vm, d.type("void"), 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_native_array_get_ptr(nullptr), nullptr);
    EXPECT_EQ(hlffi_native_array_get_ptr(str), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_native_array_get_ptr(freed), nullptr);
    // struct functions
    EXPECT_EQ(hlffi_array_get_struct(nullptr, 0), nullptr);
    EXPECT_EQ(hlffi_array_get_struct(a, 0), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_FALSE(hlffi_array_set_struct(nullptr, a, 0, &x, 8));
    EXPECT_FALSE(hlffi_array_set_struct(d.vm, nullptr, 0, &x, 8));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_array_set_struct(d.vm, str, 0, &x, 8));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_native_array_new_struct(nullptr, d.type("Vec"), 1), nullptr);
    EXPECT_EQ(hlffi_native_array_new_struct(d.vm, nullptr, 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_native_array_get_struct_ptr(nullptr), nullptr);
    EXPECT_EQ(hlffi_native_array_get_struct_ptr(freed), nullptr);
    for (hlffi_value* v : {a, x, str, foreign}) hlffi_value_free(v);
}

TEST(Arrays, BeforeLoadAndMissingClasses) {
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_array_new(vm, nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(hlffi_native_array_new(vm, nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(hlffi_native_array_new_struct(vm, nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(hlffi_array_get(vm, nullptr, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    EXPECT_FALSE(hlffi_array_set(vm, nullptr, 0, nullptr));
    EXPECT_FALSE(hlffi_array_push(vm, nullptr, nullptr));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(vm);

    // Haxe keeps every hl.types.Array* class (ArrayBase's @:keep allocators use them), so even a
    // program that never uses Array<UI16> can make one.
    DataVm d("01_int_arith");
    hlffi_value* a = hlffi_array_new(d.vm, d.type("ui16"), 2);
    ASSERT_NE(a, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(a), "hl.types.ArrayBytes_hl_UI16");
    hlffi_value* big = hlffi_value_int(d.vm, 65537);
    EXPECT_TRUE(hlffi_array_set(d.vm, a, 1, big));
    EXPECT_EQ(get_int(d, a, 1), 1);  // stored as a UI16, as Haxe stores it
    hlffi_value_free(big);
    hlffi_value_free(a);
}

}  // namespace
