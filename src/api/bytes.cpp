// api layer: the Bytes section of include/hlffi.h: haxe.io.Bytes (fields b: raw bytes, length),
// made as Haxe's Bytes.alloc makes it and read or written in place.
#include <algorithm>
#include <cstring>

#include "api/data_internal.h"
#include "std/dynamic.h"

using namespace hlffi;

namespace {

struct BytesRef {
    uint8_t* data = nullptr;
    int32_t length = -1;
};

// Offsets of haxe.io.Bytes's fields b and length, or false when the class does not have them.
bool bytes_layout(const rt::HType* cls, int32_t* b, int32_t* length) {
    int32_t bi = api::find_field(const_cast<rt::HType*>(cls), api::name_hash("b"));
    int32_t li = api::find_field(const_cast<rt::HType*>(cls), api::name_hash("length"));
    if (bi < 0 || li < 0) return false;
    const rt::ObjField& bf = cls->obj->fields[static_cast<size_t>(bi)];
    const rt::ObjField& lf = cls->obj->fields[static_cast<size_t>(li)];
    if (bf.type->kind != rt::TypeKind::Bytes || lf.type->kind != rt::TypeKind::I32) return false;
    *b = bf.offset;
    *length = lf.offset;
    return true;
}

bool is_bytes_class(const rt::HType* t) {
    for (; t != nullptr && t->kind == rt::TypeKind::Obj && t->obj != nullptr; t = t->obj->super)
        if (t->obj->name == u"haxe.io.Bytes") return true;
    return false;
}

// bytes as a haxe.io.Bytes; length -1 after recording (vm is set to the value's VM).
BytesRef bytes_of(hlffi_vm*& vm, hlffi_value* v, const char* what) {
    BytesRef r;
    if (!api::check_value(vm, v, what)) return r;
    rt::VDynamic* d = api::dynamic_of(v);
    int32_t b = 0, len = 0;
    if (d == nullptr || !is_bytes_class(d->t) || !bytes_layout(d->t, &b, &len)) {
        bool null = rt::is_pointer(v->type) && v->slot == 0;
        api::fail(vm, null ? HLFFI_ERROR_NULL_VALUE : HLFFI_ERROR_TYPE_MISMATCH,
                  std::string(what) + " is " + (null ? "null" : "not a haxe.io.Bytes (" + rt::type_name(api::runtime_type(v)) + ")"));
        return r;
    }
    r.data = rt::field_ref<uint8_t*>(d, b);
    r.length = std::max(rt::field_ref<int32_t>(d, len), 0);
    if (r.data == nullptr) r.length = 0;
    return r;
}

// [pos, pos+len) lies inside a block of `size` bytes (no overflow).
bool in_range(int32_t size, int pos, int len) {
    return pos >= 0 && len >= 0 && pos <= size && len <= size - pos;
}

bool range_error(hlffi_vm* vm, const char* what, int pos, int len, int32_t size) {
    api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + ": range [" + std::to_string(pos) + ", " + std::to_string(pos) +
                                                    "+" + std::to_string(len) + ") is outside 0.." + std::to_string(size));
    return false;
}

// A new haxe.io.Bytes of `size` bytes copied from data (zeroes when data is NULL).
hlffi_value* make_bytes(hlffi_vm* vm, const void* data, int size, const char* what) {
    if (vm == nullptr || !api::check_loaded(vm)) return nullptr;
    if (size < 0) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, std::string(what) + ": size " + std::to_string(size) + " is negative");
        return nullptr;
    }
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::Ctx& c = e.ctx();
    rt::HType* cls = rt::bytes_class_type(c);
    int32_t b = 0, len = 0;
    if (cls == nullptr || !bytes_layout(cls, &b, &len)) {
        api::fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND,
                  std::string(what) + ": the program has no class haxe.io.Bytes (it never uses it, so Haxe left it out)");
        return nullptr;
    }
    // As Bytes.alloc: a zeroed no-scan block (never null, even for size 0) in a new Bytes.
    auto* block = static_cast<uint8_t*>(rt::alloc_noscan(c, size == 0 ? 1 : static_cast<size_t>(size)));
    rt::RootGuard keep(c, &block);
    rt::VObj* o = block == nullptr ? nullptr : rt::alloc_object(c, cls);
    if (o == nullptr) {
        vm::settle(e, false);
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, std::string(what) + ": out of memory");
        return nullptr;
    }
    if (data != nullptr && size > 0) std::memcpy(block, data, static_cast<size_t>(size));
    rt::field_ref<uint8_t*>(o, b) = block;
    rt::field_ref<int32_t>(o, len) = size;
    hlffi_value* v = api::make_value(vm, cls, reinterpret_cast<rt::Slot>(o));
    if (v != nullptr) api::succeed(vm);
    return v;
}

}  // namespace

extern "C" {

hlffi_value* hlffi_bytes_new(hlffi_vm* vm, int size) { return make_bytes(vm, nullptr, size, "hlffi_bytes_new"); }

hlffi_value* hlffi_bytes_from_data(hlffi_vm* vm, const void* data, int size) {
    if (vm != nullptr && data == nullptr && size > 0) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_bytes_from_data: data is NULL");
        return nullptr;
    }
    return make_bytes(vm, data, size, "hlffi_bytes_from_data");
}

