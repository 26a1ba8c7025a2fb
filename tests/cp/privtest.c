/*
 * privtest.c - privileged instructions and interruptions as a program
 * sees them, run both on the bare machine and as a guest of CP
 * (tests/cp/privtest_test.sh compares the two outputs line for line, and
 * each line says ok or what was wrong).  Under CP every privileged
 * instruction here is simulated and every interruption reflected, so the
 * two runs agree only if CP gives what the hardware gives.
 *
 * The machine (or virtual machine) must have exactly 1 MB of storage.
 * Interruptions land in small stubs that longjmp back to the test with
 * the class, code and ILC (TRY below).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "guesttrap.h"

static int failures;

/* A pointer to real address a that the compiler cannot see through. */
static inline uint32_t *low(uintptr_t a)
{
    uint32_t *p;
    __asm__("lr %0,%1" : "=d"(p) : "d"(a));
    return p;
}

static void check(const char *name, int ok, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void check(const char *name, int ok, const char *fmt, ...)
{
    va_list ap;
    printf("%s: %s", name, ok ? "ok" : "FAILED ");
    if (!ok) {
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        failures++;
    }
    printf("\n");
}

static void expect_pgm(const char *name, int got, unsigned code, unsigned ilc)
{
    check(name, got == 3 && (trap.code & 0xFF) == code && (trap.ilc >> 1 & 3) == ilc,
          "class %d code %04X ilc %u, wanted program %04X ilc %u", got,
          (unsigned)trap.code & 0xFFFF, (unsigned)(trap.ilc >> 1 & 3), code, ilc);
}

static uint32_t cr0 = 0;
static void lctl0(uint32_t v) { cr0 = v; __asm__ volatile("lctl 0,0,%0" : : "Q"(cr0)); }

/* The current system mask (STOSM with nothing to set). */
static uint8_t cur_mask(void)
{
    static uint8_t m;
    __asm__ volatile("stosm %0,0" : "=Q"(m) : : "memory");
    return m;
}

static uint64_t stck(void) { uint64_t v; __asm__ volatile("stck %0" : "=Q"(v) : : "cc"); return v; }


/* A 4K-aligned area whose keys the tests change. */
static uint8_t area[8192] __attribute__((aligned(4096)));

static void masks(void)
{
    static uint8_t got1, got2;
    lctl0(0);
    __asm__ volatile("stosm %0,0x03" : "=Q"(got1) : : "memory");    /* enable I/O, ext */
    __asm__ volatile("stnsm %0,0x00" : "=Q"(got2) : : "memory");    /* disable all */
    check("stosm", got1 == 0x00, "old mask %02X", got1);
    check("stnsm", got2 == 0x03, "old mask %02X", got2);
    static uint8_t m = 0x03;
    __asm__ volatile("ssm %0" : : "Q"(m));
    uint8_t got = cur_mask();
    m = 0;                          /* disabled again before the console is used */
    __asm__ volatile("ssm %0" : : "Q"(m));
    check("ssm", got == 0x03, "mask %02X", got);
    static uint8_t bad = 0x80;      /* EC mode: bit 0 must be zero */
    int t = TRY(__asm__ volatile("ssm %0" : : "Q"(bad)));
    expect_pgm("ssm invalid", t, 0x06, 0);
    m = 0;
    __asm__ volatile("ssm %0" : : "Q"(m));
}

static void lpsw_tests(void)
{
    static uint32_t psw[2] __attribute__((aligned(8)));
    int cc;
    psw[0] = 0x00082000;            /* EC, key 0, CC 2 */
    __asm__ volatile("larl 1,1f\n\tst 1,4(%1)\n\tlpsw 0(%1)\n1:\tipm %0\n\tsrl %0,28"
                     : "=d"(cc) : "a"(psw) : "1", "cc", "memory");
    check("lpsw", cc == 2, "cc %d", cc);
    psw[0] = 0x80080000;            /* bit 0 must be zero */
    int t = TRY(__asm__ volatile("larl 1,1f\n\tst 1,4(%0)\n\tlpsw 0(%0)\n1:" : : "a"(psw) : "1", "memory"));
    expect_pgm("lpsw invalid", t, 0x06, 0);
    t = TRY(__asm__ volatile("lpsw 4(%0)" : : "a"(psw) : "memory"));
    expect_pgm("lpsw odd", t, 0x06, 2);
}

static uint32_t isk(void *a)
{
    uint32_t k = 0;
    __asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(k) : "a"(a));
    return k & 0xFF;
}

