/*
 * decimal.S - the decimal instructions (GA22-7000, chapter 8) and the
 * decimal conversions and moves of chapter 7: AP, SP, ZAP, CP, MP, DP over
 * every pair of a table of packed operands (lengths 1 to 16, signs A-F,
 * invalid digits and signs: data exceptions; too-long operands:
 * specification; overflow: decimal overflow with the mask off and on;
 * decimal divide); SRP over shifts and rounding digits; ED and EDMK over
 * patterns and sources; PACK, UNPK, MVO with lengths and overlap; CVB
 * (fixed-point divide, data exceptions) and CVD.
 *
 * Operands are addressed through a table of (address, length - 1); EX
 * puts the lengths into the instructions.  r9 points at the work area.
 */
#include "diff.h"

	PROLOG
	DATA
	.align	8
work:	.long	WORK
ptab:	.long	p0, 0, p1, 0, p2, 0, p3, 0, p4, 1, p5, 2, p6, 3, p7, 3
	.long	p8, 7, p9, 4, p10, 1, p11, 1, p12, 15, p13, 15, p14, 5
	.equ	NP, 15
p0:	.byte	0x0C
p1:	.byte	0x0D
p2:	.byte	0x1C
p3:	.byte	0x9D
p4:	.byte	0x99, 0x9C
p5:	.byte	0x00, 0x12, 0x3D
p6:	.byte	0x99, 0x99, 0x99, 0x9C
p7:	.byte	0x00, 0x00, 0x00, 0x0F
p8:	.byte	0x12, 0x34, 0x56, 0x78, 0x90, 0x12, 0x34, 0x5C
p9:	.byte	0x00, 0x00, 0x00, 0x00, 0x1B
p10:	.byte	0x1A, 0x3C                      /* invalid digit */
p11:	.byte	0x12, 0x34                      /* invalid sign */
p12:	.byte	0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0C
p13:	.fill	15, 1, 0x99
	.byte	0x9D
p14:	.byte	0x00, 0x00, 0x07, 0x65, 0x43, 0x2A
decmask: .long	0x04000000
nomask:	.long	0
	ENDDATA

/*
 * PAIRED(insn): for every pair (a, b) of ptab: the work area cleared, a
 * copied to 0(r9) (length La, by EX of the MVC at label 8 before), then
 * the step "insn", which finds
 * r6 -> a, r7 = La - 1, r8 -> b, r1 = Lb - 1, r15 = (La - 1) << 4 | (Lb - 1)
 * for EX (not r0: EX 0 modifies nothing); then the first 16 bytes of the
 * work area are recorded.
 */
#define PAIRED(...) \
	la %r2,GV(ptab) ; la %r3,NP ; \
	1: la %r4,GV(ptab) ; la %r5,NP ; \
	2: lm %r6,%r7,0(%r2) ; l %r8,0(%r4) ; l %r1,4(%r4) ; \
	lr %r15,%r7 ; sll %r15,4 ; or %r15,%r1 ; \
	xc 0(32,%r9),0(%r9) ; ex %r7,C(8b) ; \
	T(__VA_ARGS__) ; RECM(0(%r9), 16) ; \
	la %r4,8(%r4) ; bct %r5,C(2b) ; la %r2,8(%r2) ; bct %r3,C(1b)

/* --- AP, SP, CP, ZAP ------------------------------------------------------ */
	BLOCK
	l	%r9, GV(work)
	b	C(0f)
8:	mvc	0(1,%r9), 0(%r6)
.Lap:	ap	0(1,%r9), 0(1,%r8)
.Lsp:	sp	0(1,%r9), 0(1,%r8)
0:	PAIRED(ex %r15,C(.Lap))
	PAIRED(ex %r15,C(.Lsp))
	BLOCK
	b	C(0f)
8:	mvc	0(1,%r9), 0(%r6)
.Lcp:	cp	0(1,%r9), 0(1,%r8)
.Lzap:	zap	0(1,%r9), 0(1,%r8)
.Lap2:	ap	0(1,%r9), 0(1,%r8)
0:	PAIRED(ex %r15,C(.Lcp))
	PAIRED(ex %r15,C(.Lzap))
	/* decimal overflow with its mask on */
	l	%r0, GV(decmask)
	spm	%r0
	PAIRED(ex %r15,C(.Lap2))
	l	%r0, GV(nomask)
	spm	%r0

