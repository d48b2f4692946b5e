// api layer: Haxe code calling a host function: the part shared by the trampolines of host
// callbacks (callbacks.cpp) and host natives (natives.cpp); see call_host_function in api_internal.h.
#include <memory>
#include <string>

#include "api/api_internal.h"
#include "std/dynamic.h"
#include "std/native.h"

namespace hlffi::api {

namespace {

constexpr int kInlineArgs = 16;

// Gives back the argument handles (the host was told not to free them; one it freed anyway is
// skipped rather than freed twice).
void release_args(hlffi_vm* vm, hlffi_value** argv, int n) {
    for (int i = 0; i < n; i++)
        if (argv[i]->magic == kLiveValue && argv[i]->vm == vm) vm->values.release(argv[i]);
}

bool is_arg(hlffi_value* v, hlffi_value** argv, int n) {
    for (int i = 0; i < n; i++)
        if (argv[i] == v) return true;
    return false;
}

// The host's result, unless it is one of the arguments (released with them) or not a live value
// of this VM (never ours to free).
void release_result(hlffi_vm* vm, hlffi_value* r, hlffi_value** argv, int n) {
    if (r != nullptr && !is_arg(r, argv, n) && r->magic == kLiveValue && r->vm == vm) vm->values.release(r);
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
        argv[i] = vm->values.make(vm, params[static_cast<size_t>(i)], args[i]);
        if (argv[i] == nullptr) {
            release_args(vm, argv, i);
            rt::raise_message(c, std::string(label) + ": out of memory");
            return 0;
        }
    }

    rt::HeldException held;
    rt::HeldException* outer = c.held_exception;
    c.held_exception = &held;
    rt::RootGuard keep_thrown(c, &held.value);
    hlffi_value* result = fn(vm, n, argv);
    c.held_exception = outer;

    // Sys.exit or an interrupt inside a nested call: keep unwinding.
    if (c.exception) {
        release_result(vm, result, argv, n);
        release_args(vm, argv, n);
        return 0;
    }
    // A nested call ended in a Haxe exception the host did not clear: it continues in the Haxe
    // code that called the host, with its original value and stack.
    if (held.held && vm->vm.has_exception) {
        release_result(vm, result, argv, n);
        release_args(vm, argv, n);
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
    } else if (result == nullptr) {
        if (!rt::is_pointer(ret)) error = std::string(label) + ": returned NULL for a result of type " + rt::type_name(ret);
    } else if (result->magic == kLiveValue && result->vm == vm && result->generation == vm->vm.generation &&
               result->type == ret) {
        out = result->slot;  // already of the declared type (the common case: no conversion)
    } else {
        hlffi_vm* owner = vm;
        vm::HostEntry e(vm->vm);
        if (!check_value(owner, result, "the result") || !to_slot(e, vm, result, ret, &out, "the result"))
            error = std::string(label) + ": " + vm->vm.last_error;
    }
    release_result(vm, result, argv, n);
    release_args(vm, argv, n);
    if (!error.empty()) {
        rt::raise_message(c, error);
        return 0;
    }
    return out;
}

}  // namespace hlffi::api
