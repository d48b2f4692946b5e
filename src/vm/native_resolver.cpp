// vm layer: binding natives by (lib, name): the tables of lib "std" and lib "fmt" when a module
// is linked (shared by every VM), the host's registrations when a VM loads it (its own).
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

#include "std/std_natives.h"
#include "vm/vm.h"
#include "vm/vm_natives.h"

namespace hlffi::rt {

namespace {

using NativeTable = std::unordered_map<std::string, const NativeDef*>;

NativeTable make_native_table() {
    // Keyed "lib@name", the form error messages use too.
    NativeTable table;
    auto add = [&table](std::string_view lib, std::span<const NativeDef> defs) {
        for (const NativeDef& d : defs) table.emplace(std::string(lib) + "@" + std::string(d.name), &d);
    };
    for (auto defs : {natives_string(), natives_math(), natives_dynamic(), natives_array(), natives_maps(), natives_types(),
                      natives_sys(), natives_thread(), natives_lock(), natives_process(), natives_socket(), natives_gc(),
                      natives_file(), natives_regexp(), natives_vm()})
        add("std", defs);
    for (auto defs : {natives_fmt_digest(), natives_fmt_zip()}) add("fmt", defs);
    return table;
}

}  // namespace

NativeResolver builtin_native_resolver() {
    // Built on first use and never changed afterwards: a constant of the library, like the
    // native tables it indexes (no VM state), so every load need not rebuild it.
    static const NativeTable kTable = make_native_table();
    return [](const std::string& lib, const std::string& name) -> const NativeDef* {
        auto it = kTable.find(lib + "@" + name);
        return it == kTable.end() ? nullptr : it->second;
    };
}

}  // namespace hlffi::rt

namespace hlffi::vm {

bool Vm::bind_host_natives(const rt::Program& p) {
    host_bound.clear();
    host_bound.reserve(p.host_natives.size());
    // Every unfit or missing native is named at once, so that the host fixes them in one go.
    std::string mismatches, missing;
    auto add_to = [](std::string& list, const std::string& item) { list += (list.empty() ? "" : ", ") + item; };
    for (const rt::Program::HostNativeDecl& d : p.host_natives) {
        const rt::FunctionCode& shared = p.functions[static_cast<size_t>(d.findex)];
        rt::FunctionCode& own = host_bound.emplace_back();
        own.findex = shared.findex;
        own.type = shared.type;
        own.name = shared.name;
        own.is_native = true;
        const HostNative* h = nullptr;
        for (const HostNative& candidate : host_natives)
            if (candidate.lib == d.lib && candidate.name == d.name) h = &candidate;
        std::string key = d.lib + "@" + d.name;
        if (h == nullptr) {
            if (d.optional) own.missing_native = "Primitive or library is missing";
            else if (lazy_natives) own.missing_native = "Native " + key + " not implemented";
            else add_to(missing, key);
            continue;
        }
        auto nargs = static_cast<int>(shared.type->fun->args.size());
        if (h->def.nargs >= 0 && h->def.nargs != nargs) {
            add_to(mismatches, key + " takes " + std::to_string(h->def.nargs) + " arguments but the program declares " + std::to_string(nargs));
            continue;
        }
        if (h->check != nullptr) {
            std::string why = h->check(h->data, shared.type);
            if (!why.empty()) {
                add_to(mismatches, why);
                continue;
            }
        }
        own.native = h->def.fn;
        own.native_data = h->data;
    }
    if (!mismatches.empty()) {
        last_error = "native signature mismatch: " + mismatches + (missing.empty() ? "" : "; missing natives: " + missing);
        return false;
    }
    if (!missing.empty()) {
        last_error = "missing natives: " + missing;
        return false;
    }
    // A registration the program declares but a built-in library already provides would be
    // silently ignored: say so instead.
    for (const HostNative& h : host_natives)
        for (const rt::FunctionCode& f : p.functions)
            if (f.is_native && f.host_native < 0 && f.native != nullptr) {
                const bc::NativeDecl* n = p.module->native_at(f.findex);
                std::string lib = p.module->str(n->lib);
                if (!lib.empty() && lib[0] == '?') lib.erase(0, 1);
                if (lib == h.lib && p.module->str(n->name) == h.name) {
                    last_error = "host native " + h.lib + "@" + h.name + " cannot replace the built-in native of that name";
                    return false;
                }
            }
    return true;
}

}  // namespace hlffi::vm
