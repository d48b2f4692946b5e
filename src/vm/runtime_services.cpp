// vm layer: the runtime services of std/native.h (allocation with collection, errors, calls,
// types, names, output) for natives and the interpreter.
#include <cstring>

#include "interp/interp.h"
#include "std/dynamic.h"
#include "util/utf.h"
#include "vm/vm.h"

namespace hlffi::rt {

namespace {

constexpr char16_t kOutOfMemory[] = u"Out of memory";

// Throwing must not allocate when the heap is full: the VM's immortal box holds the message.
void raise_out_of_memory(Ctx& c) {
    VDynamic* box = &c.vm->out_of_memory_box;
    box->t = builtin_type(c, TypeKind::Bytes);
    box->v.ptr = const_cast<char16_t*>(kOutOfMemory);  // never written: Haxe strings are immutable
    throw_value(c, box);
}

void* allocate(Ctx& c, size_t size, gc::AllocKind kind) {
    vm::Vm::GcControl& gc = c.vm->gc_control;
    gc.allocated_bytes += size;  // hl.Gc.stats
    gc.allocation_count++;
    if (gc.enabled && c.heap->should_collect(size)) vm::collect(c);
    void* p = c.heap->alloc(size, kind);
    if (p == nullptr) {
        vm::collect(c);
        p = c.heap->alloc(size, kind);
    }
    if (p == nullptr) raise_out_of_memory(c);
    return p;
}

}  // namespace

void* alloc_noscan(Ctx& c, size_t size) { return allocate(c, size, gc::AllocKind::NoScan); }
void* alloc_scan(Ctx& c, size_t size) { return allocate(c, size, gc::AllocKind::Scan); }

VDynamic* alloc_box(Ctx& c, HType* t) {
    auto* d = static_cast<VDynamic*>(allocate(c, sizeof(VDynamic), is_pointer(t) ? gc::AllocKind::Scan : gc::AllocKind::NoScan));
    if (d != nullptr) d->t = t;
    return d;
}

VObj* alloc_object(Ctx& c, HType* t) {
    ObjInfo* o = t->obj;
    auto size = static_cast<size_t>(align_to(o->size, 8));
    auto* obj = static_cast<VObj*>(allocate(c, size == 0 ? 8 : size, gc::AllocKind::Scan));
    if (obj == nullptr) return nullptr;
    if (!o->is_struct) obj->t = t;
    // Bound fields (runtime.md §3.4).
    RootGuard keep(c, &obj);
    for (const auto& [field, findex] : o->all_bindings) {
        FunctionCode* f = function_by_index(c, findex);
        const ObjField& of = o->fields[static_cast<size_t>(field)];
        bool same_arity = of.type->kind == TypeKind::Fun && f->type->fun->args.size() == of.type->fun->args.size();
        VClosure* cl = alloc_closure(c, f, same_arity ? nullptr : obj, !same_arity);
        if (cl == nullptr) return nullptr;
        field_ref<VClosure*>(obj, of.offset) = cl;
    }
    return obj;
}

VArray* alloc_array(Ctx& c, HType* elem, int32_t size) {
    if (size < 0) {
        raise_message(c, "Invalid array size");
        return nullptr;
    }
    size_t bytes = sizeof(VArray) + static_cast<size_t>(size) * static_cast<size_t>(storage_size(elem));
    auto* a = static_cast<VArray*>(allocate(c, bytes, gc::AllocKind::Scan));
    if (a == nullptr) return nullptr;
    a->t = builtin_type(c, TypeKind::Array);
    a->at = elem;
    a->size = size;
    return a;
}

VEnum* alloc_enum(Ctx& c, HType* t, int32_t construct) {
    const EnumConstruct& ec = t->enm->constructs[static_cast<size_t>(construct)];
    auto* e = static_cast<VEnum*>(allocate(c, static_cast<size_t>(align_to(ec.size, 8)), gc::AllocKind::Scan));
    if (e == nullptr) return nullptr;
    e->t = t;
    e->index = construct;
    return e;
}

VClosure* alloc_closure(Ctx& c, FunctionCode* f, void* bound, bool has_value) {
    RootGuard keep(c, &bound);
    auto* cl = static_cast<VClosure*>(allocate(c, sizeof(VClosure), gc::AllocKind::Scan));
    if (cl == nullptr) return nullptr;
    HType* t = f->type;
    if (has_value && t->fun->closure_type != nullptr) t = t->fun->closure_type;
    cl->t = t;
    cl->fun = f;
    cl->has_value = has_value ? 1 : 0;
    cl->value = bound;
    return cl;
}

VDynObj* alloc_dynobj(Ctx& c) {
    auto* o = static_cast<VDynObj*>(allocate(c, sizeof(VDynObj), gc::AllocKind::Scan));
    if (o != nullptr) o->t = builtin_type(c, TypeKind::DynObj);
    return o;
}

VVirtual* alloc_virtual(Ctx& c, HType* vt) {
    const VirtualInfo& vi = *vt->virt;
    auto* v = static_cast<VVirtual*>(allocate(c, static_cast<size_t>(vi.storage_size), gc::AllocKind::Scan));
    if (v == nullptr) return nullptr;
    v->t = vt;
    for (size_t i = 0; i < vi.fields.size(); i++) v->slots()[i] = reinterpret_cast<char*>(v) + vi.storage_offsets[i];
    return v;
}

char16_t* alloc_utf16(Ctx& c, const char16_t* text, int32_t len) {
    auto* out = static_cast<char16_t*>(alloc_noscan(c, (static_cast<size_t>(len) + 1) * sizeof(char16_t)));
    if (out == nullptr) return nullptr;
    if (len > 0) std::memcpy(out, text, static_cast<size_t>(len) * sizeof(char16_t));
    out[len] = 0;
    return out;
}

VString* alloc_string(Ctx& c, const char16_t* text, int32_t len) {
    char16_t* bytes = alloc_utf16(c, text, len);
    if (bytes == nullptr) return nullptr;
    RootGuard keep(c, &bytes);
    auto* s = static_cast<VString*>(allocate(c, sizeof(VString), gc::AllocKind::Scan));
    if (s == nullptr) return nullptr;
    s->t = string_type(c);
    s->bytes = bytes;
    s->length = len;
    return s;
}

VString* alloc_string_utf8(Ctx& c, std::string_view text) {
    std::u16string s = utf8_to_utf16(text);
    return alloc_string(c, s.data(), static_cast<int32_t>(s.size()));
}

void register_finalizer(Ctx& c, void* block, void (*fn)(void*), void* data) { c.heap->add_finalizer(block, fn, data); }

void raise_value(Ctx& c, void* value) { throw_value(c, value); }

void raise_message(Ctx& c, std::string_view utf8) {
    std::u16string msg = utf8_to_utf16(utf8);
    // The box and its text must exist before unwinding; if even that fails, throw null.
    char16_t* text = alloc_utf16(c, msg.data(), static_cast<int32_t>(msg.size()));
    if (c.exception) return;
    RootGuard keep(c, &text);
    VDynamic* box = alloc_box(c, builtin_type(c, TypeKind::Bytes));
    if (c.exception) return;
    box->v.ptr = text;
    throw_value(c, box);
}

bool has_exception(const Ctx& c) { return c.exception; }

bool call_closure(Ctx& c, VClosure* cl, const Slot* args, int nargs, Slot* ret) { return invoke_closure(c, cl, args, nargs, ret); }
bool call_function(Ctx& c, FunctionCode* f, const Slot* args, int nargs, Slot* ret) { return invoke(c, f, args, nargs, ret); }
HType* closure_type(const VClosure* cl) { return cl->t; }

HType* builtin_type(Ctx& c, TypeKind k) { return c.program->builtin[static_cast<int>(k)]; }
HType* string_type(Ctx& c) { return c.program->string_type; }
HType* bytes_class_type(Ctx& c) { return c.program->bytes_class; }
HType* module_type(Ctx& c, int32_t index) {
    if (index < 0 || static_cast<size_t>(index) >= c.program->types.size()) return nullptr;
    return c.program->type_at(index);
}
int32_t module_type_count(Ctx& c) { return static_cast<int32_t>(c.program->types.size()); }
void** global_slot(Ctx& c, int32_t global) {
    if (global < 0 || static_cast<size_t>(global) >= c.program->global_types.size()) return nullptr;
    return reinterpret_cast<void**>(&c.globals[global]);
}
FunctionCode* function_by_index(Ctx& c, int32_t findex) {
    if (findex < 0 || static_cast<size_t>(findex) >= c.program->functions.size()) return nullptr;
    return c.program->function(findex);
}

// Names met at run time go to the VM's table: the program's is shared and read-only.
int32_t hash_name(Ctx& c, const char16_t* name, int32_t len) { return c.vm->run_names.intern(name, len, &c.program->names); }
int32_t hash_name_utf8(Ctx& c, std::string_view name) {
    std::u16string s = utf8_to_utf16(name);
    return hash_name(c, s.data(), static_cast<int32_t>(s.size()));
}
const char16_t* name_of_hash(Ctx& c, int32_t hash) {
    const char16_t* name = c.program->names.find(hash);
    return name != nullptr ? name : c.vm->run_names.find(hash);
}
int32_t hash_utf16(const char16_t* name, int32_t len) { return field_hash(std::u16string_view(name, static_cast<size_t>(len))); }

void write_output(Ctx& c, std::string_view utf8) { c.vm->write(utf8); }
void write_error_output(Ctx& c, std::string_view utf8) { c.vm->write_error(utf8); }
void set_exit_code(Ctx& c, int code) { c.vm->exit_code = code; }

void request_exit(Ctx& c, int code) {
    c.vm->exit_code = code;
    c.exit_requested = true;
    c.exception = true;
    c.exception_value = nullptr;
}

VArray* program_args(Ctx& c) {
    const auto& args = c.vm->args;
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Bytes), static_cast<int32_t>(args.size()));
    if (a == nullptr) return nullptr;
    RootGuard keep(c, &a);
    for (size_t i = 0; i < args.size(); i++) {
        auto* s = static_cast<char*>(alloc_noscan(c, args[i].size() + 1));
        if (s == nullptr) return nullptr;
        std::memcpy(s, args[i].data(), args[i].size());
        a->data<char*>()[i] = s;
    }
    return a;
}

RootGuard::RootGuard(Ctx& c, void* local_address) : c_(c) { c.roots.push_back(local_address); }
RootGuard::~RootGuard() { c_.roots.pop_back(); }

}  // namespace hlffi::rt
