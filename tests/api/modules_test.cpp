// api layer tests: compiled modules (hlffi_module_load_file/_memory, hlffi_load_module,
// hlffi_module_free): one program compiled once and loaded by many VMs, each with its own state.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "hlffi.h"
#include "hlffi.hpp"

namespace {

using hlffi_test::hl_path;
using hlffi_test::read_text;

void collect(hlffi_vm*, const char* text, size_t length, void* userdata) {
    static_cast<std::string*>(userdata)->append(text, length);
}

hlffi_module* compile(const std::string& name) {
    hlffi_module_error err{};
    hlffi_module* m = hlffi_module_load_file(hl_path(name).c_str(), &err);
    EXPECT_NE(m, nullptr) << err.message;
    EXPECT_EQ(err.code, HLFFI_OK);
    return m;
}

hlffi_vm* ready_vm() {
    hlffi_vm* vm = hlffi_create();
    EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    return vm;
}

int call_int(hlffi_vm* vm, const char* cls, const char* fn) {
    hlffi_value* v = hlffi_call_static(vm, cls, fn, 0, nullptr);
    EXPECT_NE(v, nullptr) << hlffi_get_error(vm);
    int n = hlffi_value_as_int(v, -1);
    hlffi_value_free(v);
    return n;
}

TEST(Modules, AProgramRunsFromItsModuleAsFromItsFile) {
    const std::string expected = read_text(std::string(HLFFI_CONFORMANCE_DIR) + "/39_json/expected.stdout");
    hlffi_module* m = compile("39_json");
    ASSERT_NE(m, nullptr);
    for (int i = 0; i < 3; i++) {
        hlffi_vm* vm = ready_vm();
        std::string out;
        ASSERT_EQ(hlffi_set_print_handler(vm, collect, &out), HLFFI_OK);
        ASSERT_EQ(hlffi_load_module(vm, m), HLFFI_OK) << hlffi_get_error(vm);
        ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
        EXPECT_EQ(out, expected) << "VM " << i;
        hlffi_destroy(vm);
    }
    hlffi_module_free(m);
}

TEST(Modules, EveryLoadGetsFreshStatics) {
    hlffi_module* m = compile("api_restart");
    ASSERT_NE(m, nullptr);
    hlffi_vm* a = ready_vm();
    hlffi_vm* b = ready_vm();
    ASSERT_EQ(hlffi_load_module(a, m), HLFFI_OK);
    ASSERT_EQ(hlffi_load_module(b, m), HLFFI_OK);
    ASSERT_EQ(hlffi_call_entry(a), HLFFI_OK);
    ASSERT_EQ(hlffi_call_entry(b), HLFFI_OK);
    EXPECT_EQ(call_int(a, "Game", "update"), 1);
    EXPECT_EQ(call_int(a, "Game", "update"), 2);
    EXPECT_EQ(call_int(b, "Game", "update"), 1);  // b's statics are its own
    for (int session = 0; session < 3; session++) {  // restart a from the same module
        ASSERT_EQ(hlffi_close(a), HLFFI_OK);
        ASSERT_EQ(hlffi_load_module(a, m), HLFFI_OK);
        ASSERT_EQ(hlffi_call_entry(a), HLFFI_OK);
        EXPECT_EQ(call_int(a, "Game", "update"), 1) << "session " << session;
    }
    EXPECT_EQ(call_int(b, "Game", "update"), 2);
    hlffi_destroy(a);
    hlffi_destroy(b);
    hlffi_module_free(m);
}

TEST(Modules, AVmKeepsItsModuleAfterTheHostFreesIt) {
    hlffi_module* m = compile("api_restart");
    ASSERT_NE(m, nullptr);
    hlffi_vm* vm = ready_vm();
    ASSERT_EQ(hlffi_load_module(vm, m), HLFFI_OK);
    hlffi_module_free(m);
    ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_call_static(vm, "Game", "allocate", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_WRONG_ARITY);
    hlffi_value* n = hlffi_value_int(vm, 1000);
    hlffi_value* r = hlffi_call_static(vm, "Game", "allocate", 1, &n);
    EXPECT_EQ(hlffi_value_as_int(r, -1), 3000);
    hlffi_value_free(r);
    hlffi_value_free(n);
    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    EXPECT_EQ(call_int(vm, "Game", "update"), 1);
    hlffi_destroy(vm);
}

hlffi_value* add_one(hlffi_vm* vm, int, hlffi_value** argv) {
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + hlffi_value_as_int(argv[1], 0) + 1);
}
hlffi_value* add_two(hlffi_vm* vm, int, hlffi_value** argv) {
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + hlffi_value_as_int(argv[1], 0) + 2);
}

