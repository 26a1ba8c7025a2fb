/*
 * collatz.c - Collatz (3n+1) statistics for n below 3000: the longest
 * trajectory, the highest peak, the distribution of stopping times, and
 * a memoised recount that must agree with the direct one.
 */
#include <stdint.h>
#include <stdio.h>

#define LIMIT 3000

static uint16_t memo[LIMIT];

static unsigned steps_of(uint64_t n, uint64_t *peak)
{
	unsigned s = 0;

	*peak = n;
	while (n != 1) {
		n = n & 1 ? 3 * n + 1 : n / 2;
		if (n > *peak)
			*peak = n;
		s++;
	}
	return s;
}

static unsigned steps_memo(uint64_t n)
{
	if (n == 1)
		return 0;
	if (n < LIMIT && memo[n])
		return memo[n];
	unsigned s = 1 + steps_memo(n & 1 ? 3 * n + 1 : n / 2);
	if (n < LIMIT)
		memo[n] = (uint16_t)s;
	return s;
}

int main(void)
{
	unsigned best = 0, best_n = 0, hist[12] = { 0 };
	uint64_t top = 0, top_n = 0, total = 0;
	int fail = 0;

	for (unsigned n = 1; n < LIMIT; n++) {
		uint64_t peak;
		unsigned s = steps_of(n, &peak);
		total += s;
		if (s > best) {
			best = s;
			best_n = n;
			printf("new record: n=%4u takes %3u steps\n", n, s);
		}
		if (peak > top) {
			top = peak;
			top_n = n;
		}
		hist[s / 25 < 11 ? s / 25 : 11]++;
		if (steps_memo(n) != s)
			fail = 1;
	}
	printf("longest: n=%u with %u steps\n", best_n, best);
	printf("highest peak: %llu from n=%llu\n", (unsigned long long)top,
	       (unsigned long long)top_n);
	printf("total steps %llu, mean %llu.%02llu\n", (unsigned long long)total,
	       (unsigned long long)(total / (LIMIT - 1)),
	       (unsigned long long)(total * 100 / (LIMIT - 1) % 100));
	for (int i = 0; i < 12; i++)
		printf("steps %3d-%3d: %4u\n", i * 25, i * 25 + 24, hist[i]);
	fail |= best_n != 2919 || best != 216;
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
