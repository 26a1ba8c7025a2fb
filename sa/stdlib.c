/*
 * stdlib.c - qsort, bsearch, abs, atoi, strtol and friends, and the
 * C standard's example rand() (sa/include/stdlib.h). exit and abort are
 * in exit.c, the heap in malloc.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <ctype.h>

int errno;

static void swap(char *a, char *b, size_t size)
{
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/*
 * Quicksort: median-of-three pivot, Sedgewick's partition, recursion on
 * the smaller part, insertion sort for parts of 8 or fewer. Not stable;
 * the order of equal elements differs from glibc's, so a program whose
 * output must match the host's sorts with a total order.
 */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *))
{
	char *b = base;

	while (n > 8) {
		char *lo = b, *mid = b + n / 2 * size, *hi = b + (n - 1) * size;
		char *i = lo, *j = hi + size;
		size_t left, right;

		if (cmp(mid, lo) < 0)
			swap(mid, lo, size);
		if (cmp(hi, mid) < 0) {
			swap(hi, mid, size);
			if (cmp(mid, lo) < 0)
				swap(mid, lo, size);
		}
		swap(mid, lo, size);            /* pivot at lo */
		for (;;) {
			do i += size; while (i < hi && cmp(i, lo) < 0);
			do j -= size; while (j > lo && cmp(j, lo) > 0);
			if (i >= j)
				break;
			swap(i, j, size);
		}
		swap(lo, j, size);
		left = (size_t)(j - b) / size;
		right = n - left - 1;
		if (left < right) {
			qsort(b, left, size, cmp);
			b = j + size;
			n = right;
		} else {
			qsort(j + size, right, size, cmp);
			n = left;
		}
	}
	for (size_t k = 1; k < n; k++)
		for (char *p = b + k * size; p > b && cmp(p - size, p) > 0;
		     p -= size)
			swap(p - size, p, size);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;

	while (n > 0) {
		const char *mid = b + n / 2 * size;
		int c = cmp(key, mid);

		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

int abs(int v) { return v < 0 ? -v : v; }
long labs(long v) { return v < 0 ? -v : v; }
long long llabs(long long v) { return v < 0 ? -v : v; }

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/*
 * The common part of the strto* functions (C99 7.20.1.4): skip white
 * space, read a sign and a number in `base` (0: by prefix). Returns the
 * magnitude, saturated at ULLONG_MAX with *over set; *neg is the sign.
 * *end is s itself when there are no digits.
 */
static unsigned long long parse(const char *s, char **end, int base,
				int *neg, int *over)
{
	const char *p = s;
	unsigned long long v = 0;
	int any = 0;

	*neg = *over = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		any = 1;
		if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
			*over = 1;
		else
			v = v * (unsigned)base + (unsigned)d;
	}
	if (end)
		*end = (char *)(any ? p : s);
	return *over ? ULLONG_MAX : v;
}

/* Clamp a parsed value into [-lim-1, lim] (signed) */
static long long clamp_signed(unsigned long long v, int neg, int over,
			      unsigned long long lim)
{
	if (over || v > lim + neg) {
		errno = ERANGE;
		return neg ? -(long long)lim - 1 : (long long)lim;
	}
	return neg ? (long long)(0ull - v) : (long long)v;
}

/* Clamp a parsed value into [0, lim]; a minus sign negates modulo lim+1 */
static unsigned long long clamp_unsigned(unsigned long long v, int neg,
					 int over, unsigned long long lim)
{
	if (over || v > lim) {
		errno = ERANGE;
		return lim;
	}
	return neg ? (0ull - v) & lim : v;
}

long long strtoll(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);

	return clamp_signed(v, neg, over, LLONG_MAX);
}

long strtol(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);

	return (long)clamp_signed(v, neg, over, LONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);

	return clamp_unsigned(v, neg, over, ULLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	int neg, over;
	unsigned long long v = parse(s, end, base, &neg, &over);

	return (unsigned long)clamp_unsigned(v, neg, over, ULONG_MAX);
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

/* C99 7.20.2.2 example: next = next * 1103515245 + 12345 */
static uint32_t rand_next = 1;

int sa_rand(void)
{
	rand_next = rand_next * 1103515245u + 12345u;
	return (int)(rand_next / 65536 % 32768);
}

void sa_srand(unsigned seed)
{
	rand_next = seed;
}

int rand(void) { return sa_rand(); }
void srand(unsigned seed) { sa_srand(seed); }
