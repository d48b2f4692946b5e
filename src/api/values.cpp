// api layer: the Values section of include/hlffi.h: making host values, reading them as C types.
#include <cstring>

#include "api/api_internal.h"
#include "std/dynamic.h"

using namespace hlffi;
using api::check_value;

namespace {

// A value of basic kind k holding `s`.
hlffi_value* basic_value(hlffi_vm* vm, rt::TypeKind k, rt::Slot s) {
    if (vm == nullptr) return nullptr;
    if (!api::check_loaded(vm)) return nullptr;
    // basic_type, inline: every value the host makes passes here.
    hlffi_value* v = api::make_value(vm, vm->vm.program()->builtin[static_cast<int>(k)], s);
    if (v != nullptr) api::succeed(vm);
    return v;
}

// The number or bool in v (unboxed from Dynamic/Null<T>), as a slot of kind *kind; false for
// anything else.
bool number_in(hlffi_value* v, rt::TypeKind* kind, rt::Slot* s) {
    hlffi_vm* vm = nullptr;
    if (!check_value(vm, v)) return false;
    rt::HType* t = v->type;
    *s = v->slot;
    if (rt::is_dynamic(t)) {
        rt::VDynamic* d = api::dynamic_of(v);
        if (d == nullptr) return false;
        t = d->t;
        *s = 0;
        if (!rt::is_dynamic(t)) std::memcpy(s, &d->v, static_cast<size_t>(rt::storage_size(t)));
    }
    *kind = t->kind;
    switch (t->kind) {
    case rt::TypeKind::UI8: case rt::TypeKind::UI16: case rt::TypeKind::I32: case rt::TypeKind::I64:
    case rt::TypeKind::F32: case rt::TypeKind::F64: case rt::TypeKind::Bool:
        return true;
    default: return false;
    }
}

double as_double(rt::TypeKind k, rt::Slot s) {
    switch (k) {
    case rt::TypeKind::UI8: return rt::slot_get<uint8_t>(s);
    case rt::TypeKind::UI16: return rt::slot_get<uint16_t>(s);
    case rt::TypeKind::I32: return rt::slot_get<int32_t>(s);
    case rt::TypeKind::I64: return static_cast<double>(rt::slot_get<int64_t>(s));
    case rt::TypeKind::F32: return rt::slot_get<float>(s);
    case rt::TypeKind::F64: return rt::slot_get<double>(s);
    default: return (s & 0xFF) != 0 ? 1 : 0;
    }
}

// Out of line, so that hlffi_value_free itself needs no stack frame.
[[gnu::noinline, gnu::cold]] void freed_twice(hlffi_value* v) {
    api::fail(v->vm, HLFFI_ERROR_STALE_HANDLE, "hlffi_value_free: the value was already freed");
}

}  // namespace

