// bytecode layer: the .hl reader. Layout facts are from spec/bytecode.md §1-3.
#include "bytecode/reader.h"

#include <fstream>
#include <iterator>

#include "bytecode/byte_cursor.h"

namespace hlffi::bc {

namespace {

class Reader {
public:
    Reader(const uint8_t* data, size_t size, const ReadOptions& opts) : c_(data, size), opts_(opts) {
        m_.file_size = size;
    }

    Result<Module> run() {
        header();
        tables();
        if (!c_.failed() && c_.remaining() != 0)
            c_.fail(std::to_string(c_.remaining()) + " trailing bytes after the constants table");
        if (c_.failed()) return Failure{c_.error()};
        if (auto s = cross_checks(); !s) return s.error();
        return std::move(m_);
    }

private:
    void header() {
        uint8_t h = c_.byte(), l = c_.byte(), b = c_.byte();
        if (c_.failed()) return;
        if (h != 'H' || l != 'L' || b != 'B') return c_.fail("not a HashLink file (magic is not 'HLB')");
        m_.version = c_.byte();
        if (!c_.failed() && (m_.version < 2 || m_.version > 5))
            return c_.fail("unsupported bytecode version " + std::to_string(m_.version) + " (supported: 2 to 5)");
        m_.flags = static_cast<uint32_t>(c_.uindex("flags"));
        nints_ = c_.count("int count", 4);
        nfloats_ = c_.count("float count", 8);
        nstrings_ = c_.count("string count");
        nbytes_ = m_.version >= 5 ? c_.count("bytes count") : 0;
        ntypes_ = c_.count("type count");
        nglobals_ = c_.count("global count");
        nnatives_ = c_.count("native count", 4);
        nfunctions_ = c_.count("function count", 4);
        nconstants_ = m_.version >= 4 ? c_.count("constant count", 2) : 0;
        m_.entrypoint = c_.uindex("entrypoint");
    }

    void tables() {
        if (c_.failed()) return;
        m_.ints.resize(static_cast<size_t>(nints_));
        for (auto& v : m_.ints) v = c_.i32();
        m_.floats.resize(static_cast<size_t>(nfloats_));
        for (auto& v : m_.floats) v = c_.f64();
        string_block(m_.strings, nstrings_, "string");
        if (m_.version >= 5) bytes_block();
        if (m_.has_debug()) {
            int32_t n = c_.count("debug file count");
            string_block(m_.debug_files, n, "debug file name");
        }
        if (c_.failed()) return;
        m_.types.resize(static_cast<size_t>(ntypes_));
        for (int32_t i = 0; i < ntypes_ && !c_.failed(); i++) type_record(m_.types[static_cast<size_t>(i)], i);
        m_.globals.resize(static_cast<size_t>(c_.failed() ? 0 : nglobals_));
        for (auto& g : m_.globals) g = type_ref();
        natives();
        functions();
        constants();
    }

    void string_block(std::vector<std::string>& out, int32_t count, const char* what) {
        int32_t size = c_.i32();
        if (c_.failed()) return;
        if (size < 0 || static_cast<size_t>(size) > c_.remaining())
            return c_.fail(std::string(what) + " block size " + std::to_string(size) + " is out of range");
        const char* block = reinterpret_cast<const char*>(c_.here());
        c_.skip(static_cast<size_t>(size));
        if (static_cast<size_t>(count) > c_.remaining()) return c_.fail(std::string(what) + " count out of range");
        out.reserve(static_cast<size_t>(count));
        int64_t at = 0;
        for (int32_t i = 0; i < count && !c_.failed(); i++) {
            int32_t len = c_.uindex("string length");
            if (c_.failed()) return;
            if (at + len >= size || block[at + len] != 0)
                return c_.fail(std::string("invalid ") + what + " #" + std::to_string(i) + " (length " +
                               std::to_string(len) + " in a block of " + std::to_string(size) + " bytes)");
            out.emplace_back(block + at, static_cast<size_t>(len));
            at += len + 1;
        }
    }

    void bytes_block() {
        int32_t size = c_.i32();
        if (c_.failed()) return;
        if (size < 0 || static_cast<size_t>(size) > c_.remaining())
            return c_.fail("bytes block size " + std::to_string(size) + " is out of range");
        m_.bytes_data.assign(c_.here(), c_.here() + size);
        c_.skip(static_cast<size_t>(size));
        if (static_cast<size_t>(nbytes_) > c_.remaining()) return c_.fail("bytes count out of range");
        m_.bytes_pos.resize(static_cast<size_t>(nbytes_));
        for (auto& p : m_.bytes_pos) {
            p = c_.uindex("bytes position");
            if (!c_.failed() && p > size) return c_.fail("bytes position " + std::to_string(p) + " past the block");
        }
    }

