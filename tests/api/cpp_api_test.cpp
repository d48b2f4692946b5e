// api layer tests: the C++ wrapper include/hlffi.hpp (Vm, Value, calls with C++ arguments, typed
// cached functions and their signature checks, HaxeException / Error) against tests/haxe/api/cpp.
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include "hlffi.hpp"

namespace {

std::string program() { return std::string(HLFFI_HL_DIR) + "/api_cpp.hl"; }

// A Vm with the program loaded and its entry point run; output captured.
struct CppVm {
    CppVm() {
        vm.on_print([this](std::string_view s) { output.append(s); });
        vm.init().load(program()).call_entry();
    }
    hlffi::Vm vm;
    std::string output;
};

static_assert(!std::is_copy_constructible_v<hlffi::Vm> && std::is_nothrow_move_constructible_v<hlffi::Vm>);
static_assert(!std::is_copy_constructible_v<hlffi::Value> && std::is_nothrow_move_constructible_v<hlffi::Value>);
static_assert(!std::is_copy_constructible_v<hlffi::Function<int(int, int)>>);
static_assert(std::is_nothrow_move_constructible_v<hlffi::Function<int(int, int)>>);
static_assert(std::is_base_of_v<std::runtime_error, hlffi::HaxeException>);
static_assert(std::is_base_of_v<std::runtime_error, hlffi::Error>);

// Runs f, which must throw hlffi::Error; gives its code (HLFFI_OK after recording a failure).
template <class F> hlffi_error_code error_code_of(F&& f) {
    try {
        f();
    } catch (const hlffi::Error& e) {
        return e.code();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "unexpected exception: " << e.what();
        return HLFFI_OK;
    }
    ADD_FAILURE() << "no exception";
    return HLFFI_OK;
}

// Runs f, which must throw hlffi::Error; gives its message.
template <class F> std::string error_text_of(F&& f) {
    try {
        f();
    } catch (const hlffi::Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "no hlffi::Error";
    return "";
}

// ---- Vm lifecycle

TEST(CppVm, LifecycleChainsAndRunsMain) {
    hlffi::Vm vm;
    ASSERT_NE(vm.handle(), nullptr);
    vm.init().load(program()).call_entry();
    // main() made Main.counter = new Counter("main", 1).
    EXPECT_EQ(vm.get_static("Main", "counter").get<std::string>("label"), "main");
    EXPECT_EQ(vm.exit_code(), 0);
}

TEST(CppVm, InitWithArguments) {
    hlffi::Vm vm;
    vm.init(std::vector<std::string>{"a", "b"});
    EXPECT_EQ(error_code_of([&] { vm.init(); }), HLFFI_ERROR_ALREADY_INITIALIZED);
}

TEST(CppVm, ErrorsCarryCodeAndMessage) {
    hlffi::Vm vm;
    EXPECT_EQ(error_code_of([&] { vm.load(program()); }), HLFFI_ERROR_NOT_INITIALIZED);
    vm.init();
    std::string text = error_text_of([&] { vm.load("/nonexistent/x.hl"); });
    EXPECT_NE(text.find("/nonexistent/x.hl"), std::string::npos) << text;
    EXPECT_EQ(error_code_of([&] { vm.load("/nonexistent/x.hl"); }), HLFFI_ERROR_FILE_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { vm.call<int>("Main", "add", 1, 2); }), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(error_code_of([&] { (void)vm.value(1); }), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(error_code_of([&] { (void)vm.get_static("Main", "calls"); }), HLFFI_ERROR_NOT_LOADED);
    const char bad[] = "not bytecode";
    EXPECT_EQ(error_code_of([&] { vm.load_memory(bad, sizeof bad); }), HLFFI_ERROR_INVALID_BYTECODE);
}

TEST(CppVm, BeforeEntryStaticsAreRefused) {
    hlffi::Vm vm;
    vm.init().load(program());
    EXPECT_EQ(error_code_of([&] { vm.call<int>("Main", "add", 1, 2); }), HLFFI_ERROR_ENTRY_NOT_CALLED);
    vm.call_entry();
    EXPECT_EQ(vm.call<int>("Main", "add", 1, 2), 3);
    EXPECT_EQ(error_code_of([&] { vm.call_entry(); }), HLFFI_ERROR_ENTRY_ALREADY_CALLED);
}

TEST(CppVm, MoveKeepsTheVmAndItsState) {
    CppVm c;
    hlffi_vm* raw = c.vm.handle();
    hlffi::Vm moved = std::move(c.vm);
    EXPECT_EQ(c.vm.handle(), nullptr);
    EXPECT_EQ(moved.handle(), raw);
    EXPECT_EQ(moved.call<int>("Main", "add", 20, 22), 42);
    hlffi::Vm other;
    other = std::move(moved);
    EXPECT_EQ(other.handle(), raw);
    EXPECT_EQ(other.call<int>("Main", "add", 1, 1), 2);
    // The moved-from Vm is empty: calls on it fail cleanly.
    EXPECT_EQ(error_code_of([&] { moved.call<int>("Main", "add", 1, 1); }), HLFFI_ERROR_NULL_VM);
}

TEST(CppVm, CloseMakesValuesStaleAndReloadStartsFresh) {
    CppVm c;
    c.vm.set_static("Main", "calls", 7);
    EXPECT_EQ(c.vm.get_static<int>("Main", "calls"), 7);
    hlffi::Value v = c.vm.value(5);
    auto add = c.vm.function<int(int, int)>("Main", "add");
    c.vm.close();
    EXPECT_EQ(error_code_of([&] { (void)v.as<int>(); }), HLFFI_ERROR_NULL_VALUE);  // a stale handle reads as nothing
    EXPECT_EQ(error_code_of([&] { (void)add(1, 2); }), HLFFI_ERROR_NOT_LOADED);
    c.vm.load(program()).call_entry();
    EXPECT_EQ(c.vm.get_static<int>("Main", "calls"), 0);
    EXPECT_EQ(error_code_of([&] { (void)add(1, 2); }), HLFFI_ERROR_STALE_HANDLE);
    v.reset();  // freeing a stale handle is fine
}

TEST(CppVm, DestroyIsIdempotent) {
    hlffi::Vm vm;
    vm.destroy();
    EXPECT_EQ(vm.handle(), nullptr);
    vm.destroy();
    EXPECT_EQ(error_code_of([&] { vm.init(); }), HLFFI_ERROR_NULL_VM);
}

TEST(CppVm, AdoptsACHandle) {
    hlffi_vm* raw = hlffi_create();
    hlffi::Vm vm(raw);
    EXPECT_EQ(vm.handle(), raw);
    vm.init().load(program()).call_entry();
    EXPECT_EQ(vm.call<int>("Main", "add", 2, 3), 5);
    EXPECT_EQ(error_code_of([] { hlffi::Vm bad(nullptr); }), HLFFI_ERROR_NULL_VM);
}

TEST(CppVm, PrintHandlerReceivesOutputAndCanBeRemoved) {
    hlffi::Vm vm;
    std::string out;
    vm.on_print([&](std::string_view s) { out.append(s); });
    vm.init().load(program()).call_entry();
    out.clear();
    EXPECT_THROW(vm.call<int>("Main", "thrower", "quiet"), hlffi::HaxeException);
    EXPECT_EQ(out, "");  // host calls report exceptions to the host, not to the output
    vm.on_print(nullptr);
}

TEST(CppVm, SeveralVmsAreIndependent) {
    CppVm a, b;
    a.vm.set_static("Main", "name", "first");
    b.vm.set_static("Main", "name", std::string("second"));
    EXPECT_EQ(a.vm.get_static<std::string>("Main", "name"), "first");
    EXPECT_EQ(b.vm.get_static<std::string>("Main", "name"), "second");
    // A value of one VM cannot be passed to another.
    hlffi::Value v = a.vm.value(3);
    EXPECT_EQ(error_code_of([&] { b.vm.call<int>("Main", "add", v, 1); }), HLFFI_ERROR_WRONG_VM);
}

// ---- Values

TEST(CppValue, ScalarsRoundTrip) {
    CppVm c;
    EXPECT_EQ(c.vm.value(42).as<int>(), 42);
    EXPECT_EQ(c.vm.value(-7).as<long long>(), -7);
    EXPECT_EQ(c.vm.value(uint8_t{200}).as<int>(), 200);
    EXPECT_EQ(c.vm.value(2.5).as<double>(), 2.5);
    EXPECT_EQ(c.vm.value(1.25f).as<float>(), 1.25f);
    EXPECT_EQ(c.vm.value(true).as<bool>(), true);
    EXPECT_EQ(c.vm.value("text").as<std::string>(), "text");
    EXPECT_EQ(c.vm.value(std::string("std")).as<std::string>(), "std");
    EXPECT_EQ(c.vm.value(std::string_view("view-of-more", 4)).as<std::string>(), "view");
    EXPECT_EQ(c.vm.value(std::string("caf\xc3\xa9")).as<std::string>(), "caf\xc3\xa9");
    EXPECT_TRUE(c.vm.value(nullptr).is_null());
    EXPECT_TRUE(c.vm.null().is_null());
    EXPECT_TRUE(c.vm.value(static_cast<const char*>(nullptr)).is_null());
    EXPECT_TRUE(c.vm.value(std::optional<int>{}).is_null());
    EXPECT_EQ(c.vm.value(std::optional<int>{9}).as<int>(), 9);
}

TEST(CppValue, KindsAndTypeNames) {
    CppVm c;
    EXPECT_EQ(c.vm.value(1).kind(), HLFFI_TYPE_I32);
    EXPECT_EQ(c.vm.value(1.0).kind(), HLFFI_TYPE_F64);
    EXPECT_EQ(c.vm.value(1.0f).kind(), HLFFI_TYPE_F32);
    EXPECT_EQ(c.vm.value(false).kind(), HLFFI_TYPE_BOOL);
    EXPECT_EQ(c.vm.value("s").type_name(), "String");
    EXPECT_EQ(c.vm.null().type_name(), "null");
    EXPECT_EQ(c.vm.null().kind(), HLFFI_TYPE_VOID);
}

TEST(CppValue, NumbersConvertByHaxeRules) {
    CppVm c;
    EXPECT_EQ(c.vm.value(2.9).as<int>(), 2);    // truncation toward zero
    EXPECT_EQ(c.vm.value(-2.9).as<int>(), -2);
    EXPECT_EQ(c.vm.value(3).as<double>(), 3.0);
    EXPECT_EQ(c.vm.value(7).as<std::string>(), "7");  // text of any value
    EXPECT_EQ(c.vm.value(1.5).to_string(), "1.5");
    EXPECT_EQ(c.vm.null().to_string(), "null");
}

TEST(CppValue, BadConversionsThrow) {
    CppVm c;
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value("x").as<int>(); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value("x").as<bool>(); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.null().as<int>(); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.null().as<std::string>(); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(c.vm.null().as<std::optional<int>>(), std::nullopt);
    EXPECT_EQ(c.vm.value(300).as<std::optional<int>>(), 300);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value(300).as<uint8_t>(); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value(-1).as<unsigned>(); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value(int64_t{1} << 40); }), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value(uint32_t{0x80000000u}); }), HLFFI_ERROR_INVALID_ARGUMENT);
    hlffi::Value empty;
    EXPECT_FALSE(empty);
    EXPECT_TRUE(empty.is_null());
    EXPECT_EQ(error_code_of([&] { (void)empty.as<int>(); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(error_code_of([&] { (void)empty.to_string(); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(error_code_of([&] { (void)empty.get("x"); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(error_code_of([&] { empty.set("x", 1); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(error_code_of([&] { (void)empty.call("x"); }), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(error_code_of([&] { (void)empty.copy(); }), HLFFI_ERROR_NULL_VALUE);
}

TEST(CppValue, MoveCopyReleaseReset) {
    CppVm c;
    hlffi::Value a = c.vm.value(11);
    hlffi_value* raw = a.handle();
    hlffi::Value b = std::move(a);
    EXPECT_FALSE(a);
    EXPECT_EQ(b.handle(), raw);
    hlffi::Value d = b.copy();
    EXPECT_NE(d.handle(), raw);
    EXPECT_EQ(d.as<int>(), 11);
    b = std::move(d);  // frees the first handle
    EXPECT_EQ(b.as<int>(), 11);
    hlffi_value* mine = b.release();
    EXPECT_FALSE(b);
    EXPECT_EQ(hlffi_value_as_int(mine, 0), 11);
    hlffi_value_free(mine);
    hlffi::Value adopted(c.vm.handle(), hlffi_value_int(c.vm.handle(), 5));
    EXPECT_EQ(adopted.as<int>(), 5);
    adopted.reset();
    EXPECT_FALSE(adopted);
}

TEST(CppValue, HostValuesAreRealHaxeValues) {
    CppVm c;
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", 3), "Int");
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", 3.5), "Float");
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", true), "Bool");
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", "s"), "String");
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", nullptr), "null");
    EXPECT_EQ(c.vm.call<std::string>("Main", "describe", std::string("abc")), "abc");
}

// ---- Statics and calls by name

TEST(CppCall, ArgumentsAndResultsConvert) {
    CppVm c;
    EXPECT_EQ(c.vm.call<int>("Main", "add", 40, 2), 42);
    EXPECT_EQ(c.vm.call<int>("Main", "add", short{1}, uint16_t{2}), 3);
    EXPECT_EQ(c.vm.call<double>("Main", "addf", 1.5, 2), 3.5);  // Int widens to Float
    EXPECT_EQ(c.vm.call<double>("Main", "add", 1, 2), 3.0);
    EXPECT_EQ(c.vm.call<bool>("Main", "neg", false), true);
    EXPECT_EQ(c.vm.call<std::string>("Main", "greet", "world"), "hello world");
    EXPECT_EQ(c.vm.call<float>("Main", "half", 3.0f), 1.5f);
    EXPECT_EQ(c.vm.call<int>("Main", "maybe", 4), 4);
    EXPECT_EQ(c.vm.call<int>("Main", "maybe", nullptr), -1);
    EXPECT_EQ(c.vm.call<int>("Main", "maybe", std::optional<int>{}), -1);
    EXPECT_EQ(c.vm.call<std::optional<int>>("Main", "orNull", 5), 5);
    EXPECT_EQ(c.vm.call<std::optional<int>>("Main", "orNull", -5), std::nullopt);
    hlffi::Value v = c.vm.value(8);
    EXPECT_EQ(c.vm.call<int>("Main", "add", v, v), 16);  // Values pass as they are
    EXPECT_EQ(v.as<int>(), 8);                             // and stay usable
    EXPECT_EQ(c.vm.call("Main", "add", 1, 2).as<int>(), 3);  // default R: Value
}

TEST(CppCall, VoidFunctions) {
    CppVm c;
    int before = c.vm.get_static<int>("Main", "calls");
    c.vm.call<void>("Main", "nothing");
    hlffi::Value r = c.vm.call("Main", "nothing");
    EXPECT_FALSE(r);  // Void gives an empty Value
    EXPECT_EQ(c.vm.get_static<int>("Main", "calls"), before + 2);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.call<int>("Main", "nothing"); }), HLFFI_ERROR_TYPE_MISMATCH);
    c.vm.call<void>("Main", "add", 1, 2);  // a result may be ignored
}

TEST(CppCall, BadCallsThrowError) {
    CppVm c;
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("NoSuchClass", "add", 1, 2); }), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("Main", "noSuchMethod"); }), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("Main", "add", 1); }), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("Main", "add", 1, 2, 3); }), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("Main", "add", "one", 2); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("Main", "add", 1.5, 2); }), HLFFI_ERROR_TYPE_MISMATCH);  // Float to Int is refused
    EXPECT_EQ(error_code_of([&] { c.vm.call<int>("Main", "greet", "x"); }), HLFFI_ERROR_TYPE_MISMATCH);  // result
    std::string text = error_text_of([&] { c.vm.call<int>("Main", "add", 1); });
    EXPECT_NE(text.find("Main.add"), std::string::npos) << text;
    // Names from std::string and std::string_view work too.
    std::string cls = "Main";
    EXPECT_EQ(c.vm.call<int>(cls, std::string_view("add-not", 3), 1, 2), 3);
}

