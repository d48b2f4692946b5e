// Tests of the map natives' hash table (spec/runtime.md §16.5): iteration order, growth, removal.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "std/hash_table.h"

namespace hlffi::rt::maps {
namespace {

struct Arena {
    std::vector<std::unique_ptr<char[]>> blocks;
    static void* alloc(void* ctx, size_t size, bool) {
        auto* a = static_cast<Arena*>(ctx);
        a->blocks.push_back(std::make_unique<char[]>(size));
        std::memset(a->blocks.back().get(), 0, size);
        return a->blocks.back().get();
    }
    Memory memory() { return Memory{&Arena::alloc, this}; }
};

struct StringKeys {
    std::deque<std::u16string> storage;  // stable addresses
    uint64_t key(const std::u16string& s) {
        storage.push_back(s);
        return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(storage.back().c_str()));
    }
};

std::u16string u16(const std::string& s) { return std::u16string(s.begin(), s.end()); }

std::vector<std::string> string_order(const Table* t) {
    std::vector<std::string> out;
    table_each(t, [&](uint64_t k, void*) {
        std::string s;
        for (auto* p = reinterpret_cast<const char16_t*>(static_cast<uintptr_t>(k)); *p; p++) s += static_cast<char>(*p);
        out.push_back(s);
    });
    return out;
}

std::vector<int32_t> int_order(const Table* t) {
    std::vector<int32_t> out;
    table_each(t, [&](uint64_t k, void*) { out.push_back(static_cast<int32_t>(static_cast<uint32_t>(k))); });
    return out;
}

void* val(intptr_t v) { return reinterpret_cast<void*>(v); }

TEST(HashTable, CapacitySequence) {
    std::vector<int32_t> caps;
    int32_t m = 0;
    for (int i = 0; i < 10; i++) caps.push_back(m = next_capacity(m));
    EXPECT_EQ(caps, (std::vector<int32_t>{3, 5, 8, 12, 18, 27, 41, 62, 93, 140}));
    EXPECT_EQ(cells_for_capacity(3), 7);
    EXPECT_EQ(cells_for_capacity(27), 7);
    EXPECT_EQ(cells_for_capacity(41), 17);
    EXPECT_EQ(cells_for_capacity(140), 37);
}

TEST(HashTable, StringHashIsFieldHash) {
    StringKeys keys;
    EXPECT_EQ(key_hash(KeyKind::Bytes, keys.key(u"")), 0u);
    EXPECT_EQ(key_hash(KeyKind::Bytes, keys.key(u"a")), 97u);
    EXPECT_EQ(key_hash(KeyKind::Bytes, keys.key(u"length")), static_cast<uint32_t>(-16280745));
    EXPECT_EQ(key_hash(KeyKind::Bytes, keys.key(u"hello")), 79770519u);
    EXPECT_EQ(key_hash(KeyKind::Bytes, keys.key(u"__string")), static_cast<uint32_t>(-111176985));
}

TEST(HashTable, StringMapOrderSpecExample) {
    Arena arena;
    StringKeys keys;
    Table* t = table_new(arena.memory(), KeyKind::Bytes);
    int i = 0;
    for (const char* k : {"a", "b", "c", "hello", "world", "foo", "bar", "baz", "qux", "x"})
        ASSERT_TRUE(table_set(t, arena.memory(), keys.key(u16(k)), val(++i)));
    EXPECT_EQ(string_order(t),
              (std::vector<std::string>{"world", "b", "x", "c", "bar", "hello", "qux", "baz", "foo", "a"}));
    EXPECT_EQ(t->nentries, 10);
}

TEST(HashTable, TwoKeys) {
    Arena arena;
    StringKeys keys;
    Table* t = table_new(arena.memory(), KeyKind::Bytes);
    ASSERT_TRUE(table_set(t, arena.memory(), keys.key(u"a"), val(1)));
    ASSERT_TRUE(table_set(t, arena.memory(), keys.key(u"b"), val(2)));
    EXPECT_EQ(string_order(t), (std::vector<std::string>{"b", "a"}));
}

TEST(HashTable, IntMapOrderSpecExample) {
    Arena arena;
    Table* t = table_new(arena.memory(), KeyKind::Int);
    for (int32_t k : {5, 3, 100, -1, 7, 14, 0, 21})
        ASSERT_TRUE(table_set(t, arena.memory(), static_cast<uint32_t>(k), val(k + 1000)));
    EXPECT_EQ(int_order(t), (std::vector<int32_t>{21, 0, 14, 7, 100, -1, 3, 5}));
    void** v = table_find(t, static_cast<uint32_t>(-1));
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, val(999));
}

