// fuzz: libFuzzer target over what a host does with an untrusted .hl file, read_module then
// verify_module. Any crash, sanitizer report, hang (-timeout) or allocation out of proportion to
// the input is a finding; libFuzzer saves the input that caused it.
#include <sanitizer/allocator_interface.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "bytecode/reader.h"
#include "bytecode/verifier.h"

namespace {

// Same bound as tests/bytecode/mutation_test.cpp (calibration is explained there): one
// read+verify of an n-byte input may hold at most 64n + 1 MiB of heap at any moment. Known to be
// exceeded by files made mostly of one-byte type records (152 bytes of TypeDecl each); that test
// file's DISABLED_OneByteTypesStayWithinTheBound holds the reproducer.
constexpr size_t kAllocPerByte = 64;
constexpr size_t kAllocFixed = size_t{1} << 20;

// Heap held since the current input started, and its high-water mark. Sanitizer hooks see every
// malloc and free of the process; only the fuzzing thread allocates during a run.
std::atomic<int64_t> live{0};
std::atomic<int64_t> peak{0};

void on_malloc(const volatile void*, size_t size) {
    int64_t now = live.fetch_add(static_cast<int64_t>(size), std::memory_order_relaxed) + static_cast<int64_t>(size);
    int64_t seen = peak.load(std::memory_order_relaxed);
    while (now > seen && !peak.compare_exchange_weak(seen, now, std::memory_order_relaxed)) {
    }
}

void on_free(const volatile void* p) {
    live.fetch_sub(static_cast<int64_t>(__sanitizer_get_allocated_size(const_cast<const void*>(p))),
                   std::memory_order_relaxed);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    live.store(0, std::memory_order_relaxed);
    peak.store(0, std::memory_order_relaxed);
    {
        // The newest opcodes are accepted so the verifier sees every opcode the format has.
        hlffi::bc::ReadOptions opts;
        opts.allow_new_opcodes = true;
        auto m = hlffi::bc::read_module(data, size, opts);
        if (m.ok()) (void)hlffi::bc::verify_module(*m);
    }
    int64_t limit = static_cast<int64_t>(kAllocPerByte * size + kAllocFixed);
    if (peak.load(std::memory_order_relaxed) > limit) {
        std::fprintf(stderr, "reader_fuzzer: %lld bytes held at once for a %zu-byte input (limit %lld)\n",
                     static_cast<long long>(peak.load()), size, static_cast<long long>(limit));
        std::abort();
    }
    return 0;
}
