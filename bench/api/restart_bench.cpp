// Benchmarks of restart (issue: restart and threads): a whole create -> init -> load -> call_entry
// -> destroy session of bench/programs/startup, from the file each time and from one compiled
// module (hlffi_load_module), and the process's RSS after 100 and after 10,000 sessions of each
// (reported as counters). Run: <build>/bench/api/restart_bench
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "hlffi.h"

namespace {

const std::string kStartup = std::string(HLFFI_HL_DIR) + "/bench_startup.hl";

void quiet(hlffi_vm*, const char*, size_t, void*) {}

// One session; from `module` when it is not NULL, else from the file.
bool session(hlffi_module* module = nullptr) {
    hlffi_vm* vm = hlffi_create();
    bool ok = hlffi_init(vm, 0, nullptr) == HLFFI_OK && hlffi_set_print_handler(vm, quiet, nullptr) == HLFFI_OK &&
              (module != nullptr ? hlffi_load_module(vm, module) : hlffi_load_file(vm, kStartup.c_str())) == HLFFI_OK &&
              hlffi_call_entry(vm) == HLFFI_OK;
    hlffi_destroy(vm);
    return ok;
}

long rss_kb() {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) return -1;
    char line[256];
    long kb = -1;
    while (std::fgets(line, sizeof line, f) != nullptr)
        if (std::strncmp(line, "VmRSS:", 6) == 0) kb = std::strtol(line + 6, nullptr, 10);
    std::fclose(f);
    return kb;
}

void BM_RestartFromFile(benchmark::State& state) {
    for (auto _ : state)
        if (!session()) state.SkipWithError("a session failed");
    state.SetItemsProcessed(state.iterations());  // items/s = restarts per second
}
BENCHMARK(BM_RestartFromFile)->Unit(benchmark::kMicrosecond);

hlffi_module* compile_startup(benchmark::State& state) {
    hlffi_module_error err{};
    hlffi_module* m = hlffi_module_load_file(kStartup.c_str(), &err);
    if (m == nullptr) state.SkipWithError(err.message);
    return m;
}

void BM_RestartFromModule(benchmark::State& state) {
    hlffi_module* m = compile_startup(state);
    if (m == nullptr) return;
    for (auto _ : state)
        if (!session(m)) state.SkipWithError("a session failed");
    state.SetItemsProcessed(state.iterations());
    hlffi_module_free(m);
}
BENCHMARK(BM_RestartFromModule)->Unit(benchmark::kMicrosecond);

void rss_after_restarts(benchmark::State& state, hlffi_module* m) {
    for (auto _ : state) {
        for (int i = 0; i < 100; i++) session(m);
        long after_100 = rss_kb();
        for (int i = 100; i < 10000; i++) session(m);
        long after_10000 = rss_kb();
        state.counters["rss_kb_after_100"] = static_cast<double>(after_100);
        state.counters["rss_kb_after_10000"] = static_cast<double>(after_10000);
        state.counters["rss_growth_kb"] = static_cast<double>(after_10000 - after_100);
    }
}

void BM_RssAfterRestarts(benchmark::State& state) { rss_after_restarts(state, nullptr); }
BENCHMARK(BM_RssAfterRestarts)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_RssAfterModuleRestarts(benchmark::State& state) {
    hlffi_module* m = compile_startup(state);
    if (m == nullptr) return;
    rss_after_restarts(state, m);
    hlffi_module_free(m);
}
BENCHMARK(BM_RssAfterModuleRestarts)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
