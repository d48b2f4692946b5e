// api layer: the Arrays section of include/hlffi.h: Haxe Arrays, native arrays and native
// arrays of structs, made by the host exactly as Haxe makes them (data_internal.h).
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "api/data_internal.h"
#include "std/dynamic.h"

using namespace hlffi;
using api::data::ArrayForm;
using api::data::ArrayView;

namespace {

// arr as an array; form None after recording (NULL_VALUE for null, TYPE_MISMATCH otherwise).
ArrayView array_of(hlffi_vm* vm, hlffi_value* arr) {
    rt::VDynamic* d = api::dynamic_of(arr);
    ArrayView a = api::data::classify(vm, d);
    if (a.form == ArrayForm::None) {
        bool null = rt::is_pointer(arr->type) && arr->slot == 0;
        api::fail(vm, null ? HLFFI_ERROR_NULL_VALUE : HLFFI_ERROR_TYPE_MISMATCH,
                  std::string("the value is ") + (null ? "null" : "not an array (" + rt::type_name(api::runtime_type(arr)) + ")"));
    }
    return a;
}

// vm is usable and arr is one of its live values.
bool check_vm_value(hlffi_vm* vm, hlffi_value* arr, const char* what) {
    return vm != nullptr && api::check_loaded(vm) && api::check_value(vm, arr, what);
}

// The struct type behind a handle; nullptr after recording INVALID_TYPE for other types.
rt::HType* struct_type_of(hlffi_vm* vm, hlffi_type* t, const char* what) {
    rt::HType* st = api::data::type_of(vm, t, what);
    if (st == nullptr) return nullptr;
    if (st->kind != rt::TypeKind::Struct || st->obj == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, std::string(what) + ": " + rt::type_name(st) + " is not a @:struct class");
        return nullptr;
    }
    return st;
}

// Size of the struct as C lays it out (fields at their offsets, padded to the widest field's
// alignment), which is what host code declares and copies.
int32_t c_size(const rt::HType* st) {
    int32_t align = 1;
    for (const rt::ObjField& f : st->obj->fields) align = std::max(align, rt::storage_size(f.type));
    return rt::align_to(st->obj->size, align);
}

// The native array of structs behind arr, or nullptr after recording.
rt::VArray* struct_array_of(hlffi_vm* vm, hlffi_value* arr) {
    ArrayView a = array_of(vm, arr);
    if (a.form == ArrayForm::None) return nullptr;
    if (a.form != ArrayForm::Native || a.elem->kind != rt::TypeKind::Struct || a.elem->obj == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, "the value is not a native array of structs (" + rt::type_name(api::runtime_type(arr)) +
                                                    (a.form == ArrayForm::Native ? " of " + rt::type_name(a.elem) : "") + ")");
        return nullptr;
    }
    return reinterpret_cast<rt::VArray*>(a.value);
}

}  // namespace

extern "C" {

hlffi_value* hlffi_array_new(hlffi_vm* vm, hl_type* element_type, int length) {
    if (vm == nullptr || !api::check_loaded(vm)) return nullptr;
    rt::HType* elem = api::data::type_of(vm, element_type, "element_type");
    if (elem == nullptr) return nullptr;
    if (length < 0) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_array_new: length " + std::to_string(length) + " is negative");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VObj* o = api::data::make_array(e, vm, elem, length, "hlffi_array_new");
    if (o == nullptr) return nullptr;
    hlffi_value* v = api::make_value(vm, o->t, reinterpret_cast<rt::Slot>(o));
    if (v != nullptr) api::succeed(vm);
    return v;
}

int hlffi_array_length(hlffi_value* arr) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, arr, "arr")) return -1;
    ArrayView a = array_of(vm, arr);
    if (a.form == ArrayForm::None) return -1;
    api::succeed(vm);
    return api::data::length_of(vm, a);
}

hlffi_value* hlffi_array_get(hlffi_vm* vm, hlffi_value* arr, int index) {
    if (!check_vm_value(vm, arr, "arr")) return nullptr;
    ArrayView a = array_of(vm, arr);
    if (a.form == ArrayForm::None) return nullptr;
    rt::HType* t = nullptr;
    rt::Slot s = 0;
    if (!api::data::get_element(vm, a, index, &t, &s, "hlffi_array_get")) return nullptr;
    hlffi_value* v = api::make_value(vm, t, s);
    if (v != nullptr) api::succeed(vm);
    return v;
}

