/*
 * diff.h - the frame of the differential test programs (tests/diff/*.S):
 * pure System/370 programs (GA22-7000) that run on cpcms and on Hercules
 * 3.13 in S/370 mode, write what every step did into a results area, and
 * end in a disabled wait.  tests/diff/diff_test.sh runs them on both
 * machines and compares the results record by record (compare.awk).
 *
 * Only S/370 instructions: no relative branches, no immediates (LHI, AHI),
 * no IPM, no BAS/BASR.  Addressing is base-displacement throughout:
 *
 *   r10  global data base: the start of .data (tables shared by blocks)
 *   r11  data base: D, the start of the current block's data (.data)
 *   r12  code base: B, set by BLOCK (a block's code must fit in 4K of B)
 *   r13  results pointer: the next free byte of the results area
 *   r14  scratch of the frame (clobbered by every step)
 *   r0-r9, r15  free for the tests
 *
 * Write V(x) for data x of the current block, C(x) for code label x,
 * GV(x) for data x declared (with DATA) before the first BLOCK after
 * PROLOG: the first 4K of .data; VL(x, l) and GVL(x, l) for a first
 * operand of an SS instruction with length l.  T() cannot hold .insn
 * (gas takes the rest of the line): instructions that gas does not know
 * or will not assemble (SSK, ISK, odd register pairs) are written as
 * .short/.long with a comment.
 *
 * Storage map (2M of storage on both machines):
 *
 *   0x000000  assigned locations (PSWs, codes)
 *   0x000800  the frame's own words (LC_*), handler save areas
 *   0x010000  the program (diff.ld): text, then data
 *   0x040000  WORK: 256K for the tests (DAT tables, key blocks, buffers)
 *   0x080000  RESULTS: 1.5M of records, up to the end record
 *   0x200000  end of storage
 *
 * A step is T(instruction; instruction...): the frame notes the source line
 * and a resume address, runs the instructions, and records the general
 * registers and the condition code (TF: the floating-point registers too).
 * A program interruption inside a step is recorded by the handler, which
 * then resumes at the end of the step in key 0 and the supervisor state,
 * so the step's register record follows it (bits that an EC-mode PSW
 * must have zero are cleared in the resume PSW).
 *
 * Records, each a multiple of 16 bytes, start with a 16-byte header
 *
 *   byte 0 type, byte 1 0, bytes 2-3 source line, word 1 type-specific,
 *   word 2 known-difference mask (KNOWN), word 3 type-specific
 *
 *   FE  registers: word 1 = byte of BALR link information (ILC 1, CC,
 *       program mask); r0-r15 follow                                  80
 *   FF  the same, then floating-point registers 0, 2, 4, 6           112
 *   FD  program interruption: old PSW (40), word 140 (ILC, code),
 *       word 144 (translation-exception address)                      32
 *   FC  supervisor call: old PSW (32), word 136 (ILC, code)           32
 *   FB  external interruption: old PSW (24), word 132 (code)          32
 *   FA  storage: word 3 = length n; n bytes follow, padded to 16  16+n'
 *   F0  end of the results                                            16
 *
 * The interruption-code words are cleared after each record, so a
 * machine that stores one where the other does not shows up.
 */

/* The frame's words in low storage */
#define LC_LINE     0x800   /* source line of the current step */
#define LC_RESUME   0x804   /* where a program interruption resumes; 0: at the old PSW */
#define LC_NPGM     0x808   /* program interruptions so far */
#define LC_SAVE14   0x80C
#define LC_RPSW     0x810   /* program handler: the resume PSW */
#define LC_PSW      0x818   /* scratch PSW for mode switches */
#define LC_KMASK    0x820   /* known-difference mask of the current steps */
#define LC_SPSW     0x828   /* SVC handler: the return PSW */
#define LC_EPSW     0x830   /* external handler: the return PSW */
#define LC_NEXT     0x838   /* external interruptions so far */
#define LC_HSAVE    0x840   /* program handler register save area */
#define LC_SSAVE    0x880   /* SVC handler register save area */
#define LC_ESAVE    0x8C0   /* external handler register save area */
#define LC_WAITE1   0x900   /* the wait PSW of too many program interruptions */