// The module binds std and fmt once; natives of other libraries belong to each VM.
TEST(Modules, HostNativesAreBoundByEachVm) {
    hlffi_module* m = compile("api_natives_missing");
    ASSERT_NE(m, nullptr);
    hlffi_vm* bare = ready_vm();
    EXPECT_EQ(hlffi_load_module(bare, m), HLFFI_ERROR_NATIVE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(bare), "missing natives: mylib@first, otherlib@second");
    EXPECT_FALSE(hlffi_call_static(bare, "Main", "ok", 0, nullptr));
    EXPECT_EQ(hlffi_get_last_error(bare), HLFFI_ERROR_NOT_LOADED);
    ASSERT_EQ(hlffi_set_lazy_natives(bare, true), HLFFI_OK);
    ASSERT_EQ(hlffi_load_module(bare, m), HLFFI_OK) << hlffi_get_error(bare);
    ASSERT_EQ(hlffi_call_entry(bare), HLFFI_OK);
    EXPECT_EQ(call_int(bare, "Main", "ok"), 7);
    EXPECT_EQ(hlffi_call_static(bare, "Main", "callFirst", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(bare), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_STREQ(hlffi_get_exception_message(bare), "Native mylib@first not implemented");
    hlffi_destroy(bare);
    hlffi_module_free(m);

    m = compile("api_natives");
    ASSERT_NE(m, nullptr);
    hlffi_vm* one = ready_vm();
    hlffi_vm* two = ready_vm();
    ASSERT_EQ(hlffi_register_native(one, "mylib", "add", add_one, "ii>i"), HLFFI_OK);
    ASSERT_EQ(hlffi_register_native(two, "mylib", "add", add_two, "ii>i"), HLFFI_OK);
    EXPECT_EQ(hlffi_load_module(one, m), HLFFI_ERROR_NATIVE_NOT_FOUND);  // the other natives are missing
    EXPECT_NE(std::strstr(hlffi_get_error(one), "mylib@scale"), nullptr) << hlffi_get_error(one);
    EXPECT_EQ(std::strstr(hlffi_get_error(one), "mylib@add"), nullptr) << hlffi_get_error(one);
    ASSERT_EQ(hlffi_set_lazy_natives(one, true), HLFFI_OK);
    ASSERT_EQ(hlffi_set_lazy_natives(two, true), HLFFI_OK);
    ASSERT_EQ(hlffi_load_module(one, m), HLFFI_OK) << hlffi_get_error(one);
    ASSERT_EQ(hlffi_load_module(two, m), HLFFI_OK) << hlffi_get_error(two);
    for (hlffi_vm* vm : {one, two}) ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK);
    hlffi_value* args1[] = {hlffi_value_int(one, 40), hlffi_value_int(one, 1)};
    hlffi_value* args2[] = {hlffi_value_int(two, 40), hlffi_value_int(two, 1)};
    hlffi_value* r1 = hlffi_call_static(one, "Main", "runAdd", 2, args1);
    hlffi_value* r2 = hlffi_call_static(two, "Main", "runAdd", 2, args2);
    EXPECT_EQ(hlffi_value_as_int(r1, -1), 42);
    EXPECT_EQ(hlffi_value_as_int(r2, -1), 43);
    for (hlffi_value* v : {r1, r2, args1[0], args1[1], args2[0], args2[1]}) hlffi_value_free(v);
    hlffi_destroy(one);
    hlffi_destroy(two);

    // A declaration the host's signature does not fit is refused by that VM only.
    hlffi_vm* unfit = ready_vm();
    ASSERT_EQ(hlffi_set_lazy_natives(unfit, true), HLFFI_OK);
    ASSERT_EQ(hlffi_register_native(unfit, "mylib", "add", add_one, "dd>d"), HLFFI_OK);
    EXPECT_EQ(hlffi_load_module(unfit, m), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_NE(std::strstr(hlffi_get_error(unfit), "mylib@add"), nullptr) << hlffi_get_error(unfit);
    hlffi_destroy(unfit);

    // A built-in native cannot be replaced: said, not silently ignored.
    hlffi_vm* replacing = ready_vm();
    ASSERT_EQ(hlffi_set_lazy_natives(replacing, true), HLFFI_OK);
    ASSERT_EQ(hlffi_register_native(replacing, "std", "itos", add_one, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_load_module(replacing, m), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(replacing), "host native std@itos cannot replace the built-in native of that name");
    hlffi_destroy(replacing);
    hlffi_module_free(m);
}

TEST(Modules, BadInputGivesErrorsNotCrashes) {
    hlffi_module_error err{};
    EXPECT_EQ(hlffi_module_load_file(nullptr, &err), nullptr);
    EXPECT_EQ(err.code, HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(err.message, "path is NULL");
    EXPECT_EQ(hlffi_module_load_file("/nonexistent/x.hl", &err), nullptr);
    EXPECT_EQ(err.code, HLFFI_ERROR_FILE_NOT_FOUND);
    EXPECT_STREQ(err.message, "cannot open /nonexistent/x.hl");
    EXPECT_EQ(hlffi_module_load_file("/nonexistent/x.hl", nullptr), nullptr);  // err is optional
    EXPECT_EQ(hlffi_module_load_memory(nullptr, 4, &err), nullptr);
    EXPECT_EQ(err.code, HLFFI_ERROR_INVALID_ARGUMENT);
    const char junk[] = "HLB\x05 not bytecode";
    EXPECT_EQ(hlffi_module_load_memory(junk, sizeof junk, &err), nullptr);
    EXPECT_EQ(err.code, HLFFI_ERROR_INVALID_BYTECODE);
    EXPECT_EQ(std::strncmp(err.message, "invalid bytecode: ", 18), 0) << err.message;
    hlffi_module_free(nullptr);

    hlffi_module* m = compile("api_restart");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(hlffi_load_module(nullptr, m), HLFFI_ERROR_NULL_VM);
    hlffi_vm* vm = hlffi_create();
    EXPECT_EQ(hlffi_load_module(vm, m), HLFFI_ERROR_NOT_INITIALIZED);
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_load_module(vm, nullptr), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "module is NULL");
    ASSERT_EQ(hlffi_load_module(vm, m), HLFFI_OK);
    EXPECT_EQ(hlffi_load_module(vm, m), HLFFI_ERROR_ALREADY_LOADED);
    EXPECT_EQ(hlffi_load_file(vm, hl_path("api_restart").c_str()), HLFFI_ERROR_ALREADY_LOADED);
    hlffi_destroy(vm);
    hlffi_module_free(m);
}

// Reading the module from memory: the bytes are copied, Sys.programPath is empty.
TEST(Modules, FromMemoryTheBytesAreCopied) {
    std::ifstream in(hl_path("api_restart"), std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    hlffi_module_error err{};
    hlffi_module* m = hlffi_module_load_memory(bytes.data(), bytes.size(), &err);
    ASSERT_NE(m, nullptr) << err.message;
    std::fill(bytes.begin(), bytes.end(), 0);
    hlffi_vm* vm = ready_vm();
    ASSERT_EQ(hlffi_load_module(vm, m), HLFFI_OK);
    ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK);
    EXPECT_EQ(call_int(vm, "Game", "update"), 1);
    hlffi_destroy(vm);
    hlffi_module_free(m);
}

TEST(Modules, CppWrapper) {
    hlffi::Module m = hlffi::Module::load_file(hl_path("api_restart"));
    for (int i = 0; i < 2; i++) {
        hlffi::Vm vm;
        vm.init().load(m).call_entry();
        EXPECT_EQ(vm.call<int>("Game", "update"), 1);
        EXPECT_EQ(vm.call<int>("Game", "update"), 2);
    }
    try {
        (void)hlffi::Module::load_file("/nonexistent/y.hl");
        ADD_FAILURE() << "no exception";
    } catch (const hlffi::Error& e) {
        EXPECT_EQ(e.code(), HLFFI_ERROR_FILE_NOT_FOUND);
        EXPECT_STREQ(e.what(), "cannot open /nonexistent/y.hl");
    }
}

std::string expected_output(const std::string& program) {
    return read_text(std::string(HLFFI_CONFORMANCE_DIR) + "/" + program + "/expected.stdout");
}

// Runs the entry of a VM loaded from `m` (or, when m is NULL, from the program's file).
hlffi_error_code run_one(hlffi_module* m, const std::string& program, std::string& out) {
    hlffi_vm* vm = hlffi_create();
    hlffi_error_code e = hlffi_init(vm, 0, nullptr);
    if (e == HLFFI_OK) e = hlffi_set_print_handler(vm, collect, &out);
    if (e == HLFFI_OK) e = m != nullptr ? hlffi_load_module(vm, m) : hlffi_load_file(vm, hl_path(program).c_str());
    if (e == HLFFI_OK) e = hlffi_call_entry(vm);
    hlffi_destroy(vm);
    return e;
}

// Eight conformance programs at once, one VM and host thread each: every output is the one the
// program gives alone (run under TSan in CI).
const char* const kEightPrograms[] = {"13_map_string", "20_enum_recursive", "26_reflect",         "39_json",
                                      "40_serializer", "44_ereg",           "49_prog_json_parser", "51_prog_life"};

TEST(Modules, EightProgramsOnEightThreads) {
    std::vector<std::string> outputs(8);
    std::vector<hlffi_error_code> codes(8, HLFFI_ERROR_INTERNAL);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < 8; i++) threads.emplace_back([&, i] { codes[i] = run_one(nullptr, kEightPrograms[i], outputs[i]); });
    for (auto& t : threads) t.join();
    for (size_t i = 0; i < 8; i++) {
        EXPECT_EQ(codes[i], HLFFI_OK) << kEightPrograms[i];
        EXPECT_EQ(outputs[i], expected_output(kEightPrograms[i])) << kEightPrograms[i];
    }
}

// Eight VMs of one shared module at once, then eight modules each shared by two VMs: the shared
// program is only read (TSan would see a write), and each VM's output is its own.
TEST(Modules, EightVmsFromOneModule) {
    hlffi_module* m = compile("40_serializer");
    ASSERT_NE(m, nullptr);
    std::vector<std::string> outputs(8);
    std::vector<hlffi_error_code> codes(8, HLFFI_ERROR_INTERNAL);
    std::vector<std::thread> threads;
    for (size_t i = 0; i < 8; i++) threads.emplace_back([&, i] { codes[i] = run_one(m, "40_serializer", outputs[i]); });
    for (auto& t : threads) t.join();
    hlffi_module_free(m);
    for (size_t i = 0; i < 8; i++) {
        EXPECT_EQ(codes[i], HLFFI_OK);
        EXPECT_EQ(outputs[i], expected_output("40_serializer")) << "VM " << i;
    }

    std::vector<hlffi_module*> modules;
    for (const char* p : kEightPrograms) modules.push_back(compile(p));
    std::vector<std::string> pair_outputs(16);
    std::vector<hlffi_error_code> pair_codes(16, HLFFI_ERROR_INTERNAL);
    threads.clear();
    for (size_t i = 0; i < 16; i++)
        threads.emplace_back([&, i] { pair_codes[i] = run_one(modules[i % 8], kEightPrograms[i % 8], pair_outputs[i]); });
    for (auto& t : threads) t.join();
    for (hlffi_module* each : modules) hlffi_module_free(each);
    for (size_t i = 0; i < 16; i++) {
        EXPECT_EQ(pair_codes[i], HLFFI_OK) << kEightPrograms[i % 8];
        EXPECT_EQ(pair_outputs[i], expected_output(kEightPrograms[i % 8])) << kEightPrograms[i % 8] << " VM " << i;
    }
}

}  // namespace
