// bytecode layer: static type relations (spec/runtime.md §2.3), as far as memory safety needs
// them (plain values of any kind are interchangeable). Types may refer to themselves
// (directly or through virtual/fun members), so every comparison is bounded in depth and steps and
// treats a pair already under comparison as related (the usual rule for recursive types).
#include "bytecode/type_relations.h"

#include <algorithm>

namespace hlffi::bc {

namespace {

// Haxe output needs at most a few dozen steps per comparison; the limits only stop hostile types
// (wide recursive structures compare in exponential time without them).
constexpr int kMaxDepth = 64;
constexpr int kMaxSteps = 1000;
constexpr int64_t kMaxTotalSteps = 20'000'000;

bool is_object_kind(TypeKind k) { return k == TypeKind::Obj || k == TypeKind::Struct; }
bool is_function_kind(TypeKind k) { return k == TypeKind::Fun || k == TypeKind::Method; }

}  // namespace

bool is_value_kind(TypeKind k) {
    switch (k) {
    case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32: case TypeKind::I64:
    case TypeKind::F32: case TypeKind::F64: case TypeKind::Bool: return true;
    default: return false;
    }
}

bool is_integer_kind(TypeKind k) {
    return k == TypeKind::UI8 || k == TypeKind::UI16 || k == TypeKind::I32 || k == TypeKind::I64;
}

bool is_float_kind(TypeKind k) { return k == TypeKind::F32 || k == TypeKind::F64; }

bool is_pointer_kind(TypeKind k) { return k >= TypeKind::Bytes && k != TypeKind::Guid; }

bool is_plain_kind(TypeKind k) { return is_value_kind(k) || k == TypeKind::Guid; }

bool is_dynamic_kind(TypeKind k) {
    switch (k) {
    case TypeKind::Dyn: case TypeKind::Fun: case TypeKind::Obj: case TypeKind::Array:
    case TypeKind::Virtual: case TypeKind::DynObj: case TypeKind::Enum: case TypeKind::Null: return true;
    default: return false;
    }
}

TypeRelations::TypeRelations(const Module& m) : m_(m) {
    const size_t n = m.types.size();
    total_fields_.assign(n, 0);
    total_protos_.assign(n, 0);
    class_depth_.assign(n, -1);
    // Memoised walk up each parent chain: every type is visited once. The reader rejects cyclic
    // chains; on a hand-made cycle the chain is cut where it closes.
    std::vector<int32_t> pending;
    for (size_t i = 0; i < n; i++) {
        int32_t cur = static_cast<int32_t>(i);
        while (valid(cur) && is_object_kind(kind(cur)) && class_depth_[static_cast<size_t>(cur)] < 0 &&
               pending.size() <= n) {
            class_depth_[static_cast<size_t>(cur)] = 0;  // marks "in progress" against cycles
            pending.push_back(cur);
            cur = type(cur).super;
        }
        bool has_parent = valid(cur) && is_object_kind(kind(cur)) && !pending.empty();
        int64_t fields = has_parent ? total_fields_[static_cast<size_t>(cur)] : 0;
        int64_t protos = has_parent ? total_protos_[static_cast<size_t>(cur)] : 0;
        int32_t depth = has_parent ? class_depth_[static_cast<size_t>(cur)] : 0;
        for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
            const TypeDecl& d = type(*it);
            fields += static_cast<int64_t>(d.fields.size());
            protos += static_cast<int64_t>(d.protos.size());
            depth += 1;
            total_fields_[static_cast<size_t>(*it)] = fields;
            total_protos_[static_cast<size_t>(*it)] = protos;
            class_depth_[static_cast<size_t>(*it)] = depth;
            for (const ProtoDecl& p : d.protos) own_slots_[slot_key(*it, p.pindex)] = &p;  // last entry wins
        }
        pending.clear();
    }
}

int32_t TypeRelations::max_class_depth() const {
    int32_t mx = 0;
    for (int32_t d : class_depth_) mx = std::max(mx, d);
    return mx;
}

