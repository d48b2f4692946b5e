// api layer: host values to Haxe values of a given type and back, by Haxe's rules (api_internal.h).
#include <cstring>

#include "api/api_internal.h"
#include "std/dynamic.h"
#include "util/utf.h"

namespace hlffi::api {

namespace {

using rt::HType;
using rt::Slot;
using rt::TypeKind;

bool is_int_kind(TypeKind k) { return k == TypeKind::UI8 || k == TypeKind::UI16 || k == TypeKind::I32 || k == TypeKind::I64; }
bool is_float_kind(TypeKind k) { return k == TypeKind::F32 || k == TypeKind::F64; }
bool is_number_kind(TypeKind k) { return is_int_kind(k) || is_float_kind(k); }

int64_t int_of(TypeKind k, Slot s) {
    switch (k) {
    case TypeKind::UI8: return rt::slot_get<uint8_t>(s);
    case TypeKind::UI16: return rt::slot_get<uint16_t>(s);
    case TypeKind::I32: return rt::slot_get<int32_t>(s);
    default: return rt::slot_get<int64_t>(s);
    }
}

double float_of(TypeKind k, Slot s) {
    if (k == TypeKind::F32) return rt::slot_get<float>(s);
    if (k == TypeKind::F64) return rt::slot_get<double>(s);
    return static_cast<double>(int_of(k, s));
}

// A number of kind `from` stored as kind `to` (both numeric; float to int is refused before).
Slot number_as(TypeKind from, Slot s, TypeKind to) {
    switch (to) {
    case TypeKind::UI8: return rt::slot_of<uint8_t>(static_cast<uint8_t>(int_of(from, s)));
    case TypeKind::UI16: return rt::slot_of<uint16_t>(static_cast<uint16_t>(int_of(from, s)));
    case TypeKind::I32: return rt::slot_of<int32_t>(static_cast<int32_t>(int_of(from, s)));
    case TypeKind::I64: return rt::slot_of<int64_t>(int_of(from, s));
    case TypeKind::F32: return rt::slot_of<float>(static_cast<float>(float_of(from, s)));
    default: return rt::slot_of<double>(float_of(from, s));
    }
}

bool mismatch(hlffi_vm* vm, const hlffi_value* v, HType* to, std::string_view what) {
    HType* got = runtime_type(v);
    std::string got_name = got == nullptr || (rt::is_pointer(v->type) && v->slot == 0) ? "null" : rt::type_name(got);
    fail(vm, HLFFI_ERROR_TYPE_MISMATCH, std::string(what) + ": expected " + rt::type_name(to) + ", got " + got_name);
    return false;
}

}  // namespace

rt::VDynamic* dynamic_of(const hlffi_value* v) {
    if (v->type == nullptr || !rt::is_dynamic(v->type) || v->slot == 0) return nullptr;
    return reinterpret_cast<rt::VDynamic*>(v->slot);
}

rt::HType* runtime_type(const hlffi_value* v) {
    if (rt::VDynamic* d = dynamic_of(v)) return d->t;
    return v->type;
}

rt::HType* basic_type(hlffi_vm* vm, rt::TypeKind k) { return vm->vm.program()->builtin[static_cast<int>(k)]; }

bool to_slot(vm::HostEntry& e, hlffi_vm* vm, const hlffi_value* v, HType* to, Slot* out, std::string_view what) {
    rt::Ctx& c = e.ctx();
    HType* from = v->type;
    Slot s = v->slot;
    TypeKind tk = to->kind, fk = from->kind;
    if (tk == TypeKind::Void) {
        *out = 0;
        return true;
    }
    if (from == to || rt::same_type(from, to)) {
        *out = s;
        return true;
    }
    if (is_number_kind(tk) || tk == TypeKind::Bool) {
        // A boxed number (Dynamic, Null<T>) is read as the number inside it.
        if (rt::is_dynamic(from)) {
            rt::VDynamic* d = dynamic_of(v);
            if (d == nullptr) return mismatch(vm, v, to, what);
            fk = d->t->kind;
            if (!is_number_kind(fk) && fk != TypeKind::Bool) return mismatch(vm, v, to, what);
            s = 0;
            std::memcpy(&s, &d->v, static_cast<size_t>(rt::storage_size(d->t)));
        }
        if (tk == TypeKind::Bool || fk == TypeKind::Bool) {
            if (tk != fk) return mismatch(vm, v, to, what);
            *out = s & 0xFF;
            return true;
        }
        if (!is_number_kind(fk) || (is_float_kind(fk) && is_int_kind(tk))) return mismatch(vm, v, to, what);
        *out = number_as(fk, s, tk);
        return true;
    }
    if (rt::is_pointer(from) && s == 0) {  // null fits every reference type
        *out = 0;
        return true;
    }
    if (!rt::is_pointer(from)) {
        // A plain Int/Float/Bool into Dynamic or Null<T>: boxed (as Haxe does).
        if (tk == TypeKind::Null) {
            HType* inner = to->param;
            Slot inner_value = 0;
            hlffi_value plain = *v;
            if (!to_slot(e, vm, &plain, inner, &inner_value, what)) return false;
            *out = reinterpret_cast<Slot>(rt::make_dyn(c, &inner_value, inner));
        } else if (tk == TypeKind::Dyn) {
            *out = reinterpret_cast<Slot>(rt::make_dyn(c, &s, from));
        } else {
            return mismatch(vm, v, to, what);
        }
        if (c.exception) {
            c.exception = false;
            fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, std::string(what) + ": out of memory");
            return false;
        }
        return true;
    }
    HType* actual = runtime_type(v);
    if (rt::safe_cast(actual, to) || rt::safe_cast(from, to)) {
        *out = s;
        return true;
    }
    if (!rt::is_dynamic(from) || !rt::is_dynamic(to)) return mismatch(vm, v, to, what);
    // Haxe's dynamic cast: virtuals, closures of other signatures, Null<T> boxes.
    void* cast = rt::dyn_castp(c, &s, from, to);
    if (c.exception) {
        c.exception = false;
        c.exception_value = nullptr;
        return mismatch(vm, v, to, what);
    }
    *out = reinterpret_cast<Slot>(cast);
    return true;
}

