// api layer tests: values, statics, instances, exceptions and cached calls against
// tests/haxe/api/basics (classes Game, Player, Boss).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "hlffi.h"

using hlffi_test::LoadedVm;
using hlffi_test::take_string;

namespace {

// Frees every value it was given when the test ends.
struct Values {
    std::vector<hlffi_value*> held;
    hlffi_value* operator()(hlffi_value* v) {
        held.push_back(v);
        return v;
    }
    ~Values() {
        for (hlffi_value* v : held) hlffi_value_free(v);
    }
};

TEST(Values, MakeAndRead) {
    LoadedVm t("basics");
    Values keep;
    hlffi_value* i = keep(hlffi_value_int(t.vm, -42));
    hlffi_value* f = keep(hlffi_value_float(t.vm, 2.75));
    hlffi_value* s32 = keep(hlffi_value_f32(t.vm, 1.5f));
    hlffi_value* b = keep(hlffi_value_bool(t.vm, true));
    hlffi_value* s = keep(hlffi_value_string(t.vm, "héllo"));
    hlffi_value* n = keep(hlffi_value_null(t.vm));
    EXPECT_EQ(hlffi_value_as_int(i, 0), -42);
    EXPECT_DOUBLE_EQ(hlffi_value_as_float(i, 0), -42.0);
    EXPECT_DOUBLE_EQ(hlffi_value_as_float(f, 0), 2.75);
    EXPECT_EQ(hlffi_value_as_int(f, 0), 2);  // truncates toward zero
    EXPECT_FLOAT_EQ(hlffi_value_as_f32(s32, 0), 1.5f);
    EXPECT_TRUE(hlffi_value_as_bool(b, false));
    EXPECT_EQ(hlffi_value_as_int(b, 9), 9);  // a Bool is not a number
    EXPECT_EQ(take_string(hlffi_value_as_string(s)), "héllo");
    EXPECT_EQ(take_string(hlffi_value_as_string(i)), "-42");
    EXPECT_EQ(take_string(hlffi_value_as_string(f)), "2.75");
    EXPECT_EQ(take_string(hlffi_value_as_string(b)), "true");
    EXPECT_EQ(hlffi_value_as_string(n), nullptr);
    EXPECT_TRUE(hlffi_value_is_null(n));
    EXPECT_FALSE(hlffi_value_is_null(i));
    EXPECT_EQ(hlffi_value_get_kind(i), HLFFI_TYPE_I32);
    EXPECT_EQ(hlffi_value_get_kind(f), HLFFI_TYPE_F64);
    EXPECT_EQ(hlffi_value_get_kind(s), HLFFI_TYPE_OBJ);
    EXPECT_EQ(hlffi_value_get_kind(n), HLFFI_TYPE_VOID);
    EXPECT_EQ(hlffi_value_as_int(s, 5), 5);
}

TEST(Values, BadInput) {
    EXPECT_EQ(hlffi_value_int(nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_value_float(nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_value_f32(nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_value_bool(nullptr, true), nullptr);
    EXPECT_EQ(hlffi_value_string(nullptr, "x"), nullptr);
    EXPECT_EQ(hlffi_value_null(nullptr), nullptr);
    EXPECT_EQ(hlffi_value_as_int(nullptr, 3), 3);
    EXPECT_DOUBLE_EQ(hlffi_value_as_float(nullptr, 3.5), 3.5);
    EXPECT_FLOAT_EQ(hlffi_value_as_f32(nullptr, 3.5f), 3.5f);
    EXPECT_TRUE(hlffi_value_as_bool(nullptr, true));
    EXPECT_EQ(hlffi_value_as_string(nullptr), nullptr);
    EXPECT_TRUE(hlffi_value_is_null(nullptr));
    EXPECT_EQ(hlffi_value_copy(nullptr), nullptr);
    hlffi_value_free(nullptr);

    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_value_int(vm, 1), nullptr);  // before load
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(vm);

    LoadedVm t("basics");
    EXPECT_EQ(hlffi_value_string(t.vm, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_NULL_VALUE);
    hlffi_value* v = hlffi_value_int(t.vm, 7);
    hlffi_value_free(v);
    EXPECT_EQ(hlffi_value_as_int(v, -1), -1);  // freed: detected while the VM lives
    hlffi_value_free(v);                         // a second free is refused, not a crash
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST(Values, CopyIsIndependent) {
    LoadedVm t("basics");
    hlffi_value* s = hlffi_value_string(t.vm, "kept");
    hlffi_value* c = hlffi_value_copy(s);
    hlffi_value_free(s);
    EXPECT_EQ(take_string(hlffi_value_as_string(c)), "kept");
    hlffi_value_free(c);
}

TEST(Statics, CallWithArgumentsOfEveryKind) {
    LoadedVm t("basics");
    Values keep;
    hlffi_value* args[] = {keep(hlffi_value_int(t.vm, 2)), keep(hlffi_value_int(t.vm, 40))};
    hlffi_value* r = keep(hlffi_call_static(t.vm, "Game", "add", 2, args));
    ASSERT_NE(r, nullptr) << hlffi_get_error(t.vm);
    EXPECT_EQ(hlffi_value_as_int(r, 0), 42);

    hlffi_value* mix[] = {keep(hlffi_value_int(t.vm, 1)), keep(hlffi_value_int(t.vm, 2)),  // Int -> Float
                          keep(hlffi_value_bool(t.vm, true)), keep(hlffi_value_string(t.vm, "d"))};
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_call_static(t.vm, "Game", "mix", 4, mix)))), "1|2|true|d");

    hlffi_value* x[] = {keep(hlffi_value_float(t.vm, 5))};
    EXPECT_DOUBLE_EQ(hlffi_value_as_float(keep(hlffi_call_static(t.vm, "Game", "half", 1, x)), 0), 2.5);

    hlffi_value* nul[] = {keep(hlffi_value_null(t.vm))};
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_call_static(t.vm, "Game", "maybe", 1, nul)), 0), -1);
    hlffi_value* three[] = {keep(hlffi_value_int(t.vm, 3))};
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_call_static(t.vm, "Game", "maybe", 1, three)), 0), 6);

    hlffi_value* d[] = {keep(hlffi_value_float(t.vm, 1.25))};
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_call_static(t.vm, "Game", "dyn", 1, d)))), "1.25");

    hlffi_value* dt[] = {keep(hlffi_value_float(t.vm, 0.25))};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "update", 1, dt), nullptr);  // Void
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_OK);
    hlffi_value* count = keep(hlffi_get_static_field(t.vm, "Game", "count"));
    EXPECT_EQ(hlffi_value_as_int(count, -1), 1);
    EXPECT_DOUBLE_EQ(hlffi_value_as_float(keep(hlffi_get_static_field(t.vm, "Game", "ratio")), 0), 0.75);
}

