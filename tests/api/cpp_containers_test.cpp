// api layer tests: hlffi.hpp's conversions of std::vector and std::map / std::unordered_map to
// Haxe Arrays and Maps and back, checked from inside Haxe (tests/haxe/api/cpp).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "hlffi.hpp"

namespace {

struct CppVm {
    CppVm() { vm.init().load(std::string(HLFFI_HL_DIR) + "/api_cpp.hl").call_entry(); }
    hlffi::Vm vm;
};

template <class F> hlffi_error_code error_code_of(F&& f) {
    try {
        f();
    } catch (const hlffi::Error& e) {
        return e.code();
    }
    ADD_FAILURE() << "no hlffi::Error";
    return HLFFI_OK;
}

TEST(CppArrays, VectorsBecomeHaxeArrays) {
    CppVm c;
    EXPECT_EQ(c.vm.call<int>("Main", "sum", std::vector<int>{1, 2, 3, 4}), 10);
    EXPECT_EQ(c.vm.call<int>("Main", "sum", std::vector<int>{}), 0);
    EXPECT_EQ(c.vm.call<double>("Main", "sumf", std::vector<double>{0.5, 0.25}), 0.75);
    EXPECT_EQ(c.vm.call<std::string>("Main", "join", std::vector<std::string>{"a", "b", "c"}), "3:a,b,c");
    EXPECT_EQ(c.vm.call<int>("Main", "countTrue", std::vector<bool>{true, false, true}), 2);
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", std::vector<int>{1}), "Array");
    EXPECT_EQ(c.vm.call<std::string>("Main", "describe", std::vector<int>{1, 2}), "[1,2]");
    EXPECT_EQ(c.vm.call<std::string>("Main", "describe", std::vector<std::string>{"x", "y"}), "[x,y]");
}

TEST(CppArrays, HaxeArraysBecomeVectors) {
    CppVm c;
    EXPECT_EQ(c.vm.call<std::vector<int>>("Main", "range", 5), (std::vector<int>{0, 1, 4, 9, 16}));
    EXPECT_EQ(c.vm.call<std::vector<int>>("Main", "range", 0), std::vector<int>{});
    EXPECT_EQ(c.vm.call<std::vector<std::string>>("Main", "words"), (std::vector<std::string>{"alpha", "beta", "gamma"}));
    // A host-made array read back.
    hlffi::Value a = c.vm.value(std::vector<double>{1.5, 2.5});
    EXPECT_EQ(a.as<std::vector<double>>(), (std::vector<double>{1.5, 2.5}));
    EXPECT_EQ(a.as<std::vector<int>>(), (std::vector<int>{1, 2}));  // Haxe's number rules per element
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value(3).as<std::vector<int>>(); }), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.call<std::vector<int>>("Main", "words"); }), HLFFI_ERROR_TYPE_MISMATCH);
}

TEST(CppArrays, NestedVectors) {
    CppVm c;
    std::vector<std::vector<int>> rows{{1, 2}, {3}, {}};
    EXPECT_EQ(c.vm.call<int>("Main", "nestedSum", rows), 6);
}

TEST(CppArrays, TypedFunctionWithVectors) {
    CppVm c;
    auto sum = c.vm.function<int(std::vector<int>)>("Main", "sum");
    EXPECT_EQ(sum({5, 6}), 11);
    auto range = c.vm.function<std::vector<int>(int)>("Main", "range");
    EXPECT_EQ(range(3), (std::vector<int>{0, 1, 4}));
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(std::vector<int>)>("Main", "add"); }), HLFFI_ERROR_WRONG_ARITY);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.function<int(std::vector<int>, int)>("Main", "add"); }), HLFFI_ERROR_TYPE_MISMATCH);
}

TEST(CppMaps, MapsBecomeHaxeMaps) {
    CppVm c;
    std::map<std::string, int> m{{"b", 2}, {"a", 1}, {"c", 3}};
    EXPECT_EQ(c.vm.call<std::string>("Main", "mapTotal", m), "a,b,c=6");
    std::unordered_map<std::string, int> u{{"x", 10}, {"y", 20}};
    EXPECT_EQ(c.vm.call<std::string>("Main", "mapTotal", u), "x,y=30");
    std::map<int, std::string> im{{2, "two"}, {1, "one"}};
    EXPECT_EQ(c.vm.call<std::string>("Main", "mapNames", im), "1:one,2:two");
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", m), "StringMap");
    EXPECT_EQ(c.vm.call<std::string>("Main", "typeOf", im), "IntMap");
    EXPECT_EQ(c.vm.call<std::string>("Main", "mapTotal", std::map<std::string, int>{}), "=0");
}

TEST(CppMaps, HaxeMapsBecomeMaps) {
    CppVm c;
    auto m = c.vm.call<std::map<std::string, int>>("Main", "makeMap");
    EXPECT_EQ(m, (std::map<std::string, int>{{"one", 1}, {"two", 2}, {"three", 3}}));
    auto u = c.vm.call<std::unordered_map<int, std::string>>("Main", "makeIntMap");
    EXPECT_EQ(u, (std::unordered_map<int, std::string>{{1, "one"}, {2, "two"}}));
    std::map<int, double> in{{7, 0.5}};
    hlffi::Value host = c.vm.value(in);
    EXPECT_EQ((host.as<std::map<int, double>>()), in);
    EXPECT_EQ(error_code_of([&] { (void)c.vm.value(1).as<std::map<int, int>>(); }), HLFFI_ERROR_TYPE_MISMATCH);
}

}  // namespace
