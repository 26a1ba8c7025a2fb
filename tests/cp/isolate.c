/*
 * isolate.c - a hostile guest that checks its own storage (CP's
 * isolation test, tests/cp/isolation_test.sh, runs fifty of them at
 * once).  It first does what a guest must not be able to harm anyone
 * with: wild channel programs (a CCW beyond storage, data beyond storage,
 * TIC to TIC, an endless TIC loop stopped by HIO, SIO to absent devices),
 * storage keys on its own pages, timers, DIAGNOSE with bad operands, a
 * fetch beyond its storage; each must give what the architecture says.
 * Then it fills 128K with a pattern of its own (seeded from the TOD
 * clock, so that no two guests share one) and checks it again and again,
 * waiting in between for its clock comparator (1 ms, or 1 us: a wait
 * often over before CP is idle) so that the others run; its sixteen
 * floating-point registers and FPC (AFP-register control on) hold values
 * of its own across each wait, and must still hold them after.
 * exit(0) if everything held, else the number of things that did not.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define AREA 0x40000
#define AREA_LEN 0x20000
#define ROUNDS 20

#include "guesttrap.h"
#include <s370io.h>

static int bad;

static void expect(const char *what, int ok)
{
    if (!ok) {
        printf("isolate: %s: wrong\n", what);
        bad++;
    }
}

static inline void *low(uintptr_t a)
{
    void *p;
    __asm__("lr %0,%1" : "=d"(p) : "d"(a));
    return p;
}

static uint64_t stck(void) { uint64_t v; __asm__ volatile("stck %0" : "=Q"(v) : : "cc"); return v; }

static uint32_t ccws[8] __attribute__((aligned(8)));

/* Start the program at ccws on the console and take its status; the
   channel status byte of the CSW, or -1 if nothing was stored. */
static int run(void)
{
    if (io_run_wait(0x009, ccws) != 1)
        return -1;
    return ((volatile uint8_t *)low(64))[5];
}

static void hostile(void)
{
    /* a CAW that points beyond storage */
    *(volatile uint32_t *)low(72) = 0x00FFFFF8;
    int cc = io_sio(0x009);
    expect("CCW beyond storage", cc == 1 && (((volatile uint8_t *)low(64))[5] & 0x20));
    /* data beyond storage: program check */
    ccws[0] = 0x09FFFF00;
    ccws[1] = 0x20000050;
    expect("data beyond storage", run() & 0x20);
    /* TIC to TIC: program check */
    ccws[0] = 0x03000000; ccws[1] = 0x40000001;             /* NOP, CC */
    ccws[2] = 0x08000000 | (uint32_t)(uintptr_t)&ccws[4]; ccws[3] = 0;
    ccws[4] = 0x08000000 | (uint32_t)(uintptr_t)&ccws[0]; ccws[5] = 0;
    expect("TIC to TIC", run() & 0x20);
    /* an endless loop: NOP chained to a TIC back to it; HIO stops it */
    ccws[0] = 0x03000000; ccws[1] = 0x40000001;
    ccws[2] = 0x08000000 | (uint32_t)(uintptr_t)&ccws[0]; ccws[3] = 0;
    *(volatile uint32_t *)low(72) = (uint32_t)(uintptr_t)ccws;
    cc = io_sio(0x009);
    expect("endless program started", cc == 0);
    expect("endless program busy", io_tio(0x009) == 2);
    expect("HIO stops it", io_hio(0x009) == 1 || io_hio(0x009) == 1);
    while (io_tio(0x009) == 1)
        ;
    /* absent devices */
    expect("SIO to an absent device", io_sio(0x0E0) == 3 && io_sio(0x190) == 3);
    /* beyond storage, keys, DIAGNOSE */
    static volatile uint32_t v;
    expect("fetch beyond storage", TRY(v = *(volatile uint32_t *)low(0x100000)) == 3 &&
                                   (trap.code & 0xFF) == 0x05);
    (void)v;
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(0x70), "a"(low(AREA)) : "memory"); /* SSK */
    expect("DIAGNOSE with bad operands",
           TRY(__asm__ volatile(".long 0x83FF0FFF")) == 3 && (trap.code & 0xFF) == 0x06);
    /* timers far away */
    static uint64_t far = ~0ull >> 1;
    __asm__ volatile("spt %0" : : "Q"(far));
}

