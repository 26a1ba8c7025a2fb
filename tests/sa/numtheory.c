/*
 * numtheory.c - GCD and LCM, the extended Euclidean algorithm and
 * modular inverses, modular exponentiation with 64-bit products,
 * deterministic Miller-Rabin for 32-bit numbers (checked against trial
 * division), Euler's totient, and the Carmichael numbers below 10000.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t gcd(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* Returns g = gcd(a, b) and x, y with a*x + b*y = g */
static long long egcd(long long a, long long b, long long *x, long long *y)
{
	long long x0 = 1, y0 = 0, x1 = 0, y1 = 1;

	while (b) {
		long long q = a / b, t;
		t = a - q * b; a = b; b = t;
		t = x0 - q * x1; x0 = x1; x1 = t;
		t = y0 - q * y1; y0 = y1; y1 = t;
	}
	*x = x0;
	*y = y0;
	return a;
}

static uint32_t powmod(uint32_t b, uint32_t e, uint32_t m)
{
	uint64_t r = 1 % m, x = b % m;

	while (e) {
		if (e & 1)
			r = r * x % m;
		x = x * x % m;
		e >>= 1;
	}
	return (uint32_t)r;
}

static int is_prime_mr(uint32_t n)
{
	static const uint32_t bases[] = { 2, 3, 5, 7 };
	uint32_t d = n - 1;
	int s = 0;

	if (n < 2)
		return 0;
	for (int i = 0; i < 4; i++)
		if (n == bases[i])
			return 1;
		else if (n % bases[i] == 0)
			return 0;
	while (!(d & 1)) {
		d >>= 1;
		s++;
	}
	for (int i = 0; i < 4; i++) {
		uint64_t x = powmod(bases[i], d, n);
		if (x == 1 || x == n - 1)
			continue;
		int r;
		for (r = 1; r < s; r++) {
			x = x * x % n;
			if (x == n - 1)
				break;
		}
		if (r == s)
			return 0;
	}
	return 1;
}

static int is_prime_td(uint32_t n)
{
	if (n < 2)
		return 0;
	for (uint32_t d = 2; d * d <= n; d++)
		if (n % d == 0)
			return 0;
	return 1;
}

static uint32_t phi(uint32_t n)
{
	uint32_t r = n;

	for (uint32_t p = 2; p * p <= n; p++)
		if (n % p == 0) {
			while (n % p == 0)
				n /= p;
			r -= r / p;
		}
	if (n > 1)
		r -= r / n;
	return r;
}

/* Korselt: n composite, squarefree, and p-1 | n-1 for every prime p | n */
static int is_carmichael(uint32_t n)
{
	uint32_t m = n;
	int factors = 0;

	for (uint32_t p = 2; p * p <= m; p++)
		if (m % p == 0) {
			m /= p;
			if (m % p == 0 || (n - 1) % (p - 1) != 0)
				return 0;
			factors++;
		}
	if (m > 1) {
		if (m == n || (n - 1) % (m - 1) != 0)
			return 0;
		factors++;
	}
	return factors >= 3;
}

int main(void)
{
	static const uint32_t pairs[][2] = {
		{ 12, 18 }, { 1071, 462 }, { 832040, 514229 }, { 1 << 20, 3 << 15 },
		{ 4294967295u, 65535 }, { 0, 5 }, { 360, 7 },
	};
	int fail = 0;

	for (unsigned i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		uint32_t a = pairs[i][0], b = pairs[i][1], g = gcd(a, b);
		long long x, y;
		long long g2 = egcd(a, b, &x, &y);
		unsigned long long l = g ? (unsigned long long)a / g * b : 0;
		printf("gcd(%u,%u) = %u, lcm %llu, %lld*%u + %lld*%u = %lld\n",
		       a, b, g, l, x, a, y, b, (long long)a * x + (long long)b * y);
		fail |= g2 != g || (long long)a * x + (long long)b * y != g2;
	}
	for (uint32_t a = 2; a < 40; a += 7) {
		long long x, y;
		egcd(a, 1000000007, &x, &y);
		long long inv = (x % 1000000007 + 1000000007) % 1000000007;
		printf("inverse of %2u mod 1e9+7 = %lld\n", a, inv);
		fail |= (unsigned long long)inv * a % 1000000007 != 1;
	}
	printf("2^100 mod 1e9+7 = %u\n", powmod(2, 100, 1000000007u));
	printf("3^(2^31) mod 4294967291 = %u\n", powmod(3, 2147483648u, 4294967291u));
	printf("fermat 7^(p-1) mod p, p=2147483647: %u\n",
	       powmod(7, 2147483646u, 2147483647u));

	unsigned agree = 0;
	for (uint32_t n = 0; n < 3000; n++)
		agree += is_prime_mr(n) == is_prime_td(n);
	printf("Miller-Rabin agrees with trial division on %u of 3000\n", agree);
	fail |= agree != 3000;
	printf("primes below 2^32:");
	for (uint32_t n = 4294967295u, k = 0; k < 5; n--)
		if (is_prime_mr(n)) {
			printf(" %u", n);
			k++;
		}
	printf("\n");
	printf("strong pseudoprimes to base 2 that MR rejects: 2047 %d, 3277 %d\n",
	       is_prime_mr(2047), is_prime_mr(3277));
	printf("phi:");
	for (uint32_t n = 1; n <= 36; n += 5)
		printf(" phi(%u)=%u", n, phi(n));
	printf("\ncarmichael:");
	int nc = 0;
	for (uint32_t n = 3; n < 10000; n += 2)
		if (is_carmichael(n)) {
			printf(" %u", n);
			nc++;
		}
	printf("\n");
	fail |= nc != 7;
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
