// interp layer: the main loop. It only dispatches and does the cheap, typed work; anything
// that allocates, converts dynamically or may need runtime rules is in slow_paths.cpp.
#include "interp/interp.h"

#include <cmath>
#include <cstring>

#include "interp/slow_paths.h"

namespace hlffi::rt {

namespace {

template <typename T>
inline T rd(const Slot* regs, int32_t r) {
    T v;
    std::memcpy(&v, &regs[r], sizeof(T));
    return v;
}
template <typename T>
inline void wr(Slot* regs, int32_t r, T v) {
    Slot s = 0;
    std::memcpy(&s, &v, sizeof(T));
    regs[r] = s;
}
template <typename T>
inline T load(const void* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}
template <typename T>
inline void store(void* p, T v) {
    std::memcpy(p, &v, sizeof(T));
}

inline int32_t to_i32(double d) {
    // x86 cvttsd2si: NaN and out-of-range give INT32_MIN (bytecode.md §4.7 OToInt).
    if (!(d > -2147483649.0 && d < 2147483648.0)) return INT32_MIN;
    return static_cast<int32_t>(d);
}

bool run(Ctx& c, FunctionCode* f, Slot* regs, Slot* ret);

// Entered from C (the host, a native's callback): guard the C stack, which only these nest on.
bool enter(Ctx& c, FunctionCode* f, Slot* regs, int nargs, Slot* ret) {
    char probe;
    if (&probe < c.c_stack_limit || regs + f->nregs > c.stack_end || (c.top != nullptr && c.top + 1 >= c.frames_end)) {
        raise_message(c, "Stack overflow");
        return false;
    }
    if (f->nregs > nargs) std::memset(regs + nargs, 0, static_cast<size_t>(f->nregs - nargs) * sizeof(Slot));
    return run(c, f, regs, ret);
}

bool call_native(Ctx& c, FunctionCode* f, const Slot* args, Slot* ret) {
    if (f->host_native >= 0) f = &c.host_natives[f->host_native];  // bound by this VM
    if (!f->missing_native.empty()) {
        raise_message(c, f->missing_native);
        return false;
    }
    c.native_callee = f;
    Slot r = f->native(c, args);
    if (c.exception) return false;
    if (ret != nullptr) *ret = r;
    return true;
}

bool run(Ctx& c, FunctionCode* f, Slot* regs, Slot* ret) {
    static const void* const kLabels[] = {
#define IOP(name) &&L_##name,
#include "link/iops.def"
#undef IOP
    };
    // Haxe-to-Haxe calls do not recurse in C: frames live in c.frames, and `entry` is the one
    // this C activation must return from.
    Frame* const entry = c.top == nullptr ? c.frames.get() : c.top + 1;
    const Instr* code = code_of(*c.program, *f);
    *entry = Frame{f, regs, code, c.top, 0, c.ntraps};
    c.top = entry;
    c.sp = regs + f->nregs;
    Frame* fr = entry;
    const Instr* pc = code;
    FunctionCode* callee = nullptr;
    int32_t call_nargs = 0;
    // Read at every safepoint: in a local, the check is one load instead of two dependent ones.
    std::atomic<uint32_t>* const attention = c.attention;

#define DISPATCH() goto *kLabels[static_cast<int>(pc->op)]
#define NEXT() \
    do {       \
        ++pc;  \
        DISPATCH(); \
    } while (0)
#define JUMP(target) \
    do {             \
        pc = code + (target); \
        DISPATCH();  \
    } while (0)
#define SAVE() fr->pc = pc
#define CHECK(ok)              \
    do {                       \
        if (!(ok)) goto exception; \
    } while (0)
#define A pc->a
#define B pc->b
#define C pc->c

    DISPATCH();

L_nop:
    NEXT();
L_mov:
    regs[A] = regs[B];
    NEXT();
L_const64:
    regs[A] = static_cast<Slot>(pc->x.i);
    NEXT();
L_label:
#ifndef HLFFI_NO_SAFEPOINTS  // HLFFI_SAFEPOINTS=OFF: only to measure what this costs
    if (attention->load(std::memory_order_relaxed) != 0) {
        SAVE();
        if (!slow::attend(c, true)) goto exception;
    }
#endif
    NEXT();

// Integer binops of one width: T signed, U unsigned, M the shift-count mask. Wrapping is done
// in U; division and modulo by 0 give 0 and by -1 never trap (bytecode.md §4.2).
#define BIN_INT(name, T, U, M, expr)                         \
    L_##name : {                                             \
        T x = rd<T>(regs, B), y = rd<T>(regs, C);            \
        U ux = static_cast<U>(x), uy = static_cast<U>(y);    \
        (void)ux; (void)uy;                                  \
        wr<T>(regs, A, static_cast<T>(expr));                \
        NEXT();                                              \
    }
#define INT_OPS(W, T, U, M)                                                   \
    BIN_INT(add_##W, T, U, M, ux + uy)                                         \
    BIN_INT(sub_##W, T, U, M, ux - uy)                                         \
    BIN_INT(mul_##W, T, U, M, ux * uy)                                         \
    BIN_INT(sdiv_##W, T, U, M, y == 0 ? U{0} : (y == -1 ? U{0} - ux : static_cast<U>(x / y))) \
    BIN_INT(udiv_##W, T, U, M, y == 0 ? U{0} : ux / uy)                        \
    BIN_INT(smod_##W, T, U, M, (y == 0 || y == -1) ? U{0} : static_cast<U>(x % y)) \
    BIN_INT(umod_##W, T, U, M, y == 0 ? U{0} : ux % uy)                        \
    BIN_INT(shl_##W, T, U, M, ux << (y & M))                                   \
    BIN_INT(sshr_##W, T, U, M, static_cast<U>(x >> (y & M)))                   \
    BIN_INT(ushr_##W, T, U, M, ux >> (y & M))                                  \
    BIN_INT(and_##W, T, U, M, ux & uy)                                         \
    BIN_INT(or_##W, T, U, M, ux | uy)                                          \
    BIN_INT(xor_##W, T, U, M, ux ^ uy)
    INT_OPS(i32, int32_t, uint32_t, 31)
    INT_OPS(i64, int64_t, uint64_t, 63)
#define BIN_F(name, T, expr)                           \
    L_##name : {                                       \
        T x = rd<T>(regs, B), y = rd<T>(regs, C);      \
        wr<T>(regs, A, (expr));                        \
        NEXT();                                        \
    }
    BIN_F(add_f64, double, x + y)
    BIN_F(sub_f64, double, x - y)
    BIN_F(mul_f64, double, x * y)
    BIN_F(div_f64, double, x / y)
    BIN_F(mod_f64, double, std::fmod(x, y))
    BIN_F(add_f32, float, x + y)
    BIN_F(sub_f32, float, x - y)
    BIN_F(mul_f32, float, x * y)
    BIN_F(div_f32, float, x / y)
    BIN_F(mod_f32, float, std::fmod(x, y))
L_arith_small:
    slow::arith_small(regs, *pc);
    NEXT();
L_neg_i32:
    wr<int32_t>(regs, A, static_cast<int32_t>(0u - rd<uint32_t>(regs, B)));
    NEXT();
L_neg_i64:
    wr<int64_t>(regs, A, static_cast<int64_t>(0ull - rd<uint64_t>(regs, B)));
    NEXT();
L_neg_f64:
    wr<double>(regs, A, 0.0 - rd<double>(regs, B));
    NEXT();
L_neg_f32:
    wr<float>(regs, A, 0.0f - rd<float>(regs, B));
    NEXT();
L_not_bool:
    regs[A] = (regs[B] & 0xFF) ^ 1;
    NEXT();
L_incr_i32:
    wr<int32_t>(regs, A, static_cast<int32_t>(rd<uint32_t>(regs, A) + 1));
    NEXT();
L_decr_i32:
    wr<int32_t>(regs, A, static_cast<int32_t>(rd<uint32_t>(regs, A) - 1));
    NEXT();
L_incr_i64:
    regs[A] = regs[A] + 1;
    NEXT();
L_decr_i64:
    regs[A] = regs[A] - 1;
    NEXT();
L_incr_small:
    regs[A] = (regs[A] + 1) & static_cast<Slot>(pc->y.i);
    NEXT();
L_decr_small:
    regs[A] = (regs[A] - 1) & static_cast<Slot>(pc->y.i);
    NEXT();

L_call: {
    SAVE();
    callee = static_cast<FunctionCode*>(pc->y.p);
    Slot* nregs = c.sp;
    const int32_t* args = pc->x.regs;
    for (int32_t i = 0; i < C; i++) nregs[i] = regs[args[i]];
    call_nargs = C;
    goto push_frame;
}
push_frame: {
    // Arguments are in place at c.sp; enter `callee` in this same loop.
    Slot* nregs = c.sp;
    if (nregs + callee->nregs > c.stack_end || fr + 1 >= c.frames_end) {
        raise_message(c, "Stack overflow");
        goto exception;
    }
    if (callee->nregs > call_nargs)
        std::memset(nregs + call_nargs, 0, static_cast<size_t>(callee->nregs - call_nargs) * sizeof(Slot));
    Frame* nf = fr + 1;
    code = code_of(*c.program, *callee);
    *nf = Frame{callee, nregs, code, fr, A, c.ntraps};
    c.top = nf;
    c.sp = nregs + callee->nregs;
    fr = nf;
    f = callee;
    pc = code;
    regs = nregs;
    // Calls are safepoints too: recursion without loops still stops for an interrupt.
#ifndef HLFFI_NO_SAFEPOINTS
    if (attention->load(std::memory_order_relaxed) != 0) {
        SAVE();
        if (!slow::attend(c, false)) goto exception;
    }
#endif
    DISPATCH();
}
L_call_native: {
    SAVE();
    const int32_t* args = pc->x.regs;
    Slot* buf = c.sp;
    if (buf + C > c.stack_end) {
        raise_message(c, "Stack overflow");
        goto exception;
    }
    for (int32_t i = 0; i < C; i++) buf[i] = regs[args[i]];
    Slot r = 0;
    {
        // Natives calling back into Haxe place frames above the arguments.
        c.sp = buf + C;
        bool ok = call_native(c, static_cast<FunctionCode*>(pc->y.p), buf, &r);
        c.sp = buf;
        CHECK(ok);
    }
    regs[A] = r;
    NEXT();
}
L_call_method: {
    SAVE();
    const int32_t* args = pc->x.regs;
    auto* obj = reinterpret_cast<VObj*>(regs[args[0]]);
    if (obj == nullptr) {
        raise_message(c, "Null access");
        goto exception;
    }
    callee = slow::vtable_entry(obj, static_cast<int32_t>(pc->y.i));
    if (callee == nullptr) {
        raise_message(c, "Invalid method call");
        goto exception;
    }
    Slot* nregs = c.sp;
    if (nregs + C > c.stack_end) {
        raise_message(c, "Stack overflow");
        goto exception;
    }
    for (int32_t i = 0; i < C; i++) nregs[i] = regs[args[i]];
    if (callee->is_native) {
        Slot r = 0;
        c.sp = nregs + C;
        bool ok = call_native(c, callee, nregs, &r);
        c.sp = nregs;
        CHECK(ok);
        regs[A] = r;
        NEXT();
    }
    call_nargs = C;
    goto push_frame;
}
L_call_this: {
    SAVE();
    auto* obj = reinterpret_cast<VObj*>(regs[0]);
    callee = obj == nullptr ? nullptr : slow::vtable_entry(obj, static_cast<int32_t>(pc->y.i));
    if (callee == nullptr) {
        raise_message(c, obj == nullptr ? "Null access" : "Invalid method call");
        goto exception;
    }
    Slot* nregs = c.sp;
    if (nregs + C + 1 > c.stack_end) {
        raise_message(c, "Stack overflow");
        goto exception;
    }
    nregs[0] = regs[0];
    const int32_t* args = pc->x.regs;
    for (int32_t i = 0; i < C; i++) nregs[i + 1] = regs[args[i]];
    if (callee->is_native) {
        Slot r = 0;
        c.sp = nregs + C + 1;
        bool ok = call_native(c, callee, nregs, &r);
        c.sp = nregs;
        CHECK(ok);
        regs[A] = r;
        NEXT();
    }
    call_nargs = C + 1;
    goto push_frame;
}
L_call_closure: {
    SAVE();
    auto* cl = reinterpret_cast<VClosure*>(regs[B]);
    if (cl == nullptr) {
        raise_message(c, "Null access");
        goto exception;
    }
    const int32_t* args = pc->x.regs;
    Slot* nregs = c.sp;
    if (nregs + C + 1 > c.stack_end) {
        raise_message(c, "Stack overflow");
        goto exception;
    }
    if (cl->has_value == 0 && !cl->fun->is_native) {
        for (int32_t i = 0; i < C; i++) nregs[i] = regs[args[i]];
        callee = cl->fun;
        call_nargs = C;
        goto push_frame;
    }
    if (cl->has_value == 1 && !cl->fun->is_native) {
        nregs[0] = reinterpret_cast<Slot>(cl->value);
        for (int32_t i = 0; i < C; i++) nregs[i + 1] = regs[args[i]];
        callee = cl->fun;
        call_nargs = C + 1;
        goto push_frame;
    }
    for (int32_t i = 0; i < C; i++) nregs[i] = regs[args[i]];
    Slot r = 0;
    {
        // The callee runs above these argument slots.
        c.sp = nregs + C;
        bool ok = invoke_closure(c, cl, nregs, C, &r);
        c.sp = nregs;
        CHECK(ok);
    }
    regs[A] = r;
    NEXT();
}
L_call_slow:
    SAVE();
    CHECK(slow::call(c, regs, *pc));
    NEXT();
L_static_closure:
L_instance_closure:
L_virtual_closure:
    SAVE();
    CHECK(slow::make_closure(c, regs, *pc));
    NEXT();
L_get_global:
    regs[A] = c.globals[pc->x.i];
    NEXT();
L_set_global:
    c.globals[pc->x.i] = regs[B];
    NEXT();

#define OBJ_OR_NULL_ACCESS(reg)                      \
    auto* obj = reinterpret_cast<char*>(regs[reg]);  \
    if (obj == nullptr) {                            \
        SAVE();                                      \
        raise_message(c, "Null access");             \
        goto exception;                              \
    }
L_get_u8: {
    OBJ_OR_NULL_ACCESS(B)
    regs[A] = load<uint8_t>(obj + pc->x.i);
    NEXT();
}
L_get_u16: {
    OBJ_OR_NULL_ACCESS(B)
    regs[A] = load<uint16_t>(obj + pc->x.i);
    NEXT();
}
L_get_32: {
    OBJ_OR_NULL_ACCESS(B)
    regs[A] = load<uint32_t>(obj + pc->x.i);
    NEXT();
}
L_get_64: {
    OBJ_OR_NULL_ACCESS(B)
    regs[A] = load<uint64_t>(obj + pc->x.i);
    NEXT();
}
L_set_8: {
    OBJ_OR_NULL_ACCESS(A)
    store<uint8_t>(obj + pc->x.i, static_cast<uint8_t>(regs[C]));
    NEXT();
}
L_set_16: {
    OBJ_OR_NULL_ACCESS(A)
    store<uint16_t>(obj + pc->x.i, static_cast<uint16_t>(regs[C]));
    NEXT();
}
L_set_32: {
    OBJ_OR_NULL_ACCESS(A)
    store<uint32_t>(obj + pc->x.i, static_cast<uint32_t>(regs[C]));
    NEXT();
}
L_set_64: {
    OBJ_OR_NULL_ACCESS(A)
    store<uint64_t>(obj + pc->x.i, regs[C]);
    NEXT();
}
#define NC_GET(name, T)                                          \
    L_##name : {                                                 \
        auto* obj = reinterpret_cast<char*>(regs[B]);            \
        if (obj == nullptr) {                                    \
            SAVE();                                              \
            raise_message(c, *static_cast<const std::string*>(pc->y.p)); \
            goto exception;                                      \
        }                                                        \
        regs[A] = load<T>(obj + pc->x.i);                        \
        pc += 2;                                                 \
        DISPATCH();                                              \
    }
    NC_GET(nc_get_u8, uint8_t)
    NC_GET(nc_get_u16, uint16_t)
    NC_GET(nc_get_32, uint32_t)
    NC_GET(nc_get_64, uint64_t)
#define NC_SET(name, T)                                          \
    L_##name : {                                                 \
        auto* obj = reinterpret_cast<char*>(regs[A]);            \
        if (obj == nullptr) {                                    \
            SAVE();                                              \
            raise_message(c, *static_cast<const std::string*>(pc->y.p)); \
            goto exception;                                      \
        }                                                        \
        store<T>(obj + pc->x.i, static_cast<T>(regs[C]));        \
        pc += 2;                                                 \
        DISPATCH();                                              \
    }
    NC_SET(nc_set_8, uint8_t)
    NC_SET(nc_set_16, uint16_t)
    NC_SET(nc_set_32, uint32_t)
    NC_SET(nc_set_64, uint64_t)
L_get_64_nc: {
    OBJ_OR_NULL_ACCESS(B)
    Slot v = load<uint64_t>(obj + pc->x.i);
    regs[A] = v;
    if (v == 0) {
        fr->pc = pc + 1;  // the NullCheck op fails
        raise_message(c, *static_cast<const std::string*>(pc->y.p));
        goto exception;
    }
    pc += 2;
    DISPATCH();
}
L_field_slow:
L_set_field_slow:
L_dyn_get:
L_dyn_set:
L_to_dyn:
L_safe_cast:
L_to_virtual:
L_to_float_slow:
L_trunc_small:
L_new_:
L_make_enum:
L_enum_alloc:
L_get_type:
L_assert_:
    SAVE();
    CHECK(slow::op(c, *fr, regs, *pc));
    NEXT();

L_unsafe_cast_check: {
    // Fast when the value is null or exactly of the target type (read from its header only if
    // its static type has one, kind = 1); subclasses etc. go slow.
    Slot v = regs[B];
    if (v == 0 || (pc->kind != 0 && reinterpret_cast<VDynamic*>(v)->t == pc->x.p)) {
        regs[A] = v;
        NEXT();
    }
    SAVE();
    CHECK(slow::op(c, *fr, regs, *pc));
    NEXT();
}

L_jtrue:
    if (regs[A] & 0xFF) JUMP(pc->x.i);
    NEXT();
L_jfalse:
    if (!(regs[A] & 0xFF)) JUMP(pc->x.i);
    NEXT();
L_jnull:
    if (regs[A] == 0) JUMP(pc->x.i);
    NEXT();
L_jnotnull:
    if (regs[A] != 0) JUMP(pc->x.i);
    NEXT();
L_jalways:
    JUMP(pc->x.i);
#define JCMP(name, T, cond)                              \
    L_##name : {                                         \
        T x = rd<T>(regs, A), y = rd<T>(regs, B);        \
        if (cond) JUMP(pc->x.i);                         \
        NEXT();                                          \
    }
// Integer compare-and-jump of one width: T signed, U unsigned.
#define INT_JUMPS(W, T, U)                \
    JCMP(jlt_##W, T, x < y)               \
    JCMP(jge_##W, T, x >= y)              \
    JCMP(jgt_##W, T, x > y)               \
    JCMP(jle_##W, T, x <= y)              \
    JCMP(jult_##W, U, x < y)              \
    JCMP(juge_##W, U, x >= y)             \
    JCMP(jeq_##W, T, x == y)              \
    JCMP(jne_##W, T, x != y)
    INT_JUMPS(i32, int32_t, uint32_t)
    INT_JUMPS(i64, int64_t, uint64_t)
    JCMP(jlt_f64, double, x < y)
    JCMP(jge_f64, double, x >= y)
    JCMP(jgt_f64, double, x > y)
    JCMP(jle_f64, double, x <= y)
    JCMP(jnlt_f64, double, !(x < y))
    JCMP(jnge_f64, double, !(x >= y))
    JCMP(jeq_f64, double, x == y)
    JCMP(jne_f64, double, x != y)
    JCMP(jlt_f32, float, x < y)
    JCMP(jge_f32, float, x >= y)
    JCMP(jgt_f32, float, x > y)
    JCMP(jle_f32, float, x <= y)
    JCMP(jnlt_f32, float, !(x < y))
    JCMP(jnge_f32, float, !(x >= y))
    JCMP(jeq_f32, float, x == y)
    JCMP(jne_f32, float, x != y)
    JCMP(jeq_ptr, uint64_t, x == y)
    JCMP(jne_ptr, uint64_t, x != y)
L_jcmp_slow: {
    SAVE();
    int r = slow::compare_jump(c, *fr, regs, *pc);
    if (r < 0) goto exception;
    if (r) JUMP(pc->x.i);
    NEXT();
}

// Plain numeric conversions: register B read as From, written to A as To.
#define CONVERT(name, From, To)                                     \
    L_##name : wr<To>(regs, A, static_cast<To>(rd<From>(regs, B))); \
    NEXT();
    CONVERT(i32_to_f64, int32_t, double)
    CONVERT(i64_to_f64, int64_t, double)
    CONVERT(f32_to_f64, float, double)
    CONVERT(f64_to_f32, double, float)
    CONVERT(i32_to_f32, int32_t, float)
    CONVERT(u32_to_f64, uint32_t, double)
    CONVERT(i32_to_i64, int32_t, int64_t)
L_f64_to_i32:
    wr<int32_t>(regs, A, to_i32(rd<double>(regs, B)));
    NEXT();
L_f32_to_i32:
    wr<int32_t>(regs, A, to_i32(static_cast<double>(rd<float>(regs, B))));
    NEXT();
L_f64_to_i64z: {
    double d = pc->kind == static_cast<uint16_t>(TypeKind::F32) ? static_cast<double>(rd<float>(regs, B)) : rd<double>(regs, B);
    wr<int64_t>(regs, A, static_cast<int64_t>(static_cast<uint32_t>(to_i32(d))));
    NEXT();
}

L_ret:
L_ret_void: {
    Slot v = pc->op == IOp::ret ? regs[A] : 0;
    c.ntraps = fr->trap_base;  // traps a returning frame left active are discarded
    c.top = fr->parent;
    c.sp = fr->regs;
    if (fr == entry) {
        if (ret != nullptr) *ret = v;
        return true;
    }
    int32_t dst = fr->ret_reg;
    fr = fr->parent;
    f = fr->fn;
    code = f->code.data();
    regs = fr->regs;
    pc = fr->pc;
    regs[dst] = v;
    NEXT();
}
L_throw_:
    SAVE();
    throw_value(c, reinterpret_cast<void*>(regs[A]));
    goto exception;
L_rethrow:
    SAVE();
    c.exception = true;
    c.exception_value = reinterpret_cast<void*>(regs[A]);
    goto exception;
L_switch_: {
    auto v = rd<uint32_t>(regs, A);
    if (v < static_cast<uint32_t>(C)) JUMP(pc->x.regs[v]);
    NEXT();
}
L_null_check:
    if (regs[A] == 0) {
        SAVE();
        raise_message(c, *static_cast<const std::string*>(pc->y.p));
        goto exception;
    }
    NEXT();
L_trap:
    if (c.ntraps == c.max_traps) {
        SAVE();
        raise_message(c, "Too many nested try blocks");
        goto exception;
    }
    c.traps[c.ntraps++] = Trap{fr, static_cast<int32_t>(pc->x.i), A};
    NEXT();
L_end_trap:
    if (c.ntraps > fr->trap_base) c.ntraps--;
    NEXT();

L_mem_get_u8:
    regs[A] = load<uint8_t>(reinterpret_cast<char*>(regs[B]) + rd<int32_t>(regs, C));
    NEXT();
L_mem_get_u16:
    regs[A] = load<uint16_t>(reinterpret_cast<char*>(regs[B]) + rd<int32_t>(regs, C));
    NEXT();
L_mem_get_32:
    regs[A] = load<uint32_t>(reinterpret_cast<char*>(regs[B]) + rd<int32_t>(regs, C));
    NEXT();
L_mem_get_64:
    regs[A] = load<uint64_t>(reinterpret_cast<char*>(regs[B]) + rd<int32_t>(regs, C));
    NEXT();
L_mem_set_8:
    store<uint8_t>(reinterpret_cast<char*>(regs[A]) + rd<int32_t>(regs, B), static_cast<uint8_t>(regs[C]));
    NEXT();
L_mem_set_16:
    store<uint16_t>(reinterpret_cast<char*>(regs[A]) + rd<int32_t>(regs, B), static_cast<uint16_t>(regs[C]));
    NEXT();
L_mem_set_32:
    store<uint32_t>(reinterpret_cast<char*>(regs[A]) + rd<int32_t>(regs, B), static_cast<uint32_t>(regs[C]));
    NEXT();
L_mem_set_64:
    store<uint64_t>(reinterpret_cast<char*>(regs[A]) + rd<int32_t>(regs, B), regs[C]);
    NEXT();
// Native arrays: the fast paths take a valid index into elements of the register's width whose
// type is the register's, plain values on both sides, or values with a header going into a
// dynamic place (y.i, link_code.cpp array_class); anything else (errors, pointers of another
// static type to check) is slow::array_access.
#define ARRAY_OK(arr, idx) \
    ((arr) != nullptr && static_cast<uint32_t>(idx) < static_cast<uint32_t>((arr)->size) && storage_size((arr)->at) == pc->kind)
#define ARRAY_GET_FAST(arr, idx) \
    (ARRAY_OK(arr, idx) && ((arr)->at == pc->x.p || (pc->y.i == 0 && !is_pointer((arr)->at)) || \
                            (pc->y.i == 2 && is_dynamic((arr)->at))))
#define ARRAY_SET_FAST(arr, idx) \
    (ARRAY_OK(arr, idx) && ((arr)->at == pc->x.p || (pc->y.i == 0 && !is_pointer((arr)->at)) || \
                            (pc->y.i == 2 && (arr)->at->kind == TypeKind::Dyn)))
L_array_get: {
    auto* arr = reinterpret_cast<VArray*>(regs[B]);
    auto idx = rd<int32_t>(regs, C);
    if (!ARRAY_GET_FAST(arr, idx)) {
        SAVE();
        CHECK(slow::array_access(c, regs, *pc));
        NEXT();
    }
    char* at = arr->data<char>() + static_cast<size_t>(idx) * pc->kind;
    switch (pc->kind) {
    case 0: break;  // elements of a void array have no storage
    case 1: regs[A] = load<uint8_t>(at); break;
    case 2: regs[A] = load<uint16_t>(at); break;
    case 4: regs[A] = load<uint32_t>(at); break;
    default: regs[A] = load<uint64_t>(at); break;
    }
    NEXT();
}
L_array_set: {
    auto* arr = reinterpret_cast<VArray*>(regs[A]);
    auto idx = rd<int32_t>(regs, B);
    if (!ARRAY_SET_FAST(arr, idx)) {
        SAVE();
        CHECK(slow::array_access(c, regs, *pc));
        NEXT();
    }
    char* at = arr->data<char>() + static_cast<size_t>(idx) * pc->kind;
    switch (pc->kind) {
    case 0: break;
    case 1: store<uint8_t>(at, static_cast<uint8_t>(regs[C])); break;
    case 2: store<uint16_t>(at, static_cast<uint16_t>(regs[C])); break;
    case 4: store<uint32_t>(at, static_cast<uint32_t>(regs[C])); break;
    default: store<uint64_t>(at, regs[C]); break;
    }
    NEXT();
}
L_array_size: {
    auto* arr = reinterpret_cast<VArray*>(regs[B]);
    if (arr == nullptr) {
        SAVE();
        raise_message(c, "Null access");
        goto exception;
    }
    wr<int32_t>(regs, A, arr->size);
    NEXT();
}
L_get_tid: {
    auto* t = reinterpret_cast<HType*>(regs[B]);
    wr<int32_t>(regs, A, t == nullptr ? 0 : static_cast<int32_t>(t->kind));
    NEXT();
}
L_ref:
    regs[A] = reinterpret_cast<Slot>(&regs[B]);
    NEXT();
L_unref:
L_setref:
    NEXT();  // translated to get_*/set_* by the linker
L_enum_index: {
    OBJ_OR_NULL_ACCESS(B)
    wr<int32_t>(regs, A, reinterpret_cast<VEnum*>(obj)->index);
    NEXT();
}
L_enum_index_checked: {
    OBJ_OR_NULL_ACCESS(B)
    if (reinterpret_cast<VDynamic*>(obj)->t->kind != TypeKind::Enum) {
        SAVE();
        raise_message(c, "Invalid enum value");
        goto exception;
    }
    wr<int32_t>(regs, A, reinterpret_cast<VEnum*>(obj)->index);
    NEXT();
}
// Parameters of the constructor y.i, which the value must have (its layout ends there).
#define ENUM_VALUE(reg)                                         \
    OBJ_OR_NULL_ACCESS(reg)                                     \
    if (reinterpret_cast<VEnum*>(obj)->index != pc->y.i) {      \
        SAVE();                                                 \
        raise_message(c, "Invalid enum field");                 \
        goto exception;                                         \
    }
L_enum_field: {
    ENUM_VALUE(B)
    const char* at = obj + pc->x.i;
    switch (pc->kind) {
    case 0: break;  // a void parameter has no storage
    case 1: regs[A] = load<uint8_t>(at); break;
    case 2: regs[A] = load<uint16_t>(at); break;
    case 4: regs[A] = load<uint32_t>(at); break;
    default: regs[A] = load<uint64_t>(at); break;
    }
    NEXT();
}
L_set_enum_field: {
    ENUM_VALUE(A)
    char* at = obj + pc->x.i;
    switch (pc->kind) {
    case 0: break;
    case 1: store<uint8_t>(at, static_cast<uint8_t>(regs[C])); break;
    case 2: store<uint16_t>(at, static_cast<uint16_t>(regs[C])); break;
    case 4: store<uint32_t>(at, static_cast<uint32_t>(regs[C])); break;
    default: store<uint64_t>(at, regs[C]); break;
    }
    NEXT();
}
L_ref_data: {
    OBJ_OR_NULL_ACCESS(B)
    regs[A] = reinterpret_cast<Slot>(reinterpret_cast<VArray*>(obj)->data<char>());
    NEXT();
}
L_ref_offset:
    regs[A] = regs[B] + static_cast<Slot>(static_cast<int64_t>(rd<int32_t>(regs, C)) * pc->y.i);
    NEXT();

exception:
    // The innermost handler wins if it belongs to a frame of this C activation; otherwise the
    // exception goes back to whoever entered `entry`.
    if (c.ntraps > entry->trap_base && !c.exit_requested && !c.interrupted) {
        Trap t = c.traps[--c.ntraps];
        fr = t.frame;
        f = fr->fn;
        code = f->code.data();
        regs = fr->regs;
        c.top = fr;
        c.sp = regs + f->nregs;
        c.exception = false;
        regs[t.reg] = reinterpret_cast<Slot>(c.exception_value);
        JUMP(t.target);
    }
    c.ntraps = entry->trap_base;
    c.top = entry->parent;
    c.sp = entry->regs;
    return false;

#undef DISPATCH
#undef NEXT
#undef JUMP
#undef SAVE
#undef CHECK
#undef A
#undef B
#undef C
}

}  // namespace

bool invoke(Ctx& c, FunctionCode* f, const Slot* args, int nargs, Slot* ret) {
    if (f->is_native) return call_native(c, f, args, ret);
    if (nargs != f->nargs) {
        raise_message(c, "Invalid number of arguments");
        return false;
    }
    Slot* regs = c.sp;
    if (regs + f->nregs > c.stack_end) {
        raise_message(c, "Stack overflow");
        return false;
    }
    for (int i = 0; i < nargs; i++) regs[i] = args[i];
    Slot r = 0;
    bool ok = enter(c, f, regs, nargs, &r);
    c.sp = regs;
    if (ok && ret != nullptr) *ret = r;
    return ok;
}

bool invoke_closure(Ctx& c, VClosure* cl, const Slot* args, int nargs, Slot* ret) {
    if (cl == nullptr) {
        raise_message(c, "Null access");
        return false;
    }
    if (cl->has_value == 2) return slow::call_wrapper(c, cl, args, nargs, ret);
    if (cl->has_value == 0) return invoke(c, cl->fun, args, nargs, ret);
    std::vector<Slot> full(static_cast<size_t>(nargs) + 1);
    full[0] = reinterpret_cast<Slot>(cl->value);
    for (int i = 0; i < nargs; i++) full[static_cast<size_t>(i) + 1] = args[i];
    return invoke(c, cl->fun, full.data(), nargs + 1, ret);
}

}  // namespace hlffi::rt