#define WORK        0x040000
#define RESULTS     0x080000
#define RESULTS_END 0x200000

#define MAXPGM      4000    /* more program interruptions: stop (wait E1) */

#define V(x) x-D(%r11)
#define C(x) x-B(%r12)
#define GV(x) x-.Lgdata(%r10)
/* The same as first operands of SS instructions, with a length */
#define VL(x, l) x-D(l,%r11)
#define GVL(x, l) x-.Lgdata(l,%r10)

/*
 * Loops over operand tables of words (labels 1 and 2 are theirs):
 * EACH(addr, n, insns): for each word a at addr: r2 -> a, r6 = r7 = a,
 * then the step T(insns).  PAIRS(addr, n, insns): for each a, then each
 * b: r2 -> a, r4 -> b, r6 = a, r7 = b, then T(insns).
 */
#define EACH(addr, n, ...) \
	la %r2,addr ; la %r3,n ; \
	1: l %r6,0(%r2) ; lr %r7,%r6 ; \
	T(__VA_ARGS__) ; \
	la %r2,4(%r2) ; bct %r3,C(1b)
#define PAIRS(addr, n, ...) \
	la %r2,addr ; la %r3,n ; \
	1: la %r4,addr ; la %r5,n ; \
	2: l %r6,0(%r2) ; l %r7,0(%r4) ; \
	T(__VA_ARGS__) ; \
	la %r4,4(%r4) ; bct %r5,C(2b) ; la %r2,4(%r2) ; bct %r3,C(1b)

/* A step; a step that records the floating-point registers too */
#define T(...)  tb __LINE__ ; __VA_ARGS__ ; te __LINE__
#define TF(...) tb __LINE__ ; __VA_ARGS__ ; tef __LINE__
/* Record the registers, or n bytes of storage at d(b) (n <= 256) */
#define REC     rec __LINE__
#define RECF    recf __LINE__
#define RECM(d, n) recm __LINE__, d, n
/*
 * KNOWN(id, mask) ... ENDKNOWN: the records of the steps between may
 * differ in the fields of mask by the known difference id (1-8,
 * KNOWN-DIFFERENCES.md), and only in the way compare.awk knows for that
 * id.  KNOWN2(id, id2, mask) allows either of two.  The mask bits are per
 * record type: FE/FF: bit 0 CC, bits 1-16 r0-r15, bits 17-20 f0-f6; FD,
 * FC, FB: bit 0 old PSW, bit 1 code word, bit 2 translation-exception
 * address; FA: bit 0 the data.  Bits 24-31 are the set of ids (bit 24 is
 * id 1).
 */
#define KNOWN(id, mask) known (1 << (23 + (id))) | (mask)
#define KNOWN2(id, id2, mask) known (1 << (23 + (id))) | (1 << (23 + (id2))) | (mask)
#define ENDKNOWN known 0

#define CC_BIT   0x1
#define GR(n)    (0x2 << (n))
#define FR(n)    (0x20000 << ((n) / 2))

	.macro	known	m
	mvi	LC_KMASK, ((\m) >> 24) & 255
	mvi	LC_KMASK+1, ((\m) >> 16) & 255
	mvi	LC_KMASK+2, ((\m) >> 8) & 255
	mvi	LC_KMASK+3, (\m) & 255
	.endm

/* Start a block: new code base B in r12, new data base D in r11 */
	.macro	BLOCK
	balr	%r12,0
	.set	B,.
	l	%r11,.Ldp\@-B(%r12)
	b	.Ldx\@-B(%r12)
	.align	4
.Ldp\@:	.long	.Ldata\@
.Ldx\@:
	.pushsection .data
	.align	8
.Ldata\@:
	.set	D,.
	.popsection
	.endm