TEST(CppStatics, GetAndSetEveryKind) {
    CppVm c;
    EXPECT_EQ(c.vm.get_static<std::string>("Main", "name"), "cpp");
    EXPECT_EQ(c.vm.get_static<double>("Main", "ratio"), 0.25);
    EXPECT_EQ(c.vm.get_static<bool>("Main", "flag"), false);
    c.vm.set_static("Main", "name", "changed");
    c.vm.set_static("Main", "ratio", 3);  // Int into Float
    c.vm.set_static("Main", "flag", true);
    c.vm.set_static("Main", "calls", 99);
    EXPECT_EQ(c.vm.get_static<std::string>("Main", "name"), "changed");
    EXPECT_EQ(c.vm.get_static<double>("Main", "ratio"), 3.0);
    EXPECT_EQ(c.vm.get_static<bool>("Main", "flag"), true);
    EXPECT_EQ(c.vm.get_static<int>("Main", "calls"), 99);
    hlffi::Value counter = c.vm.new_instance("Counter", "static", 4);
    c.vm.set_static("Main", "counter", counter);
    EXPECT_EQ(c.vm.get_static("Main", "counter").get<std::string>("label"), "static");
    c.vm.set_static("Main", "counter", nullptr);
    EXPECT_TRUE(c.vm.get_static("Main", "counter").is_null());
    EXPECT_EQ(error_code_of([&] { c.vm.set_static("Main", "calls", "text"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.get_static("Main", "nope"); }), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.get_static("Nope", "calls"); }), HLFFI_ERROR_TYPE_NOT_FOUND);
}

