// link layer: runtime type descriptors and layouts from the module's type table
// (spec/runtime.md §2, §3.1-3.6, §4.1, §7.1).
#include "link/link_types.h"

#include <algorithm>

#include "util/utf.h"

namespace hlffi::rt {

int32_t align_to(int32_t offset, int32_t align) {
    if (align <= 1) return offset;
    return (offset + align - 1) / align * align;
}

namespace {

class TypeBuilder {
public:
    explicit TypeBuilder(Program& p) : p_(p), m_(*p.module) {}

    void run() {
        for (size_t i = 0; i < m_.types.size(); i++) {
            HType& t = p_.types.emplace_back();
            t.kind = m_.types[i].kind;
            t.index = static_cast<int32_t>(i);
        }
        for (int k = 0; k < bc::kTypeKindCount; k++) {
            HType& t = p_.extra_types.emplace_back();
            t.kind = static_cast<TypeKind>(k);
            p_.builtin[k] = &t;
        }
        for (size_t i = 0; i < m_.types.size(); i++) basic(static_cast<int32_t>(i));
        for (size_t i = 0; i < m_.types.size(); i++) {
            if (p_.types[i].kind == TypeKind::Fun || p_.types[i].kind == TypeKind::Method) closure_type(&p_.types[i]);
        }
    }

    void objects() {
        for (size_t i = 0; i < m_.types.size(); i++) {
            if (p_.types[i].obj != nullptr) object(static_cast<int32_t>(i));
        }
    }

private:
    std::u16string name(int32_t s) { return utf8_to_utf16(m_.str(s)); }
    int32_t hash(const std::u16string& s) { return p_.names.intern(s.data(), static_cast<int32_t>(s.size())); }

    // Everything that does not need other types complete.
    void basic(int32_t i) {
        const bc::TypeDecl& d = m_.type(i);
        HType& t = p_.types[static_cast<size_t>(i)];
        switch (d.kind) {
        case TypeKind::Fun:
        case TypeKind::Method: {
            FunInfo& f = p_.fun_infos.emplace_back();
            for (int32_t a : d.args) f.args.push_back(p_.type_at(a));
            f.ret = p_.type_at(d.ret);
            t.fun = &f;
            break;
        }
        case TypeKind::Obj:
        case TypeKind::Struct: {
            ObjInfo& o = p_.obj_infos.emplace_back();
            o.name = name(d.name);
            o.is_struct = d.kind == TypeKind::Struct;
            o.global = d.global;
            o.super = d.super >= 0 ? p_.type_at(d.super) : nullptr;
            t.obj = &o;
            if (o.name == u"String") p_.string_type = &t;
            if (o.name == u"haxe.io.Bytes") p_.bytes_class = &t;
            break;
        }
        case TypeKind::Ref:
        case TypeKind::Null:
        case TypeKind::Packed: t.param = p_.type_at(d.param); break;
        case TypeKind::Abstract: t.abstract_name = name(d.name); break;
        case TypeKind::Virtual: virtual_type(t, d); break;
        case TypeKind::Enum: enum_type(t, d); break;
        default: break;
        }
    }

    void virtual_type(HType& t, const bc::TypeDecl& d) {
        VirtualInfo& v = p_.virtual_infos.emplace_back();
        t.virt = &v;
        int32_t n = static_cast<int32_t>(d.fields.size());
        int32_t size = 24 + n * 8;
        for (const auto& f : d.fields) {
            VirtualField& vf = v.fields.emplace_back();
            vf.name = name(f.name);
            vf.hash = hash(vf.name);
            vf.type = p_.type_at(f.type);
            int32_t sz = storage_size(m_.type(f.type).kind);
            size = align_to(size, sz);
            v.storage_offsets.push_back(size);
            size += sz;
        }
        v.storage_size = align_to(size, 8);
        for (int32_t k = 0; k < n; k++) v.by_hash.push_back(k);
        std::stable_sort(v.by_hash.begin(), v.by_hash.end(),
                         [&](int32_t a, int32_t b) { return v.fields[static_cast<size_t>(a)].hash < v.fields[static_cast<size_t>(b)].hash; });
    }

    void enum_type(HType& t, const bc::TypeDecl& d) {
        EnumInfo& e = p_.enum_infos.emplace_back();
        t.enm = &e;
        e.name = name(d.name);
        e.global = d.global;
        for (const auto& c : d.constructs) {
            EnumConstruct& ec = e.constructs.emplace_back();
            ec.name = name(c.name);
            int32_t off = 12;
            for (int32_t pt : c.params) {
                TypeKind k = m_.type(pt).kind;
                int32_t sz = storage_size(k);
                off = align_to(off, sz);
                ec.params.push_back(p_.type_at(pt));
                ec.offsets.push_back(off);
                off += sz;
                if (is_pointer_kind(k)) ec.has_pointers = true;
            }
            ec.size = off;
        }
    }

