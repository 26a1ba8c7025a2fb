/*
 * storage.S - the storage-to-storage and storage-immediate instructions
 * (GA22-7000, chapter 7): MVC, MVN, MVZ with every kind of overlap; NC,
 * OC, XC, CLC; TR and TRT; MVI, CLI, TM, NI, OI, XI over operand and mask
 * tables; TEST AND SET; MVCL and CLCL with padding, destructive overlap,
 * 24-bit address wrap and an addressing exception part way.
 *
 * r9 points at the work area (WORK); each step sets it up, runs, and its
 * storage record shows the result.
 */
#include "diff.h"

	.macro	fill	n
	mvi	0(%r9), \n
	mvc	1(255,%r9), 0(%r9)
	mvc	256(256,%r9), 0(%r9)
	.endm

	PROLOG
	DATA
	.align	8
work:	.long	WORK
pat:	.irp	h, 0,1,2,3,4,5,6,7,8,9,A,B,C,D,E,F
	.irp	l, 0,1,2,3,4,5,6,7,8,9,A,B,C,D,E,F
	.byte	0x\h\l
	.endr
	.endr
	ENDDATA

/* --- MVC: lengths, overlap ------------------------------------------------ */
	BLOCK
	l	%r9, GV(work)
	la	%r2, V(lens)
	la	%r3, NLENS
1:	fill	0xAA
	l	%r5, 0(%r2)
	T(ex %r5,C(.Lmvc))
	RECM(0(%r9), 256)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	b	C(2f)
.Lmvc:	mvc	3(1,%r9), GV(pat+0x41)
2:	fill	0x55
	T(mvi 0(%r9),0xC1; mvc 1(255,%r9),0(%r9))           /* propagate */
	RECM(0(%r9), 16)
	T(mvc 0(64,%r9),GV(pat); mvc 0(63,%r9),1(%r9))      /* shift left */
	RECM(0(%r9), 64)
	T(mvc 0(64,%r9),GV(pat); mvc 5(20,%r9),2(%r9))      /* overlap by 3 */
	RECM(0(%r9), 32)
	T(mvc 0(64,%r9),GV(pat); mvc 2(20,%r9),5(%r9))
	RECM(0(%r9), 32)
	T(mvc 0(64,%r9),GV(pat); mvc 8(8,%r9),8(%r9))       /* onto itself */
	RECM(0(%r9), 16)
	DATA
	.align	4
lens:	.long	0, 1, 2, 7, 15, 100, 200, 252
	.equ	NLENS, 8
	ENDDATA

/* --- MVN, MVZ, NC, OC, XC ---------------------------------------------- */
	BLOCK
	.irp	op, mvn, mvz, nc, oc, xc
	fill	0x5A
	T(mvc 0(64,%r9),GV(pat+0x30); \op 0(32,%r9),GV(pat+0xC7))
	RECM(0(%r9), 48)
	T(mvc 0(64,%r9),GV(pat+0x30); \op 1(31,%r9),0(%r9))
	RECM(0(%r9), 48)
	T(mvc 0(64,%r9),GV(pat+0x30); \op 0(31,%r9),1(%r9))
	RECM(0(%r9), 48)
	T(mvc 0(64,%r9),GV(pat+0x30); \op 0(32,%r9),0(%r9))
	RECM(0(%r9), 48)
	.endr
	T(xc 0(256,%r9),0(%r9))
	T(mvc 0(16,%r9),GV(pat+0xF0); nc 0(16,%r9),GV(pat+0x0F))

/* --- CLC ---------------------------------------------------------------- */
	BLOCK
	la	%r2, V(clcs)
	la	%r3, NCLC
1:	lm	%r6, %r8, 0(%r2)
	T(ex %r8,C(.Lclc))
	la	%r2, 12(%r2)
	bct	%r3, C(1b)
	b	C(2f)
.Lclc:	clc	0(1,%r6), 0(%r7)
2:
	DATA
	.align	4
clcs:	.long	pat, pat, 255
	.long	pat, pat+1, 0
	.long	pat+1, pat, 0
	.long	pat, pat+1, 200
	.long	s1, s2, 7
	.long	s1, s2, 6
	.long	s2, s1, 7
	.long	s1, s3, 7
	.long	s3, s1, 7
	.equ	NCLC, 9
