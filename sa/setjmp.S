/*
 * setjmp.S - setjmp and longjmp for stand-alone programs (sa/include/setjmp.h).
 *
 * The s390 31-bit ABI makes r6-r13 and r15 callee-saved and r14 the
 * return address: setjmp stores r6-r15 in the jmp_buf (10 words), longjmp
 * reloads them and returns to setjmp's caller with val (1 if val is 0).
 * Floating-point registers are not saved: the runtime has no floating point.
 */
	.text
	.globl	setjmp
	.type	setjmp,@function
setjmp:
	stm	%r6,%r15,0(%r2)
	sr	%r2,%r2
	br	%r14
	.size	setjmp,.-setjmp

	.globl	longjmp
	.type	longjmp,@function
longjmp:
	lr	%r1,%r2
	lr	%r2,%r3
	ltr	%r2,%r2
	jnz	1f
	lhi	%r2,1
1:	lm	%r6,%r15,0(%r1)
	br	%r14
	.size	longjmp,.-longjmp

	.section .note.GNU-stack,"",@progbits
