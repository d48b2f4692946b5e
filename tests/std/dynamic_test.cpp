// Tests of HashLink's dynamic rules (std/dynamic.h; spec/runtime.md §2.3-§12) on hand-built types.
// Type relations and names need no runtime. The rest needs a Ctx from the vm layer's test support
// (hlffi::rt::testing below, weak until the vm provides it: those tests skip without it).
#include <gtest/gtest.h>

#include <cmath>
#include <deque>
#include <string>
#include <vector>

#include "std/dynamic.h"
#include "std/std_natives.h"

namespace hlffi::rt {

namespace testing {
// A fresh thread context of an empty program (builtin types, heap, name table).
[[gnu::weak]] Ctx* make_test_ctx();
// Forget the pending exception / read its text.
[[gnu::weak]] void clear_exception(Ctx& c);
[[gnu::weak]] std::string exception_message(Ctx& c);
// A callable function of type `type` (findex for function_by_index) running `fn` on its args.
[[gnu::weak]] FunctionCode* make_test_function(Ctx& c, int32_t findex, HType* type, Slot (*fn)(Ctx&, const Slot*, int));
}  // namespace testing

namespace {

// Owns hand-built descriptors (stable addresses).
struct Zoo {
    std::deque<HType> types;
    std::deque<FunInfo> funs;
    std::deque<ObjInfo> objs;
    std::deque<VirtualInfo> virts;
    std::deque<EnumInfo> enums;

