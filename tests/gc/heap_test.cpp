// gc tests: the mark-sweep heap — liveness through roots, Scan chains and interior pointers,
// large blocks, limits, deep structures, fuzzed marking, RSS after heap churn, heap isolation.
#include "gc/heap.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <thread>
#include <unistd.h>
#include <vector>

using hlffi::gc::AllocKind;
using hlffi::gc::Heap;
using hlffi::gc::Marker;

namespace {

struct Node {  // a Scan block: next pointer + payload
    Node* next;
    uint64_t value;
};

Node* new_node(Heap& h, Node* next, uint64_t value) {
    auto* n = static_cast<Node*>(h.alloc(sizeof(Node), AllocKind::Scan));
    if (n) {
        n->next = next;
        n->value = value;
    }
    return n;
}

auto no_roots = [](Marker&) {};

#if defined(__SANITIZE_ADDRESS__)
#define HLFFI_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HLFFI_TEST_ASAN 1
#endif
#endif

size_t rss_bytes() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return size_t(resident) * size_t(sysconf(_SC_PAGESIZE));
}

bool all_zero(const void* p, size_t n) {
    auto* b = static_cast<const unsigned char*>(p);
    for (size_t i = 0; i < n; ++i)
        if (b[i]) return false;
    return true;
}

}  // namespace

TEST(GcHeap, AllocReturnsZeroedAlignedDistinctBlocks) {
    Heap h;
    std::vector<std::pair<char*, size_t>> blocks;
    for (size_t size : {0, 1, 8, 15, 16, 17, 100, 129, 1000, 4096, 8191, 8192, 8193, 20000, 300000}) {
        for (AllocKind kind : {AllocKind::NoScan, AllocKind::Scan}) {
            auto* p = static_cast<char*>(h.alloc(size, kind));
            ASSERT_NE(p, nullptr) << size;
            EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 16, 0u);
            EXPECT_GE(h.block_size(p), std::max<size_t>(size, 1));
            EXPECT_TRUE(all_zero(p, h.block_size(p))) << size;
            std::memset(p, 0xAB, h.block_size(p));
            blocks.push_back({p, h.block_size(p)});
        }
    }
    for (size_t i = 0; i < blocks.size(); ++i)
        for (size_t j = i + 1; j < blocks.size(); ++j) {
            bool disjoint = blocks[i].first + blocks[i].second <= blocks[j].first ||
                            blocks[j].first + blocks[j].second <= blocks[i].first;
            EXPECT_TRUE(disjoint) << i << " " << j;
        }
    EXPECT_EQ(h.stats().objects, blocks.size());
    // Freed and reused memory comes back zeroed too.
    h.collect(no_roots);
    EXPECT_EQ(h.stats().objects, 0u);
    for (int i = 0; i < 2000; ++i) {
        auto* p = h.alloc(100, AllocKind::Scan);
        ASSERT_NE(p, nullptr);
        ASSERT_TRUE(all_zero(p, h.block_size(p)));
        std::memset(p, 0xCD, h.block_size(p));
    }
}

TEST(GcHeap, UnreachableBlocksAreFreed) {
    Heap h;
    for (int i = 0; i < 10000; ++i) ASSERT_NE(h.alloc(24 + i % 500, AllocKind::Scan), nullptr);
    for (int i = 0; i < 50; ++i) ASSERT_NE(h.alloc(50000, AllocKind::NoScan), nullptr);
    EXPECT_EQ(h.stats().objects, 10050u);
    size_t reserved = h.stats().heap_reserved;
    h.collect(no_roots);
    EXPECT_EQ(h.stats().objects, 0u);
    EXPECT_EQ(h.stats().bytes_in_use, 0u);
    EXPECT_EQ(h.stats().collections, 1u);
    EXPECT_LT(h.stats().heap_reserved, reserved);
    // Idle cycles hand the pooled pages and cached large blocks back: 16 pooled pages remain.
    h.collect(no_roots);
    h.collect(no_roots);
    EXPECT_LE(h.stats().heap_reserved, size_t(1) << 20);
}

TEST(GcHeap, ReusedLargeBlocksAreZeroed) {
    Heap h;
    for (size_t size : {20000, 9000, 60000, 30000, 65536, 70000, 200000}) {
        for (int i = 0; i < 4; ++i) {
            auto* p = static_cast<unsigned char*>(h.alloc(size, AllocKind::NoScan));
            ASSERT_NE(p, nullptr);
            ASSERT_TRUE(all_zero(p, h.block_size(p))) << size;
            std::memset(p, 0xEE, h.block_size(p));
        }
        h.collect(no_roots);
        EXPECT_EQ(h.stats().objects, 0u);
    }
}