TEST(Statics, CallErrors) {
    LoadedVm t("basics");
    Values keep;
    EXPECT_EQ(hlffi_call_static(nullptr, "Game", "add", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_call_static(t.vm, nullptr, "add", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", nullptr, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_call_static(t.vm, "Nope", "add", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "nope", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 2, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_value* wrong[] = {keep(hlffi_value_string(t.vm, "1")), keep(hlffi_value_int(t.vm, 2))};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 2, wrong), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_NE(std::string(hlffi_get_error(t.vm)).find("expected i32"), std::string::npos) << hlffi_get_error(t.vm);
    hlffi_value* flt[] = {keep(hlffi_value_float(t.vm, 1.5)), keep(hlffi_value_int(t.vm, 2))};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 2, flt), nullptr);  // Float is not an Int
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value* nulls[] = {keep(hlffi_value_null(t.vm)), keep(hlffi_value_int(t.vm, 2))};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 2, nulls), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value* null_arg[] = {nullptr, nullptr};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 2, null_arg), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_NULL_VALUE);

    {
        LoadedVm other("basics");  // its values are freed before it is destroyed
        Values foreign_keep;
        hlffi_value* foreign[] = {foreign_keep(hlffi_value_int(other.vm, 1)), foreign_keep(hlffi_value_int(other.vm, 2))};
        EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 2, foreign), nullptr);
        EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_WRONG_VM);
    }

    // The VM keeps working after every error.
    hlffi_value* ok[] = {keep(hlffi_value_int(t.vm, 1)), keep(hlffi_value_int(t.vm, 2))};
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_call_static(t.vm, "Game", "add", 2, ok)), 0), 3);
}

