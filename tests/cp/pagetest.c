/*
 * pagetest.c - a guest that uses all of its storage and checks that it
 * keeps it (tests/cp/paging_test.sh runs several at once, with more
 * virtual storage than the machine has real; frames_test.sh one on a
 * system without a paging area).  From 1M to the end of its storage it
 * writes every word with a pattern of its own (seeded from the TOD
 * clock, so that no two guests share one), then, round after round,
 * checks every word and writes the next round's pattern: each round the
 * guest's pages must go out to CP's paging area and come back intact.
 * Storage keys must come back too: two blocks get keys of their own
 * (and their change bits, where the PSW mode shows them); one page has
 * its change bit reset by SSK after a store, which must not make CP
 * drop the store.  exit(0) if everything held, else the number of
 * things that did not.
 */
#include <stdint.h>
#include <stdio.h>

#define FIRST 0x100000u
#define ROUNDS 3

static uint32_t seed;
static int bad;

static uint64_t stck(void) { uint64_t v; __asm__ volatile("stck %0" : "=Q"(v) : : "cc"); return v; }

static uint32_t isk(uint32_t a)
{
    uint32_t k = 0;
    __asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(k) : "a"(a));
    return k & 0xFE;
}

static void ssk(uint32_t a, uint32_t key)
{
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(key), "a"(a) : "memory");
}

static inline volatile uint32_t *word(uint32_t a)
{
    volatile uint32_t *p;
    __asm__("lr %0,%1" : "=d"(p) : "d"(a));
    return p;
}

static uint32_t pattern(uint32_t a, unsigned round)
{
    return (a * 2654435761u) ^ seed ^ (round * 0x9E3779B9u);
}

static void fill(uint32_t from, uint32_t to, unsigned round)
{
    for (uint32_t a = from; a < to; a += 4)
        *word(a) = pattern(a, round);
}

/* Check round's pattern on [from, to); the first few words that differ. */
static void check(uint32_t from, uint32_t to, unsigned round)
{
    for (uint32_t a = from; a < to; a += 4) {
        uint32_t w = *word(a);
        if (w != pattern(a, round) && bad++ < 5)
            printf("pagetest: round %u: %06X holds %08X, not %08X\n", round, (unsigned)a,
                   (unsigned)w, (unsigned)pattern(a, round));
    }
}

static void expect(const char *what, int ok)
{
    if (!ok) {
        printf("pagetest: %s: wrong\n", what);
        bad++;
    }
}

int main(void)
{
    uint32_t size;
    __asm__ volatile(".insn rs,0x83000000,2,0,0x60\n\tlr %0,2" : "=d"(size) : : "2");
    seed = (uint32_t)(stck() >> 12);
    printf("pagetest: %u K\n", (unsigned)(size >> 10));
    uint32_t keyed = FIRST, reset = FIRST + 0x1000;
    ssk(keyed, 0x30);
    ssk(keyed + 0x800, 0x58);               /* key 5, fetch-protected */
    fill(FIRST, size, 0);
    int rc_shown = (isk(keyed) & 0x02) != 0;    /* EC mode: ISK shows R and C */
    for (unsigned round = 1; round <= ROUNDS; round++) {
        check(FIRST, size, round - 1);
        fill(FIRST, size, round);
        ssk(reset, 0x00);                   /* stored into, then C reset */
    }
    check(FIRST, size, ROUNDS);
    expect("key of the first block", (isk(keyed) & 0xF8) == 0x30);
    expect("key of the second block", (isk(keyed + 0x800) & 0xF8) == 0x58);
    if (rc_shown)
        expect("change bit kept", (isk(keyed) & 0x02) != 0);
    printf(bad ? "pagetest: %d wrong\n" : "pagetest: ok\n", bad);
    return bad;
}
