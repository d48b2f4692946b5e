// tests/bytecode: the verifier's typing rule of each opcode (spec/bytecode.md §4), on the hand-made
// module of verifier_mini.h: uses the rules accept (including what is deliberately not ruled,
// because the runtime does not trust it: plain values of another kind, comparisons of unrelated
// objects...) and what each rule still refuses (what the interpreter would trust unsafely).
#include <gtest/gtest.h>

#include "bytecode/verifier.h"
#include "verifier_mini.h"

namespace hlffi::bc {
namespace {

using namespace verifier_test;

TEST(VerifierRules, MovAndStoreCompatibility) {
    EXPECT_VERIFIES(verify_entry({{Opcode::Mov, {6, 7}}, {Opcode::Mov, {5, 6}}, {Opcode::Mov, {21, 9}}}));
    // Plain values of any kind are interchangeable bits (T3).
    EXPECT_VERIFIES(verify_entry({{Opcode::Mov, {2, 1}}, {Opcode::Mov, {14, 1}}, {Opcode::Mov, {15, 16}}, {Opcode::Mov, {1, 0}}}));
    // Pointers must fit (T1): no downcast, no unrelated class, no plain value, no raw pointer.
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {7, 6}}}), "op 0: cannot store obj Base into register 7 of type obj Sub");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {5, 1}}}), "cannot store i32 into register 5 of type dynamic");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {6, 5}}}), "cannot store dynamic into register 6");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {17, 6}}}), "cannot store obj Base into register 17 of type obj Other");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {6, 1}}}), "cannot store i32 into register 6 of type obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {1, 6}}}), "cannot store obj Base into register 1 of type i32");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {6, 0}}}), "cannot store void into register 6");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {5, 4}}}), "cannot store bytes into register 5 of type dynamic");
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {9, 21}}}), "cannot store virtual");  // no prefix upcast
    EXPECT_REJECTED(verify_entry({{Opcode::Mov, {12, 20}}}), "cannot store ref");
}

TEST(VerifierRules, ConstantLoadsNeedFittingRegisters) {
    // Numbers go to any plain register; null to any register.
    EXPECT_VERIFIES(verify_entry({{Opcode::Int, {2, 0}}, {Opcode::Float, {1, 0}}, {Opcode::Bool, {1, 1}},
                                  {Opcode::Null, {1}}, {Opcode::Null, {6}}, {Opcode::Int, {0, 0}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Int, {6, 0}}}), "op 0: register 6 (obj Base) holds a pointer and cannot receive a plain value");
    EXPECT_REJECTED(verify_entry({{Opcode::Float, {5, 0}}}), "register 5 (dynamic) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::Bool, {13, 1}}}), "register 13 (null (type 15)) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::String, {5, 0}}}), "register 5 (dynamic) should be bytes");
    EXPECT_REJECTED(verify_entry({{Opcode::String, {1, 0}}}), "register 1 (i32) should be bytes");
    EXPECT_REJECTED(verify_entry({{Opcode::Type, {5, 0}}}), "register 5 (dynamic) should be type");
}

TEST(VerifierRules, Arithmetic) {
    EXPECT_VERIFIES(verify_entry({{Opcode::Add, {1, 1, 19}}, {Opcode::Mul, {2, 2, 2}}, {Opcode::Shl, {14, 14, 14}}}));
    // Operands are read as bits, the destination picks the operation (T3).
    EXPECT_VERIFIES(verify_entry({{Opcode::Add, {1, 1, 2}}, {Opcode::Xor, {2, 2, 2}}, {Opcode::Neg, {1, 14}},
                                  {Opcode::Incr, {2}}, {Opcode::Not, {3, 1}}, {Opcode::Sub, {1, 6, 5}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Sub, {6, 6, 6}}}), "op 0: register 6 (obj Base) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::Neg, {5, 1}}}), "register 5 (dynamic) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::Incr, {4}}}), "register 4 (bytes) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::Not, {13, 3}}}), "register 13 (null (type 15)) holds a pointer");
}

