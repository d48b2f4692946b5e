// api layer: Haxe Arrays as HashLink lays them out (classes, fields, growth), named method calls
// and type-handle checks, shared by arrays.cpp, maps.cpp and bytes.cpp (data_internal.h).
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "api/data_internal.h"
#include "std/dynamic.h"

namespace hlffi::api::data {

namespace {

using rt::HType;
using rt::Slot;
using rt::TypeKind;

struct BytesClass {
    std::u16string_view name;
    TypeKind kind;
};
constexpr BytesClass kBytesClasses[] = {
    {u"hl.types.ArrayBytes_Int", TypeKind::I32},
    {u"hl.types.ArrayBytes_Float", TypeKind::F64},
    {u"hl.types.ArrayBytes_hl_F32", TypeKind::F32},
    {u"hl.types.ArrayBytes_hl_UI16", TypeKind::UI16},
};

const char* bytes_class_name(TypeKind k) {
    switch (k) {
    case TypeKind::I32: return "hl.types.ArrayBytes_Int";
    case TypeKind::F64: return "hl.types.ArrayBytes_Float";
    case TypeKind::F32: return "hl.types.ArrayBytes_hl_F32";
    case TypeKind::UI16: return "hl.types.ArrayBytes_hl_UI16";
    default: return nullptr;
    }
}

// Byte offset of field `name` in class t, or -1.
int32_t offset_of(HType* t, const char* name) {
    int32_t i = find_field(t, name_hash(name));
    return i < 0 ? -1 : t->obj->fields[static_cast<size_t>(i)].offset;
}

bool has_field(HType* t, const char* name, TypeKind k) {
    int32_t i = find_field(t, name_hash(name));
    return i >= 0 && t->obj->fields[static_cast<size_t>(i)].type->kind == k;
}

// The class has the fields its form is read through (a damaged or hostile program could name
// another class like Haxe's own).
bool layout_ok(HType* t, ArrayForm form) {
    if (t == nullptr || t->kind != TypeKind::Obj || t->obj == nullptr) return false;
    switch (form) {
    case ArrayForm::Bytes:
        return has_field(t, "length", TypeKind::I32) && has_field(t, "bytes", TypeKind::Bytes) && has_field(t, "size", TypeKind::I32);
    case ArrayForm::Obj: return has_field(t, "length", TypeKind::I32) && has_field(t, "array", TypeKind::Array);
    case ArrayForm::Dyn: return has_field(t, "array", TypeKind::Obj) && has_field(t, "allowReinterpret", TypeKind::Bool);
    default: return false;
    }
}

// The class `name` of the program, or nullptr after recording which class is missing and why.
HType* array_class(hlffi_vm* vm, const char* name, ArrayForm form, const char* haxe_type) {
    HType* t = find_type(vm, name);
    if (layout_ok(t, form)) return t;
    fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND,
         std::string("the program has no class ") + name + " (it never uses " + haxe_type + ", so Haxe left it out)");
    return nullptr;
}

bool out_of_memory(vm::HostEntry& e, hlffi_vm* vm, std::string_view what) {
    vm::settle(e, false);
    fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, std::string(what) + ": out of memory");
    return false;
}

bool out_of_bounds(hlffi_vm* vm, int32_t index, int32_t length, std::string_view what) {
    fail(vm, HLFFI_ERROR_INVALID_ARGUMENT,
         std::string(what) + ": index " + std::to_string(index) + " is out of bounds (length " + std::to_string(length) + ")");
    return false;
}

// ArrayObj with `array` = a native array of `at` holding `length` elements (already filled).
rt::VObj* wrap_obj(vm::HostEntry& e, hlffi_vm* vm, HType* cls, rt::VArray* arr, int32_t length, std::string_view what) {
    rt::Ctx& c = e.ctx();
    rt::RootGuard keep_arr(c, &arr);
    rt::VObj* o = rt::alloc_object(c, cls);
    if (o == nullptr) return out_of_memory(e, vm, what), nullptr;
    rt::field_ref<rt::VArray*>(o, offset_of(cls, "array")) = arr;
    rt::field_ref<int32_t>(o, offset_of(cls, "length")) = length;
    return o;
}

}  // namespace

