// bench: gc heap throughput — small-block allocation with collections, and a binarytrees-like
// workload (millions of short-lived nodes beside a long-lived tree) reporting peak RSS.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <vector>

#include "gc/heap.h"

using hlffi::gc::AllocKind;
using hlffi::gc::Heap;
using hlffi::gc::Marker;

namespace {

size_t rss_bytes() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return size_t(resident) * size_t(sysconf(_SC_PAGESIZE));
}

// Garbage only: allocate blocks of one size, collecting with no roots when the budget says so.
void BM_AllocGarbage(benchmark::State& state) {
    Heap heap;
    size_t size = size_t(state.range(0));
    auto kind = state.range(1) ? AllocKind::Scan : AllocKind::NoScan;
    auto no_roots = [](Marker&) {};
    for (auto _ : state) {
        for (int i = 0; i < 1000; ++i) {
            if (heap.should_collect(size)) heap.collect(no_roots);
            benchmark::DoNotOptimize(heap.alloc(size, kind));
        }
    }
    state.SetItemsProcessed(state.iterations() * 1000);
    state.counters["collections"] = double(heap.stats().collections);
}
BENCHMARK(BM_AllocGarbage)->Args({16, 1})->Args({32, 1})->Args({64, 0})->Args({256, 1})->Args({2000, 0})->Args({20000, 0});

// Reference point: the system allocator on the same sizes.
void BM_MallocFree(benchmark::State& state) {
    size_t size = size_t(state.range(0));
    std::vector<void*> batch(1000);
    for (auto _ : state) {
        for (auto& p : batch) {
            p = std::calloc(1, size);
            benchmark::DoNotOptimize(p);
        }
        for (void* p : batch) std::free(p);
    }
    state.SetItemsProcessed(state.iterations() * 1000);
}
BENCHMARK(BM_MallocFree)->Arg(16)->Arg(32)->Arg(256);

// binarytrees (Computer Language Benchmarks Game shape): nodes are Scan blocks {left, right}
// (16 bytes + an 8-byte header word as a VM object would have). Partially built trees are rooted
// through a shadow stack, as interpreter registers would be.
struct Tree {
    Heap heap;
    std::vector<void*> shadow;  // roots: partially built subtrees and the long-lived tree
    size_t peak_rss = 0;

    void collect() {
        peak_rss = std::max(peak_rss, rss_bytes());
        heap.collect([&](Marker& m) { m.mark_range(shadow.data(), shadow.size() * sizeof(void*)); });
    }
    void** node(void* left, void* right) {
        if (heap.should_collect(24)) collect();
        auto** n = static_cast<void**>(heap.alloc(24, AllocKind::Scan));
        if (!n) std::abort();
        n[1] = left;
        n[2] = right;
        return n;
    }
    void* build(int depth) {
        if (depth == 0) return node(nullptr, nullptr);
        shadow.push_back(build(depth - 1));
        void* right = build(depth - 1);
        void* left = shadow.back();
        shadow.pop_back();
        return node(left, right);
    }
    static long check(void* t) {
        auto** n = static_cast<void**>(t);
        return n[1] ? 1 + check(n[1]) + check(n[2]) : 1;
    }
};

void BM_BinaryTrees(benchmark::State& state) {
    const int max_depth = int(state.range(0)), min_depth = 4;
    size_t peak_rss = 0, live_long = 0, nodes = 0, baseline = rss_bytes();
    for (auto _ : state) {
        Tree t;
        t.shadow.push_back(t.build(max_depth));  // long-lived
        t.collect();
        live_long = t.heap.stats().bytes_in_use;
        long checks = 0;
        for (int d = min_depth; d <= max_depth; d += 2) {
            long iterations = 1L << (max_depth - d + min_depth);
            for (long i = 0; i < iterations; ++i) checks += Tree::check(t.build(d));
            nodes += size_t(iterations) * ((size_t(2) << d) - 1);
        }
        benchmark::DoNotOptimize(checks + Tree::check(t.shadow[0]));
        peak_rss = std::max(peak_rss, t.peak_rss);
    }
    state.SetItemsProcessed(int64_t(nodes));
    state.counters["live_MB"] = double(live_long) / 1048576.0;
    state.counters["peak_rss_MB"] = double(peak_rss) / 1048576.0;
    state.counters["rss_growth_MB"] = double(peak_rss - std::min(peak_rss, baseline)) / 1048576.0;
}
BENCHMARK(BM_BinaryTrees)->Arg(16)->Arg(20)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