TEST(VerifierRules, DirectCalls) {
    EXPECT_VERIFIES(verify_entry({{Opcode::Call1, {1, kFunI32}, {19}}, {Opcode::Call1, {0, kFunI32}, {1}},
                                  {Opcode::CallN, {0, kNative}, {6}}, {Opcode::Call1, {2, kFunI32}, {2}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Call0, {1, kFunI32}}}), "op 0: 0 arguments given, callee takes 1");
    EXPECT_REJECTED(verify_entry({{Opcode::Call2, {1, kFunI32}, {1, 1}}}), "2 arguments given, callee takes 1");
    EXPECT_REJECTED(verify_entry({{Opcode::Call1, {1, kFunI32}, {6}}}), "cannot store obj Base into argument 0 of type i32");
    EXPECT_REJECTED(verify_entry({{Opcode::Call1, {6, kFunI32}, {1}}}), "cannot store i32 into result register 6 of type obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::Call1, {0, kNative}, {1}}}), "cannot store i32 into argument 0 of type dynamic");
}

TEST(VerifierRules, MethodCalls) {
    // Slot 0 on a Base receiver is Base.get; on a Sub receiver Sub.get.
    EXPECT_VERIFIES(verify_entry({{Opcode::CallMethod, {1, 0}, {6}}, {Opcode::CallMethod, {1, 0}, {7}},
                                  {Opcode::CallMethod, {2, 0}, {6}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 1}, {6}}}), "op 0: no method in virtual slot 1 of obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 0}, {6, 1}}}), "2 arguments given, callee takes 1");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {5, 0}, {6}}}), "cannot store i32 into result register 5");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 0}, {1}}}), "register 1 (i32) has no methods");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 0}, {5}}}), "register 5 (dynamic) has no methods");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 0}, {}}}), "CallMethod without a receiver");
    // Virtual receivers: the slot is a field index whose method type excludes the receiver.
    EXPECT_VERIFIES(verify_entry({{Opcode::CallMethod, {1, 1}, {9, 19}}, {Opcode::CallMethod, {1, 1}, {9, 2}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 2}, {9, 19}}}), "method field 2 out of range");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 0}, {9, 19}}}), "field 0 of register 9 (virtual (type 11)) is not a method");
    EXPECT_REJECTED(verify_entry({{Opcode::CallMethod, {1, 1}, {9, 6}}}), "cannot store obj Base into argument 0 of type i32");
}