const FieldDecl* TypeRelations::object_field(int32_t t, int64_t index) const {
    if (!valid(t) || !is_object_kind(kind(t)) || index < 0 || index >= field_count(t)) return nullptr;
    int32_t cur = t;
    for (int32_t steps = 0; valid(cur) && steps < class_depth_[static_cast<size_t>(t)]; steps++) {
        const TypeDecl& d = type(cur);
        int64_t base = field_count(cur) - static_cast<int64_t>(d.fields.size());
        if (index >= base) {
            // Always true on a well-formed chain; guards a hand-made cyclic one.
            if (index - base >= static_cast<int64_t>(d.fields.size())) return nullptr;
            return &d.fields[static_cast<size_t>(index - base)];
        }
        cur = d.super;
    }
    return nullptr;
}

const ProtoDecl* TypeRelations::proto_in_slot(int32_t t, int32_t slot) const {
    if (slot < 0 || !valid(t) || !is_object_kind(kind(t))) return nullptr;
    int32_t cur = t;
    for (int32_t steps = 0; valid(cur) && steps < class_depth_[static_cast<size_t>(t)]; steps++) {
        if (auto it = own_slots_.find(slot_key(cur, slot)); it != own_slots_.end()) return it->second;
        cur = type(cur).super;
    }
    return nullptr;
}

bool TypeRelations::subclass_of(int32_t t, int32_t ancestor) const {
    if (!valid(t) || !is_object_kind(kind(t))) return false;
    int32_t cur = t;
    for (int32_t steps = 0; valid(cur) && steps < class_depth_[static_cast<size_t>(t)]; steps++) {
        if (cur == ancestor) return true;
        cur = type(cur).super;
    }
    return false;
}

bool TypeRelations::same_type(int32_t a, int32_t b) const {
    Budget bud;
    return same_rec(a, b, bud, 0);
}

bool TypeRelations::storable(int32_t value, int32_t place) const {
    if (value == place) return valid(value);
    // Calls repeat the same pairs many times; cache the answers (bounded by the pairs asked).
    uint64_t key = (static_cast<uint64_t>(static_cast<uint32_t>(value)) << 32) | static_cast<uint32_t>(place);
    if (auto it = store_cache_.find(key); it != store_cache_.end()) return it->second;
    Budget bud;
    bool r = store_rec(value, place, bud, 0);
    store_cache_.emplace(key, r);
    return r;
}

bool TypeRelations::fun_storable(std::span<const int32_t> args, int32_t ret, int32_t place) const {
    Budget bud;
    return fun_rec(args, ret, place, bud, 0);
}

// Counts one comparison step; false once a limit is reached (the comparison then fails).
bool TypeRelations::step(Budget& bud, int depth) const {
    return ++bud.steps <= kMaxSteps && ++total_steps_ <= kMaxTotalSteps && depth <= kMaxDepth;
}

bool TypeRelations::same_rec(int32_t a, int32_t b, Budget& bud, int depth) const {
    if (a == b) return valid(a);
    if (!valid(a) || !valid(b) || !step(bud, depth)) return false;
    const TypeDecl& x = type(a);
    const TypeDecl& y = type(b);
    if (x.kind != y.kind) return false;
    switch (x.kind) {
    case TypeKind::Ref: case TypeKind::Null: case TypeKind::Packed:
        return same_rec(x.param, y.param, bud, depth + 1);
    case TypeKind::Obj: case TypeKind::Struct: case TypeKind::Enum:
        return false;  // one descriptor per class/enum: different indices are different types
    case TypeKind::Abstract:
        return x.name == y.name || (x.name >= 0 && y.name >= 0 && m_.str(x.name) == m_.str(y.name));
    case TypeKind::Fun: case TypeKind::Method: case TypeKind::Virtual: break;
    default: return true;  // kind is enough
    }
    auto key = std::make_pair(std::min(a, b), std::max(a, b));
    if (std::find(bud.assumed.begin(), bud.assumed.end(), key) != bud.assumed.end()) return true;
    bud.assumed.push_back(key);
    bool ok = true;
    if (x.kind == TypeKind::Virtual) {
        ok = x.fields.size() == y.fields.size();
        for (size_t i = 0; ok && i < x.fields.size(); i++)
            ok = m_.str(x.fields[i].name) == m_.str(y.fields[i].name) &&
                 same_rec(x.fields[i].type, y.fields[i].type, bud, depth + 1);
    } else {
        ok = x.args.size() == y.args.size() && same_rec(x.ret, y.ret, bud, depth + 1);
        for (size_t i = 0; ok && i < x.args.size(); i++) ok = same_rec(x.args[i], y.args[i], bud, depth + 1);
    }
    bud.assumed.pop_back();
    return ok;
}