extern "C" {

hlffi_value* hlffi_value_int(hlffi_vm* vm, int value) { return basic_value(vm, rt::TypeKind::I32, rt::slot_of<int32_t>(value)); }
hlffi_value* hlffi_value_float(hlffi_vm* vm, double value) { return basic_value(vm, rt::TypeKind::F64, rt::slot_of<double>(value)); }
hlffi_value* hlffi_value_f32(hlffi_vm* vm, float value) { return basic_value(vm, rt::TypeKind::F32, rt::slot_of<float>(value)); }
hlffi_value* hlffi_value_bool(hlffi_vm* vm, bool value) { return basic_value(vm, rt::TypeKind::Bool, value ? 1 : 0); }
hlffi_value* hlffi_value_null(hlffi_vm* vm) { return basic_value(vm, rt::TypeKind::Dyn, 0); }

hlffi_value* hlffi_value_string(hlffi_vm* vm, const char* str) {
    if (vm == nullptr || !api::check_loaded(vm)) return nullptr;
    if (str == nullptr) {
        api::fail(vm, HLFFI_ERROR_NULL_VALUE, "hlffi_value_string: str is NULL");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VString* s = rt::alloc_string_utf8(e.ctx(), str);
    if (s == nullptr) {
        vm::settle(e, false);
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_value_string: out of memory");
        return nullptr;
    }
    hlffi_value* v = api::make_value(vm, vm->vm.program()->string_type, reinterpret_cast<rt::Slot>(s));
    if (v != nullptr) api::succeed(vm);
    return v;
}

void hlffi_value_free(hlffi_value* value) {
    if (value == nullptr) return;
    if (value->magic == api::kLiveValue) {
        value->vm->values.release(value);
        return;
    }
    if (value->magic == api::kFreedValue) freed_twice(value);
}

hlffi_value* hlffi_value_copy(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    if (!check_value(vm, value)) return nullptr;
    return api::make_value(vm, value->type, value->slot);
}

int hlffi_value_as_int(hlffi_value* value, int fallback) {
    // An Int, the common case (callbacks read their arguments so), without the general unboxing.
    if (api::is_live(value) && value->type->kind == rt::TypeKind::I32) return rt::slot_get<int32_t>(value->slot);
    rt::TypeKind k;
    rt::Slot s;
    if (!number_in(value, &k, &s) || k == rt::TypeKind::Bool) return fallback;
    if (k == rt::TypeKind::I32 || k == rt::TypeKind::UI8 || k == rt::TypeKind::UI16) return static_cast<int>(as_double(k, s));
    if (k == rt::TypeKind::I64) return static_cast<int>(rt::slot_get<int64_t>(s));
    double d = as_double(k, s);
    if (!(d > -2147483649.0 && d < 2147483648.0)) return fallback;  // NaN or out of Int range
    return static_cast<int>(d);
}

double hlffi_value_as_float(hlffi_value* value, double fallback) {
    if (api::is_live(value) && value->type->kind == rt::TypeKind::F64) return rt::slot_get<double>(value->slot);
    rt::TypeKind k;
    rt::Slot s;
    if (!number_in(value, &k, &s) || k == rt::TypeKind::Bool) return fallback;
    return as_double(k, s);
}

float hlffi_value_as_f32(hlffi_value* value, float fallback) {
    rt::TypeKind k;
    rt::Slot s;
    if (!number_in(value, &k, &s) || k == rt::TypeKind::Bool) return fallback;
    if (k == rt::TypeKind::F32) return rt::slot_get<float>(s);
    return static_cast<float>(as_double(k, s));
}

bool hlffi_value_as_bool(hlffi_value* value, bool fallback) {
    rt::TypeKind k;
    rt::Slot s;
    if (!number_in(value, &k, &s) || k != rt::TypeKind::Bool) return fallback;
    return (s & 0xFF) != 0;
}

char* hlffi_value_as_string(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    if (!check_value(vm, value) || hlffi_value_is_null(value)) return nullptr;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    std::string text;
    if (!api::value_text(e, vm, value, &text)) return nullptr;
    api::succeed(vm);
    return api::malloc_copy(text);
}

bool hlffi_value_is_null(hlffi_value* value) {
    hlffi_vm* vm = nullptr;
    if (!check_value(vm, value)) return true;
    return rt::is_pointer(value->type) && value->slot == 0;
}

hlffi_type_kind hlffi_value_get_kind(hlffi_value* value) {
    // A live scalar, the common case (the C++ wrapper asks before reading every result).
    if (api::is_live(value) && !rt::is_pointer(value->type)) return static_cast<hlffi_type_kind>(value->type->kind);
    if (hlffi_value_is_null(value)) return HLFFI_TYPE_VOID;
    return static_cast<hlffi_type_kind>(api::runtime_type(value)->kind);
}

hlffi_type* hlffi_value_get_type(hlffi_value* value) {
    if (hlffi_value_is_null(value)) return nullptr;
    return api::type_handle(value->vm, api::runtime_type(value));
}

}  // extern "C"
