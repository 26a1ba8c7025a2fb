/*
 * dat.S - dynamic address translation (GA22-7000, chapter 3): for each of
 * the four translation formats (2K or 4K pages, 64K or 1M segments), a
 * segment table that maps the first 2M of storage onto itself and, from
 * virtual 2M up, test segments: one valid with valid, invalid and
 * badly formed page-table entries, one invalid, one with a page-table
 * length of 0, one with bits 4-7 on in its entry, one with a page-table
 * length of 7, then invalid ones up to the segment-table length.  A table
 * of virtual addresses is translated by LRA (condition codes and
 * results) and then fetched with DAT on (translation exceptions, the
 * translation-exception address, nullification); instructions are
 * fetched from a test page and from an invalid one; MVC crosses into an
 * invalid page; PTLB makes a changed entry effective; control register 0
 * with invalid formats gives translation-specification exceptions.
 *
 * Real frames 0x70000-0x75FFF hold their own addresses (each word its
 * address), so a fetch through DAT shows the real address it reached.
 */
#include "diff.h"

#define ST      WORK            /* segment table */
#define IPT     (WORK + 0x1000) /* page tables of the identity segments */
#define TPT     (WORK + 0x4000) /* page tables of the test segments, 1K each */
#define FRAMES  0x70000
#define V0      0x200000        /* the first test segment */

	PROLOG
	DATA
	.align	8
	/* a translation format: CR0 bits 8-12, page size, invalid PTE bit,
	   spec PTE bits, segment size, page-table size in bytes, identity
	   segments, first test segment, segment-table length, CR1 */
	.macro	format cr0, psz, inv, spec, ssz, stl
	.long	\cr0, \psz, \inv, \spec, \ssz, (\ssz / \psz) * 2
	.long	0x200000 / \ssz, V0 / \ssz, \stl, (\stl << 24) | ST
	.endm
	/* Bits 13-14 of a 4K page-table entry are not tried: with extended
	   real addressing (Hercules) they are address bits, without it
	   (cpcms) they must be zero (KNOWN-DIFFERENCES.md, not compared). */
f4k64k:	format	0x00800000, 4096, 0x0008, 0x0000, 0x10000, 2
f2k64k:	format	0x00400000, 2048, 0x0004, 0x0002, 0x10000, 2
f4k1m:	format	0x00900000, 4096, 0x0008, 0x0000, 0x100000, 0
f2k1m:	format	0x00500000, 2048, 0x0004, 0x0002, 0x100000, 0
cr0:	.long	0                               /* as after IPL */
vaddrs:	.long	0x000010, 0x1FFFF0
	.long	V0, V0+0x7FC, V0+0x800, V0+0xFFC, V0+0x1000, V0+0x1800
	.long	V0+0x2004, V0+0x2FFC, V0+0x3000, V0+0x3800, V0+0x4000, V0+0xFFFC
	.long	V0+0x10000, V0+0x1FFFC
	.long	V0+0x20000, V0+0x207FC, V0+0x20800, V0+0x21000, V0+0x2F000
	.long	V0+0x30000
	.long	V0+0x40000, V0+0x47FFC, V0+0x48000, V0+0x4F800, V0+0x4FFFC
	.long	V0+0x50000, V0+0xF0000, V0+0xFFFFC
	.long	V0+0x100000, V0+0x200000, V0+0x20FFFC, V0+0x210000, V0+0x2FFFFC
	.long	V0+0x300000, V0+0x400000, V0+0x47FFFC, V0+0x480000, V0+0x4FFFFC
	.long	V0+0x500000, V0+0xDFFFFC, 0xFFFFFC
	.equ	NVA, 42
	/* for fetches with DAT on: not the pages beyond a page-table length
	   of 7, which Hercules translates (KNOWN-DIFFERENCES 4) */
vaddrs2: .long	0x000010, 0x1FFFF0
	.long	V0, V0+0x7FC, V0+0x800, V0+0xFFC, V0+0x1000, V0+0x1800
	.long	V0+0x2004, V0+0x2FFC, V0+0x3000, V0+0x3800, V0+0x4000, V0+0xFFFC
	.long	V0+0x10000, V0+0x1FFFC
	.long	V0+0x20000, V0+0x207FC, V0+0x20800, V0+0x21000, V0+0x2F000
	.long	V0+0x30000
	.long	V0+0x40000, V0+0x47FFC
	.long	V0+0x50000, V0+0xF0000, V0+0xFFFFC
	.long	V0+0x100000, V0+0x200000, V0+0x20FFFC, V0+0x210000, V0+0x2FFFFC
	.long	V0+0x300000, V0+0x400000, V0+0x47FFFC
	.long	V0+0x500000, V0+0xDFFFFC, 0xFFFFFC
	.equ	NVA2, 37
