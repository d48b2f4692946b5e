// std layer: the raw-memory natives of natives.md §1-§2 (alloc_bytes, bytes_*), defined in
// natives_bytes.cpp and listed in natives_string()'s table.
#pragma once

#include <cstdint>

#include "std/native.h"

namespace hlffi::rt::bytes_natives {

uint8_t* alloc_bytes(Ctx& c, int32_t size);
void bytes_blit(Ctx& c, uint8_t* dst, int32_t dpos, const uint8_t* src, int32_t spos, int32_t len);
int32_t bytes_compare(Ctx& c, const uint8_t* a, int32_t apos, const uint8_t* b, int32_t bpos, int32_t len);
int32_t bytes_compare16(Ctx& c, const uint8_t* a, const uint8_t* b, int32_t len);
int32_t string_compare(Ctx& c, const uint8_t* a, const uint8_t* b, int32_t len);
int32_t bytes_find(Ctx& c, const uint8_t* where, int32_t pos, int32_t len, const uint8_t* which, int32_t wpos,
                   int32_t wlen);
int32_t bytes_rfind(Ctx& c, const uint8_t* where, int32_t len, const uint8_t* which, int32_t wlen);
void bytes_fill(Ctx& c, uint8_t* b, int32_t pos, int32_t len, int32_t value);
uint8_t* bytes_offset(Ctx& c, uint8_t* b, int32_t delta);
int32_t bytes_subtract(Ctx& c, const uint8_t* a, const uint8_t* b);
int32_t bytes_address(Ctx& c, const uint8_t* a, int32_t* high);
uint8_t* bytes_from_address(Ctx& c, int32_t low, int32_t high);

}  // namespace hlffi::rt::bytes_natives
