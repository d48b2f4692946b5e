// api layer tests: Abstracts: HashLink's opaque native types (hl_mutex, ereg) found by name and
// reported by values, and Haxe's compiled-away `abstract`s told apart in the errors.
#include <string>

#include "reflect_fixture.h"

namespace {

using reflect_test::take;
using Abstracts = reflect_test::ReflectTest;

TEST_F(Abstracts, IsAbstract) {
    EXPECT_TRUE(hlffi_is_abstract(hlffi_find_type(vm, "hl_mutex")));
    EXPECT_TRUE(hlffi_is_abstract(hlffi_find_type(vm, "ereg")));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_FALSE(hlffi_is_abstract(hlffi_find_type(vm, "game.Player")));
    EXPECT_FALSE(hlffi_is_abstract(hlffi_find_type(vm, "Int")));
    EXPECT_FALSE(hlffi_is_abstract(hlffi_find_type(vm, "_Main.UserId_Impl_")));  // a Haxe abstract's class
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Abstracts, IsAbstractBadInput) {
    EXPECT_FALSE(hlffi_is_abstract(nullptr));
    hlffi_type* m = hlffi_find_type(vm, "hl_mutex");
    hlffi_close(vm);
    EXPECT_FALSE(hlffi_is_abstract(m));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Abstracts, AbstractGetName) {
    EXPECT_EQ(take(hlffi_abstract_get_name(hlffi_find_type(vm, "hl_mutex"))), "hl_mutex");
    EXPECT_EQ(take(hlffi_abstract_get_name(hlffi_find_type(vm, "ereg"))), "ereg");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Abstracts, AbstractGetNameBadInput) {
    EXPECT_EQ(hlffi_abstract_get_name(nullptr), nullptr);
    EXPECT_EQ(hlffi_abstract_get_name(hlffi_find_type(vm, "game.Player")), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_STREQ(hlffi_get_error(vm), "'game.Player' is not an abstract type");
    hlffi_type* m = hlffi_find_type(vm, "hl_mutex");
    hlffi_close(vm);
    EXPECT_EQ(hlffi_abstract_get_name(m), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Abstracts, AbstractFind) {
    hlffi_type* m = hlffi_abstract_find(vm, "hl_mutex");
    ASSERT_NE(m, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_EQ(m, hlffi_find_type(vm, "hl_mutex"));
    EXPECT_EQ(hlffi_type_get_kind(m), HLFFI_TYPE_ABSTRACT);
    EXPECT_STREQ(hlffi_type_get_name(m), "hl_mutex");
    // The type of EReg's `r` field is the same abstract as the one found by name.
    EXPECT_EQ(hlffi_class_get_field_type(hlffi_find_type(vm, "EReg"), 0), hlffi_abstract_find(vm, "ereg"));
}

TEST_F(Abstracts, AbstractFindBadInput) {
    EXPECT_EQ(hlffi_abstract_find(nullptr, "hl_mutex"), nullptr);
    EXPECT_EQ(hlffi_abstract_find(vm, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_abstract_find(vm, "no_such_abstract"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm), "no abstract type named 'no_such_abstract' in the program");
    // A Haxe abstract has no run-time type: the error says why.
    EXPECT_EQ(hlffi_abstract_find(vm, "UserId"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm),
                 "no abstract type named 'UserId' in the program ('UserId' is a Haxe abstract: compiled away, its values "
                 "have its underlying type)");
    EXPECT_EQ(hlffi_abstract_find(vm, "Main.UserId"), nullptr);  // by its module path too
    EXPECT_NE(std::string(hlffi_get_error(vm)).find("is a Haxe abstract"), std::string::npos);
    EXPECT_EQ(hlffi_abstract_find(vm, "game.Player"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm), "no abstract type named 'game.Player' in the program ('game.Player' is a game.Player)");
    hlffi_vm* empty = hlffi_create();
    hlffi_init(empty, 0, nullptr);
    EXPECT_EQ(hlffi_abstract_find(empty, "hl_mutex"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(empty), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(empty);
}

TEST_F(Abstracts, ValueIsAbstract) {
    hlffi_value* m = hlffi_call_static(vm, "Check", "mutex", 0, nullptr);
    ASSERT_NE(m, nullptr) << hlffi_get_error(vm);
    EXPECT_TRUE(hlffi_value_is_abstract(m));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_value_get_kind(m), HLFFI_TYPE_ABSTRACT);
    EXPECT_EQ(hlffi_value_get_type(m), hlffi_abstract_find(vm, "hl_mutex"));
    // Handed back to Haxe, it is the native mutex it was.
    hlffi_value* used = hlffi_call_static(vm, "Check", "useMutex", 1, &m);
    EXPECT_TRUE(hlffi_value_as_bool(used, false)) << hlffi_get_error(vm);
    // A field of abstract type.
    hlffi_value* re = hlffi_call_static(vm, "Check", "regex", 0, nullptr);
    hlffi_value* r = hlffi_get_field(re, "r");
    ASSERT_NE(r, nullptr) << hlffi_get_error(vm);
    EXPECT_TRUE(hlffi_value_is_abstract(r));
    // A Haxe abstract's value is its underlying type.
    hlffi_value* four = hlffi_value_int(vm, 4);
    hlffi_value* user = hlffi_call_static(vm, "Check", "user", 1, &four);
    EXPECT_EQ(hlffi_value_as_int(user, -1), 40);
    EXPECT_FALSE(hlffi_value_is_abstract(four));
    EXPECT_FALSE(hlffi_value_is_abstract(re));
    hlffi_value* null = hlffi_value_null(vm);
    EXPECT_FALSE(hlffi_value_is_abstract(null));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    for (hlffi_value* x : {m, used, re, r, four, user, null}) hlffi_value_free(x);
}

TEST_F(Abstracts, ValueIsAbstractBadInput) {
    EXPECT_FALSE(hlffi_value_is_abstract(nullptr));
    hlffi_value* m = hlffi_call_static(vm, "Check", "mutex", 0, nullptr);
    hlffi_value_free(m);
    EXPECT_FALSE(hlffi_value_is_abstract(m));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Abstracts, ValueGetAbstractName) {
    hlffi_value* m = hlffi_call_static(vm, "Check", "mutex", 0, nullptr);
    EXPECT_EQ(take(hlffi_value_get_abstract_name(m)), "hl_mutex");
    hlffi_value* re = hlffi_call_static(vm, "Check", "regex", 0, nullptr);
    hlffi_value* r = hlffi_get_field(re, "r");
    EXPECT_EQ(take(hlffi_value_get_abstract_name(r)), "ereg");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    for (hlffi_value* x : {m, re, r}) hlffi_value_free(x);
}

TEST_F(Abstracts, ValueGetAbstractNameBadInput) {
    EXPECT_EQ(hlffi_value_get_abstract_name(nullptr), nullptr);
    hlffi_value* i = hlffi_value_int(vm, 1);
    EXPECT_EQ(hlffi_value_get_abstract_name(i), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_STREQ(hlffi_get_error(vm), "the value is not of an abstract type (i32)");
    hlffi_value* null = hlffi_value_null(vm);
    EXPECT_EQ(hlffi_value_get_abstract_name(null), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_value* m = hlffi_call_static(vm, "Check", "mutex", 0, nullptr);
    hlffi_close(vm);
    EXPECT_EQ(hlffi_value_get_abstract_name(m), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    hlffi_value_free(i);
    hlffi_value_free(null);
}

}  // namespace
