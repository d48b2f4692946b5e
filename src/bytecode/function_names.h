// bytecode layer: the names HashLink gives functions in stack traces (spec/runtime.md §14.2).
#pragma once

#include <string>
#include <vector>

#include "bytecode/module.h"

namespace hlffi::bc {

// Indexed by function index. Methods and bound statics: "Owner.name" ("$Main.main");
// local functions reached from a named one: "Owner.~name.N"; the entrypoint: ".init";
// natives: "lib@name"; anything else: "fun$N". The module must have passed read_module.
std::vector<std::string> compute_function_names(const Module& m);

}  // namespace hlffi::bc