    HType* basic(TypeKind k) {
        HType& t = types.emplace_back();
        t.kind = k;
        return &t;
    }
    HType* wrap(TypeKind k, HType* p) {
        HType* t = basic(k);
        t->param = p;
        return t;
    }
    HType* fun(std::vector<HType*> args, HType* ret, TypeKind k = TypeKind::Fun) {
        HType* t = basic(k);
        FunInfo& f = funs.emplace_back();
        f.args = std::move(args);
        f.ret = ret;
        t->fun = &f;
        if (!f.args.empty()) {
            FunInfo& cf = funs.emplace_back();
            cf.args.assign(f.args.begin() + 1, f.args.end());
            cf.ret = ret;
            cf.parent = t;
            HType* ct = basic(TypeKind::Fun);
            ct->fun = &cf;
            f.closure_type = ct;
        }
        return t;
    }
    // A class with data fields laid out per spec/runtime.md §3.1.
    HType* cls(const std::u16string& name, HType* super, std::vector<std::pair<std::u16string, HType*>> fields) {
        HType* t = basic(TypeKind::Obj);
        ObjInfo& o = objs.emplace_back();
        t->obj = &o;
        o.name = name;
        o.super = super;
        int32_t size = 8;
        if (super != nullptr) {
            o.fields = super->obj->fields;
            size = super->obj->size;
        }
        o.own_field_begin = static_cast<int32_t>(o.fields.size());
        for (auto& [n, ft] : fields) {
            int32_t sz = storage_size(ft);
            if (sz > 1) size = (size + sz - 1) / sz * sz;
            ObjField f;
            f.name = n;
            f.hash = hash_utf16(n.data(), static_cast<int32_t>(n.size()));
            f.type = ft;
            f.offset = size;
            size += sz;
            o.fields.push_back(f);
            if (!n.empty()) o.lookup.push_back({f.hash, ft, static_cast<int32_t>(o.fields.size() - 1), -1});
        }
        o.size = size;
        std::sort(o.lookup.begin(), o.lookup.end(), [](const ObjLookup& a, const ObjLookup& b) { return a.hash < b.hash; });
        return t;
    }
    HType* virt(std::vector<std::pair<std::u16string, HType*>> fields) {
        HType* t = basic(TypeKind::Virtual);
        VirtualInfo& v = virts.emplace_back();
        t->virt = &v;
        int32_t size = 24 + 8 * static_cast<int32_t>(fields.size());
        for (auto& [n, ft] : fields) {
            v.fields.push_back({n, hash_utf16(n.data(), static_cast<int32_t>(n.size())), ft});
            int32_t sz = storage_size(ft);
            if (sz > 1) size = (size + sz - 1) / sz * sz;
            v.storage_offsets.push_back(size);
            size += sz;
        }
        v.storage_size = (size + 7) / 8 * 8;
        for (int32_t i = 0; i < static_cast<int32_t>(fields.size()); i++) v.by_hash.push_back(i);
        std::stable_sort(v.by_hash.begin(), v.by_hash.end(),
                         [&](int32_t a, int32_t b) { return v.fields[a].hash < v.fields[b].hash; });
        return t;
    }
};

// ---- Type relations and names (no runtime needed)

TEST(DynTypes, SameTypeAndSafeCast) {
    Zoo z;
    HType* i32 = z.basic(TypeKind::I32);
    HType* i32b = z.basic(TypeKind::I32);
    HType* f64 = z.basic(TypeKind::F64);
    HType* dyn = z.basic(TypeKind::Dyn);
    EXPECT_TRUE(same_type(i32, i32b));
    EXPECT_FALSE(same_type(i32, f64));
    EXPECT_TRUE(same_type(z.wrap(TypeKind::Null, i32), z.wrap(TypeKind::Null, i32b)));
    EXPECT_FALSE(safe_cast(i32, dyn));  // i32 is not a dynamic kind
    EXPECT_TRUE(safe_cast(z.wrap(TypeKind::Null, i32), dyn));

    HType* a = z.cls(u"A", nullptr, {{u"x", i32}});
    HType* b = z.cls(u"B", a, {{u"y", f64}});
    EXPECT_TRUE(safe_cast(b, a));
    EXPECT_FALSE(safe_cast(a, b));

    // Functions: covariant result, contravariant arguments, or a dynamic argument taking any
    // dynamic kind.
    HType* fa = z.fun({a}, i32);
    HType* fb = z.fun({b}, i32);
    HType* fd = z.fun({dyn}, i32);
    EXPECT_TRUE(safe_cast(fa, fb));
    EXPECT_FALSE(safe_cast(fb, fa));
    EXPECT_TRUE(safe_cast(fd, fb));
    EXPECT_FALSE(safe_cast(z.fun({i32}, i32), z.fun({i32, i32}, i32)));

    // Virtuals: a prefix with fewer fields.
    HType* v2 = z.virt({{u"x", i32}, {u"y", f64}});
    HType* v1 = z.virt({{u"x", i32}});
    HType* v1b = z.virt({{u"y", f64}});
    EXPECT_TRUE(safe_cast(v2, v1));
    EXPECT_FALSE(safe_cast(v1, v2));
    EXPECT_FALSE(safe_cast(v2, v1b));
}

TEST(DynTypes, Names) {
    Zoo z;
    HType* i32 = z.basic(TypeKind::I32);
    HType* f64 = z.basic(TypeKind::F64);
    HType* str = z.cls(u"String", nullptr, {{u"bytes", z.basic(TypeKind::Bytes)}, {u"length", i32}});
    EXPECT_EQ(type_name(z.basic(TypeKind::UI8)), "i8");
    EXPECT_EQ(type_name(z.basic(TypeKind::UI16)), "i16");
    EXPECT_EQ(type_name(z.basic(TypeKind::DynObj)), "dynobj");
    EXPECT_EQ(type_name(str), "String");
    EXPECT_EQ(type_name(z.fun({str, f64}, i32)), "(i32 (String,f64))");
    EXPECT_EQ(type_name(z.fun({}, z.basic(TypeKind::Void))), "(void ())");
    EXPECT_EQ(type_name(z.wrap(TypeKind::Null, i32)), "null<i32>");
    EXPECT_EQ(type_name(z.wrap(TypeKind::Ref, z.basic(TypeKind::UI8))), "ref<i8>");
    EXPECT_EQ(type_name(z.virt({{u"x", i32}, {u"y", str}})), "virtual<x:i32,y:String>");
    HType* e = z.basic(TypeKind::Enum);
    e->enm = &z.enums.emplace_back();
    EXPECT_EQ(type_name(e), "enum<>");
    HType* s = z.basic(TypeKind::Obj);
    s->obj = &z.objs.emplace_back();
    s->obj->name = u"P";
    s->kind = TypeKind::Struct;
    EXPECT_EQ(type_name(s), "@P");
    // A type already being printed further up prints <...>.
    HType* rec = z.virt({{u"self", z.basic(TypeKind::Dyn)}});
    rec->virt->fields[0].type = rec;
    EXPECT_EQ(type_name(rec), "virtual<self:<...>>");
}

// ---- With a runtime

class DynRuntime : public ::testing::Test {
protected:
    void SetUp() override {
        if (testing::make_test_ctx == nullptr) GTEST_SKIP() << "no vm test support yet";
        c = testing::make_test_ctx();
    }
    HType* b(TypeKind k) { return builtin_type(*c, k); }
    int32_t h(const std::string& name) { return hash_name_utf8(*c, name); }
    std::string error() {
        EXPECT_TRUE(has_exception(*c));
        std::string m = testing::exception_message != nullptr ? testing::exception_message(*c) : "";
        if (testing::clear_exception != nullptr) testing::clear_exception(*c);
        return m;
    }
    VDynamic* box_i(int32_t v) { return make_dyn(*c, &v, b(TypeKind::I32)); }
    VDynamic* box_d(double v) { return make_dyn(*c, &v, b(TypeKind::F64)); }
    void set_i(VDynamic* o, const std::string& n, int32_t v) {
        Slot s = slot_of(v);
        dyn_set(*c, o, h(n), b(TypeKind::I32), &s);
    }
    void set_p(VDynamic* o, const std::string& n, HType* t, void* p) {
        Slot s = reinterpret_cast<uintptr_t>(p);
        dyn_set(*c, o, h(n), t, &s);
    }
    std::vector<std::string> fields(VDynamic* o) {
        std::vector<std::string> out;
        VArray* a = dyn_fields(*c, o);
        if (a == nullptr) return out;
        for (int32_t i = 0; i < a->size; i++) {
            std::string s;
            for (const char16_t* p = a->data<const char16_t*>()[i]; *p; p++) s += static_cast<char>(*p);
            out.push_back(s);
        }
        return out;
    }
    const NativeDef& native(std::string_view name) {
        for (const auto& d : natives_dynamic())
            if (d.name == name) return d;
        ADD_FAILURE() << "no native " << name;
        return natives_dynamic()[0];
    }
    Ctx* c = nullptr;
    Zoo z;
};

TEST_F(DynRuntime, BoxingAndIntCasts) {
    HType* dyn = b(TypeKind::Dyn);
    HType* i32 = b(TypeKind::I32);
    VDynamic* v = box_d(3.7);
    EXPECT_EQ(v->t->kind, TypeKind::F64);
    EXPECT_EQ(dyn_casti(*c, &v, dyn, i32), 3);
    v = box_d(-3.7);
    EXPECT_EQ(dyn_casti(*c, &v, dyn, i32), -3);
    v = box_d(std::nan(""));
    EXPECT_EQ(dyn_casti(*c, &v, dyn, i32), INT32_MIN);
    v = nullptr;
    EXPECT_EQ(dyn_casti(*c, &v, dyn, i32), 0);
    EXPECT_EQ(dyn_castd(*c, &v, dyn), 0.0);  // null is 0.0, not NaN
    // (256 : Dynamic) read as a bool keeps the raw value; write_dyn normalises.
    v = box_i(2);
    EXPECT_EQ(dyn_casti(*c, &v, dyn, b(TypeKind::Bool)), 2);
    uint8_t flag = 7;
    write_dyn(*c, &flag, b(TypeKind::Bool), v);
    EXPECT_EQ(flag, 1);
    // A String is not a number.
    HType* str = z.cls(u"String", nullptr, {{u"bytes", b(TypeKind::Bytes)}, {u"length", i32}});
    VDynamic* s = reinterpret_cast<VDynamic*>(alloc_object(*c, str));
    EXPECT_EQ(dyn_casti(*c, &s, dyn, i32), 0);
    EXPECT_EQ(error(), "Can't cast String to i32");
    // (1 : Dynamic) : String
    v = box_i(1);
    EXPECT_EQ(dyn_castp(*c, &v, dyn, str), nullptr);
    EXPECT_EQ(error(), "Can't cast i32 to String");
    // Null<f64> from an int box: a new f64 box.
    auto* n = static_cast<VDynamic*>(dyn_castp(*c, &v, dyn, z.wrap(TypeKind::Null, b(TypeKind::F64))));
    ASSERT_NE(n, nullptr);
    EXPECT_EQ(n->t->kind, TypeKind::F64);
    EXPECT_EQ(n->v.d, 1.0);
    // make_dyn of a null bytes pointer is null; of a dynamic kind, the pointer itself.
    void* np = nullptr;
    EXPECT_EQ(make_dyn(*c, &np, b(TypeKind::Bytes)), nullptr);
    EXPECT_EQ(make_dyn(*c, &s, str), s);
}

TEST_F(DynRuntime, ClassCasts) {
    HType* i32 = b(TypeKind::I32);
    HType* a = z.cls(u"A", nullptr, {{u"x", i32}});
    HType* bb = z.cls(u"B", a, {{u"y", i32}});
    HType* other = z.cls(u"Main", nullptr, {});
    VDynamic* o = reinterpret_cast<VDynamic*>(alloc_object(*c, bb));
    EXPECT_EQ(dyn_castp(*c, &o, b(TypeKind::Dyn), a), o);
    EXPECT_EQ(dyn_castp(*c, &o, b(TypeKind::Dyn), other), nullptr);
    EXPECT_EQ(error(), "Can't cast B to Main");
    EXPECT_EQ(value_cast(*c, o, a), o);
    EXPECT_EQ(value_cast(*c, box_i(1), a), nullptr);
    EXPECT_EQ(error(), "Can't cast i32 to A");
}

TEST_F(DynRuntime, DynObjCreationOrderAndRetyping) {
    HType* str = z.cls(u"String", nullptr, {});
    VDynamic* o = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    set_i(o, "zeta", 1);
    set_i(o, "alpha", 2);
    set_i(o, "mid", 3);
    EXPECT_EQ(fields(o), (std::vector<std::string>{"zeta", "alpha", "mid"}));

    VDynamic* d = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    VDynamic* sa = reinterpret_cast<VDynamic*>(alloc_object(*c, str));
    set_i(d, "x", 1);
    set_p(d, "y", str, sa);
    double zz = 2.5;
    Slot sz = slot_of(zz);
    dyn_set(*c, d, h("z"), b(TypeKind::F64), &sz);
    set_p(d, "x", str, sa);  // i32 -> String: different storage, moves to the end
    EXPECT_EQ(fields(d), (std::vector<std::string>{"y", "z", "x"}));
    // Same size and both non-pointers: retyped in place.
    float f = 1.5f;
    Slot sf = slot_of(f);
    dyn_set(*c, d, h("w"), b(TypeKind::I32), &sf);
    set_i(d, "q", 0);
    dyn_set(*c, d, h("w"), b(TypeKind::F32), &sf);
    EXPECT_EQ(fields(d), (std::vector<std::string>{"y", "z", "x", "w", "q"}));

    // Reads convert from the stored type.
    Slot out = 0;
    dyn_get(*c, d, h("z"), b(TypeKind::I32), &out);
    EXPECT_EQ(slot_get<int32_t>(out), 2);
    dyn_get(*c, d, h("missing"), b(TypeKind::Dyn), &out);
    EXPECT_EQ(out, 0u);
    EXPECT_TRUE(dyn_has_field(*c, d, h("y")));
    EXPECT_TRUE(dyn_delete_field(*c, d, h("y")));
    EXPECT_FALSE(dyn_delete_field(*c, d, h("y")));
    EXPECT_EQ(fields(d), (std::vector<std::string>{"z", "x", "w", "q"}));
}

TEST_F(DynRuntime, ViewsFollowTheDynObj) {
    HType* i32 = b(TypeKind::I32);
    HType* str = z.cls(u"String", nullptr, {});
    HType* vt = z.virt({{u"x", i32}, {u"y", i32}});
    VDynamic* d = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    set_i(d, "x", 5);
    VVirtual* v = to_virtual(*c, vt, d);
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(to_virtual(*c, vt, d), v);  // one view per virtual type
    ASSERT_NE(v->slots()[0], nullptr);
    EXPECT_EQ(v->slots()[1], nullptr);  // y missing: dynamic fallback
    for (int i = 0; i < 20; i++) set_i(d, "f" + std::to_string(i), i);  // storage grows
    set_i(d, "y", 7);
    ASSERT_NE(v->slots()[0], nullptr);
    ASSERT_NE(v->slots()[1], nullptr);
    EXPECT_EQ(*static_cast<int32_t*>(v->slots()[0]), 5);
    EXPECT_EQ(*static_cast<int32_t*>(v->slots()[1]), 7);
    // Writing through the view is seen by dynamic reads.
    *static_cast<int32_t*>(v->slots()[0]) = 9;
    Slot out = 0;
    dyn_get(*c, d, h("x"), i32, &out);
    EXPECT_EQ(slot_get<int32_t>(out), 9);
    // Retyping empties the slot.
    set_p(d, "x", str, alloc_object(*c, str));
    EXPECT_EQ(v->slots()[0], nullptr);
    EXPECT_EQ(virtual_value(v), d);
}

TEST_F(DynRuntime, FirstViewRecastsIntToFloat) {
    HType* vt = z.virt({{u"x", b(TypeKind::F64)}});
    VDynamic* d = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    set_i(d, "x", 3);
    set_i(d, "y", 4);
    VVirtual* v = to_virtual(*c, vt, d);
    ASSERT_NE(v->slots()[0], nullptr);
    EXPECT_EQ(*static_cast<double*>(v->slots()[0]), 3.0);
    EXPECT_EQ(fields(d), (std::vector<std::string>{"y", "x"}));  // re-added at the end
}

TEST_F(DynRuntime, StandAloneVirtualMaterialisesInHashOrder) {
    HType* i32 = b(TypeKind::I32);
    for (const char* n : {"aa", "b", "zz", "c", "extra"}) h(n);
    HType* vt = z.virt({{u"aa", i32}, {u"b", i32}, {u"zz", i32}, {u"c", i32}});
    VVirtual* v = alloc_virtual(*c, vt);
    for (int i = 0; i < 4; i++) *static_cast<int32_t*>(v->slots()[i]) = i + 1;
    VDynamic* vd = reinterpret_cast<VDynamic*>(v);
    EXPECT_EQ(fields(vd), (std::vector<std::string>{"aa", "b", "zz", "c"}));  // declaration order
    set_i(vd, "extra", 5);
    ASSERT_NE(v->value, nullptr);
    EXPECT_EQ(v->value->t->kind, TypeKind::DynObj);
    EXPECT_EQ(fields(vd), (std::vector<std::string>{"b", "c", "aa", "zz", "extra"}));
    Slot out = 0;
    dyn_get(*c, vd, h("aa"), i32, &out);
    EXPECT_EQ(slot_get<int32_t>(out), 1);
    EXPECT_EQ(*static_cast<int32_t*>(v->slots()[2]), 3);  // slots now point into the dynobj
}

TEST_F(DynRuntime, ClassFieldsByName) {
    HType* f64 = b(TypeKind::F64);
    HType* i32 = b(TypeKind::I32);
    HType* base = z.cls(u"Base", nullptr, {{u"a", i32}});
    HType* vec = z.cls(u"Vec", base, {{u"x", f64}, {u"", z.virt({})}, {u"y", f64}});
    h("x");
    h("foo");
    VDynamic* o = reinterpret_cast<VDynamic*>(alloc_object(*c, vec));
    double three = 3.0;
    Slot s = slot_of(three);
    dyn_set(*c, o, h("x"), f64, &s);
    set_i(o, "y", 4);  // converted to the declared f64
    Slot out = 0;
    dyn_get(*c, o, h("y"), f64, &out);
    EXPECT_EQ(slot_get<double>(out), 4.0);
    dyn_get(*c, o, h("x"), i32, &out);
    EXPECT_EQ(slot_get<int32_t>(out), 3);
    set_i(o, "foo", 1);
    EXPECT_EQ(error(), "Vec does not have field foo");
    EXPECT_EQ(fields(o), (std::vector<std::string>{"x", "y", "a"}));  // own first, no interface slot
    EXPECT_TRUE(dyn_has_field(*c, o, h("a")));
    EXPECT_FALSE(dyn_delete_field(*c, o, h("a")));
    VDynamic* n = box_i(1);
    dyn_get(*c, n, h("x"), i32, &out);
    EXPECT_EQ(error(), "Invalid field access");
    // A view of the object binds same-typed fields to their storage.
    HType* vt = z.virt({{u"x", f64}, {u"a", f64}});
    VVirtual* v = to_virtual(*c, vt, o);
    EXPECT_EQ(v->slots()[0], field_addr(o, vec->obj->fields[1].offset));
    EXPECT_EQ(v->slots()[1], nullptr);  // a is i32, the view wants f64
}

TEST_F(DynRuntime, Compare) {
    EXPECT_EQ(dyn_compare(*c, box_i(1), box_i(2)), -1);
    EXPECT_EQ(dyn_compare(*c, box_i(2000000000), box_i(-2000000000)), 1);
    EXPECT_EQ(dyn_compare(*c, box_i(7), box_d(7.0)), 0);
    EXPECT_EQ(dyn_compare(*c, box_d(1.5), box_d(1.25)), 1);
    EXPECT_EQ(dyn_compare(*c, box_d(std::nan("")), box_d(1)), kInvalidComparison);
    EXPECT_EQ(dyn_compare(*c, box_d(INFINITY), box_d(INFINITY)), 0);
    EXPECT_EQ(dyn_compare(*c, nullptr, box_i(0)), -1);
    EXPECT_EQ(dyn_compare(*c, box_i(0), nullptr), 1);
    VDynamic* d1 = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    VDynamic* d2 = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    EXPECT_EQ(dyn_compare(*c, d1, d2), kInvalidComparison);
    EXPECT_EQ(dyn_compare(*c, d1, d1), 0);
}

TEST_F(DynRuntime, DynOp) {
    const NativeDef& op = native("dyn_op");
    auto run = [&](int32_t k, VDynamic* a, VDynamic* bb) {
        Slot args[3] = {slot_of(k), reinterpret_cast<uintptr_t>(a), reinterpret_cast<uintptr_t>(bb)};
        return reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(op.fn(*c, args)));
    };
    VDynamic* r = run(1, box_i(7), box_i(2));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->t->kind, TypeKind::F64);
    EXPECT_EQ(r->v.d, 5.0);
    r = run(7, box_i(-1), box_i(28));
    EXPECT_EQ(r->t->kind, TypeKind::I32);
    EXPECT_EQ(r->v.i, 15);
    r = run(5, box_i(1), box_i(33));
    EXPECT_EQ(r->v.i, 2);  // shift count masked to 5 bits
    r = run(4, nullptr, nullptr);
    EXPECT_TRUE(std::isnan(r->v.d));
    EXPECT_EQ(run(2, nullptr, nullptr), nullptr);
    VDynamic* d = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    run(1, box_i(1), d);
    EXPECT_EQ(error(), "Can't perform dyn op i32 - dynobj");
}