/* CR0: the clock-comparator subclass (pause) and the AFP registers. */
static const uint32_t cr0 = 0x00040800;

/* Wait us microseconds for the clock comparator: the other guests run.
   A short wait is often over before CP has gone idle. */
static void pause(unsigned us)
{
    static uint32_t wait_psw[2] __attribute__((aligned(8))) = {0x010A0000, 0};
    static uint64_t when;
    when = stck() + ((uint64_t)us << 12);
    __asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
    __asm__ volatile("sckc %0" : : "Q"(when));
    if (TRY(__asm__ volatile("lpsw %0" : : "Q"(wait_psw) : "memory")) != 1 ||
        (trap.code & 0xFFFF) != 0x1004)
        expect("clock comparator", 0);
}

static uint32_t pattern(uint32_t seed, uint32_t a)
{
    uint32_t x = seed ^ (a * 2654435761u);
    x ^= x >> 15;
    return x * 2246822519u;
}

static uint64_t fp_in[16], fp_out[16];
static uint32_t fpc_in, fpc_out;

/* Values of this guest's in round r into every FP register and the FPC
   (its rounding mode). */
static void fp_load(uint32_t seed, int r)
{
    for (unsigned i = 0; i < 16; i++)
        fp_in[i] = (uint64_t)pattern(seed, 0x1000u + i + (unsigned)r) << 32 | pattern(seed, 0x2000u + i);
    fpc_in = (seed + (unsigned)r) & 3;
    __asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
    __asm__ volatile("ld 0,0(%0)\n\tld 1,8(%0)\n\tld 2,16(%0)\n\tld 3,24(%0)\n\t"
                     "ld 4,32(%0)\n\tld 5,40(%0)\n\tld 6,48(%0)\n\tld 7,56(%0)\n\t"
                     "ld 8,64(%0)\n\tld 9,72(%0)\n\tld 10,80(%0)\n\tld 11,88(%0)\n\t"
                     "ld 12,96(%0)\n\tld 13,104(%0)\n\tld 14,112(%0)\n\tld 15,120(%0)\n\t"
                     ".insn s,0xb29d0000,0(%1)"                      /* LFPC */
                     : : "a"(fp_in), "a"(&fpc_in) : "memory");
}

/* Do the FP registers and FPC still hold what fp_load put there? */
static int fp_same(void)
{
    __asm__ volatile("std 0,0(%0)\n\tstd 1,8(%0)\n\tstd 2,16(%0)\n\tstd 3,24(%0)\n\t"
                     "std 4,32(%0)\n\tstd 5,40(%0)\n\tstd 6,48(%0)\n\tstd 7,56(%0)\n\t"
                     "std 8,64(%0)\n\tstd 9,72(%0)\n\tstd 10,80(%0)\n\tstd 11,88(%0)\n\t"
                     "std 12,96(%0)\n\tstd 13,104(%0)\n\tstd 14,112(%0)\n\tstd 15,120(%0)\n\t"
                     ".insn s,0xb29c0000,0(%1)"                      /* STFPC */
                     : : "a"(fp_out), "a"(&fpc_out) : "memory");
    return !memcmp(fp_in, fp_out, sizeof fp_in) && fpc_in == fpc_out;
}

int main(void)
{
    guesttrap_init();
    hostile();
    uint32_t seed = (uint32_t)(stck() >> 12);
    uint32_t *area = low(AREA);
    for (uint32_t i = 0; i < AREA_LEN / 4; i++)
        area[i] = pattern(seed, i);
    unsigned wrong = 0, fp_wrong = 0;
    for (int r = 0; r < ROUNDS; r++) {
        fp_load(seed, r);
        pause(r & 1 ? 4u * (unsigned)r : 1000);
        for (uint32_t i = 0; i < AREA_LEN / 4; i++)
            wrong += area[i] != pattern(seed, i);
        fp_wrong += !fp_same();
    }
    expect("storage unchanged by anyone else", wrong == 0);
    expect("floating-point registers unchanged by anyone else", fp_wrong == 0);
    printf("isolate: %s\n", bad ? "FAILED" : "ok");
    return bad;
}
