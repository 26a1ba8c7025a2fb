/*
 * fixed.S - fixed-point arithmetic, comparison and logical instructions
 * (GA22-7000, chapter 7 "General Instructions") over a table of operands:
 * every pair for the binary ones, with the program mask off (overflow
 * gives CC 3) and on (fixed-point overflow interruptions); multiply,
 * divide with fixed-point divide exceptions; halfword and character
 * forms; ICM/STCM/CLM with every mask; COMPARE AND SWAP; specification
 * exceptions of odd register pairs and unaligned CS/CDS operands.
 */
#include "diff.h"

	PROLOG
	DATA
	.align	8
vals:	.long	0, 1, 2, -1, -2, 0x7FFFFFFF, 0x80000000, 0x80000001
	.long	0x12345678, 0xEDCBA988, 0xFFFF8000
	.equ	NV, 11
divs:	.long	1, -1, 3, -7, 0x10000, 0x7FFFFFFF, 0x80000000, 0
	.equ	ND, 8
fixmask: .long	0x08000000            /* SPM: CC 0, fixed-point overflow on */
nomask:	.long	0
	ENDDATA

/* --- add, subtract, compare: program mask off ---------------------- */
	BLOCK
	PAIRS(GV(vals), NV, ar %r6,%r7)
	PAIRS(GV(vals), NV, sr %r6,%r7)
	PAIRS(GV(vals), NV, alr %r6,%r7)
	PAIRS(GV(vals), NV, slr %r6,%r7)
	PAIRS(GV(vals), NV, cr %r6,%r7)
	PAIRS(GV(vals), NV, clr %r6,%r7)
	BLOCK
	PAIRS(GV(vals), NV, a %r6,0(%r4))
	PAIRS(GV(vals), NV, s %r6,0(%r4))
	PAIRS(GV(vals), NV, al %r6,0(%r4))
	PAIRS(GV(vals), NV, sl %r6,0(%r4))
	PAIRS(GV(vals), NV, c %r6,0(%r4))
	PAIRS(GV(vals), NV, cl %r6,0(%r4))
	BLOCK
	PAIRS(GV(vals), NV, ah %r6,2(%r4))
	PAIRS(GV(vals), NV, sh %r6,0(%r4))
	PAIRS(GV(vals), NV, ch %r6,2(%r4))
	PAIRS(GV(vals), NV, mh %r6,2(%r4))
	EACH(GV(vals), NV, lpr %r6,%r7)
	EACH(GV(vals), NV, lnr %r6,%r7)
	EACH(GV(vals), NV, ltr %r6,%r7)
	EACH(GV(vals), NV, lcr %r6,%r7)
	EACH(GV(vals), NV, lh %r6,0(%r2); lh %r7,2(%r2))

/* --- logical -------------------------------------------------------- */
	BLOCK
	PAIRS(GV(vals), NV, nr %r6,%r7)
	PAIRS(GV(vals), NV, or %r6,%r7)
	PAIRS(GV(vals), NV, xr %r6,%r7)
	PAIRS(GV(vals), NV, n %r6,0(%r4))
	PAIRS(GV(vals), NV, o %r6,0(%r4))
	PAIRS(GV(vals), NV, x %r6,0(%r4))

/* --- the same with the fixed-point-overflow mask on ------------------ */
	BLOCK
	l	%r1, GV(fixmask)
	spm	%r1
	PAIRS(GV(vals), NV, ar %r6,%r7)
	PAIRS(GV(vals), NV, s %r6,0(%r4))
	PAIRS(GV(vals), NV, ah %r6,2(%r4))
	PAIRS(GV(vals), NV, sh %r6,0(%r4))
	EACH(GV(vals), NV, lpr %r6,%r7)
	EACH(GV(vals), NV, lcr %r6,%r7)
	/* logical ones never overflow */
	PAIRS(GV(vals), NV, alr %r6,%r7)
	l	%r1, GV(nomask)
	spm	%r1

/* --- multiply and divide ---------------------------------------------- */
	BLOCK
	PAIRS(GV(vals), NV, lr %r9,%r7; lr %r7,%r6; mr %r6,%r9)
	PAIRS(GV(vals), NV, lr %r7,%r6; m %r6,0(%r4))
	/* 64-bit dividend: a sign-extended, divisor from divs */
	BLOCK
	la	%r2, GV(vals)
	la	%r3, NV