bool hlffi_array_set(hlffi_vm* vm, hlffi_value* arr, int index, hlffi_value* value) {
    if (!check_vm_value(vm, arr, "arr") || !api::check_value(vm, value)) return false;
    ArrayView a = array_of(vm, arr);
    if (a.form == ArrayForm::None) return false;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    if (!api::data::set_element(e, vm, a, index, value, "hlffi_array_set")) return false;
    api::succeed(vm);
    return true;
}

bool hlffi_array_push(hlffi_vm* vm, hlffi_value* arr, hlffi_value* value) {
    if (!check_vm_value(vm, arr, "arr") || !api::check_value(vm, value)) return false;
    ArrayView a = array_of(vm, arr);
    if (a.form == ArrayForm::None) return false;
    if (a.form == ArrayForm::Native) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, "hlffi_array_push: a native array has a fixed length");
        return false;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    if (!api::data::set_element(e, vm, a, api::data::length_of(vm, a), value, "hlffi_array_push")) return false;
    api::succeed(vm);
    return true;
}

hlffi_value* hlffi_native_array_new(hlffi_vm* vm, hl_type* element_type, int length) {
    if (vm == nullptr || !api::check_loaded(vm)) return nullptr;
    rt::HType* elem = api::data::type_of(vm, element_type, "element_type");
    if (elem == nullptr) return nullptr;
    if (elem->kind == rt::TypeKind::Void || elem->kind == rt::TypeKind::Method) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, "hlffi_native_array_new: a native array cannot hold " + rt::type_name(elem));
        return nullptr;
    }
    if (length < 0) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_native_array_new: length " + std::to_string(length) + " is negative");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VArray* arr = rt::alloc_array(e.ctx(), elem, length);
    if (arr == nullptr) {
        vm::settle(e, false);
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_native_array_new: out of memory");
        return nullptr;
    }
    hlffi_value* v = api::make_value(vm, arr->t, reinterpret_cast<rt::Slot>(arr));
    if (v != nullptr) api::succeed(vm);
    return v;
}

void* hlffi_native_array_get_ptr(hlffi_value* arr) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, arr, "arr")) return nullptr;
    ArrayView a = array_of(vm, arr);
    if (a.form == ArrayForm::Dyn) a = api::data::inner_of(vm, a);
    switch (a.form) {
    case ArrayForm::Native: api::succeed(vm); return reinterpret_cast<rt::VArray*>(a.value)->data();
    case ArrayForm::Bytes: {
        // An empty Array<Int> has no storage yet: NULL, and no error.
        int32_t i = api::find_field(a.value->t, api::name_hash("bytes"));
        api::succeed(vm);
        return rt::field_ref<void*>(a.value, a.value->t->obj->fields[static_cast<size_t>(i)].offset);
    }
    case ArrayForm::None: return nullptr;
    default: break;
    }
    api::fail(vm, HLFFI_ERROR_INVALID_TYPE,
              "hlffi_native_array_get_ptr: this Array stores its elements as objects or boxed values "
              "(Array<Bool> and Array<Dynamic> too, on HashLink), not as raw storage");
    return nullptr;
}

hlffi_value* hlffi_array_new_struct(hlffi_vm* vm, hlffi_type* struct_type, int length) {
    if (vm == nullptr || !api::check_loaded(vm)) return nullptr;
    if (struct_type_of(vm, struct_type, "struct_type") == nullptr) return nullptr;
    if (length < 0) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_array_new_struct: length " + std::to_string(length) + " is negative");
        return nullptr;
    }
    // Haxe 4.2.5 stores an Array<S> of a @:struct class S as an ArrayObj of Dynamic, boxing each
    // struct with ToDyn; a struct has no type header, so that value is not a sound Dynamic
    // (HashLink itself misreads it, and this VM's verifier refuses such code).
    api::fail(vm, HLFFI_ERROR_INVALID_TYPE,
              "hlffi_array_new_struct: Haxe 4.2.5 cannot hold @:struct values in an Array soundly (it boxes them "
              "as Dynamic without a type header); use hlffi_native_array_new_struct (hl.NativeArray<S>)");
    return nullptr;
}

