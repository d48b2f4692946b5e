// api layer: what the Arrays, Maps and Bytes sections share (arrays.cpp, maps.cpp, bytes.cpp):
// how a Haxe Array is laid out on HashLink, making one, reading and storing its elements, and
// calling a Haxe method by name.
#pragma once

#include <string_view>

#include "api/api_internal.h"

namespace hlffi::api::data {

// The forms a Haxe Array takes on HashLink (Haxe 4.2.5's genhl):
//   Array<Int/Float/Single/UI16> -> hl.types.ArrayBytes_Int/_Float/_hl_F32/_hl_UI16
//                                   (fields length, bytes: raw elements, size: capacity)
//   Array<T> for other T          -> hl.types.ArrayObj (fields length, array: native array of T,
//                                   or of Dynamic holding boxed values when T is Bool/UI8/I64)
//   Array<Dynamic>                -> hl.types.ArrayDyn (field array: an ArrayObj or ArrayBytes)
// plus HashLink's own native arrays (hl.NativeArray, kind `array`).
enum class ArrayForm { None, Bytes, Obj, Dyn, Native };

struct ArrayView {
    ArrayForm form = ArrayForm::None;
    rt::VDynamic* value = nullptr;   // the Haxe object or native array
    rt::HType* elem = nullptr;       // element type (Bytes: the basic kind; Obj/Native: the array's)
};

// What `d` is as an array (form None when it is none of the above).
ArrayView classify(hlffi_vm* vm, rt::VDynamic* d);
// The array inside an ArrayDyn, classified (form None if it is not an ArrayBase we know).
ArrayView inner_of(hlffi_vm* vm, const ArrayView& dyn);
int32_t length_of(hlffi_vm* vm, const ArrayView& a);

// A new Haxe Array of `length` default elements, exactly as Haxe makes it for element type
// `elem`; nullptr after recording (TYPE_NOT_FOUND names the missing class).
rt::VObj* make_array(vm::HostEntry& e, hlffi_vm* vm, rt::HType* elem, int32_t length, std::string_view what);
// Element `index` as (type, slot); INVALID_ARGUMENT recorded when out of bounds.
bool get_element(hlffi_vm* vm, const ArrayView& a, int32_t index, rt::HType** type, rt::Slot* slot, std::string_view what);
// Stores v at `index` (converted to the element type); Haxe Arrays grow through their own
// __expand/setDyn as Haxe code does, native arrays are bounds-checked.
bool set_element(vm::HostEntry& e, hlffi_vm* vm, const ArrayView& a, int32_t index, const hlffi_value* v,
                 std::string_view what);

// A value handle on the stack for a (type, slot) pair, never handed out.
hlffi_value temp_value(hlffi_vm* vm, rt::HType* t, rt::Slot s);

// Method `name` of self's class, or nullptr after recording METHOD_NOT_FOUND.
rt::FunctionCode* method_of(hlffi_vm* vm, rt::VDynamic* self, const char* name);
// Calls f(self, args...) (args already converted); false after recording the outcome.
bool invoke(vm::HostEntry& e, hlffi_vm* vm, rt::FunctionCode* f, rt::VDynamic* self, const rt::Slot* args, int nargs,
            rt::Slot* ret, std::string_view what);

// The handle's type after checking it belongs to vm and is still valid; nullptr after recording.
rt::HType* type_of(hlffi_vm* vm, hlffi_type* t, const char* what);

}  // namespace hlffi::api::data
