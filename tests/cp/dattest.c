/*
 * dattest.c - dynamic address translation as a program sees it: its own
 * segment and page tables, DAT on, translation exceptions, PTLB, a new
 * CR1, LRA, storage keys through DAT, the three formats real systems use
 * (4K pages in 64K or 1M segments, 2K pages in 64K segments) and one it
 * may not.  tests/cp/dattest_test.sh runs it on the bare machine and as a
 * guest of CP, where it runs under shadow tables (cp/shadow.c), and
 * compares the two outputs line for line; each line says ok or what was
 * wrong.
 *
 * Storage: 2M or more.  The first megabyte (program, stack, tables) is
 * mapped to itself; the window at virtual X'100000' maps pages of a pool
 * at real X'180000'.  At the end all the storage above 1M is written and
 * checked through a mapping that reverses its pages, round after round:
 * in a guest bigger than the real machine CP pages it meanwhile.
 * Interruptions land in guesttrap.h's stubs, with DAT on as the test
 * left it (the program new PSW is set to match).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "guesttrap.h"

#define PAGE 4096
#define WIN 0x100000u       /* virtual: segment 16, the window */
#define NOSEG 0x110000u     /* segment 17: invalid */
#define SHORT 0x120000u     /* segment 18: a page table of one entry */
#define NOTAB 0x130000u     /* segment 19: its page table beyond storage */
#define FAR 0x300000u       /* beyond the segment table (32 entries) */
#define BEYOND 0xFF0000u    /* real: beyond the storage of every run */
#define POOL 0x180000u      /* real: the window's pages */
#define PG(n) (POOL + (n) * PAGE)

static int failures;

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

/* A pointer to address a that the compiler cannot see through. */
static inline volatile uint32_t *word(uintptr_t a)
{
    volatile uint32_t *p;
    __asm__("lr %0,%1" : "=d"(p) : "d"(a));
    return p;
}

/* Loads and stores whose instruction addresses the tests know. */
uint32_t dat_ic(uint32_t a);
void dat_stc(uint32_t a, uint32_t v);
void dat_stctl(uint32_t a);
extern char dat_ic_at[], dat_stc_at[], dat_stctl_at[];
__asm__(
"	.text\n"
"	.align 4\n"
"dat_ic:\n"
"	lr	%r1,%r2\n"
"	sr	%r2,%r2\n"
"dat_ic_at:\n"
"	ic	%r2,0(%r1)\n"
"	br	%r14\n"
"dat_stc:\n"
"dat_stc_at:\n"
"	stc	%r3,0(%r2)\n"
"	br	%r14\n"
"dat_stctl:\n"
"dat_stctl_at:\n"
"	stctl	%c0,%c15,0(%r2)\n"
"	br	%r14\n"
);

static uint32_t cr0_base;           /* CR0 as the program found it, no format */

static void set_cr0(uint32_t v)
{
    static uint32_t x;
    x = v;
    __asm__ volatile("lctl 0,0,%0" : : "Q"(x) : "memory");
}

static void set_cr1(uint32_t v)
{
    static uint32_t x;
    x = v;
    __asm__ volatile("lctl 1,1,%0" : : "Q"(x) : "memory");
}

static uint32_t get_cr0(void)
{
    static uint32_t x;
    __asm__ volatile("stctl 0,0,%0" : "=Q"(x) : : "memory");
    return x;
}

static void dat_on(void)
{
    static uint8_t m;
    __asm__ volatile("stosm %0,0x04" : "=Q"(m) : : "memory");
}

static void dat_off(void)
{
    static uint8_t m;
    __asm__ volatile("stnsm %0,0xFB" : "=Q"(m) : : "memory");
}

static void ptlb(void) { __asm__ volatile(".insn s,0xb20d0000,0" : : : "memory"); }

/* The program new PSW: DAT on or off, so that a test goes on as it was. */
static void pgm_new_dat(bool on)
{
    *word(0x68) = on ? 0x04080000 : 0x00080000;
    *word(0x6C) = new_psws[5];
}

static int lra(uint32_t va, uint32_t *r)
{
    int cc;
    __asm__ volatile("lra %0,0(%2)\n\tipm %1\n\tsrl %1,28" : "+d"(*r), "=d"(cc) : "a"(va) : "cc");
    return cc;
}

