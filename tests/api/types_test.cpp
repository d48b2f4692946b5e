// api layer tests: Types and reflection (hlffi_find_type, kinds, names, the type list,
// superclasses, own fields and methods), each with its bad inputs.
#include <algorithm>
#include <string>
#include <vector>

#include "reflect_fixture.h"

namespace {

using reflect_test::ReflectTest;

using Types = ReflectTest;

TEST_F(Types, FindTypeByDottedPathAndBasicNames) {
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    ASSERT_NE(player, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_find_type(vm, "game.Player"), player);  // one stable handle per type
    EXPECT_EQ(hlffi_type_get_kind(player), HLFFI_TYPE_OBJ);
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "game.Color")), HLFFI_TYPE_ENUM);
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "Direction")), HLFFI_TYPE_ENUM);
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "String")), HLFFI_TYPE_OBJ);
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "hl_mutex")), HLFFI_TYPE_ABSTRACT);
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "game.$Player")), HLFFI_TYPE_OBJ);  // its class object
    struct Basic {
        const char* name;
        hlffi_type_kind kind;
    };
    for (Basic b : {Basic{"Int", HLFFI_TYPE_I32}, Basic{"i32", HLFFI_TYPE_I32}, Basic{"Float", HLFFI_TYPE_F64},
                    Basic{"f64", HLFFI_TYPE_F64}, Basic{"Single", HLFFI_TYPE_F32}, Basic{"Bool", HLFFI_TYPE_BOOL},
                    Basic{"Dynamic", HLFFI_TYPE_DYN}, Basic{"bytes", HLFFI_TYPE_BYTES}, Basic{"i64", HLFFI_TYPE_I64},
                    Basic{"ui8", HLFFI_TYPE_UI8}, Basic{"ui16", HLFFI_TYPE_UI16}, Basic{"void", HLFFI_TYPE_VOID}}) {
        hlffi_type* t = hlffi_find_type(vm, b.name);
        ASSERT_NE(t, nullptr) << b.name;
        EXPECT_EQ(hlffi_type_get_kind(t), b.kind) << b.name;
    }
    EXPECT_EQ(hlffi_find_type(vm, "Int"), hlffi_find_type(vm, "i32"));
}

TEST_F(Types, FindTypeBadInput) {
    EXPECT_EQ(hlffi_find_type(nullptr, "game.Player"), nullptr);
    EXPECT_EQ(hlffi_find_type(vm, nullptr), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_find_type(vm, "Player"), nullptr);  // names are full paths
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_find_type(vm, "game.Nope"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_STREQ(hlffi_get_error(vm), "no type named 'game.Nope' in the program");
    EXPECT_EQ(hlffi_find_type(vm, ""), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_find_type(vm, "Shape"), nullptr);  // an interface has no instance type
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_EQ(hlffi_find_type(vm, "UserId"), nullptr);  // a Haxe abstract is compiled away
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_NE(std::string(hlffi_get_error(vm)).find("is a Haxe abstract: compiled away"), std::string::npos) << hlffi_get_error(vm);

    hlffi_vm* empty = hlffi_create();
    EXPECT_EQ(hlffi_find_type(empty, "game.Player"), nullptr);  // not even initialised
    EXPECT_EQ(hlffi_get_last_error(empty), HLFFI_ERROR_NOT_LOADED);
    ASSERT_EQ(hlffi_init(empty, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_find_type(empty, "game.Player"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(empty), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(empty);
}

TEST_F(Types, TypeGetKind) {
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "game.Entity")), HLFFI_TYPE_OBJ);
    EXPECT_EQ(hlffi_type_get_kind(hlffi_find_type(vm, "Float")), HLFFI_TYPE_F64);
    EXPECT_EQ(HLFFI_TYPE_ENUM, 18);  // HashLink's numbering
    EXPECT_EQ(HLFFI_TYPE_ABSTRACT, 17);
    EXPECT_EQ(HLFFI_TYPE_OBJ, 11);
}

TEST_F(Types, TypeGetKindBadInput) {
    EXPECT_EQ(hlffi_type_get_kind(nullptr), HLFFI_TYPE_VOID);
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    ASSERT_NE(player, nullptr);
    ASSERT_EQ(hlffi_close(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_type_get_kind(player), HLFFI_TYPE_VOID);  // left over from a closed program
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    // Loaded again: the old handle stays stale, the new one is another handle.
    ASSERT_EQ(hlffi_load_file(vm, reflect_test::reflect_hl().c_str()), HLFFI_OK);
    EXPECT_EQ(hlffi_type_get_kind(player), HLFFI_TYPE_VOID);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    hlffi_type* again = hlffi_find_type(vm, "game.Player");
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(hlffi_type_get_kind(again), HLFFI_TYPE_OBJ);
    EXPECT_EQ(hlffi_type_get_kind(player), HLFFI_TYPE_VOID);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(hlffi_type_get_name(player), nullptr);
}

TEST_F(Types, TypeGetName) {
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    const char* name = hlffi_type_get_name(player);
    EXPECT_STREQ(name, "game.Player");
    EXPECT_EQ(hlffi_type_get_name(player), name);  // the same VM-owned string
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "game.Color")), "game.Color");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "hl_mutex")), "hl_mutex");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "Int")), "i32");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "Float")), "f64");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "Single")), "f32");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "Bool")), "bool");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "Dynamic")), "dynamic");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "ui8")), "ui8");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "ui16")), "ui16");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_find_type(vm, "void")), "void");
    // Valid while loaded: still the same text after many other lookups and calls.
    for (int i = 0; i < 100; i++) hlffi_find_type(vm, "game.Entity");
    hlffi_value_free(hlffi_call_static(vm, "Game", "nope", 0, nullptr));
    EXPECT_STREQ(name, "game.Player");
}

