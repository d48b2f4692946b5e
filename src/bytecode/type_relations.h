// bytecode layer: static type relations over a Module's type table (spec/runtime.md §1, §2.3),
// used by the verifier (and usable by the linker). Bounded: recursive types never loop.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bytecode/module.h"

namespace hlffi::bc {

// Kind predicates (spec/runtime.md §1).
bool is_value_kind(TypeKind k);    // ui8 ui16 i32 i64 f32 f64 bool (stored unboxed)
bool is_integer_kind(TypeKind k);  // ui8 ui16 i32 i64
bool is_float_kind(TypeKind k);    // f32 f64
bool is_pointer_kind(TypeKind k);  // HashLink hl_is_ptr: bytes and up, except guid
bool is_plain_kind(TypeKind k);    // value kinds and guid: bits in a slot, never dereferenced
bool is_dynamic_kind(TypeKind k);  // values that carry their runtime type (hl_is_dynamic)

class TypeRelations {
public:
    explicit TypeRelations(const Module& m);

    bool valid(int32_t t) const { return t >= 0 && static_cast<size_t>(t) < m_.types.size(); }
    const TypeDecl& type(int32_t t) const { return m_.type(t); }
    TypeKind kind(int32_t t) const { return m_.type(t).kind; }

    // Obj/Struct: number of fields including every parent's; 0 for other kinds.
    int64_t field_count(int32_t t) const { return total_fields_[static_cast<size_t>(t)]; }
    // Obj/Struct field by global index (parents' fields first), or nullptr.
    const FieldDecl* object_field(int32_t t, int64_t index) const;
    // Most-derived proto entry with this virtual slot in `t`'s class chain, or nullptr.
    const ProtoDecl* proto_in_slot(int32_t t, int32_t slot) const;
    // Number of proto entries in `t`'s class chain (an upper bound for dense slot numbers).
    int64_t proto_count(int32_t t) const { return total_protos_[static_cast<size_t>(t)]; }
    // Length of the deepest class chain (a root class has depth 1). Chain walks cost this much.
    int32_t max_class_depth() const;

    // hl_same_type (spec/runtime.md §2.3).
    bool same_type(int32_t a, int32_t b) const;
    // "A value of static type `value` may be stored in a place of type `place`": safe_cast of
    // runtime.md §2.3 for pointers, any plain value into a plain place, and any value into a
    // void place (discarded).
    bool storable(int32_t value, int32_t place) const;
    // Same as storable() for a function value whose type is given as parts (closure types derived
    // by dropping a bound first argument).
    bool fun_storable(std::span<const int32_t> args, int32_t ret, int32_t place) const;

    // Human-readable type for messages: "i32", "obj String", "fun (type 12)".
    std::string describe(int32_t t) const;

private:
    struct Budget {
        int steps = 0;
        std::vector<std::pair<int32_t, int32_t>> assumed;  // pairs being compared up the stack
    };
    bool same_rec(int32_t a, int32_t b, Budget& bud, int depth) const;
    bool store_rec(int32_t v, int32_t p, Budget& bud, int depth) const;
    bool fun_rec(std::span<const int32_t> args, int32_t ret, int32_t place, Budget& bud, int depth) const;
    bool subclass_of(int32_t t, int32_t ancestor) const;
    bool step(Budget& bud, int depth) const;

    const Module& m_;
    std::vector<int64_t> total_fields_;
    std::vector<int64_t> total_protos_;
    std::vector<int32_t> class_depth_;  // Obj/Struct: classes in the chain, itself included
    // (class, virtual slot) -> that class's own proto entry for the slot.
    static uint64_t slot_key(int32_t t, int32_t slot) {
        return (static_cast<uint64_t>(static_cast<uint32_t>(t)) << 32) | static_cast<uint32_t>(slot);
    }
    std::unordered_map<uint64_t, const ProtoDecl*> own_slots_;
    // Memo and work counter of the comparisons (per instance; an instance serves one module).
    mutable std::unordered_map<uint64_t, bool> store_cache_;
    mutable int64_t total_steps_ = 0;
};

}  // namespace hlffi::bc