ArrayView classify(hlffi_vm* vm, rt::VDynamic* d) {
    ArrayView a;
    if (d == nullptr) return a;
    a.value = d;
    if (d->t->kind == TypeKind::Array) {
        a.form = ArrayForm::Native;
        a.elem = reinterpret_cast<rt::VArray*>(d)->at;
        return a;
    }
    if (d->t->kind != TypeKind::Obj || d->t->obj == nullptr) return a;
    const std::u16string& name = d->t->obj->name;
    for (const BytesClass& b : kBytesClasses) {
        if (name == b.name && layout_ok(d->t, ArrayForm::Bytes)) {
            a.form = ArrayForm::Bytes;
            a.elem = basic_type(vm, b.kind);
            return a;
        }
    }
    if (name == u"hl.types.ArrayObj" && layout_ok(d->t, ArrayForm::Obj)) {
        a.form = ArrayForm::Obj;
        auto* arr = rt::field_ref<rt::VArray*>(d, offset_of(d->t, "array"));
        a.elem = arr != nullptr ? arr->at : basic_type(vm, TypeKind::Dyn);
    } else if (name == u"hl.types.ArrayDyn" && layout_ok(d->t, ArrayForm::Dyn)) {
        a.form = ArrayForm::Dyn;
        a.elem = basic_type(vm, TypeKind::Dyn);
    }
    return a;
}

ArrayView inner_of(hlffi_vm* vm, const ArrayView& dyn) {
    auto* inner = rt::field_ref<rt::VDynamic*>(dyn.value, offset_of(dyn.value->t, "array"));
    ArrayView a = classify(vm, inner);
    if (a.form == ArrayForm::Dyn || a.form == ArrayForm::Native) a.form = ArrayForm::None;
    return a;
}

int32_t length_of(hlffi_vm* vm, const ArrayView& a) {
    switch (a.form) {
    case ArrayForm::Native: return reinterpret_cast<rt::VArray*>(a.value)->size;
    case ArrayForm::Bytes:
    case ArrayForm::Obj: return rt::field_ref<int32_t>(a.value, offset_of(a.value->t, "length"));
    case ArrayForm::Dyn: {
        ArrayView in = inner_of(vm, a);
        return in.form == ArrayForm::None ? 0 : length_of(vm, in);
    }
    case ArrayForm::None: break;
    }
    return -1;
}

rt::VObj* make_array(vm::HostEntry& e, hlffi_vm* vm, HType* elem, int32_t length, std::string_view what) {
    rt::Ctx& c = e.ctx();
    TypeKind k = elem->kind;
    if (k == TypeKind::Void || k == TypeKind::Method || k == TypeKind::Struct || k == TypeKind::Packed ||
        k == TypeKind::Guid) {
        fail(vm, HLFFI_ERROR_INVALID_TYPE,
             std::string(what) + ": a Haxe Array cannot hold " + rt::type_name(elem) +
                 (k == TypeKind::Struct ? " (Haxe 4.2.5 boxes Array<struct> elements without a type header; "
                                          "use hlffi_native_array_new_struct)"
                                        : ""));
        return nullptr;
    }
    if (const char* bytes_name = bytes_class_name(k)) {
        HType* cls = array_class(vm, bytes_name, ArrayForm::Bytes, (std::string("Array<") + rt::type_name(elem) + ">").c_str());
        if (cls == nullptr) return nullptr;
        // Haxe computes byte sizes as `length << sizeBits` in 32 bits.
        if (length > INT32_MAX / rt::storage_size(k)) {
            fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + ": length " + std::to_string(length) + " is too large");
            return nullptr;
        }
        rt::VObj* o = rt::alloc_object(c, cls);
        if (o == nullptr) return out_of_memory(e, vm, what), nullptr;
        rt::RootGuard keep(c, &o);
        // As `new Array<Int>()` then a resize: no storage when empty, else exactly `length` slots.
        void* bytes = nullptr;
        if (length > 0) {
            bytes = rt::alloc_noscan(c, static_cast<size_t>(length) * static_cast<size_t>(rt::storage_size(k)));
            if (bytes == nullptr) return out_of_memory(e, vm, what), nullptr;
        }
        rt::field_ref<void*>(o, offset_of(cls, "bytes")) = bytes;
        rt::field_ref<int32_t>(o, offset_of(cls, "length")) = length;
        rt::field_ref<int32_t>(o, offset_of(cls, "size")) = length;
        return o;
    }
    HType* obj_cls = array_class(vm, "hl.types.ArrayObj", ArrayForm::Obj, "an Array of objects");
    if (obj_cls == nullptr) return nullptr;
    HType* dyn = basic_type(vm, TypeKind::Dyn);
    if (k == TypeKind::Dyn) {
        HType* dyn_cls = array_class(vm, "hl.types.ArrayDyn", ArrayForm::Dyn, "Array<Dynamic>");
        if (dyn_cls == nullptr) return nullptr;
        rt::VArray* arr = rt::alloc_array(c, dyn, length);
        if (arr == nullptr) return out_of_memory(e, vm, what), nullptr;
        rt::VObj* inner = wrap_obj(e, vm, obj_cls, arr, length, what);
        if (inner == nullptr) return nullptr;
        rt::RootGuard keep(c, &inner);
        rt::VObj* o = rt::alloc_object(c, dyn_cls);
        if (o == nullptr) return out_of_memory(e, vm, what), nullptr;
        rt::field_ref<rt::VObj*>(o, offset_of(dyn_cls, "array")) = inner;
        // `new Array<Dynamic>()` and literals allow the later reinterpretation as Array<Int>.
        rt::field_ref<bool>(o, offset_of(dyn_cls, "allowReinterpret")) = true;
        return o;
    }
    // Non-pointer elements other than the ArrayBytes kinds (Bool, UI8, I64) are stored boxed in
    // a native array of Dynamic, as Haxe's `[false, true]` does; pointer kinds are stored as is.
    bool boxed = !rt::is_pointer(elem);
    rt::VArray* arr = rt::alloc_array(c, boxed ? dyn : elem, length);
    if (arr == nullptr) return out_of_memory(e, vm, what), nullptr;
    rt::RootGuard keep(c, &arr);
    if (boxed) {
        for (int32_t i = 0; i < length; i++) {
            Slot zero = 0;
            rt::VDynamic* box = rt::make_dyn(c, &zero, elem);
            if (box == nullptr) return out_of_memory(e, vm, what), nullptr;
            arr->data<rt::VDynamic*>()[i] = box;
        }
    }
    return wrap_obj(e, vm, obj_cls, arr, length, what);
}