    int32_t type_ref() {
        size_t at = c_.pos();
        int32_t i = c_.index();
        if (!c_.failed() && (i < 0 || i >= ntypes_)) {
            (void)at;
            c_.fail("invalid type index " + std::to_string(i));
        }
        return c_.failed() ? 0 : i;
    }

    int32_t string_ref() {
        int32_t i = c_.index();
        if (!c_.failed() && (i < 0 || i >= nstrings_)) c_.fail("invalid string index " + std::to_string(i));
        return c_.failed() ? 0 : i;
    }

    void fun_signature(TypeDecl& t) {
        int n = c_.byte();
        t.args.resize(c_.failed() ? 0 : static_cast<size_t>(n));
        for (auto& a : t.args) a = type_ref();
        t.ret = type_ref();
    }

    void type_record(TypeDecl& t, int32_t idx) {
        uint8_t kind = c_.byte();
        if (c_.failed()) return;
        if (kind >= kTypeKindCount)
            return c_.fail("invalid type kind " + std::to_string(kind) + " for type " + std::to_string(idx));
        t.kind = static_cast<TypeKind>(kind);
        switch (t.kind) {
        case TypeKind::Fun:
        case TypeKind::Method: fun_signature(t); break;
        case TypeKind::Obj:
        case TypeKind::Struct: object_record(t); break;
        case TypeKind::Ref:
        case TypeKind::Null:
        case TypeKind::Packed: t.param = type_ref(); break;
        case TypeKind::Virtual: {
            int32_t n = c_.count("virtual field count", 2);
            t.fields.resize(static_cast<size_t>(n));
            for (auto& f : t.fields) {
                f.name = string_ref();
                f.type = type_ref();
            }
            break;
        }
        case TypeKind::Abstract: t.name = string_ref(); break;
        case TypeKind::Enum: enum_record(t); break;
        default: break;
        }
    }

    void object_record(TypeDecl& t) {
        t.name = string_ref();
        int32_t super = c_.index();
        if (!c_.failed() && super >= ntypes_) return c_.fail("invalid super type index " + std::to_string(super));
        t.super = super < 0 ? -1 : super;
        int32_t g = c_.uindex("global");
        t.global = g - 1;
        int32_t nfields = c_.count("field count", 2);
        int32_t nproto = c_.count("proto count", 3);
        int32_t nbind = c_.count("binding count", 2);
        if (c_.failed()) return;
        t.fields.resize(static_cast<size_t>(nfields));
        for (auto& f : t.fields) {
            f.name = string_ref();
            f.type = type_ref();
        }
        if (c_.failed()) return;
        t.protos.resize(static_cast<size_t>(nproto));
        for (auto& p : t.protos) {
            p.name = string_ref();
            p.findex = c_.uindex("proto function index");
            p.pindex = c_.index();
        }
        if (c_.failed()) return;
        t.bindings.resize(static_cast<size_t>(nbind));
        for (auto& b : t.bindings) {
            b.field = c_.uindex("binding field");
            b.findex = c_.uindex("binding function index");
        }
    }

    void enum_record(TypeDecl& t) {
        t.name = string_ref();
        t.global = c_.uindex("global") - 1;
        int32_t n = c_.count("constructor count", 2);
        t.constructs.resize(static_cast<size_t>(n));
        for (auto& ctor : t.constructs) {
            ctor.name = string_ref();
            int32_t np = c_.count("constructor parameter count");
            ctor.params.resize(static_cast<size_t>(np));
            for (auto& p : ctor.params) p = type_ref();
            if (c_.failed()) return;
        }
    }

    void natives() {
        if (c_.failed()) return;
        m_.natives.resize(static_cast<size_t>(nnatives_));
        for (auto& n : m_.natives) {
            n.lib = string_ref();
            n.name = string_ref();
            n.type = type_ref();
            n.findex = c_.uindex("native function index");
        }
    }

    void functions() {
        if (c_.failed()) return;
        m_.functions.resize(static_cast<size_t>(nfunctions_));
        for (auto& f : m_.functions) {
            function(f);
            if (c_.failed()) return;
        }
    }

    void function(Function& f) {
        f.type = type_ref();
        f.findex = c_.uindex("function index");
        int32_t nregs = c_.count("register count");
        int32_t nops = c_.count("op count");
        if (c_.failed()) return;
        f.regs.resize(static_cast<size_t>(nregs));
        for (auto& r : f.regs) r = type_ref();
        f.ops.resize(static_cast<size_t>(nops));
        for (int32_t i = 0; i < nops && !c_.failed(); i++) op(f, f.ops[static_cast<size_t>(i)]);
        if (c_.failed() || !m_.has_debug()) return;
        debug_info(f);
        if (m_.version >= 3) {
            int32_t n = c_.count("assign count", 2);
            f.assigns.resize(static_cast<size_t>(n));
            for (auto& a : f.assigns) {
                a.name = c_.uindex("assign name");
                a.pos = c_.index();
            }
        }
    }

