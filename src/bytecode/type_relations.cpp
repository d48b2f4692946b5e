// bytecode layer: static type relations (spec/runtime.md §2.3). Types may refer to themselves
// (directly or through virtual/fun members), so every comparison is bounded in depth and steps and
// treats a pair already under comparison as related (the usual rule for recursive types).
#include "bytecode/type_relations.h"

#include <algorithm>

namespace hlffi::bc {

namespace {

constexpr int kMaxDepth = 64;
constexpr int kMaxSteps = 20000;

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
    for (size_t i = 0; i < n; i++) {
        if (!is_object_kind(m.types[i].kind)) continue;
        // The reader rejects cyclic parent chains; the step bound keeps hand-made modules safe.
        int64_t fields = 0, protos = 0;
        int32_t cur = static_cast<int32_t>(i);
        for (size_t steps = 0; valid(cur) && is_object_kind(kind(cur)) && steps <= n; steps++) {
            fields += static_cast<int64_t>(type(cur).fields.size());
            protos += static_cast<int64_t>(type(cur).protos.size());
            cur = type(cur).super;
        }
        total_fields_[i] = fields;
        total_protos_[i] = protos;
    }
}

const FieldDecl* TypeRelations::object_field(int32_t t, int64_t index) const {
    if (!valid(t) || !is_object_kind(kind(t)) || index < 0 || index >= field_count(t)) return nullptr;
    int32_t cur = t;
    for (size_t steps = 0; valid(cur) && steps <= m_.types.size(); steps++) {
        const TypeDecl& d = type(cur);
        int64_t base = field_count(cur) - static_cast<int64_t>(d.fields.size());
        if (index >= base) return &d.fields[static_cast<size_t>(index - base)];
        cur = d.super;
    }
    return nullptr;
}

const ProtoDecl* TypeRelations::proto_in_slot(int32_t t, int32_t slot) const {
    if (slot < 0) return nullptr;
    int32_t cur = t;
    for (size_t steps = 0; valid(cur) && is_object_kind(kind(cur)) && steps <= m_.types.size(); steps++) {
        // Within one class the last entry with a slot wins, as when a vtable is filled in order.
        const auto& protos = type(cur).protos;
        for (auto it = protos.rbegin(); it != protos.rend(); ++it)
            if (it->pindex == slot) return &*it;
        cur = type(cur).super;
    }
    return nullptr;
}

bool TypeRelations::subclass_of(int32_t t, int32_t ancestor) const {
    int32_t cur = t;
    for (size_t steps = 0; valid(cur) && steps <= m_.types.size(); steps++) {
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
    Budget bud;
    return store_rec(value, place, bud, 0);
}

bool TypeRelations::fun_storable(std::span<const int32_t> args, int32_t ret, int32_t place) const {
    Budget bud;
    return fun_rec(args, ret, place, bud, 0);
}

bool TypeRelations::same_rec(int32_t a, int32_t b, Budget& bud, int depth) const {
    if (a == b) return valid(a);
    if (!valid(a) || !valid(b) || ++bud.steps > kMaxSteps || depth > kMaxDepth) return false;
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
    if (!valid(v) || !valid(p) || ++bud.steps > kMaxSteps || depth > kMaxDepth) return false;
    const TypeDecl& x = type(v);
    const TypeDecl& y = type(p);
    if (y.kind == TypeKind::Void) return true;
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
    if (!valid(place) || ++bud.steps > kMaxSteps || depth > kMaxDepth) return false;
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