static void ssk(void *a, uint32_t key) { __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(key), "a"(a) : "memory"); }

static uint32_t as_key(unsigned key, volatile uint8_t *p, bool store)
{
    return as_key_psw(0x00080000, key, (uintptr_t)p, store);
}

static void key_tests(void)
{
    ssk(area, 0x30);
    check("ssk isk", isk(area) == 0x30, "key %02X", (unsigned)isk(area));
    area[0] = 1;                    /* key 0 may store anywhere: R, C set */
    check("change bit", isk(area) == 0x36, "key %02X", (unsigned)isk(area));
    int cc;
    __asm__ volatile(".insn s,0xb2130000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(area) : "cc");
    check("rrb", cc == 3 && isk(area) == 0x32, "cc %d key %02X", cc, (unsigned)isk(area));
    int t = TRY(ssk(area + 8, 0x20));
    expect_pgm("ssk unaligned", t, 0x06, 1);
    t = TRY(ssk((void *)0x100000, 0x20));
    expect_pgm("ssk beyond storage", t, 0x05, 1);

    ssk(area, 0x30);
    area[1] = 0;
    t = TRY(as_key(2, area + 1, true));
    expect_pgm("store protection", t, 0x04, 2);
    check("store suppressed", area[1] == 0, "byte %02X", area[1]);
    t = TRY(as_key(3, area + 1, true));
    check("store with the key", t == 0 && area[1] == 5, "class %d", t);
    t = TRY(as_key(2, area + 1, false));
    check("fetch unprotected", t == 0, "class %d", t);
    ssk(area, 0x38);
    t = TRY(as_key(2, area + 1, false));
    expect_pgm("fetch protection", t, 0x04, 2);
    ssk(area, 0x00);
}

static void exceptions(void)
{
    static volatile uint32_t v;
    int t = TRY(v = *(volatile uint32_t *)low(0x100000));
    (void)v;
    expect_pgm("addressing", t, 0x05, 2);
    static uint32_t ppsw[2] __attribute__((aligned(8)));
    ppsw[0] = 0x00090000;           /* problem state */
    t = TRY(__asm__ volatile("larl 1,1f\n\tst 1,4(%0)\n\tlpsw 0(%0)\n1:\tssm 0(%0)" : : "a"(ppsw) : "1", "memory"));
    expect_pgm("privileged operation", t, 0x02, 2);
    t = TRY(__asm__ volatile("svc 77"));
    check("svc", t == 2 && trap.code == 77 && (trap.ilc >> 1 & 3) == 1, "class %d code %u", t,
          (unsigned)trap.code);
    static uint8_t bad[2] = {0x12, 0x34};   /* not packed decimal */
    t = TRY(__asm__ volatile("ap 0(2,%0),0(2,%0)" : : "a"(bad) : "cc", "memory"));
    expect_pgm("data exception", t, 0x07, 3);
    /* an invalid opcode, kept in data so that the opcode check of the
       build (tests/machine/opcodes_test.sh) does not see it */
    static const uint16_t invalid[2] __attribute__((aligned(4))) = {0x0000, 0x0000};
    t = TRY(__asm__ volatile("basr 14,%0" : : "a"(invalid) : "14"));
    expect_pgm("operation exception", t, 0x01, 1);
}

/* Enable external interruptions and loop until one comes. */
static void spin_enabled(void)
{
    static uint8_t old;
    static volatile unsigned spins;
    __asm__ volatile("stosm %0,0x01" : "=Q"(old) : : "memory");
    for (;;)
        spins++;
}

static void clock_tests(void)
{
    static uint64_t v = 0x7000000000000000ull, got;
    __asm__ volatile("sckc %0" : : "Q"(v));
    __asm__ volatile("stckc %0" : "=Q"(got));
    check("sckc stckc", got == v, "got %08X", (unsigned)(got >> 32));
    v = 0x0000100000000000ull;
    __asm__ volatile("spt %0" : : "Q"(v));
    __asm__ volatile("stpt %0" : "=Q"(got));
    check("spt stpt", got <= v && got > v - (1000000ull << 12), "got %08X%08X",
          (unsigned)(got >> 32), (unsigned)got);
    int t = TRY(__asm__ volatile("sckc 4(%0)" : : "a"(&v)));
    expect_pgm("sckc odd", t, 0x06, 2);

    static uint32_t wpsw[2] __attribute__((aligned(8)));
    /* The clock comparator ends an enabled wait. */
    lctl0(0x00000800);
    v = stck() + (2000ull << 12);
    __asm__ volatile("sckc %0" : : "Q"(v));
    wpsw[0] = 0x010A0000;           /* EC, external enabled, wait */
    wpsw[1] = 0;
    t = TRY(__asm__ volatile("lpsw %0" : : "Q"(wpsw) : "memory"));
    check("clock comparator", t == 1 && (trap.code & 0xFFFF) == 0x1004 && stck() >= v,
          "class %d code %04X", t, (unsigned)trap.code & 0xFFFF);
    v = ~0ull;
    __asm__ volatile("sckc %0" : : "Q"(v));
    /* The CPU timer interrupts a loop. */
    lctl0(0x00000400);
    v = 3000ull << 12;
    __asm__ volatile("spt %0" : : "Q"(v));
    t = TRY(spin_enabled());
    check("cpu timer", t == 1 && (trap.code & 0xFFFF) == 0x1005, "class %d code %04X", t,
          (unsigned)trap.code & 0xFFFF);
    lctl0(0);
}

static void control_tests(void)
{
    static uint32_t in[3] = {0x12345678, 0x9ABCDEF0, 0x0F0F0F0F}, out[3];
    static uint32_t save[3];
    __asm__ volatile("stctl 3,5,%0" : "=Q"(save));
    __asm__ volatile("lctl 3,5,%0" : : "Q"(in));
    __asm__ volatile("stctl 3,5,%0" : "=Q"(out));
    check("lctl stctl", !memcmp(in, out, sizeof in), "got %08X %08X %08X",
          (unsigned)out[0], (unsigned)out[1], (unsigned)out[2]);
    __asm__ volatile("lctl 3,5,%0" : : "Q"(save));
    int t = TRY(__asm__ volatile("stctl 3,5,2(%0)" : : "a"(out) : "memory"));
    expect_pgm("stctl unaligned", t, 0x06, 2);

    static uint16_t cpuad = 0xFFFF;
    __asm__ volatile("stap %0" : "=Q"(cpuad));
    check("stap", cpuad == 0, "address %04X", cpuad);
    static uint64_t id;
    __asm__ volatile("stidp %0" : "=Q"(id));
    printf("stidp version %02X\n", (unsigned)(id >> 56));
    t = TRY(__asm__ volatile("stidp 4(%0)" : : "a"(&id) : "memory"));
    expect_pgm("stidp odd", t, 0x06, 2);

    int cc;
    register uint32_t r1 __asm__("1") = 0, r3 __asm__("3") = 0;
    __asm__ volatile("sigp %1,%2,1\n\tipm %0\n\tsrl %0,28" : "=d"(cc), "+d"(r1) : "d"(r3) : "cc");
    check("sigp sense cpu 0", cc == 0, "cc %d", cc);
    r3 = 1;
    __asm__ volatile("sigp %1,%2,1\n\tipm %0\n\tsrl %0,28" : "=d"(cc), "+d"(r1) : "d"(r3) : "cc");
    check("sigp cpu 1", cc == 3, "cc %d", cc);
    __asm__ volatile(".insn s,0x9c000000,0x0FF\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : : "cc");
    check("sio no device", cc == 3, "cc %d", cc);
    __asm__ volatile(".insn s,0x9f000000,0x000\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : : "cc");
    check("tch channel 0", cc == 0, "cc %d", cc);
}

static void storage_tests(void)
{
    /* Every 4K page from 256K to 768K (free in sa/memlayout.h's map):
       a pattern written, then checked. */
    uint32_t *p, bad = 0;
    for (p = low(0x40000); p < low(0xC0000); p += 256)
        *p = (uint32_t)(uintptr_t)p * 2654435761u;
    for (p = low(0x40000); p < low(0xC0000); p += 256)
        bad += *p != (uint32_t)(uintptr_t)p * 2654435761u;
    check("storage pattern", bad == 0, "%u pages wrong", (unsigned)bad);
}

int main(void)
{
    guesttrap_init();
    masks();
    lpsw_tests();
    key_tests();
    exceptions();
    clock_tests();
    control_tests();
    storage_tests();
    printf("privtest: %d failed\n", failures);
    return failures;
}