// ---- Calls (need test functions)

Slot add_i32(Ctx&, const Slot* a, int) { return slot_of(slot_get<int32_t>(a[0]) + slot_get<int32_t>(a[1])); }
Slot count_args(Ctx&, const Slot* a, int) {
    auto* arr = reinterpret_cast<VArray*>(static_cast<uintptr_t>(a[0]));
    return reinterpret_cast<uintptr_t>(arr);  // returns the array itself
}
Slot self_x(Ctx&, const Slot* a, int) {
    auto* o = reinterpret_cast<VObj*>(static_cast<uintptr_t>(a[0]));
    return slot_of(field_ref<int32_t>(o, 8) * slot_get<int32_t>(a[1]));
}

class DynCalls : public DynRuntime {
protected:
    void SetUp() override {
        DynRuntime::SetUp();
        if (IsSkipped()) return;
        if (testing::make_test_function == nullptr) GTEST_SKIP() << "no test functions yet";
    }
};

TEST_F(DynCalls, DynamicCallConvertsArgumentsAndBoxesTheResult) {
    HType* i32 = b(TypeKind::I32);
    HType* ft = z.fun({i32, i32}, i32);
    FunctionCode* f = testing::make_test_function(*c, 1, ft, add_i32);
    VClosure* cl = alloc_closure(*c, f, nullptr, false);
    VDynamic* args[2] = {box_d(6.9), box_i(7)};
    VDynamic* r = dyn_call(*c, cl, args, 2);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->t->kind, TypeKind::I32);
    EXPECT_EQ(r->v.i, 13);
    dyn_call(*c, cl, args, 1);
    EXPECT_EQ(error(), "Missing arguments : 2 expected but 1 passed");
    VDynamic* many[10] = {};
    dyn_call(*c, cl, many, 10);
    EXPECT_EQ(error(), "Too many arguments");
    // A bound closure: the bound value is prepended.
    VClosure* bound = alloc_closure(*c, f, reinterpret_cast<void*>(static_cast<uintptr_t>(100)), true);
    r = dyn_call(*c, bound, args + 1, 1);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->v.i, 107);
}

