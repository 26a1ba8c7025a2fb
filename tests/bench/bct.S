/*
 * bct.S - the tight loop: BRANCH ON COUNT to itself, one instruction per
 * iteration (see bench.h for the frame and the results).
 */
#include "bench.h"

#ifndef ITER
#define ITER 300000000
#endif

	bench_begin
	l	%r9,.Liter-.Lframe(%r8)
	stck	BR_TOD_START(%r11)
.Lloop:
	bct	%r9,.Lloop-.Lbase(%r12)
	stck	BR_TOD_END(%r11)
	bench_end 1 + ITER, %r9

	.data
.Liter:	.long	ITER