clear:	.long	WORK, 0x6000, 0, 0
tpt:	.long	TPT
ipt:	.long	IPT
st:	.long	ST
twomeg:	.long	0x200000
ptl15:	.long	0xF0000000
ptl7:	.long	0x70000000
inval:	.long	0x00000001
stebad:	.long	0x01000000
nofmt:	.long	0xFF07FFFF
crs:	.long	0, 0
snipat:	.long	FRAMES + 0x100
rec70:	.long	FRAMES + 0xFF0
snippet: .long	0x41600007
	.short	0x07FE
	.align	4
ones:	.long	0xFFFFFFFF
v0:	.long	V0
sm:	.long	0
sm4:	.long	0
sm8:	.long	0
badfmt:	.long	0x00000000, 0x00C00000, 0x00880000, 0x00980000, 0x00A00000
	.equ	NBAD, 5
farst:	.long	0x00300000
farpt:	.long	0xF0300000
f70000:	.short	0x0700
f71000:	.short	0x0710
f72000:	.short	0x0720
f73000:	.short	0x0730
	ENDDATA

/* --- once: the frames hold their addresses; keep CR0 ------------------- */
	BLOCK
	stctl	0, 0, GV(cr0)
	l	%r2, V(frames)
	l	%r3, V(nframes)
1:	st	%r2, 0(%r2)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	b	C(2f)
	DATA
	.align	4
frames:	.long	FRAMES
nframes: .long	0x6000 / 4
	ENDDATA
2:

/*
 * buildtables: the tables of the format at r1 (see "format"), CR0 and
 * CR1 loaded, the TLB purged.  Uses r0-r5.
 */
	.macro	allvalid                        /* table at r3: frame 0x73000 */
	mvc	0(2,%r3), GV(f73000)
	mvc	2(254,%r3), 0(%r3)
	mvc	256(256,%r3), 0(%r3)
	mvc	512(256,%r3), 0(%r3)
	mvc	768(256,%r3), 0(%r3)
	.endm

	.macro	buildtables
	lm	%r2, %r5, GV(clear)             /* WORK..WORK+0x6000 := 0 */
	mvcl	%r2, %r4
	/* test page tables: every entry invalid */
	l	%r2, GV(tpt)
	mvc	0(2,%r2), 10(%r1)               /* the invalid bit */
	mvc	2(254,%r2), 0(%r2)
	la	%r3, 19
1:	mvc	256(256,%r2), 0(%r2)
	la	%r2, 256(%r2)
	bct	%r3, C(1b)
	/* identity page tables: the entry for real r is r >> 8 */
	sr	%r2, %r2
	l	%r3, GV(ipt)
	l	%r4, GV(twomeg)
2:	lr	%r0, %r2
	srl	%r0, 8
	sth	%r0, 0(%r3)
	la	%r3, 2(%r3)
	a	%r2, 4(%r1)                     /* + page size */
	cr	%r2, %r4
	bl	C(2b)
	/* identity segment-table entries, PTL 15 */
	l	%r2, GV(st)
	l	%r3, GV(ipt)
	l	%r5, 24(%r1)                    /* identity segments */
3:	lr	%r0, %r3
	o	%r0, GV(ptl15)
	st	%r0, 0(%r2)
	la	%r2, 4(%r2)
	a	%r3, 20(%r1)                    /* + page-table size */
	bct	%r5, C(3b)
	/* test segments: r2 -> the first one's entry */
	l	%r2, 28(%r1)
	sll	%r2, 2
	a	%r2, GV(st)
	l	%r3, GV(tpt)
	/* T0: valid; entries 0 and 2 map frames, 3 has the spec bits on */
	lr	%r0, %r3
	o	%r0, GV(ptl15)
	st	%r0, 0(%r2)
	mvc	0(2,%r3), GV(f70000)
	mvc	4(2,%r3), GV(f71000)
	mvc	6(2,%r3), GV(f72000)
	oc	7(1,%r3), 15(%r1)
	/* T1: invalid */
	la	%r3, 1024(%r3)
	lr	%r0, %r3
	o	%r0, GV(inval)
	st	%r0, 4(%r2)
	/* T2: PTL 0 */
	la	%r3, 1024(%r3)
	st	%r3, 8(%r2)
	allvalid
	/* T3: bits 4-7 of the entry on */
	la	%r3, 1024(%r3)
	lr	%r0, %r3
	o	%r0, GV(stebad)
	st	%r0, 12(%r2)
	allvalid
	/* T4: PTL 7 */
	la	%r3, 1024(%r3)
	lr	%r0, %r3
	o	%r0, GV(ptl7)
	st	%r0, 16(%r2)
	allvalid
	/* the rest of the segment table: invalid entries */
	la	%r2, 20(%r2)
	l	%r4, GV(st)
	la	%r4, 256(%r4)