TEST_F(DynCalls, WrapperConvertsBothWays) {
    HType* i32 = b(TypeKind::I32);
    HType* f64 = b(TypeKind::F64);
    FunctionCode* f = testing::make_test_function(*c, 1, z.fun({i32, i32}, i32), add_i32);
    VClosure* cl = alloc_closure(*c, f, nullptr, false);
    HType* to = z.fun({f64, f64}, f64);
    VClosure* w = make_wrapper(*c, cl, to);
    ASSERT_NE(w, nullptr);
    EXPECT_EQ(w->has_value, 2);
    EXPECT_EQ(make_wrapper(*c, cl, z.fun({f64}, f64)), nullptr);
    Slot args[2] = {slot_of(2.9), slot_of(-1.5)};
    Slot r = 0;
    ASSERT_TRUE(call_as(*c, cl, to, args, 2, &r));
    EXPECT_EQ(slot_get<double>(r), 1.0);
    EXPECT_EQ(dyn_compare(*c, reinterpret_cast<VDynamic*>(w), reinterpret_cast<VDynamic*>(cl)), 0);
}

TEST_F(DynCalls, VarArgsClosure) {
    HType* arr = b(TypeKind::Array);
    FunctionCode* g = testing::make_test_function(*c, 1, z.fun({arr}, b(TypeKind::Dyn)), count_args);
    VClosure* gc = alloc_closure(*c, g, nullptr, false);
    const NativeDef& mva = native("make_var_args");
    Slot a0 = reinterpret_cast<uintptr_t>(gc);
    auto* va = reinterpret_cast<VClosure*>(static_cast<uintptr_t>(mva.fn(*c, &a0)));
    ASSERT_NE(va, nullptr);
    EXPECT_EQ(va->t->kind, TypeKind::Fun);
    EXPECT_EQ(type_name(va->t), "(void ())");
    VDynamic* args[3] = {box_i(1), nullptr, box_d(3.5)};
    auto* r = reinterpret_cast<VArray*>(dyn_call(*c, va, args, 3));
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->size, 3);
    // Cast to a typed function: every argument is boxed.
    HType* i32 = b(TypeKind::I32);
    HType* to = z.fun({i32, i32}, b(TypeKind::Dyn));
    EXPECT_FALSE(safe_cast(va->t, to));
    VDynamic* vd = reinterpret_cast<VDynamic*>(va);
    auto* w = static_cast<VClosure*>(dyn_castp(*c, &vd, b(TypeKind::Dyn), to));
    ASSERT_NE(w, nullptr);
    Slot targs[2] = {slot_of<int32_t>(4), slot_of<int32_t>(5)};
    Slot out = 0;
    ASSERT_TRUE(call_closure(*c, w, targs, 2, &out));
    auto* ra = reinterpret_cast<VArray*>(static_cast<uintptr_t>(out));
    ASSERT_EQ(ra->size, 2);
    EXPECT_EQ(ra->data<VDynamic*>()[1]->v.i, 5);
}

