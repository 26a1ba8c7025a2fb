/*
 * branch.S - shifts, branching and EXECUTE (GA22-7000, chapter 7), and
 * the program-interruption and supervisor-call PSWs that instructions of
 * each length leave in the BC and the EC mode (chapter 6): shifts over
 * operands and amounts with the program mask off and on; BC/BCR with
 * every mask and condition code; the link information of BAL/BALR in both
 * modes; BCT, BCTR, BXH, BXLE (including R1 = R3 and odd R3); EX with
 * and without modification, of EX, of a branch, of SVC, at an odd
 * address; operation exceptions of each length, privileged operations in
 * the problem state, SVC in both modes.
 */
#include "diff.h"

	PROLOG
	DATA
	.align	8
vals:	.long	0, 1, -1, 0x7FFFFFFF, 0x80000000, 0x40000001, 0x12345678
	.long	0xC0000000, 0x00F0F0F0
	.equ	NV, 9
amts:	.long	0, 1, 2, 15, 30, 31, 32, 33, 62, 63, 64, 0x23F
	.equ	NA, 12
fixmask: .long	0x08000000
nomask:	.long	0
	ENDDATA

/* --- single shifts: each operand by each amount ------------------------ */
	BLOCK
	la	%r2, GV(vals)
	la	%r3, NV
1:	la	%r4, GV(amts)
	la	%r5, NA
2:	l	%r8, 0(%r4)
	T(l %r6,0(%r2); sll %r6,0(%r8))
	T(l %r6,0(%r2); srl %r6,0(%r8))
	T(l %r6,0(%r2); sla %r6,0(%r8))
	T(l %r6,0(%r2); sra %r6,0(%r8))
	T(l %r6,0(%r2); l %r7,4(%r2); sldl %r6,0(%r8))
	T(l %r6,0(%r2); l %r7,4(%r2); srdl %r6,0(%r8))
	T(l %r6,0(%r2); l %r7,4(%r2); slda %r6,0(%r8))
	T(l %r6,0(%r2); l %r7,4(%r2); srda %r6,0(%r8))
	T(l %r6,0(%r2); lr %r7,%r6; sll %r7,1; slda %r6,3(%r8))
	la	%r4, 4(%r4)
	bct	%r5, C(2b)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)

/* --- SLA, SLDA with the fixed-point-overflow mask on ------------------- */
	BLOCK
	l	%r1, GV(fixmask)
	spm	%r1
	la	%r2, GV(vals)
	la	%r3, NV
1:	la	%r4, GV(amts)
	la	%r5, NA
2:	l	%r8, 0(%r4)
	T(l %r6,0(%r2); sla %r6,0(%r8))
	T(l %r6,0(%r2); l %r7,4(%r2); slda %r6,0(%r8))
	la	%r4, 4(%r4)
	bct	%r5, C(2b)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	l	%r1, GV(nomask)
	spm	%r1

/* --- BC and BCR: every mask with every condition code ------------------ */
	BLOCK
	sr	%r5, %r5                       /* mask << 4, for EX */
1:	sr	%r1, %r1                       /* CC << 28, for SPM */
2:	T(la %r8,1; spm %r1; ex %r5,C(.Lbc); la %r8,0; 5: )
	T(la %r8,1; la %r7,C(4f); spm %r1; ex %r5,C(.Lbcr); la %r8,0; 4: )
	a	%r1, V(cc1)
	c	%r1, V(cc4)
	bl	C(2b)
	la	%r5, 16(%r5)
	la	%r0, 256
	cr	%r5, %r0
	bl	C(1b)
	b	C(8f)
.Lbc:	bc	0, C(5b)
.Lbcr:	bcr	0, %r7
8:	la	%r7, C(8f)
	T(la %r8,1; bcr 15,%r0; la %r8,2; bcr 0,%r7; la %r8,3; bcr 15,%r7; la %r8,4; 8:)
	DATA
	.align	4
cc1:	.long	0x10000000
cc4:	.long	0x40000000
	ENDDATA

/* --- link information: BAL, BALR in the EC and the BC mode ------------- */
	.macro	links
	EACH(V(spms), 5, spm %r6; balr %r8,0; bal %r9,C(5f); 5: la %r7,C(6f); balr %r6,%r7; 6: )
	.endm
	BLOCK
	links
	SETPSW	V(bcpsw)
	links
	SETPSW	V(ecpsw)
	DATA
	.align	8
spms:	.long	0x00000000, 0x1F000000, 0x2A000000, 0x35000000, 0xFF000000
bcpsw:	.long	0x00000000, 0
ecpsw:	.long	0x00080000, 0
	ENDDATA

