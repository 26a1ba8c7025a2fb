/*
 * dasdio.S - the DASD benchmark as a guest program, pure System/370
 * (GA22-7000; SIO and TIO, format-0 CCWs), so that cpcms and Hercules
 * 3.13 in ARCHMODE S/370 run the same deck against a 3350 at X'190' and
 * their DASD can be compared (tests/bench/dasd_bench.sh).  Each channel
 * program is started with SIO and waited for with TIO; every one must end
 * with channel end and device end alone, else the program stops with a
 * disabled wait E1.
 *
 *   phase 0  format: every track gets R1-R4 of 4096 bytes (Search ID
 *            Equal on R0 + TIC, four Write CKD, data-chained from the
 *            count), one track per channel program
 *   phase 1  NREADS random reads of one 4K record (Seek, Search ID Equal
 *            + TIC, Read Data), one per channel program
 *   phase 2  sequential full-track writes: R1 of 19,069 bytes on every
 *            track, one track per channel program
 *
 * Results (real storage X'1040', read with --dump on cpcms and `r` on
 * Hercules): for each phase the TOD clock at its start and its end
 * (STCK), 16 bytes a phase.
 */
#include "bench.h"

#define DEV	0x190
#define CYLS	555
#define HEADS	30
#define NREADS	50000
#define RESULTS	0x1040
#define R1MAX	19069

	bench_begin
	l	%r10,.Lres-.Lframe(%r8)

	/* Phase 0: format every track. */
	stck	0(%r10)
	sr	%r4,%r4				/* cylinder */
.Lf_cyl:
	sr	%r5,%r5				/* head */
.Lf_head:
	bal	%r14,.Lsetpos-.Lbase(%r12)
	mvi	.Lsrch+4-.Lframe(%r8),0		/* search R0 */
	sth	%r4,.Lcnt1-.Lframe(%r8)
	sth	%r5,.Lcnt1+2-.Lframe(%r8)
	sth	%r4,.Lcnt2-.Lframe(%r8)
	sth	%r5,.Lcnt2+2-.Lframe(%r8)
	sth	%r4,.Lcnt3-.Lframe(%r8)
	sth	%r5,.Lcnt3+2-.Lframe(%r8)
	sth	%r4,.Lcnt4-.Lframe(%r8)
	sth	%r5,.Lcnt4+2-.Lframe(%r8)
	la	%r2,.Lp_format-.Lframe(%r8)
	bal	%r14,.Lio-.Lbase(%r12)
	la	%r5,1(%r5)
	c	%r5,.Lheads-.Lframe(%r8)
	bl	.Lf_head-.Lbase(%r12)
	la	%r4,1(%r4)
	c	%r4,.Lcyls-.Lframe(%r8)
	bl	.Lf_cyl-.Lbase(%r12)
	stck	8(%r10)

	/* Phase 1: random record reads. */
	stck	16(%r10)
	l	%r6,.Lseed-.Lframe(%r8)
	l	%r9,.Lnreads-.Lframe(%r8)
.Lr_loop:
	lr	%r3,%r6				/* seed = seed * a + c */
	m	%r2,.Lmul-.Lframe(%r8)
	al	%r3,.Ladd-.Lframe(%r8)
	lr	%r6,%r3
	srl	%r3,8				/* track = (seed >> 8) mod tracks */
	sr	%r2,%r2
	d	%r2,.Ltracks-.Lframe(%r8)
	lr	%r3,%r2				/* cylinder, head */
	sr	%r2,%r2
	d	%r2,.Lheads-.Lframe(%r8)
	lr	%r4,%r3
	lr	%r5,%r2
	bal	%r14,.Lsetpos-.Lbase(%r12)
	lr	%r7,%r6				/* record 1 + (seed >> 28) % 4 */
	srl	%r7,28
	n	%r7,.Lthree-.Lframe(%r8)
	la	%r7,1(%r7)
	stc	%r7,.Lsrch+4-.Lframe(%r8)
	la	%r2,.Lp_read-.Lframe(%r8)
	bal	%r14,.Lio-.Lbase(%r12)
	bct	%r9,.Lr_loop-.Lbase(%r12)
	stck	24(%r10)

	/* Phase 2: sequential full-track writes. */
	stck	32(%r10)
	sr	%r4,%r4
.Lw_cyl:
	sr	%r5,%r5
