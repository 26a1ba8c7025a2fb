/*
 * diagfuzz.c - random DIAGNOSEs and channel programs against CP (CP's
 * tests/cp/diagfuzz_test.sh): DIAGNOSE codes CP knows and codes it does
 * not, with register contents that are addresses inside the program's
 * scratch area, beyond its storage, beyond 24 bits and odd; channel
 * programs of random CCWs in that area, on the console, the minidisks
 * and absent devices, stopped with HIO when they run on.  Whatever the
 * guest gets (a condition code, a program interruption, a CSW), CP must
 * go on: the program ends with exit(0).  The scratch area is between
 * the heap's end and the stack (sa/memlayout.h), so nothing the
 * channel or CP stores there can harm the program itself.  X'08' (CP
 * commands), X'10' (page release) and X'14' are left out; R15, which
 * X'18' sets, is kept around each DIAGNOSE.
 */
#include <stdint.h>
#include <stdio.h>

#include "guesttrap.h"
#include <s370io.h>

#define AREA 0xC0000            /* SA_HEAP_END: 128K below the stack's */
#define ROUNDS 6000

static uint32_t seed = 12345;

static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 1 ^ seed << 7;
}

/* An operand: in the area, near its start, 8-byte misaligned, beyond
   storage (1M), beyond 24 bits. */
static uint32_t addr(void)
{
    switch (rnd() % 5) {
    case 0: return 0x100000 + (rnd() & 0xFFFFF);
    case 1: return AREA + (rnd() & 0x1FFFF);
    case 2: return AREA + (rnd() & 0xFFF);
    case 3: return rnd() | 0x01000000;
    default: return AREA + (rnd() & 0x7);
    }
}

static const unsigned codes[] = {0x00, 0x0C, 0x18, 0x20, 0x24, 0x58, 0x5C, 0x60, 0x64, 0x4C, 0x68};

/* One DIAGNOSE code with Rx = R2, Rx+1 = R3, Ry = R4, Ry+1 = R5. */
static void diag(unsigned code, uint32_t rx, uint32_t rx1, uint32_t ry, uint32_t ry1)
{
    static uint32_t save15;
    register uint32_t r2 __asm__("2") = rx, r3 __asm__("3") = rx1, r4 __asm__("4") = ry,
        r5 __asm__("5") = ry1;
    __asm__ volatile("st %%r15,%5\n\t.insn rs,0x83000000,2,4,0(%4)\n\tl %%r15,%5"
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5)
                     : "a"(code), "m"(save15) : "cc", "memory");
}

/* Low storage (the compiler would take address 0-4095 for null). */
static inline volatile uint32_t *low(uintptr_t a)
{
    volatile uint32_t *p;
    __asm__("lr %0,%1" : "=d"(p) : "d"(a));
    return p;
}

/* The DIAGNOSE, its program interruption caught. */
static void try_diag(unsigned code, uint32_t rx, uint32_t rx1, uint32_t ry, uint32_t ry1)
{
    TRY(diag(code, rx, rx1, ry, ry1));
}

/* A channel program at a random address on dev, HIO if it runs on. */
static void channel(unsigned dev)
{
    *low(0x48) = (addr() & ~7u) | (rnd() & 1) << 28;
    if (io_sio(dev) != 0)
        return;
    for (int t = 0; t < 1000 && io_tio(dev) == 2; t++)
        ;
    if (io_tio(dev) == 2)
        io_hio(dev);
}

int main(void)
{
    guesttrap_init();
    volatile uint32_t *area = low(AREA);
    for (int i = 0; i < ROUNDS; i++) {
        for (int k = 0; k < 64; k++)        /* CCWs and IDAWs into the area, and noise */
            area[k] = rnd() % 3 ? (rnd() & 0xFF0000FF) | AREA | (rnd() & 0x1FF00)
                                : (AREA + (rnd() & 0xFF0)) | (rnd() & 0xFF) << 24;
        unsigned code = rnd() % 8 ? codes[rnd() % (sizeof codes / sizeof codes[0])] : rnd() & 0xFFC;
        if (code == 0x08 || code == 0x10 || code == 0x14)
            continue;
        uint32_t rx = addr(), ry = rnd() % 2 ? addr() : rnd() % 3 ? 0x009 : 0x190 + (rnd() & 0xF);
        uint32_t rx1 = rnd() % 2 ? rnd() & 0xFFF : addr(), ry1 = rnd();
        try_diag(code, rx, rx1, ry, ry1);
        if (rnd() % 4 == 0)
            channel(rnd() % 2 ? 0x009 : rnd() % 2 ? 0x191 + (rnd() & 1) : rnd() & 0x3FF);
    }
    printf("diagfuzz: %d rounds\n", ROUNDS);
    return 0;
}