TEST(VerifierRules, CallThisUsesRegisterZero) {
    Mini mini;
    mini.fn(2, kBaseGet, tMethodBase, {tBase, tI32}, {{Opcode::CallThis, {1, 0}, {}}, {Opcode::Ret, {1}}});
    EXPECT_VERIFIES(verify_module(mini.m));
    mini.fn(2, kBaseGet, tMethodBase, {tBase, tI32}, {{Opcode::CallThis, {1, 3}, {}}, {Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(mini.m), "function 2 (Base.get), op 0: no method in virtual slot 3 of obj Base");
    mini.fn(2, kBaseGet, tMethodBase, {tBase, tI32}, {{Opcode::CallThis, {1, 0}, {1}}, {Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(mini.m), "1 arguments given, callee takes 0");
    EXPECT_REJECTED(verify_entry({{Opcode::CallThis, {1, 0}, {}}}), "op 0: register 0 (void) should be obj");
}

TEST(VerifierRules, ClosureCalls) {
    EXPECT_VERIFIES(verify_entry({{Opcode::CallClosure, {1, 18}, {19}}, {Opcode::CallClosure, {5, 5}, {6, 5}},
                                  {Opcode::CallClosure, {1, 18}, {2}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::CallClosure, {1, 18}, {}}}), "0 arguments given, callee takes 1");
    EXPECT_REJECTED(verify_entry({{Opcode::CallClosure, {1, 18}, {6}}}), "cannot store obj Base into argument 0");
    EXPECT_REJECTED(verify_entry({{Opcode::CallClosure, {5, 5}, {1}}}), "register 1 (i32) should be of a dynamic kind");
    EXPECT_REJECTED(verify_entry({{Opcode::CallClosure, {5, 5}, {4}}}), "register 4 (bytes) should be of a dynamic kind");
    EXPECT_REJECTED(verify_entry({{Opcode::CallClosure, {1, 1}, {}}}), "register 1 (i32) is not callable");
    EXPECT_REJECTED(verify_entry({{Opcode::CallClosure, {1, 6}, {}}}), "register 6 (obj Base) is not callable");
}

TEST(VerifierRules, Closures) {
    EXPECT_VERIFIES(verify_entry({{Opcode::StaticClosure, {18, kFunI32}}, {Opcode::VirtualClosure, {5, 6, 0}},
                                  {Opcode::StaticClosure, {5, kFunI32}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::StaticClosure, {6, kFunI32}}}), "cannot store fun (type 7) into register 6");
    EXPECT_REJECTED(verify_entry({{Opcode::InstanceClosure, {18, kBaseGet, 6}}}), "does not fit register 18");
    EXPECT_REJECTED(verify_entry({{Opcode::InstanceClosure, {5, kBaseGet, 17}}}), "cannot store obj Other into the bound argument");
    EXPECT_REJECTED(verify_entry({{Opcode::InstanceClosure, {5, kFunI32, 1}}}),
                    "function 1 has a first argument of type i32, which cannot be bound");
    EXPECT_REJECTED(verify_entry({{Opcode::VirtualClosure, {5, 6, 4}}}), "no method in virtual slot 4");
    EXPECT_REJECTED(verify_entry({{Opcode::VirtualClosure, {18, 6, 0}}}), "the closure of slot 0 does not fit register 18");
    EXPECT_REJECTED(verify_entry({{Opcode::VirtualClosure, {5, 9, 0}}}), "register 9 (virtual (type 11)) should be obj");
}

TEST(VerifierRules, Globals) {
    EXPECT_VERIFIES(verify_entry({{Opcode::GetGlobal, {6, 0}}, {Opcode::SetGlobal, {0, 7}}, {Opcode::GetGlobal, {5, 0}},
                                  {Opcode::SetGlobal, {1, 2}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::GetGlobal, {7, 0}}}), "cannot store obj Base into register 7 of type obj Sub");
    EXPECT_REJECTED(verify_entry({{Opcode::SetGlobal, {0, 17}}}), "cannot store obj Other into global 0 of type obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::SetGlobal, {1, 6}}}), "cannot store obj Base into global 1 of type i32");
}

TEST(VerifierRules, Fields) {
    // Field indices count the parents' fields first: Sub has 0 = a:i32 (from Base), 1 = b:f64.
    EXPECT_VERIFIES(verify_entry({{Opcode::Field, {1, 7, 0}}, {Opcode::Field, {2, 7, 1}}, {Opcode::SetField, {7, 1, 2}},
                                  {Opcode::Field, {1, 9, 0}}, {Opcode::SetField, {9, 0, 19}}, {Opcode::SetField, {7, 0, 2}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {2, 6, 1}}}), "op 0: field 1 out of range for register 6 (obj Base), which has 1 fields");
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {6, 7, 1}}}), "cannot store f64 into register 6 of type obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {1, 17, 0}}}), "cannot store bytes into register 1 of type i32");
    EXPECT_REJECTED(verify_entry({{Opcode::SetField, {17, 0, 1}}}), "cannot store i32 into field 0 of type bytes");
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {1, 9, 5}}}), "field 5 out of range for register 9 (virtual (type 11)), which has 2 fields");
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {1, 8, 0}}}), "register 8 (enum E) has no fields");
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {1, 5, 0}}}), "register 5 (dynamic) has no fields");
    EXPECT_REJECTED(verify_entry({{Opcode::Field, {1, 7, -1}}}), "field -1 out of range");
}

