// bytecode layer: .hl bytes -> Module (spec/bytecode.md §1-3), or an error naming the offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "bytecode/module.h"
#include "util/result.h"

namespace hlffi::bc {

struct ReadOptions {
    // Accept opcodes 99..101 (HashLink >= 1.14); Haxe 4.2.5 never writes them.
    bool allow_new_opcodes = false;
};

// Parses and checks the file structure and cross-table indices (types, strings, function
// indices, globals). Per-op operand checks are the verifier's job.
Result<Module> read_module(const uint8_t* data, size_t size, const ReadOptions& opts = {});

Result<Module> read_module_file(const std::string& path, const ReadOptions& opts = {});

}  // namespace hlffi::bc
