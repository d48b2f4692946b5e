// api layer tests: host callbacks (hlffi_register_callback(_typed), hlffi_get_callback,
// hlffi_unregister_callback) called from Haxe as closures: arities, Dynamic and typed fields,
// typed arguments and results, exceptions, nesting, unregistering, restart, bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

#include "api/api_internal.h"
#include "hlffi.h"

namespace {

std::string hl_path(const std::string& name) { return std::string(HLFFI_HL_DIR) + "/" + name + ".hl"; }

// Takes a char* the API returned (caller frees).
std::string take(char* s) {
    std::string out = s != nullptr ? s : "<NULL>";
    std::free(s);
    return out;
}

std::string text(hlffi_value* v) { return take(hlffi_value_as_string(v)); }

// A loaded VM of tests/haxe/api/callbacks with static init done; freed with the fixture.
class Callbacks : public ::testing::Test {
protected:
    void SetUp() override {
        vm = hlffi_create();
        ASSERT_NE(vm, nullptr);
        ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    }
    void load() {
        ASSERT_EQ(hlffi_load_file(vm, hl_path("api_callbacks").c_str()), HLFFI_OK) << hlffi_get_error(vm);
        ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
    }
    void TearDown() override { hlffi_destroy(vm); }

    // Main.<method>(args...) with the result as text ("<NULL>" with the error when it failed).
    std::string call(const char* method, std::initializer_list<hlffi_value*> args = {}) {
        std::vector<hlffi_value*> a(args);
        hlffi_value* r = hlffi_call_static(vm, "Main", method, static_cast<int>(a.size()), a.data());
        for (hlffi_value* v : a) hlffi_value_free(v);
        if (r == nullptr) return hlffi_get_last_error(vm) == HLFFI_OK ? "<void>" : std::string("<NULL> ") + hlffi_get_error(vm);
        std::string s = text(r);
        hlffi_value_free(r);
        return s;
    }
    hlffi_value* cb(const char* name) {
        hlffi_value* v = hlffi_get_callback(vm, name);
        EXPECT_NE(v, nullptr) << hlffi_get_error(vm);
        return v;
    }
    size_t live_values() const { return vm->values.live_count(); }

    hlffi_vm* vm = nullptr;
};

// ---- Host functions (no userdata in the calling convention: test state is file-local).
int g_calls = 0;
std::string g_seen;

hlffi_value* seven(hlffi_vm* vm, int argc, hlffi_value**) {
    g_calls++;
    return argc == 0 ? hlffi_value_int(vm, 7) : nullptr;
}
hlffi_value* echo_first(hlffi_vm*, int, hlffi_value** argv) { return argv[0]; }  // returns its own argument
hlffi_value* add_two(hlffi_vm* vm, int argc, hlffi_value** argv) {
    if (argc != 2) return nullptr;
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], -1000) + hlffi_value_as_int(argv[1], -1000));
}
hlffi_value* join_all(hlffi_vm* vm, int argc, hlffi_value** argv) {
    std::string s;
    for (int i = 0; i < argc; i++) s += (i ? "|" : "") + (hlffi_value_is_null(argv[i]) ? std::string("null") : text(argv[i]));
    return hlffi_value_string(vm, s.c_str());
}
hlffi_value* sum_all(hlffi_vm* vm, int argc, hlffi_value** argv) {
    int s = 0;
    for (int i = 0; i < argc; i++) s += hlffi_value_as_int(argv[i], -1000);
    return hlffi_value_int(vm, s * 100 + argc);
}
hlffi_value* triple(hlffi_vm* vm, int, hlffi_value** argv) { return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) * 3); }
hlffi_value* plus_one(hlffi_vm* vm, int, hlffi_value** argv) { return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + 1); }
hlffi_value* add_index(hlffi_vm* vm, int, hlffi_value** argv) { return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + 1); }

