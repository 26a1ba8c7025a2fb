/*
 * mix.S - an RX/SS/branch mix of the kind compiled S/370 code runs: loads,
 * adds, stores, logical and address arithmetic, a move and a compare of
 * 8 bytes, insert and store character, and conditional branches taken
 * and not taken; 16 instructions per iteration (see bench.h for the
 * frame and the results).
 */
#include "bench.h"

#ifndef ITER
#define ITER 25000000
#endif

	bench_begin
	l	%r9,.Liter-.Lframe(%r8)
	la	%r10,.Ldata-.Lframe(%r8)
	sr	%r4,%r4
	sr	%r5,%r5
	sr	%r6,%r6
	stck	BR_TOD_START(%r11)
.Lloop:
	l	%r2,0(%r10)		/* RX load */
	a	%r2,4(%r10)		/* RX add */
	st	%r2,0(%r10)		/* RX store: a running sum */
	lr	%r3,%r2			/* RR */
	n	%r3,8(%r10)		/* RX and */
	ar	%r4,%r3			/* RR add */
	la	%r5,1(%r5)		/* address arithmetic */
	mvc	16(8,%r10),24(%r10)	/* SS move */
	clc	16(8,%r10),24(%r10)	/* SS compare: equal */
	bc	7,.Lfail-.Lbase(%r12)	/* not taken */
	ic	%r6,3(%r10)		/* RX insert character */
	stc	%r6,32(%r10)		/* RX store character */
	c	%r5,12(%r10)		/* RX compare: r5 stays low */
	bc	2,.Lfail-.Lbase(%r12)	/* not taken */
	bc	15,.Lnext-.Lbase(%r12)	/* taken */
.Lnext:
	bct	%r9,.Lloop-.Lbase(%r12)	/* taken but for the last */
	stck	BR_TOD_END(%r11)
	bench_end 1 + 16 * ITER, %r4

.Lfail:	lpsw	.Lpsw_fail-.Lframe(%r8)

	.data
.Liter:	.long	ITER
	.align	8
.Ldata:	.long	0, 0x01234567, 0x0FFFFFFF, 0x7FFFFFFF
	.long	0, 0, 0x89ABCDEF, 0x01234567
	.long	0
