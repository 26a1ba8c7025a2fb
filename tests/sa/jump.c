/*
 * jump.c - setjmp and longjmp: a jump out of deep recursion, the value
 * 0 turned into 1, volatile locals kept across the jump, nested jump
 * buffers, an error-recovery loop, and exit() called from deep inside.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf top, inner;
static int depth_reached;

static void dive(int depth, int limit)
{
	volatile char pad[64];

	if (depth > limit)
		return;
	pad[depth % 64] = (char)depth;
	depth_reached = depth + (pad[depth % 64] != (char)depth);
	if (depth == limit)
		longjmp(top, depth);
	dive(depth + 1, limit);
}

static int risky(int x)
{
	if (x % 3 == 0)
		longjmp(inner, x + 100);
	return x * 2;
}

static int checked_div(int a, int b, jmp_buf on_error)
{
	if (b == 0)
		longjmp(on_error, 1);
	return a / b;
}

static void leave(int depth)
{
	if (depth < 0)
		return;
	if (depth == 0) {
		printf("exit from depth 0 of a recursion\n");
		exit(0);
	}
	leave(depth - 1);
}

int main(void)
{
	volatile int counter = 0;
	int r, fail = 0;

	r = setjmp(top);
	if (r == 0) {
		counter = 1;
		dive(0, 500);
		printf("not reached\n");
		fail = 1;
	}
	printf("longjmp from depth %d returned %d, counter %d\n",
	       depth_reached, r, counter);
	fail |= r != 500 || counter != 1;

	r = setjmp(top);
	if (r == 0)
		longjmp(top, 0);
	printf("longjmp(env, 0) made setjmp return %d\n", r);
	fail |= r != 1;

	volatile int total = 0, caught = 0;
	for (volatile int i = 1; i <= 10; i++) {
		int v = setjmp(inner);
		if (v == 0)
			total += risky(i);
		else
			caught += v;
	}
	printf("total %d, caught %d\n", total, caught);
	fail |= total != 2 * (1 + 2 + 4 + 5 + 7 + 8 + 10) || caught != 318;

	static const int pairs[][2] = { { 10, 2 }, { 7, 0 }, { 9, 3 }, { 1, 0 } };
	volatile int errors = 0;
	for (volatile unsigned i = 0; i < 4; i++) {
		jmp_buf env;
		if (setjmp(env)) {
			errors++;
			printf("%d / %d: division by zero\n", pairs[i][0], pairs[i][1]);
			continue;
		}
		printf("%d / %d = %d\n", pairs[i][0], pairs[i][1],
		       checked_div(pairs[i][0], pairs[i][1], env));
	}
	fail |= errors != 2;
	printf("%s\n", fail ? "FAIL" : "ok");
	if (fail)
		return 1;
	leave(50);
	return 3;       /* not reached: leave() exits with 0 */
}
