// api layer tests: the C lifecycle, error codes for misuse and bad input, uncaught exceptions,
// output routing, restart and several VMs at once.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "hlffi.h"

namespace {

using hlffi_test::hl_path;
using hlffi_test::read_file;
using hlffi_test::read_text;

std::string conformance_expected(const std::string& name) {
    return std::string(HLFFI_CONFORMANCE_DIR) + "/" + name + "/expected.stdout";
}
std::string bench_expected(const std::string& name) {
    return std::string(HLFFI_BENCH_DIR) + "/" + name + "/expected.stdout";
}

void collect(hlffi_vm*, const char* text, size_t length, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, length);
}

// Runs a program to completion with its output captured.
hlffi_error_code run_captured(const std::string& name, std::string& out, hlffi_vm** keep = nullptr) {
    hlffi_vm* vm = hlffi_create();
    EXPECT_NE(vm, nullptr);
    EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_set_print_handler(vm, collect, &out), HLFFI_OK);
    hlffi_error_code e = hlffi_load_file(vm, hl_path(name).c_str());
    if (e == HLFFI_OK) e = hlffi_call_entry(vm);
    if (keep != nullptr) *keep = vm;
    else hlffi_destroy(vm);
    return e;
}

TEST(Lifecycle, NullHandlesGiveErrorsNotCrashes) {
    EXPECT_EQ(hlffi_init(nullptr, 0, nullptr), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_load_file(nullptr, "x.hl"), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_load_memory(nullptr, "x", 1), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_call_entry(nullptr), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_close(nullptr), HLFFI_ERROR_NULL_VM);
    EXPECT_STRNE(hlffi_get_error(nullptr), "");
    EXPECT_FALSE(hlffi_has_exception(nullptr));
    hlffi_destroy(nullptr);
}

TEST(Lifecycle, WrongOrderIsRefused) {
    hlffi_vm* vm = hlffi_create();
    EXPECT_EQ(hlffi_load_file(vm, hl_path("bench_startup").c_str()), HLFFI_ERROR_NOT_INITIALIZED);
    EXPECT_EQ(hlffi_call_entry(vm), HLFFI_ERROR_NOT_LOADED);
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_ERROR_ALREADY_INITIALIZED);
    EXPECT_EQ(hlffi_init(vm, 2, nullptr), HLFFI_ERROR_ALREADY_INITIALIZED);
    ASSERT_EQ(hlffi_load_file(vm, hl_path("bench_startup").c_str()), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(vm, hl_path("bench_startup").c_str()), HLFFI_ERROR_ALREADY_LOADED);
    hlffi_destroy(vm);
}

TEST(Lifecycle, MissingAndMalformedFilesAreReportedByKind) {
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_load_file(vm, "/nonexistent/x.hl"), HLFFI_ERROR_FILE_NOT_FOUND);
    EXPECT_NE(std::string(hlffi_get_error(vm)).find("/nonexistent/x.hl"), std::string::npos);
    auto bytes = read_file(hl_path("bench_startup"));
    ASSERT_GT(bytes.size(), 100u);
    EXPECT_EQ(hlffi_load_memory(vm, bytes.data(), bytes.size() / 2), HLFFI_ERROR_INVALID_BYTECODE);
    EXPECT_NE(std::string(hlffi_get_error(vm)).find("invalid bytecode"), std::string::npos);
    bytes[0] = 'X';
    EXPECT_EQ(hlffi_load_memory(vm, bytes.data(), bytes.size()), HLFFI_ERROR_INVALID_BYTECODE);
    EXPECT_NE(std::string(hlffi_get_error(vm)).find("HLB"), std::string::npos);
    hlffi_destroy(vm);
}

TEST(Lifecycle, ErrorStringsNameEveryCode) {
    EXPECT_STREQ(hlffi_get_error_string(HLFFI_OK), "no error");
    EXPECT_STRNE(hlffi_get_error_string(HLFFI_ERROR_INVALID_BYTECODE), hlffi_get_error_string(HLFFI_ERROR_NULL_VM));
    EXPECT_STREQ(hlffi_get_error_string(static_cast<hlffi_error_code>(999)), "unknown error code");
    EXPECT_TRUE(hlffi_is_restartable());
}

TEST(Lifecycle, OutputGoesToThePrintHandler) {
    std::string out;
    ASSERT_EQ(run_captured("bench_startup", out), HLFFI_OK);
    EXPECT_EQ(out, read_text(bench_expected("startup")));
}