TEST_F(DynCalls, MethodsThroughDynamicAccess) {
    HType* i32 = b(TypeKind::I32);
    HType* cls = z.cls(u"Counter", nullptr, {{u"n", i32}});
    HType* mt = z.fun({cls, i32}, i32);
    testing::make_test_function(*c, 5, mt, self_x);
    int32_t mh = h("times");
    cls->obj->methods.push_back({mh, 5, u"times"});
    cls->obj->lookup.push_back({mh, mt, -1, 0});
    std::sort(cls->obj->lookup.begin(), cls->obj->lookup.end(), [](const ObjLookup& a, const ObjLookup& bb) { return a.hash < bb.hash; });
    VDynamic* o = reinterpret_cast<VDynamic*>(alloc_object(*c, cls));
    set_i(o, "n", 6);
    // Reading a method gives a closure bound to the object.
    Slot out = 0;
    dyn_get(*c, o, mh, b(TypeKind::Dyn), &out);
    auto* m = reinterpret_cast<VClosure*>(static_cast<uintptr_t>(out));
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->has_value, 1);
    VDynamic* args[1] = {box_i(7)};
    VDynamic* r = dyn_call(*c, m, args, 1);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->v.i, 42);
    EXPECT_FALSE(dyn_has_field(*c, o, mh));  // methods are not data fields
    // A method call through a virtual's empty slot (§10.4), typed (f64) -> f64.
    HType* f64 = b(TypeKind::F64);
    HType* vft = z.fun({f64}, f64, TypeKind::Method);
    Slot a[1] = {slot_of(2.0)};
    ASSERT_TRUE(dyn_call_method(*c, o, mh, vft, a, 1, &out));
    EXPECT_EQ(slot_get<double>(out), 12.0);
    dyn_call_method(*c, o, h("nope"), vft, a, 1, &out);
    EXPECT_EQ(error(), "Counter has no method nope");
    dyn_call_method(*c, o, h("n"), vft, a, 1, &out);
    EXPECT_EQ(error(), "Field n is of type i32 and cannot be called");
    // A view binds the method when its type fits.
    HType* vt = z.virt({{u"times", z.fun({i32}, i32, TypeKind::Method)}});
    VVirtual* v = to_virtual(*c, vt, o);
    EXPECT_EQ(v->slots()[0], function_by_index(*c, 5));
}

