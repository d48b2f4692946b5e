// api layer: the argument and result types of a cached call, and the T of Null<T>: what
// hlffi.hpp's vm.function<R(A...)> checks its C++ signature against, once, when it is made.
#include "api/api_internal.h"

using namespace hlffi;

namespace {

// The cached call is usable (its VM's program is the one it was resolved against); records why not.
bool usable(hlffi_cached_call* cc) {
    if (cc == nullptr) return false;
    if (cc->vm == nullptr || cc->fn == nullptr || cc->fn->type == nullptr || cc->fn->type->fun == nullptr) return false;
    if (cc->generation != cc->vm->vm.generation || !cc->vm->vm.loaded()) {
        api::fail(cc->vm, HLFFI_ERROR_STALE_HANDLE, cc->label + ": the cached call belongs to a program that was closed");
        return false;
    }
    return true;
}

// A method's function type has the receiver as its first parameter; callers do not pass it.
int first_arg(const hlffi_cached_call* cc) { return cc->is_method ? 1 : 0; }

}  // namespace

extern "C" {

int hlffi_cached_call_get_arg_count(hlffi_cached_call* cached) {
    if (!usable(cached)) return -1;
    api::succeed(cached->vm);
    return static_cast<int>(cached->fn->type->fun->args.size()) - first_arg(cached);
}

hlffi_type* hlffi_cached_call_get_arg_type(hlffi_cached_call* cached, int index) {
    if (!usable(cached)) return nullptr;
    const auto& args = cached->fn->type->fun->args;
    int n = static_cast<int>(args.size()) - first_arg(cached);
    if (index < 0 || index >= n) {
        api::fail(cached->vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  cached->label + ": no argument " + std::to_string(index) + " (it takes " + std::to_string(n) + ")");
        return nullptr;
    }
    hlffi_type* t = api::type_handle(cached->vm, args[static_cast<size_t>(index + first_arg(cached))]);
    if (t != nullptr) api::succeed(cached->vm);
    return t;
}

hlffi_type* hlffi_cached_call_get_return_type(hlffi_cached_call* cached) {
    if (!usable(cached)) return nullptr;
    rt::HType* ret = cached->fn->type->fun->ret;
    if (ret == nullptr) ret = api::basic_type(cached->vm, rt::TypeKind::Void);
    hlffi_type* t = api::type_handle(cached->vm, ret);
    if (t != nullptr) api::succeed(cached->vm);
    return t;
}

hlffi_type* hlffi_type_get_null_param(hlffi_type* type) {
    if (type == nullptr || type->vm == nullptr || type->t == nullptr) return nullptr;
    hlffi_vm* vm = type->vm;
    // Handles of a closed program are emptied when the index is rebuilt; check before reading.
    if (!vm->vm.loaded() || vm->types.generation != vm->vm.generation) {
        api::fail(vm, HLFFI_ERROR_STALE_HANDLE, "the type belongs to a program that was closed");
        return nullptr;
    }
    if (type->t->kind != rt::TypeKind::Null || type->t->param == nullptr) {
        api::succeed(vm);
        return nullptr;
    }
    hlffi_type* t = api::type_handle(vm, type->t->param);
    if (t != nullptr) api::succeed(vm);
    return t;
}

}  // extern "C"
