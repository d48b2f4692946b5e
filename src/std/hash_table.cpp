// std layer: hash table algorithm of the map natives (spec/runtime.md §16.5). No VM dependency.
#include "std/hash_table.h"

#include <cstring>

namespace hlffi::rt::maps {
namespace {

// Bucket counts: successive primes, roughly doubling (§16.5).
constexpr int32_t kPrimes[] = {
    7, 17, 37, 79, 163, 331, 673, 1361, 2729, 5471, 10949, 21911, 43853, 87613, 175229, 350459,
    700919, 1401857, 2803727, 5607457, 11214943, 22429903, 44859823, 89719661, 179424673,
    373587883, 776531401, 1611623773,
};
// HashLink 1.16 switches its index width at this capacity; crossing it forces a rehash.
constexpr int32_t kIndexWidthLimit = 128;
constexpr int32_t kMaxCapacity = 0x7FFFFFF0;

bool key_equals(KeyKind kind, uint64_t a, uint32_t ha, uint64_t b, uint32_t hb) {
    if (kind != KeyKind::Bytes) return a == b;
    if (ha != hb) return false;
    auto* x = reinterpret_cast<const char16_t*>(static_cast<uintptr_t>(a));
    auto* y = reinterpret_cast<const char16_t*>(static_cast<uintptr_t>(b));
    for (;; x++, y++) {
        if (*x != *y) return false;
        if (*x == 0) return true;
    }
}

int32_t take_slot(Table* t) {
    if (t->free_head >= 0) {
        int32_t e = t->free_head;
        t->free_head = t->entries[e].next;
        return e;
    }
    if (t->used < t->maxentries) return t->used++;
    return -1;
}

// Prepend a key known to be absent; a slot must be available.
void link_new(Table* t, uint64_t key, uint32_t hash, void* value) {
    int32_t e = take_slot(t);
    int32_t* cells = table_cells(t);
    uint32_t bucket = hash % static_cast<uint32_t>(t->ncells);
    Entry& en = t->entries[e];
    en.key = key;
    en.hash = hash;
    en.value = value;
    en.next = cells[bucket];
    cells[bucket] = e;
    t->nentries++;
}

bool grow(Table* t, const Memory& mem) {
    int32_t old_max = t->maxentries;
    int32_t new_max = next_capacity(old_max);
    if (new_max < 0) return false;
    int32_t ncells = cells_for_capacity(new_max);
    size_t size = sizeof(Entry) * static_cast<size_t>(new_max) + sizeof(int32_t) * static_cast<size_t>(ncells);
    auto* block = static_cast<Entry*>(mem.alloc(mem.ctx, size, true));
    if (!block) return false;
    Table old = *t;
    t->entries = block;
    t->maxentries = new_max;
    if (old.ncells == ncells && (new_max < kIndexWidthLimit || old_max >= kIndexWidthLimit)) {
        // Same buckets: chains are kept as they are.
        std::memcpy(block, old.entries, sizeof(Entry) * static_cast<size_t>(old_max));
        std::memcpy(table_cells(t), table_cells(&old), sizeof(int32_t) * static_cast<size_t>(ncells));
        return true;
    }
    // Rehash: old buckets in order, each chain head to tail, each entry prepended again.
    t->ncells = ncells;
    t->nentries = 0;
    t->used = 0;
    t->free_head = -1;
    int32_t* cells = table_cells(t);
    for (int32_t b = 0; b < ncells; b++) cells[b] = -1;
    if (!old.entries) return true;
    const int32_t* old_cells = table_cells(&old);
    for (int32_t b = 0; b < old.ncells; b++) {
        for (int32_t e = old_cells[b]; e >= 0; e = old.entries[e].next) {
            const Entry& en = old.entries[e];
            link_new(t, en.key, en.hash, en.value);
        }
    }
    return true;
}

}  // namespace

uint32_t key_hash(KeyKind kind, uint64_t key) {
    switch (kind) {
    case KeyKind::Int:
    case KeyKind::Ptr:
        return static_cast<uint32_t>(key);
    case KeyKind::Bytes: break;
    }
    // Field-name hash (runtime.md §9): h*223+u wrapping, then a signed remainder, once.
    uint32_t h = 0;
    for (auto* s = reinterpret_cast<const char16_t*>(static_cast<uintptr_t>(key)); *s; s++) h = h * 223u + *s;
    return static_cast<uint32_t>(static_cast<int32_t>(h) % 0x1FFFFF7B);
}

int32_t next_capacity(int32_t maxentries) {
    if (maxentries == 0) return 3;
    int64_t n = (static_cast<int64_t>(maxentries) * 3 + 1) >> 1;
    return n > kMaxCapacity ? -1 : static_cast<int32_t>(n);
}

int32_t cells_for_capacity(int32_t maxentries) {
    int32_t want = maxentries >> 2;
    for (int32_t p : kPrimes) {
        if (p >= want) return p;
    }
    return kPrimes[sizeof(kPrimes) / sizeof(kPrimes[0]) - 1];
}

Table* table_new(const Memory& mem, KeyKind kind) {
    auto* t = static_cast<Table*>(mem.alloc(mem.ctx, sizeof(Table), true));
    if (!t) return nullptr;
    t->free_head = -1;
    t->kind = kind;
    return t;
}

void** table_find(const Table* t, uint64_t key) {
    if (!t->entries) return nullptr;
    uint32_t hash = key_hash(t->kind, key);
    const int32_t* cells = table_cells(t);
    for (int32_t e = cells[hash % static_cast<uint32_t>(t->ncells)]; e >= 0; e = t->entries[e].next) {
        Entry& en = t->entries[e];
        if (key_equals(t->kind, en.key, en.hash, key, hash)) return &en.value;
    }
    return nullptr;
}

bool table_set(Table* t, const Memory& mem, uint64_t key, void* value) {
    if (void** slot = table_find(t, key)) {
        *slot = value;
        return true;
    }
    if (t->nentries == t->maxentries && !grow(t, mem)) return false;
    link_new(t, key, key_hash(t->kind, key), value);
    return true;
}

bool table_remove(Table* t, uint64_t key) {
    if (!t->entries) return false;
    uint32_t hash = key_hash(t->kind, key);
    int32_t* cells = table_cells(t);
    int32_t* link = &cells[hash % static_cast<uint32_t>(t->ncells)];
    while (*link >= 0) {
        Entry& en = t->entries[*link];
        if (key_equals(t->kind, en.key, en.hash, key, hash)) {
            int32_t e = *link;
            *link = en.next;
            en.key = 0;
            en.value = nullptr;
            en.next = t->free_head;
            t->free_head = e;
            t->nentries--;
            return true;
        }
        link = &en.next;
    }
    return false;
}

void table_clear(Table* t) {
    KeyKind kind = t->kind;
    *t = Table{};
    t->free_head = -1;
    t->kind = kind;
}

}  // namespace hlffi::rt::maps