// ---- Instances

TEST(CppInstance, NewFieldsAndMethods) {
    CppVm c;
    hlffi::Value p = c.vm.new_instance("Counter", "hero", 5);
    EXPECT_TRUE(p.is_instance_of("Counter"));
    EXPECT_FALSE(p.is_instance_of("Main"));
    EXPECT_EQ(p.type_name(), "Counter");
    EXPECT_EQ(p.kind(), HLFFI_TYPE_OBJ);
    EXPECT_EQ(p.get<int>("count"), 5);
    EXPECT_EQ(p.get<std::string>("label"), "hero");
    EXPECT_EQ(p.get<double>("scale"), 1.5);
    EXPECT_EQ(p.get<bool>("on"), false);
    p.set("count", 20);
    p.set("label", std::string("renamed"));
    p.set("scale", 0.5f);
    p.set("on", true);
    p.set("extra", "anything");
    EXPECT_EQ(p.get<int>("count"), 20);
    EXPECT_EQ(p.get<std::string>("label"), "renamed");
    EXPECT_EQ(p.get<double>("scale"), 0.5);
    EXPECT_EQ(p.get<bool>("on"), true);
    EXPECT_EQ(p.get<std::string>("extra"), "anything");
    EXPECT_EQ(p.call<int>("add", 3), 23);
    EXPECT_EQ(p.call<std::string>("describe"), "renamed=23");
    p.call<void>("reset");
    EXPECT_EQ(p.get<int>("count"), 0);
    EXPECT_TRUE(p.call("reset").handle() == nullptr);
    // Haxe reads what the host wrote.
    EXPECT_EQ(c.vm.call<int>("Main", "counterCount", p), 0);
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", p), "Counter");
}

