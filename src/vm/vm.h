// vm layer: Vm owns everything of one embedded program's run: a reference to its (shared,
// read-only) module, the globals, heap, host natives, the main thread's context, output routing,
// errors. No state outside it.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <thread>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gc/heap.h"
#include "link/program.h"
#include "vm/module.h"
#include "vm/thread_context.h"

namespace hlffi::vm {

using PrintFn = void (*)(void* host_vm, const char* text, size_t len, void* userdata);

class Vm {
public:
    Vm();
    ~Vm();

    // Loading: compile a private module and load it. Returns false with last_error set.
    bool load(const uint8_t* data, size_t size);
    // A fresh run of a compiled module: globals, host natives, heap, context. The module is
    // shared, not copied. Returns false with last_error set (host natives missing or unfit).
    bool load_module(std::shared_ptr<const Module> module);
    bool loaded() const { return module_ != nullptr; }
    // Hot reload (vm/hot_reload.cpp): the program's functions take their bodies from `data`, a
    // newer build with the same types, statics and natives; heap and statics stay. Only for a
    // private module, with the VM lock held and no Haxe code running. *changed: any code changed.
    bool reload(const uint8_t* data, size_t size, bool* changed);
    void unload();
    // Runs the entrypoint. False when it ended with an uncaught exception (report printed and
    // kept in exception_message/exception_stack) or another error (last_error).
    bool run_entry();

    void collect_garbage();

    // Thread state of the thread running this VM.
    rt::Ctx& ctx() { return *ctx_; }
    rt::Program* program() { return module_ ? module_->program.get() : nullptr; }
    const std::shared_ptr<const Module>& module() const { return module_; }
    gc::Heap& heap() { return *heap_; }

    // Output: the host's handler or stdout.
    void write(std::string_view utf8);
    void write_error(std::string_view utf8);
    void set_print_handler(PrintFn fn, void* host_vm, void* userdata);

    std::vector<std::string> args;        // Sys.args()
    std::string last_error;               // last failure, in words
    std::string exception_message;        // text of the last uncaught exception
    std::string exception_stack;          // its "Called from ..." lines
    bool has_exception = false;
    int exit_code = 0;                    // from Sys.exit
    bool gc_stress = false;               // collect at every allocation (env HLFFI_GC_STRESS=1)
    size_t memory_limit = 0;              // 0 = none
    std::atomic<bool> interrupt_flag{false};  // set by hlffi_interrupt from any thread
    std::atomic<uint32_t> attention{0};       // rt::kAttend* bits, read at every safepoint
    int64_t fuel = -1;                        // safepoints left before the call ends; -1: no budget

    // Safepoints and host calls served by the VM thread (vm/safepoints.cpp).
    void request_interrupt();             // any thread: running code stops at its next safepoint
    // Any thread, around a wait for `lock`: counted in lock_waiters and flagged in `attention`
    // (kAttendLockWaiters), so that a loop head tests one word to know it should yield.
    void lock_wait_begin();
    void lock_wait_end();
    void clear_interrupt();
    void set_fuel(int64_t safepoints);    // -1 removes the budget
    struct HostTask {
        void (*run)(void* data);
        void* data;
    };
    // Any thread: queues a task for the VM thread; false when task_limit is reached.
    bool post_task(HostTask t);
    // On the VM thread with the VM lock held: runs the queued tasks in order (not re-entered).
    // True when it ran any.
    bool serve_tasks();
    bool tasks_pending_here() const;      // tasks wait and this is the VM thread
    std::mutex tasks_lock;                // guards tasks (taken without the VM lock)
    std::deque<HostTask> tasks;
    size_t task_limit = 0;                // 0: unbounded
    std::atomic<std::thread::id> vm_thread{};  // the thread that serves tasks (default id: none)
    bool serving_tasks = false;
    bool accepting_tasks = false;         // guarded by tasks_lock: the VM thread will serve them
    bool entry_out_of_fuel = false;       // run_entry ended because the budget was spent
    rt::FunctionCode* main_fn = nullptr;  // main(): the entry function's last call
    // Queued host calls may run here: on the VM thread, and not during static initialisation
    // (only once main() is on the stack, or when no Haxe code runs at all).
    bool may_serve_tasks(const rt::Ctx& c) const;
    bool lazy_natives = false;            // missing natives throw when called instead of failing load
    std::string program_path;             // Sys.programPath: the .hl file as the host named it
    // hl.Gc controls and allocation counters (vm/sys_services.cpp, runtime_services.cpp).
    struct GcControl {
        bool enabled = true;              // hl.Gc.enable: false = collect only when memory runs out
        int32_t flags = 0;                // hl.Gc.flags as last set
        uint64_t allocated_bytes = 0;     // every block handed out since the program was loaded
        uint64_t allocation_count = 0;
        int32_t track_global = 0;         // hl.Profile bits, as set (nothing is ever tracked)
        int32_t track_thread = 15;        // HashLink starts every thread with all four kinds
    } gc_control;