static uint32_t isk(uint32_t a)
{
    uint32_t k = 0;
    __asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(k) : "a"(a));
    return k & 0xFF;
}

static void ssk(uint32_t a, uint32_t key) { __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(key), "a"(a) : "memory"); }

/* The program interruption of the last TRY: code, ILC, the old PSW's
   instruction address and the translation-exception address (X'90'). */
static uint32_t old_ia(void) { return (uint32_t)trap.old[5] << 16 | trap.old[6] << 8 | trap.old[7]; }
static uint32_t tea(void) { return *word(0x90) & 0xFFFFFF; }

static void expect_pgm(const char *name, int got, unsigned code, unsigned ilc, uint32_t ia, uint32_t te)
{
    bool xlate = code == 0x10 || code == 0x11;
    check(name, got == 3 && (trap.code & 0xFF) == code && (trap.ilc >> 1 & 3) == ilc &&
          old_ia() == ia && (!xlate || tea() == te),
          "class %d code %04X ilc %u ia %06X tea %06X, wanted program %04X ilc %u ia %06X tea %06X",
          got, (unsigned)trap.code & 0xFFFF, (unsigned)(trap.ilc >> 1 & 3), (unsigned)old_ia(),
          (unsigned)tea(), code, ilc, (unsigned)ia, (unsigned)(xlate ? te : 0));
}

/* ---- 4K pages, 64K segments ---------------------------------------- */

static uint32_t stab[256] __attribute__((aligned(64)));
static uint32_t stab2[256] __attribute__((aligned(64)));
static uint16_t ident[16][16] __attribute__((aligned(8)));  /* the first 1M, V = R */
static uint16_t win[16] __attribute__((aligned(8)));
static uint16_t win2[16] __attribute__((aligned(8)));
static uint16_t shortpt[16] __attribute__((aligned(8)));

static uint16_t pte4k(uint32_t r) { return (uint16_t)(r >> 8); }
static uint32_t ste(unsigned ptl, const void *pt) { return (uint32_t)ptl << 28 | (uint32_t)(uintptr_t)pt; }

#define CR0_4K64K 0x00800000u
#define CR0_4K1M 0x00900000u
#define CR0_2K64K 0x00400000u
#define CR1_STAB (1u << 24 | (uint32_t)(uintptr_t)stab)      /* 32 entries */

static void build_4k(void)
{
    for (unsigned s = 0; s < 256; s++)
        stab[s] = stab2[s] = 1;
    for (unsigned s = 0; s < 16; s++) {
        for (unsigned p = 0; p < 16; p++)
            ident[s][p] = pte4k(s * 0x10000 + p * PAGE);
        stab[s] = stab2[s] = ste(15, ident[s]);
    }
    static const unsigned perm[4] = {3, 0, 2, 1};
    for (unsigned p = 0; p < 16; p++) {
        win[p] = p < 4 ? pte4k(PG(perm[p])) : 0x0008;
        win2[p] = p == 0 ? pte4k(PG(4)) : 0x0008;
    }
    stab[16] = ste(15, win);
    stab2[16] = ste(15, win2);
    shortpt[0] = pte4k(PG(8));
    stab[18] = ste(0, shortpt);
    win[7] = pte4k(BEYOND);                     /* a page beyond storage */
    win[8] = pte4k(PG(0)) | 0x0002;             /* bits 13-14 must be zero */
    stab[19] = ste(15, (void *)(uintptr_t)BEYOND);
    memset((void *)(uintptr_t)POOL, 0, 16 * PAGE);
    for (unsigned n = 0; n < 16; n++)
        *word(PG(n) + 4) = 0x5000 + n;          /* each page says which it is */
    for (uint32_t a = POOL; a < PG(16); a += 2048)
        ssk(a, 0);                              /* reference and change bits off */
}