namespace {

// A live value of this VM already of the parameter's type (the same type, or a scalar of the same
// kind) needs no conversion: the common case of a call, taken before building any message text.
bool fits_as_is(hlffi_vm* vm, const hlffi_value* v, const HType* t) {
    if (v == nullptr || v->magic != kLiveValue || v->vm != vm || v->type == nullptr || v->generation != vm->vm.generation)
        return false;
    return v->type == t || (!rt::is_pointer(t) && t->kind != TypeKind::Void && v->type->kind == t->kind);
}

}  // namespace

bool convert_args(vm::HostEntry& e, hlffi_vm* vm, HType* ft, int first, int argc, hlffi_value** argv, Slot* out,
                  std::string_view what) {
    const auto& params = ft->fun->args;
    int expected = static_cast<int>(params.size()) - first;
    if (argc != expected) {
        fail(vm, HLFFI_ERROR_WRONG_ARITY,
             std::string(what) + " takes " + std::to_string(expected) + " argument(s), " + std::to_string(argc) + " given");
        return false;
    }
    if (argc > 0 && argv == nullptr) {
        fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + ": argv is NULL");
        return false;
    }
    for (int i = 0; i < argc; i++) {
        if (fits_as_is(vm, argv[i], params[static_cast<size_t>(first + i)])) {
            out[first + i] = argv[i]->slot;
            continue;
        }
        std::string label = std::string(what) + " argument " + std::to_string(i + 1);
        hlffi_vm* owner = vm;
        if (!check_value(owner, argv[i], label.c_str())) return false;
        if (!to_slot(e, vm, argv[i], params[static_cast<size_t>(first + i)], &out[first + i], label)) return false;
    }
    return true;
}

bool value_text(vm::HostEntry& e, hlffi_vm* vm, const hlffi_value* v, std::string* out) {
    rt::Ctx& c = e.ctx();
    HType* t = runtime_type(v);
    if (t != nullptr && t == vm->vm.program()->string_type) {
        auto* str = reinterpret_cast<rt::VString*>(v->slot);
        *out = utf16_to_utf8(std::u16string_view(str->bytes, static_cast<size_t>(str->length)));
        return true;
    }
    Slot s = v->slot;
    rt::VDynamic* d = rt::make_dyn(c, &s, v->type);
    rt::RootGuard keep(c, &d);
    int32_t len = 0;
    char16_t* text = c.exception ? nullptr : rt::value_to_string(c, d, &len);
    if (vm::settle(e, text != nullptr) != vm::CallOutcome::Ok) {
        outcome_error(vm, vm::CallOutcome::Exception, "converting a value to text");
        return false;
    }
    *out = utf16_to_utf8(std::u16string_view(text, static_cast<size_t>(len)));
    return true;
}

}  // namespace hlffi::api
