// api layer tests: host natives (hlffi_register_native, hlffi_set_lazy_natives): @:hlNative
// functions bound at load, typed arguments of every kind, signature checks, missing natives.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "hlffi.h"

namespace {

std::string hl_path(const std::string& name) { return std::string(HLFFI_HL_DIR) + "/" + name + ".hl"; }

std::string take(char* s) {
    std::string out = s != nullptr ? s : "<NULL>";
    std::free(s);
    return out;
}
std::string text(hlffi_value* v) { return take(hlffi_value_as_string(v)); }

int field_int(hlffi_value* obj, const char* name) {
    hlffi_value* f = hlffi_get_field(obj, name);
    int x = hlffi_value_as_int(f, -1000);
    hlffi_value_free(f);
    return x;
}

// ---- The natives of tests/haxe/api/natives (file-local state: the convention has no userdata).
std::string g_seen;

hlffi_value* add(hlffi_vm* vm, int argc, hlffi_value** argv) {
    if (argc != 2) return nullptr;
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + hlffi_value_as_int(argv[1], 0));
}
hlffi_value* scale(hlffi_vm* vm, int, hlffi_value** argv) {
    g_seen = std::to_string(hlffi_value_as_float(argv[0], 0)) + " " + std::to_string(hlffi_value_as_f32(argv[1], 0));
    return hlffi_value_float(vm, hlffi_value_as_float(argv[0], 0) * hlffi_value_as_f32(argv[1], 0));
}
hlffi_value* flip(hlffi_vm* vm, int, hlffi_value** argv) { return hlffi_value_bool(vm, !hlffi_value_as_bool(argv[0], true)); }
hlffi_value* greet(hlffi_vm* vm, int, hlffi_value** argv) { return hlffi_value_string(vm, ("hello " + text(argv[0])).c_str()); }
hlffi_value* bytes_sum(hlffi_vm* vm, int, hlffi_value** argv) {
    // A real haxe.io.Bytes: its class, its length field, its content through its own method.
    hlffi_value* at = hlffi_value_int(vm, 1);
    hlffi_value* c = hlffi_call_method(argv[0], "get", 1, &at);
    int x = field_int(argv[0], "length") * 1000 + hlffi_value_as_int(c, -1) * 10 + (hlffi_is_instance_of(argv[0], "haxe.io.Bytes") ? 1 : 0);
    hlffi_value_free(at);
    hlffi_value_free(c);
    return hlffi_value_int(vm, x);
}
hlffi_value* point_sum(hlffi_vm* vm, int, hlffi_value** argv) {
    return hlffi_value_int(vm, field_int(argv[0], "x") * 10 + field_int(argv[0], "y"));
}
hlffi_value* echo(hlffi_vm*, int, hlffi_value** argv) { return argv[0]; }
hlffi_value* notify(hlffi_vm* vm, int argc, hlffi_value**) {
    hlffi_value* n = hlffi_value_int(vm, 40 + argc);
    hlffi_set_static_field(vm, "Main", "notified", n);
    hlffi_value_free(n);
    return nullptr;
}
// Calls back into Haxe: twice(twice(x)); a negative x makes Haxe code throw (left uncaught).
hlffi_value* call_back(hlffi_vm* vm, int, hlffi_value** argv) {
    int x = hlffi_value_as_int(argv[0], 0);
    if (x < 0) {
        hlffi_value* msg = hlffi_value_string(vm, "negative");
        hlffi_value* r = hlffi_call_static(vm, "Main", "fail", 1, &msg);
        hlffi_value_free(msg);
        return r;
    }
    hlffi_value* a = hlffi_value_copy(argv[0]);
    for (int i = 0; i < 2; i++) {
        hlffi_value* r = hlffi_call_static(vm, "Main", "twice", 1, &a);
        hlffi_value_free(a);
        a = r;
    }
    return a;
}
hlffi_value* wrong_result(hlffi_vm* vm, int, hlffi_value**) { return hlffi_value_string(vm, "not an int"); }

struct Native {
    const char* name;
    hlffi_native_func fn;
    const char* signature;
};
const std::vector<Native> kNatives = {
    {"add", add, "ii>i"},         {"scale", scale, "df>d"},         {"flip", flip, "b>b"},
    {"greet", greet, "s>s"},      {"bytes_sum", bytes_sum, "B>i"}, {"point_sum", point_sum, "o>i"},
    {"echo", echo, "D>D"},        {"notify", notify, ">v"},         {"call_back", call_back, "i>i"},
};

