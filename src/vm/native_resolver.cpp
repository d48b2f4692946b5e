// vm layer: binding natives by (lib, name).
#include <memory>
#include <string>
#include <unordered_map>

#include "std/std_natives.h"
#include "vm/vm.h"
#include "vm/vm_natives.h"

namespace hlffi::rt {

NativeResolver make_native_resolver(const vm::Vm& vm) {
    auto std_table = std::make_shared<std::unordered_map<std::string, const NativeDef*>>();
    for (auto table : {natives_string(), natives_math(), natives_dynamic(), natives_array(), natives_maps(), natives_types(),
                       natives_sys(), natives_thread(), natives_file(), natives_regexp(), natives_vm()})
        for (const NativeDef& d : table) std_table->emplace(std::string(d.name), &d);
    const auto* host = &vm.host_natives;
    return [std_table, host](const std::string& lib, const std::string& name) -> const NativeDef* {
        for (const auto& h : *host)
            if (h.lib == lib && h.name == name) return &h.def;
        if (lib != "std") return nullptr;
        auto it = std_table->find(name);
        return it == std_table->end() ? nullptr : it->second;
    };
}

}  // namespace hlffi::rt