/* Data of the current block, between DATA and ENDDATA */
	.macro	DATA
	.pushsection .data
	.endm
	.macro	ENDDATA
	.popsection
	.endm

	.macro	setline	line
	mvi	LC_LINE+2, ((\line) >> 8) & 255
	mvi	LC_LINE+3, (\line) & 255
	.endm

/* The record header: type, line, known mask (none of these set the CC) */
	.macro	header	type, line
	mvi	0(%r13), \type
	mvi	2(%r13), ((\line) >> 8) & 255
	mvi	3(%r13), (\line) & 255
	mvc	8(4,%r13), LC_KMASK
	.endm

	.macro	tb	line
	setline	\line
	la	%r14, 9f-B(%r12)
	st	%r14, LC_RESUME
	.endm

	.macro	te	line
9:	rec	\line
	xc	LC_RESUME(4), LC_RESUME
	.endm

	.macro	tef	line
9:	recf	\line
	xc	LC_RESUME(4), LC_RESUME
	.endm

	.macro	rec	line
	st	%r14, LC_SAVE14
	balr	%r14, 0
	stcm	%r14, 8, 4(%r13)
	l	%r14, LC_SAVE14
	stm	%r0, %r15, 16(%r13)
	header	0xFE, \line
	la	%r13, 80(%r13)
	.endm

	.macro	recf	line
	st	%r14, LC_SAVE14
	balr	%r14, 0
	stcm	%r14, 8, 4(%r13)
	l	%r14, LC_SAVE14
	stm	%r0, %r15, 16(%r13)
	std	%f0, 80(%r13)
	std	%f2, 88(%r13)
	std	%f4, 96(%r13)
	std	%f6, 104(%r13)
	header	0xFF, \line
	la	%r13, 112(%r13)
	.endm

	.macro	recm	line, d, n
	mvc	16(\n,%r13), \d
	header	0xFA, \line
	.if \n == 256
	mvi	14(%r13), 1
	.else
	mvi	15(%r13), \n
	.endif
	la	%r13, 16+((\n+15)/16)*16(%r13)
	.endm

/*
 * Switch the PSW: load the 8 bytes at d(b) with this address put in, so
 * that the program goes on after the macro in the new state.
 */
	.macro	SETPSW	psw
	mvc	LC_PSW(8), \psw
	la	%r14, .Lsp\@-B(%r12)
	stcm	%r14, 7, LC_PSW+5
	lpsw	LC_PSW
.Lsp\@:
	.endm

/*
 * The beginning of a program: the new PSWs, the results area cleared,
 * r13 at its start.  Supervisor call 255 returns in key 0 and the
 * supervisor state (for steps that leave it); the others return to the
 * old PSW.  Machine-check and I/O interruptions are not expected: they
 * end the program with a wait PSW at X'EE' and X'ED'.  The handlers have
 * their own base (r12 is the interrupted block's) and use no data base.
 */
	.macro	PROLOG
	.text
	.globl	_start
_start:
	BLOCK
	mvc	0x58(8), V(.Lext_new)
	mvc	0x60(8), V(.Lsvc_new)
	mvc	0x68(8), V(.Lpgm_new)
	mvc	0x70(8), V(.Lmck_new)
	mvc	0x78(8), V(.Lio_new)
	xc	0x800(256), 0x800
	xc	0x900(256), 0x900
	mvc	LC_WAITE1(8), V(.Lwait_e1)
	l	%r2, V(.Lresults)
	l	%r3, V(.Lresults_size)
	sr	%r4, %r4
	sr	%r5, %r5
	mvcl	%r2, %r4
	l	%r13, V(.Lresults)
	l	%r10, V(.Lgdata_a)
	b	C(.Lbegin)

/* Program interruption: record, then resume (see above) */
.Lpgm:
	stm	%r0, %r15, LC_HSAVE
	balr	%r12, 0
