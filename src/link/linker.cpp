// link layer: Module -> Program. Orders the steps: types, functions and natives, object layouts,
// globals, constants (bytecode.md §2.8), then pre-decoded code.
#include <cstring>

#include "bytecode/function_names.h"
#include "link/link_code.h"
#include "link/link_types.h"
#include "util/utf.h"

namespace hlffi::rt {

char16_t* Program::utf16(int32_t index, int32_t* len) {
    if (utf16_strings.empty()) utf16_strings.assign(module->strings.size(), nullptr);
    auto i = static_cast<size_t>(index);
    if (utf16_strings[i] == nullptr) {
        std::u16string s = utf8_to_utf16(module->strings[i]);
        // Packed one after the other, 8-byte aligned, as HashLink's module allocator does; it
        // does not zero its blocks, so programs reading past a constant's NUL
        // (StringTools.fastCodeAt(s, s.length + k), conformance 06) see the next string or
        // non-zero padding there, never zeros: the padding is filled with 0xFF to match.
        size_t bytes = ((s.size() + 1) * sizeof(char16_t) + 7) & ~size_t{7};
        if (bytes > strings_left) {
            constexpr size_t kChunk = 16 * 1024;
            size_t chunk = bytes > kChunk ? bytes : kChunk;
            immortal.push_back(std::make_unique<uint8_t[]>(chunk));
            strings_cursor = immortal.back().get();
            std::memset(strings_cursor, 0xFF, chunk);
            strings_left = chunk;
        }
        auto* text = reinterpret_cast<char16_t*>(strings_cursor);
        strings_cursor += bytes;
        strings_left -= bytes;
        std::memcpy(text, s.data(), s.size() * sizeof(char16_t));
        text[s.size()] = 0;
        utf16_strings[i] = text;
    }
    if (len != nullptr) *len = static_cast<int32_t>(std::char_traits<char16_t>::length(utf16_strings[i]));
    return utf16_strings[i];
}

// "Null access .name" uses the method part of a function's trace name.
std::string short_function_name(const std::string& full) {
    if (full.rfind("fun$", 0) == 0 || full.find('@') != std::string::npos) return "";
    auto tilde = full.find(".~");
    if (tilde != std::string::npos) {
        auto end = full.find('.', tilde + 2);
        return full.substr(tilde + 2, end == std::string::npos ? std::string::npos : end - tilde - 2);
    }
    auto dot = full.rfind('.');
    return dot == std::string::npos ? full : full.substr(dot + 1);
}

namespace {

Status bind_functions(Program& p, const NativeResolver& resolve, const std::vector<std::string>& names) {
    const bc::Module& m = *p.module;
    p.functions.resize(m.function_slots.size());
    for (size_t i = 0; i < p.functions.size(); i++) {
        FunctionCode& fc = p.functions[i];
        auto findex = static_cast<int32_t>(i);
        fc.findex = findex;
        fc.type = p.type_at(m.signature_of(findex));
        fc.name = names[i];
        if (const bc::Function* f = m.function_at(findex)) {
            fc.src = f;
            continue;
        }
        const bc::NativeDecl* n = m.native_at(findex);
        fc.is_native = true;
        std::string lib = m.str(n->lib), name = m.str(n->name);
        bool optional = !lib.empty() && lib[0] == '?';
        if (optional) lib.erase(0, 1);
        const NativeDef* def = resolve(lib, name);
        auto nargs = static_cast<int>(fc.type->fun->args.size());
        if (def == nullptr) {
            fc.host_native = static_cast<int32_t>(p.host_natives.size());
            p.host_natives.push_back({findex, std::move(lib), std::move(name), optional});
            continue;
        }
        if (def->nargs >= 0 && def->nargs != nargs)
            return Failure{"native " + lib + "@" + name + " takes " + std::to_string(def->nargs) + " arguments but the program declares " +
                         std::to_string(nargs)};
        fc.native = def->fn;
    }
    return {};
}

void describe_globals(Program& p) {
    const bc::Module& m = *p.module;
    for (size_t g = 0; g < m.globals.size(); g++) {
        HType* t = p.type_at(m.globals[g]);
        p.global_types.push_back(t);
        if (is_pointer(t)) p.pointer_globals.push_back(static_cast<int32_t>(g));
    }
}

// Checked once here, so that building the objects for each run cannot fail.
Status check_constants(Program& p) {
    for (const bc::ConstantDecl& k : p.module->constants) {
        HType* t = p.global_types[static_cast<size_t>(k.global)];
        if (t->obj == nullptr || t->obj->super != nullptr || k.fields.size() > t->obj->fields.size())
            return Failure{"constant for global " + std::to_string(k.global) + " is not a root class instance"};
        // Its strings are converted here, in the order HashLink meets them, like those of the code.
        for (size_t f = 0; f < k.fields.size(); f++)
            if (t->obj->fields[f].type->kind == TypeKind::Bytes) p.utf16(k.fields[f]);
    }
    return {};
}

}  // namespace

void init_globals(const Program& p, std::vector<Slot>& globals, std::vector<std::unique_ptr<uint8_t[]>>& blocks) {
    globals.assign(p.module->globals.size(), 0);
    blocks.clear();
    make_constants(p, globals, blocks);
}

void make_constants(const Program& p, std::vector<Slot>& globals, std::vector<std::unique_ptr<uint8_t[]>>& blocks) {
    const bc::Module& m = *p.module;
    for (const bc::ConstantDecl& k : m.constants) {
        HType* t = p.global_types[static_cast<size_t>(k.global)];
        auto size = static_cast<size_t>(align_to(t->obj->size, 8));
        auto block = std::make_unique<uint8_t[]>(size);
        std::memset(block.get(), 0, size);
        auto* obj = reinterpret_cast<VObj*>(block.get());
        obj->t = t;
        for (size_t f = 0; f < k.fields.size(); f++) {
            const ObjField& of = t->obj->fields[f];
            int32_t v = k.fields[f];
            void* at = field_addr(obj, of.offset);
            switch (of.type->kind) {
            case TypeKind::I32: {
                int32_t x = m.ints[static_cast<size_t>(v)];
                std::memcpy(at, &x, 4);
                break;
            }
            case TypeKind::Bool: *static_cast<uint8_t*>(at) = v != 0; break;
            case TypeKind::F64: std::memcpy(at, &m.floats[static_cast<size_t>(v)], 8); break;
            case TypeKind::Bytes: *static_cast<char16_t**>(at) = p.utf16_strings[static_cast<size_t>(v)]; break;
            case TypeKind::Type: *static_cast<HType**>(at) = const_cast<HType*>(&p.types[static_cast<size_t>(v)]); break;
            default: std::memcpy(at, &globals[static_cast<size_t>(v)], static_cast<size_t>(storage_size(of.type))); break;
            }
        }
        globals[static_cast<size_t>(k.global)] = reinterpret_cast<Slot>(obj);
        blocks.push_back(std::move(block));
    }
}

Result<std::unique_ptr<Program>> link_program(std::shared_ptr<const bc::Module> module, const NativeResolver& resolve) {
    auto p = std::make_unique<Program>();
    p->module = std::move(module);
    build_types(*p);
    std::vector<std::string> names = bc::compute_function_names(*p->module);
    if (auto s = bind_functions(*p, resolve, names); !s) return s.error();
    build_objects(*p);
    describe_globals(*p);
    if (auto s = check_constants(*p); !s) return s.error();
    p->short_names.reserve(names.size());
    for (const auto& n : names) p->short_names.push_back(short_function_name(n));
    for (FunctionCode& fc : p->functions)
        if (fc.src != nullptr) describe_frame(*p, fc);
    meet_code_names(*p);
    return p;
}

}  // namespace hlffi::rt
