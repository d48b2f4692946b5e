// api layer: the Instances section of include/hlffi.h: `new`, fields and methods of objects.
#include "api/api_internal.h"
#include "interp/interp.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

constexpr int kMaxArgs = 64;

// obj as a heap object: a class instance or another dynamic value with fields; nullptr after
// recording TYPE_MISMATCH.
rt::VDynamic* object_of(hlffi_vm* vm, hlffi_value* obj) {
    rt::VDynamic* d = api::dynamic_of(obj);
    if (d == nullptr) {
        api::fail(vm, obj->slot == 0 && rt::is_pointer(obj->type) ? HLFFI_ERROR_NULL_VALUE : HLFFI_ERROR_TYPE_MISMATCH,
                  std::string("the value is ") + (obj->slot == 0 ? "null" : "not an object (" + rt::type_name(obj->type) + ")"));
        return nullptr;
    }
    return d;
}

bool is_class_instance(rt::VDynamic* d) { return d->t->kind == rt::TypeKind::Obj && d->t->obj != nullptr; }

// Reads field `name` of obj into (*type, *slot).
bool read_field(vm::HostEntry& e, hlffi_vm* vm, rt::VDynamic* d, const char* name, rt::HType** type, rt::Slot* slot) {
    rt::Ctx& c = e.ctx();
    int32_t hash = api::name_hash(name);
    if (is_class_instance(d)) {
        int32_t i = api::find_field(d->t, hash);
        if (i >= 0) {
            const rt::ObjField& f = d->t->obj->fields[static_cast<size_t>(i)];
            *slot = 0;
            std::memcpy(slot, rt::field_addr(d, f.offset), static_cast<size_t>(rt::storage_size(f.type)));
            *type = f.type;
            return true;
        }
        if (rt::FunctionCode* m = api::find_method(vm, d->t, hash)) {
            rt::VClosure* cl = rt::alloc_closure(c, m, d, true);
            if (cl == nullptr) {
                vm::settle(e, false);
                api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "out of memory");
                return false;
            }
            *type = cl->t;
            *slot = reinterpret_cast<rt::Slot>(cl);
            return true;
        }
    } else if (rt::dyn_has_field(c, d, hash)) {
        rt::HType* dyn = api::basic_type(vm, rt::TypeKind::Dyn);
        rt::dyn_get(c, d, hash, dyn, slot);
        if (vm::settle(e, true) != vm::CallOutcome::Ok) {
            api::outcome_error(vm, vm::CallOutcome::Exception, std::string("reading field ") + name);
            return false;
        }
        *type = dyn;
        return true;
    }
    api::fail(vm, HLFFI_ERROR_FIELD_NOT_FOUND, "the " + rt::type_name(d->t) + " has no field '" + name + "'");
    return false;
}

hlffi_value* get_field(hlffi_value* obj, const char* name) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, obj, "obj") || !api::check_name(vm, name, "field_name")) return nullptr;
    rt::VDynamic* d = object_of(vm, obj);
    if (d == nullptr) return nullptr;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::HType* t = nullptr;
    rt::Slot s = 0;
    if (!read_field(e, vm, d, name, &t, &s)) return nullptr;
    hlffi_value* v = api::make_value(vm, t, s);
    if (v != nullptr) api::succeed(vm);
    return v;
}

bool set_field(hlffi_vm* vm, hlffi_value* obj, const char* name, hlffi_value* value) {
    if (!api::check_value(vm, obj, "obj") || !api::check_name(vm, name, "field_name") || !api::check_value(vm, value)) return false;
    rt::VDynamic* d = object_of(vm, obj);
    if (d == nullptr) return false;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    rt::Ctx& c = e.ctx();
    int32_t hash = api::name_hash(name);
    std::string what = std::string("field ") + name;
    if (is_class_instance(d)) {
        int32_t i = api::find_field(d->t, hash);
        if (i < 0) {
            api::fail(vm, HLFFI_ERROR_FIELD_NOT_FOUND, "the " + rt::type_name(d->t) + " has no field '" + name + "'");
            return false;
        }
        const rt::ObjField& f = d->t->obj->fields[static_cast<size_t>(i)];
        rt::Slot s = 0;
        if (!api::to_slot(e, vm, value, f.type, &s, what)) return false;
        std::memcpy(rt::field_addr(d, f.offset), &s, static_cast<size_t>(rt::storage_size(f.type)));
    } else {
        rt::HType* dyn = api::basic_type(vm, rt::TypeKind::Dyn);
        rt::Slot s = 0;
        if (!api::to_slot(e, vm, value, dyn, &s, what)) return false;
        rt::dyn_set(c, d, hash, dyn, &s);
        if (vm::settle(e, true) != vm::CallOutcome::Ok) {
            api::outcome_error(vm, vm::CallOutcome::Exception, "writing " + what);
            return false;
        }
    }
    api::succeed(vm);
    return true;
}

