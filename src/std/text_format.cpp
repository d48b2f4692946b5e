// std layer: text of any value (spec/runtime.md §13.1 top level, §13.2 HashLink's buffer
// formatter) and String comparison (§11.3).
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "std/dynamic.h"
#include "std/text_util.h"

namespace hlffi::rt {
namespace {

// Accumulates the text; stops (failed) when a `__string` call threw.
class Printer {
public:
    explicit Printer(Ctx& c) : c_(c) {}

    std::u16string out;
    bool failed = false;

    // hl_buffer_rec: a value with a type header (or a box).
    void value(VDynamic* v);
    // hl_buffer_addr: the value of type t stored at `data`.
    void at(const void* data, HType* t);

private:
    Ctx& c_;
    std::vector<const void*> stack_;  // containers being printed, for cycles

    void ascii(std::string_view s) { text::append_utf8(out, s); }
    void name(const std::u16string& s) { out += s; }
    void units(const char16_t* s) {  // bytes up to the first 0 unit; a null pointer prints `null`
        if (s == nullptr) {
            ascii("null");
            return;
        }
        for (; *s != 0; ++s) out += *s;
    }
    void hex(const void* p) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%" PRIXPTR, reinterpret_cast<uintptr_t>(p));
        ascii(buf);
    }
    void float_g(double d, int precision) { ascii(text::format_g(d, precision)); }
    // True (and prints `...`) when `p` is already being printed further up.
    bool cycle(const void* p) {
        for (const void* q : stack_)
            if (q == p) {
                ascii("...");
                return true;
            }
        return false;
    }
    void call_to_string(FunctionCode* f, void* self);
    void guid(int64_t g);
    void object(VDynamic* v);
    void array(VArray* a);
    void virtual_value(VVirtual* vv);
    void dynobj(VDynObj* o);
    void enum_value(VEnum* e);
};

void Printer::call_to_string(FunctionCode* f, void* self) {
    Slot arg = detail::to_slot(self);
    Slot ret = 0;
    if (!call_function(c_, f, &arg, 1, &ret)) {
        failed = true;
        return;
    }
    units(detail::from_slot<const char16_t*>(ret));
}

void Printer::guid(int64_t g) {
    // HashLink's hl_guid_str when no name is registered for the value.
    static constexpr char kChars[] = "#&0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    if (g == 0) {
        ascii("0");
        return;
    }
    std::string s;
    for (int i = 0; i < 11; ++i) {
        if (i == 4 || i == 8) s += '-';
        s += kChars[(g >> (60 - i * 6)) & 63];
    }
    ascii(s);
}

void Printer::object(VDynamic* v) {
    HType* t = v->t;
    bool is_struct = t->kind == TypeKind::Struct;
    if (t->obj->to_string == nullptr) {
        if (is_struct) out += u'@';
        name(t->obj->name);
        return;
    }
    // A struct reaches here boxed; `__string` takes the struct pointer.
    call_to_string(t->obj->to_string, is_struct ? v->v.ptr : v);
}

void Printer::array(VArray* a) {
    if (cycle(a)) return;
    stack_.push_back(a);
    HType* at_type = a->at;
    int32_t stride = storage_size(at_type);
    out += u'[';
    for (int32_t i = 0; i < a->size && !failed; ++i) {
        if (i != 0) ascii(", ");
        at(a->data<char>() + static_cast<ptrdiff_t>(i) * stride, at_type);
    }
    out += u']';
    stack_.pop_back();
}

void Printer::virtual_value(VVirtual* vv) {
    if (vv->value != nullptr) {
        value(vv->value);
        return;
    }
    if (cycle(vv)) return;
    stack_.push_back(vv);
    const VirtualInfo* vi = vv->t->virt;
    out += u'{';
    bool first = true;
    for (int32_t idx : vi->by_hash) {  // ascending signed hash order
        if (failed) break;
        if (!first) ascii(", ");
        first = false;
        const VirtualField& f = vi->fields[static_cast<size_t>(idx)];
        const char16_t* n = name_of_hash(c_, f.hash);
        if (n != nullptr) units(n);
        else name(f.name);
        ascii(" : ");
        // A stand-alone virtual's slot i points into its own storage (runtime.md §4.1).
        void* storage = vv->slots()[idx];
        if (storage == nullptr) ascii("null");
        else at(storage, f.type);
    }
    out += u'}';
    stack_.pop_back();
}

void Printer::dynobj(VDynObj* o) {
    if (cycle(o)) return;
    static constexpr char16_t kStringName[] = u"__string";
    const int32_t string_hash = hash_utf16(kStringName, 8);
    for (int32_t i = 0; i < o->count; ++i) {
        const DynField& f = o->fields[i];
        if (f.hash != string_hash) continue;
        HType* ft = f.type;
        if (ft->kind == TypeKind::Fun && ft->fun->args.empty() && ft->fun->ret != nullptr &&
            ft->fun->ret->kind == TypeKind::Bytes && f.value != 0) {
            Slot ret = 0;
            if (!call_closure(c_, detail::from_slot<VClosure*>(f.value), nullptr, 0, &ret)) {
                failed = true;
                return;
            }
            units(detail::from_slot<const char16_t*>(ret));
            return;
        }
        break;
    }
    stack_.push_back(o);
    out += u'{';
    // Creation order. Re-read count and fields each time: a nested `__string` may change them.
    for (int32_t i = 0; i < o->count && !failed; ++i) {
        if (i != 0) ascii(", ");
        DynField& f = o->fields[i];
        const char16_t* n = name_of_hash(c_, f.hash);
        units(n != nullptr ? n : u"???");
        ascii(" : ");
        at(&o->fields[i].value, f.type);
    }
    out += u'}';
    stack_.pop_back();
}

