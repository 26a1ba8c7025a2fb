/*
 * idle.S - a guest that idles as a CMS user at Ready does: a read on its
 * console (009), then an enabled wait until the read ends, again and
 * again (tests/bench/idle_bench.sh logs 200 of them on).  EC mode, as a
 * saved system starts.
 */
	.text
	.globl	_start
_start:
	larl	%r12,.Liopsw				/* the data */
	mvc	0x78(8,%r0),0(%r12)			/* I/O new PSW: .Lread */
	larl	%r1,.Lbuf
	st	%r1,.Lccw-.Liopsw(%r12)
	mvi	.Lccw-.Liopsw(%r12),0x0A		/* read inquiry */
.Lread:
	larl	%r12,.Liopsw
	la	%r1,.Lccw-.Liopsw(%r12)
	st	%r1,0x48(%r0)				/* CAW, key 0 */
	.insn	s,0x9c000000,0x009(%r0)		/* SIO 009 */
	lpsw	.Lwait-.Liopsw(%r12)			/* enabled for I/O, wait */

	.data
	.align	8
.Liopsw:
	.long	0x00080000, .Lread
.Lwait:
	.long	0x020A0000, 0
.Lccw:
	.long	0, 0x20000050				/* SLI, 80 bytes */
.Lbuf:
	.fill	80, 1, 0
