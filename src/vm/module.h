// vm layer: a compiled module: a program read, verified and linked once, then shared read-only
// by every VM loaded from it, so a restart or another VM pays only for its own heap, globals,
// host natives and static initialisation. Immutable: any number of threads may use one at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "link/program.h"
#include "util/result.h"

namespace hlffi::vm {

struct Module {
    std::shared_ptr<rt::Program> program;  // read-only once linked
    rt::FunctionCode* main_fn = nullptr;   // main(): the entry function's last call
};

// Reads, verifies and links `data`. Errors: "invalid bytecode: ...", or a built-in native
// declared with another arity.
Result<std::shared_ptr<const Module>> compile_module(const uint8_t* data, size_t size);

}  // namespace hlffi::vm
