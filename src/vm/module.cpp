// vm layer: compiling a module (read, verify, link against the built-in natives).
#include "vm/module.h"

#include "bytecode/reader.h"
#include "bytecode/verifier.h"
#include "vm/vm_natives.h"

namespace hlffi::vm {

Result<std::shared_ptr<const Module>> compile_module(const uint8_t* data, size_t size) {
    auto read = bc::read_module(data, size);
    if (!read) return Failure{"invalid bytecode: " + read.error().message};
    auto code = std::make_shared<const bc::Module>(read.take());
    if (auto s = bc::verify_module(*code); !s) return Failure{"invalid bytecode: " + s.error().message};
    auto linked = rt::link_program(code, rt::builtin_native_resolver());
    if (!linked) return linked.error();
    auto module = std::make_shared<Module>();
    module->program = linked.take();
    // Host calls queued for the VM thread wait until main() runs (static initialisation first):
    // main() is the entry function's last call.
    rt::Program& p = *module->program;
    const bc::Function* entry = p.function(p.module->entrypoint)->src;
    for (size_t i = entry != nullptr ? entry->ops.size() : 0; i-- > 0;) {
        bc::Opcode op = entry->ops[i].code;
        bool call = (op >= bc::Opcode::Call0 && op <= bc::Opcode::Call4) || op == bc::Opcode::CallN;
        if (call && !p.function(entry->ops[i].p[1])->is_native) {
            module->main_fn = p.function(entry->ops[i].p[1]);
            break;
        }
    }
    return std::shared_ptr<const Module>(std::move(module));
}

}  // namespace hlffi::vm