TEST(GcHeap, RootedBlocksSurviveWithContentsIntact) {
    Heap h;
    std::vector<uint64_t*> kept, dropped;
    for (int i = 0; i < 5000; ++i) {
        auto* p = static_cast<uint64_t*>(h.alloc(40, AllocKind::NoScan));
        ASSERT_NE(p, nullptr);
        for (int k = 0; k < 5; ++k) p[k] = 0x1234567800000000ull + i * 5 + k;
        (i % 3 == 0 ? kept : dropped).push_back(p);
    }
    h.collect([&](Marker& m) {
        for (auto* p : kept) m.mark(p);
    });
    EXPECT_EQ(h.stats().objects, kept.size());
    for (auto* p : dropped) EXPECT_FALSE(h.is_heap_pointer(p));
    // Refill the freed slots; survivors must not be handed out again.
    for (size_t i = 0; i < dropped.size() * 2; ++i) {
        auto* p = static_cast<uint64_t*>(h.alloc(40, AllocKind::NoScan));
        ASSERT_NE(p, nullptr);
        std::memset(p, 0xFF, 40);
    }
    for (size_t j = 0; j < kept.size(); ++j)
        for (int k = 0; k < 5; ++k) ASSERT_EQ(kept[j][k], 0x1234567800000000ull + j * 15 + k);
}

TEST(GcHeap, ScanChainsKeepBlocksAlive) {
    Heap h;
    Node* head = nullptr;
    for (int i = 0; i < 1000; ++i) head = new_node(h, head, i);
    for (int i = 0; i < 1000; ++i) new_node(h, nullptr, 99999);  // garbage
    h.collect([&](Marker& m) { m.mark(head); });
    EXPECT_EQ(h.stats().objects, 1000u);
    uint64_t expect = 999;
    for (Node* n = head; n; n = n->next) ASSERT_EQ(n->value, expect--);
    // Without the root, the whole chain goes.
    h.collect(no_roots);
    EXPECT_EQ(h.stats().objects, 0u);
}

TEST(GcHeap, InteriorPointersKeepBlocksAlive) {
    Heap h;
    auto* small = static_cast<char*>(h.alloc(96, AllocKind::NoScan));
    auto* large = static_cast<char*>(h.alloc(100000, AllocKind::NoScan));
    auto* last_byte = static_cast<char*>(h.alloc(64, AllocKind::NoScan));
    std::memset(small, 7, 96);
    std::memset(large, 9, 100000);
    // A Scan holder points into the middle of each (like ORefData / ORefOffset into an array).
    auto** holder = static_cast<char**>(h.alloc(3 * sizeof(char*), AllocKind::Scan));
    holder[0] = small + 24;
    holder[1] = large + 77777;
    holder[2] = last_byte + 63;
    EXPECT_EQ(h.block_start(small + 24), small);
    EXPECT_EQ(h.block_start(large + 77777), large);
    EXPECT_EQ(h.block_start(large + 100000), nullptr);  // past the usable end
    EXPECT_EQ(h.block_size(small + 24), 0u);            // not a block start
    EXPECT_EQ(h.block_size(large), 100000u);
    h.collect([&](Marker& m) { m.mark(reinterpret_cast<char*>(holder) + 8); });
    EXPECT_EQ(h.stats().objects, 4u);
    EXPECT_TRUE(h.is_heap_pointer(small));
    EXPECT_TRUE(h.is_heap_pointer(large + 99999));
    EXPECT_TRUE(h.is_heap_pointer(last_byte));
    for (int i = 0; i < 96; ++i) ASSERT_EQ(small[i], 7);
    for (int i = 0; i < 100000; ++i) ASSERT_EQ(large[i], 9);
}

TEST(GcHeap, NoScanContentsDoNotKeepBlocksAlive) {
    Heap h;
    auto* target = h.alloc(32, AllocKind::Scan);
    auto* big_target = h.alloc(20000, AllocKind::Scan);
    auto** raw = static_cast<void**>(h.alloc(32, AllocKind::NoScan));
    auto** big_raw = static_cast<void**>(h.alloc(50000, AllocKind::NoScan));
    raw[0] = target;
    big_raw[100] = big_target;
    h.collect([&](Marker& m) {
        m.mark(raw);
        m.mark(big_raw);
    });
    EXPECT_EQ(h.stats().objects, 2u);
    EXPECT_FALSE(h.is_heap_pointer(target));
    EXPECT_FALSE(h.is_heap_pointer(big_target));
    EXPECT_TRUE(h.is_heap_pointer(raw));
}