1:	la	%r4, GV(divs)
	la	%r5, ND
2:	l	%r7, 0(%r2)
	T(srda %r6,32; l %r9,0(%r4); dr %r6,%r9)
	T(l %r7,0(%r2); srda %r6,32; d %r6,0(%r4))
	/* dividend a:a, a big one */
	T(l %r6,0(%r2); l %r7,0(%r2); d %r6,0(%r4))
	/* dividend (a >> 8):a */
	T(l %r6,0(%r2); sra %r6,8; l %r7,0(%r2); d %r6,0(%r4))
	la	%r4, 4(%r4)
	bct	%r5, C(2b)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)

/* --- specification: odd even-odd pairs -------------------------------- */
	BLOCK
	la	%r6, 5
	la	%r7, 7
	la	%r2, GV(vals)
	T(.short 0x1C76)                       /* MR 7,6 */
	T(.short 0x1D76)                       /* DR 7,6 */
	T(.long 0x5C502000)                    /* M 5,0(2) */
	T(.long 0x5D302000)                    /* D 3,0(2) */
	T(.long 0x8C700003)                    /* SRDL 7,3 */
	T(.long 0xBB342000)                    /* CDS 3,4,0(2) */
	T(.long 0xBB452000)                    /* CDS 4,5,0(2) */

/* --- insert, store, compare characters under mask ---------------------- */
	BLOCK
	la	%r5, 0
1:	l	%r6, GV(vals+8*4)
	l	%r7, GV(vals+9*4)
	T(ex %r5,C(6f))
	T(ex %r5,C(7f); l %r8,V(buf); xc VL(buf,8),V(buf))
	T(ex %r5,C(8f))
	la	%r5, 1(%r5)
	la	%r1, 16
	cr	%r5, %r1
	bl	C(1b)
	b	C(5f)
6:	icm	%r6, 0, GV(vals+7*4)
7:	stcm	%r7, 0, V(buf)
8:	clm	%r7, 0, GV(vals+10*4)
5:
	/* ICM setting CC from the inserted bits: zero, high bit, positive */
	T(icm %r6,15,GV(vals))
	T(icm %r6,8,GV(vals+6*4))
	T(icm %r6,3,GV(vals+5*4))
	T(icm %r6,1,GV(vals+4*4))
	T(clm %r6,9,GV(vals+3*4))
	T(lh %r6,GV(vals+10*4); sth %r6,V(buf); ic %r7,V(buf); stc %r7,V(buf+3); l %r8,V(buf))
	DATA
	.align	8
buf:	.long	0, 0
	ENDDATA

/* --- COMPARE AND SWAP, COMPARE DOUBLE AND SWAP ------------------------- */
	BLOCK
	lm	%r6, %r9, V(cs1)
	T(cs %r6,%r7,V(word); l %r8,V(word))
	T(cs %r6,%r7,V(word); l %r8,V(word))
	T(cds %r6,%r8,V(dbl); lm %r4,%r5,V(dbl))
	T(cds %r6,%r8,V(dbl); lm %r4,%r5,V(dbl))
	T(lm %r6,%r7,V(dbl); cds %r6,%r8,V(dbl); lm %r4,%r5,V(dbl))
	T(cs %r6,%r7,V(word+2))                 /* not on a word boundary */
	T(cds %r6,%r8,V(dbl+4))                 /* not on a doubleword */
	DATA
	.align	8
cs1:	.long	0x11111111, 0x22222222, 0x33333333, 0x44444444
word:	.long	0x11111111, 0
dbl:	.long	0x11111111, 0x22222222
	ENDDATA

/* --- LOAD MULTIPLE, STORE MULTIPLE wrapping around ---------------------- */
	BLOCK
	T(lm %r15,%r1,V(lmdata); stm %r15,%r2,V(lmout); lm %r6,%r9,V(lmout))
	T(la %r1,5(%r1,%r2); la %r0,4095(%r0); la %r3,0(%r0,%r3))
	T(l %r1,V(lmdata); la %r2,1(%r1))       /* LA keeps 24 bits */
	DATA
	.align	8
lmdata:	.long	0xF0F0F0F0, 0x01010101, 0x12121212
lmout:	.long	0, 0, 0, 0
	ENDDATA

	EPILOG
