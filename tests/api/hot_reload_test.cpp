// api layer tests: hot reload (hlffi_enable_hot_reload, hlffi_reload_module/_memory,
// hlffi_set_reload_callback, hlffi_check_reload) with tests/haxe/api/reload_v1..v3: new bodies
// run at the next call, statics and heap stay, incompatible builds are refused unchanged.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "hlffi.h"

namespace {

using hlffi_test::api_program;

std::string call_string(hlffi_vm* vm, const char* fn) {
    hlffi_value* v = hlffi_call_static(vm, "Game", fn, 0, nullptr);
    if (v == nullptr) return std::string("<error: ") + hlffi_get_error(vm) + ">";
    char* s = hlffi_value_as_string(v);
    std::string out = s != nullptr ? s : "<not a string>";
    std::free(s);
    hlffi_value_free(v);
    return out;
}
int call_int(hlffi_vm* vm, const char* fn) {
    hlffi_value* v = hlffi_call_static(vm, "Game", fn, 0, nullptr);
    int n = hlffi_value_as_int(v, -1);
    hlffi_value_free(v);
    return n;
}
std::vector<char> bytes_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) ADD_FAILURE() << "cannot read " << path;
    return std::vector<char>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
void note_reload(hlffi_vm*, bool success, void* userdata) { static_cast<std::vector<bool>*>(userdata)->push_back(success); }

struct ReloadVm {
    hlffi_vm* vm = hlffi_create();
    ReloadVm(const std::string& path) {
        EXPECT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
        EXPECT_EQ(hlffi_enable_hot_reload(vm, true), HLFFI_OK);
        EXPECT_EQ(hlffi_load_file(vm, path.c_str()), HLFFI_OK) << hlffi_get_error(vm);
        EXPECT_EQ(hlffi_call_entry(vm), HLFFI_OK) << hlffi_get_error(vm);
    }
    ~ReloadVm() { hlffi_destroy(vm); }
};

TEST(HotReload, NewBodiesRunWhileStaticsAndHeapStay) {
    ReloadVm t(api_program("reload_v1"));
    hlffi_vm* vm = t.vm;
    EXPECT_EQ(call_int(vm, "value"), 100);
    EXPECT_EQ(call_string(vm, "describe"), "v1 started 1");
    hlffi_value* kept = hlffi_get_static_field(vm, "Game", "label");  // a heap value held across
    std::vector<bool> seen;
    hlffi_set_reload_callback(vm, note_reload, &seen);
    ASSERT_EQ(hlffi_reload_module(vm, api_program("reload_v2").c_str()), HLFFI_OK) << hlffi_get_error(vm);
    EXPECT_EQ(seen, std::vector<bool>{true});
    EXPECT_EQ(call_int(vm, "value"), 200);                              // the new body
    EXPECT_EQ(call_string(vm, "describe"), "version two: started / 11");  // statics kept, main() not rerun
    EXPECT_EQ(hlffi_call_static(vm, "Game", "fail", 0, nullptr), nullptr);
    EXPECT_STREQ(hlffi_get_exception_message(vm), "v2 failure");
    EXPECT_NE(std::strstr(hlffi_get_exception_stack(vm), "Main.hx:"), nullptr) << hlffi_get_exception_stack(vm);
    char* label = hlffi_value_as_string(kept);
    EXPECT_STREQ(label, "started");
    std::free(label);
    hlffi_value_free(kept);
    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    // Back to the first build, from memory this time.
    std::vector<char> v1 = bytes_of(api_program("reload_v1"));
    ASSERT_EQ(hlffi_reload_module_memory(vm, v1.data(), v1.size()), HLFFI_OK) << hlffi_get_error(vm);
    EXPECT_EQ(call_int(vm, "value"), 100);
    EXPECT_EQ(call_string(vm, "describe"), "v1 started 12");
    // The same build again changes nothing and still succeeds.
    ASSERT_EQ(hlffi_reload_module_memory(vm, v1.data(), v1.size()), HLFFI_OK);
    EXPECT_EQ(seen, (std::vector<bool>{true, true, true}));
}

TEST(HotReload, IncompatibleOrBadBuildsAreRefusedAndTheProgramRunsOn) {
    ReloadVm t(api_program("reload_v1"));
    hlffi_vm* vm = t.vm;
    EXPECT_EQ(call_int(vm, "value"), 100);
    std::vector<bool> seen;
    hlffi_set_reload_callback(vm, note_reload, &seen);
    EXPECT_EQ(hlffi_reload_module(vm, api_program("reload_v3").c_str()), HLFFI_ERROR_RELOAD_FAILED);
    EXPECT_NE(std::strstr(hlffi_get_error(vm), "cannot reload: "), nullptr) << hlffi_get_error(vm);
    EXPECT_NE(std::strstr(hlffi_get_error(vm), "restart the program instead"), nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_reload_module(vm, api_program("restart").c_str()), HLFFI_ERROR_RELOAD_FAILED);  // another program
    const char junk[] = "HLB\x04 junk";
    EXPECT_EQ(hlffi_reload_module_memory(vm, junk, sizeof junk), HLFFI_ERROR_RELOAD_FAILED);
    EXPECT_EQ(std::strncmp(hlffi_get_error(vm), "invalid bytecode: ", 18), 0) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_reload_module(vm, "/nonexistent/v2.hl"), HLFFI_ERROR_FILE_NOT_FOUND);
    EXPECT_EQ(hlffi_reload_module_memory(vm, nullptr, 0), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(seen, (std::vector<bool>{false, false, false}));
    EXPECT_EQ(call_int(vm, "value"), 100);  // still the first build, state intact
    EXPECT_EQ(call_string(vm, "describe"), "v1 started 2");
}