void Printer::enum_value(VEnum* e) {
    const EnumConstruct& k = e->t->enm->constructs[static_cast<size_t>(e->index)];
    if (k.params.empty()) {
        name(k.name);
        return;
    }
    if (cycle(e)) return;
    stack_.push_back(e);
    name(k.name);
    out += u'(';
    for (size_t i = 0; i < k.params.size() && !failed; ++i) {
        if (i != 0) out += u',';
        at(reinterpret_cast<const char*>(e) + k.offsets[i], k.params[i]);
    }
    out += u')';
    stack_.pop_back();
}

void Printer::value(VDynamic* v) {
    if (failed) return;
    if (v == nullptr) {
        ascii("null");
        return;
    }
    switch (v->t->kind) {
    case TypeKind::Void: ascii("void"); break;
    case TypeKind::UI8: ascii(std::to_string(v->v.b)); break;
    case TypeKind::UI16: ascii(std::to_string(v->v.ui16)); break;
    case TypeKind::I32: ascii(std::to_string(v->v.i)); break;
    case TypeKind::I64: ascii(std::to_string(v->v.i64)); break;
    case TypeKind::F32: float_g(v->v.f, 9); break;
    case TypeKind::F64: float_g(v->v.d, 17); break;
    case TypeKind::Bool: ascii(v->v.b ? "true" : "false"); break;
    case TypeKind::Bytes: units(static_cast<const char16_t*>(v->v.ptr)); break;
    case TypeKind::Fun: ascii("function#"); hex(v); break;
    case TypeKind::Method: ascii("method#"); hex(v->v.ptr); break;
    case TypeKind::Obj: case TypeKind::Struct: object(v); break;
    case TypeKind::Array: array(reinterpret_cast<VArray*>(v)); break;
    case TypeKind::Type: ascii(type_name(static_cast<const HType*>(v->v.ptr))); break;
    case TypeKind::Ref: ascii("ref"); break;
    case TypeKind::Virtual: virtual_value(reinterpret_cast<VVirtual*>(v)); break;
    case TypeKind::DynObj: dynobj(reinterpret_cast<VDynObj*>(v)); break;
    case TypeKind::Abstract:
        out += u'~';
        name(v->t->abstract_name);
        out += u':';
        hex(v->v.ptr);
        break;
    case TypeKind::Enum: enum_value(reinterpret_cast<VEnum*>(v)); break;
    case TypeKind::Null: ascii("_null_"); break;
    case TypeKind::Guid: guid(v->v.i64); break;
    default: hex(v); ascii("H"); break;
    }
}

void Printer::at(const void* data, HType* t) {
    if (failed) return;
    switch (t->kind) {
    case TypeKind::Void: ascii("void"); break;
    case TypeKind::UI8: ascii(std::to_string(*static_cast<const uint8_t*>(data))); break;
    case TypeKind::UI16: ascii(std::to_string(*static_cast<const uint16_t*>(data))); break;
    case TypeKind::I32: ascii(std::to_string(*static_cast<const int32_t*>(data))); break;
    case TypeKind::I64: ascii(std::to_string(*static_cast<const int64_t*>(data))); break;
    case TypeKind::F32: float_g(*static_cast<const float*>(data), 9); break;
    case TypeKind::F64: float_g(*static_cast<const double*>(data), 17); break;
    case TypeKind::Bool: ascii(*static_cast<const uint8_t*>(data) != 0 ? "true" : "false"); break;
    case TypeKind::Bytes: units(*static_cast<const char16_t* const*>(data)); break;
    case TypeKind::Guid: guid(*static_cast<const int64_t*>(data)); break;
    case TypeKind::Type: case TypeKind::Ref: case TypeKind::Abstract: {
        // Printed as a temporary box of that type (null pointer: `null`).
        VDynamic tmp{};
        tmp.t = t;
        tmp.v.ptr = *static_cast<void* const*>(data);
        value(tmp.v.ptr != nullptr ? &tmp : nullptr);
        break;
    }
    case TypeKind::Struct: {
        void* s = *static_cast<void* const*>(data);
        if (t->obj->to_string == nullptr) {
            out += u'@';
            name(t->obj->name);
        } else {
            call_to_string(t->obj->to_string, s);
        }
        break;
    }
    default: value(*static_cast<VDynamic* const*>(data)); break;
    }
}

}  // namespace

char16_t* value_to_string(Ctx& c, VDynamic* v, int32_t* len) {
    std::u16string s;
    if (v == nullptr) {
        s = u"null";
    } else if (v->t->kind == TypeKind::I32) {
        text::append_utf8(s, std::to_string(v->v.i));
    } else if (v->t->kind == TypeKind::F64) {
        text::append_utf8(s, format_float_f15(v->v.d));
    } else {
        RootGuard keep(c, &v);  // `__string` calls may collect
        Printer p(c);
        p.value(v);
        if (p.failed) return nullptr;
        s = std::move(p.out);
    }
    int32_t n = static_cast<int32_t>(s.size());
    char16_t* r = alloc_utf16(c, s.data(), n);
    if (r != nullptr && len != nullptr) *len = n;
    return r;
}

int32_t compare_strings(const VString* a, const VString* b) {
    if (a == b) return 0;
    if (a == nullptr) return -1;
    if (b == nullptr) return 1;
    int32_t n = a->length < b->length ? a->length : b->length;
    for (int32_t i = 0; i < n; ++i)
        if (a->bytes[i] != b->bytes[i]) return static_cast<int32_t>(a->bytes[i]) - static_cast<int32_t>(b->bytes[i]);
    return a->length - b->length;
}

}  // namespace hlffi::rt