TEST_F(Callbacks, UntypedArities0_1_2_5_16FromDynamicCalls) {
    ASSERT_TRUE(hlffi_register_callback(vm, "c0", seven, 0));
    ASSERT_TRUE(hlffi_register_callback(vm, "c1", echo_first, 1));
    ASSERT_TRUE(hlffi_register_callback(vm, "c2", add_two, 2));
    ASSERT_TRUE(hlffi_register_callback(vm, "c5", join_all, 5));
    ASSERT_TRUE(hlffi_register_callback(vm, "c16", sum_all, 16));
    load();
    size_t base = live_values();
    hlffi_value* c0 = cb("c0");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "dyn", c0), HLFFI_OK) << hlffi_get_error(vm);
    g_calls = 0;
    EXPECT_EQ(call("callDyn0"), "7");
    EXPECT_EQ(g_calls, 1);
    hlffi_value* c1 = cb("c1");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "dyn", c1), HLFFI_OK);
    EXPECT_EQ(call("callDyn1", {hlffi_value_string(vm, "héllo")}), "héllo");
    EXPECT_EQ(call("callDyn1", {hlffi_value_float(vm, 2.25)}), "2.25");
    hlffi_value* c2 = cb("c2");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "dyn", c2), HLFFI_OK);
    EXPECT_EQ(call("callDyn2", {hlffi_value_int(vm, 30), hlffi_value_int(vm, 12)}), "42");
    EXPECT_EQ(call("callDyn5", {cb("c5")}), "1|two|3.5|true|null");
    EXPECT_EQ(call("call16", {cb("c16")}), std::to_string(136 * 100 + 16));
    for (hlffi_value* v : {c0, c1, c2}) hlffi_value_free(v);
    // Arguments and results of the calls were all given back.
    EXPECT_EQ(live_values(), base);
}

// Argument handles are lent for one call (ValuePool::borrow): returning one, freeing one, or
// keeping one past the call are all handled without a crash or a leak.
hlffi_value* g_kept = nullptr;
std::string g_lent;
hlffi_value* identity(hlffi_vm*, int, hlffi_value** argv) { return argv[0]; }
hlffi_value* frees_arg(hlffi_vm* vm, int, hlffi_value** argv) {
    int x = hlffi_value_as_int(argv[0], 0);
    hlffi_value_free(argv[0]);
    g_lent = std::to_string(hlffi_value_as_int(argv[0], -1));
    hlffi_value_free(argv[0]);  // twice: recorded, not a crash
    g_lent += " " + std::to_string(hlffi_get_last_error(vm) == HLFFI_ERROR_STALE_HANDLE);
    return hlffi_value_int(vm, x + 1);
}
hlffi_value* keeps_arg(hlffi_vm* vm, int, hlffi_value** argv) {
    g_kept = argv[0];
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) * 2);
}

TEST_F(Callbacks, ArgumentHandlesAreLentForOneCall) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "identity", identity, 1, ii, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "frees", frees_arg, 1, ii, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "keeps", keeps_arg, 1, ii, HLFFI_ARG_INT));
    load();
    size_t base = live_values();
    // Many calls in a row reuse the lent handles: f(0) + f(1) + f(2).
    EXPECT_EQ(call("loop", {cb("identity"), hlffi_value_int(vm, 3)}), "3");
    EXPECT_EQ(call("loop", {cb("frees"), hlffi_value_int(vm, 3)}), "6");
    EXPECT_EQ(call("loop", {cb("keeps"), hlffi_value_int(vm, 3)}), "6");
    hlffi_value* f = cb("identity");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", f), HLFFI_OK);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 14)}), "14");
    hlffi_value_free(f);
    f = cb("frees");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", f), HLFFI_OK);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 41)}), "42");
    EXPECT_EQ(g_lent, "-1 1");
    hlffi_value_free(f);
    f = cb("keeps");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", f), HLFFI_OK);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 21)}), "42");
    hlffi_value_free(f);
    // Kept past its call: reads as freed, and freeing it is reported, not done twice.
    ASSERT_NE(g_kept, nullptr);
    EXPECT_EQ(hlffi_value_as_int(g_kept, -7), -7);
    hlffi_value_free(g_kept);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(live_values(), base);
}

