/*
 * boot.S - the entry of the CMS bootstrap and its PSW loads; the rest is
 * cmsboot.c, the records and the header common/cmsboot.h, the link
 * boot.ld.
 *
 * The IPL PSW of block 1 starts _start, right after the header, in EC
 * mode, key 0, disabled.  It keeps the program new PSW (X'68') and makes
 * a program interruption a disabled wait with CMSBOOT_W_PROGRAM, sets the
 * stack (r15 = boot_stack_top - 96, back chain 0) and calls
 * cmsboot_main(), which does not return.
 */
#include "cmsboot.h"

	.section .boot.header,"a",@progbits
	.globl	cmsboot_hdr
cmsboot_hdr:
	.space	CMSBOOT_HDR_LEN		/* written by cpcms sysgen */

	.section .text.start,"ax",@progbits
	.globl	_start
	.type	_start,@function
_start:
	larl	%r1,saved_pgm_new
	mvc	0(8,%r1),0x68(%r0)
	larl	%r1,pgm_new_psw
	mvc	0x68(8,%r0),0(%r1)
	larl	%r15,boot_stack_top
	ahi	%r15,-96
	xc	0(4,%r15),0(%r15)	/* back chain 0 */
	brasl	%r14,cmsboot_main
	.size	_start,.-_start

/* void boot_wait(unsigned code): a disabled wait at address `code`. */
	.text
	.globl	boot_wait
	.type	boot_wait,@function
boot_wait:
	larl	%r1,wait_psw
	st	%r2,4(%r1)
	lpsw	0(%r1)
	.size	boot_wait,.-boot_wait

/* void boot_start(uint32_t entry): the program new PSW as the IPL left
   it, then an EC-mode PSW, key 0, disabled, at `entry`. */
	.globl	boot_start
	.type	boot_start,@function
boot_start:
	larl	%r1,saved_pgm_new
	mvc	0x68(8,%r0),0(%r1)
	larl	%r1,start_psw
	st	%r2,4(%r1)
	lpsw	0(%r1)
	.size	boot_start,.-boot_start

	.data
	.align	8
pgm_new_psw:
	.long	0x000A0000, CMSBOOT_W_PROGRAM	/* EC, wait, disabled */
wait_psw:
	.long	0x000A0000, 0
start_psw:
	.long	0x00080000, 0			/* EC, key 0, disabled */
saved_pgm_new:
	.long	0, 0

	.section .note.GNU-stack,"",@progbits
