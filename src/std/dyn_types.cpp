// std layer: type relations and type names (spec/runtime.md §2.3, §2.4), plus the class-lookup and
// message helpers of dyn_internal.h.
#include <algorithm>
#include <string>
#include <vector>

#include "std/dyn_internal.h"
#include "util/utf.h"

namespace hlffi::rt {

namespace {

size_t arg_count(const HType* t) { return t->fun != nullptr ? t->fun->args.size() : 0; }

// A var-args type has HashLink's arity -1: it matches only another var-args type.
bool same_arity(const HType* a, const HType* b) {
    bool va = dyn::is_var_args_type(a), vb = dyn::is_var_args_type(b);
    if (va || vb) return va && vb;
    return arg_count(a) == arg_count(b);
}

const HType* fun_ret(const HType* t) { return t->fun != nullptr ? t->fun->ret : nullptr; }

bool same_ret(const HType* a, const HType* b, bool (*rel)(const HType*, const HType*)) {
    const HType* ra = fun_ret(a);
    const HType* rb = fun_ret(b);
    if (ra == nullptr || rb == nullptr) return ra == rb;
    return rel(ra, rb);
}

}  // namespace

bool same_type(const HType* a, const HType* b) {
    if (a == b) return true;
    if (a == nullptr || b == nullptr || a->kind != b->kind) return false;
    switch (a->kind) {
    case TypeKind::Void: case TypeKind::UI8: case TypeKind::UI16: case TypeKind::I32:
    case TypeKind::I64: case TypeKind::F32: case TypeKind::F64: case TypeKind::Bool:
    case TypeKind::Type: case TypeKind::Bytes: case TypeKind::Dyn: case TypeKind::Array:
    case TypeKind::DynObj: case TypeKind::Guid:
        return true;
    case TypeKind::Ref: case TypeKind::Null: case TypeKind::Packed:
        return same_type(a->param, b->param);
    case TypeKind::Fun: case TypeKind::Method: {
        if (!same_arity(a, b)) return false;
        for (size_t i = 0; i < arg_count(a); i++)
            if (!same_type(a->fun->args[i], b->fun->args[i])) return false;
        return same_ret(a, b, same_type);
    }
    case TypeKind::Obj: case TypeKind::Struct: return a->obj == b->obj;
    case TypeKind::Virtual: return a->virt == b->virt;
    case TypeKind::Abstract: return a->abstract_name == b->abstract_name;
    case TypeKind::Enum: return a->enm == b->enm;
    }
    return false;
}

bool safe_cast(const HType* t, const HType* to) {
    if (t == to) return true;
    if (t == nullptr || to == nullptr) return false;
    if (to->kind == TypeKind::Dyn) return is_dynamic(t);
    if (t->kind != to->kind) return false;
    switch (t->kind) {
    case TypeKind::Virtual: {
        const auto& tf = t->virt->fields;
        const auto& of = to->virt->fields;
        if (of.size() < tf.size()) {
            size_t i = 0;
            while (i < of.size() && tf[i].hash == of[i].hash && same_type(tf[i].type, of[i].type)) i++;
            if (i == of.size()) return true;
        }
        break;
    }
    case TypeKind::Obj: case TypeKind::Struct: {
        // HashLink compares the class descriptors or their name pointers (one per name in a module).
        for (const HType* o = t; o != nullptr; o = o->obj->super)
            if (o->obj == to->obj || o->obj->name == to->obj->name) return true;
        return false;
    }
    case TypeKind::Fun: case TypeKind::Method:
        if (same_arity(t, to)) {
            if (!same_ret(t, to, safe_cast)) return false;
            for (size_t i = 0; i < arg_count(t); i++) {
                const HType* a = t->fun->args[i];
                const HType* b = to->fun->args[i];
                if (!safe_cast(b, a) && (a->kind != TypeKind::Dyn || !is_dynamic(b))) return false;
            }
            return true;
        }
        break;
    case TypeKind::Packed: return safe_cast(t->param, to);
    default: break;
    }
    return same_type(t, to);
}

namespace {

const char* basic_name(TypeKind k) {
    switch (k) {
    case TypeKind::Void: return "void";
    case TypeKind::UI8: return "i8";
    case TypeKind::UI16: return "i16";
    case TypeKind::I32: return "i32";
    case TypeKind::I64: return "i64";
    case TypeKind::F32: return "f32";
    case TypeKind::F64: return "f64";
    case TypeKind::Bool: return "bool";
    case TypeKind::Bytes: return "bytes";
    case TypeKind::Dyn: return "dynamic";
    case TypeKind::Array: return "array";
    case TypeKind::Type: return "type";
    case TypeKind::DynObj: return "dynobj";
    case TypeKind::Guid: return "guid";
    default: return nullptr;
    }
}

void type_name_rec(std::string& out, const HType* t, std::vector<const HType*>& parents) {
    if (t == nullptr) {
        out += "???";
        return;
    }
    if (const char* b = basic_name(t->kind)) {
        out += b;
        return;
    }
    if (std::find(parents.begin(), parents.end(), t) != parents.end()) {
        out += "<...>";
        return;
    }
    parents.push_back(t);
    switch (t->kind) {
    case TypeKind::Fun: case TypeKind::Method:
        out += '(';
        type_name_rec(out, fun_ret(t), parents);
        out += " (";
        for (size_t i = 0; i < arg_count(t); i++) {
            if (i != 0) out += ',';
            type_name_rec(out, t->fun->args[i], parents);
        }
        out += "))";
        break;
    case TypeKind::Struct:
        out += '@';
        out += dyn::utf8(t->obj->name);
        break;
    case TypeKind::Obj: out += dyn::utf8(t->obj->name); break;
    case TypeKind::Ref:
        out += "ref<";
        type_name_rec(out, t->param, parents);
        out += '>';
        break;
    case TypeKind::Virtual:
        out += "virtual<";
        for (size_t i = 0; i < t->virt->fields.size(); i++) {
            if (i != 0) out += ',';
            out += dyn::utf8(t->virt->fields[i].name);
            out += ':';
            type_name_rec(out, t->virt->fields[i].type, parents);
        }
        out += '>';
        break;
    case TypeKind::Abstract: out += dyn::utf8(t->abstract_name); break;
    case TypeKind::Enum:
        // The name pointer is never null for bytecode types: brackets always (spec §2.4).
        out += "enum<";
        out += dyn::utf8(t->enm->name);
        out += '>';
        break;
    case TypeKind::Null:
        out += "null<";
        type_name_rec(out, t->param, parents);
        out += '>';
        break;
    case TypeKind::Packed:
        out += "packed<";
        type_name_rec(out, t->param, parents);
        out += '>';
        break;
    default: out += "???"; break;
    }
    parents.pop_back();
}

}  // namespace

std::string type_name(const HType* t) {
    std::string out;
    std::vector<const HType*> parents;
    type_name_rec(out, t, parents);
    return out;
}

namespace dyn {

std::string utf8(const std::u16string& s) { return utf16_to_utf8(s); }

std::string field_name(Ctx& c, int32_t hash) {
    const char16_t* n = name_of_hash(c, hash);
    if (n == nullptr) return "???";
    return utf16_to_utf8(std::u16string_view(n));
}

void raise_cant_cast(Ctx& c, const HType* from, const HType* to) {
    raise_message(c, "Can't cast " + type_name(from) + " to " + type_name(to));
}

const ObjLookup* obj_resolve(const HType* t, int32_t hash) {
    for (; t != nullptr && t->obj != nullptr; t = t->obj->super) {
        const auto& l = t->obj->lookup;
        auto it = std::lower_bound(l.begin(), l.end(), hash, [](const ObjLookup& e, int32_t h) { return e.hash < h; });
        if (it != l.end() && it->hash == hash) return &*it;
    }
    return nullptr;
}

FunctionCode* obj_method(Ctx& c, const HType* rt, const ObjLookup* l) {
    // Method numbers are shared along the hierarchy, an override taking its parent's number.
    const auto& m = rt->obj->methods;
    auto idx = static_cast<size_t>(l->method);
    if (idx < m.size() && m[idx].hash == l->hash) return function_by_index(c, m[idx].findex);
    for (const auto& e : m)
        if (e.hash == l->hash) return function_by_index(c, e.findex);
    return nullptr;
}

}  // namespace dyn
}  // namespace hlffi::rt