s1:	.byte	0x00, 0x80, 0xFF, 0x7F, 0x01, 0x02, 0x03, 0x04
s2:	.byte	0x00, 0x80, 0xFF, 0x7F, 0x01, 0x02, 0x03, 0x05
s3:	.byte	0x00, 0x81, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
	ENDDATA

/* --- TR, TRT ---------------------------------------------------------------- */
	BLOCK
	T(mvc 0(256,%r9),GV(pat); tr 0(256,%r9),V(rev))
	RECM(0(%r9), 256)
	T(mvc 0(64,%r9),V(text); tr 0(64,%r9),V(upper))
	RECM(0(%r9), 64)
	T(mvc 0(64,%r9),GV(pat); tr 0(64,%r9),0(%r9))      /* table = operand */
	RECM(0(%r9), 64)
	la	%r4, V(trts)
	la	%r3, NTRT
1:	lm	%r6, %r8, 0(%r4)
	T(l %r1,V(ones); l %r2,V(ones); ex %r8,C(.Ltrt))
	la	%r4, 12(%r4)
	bct	%r3, C(1b)
	b	C(2f)
.Ltrt:	trt	0(1,%r6), 0(%r7)
2:
	DATA
	.align	4
ones:	.long	0xFFFFFFFF
trts:	.long	text, fnsp, 63
	.long	text, fnnone, 63
	.long	text+9, fnsp, 0
	.long	text+5, fnsp, 0
	.long	text, fnall, 63
	.long	text+60, fnq, 3
	.long	pat, rev, 255
	.equ	NTRT, 7
text:	.ascii	"HELLO, WORLD 1975-1987 system/370 principles of operation? Q!:"
	.byte	0, 0
rev:	.irp	h, F,E,D,C,B,A,9,8,7,6,5,4,3,2,1,0
	.irp	l, F,E,D,C,B,A,9,8,7,6,5,4,3,2,1,0
	.byte	0x\h\l
	.endr
	.endr
upper:	.irp	h, 0,1,2,3,4,5,6
	.irp	l, 0,1,2,3,4,5,6,7,8,9,A,B,C,D,E,F
	.byte	0x\h\l
	.endr
	.endr
	.byte	0x60
	.ascii	"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	.byte	0x7B, 0x7C, 0x7D, 0x7E, 0x7F
	.fill	128, 1, 0x3F
fnsp:	.fill	32, 1, 0
	.byte	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x77, 0, 0, 0
	.fill	208, 1, 0
fnnone:	.fill	256, 1, 0
fnall:	.fill	256, 1, 0xC3
fnq:	.fill	63, 1, 0
	.byte	0x99
	.fill	192, 1, 0
	ENDDATA

/* --- MVI, CLI, TM, NI, OI, XI over bytes and masks ------------------------ */
	BLOCK
	la	%r2, V(bytes)
	la	%r3, NB
1:	la	%r4, V(bytes)
	la	%r5, NB
2:	ic	%r8, 0(%r4)                     /* mask */
	sr	%r7, %r7
	T(ic %r7,0(%r2); stc %r7,0(%r9); ex %r8,C(.Ltm))
	T(ex %r8,C(.Lcli))
	T(ex %r8,C(.Lni); ic %r6,0(%r9))
	T(ic %r7,0(%r2); stc %r7,0(%r9); ex %r8,C(.Loi); ic %r6,0(%r9))
	T(ic %r7,0(%r2); stc %r7,0(%r9); ex %r8,C(.Lxi); ic %r6,0(%r9))
	la	%r4, 1(%r4)
	bct	%r5, C(2b)
	la	%r2, 1(%r2)
	bct	%r3, C(1b)
	b	C(3f)
.Ltm:	tm	0(%r9), 0
.Lcli:	cli	0(%r9), 0
.Lni:	ni	0(%r9), 0
.Loi:	oi	0(%r9), 0
.Lxi:	xi	0(%r9), 0
3:	T(mvi 0(%r9),0; ts 0(%r9); ic %r6,0(%r9))
	T(mvi 0(%r9),0x80; ts 0(%r9); ic %r6,0(%r9))
	T(mvi 0(%r9),0x7F; ts 0(%r9); ic %r6,0(%r9))
	DATA
