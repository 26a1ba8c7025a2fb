/*
 * bignum.c - arbitrary-precision decimal arithmetic in base 10^4 limbs:
 * 100!, 2^1000, Fibonacci(400), with digit sums and digit counts. 100!
 * is printed on one 158-character line, which the console must split
 * (sa/console.c) without changing the text.
 */
#include <stdio.h>
#include <string.h>

#define LIMBS 200               /* 800 decimal digits */
#define BASE  10000

struct big {
	int n;                  /* limbs in use, least significant first */
	unsigned d[LIMBS];
};

static void big_set(struct big *a, unsigned v)
{
	a->n = 0;
	do {
		a->d[a->n++] = v % BASE;
		v /= BASE;
	} while (v);
}

static void big_mul_small(struct big *a, unsigned m)
{
	unsigned carry = 0;

	for (int i = 0; i < a->n; i++) {
		unsigned t = a->d[i] * m + carry;
		a->d[i] = t % BASE;
		carry = t / BASE;
	}
	while (carry) {
		a->d[a->n++] = carry % BASE;
		carry /= BASE;
	}
}

static void big_add(struct big *r, const struct big *a, const struct big *b)
{
	unsigned carry = 0;
	int n = a->n > b->n ? a->n : b->n;

	for (int i = 0; i < n; i++) {
		unsigned t = carry + (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0);
		r->d[i] = t % BASE;
		carry = t / BASE;
	}
	r->n = n;
	if (carry)
		r->d[r->n++] = carry;
}

/* Decimal string of a into s; returns its length */
static int big_str(const struct big *a, char *s)
{
	int len = sprintf(s, "%u", a->d[a->n - 1]);

	for (int i = a->n - 2; i >= 0; i--)
		len += sprintf(s + len, "%04u", a->d[i]);
	return len;
}

static unsigned digit_sum(const char *s)
{
	unsigned sum = 0;
	while (*s)
		sum += (unsigned)(*s++ - '0');
	return sum;
}

static char text[LIMBS * 4 + 1];

int main(void)
{
	struct big a, b, c;
	int len, fail = 0;

	big_set(&a, 1);
	for (unsigned i = 2; i <= 100; i++)
		big_mul_small(&a, i);
	len = big_str(&a, text);
	printf("100! =\n%s\n", text);
	printf("digits %d, digit sum %u\n", len, digit_sum(text));
	fail |= len != 158 || digit_sum(text) != 648;

	big_set(&a, 1);
	for (int i = 0; i < 1000; i++)
		big_mul_small(&a, 2);
	len = big_str(&a, text);
	printf("2^1000 has %d digits, digit sum %u:\n", len, digit_sum(text));
	for (int i = 0; i < len; i += 60)
		printf("  %.60s\n", text + i);
	fail |= len != 302 || digit_sum(text) != 1366;

	big_set(&a, 0);
	big_set(&b, 1);
	for (int i = 1; i < 400; i++) {
		big_add(&c, &a, &b);
		a = b;
		b = c;
	}
	len = big_str(&b, text);
	printf("F(400) has %d digits: %.20s...%s\n", len, text,
	       text + len - 20);
	fail |= len != 84;

	for (unsigned k = 10; k <= 30; k += 5) {
		big_set(&a, 1);
		for (unsigned i = 2; i <= k; i++)
			big_mul_small(&a, i);
		big_str(&a, text);
		printf("%u! = %s\n", k, text);
	}
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
