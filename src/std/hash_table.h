// std layer: the hash table behind the hb*/hi*/ho* natives (StringMap, IntMap, ObjectMap), with
// HashLink 1.16's bucket counts, growth and rehash rules so iteration order matches
// (spec/runtime.md §16.5). Pure: memory comes from a caller-given source (the VM heap in natives,
// plain memory in tests), so the algorithm is testable without a VM.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hlffi::rt::maps {

enum class KeyKind : int32_t {
    Bytes,  // NUL-terminated UTF-16 pointer, compared by content, stored by pointer
    Int,    // i32 (stored zero-extended)
    Ptr,    // any pointer, compared and hashed by address
};

// Source of zeroed memory. `scan` blocks may hold pointers the GC must see. Returns nullptr on
// failure (the VM has then raised an exception).
struct Memory {
    void* (*alloc)(void* ctx, size_t size, bool scan);
    void* ctx;
};

struct Entry {
    uint64_t key;
    void* value;
    int32_t next;   // next entry of the chain (or of the free list), -1 at the end
    uint32_t hash;
};
static_assert(sizeof(Entry) == 24);

// The table header; `entries` is one scan block: `maxentries` entries then `ncells` i32 chain
// heads (-1 = empty bucket), so every growth is a single allocation.
struct Table {
    Entry* entries;
    int32_t ncells;
    int32_t nentries;
    int32_t maxentries;
    int32_t used;       // entries [0, used) have been handed out since the last rebuild
    int32_t free_head;  // freed entries, chained through Entry::next
    KeyKind kind;
};

inline int32_t* table_cells(const Table* t) {
    return reinterpret_cast<int32_t*>(t->entries + t->maxentries);
}

// Hash of a key as the table uses it (StringMap: the field-name hash of §9 as unsigned).
uint32_t key_hash(KeyKind kind, uint64_t key);

// Capacity after a growth from `maxentries`, and the bucket count for a capacity (§16.5).
int32_t next_capacity(int32_t maxentries);
int32_t cells_for_capacity(int32_t maxentries);

Table* table_new(const Memory& mem, KeyKind kind);
// Address of the value stored for `key`, or nullptr.
void** table_find(const Table* t, uint64_t key);
// Insert or replace; false when memory ran out (table unchanged).
bool table_set(Table* t, const Memory& mem, uint64_t key, void* value);
bool table_remove(Table* t, uint64_t key);
void table_clear(Table* t);

// Visit entries in iteration order: buckets in order, each chain newest first.
template <typename F>
void table_each(const Table* t, F&& f) {
    if (!t->entries) return;
    const int32_t* cells = table_cells(t);
    for (int32_t b = 0; b < t->ncells; b++) {
        for (int32_t e = cells[b]; e >= 0; e = t->entries[e].next) f(t->entries[e].key, t->entries[e].value);
    }
}

}  // namespace hlffi::rt::maps