bytes:	.byte	0x00, 0x01, 0x0F, 0x5A, 0x80, 0x81, 0xF0, 0xFF
	.equ	NB, 8
	ENDDATA

/* --- MVCL ------------------------------------------------------------------ */
	BLOCK
	la	%r1, V(mvcls)
	la	%r0, NMVCL
1:	fill	0xEE
	T(lm %r2,%r5,0(%r1); alr %r2,%r9; alr %r4,%r9; mvcl %r2,%r4)
	RECM(0(%r9), 256)
	la	%r1, 16(%r1)
	bct	%r0, C(1b)
	/* the 24-bit address wraps: destination at 16M - 16 (storage ends at 2M) */
	T(l %r2,V(wrap); la %r3,32; lr %r4,%r9; la %r5,32; mvcl %r2,%r4)
	/* an addressing exception part way: 2M - 16 */
	fill	0xEE
	T(l %r2,V(edge); la %r3,64; lr %r4,%r9; la %r5,64; mvcl %r2,%r4)
	T(l %r4,V(edge); la %r5,64; lr %r2,%r9; la %r3,64; mvcl %r2,%r4)
	RECM(0(%r9), 64)
	T(.short 0x0E35)                        /* MVCL 3,5: specification */
	T(sr %r3,%r3; sr %r5,%r5; mvcl %r2,%r4)   /* zero lengths */
	DATA
	.align	4
	/* r2 offset, r3 length, r4 offset, r5 pad and length */
mvcls:	.long	0, 0, 0x100, 0
	.long	0, 16, 0x100, 0x40000008
	.long	0, 8, 0x100, 0x40000010
	.long	0, 100, 0x100, 100
	.long	0, 256, 0x100, 0x00000300
	.long	0xFF000000, 0x12000020, 0xFF000100, 0x34000020
	.long	10, 40, 0, 40                   /* overlap: destructive */
	.long	10, 40, 0, 10                   /* source ends at the target */
	.long	10, 40, 0, 11                   /* one byte of overlap */
	.long	0, 40, 10, 40                   /* moves left: allowed */
	.long	10, 40, 10, 40                  /* same operand */
	.long	10, 0, 0, 40                    /* no target: no overlap */
	.long	10, 40, 0, 0x5C000000           /* no source: padding */
	.long	0xFF00000A, 40, 0xFF000000, 40  /* destructive, bits 0-7 set */
	.long	0xFF00000A, 0xFF000000, 0xFF000000, 40   /* no target, bits 0-7 */
	.equ	NMVCL, 15
wrap:	.long	0x00FFFFF0
edge:	.long	0x001FFFF0
	ENDDATA

/* --- CLCL ------------------------------------------------------------------ */
	BLOCK
	mvc	0(64,%r9), GV(pat)
	mvc	64(64,%r9), GV(pat)
	mvi	64+37(%r9), 0xFF
	mvi	128(%r9), 0x40
	mvc	129(63,%r9), 128(%r9)
	la	%r1, V(clcls)
	la	%r0, NCLCL
1:	T(lm %r2,%r5,0(%r1); alr %r2,%r9; alr %r4,%r9; clcl %r2,%r4)
	la	%r1, 16(%r1)
	bct	%r0, C(1b)
	T(sr %r3,%r3; sr %r5,%r5; clcl %r2,%r4)   /* zero lengths */
	T(.short 0x0F53)                        /* CLCL 5,3: specification */
	DATA
	.align	4
clcls:	.long	0, 64, 64, 64                   /* differs at 37 */
	.long	64, 64, 0, 64
	.long	0, 30, 64, 30                   /* equal */
	.long	0, 30, 64, 0                    /* pad X'00' against 00 01 ... */
	.long	128, 64, 128, 0x40000000        /* blanks against pad blank */
	.long	128, 64, 128, 0x41000010
	.long	128, 0, 128, 0x3F000010
	.long	0xFF000000, 0x77000010, 0xFF000040, 0x00000010
	.long	0, 0, 0, 0
	.long	0xFF000000, 0, 0xFF000000, 0
	.long	0xAA000000, 0x11000040, 0x55000040, 0x22000040
	.equ	NCLCL, 11
	ENDDATA

	EPILOG
