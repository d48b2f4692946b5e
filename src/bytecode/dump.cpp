// bytecode layer: the module dump and summary. Layout and wording follow tools/hldump.py so
// that the two can be compared byte for byte.
#include "bytecode/dump.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "bytecode/dump_context.h"
#include "bytecode/dump_format.h"

namespace hlffi::bc {

namespace {

using dumpfmt::pad_left;
using dumpfmt::pad_right;

void header(const DumpContext& ctx, std::ostream& out) {
    const Module& m = ctx.module();
    out << "HashLink bytecode version " << m.version << ", flags " << m.flags
        << " (debug=" << (m.has_debug() ? "True" : "False") << "), " << m.file_size << " bytes\n";
    out << "ints " << m.ints.size() << "  floats " << m.floats.size() << "  strings " << m.strings.size()
        << "  bytes " << m.bytes_pos.size() << "  types " << m.types.size() << "  globals " << m.globals.size()
        << "  natives " << m.natives.size() << "  functions " << m.functions.size() << "  constants "
        << m.constants.size() << "  debugfiles " << m.debug_files.size() << "\n";
    out << "entrypoint: fun@" << m.entrypoint << " " << ctx.fun_name(m.entrypoint) << "\n";
}

void object_type(const DumpContext& ctx, int32_t idx, const TypeDecl& t, std::string line, std::ostream& out) {
    if (t.super >= 0) line += "  extends " + ctx.type_str(t.super);
    if (t.global >= 0) line += "  global " + std::to_string(t.global);
    out << line << "\n";
    size_t base = ctx.all_fields(idx).size() - t.fields.size();
    for (size_t i = 0; i < t.fields.size(); i++) {
        std::string name = ctx.str(t.fields[i].name);
        out << "        field " << base + i << " " << (name.empty() ? "\"\"" : name) << " : "
            << ctx.type_str(t.fields[i].type) << "\n";
    }
    for (const ProtoDecl& p : t.protos) {
        out << "        proto " << ctx.str(p.name) << " fun@" << p.findex << " " << ctx.fun_name(p.findex);
        if (p.pindex >= 0) out << " (vslot " << p.pindex << ")";
        out << "\n";
    }
    for (const BindingDecl& b : t.bindings)
        out << "        binding field " << b.field << " -> fun@" << b.findex << " " << ctx.fun_name(b.findex) << "\n";
}

void types(const DumpContext& ctx, std::ostream& out) {
    const Module& m = ctx.module();
    out << "\n== types\n";
    for (size_t i = 0; i < m.types.size(); i++) {
        const TypeDecl& t = m.types[i];
        auto idx = static_cast<int32_t>(i);
        std::string line = "t" + pad_right(std::to_string(i), 4) + " " + pad_right(type_kind_name(t.kind), 8) + " " +
                           ctx.type_str(idx);
        if (t.kind == TypeKind::Obj || t.kind == TypeKind::Struct) {
            object_type(ctx, idx, t, std::move(line), out);
        } else if (t.kind == TypeKind::Enum) {
            if (t.global >= 0) line += "  global " + std::to_string(t.global);
            out << line << "\n";
            for (size_t c = 0; c < t.constructs.size(); c++) {
                out << "        " << c << " " << ctx.str(t.constructs[c].name) << "(";
                for (size_t k = 0; k < t.constructs[c].params.size(); k++)
                    out << (k ? ", " : "") << ctx.type_str(t.constructs[c].params[k]);
                out << ")\n";
            }
        } else {
            out << line << "\n";
        }
    }
}

void globals_natives_constants(const DumpContext& ctx, std::ostream& out) {
    const Module& m = ctx.module();
    out << "\n== globals\n";
    for (size_t i = 0; i < m.globals.size(); i++)
        out << "global" << pad_right(std::to_string(i), 4) << " " << ctx.type_str(m.globals[i]) << "\n";
    out << "\n== natives\n";
    for (const NativeDecl& n : m.natives)
        out << "fun@" << pad_right(std::to_string(n.findex), 5) << " " << ctx.str(n.lib) << "@" << ctx.str(n.name)
            << " : " << ctx.type_str(n.type) << "\n";
    if (m.constants.empty()) return;
    out << "\n== constants\n";
    for (const ConstantDecl& k : m.constants) {
        out << "global" << k.global << " = " << ctx.type_str(m.globals[static_cast<size_t>(k.global)]) << " {";
        for (size_t i = 0; i < k.fields.size(); i++) out << (i ? ", " : "") << k.fields[i];
        out << "}\n";
    }
}

std::string debug_file(const Module& m, int32_t file) {
    if (file < 0 || static_cast<size_t>(file) >= m.debug_files.size()) return "?";
    return dumpfmt::text(m.debug_files[static_cast<size_t>(file)]);
}

void function(const DumpContext& ctx, const Function& f, bool code, std::ostream& out) {
    const Module& m = ctx.module();
    out << "\nfun@" << f.findex << " " << ctx.fun_name(f.findex) << " : " << ctx.type_str(f.type) << "  ("
        << f.regs.size() << " regs, " << f.ops.size() << " ops)";
    if (!f.debug.empty() && f.debug[0].file >= 0 && static_cast<size_t>(f.debug[0].file) < m.debug_files.size())
        out << "  " << debug_file(m, f.debug[0].file) << ":" << f.debug[0].line;
    out << "\n";
    if (!code) return;
    size_t nargs = m.type(f.type).args.size();
    for (size_t i = 0; i < f.regs.size(); i++)
        out << "    r" << pad_right(std::to_string(i), 3) << " " << ctx.type_str(f.regs[i]) << (i < nargs ? "   (arg)" : "")
            << "\n";
    const DebugPos* last = nullptr;
    for (size_t pos = 0; pos < f.ops.size(); pos++) {
        out << "  " << pad_left(std::to_string(pos), 5) << ": " << disassemble_op(ctx, f, pos);
        if (!f.debug.empty()) {
            const DebugPos& d = f.debug[pos];
            if (last == nullptr || d.file != last->file || d.line != last->line) {
                out << "   ; " << debug_file(m, d.file) << ":" << d.line;
                last = &d;
            }
        }
        out << "\n";
    }
    if (!f.assigns.empty()) {
        out << "    assigns: ";
        for (size_t i = 0; i < f.assigns.size(); i++) {
            const Assign& a = f.assigns[i];
            bool known = a.name >= 0 && static_cast<size_t>(a.name) < m.strings.size();
            out << (i ? ", " : "") << (known ? ctx.str(a.name) : "?") << "@" << static_cast<int64_t>(a.pos) - 1;
        }
        out << "\n";
    }
}

// Keys in order of first appearance, stably sorted by descending count (Python's
// sorted(dict.items(), key=-count) on an insertion-ordered dict).
template <typename Key>
class Tally {
public:
    void add(const Key& k) {
        for (auto& e : entries_)
            if (e.first == k) {
                e.second++;
                return;
            }
        entries_.push_back({k, 1});
    }
    std::vector<std::pair<Key, size_t>> by_count() const {
        auto v = entries_;
        std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
        return v;
    }

private:
    std::vector<std::pair<Key, size_t>> entries_;
};

}  // namespace

void dump_module(const Module& m, std::ostream& out, const DumpOptions& opts) {
    DumpContext ctx(m);
    if (opts.functions.empty()) {
        header(ctx, out);
        types(ctx, out);
        globals_natives_constants(ctx, out);
    }
    for (const Function& f : m.functions) {
        if (!opts.functions.empty() &&
            std::find(opts.functions.begin(), opts.functions.end(), f.findex) == opts.functions.end())
            continue;
        function(ctx, f, opts.code, out);
    }
}

void dump_summary(const Module& m, std::ostream& out) {
    DumpContext ctx(m);
    header(ctx, out);

    Tally<TypeKind> kinds;
    for (const TypeDecl& t : m.types) kinds.add(t.kind);
    out << "\ntype kinds: ";
    bool first = true;
    for (const auto& [k, n] : kinds.by_count()) {
        out << (first ? "" : ", ") << type_kind_name(k) << " " << n;
        first = false;
    }
    out << "\n";

    Tally<Opcode> ops;
    size_t total = 0;
    bool used[kOpcodeCount] = {};
    for (const Function& f : m.functions)
        for (const Op& op : f.ops) {
            ops.add(op.code);
            used[static_cast<int>(op.code)] = true;
            total++;
        }
    out << "ops: " << total << " in " << m.functions.size() << " functions\n";
    for (const auto& [code, n] : ops.by_count())
        out << "  " << pad_right(std::string(op_info(code).name), 16) << " " << n << "\n";
    out << "opcodes never used: ";
    first = true;
    for (int i = 0; i < kOpcodeCountHaxe425; i++) {
        if (used[i]) continue;
        out << (first ? "" : ", ") << op_info(static_cast<Opcode>(i)).name;
        first = false;
    }
    out << (first ? "(none)" : "") << "\n";

    // Python sorts the decoded library names by code point: the byte order of their UTF-8.
    std::map<std::string, size_t> libs;
    for (const NativeDecl& n : m.natives) libs[ctx.str(n.lib)]++;
    out << "natives by lib: ";
    first = true;
    for (const auto& [lib, n] : libs) {
        out << (first ? "" : ", ") << lib << " " << n;
        first = false;
    }
    out << "\n";
}

}  // namespace hlffi::bc