TEST(GcHeap, LargeScanBlocksAreScannedAndFreed) {
    Heap h;
    const size_t n = 50000;  // 400 KB array of pointers
    auto** arr = static_cast<Node**>(h.alloc(n * sizeof(Node*), AllocKind::Scan));
    ASSERT_NE(arr, nullptr);
    for (size_t i = 0; i < n; i += 7) arr[i] = new_node(h, nullptr, i);
    size_t expect = 1 + (n + 6) / 7;
    h.collect([&](Marker& m) { m.mark(arr + n / 2); });
    EXPECT_EQ(h.stats().objects, expect);
    for (size_t i = 0; i < n; i += 7) ASSERT_EQ(arr[i]->value, i);
    size_t reserved = h.stats().heap_reserved;
    h.collect(no_roots);
    EXPECT_EQ(h.stats().objects, 0u);
    EXPECT_FALSE(h.is_heap_pointer(arr));
    h.collect(no_roots);
    h.collect(no_roots);  // the freed block leaves the large-block cache after an idle cycle
    EXPECT_LE(h.stats().heap_reserved + 400000, reserved);
}

TEST(GcHeap, PointerToFreedSlotDoesNotResurrect) {
    Heap h;
    auto* a = h.alloc(48, AllocKind::Scan);
    auto* b = h.alloc(48, AllocKind::Scan);
    h.collect([&](Marker& m) { m.mark(a); });
    EXPECT_FALSE(h.is_heap_pointer(b));
    EXPECT_EQ(h.block_start(b), nullptr);
    h.collect([&](Marker& m) {
        m.mark(a);
        m.mark(b);  // stale: b's slot is free
    });
    EXPECT_EQ(h.stats().objects, 1u);
    EXPECT_FALSE(h.is_heap_pointer(b));
}

TEST(GcHeap, MarkRangeScansConservatively) {
    Heap h;
    std::vector<uintptr_t> regs(64, 42);  // a register array outside the heap
    Node* kept = new_node(h, nullptr, 1);
    Node* gone = new_node(h, nullptr, 2);
    regs[17] = reinterpret_cast<uintptr_t>(kept) + 8;
    h.collect([&](Marker& m) { m.mark_range(regs.data(), regs.size() * sizeof(uintptr_t)); });
    EXPECT_TRUE(h.is_heap_pointer(kept));
    EXPECT_FALSE(h.is_heap_pointer(gone));
    EXPECT_EQ(kept->value, 1u);
}

TEST(GcHeap, BudgetAndStressMode) {
    Heap h;
    EXPECT_FALSE(h.should_collect(64));
    while (!h.should_collect(64)) ASSERT_NE(h.alloc(64, AllocKind::NoScan), nullptr);
    EXPECT_GE(h.allocated_since_collect() + 64, size_t(8) << 20);
    h.collect(no_roots);
    EXPECT_EQ(h.allocated_since_collect(), 0u);
    EXPECT_FALSE(h.should_collect(64));
    h.set_stress(true);
    EXPECT_TRUE(h.should_collect(0));
    h.set_stress(false);
    EXPECT_FALSE(h.should_collect(0));
}

TEST(GcHeap, StressModeCollectingEveryAllocationKeepsRootedData) {
    Heap h;
    h.set_stress(true);
    Node* head = nullptr;
    auto roots = [&](Marker& m) { m.mark(head); };
    for (int i = 0; i < 3000; ++i) {
        ASSERT_TRUE(h.should_collect(sizeof(Node)));
        h.collect(roots);
        Node* n = new_node(h, head, i);
        ASSERT_NE(n, nullptr);
        head = n;
        h.alloc(32, AllocKind::NoScan);  // garbage, freed by the next collection
    }
    h.collect(roots);
    EXPECT_EQ(h.stats().objects, 3000u);
    EXPECT_EQ(h.stats().collections, 3001u);
    uint64_t expect = 2999;
    for (Node* n = head; n; n = n->next) ASSERT_EQ(n->value, expect--);
}

