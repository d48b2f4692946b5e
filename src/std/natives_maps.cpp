// std layer: natives hb*/hi*/ho* — the hash tables behind StringMap, IntMap and ObjectMap
// (natives.md §6). A table is an `abstract` value whose memory all comes from the VM heap.
#include "std/dynamic.h"
#include "std/hash_table.h"
#include "std/std_natives.h"

namespace hlffi::rt {
namespace {

using maps::KeyKind;
using maps::Table;

void* heap_alloc(void* ctx, size_t size, bool scan) {
    Ctx& c = *static_cast<Ctx*>(ctx);
    return scan ? alloc_scan(c, size) : alloc_noscan(c, size);
}

maps::Memory heap(Ctx& c) { return maps::Memory{&heap_alloc, &c}; }

uint64_t ptr_key(const void* p) { return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p)); }

Table* new_table(Ctx& c, KeyKind kind) { return maps::table_new(heap(c), kind); }

// Insert with `map`, the key and the value kept alive across the growth allocation.
void set(Ctx& c, Table* map, uint64_t key, VDynamic* value) {
    RootGuard g1(c, &map);
    RootGuard g2(c, &value);
    void* key_ptr = map->kind == KeyKind::Int ? nullptr : reinterpret_cast<void*>(static_cast<uintptr_t>(key));
    RootGuard g3(c, &key_ptr);
    if (!maps::table_set(map, heap(c), key, value) && !has_exception(c)) raise_message(c, "Out of memory");
}

VDynamic* get(Table* map, uint64_t key) {
    void** v = maps::table_find(map, key);
    return v ? static_cast<VDynamic*>(*v) : nullptr;
}

VArray* values(Ctx& c, Table* map) {
    RootGuard g(c, &map);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Dyn), map->nentries);
    if (!a) return nullptr;
    void** out = a->data<void*>();
    maps::table_each(map, [&](uint64_t, void* v) { *out++ = v; });
    return a;
}

// ObjectMap key normalisation (natives.md §6): a virtual stands for its value; boxes of raw
// pointers stand for the pointer; everything else is used as is.
uint64_t object_key(VDynamic* key) {
    if (!key) return 0;
    switch (key->t->kind) {
    case TypeKind::Virtual: return ptr_key(virtual_value(reinterpret_cast<VVirtual*>(key)));
    case TypeKind::Bytes:
    case TypeKind::Type:
    case TypeKind::Abstract:
    case TypeKind::Ref: return ptr_key(key->v.ptr);
    default: return ptr_key(key);
    }
}

// ---- StringMap (keys: UTF-16 `bytes`)
Table* hballoc(Ctx& c) { return new_table(c, KeyKind::Bytes); }
void hbset(Ctx& c, Table* m, char16_t* k, VDynamic* v) { set(c, m, ptr_key(k), v); }
VDynamic* hbget(Ctx&, Table* m, char16_t* k) { return get(m, ptr_key(k)); }
bool hbexists(Ctx&, Table* m, char16_t* k) { return maps::table_find(m, ptr_key(k)) != nullptr; }
bool hbremove(Ctx&, Table* m, char16_t* k) { return maps::table_remove(m, ptr_key(k)); }
VArray* hbvalues(Ctx& c, Table* m) { return values(c, m); }
void hbclear(Ctx&, Table* m) { maps::table_clear(m); }
int32_t hbsize(Ctx&, Table* m) { return m->nentries; }
VArray* hbkeys(Ctx& c, Table* m) {
    RootGuard g(c, &m);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Bytes), m->nentries);
    if (!a) return nullptr;
    void** out = a->data<void*>();
    maps::table_each(m, [&](uint64_t k, void*) { *out++ = reinterpret_cast<void*>(static_cast<uintptr_t>(k)); });
    return a;
}