TEST_F(Callbacks, StoredInTypedFieldsAndCalledDirectly) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    hlffi_arg_type iii[] = {HLFFI_ARG_INT, HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "triple", triple, 1, ii, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "add", add_two, 2, iii, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback(vm, "plus_one", plus_one, 1));
    load();
    hlffi_value* t = cb("triple");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", t), HLFFI_OK) << hlffi_get_error(vm);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 14)}), "42");
    // Stored by Haxe code into an instance's Int->Int field, then called from there.
    EXPECT_EQ(call("storeInHolder", {hlffi_value_copy(t)}), "<void>");
    EXPECT_EQ(call("callHolder", {hlffi_value_int(vm, -5)}), "-15");
    EXPECT_EQ(call("apply2", {cb("add"), hlffi_value_int(vm, 40), hlffi_value_int(vm, 2)}), "42");
    // The untyped form fits an Int->Int field too (Haxe wraps it, converting arguments and result).
    hlffi_value* p = cb("plus_one");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", p), HLFFI_OK) << hlffi_get_error(vm);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 41)}), "42");
    // In an instance's Dynamic field, set by the host.
    hlffi_value* holder = hlffi_get_static_field(vm, "Main", "holder");
    ASSERT_NE(holder, nullptr);
    ASSERT_TRUE(hlffi_set_field(holder, "d", p)) << hlffi_get_error(vm);
    EXPECT_EQ(call("callHolderDyn", {hlffi_value_int(vm, 99)}), "100");
    // Reflect.callMethod and what Haxe's reflection sees.
    EXPECT_EQ(call("reflectCall2", {cb("add"), hlffi_value_int(vm, 5), hlffi_value_int(vm, 6)}), "11");
    EXPECT_EQ(call("describe", {hlffi_value_copy(t)}), "TFunction true");
    EXPECT_EQ(call("describe", {hlffi_value_copy(p)}), "TFunction true");
    for (hlffi_value* v : {t, p, holder}) hlffi_value_free(v);
}

std::string g_args;
hlffi_value* check_typed(hlffi_vm* vm, int argc, hlffi_value** argv) {
    g_args = std::to_string(argc) + ":" + std::to_string(hlffi_value_as_int(argv[0], 0)) + "," +
             std::to_string(hlffi_value_as_float(argv[1], 0)) + "," + (hlffi_value_as_bool(argv[2], false) ? "true" : "false") +
             "," + text(argv[3]) + "," + text(argv[4]);
    return hlffi_value_string(vm, "typed ok");
}
hlffi_value* int_result(hlffi_vm* vm, int, hlffi_value** argv) { return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) * 2); }
hlffi_value* bool_result(hlffi_vm* vm, int, hlffi_value**) { return hlffi_value_bool(vm, true); }
hlffi_value* string_result(hlffi_vm* vm, int, hlffi_value**) { return hlffi_value_string(vm, "from host ü"); }
hlffi_value* float_result(hlffi_vm* vm, int, hlffi_value**) { return hlffi_value_float(vm, 1.5); }
hlffi_value* null_result(hlffi_vm*, int, hlffi_value**) { return nullptr; }
hlffi_value* record_void(hlffi_vm* vm, int, hlffi_value** argv) {
    g_calls = hlffi_value_as_int(argv[0], 0);
    return hlffi_value_null(vm);  // ignored: the callback is Void
}

