// link layer: memory layout of heap values (spec/runtime.md §3-8, §16). Layouts follow
// HashLink's 64-bit ones because the Haxe standard library and natives rely on some of them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "link/types.h"

namespace hlffi::rt {

// A register, argument or return value: 8 bytes; narrower values live in the low bytes.
using Slot = uint64_t;

template <typename T>
inline T slot_get(Slot s) {
    T v;
    std::memcpy(&v, &s, sizeof(T));
    return v;
}
template <typename T>
inline Slot slot_of(T v) {
    Slot s = 0;
    std::memcpy(&s, &v, sizeof(T));
    return s;
}

// A boxed value (`vdynamic`): type + payload. Also the header of every dynamic-kind value.
struct VDynamic {
    HType* t;
    union {
        uint8_t b;
        uint16_t ui16;
        int32_t i;
        int64_t i64;
        float f;
        double d;
        void* ptr;
    } v;
};
static_assert(sizeof(VDynamic) == 16);

// Instance of a class: type pointer then fields (ObjField::offset).
struct VObj {
    HType* t;
};

// The Haxe String class (fields `bytes`, `length`).
struct VString {
    HType* t;
    char16_t* bytes;  // UTF-16, NUL-terminated
    int32_t length;   // in code units
};

// Native array: header then elements (spec/runtime.md §16.3).
struct VArray {
    HType* t;
    HType* at;     // element type
    int32_t size;
    int32_t pad_;
    template <typename T = void>
    T* data() { return reinterpret_cast<T*>(reinterpret_cast<char*>(this) + sizeof(VArray)); }
};
static_assert(sizeof(VArray) == 24);

struct FunctionCode;

// Closure (spec/runtime.md §8.1). has_value: 0 none, 1 bound value, 2 wrapper of `value`.
struct VClosure {
    HType* t;
    FunctionCode* fun;
    int32_t has_value;
    int32_t extra;   // wrappers: 1 when the wrapper is a var-args closure
    void* value;
};
static_assert(sizeof(VClosure) == 32);

// Enum value: type, constructor index, then that constructor's parameters (EnumConstruct::offsets).
struct VEnum {
    HType* t;
    int32_t index;
};

// Virtual (spec/runtime.md §4.1): the viewed value (or null for a stand-alone virtual), the next
// view of the same dynobj, then one slot per field: a pointer to the field's storage, a method
// binding (tagged, see VirtualSlot) or null (dynamic fallback).
struct VVirtual {
    HType* t;
    VDynamic* value;
    VVirtual* next;
    void** slots() { return reinterpret_cast<void**>(reinterpret_cast<char*>(this) + 24); }
};

// Anonymous object (spec/runtime.md §5.1): fields in creation order; each holds an 8-byte slot.
struct DynField {
    int32_t hash;
    int32_t pad_;
    HType* type;
    Slot value;
};

struct VDynObj {
    HType* t;
    DynField* fields;   // GC block, capacity `capacity`
    int32_t count;
    int32_t capacity;
    VVirtual* views;    // virtuals viewing this object, chained through VVirtual::next
};

// Field address helpers.
inline void* field_addr(void* obj, int32_t offset) { return static_cast<char*>(obj) + offset; }

template <typename T>
inline T& field_ref(void* obj, int32_t offset) { return *reinterpret_cast<T*>(static_cast<char*>(obj) + offset); }

}  // namespace hlffi::rt
