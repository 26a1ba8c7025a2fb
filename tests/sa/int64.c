/*
 * int64.c - long long arithmetic through libgcc on a 32-bit machine:
 * multiply, signed and unsigned divide and modulo (__divdi3, __udivdi3,
 * __moddi3, __umoddi3), shifts by variable amounts, comparisons, and a
 * 64-bit LCG. Operands come through volatile variables so that the
 * compiler cannot fold them.
 */
#include <stdint.h>
#include <stdio.h>

static volatile long long sv[] = {
	0, 1, -1, 7, -7, 1000000007LL, -1000000007LL, 4294967296LL,
	-4294967296LL, 123456789012345LL, -98765432109876LL,
	9223372036854775807LL, -9223372036854775807LL - 1, 0x7FFFFFFFLL,
	-0x80000000LL, 3037000499LL,
};
static volatile unsigned long long uv[] = {
	0, 1, 2, 3, 10, 0xFFFFFFFFull, 0x100000000ull, 0xFFFFFFFFFFFFFFFFull,
	0x8000000000000000ull, 12345678901234567890ull, 0xDEADBEEFCAFEBABEull,
	1000000000000ull,
};
#define NS (int)(sizeof sv / sizeof sv[0])
#define NU (int)(sizeof uv / sizeof uv[0])

int main(void)
{
	unsigned long long h = 0;
	int fail = 0;

	for (int i = 0; i < NS; i++)
		for (int j = 0; j < NS; j++) {
			long long a = sv[i], b = sv[j];
			long long p = (long long)((unsigned long long)a * (unsigned long long)b);
			if (b == 0 || (b == -1 && a == -9223372036854775807LL - 1))
				continue;
			long long q = a / b, r = a % b;
			if (q * b + r != a)
				fail = 1;
			h = h * 1000003 + (unsigned long long)q;
			h = h * 1000003 + (unsigned long long)r;
			h = h * 1000003 + (unsigned long long)p;
			if (i < 11 && j < 11 && j % 3 == 1)
				printf("%lld / %lld = %lld rem %lld\n", a, b, q, r);
		}
	printf("signed hash %016llx\n", h);

	h = 0;
	for (int i = 0; i < NU; i++)
		for (int j = 0; j < NU; j++) {
			unsigned long long a = uv[i], b = uv[j];
			if (b == 0)
				continue;
			unsigned long long q = a / b, r = a % b;
			if (q * b + r != a || r >= b)
				fail = 1;
			h = (h ^ q) * 0x100000001B3ull;
			h = (h ^ r) * 0x100000001B3ull;
			if (j == 4 || j == 5)
				printf("%llu / %llu = %llu rem %llu\n", a, b, q, r);
		}
	printf("unsigned hash %016llx\n", h);

	for (volatile int s = 0; s < 64; s += 7) {
		long long a = sv[10];
		unsigned long long u = uv[10];
		printf("s=%2d  %016llx %016llx %016llx %lld\n", s, u << s, u >> s,
		       (unsigned long long)(a >> s), a >> s);
	}

	unsigned long long x = 88172645463325252ull;
	unsigned long long sum = 0;
	for (int i = 0; i < 1000; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		sum += x >> 33;
	}
	printf("lcg64 x=%llu sum=%llu\n", x, sum);

	long long m = 1;
	for (int i = 1; i <= 20; i++) {
		m *= i;
		printf("%2d! = %20lld  %%1e9+7 = %lld  /3 = %lld\n", i, m,
		       m % 1000000007LL, m / 3);
	}
	if (m != 2432902008176640000LL)
		fail = 1;
	int lt = 0;
	for (int i = 0; i < NS; i++)
		for (int j = 0; j < NS; j++)
			lt += (sv[i] < sv[j]) + 2 * ((unsigned long long)sv[i] < (unsigned long long)sv[j]);
	printf("comparisons %d\n", lt);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
