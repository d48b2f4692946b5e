// api layer tests: the Maps section: host-made IntMap/StringMap/ObjectMap checked from inside
// Haxe (tests/haxe/api/data), Haxe-made maps driven from C, keys/values as real Haxe Arrays.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "data_fixture.h"

namespace {

using data_test::DataVm;
using data_test::take;

// The elements of a Haxe Array as text, sorted (map iteration order is the hash table's).
std::vector<std::string> sorted_texts(DataVm& d, hlffi_value* arr) {
    std::vector<std::string> out;
    int n = hlffi_array_length(arr);
    for (int i = 0; i < n; i++) {
        hlffi_value* e = hlffi_array_get(d.vm, arr, i);
        out.push_back(hlffi_value_is_null(e) ? "null" : take(hlffi_value_as_string(e)));
        hlffi_value_free(e);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool set_is(DataVm& d, hlffi_value* m, hlffi_value* k, hlffi_value* v) {
    bool ok = hlffi_map_set(d.vm, m, k, v);
    EXPECT_TRUE(ok) << hlffi_get_error(d.vm);
    return ok;
}

TEST(Maps, IntMapMadeByTheHost) {
    DataVm d;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("Int"), d.type("String"));
    ASSERT_NE(m, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(m), "haxe.ds.IntMap");
    hlffi_value* k1 = hlffi_value_int(d.vm, 1);
    hlffi_value* k2 = hlffi_value_int(d.vm, 2);
    hlffi_value* k9 = hlffi_value_int(d.vm, 9);
    hlffi_value* one = hlffi_value_string(d.vm, "one");
    hlffi_value* two = hlffi_value_string(d.vm, "two");
    set_is(d, m, k1, one);
    set_is(d, m, k2, two);
    EXPECT_EQ(hlffi_map_size(m), 2);
    EXPECT_EQ(d.text("checkIntMap", {m}), "true 1=one,2=two true false");
    hlffi_value* g = hlffi_map_get(d.vm, m, k2);
    EXPECT_EQ(take(hlffi_value_as_string(g)), "two");
    hlffi_value* missing = hlffi_map_get(d.vm, m, k9);
    ASSERT_NE(missing, nullptr);  // a null value, not NULL
    EXPECT_TRUE(hlffi_value_is_null(missing));
    EXPECT_EQ(d.last(), HLFFI_OK);
    EXPECT_TRUE(hlffi_map_exists(d.vm, m, k1));
    EXPECT_FALSE(hlffi_map_exists(d.vm, m, k9));
    EXPECT_EQ(d.last(), HLFFI_OK);
    // Keys come back as a real Array<Int>: Haxe sums them.
    hlffi_value* keys = hlffi_map_keys(d.vm, m);
    ASSERT_NE(keys, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(keys), "hl.types.ArrayBytes_Int");
    hlffi_value* sum = d.call("sumInts", {keys});
    EXPECT_EQ(hlffi_value_as_int(sum, -1), 3);
    hlffi_value* values = hlffi_map_values(d.vm, m);
    ASSERT_NE(values, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(values), "hl.types.ArrayDyn");
    EXPECT_EQ(sorted_texts(d, values), (std::vector<std::string>{"one", "two"}));
    EXPECT_TRUE(hlffi_map_remove(d.vm, m, k1));
    EXPECT_FALSE(hlffi_map_remove(d.vm, m, k1));
    EXPECT_EQ(d.last(), HLFFI_OK);
    EXPECT_EQ(hlffi_map_size(m), 1);
    EXPECT_TRUE(hlffi_map_clear(m));
    EXPECT_EQ(hlffi_map_size(m), 0);
    EXPECT_EQ(d.text("checkIntMap", {m}), "true  false false");
    for (hlffi_value* v : {m, k1, k2, k9, one, two, g, missing, keys, sum, values}) hlffi_value_free(v);
}

TEST(Maps, IntMapValuesOfAnyKind) {
    DataVm d;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("Int"), d.type("Dynamic"));
    ASSERT_NE(m, nullptr);
    hlffi_value* k1 = hlffi_value_int(d.vm, 1);
    hlffi_value* k2 = hlffi_value_int(d.vm, 2);
    hlffi_value* k3 = hlffi_value_int(d.vm, 3);
    hlffi_value* f = hlffi_value_float(d.vm, 2.5);
    hlffi_value* b = hlffi_value_bool(d.vm, true);
    set_is(d, m, k1, f);
    set_is(d, m, k2, b);
    set_is(d, m, k3, k3);
    EXPECT_EQ(d.text("checkIntDynMap", {m}), "1=2.5,2=true,3=3");
    hlffi_value* g = hlffi_map_get(d.vm, m, k1);
    EXPECT_EQ(hlffi_value_as_float(g, 0), 2.5);
    for (hlffi_value* v : {m, k1, k2, k3, f, b, g}) hlffi_value_free(v);
}

TEST(Maps, StringMapMadeByTheHost) {
    DataVm d;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("String"), d.type("Int"));
    ASSERT_NE(m, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(m), "haxe.ds.StringMap");
    hlffi_value* a = hlffi_value_string(d.vm, "a");
    hlffi_value* b = hlffi_value_string(d.vm, "b");
    hlffi_value* one = hlffi_value_int(d.vm, 1);
    hlffi_value* two = hlffi_value_int(d.vm, 2);
    set_is(d, m, a, one);
    set_is(d, m, b, two);
    EXPECT_EQ(d.text("checkStringMap", {m}), "true a=1,b=2 3 true");
    hlffi_value* g = hlffi_map_get(d.vm, m, b);
    EXPECT_EQ(hlffi_value_as_int(g, -1), 2);
    hlffi_value* keys = hlffi_map_keys(d.vm, m);
    ASSERT_NE(keys, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(keys), "hl.types.ArrayObj");
    EXPECT_EQ(sorted_texts(d, keys), (std::vector<std::string>{"a", "b"}));
    // An Array<String> Haxe can use as one.
    std::string seen = d.text("checkStrings", {keys});
    EXPECT_TRUE(seen == "true 3 a|b|z 2" || seen == "true 3 b|a|z 2") << seen;
    EXPECT_EQ(hlffi_map_size(m), 2);
    EXPECT_TRUE(hlffi_map_remove(d.vm, m, a));
    EXPECT_FALSE(hlffi_map_exists(d.vm, m, a));
    EXPECT_EQ(d.text("checkStringMap", {m}), "true b=2 2 false");
    for (hlffi_value* v : {m, a, b, one, two, g, keys}) hlffi_value_free(v);
}