TEST_F(Callbacks, TypedArgumentsArriveTypedAndResultsAreConverted) {
    hlffi_arg_type all[] = {HLFFI_ARG_INT, HLFFI_ARG_FLOAT, HLFFI_ARG_BOOL, HLFFI_ARG_STRING, HLFFI_ARG_DYNAMIC};
    hlffi_arg_type one_int[] = {HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "all", check_typed, 5, all, HLFFI_ARG_STRING));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "to_float", int_result, 1, one_int, HLFFI_ARG_FLOAT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "to_bool", bool_result, 0, nullptr, HLFFI_ARG_BOOL));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "to_string", string_result, 0, nullptr, HLFFI_ARG_STRING));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "bad_int", float_result, 0, nullptr, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "null_int", null_result, 0, nullptr, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "void", record_void, 1, one_int, HLFFI_ARG_VOID));
    load();
    size_t base = live_values();
    EXPECT_EQ(call("typedAll", {cb("all")}), "typed ok");
    EXPECT_EQ(g_args, "5:-42,2.500000,true,héllo,[1,2,3]");
    EXPECT_EQ(call("typedFloat", {cb("to_float"), hlffi_value_int(vm, 21)}), "42");
    EXPECT_EQ(call("typedBool", {cb("to_bool")}), "true");
    EXPECT_EQ(call("typedString", {cb("to_string")}), "from host ü");
    g_calls = 0;
    EXPECT_EQ(call("typedVoid", {cb("void"), hlffi_value_int(vm, 77)}), "void done");
    EXPECT_EQ(g_calls, 77);
    // A result that does not fit the declared type is a Haxe exception in the caller.
    EXPECT_EQ(call("catchAnyInt", {cb("bad_int")}), "caught callback bad_int: the result: expected i32, got f64");
    EXPECT_EQ(call("catchAnyInt", {cb("null_int")}), "caught callback null_int: returned NULL for a result of type i32");
    EXPECT_EQ(live_values(), base);
}

hlffi_value* calls_thrower(hlffi_vm* vm, int, hlffi_value**) {
    hlffi_value* msg = hlffi_value_string(vm, "boom");
    hlffi_value* r = hlffi_call_static(vm, "Main", "thrower", 1, &msg);
    hlffi_value_free(msg);
    g_seen = std::to_string(r == nullptr) + " " + std::to_string(hlffi_get_last_error(vm)) + " " +
             hlffi_get_exception_message(vm);
    return r;
}
hlffi_value* calls_thrower_and_clears(hlffi_vm* vm, int argc, hlffi_value** argv) {
    hlffi_value* r = calls_thrower(vm, argc, argv);
    hlffi_clear_exception(vm);
    return r != nullptr ? r : hlffi_value_int(vm, 7);
}

TEST_F(Callbacks, ExceptionsOfHaxeCodeCalledByACallbackReachTheHaxeCaller) {
    ASSERT_TRUE(hlffi_register_callback(vm, "throws", calls_thrower, 0));
    ASSERT_TRUE(hlffi_register_callback(vm, "clears", calls_thrower_and_clears, 0));
    load();
    size_t base = live_values();
    // The host sees the exception (NULL, EXCEPTION_THROWN, message); the Haxe caller then catches
    // the original MyError.
    EXPECT_EQ(call("catchMyError", {cb("throws")}), "caught MyError boom");
    EXPECT_EQ(g_seen, "1 15 MyError(boom)");
    EXPECT_FALSE(hlffi_has_exception(vm));
    // Cleared by the host: the Haxe caller gets the callback's result.
    EXPECT_EQ(call("catchMyError", {cb("clears")}), "returned 7");
    // Uncaught by Haxe too: the host's outer call reports it.
    EXPECT_EQ(call("apply0", {cb("throws")}), "<NULL> Main.apply0: uncaught exception: MyError(boom)");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_STREQ(hlffi_get_exception_message(vm), "MyError(boom)");
    std::string stack = hlffi_get_exception_stack(vm);
    EXPECT_NE(stack.find("Main.thrower"), std::string::npos) << stack;
    hlffi_clear_exception(vm);
    EXPECT_EQ(live_values(), base);
}

