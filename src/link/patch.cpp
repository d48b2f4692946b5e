// link layer: hot reload. A program patched with a newer build of itself: the types, globals and
// natives must be the same, so every heap object, static and bound native stays valid; the
// functions then take their bodies from the new code and are translated again on next entry.
#include "bytecode/function_names.h"
#include "link/link_code.h"

namespace hlffi::rt {

namespace {

// Strings are compared by content: a new literal anywhere renumbers the table.
class SameShape {
public:
    SameShape(const bc::Module& a, const bc::Module& b) : a_(a), b_(b) {}

    std::string difference() const {
        if (a_.types.size() != b_.types.size()) return "the number of types changed";
        for (size_t i = 0; i < a_.types.size(); i++)
            if (!same_type(a_.types[i], b_.types[i])) return "type " + describe(i) + " changed";
        if (a_.globals != b_.globals) return "the globals changed (statics, or string constants added or removed)";
        if (a_.natives.size() != b_.natives.size()) return "the natives changed";
        for (size_t i = 0; i < a_.natives.size(); i++) {
            const bc::NativeDecl &x = a_.natives[i], &y = b_.natives[i];
            if (!same_str(x.lib, y.lib) || !same_str(x.name, y.name) || x.type != y.type || x.findex != y.findex)
                return "native " + a_.str(x.lib) + "@" + a_.str(x.name) + " changed";
        }
        if (a_.function_slots.size() != b_.function_slots.size() || a_.functions.size() != b_.functions.size())
            return "functions were added or removed";
        for (size_t i = 0; i < a_.function_slots.size(); i++)
            if (a_.signature_of(static_cast<int32_t>(i)) != b_.signature_of(static_cast<int32_t>(i)))
                return "the signature of function " + std::to_string(i) + " changed";
        if (a_.entrypoint != b_.entrypoint) return "the entry point changed";
        return "";
    }

private:
    bool same_str(int32_t x, int32_t y) const {
        if (x < 0 || y < 0) return x == y;
        return a_.str(x) == b_.str(y);
    }
    std::string describe(size_t i) const {
        const bc::TypeDecl& t = a_.types[i];
        return t.name >= 0 ? a_.str(t.name) : std::to_string(i);
    }
    bool same_type(const bc::TypeDecl& x, const bc::TypeDecl& y) const {
        if (x.kind != y.kind || x.args != y.args || x.ret != y.ret || !same_str(x.name, y.name) || x.super != y.super ||
            x.global != y.global || x.param != y.param || x.fields.size() != y.fields.size() ||
            x.protos.size() != y.protos.size() || x.bindings.size() != y.bindings.size() ||
            x.constructs.size() != y.constructs.size())
            return false;
        for (size_t k = 0; k < x.fields.size(); k++)
            if (!same_str(x.fields[k].name, y.fields[k].name) || x.fields[k].type != y.fields[k].type) return false;
        for (size_t k = 0; k < x.protos.size(); k++)
            if (!same_str(x.protos[k].name, y.protos[k].name) || x.protos[k].findex != y.protos[k].findex ||
                x.protos[k].pindex != y.protos[k].pindex)
                return false;
        for (size_t k = 0; k < x.bindings.size(); k++)
            if (x.bindings[k].field != y.bindings[k].field || x.bindings[k].findex != y.bindings[k].findex) return false;
        for (size_t k = 0; k < x.constructs.size(); k++)
            if (!same_str(x.constructs[k].name, y.constructs[k].name) || x.constructs[k].params != y.constructs[k].params)
                return false;
        return true;
    }

    const bc::Module& a_;
    const bc::Module& b_;
};

bool same_body(const bc::Function& x, const bc::Function& y) {
    if (x.regs != y.regs || x.ops.size() != y.ops.size() || x.extra != y.extra || x.debug.size() != y.debug.size()) return false;
    for (size_t i = 0; i < x.ops.size(); i++) {
        const bc::Op &a = x.ops[i], &b = y.ops[i];
        if (a.code != b.code || a.extra_begin != b.extra_begin || a.extra_count != b.extra_count) return false;
        for (int k = 0; k < 4; k++)
            if (a.p[k] != b.p[k]) return false;
    }
    for (size_t i = 0; i < x.debug.size(); i++)
        if (x.debug[i].file != y.debug[i].file || x.debug[i].line != y.debug[i].line) return false;
    return true;
}

}  // namespace

Result<bool> patch_program(Program& p, std::shared_ptr<const bc::Module> next) {
    const bc::Module& old = *p.module;
    if (std::string why = SameShape(old, *next).difference(); !why.empty()) return Failure{why};
    bool changed = old.strings != next->strings || old.ints != next->ints || old.floats != next->floats;
    for (size_t i = 0; i < old.functions.size() && !changed; i++) changed = !same_body(old.functions[i], next->functions[i]);
    if (!changed) return false;
    // The old code goes with its module; its strings stay (p.immortal), since objects and values
    // of the run may point at them.
    p.retired_modules.push_back(p.module);
    p.module = std::move(next);
    std::vector<std::string> names = bc::compute_function_names(*p.module);
    p.short_names.clear();
    for (const std::string& n : names) p.short_names.push_back(short_function_name(n));
    for (FunctionCode& fc : p.functions) {
        fc.name = names[static_cast<size_t>(fc.findex)];
        if (fc.src == nullptr) continue;
        fc.src = p.module->function_at(fc.findex);
        fc.regs.clear();
        fc.pointer_regs.clear();
        describe_frame(p, fc);
        fc.code.clear();
        fc.arg_regs.clear();
        fc.null_messages.clear();
        fc.code_built.store(false, std::memory_order_relaxed);
    }
    p.utf16_strings.clear();
    meet_code_names(p);
    return true;
}

}  // namespace hlffi::rt
