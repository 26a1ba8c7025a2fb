/*
 * start.S - the CMS nucleus's entry from its IPL bootstrap (EC mode, key
 * 0, disabled), and the program-check entry.
 *
 * _start clears .bss, takes the nucleus stack and calls cms_main()
 * (main.c), which never returns.  A program check (a command's bug, or a
 * user program's) comes to cms_pgm_entry: the registers and old PSW are
 * saved, and cms_abend() (main.c) is called on a stack of its own; it goes
 * back to the command loop with longjmp.
 */
#include "memlayout.h"

	.section .text.start,"ax",@progbits
	.globl	_start
_start:
	larl	%r2,__bss_start		/* MVCL with a zero-length source */
	larl	%r3,_end		/* pads the target with X'00' */
	sr	%r3,%r2
	sr	%r4,%r4
	sr	%r5,%r5
	mvcl	%r2,%r4
	larl	%r15,cms_stack+CMS_STACK_SIZE-CMS_FRAME
	xc	0(4,%r15),0(%r15)
	brasl	%r14,cms_main
	lpsw	stop_psw

	.text
	.globl	cms_pgm_entry
cms_pgm_entry:
	stm	%r0,%r15,cms_pgm_regs
	larl	%r15,cms_abend_stack+8192-CMS_FRAME
	xc	0(4,%r15),0(%r15)
	brasl	%r14,cms_abend
	lpsw	stop_psw

/*
 * SVC: the caller's registers and the old PSW go on its own stack (CMS
 * has one stack: the program's calls run below its frames), cms_svc()
 * (svc.c) gets the registers and may change them; then they and the PSW
 * are loaded back (the PSW through SVC_PSW in low storage: nothing runs
 * between the copy and the LPSW, CMS being disabled).
 */
#define SVC_FRAME (CMS_FRAME + 64 + 8)
#define SVC_PSW 0x300
	.globl	cms_svc_entry
cms_svc_entry:
	ahi	%r15,-SVC_FRAME
	stm	%r0,%r14,CMS_FRAME(%r15)
	la	%r1,SVC_FRAME(%r15)
	st	%r1,CMS_FRAME+60(%r15)		/* the caller's R15 */
	mvc	CMS_FRAME+64(8,%r15),LC_SVC_OLD
	xc	0(4,%r15),0(%r15)
	la	%r2,CMS_FRAME(%r15)
	brasl	%r14,cms_svc
	mvc	SVC_PSW(8),CMS_FRAME+64(%r15)
	lm	%r0,%r15,CMS_FRAME(%r15)
	lpsw	SVC_PSW

/* int cms_call(entry, plist, eplist): a program, as common/cmsapi.h says */
	.globl	cms_call
cms_call:
	stm	%r6,%r15,24(%r15)
	lr	%r5,%r2
	lr	%r6,%r15
	ahi	%r15,-CMS_FRAME		/* the program's frame: its save area */
	st	%r6,0(%r15)		/* back chain */
	lr	%r1,%r3
	lr	%r0,%r4
	lr	%r2,%r3
	lr	%r3,%r4
	basr	%r14,%r5
	lm	%r6,%r15,CMS_FRAME+24(%r15)
	br	%r14

	.section .rodata
	.align	8
stop_psw:
	.long	0x000A0000, 0x00000FFF	/* disabled wait: the nucleus ended */

	.bss
	.align	8
	.globl	cms_stack, cms_pgm_regs
cms_stack:
	.space	CMS_STACK_SIZE
cms_abend_stack:
	.space	8192
cms_pgm_regs:
	.space	64
	.section .note.GNU-stack,"",@progbits
