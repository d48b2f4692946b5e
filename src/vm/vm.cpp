// vm layer: loading, running the entrypoint, garbage-collection roots, uncaught reports.
#include "vm/vm.h"

#include <pthread.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "interp/interp.h"
#include "std/dynamic.h"
#include "util/utf.h"
#include "vm/host_entry.h"
#include "vm/vm_natives.h"

namespace hlffi::vm {

namespace {

constexpr size_t kRegisterStackSlots = size_t{1} << 21;  // 16 MiB reserved, touched on use
constexpr size_t kCStackMargin = 256 * 1024;             // kept free below the deepest Haxe frame
constexpr size_t kMaxFrames = size_t{1} << 18;            // call depth before "Stack overflow"
constexpr int32_t kMaxTraps = 1 << 16;                    // active try blocks of one thread

}  // namespace

const char* current_c_stack_limit() {
    pthread_attr_t attr;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstack(&attr, &addr, &size);
        pthread_attr_destroy(&attr);
    }
    if (addr == nullptr || size <= kCStackMargin * 2) return nullptr;
    return static_cast<const char*>(addr) + kCStackMargin;
}

Vm::Vm() {
    const char* stress = std::getenv("HLFFI_GC_STRESS");
    gc_stress = stress != nullptr && std::strcmp(stress, "1") == 0;
    // HLFFI_LAZY_NATIVES=1 (or `hlffi run --lazy-natives`): natives hlffi lacks throw when called
    // instead of refusing the program at load, so a large suite runs up to the missing pieces.
    const char* lazy = std::getenv("HLFFI_LAZY_NATIVES");
    lazy_natives = lazy != nullptr && std::strcmp(lazy, "1") == 0;
}

Vm::~Vm() { unload(); }

void Vm::unload() {
    stop_threads();
    ctx_.reset();
    heap_.reset();
    globals.clear();
    constant_blocks.clear();
    host_bound.clear();
    run_names = {};
    host_fun_infos.clear();
    host_types.clear();
    module_.reset();
}

bool Vm::load(const uint8_t* data, size_t size) {
    auto compiled = compile_module(data, size);
    if (!compiled) {
        last_error = compiled.error().message;
        return false;
    }
    if (!load_module(compiled.take())) return false;
    private_module_ = true;
    return true;
}

bool Vm::load_module(std::shared_ptr<const Module> module) {
    rt::Program& p = *module->program;
    if (!bind_host_natives(p)) {
        host_bound.clear();
        return false;
    }
    module_ = std::move(module);
    private_module_ = false;
    generation++;
    main_fn = module_->main_fn;
    rt::init_globals(p, globals, constant_blocks);
    heap_ = std::make_unique<gc::Heap>(memory_limit);
    heap_->set_stress(gc_stress);
    // hl.Gc and hl.Profile settings and counters belong to the session: a reloaded program
    // starts with collection on and HashLink's defaults, as a fresh `hl` process would.
    gc_control = GcControl{};
    reset_ctx();
    for (int b = 0; b < 2; b++) {
        bool_boxes[b].t = p.builtin[static_cast<int>(rt::TypeKind::Bool)];
        bool_boxes[b].v.b = static_cast<uint8_t>(b);
    }
    return true;
}

void Vm::reset_ctx() { ctx_ = make_ctx(); }

std::unique_ptr<rt::Ctx> Vm::make_ctx() {
    auto ctx = std::make_unique<rt::Ctx>();
    rt::Ctx& c = *ctx;
    c.vm = this;
    c.program = module_->program.get();
    c.globals = globals.data();
    c.host_natives = host_bound.data();
    c.heap = heap_.get();
    c.stack.reset(new rt::Slot[kRegisterStackSlots]);
    c.sp = c.stack.get();
    c.stack_end = c.stack.get() + kRegisterStackSlots;
    c.interrupt = &interrupt_flag;
    c.attention = &attention;
    c.frames.reset(new rt::Frame[kMaxFrames]);
    c.frames_end = c.frames.get() + kMaxFrames;
    c.traps.reset(new rt::Trap[kMaxTraps]);
    c.max_traps = kMaxTraps;
    c.lock_waiters = &lock_waiters;
    return ctx;
}