TEST(Maps, ObjectMapMadeByTheHost) {
    DataVm d;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("Item"), d.type("String"));
    ASSERT_NE(m, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(m), "haxe.ds.ObjectMap");
    hlffi_value* id = hlffi_value_int(d.vm, 5);
    hlffi_value* item = hlffi_new(d.vm, "Item", 1, &id);
    hlffi_value* other = hlffi_new(d.vm, "Item", 1, &id);
    hlffi_value* five = hlffi_value_string(d.vm, "five");
    set_is(d, m, item, five);
    EXPECT_EQ(d.text("checkObjectMap", {m, item}), "true 1 five true");
    EXPECT_EQ(d.text("checkObjectMap", {m, other}), "true 1 null false");  // keys by identity
    hlffi_value* keys = hlffi_map_keys(d.vm, m);
    ASSERT_NE(keys, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(hlffi_array_length(keys), 1);
    hlffi_value* k = hlffi_array_get(d.vm, keys, 0);
    EXPECT_EQ(hlffi_get_field_int(k, "id", -1), 5);
    EXPECT_EQ(hlffi_map_size(m), 1);
    // A number is not an object key.
    EXPECT_FALSE(hlffi_map_set(d.vm, m, id, five));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_map_size(m), 1);
    for (hlffi_value* v : {m, id, item, other, five, keys, k}) hlffi_value_free(v);
}