TEST(Statics, BeforeEntryAndBeforeLoad) {
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_call_static(vm, "Game", "add", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(hlffi_get_static_field(vm, "Game", "count"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(vm);
    LoadedVm t("basics", false);
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "add", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_ENTRY_NOT_CALLED);
    EXPECT_EQ(hlffi_get_static_field(t.vm, "Game", "count"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_ENTRY_NOT_CALLED);
}

TEST(Statics, GetAndSetFields) {
    LoadedVm t("basics");
    Values keep;
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_get_static_field(t.vm, "Game", "title")))), "untitled");
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "title", keep(hlffi_value_string(t.vm, "Space"))), HLFFI_OK);
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_get_static_field(t.vm, "Game", "title")))), "Space");
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "count", keep(hlffi_value_int(t.vm, 41))), HLFFI_OK);
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "update", 1, std::vector<hlffi_value*>{keep(hlffi_value_float(t.vm, 0))}.data()),
              nullptr);
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_get_static_field(t.vm, "Game", "count")), 0), 42);
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "enabled", keep(hlffi_value_bool(t.vm, true))), HLFFI_OK);
    EXPECT_TRUE(hlffi_value_as_bool(keep(hlffi_get_static_field(t.vm, "Game", "enabled")), false));
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "anything", keep(hlffi_value_int(t.vm, 5))), HLFFI_OK);
    hlffi_value* any = keep(hlffi_get_static_field(t.vm, "Game", "anything"));
    EXPECT_EQ(hlffi_value_get_kind(any), HLFFI_TYPE_I32);  // boxed in a Dynamic, still an Int
    EXPECT_EQ(hlffi_value_as_int(any, 0), 5);

    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "count", keep(hlffi_value_string(t.vm, "x"))), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "nope", keep(hlffi_value_int(t.vm, 1))), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Nope", "count", keep(hlffi_value_int(t.vm, 1))), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "count", nullptr), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(hlffi_set_static_field(nullptr, "Game", "count", nullptr), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_get_static_field(t.vm, "Game", "nope"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_EQ(hlffi_get_static_field(t.vm, nullptr, "count"), nullptr);
    EXPECT_EQ(hlffi_get_static_field(nullptr, "Game", "count"), nullptr);
}