    void op(Function& f, Op& o) {
        uint8_t code = c_.byte();
        if (c_.failed()) return;
        int limit = opts_.allow_new_opcodes ? kOpcodeCount : kOpcodeCountHaxe425;
        if (code >= limit) return c_.fail("invalid opcode " + std::to_string(code));
        o.code = static_cast<Opcode>(code);
        const OpInfo& info = op_info(o.code);
        switch (info.shape) {
        case OpShape::Fixed:
            for (int k = 0; k < 4; k++)
                if (info.roles[k] != OperandRole::None) o.p[k] = c_.index();
            break;
        case OpShape::Switch: {
            o.p[0] = c_.uindex("switch register");
            int32_t n = c_.count("switch case count");
            o.extra_begin = static_cast<uint32_t>(f.extra.size());
            o.extra_count = static_cast<uint32_t>(n);
            for (int32_t k = 0; k < n && !c_.failed(); k++) f.extra.push_back(c_.uindex("switch offset"));
            o.p[1] = c_.uindex("switch end");
            break;
        }
        default: {
            o.p[0] = c_.index();
            o.p[1] = c_.index();
            int n = fixed_call_args(info.shape);
            if (n < 0) n = c_.byte();
            o.extra_begin = static_cast<uint32_t>(f.extra.size());
            o.extra_count = static_cast<uint32_t>(c_.failed() ? 0 : n);
            for (int k = 0; k < n && !c_.failed(); k++) f.extra.push_back(c_.index());
            break;
        }
        }
    }

    // spec/bytecode.md §2.7.1
    void debug_info(Function& f) {
        size_t nops = f.ops.size();
        f.debug.reserve(nops);
        int32_t file = -1, line = 0;
        int32_t nfiles = static_cast<int32_t>(m_.debug_files.size());
        while (f.debug.size() < nops && !c_.failed()) {
            uint8_t b = c_.byte();
            if (c_.failed()) return;
            if (b & 1) {
                file = ((b >> 1) << 8) | c_.byte();
                if (!c_.failed() && file >= nfiles) return c_.fail("invalid debug file index " + std::to_string(file));
            } else if (b & 2) {
                int delta = b >> 6, count = (b >> 2) & 15;
                if (f.debug.size() + static_cast<size_t>(count) > nops)
                    return c_.fail("debug line information runs past the end of the function");
                for (int k = 0; k < count; k++) f.debug.push_back({file, line});
                line += delta;
            } else if (b & 4) {
                line += b >> 3;
                f.debug.push_back({file, line});
            } else {
                uint8_t b2 = c_.byte(), b3 = c_.byte();
                line = (b >> 3) | (b2 << 5) | (b3 << 13);
                f.debug.push_back({file, line});
            }
        }
    }

    void constants() {
        if (c_.failed()) return;
        m_.constants.resize(static_cast<size_t>(nconstants_));
        for (auto& k : m_.constants) {
            k.global = c_.uindex("constant global");
            int32_t n = c_.count("constant field count");
            k.fields.resize(static_cast<size_t>(n));
            for (auto& x : k.fields) x = c_.uindex("constant field value");
            if (c_.failed()) return;
        }
    }

    Status cross_checks();