hlffi_value* recurse(hlffi_vm* vm, int, hlffi_value** argv) {
    int x = hlffi_value_as_int(argv[0], 0);
    if (x <= 0) return hlffi_value_int(vm, 0);
    hlffi_value* a = hlffi_value_int(vm, x - 1);
    hlffi_value* r = hlffi_call_static(vm, "Main", "viaIntFn", 1, &a);  // intFn(x - 1) + 1000
    hlffi_value_free(a);
    return r;
}
hlffi_value* outer(hlffi_vm* vm, int, hlffi_value** argv) {
    hlffi_value* a = hlffi_value_copy(argv[0]);
    hlffi_value* r = hlffi_call_static(vm, "Main", "viaIntFn", 1, &a);
    hlffi_value_free(a);
    return r;
}

TEST_F(Callbacks, NestedCallsIntoTheVmFromACallback) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "recurse", recurse, 1, ii, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "triple", triple, 1, ii, HLFFI_ARG_INT));
    ASSERT_TRUE(hlffi_register_callback(vm, "outer", outer, 1));
    load();
    hlffi_value* t = cb("triple");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", t), HLFFI_OK);
    hlffi_value* o = cb("outer");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "dyn", o), HLFFI_OK);
    EXPECT_EQ(call("callDyn1", {hlffi_value_int(vm, 5)}), "1015");  // Haxe -> outer -> Haxe -> triple
    hlffi_value* r = cb("recurse");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", r), HLFFI_OK);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 50)}), "50000");  // 100 levels of Haxe <-> host
    for (hlffi_value* v : {t, o, r}) hlffi_value_free(v);
}

TEST_F(Callbacks, UnregisteredAndReplacedCallbacks) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback(vm, "gone", seven, 0));
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "swap", triple, 1, ii, HLFFI_ARG_INT));
    load();
    hlffi_value* g = cb("gone");
    EXPECT_EQ(call("catchAny", {hlffi_value_copy(g)}), "returned 7");
    EXPECT_TRUE(hlffi_unregister_callback(vm, "gone"));
    EXPECT_EQ(call("catchAny", {hlffi_value_copy(g)}), "caught callback gone was unregistered");
    EXPECT_EQ(call("apply0", {hlffi_value_copy(g)}), "<NULL> Main.apply0: uncaught exception: callback gone was unregistered");
    EXPECT_FALSE(hlffi_unregister_callback(vm, "gone"));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_get_callback(vm, "gone"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    // Registering the name again gives a new callback; the old closure still throws.
    ASSERT_TRUE(hlffi_register_callback(vm, "gone", seven, 0));
    EXPECT_EQ(call("catchAny", {hlffi_value_copy(g)}), "caught callback gone was unregistered");
    EXPECT_EQ(call("catchAny", {cb("gone")}), "returned 7");
    // Replaced with the same type: closures handed out call the new function.
    hlffi_value* s = cb("swap");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", s), HLFFI_OK);
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 2)}), "6");
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "swap", add_index, 1, ii, HLFFI_ARG_INT));
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 2)}), "3");
    // Replaced with another type: the old closure is retired.
    ASSERT_TRUE(hlffi_register_callback(vm, "swap", plus_one, 1));
    EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 2)}), "<NULL> Main.callIntFn: uncaught exception: callback swap was unregistered");
    hlffi_clear_exception(vm);
    for (hlffi_value* v : {g, s}) hlffi_value_free(v);
}

