// vm layer: hot reload of the running program (see rt::patch_program for what may change).
#include "bytecode/reader.h"
#include "bytecode/verifier.h"
#include "vm/vm.h"

namespace hlffi::vm {

bool Vm::reload(const uint8_t* data, size_t size, bool* changed) {
    *changed = false;
    // A shared module is read by other VMs at this moment: patching it would change their code.
    if (!private_module_ || module_.use_count() != 1) {
        last_error = "the program was loaded from a shared module (hlffi_load_module); only a program loaded from a file or "
                     "memory can be reloaded";
        return false;
    }
    for (const HaxeThread& t : threads)
        if (!t.finished) {
            last_error = "Haxe threads of the program are running; a reload needs the program idle";
            return false;
        }
    auto read = bc::read_module(data, size);
    if (!read) {
        last_error = "invalid bytecode: " + read.error().message;
        return false;
    }
    auto code = std::make_shared<const bc::Module>(read.take());
    if (auto s = bc::verify_module(*code); !s) {
        last_error = "invalid bytecode: " + s.error().message;
        return false;
    }
    auto patched = rt::patch_program(*module_->program, std::move(code));
    if (!patched) {
        last_error = "cannot reload: " + patched.error().message + " (restart the program instead)";
        return false;
    }
    *changed = *patched;
    // Literals are constant objects in globals (Haxe's String constants): the new build's text.
    if (*changed) rt::make_constants(*module_->program, globals, constant_blocks);
    return true;
}

}  // namespace hlffi::vm