// Writes a C value as a value of kind k (a temporary handle on the stack, never handed out).
bool set_field_basic(hlffi_vm* vm, hlffi_value* obj, const char* name, rt::TypeKind k, rt::Slot s) {
    if (vm == nullptr) return false;
    if (!api::check_loaded(vm)) return false;
    hlffi_value tmp;
    tmp.magic = api::kLiveValue;
    tmp.vm = vm;
    tmp.generation = vm->vm.generation;
    tmp.type = api::basic_type(vm, k);
    tmp.slot = s;
    return set_field(vm, obj, name, &tmp);
}

hlffi_value* call_method(hlffi_value* obj, const char* name, int argc, hlffi_value** argv) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, obj, "obj") || !api::check_name(vm, name, "method_name")) return nullptr;
    rt::VDynamic* d = object_of(vm, obj);
    if (d == nullptr) return nullptr;
    std::string what = rt::type_name(d->t) + "." + name;
    if (argc < 0 || argc >= kMaxArgs) {
        api::fail(vm, HLFFI_ERROR_WRONG_ARITY, what + ": argc out of range");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Slot args[kMaxArgs];
    if (is_class_instance(d)) {
        if (rt::FunctionCode* m = api::find_method(vm, d->t, api::name_hash(name))) {
            args[0] = reinterpret_cast<rt::Slot>(d);
            if (!api::convert_args(e, vm, m->type, 1, argc, argv, args, what)) return nullptr;
            return api::call_and_wrap(e, vm, m, args, argc + 1, what);
        }
    }
    // A closure held in a field (or an anonymous object's function): called with its own types.
    rt::HType* t = nullptr;
    rt::Slot s = 0;
    if (!read_field(e, vm, d, name, &t, &s)) {
        if (vm->last_code == HLFFI_ERROR_FIELD_NOT_FOUND)
            api::fail(vm, HLFFI_ERROR_METHOD_NOT_FOUND, "the " + rt::type_name(d->t) + " has no method '" + name + "'");
        return nullptr;
    }
    auto* cl = reinterpret_cast<rt::VClosure*>(s);
    if (cl == nullptr || cl->t->kind != rt::TypeKind::Fun) {
        api::fail(vm, HLFFI_ERROR_METHOD_NOT_FOUND, "field '" + std::string(name) + "' of the " + rt::type_name(d->t) + " is not a function");
        return nullptr;
    }
    rt::Ctx& c = e.ctx();
    rt::RootGuard keep(c, &cl);
    rt::HType* ft = rt::closure_type(cl);
    if (!api::convert_args(e, vm, ft, 0, argc, argv, args, what)) return nullptr;
    rt::Slot r = 0;
    vm::CallOutcome o = vm::call_closure_from_host(e, cl, args, argc, &r);
    if (o != vm::CallOutcome::Ok) {
        api::outcome_error(vm, o, what);
        return nullptr;
    }
    api::succeed(vm);
    rt::HType* ret = ft->fun->ret;
    if (ret == nullptr || ret->kind == rt::TypeKind::Void) return nullptr;
    return api::make_value(vm, ret, r);
}

}  // namespace