bool get_element(hlffi_vm* vm, const ArrayView& a, int32_t index, HType** type, Slot* slot, std::string_view what) {
    if (a.form == ArrayForm::Dyn) {
        ArrayView in = inner_of(vm, a);
        if (in.form == ArrayForm::None) return out_of_bounds(vm, index, 0, what);
        return get_element(vm, in, index, type, slot, what);
    }
    int32_t length = length_of(vm, a);
    if (index < 0 || index >= length) return out_of_bounds(vm, index, length, what);
    *slot = 0;
    *type = a.elem;
    int32_t width = rt::storage_size(a.elem);
    switch (a.form) {
    case ArrayForm::Native:
        std::memcpy(slot, reinterpret_cast<rt::VArray*>(a.value)->data<char>() + static_cast<size_t>(index) * width,
                    static_cast<size_t>(width));
        return true;
    case ArrayForm::Bytes: {
        auto* bytes = rt::field_ref<char*>(a.value, offset_of(a.value->t, "bytes"));
        int32_t size = rt::field_ref<int32_t>(a.value, offset_of(a.value->t, "size"));
        if (bytes == nullptr || index >= size) return out_of_bounds(vm, index, size, what);
        std::memcpy(slot, bytes + static_cast<size_t>(index) * width, static_cast<size_t>(width));
        return true;
    }
    case ArrayForm::Obj: {
        auto* arr = rt::field_ref<rt::VArray*>(a.value, offset_of(a.value->t, "array"));
        if (arr == nullptr || index >= arr->size) return out_of_bounds(vm, index, arr == nullptr ? 0 : arr->size, what);
        std::memcpy(slot, arr->data<char>() + static_cast<size_t>(index) * width, static_cast<size_t>(width));
        return true;
    }
    default: break;
    }
    fail(vm, HLFFI_ERROR_TYPE_MISMATCH, std::string(what) + ": the value is not an array");
    return false;
}

