// api layer: Haxe code calling a host function: the part shared by the trampolines of host
// callbacks (callbacks.cpp) and host natives (natives.cpp); see call_host_function in api_internal.h.
// Every Haxe-to-host call passes here, so the common case (arguments lent, the result already of
// the declared type) makes no call of its own besides the host function; the rest is out of line.
#include <memory>
#include <string>

#include "api/api_internal.h"
#include "std/dynamic.h"
#include "std/native.h"

namespace hlffi::api {

namespace {

constexpr int kInlineArgs = 16;

// Gives back the argument handles, freed by the host or not (see ValuePool::borrow).
void give_back_args(hlffi_vm* vm, hlffi_value** argv, int n) {
    for (int i = 0; i < n; i++) vm->values.give_back(argv[i]);
}

bool is_arg(hlffi_value* v, hlffi_value** argv, int n) {
    for (int i = 0; i < n; i++)
        if (argv[i] == v) return true;
    return false;
}

// The host's result, unless it is one of the arguments (given back with them) or not a live
// value of this VM (never ours to free).
void release_result(hlffi_vm* vm, hlffi_value* r, hlffi_value** argv, int n) {
    if (r != nullptr && !is_arg(r, argv, n) && r->magic == kLiveValue && r->vm == vm) vm->values.release(r);
}

// What RootGuard does, inline: this runs once per call from Haxe.
class HeldRoot {
public:
    HeldRoot(rt::Ctx& c, void* address) : c_(c) { c_.roots.push_back(address); }
    ~HeldRoot() { c_.roots.pop_back(); }
    HeldRoot(const HeldRoot&) = delete;
    HeldRoot& operator=(const HeldRoot&) = delete;

private:
    rt::Ctx& c_;
};

// A result that is not already a live value of the declared type: converted to it (*out), or an
// error message. Out of line: the common case never builds a string.
[[gnu::noinline]] std::string convert_result(hlffi_vm* vm, hlffi_value* result, rt::HType* ret, std::string_view label,
                                             rt::Slot* out) {
    if (result == nullptr) {
        if (!rt::is_pointer(ret)) return std::string(label) + ": returned NULL for a result of type " + rt::type_name(ret);
        *out = 0;
        return {};
    }
    hlffi_vm* owner = vm;
    vm::HostEntry e(vm->vm);
    if (!check_value(owner, result, "the result") || !to_slot(e, vm, result, ret, out, "the result"))
        return std::string(label) + ": " + vm->vm.last_error;
    return {};
}

[[gnu::noinline, gnu::cold]] void raise_out_of_memory(rt::Ctx& c, std::string_view label) {
    rt::raise_message(c, std::string(label) + ": out of memory");
}

}  // namespace

rt::Slot call_host_function(rt::Ctx& c, hlffi_vm* vm, hlffi_native_func fn, const rt::HType* ft, const rt::Slot* args,
                            std::string_view label) {
    // Haxe code only runs on a thread whose current context is `c` (entry point, Haxe threads and
    // host calls set it), so every API call the host makes, and the conversions below, nest on it.
    const auto& params = ft->fun->args;
    const int n = static_cast<int>(params.size());
    hlffi_value* inline_args[kInlineArgs];
    std::unique_ptr<hlffi_value*[]> many;
    hlffi_value** argv = inline_args;
    if (n > kInlineArgs) {
        many.reset(new hlffi_value*[static_cast<size_t>(n)]);
        argv = many.get();
    }
    for (int i = 0; i < n; i++) {
        argv[i] = vm->values.borrow(vm, params[static_cast<size_t>(i)], args[i]);
        if (argv[i] == nullptr) {
            give_back_args(vm, argv, i);
            raise_out_of_memory(c, label);
            return 0;
        }
    }

    rt::HeldException held;
    rt::HeldException* outer = c.held_exception;
    c.held_exception = &held;
    HeldRoot keep_thrown(c, &held.value);
    hlffi_value* result = fn(vm, n, argv);
    c.held_exception = outer;

    // Sys.exit or an interrupt inside a nested call: keep unwinding.
    if (c.exception) {
        release_result(vm, result, argv, n);
        give_back_args(vm, argv, n);
        return 0;
    }
    // A nested call ended in a Haxe exception the host did not clear: it continues in the Haxe
    // code that called the host, with its original value and stack.
    if (held.held && vm->vm.has_exception) {
        release_result(vm, result, argv, n);
        give_back_args(vm, argv, n);
        vm->vm.has_exception = false;
        c.exception = true;
        c.exception_value = held.value;
        c.exception_stack = std::move(held.stack);
        return 0;
    }

    rt::HType* ret = ft->fun->ret;
    rt::Slot out = 0;
    std::string error;
    if (ret == nullptr || ret->kind == rt::TypeKind::Void) {
        // The result of a Void function is ignored.
    } else if (result != nullptr && result->magic == kLiveValue && result->vm == vm &&
               result->generation == vm->vm.generation && result->type == ret) {
        out = result->slot;  // already of the declared type (the common case: no conversion)
    } else {
        error = convert_result(vm, result, ret, label, &out);
    }
    release_result(vm, result, argv, n);
    give_back_args(vm, argv, n);
    if (!error.empty()) {
        rt::raise_message(c, error);
        return 0;
    }
    return out;
}

}  // namespace hlffi::api