.Lpgm_b:
	header	0xFD, 0
	mvc	2(2,%r13), LC_LINE+2
	mvc	16(8,%r13), 0x28
	mvc	24(4,%r13), 0x8C
	mvc	28(4,%r13), 0x90
	xc	0x8C(8), 0x8C
	la	%r13, 32(%r13)
	st	%r13, LC_HSAVE+52
	l	%r1, LC_NPGM
	la	%r1, 1(%r1)
	st	%r1, LC_NPGM
	la	%r2, MAXPGM
	cr	%r1, %r2
	bh	.Lpgm_loop-.Lpgm_b(%r12)
	mvc	LC_RPSW(8), 0x28
	ni	LC_RPSW+1, 0x0E
	tm	LC_RPSW+1, 0x08
	bz	.Lpgm_bc-.Lpgm_b(%r12)
	ni	LC_RPSW, 0x07                   /* an invalid EC PSW made valid */
	ni	LC_RPSW+2, 0x3F
	xc	LC_RPSW+3(2), LC_RPSW+3
.Lpgm_bc:
	icm	%r1, 7, LC_RESUME+1
	bz	.Lpgm_back-.Lpgm_b(%r12)
	stcm	%r1, 7, LC_RPSW+5
	xc	LC_RESUME(4), LC_RESUME
.Lpgm_back:
	lm	%r0, %r15, LC_HSAVE
	lpsw	LC_RPSW
.Lpgm_loop:
	lpsw	LC_WAITE1

/* Supervisor call: record, return (255: in key 0, supervisor state) */
.Lsvc:
	stm	%r0, %r15, LC_SSAVE
	balr	%r12, 0
.Lsvc_b:
	mvc	LC_SPSW(8), 0x20
	la	%r1, 0x8B
	tm	0x21, 0x08
	bo	.Lsvc_ec-.Lsvc_b(%r12)
	la	%r1, 0x23
.Lsvc_ec:
	cli	0(%r1), 255
	bne	.Lsvc_rec-.Lsvc_b(%r12)
	ni	LC_SPSW+1, 0x0E
.Lsvc_rec:
	header	0xFC, 0
	mvc	2(2,%r13), LC_LINE+2
	mvc	16(8,%r13), 0x20
	mvc	24(4,%r13), 0x88
	xc	0x88(4), 0x88
	la	%r13, 32(%r13)
	st	%r13, LC_SSAVE+52
	lm	%r0, %r15, LC_SSAVE
	lpsw	LC_SPSW

/* External interruption: record, return disabled for external ones and
   out of any wait state */
.Lext:
	stm	%r0, %r15, LC_ESAVE
	header	0xFB, 0
	mvc	2(2,%r13), LC_LINE+2
	mvc	16(8,%r13), 0x18
	mvc	24(4,%r13), 0x84
	xc	0x84(4), 0x84
	la	%r13, 32(%r13)
	st	%r13, LC_ESAVE+52
	l	%r1, LC_NEXT
	la	%r1, 1(%r1)
	st	%r1, LC_NEXT
	mvc	LC_EPSW(8), 0x18
	ni	LC_EPSW, 0xFE
	ni	LC_EPSW+1, 0xFD
	lm	%r0, %r15, LC_ESAVE
	lpsw	LC_EPSW

	DATA
	.align	8
.Lext_new:	.long	0x00080000, .Lext
.Lsvc_new:	.long	0x00080000, .Lsvc
.Lpgm_new:	.long	0x00080000, .Lpgm
.Lmck_new:	.long	0x000A0000, 0xEE
.Lio_new:	.long	0x000A0000, 0xED
.Lwait_e1:	.long	0x000A0000, 0xE1
.Lresults:	.long	RESULTS
.Lresults_size:	.long	RESULTS_END - RESULTS
.Lgdata_a:	.long	.Lgdata
.Lgdata:
	ENDDATA
.Lbegin:
	.endm

/* The end: the end record, then the disabled wait with address 0 */
	.macro	EPILOG
	BLOCK
	header	0xF0, 0
	la	%r13, 16(%r13)
	lpsw	V(.Lwait_0)
	DATA
	.align	8
.Lwait_0:	.long	0x000A0000, 0
	ENDDATA
	.endm
