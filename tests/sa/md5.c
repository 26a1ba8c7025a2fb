/*
 * md5.c - MD5 (RFC 1321) over the RFC's test suite, checked against the
 * digests it lists. Little-endian word handling on a big-endian machine.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint32_t T[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a,
	0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
	0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8,
	0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
	0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
	0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};
static const int S[64] = {
	7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
	5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
	4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
	6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
};

static void md5_block(uint32_t h[4], const uint8_t *p)
{
	uint32_t m[16], a = h[0], b = h[1], c = h[2], d = h[3];

	for (int i = 0; i < 16; i++)
		m[i] = p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
		       (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;
		if (i < 16)      { f = (b & c) | (~b & d); g = i; }
		else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
		else if (i < 48) { f = b ^ c ^ d;          g = (3 * i + 5) % 16; }
		else             { f = c ^ (b | ~d);       g = (7 * i) % 16; }
		f += a + T[i] + m[g];
		a = d; d = c; c = b;
		b += f << S[i] | f >> (32 - S[i]);
	}
	h[0] += a; h[1] += b; h[2] += c; h[3] += d;
}

static void md5(const char *msg, char hex[33])
{
	uint32_t h[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	unsigned n = (unsigned)strlen(msg), i;
	uint64_t bits = (uint64_t)n * 8;
	uint8_t last[128];

	for (i = 0; i + 64 <= n; i += 64)
		md5_block(h, (const uint8_t *)msg + i);
	memset(last, 0, sizeof last);
	memcpy(last, msg + i, n - i);
	last[n - i] = 0x80;
	unsigned tail = n - i + 1 + 8 <= 64 ? 64 : 128;
	for (int k = 0; k < 8; k++)
		last[tail - 8 + k] = (uint8_t)(bits >> (8 * k));
	md5_block(h, last);
	if (tail == 128)
		md5_block(h, last + 64);
	for (int k = 0; k < 16; k++)
		sprintf(hex + 2 * k, "%02x", (h[k / 4] >> (8 * (k % 4))) & 0xFF);
}

int main(void)
{
	static const char *const suite[][2] = {
		{ "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "a", "0cc175b9c0f1b6a831c399e269772661" },
		{ "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		  "d174ab98d277d9f5a5611c2c9f419d9f" },
		{ "1234567890123456789012345678901234567890"
		  "1234567890123456789012345678901234567890",
		  "57edf4a22be3c955ac49da2e2107b67a" },
	};
	int fail = 0;
	char hex[33];

	for (unsigned i = 0; i < sizeof suite / sizeof suite[0]; i++) {
		md5(suite[i][0], hex);
		printf("MD5 (\"%.40s\") = %s%s\n", suite[i][0], hex,
		       strcmp(hex, suite[i][1]) ? " BAD" : "");
		fail |= strcmp(hex, suite[i][1]) != 0;
	}
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
