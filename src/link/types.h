// link layer: runtime type descriptors (spec/runtime.md §2). Every heap value of a "dynamic
// kind" starts with a pointer to one of these; the linker builds one per module type plus the
// built-in descriptors natives use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bytecode/module.h"

namespace hlffi::rt {

using bc::TypeKind;
struct HType;
struct FunctionCode;

struct FunInfo {
    std::vector<HType*> args;
    HType* ret = nullptr;
    HType* closure_type = nullptr;  // same signature without the first argument (bound closures)
    HType* parent = nullptr;        // for a closure_type: the full function type it came from
};

struct ObjField {
    std::u16string name;  // empty for interface slots
    int32_t hash = 0;
    HType* type = nullptr;
    int32_t offset = 0;   // byte offset in the instance
};

struct ObjProto {
    std::u16string name;
    int32_t hash = 0;
    int32_t findex = -1;
    int32_t pindex = -1;
};

// One entry of a class's name lookup table (spec/runtime.md §3.2).
struct ObjLookup {
    int32_t hash = 0;
    HType* type = nullptr;  // field type, or the method's function type
    int32_t field = -1;     // global field index, or -1 for a method
    int32_t method = -1;    // index into ObjInfo::methods, or -1 for a field
};

struct ObjInfo {
    std::u16string name;
    HType* super = nullptr;
    int32_t global = -1;                // global holding the class object, or -1
    std::vector<ObjField> fields;       // all fields, parents' first (global field index order)
    int32_t own_field_begin = 0;        // first own field in `fields`
    std::vector<ObjProto> protos;       // own protos as declared
    std::vector<std::pair<int32_t, int32_t>> bindings;  // own bindings (field, findex)
    int32_t size = 0;                   // instance size in bytes (before rounding)
    bool is_struct = false;
    // Runtime info (spec/runtime.md §3.2), complete once the linker is done.
    std::vector<FunctionCode*> vtable;  // slot -> function (most-derived proto with that pindex)
    std::vector<ObjLookup> lookup;      // own named fields and new methods, sorted by hash
    struct Method {
        int32_t hash;
        int32_t findex;
        std::u16string name;
    };
    std::vector<Method> methods;        // every method reachable by name, overrides replacing parents'
    std::vector<std::pair<int32_t, int32_t>> all_bindings;  // (field, findex) own + inherited, subclass wins
    bool has_pointers = true;           // false when no field needs scanning
    FunctionCode* to_string = nullptr;  // __string, inherited
    FunctionCode* compare = nullptr;    // __compare, only if declared by this class
    FunctionCode* cast = nullptr;       // __cast, inherited
    FunctionCode* get_field = nullptr;  // __get_field, inherited
};

struct EnumConstruct {
    std::u16string name;
    std::vector<HType*> params;
    std::vector<int32_t> offsets;  // byte offset of each parameter in the value
    int32_t size = 0;              // allocation size of a value of this constructor
    bool has_pointers = false;
};

struct EnumInfo {
    std::u16string name;
    int32_t global = -1;
    std::vector<EnumConstruct> constructs;
};

struct VirtualField {
    std::u16string name;
    int32_t hash = 0;
    HType* type = nullptr;
};

struct VirtualInfo {
    std::vector<VirtualField> fields;
    std::vector<int32_t> storage_offsets;  // stand-alone virtual: offset of each field's storage
    int32_t storage_size = 0;              // stand-alone virtual: total allocation size
    std::vector<int32_t> by_hash;          // field indices sorted by signed hash
};

struct HType {
    TypeKind kind = TypeKind::Void;
    int32_t index = -1;                // position in the module's type table, -1 for built-ins
    FunInfo* fun = nullptr;            // Fun, Method
    ObjInfo* obj = nullptr;            // Obj, Struct
    EnumInfo* enm = nullptr;           // Enum
    VirtualInfo* virt = nullptr;       // Virtual
    HType* param = nullptr;            // Ref, Null, Packed
    std::u16string abstract_name;      // Abstract
};

// Storage size of a value of this kind in a field, array element or enum parameter.
constexpr int32_t storage_size(TypeKind k) {
    switch (k) {
    case TypeKind::Void: return 0;
    case TypeKind::UI8: case TypeKind::Bool: return 1;
    case TypeKind::UI16: return 2;
    case TypeKind::I32: case TypeKind::F32: return 4;
    default: return 8;
    }
}

// "Pointer kinds" (HashLink hl_is_ptr): the GC may follow them.
constexpr bool is_pointer_kind(TypeKind k) {
    return static_cast<int>(k) >= static_cast<int>(TypeKind::Bytes) && k != TypeKind::Guid;
}

// "Dynamic kinds" (HashLink hl_is_dynamic): values start with their HType*, no boxing needed.
constexpr bool is_dynamic_kind(TypeKind k) {
    switch (k) {
    case TypeKind::Dyn: case TypeKind::Fun: case TypeKind::Obj: case TypeKind::Array:
    case TypeKind::Virtual: case TypeKind::DynObj: case TypeKind::Enum: case TypeKind::Null:
        return true;
    default: return false;
    }
}

inline int32_t storage_size(const HType* t) { return storage_size(t->kind); }
inline bool is_pointer(const HType* t) { return is_pointer_kind(t->kind); }
inline bool is_dynamic(const HType* t) { return is_dynamic_kind(t->kind); }

}  // namespace hlffi::rt