static void mapping(void)
{
    build_4k();
    set_cr1(CR1_STAB);
    set_cr0(cr0_base | CR0_4K64K);
    pgm_new_dat(true);
    dat_on();
    check("dat on", get_cr0() == (cr0_base | CR0_4K64K), "cr0 %08X", (unsigned)get_cr0());
    uint32_t seen = 0;
    for (unsigned p = 0; p < 4; p++) {
        *word(WIN + p * PAGE + 16) = 0xA0000000 + p;
        seen |= (*word(WIN + p * PAGE + 4) & 0xF) << 4 * p;
    }
    check("virtual reads", seen == 0x1203, "pages %04X", (unsigned)seen);
    check("identity", *word((uintptr_t)&cr0_base) == cr0_base, "%08X", (unsigned)cr0_base);
    dat_off();
    static const unsigned perm[4] = {3, 0, 2, 1};
    bool ok = true;
    for (unsigned p = 0; p < 4; p++)
        ok &= *word(PG(perm[p]) + 16) == 0xA0000000 + p;
    check("virtual writes, real reads", ok, "%08X %08X %08X %08X", (unsigned)*word(PG(0) + 16),
          (unsigned)*word(PG(1) + 16), (unsigned)*word(PG(2) + 16), (unsigned)*word(PG(3) + 16));
    check("change bit through DAT", (isk(PG(3)) & 0x06) == 0x06 && (isk(PG(3) + 2048) & 0x02) == 0,
          "keys %02X %02X", (unsigned)isk(PG(3)), (unsigned)isk(PG(3) + 2048));
}

static void exceptions(void)
{
    dat_on();
    int t = TRY(dat_ic(WIN + 5 * PAGE + 3));
    expect_pgm("page translation", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, WIN + 5 * PAGE + 3);
    t = TRY(dat_stc(WIN + 6 * PAGE + 40, 0x77));
    expect_pgm("page translation on store", t, 0x11, 2, (uint32_t)(uintptr_t)dat_stc_at,
               WIN + 6 * PAGE + 40);
    t = TRY(dat_ic(NOSEG + 0x1234));
    expect_pgm("segment translation", t, 0x10, 2, (uint32_t)(uintptr_t)dat_ic_at, NOSEG + 0x1234);
    t = TRY(dat_ic(FAR));
    expect_pgm("segment-table length", t, 0x10, 2, (uint32_t)(uintptr_t)dat_ic_at, FAR);
    t = TRY(dat_ic(SHORT + PAGE + 8));
    expect_pgm("page-table length", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, SHORT + PAGE + 8);
    check("page-table length 0", *word(SHORT + 4) == 0x5008, "%08X", (unsigned)*word(SHORT + 4));
    /* a privileged instruction's operand (simulated by CP): STCTL of 64
       bytes into a page whose second half is not there */
    t = TRY(dat_stctl(WIN + 4 * PAGE - 8));
    expect_pgm("stctl into an invalid page", t, 0x11, 2, (uint32_t)(uintptr_t)dat_stctl_at, WIN + 4 * PAGE);
    dat_off();
    check("stctl nullified", *word(PG(1) + PAGE - 8) == 0, "%08X", (unsigned)*word(PG(1) + PAGE - 8));
    dat_on();
    /* what translation gives beyond storage, and a bad entry: suppressed */
    uint32_t next = (uint32_t)(uintptr_t)dat_ic_at + 4;
    t = TRY(dat_ic(WIN + 7 * PAGE));
    expect_pgm("real address beyond storage", t, 0x05, 2, next, 0);
    t = TRY(dat_ic(NOTAB + 16));
    expect_pgm("page table beyond storage", t, 0x05, 2, next, 0);
    t = TRY(dat_ic(WIN + 8 * PAGE));
    expect_pgm("page-table entry bits 13-14", t, 0x12, 2, next, 0);
    /* a privileged instruction at a virtual address that is not its real one */
    static const uint8_t code[] = {0xB6, 0x00, 0x20, 0x00, 0x07, 0xFE};     /* STCTL 0,0,0(2); BR 14 */
    for (unsigned i = 0; i < sizeof code; i++)
        *((volatile uint8_t *)word(WIN + 2 * PAGE + 0x300) + i) = code[i];
    ((void (*)(uint32_t))(uintptr_t)(WIN + 2 * PAGE + 0x300))(WIN + 2 * PAGE + 0x400);
    check("privileged instruction at a virtual address", *word(WIN + 2 * PAGE + 0x400) == get_cr0(),
          "%08X", (unsigned)*word(WIN + 2 * PAGE + 0x400));
    dat_stctl(WIN + 64);
    dat_off();
    check("stctl through DAT", *word(PG(3) + 64) == (cr0_base | CR0_4K64K), "%08X",
          (unsigned)*word(PG(3) + 64));
}

