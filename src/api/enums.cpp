// api layer: the Enums section of include/hlffi.h: constructors of an enum type by dotted name,
// reading enum values, and making them as Haxe does.
//
// A constructor without parameters is one shared value per program in HashLink (the one
// Type.initEnum stores in the enum object's __evalues__ during static initialisation; `c == Red`
// compares pointers), so the host gets that value, never a copy. Constructors with parameters
// make a new value each time, as Haxe's `Rgb(1, 2, 3)` does.
#include "api/api_internal.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

// The enum type named `name`, or nullptr after recording.
rt::HType* find_enum(hlffi_vm* vm, const char* name) {
    if (vm == nullptr || !api::check_loaded(vm) || !api::check_name(vm, name, "type_name")) return nullptr;
    rt::HType* t = api::find_type(vm, name);
    if (t == nullptr || t->kind != rt::TypeKind::Enum || t->enm == nullptr) {
        api::fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND,
                  std::string(t == nullptr ? "no type named '" : "not an enum: '") + name + "'" +
                      (t == nullptr ? " in the program" : ""));
        return nullptr;
    }
    return t;
}

// Constructor `index` of enum `t`, or nullptr after recording.
const rt::EnumConstruct* construct_at(hlffi_vm* vm, rt::HType* t, int index) {
    const auto& cs = t->enm->constructs;
    if (index < 0 || static_cast<size_t>(index) >= cs.size()) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  "constructor index " + std::to_string(index) + " out of range: " + api::utf8(t->enm->name) + " has " +
                      std::to_string(cs.size()) + " constructor(s)");
        return nullptr;
    }
    return &cs[static_cast<size_t>(index)];
}

// The enum value held by `v`, or nullptr after recording (vm is set to v's VM when valid).
rt::VEnum* enum_of(hlffi_value* v, hlffi_vm** vm_out) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, v)) return nullptr;
    *vm_out = vm;
    rt::VDynamic* d = api::dynamic_of(v);
    if (d == nullptr || d->t->kind != rt::TypeKind::Enum) {
        bool null = rt::is_pointer(v->type) && v->slot == 0;
        api::fail(vm, null ? HLFFI_ERROR_NULL_VALUE : HLFFI_ERROR_TYPE_MISMATCH,
                  null ? std::string("the value is null") : "the value is not an enum (" + rt::type_name(api::runtime_type(v)) + ")");
        return nullptr;
    }
    return reinterpret_cast<rt::VEnum*>(d);
}

const rt::EnumConstruct& construct_of(const rt::VEnum* e) { return e->t->enm->constructs[static_cast<size_t>(e->index)]; }

// The program's shared value of parameterless constructor `index`, or nullptr after recording.
rt::VEnum* shared_value(vm::HostEntry& e, hlffi_vm* vm, rt::HType* t, int index) {
    const std::vector<rt::Slot>& globals = vm->vm.globals;
    int32_t g = t->enm->global;
    if (g >= 0 && static_cast<size_t>(g) < globals.size()) {
        auto* obj = reinterpret_cast<rt::VObj*>(globals[static_cast<size_t>(g)]);
        if (obj == nullptr) {
            api::fail(vm, HLFFI_ERROR_ENTRY_NOT_CALLED,
                      "the values of " + api::utf8(t->enm->name) + " are made by static initialisation (call hlffi_call_entry first)");
            return nullptr;
        }
        int32_t f = api::find_field(obj->t, api::name_hash("__evalues__"));
        if (f >= 0) {
            const rt::ObjField& field = obj->t->obj->fields[static_cast<size_t>(f)];
            auto* values = rt::field_ref<rt::VArray*>(obj, field.offset);
            if (values != nullptr && index < values->size) {
                if (auto* v = values->data<rt::VEnum*>()[index]; v != nullptr) return v;
            }
        }
    }
    // An enum without an enum object: Haxe code makes its values where it needs them too.
    rt::VEnum* v = rt::alloc_enum(e.ctx(), t, index);
    if (v == nullptr) {
        vm::settle(e, false);
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "out of memory for an enum value");
    }
    return v;
}

}  // namespace