TEST_F(DynCalls, ClosureNatives) {
    HType* i32 = b(TypeKind::I32);
    HType* cls = z.cls(u"K", nullptr, {{u"n", i32}});
    FunctionCode* f = testing::make_test_function(*c, 5, z.fun({cls, i32}, i32), self_x);
    VDynamic* o = reinterpret_cast<VDynamic*>(alloc_object(*c, cls));
    auto call1 = [&](std::string_view n, VDynamic* a) {
        Slot s = reinterpret_cast<uintptr_t>(a);
        return reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(native(n).fn(*c, &s)));
    };
    auto call2 = [&](std::string_view n, VDynamic* a, VDynamic* bb) {
        Slot s[2] = {reinterpret_cast<uintptr_t>(a), reinterpret_cast<uintptr_t>(bb)};
        return native(n).fn(*c, s);
    };
    VDynamic* unbound = reinterpret_cast<VDynamic*>(alloc_closure(*c, f, nullptr, false));
    EXPECT_EQ(call1("get_closure_value", unbound), nullptr);
    auto* bound = reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(call2("make_closure", unbound, o)));
    ASSERT_NE(bound, nullptr);
    EXPECT_EQ(reinterpret_cast<VClosure*>(bound)->has_value, 1);
    EXPECT_EQ(call1("get_closure_value", bound), o);
    EXPECT_EQ(call2("make_closure", unbound, box_i(1)), 0u);  // not safe_cast to K
    auto* nc = reinterpret_cast<VClosure*>(call1("no_closure", bound));
    EXPECT_EQ(nc->has_value, 0);
    EXPECT_EQ(nc->fun, f);
    EXPECT_EQ(call2("fun_compare", bound, bound), 1u);
    EXPECT_EQ(call2("fun_compare", unbound, reinterpret_cast<VDynamic*>(nc)), 1u);
    EXPECT_EQ(call2("fun_compare", bound, unbound), 0u);
}