TEST(CppInstance, ObjectsMadeByHaxe) {
    CppVm c;
    hlffi::Value p = c.vm.call("Main", "makeCounter", "made");
    EXPECT_EQ(p.get<int>("count"), 10);
    EXPECT_EQ(p.call<std::string>("describe"), "made=10");
    hlffi::Value field = p.get("label");
    EXPECT_EQ(field.as<std::string>(), "made");
}

TEST(CppInstance, BadInstanceUseThrows) {
    CppVm c;
    hlffi::Value p = c.vm.new_instance("Counter", "x", 1);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.new_instance("Counter", "x"); }), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.new_instance("Nope"); }), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { (void)p.get("nope"); }), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { p.set("count", "text"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { p.set("nope", 1); }), HLFFI_ERROR_FIELD_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { (void)p.call<int>("nope"); }), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { (void)p.call<int>("add"); }), HLFFI_ERROR_WRONG_ARITY);
    hlffi::Value n = c.vm.value(3);
    EXPECT_NE(error_code_of([&] { (void)n.get("count"); }), HLFFI_OK);
    EXPECT_FALSE(n.is_instance_of("Counter"));
}

// ---- Haxe exceptions

TEST(CppException, UncaughtHaxeExceptionBecomesHaxeException) {
    CppVm c;
    try {
        (void)c.vm.call<int>("Main", "thrower", "boom");
        FAIL() << "no exception";
    } catch (const hlffi::HaxeException& e) {
        EXPECT_EQ(e.message(), "boom");
        EXPECT_STREQ(e.what(), "boom");
        EXPECT_NE(e.haxe_stack().find("Main.thrower"), std::string::npos) << e.haxe_stack();
    }
    EXPECT_FALSE(c.vm.has_exception());  // moved into the C++ exception
    EXPECT_EQ(c.vm.call<int>("Main", "add", 1, 2), 3);  // the VM stays usable
}