/* --- MP, DP: first operand of La + Lb bytes (at most 16), by ZAP ---------- */
#define WIDE(insn) \
	la %r15,1(%r7,%r1) ; la %r14,15 ; cr %r15,%r14 ; bnh C(3f) ; lr %r15,%r14 ; \
	3: sll %r15,4 ; lr %r14,%r15 ; or %r14,%r7 ; ex %r14,C(.Lzap2) ; \
	or %r15,%r1 ; ex %r15,C(insn)
	BLOCK
	b	C(0f)
8:	mvc	0(1,%r9), 0(%r6)
.Lzap2:	zap	0(1,%r9), 0(1,%r6)
.Lmp:	mp	0(1,%r9), 0(1,%r8)
.Ldp:	dp	0(1,%r9), 0(1,%r8)
0:	PAIRED(WIDE(.Lmp))
	PAIRED(WIDE(.Ldp))

/* --- SRP: each operand, shifts, rounding digits 0 and 5 ------------------- */
	BLOCK
	la	%r2, GV(ptab)
	la	%r3, NP
1:	la	%r4, V(shifts)
	la	%r5, NSH
2:	lm	%r6, %r7, 0(%r2)
	l	%r15, 0(%r4)
	xc	0(32,%r9), 0(%r9)
	ex	%r7, C(.Lcopy3)
	lr	%r0, %r7
	sll	%r0, 4
	T(lr %r1,%r0; ex %r1,C(.Lsrp))
	RECM(0(%r9), 16)
	xc	0(32,%r9), 0(%r9)
	ex	%r7, C(.Lcopy3)
	T(la %r1,5; or %r1,%r0; ex %r1,C(.Lsrp))
	RECM(0(%r9), 16)
	la	%r4, 4(%r4)
	bct	%r5, C(2b)
	la	%r2, 8(%r2)
	bct	%r3, C(1b)
	b	C(0f)
.Lcopy3: mvc	0(1,%r9), 0(%r6)
.Lsrp:	srp	0(1,%r9), 0(%r15), 0
0:	l	%r0, GV(decmask)
	spm	%r0
	T(mvc 0(2,%r9),V(big); srp 0(2,%r9),2,0)
	RECM(0(%r9), 16)
	l	%r0, GV(nomask)
	spm	%r0
	DATA
	.align	4
shifts:	.long	0, 1, 2, 5, 31, 32, 33, 62, 63, 0xFFFF01, 0x7C
	.equ	NSH, 11
big:	.byte	0x12, 0x3C
	ENDDATA

/* --- ED, EDMK: each pattern with each source --------------------------- */
	BLOCK
	la	%r2, V(pats)
	la	%r3, NPAT
1:	la	%r4, V(srcs)
	la	%r5, NSRC
2:	lm	%r6, %r7, 0(%r2)                /* pattern, length - 1 */
	l	%r8, 0(%r4)                     /* source */
	xc	0(32,%r9), 0(%r9)
	ex	%r7, C(.Lcopy4)
	T(ex %r7,C(.Led))
	RECM(0(%r9), 32)
	xc	0(32,%r9), 0(%r9)
	ex	%r7, C(.Lcopy4)
	T(l %r1,V(ones); ex %r7,C(.Ledmk))
	RECM(0(%r9), 32)
	la	%r4, 4(%r4)
	bct	%r5, C(2b)
	la	%r2, 8(%r2)
	bct	%r3, C(1b)
	b	C(0f)
.Lcopy4: mvc	0(1,%r9), 0(%r6)
.Led:	ed	0(1,%r9), 0(%r8)
.Ledmk:	edmk	0(1,%r9), 0(%r8)
0:
	DATA
	.align	4
ones:	.long	0xAAAAAAAA
pats:	.long	e1, 13, e2, 3, e3, 6, e4, 3, e5, 11
	.equ	NPAT, 5
srcs:	.long	s1, s2, s3, s4, s5, s6, s7, s8
	.equ	NSRC, 8
e1:	.byte	0x40, 0x20, 0x20, 0x20, 0x6B, 0x20, 0x20, 0x21, 0x4B, 0x20, 0x20, 0x40, 0xC3, 0xD9
e2:	.byte	0x5C, 0x21, 0x20, 0x20
e3:	.byte	0x40, 0x20, 0x20, 0x22, 0x20, 0x21, 0x20
e4:	.byte	0x20, 0x20, 0x20, 0x20
e5:	.byte	0xF0, 0x20, 0x20, 0x20, 0x60, 0x21, 0x20, 0x22, 0x20, 0x20, 0x60, 0xD9
s1:	.byte	0x00, 0x00, 0x00, 0x0C, 0x00, 0x00
s2:	.byte	0x01, 0x23, 0x45, 0x6D, 0x00, 0x00
s3:	.byte	0x00, 0x00, 0x12, 0x3F, 0x00, 0x00
s4:	.byte	0x98, 0x76, 0x54, 0x32, 0x1C, 0x00
s5:	.byte	0x00, 0x00, 0x00, 0x00, 0x0D, 0x00
s6:	.byte	0x1A, 0x23, 0x4C, 0x00
s7:	.byte	0x12, 0x3C, 0x45, 0x6D, 0x00
s8:	.byte	0x00, 0x1D, 0x00, 0x2C, 0x00, 0x3B, 0x00
	ENDDATA

