// api layer tests: the fixture of types_test, enums_test, abstracts_test and host_control_test: a
// VM running tests/haxe/api/reflect (api_reflect.hl), its output captured, plus small helpers.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "hlffi.h"

namespace reflect_test {

inline std::string hl_path(const std::string& name) { return std::string(HLFFI_HL_DIR) + "/" + name + ".hl"; }
inline std::string reflect_hl() { return hl_path("api_reflect"); }

inline void collect(hlffi_vm*, const char* text, size_t length, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, length);
}

// A malloc'd string from the API as std::string ("<NULL>" for NULL), freed.
inline std::string take(char* s) {
    if (s == nullptr) return "<NULL>";
    std::string out(s);
    std::free(s);
    return out;
}

// A new VM with the reflect program loaded; main() has run when `entry` is true.
inline hlffi_vm* load_reflect(std::string* out, bool entry = true) {
    hlffi_vm* vm = hlffi_create();
    EXPECT_NE(vm, nullptr);
    EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    if (out != nullptr) {
        EXPECT_EQ(hlffi_set_print_handler(vm, collect, out), HLFFI_OK);
    }
    EXPECT_EQ(hlffi_load_file(vm, reflect_hl().c_str()), HLFFI_OK) << hlffi_get_error(vm);
    if (entry) {
        EXPECT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
    }
    return vm;
}

class ReflectTest : public ::testing::Test {
protected:
    void SetUp() override { vm = load_reflect(&out); }
    void TearDown() override { hlffi_destroy(vm); }

    // Calls Class.method and returns the result as text (Std.string), "<NULL>" on error.
    std::string call_text(const char* cls, const char* method, int argc, hlffi_value** argv) {
        hlffi_value* r = hlffi_call_static(vm, cls, method, argc, argv);
        EXPECT_NE(r, nullptr) << cls << "." << method << ": " << hlffi_get_error(vm);
        std::string s = take(hlffi_value_as_string(r));
        hlffi_value_free(r);
        return s;
    }
    std::string check_text(const char* method, hlffi_value* arg) { return call_text("Check", method, 1, &arg); }
    bool check_bool(const char* method, hlffi_value* arg) {
        hlffi_value* r = hlffi_call_static(vm, "Check", method, 1, &arg);
        EXPECT_NE(r, nullptr) << "Check." << method << ": " << hlffi_get_error(vm);
        bool b = hlffi_value_as_bool(r, false);
        hlffi_value_free(r);
        return b;
    }
    int check_int(const char* method, hlffi_value* arg) {
        hlffi_value* r = hlffi_call_static(vm, "Check", method, 1, &arg);
        EXPECT_NE(r, nullptr) << "Check." << method << ": " << hlffi_get_error(vm);
        int i = hlffi_value_as_int(r, -999);
        hlffi_value_free(r);
        return i;
    }

    hlffi_vm* vm = nullptr;
    std::string out;
};

}  // namespace reflect_test