.Lw_head:
	bal	%r14,.Lsetpos-.Lbase(%r12)
	mvi	.Lsrch+4-.Lframe(%r8),0
	sth	%r4,.Lcntw-.Lframe(%r8)
	sth	%r5,.Lcntw+2-.Lframe(%r8)
	la	%r2,.Lp_write-.Lframe(%r8)
	bal	%r14,.Lio-.Lbase(%r12)
	la	%r5,1(%r5)
	c	%r5,.Lheads-.Lframe(%r8)
	bl	.Lw_head-.Lbase(%r12)
	la	%r4,1(%r4)
	c	%r4,.Lcyls-.Lframe(%r8)
	bl	.Lw_cyl-.Lbase(%r12)
	stck	40(%r10)
	lpsw	.Lpsw_done-.Lframe(%r8)

/* Seek and search arguments for cylinder r4, head r5. */
.Lsetpos:
	sth	%r4,.Lseek+2-.Lframe(%r8)
	sth	%r5,.Lseek+4-.Lframe(%r8)
	sth	%r4,.Lsrch-.Lframe(%r8)
	sth	%r5,.Lsrch+2-.Lframe(%r8)
	br	%r14

/* Run the channel program at r2 on DEV and wait for its end with TIO;
   anything but CE+DE alone stops the run (wait E1). */
.Lio:
	st	%r2,72(%r0)			/* CAW: key 0 */
	.insn	s,0x9c000000,DEV(%r0)		/* SIO */
	bc	7,.Lfail-.Lbase(%r12)
.Lio_wait:
	.insn	s,0x9d000000,DEV(%r0)		/* TIO */
	bc	2,.Lio_wait-.Lbase(%r12)	/* busy */
	bc	9,.Lfail-.Lbase(%r12)		/* nothing stored, or gone */
	cli	68(%r0),0x0C
	bne	.Lfail-.Lbase(%r12)
	cli	69(%r0),0
	bne	.Lfail-.Lbase(%r12)
	br	%r14
.Lfail:
	lpsw	.Lpsw_fail-.Lframe(%r8)

	.data
	.align	8
/* Format-0 CCWs: command and 24-bit address, flags, zero, count. */
#define CCW(cmd, addr, flags, count) .long ((cmd) << 24) + (addr); .byte flags, 0; .short count
#define CC 0x40
#define CD 0x80
.Lp_format:
	CCW(0x07, .Lseek, CC, 6)
.Lf_srch:
	CCW(0x31, .Lsrch, CC, 5)
	CCW(0x08, .Lf_srch, 0, 0)
	CCW(0x1D, .Lcnt1, CC | CD, 8)
	CCW(0x1D, .Lbuf4k, CC, 4096)
	CCW(0x1D, .Lcnt2, CC | CD, 8)
	CCW(0x1D, .Lbuf4k, CC, 4096)
	CCW(0x1D, .Lcnt3, CC | CD, 8)
	CCW(0x1D, .Lbuf4k, CC, 4096)
	CCW(0x1D, .Lcnt4, CC | CD, 8)
	CCW(0x1D, .Lbuf4k, 0, 4096)
.Lp_read:
	CCW(0x07, .Lseek, CC, 6)
.Lr_srch:
	CCW(0x31, .Lsrch, CC, 5)
	CCW(0x08, .Lr_srch, 0, 0)
	CCW(0x06, .Lrdbuf, 0, 4096)
.Lp_write:
	CCW(0x07, .Lseek, CC, 6)
.Lw_srch:
	CCW(0x31, .Lsrch, CC, 5)
	CCW(0x08, .Lw_srch, 0, 0)
	CCW(0x1D, .Lcntw, CC | CD, 8)
	CCW(0x1D, .Lbigbuf, 0, R1MAX)

.Lres:		.long	RESULTS
.Lcyls:		.long	CYLS
.Lheads:	.long	HEADS
.Ltracks:	.long	CYLS * HEADS
.Lnreads:	.long	NREADS
.Lseed:		.long	12345
.Lmul:		.long	1103515245
.Ladd:		.long	12345
.Lthree:	.long	3
.Lseek:		.short	0, 0, 0
.Lsrch:		.short	0, 0
		.byte	0, 0
		.align	4
.Lcnt1:		.short	0, 0
		.byte	1, 0
		.short	4096
.Lcnt2:		.short	0, 0
		.byte	2, 0
		.short	4096
.Lcnt3:		.short	0, 0
		.byte	3, 0
		.short	4096
.Lcnt4:		.short	0, 0
		.byte	4, 0
		.short	4096
.Lcntw:		.short	0, 0
		.byte	1, 0
		.short	R1MAX
	.align	8
.Lbuf4k:	.fill	4096, 1, 0xA5
.Lrdbuf:	.fill	4096, 1, 0
.Lbigbuf:	.fill	R1MAX, 1, 0x5A