bool set_element(vm::HostEntry& e, hlffi_vm* vm, const ArrayView& a, int32_t index, const hlffi_value* v,
                 std::string_view what) {
    rt::Ctx& c = e.ctx();
    if (index < 0) return out_of_bounds(vm, index, length_of(vm, a), what);
    Slot s = 0;
    if (!to_slot(e, vm, v, a.elem, &s, what)) return false;
    // A box made by the conversion lives only here until stored, and growing allocates.
    rt::RootGuard keep(c, &s);
    rt::VDynamic* self = a.value;
    rt::RootGuard keep_self(c, &self);
    int32_t width = rt::storage_size(a.elem);
    switch (a.form) {
    case ArrayForm::Native: {
        auto* arr = reinterpret_cast<rt::VArray*>(self);
        if (index >= arr->size) return out_of_bounds(vm, index, arr->size, what);
        std::memcpy(arr->data<char>() + static_cast<size_t>(index) * width, &s, static_cast<size_t>(width));
        return true;
    }
    case ArrayForm::Dyn: {
        rt::FunctionCode* f = method_of(vm, self, "setDyn");
        if (f == nullptr) return false;
        Slot args[2] = {rt::slot_of<int32_t>(index), s};
        return invoke(e, vm, f, self, args, 2, nullptr, what);
    }
    case ArrayForm::Bytes:
    case ArrayForm::Obj: {
        int32_t length = length_of(vm, a);
        // Haxe's __expand computes index + 1 and, for ArrayBytes, (index + 1) << sizeBits in 32
        // bits: an index past that would overflow inside Haxe code and break the array.
        if (index >= INT32_MAX / std::max(width, 1) - 1) {
            fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + ": index " + std::to_string(index) + " is too large");
            return false;
        }
        if (index >= length) {
            // What Haxe code does for `a[i] = v` past the end: the class's own __expand(i).
            rt::FunctionCode* f = method_of(vm, self, "__expand");
            if (f == nullptr) return false;
            Slot arg = rt::slot_of<int32_t>(index);
            if (!invoke(e, vm, f, self, &arg, 1, nullptr, what)) return false;
        }
        // Checked again after growing: storage that did not grow must not be written past.
        char* base = nullptr;
        int32_t capacity = 0;
        if (a.form == ArrayForm::Bytes) {
            base = rt::field_ref<char*>(self, offset_of(self->t, "bytes"));
            capacity = rt::field_ref<int32_t>(self, offset_of(self->t, "size"));
        } else {
            auto* arr = rt::field_ref<rt::VArray*>(self, offset_of(self->t, "array"));
            if (arr != nullptr) base = arr->data<char>(), capacity = arr->size;
        }
        if (base == nullptr || index >= capacity || index >= length_of(vm, a)) {
            fail(vm, HLFFI_ERROR_INTERNAL, std::string(what) + ": the array did not grow to index " + std::to_string(index));
            return false;
        }
        std::memcpy(base + static_cast<size_t>(index) * width, &s, static_cast<size_t>(width));
        return true;
    }
    case ArrayForm::None: break;
    }
    fail(vm, HLFFI_ERROR_TYPE_MISMATCH, std::string(what) + ": the value is not an array");
    return false;
}

hlffi_value temp_value(hlffi_vm* vm, HType* t, Slot s) {
    hlffi_value tmp;
    tmp.magic = kLiveValue;
    tmp.vm = vm;
    tmp.generation = vm->vm.generation;
    tmp.type = t;
    tmp.slot = s;
    return tmp;
}

rt::FunctionCode* method_of(hlffi_vm* vm, rt::VDynamic* self, const char* name) {
    rt::FunctionCode* f = find_method(vm, self->t, name_hash(name));
    if (f == nullptr)
        fail(vm, HLFFI_ERROR_METHOD_NOT_FOUND,
             rt::type_name(self->t) + "." + name + " is not in the program (Haxe's dead-code elimination removes "
                                                  "methods the program never calls)");
    return f;
}

bool invoke(vm::HostEntry& e, hlffi_vm* vm, rt::FunctionCode* f, rt::VDynamic* self, const Slot* args, int nargs,
            Slot* ret, std::string_view what) {
    constexpr int kMax = 4;
    Slot all[kMax + 1] = {};
    all[0] = reinterpret_cast<Slot>(self);
    for (int i = 0; i < nargs && i < kMax; i++) all[i + 1] = args[i];
    Slot r = 0;
    vm::CallOutcome o = vm::call_from_host(e, f, all, nargs + 1, &r);
    if (o != vm::CallOutcome::Ok) {
        outcome_error(vm, o, what);
        return false;
    }
    if (ret != nullptr) *ret = r;
    return true;
}

HType* type_of(hlffi_vm* vm, hlffi_type* t, const char* what) {
    if (t == nullptr) {
        fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + " is NULL");
        return nullptr;
    }
    // Compared by address first: a handle of a closed program is gone and must not be read.
    TypeIndex& ix = type_index(vm);
    for (const auto& [type, handle] : ix.handle_of)
        if (handle == t) return t->t;
    fail(vm, HLFFI_ERROR_STALE_HANDLE, std::string(what) + " is not a type of this VM's loaded program");
    return nullptr;
}

}  // namespace hlffi::api::data
