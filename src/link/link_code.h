// link layer: pre-decoding of one function (internal to the linker).
#pragma once

#include <string>
#include <vector>

#include "link/program.h"

namespace hlffi::rt {

// Fills fc.code from fc.src. short_names[findex] is the name used in "Null access .name".
void build_code(Program& p, FunctionCode& fc, const std::vector<std::string>& short_names);

}  // namespace hlffi::rt
