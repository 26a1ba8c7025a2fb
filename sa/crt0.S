/*
 * crt0.S - entry point of a stand-alone S/370 program.
 *
 * The IPL PSW (built by tools/elf2deck) starts here in EC mode, key 0,
 * with all interruptions disabled. _start clears .bss, sets the stack
 * (r15 = SA_STACK_TOP - 96, back chain 0), calls main(0, argv) with
 * argv = { NULL }, and passes main's result to exit() (sa/exit.c).
 * The storage map is in memlayout.h.
 */
#include "memlayout.h"

	.section .text.start,"ax",@progbits
	.globl	_start
	.type	_start,@function
_start:
	larl	%r2,__bss_start		/* MVCL with a zero-length source */
	larl	%r3,_end		/* pads the target with X'00' */
	sr	%r3,%r2
	sr	%r4,%r4
	sr	%r5,%r5
	mvcl	%r2,%r4
	larl	%r1,.Lstack
	l	%r15,0(%r1)
	xc	0(4,%r15),0(%r15)	/* back chain 0 */
	sr	%r2,%r2			/* argc */
	larl	%r3,.Largv		/* argv */
	brasl	%r14,main
	brasl	%r14,exit		/* exit(main's value): no return */
	.size	_start,.-_start

	.section .rodata		/* code sections hold only instructions */
	.align	4
.Lstack:
	.long	SA_STACK_TOP - SA_STACK_FRAME
.Largv:
	.long	0

	.section .note.GNU-stack,"",@progbits
