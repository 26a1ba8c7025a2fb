/*
 * compress.c - two lossless compressors and their round trips over
 * generated text and data: run-length encoding (a count byte, then a
 * literal run or a repeated byte) and LZ77 with a 255-byte window
 * (tokens: literal, or offset+length). Sizes and checksums are printed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX 2048

/* RLE: 0x80|n+2 then a byte repeated n+2 times, or n-1 then n literals */
static unsigned rle_encode(const uint8_t *in, unsigned n, uint8_t *out)
{
	unsigned i = 0, o = 0;

	while (i < n) {
		unsigned run = 1;
		while (i + run < n && run < 129 && in[i + run] == in[i])
			run++;
		if (run >= 3) {
			out[o++] = (uint8_t)(0x80 | (run - 2));
			out[o++] = in[i];
			i += run;
			continue;
		}
		unsigned start = i, lit = 0;
		while (i < n && lit < 128 &&
		       !(i + 2 < n && in[i] == in[i + 1] && in[i] == in[i + 2])) {
			i++;
			lit++;
		}
		out[o++] = (uint8_t)(lit - 1);
		memcpy(out + o, in + start, lit);
		o += lit;
	}
	return o;
}

static unsigned rle_decode(const uint8_t *in, unsigned n, uint8_t *out)
{
	unsigned i = 0, o = 0;

	while (i < n) {
		uint8_t c = in[i++];
		if (c & 0x80) {
			memset(out + o, in[i++], (c & 0x7F) + 2u);
			o += (c & 0x7F) + 2u;
		} else {
			memcpy(out + o, in + i, c + 1u);
			o += c + 1u;
			i += c + 1u;
		}
	}
	return o;
}

/* LZ77: flag byte per 8 tokens; literal = 1 byte, match = offset, length */
static unsigned lz_encode(const uint8_t *in, unsigned n, uint8_t *out)
{
	unsigned i = 0, o = 0, flag_at = 0, bit = 8;

	while (i < n) {
		unsigned best = 0, best_off = 0;
		unsigned lo = i > 255 ? i - 255 : 0;
		if (bit == 8) {
			flag_at = o++;
			out[flag_at] = 0;
			bit = 0;
		}
		for (unsigned j = lo; j < i; j++) {
			unsigned l = 0;
			while (l < 255 && i + l < n && in[j + l] == in[i + l])
				l++;
			if (l > best) {
				best = l;
				best_off = i - j;
			}
		}
		if (best >= 3) {
			out[flag_at] |= (uint8_t)(1 << bit);
			out[o++] = (uint8_t)best_off;
			out[o++] = (uint8_t)best;
			i += best;
		} else {
			out[o++] = in[i++];
		}
		bit++;
	}
	return o;
}

static unsigned lz_decode(const uint8_t *in, unsigned n, uint8_t *out)
{
	unsigned i = 0, o = 0;

	while (i < n) {
		uint8_t flags = in[i++];
		for (int bit = 0; bit < 8 && i < n; bit++) {
			if (flags >> bit & 1) {
				unsigned off = in[i], len = in[i + 1];
				i += 2;
				for (unsigned k = 0; k < len; k++, o++)
					out[o] = out[o - off];
			} else {
				out[o++] = in[i++];
			}
		}
	}
	return o;
}

static uint32_t sum32(const uint8_t *p, unsigned n)
{
	uint32_t h = 0;
	while (n--)
		h = (h << 5 | h >> 27) ^ *p++;
	return h;
}

static uint8_t src[MAX], packed[MAX * 2], unpacked[MAX];

static int trial(const char *name, unsigned n)
{
	unsigned r = rle_encode(src, n, packed);
	unsigned rd = rle_decode(packed, r, unpacked);
	int ok = rd == n && memcmp(src, unpacked, n) == 0;
	unsigned z = lz_encode(src, n, packed);
	unsigned zd = lz_decode(packed, z, unpacked);
	ok &= zd == n && memcmp(src, unpacked, n) == 0;
	printf("%-10s %4u bytes  rle %4u  lz77 %4u  sum %08x  %s\n", name, n,
	       r, z, sum32(packed, z), ok ? "ok" : "MISMATCH");
	return !ok;
}

int main(void)
{
	static const char *const words[] = {
		"the ", "system ", "virtual ", "machine ", "control ",
		"program ", "of ", "a ", "storage ", "channel ",
	};
	unsigned n = 0;
	int fail = 0;

	sa_srand(77);
	while (n < 1000) {
		const char *w = words[sa_rand() % 10];
		size_t l = strlen(w);
		memcpy(src + n, w, l);
		n += (unsigned)l;
	}
	fail |= trial("text", n);
	for (unsigned i = 0; i < 1000; i++)
		src[i] = (uint8_t)(i / 37 % 3 == 0 ? 'x' : sa_rand() % 4);
	fail |= trial("runs", 1000);
	for (unsigned i = 0; i < 600; i++)
		src[i] = (uint8_t)sa_rand();
	fail |= trial("random", 600);
	memset(src, 0, 1000);
	fail |= trial("zeros", 1000);
	fail |= trial("empty", 0);
	src[0] = 'q';
	fail |= trial("one", 1);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