/* --- PACK, UNPK, MVO: every length pair, then overlap ------------------ */
	BLOCK
	sr	%r5, %r5                        /* L1 - 1 << 4 | L2 - 1 */
1:	mvi	0(%r9), 0xEE
	mvc	1(31,%r9), 0(%r9)
	T(ex %r5,C(.Lpack))
	RECM(0(%r9), 16)
	mvi	0(%r9), 0xEE
	mvc	1(31,%r9), 0(%r9)
	T(ex %r5,C(.Lunpk))
	RECM(0(%r9), 16)
	mvi	0(%r9), 0x77
	mvc	1(31,%r9), 0(%r9)
	T(ex %r5,C(.Lmvo))
	RECM(0(%r9), 16)
	la	%r5, 0x11(%r5)                  /* both lengths up by one */
	la	%r0, 0x88
	cr	%r5, %r0
	bl	C(1b)
	/* pairs that differ: 1-8 against 1-8 every third */
	la	%r5, 0x07
2:	mvi	0(%r9), 0xEE
	mvc	1(31,%r9), 0(%r9)
	T(ex %r5,C(.Lpack))
	RECM(0(%r9), 16)
	T(ex %r5,C(.Lunpk))
	RECM(0(%r9), 16)
	T(ex %r5,C(.Lmvo))
	RECM(0(%r9), 16)
	la	%r5, 0x13(%r5)
	la	%r0, 0x100
	cr	%r5, %r0
	bl	C(2b)
	b	C(0f)
.Lpack:	pack	0(1,%r9), VL(zoned,1)
.Lunpk:	unpk	0(1,%r9), VL(packed,1)
.Lmvo:	mvo	0(1,%r9), VL(packed,1)
0:	T(mvc 0(8,%r9),V(zoned); pack 0(8,%r9),0(8,%r9))
	RECM(0(%r9), 16)
	T(mvc 0(8,%r9),V(zoned); pack 4(4,%r9),0(8,%r9))
	RECM(0(%r9), 16)
	T(mvc 0(8,%r9),V(packed); unpk 0(8,%r9),0(4,%r9))
	RECM(0(%r9), 16)
	T(mvc 0(8,%r9),V(packed); mvo 0(5,%r9),0(4,%r9))
	RECM(0(%r9), 16)
	T(mvc 0(8,%r9),V(packed); mvo 1(4,%r9),0(4,%r9))
	RECM(0(%r9), 16)
	DATA
zoned:	.byte	0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xC8, 0xD9
packed:	.byte	0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xFD, 0x01
	ENDDATA

/* --- CVB, CVD ------------------------------------------------------------ */
	BLOCK
	la	%r2, V(cvbs)
	la	%r3, NCVB
1:	T(l %r6,V(ones2); cvb %r6,0(%r2))
	la	%r2, 8(%r2)
	bct	%r3, C(1b)
	la	%r2, V(bins)
	la	%r3, NBIN
1:	T(l %r6,0(%r2); cvd %r6,0(%r9))
	RECM(0(%r9), 8)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	T(cvb %r6,V(cvbs+1))                    /* not on a doubleword */
	T(cvd %r6,1(%r9))
	RECM(0(%r9), 16)
	DATA
	.align	8
cvbs:	.quad	0x000000000000000C, 0x000000000000000D, 0x000000002147483C
	.quad	0x000000002147483D, 0x000000002147483F, 0x000000002147484C
	.quad	0x000000002147484D, 0x000000002147484A, 0x000000002147484B
	.quad	0x000999999999999C, 0x999999999999999D, 0x000000001234567E
	.quad	0x0000000012345671, 0x00000000123A567C, 0x000000000000001A
	.equ	NCVB, 15
ones2:	.long	0x5A5A5A5A
bins:	.long	0, 1, -1, 0x7FFFFFFF, 0x80000000, 1234567, -7654321
	.equ	NBIN, 7
	ENDDATA

	EPILOG
