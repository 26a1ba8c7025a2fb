/*
 * guest.h - what CP's test programs (tests/cp, run as guests) share:
 * check() prints "NAME: ok" or "NAME: FAILED" and counts the failures;
 * low() is a pointer to a low address (0 through 4095, which the
 * compiler would otherwise take for a null pointer); diag() issues
 * DIAGNOSE code with Rx = R2, Rx+1 = R3, Ry = R4, Ry+1 = R5, giving the
 * four registers after it in out[] and returning the condition code.
 * Include it in one file of a program.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>
#include <stdio.h>

static int failures __attribute__((unused));

static __attribute__((unused)) void check(const char *name, int ok)
{
    printf("%s: %s\n", name, ok ? "ok" : "FAILED");
    failures += !ok;
}

static inline volatile uint8_t *low(uintptr_t a)
{
    volatile uint8_t *p;
    __asm__("lr %0,%1" : "=d"(p) : "d"(a));
    return p;
}

static __attribute__((noinline, unused)) int diag(unsigned code, uint32_t rx, uint32_t ry,
                                                  uint32_t rx1, uint32_t ry1, uint32_t out[4])
{
    register uint32_t r2 __asm__("2") = rx, r3 __asm__("3") = rx1, r4 __asm__("4") = ry,
        r5 __asm__("5") = ry1;
    int cc;
    __asm__ volatile(".insn rs,0x83000000,2,4,0(%5)\n\tipm %4\n\tsrl %4,28"
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), "=d"(cc)
                     : "a"(code) : "cc", "memory");
    out[0] = r2;
    out[1] = r3;
    out[2] = r4;
    out[3] = r5;
    return cc;
}

#endif