TEST(HotReload, NeedsEnablingAFileOrMemoryProgramAndAnIdleVm) {
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_reload_module(vm, api_program("reload_v2").c_str()), HLFFI_ERROR_NOT_LOADED);
    ASSERT_EQ(hlffi_load_file(vm, api_program("reload_v1").c_str()), HLFFI_OK);
    EXPECT_FALSE(hlffi_is_hot_reload_enabled(vm));
    EXPECT_EQ(hlffi_reload_module(vm, api_program("reload_v2").c_str()), HLFFI_ERROR_RELOAD_NOT_ENABLED);
    EXPECT_FALSE(hlffi_check_reload(vm));
    hlffi_destroy(vm);

    // A shared module is never patched: other VMs run it.
    hlffi_module_error err{};
    hlffi_module* m = hlffi_module_load_file(api_program("reload_v1").c_str(), &err);
    ASSERT_NE(m, nullptr) << err.message;
    vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    ASSERT_EQ(hlffi_enable_hot_reload(vm, true), HLFFI_OK);
    ASSERT_EQ(hlffi_load_module(vm, m), HLFFI_OK);
    EXPECT_EQ(hlffi_reload_module(vm, api_program("reload_v2").c_str()), HLFFI_ERROR_RELOAD_NOT_SUPPORTED);
    EXPECT_EQ(hlffi_reload_module(vm, nullptr), HLFFI_ERROR_INVALID_ARGUMENT);  // no file to reload
    hlffi_destroy(vm);
    hlffi_module_free(m);

    EXPECT_EQ(hlffi_enable_hot_reload(nullptr, true), HLFFI_ERROR_NULL_VM);
    EXPECT_FALSE(hlffi_is_hot_reload_enabled(nullptr));
    EXPECT_EQ(hlffi_reload_module(nullptr, "x"), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_reload_module_memory(nullptr, "x", 1), HLFFI_ERROR_NULL_VM);
    hlffi_set_reload_callback(nullptr, nullptr, nullptr);
    EXPECT_FALSE(hlffi_check_reload(nullptr));
}

// From inside a host callback Haxe code is on the stack: refused, the program unchanged.
hlffi_value* reload_from_callback(hlffi_vm* vm, int, hlffi_value**) {
    hlffi_error_code e = hlffi_reload_module(vm, api_program("reload_v2").c_str());
    return hlffi_value_int(vm, static_cast<int>(e));
}

TEST(HotReload, RefusedWhileHaxeCodeRuns) {
    ReloadVm t(api_program("reload_v1"));
    ASSERT_TRUE(hlffi_register_callback(t.vm, "reload", reload_from_callback, 0));
    hlffi_value* cb = hlffi_get_callback(t.vm, "reload");
    ASSERT_NE(cb, nullptr);
    ASSERT_EQ(hlffi_set_static_field(t.vm, "Game", "hook", cb), HLFFI_OK) << hlffi_get_error(t.vm);
    hlffi_value_free(cb);
    EXPECT_EQ(call_int(t.vm, "runHook"), HLFFI_ERROR_RELOAD_FAILED);
    EXPECT_EQ(call_int(t.vm, "value"), 100);
}

// hlffi_check_reload watches the loaded file: nothing while it is unchanged, one reload when it
// is replaced by another build.
TEST(HotReload, CheckReloadFollowsTheLoadedFile) {
    char dir[] = "/tmp/hlffi_reload_XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    std::string path = std::string(dir) + "/game.hl";
    auto write = [&path](const std::vector<char>& b) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(b.data(), static_cast<std::streamsize>(b.size()));
    };
    std::vector<char> v1 = bytes_of(api_program("reload_v1")), v2 = bytes_of(api_program("reload_v2"));
    write(v1);
    ReloadVm t(path);
    EXPECT_FALSE(hlffi_check_reload(t.vm));
    EXPECT_EQ(call_int(t.vm, "value"), 100);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a later modification time
    write(v2);
    EXPECT_TRUE(hlffi_check_reload(t.vm)) << hlffi_get_error(t.vm);
    EXPECT_FALSE(hlffi_check_reload(t.vm));
    EXPECT_EQ(call_int(t.vm, "value"), 200);
    EXPECT_EQ(hlffi_reload_module(t.vm, nullptr), HLFFI_OK) << hlffi_get_error(t.vm);  // NULL: the loaded file
    std::remove(path.c_str());
    EXPECT_FALSE(hlffi_check_reload(t.vm));  // gone: nothing to do
    rmdir(dir);
}

}  // namespace
