// bench (api layer): the cost of crossing the embedding API, over tests/haxe/api/cpp: calls by
// name and cached, the C++ wrapper's typed functions, host callbacks called from Haxe, value
// handles and field reads. Results: bench/README.md.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "hlffi.hpp"

namespace {

const char* program() {
    static const std::string path = std::string(HLFFI_HL_DIR) + "/api_cpp.hl";  // const after init
    return path.c_str();
}

hlffi::Vm loaded() {
    hlffi::Vm vm;
    vm.init().load(program()).call_entry();
    return vm;
}

void BM_CallStaticByName(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    hlffi_vm* v = vm.handle();
    hlffi_value* args[2] = {hlffi_value_int(v, 20), hlffi_value_int(v, 22)};
    for (auto _ : state) {
        hlffi_value* r = hlffi_call_static(v, "Main", "add", 2, args);
        benchmark::DoNotOptimize(r);
        hlffi_value_free(r);
    }
    if (hlffi_get_last_error(v) != HLFFI_OK) state.SkipWithError(hlffi_get_error(v));
    hlffi_value_free(args[0]);
    hlffi_value_free(args[1]);
}
BENCHMARK(BM_CallStaticByName);

void BM_CallCached(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    hlffi_vm* v = vm.handle();
    hlffi_cached_call* add = hlffi_cache_static_method(v, "Main", "add");
    hlffi_value* args[2] = {hlffi_value_int(v, 20), hlffi_value_int(v, 22)};
    for (auto _ : state) {
        hlffi_value* r = hlffi_call_cached(add, 2, args);
        benchmark::DoNotOptimize(r);
        hlffi_value_free(r);
    }
    if (hlffi_get_last_error(v) != HLFFI_OK) state.SkipWithError(hlffi_get_error(v));
    hlffi_value_free(args[0]);
    hlffi_value_free(args[1]);
    hlffi_cached_call_free(add);
}
BENCHMARK(BM_CallCached);

void BM_CppFunction(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    auto add = vm.function<int(int, int)>("Main", "add");
    int i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(add(i++, 1));
}
BENCHMARK(BM_CppFunction);

void BM_CppCallByName(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    int i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(vm.call<int>("Main", "add", i++, 1));
}
BENCHMARK(BM_CppCallByName);

hlffi_value* c_add(hlffi_vm* vm, int, hlffi_value** argv) {
    return hlffi_value_int(vm, hlffi_value_as_int(argv[0], 0) + hlffi_value_as_int(argv[1], 0));
}

// Haxe's Main.loopTyped(n) calls Main.typedHook n times; one iteration here is one such call.
constexpr int kLoop = 1000;

void run_hook_loop(benchmark::State& state, hlffi::Vm& vm) {
    auto loop = vm.function<int(int)>("Main", "loopTyped");
    int expected = 0;
    for (int i = 0; i < kLoop; i++) expected += i + 1;
    for (auto _ : state) {
        int r = loop(kLoop);
        if (r != expected) {
            state.SkipWithError("wrong result");
            break;
        }
    }
    // items_per_second = callbacks per second; ns per callback = Time / 1000.
    state.SetItemsProcessed(state.iterations() * kLoop);
    state.SetLabel("1 iteration = 1000 calls");
}

void BM_HostCallbackC(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    const hlffi_arg_type types[2] = {HLFFI_ARG_INT, HLFFI_ARG_INT};
    hlffi_register_callback_typed(vm.handle(), "add", c_add, 2, types, HLFFI_ARG_INT);
    vm.set_static("Main", "typedHook", vm.get_callback("add"));
    run_hook_loop(state, vm);
}
BENCHMARK(BM_HostCallbackC);

void BM_HostCallbackLambda(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    vm.callback("add", [](int a, int b) { return a + b; });
    vm.set_static("Main", "typedHook", vm.get_callback("add"));
    run_hook_loop(state, vm);
}
BENCHMARK(BM_HostCallbackLambda);

// The same loop calling a Haxe function instead of the host: the part of the time that is Haxe's.
void BM_HaxeCallbackBaseline(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    vm.set_static("Main", "typedHook", vm.get_static("Main", "addClosure"));
    run_hook_loop(state, vm);
}
BENCHMARK(BM_HaxeCallbackBaseline);

void BM_ValueIntCreateFree(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    hlffi_vm* v = vm.handle();
    int i = 0;
    for (auto _ : state) {
        hlffi_value* x = hlffi_value_int(v, i++);
        benchmark::DoNotOptimize(x);
        hlffi_value_free(x);
    }
}
BENCHMARK(BM_ValueIntCreateFree);

void BM_ValueStringCreateFree(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    hlffi_vm* v = vm.handle();
    for (auto _ : state) {
        hlffi_value* x = hlffi_value_string(v, "hello");
        benchmark::DoNotOptimize(x);
        hlffi_value_free(x);
    }
}
BENCHMARK(BM_ValueStringCreateFree);

void BM_GetFieldInt(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    hlffi::Value c = vm.new_instance("Counter", "bench", 7);
    for (auto _ : state) benchmark::DoNotOptimize(hlffi_get_field_int(c.handle(), "count", 0));
}
BENCHMARK(BM_GetFieldInt);

void BM_CppGetField(benchmark::State& state) {
    hlffi::Vm vm = loaded();
    hlffi::Value c = vm.new_instance("Counter", "bench", 7);
    for (auto _ : state) benchmark::DoNotOptimize(c.get<int>("count"));
}
BENCHMARK(BM_CppGetField);

}  // namespace

BENCHMARK_MAIN();
