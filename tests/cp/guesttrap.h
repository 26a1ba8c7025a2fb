/*
 * guesttrap.h - interruptions caught by a test program (tests/cp): the
 * external, SVC and program new PSWs lead to stubs that note the class,
 * code, ILC and old PSW in `trap` and longjmp back into TRY(stmt).
 * Include it in one file of a program; call guesttrap_init() first.
 */
#ifndef GUESTTRAP_H
#define GUESTTRAP_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct trap {
    uint32_t cls;       /* 1 external, 2 SVC, 3 program, 5 I/O */
    uint32_t code;
    uint32_t ilc;
    uint8_t old[8];
};
struct trap trap;
jmp_buf trap_env;

__asm__(
"	.text\n"
"	.align 4\n"
"ext_stub:\n"
"	lhi	%r0,1\n"
"	larl	%r1,trap\n"
"	st	%r0,0(%r1)\n"
"	lh	%r0,0x86\n"
"	st	%r0,4(%r1)\n"
"	mvc	12(8,%r1),0x18\n"
"	j	stub_common\n"
"svc_stub:\n"
"	lhi	%r0,2\n"
"	larl	%r1,trap\n"
"	st	%r0,0(%r1)\n"
"	lh	%r0,0x8a\n"
"	st	%r0,4(%r1)\n"
"	ic	%r0,0x89\n"
"	st	%r0,8(%r1)\n"
"	mvc	12(8,%r1),0x20\n"
"	j	stub_common\n"
"pgm_stub:\n"
"	lhi	%r0,3\n"
"	larl	%r1,trap\n"
"	st	%r0,0(%r1)\n"
"	lh	%r0,0x8e\n"
"	st	%r0,4(%r1)\n"
"	ic	%r0,0x8d\n"
"	st	%r0,8(%r1)\n"
"	mvc	12(8,%r1),0x28\n"
"	j	stub_common\n"
"stub_common:\n"
"	larl	%r2,trap_env\n"
"	lhi	%r3,1\n"
"	brasl	%r14,longjmp\n"
"	.section .rodata\n"
"	.align	8\n"
"new_psws:\n"
"	.long	0x00080000, ext_stub\n"
"	.long	0x00080000, svc_stub\n"
"	.long	0x00080000, pgm_stub\n"
"	.text\n"
);
extern const uint32_t new_psws[6];

/* The new PSWs at 0x58 (external, SVC, program). */
static inline void guesttrap_init(void)
{
    void *low;
    __asm__("lhi %0,0x58" : "=d"(low));
    memcpy(low, new_psws, 24);
}

/* Run stmt; 0 if nothing interrupted it, else the class (trap says more). */
#define TRY(stmt) ({                                                \
    int t_;                                                         \
    memset(&trap, 0, sizeof trap);                                  \
    if (setjmp(trap_env))                                           \
        t_ = (int)trap.cls;                                         \
    else {                                                          \
        stmt;                                                       \
        t_ = 0;                                                     \
    }                                                               \
    t_;                                                             \
})

/* Store (or fetch) one byte at p with PSW key `key`, the rest of the
   PSW's first word from psw0 (0x00080000: EC mode; 0x04080000: with DAT),
   and back to psw0 in key 0 after; the fetched byte is the result.  Only
   registers are used while in the other key: the program's own storage
   has key 0.  A protection exception comes to TRY in the other key. */
static inline uint32_t as_key_psw(uint32_t psw0, unsigned key, uintptr_t p, bool store)
{
    static uint32_t kpsw[2] __attribute__((aligned(8))), back[2] __attribute__((aligned(8)));
    uint32_t v = 5;
    kpsw[0] = psw0 | key << 20;
    back[0] = psw0;
    if (store)
        __asm__ volatile("larl 1,1f\n\tst 1,4(%1)\n\tlarl 1,2f\n\tst 1,4(%2)\n\tlpsw 0(%1)\n"
                         "1:\tstc %0,0(%3)\n\tlpsw 0(%2)\n2:"
                         : "+d"(v) : "a"(kpsw), "a"(back), "a"(p) : "1", "memory");
    else
        __asm__ volatile("larl 1,1f\n\tst 1,4(%1)\n\tlarl 1,2f\n\tst 1,4(%2)\n\tlpsw 0(%1)\n"
                         "1:\tic %0,0(%3)\n\tlpsw 0(%2)\n2:"
                         : "+d"(v) : "a"(kpsw), "a"(back), "a"(p) : "1", "memory");
    return v;
}

#endif