extern "C" {

int hlffi_enum_get_construct_count(hlffi_vm* vm, const char* type_name) {
    rt::HType* t = find_enum(vm, type_name);
    if (t == nullptr) return -1;
    api::succeed(vm);
    return static_cast<int>(t->enm->constructs.size());
}

char* hlffi_enum_get_construct_name(hlffi_vm* vm, const char* type_name, int index) {
    rt::HType* t = find_enum(vm, type_name);
    if (t == nullptr) return nullptr;
    const rt::EnumConstruct* k = construct_at(vm, t, index);
    if (k == nullptr) return nullptr;
    api::succeed(vm);
    return api::malloc_copy(api::utf8(k->name));
}

int hlffi_enum_get_index(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    rt::VEnum* e = enum_of(value, &vm);
    if (e == nullptr) return -1;
    api::succeed(vm);
    return e->index;
}

char* hlffi_enum_get_name(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    rt::VEnum* e = enum_of(value, &vm);
    if (e == nullptr) return nullptr;
    api::succeed(vm);
    return api::malloc_copy(api::utf8(construct_of(e).name));
}

int hlffi_enum_get_param_count(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    rt::VEnum* e = enum_of(value, &vm);
    if (e == nullptr) return -1;
    api::succeed(vm);
    return static_cast<int>(construct_of(e).params.size());
}

hlffi_value* hlffi_enum_get_param(hlffi_value* value, int param_index) {
    hlffi_vm* vm = nullptr;
    rt::VEnum* e = enum_of(value, &vm);
    if (e == nullptr) return nullptr;
    const rt::EnumConstruct& k = construct_of(e);
    if (param_index < 0 || static_cast<size_t>(param_index) >= k.params.size()) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  "parameter index " + std::to_string(param_index) + " out of range: " + api::utf8(k.name) + " has " +
                      std::to_string(k.params.size()) + " parameter(s)");
        return nullptr;
    }
    auto i = static_cast<size_t>(param_index);
    rt::Slot s = 0;
    std::memcpy(&s, rt::field_addr(e, k.offsets[i]), static_cast<size_t>(rt::storage_size(k.params[i])));
    hlffi_value* v = api::make_value(vm, k.params[i], s);
    if (v != nullptr) api::succeed(vm);
    return v;
}

hlffi_value* hlffi_enum_alloc_simple(hlffi_vm* vm, const char* type_name, int index) {
    rt::HType* t = find_enum(vm, type_name);
    if (t == nullptr) return nullptr;
    const rt::EnumConstruct* k = construct_at(vm, t, index);
    if (k == nullptr) return nullptr;
    if (!k->params.empty()) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
                  api::utf8(t->enm->name) + "." + api::utf8(k->name) + " takes " + std::to_string(k->params.size()) +
                      " parameter(s): use hlffi_enum_alloc");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VEnum* v = shared_value(e, vm, t, index);
    if (v == nullptr) return nullptr;
    hlffi_value* h = api::make_value(vm, t, reinterpret_cast<rt::Slot>(v));
    if (h != nullptr) api::succeed(vm);
    return h;
}

hlffi_value* hlffi_enum_alloc(hlffi_vm* vm, const char* type_name, int index, int nparam, hlffi_value** params) {
    rt::HType* t = find_enum(vm, type_name);
    if (t == nullptr) return nullptr;
    const rt::EnumConstruct* k = construct_at(vm, t, index);
    if (k == nullptr) return nullptr;
    std::string what = api::utf8(t->enm->name) + "." + api::utf8(k->name);
    if (nparam < 0 || static_cast<size_t>(nparam) != k->params.size()) {
        api::fail(vm, HLFFI_ERROR_WRONG_ARITY,
                  what + " takes " + std::to_string(k->params.size()) + " parameter(s), " + std::to_string(nparam) + " given");
        return nullptr;
    }
    if (nparam > 0 && params == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, what + ": params is NULL");
        return nullptr;
    }
    for (int i = 0; i < nparam; i++) {
        hlffi_vm* owner = vm;
        std::string label = what + " parameter " + std::to_string(i + 1);
        if (!api::check_value(owner, params[i], label.c_str())) return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VEnum* v = nullptr;
    if (nparam == 0) {
        v = shared_value(e, vm, t, index);
        if (v == nullptr) return nullptr;
    } else {
        rt::Ctx& c = e.ctx();
        v = rt::alloc_enum(c, t, index);
        if (v == nullptr) {
            vm::settle(e, false);
            api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, what + ": out of memory");
            return nullptr;
        }
        // Each parameter is stored as soon as it is converted: a boxed one is then reachable
        // through the (rooted) value when the next conversion allocates.
        rt::RootGuard keep(c, &v);
        for (size_t i = 0; i < k->params.size(); i++) {
            rt::Slot s = 0;
            std::string label = what + " parameter " + std::to_string(i + 1);
            if (!api::to_slot(e, vm, params[i], k->params[i], &s, label)) return nullptr;
            std::memcpy(rt::field_addr(v, k->offsets[i]), &s, static_cast<size_t>(rt::storage_size(k->params[i])));
        }
    }
    hlffi_value* h = api::make_value(vm, t, reinterpret_cast<rt::Slot>(v));
    if (h != nullptr) api::succeed(vm);
    return h;
}

bool hlffi_enum_is(hlffi_value* value, int index) {
    hlffi_vm* vm = nullptr;
    rt::VEnum* e = enum_of(value, &vm);
    if (e == nullptr) return false;
    api::succeed(vm);
    return e->index == index;
}

bool hlffi_enum_is_named(hlffi_value* value, const char* name) {
    hlffi_vm* vm = nullptr;
    rt::VEnum* e = enum_of(value, &vm);
    if (e == nullptr || !api::check_name(vm, name, "name")) return false;
    api::succeed(vm);
    return api::utf8(construct_of(e).name) == name;
}

}  // extern "C"
