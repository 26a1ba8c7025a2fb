/*
 * hfp.S - hexadecimal floating point, short and long (GA22-7000, chapter
 * 9): AD, SD, AW, SW, MD, DD, CD and their short forms over every pair
 * of a table of operands (zeros of both signs, unnormalized numbers, the
 * largest and smallest, numbers whose sums lose digits), with the program
 * mask off (underflow and lost significance give true zeros) and with the
 * exponent-underflow and significance masks on (interruptions, wrapped
 * exponents); exponent overflow and floating-point divide always
 * interrupt.  hfpx.S has the unary, extended and rounding instructions.
 *
 * f0 = a, f2 = b for each pair (the register forms are in hfpx.S).
 */
#include "diff.h"

#define FPAIRS(addr, n, ...) \
	la %r2,addr ; la %r3,n ; \
	1: la %r4,addr ; la %r5,n ; \
	2: ld %f0,0(%r2) ; ld %f2,0(%r4) ; \
	TF(__VA_ARGS__) ; \
	la %r4,8(%r4) ; bct %r5,C(2b) ; la %r2,8(%r2) ; bct %r3,C(1b)

	PROLOG
	DATA
	.align	8
vals:	.quad	0x0000000000000000, 0x8000000000000000
	.quad	0x4110000000000000, 0xC110000000000000
	.quad	0x4080000000000000, 0x4200100000000000
	.quad	0x7FFFFFFFFFFFFFFF, 0x0010000000000000
	.quad	0xFFFFFFFFFFFFFFFF, 0x413243F6A8885A30
	.quad	0x4055555555555555, 0x410FFFFFFFFFFFFF
	.quad	0xC110000000000001, 0x4500000000000000
	.quad	0x0000000000000001, 0x3F1000000000000F
	.equ	NV, 16
masks:	.long	0x03000000                      /* underflow, significance */
nomask:	.long	0
	ENDDATA

	.macro	allops
	BLOCK
	FPAIRS(GV(vals), NV, ad %f0,0(%r4))
	FPAIRS(GV(vals), NV, sd %f0,0(%r4))
	FPAIRS(GV(vals), NV, aw %f0,0(%r4))
	FPAIRS(GV(vals), NV, sw %f0,0(%r4))
	BLOCK
	FPAIRS(GV(vals), NV, md %f0,0(%r4))
	FPAIRS(GV(vals), NV, dd %f0,0(%r4))
	FPAIRS(GV(vals), NV, cd %f0,0(%r4))
	BLOCK
	FPAIRS(GV(vals), NV, ae %f0,0(%r4))
	FPAIRS(GV(vals), NV, se %f0,0(%r4))
	FPAIRS(GV(vals), NV, au %f0,0(%r4))
	FPAIRS(GV(vals), NV, su %f0,0(%r4))
	BLOCK
	FPAIRS(GV(vals), NV, me %f0,0(%r4))
	FPAIRS(GV(vals), NV, de %f0,0(%r4))
	FPAIRS(GV(vals), NV, ce %f0,0(%r4))
	.endm

	allops
	BLOCK
	l	%r0, GV(masks)
	spm	%r0
	allops
	BLOCK
	l	%r0, GV(nomask)
	spm	%r0

	EPILOG
