// gc tests: finalizers (Heap::add_finalizer) — run once after the collection that frees their
// block (small or large), never while it lives, and for every block left when the heap dies.
#include "gc/heap.h"

#include <gtest/gtest.h>

#include <vector>

using hlffi::gc::AllocKind;
using hlffi::gc::Heap;
using hlffi::gc::Marker;

namespace {

void count(void* data) { ++*static_cast<int*>(data); }

TEST(HeapFinalizer, RunsOnceAfterTheBlockDies) {
    Heap h;
    int small_runs = 0, large_runs = 0;
    void* small = h.alloc(32, AllocKind::NoScan);
    void* large = h.alloc(100000, AllocKind::Scan);
    h.add_finalizer(small, count, &small_runs);
    h.add_finalizer(large, count, &large_runs);
    void* roots[2] = {small, large};
    h.collect([&](Marker& m) { m.mark(roots[0]), m.mark(roots[1]); });
    EXPECT_EQ(small_runs, 0);
    EXPECT_EQ(large_runs, 0);
    h.collect([&](Marker& m) { m.mark(roots[1]); });
    EXPECT_EQ(small_runs, 1);
    EXPECT_EQ(large_runs, 0);
    // The freed slot is reused: the new block must not inherit the finalizer.
    void* again = h.alloc(32, AllocKind::NoScan);
    h.collect([&](Marker& m) { m.mark(again), m.mark(roots[1]); });
    EXPECT_EQ(small_runs, 1);
    h.collect([](Marker&) {});
    EXPECT_EQ(large_runs, 1);
    h.collect([](Marker&) {});
    EXPECT_EQ(small_runs, 1);
    EXPECT_EQ(large_runs, 1);
}

TEST(HeapFinalizer, RunsForLiveBlocksWhenTheHeapDies) {
    int runs = 0;
    {
        Heap h;
        std::vector<void*> blocks;
        for (int i = 0; i < 100; ++i) {
            blocks.push_back(h.alloc(16, AllocKind::NoScan));
            h.add_finalizer(blocks.back(), count, &runs);
        }
        h.collect([&](Marker& m) {
            for (size_t i = 0; i < blocks.size(); i += 2) m.mark(blocks[i]);
        });
        EXPECT_EQ(runs, 50);
    }
    EXPECT_EQ(runs, 100);
}

}  // namespace