    ByteCursor c_;
    ReadOptions opts_;
    Module m_;
    int32_t nints_ = 0, nfloats_ = 0, nstrings_ = 0, nbytes_ = 0, ntypes_ = 0, nglobals_ = 0,
            nnatives_ = 0, nfunctions_ = 0, nconstants_ = 0;
};

Status fail(std::string msg) { return Failure{std::move(msg)}; }

bool is_object_kind(TypeKind k) { return k == TypeKind::Obj || k == TypeKind::Struct; }

bool is_function_kind(TypeKind k) { return k == TypeKind::Fun || k == TypeKind::Method; }

// Checks between tables that the format itself cannot express (spec/bytecode.md §2.9, §2.10).
Status Reader::cross_checks() {
    const int32_t total = nfunctions_ + nnatives_;
    m_.function_slots.assign(static_cast<size_t>(total), FunctionSlot{});
    auto claim = [&](int32_t findex, bool native, int32_t pos, const std::string& what) -> Status {
        if (findex < 0 || findex >= total)
            return fail(what + " has function index " + std::to_string(findex) + " out of range (" +
                        std::to_string(total) + " functions and natives)");
        auto& slot = m_.function_slots[static_cast<size_t>(findex)];
        if (slot.index >= 0) return fail(what + " reuses function index " + std::to_string(findex));
        slot = FunctionSlot{native, pos};
        return {};
    };
    for (int32_t i = 0; i < nfunctions_; i++) {
        const Function& f = m_.functions[static_cast<size_t>(i)];
        if (!is_function_kind(m_.type(f.type).kind))
            return fail("function " + std::to_string(f.findex) + " has a non-function type");
        if (m_.type(f.type).args.size() > f.regs.size())
            return fail("function " + std::to_string(f.findex) + " has fewer registers than arguments");
        if (auto s = claim(f.findex, false, i, "function #" + std::to_string(i)); !s) return s;
    }
    for (int32_t i = 0; i < nnatives_; i++) {
        const NativeDecl& n = m_.natives[static_cast<size_t>(i)];
        std::string what = "native " + m_.str(n.lib) + "@" + m_.str(n.name);
        if (!is_function_kind(m_.type(n.type).kind)) return fail(what + " has a non-function type");
        if (auto s = claim(n.findex, true, i, what); !s) return s;
    }
    if (m_.entrypoint >= total || m_.function_slots[static_cast<size_t>(m_.entrypoint)].index < 0 ||
        m_.function_slots[static_cast<size_t>(m_.entrypoint)].is_native)
        return fail("entrypoint " + std::to_string(m_.entrypoint) + " is not a function");
    const Function* entry = m_.function_at(m_.entrypoint);
    if (!m_.type(entry->type).args.empty()) return fail("entrypoint takes arguments");

    for (int32_t i = 0; i < ntypes_; i++) {
        const TypeDecl& t = m_.types[static_cast<size_t>(i)];
        std::string what = "type " + std::to_string(i);
        if (t.global >= nglobals_) return fail(what + " refers to global " + std::to_string(t.global));
        if (is_object_kind(t.kind)) {
            // Walk the parent chain: it must consist of objects and end (no cycle).
            int32_t cur = t.super, steps = 0;
            while (cur >= 0) {
                const TypeDecl& s = m_.type(cur);
                if (!is_object_kind(s.kind)) return fail(what + ": parent type " + std::to_string(cur) + " is not a class");
                if (++steps > ntypes_) return fail(what + ": its parent chain is cyclic");
                cur = s.super;
            }
            for (const auto& p : t.protos) {
                if (p.findex >= total || m_.signature_of(p.findex) < 0)
                    return fail(what + ": method " + m_.str(p.name) + " refers to undefined function " + std::to_string(p.findex));
                if (p.pindex < -1) return fail(what + ": method " + m_.str(p.name) + " has virtual slot " + std::to_string(p.pindex));
            }
            for (const auto& b : t.bindings)
                if (b.findex >= total || m_.signature_of(b.findex) < 0)
                    return fail(what + ": binding refers to undefined function " + std::to_string(b.findex));
        }
    }
    for (const auto& k : m_.constants) {
        if (k.global >= nglobals_) return fail("constant refers to global " + std::to_string(k.global));
    }
    return {};
}

}  // namespace

const char* type_kind_name(TypeKind k) {
    static constexpr const char* kNames[kTypeKindCount] = {
        "void", "ui8", "ui16", "i32", "i64", "f32", "f64", "bool", "bytes", "dynamic", "fun", "obj",
        "array", "type", "ref", "virtual", "dynobj", "abstract", "enum", "null", "method", "struct", "packed", "guid",
    };
    auto i = static_cast<size_t>(k);
    return i < kTypeKindCount ? kNames[i] : "?";
}

const Function* Module::function_at(int32_t findex) const {
    if (findex < 0 || static_cast<size_t>(findex) >= function_slots.size()) return nullptr;
    const auto& s = function_slots[static_cast<size_t>(findex)];
    if (s.is_native || s.index < 0) return nullptr;
    return &functions[static_cast<size_t>(s.index)];
}

const NativeDecl* Module::native_at(int32_t findex) const {
    if (findex < 0 || static_cast<size_t>(findex) >= function_slots.size()) return nullptr;
    const auto& s = function_slots[static_cast<size_t>(findex)];
    if (!s.is_native || s.index < 0) return nullptr;
    return &natives[static_cast<size_t>(s.index)];
}

int32_t Module::signature_of(int32_t findex) const {
    if (const Function* f = function_at(findex)) return f->type;
    if (const NativeDecl* n = native_at(findex)) return n->type;
    return -1;
}

Result<Module> read_module(const uint8_t* data, size_t size, const ReadOptions& opts) {
    if (data == nullptr && size != 0) return Failure{"no data"};
    return Reader(data, size, opts).run();
}

Result<Module> read_module_file(const std::string& path, const ReadOptions& opts) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Failure{"cannot open " + path};
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return Failure{"cannot read " + path};
    return read_module(bytes.data(), bytes.size(), opts);
}

}  // namespace hlffi::bc
