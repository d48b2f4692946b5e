// bytecode layer: human-readable dump of a Module, line for line what tools/hldump.py prints.
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include "bytecode/module.h"

namespace hlffi::bc {

struct DumpOptions {
    bool code = true;                // false: function headers only, no registers or ops
    std::vector<int32_t> functions;  // non-empty: only these function indices, no tables
};

// Header, types, globals, natives, constants, then every function (registers, disassembly,
// debug positions, assigns). `m` must have been produced by read_module.
void dump_module(const Module& m, std::ostream& out, const DumpOptions& opts = {});

// Header plus counts: type kinds, opcode use, natives per library.
void dump_summary(const Module& m, std::ostream& out);

}  // namespace hlffi::bc
