// api layer: the Maps section of include/hlffi.h. A map is the Haxe class Haxe itself uses
// (haxe.ds.IntMap, StringMap, ObjectMap, EnumValueMap), made by its constructor and driven only
// through its own methods, so that it behaves exactly as in Haxe code.
#include <cstring>

#include "api/data_internal.h"
#include "std/dynamic.h"

using namespace hlffi;
using api::data::ArrayForm;

namespace {

enum class MapKind { None, Int, String, Object, Enum };

// The kind of map `d` is: its class or an ancestor is one of Haxe's map classes.
MapKind kind_of(rt::VDynamic* d) {
    if (d == nullptr || d->t->kind != rt::TypeKind::Obj) return MapKind::None;
    for (rt::HType* t = d->t; t != nullptr && t->obj != nullptr; t = t->obj->super) {
        const std::u16string& n = t->obj->name;
        if (n == u"haxe.ds.IntMap") return MapKind::Int;
        if (n == u"haxe.ds.StringMap") return MapKind::String;
        if (n == u"haxe.ds.ObjectMap") return MapKind::Object;
        if (n == u"haxe.ds.BalancedTree") return MapKind::Enum;  // EnumValueMap's base
    }
    return MapKind::None;
}

// map as a Haxe map object, or nullptr after recording.
rt::VDynamic* map_of(hlffi_vm* vm, hlffi_value* map) {
    rt::VDynamic* d = api::dynamic_of(map);
    if (rt::VDynamic* inner = d != nullptr && d->t->kind == rt::TypeKind::Virtual ? rt::virtual_value(reinterpret_cast<rt::VVirtual*>(d)) : nullptr)
        d = inner;  // a map typed as haxe.IMap reaches the host as a virtual view
    if (kind_of(d) != MapKind::None) return d;
    bool null = rt::is_pointer(map->type) && map->slot == 0;
    api::fail(vm, null ? HLFFI_ERROR_NULL_VALUE : HLFFI_ERROR_TYPE_MISMATCH,
              std::string("the value is ") + (null ? "null" : "not a Haxe Map (" + rt::type_name(api::runtime_type(map)) + ")"));
    return nullptr;
}

// Checks a key against the kind of map before Haxe sees it: ObjectMap and EnumValueMap take
// their keys as Dynamic, so a number would otherwise be boxed into a key nothing can find.
bool key_fits(hlffi_vm* vm, MapKind k, hlffi_value* key, const char* what) {
    rt::HType* t = api::runtime_type(key);
    bool null = rt::is_pointer(key->type) && key->slot == 0;
    bool ok = true;
    if (k == MapKind::Object) ok = null || (rt::is_pointer(t) && t->kind != rt::TypeKind::Null);
    if (k == MapKind::Enum) ok = null || t->kind == rt::TypeKind::Enum;
    if (ok) return true;
    api::fail(vm, HLFFI_ERROR_TYPE_MISMATCH,
              std::string(what) + ": the key " + rt::type_name(t) + " is not an " +
                  (k == MapKind::Object ? "object (an ObjectMap's keys are objects)" : "enum value (an EnumValueMap's keys are enum values)"));
    return false;
}

struct Call {
    hlffi_vm* vm;
    rt::VDynamic* self;
    const char* method;
    std::string what;
};

// Calls self.method(argv...) with the arguments converted to the method's parameter types;
// the result's declared type goes to *ret_type. False after recording.
bool call(vm::HostEntry& e, const Call& k, int argc, hlffi_value** argv, rt::Slot* ret, rt::HType** ret_type = nullptr) {
    rt::FunctionCode* f = api::data::method_of(k.vm, k.self, k.method);
    if (f == nullptr) return false;
    rt::Slot args[3] = {reinterpret_cast<rt::Slot>(k.self), 0, 0};
    if (!api::convert_args(e, k.vm, f->type, 1, argc, argv, args, k.what)) return false;
    // Converted arguments may be fresh boxes; they stay reachable through the call's frame.
    rt::RootGuard keep1(e.ctx(), &args[1]);
    rt::RootGuard keep2(e.ctx(), &args[2]);
    rt::Slot r = 0;
    vm::CallOutcome o = vm::call_from_host(e, f, args, argc + 1, &r);
    if (o != vm::CallOutcome::Ok) {
        api::outcome_error(k.vm, o, k.what);
        return false;
    }
    if (ret != nullptr) *ret = r;
    if (ret_type != nullptr) *ret_type = f->type->fun->ret;
    return true;
}

// Common checks of the functions taking (vm, map, key): the map and key, and a VM ready to run
// Haxe code. nullptr after recording.
rt::VDynamic* keyed(hlffi_vm* vm, hlffi_value* map, hlffi_value* key, const char* what) {
    if (vm == nullptr || !api::check_loaded(vm, true) || !api::check_value(vm, map, "map") || !api::check_value(vm, key, "key"))
        return nullptr;
    rt::VDynamic* d = map_of(vm, map);
    if (d == nullptr || !key_fits(vm, kind_of(d), key, what)) return nullptr;
    return d;
}

bool bool_call(hlffi_vm* vm, hlffi_value* map, hlffi_value* key, const char* method, const char* what) {
    rt::VDynamic* d = keyed(vm, map, key, what);
    if (d == nullptr) return false;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    rt::Slot r = 0;
    hlffi_value* argv[1] = {key};
    if (!call(e, {vm, d, method, what}, 1, argv, &r)) return false;
    api::succeed(vm);
    return (r & 0xFF) != 0;
}

// Walks the iterator the map's `method` (keys or iterator) returns. With `out` set, appends
// every element to a new Haxe Array typed by the iterator's element type and returns it; else
// only counts them into *count.
bool walk(vm::HostEntry& e, hlffi_vm* vm, rt::VDynamic* map, const char* method, const char* what, rt::VObj** out,
          int32_t* count) {
    rt::Ctx& c = e.ctx();
    rt::RootGuard keep_map(c, &map);
    rt::Slot it_slot = 0;
    rt::HType* it_type = nullptr;
    if (!call(e, {vm, map, method, what}, 0, nullptr, &it_slot, &it_type)) return false;
    auto* it = reinterpret_cast<rt::VDynamic*>(it_slot);
    if (it != nullptr && it->t->kind == rt::TypeKind::Virtual) it = rt::virtual_value(reinterpret_cast<rt::VVirtual*>(it));
    if (it == nullptr || it->t->kind != rt::TypeKind::Obj) {
        api::fail(vm, HLFFI_ERROR_INTERNAL, std::string(what) + ": " + rt::type_name(map->t) + "." + method + " gave no iterator object");
        return false;
    }
    rt::RootGuard keep_it(c, &it);
    rt::FunctionCode* has_next = api::data::method_of(vm, it, "hasNext");
    rt::FunctionCode* next = has_next == nullptr ? nullptr : api::data::method_of(vm, it, "next");
    if (next == nullptr) return false;
    rt::HType* elem = next->type->fun->ret;
    rt::VObj* arr = nullptr;
    rt::RootGuard keep_arr(c, &arr);
    api::data::ArrayView view;
    if (out != nullptr) {
        arr = api::data::make_array(e, vm, elem, 0, what);
        if (arr == nullptr) return false;
    }
    int32_t n = 0;
    for (;;) {
        rt::Slot more = 0;
        if (!api::data::invoke(e, vm, has_next, it, nullptr, 0, &more, what)) return false;
        if ((more & 0xFF) == 0) break;
        rt::Slot v = 0;
        if (!api::data::invoke(e, vm, next, it, nullptr, 0, &v, what)) return false;
        if (arr != nullptr) {
            view = api::data::classify(vm, reinterpret_cast<rt::VDynamic*>(arr));
            hlffi_value tmp = api::data::temp_value(vm, elem, v);
            if (!api::data::set_element(e, vm, view, n, &tmp, what)) return false;
        }
        n++;
    }
    if (out != nullptr) *out = arr;
    if (count != nullptr) *count = n;
    return true;
}

hlffi_value* listing(hlffi_vm* vm, hlffi_value* map, const char* method, const char* what) {
    if (vm == nullptr || !api::check_loaded(vm, true) || !api::check_value(vm, map, "map")) return nullptr;
    rt::VDynamic* d = map_of(vm, map);
    if (d == nullptr) return nullptr;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    rt::VObj* arr = nullptr;
    if (!walk(e, vm, d, method, what, &arr, nullptr)) return nullptr;
    hlffi_value* v = api::make_value(vm, arr->t, reinterpret_cast<rt::Slot>(arr));
    if (v != nullptr) api::succeed(vm);
    return v;
}

}  // namespace

