// Interrupt latency (issue: restart, threads, interrupt and limits): the time from
// hlffi_interrupt(vm), called on another thread, to the host regaining control, i.e. the blocked
// hlffi_call_static returning HLFFI_ERROR_INTERRUPTED. One benchmark per kind of code that never
// stops by itself (tests/haxe/api/runaway): a bare loop, a loop around try/catch, deep recursion,
// a loop inside a native's callback (Array.sort's comparator), and a loop of Sys.sleep. Each runs
// 100 tries; the counters are the median and the maximum in microseconds. Wall time over the
// tries is not the measurement (it is mostly the time the code runs before being interrupted).
// Run: <build>/bench/api/interrupt_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "hlffi.h"

namespace {

using Clock = std::chrono::steady_clock;

const std::string kRunaway = std::string(HLFFI_HL_DIR) + "/api_runaway.hl";
constexpr int kTries = 100;

// One try: Runaway.<method> on this thread, interrupted after `after` by another thread.
// Returns the latency in seconds, or a negative value if the call did not end as interrupted.
double one_try(hlffi_vm* vm, const char* method, std::chrono::microseconds after) {
    std::atomic<bool> started{false};
    Clock::time_point asked;
    std::thread killer([&] {
        while (!started.load()) std::this_thread::yield();
        std::this_thread::sleep_for(after);
        asked = Clock::now();
        hlffi_interrupt(vm);
    });
    started = true;
    hlffi_value* r = hlffi_call_static(vm, "Runaway", method, 0, nullptr);
    Clock::time_point back = Clock::now();
    killer.join();
    if (r != nullptr || hlffi_get_last_error(vm) != HLFFI_ERROR_INTERRUPTED) {
        hlffi_value_free(r);
        return -1;
    }
    return std::chrono::duration<double>(back - asked).count();
}

void latency(benchmark::State& state, const char* method) {
    hlffi_vm* vm = hlffi_create();
    if (hlffi_init(vm, 0, nullptr) != HLFFI_OK || hlffi_load_file(vm, kRunaway.c_str()) != HLFFI_OK ||
        hlffi_call_entry(vm) != HLFFI_OK) {
        state.SkipWithError(hlffi_get_error(vm));
        hlffi_destroy(vm);
        return;
    }
    std::vector<double> times;
    for (auto _ : state) {
        times.clear();
        for (int i = 0; i < kTries; i++) {
            // 1 to 5 ms in: the interrupt lands at different points of the code's cycle (for the
            // sort: in different comparator calls; for recursion: at different depths).
            double t = one_try(vm, method, std::chrono::microseconds(1000 + 1000 * (i % 5)));
            if (t < 0) {
                state.SkipWithError("the call did not end with HLFFI_ERROR_INTERRUPTED");
                break;
            }
            times.push_back(t);
        }
    }
    if (times.size() == kTries) {
        std::sort(times.begin(), times.end());
        state.counters["median_us"] = (times[kTries / 2 - 1] + times[kTries / 2]) / 2 * 1e6;
        state.counters["max_us"] = times.back() * 1e6;
        state.counters["tries"] = kTries;
    }
    hlffi_destroy(vm);
}

void BM_InterruptLoop(benchmark::State& s) { latency(s, "spin"); }                  // while (true) progress++;
void BM_InterruptTryCatchLoop(benchmark::State& s) { latency(s, "spinCatching"); }  // while (true) try ... catch (e:Dynamic)
void BM_InterruptRecursion(benchmark::State& s) { latency(s, "recurse"); }          // fib(60)
void BM_InterruptSortComparator(benchmark::State& s) { latency(s, "sortForever"); } // a loop in sort's comparator
void BM_InterruptSleepLoop(benchmark::State& s) { latency(s, "sleepy"); }           // while (true) Sys.sleep(0.01)
BENCHMARK(BM_InterruptLoop)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InterruptTryCatchLoop)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InterruptRecursion)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InterruptSortComparator)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InterruptSleepLoop)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