TEST(Instances, NewFieldsAndMethods) {
    LoadedVm t("basics");
    Values keep;
    hlffi_value* name[] = {keep(hlffi_value_string(t.vm, "Ann"))};
    hlffi_value* p = keep(hlffi_new(t.vm, "Player", 1, name));
    ASSERT_NE(p, nullptr) << hlffi_get_error(t.vm);
    EXPECT_TRUE(hlffi_is_instance_of(p, "Player"));
    EXPECT_FALSE(hlffi_is_instance_of(p, "Boss"));
    EXPECT_EQ(hlffi_get_field_int(p, "hp", -1), 100);
    EXPECT_FLOAT_EQ(hlffi_get_field_float(p, "speed", 0), 1.5f);
    EXPECT_TRUE(hlffi_get_field_bool(p, "alive", false));
    EXPECT_EQ(take_string(hlffi_get_field_string(p, "name")), "Ann");
    EXPECT_TRUE(hlffi_set_field_int(t.vm, p, "hp", 30));
    EXPECT_TRUE(hlffi_set_field_float(t.vm, p, "speed", 2.5f));
    EXPECT_TRUE(hlffi_set_field_string(t.vm, p, "name", "Bob"));
    EXPECT_TRUE(hlffi_set_field_bool(t.vm, p, "alive", true));
    hlffi_value* dmg[] = {keep(hlffi_value_int(t.vm, 40))};
    EXPECT_EQ(hlffi_call_method_int(p, "hit", 1, dmg, 0), -10);
    EXPECT_FALSE(hlffi_get_field_bool(p, "alive", true));
    EXPECT_FLOAT_EQ(hlffi_get_field_float(p, "speed", 0), 2.5f);
    hlffi_value* other[] = {keep(hlffi_value_string(t.vm, "Cy"))};
    EXPECT_EQ(take_string(hlffi_call_method_string(p, "greet", 1, other)), "Bob greets Cy");
    EXPECT_TRUE(hlffi_set_field(p, "tag", keep(hlffi_value_float(t.vm, 0.5))));
    EXPECT_DOUBLE_EQ(hlffi_value_as_float(keep(hlffi_get_field(p, "tag")), 0), 0.5);

    // The host-made instance is a real Player inside Haxe.
    hlffi_value* arg[] = {p};
    EXPECT_TRUE(hlffi_value_as_bool(keep(hlffi_call_static(t.vm, "Game", "isPlayer", 1, arg)), false));
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_call_static(t.vm, "Game", "nameOf", 1, arg)))), "Bob");
    EXPECT_EQ(hlffi_set_static_field(t.vm, "Game", "player", p), HLFFI_OK);

    // Virtual dispatch and a subclass made from the host.
    hlffi_value* boss_args[] = {keep(hlffi_value_string(t.vm, "Zed")), keep(hlffi_value_int(t.vm, 9))};
    hlffi_value* boss = keep(hlffi_new(t.vm, "Boss", 2, boss_args));
    ASSERT_NE(boss, nullptr) << hlffi_get_error(t.vm);
    EXPECT_TRUE(hlffi_is_instance_of(boss, "Player"));
    EXPECT_EQ(take_string(hlffi_call_method_string(boss, "describe", 0, nullptr)), "Boss Zed (rage 9)");
    EXPECT_EQ(hlffi_get_field_int(boss, "rage", 0), 9);
    EXPECT_TRUE(hlffi_call_method_void(boss, "hit", 1, dmg));
    EXPECT_EQ(hlffi_get_field_int(boss, "hp", 0), 60);

    // A method read as a field is a bound closure.
    hlffi_value* bound = keep(hlffi_get_field(p, "describe"));
    EXPECT_EQ(hlffi_value_get_kind(bound), HLFFI_TYPE_FUN);

    // Anonymous objects.
    hlffi_value* anon = keep(hlffi_call_static(t.vm, "Game", "anon", 0, nullptr));
    EXPECT_EQ(hlffi_get_field_int(anon, "x", 0), 1);
    EXPECT_EQ(take_string(hlffi_get_field_string(anon, "y")), "two");
    EXPECT_TRUE(hlffi_set_field_int(t.vm, anon, "z", 3));
    EXPECT_EQ(hlffi_get_field_int(anon, "z", 0), 3);
}

