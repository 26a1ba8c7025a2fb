/*
 * hfpx.S - hexadecimal floating point (GA22-7000, chapter 9), the rest of
 * hfp.S: the register forms of the binary operations; LPDR, LNDR, LTDR,
 * LCDR, HDR and their short forms; the extended operations AXR, SXR, MXR,
 * MXDR, MXD with the masks off and on; LRDR and LRER rounding; and the
 * specification exceptions of invalid floating-point register numbers.
 */
#include "diff.h"

/* f0 = a, f2 = b (long) */
#define FPAIRS(addr, n, ...) \
	la %r2,addr ; la %r3,n ; \
	1: la %r4,addr ; la %r5,n ; \
	2: ld %f0,0(%r2) ; ld %f2,0(%r4) ; \
	TF(__VA_ARGS__) ; \
	la %r4,8(%r4) ; bct %r5,C(2b) ; la %r2,8(%r2) ; bct %r3,C(1b)
/* f0:f2 = a, f4:f6 = b (extended) */
#define XPAIRS(addr, n, ...) \
	la %r2,addr ; la %r3,n ; \
	1: la %r4,addr ; la %r5,n ; \
	2: ld %f0,0(%r2) ; ld %f2,8(%r2) ; ld %f4,0(%r4) ; ld %f6,8(%r4) ; \
	TF(__VA_ARGS__) ; \
	la %r4,16(%r4) ; bct %r5,C(2b) ; la %r2,16(%r2) ; bct %r3,C(1b)
/* f2 = a, f0 = 0.25, f4:f6 = a and a with its low part */
#define FEACH(addr, n, ...) \
	la %r2,addr ; la %r3,n ; \
	1: ld %f2,0(%r2) ; ld %f0,GV(quarter) ; ld %f4,0(%r2) ; ld %f6,8(%r2) ; \
	TF(__VA_ARGS__) ; \
	la %r2,8(%r2) ; bct %r3,C(1b)

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
	.quad	0x40FFFFFF80000000, 0x40FFFFFF7FFFFFFF
	.quad	0xC0FFFFFFFFFFFFF8, 0x7FFFFFFF80000000
	.equ	NV, 20
xvals:	.quad	0x0000000000000000, 0x0000000000000000
	.quad	0x4110000000000000, 0x3300000000000000
	.quad	0xC110000000000000, 0xB300000000000000
	.quad	0x4055555555555555, 0x3255555555555555
	.quad	0x7FFFFFFFFFFFFFFF, 0x71FFFFFFFFFFFFFF
	.quad	0x0010000000000000, 0x7200000000000000
	.quad	0x413243F6A8885A30, 0x338D313198A2E037
	.quad	0x4200000000000001, 0x3400000000000001
	.quad	0x8000000000000000, 0x0000000000000000
	.quad	0x4110000000000000, 0x33FFFFFFFFFFFFFF
	.quad	0x410FFFFFFFFFFFFF, 0x33FFFFFFFFFFFFFF
	.equ	NX, 11
quarter: .quad	0x4040000000000000
stw:	.quad	0
masks:	.long	0x03000000
nomask:	.long	0
	ENDDATA

	.macro	regops
	BLOCK
	FPAIRS(GV(vals), NV, adr %f0,%f2)
	FPAIRS(GV(vals), NV, mdr %f0,%f2)
	FPAIRS(GV(vals), NV, ddr %f0,%f2)
	BLOCK
	FPAIRS(GV(vals), NV, aer %f0,%f2)
	FPAIRS(GV(vals), NV, mer %f0,%f2)
	FPAIRS(GV(vals), NV, der %f0,%f2)
	BLOCK
	FPAIRS(GV(vals), NV, swr %f0,%f2)
	FPAIRS(GV(vals), NV, aur %f0,%f2)
	FPAIRS(GV(vals), NV, cer %f0,%f2)
	FPAIRS(GV(vals), NV, cdr %f0,%f2)
	.endm

	.macro	xops
	BLOCK
	KNOWN(1, FR(2))
	XPAIRS(GV(xvals), NX, axr %f0,%f4)
	XPAIRS(GV(xvals), NX, sxr %f0,%f4)
	ENDKNOWN
	XPAIRS(GV(xvals), NX, mxr %f0,%f4)
	BLOCK
	FPAIRS(GV(vals), NV, mxdr %f0,%f2)
	FPAIRS(GV(vals), NV, mxd %f0,0(%r4))
	.endm

	regops
	xops
	BLOCK
	l	%r0, GV(masks)
	spm	%r0
	xops
	BLOCK
	FPAIRS(GV(vals), NV, aer %f0,%f2)
	FPAIRS(GV(vals), NV, mdr %f0,%f2)
	l	%r0, GV(nomask)
	spm	%r0

/* --- unary operations, rounding ----------------------------------------- */
	.macro	unary
	BLOCK
	FEACH(GV(vals), NV, lpdr %f0,%f2)
	FEACH(GV(vals), NV, lndr %f0,%f2)
	FEACH(GV(vals), NV, ltdr %f0,%f2)
	FEACH(GV(vals), NV, lcdr %f0,%f2)
	FEACH(GV(vals), NV, hdr %f0,%f2)
	FEACH(GV(vals), NV, ldr %f0,%f2)
	FEACH(GV(vals), NV, lper %f0,%f2)
	FEACH(GV(vals), NV, lner %f0,%f2)
	FEACH(GV(vals), NV, lter %f0,%f2)
	FEACH(GV(vals), NV, lcer %f0,%f2)
	FEACH(GV(vals), NV, her %f0,%f2)
	FEACH(GV(vals), NV, ler %f0,%f2)
	BLOCK
	FEACH(GV(vals), NV, ledr %f0,%f2)       /* LRER */
	FEACH(GV(vals), NV, ldxr %f0,%f4)       /* LRDR */
	FEACH(GV(vals), NV, ste %f2,GV(stw); le %f0,GV(stw); std %f2,GV(stw); ld %f6,GV(stw))
	FEACH(GV(vals), NV, hdr %f2,%f2; hdr %f4,%f2; her %f6,%f2)
	.endm

	unary
	XPAIRS(GV(xvals), NX, ldxr %f2,%f0; ldxr %f6,%f4)
	BLOCK
	l	%r0, GV(masks)
	spm	%r0
	unary
	l	%r0, GV(nomask)
	spm	%r0

/* --- invalid floating-point register numbers: specification ------------- */
	BLOCK
	TF(.short 0x2A13)                       /* ADR 1,3 */
	TF(.short 0x3A06)                       /* AER 0,6: valid */
	TF(.long 0x68100000)                    /* LD 1,0 */
	TF(.short 0x3602)                       /* AXR 0,2 */
	TF(.short 0x2624)                       /* MXR 2,4 */
	TF(.short 0x2502)                       /* LRDR 0,2 */
	TF(.short 0x2722)                       /* MXDR 2,2 */
	TF(.long 0x67200000)                    /* MXD 2,0 */
	TF(.short 0x2406)                       /* HDR 0,6: valid */
	TF(.short 0x2E08)                       /* AWR 0,8 */
	TF(ld %f0,V(one); la %r1,V(one); ld %f2,1(%r1))     /* not aligned */
	TF(la %r1,V(one); std %f0,4(%r1); ld %f4,V(one))
	TF(la %r1,V(one); ste %f0,2(%r1); le %f6,2(%r1))
	DATA
	.align	8
one:	.quad	0x4110000000000000, 0
	ENDDATA

	EPILOG
