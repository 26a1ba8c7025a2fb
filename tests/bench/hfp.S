/*
 * hfp.S - hexadecimal floating point, long and short, on registers 0, 2,
 * 4 and 6: load, add, multiply, divide, store, compare, halve, with
 * storage and register operands; 15 instructions per iteration (see
 * bench.h for the frame and the results).  Every iteration starts again
 * from the same storage operands; only register 6 accumulates.
 */
#include "bench.h"

#ifndef ITER
#define ITER 12000000
#endif

	bench_begin
	l	%r9,.Liter-.Lframe(%r8)
	la	%r10,.Ldata-.Lframe(%r8)
	sdr	%f6,%f6
	stck	BR_TOD_START(%r11)
.Lloop:
	ld	%f0,0(%r10)		/* 1.5 */
	ad	%f0,8(%r10)		/* + 2.25 */
	md	%f0,16(%r10)		/* * 3 */
	dd	%f0,16(%r10)		/* / 3 */
	std	%f0,24(%r10)
	ldr	%f2,%f0
	mdr	%f2,%f2
	adr	%f6,%f2			/* accumulate */
	ler	%f4,%f0
	aer	%f4,%f4
	me	%f4,32(%r10)		/* * 0.5 (short) */
	cer	%f4,%f0			/* equal */
	bc	7,.Lfail-.Lbase(%r12)	/* not taken */
	hdr	%f2,%f2
	bct	%r9,.Lloop-.Lbase(%r12)
	stck	BR_TOD_END(%r11)
	std	%f6,40(%r10)
	l	%r2,40(%r10)
	bench_end 1 + 15 * ITER, %r2

.Lfail:	lpsw	.Lpsw_fail-.Lframe(%r8)

	.data
.Liter:	.long	ITER
	.align	8
.Ldata:	.long	0x41180000, 0		/* +0  1.5 */
	.long	0x41240000, 0		/* +8  2.25 */
	.long	0x41300000, 0		/* +16 3.0 */
	.long	0, 0			/* +24 */
	.long	0x40800000, 0		/* +32 0.5 (short) */
	.long	0, 0			/* +40 the sum */