    // Natives the host registered for lib@name before loading. `data` becomes the bound
    // FunctionCode's native_data; `check` (optional) vets the program's declaration of the native:
    // "" when it fits, else the reason (the load then fails naming lib@name).
    struct HostNative {
        std::string lib, name;
        rt::NativeDef def;
        void* data = nullptr;
        std::string (*check)(const void* data, const rt::HType* declared) = nullptr;
    };
    std::vector<HostNative> host_natives;

    // What this run keeps apart from the shared Program (see link/program.h).
    std::vector<rt::Slot> globals;
    std::vector<std::unique_ptr<uint8_t[]>> constant_blocks;  // the constants' objects
    std::vector<rt::FunctionCode> host_bound;                 // Program::host_natives, bound here
    rt::NameTable run_names;                                  // field names met at run time
    // Function types the host adds (callbacks), with stable addresses until unload.
    std::deque<rt::FunInfo> host_fun_infos;
    std::deque<rt::HType> host_types;

    // Threads (vm/threads.cpp): the lock that one thread at a time holds to run Haxe code, the
    // condition every blocking wait uses, and the threads Haxe code started.
    std::mutex lock;
    std::condition_variable wake;
    std::atomic<int> lock_waiters{0};
    bool stopping = false;                // set under `lock` when the VM ends its threads
    struct HaxeThread {
        std::unique_ptr<rt::Ctx> ctx;
        std::thread thread;
        bool finished = false;
    };
    std::list<HaxeThread> threads;
    int32_t next_tls_key = 0;
    void stop_threads();                  // ends every Haxe thread and joins it

    // Shared boxes for true/false (runtime.md §5.2), immortal for the program's lifetime.
    rt::VDynamic bool_boxes[2] = {};
    rt::VDynamic out_of_memory_box = {};  // thrown when the heap is full (allocating it could fail)

private:
    bool bind_host_natives(const rt::Program& p);  // vm/native_resolver.cpp
    void reset_ctx();
    friend struct ThreadAccess;
    void mark_roots(gc::Marker& m);
    void mark_thread(rt::Ctx& c, gc::Marker& m);
    void mark_host_roots(gc::Marker& m);

public:
    // Prints HashLink's uncaught-exception report for the exception pending on `c`.
    void report_uncaught(rt::Ctx& c);
    // Records the exception pending on `c` (exception_message, exception_stack, has_exception)
    // and clears it, without printing.
    void capture_uncaught(rt::Ctx& c);

    // Values the host holds (api layer): marked as roots at every collection.
    using HostRootsFn = void (*)(void* data, gc::Marker& m);
    HostRootsFn host_roots = nullptr;
    void* host_roots_data = nullptr;
    uint64_t generation = 0;              // counts loads: handles of an earlier program are stale

private:

    std::unique_ptr<gc::Heap> heap_;
    std::shared_ptr<const Module> module_;
    bool private_module_ = false;         // compiled by load() for this VM alone
public:
    std::unique_ptr<rt::Ctx> make_ctx();  // a fresh thread context for this VM's program

private:
    std::unique_ptr<rt::Ctx> ctx_;
    PrintFn print_ = nullptr;
    void* print_vm_ = nullptr;
    void* print_userdata_ = nullptr;

    friend void collect(rt::Ctx& c);
};

// Lowest usable address of the calling thread's C stack (deep native callbacks raise
// "Stack overflow" above it), or nullptr when unknown.
const char* current_c_stack_limit();

// Runs a collection now (used by the allocator in runtime services).
void collect(rt::Ctx& c);

// Text of a recorded exception stack: "Called from X(file:line)" lines, and the frame strings
// given to Haxe by the exception_stack native (without "Called from ").
std::vector<std::string> stack_frames(rt::Program& p, const std::vector<std::pair<rt::FunctionCode*, int32_t>>& stack);

}  // namespace hlffi::vm