TEST(CppException, StackNamesEveryFrame) {
    CppVm c;
    try {
        (void)c.vm.call<int>("Main", "deep", 3);
        FAIL() << "no exception";
    } catch (const hlffi::HaxeException& e) {
        EXPECT_EQ(e.message(), "deep failure");
        const std::string& s = e.haxe_stack();
        size_t frames = 0;
        for (size_t at = s.find("Main.deep"); at != std::string::npos; at = s.find("Main.deep", at + 1)) frames++;
        EXPECT_EQ(frames, 4u) << s;
        EXPECT_EQ(s.find("Called from $Main.deep(Main.hx:"), 0u) << s;
    }
}

TEST(CppException, FromMethodsAndNotCaughtAsError) {
    CppVm c;
    hlffi::Value p = c.vm.new_instance("Counter", "x", 1);
    bool caught_error = false, caught_haxe = false;
    try {
        p.call<void>("fail", "method failure");
    } catch (const hlffi::Error&) {
        caught_error = true;
    } catch (const hlffi::HaxeException& e) {
        caught_haxe = true;
        EXPECT_EQ(e.message(), "method failure");
        EXPECT_NE(e.haxe_stack().find("Counter.fail"), std::string::npos) << e.haxe_stack();
    }
    EXPECT_FALSE(caught_error);
    EXPECT_TRUE(caught_haxe);
}

