/*
 * linkage.S - subroutine linkage as S/370 programs do it: BAL to a
 * routine that saves registers 14-12 with STM, does a little work on
 * storage, reloads them with LM and returns with BR 14; 8 instructions
 * per iteration (see bench.h for the frame and the results).
 */
#include "bench.h"

#ifndef ITER
#define ITER 30000000
#endif

	bench_begin
	l	%r9,.Liter-.Lframe(%r8)
	la	%r13,.Lsave-.Lframe(%r8)
	la	%r10,.Lcounter-.Lframe(%r8)
	stck	BR_TOD_START(%r11)
.Lloop:
	bal	%r14,.Lsub-.Lbase(%r12)
	bct	%r9,.Lloop-.Lbase(%r12)
	stck	BR_TOD_END(%r11)
	l	%r2,0(%r10)
	bench_end 1 + 8 * ITER, %r2

/* The called routine, with the standard save area conventions */
.Lsub:
	stm	%r14,%r12,12(%r13)
	l	%r1,0(%r10)
	la	%r1,1(%r1)
	st	%r1,0(%r10)
	lm	%r14,%r12,12(%r13)
	br	%r14

	.data
.Liter:	.long	ITER
.Lcounter:	.long	0
.Lsave:	.space	72
