// api layer tests: host control: heap statistics that follow allocations and collections,
// hlffi_gc_collect, HLFFI's no-op GC helpers and worker registration, and blocking sections that
// really give up the VM lock (checked from another thread, white-box through api_internal.h).
#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "api/api_internal.h"
#include "reflect_fixture.h"

namespace {

using HostControl = reflect_test::ReflectTest;

// Host callbacks of BlockingLetsHaxeThreadsRun; their state is the VM's user data.
struct BlockState {
    std::atomic<bool> ticked{false};
    bool use_blocking = true;
};

hlffi_value* tick(hlffi_vm* vm, int, hlffi_value**) {
    static_cast<BlockState*>(hlffi_get_user_data(vm))->ticked = true;
    return nullptr;
}

hlffi_value* block(hlffi_vm* vm, int, hlffi_value**) {
    BlockState* state = static_cast<BlockState*>(hlffi_get_user_data(vm));
    if (state->use_blocking) hlffi_blocking_begin();
    // Without the blocking section the Haxe thread cannot run: it waits for the VM lock.
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(state->use_blocking ? 5000 : 300);
    while (!state->ticked && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (state->use_blocking) hlffi_blocking_end();
    return hlffi_value_int(vm, state->ticked ? 1 : 0);
}

hlffi_memory_stats stats_of(hlffi_vm* vm) {
    hlffi_memory_stats s{};
    EXPECT_EQ(hlffi_get_memory_stats(vm, &s), HLFFI_OK) << hlffi_get_error(vm);
    return s;
}

// Whether another thread can take the VM lock right now.
bool lock_is_free(hlffi_vm* vm) {
    bool taken = false;
    std::thread t([&] {
        taken = vm->vm.lock.try_lock();
        if (taken) vm->vm.lock.unlock();
    });
    t.join();
    return taken;
}

TEST_F(HostControl, MemoryStatsFollowAllocationsAndCollections) {
    hlffi_memory_stats before = stats_of(vm);
    EXPECT_GT(before.heap_objects, 0u);  // static init made the enum values, strings, class objects
    EXPECT_GT(before.heap_bytes_in_use, 0u);
    EXPECT_GE(before.peak_bytes, before.heap_bytes_in_use);
    EXPECT_GE(before.heap_reserved, before.heap_bytes_in_use);
    EXPECT_EQ(before.memory_limit, 0u);

    // 1000 players, each an object, a name string (object + text) and a tags array (object + storage).
    hlffi_value* n = hlffi_value_int(vm, 1000);
    hlffi_value* kept = hlffi_call_static(vm, "Alloc", "make", 1, &n);
    ASSERT_EQ(hlffi_value_as_int(kept, -1), 1000) << hlffi_get_error(vm);
    hlffi_memory_stats grown = stats_of(vm);
    EXPECT_GE(grown.heap_objects, before.heap_objects + 1000 * 3);
    EXPECT_GT(grown.heap_bytes_in_use, before.heap_bytes_in_use + 1000 * 32);
    EXPECT_GE(grown.peak_bytes, grown.heap_bytes_in_use);

    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    hlffi_memory_stats collected = stats_of(vm);
    EXPECT_EQ(collected.collections, grown.collections + 1);  // exactly the one asked for
    // The kept players survive (the loop's temporaries do not).
    EXPECT_GE(collected.heap_objects, before.heap_objects + 1000 * 3) << before.heap_objects << " " << grown.heap_objects;
    EXPECT_LE(collected.heap_objects, grown.heap_objects);

    // Dropped, they are reclaimed by the next collection.
    EXPECT_EQ(hlffi_call_static(vm, "Alloc", "drop", 0, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    hlffi_memory_stats dropped = stats_of(vm);
    EXPECT_GE(dropped.collections, collected.collections + 1);  // drop() allocates too (HLFFI_GC_STRESS)
    EXPECT_LE(dropped.heap_objects + 1000 * 3, collected.heap_objects);
    EXPECT_LT(dropped.heap_bytes_in_use, collected.heap_bytes_in_use);
    EXPECT_GE(dropped.peak_bytes, grown.heap_bytes_in_use);  // the peak remembers
    hlffi_value_free(n);
    hlffi_value_free(kept);
}

TEST_F(HostControl, MemoryStatsBeforeLoadAndLimit) {
    hlffi_vm* fresh = hlffi_create();
    hlffi_memory_stats s;
    s.heap_objects = 12345;
    EXPECT_EQ(hlffi_get_memory_stats(fresh, &s), HLFFI_OK);
    EXPECT_EQ(s.heap_objects, 0u);
    EXPECT_EQ(s.heap_bytes_in_use, 0u);
    EXPECT_EQ(s.collections, 0u);
    EXPECT_EQ(s.peak_bytes, 0u);
    EXPECT_EQ(s.heap_reserved, 0u);
    EXPECT_EQ(s.memory_limit, 0u);
    // The limit is a setting of the VM (no public setter in this header: set it from inside).
    fresh->vm.memory_limit = 64u << 20;
    EXPECT_EQ(hlffi_get_memory_stats(fresh, &s), HLFFI_OK);
    EXPECT_EQ(s.memory_limit, 64u << 20);
    ASSERT_EQ(hlffi_init(fresh, 0, nullptr), HLFFI_OK);
    ASSERT_EQ(hlffi_load_file(fresh, reflect_test::reflect_hl().c_str()), HLFFI_OK);
    EXPECT_EQ(hlffi_get_memory_stats(fresh, &s), HLFFI_OK);
    EXPECT_EQ(s.memory_limit, 64u << 20);
    hlffi_destroy(fresh);
}

TEST_F(HostControl, MemoryStatsBadInput) {
    hlffi_memory_stats s{};
    EXPECT_EQ(hlffi_get_memory_stats(nullptr, &s), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_get_memory_stats(vm, nullptr), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    // After close the heap is gone: zero again, no crash.
    hlffi_close(vm);
    EXPECT_EQ(hlffi_get_memory_stats(vm, &s), HLFFI_OK);
    EXPECT_EQ(s.heap_objects, 0u);
}

TEST_F(HostControl, GcCollectKeepsHeldValues) {
    hlffi_value* s = hlffi_value_string(vm, "still here");
    hlffi_value* n = hlffi_value_int(vm, 3);
    hlffi_value* made = hlffi_call_static(vm, "Alloc", "make", 1, &n);
    size_t collections = stats_of(vm).collections;
    for (int i = 0; i < 3; i++) ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_EQ(stats_of(vm).collections, collections + 3);
    EXPECT_EQ(reflect_test::take(hlffi_value_as_string(s)), "still here");
    EXPECT_EQ(hlffi_value_as_int(made, -1), 3);
    for (hlffi_value* x : {s, n, made}) hlffi_value_free(x);
}

TEST_F(HostControl, GcCollectBadInput) {
    EXPECT_EQ(hlffi_gc_collect(nullptr), HLFFI_ERROR_NULL_VM);
    hlffi_vm* fresh = hlffi_create();
    EXPECT_EQ(hlffi_gc_collect(fresh), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(hlffi_get_last_error(fresh), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(fresh);
    hlffi_close(vm);
    EXPECT_EQ(hlffi_gc_collect(vm), HLFFI_ERROR_NOT_LOADED);
}

TEST_F(HostControl, StackHelpersDoNothing) {
    HLFFI_ENTER_SCOPE();
    hlffi_update_stack_top(nullptr);
    hlffi_gc_block();
    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);  // "blocked" or not, collecting is safe
    hlffi_gc_unblock();
    hlffi_gc_unblock();  // unbalanced: still nothing
    hlffi_value* n = hlffi_value_int(vm, 5);
    hlffi_value* made = hlffi_call_static(vm, "Alloc", "make", 1, &n);
    EXPECT_EQ(hlffi_value_as_int(made, -1), 5);
    hlffi_value_free(n);
    hlffi_value_free(made);
}

TEST_F(HostControl, WorkerRegisterIsNotNeeded) {
    // Without registration another host thread may call in; with it, the same.
    std::atomic<int> got{0};
    std::thread t([&] {
        hlffi_worker_register();
        hlffi_value* n = hlffi_value_int(vm, 7);
        hlffi_value* made = hlffi_call_static(vm, "Alloc", "make", 1, &n);
        got = hlffi_value_as_int(made, -1);
        hlffi_value_free(n);
        hlffi_value_free(made);
        hlffi_worker_unregister();
    });
    t.join();
    EXPECT_EQ(got.load(), 7);
    {
        hlffi::WorkerGuard guard;  // HLFFI's C++ guard compiles and does nothing harmful
        EXPECT_TRUE(lock_is_free(vm));
    }
    hlffi_worker_unregister();  // unbalanced: nothing
    hlffi_worker_unregister();
    EXPECT_TRUE(lock_is_free(vm));
}

TEST_F(HostControl, BlockingOutsideAnyVmDoesNothing) {
    hlffi_blocking_begin();
    EXPECT_TRUE(lock_is_free(vm));
    hlffi_blocking_end();
    EXPECT_TRUE(lock_is_free(vm));  // end without a VM does not take any lock
    hlffi_blocking_end();           // unbalanced
    hlffi_value* n = hlffi_value_int(vm, 1);
    hlffi_value* made = hlffi_call_static(vm, "Alloc", "make", 1, &n);
    EXPECT_EQ(hlffi_value_as_int(made, -1), 1);
    hlffi_value_free(n);
    hlffi_value_free(made);
}

// Inside the VM (as a callback called from Haxe is), begin gives the VM lock up and end takes it
// back; nesting and unbalanced calls never unlock or lock twice.
TEST_F(HostControl, BlockingReleasesAndRetakesTheVmLock) {
    {
        hlffi::vm::HostEntry e(vm->vm);
        ASSERT_TRUE(e.ok());
        EXPECT_FALSE(lock_is_free(vm));
        hlffi_blocking_begin();
        EXPECT_TRUE(lock_is_free(vm));
        hlffi_blocking_begin();  // nested: already released
        EXPECT_TRUE(lock_is_free(vm));
        hlffi_blocking_end();
        EXPECT_FALSE(lock_is_free(vm));
        hlffi_blocking_end();  // unbalanced: already held (locking again would deadlock)
        EXPECT_FALSE(lock_is_free(vm));
        {
            hlffi::BlockingGuard guard;
            EXPECT_TRUE(lock_is_free(vm));
        }
        EXPECT_FALSE(lock_is_free(vm));
    }
    EXPECT_TRUE(lock_is_free(vm));  // the entry let go at the end
    hlffi_value* n = hlffi_value_int(vm, 2);
    hlffi_value* made = hlffi_call_static(vm, "Alloc", "make", 1, &n);
    EXPECT_EQ(hlffi_value_as_int(made, -1), 2);
    hlffi_value_free(n);
    hlffi_value_free(made);
}

// While one thread is inside a blocking section, another host thread gets the VM lock (here to
// read the statistics), and the first one continues afterwards.
TEST_F(HostControl, BlockingLetsAnotherThreadCollect) {
    size_t collections = stats_of(vm).collections;
    {
        hlffi::vm::HostEntry e(vm->vm);
        ASSERT_TRUE(e.ok());
        hlffi_blocking_begin();
        std::atomic<int> rc{-1};
        std::thread t([&] {
            // Statistics need only the lock, which the blocked thread gave up.
            hlffi_memory_stats s{};
            rc = hlffi_get_memory_stats(vm, &s);
        });
        t.join();
        hlffi_blocking_end();
        EXPECT_EQ(rc.load(), HLFFI_OK);
    }
    ASSERT_EQ(hlffi_gc_collect(vm), HLFFI_OK);
    EXPECT_EQ(stats_of(vm).collections, collections + 1);
}

// End to end: inside a host callback called from Haxe, a blocking section lets the program's
// other Haxe threads run; without one they wait until the callback returns.
TEST_F(HostControl, BlockingLetsHaxeThreadsRun) {
    hlffi_arg_type none[1] = {HLFFI_ARG_VOID};
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "block", block, 0, none, HLFFI_ARG_INT)) << hlffi_get_error(vm);
    ASSERT_TRUE(hlffi_register_callback_typed(vm, "tick", tick, 0, none, HLFFI_ARG_VOID)) << hlffi_get_error(vm);
    hlffi_value* cbs[2] = {hlffi_get_callback(vm, "block"), hlffi_get_callback(vm, "tick")};
    ASSERT_NE(cbs[0], nullptr) << hlffi_get_error(vm);
    ASSERT_NE(cbs[1], nullptr) << hlffi_get_error(vm);
    for (bool use_blocking : {true, false}) {
        BlockState state;
        state.use_blocking = use_blocking;
        ASSERT_EQ(hlffi_set_user_data(vm, &state), HLFFI_OK);
        hlffi_value* r = hlffi_call_static(vm, "Threads", "run", 2, cbs);
        ASSERT_NE(r, nullptr) << hlffi_get_error(vm);
        EXPECT_EQ(hlffi_value_as_int(r, -1), use_blocking ? 1 : 0) << "blocking section: " << use_blocking;
        EXPECT_TRUE(state.ticked);  // the thread ran at the latest when the callback returned
        hlffi_value_free(r);
        hlffi_set_user_data(vm, nullptr);
    }
    hlffi_value_free(cbs[0]);
    hlffi_value_free(cbs[1]);
}

}  // namespace