TEST(CppException, ThrownInsideTypedFunction) {
    CppVm c;
    auto thrower = c.vm.function<int(std::string)>("Main", "thrower");
    try {
        (void)thrower("typed boom");
        FAIL() << "no exception";
    } catch (const hlffi::HaxeException& e) {
        EXPECT_EQ(e.message(), "typed boom");
    }
    EXPECT_EQ(thrower.handle() != nullptr, true);
}

// ---- Typed cached functions

TEST(CppFunction, CallsWithTypedSignature) {
    CppVm c;
    auto add = c.vm.function<int(int, int)>("Main", "add");
    EXPECT_TRUE(add);
    EXPECT_EQ(add(1, 2), 3);
    EXPECT_EQ(add(-10, 4), -6);
    auto addf = c.vm.function<double(double, double)>("Main", "addf");
    EXPECT_EQ(addf(0.5, 0.25), 0.75);
    auto addf_int = c.vm.function<double(int, int)>("Main", "addf");  // Int widens to Float
    EXPECT_EQ(addf_int(1, 2), 3.0);
    auto greet = c.vm.function<std::string(std::string)>("Main", "greet");
    EXPECT_EQ(greet("typed"), "hello typed");
    auto neg = c.vm.function<bool(bool)>("Main", "neg");
    EXPECT_EQ(neg(true), false);
    auto nothing = c.vm.function<void()>("Main", "nothing");
    int before = c.vm.get_static<int>("Main", "calls");
    nothing();
    EXPECT_EQ(c.vm.get_static<int>("Main", "calls"), before + 1);
    auto maybe = c.vm.function<int(std::optional<int>)>("Main", "maybe");
    EXPECT_EQ(maybe(std::nullopt), -1);
    EXPECT_EQ(maybe(6), 6);
    auto or_null = c.vm.function<std::optional<int>(int)>("Main", "orNull");
    EXPECT_EQ(or_null(-1), std::nullopt);
    EXPECT_EQ(or_null(2), 2);
    auto describe = c.vm.function<std::string(hlffi::Value)>("Main", "describe");
    EXPECT_EQ(describe(c.vm.value(12)), "12");
    auto any_result = c.vm.function<hlffi::Value(int, int)>("Main", "add");
    EXPECT_EQ(any_result(2, 2).as<int>(), 4);
    auto ignore = c.vm.function<void(int, int)>("Main", "add");  // result ignored
    ignore(1, 1);
    // Moved: the new owner calls, the old one is empty.
    auto moved = std::move(add);
    EXPECT_FALSE(add);
    EXPECT_EQ(moved(5, 5), 10);
}