TEST(Instances, Errors) {
    LoadedVm t("basics");
    Values keep;
    EXPECT_EQ(hlffi_new(nullptr, "Player", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_new(t.vm, "Nope", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_new(t.vm, "Player", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_WRONG_ARITY);
    hlffi_value* bad[] = {keep(hlffi_value_int(t.vm, 1))};
    EXPECT_EQ(hlffi_new(t.vm, "Player", 1, bad), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value* name[] = {keep(hlffi_value_string(t.vm, "Ann"))};
    hlffi_value* p = keep(hlffi_new(t.vm, "Player", 1, name));
    EXPECT_EQ(hlffi_get_field(p, "nope"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_EQ(hlffi_get_field(nullptr, "hp"), nullptr);
    EXPECT_EQ(hlffi_get_field(p, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_field_int(p, "nope", 77), 77);
    EXPECT_EQ(hlffi_get_field_int(nullptr, "hp", 77), 77);
    EXPECT_FLOAT_EQ(hlffi_get_field_float(nullptr, "hp", 1.f), 1.f);
    EXPECT_TRUE(hlffi_get_field_bool(nullptr, "hp", true));
    EXPECT_EQ(hlffi_get_field_string(nullptr, "name"), nullptr);
    EXPECT_FALSE(hlffi_set_field(nullptr, "hp", nullptr));
    EXPECT_FALSE(hlffi_set_field(p, "hp", nullptr));
    EXPECT_FALSE(hlffi_set_field_int(nullptr, p, "hp", 1));
    EXPECT_FALSE(hlffi_set_field_int(t.vm, p, "nope", 1));
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_FALSE(hlffi_set_field_int(t.vm, p, "name", 1));
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_FALSE(hlffi_set_field_float(nullptr, p, "speed", 1));
    EXPECT_FALSE(hlffi_set_field_bool(nullptr, p, "alive", true));
    EXPECT_FALSE(hlffi_set_field_string(nullptr, p, "name", "x"));
    EXPECT_EQ(hlffi_call_method(p, "nope", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(hlffi_call_method(p, "hit", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(hlffi_call_method(nullptr, "hit", 0, nullptr), nullptr);
    EXPECT_FALSE(hlffi_call_method_void(nullptr, "hit", 0, nullptr));
    EXPECT_EQ(hlffi_call_method_int(nullptr, "hit", 0, nullptr, 5), 5);
    EXPECT_FLOAT_EQ(hlffi_call_method_float(p, "nope", 0, nullptr, 5.f), 5.f);
    EXPECT_TRUE(hlffi_call_method_bool(p, "nope", 0, nullptr, true));
    EXPECT_EQ(hlffi_call_method_string(p, "nope", 0, nullptr), nullptr);
    EXPECT_FALSE(hlffi_is_instance_of(nullptr, "Player"));
    EXPECT_FALSE(hlffi_is_instance_of(p, "Nope"));
    EXPECT_FALSE(hlffi_is_instance_of(p, nullptr));
    hlffi_value* num = keep(hlffi_value_int(t.vm, 3));
    EXPECT_EQ(hlffi_get_field(num, "x"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    hlffi_value* nul = keep(hlffi_value_null(t.vm));
    EXPECT_EQ(hlffi_call_method(nul, "hit", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_NULL_VALUE);
}

TEST(Exceptions, EveryCallReportsMessageAndStack) {
    LoadedVm t("basics");
    Values keep;
    hlffi_value* msg[] = {keep(hlffi_value_string(t.vm, "boom"))};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "thrower", 1, msg), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_TRUE(hlffi_has_exception(t.vm));
    EXPECT_STREQ(hlffi_get_exception_message(t.vm), "boom");
    std::string stack = hlffi_get_exception_stack(t.vm);
    EXPECT_NE(stack.find("Called from $Game.thrower(Main.hx:"), std::string::npos) << stack;
    EXPECT_EQ(t.output, "");  // reported to the host, not printed
    hlffi_clear_exception(t.vm);
    EXPECT_FALSE(hlffi_has_exception(t.vm));
    EXPECT_STREQ(hlffi_get_exception_message(t.vm), "");

    hlffi_value* depth[] = {keep(hlffi_value_int(t.vm, 3))};
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "nested", 1, depth), nullptr);
    EXPECT_STREQ(hlffi_get_exception_message(t.vm), "deep failure");
    stack = hlffi_get_exception_stack(t.vm);
    size_t frames = 0;
    for (size_t at = stack.find("$Game.nested(Main.hx:"); at != std::string::npos; at = stack.find("$Game.nested(Main.hx:", at + 1)) frames++;
    EXPECT_EQ(frames, 4u) << stack;

    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "nullAccess", 0, nullptr), nullptr);
    EXPECT_STREQ(hlffi_get_exception_message(t.vm), "Null access .hp");

    hlffi_value* name[] = {keep(hlffi_value_string(t.vm, "Ann"))};
    hlffi_value* p = keep(hlffi_new(t.vm, "Player", 1, name));
    EXPECT_EQ(hlffi_call_method(p, "fail", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_STREQ(hlffi_get_exception_message(t.vm), "player failure");
    EXPECT_NE(std::string(hlffi_get_exception_stack(t.vm)).find("Player.fail(Main.hx:"), std::string::npos);

    // The VM is still usable, and a successful call forgets the exception.
    hlffi_value* ok[] = {keep(hlffi_value_int(t.vm, 1)), keep(hlffi_value_int(t.vm, 2))};
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_call_static(t.vm, "Game", "add", 2, ok)), 0), 3);
    EXPECT_FALSE(hlffi_has_exception(t.vm));
}

TEST(Exceptions, TryCallTellsExceptionsFromErrors) {
    LoadedVm t("basics");
    Values keep;
    hlffi_value* result = nullptr;
    const char* error = "unset";
    hlffi_value* ok[] = {keep(hlffi_value_int(t.vm, 1)), keep(hlffi_value_int(t.vm, 2))};
    EXPECT_EQ(hlffi_try_call_static(t.vm, "Game", "add", 2, ok, &result, &error), HLFFI_CALL_OK);
    EXPECT_EQ(error, nullptr);
    EXPECT_EQ(hlffi_value_as_int(keep(result), 0), 3);
    hlffi_value* msg[] = {keep(hlffi_value_string(t.vm, "bad"))};
    EXPECT_EQ(hlffi_try_call_static(t.vm, "Game", "thrower", 1, msg, &result, &error), HLFFI_CALL_EXCEPTION);
    EXPECT_EQ(result, nullptr);
    EXPECT_STREQ(error, "bad");
    EXPECT_EQ(hlffi_try_call_static(t.vm, "Game", "missing", 0, nullptr, &result, &error), HLFFI_CALL_ERROR);
    EXPECT_NE(std::string(error).find("missing"), std::string::npos);
    EXPECT_EQ(hlffi_try_call_static(nullptr, "Game", "add", 0, nullptr, &result, &error), HLFFI_CALL_ERROR);
    EXPECT_EQ(hlffi_try_call_static(t.vm, "Game", "add", 2, ok, nullptr, nullptr), HLFFI_CALL_OK);

    hlffi_value* name[] = {keep(hlffi_value_string(t.vm, "Ann"))};
    hlffi_value* p = keep(hlffi_new(t.vm, "Player", 1, name));
    EXPECT_EQ(hlffi_try_call_method(p, "fail", 0, nullptr, &result, &error), HLFFI_CALL_EXCEPTION);
    EXPECT_STREQ(error, "player failure");
    EXPECT_EQ(hlffi_try_call_method(p, "nope", 0, nullptr, &result, &error), HLFFI_CALL_ERROR);
    EXPECT_EQ(hlffi_try_call_method(nullptr, "nope", 0, nullptr, &result, &error), HLFFI_CALL_ERROR);
    EXPECT_EQ(hlffi_try_call_method(p, "describe", 0, nullptr, &result, &error), HLFFI_CALL_OK);
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(result))), "Player Ann");
    EXPECT_FALSE(hlffi_has_exception(nullptr));
    EXPECT_STREQ(hlffi_get_exception_message(nullptr), "");
    EXPECT_STREQ(hlffi_get_exception_stack(nullptr), "");
    hlffi_clear_exception(nullptr);
}

TEST(Exceptions, SysExitInACall) {
    LoadedVm t("basics");
    EXPECT_EQ(hlffi_call_static(t.vm, "Game", "exit", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_EXIT_REQUESTED);
    EXPECT_EQ(hlffi_get_exit_code(t.vm), 7);
}

TEST(CachedCalls, StaticAndInstance) {
    LoadedVm t("basics");
    Values keep;
    hlffi_cached_call* add = hlffi_cache_static_method(t.vm, "Game", "add");
    ASSERT_NE(add, nullptr) << hlffi_get_error(t.vm);
    for (int i = 0; i < 100; i++) {
        hlffi_value* args[] = {hlffi_value_int(t.vm, i), hlffi_value_int(t.vm, i)};
        hlffi_value* r = hlffi_call_cached(add, 2, args);
        EXPECT_EQ(hlffi_value_as_int(r, -1), 2 * i);
        hlffi_value_free(r);
        hlffi_value_free(args[0]);
        hlffi_value_free(args[1]);
    }
    EXPECT_EQ(hlffi_call_cached(add, 1, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_WRONG_ARITY);
    hlffi_cached_call* describe = hlffi_cache_instance_method(t.vm, "Player", "describe");
    ASSERT_NE(describe, nullptr);
    hlffi_value* boss_args[] = {keep(hlffi_value_string(t.vm, "Zed")), keep(hlffi_value_int(t.vm, 2))};
    hlffi_value* boss = keep(hlffi_new(t.vm, "Boss", 2, boss_args));
    hlffi_value* name[] = {keep(hlffi_value_string(t.vm, "Ann"))};
    hlffi_value* p = keep(hlffi_new(t.vm, "Player", 1, name));
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_call_cached_method(describe, p, 0, nullptr)))), "Player Ann");
    EXPECT_EQ(take_string(hlffi_value_as_string(keep(hlffi_call_cached_method(describe, boss, 0, nullptr)))), "Boss Zed (rage 2)");
    EXPECT_EQ(hlffi_call_cached_method(describe, keep(hlffi_value_int(t.vm, 1)), 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_call_cached_method(describe, nullptr, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_call_cached(describe, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_call_cached_method(add, p, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi_cached_call_free(describe);
    hlffi_cached_call_free(nullptr);
    // add is released with its VM.
}

// Arguments that the inline as-is check of a cached call does not take go through the general
// conversion: converted when Haxe's rules allow it, else refused with the usual message.
TEST(CachedCalls, ArgumentsOffTheFastPath) {
    LoadedVm t("basics");
    LoadedVm other("basics");
    Values keep;
    hlffi_cached_call* add = hlffi_cache_static_method(t.vm, "Game", "add");
    hlffi_cached_call* half = hlffi_cache_static_method(t.vm, "Game", "half");
    hlffi_cached_call* maybe = hlffi_cache_static_method(t.vm, "Game", "maybe");
    ASSERT_NE(add, nullptr);
    ASSERT_NE(half, nullptr);
    ASSERT_NE(maybe, nullptr);
    hlffi_value* one = keep(hlffi_value_int(t.vm, 1));
    // Int into Float and into Null<Int>: converted.
    hlffi_value* iarg[] = {keep(hlffi_value_int(t.vm, 5))};
    EXPECT_EQ(hlffi_value_as_float(keep(hlffi_call_cached(half, 1, iarg)), -1), 2.5);
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_call_cached(maybe, 1, iarg)), -1), 10);
    // Float into Int: refused.
    hlffi_value* farg[] = {one, keep(hlffi_value_float(t.vm, 1.5))};
    EXPECT_EQ(hlffi_call_cached(add, 2, farg), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_STREQ(hlffi_get_error(t.vm), "Game.add argument 2: expected i32, got f64");
    // NULL, another VM's, freed.
    hlffi_value* nargs[] = {one, nullptr};
    EXPECT_EQ(hlffi_call_cached(add, 2, nargs), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_NULL_VALUE);
    hlffi_value* foreign[] = {keep(hlffi_value_int(other.vm, 2)), one};
    EXPECT_EQ(hlffi_call_cached(add, 2, foreign), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_WRONG_VM);
    EXPECT_STREQ(hlffi_get_error(t.vm), "Game.add argument 1 belongs to another VM");
    hlffi_value* gone = hlffi_value_int(t.vm, 3);
    hlffi_value_free(gone);
    hlffi_value* freed[] = {one, gone};
    EXPECT_EQ(hlffi_call_cached(add, 2, freed), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_STREQ(hlffi_get_error(t.vm), "Game.add argument 2 was already freed");
    // argv NULL, wrong count.
    EXPECT_EQ(hlffi_call_cached(add, 2, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(t.vm), "Game.add: argv is NULL");
    EXPECT_EQ(hlffi_call_cached(add, 1, farg), nullptr);
    EXPECT_STREQ(hlffi_get_error(t.vm), "Game.add takes 2 argument(s), 1 given");
    EXPECT_EQ(hlffi_call_cached(add, -1, farg), nullptr);
    EXPECT_STREQ(hlffi_get_error(t.vm), "Game.add: argc out of range");
    // And the fast path still works after all of these, clearing the error.
    hlffi_value* ok[] = {one, one};
    EXPECT_EQ(hlffi_value_as_int(keep(hlffi_call_cached(add, 2, ok)), -1), 2);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_OK);
}

TEST(CachedCalls, Errors) {
    LoadedVm t("basics");
    EXPECT_EQ(hlffi_cache_static_method(nullptr, "Game", "add"), nullptr);
    EXPECT_EQ(hlffi_cache_static_method(t.vm, "Nope", "add"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_cache_static_method(t.vm, "Game", "nope"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(hlffi_cache_static_method(t.vm, nullptr, "add"), nullptr);
    EXPECT_EQ(hlffi_cache_instance_method(nullptr, "Player", "hit"), nullptr);
    EXPECT_EQ(hlffi_cache_instance_method(t.vm, "Player", "nope"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(hlffi_call_cached(nullptr, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_call_cached_method(nullptr, nullptr, 0, nullptr), nullptr);
    // Closing the program makes cached calls and values stale, not dangerous.
    hlffi_cached_call* add = hlffi_cache_static_method(t.vm, "Game", "add");
    hlffi_value* v = hlffi_value_int(t.vm, 1);
    ASSERT_EQ(hlffi_close(t.vm), HLFFI_OK);
    EXPECT_EQ(hlffi_call_cached(add, 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(hlffi_value_as_int(v, -5), -5);
    hlffi_value_free(v);
    hlffi_cached_call_free(add);
}

TEST(Values, SurviveCollections) {
    LoadedVm t("basics");
    std::vector<hlffi_value*> held;
    for (int i = 0; i < 200; i++) held.push_back(hlffi_value_string(t.vm, ("s" + std::to_string(i)).c_str()));
    // Allocate plenty through Haxe so that the heap collects while the host holds the strings.
    for (int i = 0; i < 2000; i++) {
        hlffi_value* n[] = {hlffi_value_string(t.vm, "garbage")};
        hlffi_value_free(hlffi_call_static(t.vm, "Game", "makePlayer", 1, n));
        hlffi_value_free(n[0]);
    }
    for (int i = 0; i < 200; i++) {
        EXPECT_EQ(take_string(hlffi_value_as_string(held[static_cast<size_t>(i)])), "s" + std::to_string(i));
        hlffi_value_free(held[static_cast<size_t>(i)]);
    }
}

}  // namespace