TEST(VerifierRules, ThisFieldsUseRegisterZero) {
    Mini mini;
    mini.fn(2, kBaseGet, tMethodBase, {tBase, tI32}, {{Opcode::GetThis, {1, 0}}, {Opcode::SetThis, {0, 1}}, {Opcode::Ret, {1}}});
    EXPECT_VERIFIES(verify_module(mini.m));
    mini.fn(2, kBaseGet, tMethodBase, {tBase, tI32}, {{Opcode::GetThis, {1, 1}}, {Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(mini.m), "function 2 (Base.get), op 0: field 1 out of range for register 0 (obj Base)");
    mini.fn(2, kBaseGet, tMethodBase, {tBase, tI32, tDyn}, {{Opcode::SetThis, {0, 2}}, {Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(mini.m), "cannot store dynamic into field 0 of type i32");
    EXPECT_REJECTED(verify_entry({{Opcode::GetThis, {1, 0}}}), "register 0 (void) should be an object (this)");
}

TEST(VerifierRules, DynamicFieldAccess) {
    // The value is converted to or from its register's type at run time, void included.
    EXPECT_VERIFIES(verify_entry({{Opcode::DynGet, {1, 5, 9}}, {Opcode::DynSet, {6, 9, 2}}, {Opcode::DynSet, {5, 9, 0}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::DynGet, {1, 1, 9}}}), "register 1 (i32) should be an object, dynobj, virtual or dynamic");
    EXPECT_REJECTED(verify_entry({{Opcode::DynSet, {4, 9, 1}}}), "register 4 (bytes) should be an object, dynobj, virtual or dynamic");
}

TEST(VerifierRules, ConditionalJumps) {
    EXPECT_VERIFIES(verify_entry({{Opcode::JTrue, {3, 0}}, {Opcode::JNull, {6, 0}}, {Opcode::JSLt, {1, 19, 0}},
                                  {Opcode::JEq, {6, 7, 0}}, {Opcode::JEq, {6, 9, 0}}, {Opcode::JEq, {5, 6, 0}},
                                  {Opcode::JNotLt, {2, 2, 0}}, {Opcode::JEq, {13, 13, 0}}, {Opcode::JEq, {11, 11, 0}}}));
    // Tests of bits and comparisons that trust nothing: plain values of any kinds, objects of
    // unrelated classes (identity, or __compare with a dynamic check at run time), any pointers.
    EXPECT_VERIFIES(verify_entry({{Opcode::JTrue, {1, 0}}, {Opcode::JNull, {1, 0}}, {Opcode::JSLt, {1, 2, 0}},
                                  {Opcode::JEq, {6, 17, 0}}, {Opcode::JSLt, {6, 17, 0}}, {Opcode::JNotGte, {1, 19, 0}},
                                  {Opcode::JEq, {4, 6, 0}}, {Opcode::JEq, {13, 6, 0}}, {Opcode::JEq, {1, 6, 0}}}));
    // hl_dyn_compare reads both type headers; type descriptors compare with type descriptors.
    EXPECT_REJECTED(verify_entry({{Opcode::JEq, {5, 1, 0}}}), "op 0: cannot compare register 5 (dynamic) with register 1 (i32)");
    EXPECT_REJECTED(verify_entry({{Opcode::JSLt, {4, 18, 0}}}), "cannot compare register 4 (bytes) with register 18");
    EXPECT_REJECTED(verify_entry({{Opcode::JEq, {11, 6, 0}}}), "cannot compare register 11 (type) with register 6 (obj Base)");
    EXPECT_REJECTED(verify_entry({{Opcode::JNotEq, {1, 11, 0}}}), "cannot compare register 1 (i32) with register 11 (type)");
}

TEST(VerifierRules, Conversions) {
    EXPECT_VERIFIES(verify_entry({{Opcode::ToDyn, {5, 1}}, {Opcode::ToDyn, {13, 19}}, {Opcode::ToSFloat, {2, 1}},
                                  {Opcode::ToInt, {1, 2}}, {Opcode::ToUFloat, {2, 1}}, {Opcode::SafeCast, {6, 5}},
                                  {Opcode::UnsafeCast, {7, 6}}, {Opcode::ToVirtual, {9, 6}}}));
    // Boxing a value with a header passes it through; plain boxes fit any plain null<T>;
    // conversions read their source as bits; SafeCast is checked at run time; plain bit copies.
    EXPECT_VERIFIES(verify_entry({{Opcode::ToDyn, {5, 6}}, {Opcode::ToDyn, {13, 2}}, {Opcode::ToDyn, {5, 4}},
                                  {Opcode::ToSFloat, {1, 2}}, {Opcode::ToInt, {1, 6}}, {Opcode::SafeCast, {0, 5}},
                                  {Opcode::UnsafeCast, {2, 14}}, {Opcode::UnsafeCast, {5, 4}}, {Opcode::UnsafeCast, {4, 4}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::ToDyn, {13, 6}}}), "register 13 (null (type 15)) cannot hold a box of register 6 (obj Base)");
    EXPECT_REJECTED(verify_entry({{Opcode::ToDyn, {1, 1}}}), "register 1 (i32) cannot hold a box of register 1");
    EXPECT_REJECTED(verify_entry({{Opcode::ToSFloat, {6, 2}}}), "register 6 (obj Base) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::ToInt, {5, 2}}}), "register 5 (dynamic) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::UnsafeCast, {6, 1}}}), "cannot reinterpret register 1 (i32) as register 6 (obj Base)");
    EXPECT_REJECTED(verify_entry({{Opcode::UnsafeCast, {1, 6}}}), "cannot reinterpret register 6 (obj Base) as register 1 (i32)");
    EXPECT_REJECTED(verify_entry({{Opcode::UnsafeCast, {4, 6}}}), "as register 4 (bytes) (no type header to check)");
    EXPECT_REJECTED(verify_entry({{Opcode::UnsafeCast, {12, 20}}}), "as register 12 (ref (type 14)) (no type header");
    EXPECT_REJECTED(verify_entry({{Opcode::ToVirtual, {6, 6}}}), "register 6 (obj Base) should be virtual");
    EXPECT_REJECTED(verify_entry({{Opcode::ToVirtual, {9, 1}}}), "register 1 (i32) should be an object, dynobj, virtual or dynamic");
}

TEST(VerifierRules, BoxingNeedsAKnownRepresentation) {
    // A struct pointer has no header and make_dyn does not box it.
    Mini mini;
    mini.m.types[tOther].kind = TypeKind::Struct;
    mini.entry(std_regs(), {{Opcode::ToDyn, {5, 17}}, {Opcode::Ret, {0}}});
    EXPECT_REJECTED(verify_module(mini.m), "op 0: register 17 (struct Other) should be a value that can be boxed");
}

TEST(VerifierRules, ReturnThrowSwitchNullCheck) {
    Mini mini;
    mini.fn(1, kFunI32, tFunI32I32, {tI32, tF64}, {{Opcode::Ret, {1}}});
    EXPECT_VERIFIES(verify_module(mini.m));  // a plain value of another kind
    mini.fn(1, kFunI32, tFunI32I32, {tI32, tDyn}, {{Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(mini.m), "function 1 (fun$1), op 0: cannot store dynamic into the return value of type i32");
    EXPECT_VERIFIES(verify_entry({{Opcode::Switch, {2, 0}, {}}, {Opcode::NullCheck, {1}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Throw, {1}}}), "register 1 (i32) should be of a dynamic kind");
    EXPECT_REJECTED(verify_entry({{Opcode::Rethrow, {4}}}), "register 4 (bytes) should be of a dynamic kind");
}

TEST(VerifierRules, ArgumentRegistersMatchSignature) {
    Mini mini;
    mini.fn(1, kFunI32, tFunI32I32, {tF64}, {{Opcode::Ret, {0}}});
    EXPECT_VERIFIES(verify_module(mini.m));
    mini.fn(1, kFunI32, tFunI32I32, {tBase}, {{Opcode::Ret, {1}}});
    EXPECT_REJECTED(verify_module(mini.m), "function 1 (fun$1): register 0 (obj Base) cannot hold argument 0 (i32)");
}

TEST(VerifierRules, MemoryAndArrays) {
    EXPECT_VERIFIES(verify_entry({{Opcode::GetI8, {1, 4, 19}}, {Opcode::GetMem, {2, 4, 1}}, {Opcode::SetI16, {4, 1, 19}},
                                  {Opcode::SetMem, {4, 1, 14}}, {Opcode::GetArray, {6, 10, 1}}, {Opcode::SetArray, {10, 1, 2}},
                                  {Opcode::ArraySize, {1, 10}}}));
    // Offsets, indices and stored values are read as bits; element types are checked at run time.
    EXPECT_VERIFIES(verify_entry({{Opcode::GetI8, {2, 4, 2}}, {Opcode::GetMem, {15, 4, 14}}, {Opcode::SetMem, {4, 1, 6}},
                                  {Opcode::SetArray, {10, 2, 1}}, {Opcode::GetArray, {0, 10, 1}}, {Opcode::ArraySize, {2, 10}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::GetI8, {6, 4, 1}}}), "op 0: register 6 (obj Base) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::GetI16, {1, 5, 1}}}), "register 5 (dynamic) should be bytes");
    EXPECT_REJECTED(verify_entry({{Opcode::GetMem, {5, 4, 1}}}), "register 5 (dynamic) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::SetI8, {10, 1, 2}}}), "register 10 (array) should be bytes");
    EXPECT_REJECTED(verify_entry({{Opcode::GetArray, {1, 4, 1}}}), "register 4 (bytes) should be array");
    EXPECT_REJECTED(verify_entry({{Opcode::SetArray, {5, 1, 1}}}), "register 5 (dynamic) should be array");
    EXPECT_REJECTED(verify_entry({{Opcode::ArraySize, {6, 10}}}), "register 6 (obj Base) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::ArraySize, {1, 4}}}), "register 4 (bytes) should be array");
}

TEST(VerifierRules, NewAndTypes) {
    // New of another kind is refused by the interpreter when it runs.
    EXPECT_VERIFIES(verify_entry({{Opcode::New, {7}}, {Opcode::New, {9}}, {Opcode::GetType, {11, 6}}, {Opcode::GetTID, {1, 11}},
                                  {Opcode::New, {8}}, {Opcode::GetTID, {2, 11}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::GetType, {1, 6}}}), "register 1 (i32) should be type");
    EXPECT_REJECTED(verify_entry({{Opcode::GetType, {11, 4}}}), "register 4 (bytes) should be of a dynamic kind");
    EXPECT_REJECTED(verify_entry({{Opcode::GetTID, {6, 11}}}), "register 6 (obj Base) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::GetTID, {1, 5}}}), "register 5 (dynamic) should be type");
}

TEST(VerifierRules, References) {
    EXPECT_VERIFIES(verify_entry({{Opcode::Ref, {12, 1}}, {Opcode::Unref, {19, 12}}, {Opcode::Setref, {12, 1}},
                                  {Opcode::RefData, {12, 10}}, {Opcode::RefOffset, {12, 12, 1}}}));
    // Plain referenced values are bits like registers.
    EXPECT_VERIFIES(verify_entry({{Opcode::Ref, {12, 2}}, {Opcode::Unref, {2, 12}}, {Opcode::Setref, {20, 1}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Ref, {12, 6}}}), "register 12 (ref (type 14)) cannot point at register 6 (obj Base)");
    EXPECT_REJECTED(verify_entry({{Opcode::Ref, {1, 1}}}), "register 1 (i32) should be ref");
    EXPECT_REJECTED(verify_entry({{Opcode::Unref, {6, 12}}}), "cannot store i32 into register 6 of type obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::Setref, {20, 6}}}), "cannot store obj Base into the referenced value of type f64");
    EXPECT_REJECTED(verify_entry({{Opcode::RefData, {12, 4}}}), "register 4 (bytes) should be array");
    EXPECT_REJECTED(verify_entry({{Opcode::RefOffset, {12, 20, 1}}}), "register 20 (ref (type 22)) should be ref (type 14)");
}

TEST(VerifierRules, Enums) {
    EXPECT_VERIFIES(verify_entry({{Opcode::MakeEnum, {8, 1}, {19}}, {Opcode::EnumAlloc, {8, 0}}, {Opcode::EnumIndex, {1, 8}},
                                  {Opcode::EnumField, {1, 8, 1, 0}}, {Opcode::EnumIndex, {1, 5}}}));
    EXPECT_VERIFIES(verify_entry({{Opcode::MakeEnum, {8, 1}, {2}}, {Opcode::EnumIndex, {2, 6}}, {Opcode::EnumField, {2, 8, 1, 0}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::MakeEnum, {8, 1}, {}}}), "op 0: 0 values given, constructor 1 takes 1");
    EXPECT_REJECTED(verify_entry({{Opcode::MakeEnum, {8, 1}, {6}}}), "cannot store obj Base into constructor parameter 0 of type i32");
    EXPECT_REJECTED(verify_entry({{Opcode::MakeEnum, {8, 2}, {}}}), "constructor 2 out of range for register 8 (enum E), which has 2");
    EXPECT_REJECTED(verify_entry({{Opcode::MakeEnum, {6, 0}, {}}}), "register 6 (obj Base) should be enum");
    EXPECT_REJECTED(verify_entry({{Opcode::EnumAlloc, {8, -1}}}), "constructor -1 out of range");
    EXPECT_REJECTED(verify_entry({{Opcode::EnumIndex, {1, 4}}}), "register 4 (bytes) should be an enum or of a dynamic kind");
    EXPECT_REJECTED(verify_entry({{Opcode::EnumIndex, {6, 8}}}), "register 6 (obj Base) holds a pointer");
    EXPECT_REJECTED(verify_entry({{Opcode::EnumField, {1, 8, 1, 1}}}), "parameter 1 out of range for constructor 1 of enum E, which has 1");
    EXPECT_REJECTED(verify_entry({{Opcode::EnumField, {6, 8, 1, 0}}}), "cannot store i32 into register 6 of type obj Base");
    EXPECT_REJECTED(verify_entry({{Opcode::EnumField, {1, 5, 1, 0}}}), "register 5 (dynamic) should be enum");
    // SetEnumField always uses constructor 0, which here has no parameters.
    EXPECT_REJECTED(verify_entry({{Opcode::SetEnumField, {8, 0, 1}}}), "parameter 0 out of range for constructor 0");
}

TEST(VerifierRules, SetEnumFieldUsesConstructorZero) {
    Mini mini;
    mini.m.types[tEnum].constructs = {{8, {tI32}}};
    mini.entry(std_regs(), {{Opcode::SetEnumField, {8, 0, 19}}, {Opcode::SetEnumField, {8, 0, 2}}, {Opcode::SetEnumField, {8, 0, 6}},
                            {Opcode::Ret, {0}}});
    EXPECT_REJECTED(verify_module(mini.m), "op 2: cannot store obj Base into constructor parameter 0 of type i32");
}

TEST(VerifierRules, PrefetchIsNotTyped) {
    // A no-op for the interpreter: only its register is range-checked.
    EXPECT_VERIFIES(verify_entry({{Opcode::Prefetch, {6, 0, 0}}, {Opcode::Prefetch, {6, 2, 0}}, {Opcode::Prefetch, {1, 5, 0}}}));
    EXPECT_REJECTED(verify_entry({{Opcode::Prefetch, {40, 0, 0}}}), "register 40 out of range");
}

}  // namespace
}  // namespace hlffi::bc