class Natives : public ::testing::Test {
protected:
    void SetUp() override {
        vm = hlffi_create();
        ASSERT_NE(vm, nullptr);
        ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    }
    void TearDown() override { hlffi_destroy(vm); }
    void register_all(bool with_signatures = true) {
        for (const Native& n : kNatives)
            ASSERT_EQ(hlffi_register_native(vm, "mylib", n.name, n.fn, with_signatures ? n.signature : nullptr), HLFFI_OK)
                << hlffi_get_error(vm);
    }
    void load(const char* program = "api_natives") {
        ASSERT_EQ(hlffi_load_file(vm, hl_path(program).c_str()), HLFFI_OK) << hlffi_get_error(vm);
        ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
    }
    std::string call(const char* method, std::initializer_list<hlffi_value*> args = {}) {
        std::vector<hlffi_value*> a(args);
        hlffi_value* r = hlffi_call_static(vm, "Main", method, static_cast<int>(a.size()), a.data());
        for (hlffi_value* v : a) hlffi_value_free(v);
        if (r == nullptr) return hlffi_get_last_error(vm) == HLFFI_OK ? "<void>" : std::string("<NULL> ") + hlffi_get_error(vm);
        std::string s = text(r);
        hlffi_value_free(r);
        return s;
    }
    void check_all_kinds() {
        EXPECT_EQ(call("runAdd", {hlffi_value_int(vm, 40), hlffi_value_int(vm, 2)}), "42");
        EXPECT_EQ(call("runAdd", {hlffi_value_int(vm, -7), hlffi_value_int(vm, 3)}), "-4");
        EXPECT_EQ(call("runScale", {hlffi_value_float(vm, 1.25), hlffi_value_float(vm, 4.0)}), "5");
        EXPECT_EQ(g_seen, "1.250000 4.000000");
        EXPECT_EQ(call("runFlip", {hlffi_value_bool(vm, true)}), "false");
        EXPECT_EQ(call("runFlip", {hlffi_value_bool(vm, false)}), "true");
        EXPECT_EQ(call("runGreet", {hlffi_value_string(vm, "wörld")}), "hello wörld");
        EXPECT_EQ(call("runBytes"), "4981");  // length 4, b[1] = 'b' (98), a Bytes
        EXPECT_EQ(call("runPoint"), "34");
        EXPECT_EQ(call("runEcho", {hlffi_value_string(vm, "dyn")}), "dyn");
        EXPECT_EQ(call("runEcho", {hlffi_value_int(vm, 5)}), "5");
        EXPECT_EQ(call("runNotify"), "40");
        EXPECT_EQ(call("asValue"), "42");
    }

    hlffi_vm* vm = nullptr;
};

TEST_F(Natives, ArgumentsOfEveryKindArriveTyped) {
    register_all();
    load();
    check_all_kinds();
}

TEST_F(Natives, WithoutSignatureTheDeclarationIsAccepted) {
    register_all(false);
    load();
    check_all_kinds();
}

TEST_F(Natives, NativesCallBackIntoHaxeAndExceptionsReachTheHaxeCaller) {
    register_all();
    load();
    EXPECT_EQ(call("runCallBack", {hlffi_value_int(vm, 5)}), "20");
    EXPECT_EQ(call("catching", {hlffi_value_int(vm, 3)}), "returned 12");
    EXPECT_EQ(call("catching", {hlffi_value_int(vm, -1)}), "caught negative");
    EXPECT_EQ(call("runCallBack", {hlffi_value_int(vm, -1)}), "<NULL> Main.runCallBack: uncaught exception: negative");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_EXCEPTION_THROWN);
}

TEST_F(Natives, AResultOfTheWrongTypeIsAHaxeException) {
    register_all();
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "add", wrong_result, "ii>i"), HLFFI_OK);  // replaces
    load();
    EXPECT_EQ(call("runAdd", {hlffi_value_int(vm, 1), hlffi_value_int(vm, 2)}),
              "<NULL> Main.runAdd: uncaught exception: mylib@add: the result: expected i32, got String");
}

TEST_F(Natives, ASignatureThatDisagreesFailsTheLoadNamingLibAtName) {
    register_all();
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "add", add, "dd>d"), HLFFI_OK);
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "greet", greet, "s>i"), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(vm, hl_path("api_natives").c_str()), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_STREQ(hlffi_get_error(vm),
                 "native signature mismatch: mylib@add is registered as \"dd>d\" but the program declares (i32, i32) -> i32, "
                 "mylib@greet is registered as \"s>i\" but the program declares (String) -> String");
    // Fixed, the same VM loads.
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "add", add, "ii>i"), HLFFI_OK);
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "greet", greet, "s>s"), HLFFI_OK);
    load();
    EXPECT_EQ(call("runAdd", {hlffi_value_int(vm, 1), hlffi_value_int(vm, 2)}), "3");
}

