// api layer tests: a VM with one of the tests/haxe/api programs loaded and its entry point run,
// output captured.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "hlffi.h"

namespace hlffi_test {

inline std::string api_program(const std::string& name) { return std::string(HLFFI_HL_DIR) + "/api_" + name + ".hl"; }

// Any program the build made (build/hl/NAME.hl); one it did not make fails the test by name,
// before the load reports only a code.
inline std::string hl_path(const std::string& name) {
    std::string path = std::string(HLFFI_HL_DIR) + "/" + name + ".hl";
    if (!std::ifstream(path, std::ios::binary))
        ADD_FAILURE() << "missing test program " << path << " (built by the haxe_programs target)";
    return path;
}

// A missing input is a test failure that names the file (not an empty result that only shows up
// as a confusing mismatch further on).
inline std::vector<uint8_t> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ADD_FAILURE() << "cannot read " << path;
        return {};
    }
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
inline std::string read_text(const std::string& path) {
    auto b = read_file(path);
    return std::string(b.begin(), b.end());
}

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