TEST(Lifecycle, UncaughtExceptionReachesTheHostWithMessageAndStack) {
    std::string out;
    hlffi_vm* vm = nullptr;
    ASSERT_EQ(run_captured("54_uncaught_exception", out, &vm), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_TRUE(hlffi_has_exception(vm));
    EXPECT_STREQ(hlffi_get_exception_message(vm), "cannot load 'broken'");
    EXPECT_STREQ(hlffi_get_exception_stack(vm),
                 "Called from $Main.load(Main.hx:10)\nCalled from $Main.main(Main.hx:19)\nCalled from .init(?:1)\n");
    EXPECT_EQ(out, read_text(conformance_expected("54_uncaught_exception")));
    EXPECT_EQ(hlffi_call_entry(vm), HLFFI_ERROR_ENTRY_ALREADY_CALLED);
    hlffi_clear_exception(vm);
    EXPECT_FALSE(hlffi_has_exception(vm));
    EXPECT_STREQ(hlffi_get_exception_message(vm), "");
    hlffi_destroy(vm);
}

TEST(Lifecycle, ExitCodeFromSysExit) {
    std::string out;
    hlffi_vm* vm = nullptr;
    ASSERT_EQ(run_captured("26_sys_exit", out, &vm), HLFFI_OK);
    EXPECT_EQ(hlffi_get_exit_code(vm), 3);
    hlffi_destroy(vm);
}

// Every run starts from fresh statics: the same output each time, in the same VM after close
// and in new VMs.
TEST(Lifecycle, RestartGivesFreshStateEveryTime) {
    const std::string expected = read_text(conformance_expected("16_class_props"));
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    for (int i = 0; i < 20; i++) {
        std::string out;
        ASSERT_EQ(hlffi_set_print_handler(vm, collect, &out), HLFFI_OK);
        ASSERT_EQ(hlffi_load_file(vm, hl_path("16_class_props").c_str()), HLFFI_OK) << hlffi_get_error(vm);
        ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK);
        ASSERT_EQ(out, expected) << "run " << i;
        ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
    }
    hlffi_destroy(vm);
    for (int i = 0; i < 20; i++) {
        std::string out;
        ASSERT_EQ(run_captured("16_class_props", out), HLFFI_OK);
        ASSERT_EQ(out, expected) << "VM " << i;
    }
}

// hl.Gc and hl.Profile settings belong to one session: a program loaded after hlffi_close finds
// the defaults (flags 0, collection on, HashLink's tracking masks) whatever the last one set.
std::string call_string(hlffi_vm* vm, const char* fn) {
    hlffi_value* v = hlffi_call_static(vm, "Main", fn, 0, nullptr);
    char* s = v != nullptr ? hlffi_value_as_string(v) : nullptr;
    std::string out = s != nullptr ? s : std::string("<error: ") + hlffi_get_error(vm) + ">";
    std::free(s);
    hlffi_value_free(v);
    return out;
}
int call_int(hlffi_vm* vm, const char* fn) {
    hlffi_value* v = hlffi_call_static(vm, "Main", fn, 0, nullptr);
    int n = hlffi_value_as_int(v, -1);
    hlffi_value_free(v);
    return n;
}

TEST(Lifecycle, RestartResetsGcSettings) {
    const std::string fresh = "flags=0 thread=15 global=0";
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    for (int session = 0; session < 2; session++) {
        ASSERT_EQ(hlffi_load_file(vm, hl_path("api_gc_control").c_str()), HLFFI_OK) << hlffi_get_error(vm);
        ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK);
        EXPECT_EQ(call_string(vm, "state"), fresh) << "session " << session;
        int on = call_int(vm, "garbageGrowthMb");
        EXPECT_GE(on, 0) << "session " << session;
        EXPECT_LT(on, 40) << "session " << session << ": the heap kept the garbage with collection on";
        hlffi_value_free(hlffi_call_static(vm, "Main", "change", 0, nullptr));
        EXPECT_EQ(call_string(vm, "state"), "flags=3 thread=1 global=6");
        // The test's own check that the switch is observable: off, the garbage stays.
        EXPECT_GE(call_int(vm, "garbageGrowthMb"), 48) << "session " << session;
        ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
    }
    hlffi_destroy(vm);
}

// Several VMs at once on different threads, each with its own heap, statics and output.
TEST(Lifecycle, SeveralVmsRunConcurrently) {
    const char* programs[] = {"13_map_string", "20_enum_recursive", "39_json", "49_prog_json_parser"};
    std::vector<std::string> outputs(8);
    std::vector<hlffi_error_code> codes(8, HLFFI_ERROR_INTERNAL);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; i++)
        threads.emplace_back([&, i] { codes[static_cast<size_t>(i)] = run_captured(programs[i % 4], outputs[static_cast<size_t>(i)]); });
    for (auto& t : threads) t.join();
    for (int i = 0; i < 8; i++) {
        EXPECT_EQ(codes[static_cast<size_t>(i)], HLFFI_OK);
        EXPECT_EQ(outputs[static_cast<size_t>(i)],
                  read_text(conformance_expected(programs[i % 4])));
    }
}

}  // namespace