TEST(CppFunction, SignatureIsCheckedOnce) {
    CppVm c;
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(int)>("Main", "add"); }), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(int, int, int)>("Main", "add"); }), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(std::string, int)>("Main", "add"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(double, int)>("Main", "add"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<std::string(int, int)>("Main", "add"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(double, double)>("Main", "addf"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int()>("Main", "nothing"); }), HLFFI_ERROR_TYPE_MISMATCH);
    std::string text = error_text_of([&] { (void)c.vm.function<int(std::string, int)>("Main", "add"); });
    EXPECT_NE(text.find("Main.add: argument 1"), std::string::npos) << text;
    text = error_text_of([&] { (void)c.vm.function<std::string(int, int)>("Main", "add"); });
    EXPECT_NE(text.find("Main.add: returns"), std::string::npos) << text;
    // Null<Int> reads as int (a null result then throws when called), Dynamic takes anything.
    auto or_null = c.vm.function<int(int)>("Main", "orNull");
    EXPECT_EQ(or_null(3), 3);
    EXPECT_EQ(error_code_of([&] { (void)or_null(-3); }), HLFFI_ERROR_NULL_VALUE);
    auto describe = c.vm.function<std::string(int)>("Main", "describe");
    EXPECT_EQ(describe(5), "5");
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(int, int)>("Main", "nope"); }), HLFFI_ERROR_METHOD_NOT_FOUND);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(int, int)>("Nope", "add"); }), HLFFI_ERROR_TYPE_NOT_FOUND);
}

TEST(CppMethod, CachedInstanceMethodsDispatch) {
    CppVm c;
    auto add = c.vm.method<int(int)>("Counter", "add");
    auto describe = c.vm.method<std::string()>("Counter", "describe");
    hlffi::Value p = c.vm.new_instance("Counter", "m", 1);
    EXPECT_EQ(add(p, 4), 5);
    EXPECT_EQ(add(p, 5), 10);
    EXPECT_EQ(describe(p), "m=10");
    hlffi::Value other = c.vm.value("not a counter");
    EXPECT_EQ(error_code_of([&] { (void)add(other, 1); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.method<int(std::string)>("Counter", "add"); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.method<int(int)>("Counter", "nope"); }), HLFFI_ERROR_METHOD_NOT_FOUND);
}

}  // namespace
