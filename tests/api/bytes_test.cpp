// api layer tests: the Bytes section: host-made haxe.io.Bytes checked from inside Haxe
// (tests/haxe/api/data), Haxe-made ones read and written from C, ranges and bad input.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "data_fixture.h"

namespace {

using data_test::DataVm;
using data_test::take;

TEST(Bytes, NewIsZeroedHaxeBytes) {
    DataVm d;
    hlffi_value* b = hlffi_bytes_new(d.vm, 4);
    ASSERT_NE(b, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.type_name(b), "haxe.io.Bytes");
    EXPECT_EQ(hlffi_bytes_get_length(b), 4);
    EXPECT_EQ(d.text("checkBytes", {b}), "true 4 0,0,0,0 00000000");
    auto* p = static_cast<uint8_t*>(hlffi_bytes_get_ptr(b));
    ASSERT_NE(p, nullptr);
    for (int i = 0; i < 4; i++) p[i] = static_cast<uint8_t>(65 + i);
    EXPECT_EQ(d.text("checkBytes", {b}), "true 4 65,66,67,68 41424344");
    hlffi_value* h = d.call("makeBytes");
    EXPECT_EQ(d.text("checkBytes", {h}), d.text("checkBytes", {b}));
    EXPECT_EQ(hlffi_bytes_compare(b, 0, h, 0, 4), 0);
    hlffi_value* empty = hlffi_bytes_new(d.vm, 0);
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(hlffi_bytes_get_length(empty), 0);
    EXPECT_EQ(d.text("checkBytes", {empty}), "true 0  ");
    for (hlffi_value* v : {b, h, empty}) hlffi_value_free(v);
}

TEST(Bytes, FromDataAndString) {
    DataVm d;
    const unsigned char raw[] = {0, 1, 0xFF, 0x80};
    hlffi_value* b = hlffi_bytes_from_data(d.vm, raw, 4);
    ASSERT_NE(b, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(d.text("checkBytes", {b}), "true 4 0,1,255,128 0001ff80");
    EXPECT_EQ(std::memcmp(hlffi_bytes_get_ptr(b), raw, 4), 0);
    EXPECT_NE(hlffi_bytes_get_ptr(b), static_cast<const void*>(raw));  // a copy
    hlffi_value* s = hlffi_bytes_from_string(d.vm, "h\xC3\xA9llo");  // UTF-8 "héllo"
    ASSERT_NE(s, nullptr) << hlffi_get_error(d.vm);
    EXPECT_EQ(hlffi_bytes_get_length(s), 6);
    EXPECT_EQ(d.text("bytesText", {s}), "h\xC3\xA9llo");
    EXPECT_EQ(take(hlffi_bytes_to_string(s, -1)), "h\xC3\xA9llo");
    EXPECT_EQ(take(hlffi_bytes_to_string(s, 1)), "h");
    EXPECT_EQ(take(hlffi_bytes_to_string(s, 0)), "");
    hlffi_value* e = hlffi_bytes_from_string(d.vm, "");
    EXPECT_EQ(hlffi_bytes_get_length(e), 0);
    hlffi_value* z = hlffi_bytes_from_data(d.vm, nullptr, 0);
    ASSERT_NE(z, nullptr);
    EXPECT_EQ(hlffi_bytes_get_length(z), 0);
    for (hlffi_value* v : {b, s, e, z}) hlffi_value_free(v);
}

TEST(Bytes, GetSetFill) {
    DataVm d;
    hlffi_value* b = hlffi_bytes_new(d.vm, 5);
    EXPECT_TRUE(hlffi_bytes_set(b, 0, 0x141));  // & 0xFF
    EXPECT_EQ(hlffi_bytes_get(b, 0), 0x41);
    EXPECT_TRUE(hlffi_bytes_set(b, 4, -1));
    EXPECT_EQ(hlffi_bytes_get(b, 4), 255);
    EXPECT_TRUE(hlffi_bytes_fill(b, 1, 3, 0x7A));
    EXPECT_EQ(d.text("checkBytes", {b}), "true 5 65,122,122,122,255 417a7a7aff");
    EXPECT_TRUE(hlffi_bytes_fill(b, 5, 0, 1));  // empty range at the end
    EXPECT_EQ(hlffi_bytes_get(b, 5), -1);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_bytes_get(b, -1), -1);
    EXPECT_FALSE(hlffi_bytes_set(b, 5, 0));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_bytes_fill(b, 3, 3, 0));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_bytes_fill(b, -1, 1, 0));
    EXPECT_FALSE(hlffi_bytes_fill(b, 1, -1, 0));
    EXPECT_FALSE(hlffi_bytes_fill(b, 2, 0x7FFFFFFF, 0));  // no overflow past the end
    EXPECT_EQ(d.text("checkBytes", {b}), "true 5 65,122,122,122,255 417a7a7aff");
    hlffi_value* h = d.call("makeBytes");  // Haxe-made, written from C
    EXPECT_TRUE(hlffi_bytes_set(h, 3, 'Z'));
    EXPECT_EQ(d.text("bytesText", {h}), "ABCZ");
    hlffi_value_free(b);
    hlffi_value_free(h);
}

