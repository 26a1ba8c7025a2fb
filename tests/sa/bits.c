/*
 * bits.c - bit manipulation: population count (three ways), count of
 * leading and trailing zeros by loops, rotations, bit reversal, Gray
 * code, parity, next power of two, and the same on 64-bit values; the
 * methods are checked against each other.
 */
#include <stdint.h>
#include <stdio.h>

static int pop_loop(uint32_t x)
{
	int n = 0;
	for (; x; x >>= 1)
		n += x & 1;
	return n;
}

static int pop_kernighan(uint32_t x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static int pop_swar(uint32_t x)
{
	x = x - (x >> 1 & 0x55555555u);
	x = (x & 0x33333333u) + (x >> 2 & 0x33333333u);
	x = (x + (x >> 4)) & 0x0F0F0F0Fu;
	return (int)(x * 0x01010101u >> 24);
}

static int clz32(uint32_t x)
{
	int n = 0;
	if (!x)
		return 32;
	while (!(x & 0x80000000u)) {
		x <<= 1;
		n++;
	}
	return n;
}

static int ctz32(uint32_t x)
{
	int n = 0;
	if (!x)
		return 32;
	while (!(x & 1)) {
		x >>= 1;
		n++;
	}
	return n;
}

static int clz64(uint64_t x)
{
	return x >> 32 ? clz32((uint32_t)(x >> 32)) : 32 + clz32((uint32_t)x);
}

static uint32_t rotl(uint32_t x, unsigned r) { r &= 31; return r ? x << r | x >> (32 - r) : x; }
static uint32_t rotr(uint32_t x, unsigned r) { r &= 31; return r ? x >> r | x << (32 - r) : x; }
static uint64_t rotl64(uint64_t x, unsigned r) { r &= 63; return r ? x << r | x >> (64 - r) : x; }

static uint32_t reverse(uint32_t x)
{
	x = (x >> 1 & 0x55555555u) | (x & 0x55555555u) << 1;
	x = (x >> 2 & 0x33333333u) | (x & 0x33333333u) << 2;
	x = (x >> 4 & 0x0F0F0F0Fu) | (x & 0x0F0F0F0Fu) << 4;
	x = (x >> 8 & 0x00FF00FFu) | (x & 0x00FF00FFu) << 8;
	return x >> 16 | x << 16;
}

static uint32_t reverse_loop(uint32_t x)
{
	uint32_t r = 0;
	for (int i = 0; i < 32; i++, x >>= 1)
		r = r << 1 | (x & 1);
	return r;
}

static uint32_t next_pow2(uint32_t x)
{
	x--;
	x |= x >> 1; x |= x >> 2; x |= x >> 4; x |= x >> 8; x |= x >> 16;
	return x + 1;
}

int main(void)
{
	static const uint32_t vals[] = {
		0, 1, 2, 3, 0x80000000u, 0xFFFFFFFFu, 0x12345678u, 0xF0F0F0F0u,
		0x00010000u, 0xDEADBEEFu, 1000000, 0x7FFFFFFFu,
	};
	int fail = 0;

	printf("value       pop clz ctz rotl7    rotr13   reverse  gray     par\n");
	for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
		uint32_t v = vals[i];
		printf("%08x  %3d %3d %3d %08x %08x %08x %08x %d\n", v,
		       pop_swar(v), clz32(v), ctz32(v), rotl(v, 7), rotr(v, 13),
		       reverse(v), v ^ v >> 1, pop_loop(v) & 1);
	}
	uint32_t x = 1;
	unsigned checked = 0;
	for (int i = 0; i < 5000; i++) {
		x = x * 1664525u + 1013904223u;
		uint32_t v = x >> (i % 32);
		if (pop_loop(v) != pop_kernighan(v) || pop_loop(v) != pop_swar(v))
			fail = 1;
		if (reverse(v) != reverse_loop(v) || rotr(rotl(v, (unsigned)i), (unsigned)i) != v)
			fail = 1;
		if (v && (clz32(v) + ctz32(reverse(v)) != 2 * clz32(v)))
			fail = 1;
		checked++;
	}
	printf("cross-checked %u values\n", checked);
	for (uint32_t v = 1; v < 5000000; v = v * 3 + 1)
		printf("next_pow2(%u) = %u\n", v, next_pow2(v));
	uint64_t w = 0x0123456789ABCDEFull;
	for (unsigned r = 0; r < 64; r += 12)
		printf("rotl64(%016llx, %2u) = %016llx clz %d\n",
		       (unsigned long long)w, r, (unsigned long long)rotl64(w, r),
		       clz64(rotl64(w, r)));
	/* Gray code: successive codes differ in one bit */
	for (uint32_t g = 0; g < 1024; g++)
		if (pop_kernighan((g ^ g >> 1) ^ ((g + 1) ^ (g + 1) >> 1)) != 1)
			fail = 1;
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
