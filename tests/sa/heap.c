/*
 * heap.c - malloc, calloc, realloc and free under a random workload:
 * blocks of random sizes are filled with a pattern derived from their
 * slot and checked before they are freed or resized, so any overlap or
 * lost data shows. Only the results of the checks are printed (block
 * addresses differ between hosts).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 64

static unsigned char *blk[SLOTS];
static unsigned len[SLOTS], tag[SLOTS];

static void fill(int s)
{
	for (unsigned i = 0; i < len[s]; i++)
		blk[s][i] = (unsigned char)(tag[s] + i * 7);
}

static int check(int s, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (blk[s][i] != (unsigned char)(tag[s] + i * 7))
			return 0;
	return 1;
}

int main(void)
{
	unsigned allocs = 0, frees = 0, reallocs = 0, bad = 0, peak = 0, cur = 0;
	int fail = 0;

	sa_srand(4242);
	for (int step = 0; step < 2000; step++) {
		int s = sa_rand() % SLOTS;
		unsigned n = (unsigned)(sa_rand() % 400) + 1;
		int op = sa_rand() % 3;

		if (blk[s] == NULL) {
			blk[s] = op == 0 ? calloc(n, 1) : malloc(n);
			if (!blk[s]) {
				printf("allocation of %u failed\n", n);
				return 1;
			}
			if (op == 0)
				for (unsigned i = 0; i < n; i++)
					bad += blk[s][i] != 0;
			len[s] = n;
			tag[s] = (unsigned)step;
			fill(s);
			allocs++;
			cur += n;
		} else if (op == 0) {
			unsigned keep = len[s] < n ? len[s] : n;
			bad += !check(s, len[s]);
			blk[s] = realloc(blk[s], n);
			if (!blk[s]) {
				printf("realloc to %u failed\n", n);
				return 1;
			}
			bad += !check(s, keep);
			cur += n - len[s];
			len[s] = n;
			fill(s);
			reallocs++;
		} else {
			bad += !check(s, len[s]);
			free(blk[s]);
			blk[s] = NULL;
			cur -= len[s];
			frees++;
		}
		if (cur > peak)
			peak = cur;
		if (step % 500 == 499)
			printf("step %4d: %u allocs, %u frees, %u reallocs, %u bytes live\n",
			       step + 1, allocs, frees, reallocs, cur);
	}
	for (int s = 0; s < SLOTS; s++) {
		if (blk[s])
			bad += !check(s, len[s]);
		free(blk[s]);
	}
	printf("peak %u bytes live, %u bad checks\n", peak, bad);
	fail |= bad != 0;

	/* Large blocks come and go: the heap must coalesce its free space */
	for (int round = 0; round < 4; round++) {
		void *p[6];
		int ok = 1;
		for (int i = 0; i < 6; i++)
			ok &= (p[i] = malloc(60000)) != NULL;
		for (int i = 0; i < 6; i++)
			free(p[i]);
		void *big = malloc(300000);
		ok &= big != NULL;
		free(big);
		printf("round %d: large blocks %s\n", round, ok ? "ok" : "failed");
		fail |= !ok;
	}
	char *d = strdup("duplicate me");
	printf("strdup: %s\n", d);
	free(d);
	free(NULL);
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