hlffi_value* hlffi_bytes_from_string(hlffi_vm* vm, const char* str) {
    if (vm != nullptr && str == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_bytes_from_string: str is NULL");
        return nullptr;
    }
    size_t n = str == nullptr ? 0 : std::strlen(str);
    if (n > static_cast<size_t>(INT32_MAX)) {
        api::fail(vm, HLFFI_ERROR_INVALID_ARGUMENT, "hlffi_bytes_from_string: the string is too long");
        return nullptr;
    }
    return make_bytes(vm, str, static_cast<int>(n), "hlffi_bytes_from_string");
}

void* hlffi_bytes_get_ptr(hlffi_value* bytes) {
    hlffi_vm* vm = nullptr;
    BytesRef r = bytes_of(vm, bytes, "bytes");
    if (r.length < 0) return nullptr;
    api::succeed(vm);
    return r.data;
}

int hlffi_bytes_get_length(hlffi_value* bytes) {
    hlffi_vm* vm = nullptr;
    BytesRef r = bytes_of(vm, bytes, "bytes");
    if (r.length < 0) return -1;
    api::succeed(vm);
    return r.length;
}

bool hlffi_bytes_blit(hlffi_value* dst, int dst_pos, hlffi_value* src, int src_pos, int len) {
    hlffi_vm* vm = nullptr;
    BytesRef d = bytes_of(vm, dst, "dst");
    if (d.length < 0) return false;
    BytesRef s = bytes_of(vm, src, "src");
    if (s.length < 0) return false;
    if (!in_range(d.length, dst_pos, len)) return range_error(vm, "hlffi_bytes_blit (dst)", dst_pos, len, d.length);
    if (!in_range(s.length, src_pos, len)) return range_error(vm, "hlffi_bytes_blit (src)", src_pos, len, s.length);
    if (len > 0) std::memmove(d.data + dst_pos, s.data + src_pos, static_cast<size_t>(len));
    api::succeed(vm);
    return true;
}

int hlffi_bytes_compare(hlffi_value* a, int a_pos, hlffi_value* b, int b_pos, int len) {
    hlffi_vm* vm = nullptr;
    BytesRef x = bytes_of(vm, a, "a");
    if (x.length < 0) return 0;
    BytesRef y = bytes_of(vm, b, "b");
    if (y.length < 0) return 0;
    if (!in_range(x.length, a_pos, len)) return range_error(vm, "hlffi_bytes_compare (a)", a_pos, len, x.length), 0;
    if (!in_range(y.length, b_pos, len)) return range_error(vm, "hlffi_bytes_compare (b)", b_pos, len, y.length), 0;
    api::succeed(vm);
    if (len == 0) return 0;
    int c = std::memcmp(x.data + a_pos, y.data + b_pos, static_cast<size_t>(len));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

char* hlffi_bytes_to_string(hlffi_value* bytes, int length) {
    hlffi_vm* vm = nullptr;
    BytesRef r = bytes_of(vm, bytes, "bytes");
    if (r.length < 0) return nullptr;
    if (length == -1) length = r.length;
    if (!in_range(r.length, 0, length)) return range_error(vm, "hlffi_bytes_to_string", 0, length, r.length), nullptr;
    char* out = api::malloc_copy(std::string_view(reinterpret_cast<const char*>(r.data), static_cast<size_t>(length)));
    if (out == nullptr) {
        api::fail(vm, HLFFI_ERROR_OUT_OF_MEMORY, "hlffi_bytes_to_string: out of memory");
        return nullptr;
    }
    api::succeed(vm);
    return out;
}

int hlffi_bytes_get(hlffi_value* bytes, int index) {
    hlffi_vm* vm = nullptr;
    BytesRef r = bytes_of(vm, bytes, "bytes");
    if (r.length < 0) return -1;
    if (!in_range(r.length, index, 1)) return range_error(vm, "hlffi_bytes_get", index, 1, r.length), -1;
    api::succeed(vm);
    return r.data[index];
}

bool hlffi_bytes_set(hlffi_value* bytes, int index, int value) {
    hlffi_vm* vm = nullptr;
    BytesRef r = bytes_of(vm, bytes, "bytes");
    if (r.length < 0) return false;
    if (!in_range(r.length, index, 1)) return range_error(vm, "hlffi_bytes_set", index, 1, r.length);
    r.data[index] = static_cast<uint8_t>(value & 0xFF);
    api::succeed(vm);
    return true;
}

bool hlffi_bytes_fill(hlffi_value* bytes, int pos, int len, int value) {
    hlffi_vm* vm = nullptr;
    BytesRef r = bytes_of(vm, bytes, "bytes");
    if (r.length < 0) return false;
    if (!in_range(r.length, pos, len)) return range_error(vm, "hlffi_bytes_fill", pos, len, r.length);
    if (len > 0) std::memset(r.data + pos, value & 0xFF, static_cast<size_t>(len));
    api::succeed(vm);
    return true;
}

}  // extern "C"
