/*
 * setjmp.h - non-local jumps for stand-alone programs (sa/setjmp.S).
 * A jmp_buf holds the callee-saved registers r6-r15 of the s390 31-bit
 * ABI (r14 is the return address, r15 the stack pointer); there are no
 * floating-point registers to keep (-msoft-float).
 */
#ifndef SA_SETJMP_H
#define SA_SETJMP_H

typedef unsigned int jmp_buf[10];

int setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int val) __attribute__((noreturn));

#endif