extern "C" {

hlffi_value* hlffi_new(hlffi_vm* vm, const char* class_name, int argc, hlffi_value** argv) {
    if (vm == nullptr || !api::check_loaded(vm, true) || !api::check_name(vm, class_name, "class_name")) return nullptr;
    rt::HType* cls = api::find_class(vm, class_name);
    if (cls == nullptr) return nullptr;
    std::string what = std::string("new ") + class_name;
    if (argc < 0 || argc >= kMaxArgs) {
        api::fail(vm, HLFFI_ERROR_WRONG_ARITY, what + ": argc out of range");
        return nullptr;
    }
    rt::Program& p = *vm->vm.program();
    // The constructor is bound to field __constructor__ of the class object's type ($Class).
    rt::FunctionCode* ctor = nullptr;
    int32_t g = cls->obj->global;
    if (g >= 0 && static_cast<size_t>(g) < p.global_types.size()) {
        rt::HType* statics = p.global_types[static_cast<size_t>(g)];
        int32_t field = api::find_field(statics, api::name_hash("__constructor__"));
        for (const auto& [f, findex] : statics->obj->all_bindings)
            if (f == field) ctor = p.function(findex);
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Ctx& c = e.ctx();
    rt::VObj* obj = rt::alloc_object(c, cls);
    if (obj == nullptr) {
        vm::settle(e, false);
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, what + ": out of memory");
        return nullptr;
    }
    rt::RootGuard keep(c, &obj);
    if (ctor != nullptr) {
        rt::Slot args[kMaxArgs];
        args[0] = reinterpret_cast<rt::Slot>(obj);
        if (!api::convert_args(e, vm, ctor->type, 1, argc, argv, args, what)) return nullptr;
        vm::CallOutcome o = vm::call_from_host(e, ctor, args, argc + 1, nullptr);
        if (o != vm::CallOutcome::Ok) {
            api::outcome_error(vm, o, what);
            return nullptr;
        }
    } else if (argc != 0) {
        api::fail(vm, HLFFI_ERROR_WRONG_ARITY, what + " takes no arguments (the class has no constructor)");
        return nullptr;
    }
    hlffi_value* v = api::make_value(vm, cls, reinterpret_cast<rt::Slot>(obj));
    if (v != nullptr) api::succeed(vm);
    return v;
}

hlffi_value* hlffi_get_field(hlffi_value* obj, const char* field_name) { return get_field(obj, field_name); }

bool hlffi_set_field(hlffi_value* obj, const char* field_name, hlffi_value* value) {
    return set_field(nullptr, obj, field_name, value);
}

int hlffi_get_field_int(hlffi_value* obj, const char* field_name, int fallback) {
    hlffi_value* v = get_field(obj, field_name);
    int r = hlffi_value_as_int(v, fallback);
    hlffi_value_free(v);
    return r;
}

float hlffi_get_field_float(hlffi_value* obj, const char* field_name, float fallback) {
    hlffi_value* v = get_field(obj, field_name);
    float r = hlffi_value_as_f32(v, fallback);
    hlffi_value_free(v);
    return r;
}

bool hlffi_get_field_bool(hlffi_value* obj, const char* field_name, bool fallback) {
    hlffi_value* v = get_field(obj, field_name);
    bool r = hlffi_value_as_bool(v, fallback);
    hlffi_value_free(v);
    return r;
}

char* hlffi_get_field_string(hlffi_value* obj, const char* field_name) {
    hlffi_value* v = get_field(obj, field_name);
    char* r = hlffi_value_as_string(v);
    hlffi_value_free(v);
    return r;
}

bool hlffi_set_field_int(hlffi_vm* vm, hlffi_value* obj, const char* field_name, int value) {
    return set_field_basic(vm, obj, field_name, rt::TypeKind::I32, rt::slot_of<int32_t>(value));
}

bool hlffi_set_field_float(hlffi_vm* vm, hlffi_value* obj, const char* field_name, float value) {
    return set_field_basic(vm, obj, field_name, rt::TypeKind::F64, rt::slot_of<double>(value));
}

bool hlffi_set_field_bool(hlffi_vm* vm, hlffi_value* obj, const char* field_name, bool value) {
    return set_field_basic(vm, obj, field_name, rt::TypeKind::Bool, value ? 1 : 0);
}

bool hlffi_set_field_string(hlffi_vm* vm, hlffi_value* obj, const char* field_name, const char* value) {
    if (vm == nullptr) return false;
    if (value == nullptr) return set_field_basic(vm, obj, field_name, rt::TypeKind::Dyn, 0);
    hlffi_value* s = hlffi_value_string(vm, value);
    if (s == nullptr) return false;
    bool ok = set_field(vm, obj, field_name, s);
    hlffi_value_free(s);
    return ok;
}

hlffi_value* hlffi_call_method(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv) {
    return call_method(obj, method_name, argc, argv);
}

bool hlffi_call_method_void(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv) {
    hlffi_value* r = call_method(obj, method_name, argc, argv);
    hlffi_value_free(r);
    return obj != nullptr && obj->magic == api::kLiveValue && obj->vm->last_code == HLFFI_OK;
}

int hlffi_call_method_int(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv, int fallback) {
    hlffi_value* r = call_method(obj, method_name, argc, argv);
    int out = hlffi_value_as_int(r, fallback);
    hlffi_value_free(r);
    return out;
}

float hlffi_call_method_float(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv, float fallback) {
    hlffi_value* r = call_method(obj, method_name, argc, argv);
    float out = hlffi_value_as_f32(r, fallback);
    hlffi_value_free(r);
    return out;
}

bool hlffi_call_method_bool(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv, bool fallback) {
    hlffi_value* r = call_method(obj, method_name, argc, argv);
    bool out = hlffi_value_as_bool(r, fallback);
    hlffi_value_free(r);
    return out;
}

char* hlffi_call_method_string(hlffi_value* obj, const char* method_name, int argc, hlffi_value** argv) {
    hlffi_value* r = call_method(obj, method_name, argc, argv);
    char* out = hlffi_value_as_string(r);
    hlffi_value_free(r);
    return out;
}

bool hlffi_is_instance_of(hlffi_value* obj, const char* class_name) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, obj, "obj") || !api::check_name(vm, class_name, "class_name")) return false;
    rt::HType* cls = api::find_class(vm, class_name);
    rt::VDynamic* d = api::dynamic_of(obj);
    if (cls == nullptr || d == nullptr) return false;
    api::succeed(vm);
    return rt::safe_cast(d->t, cls);
}

}  // extern "C"