static void remap(void)
{
    dat_on();
    win[0] = pte4k(PG(5));
    win[1] = 0x0008;
    ptlb();
    check("remapped after ptlb", *word(WIN + 4) == 0x5005, "%08X", (unsigned)*word(WIN + 4));
    int t = TRY(dat_ic(WIN + PAGE));
    expect_pgm("unmapped after ptlb", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, WIN + PAGE);
    set_cr1(1u << 24 | (uint32_t)(uintptr_t)stab2);
    check("new cr1", *word(WIN + 4) == 0x5004, "%08X", (unsigned)*word(WIN + 4));
    t = TRY(dat_ic(WIN + 2 * PAGE));
    expect_pgm("new cr1's invalid page", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, WIN + 2 * PAGE);
    set_cr1(CR1_STAB);
    check("old cr1 again", *word(WIN + 4) == 0x5005, "%08X", (unsigned)*word(WIN + 4));
    /* DAT off and on again: still the same tables */
    dat_off();
    dat_on();
    check("dat off and on", *word(WIN + 2 * PAGE + 4) == 0x5002, "%08X", (unsigned)*word(WIN + 2 * PAGE + 4));
    /* LPSW and SSM with operands through DAT (simulated by CP) */
    int cc;
    *word(WIN + 2 * PAGE + 0x100) = 0x04082000;     /* EC, DAT, CC 2 */
    __asm__ volatile("larl 1,1f\n\tst 1,4(%1)\n\tlpsw 0(%1)\n1:\tipm %0\n\tsrl %0,28"
                     : "=d"(cc) : "a"(WIN + 2 * PAGE + 0x100) : "1", "cc", "memory");
    check("lpsw through DAT", cc == 2, "cc %d", cc);
    *word(WIN + 2 * PAGE + 0x200) = 0x04000000;     /* mask: DAT only */
    __asm__ volatile("ssm 0(%0)" : : "a"(WIN + 2 * PAGE + 0x200) : "memory");
    check("ssm through DAT", *word(WIN + 4) == 0x5005, "%08X", (unsigned)*word(WIN + 4));
    dat_off();
}

static void lra_tests(void)
{
    uint32_t r = 0;
    int cc;
    dat_on();
    cc = lra(WIN + 0x123, &r);
    check("lra", cc == 0 && r == PG(5) + 0x123, "cc %d r %08X", cc, (unsigned)r);
    cc = lra(NOSEG, &r);
    check("lra segment invalid", cc == 1 && r == (uint32_t)(uintptr_t)&stab[17], "cc %d r %08X", cc, (unsigned)r);
    cc = lra(WIN + 6 * PAGE, &r);
    check("lra page invalid", cc == 2 && r == (uint32_t)(uintptr_t)&win[6], "cc %d r %08X", cc, (unsigned)r);
    r = 0x12345678;
    cc = lra(FAR, &r);
    check("lra segment length", cc == 3 && r == 0x12345678, "cc %d r %08X", cc, (unsigned)r);
    cc = lra(SHORT + 3 * PAGE, &r);
    check("lra page length", cc == 3 && r == 0x12345678, "cc %d r %08X", cc, (unsigned)r);
    dat_off();
    cc = lra(WIN + 2 * PAGE + 8, &r);
    check("lra with DAT off", cc == 0 && r == PG(2) + 8, "cc %d r %08X", cc, (unsigned)r);
}

/* as_key_psw with DAT on: p is virtual. */
static uint32_t as_key(unsigned key, uint32_t p, bool store)
{
    return as_key_psw(0x04080000, key, p, store);
}

