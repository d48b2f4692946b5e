// bytecode layer: the verifier — everything the linker and interpreter trust about a Module
// (spec/bytecode.md §2.10 and the per-op tables of §4).
#pragma once

#include "bytecode/module.h"
#include "util/result.h"

namespace hlffi::bc {

// Checks everything an interpreter will trust. ok, or an error such as
// "function 12 (Main.main), op 40: register 9 out of range (function has 8)".
// The module must come from read_module (its cross-table indices are assumed checked).
Status verify_module(const Module& m);

}  // namespace hlffi::bc