bool TypeRelations::store_rec(int32_t v, int32_t p, Budget& bud, int depth) const {
    if (v == p) return valid(v);
    if (!valid(v) || !valid(p) || !step(bud, depth)) return false;
    const TypeDecl& x = type(v);
    const TypeDecl& y = type(p);
    if (y.kind == TypeKind::Void) return true;
    // Plain values are bits in 8-byte slots (fields and cells are read and written at their own
    // width): a value of another plain kind, or a void register's bits, gives a wrong number but
    // never a wrong address. Only pointers must fit the place they go to.
    if (is_plain_kind(y.kind) && (is_plain_kind(x.kind) || x.kind == TypeKind::Void)) return true;
    // Dynamic places are read through the value's type header.
    if (y.kind == TypeKind::Dyn) return is_dynamic_kind(x.kind);
    if (x.kind != y.kind) return false;
    switch (x.kind) {
    case TypeKind::Obj: case TypeKind::Struct: return subclass_of(v, p);
    case TypeKind::Virtual:
        if (y.fields.size() < x.fields.size()) {
            for (size_t i = 0; i < y.fields.size(); i++)
                if (m_.str(x.fields[i].name) != m_.str(y.fields[i].name) ||
                    !same_rec(x.fields[i].type, y.fields[i].type, bud, depth + 1))
                    return false;
            return true;
        }
        return same_rec(v, p, bud, depth + 1);
    case TypeKind::Fun: case TypeKind::Method: {
        auto key = std::make_pair(-1 - v, p);  // distinct from same_rec keys
        if (std::find(bud.assumed.begin(), bud.assumed.end(), key) != bud.assumed.end()) return true;
        bud.assumed.push_back(key);
        bool ok = fun_rec(x.args, x.ret, p, bud, depth + 1);
        bud.assumed.pop_back();
        return ok;
    }
    default: return same_rec(v, p, bud, depth + 1);
    }
}

bool TypeRelations::fun_rec(std::span<const int32_t> args, int32_t ret, int32_t place, Budget& bud, int depth) const {
    if (!valid(place) || !step(bud, depth)) return false;
    const TypeDecl& y = type(place);
    if (y.kind == TypeKind::Void || y.kind == TypeKind::Dyn) return true;  // closures are dynamic
    if (!is_function_kind(y.kind) || y.args.size() != args.size()) return false;
    // Results flow out (covariant), arguments flow in (contravariant).
    if (!store_rec(ret, y.ret, bud, depth + 1)) return false;
    for (size_t i = 0; i < args.size(); i++)
        if (!store_rec(y.args[i], args[i], bud, depth + 1)) return false;
    return true;
}

std::string TypeRelations::describe(int32_t t) const {
    if (!valid(t)) return "invalid type " + std::to_string(t);
    const TypeDecl& d = type(t);
    std::string s = type_kind_name(d.kind);
    switch (d.kind) {
    case TypeKind::Obj: case TypeKind::Struct: case TypeKind::Enum: case TypeKind::Abstract:
        if (d.name >= 0 && static_cast<size_t>(d.name) < m_.strings.size()) s += " " + m_.str(d.name);
        break;
    case TypeKind::Fun: case TypeKind::Method: case TypeKind::Virtual: case TypeKind::Ref:
    case TypeKind::Null: case TypeKind::Packed:
        s += " (type " + std::to_string(t) + ")";
        break;
    default: break;
    }
    return s;
}

}  // namespace hlffi::bc