TEST(Bytes, BlitAndCompare) {
    DataVm d;
    hlffi_value* a = hlffi_bytes_from_string(d.vm, "hello");
    hlffi_value* b = hlffi_bytes_new(d.vm, 5);
    EXPECT_TRUE(hlffi_bytes_blit(b, 0, a, 0, 5));
    EXPECT_EQ(hlffi_bytes_compare(a, 0, b, 0, 5), 0);
    EXPECT_TRUE(hlffi_bytes_set(b, 0, 'H'));
    EXPECT_EQ(hlffi_bytes_compare(a, 0, b, 0, 5), 1);   // 'h' > 'H'
    EXPECT_EQ(hlffi_bytes_compare(b, 0, a, 0, 5), -1);
    EXPECT_EQ(hlffi_bytes_compare(a, 1, b, 1, 4), 0);
    EXPECT_EQ(hlffi_bytes_compare(a, 0, b, 0, 0), 0);
    EXPECT_EQ(d.last(), HLFFI_OK);
    // Overlapping blit within one Bytes.
    EXPECT_TRUE(hlffi_bytes_blit(a, 1, a, 0, 4));
    EXPECT_EQ(take(hlffi_bytes_to_string(a, -1)), "hhell");
    EXPECT_FALSE(hlffi_bytes_blit(a, 2, b, 0, 4));
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_FALSE(hlffi_bytes_blit(a, 0, b, 3, 3));
    EXPECT_FALSE(hlffi_bytes_blit(a, 0, b, 0, -1));
    EXPECT_EQ(hlffi_bytes_compare(a, 4, b, 0, 2), 0);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(take(hlffi_bytes_to_string(a, 6)), "<NULL>");
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(take(hlffi_bytes_to_string(a, -2)), "<NULL>");
    // What Haxe's own Bytes code makes of the same operations.
    EXPECT_EQ(d.text("useBytes"), "Hello+elhe");
    hlffi_value_free(a);
    hlffi_value_free(b);
}

TEST(Bytes, SurviveCollectionsWhileHeld) {
    DataVm d;
    hlffi_value* b = hlffi_bytes_from_string(d.vm, "kept alive");
    void* p = hlffi_bytes_get_ptr(b);
    hlffi_value* n = hlffi_value_int(d.vm, 20000);
    hlffi_value* r = d.call("churn", {n});
    hlffi_value_free(r);
    EXPECT_EQ(hlffi_gc_collect(d.vm), HLFFI_OK);
    EXPECT_EQ(hlffi_bytes_get_ptr(b), p);  // the heap does not move
    EXPECT_EQ(d.text("bytesText", {b}), "kept alive");
    hlffi_value_free(b);
    hlffi_value_free(n);
}

