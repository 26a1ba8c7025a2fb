/*
 * sieve.c - the sieve of Eratosthenes to 50000 in a bit array: prime
 * counts by decade, twin primes, the largest prime gap, and Goldbach
 * partitions of the even numbers up to 1000.
 */
#include <stdint.h>
#include <stdio.h>

#define LIMIT 50000

static uint32_t composite[LIMIT / 32 + 1];

static int is_prime(unsigned n)
{
	return n >= 2 && !(composite[n / 32] >> (n % 32) & 1);
}

int main(void)
{
	unsigned count = 0, twins = 0, gap = 0, gap_at = 0, last = 0;
	unsigned long long sum = 0;
	int fail = 0;

	for (unsigned i = 2; i * i <= LIMIT; i++)
		if (is_prime(i))
			for (unsigned j = i * i; j <= LIMIT; j += i)
				composite[j / 32] |= 1u << (j % 32);
	for (unsigned n = 2, next = 10; n <= LIMIT; n++) {
		if (is_prime(n)) {
			count++;
			sum += n;
			if (last && n - last > gap) {
				gap = n - last;
				gap_at = last;
			}
			if (last && n - last == 2)
				twins++;
			last = n;
		}
		if (n == next) {
			printf("pi(%5u) = %u\n", n, count);
			next *= 10;
		}
	}
	printf("pi(%u) = %u, sum %llu\n", LIMIT, count, sum);
	printf("twin prime pairs: %u\n", twins);
	printf("largest gap %u after %u\n", gap, gap_at);
	printf("last primes:");
	for (unsigned n = LIMIT, k = 0; k < 8; n--)
		if (is_prime(n)) {
			printf(" %u", n);
			k++;
		}
	printf("\n");
	fail |= count != 5133 || twins != 705;

	unsigned most = 0, most_at = 0;
	for (unsigned e = 4; e <= 1000; e += 2) {
		unsigned ways = 0;
		for (unsigned p = 2; p <= e / 2; p++)
			ways += is_prime(p) && is_prime(e - p);
		if (ways == 0)
			fail = 1;
		if (ways > most) {
			most = ways;
			most_at = e;
		}
		if (e % 200 == 0)
			printf("goldbach(%4u) = %u ways\n", e, ways);
	}
	printf("most partitions: %u for %u\n", most, most_at);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
