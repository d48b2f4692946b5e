// Test support for tests/std: a real VM context (a loaded program's built-in types, heap and name
// table) for unit tests of the dynamic rules, and natives made from plain test functions. A missing
// or broken test program is a gtest failure that names it, never a null context to crash on.
// Test-only state (the VMs kept alive for the test binary) is fine here; the library has none.
#include <gtest/gtest.h>

#include <deque>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "util/utf.h"
#include "vm/vm.h"

namespace hlffi::rt::testing {

namespace {

std::deque<std::unique_ptr<vm::Vm>>& vms() {
    static std::deque<std::unique_ptr<vm::Vm>> all;
    return all;
}

using TestFn = Slot (*)(Ctx&, const Slot*, int);
constexpr int kMaxTestFunctions = 16;
struct TestFunction {
    TestFn fn = nullptr;
    int nargs = 0;
};
TestFunction g_functions[kMaxTestFunctions];
std::deque<FunctionCode> g_codes;

template <int N>
Slot trampoline(Ctx& c, const Slot* args) {
    return g_functions[N].fn(c, args, g_functions[N].nargs);
}
template <int... N>
constexpr NativeFn pick(int i, std::integer_sequence<int, N...>) {
    NativeFn table[] = {&trampoline<N>...};
    return table[i];
}

// A fatal failure of the running test. Called from a fixture's SetUp, it makes gtest skip the
// test body, so the null context returned with it is never dereferenced.
void fail_test(const std::string& why) { FAIL() << why; }

}  // namespace

Ctx* make_test_ctx() {
    const std::string path = std::string(HLFFI_HL_DIR) + "/bench_startup.hl";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        fail_test("cannot read " + path + " (the test program, built by the haxe_programs target)");
        return nullptr;
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) {
        fail_test(path + " is empty");
        return nullptr;
    }
    auto v = std::make_unique<vm::Vm>();
    if (!v->load(bytes.data(), bytes.size())) {
        fail_test("cannot load " + path + ": " + v->last_error);
        return nullptr;
    }
    Ctx* c = &v->ctx();
    vms().push_back(std::move(v));
    return c;
}

void clear_exception(Ctx& c) {
    c.exception = false;
    c.exception_value = nullptr;
}

std::string exception_message(Ctx& c) {
    if (!c.exception || c.exception_value == nullptr) return "";
    auto* box = static_cast<VDynamic*>(c.exception_value);
    if (box->t->kind != TypeKind::Bytes) return "<not a message>";
    auto* text = static_cast<const char16_t*>(box->v.ptr);
    return utf16_to_utf8(std::u16string_view(text));
}

// The function also takes the place of function index `findex` in the test VM's program (which
// never runs), so function_by_index finds it.
FunctionCode* make_test_function(Ctx& c, int32_t findex, HType* type, TestFn fn) {
    int slot = static_cast<int>(g_codes.size());
    if (slot >= kMaxTestFunctions) return nullptr;
    g_functions[slot] = {fn, static_cast<int>(type->fun->args.size())};
    bool in_program = findex >= 0 && static_cast<size_t>(findex) < c.program->functions.size();
    FunctionCode& f = in_program ? c.program->functions[static_cast<size_t>(findex)] : g_codes.emplace_back();
    if (in_program) g_codes.emplace_back();  // keeps the slot count
    f = FunctionCode{};
    f.findex = findex;
    f.type = type;
    f.name = "test$" + std::to_string(slot);
    f.is_native = true;
    f.native = pick(slot, std::make_integer_sequence<int, kMaxTestFunctions>{});
    return &f;
}

}  // namespace hlffi::rt::testing
