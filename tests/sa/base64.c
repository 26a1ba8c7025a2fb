/*
 * base64.c - Base64 (RFC 4648) encoding and decoding: the RFC's test
 * vectors, rejection of bad input, and round trips of generated binary
 * data of every length from 0 to 64.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static unsigned encode(const uint8_t *in, unsigned n, char *out)
{
	unsigned o = 0;

	for (unsigned i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;
		if (i + 1 < n) v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < n) v |= in[i + 2];
		out[o++] = alphabet[v >> 18 & 63];
		out[o++] = alphabet[v >> 12 & 63];
		out[o++] = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
		out[o++] = i + 2 < n ? alphabet[v & 63] : '=';
	}
	out[o] = 0;
	return o;
}

static int value(char c)
{
	const char *p = c ? strchr(alphabet, c) : NULL;
	return p ? (int)(p - alphabet) : -1;
}

/* Decode; returns the byte count or -1 for malformed input */
static int decode(const char *in, uint8_t *out)
{
	unsigned n = (unsigned)strlen(in), o = 0;

	if (n % 4)
		return -1;
	for (unsigned i = 0; i < n; i += 4) {
		int v[4], pad = 0;
		for (int k = 0; k < 4; k++) {
			if (in[i + k] == '=' && i + 4 == n && k >= 2) {
				v[k] = 0;
				pad++;
			} else if (pad || (v[k] = value(in[i + k])) < 0) {
				return -1;
			}
		}
		uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
			     (uint32_t)v[2] << 6 | (uint32_t)v[3];
		out[o++] = (uint8_t)(w >> 16);
		if (pad < 2) out[o++] = (uint8_t)(w >> 8);
		if (pad < 1) out[o++] = (uint8_t)w;
	}
	return (int)o;
}

int main(void)
{
	static const char *const rfc[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
		{ "foobar", "Zm9vYmFy" },
	};
	static const char *const bad[] = { "Zg=", "Zg=a", "Z===", "Zm9v!A==", "=AAA" };
	char enc[128];
	uint8_t data[64] = { 0 }, dec[96];
	int fail = 0;

	for (unsigned i = 0; i < sizeof rfc / sizeof rfc[0]; i++) {
		encode((const uint8_t *)rfc[i][0], (unsigned)strlen(rfc[i][0]), enc);
		int n = decode(enc, dec);
		int ok = strcmp(enc, rfc[i][1]) == 0 && n == (int)strlen(rfc[i][0]) &&
			 memcmp(dec, rfc[i][0], (size_t)n) == 0;
		printf("BASE64(\"%s\") = \"%s\" %s\n", rfc[i][0], enc, ok ? "ok" : "BAD");
		fail |= !ok;
	}
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int n = decode(bad[i], dec);
		printf("decode(\"%s\") = %d\n", bad[i], n);
		fail |= n != -1;
	}
	sa_srand(64);
	unsigned h = 0;
	for (unsigned n = 0; n <= 64; n++) {
		for (unsigned i = 0; i < n; i++)
			data[i] = (uint8_t)sa_rand();
		unsigned e = encode(data, n, enc);
		int d = decode(enc, dec);
		if (d != (int)n || memcmp(data, dec, n) != 0 || e != (n + 2) / 3 * 4)
			fail = 1;
		for (unsigned i = 0; i < e; i++)
			h = h * 131 + (unsigned char)enc[i];
		if (n % 16 == 5)
			printf("%2u bytes: %s\n", n, enc);
	}
	printf("round trips hash %08x\n", h);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