TEST_F(Callbacks, RegisteredBeforeLoadAndRebuiltAfterRestart) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "triple", triple, 1, ii, HLFFI_ARG_INT));
    EXPECT_EQ(hlffi_get_callback(vm, "triple"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    for (int round = 0; round < 3; round++) {
        load();
        hlffi_value* t = cb("triple");
        ASSERT_EQ(hlffi_set_static_field(vm, "Main", "intFn", t), HLFFI_OK) << hlffi_get_error(vm);
        EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, round + 1)}), std::to_string(3 * (round + 1)));
        if (round == 1) {
            // Unregistered in one program, registered again before the next.
            ASSERT_TRUE(hlffi_unregister_callback(vm, "triple"));
            EXPECT_EQ(call("callIntFn", {hlffi_value_int(vm, 1)}), "<NULL> Main.callIntFn: uncaught exception: callback triple was unregistered");
        }
        ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
        // The handle of the closed program is stale.
        EXPECT_EQ(hlffi_value_as_int(t, -1), -1);
        hlffi_value_free(t);
        if (round == 1) {
            ASSERT_TRUE(hlffi_register_callback_typed(vm, "triple", triple, 1, ii, HLFFI_ARG_INT));
        }
    }
    EXPECT_TRUE(vm->retired_callbacks.empty() || vm->retired_callbacks.size() == 1);
}

hlffi_vm* g_other = nullptr;
hlffi_value* g_freed = nullptr;
hlffi_value* foreign_result(hlffi_vm*, int, hlffi_value**) { return hlffi_value_int(g_other, 1); }
hlffi_value* freed_result(hlffi_vm*, int, hlffi_value**) { return g_freed; }

TEST_F(Callbacks, BadInput) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    hlffi_arg_type bad[] = {HLFFI_ARG_VOID};
    hlffi_arg_type worse[] = {static_cast<hlffi_arg_type>(99)};
    // hlffi_register_callback
    EXPECT_FALSE(hlffi_register_callback(nullptr, "x", seven, 0));
    EXPECT_FALSE(hlffi_register_callback(vm, nullptr, seven, 0));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_register_callback(vm, "x", nullptr, 0));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback(vm, "", seven, 0));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback(vm, "x", seven, -1));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback(vm, "x", seven, 17));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "callback 'x': nargs must be between 0 and 16");
    // hlffi_register_callback_typed
    EXPECT_FALSE(hlffi_register_callback_typed(nullptr, "x", seven, 1, ii, HLFFI_ARG_INT));
    EXPECT_FALSE(hlffi_register_callback_typed(vm, nullptr, seven, 1, ii, HLFFI_ARG_INT));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_register_callback_typed(vm, "x", nullptr, 1, ii, HLFFI_ARG_INT));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback_typed(vm, "x", seven, 1, nullptr, HLFFI_ARG_INT));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback_typed(vm, "x", seven, 1, bad, HLFFI_ARG_INT));
    EXPECT_STREQ(hlffi_get_error(vm), "callback 'x': argument 1 has no valid type");
    EXPECT_FALSE(hlffi_register_callback_typed(vm, "x", seven, 1, worse, HLFFI_ARG_INT));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback_typed(vm, "x", seven, 1, ii, static_cast<hlffi_arg_type>(-1)));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_register_callback_typed(vm, "x", seven, 17, ii, HLFFI_ARG_INT));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    // hlffi_get_callback / hlffi_unregister_callback
    EXPECT_EQ(hlffi_get_callback(nullptr, "x"), nullptr);
    EXPECT_EQ(hlffi_get_callback(vm, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_unregister_callback(nullptr, "x"));
    EXPECT_FALSE(hlffi_unregister_callback(vm, nullptr));
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_unregister_callback(vm, "never"));
    EXPECT_STREQ(hlffi_get_error(vm), "no callback named 'never' is registered");

    // Results the host must not return: another VM's value, a freed value. Arity mismatches of
    // dynamic calls. All are Haxe exceptions, never crashes.
    ASSERT_TRUE(hlffi_register_callback(vm, "foreign", foreign_result, 0));
    ASSERT_TRUE(hlffi_register_callback(vm, "freed", freed_result, 0));
    ASSERT_TRUE(hlffi_register_callback(vm, "two", add_two, 2));
    load();
    EXPECT_EQ(hlffi_get_callback(vm, "missing"), nullptr);
    EXPECT_STREQ(hlffi_get_error(vm), "no callback named 'missing' is registered");
    g_other = hlffi_create();
    ASSERT_EQ(hlffi_init(g_other, 0, nullptr), HLFFI_OK);
    ASSERT_EQ(hlffi_load_file(g_other, hl_path("api_callbacks").c_str()), HLFFI_OK);
    EXPECT_EQ(call("catchAny", {cb("foreign")}), "caught callback foreign: the result belongs to another VM");
    hlffi_value* freed = cb("freed");
    g_freed = hlffi_value_int(vm, 3);
    hlffi_value_free(g_freed);  // nothing allocates a handle between this and the callback's return
    EXPECT_EQ(call("catchAny", {freed}), "caught callback freed: the result was already freed");
    hlffi_value* two = cb("two");
    ASSERT_EQ(hlffi_set_static_field(vm, "Main", "dyn", two), HLFFI_OK);
    std::string r = call("callDyn1", {hlffi_value_int(vm, 1)});
    EXPECT_EQ(r.rfind("<NULL> Main.callDyn1: uncaught exception: ", 0), 0u) << r;
    hlffi_value_free(two);
    hlffi_destroy(g_other);
    g_other = nullptr;
}