// ---- IntMap
uint64_t int_key(int32_t k) { return static_cast<uint32_t>(k); }
Table* hialloc(Ctx& c) { return new_table(c, KeyKind::Int); }
void hiset(Ctx& c, Table* m, int32_t k, VDynamic* v) { set(c, m, int_key(k), v); }
VDynamic* higet(Ctx&, Table* m, int32_t k) { return get(m, int_key(k)); }
bool hiexists(Ctx&, Table* m, int32_t k) { return maps::table_find(m, int_key(k)) != nullptr; }
bool hiremove(Ctx&, Table* m, int32_t k) { return maps::table_remove(m, int_key(k)); }
VArray* hivalues(Ctx& c, Table* m) { return values(c, m); }
void hiclear(Ctx&, Table* m) { maps::table_clear(m); }
int32_t hisize(Ctx&, Table* m) { return m->nentries; }
VArray* hikeys(Ctx& c, Table* m) {
    RootGuard g(c, &m);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::I32), m->nentries);
    if (!a) return nullptr;
    int32_t* out = a->data<int32_t>();
    maps::table_each(m, [&](uint64_t k, void*) { *out++ = static_cast<int32_t>(static_cast<uint32_t>(k)); });
    return a;
}

// ---- ObjectMap (keys: dynamic, by address after normalisation)
Table* hoalloc(Ctx& c) { return new_table(c, KeyKind::Ptr); }
void hoset(Ctx& c, Table* m, VDynamic* k, VDynamic* v) { set(c, m, object_key(k), v); }
VDynamic* hoget(Ctx&, Table* m, VDynamic* k) { return get(m, object_key(k)); }
bool hoexists(Ctx&, Table* m, VDynamic* k) { return maps::table_find(m, object_key(k)) != nullptr; }
bool horemove(Ctx&, Table* m, VDynamic* k) { return maps::table_remove(m, object_key(k)); }
VArray* hovalues(Ctx& c, Table* m) { return values(c, m); }
void hoclear(Ctx&, Table* m) { maps::table_clear(m); }
int32_t hosize(Ctx&, Table* m) { return m->nentries; }
VArray* hokeys(Ctx& c, Table* m) {
    RootGuard g(c, &m);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Dyn), m->nentries);
    if (!a) return nullptr;
    void** out = a->data<void*>();
    maps::table_each(m, [&](uint64_t k, void*) { *out++ = reinterpret_cast<void*>(static_cast<uintptr_t>(k)); });
    return a;
}

constexpr NativeDef kNatives[] = {
    HLFFI_NATIVE("hballoc", hballoc),   HLFFI_NATIVE("hbset", hbset),
    HLFFI_NATIVE("hbget", hbget),       HLFFI_NATIVE("hbexists", hbexists),
    HLFFI_NATIVE("hbremove", hbremove), HLFFI_NATIVE("hbkeys", hbkeys),
    HLFFI_NATIVE("hbvalues", hbvalues), HLFFI_NATIVE("hbclear", hbclear),
    HLFFI_NATIVE("hbsize", hbsize),
    HLFFI_NATIVE("hialloc", hialloc),   HLFFI_NATIVE("hiset", hiset),
    HLFFI_NATIVE("higet", higet),       HLFFI_NATIVE("hiexists", hiexists),
    HLFFI_NATIVE("hiremove", hiremove), HLFFI_NATIVE("hikeys", hikeys),
    HLFFI_NATIVE("hivalues", hivalues), HLFFI_NATIVE("hiclear", hiclear),
    HLFFI_NATIVE("hisize", hisize),
    HLFFI_NATIVE("hoalloc", hoalloc),   HLFFI_NATIVE("hoset", hoset),
    HLFFI_NATIVE("hoget", hoget),       HLFFI_NATIVE("hoexists", hoexists),
    HLFFI_NATIVE("horemove", horemove), HLFFI_NATIVE("hokeys", hokeys),
    HLFFI_NATIVE("hovalues", hovalues), HLFFI_NATIVE("hoclear", hoclear),
    HLFFI_NATIVE("hosize", hosize),
};

}  // namespace

std::span<const NativeDef> natives_maps() { return kNatives; }

}  // namespace hlffi::rt