4:	mvc	0(4,%r2), GV(inval)
	la	%r2, 4(%r2)
	cr	%r2, %r4
	bl	C(4b)
	/* CR0 and CR1 */
	l	%r0, GV(cr0)
	n	%r0, GV(nofmt)
	o	%r0, 0(%r1)
	st	%r0, GV(crs)
	mvc	GVL(crs+4,4), 36(%r1)
	lctl	0, 1, GV(crs)
	ptlb
	.endm

/*
 * The tests of one format.  The code snippet "LA 6,7; BR 14" is put at
 * real 0x70100, virtual V0 + 0x100.
 */
/*
 * The tests of one format; tea is the known difference that allows the
 * byte index of the translation-exception address to differ (6 for 4K
 * pages, 7 for 2K pages).
 */
	.macro	dattests fmt, tea
	BLOCK
	la	%r1, GV(\fmt)
	buildtables
	l	%r3, GV(snipat)
	mvc	0(6,%r3), GV(snippet)
	/* LRA of every address (KNOWN-DIFFERENCES 4 and 5) */
	la	%r2, GV(vaddrs)
	la	%r3, NVA
	KNOWN2(4, 5, CC_BIT | GR(6))
1:	T(l %r4,0(%r2); l %r6,GV(ones); lra %r6,0(%r4))
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	ENDKNOWN
	BLOCK
	KNOWN(\tea, 0x4)
	/* a fetch of every address with DAT on */
	la	%r2, GV(vaddrs2)
	la	%r3, NVA2
1:	T(l %r4,0(%r2); l %r6,GV(ones); stosm GV(sm),0x04; l %r6,0(%r4); stnsm GV(sm),0xFB)
	stnsm	GV(sm), 0xFB
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	/* instructions at V0 + 0x100, then in an invalid page */
	T(l %r3,GV(v0); sr %r6,%r6; stosm GV(sm),0x04; bal %r14,0x100(%r3); stnsm GV(sm),0xFB)
	stnsm	GV(sm), 0xFB
	T(l %r3,GV(v0); la %r3,2048(%r3); sr %r6,%r6; stosm GV(sm),0x04; bal %r14,2048(%r3); stnsm GV(sm),0xFB)
	stnsm	GV(sm), 0xFB
	/* a store into V0 + 0xFF8..0x1007: the second page is invalid */
	T(l %r3,GV(v0); stosm GV(sm),0x04; mvc 0xFF8(16,%r3),GV(vaddrs); stnsm GV(sm),0xFB)
	stnsm	GV(sm), 0xFB
	l	%r3, GV(rec70)
	RECM(0(%r3), 16)
	T(l %r3,GV(v0); stosm GV(sm),0x04; mvc 0xFF0(8,%r3),GV(vaddrs); stnsm GV(sm),0xFB)
	stnsm	GV(sm), 0xFB
	l	%r3, GV(rec70)
	RECM(0(%r3), 16)
	/* remap V0 to frame 0x71000: PTLB makes it seen */
	T(l %r3,GV(tpt); mvc 0(2,%r3),GV(f71000); ptlb; l %r4,GV(v0); stosm GV(sm),0x04; l %r6,0(%r4); stnsm GV(sm),0xFB)
	stnsm	GV(sm), 0xFB
	BLOCK
	/* invalid formats in CR0 bits 8-12 */
	la	%r2, GV(badfmt)
	la	%r3, NBAD
1:	ENDKNOWN
	T(stctl 0,0,GV(sm4); l %r0,GV(sm4); n %r0,GV(nofmt); o %r0,0(%r2); st %r0,GV(sm8); lctl 0,0,GV(sm8); l %r4,GV(v0); lra %r6,0(%r4))
	lctl	0, 0, GV(sm4)
	la	%r2, 4(%r2)
	bct	%r3, C(1b)
	/* a segment table outside storage, a page table outside storage */
	KNOWN(5, GR(6))
	T(l %r6,GV(ones); stctl 1,1,GV(sm4); lctl 1,1,GV(farst); l %r4,GV(v0); lra %r6,0(%r4))
	ENDKNOWN
	lctl	1, 1, GV(sm4)
	T(l %r6,GV(ones); l %r3,V(tste\@); mvc GVL(sm8,4),0(%r3); mvc 0(4,%r3),GV(farpt); ptlb; l %r4,GV(v0); lra %r6,0(%r4))
	l	%r3, V(tste\@)
	mvc	0(4,%r3), GV(sm8)
	ptlb
	DATA
	.align	4
tste\@: .long	ST + (V0 / \fmt\()_ssz) * 4
	ENDDATA
	.endm

	.equ	f4k64k_ssz, 0x10000
	.equ	f2k64k_ssz, 0x10000
	.equ	f4k1m_ssz, 0x100000
	.equ	f2k1m_ssz, 0x100000

	dattests f4k64k, 6
	dattests f2k64k, 7
	dattests f4k1m, 6
	dattests f2k1m, 7

	BLOCK
	lctl	0, 0, GV(cr0)
	EPILOG