static void key_tests(void)
{
    dat_on();
    ssk(PG(5), 0x30);
    int t = TRY(as_key(2, WIN + 9, true));
    check("store protection through DAT", t == 3 && (trap.code & 0xFF) == 0x04, "class %d code %04X", t,
          (unsigned)trap.code);
    t = TRY(as_key(3, WIN + 9, true));
    check("store with the key through DAT", t == 0 && *word(WIN + 8) == 0x00050000,
          "class %d %08X", t, (unsigned)*word(WIN + 8));
    ssk(PG(5), 0x38);
    t = TRY(as_key(2, WIN + 9, false));
    check("fetch protection through DAT", t == 3 && (trap.code & 0xFF) == 0x04, "class %d code %04X", t,
          (unsigned)trap.code);
    ssk(PG(5), 0x00);
    dat_off();
}

/* ---- 4K pages, 1M segments ----------------------------------------- */

static uint32_t stab1m[16] __attribute__((aligned(64)));
static uint16_t pt1m[256] __attribute__((aligned(8)));

static void format_1m(void)
{
    stab1m[0] = ste(15, ident);                 /* the 256 entries of ident */
    for (unsigned p = 0; p < 256; p++)
        pt1m[p] = 0x0008;
    pt1m[0] = pte4k(PG(9));
    pt1m[0x20] = pte4k(PG(10));
    stab1m[1] = ste(2, pt1m);                   /* entries 0-47 */
    for (unsigned s = 2; s < 16; s++)
        stab1m[s] = 1;
    set_cr1((uint32_t)(uintptr_t)stab1m);       /* 16 entries */
    set_cr0(cr0_base | CR0_4K1M);
    dat_on();
    check("1m: mapped", *word(0x100004) == 0x5009 && *word(0x120004) == 0x500A, "%08X %08X",
          (unsigned)*word(0x100004), (unsigned)*word(0x120004));
    *word(0x120020) = 0xB1;
    int t = TRY(dat_ic(0x101000));
    expect_pgm("1m: page translation", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, 0x101000);
    t = TRY(dat_ic(0x130000));
    expect_pgm("1m: page-table length", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, 0x130000);
    t = TRY(dat_ic(0x2F0000));
    expect_pgm("1m: segment translation", t, 0x10, 2, (uint32_t)(uintptr_t)dat_ic_at, 0x2F0000);
    uint32_t r = 0;
    int cc = lra(0x120010, &r);
    check("1m: lra", cc == 0 && r == PG(10) + 0x10, "cc %d r %08X", cc, (unsigned)r);
    cc = lra(0x131000, &r);
    check("1m: lra page length", cc == 3, "cc %d", cc);
    dat_off();
    check("1m: real", *word(PG(10) + 0x20) == 0xB1, "%08X", (unsigned)*word(PG(10) + 0x20));
}

/* ---- 2K pages, 64K segments ---------------------------------------- */

static uint32_t stab2k[32] __attribute__((aligned(64)));
static uint16_t ident2k[16][32] __attribute__((aligned(8)));
static uint16_t win2k[32] __attribute__((aligned(8)));

static uint16_t pte2k(uint32_t r) { return (uint16_t)((r >> 8) & 0xFFF8); }

static void format_2k(void)
{
    for (unsigned s = 0; s < 16; s++) {
        for (unsigned p = 0; p < 32; p++)
            ident2k[s][p] = pte2k(s * 0x10000 + p * 2048);
        stab2k[s] = ste(15, ident2k[s]);
    }
    for (unsigned p = 0; p < 32; p++)
        win2k[p] = 0x0004;
    win2k[0] = pte2k(PG(11) + 2048);            /* one 4K virtual page, two */
    win2k[1] = pte2k(PG(12));                   /* 2K halves far apart */
    stab2k[16] = ste(15, win2k);
    for (unsigned s = 17; s < 32; s++)
        stab2k[s] = 1;
    set_cr1(1u << 24 | (uint32_t)(uintptr_t)stab2k);
    set_cr0(cr0_base | CR0_2K64K);
    dat_on();
    *word(WIN + 0x10) = 0xC0;
    *word(WIN + 2048 + 0x10) = 0xC1;
    check("2k: mapped", *word(WIN + 4) == 0 && *word(WIN + 2048 + 4) == 0x500C, "%08X %08X",
          (unsigned)*word(WIN + 4), (unsigned)*word(WIN + 2048 + 4));
    int t = TRY(dat_ic(WIN + 4096 + 1));
    expect_pgm("2k: page translation", t, 0x11, 2, (uint32_t)(uintptr_t)dat_ic_at, WIN + 4096 + 1);
    uint32_t r = 0;
    int cc = lra(WIN + 2048 + 4, &r);
    check("2k: lra", cc == 0 && r == PG(12) + 4, "cc %d r %08X", cc, (unsigned)r);
    cc = lra(WIN + 4096, &r);
    check("2k: lra page invalid", cc == 2 && r == (uint32_t)(uintptr_t)&win2k[2], "cc %d r %08X", cc,
          (unsigned)r);
    dat_off();
    check("2k: real", *word(PG(11) + 2048 + 0x10) == 0xC0 && *word(PG(12) + 0x10) == 0xC1 &&
          *word(PG(11) + 0x10) == 0, "%08X %08X", (unsigned)*word(PG(11) + 2048 + 0x10),
          (unsigned)*word(PG(12) + 0x10));
}