// Stress mode fills freed blocks with the poison byte (a missed root then reads garbage, not the
// old object); the next allocation of the slot or cached large block is zero again. The freed
// memory stays mapped here: the small one shares a page with a live block, the large one is cached.
TEST(GcHeap, StressModePoisonsFreedBlocks) {
    Heap h;
    h.set_stress(true);
    auto* kept = static_cast<unsigned char*>(h.alloc(48, AllocKind::Scan));
    auto* gone = static_cast<unsigned char*>(h.alloc(48, AllocKind::Scan));
    auto* big = static_cast<unsigned char*>(h.alloc(100000, AllocKind::NoScan));
    ASSERT_TRUE(kept && gone && big);
    std::memset(kept, 0x11, 48);
    std::memset(gone, 0x22, 48);
    std::memset(big, 0x33, 100000);
    h.collect([&](Marker& m) { m.mark(kept); });
    ASSERT_FALSE(h.is_heap_pointer(gone));
    for (size_t i = 0; i < 48; ++i) {
        ASSERT_EQ(kept[i], 0x11) << i;
        ASSERT_EQ(gone[i], Heap::kPoisonByte) << i;
    }
    for (size_t i = 0; i < 100000; ++i) ASSERT_EQ(big[i], Heap::kPoisonByte) << i;
    auto* again = static_cast<unsigned char*>(h.alloc(48, AllocKind::Scan));
    auto* big_again = static_cast<unsigned char*>(h.alloc(90000, AllocKind::NoScan));
    ASSERT_EQ(again, gone);     // the freed slot, handed out zeroed
    ASSERT_EQ(big_again, big);  // the cached block
    for (size_t i = 0; i < 48; ++i) ASSERT_EQ(again[i], 0) << i;
    for (size_t i = 0; i < 90000; ++i) ASSERT_EQ(big_again[i], 0) << i;
    // Outside stress mode a sweep leaves freed memory as it was (no cost on the normal path).
    h.set_stress(false);
    std::memset(again, 0x44, 48);
    h.collect([&](Marker& m) { m.mark(kept); });
    EXPECT_EQ(again[0], 0x44);
}

TEST(GcHeap, MemoryLimitReturnsNullUntilCollected) {
    Heap h(size_t(1) << 20);
    size_t count = 0;
    while (h.alloc(1000, AllocKind::NoScan)) ++count;
    EXPECT_GT(count, 900u);
    EXPECT_LE(h.stats().bytes_in_use, size_t(1) << 20);
    EXPECT_EQ(h.alloc(2 << 20, AllocKind::NoScan), nullptr);
    EXPECT_TRUE(h.should_collect(1000));
    h.collect(no_roots);
    EXPECT_NE(h.alloc(1000, AllocKind::NoScan), nullptr);
    EXPECT_NE(h.alloc(500000, AllocKind::NoScan), nullptr);
    EXPECT_EQ(h.alloc(600000, AllocKind::NoScan), nullptr);
    h.set_memory_limit(0);
    EXPECT_NE(h.alloc(600000, AllocKind::NoScan), nullptr);
    EXPECT_EQ(h.alloc(size_t(1) << 62, AllocKind::NoScan), nullptr);  // impossible request
}

TEST(GcHeap, MillionNodeListMarksWithoutRecursion) {
    Heap h;
    Node* head = nullptr;
    for (int i = 0; i < 1000000; ++i) {
        head = new_node(h, head, i);
        ASSERT_NE(head, nullptr);
    }
    h.collect([&](Marker& m) { m.mark(head); });
    EXPECT_EQ(h.stats().objects, 1000000u);
    h.collect(no_roots);
    EXPECT_EQ(h.stats().objects, 0u);
}

TEST(GcHeap, MarkStackOverflowFallsBackToRescan) {
    Heap h;
    h.set_mark_stack_limit_for_testing(2);
    // A wide root with many chains: far more pending blocks than the stack holds.
    const int width = 300, depth = 40;
    auto** roots = static_cast<Node**>(h.alloc(width * sizeof(Node*), AllocKind::Scan));
    for (int i = 0; i < width; ++i)
        for (int d = 0; d < depth; ++d) roots[i] = new_node(h, roots[i], i * depth + d);
    for (int i = 0; i < 5000; ++i) h.alloc(16, AllocKind::Scan);
    h.collect([&](Marker& m) { m.mark(roots); });
    EXPECT_EQ(h.stats().objects, size_t(1 + width * depth));
    for (int i = 0; i < width; ++i) {
        int d = depth - 1;
        for (Node* n = roots[i]; n; n = n->next) ASSERT_EQ(n->value, uint64_t(i * depth + d--));
    }
}