extern "C" {

hlffi_value* hlffi_map_new(hlffi_vm* vm, hl_type* key_type, hl_type* value_type) {
    if (vm == nullptr || !api::check_loaded(vm, true)) return nullptr;
    rt::HType* key = api::data::type_of(vm, key_type, "key_type");
    if (key == nullptr) return nullptr;
    // The value type only documents intent: Haxe's maps store every value as Dynamic.
    if (value_type != nullptr && api::data::type_of(vm, value_type, "value_type") == nullptr) return nullptr;
    const char* cls = nullptr;
    switch (key->kind) {
    case rt::TypeKind::UI8: case rt::TypeKind::UI16: case rt::TypeKind::I32: cls = "haxe.ds.IntMap"; break;
    case rt::TypeKind::Enum: cls = "haxe.ds.EnumValueMap"; break;
    default:
        if (key == vm->vm.program()->string_type) cls = "haxe.ds.StringMap";
        else if (rt::is_pointer(key) && key->kind != rt::TypeKind::Struct && key->kind != rt::TypeKind::Null) cls = "haxe.ds.ObjectMap";
    }
    if (cls == nullptr) {
        api::fail(vm, HLFFI_ERROR_INVALID_TYPE, "hlffi_map_new: Haxe has no Map with " + rt::type_name(key) + " keys");
        return nullptr;
    }
    if (api::find_type(vm, cls) == nullptr) {
        api::fail(vm, HLFFI_ERROR_TYPE_NOT_FOUND, std::string("hlffi_map_new: the program has no class ") + cls +
                                                      " (it never uses a Map with " + rt::type_name(key) + " keys, so Haxe left it out)");
        return nullptr;
    }
    return hlffi_new(vm, cls, 0, nullptr);
}

bool hlffi_map_set(hlffi_vm* vm, hlffi_value* map, hlffi_value* key, hlffi_value* value) {
    rt::VDynamic* d = keyed(vm, map, key, "hlffi_map_set");
    if (d == nullptr || !api::check_value(vm, value)) return false;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    hlffi_value* argv[2] = {key, value};
    if (!call(e, {vm, d, "set", "hlffi_map_set"}, 2, argv, nullptr)) return false;
    api::succeed(vm);
    return true;
}

hlffi_value* hlffi_map_get(hlffi_vm* vm, hlffi_value* map, hlffi_value* key) {
    rt::VDynamic* d = keyed(vm, map, key, "hlffi_map_get");
    if (d == nullptr) return nullptr;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return nullptr;
    hlffi_value* argv[1] = {key};
    rt::Slot r = 0;
    rt::HType* t = nullptr;
    if (!call(e, {vm, d, "get", "hlffi_map_get"}, 1, argv, &r, &t)) return nullptr;
    hlffi_value* v = api::make_value(vm, t, r);
    if (v != nullptr) api::succeed(vm);
    return v;
}

bool hlffi_map_exists(hlffi_vm* vm, hlffi_value* map, hlffi_value* key) {
    return bool_call(vm, map, key, "exists", "hlffi_map_exists");
}

bool hlffi_map_remove(hlffi_vm* vm, hlffi_value* map, hlffi_value* key) {
    return bool_call(vm, map, key, "remove", "hlffi_map_remove");
}

hlffi_value* hlffi_map_keys(hlffi_vm* vm, hlffi_value* map) { return listing(vm, map, "keys", "hlffi_map_keys"); }

hlffi_value* hlffi_map_values(hlffi_vm* vm, hlffi_value* map) { return listing(vm, map, "iterator", "hlffi_map_values"); }

int hlffi_map_size(hlffi_value* map) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, map, "map") || !api::check_loaded(vm, true)) return -1;
    rt::VDynamic* d = map_of(vm, map);
    if (d == nullptr) return -1;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return -1;
    // Haxe 4.2.5's maps have no size: count the keys, as Lambda.count would.
    int32_t n = 0;
    if (!walk(e, vm, d, "keys", "hlffi_map_size", nullptr, &n)) return -1;
    api::succeed(vm);
    return n;
}

bool hlffi_map_clear(hlffi_value* map) {
    hlffi_vm* vm = nullptr;
    if (!api::check_value(vm, map, "map") || !api::check_loaded(vm, true)) return false;
    rt::VDynamic* d = map_of(vm, map);
    if (d == nullptr) return false;
    vm::HostEntry e(vm->vm);
    if (!api::entered(e, vm)) return false;
    if (!call(e, {vm, d, "clear", "hlffi_map_clear"}, 0, nullptr, nullptr)) return false;
    api::succeed(vm);
    return true;
}

}  // extern "C"
