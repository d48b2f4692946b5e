// vm layer: binding natives by (lib, name): the host's registrations first, then the tables of
// lib "std" and lib "fmt".
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include "std/std_natives.h"
#include "vm/vm.h"
#include "vm/vm_natives.h"

namespace hlffi::rt {

NativeResolver make_native_resolver(const vm::Vm& vm) {
    // Keyed "lib@name", the form error messages use too.
    auto tables = std::make_shared<std::unordered_map<std::string, const NativeDef*>>();
    auto add = [&tables](std::string_view lib, std::span<const NativeDef> table) {
        for (const NativeDef& d : table) tables->emplace(std::string(lib) + "@" + std::string(d.name), &d);
    };
    for (auto table : {natives_string(), natives_math(), natives_dynamic(), natives_array(), natives_maps(), natives_types(),
                       natives_sys(), natives_thread(), natives_lock(), natives_process(), natives_socket(), natives_gc(),
                       natives_file(), natives_regexp(), natives_vm()})
        add("std", table);
    for (auto table : {natives_fmt_digest(), natives_fmt_zip()}) add("fmt", table);
    const auto* host = &vm.host_natives;
    return [tables, host](const std::string& lib, const std::string& name, const HType* declared) -> NativeBinding {
        for (const auto& h : *host) {
            if (h.lib != lib || h.name != name) continue;
            NativeBinding b{&h.def, h.data, {}};
            if (h.check != nullptr) b.mismatch = h.check(h.data, declared);
            return b;
        }
        auto it = tables->find(lib + "@" + name);
        return NativeBinding{it == tables->end() ? nullptr : it->second, nullptr, {}};
    };
}

}  // namespace hlffi::rt
