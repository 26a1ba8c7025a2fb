/*
 * bench.h - the frame shared by the benchmark loops (tests/bench/*.S):
 * pure System/370 code (GA22-7000), no extension instructions, so that
 * Hercules 3.13 in ARCHMODE S/370 runs the same decks as cpcms.
 *
 * GNU as has no USING: every operand is written base-displacement.  Code
 * and branch targets are SYMBOL-.Lbase(%r12); data, in .data after the
 * frame's own, SYMBOL-.Lframe(%r8).  The code sections hold nothing but
 * instructions and address constants, so that the listings (and the
 * opcode check, tests/machine/opcodes_test.sh) see only instructions.
 * A loop must leave r8, r11 and r12 as it found them.
 *
 * A benchmark is
 *
 *	#include "bench.h"
 *	bench_begin		   _start at 0x10000: r12 = code base
 *				   (.Lbase), r8 = data base (.Lframe),
 *				   r11 = BENCH_RESULTS, DAT on if BENCH_DAT
 *	...set up...
 *	stck	BR_TOD_START(%r11)
 *	...the timed loop...
 *	stck	BR_TOD_END(%r11)
 *	bench_end COUNT, CHECK	   store the results, disabled wait 0
 *
 * COUNT is the number of instructions executed from the first STCK
 * (included) to the second (excluded), worked out from the loop's
 * structure; in the deterministic mode, where the TOD advances 64 units
 * per instruction, it equals (end - start) / 64 exactly, which run.sh
 * checks.  CHECK is a register holding a value the loop computed, so that
 * the two machines can be seen to have done the same work.
 *
 * The frame's address comes from LARL, which S/370 lacks; the decks for
 * Hercules (-DBENCH_HERC=1, NAME.herc.deck) load it from a word in the
 * code instead, which this machine's opcode check (opcodes_test.sh) would
 * take for an instruction.  The timed part is the same in both.
 *
 * With -DBENCH_DAT=1 the frame builds an identity segment table and page
 * table for the first megabyte (1M segments, 4K pages), loads CR0 and CR1
 * and turns DAT on in the EC-mode PSW before the loop starts.
 *
 * Results area (real storage, BENCH_RESULTS), read with --dump on cpcms
 * and with the `r` command on Hercules:
 *
 *   +0   TOD clock at the start (STCK; bit 51 = 1 microsecond)
 *   +8   TOD clock at the end
 *   +16  instructions from the first STCK to the second (64 bits)
 *   +24  check value (32 bits)
 *   +28  X'0000D0A7' if DAT was on, else 0
 *
 * Each loop runs ITER iterations (-DITER=N overrides the default in its
 * file), chosen so that a run takes one to two seconds on the cpcms of
 * November 2026; as the machine gets faster they should grow with it.
 *
 * Every new PSW is a disabled wait whose address gives the exit status
 * (F1 program, F2 external, F3 machine check, F4 I/O, F5 SVC), so that an
 * unexpected interruption stops the run with a status that names it; a
 * loop that finds a wrong result loads .Lpsw_fail (E1).
 */
#ifndef BENCH_H
#define BENCH_H

#define BENCH_RESULTS	0x1000	/* below SA_IMAGE_BASE, above low core */
#define BR_TOD_START	0
#define BR_TOD_END	8
#define BR_COUNT	16
#define BR_CHECK	24
#define BR_DAT		28

#ifndef BENCH_DAT
#define BENCH_DAT 0
#endif
#ifndef BENCH_HERC
#define BENCH_HERC 0
#endif

	.macro	bench_begin
	.section .text.start,"ax",@progbits
	.globl	_start
_start:
	basr	%r12,0
.Lbase:
	.if	BENCH_HERC
	l	%r8,.Lframe_addr-.Lbase(%r12)
	b	.Lframe_known-.Lbase(%r12)