/* --- BCT, BCTR ----------------------------------------------------------- */
	BLOCK
	la	%r7, C(5f)
	T(la %r6,1; sr %r8,%r8; bct %r6,C(5f); la %r8,1; 5: )
	T(la %r6,2; sr %r8,%r8; bct %r6,C(5f); la %r8,1; 5: )
	T(sr %r6,%r6; sr %r8,%r8; bct %r6,C(5f); la %r8,1; 5: )
	T(l %r6,GV(vals+4*4); sr %r8,%r8; bct %r6,C(5f); la %r8,1; 5: )
	T(la %r6,1; sr %r8,%r8; la %r7,C(5f); bctr %r6,%r7; la %r8,1; 5: )
	T(la %r6,3; sr %r8,%r8; la %r7,C(5f); bctr %r6,%r7; la %r8,1; 5: )
	T(la %r6,3; bctr %r6,0; bctr %r6,0; bctr %r6,0; bctr %r6,0)

/* --- BXH, BXLE: triples (first operand, increment, comparand) with R3
   odd (its own comparand) and even, R1 = R3, R1 = R3 + 1 ----------------- */
	BLOCK
	la	%r2, V(bx)
	la	%r3, NBX
1:	T(lm %r4,%r6,0(%r2); sr %r8,%r8; bxh %r4,%r5,C(5f); la %r8,1; 5: )
	T(lm %r4,%r6,0(%r2); sr %r8,%r8; bxle %r4,%r5,C(5f); la %r8,1; 5: )
	T(lm %r5,%r7,0(%r2); sr %r8,%r8; bxh %r5,%r6,C(5f); la %r8,1; 5: )
	T(lm %r5,%r7,0(%r2); sr %r8,%r8; bxle %r5,%r6,C(5f); la %r8,1; 5: )
	T(lm %r5,%r7,0(%r2); sr %r8,%r8; bxh %r6,%r6,C(5f); la %r8,1; 5: )
	T(lm %r5,%r7,0(%r2); sr %r8,%r8; bxle %r6,%r6,C(5f); la %r8,1; 5: )
	T(lm %r5,%r7,0(%r2); sr %r8,%r8; bxh %r7,%r6,C(5f); la %r8,1; 5: )
	T(lm %r5,%r7,0(%r2); sr %r8,%r8; bxle %r7,%r6,C(5f); la %r8,1; 5: )
	T(lm %r4,%r6,0(%r2); sr %r8,%r8; bxh %r5,%r5,C(5f); la %r8,1; 5: )
	T(lm %r4,%r6,0(%r2); sr %r8,%r8; bxle %r5,%r5,C(5f); la %r8,1; 5: )
	la	%r2, 12(%r2)
	bct	%r3, C(1b)
	/* loops */
	T(sr %r4,%r4; la %r6,1; la %r7,10; sr %r8,%r8; 5: la %r8,1(%r8); bxle %r4,%r6,C(5b))
	T(la %r4,10; l %r6,GV(vals+2*4); sr %r7,%r7; sr %r8,%r8; 5: la %r8,1(%r8); bxh %r4,%r6,C(5b))
	DATA
	.align	4
bx:	.long	0, 1, 1
	.long	0, 1, 0
	.long	5, -1, 4
	.long	5, -1, 3
	.long	0x7FFFFFFF, 1, 0
	.long	0x7FFFFFFF, 1, 0x7FFFFFFF
	.long	-3, 2, -1
	.long	0x80000000, -1, 0
	.long	7, 0, 7
	.long	1, 2, 3
	.long	-1, -2, -4
	.equ	NBX, 11
	ENDDATA

/* --- EXECUTE -------------------------------------------------------------- */
	BLOCK
	T(la %r1,0x11; ex 0,C(.Lxar); ex %r1,C(.Lxar))  /* AR 6,7, then AR 7,7 */
	T(la %r6,V(exbuf); la %r1,3; ex %r1,C(.Lxmvc); l %r8,V(exbuf))  /* MVC length 4 */
	T(ex 0,C(.Lxex))                        /* EX of EX: execute exception */
	T(la %r1,C(.Lxar); la %r1,1(%r1); ex 0,0(%r1))  /* odd address */
	T(l %r1,V(big); ex 0,0(%r1))            /* beyond storage */
	T(la %r7,C(4f); la %r5,0xF0; ex %r5,C(.Lxbcr); la %r8,1; 4: la %r9,1)
	T(la %r7,C(4f); la %r5,0x00; ex %r5,C(.Lxbcr); la %r8,1; 4: la %r9,1)
	T(ex 0,C(.Lxbalr))                      /* BALR 8,0 through EX: ILC 2 */
	T(la %r7,C(4f); ex 0,C(.Lxbalr2); la %r8,1; 4: )
	T(ex 0,C(.Lxsvc))                       /* SVC 7 through EX */
	T(la %r1,0x0C; ex %r1,C(.Lxsvc))        /* SVC 15 (7 | C) */
	T(ex 0,C(.Lxd))                         /* divide by zero through EX */
	T(ex 0,C(.Lxop))                        /* operation exception through EX */
	b	C(0f)