TEST(HashTable, LookupComparesContentNotPointer) {
    Arena arena;
    StringKeys keys;
    Table* t = table_new(arena.memory(), KeyKind::Bytes);
    ASSERT_TRUE(table_set(t, arena.memory(), keys.key(u"hello"), val(1)));
    uint64_t other = keys.key(u"hello");
    void** v = table_find(t, other);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, val(1));
    EXPECT_EQ(table_find(t, keys.key(u"hell")), nullptr);
    EXPECT_EQ(table_find(t, keys.key(u"hello!")), nullptr);
}

TEST(HashTable, ReplaceKeepsOrderRemoveUnlinks) {
    Arena arena;
    Table* t = table_new(arena.memory(), KeyKind::Int);
    for (int32_t k : {5, 3, 100, -1, 7, 14, 0, 21}) ASSERT_TRUE(table_set(t, arena.memory(), static_cast<uint32_t>(k), val(1)));
    ASSERT_TRUE(table_set(t, arena.memory(), 100u, val(2)));
    EXPECT_EQ(int_order(t), (std::vector<int32_t>{21, 0, 14, 7, 100, -1, 3, 5}));
    EXPECT_EQ(*table_find(t, 100u), val(2));
    EXPECT_TRUE(table_remove(t, 14u));
    EXPECT_FALSE(table_remove(t, 14u));
    EXPECT_FALSE(table_remove(t, 99u));
    EXPECT_EQ(t->nentries, 7);
    EXPECT_EQ(int_order(t), (std::vector<int32_t>{21, 0, 7, 100, -1, 3, 5}));
    // Re-inserting goes to the head of its chain (bucket 0 holds 21, 0, 14, 7); the freed entry is reused, no growth.
    int32_t cap = t->maxentries;
    ASSERT_TRUE(table_set(t, arena.memory(), 14u, val(3)));
    EXPECT_EQ(t->maxentries, cap);
    EXPECT_EQ(int_order(t), (std::vector<int32_t>{14, 21, 0, 7, 100, -1, 3, 5}));
}

TEST(HashTable, SimpleExpandKeepsChains) {
    // 3 -> 5 -> 8 -> 12 -> 18 -> 27 all keep 7 buckets: chains stay newest first.
    Arena arena;
    Table* t = table_new(arena.memory(), KeyKind::Int);
    for (int32_t k = 0; k < 27; k++) ASSERT_TRUE(table_set(t, arena.memory(), static_cast<uint32_t>(k * 7), val(1)));
    EXPECT_EQ(t->ncells, 7);
    std::vector<int32_t> expected;
    for (int32_t k = 26; k >= 0; k--) expected.push_back(k * 7);
    EXPECT_EQ(int_order(t), expected);
}

TEST(HashTable, RehashReversesChainsAcrossGrowth) {
    // Growing 27 -> 41 moves to 17 buckets: each old chain is re-inserted head first, so keys
    // landing in the same new bucket come out oldest first.
    Arena arena;
    Table* t = table_new(arena.memory(), KeyKind::Int);
    for (int32_t k = 0; k < 28; k++) ASSERT_TRUE(table_set(t, arena.memory(), static_cast<uint32_t>(k * 7 * 17), val(1)));
    EXPECT_EQ(t->ncells, 17);
    EXPECT_EQ(t->maxentries, 41);
    std::vector<int32_t> expected;
    expected.push_back(27 * 119);  // the new key, prepended after the rehash
    for (int32_t k = 0; k < 27; k++) expected.push_back(k * 119);
    EXPECT_EQ(int_order(t), expected);
}

TEST(HashTable, ManyKeysAllFound) {
    Arena arena;
    StringKeys keys;
    Table* t = table_new(arena.memory(), KeyKind::Bytes);
    for (int i = 0; i < 500; i++) ASSERT_TRUE(table_set(t, arena.memory(), keys.key(u16("k" + std::to_string(i))), val(i + 1)));
    EXPECT_EQ(t->nentries, 500);
    for (int i = 0; i < 500; i++) {
        void** v = table_find(t, keys.key(u16("k" + std::to_string(i))));
        ASSERT_NE(v, nullptr);
        EXPECT_EQ(*v, val(i + 1));
    }
    EXPECT_EQ(string_order(t).size(), 500u);
    for (int i = 0; i < 500; i += 2) EXPECT_TRUE(table_remove(t, keys.key(u16("k" + std::to_string(i)))));
    EXPECT_EQ(string_order(t).size(), 250u);
    table_clear(t);
    EXPECT_EQ(t->nentries, 0);
    EXPECT_TRUE(string_order(t).empty());
    EXPECT_EQ(table_find(t, keys.key(u"k1")), nullptr);
    ASSERT_TRUE(table_set(t, arena.memory(), keys.key(u"k1"), val(7)));
    EXPECT_EQ(string_order(t), (std::vector<std::string>{"k1"}));
}

}  // namespace
}  // namespace hlffi::rt::maps
