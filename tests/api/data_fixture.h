// api layer tests: the VM of tests/haxe/api/data (api_data.hl) for arrays_test, maps_test and
// bytes_test, with calls into its Data class and captured output.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "hlffi.h"

namespace data_test {

inline std::string hl_file(const std::string& name) { return std::string(HLFFI_HL_DIR) + "/" + name + ".hl"; }

inline void collect(hlffi_vm*, const char* text, size_t length, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, length);
}

// A malloc'd string from the API as a std::string ("<NULL>" for NULL), freed.
inline std::string take(char* s) {
    if (s == nullptr) return "<NULL>";
    std::string out(s);
    std::free(s);
    return out;
}

// A VM with api_data.hl (or another program) loaded and its entry point run.
class DataVm {
public:
    explicit DataVm(const std::string& program = "api_data", bool run_entry = true) {
        vm = hlffi_create();
        EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
        EXPECT_EQ(hlffi_set_print_handler(vm, collect, &output), HLFFI_OK);
        hlffi_error_code e = hlffi_load_file(vm, hl_file(program).c_str());
        EXPECT_EQ(e, HLFFI_OK) << hlffi_get_error(vm);
        if (e == HLFFI_OK && run_entry) {
            EXPECT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
        }
    }
    ~DataVm() { hlffi_destroy(vm); }
    DataVm(const DataVm&) = delete;
    DataVm& operator=(const DataVm&) = delete;

    hlffi_type* type(const char* name) {
        hlffi_type* t = hlffi_find_type(vm, name);
        EXPECT_NE(t, nullptr) << name << ": " << hlffi_get_error(vm);
        return t;
    }
    // Data.<fn>(args...) as a new value (the caller frees it).
    hlffi_value* call(const char* fn, std::initializer_list<hlffi_value*> args = {}) {
        std::vector<hlffi_value*> argv(args);
        hlffi_value* r = hlffi_call_static(vm, "Data", fn, static_cast<int>(argv.size()), argv.data());
        EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK) << fn << ": " << hlffi_get_error(vm);
        return r;
    }
    // Data.<fn>(args...) as text (Std.string of the result).
    std::string text(const char* fn, std::initializer_list<hlffi_value*> args = {}) {
        hlffi_value* r = call(fn, args);
        std::string s = take(hlffi_value_as_string(r));
        hlffi_value_free(r);
        return s;
    }
    hlffi_error_code last() { return hlffi_get_last_error(vm); }
    std::string type_name(hlffi_value* v) {
        const char* n = hlffi_type_get_name(hlffi_value_get_type(v));
        return n == nullptr ? "<NULL>" : n;
    }

    hlffi_vm* vm = nullptr;
    std::string output;
};

}  // namespace data_test