.Lxar:	ar	%r6, %r7
.Lxmvc:	mvc	0(1,%r6), V(exsrc)
.Lxex:	ex	0, C(.Lxar)
.Lxbcr:	bcr	0, %r7
.Lxbalr: balr	%r8, 0
.Lxbalr2: balr	%r6, %r7
.Lxsvc:	svc	7
.Lxd:	d	%r6, V(zero)
.Lxop:	.long	0x52000000
0:
	DATA
	.align	8
exbuf:	.long	0, 0
exsrc:	.long	0xC1C2C3C4, 0xC5C6C7C8
zero:	.long	0, 0
big:	.long	0x00FFFF00
	ENDDATA

/* --- program-interruption PSWs: EC mode, then BC mode -------------------- */
	.macro	ilcs
	T(.short 0x0000)                        /* operation, ILC 1 */
	T(.short 0x0200)                        /* operation, ILC 1 */
	T(.long 0x52000000)                     /* operation, ILC 2 */
	T(.long 0x9A000000)                     /* operation, ILC 2 */
	T(.long 0xD0000000; .short 0)           /* operation, ILC 3 */
	T(l %r6,V(big2); l %r7,0(%r6))           /* addressing, ILC 2 */
	T(l %r6,V(big2); mvc 0(2,%r6),V(big2))    /* addressing, ILC 3 */
	T(la %r6,1; sr %r7,%r7; l %r8,V(fixm); spm %r8; sla %r6,31)   /* overflow, ILC 2 */
	T(l %r8,V(fixm); spm %r8; lr %r6,%r8; sll %r6,1; ar %r6,%r6)  /* overflow, ILC 1 */
	T(la %r7,V(zero2); l %r8,V(fixm); spm %r8; d %r6,0(%r7))      /* divide */
	T(la %r6,5; svc 0; svc 255; svc 17)
	T(lpsw V(badpsw))                       /* EC PSW with bit 31 on */
	T(lpsw V(oddpsw))                       /* odd instruction address */
	T(la %r6,V(zero2); lpsw 1(%r6))          /* specification, not aligned */
	T(la %r7,C(9f); la %r7,1(%r7); bcr 15,%r7)      /* odd branch address */
	T(la %r7,C(9f); bc 15,1(%r7))
	T(l %r7,V(big2); bcr 15,%r7)            /* instruction outside storage */
	KNOWN(8, 0x3)                           /* ILC unpredictable: 1-3 */
	T(l %r7,V(last2); mvc 0(2,%r7),V(lop); bcr 15,%r7)   /* L across the end */
	ENDKNOWN
	T(sr %r0,%r0; spm %r0)
	.endm

	BLOCK
	ilcs
	SETPSW	V(bcpsw2)
	ilcs
	SETPSW	V(ecpsw2)
	DATA
	.align	8
bcpsw2:	.long	0x00000000, 0
ecpsw2:	.long	0x00080000, 0
badpsw:	.long	0x00080001, 0x00010000
oddpsw:	.long	0x00080000, 0x00010001
fixm:	.long	0x3C000000
last2:	.long	0x001FFFFE
lop:	.short	0x5800
zero2:	.long	0, 0
big2:	.long	0x00FFFF00
	ENDDATA

/* --- the problem state: privileged operations, SVC back ------------------ */
	.macro	probstate psw
	SETPSW	\psw
	T(ssm V(zero3))                          /* privileged */
	SETPSW	\psw
	T(lpsw V(zero3))
	SETPSW	\psw
	T(.long 0x08670000)                     /* SSK 6,7 */
	SETPSW	\psw
	T(stctl 0,0,V(zero3))
	SETPSW	\psw
	T(svc 3; svc 255)
	.endm

	BLOCK
	probstate V(ecprob)
	probstate V(bcprob)
	DATA
	.align	8
ecprob:	.long	0x00090000, 0
bcprob:	.long	0x00010000, 0
zero3:	.long	0, 0
	ENDDATA

	EPILOG