.Lframe_addr:	.long	.Lframe
.Lframe_known:
	.else
	larl	%r8,.Lframe
	.endif
	mvc	0x58(8,%r0),.Lpsw_ext-.Lframe(%r8)	/* external new PSW */
	mvc	0x60(8,%r0),.Lpsw_svc-.Lframe(%r8)	/* SVC new PSW */
	mvc	0x68(8,%r0),.Lpsw_pgm-.Lframe(%r8)	/* program new PSW */
	mvc	0x70(8,%r0),.Lpsw_mck-.Lframe(%r8)	/* machine-check new PSW */
	mvc	0x78(8,%r0),.Lpsw_io-.Lframe(%r8)	/* I/O new PSW */
	l	%r11,.Lresults-.Lframe(%r8)
	xc	0(32,%r11),0(%r11)
	.if	BENCH_DAT
	/* Identity page table: entry i (2 bytes) = frame i << 4 (4K pages) */
	l	%r2,.Lpagetab_addr-.Lframe(%r8)
	sr	%r3,%r3			/* frame entry */
	la	%r4,16			/* increment: one 4K frame */
	la	%r5,256			/* 256 pages in a 1M segment */
.Lbench_pt:
	sth	%r3,0(%r2)
	ar	%r3,%r4
	la	%r2,2(%r2)
	bct	%r5,.Lbench_pt-.Lbase(%r12)
	/* Segment table: entry 0 -> the page table (length 15: all 256);
	   entries 1-15 invalid.  CR1: length 0 (16 entries), origin. */
	l	%r2,.Lpagetab_addr-.Lframe(%r8)
	o	%r2,.Lste_len-.Lframe(%r8)
	l	%r3,.Lsegtab_addr-.Lframe(%r8)
	st	%r2,0(%r3)
	mvc	4(4,%r3),.Lste_invalid-.Lframe(%r8)
	mvc	8(52,%r3),4(%r3)	/* propagate to entries 2-15 */
	st	%r3,.Lcr-.Lframe(%r8)	/* CR1 = segment table, length 0 */
	lctl	%c1,%c1,.Lcr-.Lframe(%r8)
	stctl	%c0,%c0,.Lcr-.Lframe(%r8)
	l	%r2,.Lcr-.Lframe(%r8)
	n	%r2,.Lcr0_mask-.Lframe(%r8)
	o	%r2,.Lcr0_dat-.Lframe(%r8)	/* 4K pages, 1M segments */
	st	%r2,.Lcr-.Lframe(%r8)
	lctl	%c0,%c0,.Lcr-.Lframe(%r8)
	ptlb
	la	%r2,.Lbench_dat_on-.Lbase(%r12)
	st	%r2,.Lpsw_dat+4-.Lframe(%r8)
	lpsw	.Lpsw_dat-.Lframe(%r8)
.Lbench_dat_on:
	mvc	BR_DAT(4,%r11),.Ldat_flag-.Lframe(%r8)
	.endif

	.pushsection .data
	.align	8
.Lframe:
.Lpsw_ext:	.long	0x000A0000, 0x000000F2
.Lpsw_svc:	.long	0x000A0000, 0x000000F5
.Lpsw_pgm:	.long	0x000A0000, 0x000000F1
.Lpsw_mck:	.long	0x000A0000, 0x000000F3
.Lpsw_io:	.long	0x000A0000, 0x000000F4
.Lpsw_done:	.long	0x000A0000, 0x00000000
.Lpsw_fail:	.long	0x000A0000, 0x000000E1	/* a loop's self-check */
.Lpsw_dat:	.long	0x04080000, 0	/* EC, DAT on, disabled, key 0 */
.Lresults:	.long	BENCH_RESULTS
.Lcr:		.long	0
.Lcr0_mask:	.long	0xFF07FFFF	/* clear bits 8-12 */
.Lcr0_dat:	.long	0x00900000	/* bits 8-9 = 10 (4K), 11-12 = 10 (1M) */
.Lste_len:	.long	0xF0000000	/* page-table length 15 */
.Lste_invalid:	.long	0x00000001
.Ldat_flag:	.long	0x0000D0A7
	.if	BENCH_DAT
.Lsegtab_addr:	.long	.Lsegtab
.Lpagetab_addr:	.long	.Lpagetab
	.endif
	.popsection
	.if	BENCH_DAT
	.pushsection .bss	/* not loaded; written whole before use */
	.align	64
.Lsegtab:	.space	64
.Lpagetab:	.space	512
	.popsection
	.endif
	.endm

/* Store the check value and the instruction count; end in a wait. */
	.macro	bench_end count, check
	st	\check,BR_CHECK(%r11)
	mvc	BR_COUNT(8,%r11),.Lbench_count-.Lframe(%r8)
	lpsw	.Lpsw_done-.Lframe(%r8)
	.pushsection .data
	.align	8
.Lbench_count:
	.quad	\count
	.popsection
	.endm

#endif
