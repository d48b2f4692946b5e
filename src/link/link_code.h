// link layer: pre-decoding of one function (internal to the linker).
#pragma once

#include <string>
#include <vector>

#include "link/program.h"

namespace hlffi::rt {

// Register types, GC-scanned registers and counts of a bytecode function (at link time).
void describe_frame(Program& p, FunctionCode& fc);

// Converts the strings and interns the field names the code of every function uses, in the
// order translating all of it would: code translated later (build_code, program.h) then only
// reads the shared tables, and string constants lie in memory as HashLink lays them out. Then
// converts the strings no code uses, so that no run ever writes to the shared Program.
void meet_code_names(Program& p);

}  // namespace hlffi::rt
