/*
 * cwork.c - the compiled C workload of the benchmarks: the kind of work
 * the stand-alone test programs do (tests/sa/), in rounds: sorting
 * (quicksort and merge sort of pseudo-random keys), hashing (table-driven
 * CRC-32 and FNV-1a over a buffer), bignum (factorial and a schoolbook
 * product in base 10^4 limbs) and string handling (sa/string.c).
 *
 * Built with the stand-alone runtime (sa/) by tests/bench/bench.mk, for
 * cpcms (console.c) and for Hercules in ESA/390 mode (console_css.c).
 * The work is timed with STCK and the two TOD values stored in the
 * results area of bench.h (BENCH_RESULTS, +0 and +8); the instruction
 * count (+16) is left 0: run.sh takes it from a run in cpcms's
 * deterministic mode, where the TOD advances 64 units per instruction.
 * Nothing between the two STCKs touches the console, so the instructions
 * executed there are the same on every machine.  The checksums printed
 * afterwards show that they did the same work.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define BENCH_RESULTS 0x1000    /* bench.h */
#define ROUNDS 24

static uint64_t stck(void)
{
	uint64_t t;
	__asm__ volatile("stck %0" : "=Q"(t) : : "cc");
	return t;
}

static uint32_t seed = 12345;

static uint32_t lcg(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

/* --- sorting ------------------------------------------------------------ */
#define NKEYS 8000
static uint32_t keys[NKEYS], tmp[NKEYS];

static void quicksort(uint32_t *a, int lo, int hi)
{
	while (lo < hi) {
		uint32_t p = a[(lo + hi) / 2];
		int i = lo, j = hi;
		while (i <= j) {
			while (a[i] < p)
				i++;
			while (a[j] > p)
				j--;
			if (i <= j) {
				uint32_t t = a[i];
				a[i++] = a[j];
				a[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quicksort(a, lo, j);
			lo = i;
		} else {
			quicksort(a, i, hi);
			hi = j;
		}
	}
}

static void mergesort(uint32_t *a, uint32_t *t, int n)
{
	for (int w = 1; w < n; w *= 2) {
		for (int lo = 0; lo < n; lo += 2 * w) {
			int mid = lo + w < n ? lo + w : n;
			int hi = lo + 2 * w < n ? lo + 2 * w : n;
			int i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				t[k++] = a[i] <= a[j] ? a[i++] : a[j++];
			while (i < mid)
				t[k++] = a[i++];
			while (j < hi)
				t[k++] = a[j++];
		}
		memcpy(a, t, (size_t)n * sizeof *a);
	}
}

static uint32_t sort_round(void)
{
	uint32_t sum = 0;

	for (int i = 0; i < NKEYS; i++)
		keys[i] = lcg();
	quicksort(keys, 0, NKEYS - 1);
	for (int i = 1; i < NKEYS; i++)
		sum += keys[i] >= keys[i - 1] ? keys[i] >> 16 : 0x80000000u;
	for (int i = 0; i < NKEYS; i++)
		keys[i] = lcg();
	mergesort(keys, tmp, NKEYS);
	for (int i = 1; i < NKEYS; i++)
		sum += keys[i] >= keys[i - 1] ? keys[i] & 0xFFFF : 0x80000000u;
	return sum;
}

/* --- hashing ------------------------------------------------------------ */
#define NBUF 32768
static uint8_t buf[NBUF];
static uint32_t crc_table[256];

static uint32_t hash_round(void)
{
	uint32_t c = 0xFFFFFFFFu, h = 2166136261u;

	for (int i = 0; i < NBUF; i++)
		buf[i] = (uint8_t)lcg();
	for (int i = 0; i < NBUF; i++)
		c = crc_table[(c ^ buf[i]) & 0xFF] ^ (c >> 8);
	for (int i = 0; i < NBUF; i++)
		h = (h ^ buf[i]) * 16777619u;
	return ~c ^ h;
}

/* --- bignum ------------------------------------------------------------- */
#define LIMBS 600
#define BASE 10000

struct big {
	int n;
	uint32_t d[LIMBS];
};

static struct big fact, prod;

static void big_mul_small(struct big *a, uint32_t m)
{
	uint32_t carry = 0;

	for (int i = 0; i < a->n; i++) {
		uint32_t t = a->d[i] * m + carry;
		a->d[i] = t % BASE;
		carry = t / BASE;
	}
	while (carry) {
		a->d[a->n++] = carry % BASE;
		carry /= BASE;
	}
}

/* r = a * b, schoolbook; r must not be a or b */
static void big_mul(struct big *r, const struct big *a, const struct big *b)
{
	memset(r->d, 0, sizeof r->d);
	for (int i = 0; i < a->n; i++) {
		uint32_t carry = 0;
		for (int j = 0; j < b->n; j++) {
			uint32_t t = r->d[i + j] + a->d[i] * b->d[j] + carry;
			r->d[i + j] = t % BASE;
			carry = t / BASE;
		}
		for (int k = i + b->n; carry; k++) {
			uint32_t t = r->d[k] + carry;
			r->d[k] = t % BASE;
			carry = t / BASE;
		}
	}
	r->n = a->n + b->n;
	while (r->n > 1 && r->d[r->n - 1] == 0)
		r->n--;
}

static uint32_t bignum_round(void)
{
	uint32_t sum = 0;

	fact.n = 1;
	fact.d[0] = 1;
	for (uint32_t k = 2; k <= 300; k++)
		big_mul_small(&fact, k);        /* 300!: 615 digits */
	big_mul(&prod, &fact, &fact);
	for (int i = 0; i < prod.n; i++)
		sum = sum * 31 + prod.d[i];
	return sum ^ (uint32_t)prod.n;
}

/* --- strings ------------------------------------------------------------ */
static char text[4096], copy[4096];

static uint32_t string_round(void)
{
	static const char *words[] = { "SYSTEM/370 ", "VIRTUAL ", "MACHINE ",
		"CONTROL PROGRAM ", "CONVERSATIONAL MONITOR ", "DASD " };
	uint32_t sum = 0;

	for (int k = 0; k < 40; k++) {
		text[0] = 0;
		size_t len = 0;
		while (len < sizeof text - 32) {
			const char *w = words[lcg() % 6];
			size_t wl = strlen(w);
			memcpy(text + len, w, wl + 1);
			len += wl;
		}
		memcpy(copy, text, len + 1);
		sum += (uint32_t)strlen(copy) + (memcmp(copy, text, len) == 0);
		for (char *p = strchr(copy, 'V'); p; p = strchr(p + 1, 'V'))
			sum++;
	}
	return sum;
}

int main(void)
{
	volatile uint64_t *res = (volatile uint64_t *)BENCH_RESULTS;
	uint32_t sums[4] = { 0, 0, 0, 0 };

	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	res[0] = stck();
	for (int r = 0; r < ROUNDS; r++) {
		sums[0] += sort_round();
		sums[1] += hash_round();
		sums[2] += bignum_round();
		sums[3] += string_round();
	}
	res[1] = stck();
	res[2] = 0;
	((volatile uint32_t *)res)[6] = sums[0] ^ sums[1] ^ sums[2] ^ sums[3];
	printf("cwork: sort %08X hash %08X bignum %08X strings %08X\n",
	       sums[0], sums[1], sums[2], sums[3]);
	return 0;
}
