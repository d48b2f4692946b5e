// api layer tests: lambdas and function pointers as host callbacks through hlffi.hpp
// (Vm::callback / get_callback / unregister_callback), called from Haxe (tests/haxe/api/cpp).
#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "hlffi.hpp"

namespace {

struct CppVm {
    CppVm() { vm.init().load(std::string(HLFFI_HL_DIR) + "/api_cpp.hl").call_entry(); }
    hlffi::Vm vm;
};

int plain_add(int a, int b) { return a * 100 + b; }

TEST(CppCallbacks, TypedLambdaCalledFromHaxe) {
    CppVm c;
    int calls = 0;
    c.vm.callback("add", [&calls](int a, int b) {
        calls++;
        return a + b;
    });
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("add"));
    EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 2, 3), 5);
    EXPECT_EQ(c.vm.call<int>("Main", "loopTyped", 10), 55);  // sum of (i + 1) for i in 0..9
    EXPECT_EQ(calls, 11);
    // The same function stored in a Dynamic and called dynamically.
    c.vm.set_static("Main", "hook", c.vm.get_callback("add"));
    EXPECT_EQ(c.vm.call<int>("Main", "callHook", 7, 8), 15);
}

TEST(CppCallbacks, FunctionPointersAndStdFunction) {
    CppVm c;
    c.vm.callback("plain", &plain_add);
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("plain"));
    EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 4, 2), 402);
    std::function<int(int, int)> f = [](int a, int b) { return a - b; };
    c.vm.callback("minus", f);
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("minus"));
    EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 4, 2), 2);
}

TEST(CppCallbacks, StringsAndVoid) {
    CppVm c;
    std::vector<std::string> seen;
    c.vm.callback("log", [&seen](const std::string& s) { seen.push_back(s); });
    c.vm.set_static("Main", "logHook", c.vm.get_callback("log"));
    EXPECT_EQ(c.vm.call<int>("Main", "callLog", "hello"), 5);
    EXPECT_EQ(c.vm.call<int>("Main", "callLog", "caf\xc3\xa9"), 4);
    EXPECT_EQ(seen, (std::vector<std::string>{"hello", "caf\xc3\xa9"}));
}

TEST(CppCallbacks, CallbackValueIsAHaxeFunction) {
    CppVm c;
    c.vm.callback("add", [](int a, int b) { return a + b; });
    hlffi::Value f = c.vm.get_callback("add");
    EXPECT_EQ(f.kind(), HLFFI_TYPE_FUN);
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", f), "other");
}

TEST(CppCallbacks, CallbackCallsBackIntoTheVm) {
    CppVm c;
    c.vm.callback("add", [&c](int a, int b) { return c.vm.call<int>("Main", "add", a, b) * 2; });
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("add"));
    EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 1, 2), 6);
}

TEST(CppCallbacks, CppExceptionBecomesHaxeException) {
    CppVm c;
    c.vm.callback("add", [](int, int) -> int { throw std::runtime_error("host refused"); });
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("add"));
    // Caught inside Haxe as a String...
    EXPECT_EQ(c.vm.call<std::string>("Main", "catchHook"), "caught String: host refused");
    // ...and, uncaught, it reaches the host as a HaxeException with the Haxe stack.
    try {
        (void)c.vm.call<int>("Main", "callTyped", 1, 2);
        FAIL() << "no exception";
    } catch (const hlffi::HaxeException& e) {
        EXPECT_EQ(e.message(), "host refused");
        EXPECT_NE(e.haxe_stack().find("Main.callTyped"), std::string::npos) << e.haxe_stack();
    }
    EXPECT_EQ(c.vm.call<int>("Main", "add", 1, 1), 2);  // usable afterwards
}

TEST(CppCallbacks, HaxeExceptionFromNestedCallGoesBackToHaxe) {
    CppVm c;
    c.vm.callback("add", [&c](int, int) { return c.vm.call<int>("Main", "thrower", "nested"); });
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("add"));
    EXPECT_EQ(c.vm.call<std::string>("Main", "catchHook"), "caught String: nested");
}

TEST(CppCallbacks, HostCaughtNestedExceptionStaysHandled) {
    CppVm c;
    c.vm.callback("add", [&c](int a, int b) {
        try {
            return c.vm.call<int>("Main", "thrower", "handled");
        } catch (const hlffi::HaxeException&) {
            return a + b;
        }
    });
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("add"));
    EXPECT_EQ(c.vm.call<std::string>("Main", "catchHook"), "no exception: 3");
}

TEST(CppCallbacks, ReplaceAndUnregister) {
    CppVm c;
    c.vm.callback("add", [](int a, int b) { return a + b; });
    c.vm.set_static("Main", "typedHook", c.vm.get_callback("add"));
    EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 1, 2), 3);
    c.vm.callback("add", [](int a, int b) { return a * b; });  // same types: replaced in place
    EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 3, 4), 12);
    EXPECT_TRUE(c.vm.unregister_callback("add"));
    EXPECT_FALSE(c.vm.unregister_callback("add"));
    EXPECT_THROW((void)c.vm.call<int>("Main", "callTyped", 1, 2), hlffi::HaxeException);
    try {
        (void)c.vm.get_callback("add");
        FAIL() << "no exception";
    } catch (const hlffi::Error& e) {
        EXPECT_EQ(e.code(), HLFFI_ERROR_INVALID_ARGUMENT);
    }
}

TEST(CppCallbacks, ManyCallbacksEachKeepTheirSlot) {
    CppVm c;
    for (int i = 0; i < 20; i++) c.vm.callback("cb" + std::to_string(i), [i](int a, int b) { return a + b + i * 1000; });
    for (int i = 0; i < 20; i += 7) {
        c.vm.set_static("Main", "typedHook", c.vm.get_callback("cb" + std::to_string(i)));
        EXPECT_EQ(c.vm.call<int>("Main", "callTyped", 1, 2), 3 + i * 1000);
    }
}

TEST(CppCallbacks, DynamicArgumentsArriveAsValues) {
    CppVm c;
    std::string kinds;
    c.vm.callback("mul", [&kinds](hlffi::Value a, hlffi::Value b) {
        kinds = a.type_name() + "," + b.type_name();
        return a.as<int>() * b.as<int>();
    });
    c.vm.set_static("Main", "hook", c.vm.get_callback("mul"));
    EXPECT_EQ(c.vm.call<int>("Main", "callHook", 6, 7), 42);
    EXPECT_EQ(kinds, "i32,i32");
}

TEST(CppCallbacks, BeforeLoadRegistrationWorksAfterLoad) {
    hlffi::Vm vm;
    vm.init();
    vm.callback("add", [](int a, int b) { return a - b; });
    vm.load(std::string(HLFFI_HL_DIR) + "/api_cpp.hl").call_entry();
    vm.set_static("Main", "typedHook", vm.get_callback("add"));
    EXPECT_EQ(vm.call<int>("Main", "callTyped", 10, 3), 7);
}

}  // namespace