bool Vm::run_entry() {
    rt::Ctx& c = *ctx_;
    c.c_stack_limit = cached_c_stack_limit();
    c.exception = false;
    c.exit_requested = false;
    c.interrupted = false;
    entry_out_of_fuel = false;
    has_exception = false;
    vm_thread = std::this_thread::get_id();
    rt::FunctionCode* entry = program()->function(program()->module->entrypoint);
    // Everything below runs Haxe code or allocates (the report), so it holds the VM lock that
    // the program's own threads also take.
    std::unique_lock<std::mutex> hold(lock);
    c.vm_lock = &hold;
    CurrentCtx running(&c);
    bool ok = rt::invoke(c, entry, nullptr, 0, nullptr);
    bool result = true;
    if (ok || c.exit_requested) {
        c.exception = false;
    } else if (c.interrupted) {
        last_error = c.out_of_fuel ? "the VM's instruction budget is spent" : "the VM was interrupted";
        entry_out_of_fuel = c.out_of_fuel;
        c.exception = false;
        c.interrupted = false;
        c.out_of_fuel = false;
        clear_interrupt();
        result = false;
    } else {
        report_uncaught(c);
        result = false;
    }
    c.vm_lock = nullptr;
    return result;
}

// spec/runtime.md §14.3: the report goes to stdout (the host's print handler).
void Vm::report_uncaught(rt::Ctx& c) {
    capture_uncaught(c);
    write("Uncaught exception: " + exception_message + "\n" + exception_stack);
}

void Vm::capture_uncaught(rt::Ctx& c) {
    void* value = c.exception_value;
    c.exception = false;
    auto stack = c.exception_stack;
    rt::RootGuard keep(c, &value);
    int32_t len = 0;
    char16_t* text = rt::value_to_string(c, static_cast<rt::VDynamic*>(value), &len);
    exception_message = c.exception || text == nullptr ? "?" : utf16_to_utf8(std::u16string_view(text, static_cast<size_t>(len)));
    c.exception = false;
    c.exception_value = nullptr;
    exception_stack.clear();
    for (const std::string& f : stack_frames(*program(), stack)) exception_stack += "Called from " + f + "\n";
    has_exception = true;
}

void Vm::mark_roots(gc::Marker& m) {
    for (int32_t g : program()->pointer_globals) m.mark(reinterpret_cast<void*>(globals[static_cast<size_t>(g)]));
    mark_thread(*ctx_, m);
    mark_host_roots(m);
    for (HaxeThread& t : threads)
        if (t.ctx != nullptr) mark_thread(*t.ctx, m);
}

void Vm::mark_thread(rt::Ctx& c, gc::Marker& m) {
    for (rt::Frame* f = c.top; f != nullptr; f = f->parent)
        for (int32_t r : f->fn->pointer_regs) m.mark(reinterpret_cast<void*>(f->regs[r]));
    for (void* local : c.roots) m.mark(*static_cast<void**>(local));
    for (void* v : c.tls) m.mark(v);
    m.mark(c.exception_value);
}

void Vm::mark_host_roots(gc::Marker& m) {
    if (host_roots != nullptr) host_roots(host_roots_data, m);
}

void collect(rt::Ctx& c) {
    Vm& vm = *c.vm;
    vm.heap_->collect([&vm](gc::Marker& m) { vm.mark_roots(m); });
}

void Vm::collect_garbage() {
    if (loaded()) collect(*ctx_);
}

void Vm::write(std::string_view utf8) {
    if (print_ != nullptr) {
        print_(print_vm_, utf8.data(), utf8.size(), print_userdata_);
        return;
    }
    std::fwrite(utf8.data(), 1, utf8.size(), stdout);
    std::fflush(stdout);
}

void Vm::write_error(std::string_view utf8) {
    std::fwrite(utf8.data(), 1, utf8.size(), stderr);
    std::fflush(stderr);
}

void Vm::set_print_handler(PrintFn fn, void* host_vm, void* userdata) {
    print_ = fn;
    print_vm_ = host_vm;
    print_userdata_ = userdata;
}

}  // namespace hlffi::vm