TEST_F(Callbacks, SurviveACollectionAtEveryAllocation) {
    hlffi_destroy(vm);
    setenv("HLFFI_GC_STRESS", "1", 1);
    vm = hlffi_create();
    unsetenv("HLFFI_GC_STRESS");
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    hlffi_arg_type all[] = {HLFFI_ARG_INT, HLFFI_ARG_FLOAT, HLFFI_ARG_BOOL, HLFFI_ARG_STRING, HLFFI_ARG_DYNAMIC};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "all", check_typed, 5, all, HLFFI_ARG_STRING));
    ASSERT_TRUE(hlffi_register_callback(vm, "c5", join_all, 5));
    ASSERT_TRUE(hlffi_register_callback(vm, "throws", calls_thrower, 0));
    load();
    EXPECT_EQ(call("typedAll", {cb("all")}), "typed ok");
    EXPECT_EQ(g_args, "5:-42,2.500000,true,héllo,[1,2,3]");
    EXPECT_EQ(call("callDyn5", {cb("c5")}), "1|two|3.5|true|null");
    EXPECT_EQ(call("catchMyError", {cb("throws")}), "caught MyError boom");
}

// The cost of one Haxe -> host call of a typed Int->Int callback, next to the same loop over a
// Haxe closure (printed, not asserted: the benchmark suite tracks it). Thread CPU time, so that
// other processes sharing the cores do not count.
double thread_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

TEST_F(Callbacks, CostOfACall) {
    hlffi_arg_type ii[] = {HLFFI_ARG_INT};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "inc", add_index, 1, ii, HLFFI_ARG_INT));
    load();
    constexpr int kCalls = 50000, kRounds = 4;
    const std::string expected = std::to_string(static_cast<long long>(kCalls) * (kCalls + 1) / 2);
    double start = thread_ns();
    for (int i = 0; i < kRounds; i++) EXPECT_EQ(call("loop", {cb("inc"), hlffi_value_int(vm, kCalls)}), expected);
    double host = (thread_ns() - start) / (kCalls * kRounds);
    start = thread_ns();
    for (int i = 0; i < kRounds; i++) EXPECT_EQ(call("loopHaxe", {hlffi_value_int(vm, kCalls)}), expected);
    double haxe = (thread_ns() - start) / (kCalls * kRounds);
    std::printf("[ callback ] %.1f ns per Haxe -> host Int->Int call (loop over a Haxe closure: %.1f ns per call)\n", host, haxe);
}

}  // namespace
