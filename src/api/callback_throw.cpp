// api layer: hlffi_callback_throw: a host callback or native ends by throwing a Haxe String into
// the Haxe code that called it (how hlffi.hpp turns a C++ exception escaping a lambda into a
// Haxe exception instead of unwinding through the interpreter).
#include "api/api_internal.h"
#include "std/native.h"

extern "C" {

bool hlffi_callback_throw(hlffi_vm* vm, const char* message) {
    using namespace hlffi;
    if (vm == nullptr) return false;
    if (message == nullptr) {
        api::fail(vm, HLFFI_ERROR_NULL_VALUE, "hlffi_callback_throw: the message is NULL");
        return false;
    }
    // A host function of this VM runs on this thread exactly when the thread's current context
    // is the VM's and holds the slot call_host_function sets around the host function.
    rt::Ctx* c = vm::current_ctx();
    if (c == nullptr || c->vm != &vm->vm || c->held_exception == nullptr) {
        api::fail(vm, HLFFI_ERROR_WRONG_THREAD, "hlffi_callback_throw: no host callback of this VM is running on this thread");
        return false;
    }
    if (!c->exception) {  // the first throw wins, as in Haxe
        rt::VString* s = rt::alloc_string_utf8(*c, message);
        if (s != nullptr) rt::raise_value(*c, s);  // else the allocator raised out-of-memory already
    }
    api::succeed(vm);
    return true;
}

}  // extern "C"