TEST(GcHeap, CreateDestroyCyclesDoNotGrowRss) {
#ifdef HLFFI_TEST_ASAN
    GTEST_SKIP() << "ASan's quarantine holds freed descriptors, so RSS is not meaningful";
#endif
    auto cycle = [] {
        Heap h;
        Node* head = nullptr;
        for (int i = 0; i < 20000; ++i) head = new_node(h, head, i);
        for (int i = 0; i < 20; ++i) h.alloc(70000, AllocKind::Scan);
        h.collect([&](Marker& m) { m.mark(head); });
        for (int i = 0; i < 20000; ++i) h.alloc(200, AllocKind::NoScan);
    };
    for (int i = 0; i < 5; ++i) cycle();
    size_t before = rss_bytes();
    for (int i = 0; i < 300; ++i) cycle();
    size_t after = rss_bytes();
    EXPECT_LT(after, before + (size_t(4) << 20)) << before << " -> " << after;
}

TEST(GcHeap, FuzzedMarkNeverCrashesAndKeepsRoots) {
    Heap h;
    std::mt19937_64 rng(12345);
    std::vector<Node*> live;
    std::vector<char*> anchors;  // addresses to aim random pointers near
    for (int round = 0; round < 25; ++round) {
        for (int i = 0; i < 2000; ++i) {
            size_t size = rng() % 16 == 0 ? rng() % 40000 : rng() % 300;
            auto kind = rng() % 2 ? AllocKind::Scan : AllocKind::NoScan;
            auto* p = static_cast<char*>(h.alloc(size, kind));
            ASSERT_NE(p, nullptr);
            // Scan blocks get random words, some of them near heap addresses.
            if (kind == AllocKind::Scan)
                for (size_t k = 0; k + 8 <= size; k += 8) {
                    uintptr_t w = rng() % 2 && !anchors.empty()
                                      ? reinterpret_cast<uintptr_t>(anchors[rng() % anchors.size()]) +
                                            rng() % 200000 - 100000
                                      : uintptr_t(rng());
                    std::memcpy(p + k, &w, 8);
                }
            if (anchors.size() < 1000) anchors.push_back(p);
            else anchors[rng() % anchors.size()] = p;
        }
        Node* n = new_node(h, nullptr, round);
        live.push_back(n);
        h.collect([&](Marker& m) {
            for (Node* l : live) m.mark(l);
            for (int i = 0; i < 20000; ++i) {
                uintptr_t w = reinterpret_cast<uintptr_t>(anchors[rng() % anchors.size()]);
                switch (rng() % 4) {
                    case 0: w = rng(); break;
                    case 1: w += rng() % 300000 - 150000; break;
                    case 2: w = (w & ~uintptr_t(0xFFFF)) + rng() % 0x10000; break;
                    default: w ^= uintptr_t(1) << (rng() % 64); break;
                }
                m.mark(reinterpret_cast<void*>(w));
                (void)h.block_start(reinterpret_cast<void*>(w));
                (void)h.block_size(reinterpret_cast<void*>(w));
            }
        });
        for (size_t i = 0; i < live.size(); ++i) {
            ASSERT_TRUE(h.is_heap_pointer(live[i]));
            ASSERT_EQ(live[i]->value, i);
        }
        // Anchors may now be freed: that is what makes the next round's pointers interesting.
    }
}

TEST(GcHeap, HeapsOnSeveralThreadsAreIndependent) {
    auto work = [](int seed, bool* ok) {
        Heap h;
        Node* head = nullptr;
        for (int round = 0; round < 20; ++round) {
            for (int i = 0; i < 20000; ++i) {
                Node* n = new_node(h, i % 10 == 0 ? head : nullptr, seed * 1000000 + round * 20000 + i);
                if (i % 10 == 0) head = n;
            }
            h.collect([&](Marker& m) { m.mark(head); });
        }
        size_t count = 0;
        for (Node* n = head; n; n = n->next) ++count;
        *ok = count == 20 * 2000 && h.stats().objects == count;
    };
    bool ok[4] = {};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) threads.emplace_back(work, t, &ok[t]);
    for (auto& t : threads) t.join();
    for (bool b : ok) EXPECT_TRUE(b);

    Heap a, b;
    void* pa = a.alloc(32, AllocKind::Scan);
    EXPECT_TRUE(a.is_heap_pointer(pa));
    EXPECT_FALSE(b.is_heap_pointer(pa));
    b.collect([&](Marker& m) { m.mark(pa); });  // foreign pointer: ignored by b
    a.collect(no_roots);
    EXPECT_FALSE(a.is_heap_pointer(pa));
}
