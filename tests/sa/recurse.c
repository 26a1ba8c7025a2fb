/*
 * recurse.c - deep and branching recursion: Ackermann, N-queens for
 * N = 1..8, Towers of Hanoi move counts, recursive Fibonacci and
 * McCarthy's 91 function, each checked against a closed form.
 */
#include <stdio.h>

static unsigned calls;

static unsigned ack(unsigned m, unsigned n)
{
	calls++;
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

static int queens(int n, int row, unsigned cols, unsigned d1, unsigned d2)
{
	int count = 0;

	if (row == n)
		return 1;
	for (int c = 0; c < n; c++) {
		unsigned bc = 1u << c, b1 = 1u << (row + c), b2 = 1u << (row - c + n);
		if ((cols & bc) || (d1 & b1) || (d2 & b2))
			continue;
		count += queens(n, row + 1, cols | bc, d1 | b1, d2 | b2);
	}
	return count;
}

static unsigned moves;
static int pegs[3];

static void hanoi(int n, int from, int to, int via)
{
	if (n == 0)
		return;
	hanoi(n - 1, from, via, to);
	pegs[from]--;
	pegs[to]++;
	moves++;
	hanoi(n - 1, via, to, from);
}

static unsigned fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int mc91(int n)
{
	return n > 100 ? n - 10 : mc91(mc91(n + 11));
}

int main(void)
{
	static const int known[9] = { 0, 1, 0, 0, 2, 10, 4, 40, 92 };
	int fail = 0;

	for (unsigned m = 0; m <= 3; m++)
		for (unsigned n = 0; n <= 4; n++) {
			calls = 0;
			unsigned a = ack(m, n);
			printf("A(%u,%u) = %3u in %5u calls\n", m, n, a, calls);
			if (m == 3 && a != (1u << (n + 3)) - 3)
				fail = 1;
		}
	for (int n = 1; n <= 8; n++) {
		int q = queens(n, 0, 0, 0, 0);
		printf("%d-queens: %d solutions\n", n, q);
		fail |= q != known[n];
	}
	for (int n = 1; n <= 14; n += 3) {
		moves = 0;
		pegs[0] = n;
		pegs[1] = pegs[2] = 0;
		hanoi(n, 0, 2, 1);
		printf("hanoi %2d: %5u moves, pegs %d %d %d\n", n, moves,
		       pegs[0], pegs[1], pegs[2]);
		fail |= moves != (1u << n) - 1 || pegs[2] != n;
	}
	for (unsigned n = 0; n <= 20; n += 4)
		printf("fib(%2u) = %u\n", n, fib(n));
	fail |= fib(20) != 6765;
	for (int n = 0; n <= 120; n += 15)
		printf("mc91(%3d) = %d\n", n, mc91(n));
	printf("%s\n", fail ? "FAIL" : "ok");
	return fail;
}
