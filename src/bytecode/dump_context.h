// bytecode layer (dump): lookups shared by the table dump and the disassembler: names of
// functions, types as text, fields / methods / constructors seen through a register's type.
#pragma once

#include <string>
#include <vector>

#include "bytecode/module.h"

namespace hlffi::bc {

class DumpContext {
public:
    explicit DumpContext(const Module& m);

    const Module& module() const { return m_; }

    // Stack-trace name of a function index, "?N" when it names nothing.
    std::string fun_name(int32_t findex) const;
    // Type as hldump writes it: "Array", "null<i32>", "(i32, bool) -> void", "virtual<x:i32>".
    std::string type_str(int32_t t, int depth = 0) const;
    // String table entry as text (ill-formed UTF-8 replaced).
    std::string str(int32_t s) const;

    // All fields of an obj/struct type, parents' first.
    const std::vector<FieldDecl>& all_fields(int32_t t) const;

    // Names as seen through the static type of register `reg` of `f`; "#N" when unknown.
    std::string field_name(const Function& f, int32_t reg, int32_t fid) const;
    std::string proto_name(const Function& f, int32_t reg, int32_t pid) const;
    std::string construct_name(const Function& f, int32_t reg, int32_t cid) const;

private:
    const TypeDecl* reg_type(const Function& f, int32_t reg) const;

    const Module& m_;
    std::vector<std::string> names_;  // by function index
    std::vector<std::vector<FieldDecl>> all_fields_;  // by type index (obj/struct only)
};

// Text of op `pos` of `f`, e.g. "Field r3, r1.length" or "JFalse r2, @17".
std::string disassemble_op(const DumpContext& ctx, const Function& f, size_t pos);

}  // namespace hlffi::bc