    // Objects need their parents first; the reader guarantees the chain ends.
    void object(int32_t i) {
        HType& t = p_.types[static_cast<size_t>(i)];
        ObjInfo& o = *t.obj;
        if (done_.size() < m_.types.size()) done_.resize(m_.types.size(), false);
        if (done_[static_cast<size_t>(i)]) return;
        done_[static_cast<size_t>(i)] = true;
        const bc::TypeDecl& d = m_.type(i);
        int32_t size = o.is_struct ? 0 : 8;
        if (o.super != nullptr) {
            object(o.super->index);
            const ObjInfo& s = *o.super->obj;
            o.fields = s.fields;
            o.vtable = s.vtable;
            o.methods = s.methods;
            o.all_bindings = s.all_bindings;
            o.to_string = s.to_string;
            o.cast = s.cast;
            o.get_field = s.get_field;
            size = s.size;
        }
        o.own_field_begin = static_cast<int32_t>(o.fields.size());
        for (const auto& f : d.fields) {
            ObjField& of = o.fields.emplace_back();
            of.name = name(f.name);
            of.hash = of.name.empty() ? 0 : hash(of.name);
            of.type = p_.type_at(f.type);
            int32_t sz = storage_size(of.type->kind);
            size = align_to(size, sz);
            of.offset = size;
            size += sz;
        }
        o.size = size;
        o.has_pointers = std::any_of(o.fields.begin(), o.fields.end(), [](const ObjField& f) { return is_pointer(f.type); });
        for (const auto& pr : d.protos) {
            ObjProto& op = o.protos.emplace_back();
            op.name = name(pr.name);
            op.hash = hash(op.name);
            op.findex = pr.findex;
            op.pindex = pr.pindex;
            FunctionCode* fc = p_.function(pr.findex);
            if (pr.pindex >= 0) {
                if (o.vtable.size() <= static_cast<size_t>(pr.pindex)) o.vtable.resize(static_cast<size_t>(pr.pindex) + 1, nullptr);
                o.vtable[static_cast<size_t>(pr.pindex)] = fc;
            }
            auto same = std::find_if(o.methods.begin(), o.methods.end(), [&](const ObjInfo::Method& mm) { return mm.hash == op.hash; });
            if (same != o.methods.end()) {
                same->findex = pr.findex;
            } else {
                o.methods.push_back({op.hash, pr.findex, op.name});
                o.lookup.push_back({op.hash, fc->type, -1, static_cast<int32_t>(o.methods.size() - 1)});
            }
            if (op.name == u"__string") o.to_string = fc;
            if (op.name == u"__cast") o.cast = fc;
            if (op.name == u"__get_field") o.get_field = fc;
            if (op.name == u"__compare" && is_compare_signature(fc->type)) o.compare = fc;
        }
        for (int32_t k = o.own_field_begin; k < static_cast<int32_t>(o.fields.size()); k++) {
            const ObjField& f = o.fields[static_cast<size_t>(k)];
            if (!f.name.empty()) o.lookup.push_back({f.hash, f.type, k, -1});
        }
        std::stable_sort(o.lookup.begin(), o.lookup.end(), [](const ObjLookup& a, const ObjLookup& b) { return a.hash < b.hash; });
        for (const auto& b : d.bindings) {
            o.bindings.emplace_back(b.field, b.findex);
            auto same = std::find_if(o.all_bindings.begin(), o.all_bindings.end(), [&](const auto& x) { return x.first == b.field; });
            if (same != o.all_bindings.end()) same->second = b.findex;
            else o.all_bindings.emplace_back(b.field, b.findex);
        }
    }

    static bool is_compare_signature(const HType* ft) {
        return ft->fun != nullptr && ft->fun->args.size() == 2 && ft->fun->args[1]->kind == TypeKind::Dyn &&
               ft->fun->ret->kind == TypeKind::I32;
    }

    void closure_type(HType* t) {
        if (t->fun->args.empty() || t->fun->closure_type != nullptr) return;
        FunInfo& f = p_.fun_infos.emplace_back();
        f.args.assign(t->fun->args.begin() + 1, t->fun->args.end());
        f.ret = t->fun->ret;
        f.parent = t;
        HType& ct = p_.extra_types.emplace_back();
        ct.kind = TypeKind::Fun;
        ct.fun = &f;
        t->fun->closure_type = &ct;
    }

    Program& p_;
    const bc::Module& m_;
    std::vector<bool> done_;
};

}  // namespace

void build_types(Program& p) { TypeBuilder(p).run(); }

void build_objects(Program& p) { TypeBuilder(p).objects(); }

int32_t NameTable::intern(const char16_t* name, int32_t len, const NameTable* below) {
    std::u16string_view s(name, static_cast<size_t>(len));
    int32_t h = field_hash(s);
    // A different name already owning this hash moves to the next free value (spec/runtime.md §9).
    for (;;) {
        if (below != nullptr) {
            if (const char16_t* taken = below->find(h)) {
                if (s == taken) return h;
                h++;
                continue;
            }
        }
        auto it = names_.find(h);
        if (it == names_.end()) {
            names_.emplace(h, std::u16string(s));
            return h;
        }
        if (it->second == s) return h;
        h++;
    }
}

const char16_t* NameTable::find(int32_t hash) const {
    auto it = names_.find(hash);
    return it == names_.end() ? nullptr : it->second.c_str();
}

}  // namespace hlffi::rt