TEST(Bytes, BadInput) {
    DataVm d;
    DataVm other;
    hlffi_value* b = hlffi_bytes_new(d.vm, 2);
    hlffi_value* s = hlffi_value_string(d.vm, "not bytes");
    hlffi_value* foreign = hlffi_bytes_new(other.vm, 2);
    hlffi_value* null = hlffi_value_null(d.vm);
    hlffi_value* freed = hlffi_bytes_new(d.vm, 2);
    hlffi_value_free(freed);  // (made last: a later value would reuse the freed handle)

    EXPECT_EQ(hlffi_bytes_new(nullptr, 1), nullptr);
    EXPECT_EQ(hlffi_bytes_new(d.vm, -1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_bytes_from_data(nullptr, "x", 1), nullptr);
    EXPECT_EQ(hlffi_bytes_from_data(d.vm, nullptr, 3), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_bytes_from_data(d.vm, "x", -1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(hlffi_bytes_from_string(nullptr, "x"), nullptr);
    EXPECT_EQ(hlffi_bytes_from_string(d.vm, nullptr), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_INVALID_ARGUMENT);

    EXPECT_EQ(hlffi_bytes_get_ptr(nullptr), nullptr);
    EXPECT_EQ(hlffi_bytes_get_ptr(s), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_bytes_get_ptr(null), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_EQ(hlffi_bytes_get_length(nullptr), -1);
    EXPECT_EQ(hlffi_bytes_get_length(s), -1);
    EXPECT_EQ(hlffi_bytes_get_length(freed), -1);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_FALSE(hlffi_bytes_blit(nullptr, 0, b, 0, 1));
    EXPECT_FALSE(hlffi_bytes_blit(b, 0, nullptr, 0, 1));
    EXPECT_EQ(d.last(), HLFFI_ERROR_NULL_VALUE);
    EXPECT_FALSE(hlffi_bytes_blit(b, 0, foreign, 0, 1));  // two VMs' bytes
    EXPECT_EQ(d.last(), HLFFI_ERROR_WRONG_VM);
    EXPECT_FALSE(hlffi_bytes_blit(b, 0, s, 0, 1));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_bytes_compare(nullptr, 0, b, 0, 1), 0);
    EXPECT_EQ(hlffi_bytes_compare(b, 0, freed, 0, 1), 0);
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_EQ(hlffi_bytes_compare(b, 0, foreign, 0, 1), 0);
    EXPECT_EQ(d.last(), HLFFI_ERROR_WRONG_VM);
    EXPECT_EQ(take(hlffi_bytes_to_string(nullptr, -1)), "<NULL>");
    EXPECT_EQ(take(hlffi_bytes_to_string(s, -1)), "<NULL>");
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    EXPECT_EQ(hlffi_bytes_get(nullptr, 0), -1);
    EXPECT_EQ(hlffi_bytes_get(s, 0), -1);
    EXPECT_FALSE(hlffi_bytes_set(nullptr, 0, 1));
    EXPECT_FALSE(hlffi_bytes_set(freed, 0, 1));
    EXPECT_EQ(d.last(), HLFFI_ERROR_STALE_HANDLE);
    EXPECT_FALSE(hlffi_bytes_fill(nullptr, 0, 1, 1));
    EXPECT_FALSE(hlffi_bytes_fill(s, 0, 1, 1));
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_MISMATCH);
    for (hlffi_value* v : {b, s, foreign, null}) hlffi_value_free(v);

    hlffi_vm* vm = hlffi_create();
    ASSERT_EQ(hlffi_init(vm, 0, nullptr), HLFFI_OK);
    EXPECT_EQ(hlffi_bytes_new(vm, 1), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    EXPECT_EQ(hlffi_bytes_from_string(vm, "x"), nullptr);
    EXPECT_EQ(hlffi_get_last_error(vm), HLFFI_ERROR_NOT_LOADED);
    hlffi_destroy(vm);
}

TEST(Bytes, ProgramWithoutBytes) {
    DataVm d("01_int_arith");
    EXPECT_EQ(hlffi_bytes_new(d.vm, 1), nullptr);
    EXPECT_EQ(d.last(), HLFFI_ERROR_TYPE_NOT_FOUND);
    EXPECT_NE(std::string(hlffi_get_error(d.vm)).find("haxe.io.Bytes"), std::string::npos);
}

}  // namespace
