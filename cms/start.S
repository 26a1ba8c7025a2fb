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