TEST_F(Natives, TheLoadNamesEveryMissingNative) {
    EXPECT_EQ(hlffi_load_file(vm, hl_path("api_natives_missing").c_str()), HLFFI_ERROR_NATIVE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm), "missing natives: mylib@first, otherlib@second");
    // Some provided: the others are still named.
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "first", add, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(vm, hl_path("api_natives_missing").c_str()), HLFFI_ERROR_NATIVE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm), "missing natives: otherlib@second");
    hlffi_vm* other = hlffi_create();
    ASSERT_EQ(hlffi_init(other, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(other, hl_path("api_natives").c_str()), HLFFI_ERROR_NATIVE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(other),
                 "missing natives: mylib@add, mylib@scale, mylib@flip, mylib@greet, mylib@bytes_sum, mylib@point_sum, "
                 "mylib@echo, mylib@notify, mylib@call_back");
    hlffi_destroy(other);
}

TEST_F(Natives, LazyNativesThrowWhenCalled) {
    ASSERT_EQ(hlffi_set_lazy_natives(vm, true), HLFFI_OK);
    load("api_natives_missing");
    EXPECT_EQ(call("ok"), "7");
    EXPECT_EQ(call("catchFirst"), "caught Native mylib@first not implemented");
    EXPECT_EQ(call("callSecond"), "<NULL> Main.callSecond: uncaught exception: Native otherlib@second not implemented");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_EXCEPTION_THROWN);
    // Off again (after close): the load fails.
    ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
    ASSERT_EQ(hlffi_set_lazy_natives(vm, false), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(vm, hl_path("api_natives_missing").c_str()), HLFFI_ERROR_NATIVE_NOT_FOUND);
}

TEST_F(Natives, RegistrationsSurviveRestart) {
    register_all();
    for (int round = 0; round < 3; round++) {
        load();
        EXPECT_EQ(call("runAdd", {hlffi_value_int(vm, round), hlffi_value_int(vm, 10)}), std::to_string(round + 10));
        EXPECT_EQ(call("runGreet", {hlffi_value_string(vm, "again")}), "hello again");
        ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
    }
}

TEST_F(Natives, SurviveACollectionAtEveryAllocation) {
    hlffi_destroy(vm);
    setenv("HLFFI_GC_STRESS", "1", 1);
    vm = hlffi_create();
    unsetenv("HLFFI_GC_STRESS");
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    register_all();
    load();
    check_all_kinds();
    EXPECT_EQ(call("catching", {hlffi_value_int(vm, -1)}), "caught negative");
}

TEST_F(Natives, BadInput) {
    // hlffi_register_native
    EXPECT_EQ(hlffi_register_native(nullptr, "mylib", "add", add, "ii>i"), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_register_native(vm, nullptr, "add", add, "ii>i"), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "hlffi_register_native: lib is NULL");
    EXPECT_EQ(hlffi_register_native(vm, "mylib", nullptr, add, "ii>i"), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_register_native(vm, "mylib", "add", nullptr, "ii>i"), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_register_native(vm, "mylib", "", add, "ii>i"), HLFFI_ERROR_INVALID_ARGUMENT);
    for (const char* bad : {"", "ii", "ii>", "ii>ii", "x>i", "iv>i", ">x", "i>>i", "i> "}) {
        EXPECT_EQ(hlffi_register_native(vm, "mylib", "add", add, bad), HLFFI_ERROR_INVALID_ARGUMENT) << bad;
        EXPECT_NE(std::string(hlffi_get_error(vm)).find("native mylib@add: bad signature"), std::string::npos) << bad;
    }
    // hlffi_set_lazy_natives
    EXPECT_EQ(hlffi_set_lazy_natives(nullptr, true), HLFFI_ERROR_NULL_VM);
    // After load: both refuse (natives are bound at load).
    register_all();
    load();
    EXPECT_EQ(hlffi_register_native(vm, "mylib", "late", add, "ii>i"), HLFFI_ERROR_ALREADY_LOADED);
    EXPECT_EQ(hlffi_set_lazy_natives(vm, true), HLFFI_ERROR_ALREADY_LOADED);
    // A program declaring a registered native with another arity.
    ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
    ASSERT_EQ(hlffi_register_native(vm, "mylib", "add", add, "i>i"), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(vm, hl_path("api_natives").c_str()), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_STREQ(hlffi_get_error(vm),
                 "native signature mismatch: mylib@add is registered as \"i>i\" but the program declares (i32, i32) -> i32");
}

}  // namespace