TEST(Maps, EnumValueMapMadeByTheHost) {
    DataVm d;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("Color"), d.type("String"));
    ASSERT_NE(m, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(m), "haxe.ds.EnumValueMap");
    hlffi_value* red = d.call("red");
    hlffi_value* green = d.call("green");
    hlffi_value* two = hlffi_value_int(d.vm, 2);
    hlffi_value* blue2 = d.call("blue", {two});
    hlffi_value* blue2b = d.call("blue", {two});  // another value, equal by Haxe's enum compare
    hlffi_value* r = hlffi_value_string(d.vm, "red");
    hlffi_value* b = hlffi_value_string(d.vm, "blue2");
    set_is(d, m, red, r);
    set_is(d, m, blue2, b);
    EXPECT_EQ(d.text("checkEnumMap", {m}), "true 2 red blue2 false");
    hlffi_value* g = hlffi_map_get(d.vm, m, blue2b);
    EXPECT_EQ(take(hlffi_value_as_string(g)), "blue2");
    EXPECT_FALSE(hlffi_map_exists(d.vm, m, green));
    EXPECT_EQ(hlffi_map_size(m), 2);
    hlffi_value* keys = hlffi_map_keys(d.vm, m);
    EXPECT_EQ(sorted_texts(d, keys), (std::vector<std::string>{"Blue(2)", "Red"}));
    EXPECT_TRUE(hlffi_map_remove(d.vm, m, blue2b));
    EXPECT_EQ(hlffi_map_size(m), 1);
    // Only enum values are keys.
    EXPECT_FALSE(hlffi_map_set(d.vm, m, r, r));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_TRUE(hlffi_map_clear(m));
    EXPECT_EQ(hlffi_map_size(m), 0);
    hlffi_value* hm = d.call("makeEnumMap");
    EXPECT_EQ(d.text("checkEnumMap", {m}), "true 0 null null false");
    EXPECT_EQ(d.text("checkEnumMap", {hm}), "true 2 red blue2 false");
    for (hlffi_value* v : {m, red, green, two, blue2, blue2b, r, b, g, keys, hm}) hlffi_value_free(v);
}

TEST(Maps, HaxeMadeMapsDrivenFromC) {
    DataVm d;
    hlffi_value* im = d.call("makeIntMap");
    EXPECT_EQ(hlffi_map_size(im), 2);
    hlffi_value* k1 = hlffi_value_int(d.vm, 1);
    hlffi_value* v = hlffi_map_get(d.vm, im, k1);
    EXPECT_EQ(take(hlffi_value_as_string(v)), "one");
    hlffi_value* three = hlffi_value_string(d.vm, "three");
    hlffi_value* k3 = hlffi_value_int(d.vm, 3);
    set_is(d, im, k3, three);
    EXPECT_EQ(d.text("checkIntMap", {im}), "true 1=one,2=two,3=three true false");
    hlffi_value* sm = d.call("makeStringMap");
    hlffi_value* vals = hlffi_map_values(d.vm, sm);
    EXPECT_EQ(sorted_texts(d, vals), (std::vector<std::string>{"1", "2"}));
    hlffi_value* om = d.call("makeObjectMap");
    EXPECT_EQ(hlffi_map_size(om), 1);
    hlffi_value* ov = hlffi_map_values(d.vm, om);
    EXPECT_EQ(sorted_texts(d, ov), (std::vector<std::string>{"five"}));
    EXPECT_EQ(d.text("useMaps"), "{}{}{}00000");
    for (hlffi_value* x : {im, k1, v, three, k3, sm, vals, om, ov}) hlffi_value_free(x);
}

TEST(Maps, KeysOfTheWrongKindAreRefused) {
    DataVm d;
    hlffi_value* im = hlffi_map_new(d.vm, d.type("Int"), nullptr);
    hlffi_value* sm = hlffi_map_new(d.vm, d.type("String"), nullptr);
    ASSERT_NE(im, nullptr);
    ASSERT_NE(sm, nullptr);
    hlffi_value* s = hlffi_value_string(d.vm, "k");
    hlffi_value* i = hlffi_value_int(d.vm, 1);
    hlffi_value* f = hlffi_value_float(d.vm, 1.5);
    EXPECT_FALSE(hlffi_map_set(d.vm, im, s, i));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_map_set(d.vm, im, f, i));  // Float keys do not become Ints
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_map_get(d.vm, im, s), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_map_exists(d.vm, sm, i));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_map_remove(d.vm, sm, i));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_map_size(im), 0);
    // No Haxe Map has Float or Bool keys.
    EXPECT_EQ(hlffi_map_new(d.vm, d.type("Float"), nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_map_new(d.vm, d.type("Bool"), nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_TYPE);
    for (hlffi_value* v : {im, sm, s, i, f}) hlffi_value_free(v);
}

TEST(Maps, ValuesSurviveCollectionsWhileHeld) {
    DataVm d;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("String"), d.type("String"));
    for (int i = 0; i < 300; i++) {
        hlffi_value* k = hlffi_value_string(d.vm, ("k" + std::to_string(i)).c_str());
        hlffi_value* v = hlffi_value_string(d.vm, ("v" + std::to_string(i)).c_str());
        ASSERT_TRUE(hlffi_map_set(d.vm, m, k, v));
        hlffi_value_free(k);
        hlffi_value_free(v);
    }
    hlffi_value* keys = hlffi_map_keys(d.vm, m);
    hlffi_value* n = hlffi_value_int(d.vm, 20000);
    hlffi_value* r = d.call("churn", {n});
    hlffi_value_free(r);
    EXPECT_EQ(hlffi_gc_collect(d.vm), HLFFI_OK);
    EXPECT_EQ(hlffi_map_size(m), 300);
    hlffi_value* k = hlffi_value_string(d.vm, "k299");
    hlffi_value* v = hlffi_map_get(d.vm, m, k);
    EXPECT_EQ(take(hlffi_value_as_string(v)), "v299");
    EXPECT_EQ(hlffi_array_length(keys), 300);
    std::vector<std::string> ks = sorted_texts(d, keys);
    EXPECT_EQ(ks.front(), "k0");
    EXPECT_EQ(ks.back(), "k99");
    for (hlffi_value* x : {m, keys, n, k, v}) hlffi_value_free(x);
}

