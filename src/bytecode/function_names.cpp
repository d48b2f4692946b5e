// bytecode layer: stack-trace names of functions, by the procedure of spec/runtime.md §14.2.
#include "bytecode/function_names.h"

namespace hlffi::bc {

namespace {

struct NameInfo {
    int32_t owner_name = -1;  // string index of the owning type's name, -1 = no owner
    int32_t field_name = -1;  // string index of the method/field name
    int32_t ref_parent = -1;  // function index of the named root function
    int32_t ref_number = 0;   // this function's number under its root
    int32_t counter = 0;      // next number to hand out (roots only)
};

// Field `index` of an object type counting parents' fields first; nullptr if out of range.
const FieldDecl* global_field(const Module& m, const TypeDecl& t, int32_t index) {
    std::vector<const TypeDecl*> chain;
    for (const TypeDecl* cur = &t;; cur = &m.type(cur->super)) {
        chain.push_back(cur);
        if (cur->super < 0 || chain.size() > m.types.size()) break;
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        auto n = static_cast<int32_t>((*it)->fields.size());
        if (index < n) return &(*it)->fields[static_cast<size_t>(index)];
        index -= n;
    }
    return nullptr;
}

bool names_a_local(Opcode op) {
    switch (op) {
    case Opcode::Call0: case Opcode::Call1: case Opcode::Call2: case Opcode::Call3: case Opcode::Call4:
    case Opcode::CallN: case Opcode::StaticClosure: case Opcode::InstanceClosure: return true;
    default: return false;
    }
}

}  // namespace

std::vector<std::string> compute_function_names(const Module& m) {
    const size_t total = m.function_slots.size();
    std::vector<NameInfo> info(total);
    auto valid = [&](int32_t f) { return f >= 0 && static_cast<size_t>(f) < total; };

    for (const TypeDecl& t : m.types) {
        if (t.kind != TypeKind::Obj && t.kind != TypeKind::Struct) continue;
        for (const ProtoDecl& p : t.protos)
            if (valid(p.findex)) info[static_cast<size_t>(p.findex)] = {t.name, p.name};
        for (const BindingDecl& b : t.bindings) {
            const FieldDecl* fd = global_field(m, t, b.field);
            if (fd == nullptr || !valid(b.findex)) continue;
            TypeKind k = m.type(fd->type).kind;
            if (k == TypeKind::Fun || k == TypeKind::Dyn) info[static_cast<size_t>(b.findex)] = {t.name, fd->name};
        }
    }

    // Functions-table order matters: a local function gets a name only if its referencer
    // already had a root when the referencer was scanned.
    for (const Function& f : m.functions) {
        int32_t root = f.findex, steps = 0;
        while (valid(root) && info[static_cast<size_t>(root)].owner_name < 0 && steps++ <= static_cast<int32_t>(total))
            root = info[static_cast<size_t>(root)].ref_parent;
        if (!valid(root) || info[static_cast<size_t>(root)].owner_name < 0) continue;
        NameInfo& r = info[static_cast<size_t>(root)];
        for (const Op& op : f.ops) {
            if (!names_a_local(op.code)) continue;
            int32_t target = op.p[1];
            if (m.function_at(target) == nullptr) continue;
            NameInfo& g = info[static_cast<size_t>(target)];
            if (g.owner_name >= 0) continue;
            g.ref_parent = root;
            g.ref_number = r.counter++;
        }
    }

    std::vector<std::string> names(total);
    for (size_t i = 0; i < total; i++) {
        auto findex = static_cast<int32_t>(i);
        if (const NativeDecl* n = m.native_at(findex)) {
            names[i] = m.str(n->lib) + "@" + m.str(n->name);
        } else if (findex == m.entrypoint) {
            names[i] = ".init";
        } else if (info[i].owner_name >= 0) {
            names[i] = m.str(info[i].owner_name) + "." + m.str(info[i].field_name);
        } else if (info[i].ref_parent >= 0) {
            const NameInfo& r = info[static_cast<size_t>(info[i].ref_parent)];
            names[i] = m.str(r.owner_name) + ".~" + m.str(r.field_name) + "." + std::to_string(info[i].ref_number);
        } else {
            names[i] = "fun$" + std::to_string(i);
        }
    }
    return names;
}

}  // namespace hlffi::bc