TEST_F(DynRuntime, CopyAndVirtualValue) {
    HType* i32 = b(TypeKind::I32);
    h("a");
    h("b");
    VDynamic* d = reinterpret_cast<VDynamic*>(alloc_dynobj(*c));
    set_i(d, "b", 1);
    set_i(d, "a", 2);
    Slot s = reinterpret_cast<uintptr_t>(d);
    auto* cp = reinterpret_cast<VDynamic*>(static_cast<uintptr_t>(native("obj_copy").fn(*c, &s)));
    ASSERT_NE(cp, nullptr);
    set_i(cp, "a", 100);
    Slot out = 0;
    dyn_get(*c, d, h("a"), i32, &out);
    EXPECT_EQ(slot_get<int32_t>(out), 2);
    EXPECT_EQ(fields(cp), (std::vector<std::string>{"b", "a"}));
    HType* vt = z.virt({{u"a", i32}});
    VVirtual* v = alloc_virtual(*c, vt);
    *static_cast<int32_t*>(v->slots()[0]) = 7;
    s = reinterpret_cast<uintptr_t>(v);
    auto* vc = reinterpret_cast<VVirtual*>(static_cast<uintptr_t>(native("obj_copy").fn(*c, &s)));
    ASSERT_NE(vc, nullptr);
    EXPECT_EQ(vc->value, nullptr);
    EXPECT_EQ(*static_cast<int32_t*>(vc->slots()[0]), 7);
    EXPECT_EQ(native("get_virtual_value").fn(*c, &s), 0u);
    VVirtual* view = to_virtual(*c, vt, d);
    s = reinterpret_cast<uintptr_t>(view);
    EXPECT_EQ(native("get_virtual_value").fn(*c, &s), reinterpret_cast<uintptr_t>(d));
    // A virtual viewed through an incompatible virtual type is materialised first.
    HType* other = z.virt({{u"b", i32}});
    VVirtual* w = to_virtual(*c, other, reinterpret_cast<VDynamic*>(v));
    ASSERT_NE(w, nullptr);
    ASSERT_NE(v->value, nullptr);
    EXPECT_EQ(w->value, v->value);
}

}  // namespace
}  // namespace hlffi::rt
