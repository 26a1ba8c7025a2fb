/*
 * hash.c - CRC-32 (bitwise and table driven), Adler-32, FNV-1a (32 and 64
 * bit) over known strings and generated data, checked against published
 * check values.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static uint32_t crc32_table(const uint8_t *p, unsigned n)
{
	uint32_t c = 0xFFFFFFFFu;
	while (n--)
		c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static uint32_t crc32_bitwise(const uint8_t *p, unsigned n)
{
	uint32_t c = 0xFFFFFFFFu;
	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
	}
	return ~c;
}

static uint32_t adler32(const uint8_t *p, unsigned n)
{
	uint32_t a = 1, b = 0;
	while (n--) {
		a = (a + *p++) % 65521;
		b = (b + a) % 65521;
	}
	return b << 16 | a;
}

static uint32_t fnv1a32(const uint8_t *p, unsigned n)
{
	uint32_t h = 2166136261u;
	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

static uint64_t fnv1a64(const uint8_t *p, unsigned n)
{
	uint64_t h = 14695981039346656037ull;
	while (n--)
		h = (h ^ *p++) * 1099511628211ull;
	return h;
}

static uint8_t data[4096];

int main(void)
{
	static const char *const strs[] = {
		"", "a", "abc", "123456789", "message digest",
		"The quick brown fox jumps over the lazy dog",
	};
	const uint8_t *nine = (const uint8_t *)"123456789";
	int fail = 0;

	crc_init();
	for (unsigned i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		const uint8_t *p = (const uint8_t *)strs[i];
		unsigned n = (unsigned)strlen(strs[i]);
		printf("%-44s crc32 %08x adler %08x fnv32 %08x fnv64 %016llx\n",
		       strs[i], crc32_table(p, n), adler32(p, n), fnv1a32(p, n),
		       (unsigned long long)fnv1a64(p, n));
		if (crc32_table(p, n) != crc32_bitwise(p, n))
			fail = 1;
	}
	/* Published check values */
	if (crc32_table(nine, 9) != 0xCBF43926u) fail = 1;
	if (adler32((const uint8_t *)"Wikipedia", 9) != 0x11E60398u) fail = 1;
	if (fnv1a32((const uint8_t *)"a", 1) != 0xE40C292Cu) fail = 1;
	if (fnv1a64((const uint8_t *)"a", 1) != 0xAF63DC4C8601EC8Cull) fail = 1;

	sa_srand(7);
	for (unsigned i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(sa_rand() >> 3);
	for (unsigned n = 1; n <= sizeof data; n *= 4)
		printf("data[0..%4u) crc32 %08x adler %08x fnv32 %08x\n", n,
		       crc32_table(data, n), adler32(data, n), fnv1a32(data, n));
	if (crc32_table(data, sizeof data) != crc32_bitwise(data, sizeof data))
		fail = 1;
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