TEST_F(Types, TypeGetNameBadInput) {
    EXPECT_EQ(hlffi_type_get_name(nullptr), nullptr);
    hlffi_type* t = hlffi_find_type(vm, "game.Color");
    hlffi_vm* other = reflect_test::load_reflect(nullptr, false);
    hlffi_close(vm);
    EXPECT_EQ(hlffi_type_get_name(t), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(hlffi_get_last_error(other), HLFFI_OK);  // recorded on the handle's own VM
    hlffi_destroy(other);
}

struct Listed {
    std::vector<std::string> names;
    std::vector<hlffi_type_kind> kinds;
    hlffi_vm* vm = nullptr;
    bool close_at_10 = false;
};

void list_one(hlffi_type* t, void* userdata) {
    auto* l = static_cast<Listed*>(userdata);
    const char* n = hlffi_type_get_name(t);
    l->names.push_back(n == nullptr ? "<NULL>" : n);
    l->kinds.push_back(hlffi_type_get_kind(t));
    if (l->close_at_10 && l->names.size() == 10) hlffi_close(l->vm);
}

TEST_F(Types, ListTypesInModuleOrder) {
    Listed l;
    ASSERT_EQ(hlffi_list_types(vm, list_one, &l), HLFFI_OK);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    ASSERT_GT(l.names.size(), 200u);
    // The module's table starts with the basic types, in HashLink's kind order.
    ASSERT_GE(l.names.size(), 4u);
    EXPECT_EQ(l.names[0], "void");
    EXPECT_EQ(l.names[1], "ui8");
    EXPECT_EQ(l.names[2], "ui16");
    EXPECT_EQ(l.names[3], "i32");
    EXPECT_EQ(l.kinds[3], HLFFI_TYPE_I32);
    auto at = [&](const std::string& n) { return std::find(l.names.begin(), l.names.end(), n) - l.names.begin(); };
    auto count = static_cast<long>(l.names.size());
    EXPECT_LT(at("game.Entity"), count);
    EXPECT_LT(at("game.Entity"), at("game.Player"));  // a superclass comes first
    EXPECT_LT(at("game.Player"), at("game.Boss"));
    EXPECT_LT(at("game.Color"), count);
    EXPECT_LT(at("hl_mutex"), count);
    EXPECT_EQ(l.kinds[static_cast<size_t>(at("game.Color"))], HLFFI_TYPE_ENUM);
    EXPECT_EQ(std::count(l.names.begin(), l.names.end(), "game.Player"), 1);
    // Every listed type is a usable handle: listing twice gives the same names.
    Listed again;
    ASSERT_EQ(hlffi_list_types(vm, list_one, &again), HLFFI_OK);
    EXPECT_EQ(again.names, l.names);
}

TEST_F(Types, ListTypesBadInput) {
    Listed l;
    EXPECT_EQ(hlffi_list_types(nullptr, list_one, &l), HLFFI_ERROR_NULL_VM);
    EXPECT_EQ(hlffi_list_types(vm, nullptr, &l), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_TRUE(l.names.empty());
    // A callback that closes the VM stops the listing with an error, not a crash.
    l.vm = vm;
    l.close_at_10 = true;
    EXPECT_EQ(hlffi_list_types(vm, list_one, &l), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(l.names.size(), 10u);
    EXPECT_EQ(hlffi_list_types(vm, list_one, &l), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(l.names.size(), 10u);
}

TEST_F(Types, ClassGetSuper) {
    hlffi_type* entity = hlffi_find_type(vm, "game.Entity");
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    hlffi_type* boss = hlffi_find_type(vm, "game.Boss");
    ASSERT_NE(boss, nullptr);
    EXPECT_EQ(hlffi_class_get_super(boss), player);
    EXPECT_EQ(hlffi_class_get_super(player), entity);
    EXPECT_STREQ(hlffi_type_get_name(hlffi_class_get_super(player)), "game.Entity");
    EXPECT_EQ(hlffi_class_get_super(entity), nullptr);  // a root class: no error
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_STREQ(hlffi_type_get_name(hlffi_class_get_super(hlffi_find_type(vm, "game.$Player"))), "hl.Class");
}

TEST_F(Types, ClassGetSuperBadInput) {
    EXPECT_EQ(hlffi_class_get_super(nullptr), nullptr);
    EXPECT_EQ(hlffi_class_get_super(hlffi_find_type(vm, "game.Color")), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_class_get_super(hlffi_find_type(vm, "Int")), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    hlffi_close(vm);
    EXPECT_EQ(hlffi_class_get_super(player), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Types, ClassGetFieldCount) {
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "game.Entity")), 2);
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "game.Player")), 3);  // inherited ones excluded
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "game.Boss")), 0);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "Square")), 1);  // the interface slot is not a field
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "String")), 2);  // bytes, length
    // Statics are fields of the class object.
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "game.$Player")), 2);
}

