// bytecode layer: the verifier's per-function checker, shared by verifier.cpp (structure,
// operand ranges, control flow) and verifier_ops.cpp (the typing rule of each opcode).
#pragma once

#include <cstdint>
#include <string>

#include "bytecode/module.h"
#include "bytecode/type_relations.h"
#include "util/result.h"

namespace hlffi::bc::verifier_detail {

class FunctionChecker {
public:
    FunctionChecker(const Module& m, const TypeRelations& tr, const Function& f)
        : m_(m), tr_(tr), f_(f), ftype_(m.type(f.type)) {}

    // Ok, or the reason; failing_op() then names the op (-1: the function as a whole).
    Status run();
    int64_t failing_op() const { return op_index_; }

private:
    // verifier.cpp
    Status check_ranges(const Op& op);
    Status reg_in_range(int32_t r) const;
    int64_t jump_target(int32_t offset) const { return op_index_ + 1 + static_cast<int64_t>(offset); }

    // verifier_ops.cpp
    Status check_types(const Op& op);
    Status check_compare(const Op& op);
    Status check_direct_call(const Op& op);
    Status check_method_call(const Op& op);
    Status check_closure_call(const Op& op);
    Status check_field(const Op& op);
    Status check_enum(const Op& op);
    Status check_memory(const Op& op);
    Status check_ref(const Op& op);
    Status check_args(const int32_t* regs, size_t n, const std::vector<int32_t>& params, size_t first_param);
    Status check_fun_result(int32_t ret, int32_t dst);
    Status field_type(int32_t obj_reg, int32_t field, int32_t& out) const;
    Status method_type(int32_t obj_type, int32_t slot, int32_t& out) const;

    // Helpers for the typing rules.
    int32_t rt(int32_t r) const { return f_.regs[static_cast<size_t>(r)]; }
    TypeKind rk(int32_t r) const { return m_.type(rt(r)).kind; }
    std::string reg_desc(int32_t r) const;
    Status expect_kind(int32_t r, TypeKind k) const;
    Status expect_number_dst(int32_t r) const;
    Status expect(int32_t r, bool ok, const char* what) const;
    // `what` (and its number n, when n >= 0) names the place in the message, built only on failure.
    Status store(int32_t value_type, int32_t place_type, const char* what, int64_t n = -1) const;

    const Module& m_;
    const TypeRelations& tr_;
    const Function& f_;
    const TypeDecl& ftype_;
    int64_t op_index_ = -1;
};

inline Status fail(std::string msg) { return Failure{std::move(msg)}; }

#define HLFFI_VERIFY_TRY(expr)             \
    do {                                   \
        if (auto s_ = (expr); !s_) return s_; \
    } while (0)

}  // namespace hlffi::bc::verifier_detail
