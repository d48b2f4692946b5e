// vm layer: throwing with a recorded stack, stack-trace text (spec/runtime.md §14.2) and the
// natives that read it.
#include <cstdio>

#include "interp/interp.h"
#include "std/dynamic.h"
#include "util/utf.h"
#include "vm/vm.h"
#include "vm/vm_natives.h"

namespace hlffi::rt {

void throw_value(Ctx& c, void* value) {
    c.exception = true;
    c.exception_value = value;
    c.exception_stack.clear();
    for (Frame* f = c.top; f != nullptr && c.exception_stack.size() < 256; f = f->parent)
        c.exception_stack.emplace_back(f->fn, static_cast<int32_t>(f->pc - f->fn->code.data()));
}

namespace {

VArray* exception_stack(Ctx& c) {
    std::vector<std::string> frames = vm::stack_frames(*c.program, c.exception_stack);
    VArray* a = alloc_array(c, builtin_type(c, TypeKind::Bytes), static_cast<int32_t>(frames.size()));
    if (a == nullptr) return nullptr;
    RootGuard keep(c, &a);
    for (size_t i = 0; i < frames.size(); i++) {
        std::u16string s = utf8_to_utf16(frames[i]);
        char16_t* text = alloc_utf16(c, s.data(), static_cast<int32_t>(s.size()));
        if (text == nullptr) return nullptr;
        a->data<char16_t*>()[i] = text;
    }
    return a;
}

constexpr NativeDef kVmNatives[] = {
    HLFFI_NATIVE("exception_stack", exception_stack),
};

}  // namespace

std::span<const NativeDef> natives_vm() { return kVmNatives; }

}  // namespace hlffi::rt

namespace hlffi::vm {

std::vector<std::string> stack_frames(rt::Program& p, const std::vector<std::pair<rt::FunctionCode*, int32_t>>& stack) {
    std::vector<std::string> out;
    const bc::Module& m = *p.module;
    for (const auto& [fn, op] : stack) {
        if (fn->src == nullptr || fn->src->debug.empty() || op < 0 || static_cast<size_t>(op) >= fn->src->debug.size()) continue;
        const bc::DebugPos& pos = fn->src->debug[static_cast<size_t>(op)];
        std::string file = pos.file >= 0 && static_cast<size_t>(pos.file) < m.debug_files.size() ? m.debug_files[static_cast<size_t>(pos.file)] : "?";
        out.push_back(fn->name + "(" + file + ":" + std::to_string(pos.line) + ")");
    }
    return out;
}

}  // namespace hlffi::vm