TEST(Maps, BadInput) {
    DataVm d;
    DataVm other;
    hlffi_value* m = hlffi_map_new(d.vm, d.type("Int"), nullptr);
    hlffi_value* k = hlffi_value_int(d.vm, 1);
    hlffi_value* s = hlffi_value_string(d.vm, "not a map");
    hlffi_value* foreign = hlffi_map_new(other.vm, other.type("Int"), nullptr);
    hlffi_value* freed = hlffi_map_new(d.vm, d.type("Int"), nullptr);
    hlffi_value_free(freed);
    ASSERT_NE(m, nullptr);
    ASSERT_NE(foreign, nullptr);

    EXPECT_EQ(hlffi_map_new(nullptr, d.type("Int"), nullptr), nullptr);
    EXPECT_EQ(hlffi_map_new(d.vm, nullptr, nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_map_new(d.vm, other.type("String"), nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(hlffi_map_new(d.vm, d.type("Int"), other.type("Int")), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);

    EXPECT_FALSE(hlffi_map_set(nullptr, m, k, k));
    EXPECT_FALSE(hlffi_map_set(d.vm, nullptr, k, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_map_set(d.vm, m, nullptr, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_map_set(d.vm, m, k, nullptr));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_map_set(d.vm, s, k, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_map_set(d.vm, foreign, k, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_WRONG_VM);
    EXPECT_FALSE(hlffi_map_set(d.vm, freed, k, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);

    EXPECT_EQ(hlffi_map_get(nullptr, m, k), nullptr);
    EXPECT_EQ(hlffi_map_get(d.vm, m, nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(hlffi_map_get(d.vm, s, k), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_map_exists(nullptr, m, k));
    EXPECT_FALSE(hlffi_map_exists(d.vm, freed, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_FALSE(hlffi_map_remove(nullptr, m, k));
    EXPECT_FALSE(hlffi_map_remove(d.vm, foreign, k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_WRONG_VM);
    EXPECT_EQ(hlffi_map_keys(nullptr, m), nullptr);
    EXPECT_EQ(hlffi_map_keys(d.vm, s), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_map_values(nullptr, m), nullptr);
    EXPECT_EQ(hlffi_map_values(d.vm, nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(hlffi_map_size(nullptr), -1);
    EXPECT_EQ(hlffi_map_size(s), -1);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_map_size(freed), -1);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_FALSE(hlffi_map_clear(nullptr));
    EXPECT_FALSE(hlffi_map_clear(k));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    for (hlffi_value* v : {m, k, s, foreign}) hlffi_value_free(v);
}

TEST(Maps, BeforeEntryAndMissingClasses) {
    DataVm early("api_data", false);
    EXPECT_EQ(hlffi_map_new(early.vm, early.type("Int"), nullptr), nullptr);
    EXPECT_EQ(early.last(), HLFFI_ERROR_ENTRY_NOT_CALLED);
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_map_new(vm, nullptr, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(vm);
    // 01_int_arith uses no Map at all: Haxe left the map classes out.
    DataVm d("01_int_arith");
    EXPECT_EQ(hlffi_map_new(d.vm, d.type("Int"), nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_NE(std::string(hlffi_get_error(d.vm)).find("haxe.ds.IntMap"), std::string::npos);
    EXPECT_EQ(hlffi_map_new(d.vm, d.type("String"), nullptr), nullptr);
    EXPECT_NE(std::string(hlffi_get_error(d.vm)).find("haxe.ds.StringMap"), std::string::npos);
    EXPECT_EQ(hlffi_map_new(d.vm, d.type("haxe.io.Error"), nullptr), nullptr);  // enum keys
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_NE(std::string(hlffi_get_error(d.vm)).find("haxe.ds.EnumValueMap"), std::string::npos);
}

}  // namespace
