// std layer: native array natives and the bsort_* sorting natives (natives.md §1, §3, §14).
#include <cstring>

#include "std/merge_sort.h"
#include "std/std_natives.h"

namespace hlffi::rt {
namespace {

VArray* alloc_array_native(Ctx& c, HType* elem, int32_t size) {
    if (size < 0) {
        raise_message(c, "Invalid array size");
        return nullptr;
    }
    return alloc_array(c, elem, size);
}

void array_blit(Ctx&, VArray* dst, int32_t dpos, VArray* src, int32_t spos, int32_t len) {
    // Element size from the destination, as HashLink does; memmove is overlap-safe.
    size_t esize = static_cast<size_t>(storage_size(dst->at));
    std::memmove(dst->data<char>() + static_cast<ptrdiff_t>(dpos) * esize,
                 src->data<char>() + static_cast<ptrdiff_t>(spos) * esize, static_cast<size_t>(len) * esize);
}

HType* array_type(Ctx&, VArray* a) { return a->at; }
char* array_bytes(Ctx&, VArray* a) { return a->data<char>(); }

// Sort `len` values of type T at byte offset `pos` with a Haxe comparator closure.
template <typename T>
void bsort(Ctx& c, char* bytes, int32_t pos, int32_t len, VClosure* cmp) {
    if (!cmp) {
        raise_message(c, "Null access");
        return;
    }
    auto call = [&](T a, T b, int32_t* r) {
        Slot args[2] = {slot_of(a), slot_of(b)};
        Slot ret = 0;
        if (!call_closure(c, cmp, args, 2, &ret)) return false;
        *r = slot_get<int32_t>(ret);
        return true;
    };
    // The values are sorted in place; a comparator that throws leaves them as they are then.
    (void)merge_sort(reinterpret_cast<T*>(bytes + pos), len, call);
}

void bsort_i32(Ctx& c, char* b, int32_t pos, int32_t len, VClosure* cmp) { bsort<int32_t>(c, b, pos, len, cmp); }
void bsort_f64(Ctx& c, char* b, int32_t pos, int32_t len, VClosure* cmp) { bsort<double>(c, b, pos, len, cmp); }
void bsort_i64(Ctx& c, char* b, int32_t pos, int32_t len, VClosure* cmp) { bsort<int64_t>(c, b, pos, len, cmp); }

constexpr NativeDef kNatives[] = {
    HLFFI_NATIVE("alloc_array", alloc_array_native),
    HLFFI_NATIVE("array_blit", array_blit),
    HLFFI_NATIVE("array_type", array_type),
    HLFFI_NATIVE("array_bytes", array_bytes),
    HLFFI_NATIVE("bsort_i32", bsort_i32),
    HLFFI_NATIVE("bsort_f64", bsort_f64),
    HLFFI_NATIVE("bsort_i64", bsort_i64),
};

}  // namespace

std::span<const NativeDef> natives_array() { return kNatives; }

}  // namespace hlffi::rt
