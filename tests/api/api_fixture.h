// api layer tests: a VM with one of the tests/haxe/api programs loaded and its entry point run,
// output captured.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "hlffi.h"

namespace hlffi_test {

inline std::string api_program(const std::string& name) { return std::string(HLFFI_HL_DIR) + "/api_" + name + ".hl"; }

inline void capture_output(hlffi_vm*, const char* text, size_t length, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, length);
}

// Owns a loaded VM for one test.
class LoadedVm {
public:
    explicit LoadedVm(const std::string& program, bool run_entry = true) {
        vm = hlffi_create();
        EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
        EXPECT_EQ(hlffi_set_print_handler(vm, capture_output, &output), HLFFI_OK);
        hlffi_error_code e = hlffi_load_file(vm, api_program(program).c_str());
        EXPECT_EQ(e, HLFFI_OK) << hlffi_get_error(vm);
        if (e == HLFFI_OK && run_entry) {
            EXPECT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
        }
    }
    ~LoadedVm() { hlffi_destroy(vm); }
    LoadedVm(const LoadedVm&) = delete;
    LoadedVm& operator=(const LoadedVm&) = delete;

    hlffi_vm* vm = nullptr;
    std::string output;
};

// A malloc'd string from the API, freed after reading.
inline std::string take_string(char* s) {
    if (s == nullptr) return "<NULL>";
    std::string out(s);
    std::free(s);
    return out;
}

}  // namespace hlffi_test