/* ---- a format that is not there ------------------------------------- */

static void bad_format(void)
{
    pgm_new_dat(false);
    set_cr0(cr0_base | 0x00C00000);             /* page size 11 */
    int t = TRY(dat_on(); dat_off());
    check("invalid format", t == 3 && (trap.code & 0xFF) == 0x12, "class %d code %04X", t,
          (unsigned)trap.code);
    uint32_t r = 0;
    t = TRY(lra(WIN, &r));
    check("lra invalid format", t == 3 && (trap.code & 0xFF) == 0x12, "class %d code %04X", t,
          (unsigned)trap.code);
    set_cr0(cr0_base);
}

/* ---- work through DAT over all the storage above 1M ------------------ */

static uint32_t bigstab[256] __attribute__((aligned(64)));
static uint16_t bigpt[256][16] __attribute__((aligned(8)));

/* Storage size: the first 64K block above 1M that is not there. */
static uint32_t storage_size(void)
{
    static uint32_t a;                          /* kept across the longjmp */
    for (a = 0x100000; a < 0x1000000;) {
        int t = TRY((void)*word(a));
        if (t)
            break;
        a += 0x10000;
    }
    return a;
}

static void work(void)
{
    uint32_t size = storage_size();
    unsigned npages = size / PAGE, first = 0x100000 / PAGE;
    for (unsigned s = 0; s < 256; s++)
        bigstab[s] = s < 16 ? ste(15, ident[s]) : 1;
    /* virtual page v (above 1M) is real page npages-1-(v-first) */
    for (unsigned v = first; v < npages; v++) {
        bigpt[v / 16][v % 16] = pte4k((npages - 1 - (v - first)) * PAGE);
        bigstab[v / 16] = ste(15, bigpt[v / 16]);
    }
    set_cr1(15u << 24 | (uint32_t)(uintptr_t)bigstab);
    set_cr0(cr0_base | CR0_4K64K);
    pgm_new_dat(true);
    dat_on();
    unsigned bad = 0;
    for (uint32_t round = 0; round < 3; round++)
        for (unsigned v = first; v < npages; v++)
            for (uint32_t w = 0; w < PAGE; w += 256) {
                uint32_t a = v * PAGE + w;
                if (round && *word(a) != (a ^ (round - 1) * 0x01010101u))
                    bad++;
                *word(a) = a ^ round * 0x01010101u;
            }
    dat_off();
    for (unsigned v = first; v < npages; v++) {
        uint32_t r = (npages - 1 - (v - first)) * PAGE;
        if (*word(r + 512) != ((v * PAGE + 512) ^ 2 * 0x01010101u))
            bad++;
    }
    printf("work: %uK through DAT\n", (unsigned)((npages - first) * 4));
    check("work", bad == 0, "%u words wrong", bad);
}

int main(void)
{
    guesttrap_init();
    cr0_base = get_cr0() & ~0x00F80000u;
    mapping();
    exceptions();
    remap();
    lra_tests();
    key_tests();
    format_1m();
    format_2k();
    bad_format();
    work();
    printf("dattest: %d failed\n", failures);
    return failures;
}
