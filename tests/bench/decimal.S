/*
 * decimal.S - packed decimal arithmetic as a COBOL-style program does it:
 * add, zero-and-add, multiply, subtract, compare, convert to and from
 * binary, unpack and pack; 11 instructions per iteration (see bench.h
 * for the frame and the results).
 */
#include "bench.h"

#ifndef ITER
#define ITER 3000000
#endif

	bench_begin
	l	%r9,.Liter-.Lframe(%r8)
	la	%r10,.Ldata-.Lframe(%r8)
	stck	BR_TOD_START(%r11)
.Lloop:
	ap	0(8,%r10),8(1,%r10)	/* acc += 1 */
	zap	16(8,%r10),0(8,%r10)	/* tmp = acc */
	mp	16(8,%r10),9(1,%r10)	/* tmp *= 2 */
	sp	16(8,%r10),0(8,%r10)	/* tmp -= acc: tmp = acc */
	cp	16(8,%r10),0(8,%r10)	/* equal */
	bc	7,.Lfail-.Lbase(%r12)	/* not taken */
	cvb	%r2,0(%r10)		/* r2 = acc */
	cvd	%r2,24(%r10)
	unpk	32(16,%r10),24(8,%r10)	/* 15 zoned digits and the sign */
	pack	48(8,%r10),32(16,%r10)
	bct	%r9,.Lloop-.Lbase(%r12)
	stck	BR_TOD_END(%r11)
	bench_end 1 + 11 * ITER, %r2

.Lfail:	lpsw	.Lpsw_fail-.Lframe(%r8)

	.data
.Liter:	.long	ITER
	.align	8
.Ldata:	.long	0x00000000, 0x0000000C	/* +0  acc, packed +0 */
	.byte	0x1C, 0x2C		/* +8  packed +1, +2 */
	.space	6
	.space	8			/* +16 tmp */
	.space	8			/* +24 CVD result */
	.space	16			/* +32 zoned */
	.space	8			/* +48 packed again */
