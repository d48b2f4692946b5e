// api layer: host callbacks as Haxe closures: hlffi_register_callback(_typed), hlffi_get_callback,
// hlffi_unregister_callback. Design (struct Callback in api_internal.h): each registration owns a
// native FunctionCode whose native_data is the registration; the closure handed to Haxe is a plain
// closure (no bound value) over it, so Haxe calls it like any function value.
#include <cstring>
#include <memory>
#include <string>

#include "api/api_internal.h"
#include "std/native.h"

using namespace hlffi;

namespace {

constexpr int kMaxCallbackArgs = 16;

rt::Slot callback_trampoline(rt::Ctx& c, const rt::Slot* args) {
    rt::FunctionCode* f = c.native_callee;
    auto* cb = static_cast<api::Callback*>(f->native_data);
    if (cb->unregistered) {
        rt::raise_message(c, "callback " + cb->name + " was unregistered");
        return 0;
    }
    return api::call_host_function(c, cb->vm, cb->fn, f->type, args, cb->label);
}

rt::HType* haxe_type(rt::Program& p, hlffi_arg_type a) {
    switch (a) {
    case HLFFI_ARG_VOID: return p.builtin[static_cast<int>(rt::TypeKind::Void)];
    case HLFFI_ARG_INT: return p.builtin[static_cast<int>(rt::TypeKind::I32)];
    case HLFFI_ARG_FLOAT: return p.builtin[static_cast<int>(rt::TypeKind::F64)];
    case HLFFI_ARG_BOOL: return p.builtin[static_cast<int>(rt::TypeKind::Bool)];
    case HLFFI_ARG_STRING: return p.string_type;
    case HLFFI_ARG_DYNAMIC: return p.builtin[static_cast<int>(rt::TypeKind::Dyn)];
    }
    return nullptr;
}

// Makes the callback's function type in the VM's own type store (the program is shared and
// read-only; the deques keep addresses stable) and points the callback's native function at it.
// Once per program.
bool prepare(hlffi_vm* vm, api::Callback& cb) {
    if (cb.generation == vm->vm.generation && cb.code != nullptr) return true;
    rt::Program& p = *vm->vm.program();
    rt::FunInfo info;
    for (int i = 0; i < cb.nargs; i++) {
        hlffi_arg_type a = cb.typed ? cb.arg_types[static_cast<size_t>(i)] : HLFFI_ARG_DYNAMIC;
        info.args.push_back(haxe_type(p, a));
    }
    info.ret = haxe_type(p, cb.typed ? cb.return_type : HLFFI_ARG_DYNAMIC);
    for (rt::HType* t : info.args)
        if (t == nullptr) return false;
    if (info.ret == nullptr) return false;
    vm->vm.host_fun_infos.push_back(std::move(info));
    rt::HType t;
    t.kind = rt::TypeKind::Fun;
    t.fun = &vm->vm.host_fun_infos.back();
    vm->vm.host_types.push_back(t);
    if (cb.code == nullptr) cb.code = std::make_unique<rt::FunctionCode>();
    rt::FunctionCode& f = *cb.code;
    f.type = &vm->vm.host_types.back();
    f.name = "callback@" + cb.name;
    f.native = &callback_trampoline;
    f.native_data = &cb;
    f.is_native = true;
    f.nargs = cb.nargs;
    cb.generation = vm->vm.generation;
    return true;
}

// Retired records whose program is gone can no longer be reached by any closure.
void purge_retired(hlffi_vm* vm) {
    auto& r = vm->retired_callbacks;
    std::erase_if(r, [vm](const std::unique_ptr<api::Callback>& cb) {
        return !vm->vm.loaded() || cb->code == nullptr || cb->generation != vm->vm.generation;
    });
}

// Takes the record out of service; closures of the loaded program may still call it (they then
// throw), so it is kept while that program lives.
void retire(hlffi_vm* vm, std::unique_ptr<api::Callback> cb) {
    cb->unregistered = true;
    vm->retired_callbacks.push_back(std::move(cb));
    purge_retired(vm);
}

// The host may pass any int as an hlffi_arg_type: read it as an int (loading an out-of-range
// enum value is undefined behaviour).
int enum_value(const hlffi_arg_type* t) {
    int v = 0;
    std::memcpy(&v, t, sizeof v);
    return v;
}

bool add(hlffi_vm* vm, const char* name, hlffi_native_func func, int nargs, const hlffi_arg_type* arg_types,
         hlffi_arg_type return_type, bool typed) {
    if (vm == nullptr) return false;
    if (name == nullptr) {
        api::fail(vm, HLFFI_ERROR_NULL_VALUE, "the callback name is NULL");
        return false;
    }
    if (*name == '\0' || func == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string("callback '") + name + "': " + (func == nullptr ? "func is NULL" : "the name is empty"));
        return false;
    }
    if (nargs < 0 || nargs > kMaxCallbackArgs) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  std::string("callback '") + name + "': nargs must be between 0 and " + std::to_string(kMaxCallbackArgs));
        return false;
    }
    if (typed) {
        if (nargs > 0 && arg_types == nullptr) {
            api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string("callback '") + name + "': arg_types is NULL");
            return false;
        }
        for (int i = 0; i < nargs; i++)
            if (int a = enum_value(&arg_types[i]); a <= HLFFI_ARG_VOID || a > HLFFI_ARG_DYNAMIC) {
                api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                          std::string("callback '") + name + "': argument " + std::to_string(i + 1) + " has no valid type");
                return false;
            }
        if (int r = enum_value(&return_type); r < HLFFI_ARG_VOID || r > HLFFI_ARG_DYNAMIC) {
            api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string("callback '") + name + "': the return type is not valid");
            return false;
        }
    }
    std::vector<hlffi_arg_type> types;
    if (typed) types.assign(arg_types, arg_types + nargs);
    if (!typed) return_type = HLFFI_ARG_DYNAMIC;
    auto it = vm->callbacks.find(name);
    if (it != vm->callbacks.end()) {
        api::Callback& old = *it->second;
        if (old.typed == typed && old.nargs == nargs && old.arg_types == types && old.return_type == return_type) {
            // Same Haxe type: closures already handed out now call the new function.
            old.fn = func;
            api::succeed(vm);
            return true;
        }
        retire(vm, std::move(it->second));
        vm->callbacks.erase(it);
    }
    auto cb = std::make_unique<api::Callback>();
    cb->vm = vm;
    cb->name = name;
    cb->label = "callback " + cb->name;
    cb->fn = func;
    cb->nargs = nargs;
    cb->arg_types = std::move(types);
    cb->return_type = return_type;
    cb->typed = typed;
    vm->callbacks.emplace(cb->name, std::move(cb));
    api::succeed(vm);
    return true;
}

}  // namespace

