// api layer tests: hlffi_interrupt, the instruction budget and the memory limit against
// tests/haxe/api/runaway (code that never stops by itself).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "api_fixture.h"
#include "hlffi.h"

using hlffi_test::LoadedVm;
using hlffi_test::take_string;

namespace {

using Clock = std::chrono::steady_clock;

// Calls Runaway.<method> on this thread and interrupts it from another after `after`; returns
// how long the host waited from the interrupt to regaining control.
double interrupt_after(hlffi_vm* vm, const char* method, std::chrono::milliseconds after) {
    std::atomic<bool> started{false};
    Clock::time_point asked;
    std::thread killer([&] {
        while (!started) std::this_thread::yield();
        std::this_thread::sleep_for(after);
        asked = Clock::now();
        EXPECT_EQ(hlffi_interrupt(vm), HLFFI_OK);
    });
    started = true;
    hlffi_value* r = hlffi_call_static(vm, "Runaway", method, 0, nullptr);
    auto back = Clock::now();
    killer.join();
    EXPECT_EQ(r, nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INTERRUPTED) << method << ": " << hlffi_get_error(vm);
    return std::chrono::duration<double>(back - asked).count();
}

// The VM runs a normal call after whatever stopped the previous one.
void expect_usable(hlffi_vm* vm) {
    hlffi_value* n = hlffi_value_int(vm, 100);
    hlffi_value* args[] = {n};
    hlffi_value* r = hlffi_call_static(vm, "Runaway", "count", 1, args);
    EXPECT_EQ(hlffi_value_as_int(r, -1), 4950) << hlffi_get_error(vm);
    hlffi_value_free(r);
    hlffi_value_free(n);
}

TEST(Interrupt, StopsEveryKindOfRunawayCodeWithin50ms) {
    LoadedVm t("runaway");
    for (const char* method : {"spin", "spinCatching", "recurse", "sortForever", "sleepy"}) {
        double took = interrupt_after(t.vm, method, std::chrono::milliseconds(30));
        EXPECT_LT(took, 0.05) << method;
        expect_usable(t.vm);
    }
}

TEST(Interrupt, TimesOver100Tries) {
    LoadedVm t("runaway");
    std::vector<double> times;
    for (int i = 0; i < 100; i++) times.push_back(interrupt_after(t.vm, "spin", std::chrono::milliseconds(1)));
    std::sort(times.begin(), times.end());
    EXPECT_LT(times.back(), 0.05);
    RecordProperty("median_us", static_cast<int>(times[50] * 1e6));
    RecordProperty("max_us", static_cast<int>(times.back() * 1e6));
    expect_usable(t.vm);
}

TEST(Interrupt, WithNothingRunningIsDroppedAndNullIsAnError) {
    EXPECT_EQ(hlffi_interrupt(nullptr), HLFFI_ERROR_NULL_VM);
    LoadedVm t("runaway");
    EXPECT_EQ(hlffi_interrupt(t.vm), HLFFI_OK);
    expect_usable(t.vm);
}

TEST(Fuel, EndsTheCallAtTheSamePlaceEveryRun) {
    int progress[2];
    for (int run = 0; run < 2; run++) {
        LoadedVm t("runaway");
        EXPECT_EQ(hlffi_get_fuel(t.vm), -1);
        ASSERT_EQ(hlffi_set_fuel(t.vm, 100000), HLFFI_OK);
        EXPECT_EQ(hlffi_get_fuel(t.vm), 100000);
        EXPECT_EQ(hlffi_call_static(t.vm, "Runaway", "spinCatching", 0, nullptr), nullptr);
        EXPECT_EQ(hlffi_get_last_error(t.vm), HLFFI_ERROR_FUEL_EXHAUSTED);
        hlffi_value* p = hlffi_get_static_field(t.vm, "Runaway", "progress");
        progress[run] = hlffi_value_as_int(p, -1);
        hlffi_value_free(p);
        EXPECT_GT(progress[run], 1000);
        ASSERT_EQ(hlffi_set_fuel(t.vm, -1), HLFFI_OK);
        expect_usable(t.vm);
    }
    EXPECT_EQ(progress[0], progress[1]);
    EXPECT_EQ(hlffi_set_fuel(nullptr, 5), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_get_fuel(nullptr), -1);
}

TEST(Fuel, EnoughFuelLetsTheCallFinish) {
    LoadedVm t("runaway");
    ASSERT_EQ(hlffi_set_fuel(t.vm, 1000000), HLFFI_OK);
    expect_usable(t.vm);
    int64_t left = hlffi_get_fuel(t.vm);
    EXPECT_LT(left, 1000000);
    EXPECT_GT(left, 1000000 - 1000);  // 100 loop iterations and a few calls
}

TEST(MemoryLimit, AnAllocationBeyondTheCapRaisesInThatVmOnly) {
    LoadedVm capped("runaway");
    LoadedVm free_vm("runaway");
    ASSERT_EQ(hlffi_set_memory_limit(capped.vm, 16u << 20), HLFFI_OK);
    EXPECT_EQ(hlffi_get_memory_limit(capped.vm), 16u << 20);
    EXPECT_EQ(hlffi_call_static(capped.vm, "Runaway", "hog", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(capped.vm), HLFFI_ERROR_EXCEPTION_THROWN);
    EXPECT_STREQ(hlffi_get_exception_message(capped.vm), "Out of memory");
    hlffi_value* r = hlffi_call_static(capped.vm, "Runaway", "hogCaught", 0, nullptr);
    EXPECT_EQ(take_string(hlffi_value_as_string(r)), "caught: Out of memory");
    hlffi_value_free(r);
    expect_usable(capped.vm);
    expect_usable(free_vm.vm);
    EXPECT_EQ(hlffi_set_memory_limit(nullptr, 1), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_get_memory_limit(nullptr), 0u);
}

TEST(MemoryLimit, SetBeforeLoad) {
    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_set_memory_limit(vm, 8u << 20), HLFFI_OK);
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    ASSERT_EQ(hlffi_load_file(vm, hlffi_test::api_program("runaway").c_str()), HLFFI_OK);
    ASSERT_EQ(hlffi_call_entry(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_call_static(vm, "Runaway", "hog", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_EXCEPTION_THROWN);
    hlffi_destroy(vm);
}

}  // namespace
