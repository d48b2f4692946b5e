// std layer: HashLink's dynamic rules (spec/runtime.md §2.3-§13): type relations, boxing,
// dynamic casts, virtual views, dynamic field access and calls, comparison, value printing.
// Used by the interpreter for the ops that need them and by natives.
// Every function that can fail raises a Haxe exception on the Ctx and returns a zero value:
// callers check has_exception(c).
#pragma once

#include <cstdint>
#include <string>

#include "std/native.h"

namespace hlffi::rt {

// §2.3
bool same_type(const HType* a, const HType* b);
bool safe_cast(const HType* t, const HType* to);

// §2.4: "i32", "String", "(void ())", "virtual<x:i32>", ... as UTF-8.
std::string type_name(const HType* t);

// §5.2 make_dyn: box the value stored at `data` (with static type t); dynamic kinds are
// returned as is, bool gives a shared box, pointer kinds box the pointer (null stays null).
VDynamic* make_dyn(Ctx& c, const void* data, HType* t);

// §6: conversions of the value stored at `data` (static type t).
int32_t dyn_casti(Ctx& c, const void* data, HType* t, HType* to);  // to: ui8, ui16, i32, bool
int64_t dyn_casti64(Ctx& c, const void* data, HType* t);
double dyn_castd(Ctx& c, const void* data, HType* t);
float dyn_castf(Ctx& c, const void* data, HType* t);
void* dyn_castp(Ctx& c, const void* data, HType* t, HType* to);
// §6.3: store dynamic v into a location of type t.
void write_dyn(Ctx& c, void* addr, HType* t, VDynamic* v);
// value_cast native rule (§6.4 end).
VDynamic* value_cast(Ctx& c, VDynamic* v, HType* t);

// §4.2: view v through virtual type vt (null -> null).
VVirtual* to_virtual(Ctx& c, HType* vt, VDynamic* v);
// The dynamic value behind a virtual (its `value`, or the virtual itself when stand-alone).
VDynamic* virtual_value(VVirtual* v);

// §10.1 / §10.2: dynamic field read/write by name hash. `t` is the requested / stored type.
// dyn_get writes a value of type t to *out (8-byte slot); dyn_set reads the value of type t at
// *value. Missing fields read as zero; errors raise.
void dyn_get(Ctx& c, VDynamic* obj, int32_t hash, HType* t, Slot* out);
void dyn_set(Ctx& c, VDynamic* obj, int32_t hash, HType* t, const Slot* value);
// Field lookup without conversion (nullptr when absent): address and type of the storage.
void* dyn_field_address(Ctx& c, VDynamic* obj, int32_t hash, HType** type);
bool dyn_has_field(Ctx& c, VDynamic* obj, int32_t hash);
bool dyn_delete_field(Ctx& c, VDynamic* obj, int32_t hash);
// Names of the fields of a dynobj/object/virtual in the order of spec/runtime.md §16.6, as a
// native array of String-typed `bytes`... (see natives.md obj_fields); nullptr for other values.
VArray* dyn_fields(Ctx& c, VDynamic* obj);

// §10.3: call closure `cl` with boxed arguments; result boxed (null for void).
VDynamic* dyn_call(Ctx& c, VClosure* cl, VDynamic** args, int nargs);
// §8.3: call `cl` as a function of type `ft` with typed args/result (wrapper conversions).
bool call_as(Ctx& c, VClosure* cl, HType* ft, const Slot* args, int nargs, Slot* ret);
// §10.4: method call on a virtual's value by name, typed by the virtual field's method type.
bool dyn_call_method(Ctx& c, VDynamic* value, int32_t hash, HType* ft, const Slot* args, int nargs, Slot* ret);
// §8.3: a closure of type `to` wrapping `cl` (cast between function types); nullptr if arities differ.
VClosure* make_wrapper(Ctx& c, VClosure* cl, HType* to);

// §11
inline constexpr int32_t kInvalidComparison = static_cast<int32_t>(0xAABBCCDDu);
int32_t dyn_compare(Ctx& c, VDynamic* a, VDynamic* b);
bool enum_equals(Ctx& c, VEnum* a, VEnum* b);
// §3.6 / §11.3 helpers
int32_t compare_strings(const VString* a, const VString* b);

// §13: text of a value. value_to_string: top level (§13.1); the result is a new NUL-terminated
// UTF-16 block and its length goes to *len.
char16_t* value_to_string(Ctx& c, VDynamic* v, int32_t* len);
// §13.3
std::string format_float_f15(double d);
std::string format_float_f17(double d);

}  // namespace hlffi::rt
