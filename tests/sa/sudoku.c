/*
 * sudoku.c - a backtracking Sudoku solver with bit masks for the rows,
 * columns and boxes, choosing the cell with the fewest candidates; solves
 * two puzzles, checks the solutions, and counts the search nodes.
 */
#include <stdio.h>

static int cell[81];
static unsigned rows[9], cols[9], boxes[9];
static unsigned nodes;

static int box(int i) { return i / 27 * 3 + i % 9 / 3; }

static int popcount(unsigned x)
{
	int n = 0;
	for (; x; x &= x - 1)
		n++;
	return n;
}

static void place(int i, int d)
{
	unsigned bit = 1u << d;
	cell[i] = d;
	rows[i / 9] |= bit;
	cols[i % 9] |= bit;
	boxes[box(i)] |= bit;
}

static void unplace(int i, int d)
{
	unsigned bit = ~(1u << d);
	cell[i] = 0;
	rows[i / 9] &= bit;
	cols[i % 9] &= bit;
	boxes[box(i)] &= bit;
}

static int solve(void)
{
	int best = -1, best_n = 10;
	unsigned best_free = 0;

	nodes++;
	for (int i = 0; i < 81; i++) {
		if (cell[i])
			continue;
		unsigned free = ~(rows[i / 9] | cols[i % 9] | boxes[box(i)]) & 0x3FE;
		int n = popcount(free);
		if (n < best_n) {
			best = i;
			best_n = n;
			best_free = free;
			if (n <= 1)
				break;
		}
	}
	if (best < 0)
		return 1;
	for (int d = 1; d <= 9; d++)
		if (best_free >> d & 1) {
			place(best, d);
			if (solve())
				return 1;
			unplace(best, d);
		}
	return 0;
}

static int load(const char *s)
{
	for (int i = 0; i < 9; i++)
		rows[i] = cols[i] = boxes[i] = 0;
	for (int i = 0; i < 81; i++) {
		cell[i] = 0;
		if (s[i] >= '1' && s[i] <= '9') {
			int d = s[i] - '0';
			if ((rows[i / 9] | cols[i % 9] | boxes[box(i)]) >> d & 1)
				return 0;
			place(i, d);
		}
	}
	return 1;
}

static int valid(void)
{
	for (int g = 0; g < 9; g++) {
		unsigned r = 0, c = 0, b = 0;
		for (int k = 0; k < 9; k++) {
			r |= 1u << cell[g * 9 + k];
			c |= 1u << cell[k * 9 + g];
			b |= 1u << cell[(g / 3 * 3 + k / 3) * 9 + g % 3 * 3 + k % 3];
		}
		if (r != 0x3FE || c != 0x3FE || b != 0x3FE)
			return 0;
	}
	return 1;
}

int main(void)
{
	static const char *const puzzles[] = {
		"53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79",
		"..9748...7.........2.1.9.....7...24..64.1.59..98...3.....8.3.2.........6...2759..",
		"11...............................................................................",
	};
	int fail = 0;

	for (unsigned p = 0; p < sizeof puzzles / sizeof puzzles[0]; p++) {
		nodes = 0;
		if (!load(puzzles[p])) {
			printf("puzzle %u: inconsistent givens\n", p + 1);
			fail |= p != 2;
			continue;
		}
		int ok = solve();
		printf("puzzle %u: %s in %u nodes\n", p + 1,
		       ok ? (valid() ? "solved" : "WRONG") : "no solution", nodes);
		fail |= !ok || !valid();
		for (int r = 0; r < 9; r++) {
			for (int c = 0; c < 9; c++)
				printf("%d%s", cell[r * 9 + c], c % 3 == 2 && c < 8 ? " | " : " ");
			printf("\n");
			if (r % 3 == 2 && r < 8)
				printf("------+-------+------\n");
		}
	}
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
