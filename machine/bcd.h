/*
 * bcd.h - packed-decimal digits and binary, sixteen digits at a time:
 * the digit check and the conversions of the decimal instructions, CVB
 * and CVD (GA22-7000, "Decimal Instructions", "CONVERT TO BINARY").
 * A 64-bit word holds 16 digits, the most significant in the top nibble,
 * as they stand in storage read big-endian.
 */
#ifndef CPCMS_BCD_H
#define CPCMS_BCD_H

#include <stdbool.h>
#include <stdint.h>

/* Whether every nibble of x is a digit, 0-9 (a nibble above 9 has bit 3
   and bit 2 or 1 on). */
static inline bool bcd_digits_ok(uint64_t x)
{
    return !((x >> 3) & ((x >> 2) | (x >> 1)) & 0x1111111111111111ull);
}

/* The value of 16 digits: pairs of digits into bytes, bytes into 16-bit
   fields, those into 32-bit ones, each step in every field at once. */
static inline uint64_t bcd_to_bin(uint64_t x)
{
    x = (x >> 4 & 0x0F0F0F0F0F0F0F0Full) * 10 + (x & 0x0F0F0F0F0F0F0F0Full);
    x = (x >> 8 & 0x00FF00FF00FF00FFull) * 100 + (x & 0x00FF00FF00FF00FFull);
    x = (x >> 16 & 0x0000FFFF0000FFFFull) * 10000 + (x & 0x0000FFFF0000FFFFull);
    return (x >> 32) * 100000000 + (x & 0xFFFFFFFFull);
}

/* The two digits of 0-99 as a byte. */
#define BCD_ROW(t) 0x##t##0, 0x##t##1, 0x##t##2, 0x##t##3, 0x##t##4, \
                   0x##t##5, 0x##t##6, 0x##t##7, 0x##t##8, 0x##t##9
static const uint8_t bcd_byte[100] = {
    BCD_ROW(0), BCD_ROW(1), BCD_ROW(2), BCD_ROW(3), BCD_ROW(4),
    BCD_ROW(5), BCD_ROW(6), BCD_ROW(7), BCD_ROW(8), BCD_ROW(9),
};
#undef BCD_ROW

/* The 16 digits of v, which must be below 10^16. */
static inline uint64_t bin_to_bcd(uint64_t v)
{
    uint64_t r = 0;
    for (unsigned shift = 0; v; shift += 8) {
        uint64_t q = v / 100;
        r |= (uint64_t)bcd_byte[v - q * 100] << shift;
        v = q;
    }
    return r;
}

#endif