extern "C" {

bool hlffi_register_callback(hlffi_vm* vm, const char* name, hlffi_native_func func, int nargs) {
    return add(vm, name, func, nargs, nullptr, HLFFI_ARG_DYNAMIC, false);
}

bool hlffi_register_callback_typed(hlffi_vm* vm, const char* name, hlffi_native_func func, int nargs,
                                   const hlffi_arg_type* arg_types, hlffi_arg_type return_type) {
    return add(vm, name, func, nargs, arg_types, return_type, true);
}

hlffi_value* hlffi_get_callback(hlffi_vm* vm, const char* name) {
    if (vm == nullptr) return nullptr;
    if (name == nullptr) {
        api::fail(vm, HLFFI_ERROR_NULL_VALUE, "the callback name is NULL");
        return nullptr;
    }
    if (!api::check_loaded(vm)) return nullptr;
    auto it = vm->callbacks.find(name);
    if (it == vm->callbacks.end()) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string("no callback named '") + name + "' is registered");
        return nullptr;
    }
    api::Callback& cb = *it->second;
    if (!prepare(vm, cb)) {
        api::fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, std::string("callback '") + name + "': the program lacks a type it needs (String)");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VClosure* cl = rt::alloc_closure(e.ctx(), cb.code.get(), nullptr, false);
    if (cl == nullptr) {
        e.ctx().exception = false;  // the allocator raised: report it to the host instead
        e.ctx().exception_value = nullptr;
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, std::string("callback '") + name + "': out of memory");
        return nullptr;
    }
    hlffi_value* v = api::make_value(vm, cb.code->type, reinterpret_cast<rt::Slot>(cl));
    if (v != nullptr) api::succeed(vm);
    return v;
}

bool hlffi_unregister_callback(hlffi_vm* vm, const char* name) {
    if (vm == nullptr) return false;
    if (name == nullptr) {
        api::fail(vm, HLFFI_ERROR_NULL_VALUE, "the callback name is NULL");
        return false;
    }
    auto it = vm->callbacks.find(name);
    if (it == vm->callbacks.end()) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string("no callback named '") + name + "' is registered");
        return false;
    }
    retire(vm, std::move(it->second));
    vm->callbacks.erase(it);
    api::succeed(vm);
    return true;
}

}  // extern "C"
