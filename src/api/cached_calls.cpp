// api layer: the Cached calls section of include/hlffi.h: a function resolved once, called many
// times without name lookups (the game-loop path, kept short).
#include "api/api_internal.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

constexpr int kMaxArgs = 64;

hlffi_cached_call* make_cached(hlffi_vm* vm, rt::FunctionCode* fn, rt::HType* cls, int32_t hash, bool is_method,
                               std::string label) {
    auto* cc = new (std::nothrow) hlffi_cached_call();
    if (cc == nullptr) {
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "out of memory for a cached call");
        return nullptr;
    }
    cc->vm = vm;
    cc->generation = vm->vm.generation;
    cc->fn = fn;
    cc->cls = cls;
    cc->method_hash = hash;
    cc->is_method = is_method;
    cc->label = std::move(label);
    vm->cached.push_back(cc);
    api::succeed(vm);
    return cc;
}

// Records a failure of cached call `cc` ("LABEL: why"). Out of line, so that building the
// message costs the calls that succeed nothing (not even stack space).
[[gnu::noinline, gnu::cold]] hlffi_value* fail_cached(hlffi_cached_call* cc, hlffi_error_code code, const char* why) {
    api::fail(cc->vm, code, cc->label + why);
    return nullptr;
}

// The cached call is usable: its VM's program is the one it was resolved against.
bool check_cached(hlffi_cached_call* cc) {
    if (cc == nullptr) return false;
    if (cc->generation != cc->vm->vm.generation || !cc->vm->vm.loaded()) {
        fail_cached(cc, HLFFI_ERROR_STALE_HANDLE, ": the cached call belongs to a program that was closed");
        return false;
    }
    return true;
}

}  // namespace

extern "C" {

hlffi_cached_call* hlffi_cache_static_method(hlffi_vm* vm, const char* class_name, const char* method_name) {
    if (vm == nullptr || !api::check_loaded(vm) || !api::check_name(vm, class_name, "class_name") ||
        !api::check_name(vm, method_name, "method_name"))
        return nullptr;
    rt::HType* cls = api::find_class(vm, class_name);
    if (cls == nullptr) return nullptr;
    rt::FunctionCode* f = api::find_static_method(vm, cls, method_name);
    if (f == nullptr) return nullptr;
    return make_cached(vm, f, cls, 0, false, std::string(class_name) + "." + method_name);
}

hlffi_cached_call* hlffi_cache_instance_method(hlffi_vm* vm, const char* class_name, const char* method_name) {
    if (vm == nullptr || !api::check_loaded(vm) || !api::check_name(vm, class_name, "class_name") ||
        !api::check_name(vm, method_name, "method_name"))
        return nullptr;
    rt::HType* cls = api::find_class(vm, class_name);
    if (cls == nullptr) return nullptr;
    int32_t hash = api::name_hash(method_name);
    rt::FunctionCode* f = api::find_method(vm, cls, hash);
    if (f == nullptr) {
        api::fail(vm, HLFFI_ERROR_METHOD_NOT_FOUND, std::string("class '") + class_name + "' has no method '" + method_name + "'");
        return nullptr;
    }
    return make_cached(vm, f, cls, hash, true, std::string(class_name) + "." + method_name);
}

hlffi_value* hlffi_call_cached(hlffi_cached_call* cached, int argc, hlffi_value** args) {
    if (!check_cached(cached)) return nullptr;
    hlffi_vm* vm = cached->vm;
    if (cached->is_method)
        return fail_cached(cached, HLFFI_ERROR_INVALID_ARGUMENT, " is an instance method: use hlffi_call_cached_method");
    if (!api::check_loaded(vm, true)) return nullptr;
    if (argc < 0 || argc > kMaxArgs) return fail_cached(cached, HLFFI_ERROR_WRONG_ARITY, ": argc out of range");
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Slot slots[kMaxArgs];
    if (!api::args_as_is(vm, cached->fn->type, 0, argc, args, slots) &&
        !api::convert_args(e, vm, cached->fn->type, 0, argc, args, slots, cached->label))
        return nullptr;
    return api::call_and_wrap(e, vm, cached->fn, slots, argc, cached->label);
}

hlffi_value* hlffi_call_cached_method(hlffi_cached_call* cached, hlffi_value* instance, int argc, hlffi_value** args) {
    if (!check_cached(cached)) return nullptr;
    hlffi_vm* vm = cached->vm;
    if (!cached->is_method)
        return fail_cached(cached, HLFFI_ERROR_INVALID_ARGUMENT, " is a static function: use hlffi_call_cached");
    if (!api::check_value(vm, instance, "instance")) return nullptr;
    rt::VDynamic* obj = api::dynamic_of(instance);
    if (obj == nullptr || !rt::safe_cast(obj->t, cached->cls)) {
        bool is_null = hlffi_value_is_null(instance);
        api::fail(vm, is_null ? HLFFI_ERROR_NULL_VALUE : HLFFI_ERROR_TYPE_MISMATCH,
                  cached->label + ": the instance is " + (is_null ? "null" : "a " + rt::type_name(api::runtime_type(instance))));
        return nullptr;
    }
    if (argc < 0 || argc >= kMaxArgs) return fail_cached(cached, HLFFI_ERROR_WRONG_ARITY, ": argc out of range");
    // Virtual dispatch: a subclass instance runs its own override.
    rt::FunctionCode* f = obj->t == cached->cls ? cached->fn : api::find_method(vm, obj->t, cached->method_hash);
    if (f == nullptr) f = cached->fn;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Slot slots[kMaxArgs];
    slots[0] = reinterpret_cast<rt::Slot>(obj);
    if (!api::args_as_is(vm, f->type, 1, argc, args, slots) &&
        !api::convert_args(e, vm, f->type, 1, argc, args, slots, cached->label))
        return nullptr;
    return api::call_and_wrap(e, vm, f, slots, argc + 1, cached->label);
}

void hlffi_cached_call_free(hlffi_cached_call* cached) {
    if (cached == nullptr) return;
    auto& list = cached->vm->cached;
    for (size_t i = 0; i < list.size(); i++)
        if (list[i] == cached) {
            list[i] = list.back();
            list.pop_back();
            delete cached;
            return;
        }
}

}  // extern "C"