void* hlffi_array_get_struct(hlffi_value* arr, int index) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, arr, "arr")) return nullptr;
    rt::VArray* a = struct_array_of(vm, arr);
    if (a == nullptr) return nullptr;
    if (index < 0 || index >= a->size) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_array_get_struct: index " + std::to_string(index) +
                                                        " is out of bounds (length " + std::to_string(a->size) + ")");
        return nullptr;
    }
    void* s = a->data<void*>()[index];
    if (s == nullptr) {
        api::fail(vm, HLFFI_ERROR_NULL_VALUE, "hlffi_array_get_struct: element " + std::to_string(index) + " is null");
        return nullptr;
    }
    api::succeed(vm);
    return s;
}

bool hlffi_array_set_struct(hlffi_vm* vm, hlffi_value* arr, int index, void* struct_ptr, int struct_size) {
    if (!check_vm_value(vm, arr, "arr")) return false;
    rt::VArray* a = struct_array_of(vm, arr);
    if (a == nullptr) return false;
    if (struct_ptr == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_array_set_struct: struct_ptr is NULL");
        return false;
    }
    int32_t size = c_size(a->at);
    if (struct_size != size) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_array_set_struct: struct_size " + std::to_string(struct_size) +
                                                        " is not the size of " + rt::type_name(a->at) + " (" + std::to_string(size) + ")");
        return false;
    }
    if (index < 0 || index >= a->size) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_array_set_struct: index " + std::to_string(index) +
                                                        " is out of bounds (length " + std::to_string(a->size) + ")");
        return false;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    void* s = a->data<void*>()[index];
    if (s == nullptr) {
        // A null element gets a new struct, as `a[i] = new S()` would give it.
        rt::Ctx& c = e.ctx();
        rt::RootGuard keep(c, &a);
        s = rt::alloc_object(c, a->at);
        if (s == nullptr) {
            vm::settle(e, false);
            api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_array_set_struct: out of memory");
            return false;
        }
        a->data<void*>()[index] = s;
    }
    std::memcpy(s, struct_ptr, static_cast<size_t>(size));
    api::succeed(vm);
    return true;
}

hlffi_value* hlffi_native_array_new_struct(hlffi_vm* vm, hlffi_type* struct_type, int length) {
    if (vm == nullptr || !api::check_loaded(vm)) return nullptr;
    rt::HType* st = struct_type_of(vm, struct_type, "struct_type");
    if (st == nullptr) return nullptr;
    if (length < 0) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_native_array_new_struct: length " + std::to_string(length) + " is negative");
        return nullptr;
    }
    if (!st->obj->all_bindings.empty()) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE,
                  "hlffi_native_array_new_struct: " + rt::type_name(st) + " has bound (dynamic) methods, which each struct would need its own closure for");
        return nullptr;
    }
    // The structs are laid out back to back in one block, as a C array of them, and the native
    // array (what Haxe reads: one pointer per struct) points into it. Interior pointers keep the
    // block alive, so every element stays valid while any of them is reachable.
    size_t stride = static_cast<size_t>(std::max(c_size(st), 1));
    size_t total = stride * static_cast<size_t>(length);
    if (total > static_cast<size_t>(INT32_MAX)) {
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_native_array_new_struct: " + std::to_string(length) + " structs are too large");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Ctx& c = e.ctx();
    rt::VArray* arr = rt::alloc_array(c, st, length);
    rt::RootGuard keep(c, &arr);
    char* block = arr == nullptr || length == 0 ? nullptr : static_cast<char*>(rt::alloc_scan(c, total));
    if (arr == nullptr || (length > 0 && block == nullptr)) {
        vm::settle(e, false);
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_native_array_new_struct: out of memory");
        return nullptr;
    }
    for (int32_t i = 0; i < length; i++) arr->data<char*>()[i] = block + static_cast<size_t>(i) * stride;
    hlffi_value* v = api::make_value(vm, arr->t, reinterpret_cast<rt::Slot>(arr));
    if (v != nullptr) api::succeed(vm);
    return v;
}

void* hlffi_native_array_get_struct_ptr(hlffi_value* arr) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, arr, "arr")) return nullptr;
    rt::VArray* a = struct_array_of(vm, arr);
    if (a == nullptr) return nullptr;
    api::succeed(vm);
    return a->size == 0 ? nullptr : a->data<void*>()[0];
}

}  // extern "C"