TEST_F(Types, ClassGetFieldCountBadInput) {
    EXPECT_EQ(hlffi_class_get_field_count(nullptr), -1);
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "game.Color")), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    EXPECT_EQ(hlffi_class_get_field_count(hlffi_find_type(vm, "hl_mutex")), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    hlffi_close(vm);
    EXPECT_EQ(hlffi_class_get_field_count(player), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Types, ClassGetFieldName) {
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    EXPECT_STREQ(hlffi_class_get_field_name(player, 0), "name");
    EXPECT_STREQ(hlffi_class_get_field_name(player, 1), "hp");
    EXPECT_STREQ(hlffi_class_get_field_name(player, 2), "tags");
    const char* first = hlffi_class_get_field_name(player, 0);
    EXPECT_EQ(hlffi_class_get_field_name(player, 0), first);  // VM-owned, stable
    hlffi_type* entity = hlffi_find_type(vm, "game.Entity");
    EXPECT_STREQ(hlffi_class_get_field_name(entity, 0), "id");
    EXPECT_STREQ(hlffi_class_get_field_name(entity, 1), "x");
    EXPECT_STREQ(hlffi_class_get_field_name(hlffi_find_type(vm, "Square"), 0), "side");
    hlffi_type* statics = hlffi_find_type(vm, "game.$Player");
    EXPECT_STREQ(hlffi_class_get_field_name(statics, 0), "created");
    EXPECT_STREQ(hlffi_class_get_field_name(statics, 1), "create");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Types, ClassGetFieldNameBadInput) {
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    EXPECT_EQ(hlffi_class_get_field_name(nullptr, 0), nullptr);
    EXPECT_EQ(hlffi_class_get_field_name(player, 3), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "field index 3 out of range: 'game.Player' has 3 own field(s)");
    EXPECT_EQ(hlffi_class_get_field_name(player, -1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_class_get_field_name(hlffi_find_type(vm, "game.Boss"), 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_class_get_field_name(hlffi_find_type(vm, "Direction"), 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_close(vm);
    EXPECT_EQ(hlffi_class_get_field_name(player, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Types, ClassGetFieldType) {
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    hlffi_type* name = hlffi_class_get_field_type(player, 0);
    EXPECT_EQ(name, hlffi_find_type(vm, "String"));
    EXPECT_STREQ(hlffi_type_get_name(name), "String");
    EXPECT_EQ(hlffi_type_get_kind(hlffi_class_get_field_type(player, 1)), HLFFI_TYPE_I32);
    EXPECT_STREQ(hlffi_type_get_name(hlffi_class_get_field_type(player, 2)), "hl.types.ArrayObj");
    EXPECT_EQ(hlffi_type_get_kind(hlffi_class_get_field_type(hlffi_find_type(vm, "game.Entity"), 1)), HLFFI_TYPE_F64);
    // A static function is a field of function type of the class object.
    EXPECT_EQ(hlffi_type_get_kind(hlffi_class_get_field_type(hlffi_find_type(vm, "game.$Player"), 1)), HLFFI_TYPE_FUN);
    hlffi_type* regex = hlffi_find_type(vm, "EReg");
    EXPECT_STREQ(hlffi_type_get_name(hlffi_class_get_field_type(regex, 0)), "ereg");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Types, ClassGetFieldTypeBadInput) {
    EXPECT_EQ(hlffi_class_get_field_type(nullptr, 0), nullptr);
    hlffi_type* entity = hlffi_find_type(vm, "game.Entity");
    EXPECT_EQ(hlffi_class_get_field_type(entity, 2), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_class_get_field_type(hlffi_find_type(vm, "Int"), 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_close(vm);
    EXPECT_EQ(hlffi_class_get_field_type(entity, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Types, ClassGetMethodCount) {
    EXPECT_EQ(hlffi_class_get_method_count(hlffi_find_type(vm, "game.Entity")), 2);  // describe, move
    EXPECT_EQ(hlffi_class_get_method_count(hlffi_find_type(vm, "game.Player")), 2);  // describe (override), heal
    EXPECT_EQ(hlffi_class_get_method_count(hlffi_find_type(vm, "game.Boss")), 0);
    EXPECT_EQ(hlffi_class_get_method_count(hlffi_find_type(vm, "game.$Player")), 0);  // statics are fields
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Types, ClassGetMethodCountBadInput) {
    EXPECT_EQ(hlffi_class_get_method_count(nullptr), -1);
    EXPECT_EQ(hlffi_class_get_method_count(hlffi_find_type(vm, "game.Color")), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_type* entity = hlffi_find_type(vm, "game.Entity");
    hlffi_close(vm);
    EXPECT_EQ(hlffi_class_get_method_count(entity), -1);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

TEST_F(Types, ClassGetMethodName) {
    hlffi_type* entity = hlffi_find_type(vm, "game.Entity");
    EXPECT_STREQ(hlffi_class_get_method_name(entity, 0), "describe");
    EXPECT_STREQ(hlffi_class_get_method_name(entity, 1), "move");
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    EXPECT_STREQ(hlffi_class_get_method_name(player, 0), "describe");
    EXPECT_STREQ(hlffi_class_get_method_name(player, 1), "heal");
    EXPECT_STREQ(hlffi_class_get_method_name(hlffi_find_type(vm, "Square"), 0), "area");
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_OK);
}

TEST_F(Types, ClassGetMethodNameBadInput) {
    hlffi_type* player = hlffi_find_type(vm, "game.Player");
    EXPECT_EQ(hlffi_class_get_method_name(nullptr, 0), nullptr);
    EXPECT_EQ(hlffi_class_get_method_name(player, 2), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_STREQ(hlffi_get_error(vm), "method index 2 out of range: 'game.Player' has 2 own method(s)");
    EXPECT_EQ(hlffi_class_get_method_name(player, -1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_class_get_method_name(hlffi_find_type(vm, "Bool"), 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_INVALID_TYPE);
    hlffi_close(vm);
    EXPECT_EQ(hlffi_class_get_method_name(player, 0), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_STALE_HANDLE);
}

// hlffi_value_get_type (values.cpp) hands out the same handles as the lookups.
TEST_F(Types, ValueTypesAreTheSameHandles) {
    hlffi_value* name = hlffi_value_string(vm, "bob");
    hlffi_value* p = hlffi_call_static(vm, "game.Player", "create", 1, &name);
    ASSERT_NE(p, nullptr) << hlffi_get_error(vm);
    EXPECT_EQ(hlffi_value_get_type(p), hlffi_find_type(vm, "game.Player"));
    EXPECT_EQ(hlffi_class_get_super(hlffi_value_get_type(p)), hlffi_find_type(vm, "game.Entity"));
    hlffi_value_free(p);
    hlffi_value_free(name);
}

}  // namespace
