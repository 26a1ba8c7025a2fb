/*
 * privbench.c - what a simulated privileged instruction costs a guest of
 * CP (tests/bench/cp_bench.sh runs it).  Each loop issues one kind of
 * instruction N times; STCK before and after gives the time.  In the
 * deterministic mode the TOD clock advances 64 units (1/64 us) per
 * instruction the machine executes, so the same figures count S/370
 * instructions: the guest's own, and CP's while it simulates.  The empty
 * loop is subtracted.  Output: one line per instruction,
 *   NAME INSNS-PER-ITERATION MICROSECONDS-PER-ITERATION
 * with two decimals.
 */
#include <stdint.h>
#include <stdio.h>

#define N 20000

static uint64_t stck(void) { uint64_t v; __asm__ volatile("stck %0" : "=Q"(v) : : "cc"); return v; }

static uint32_t psw[2] __attribute__((aligned(16)));  /* ISK: 16-byte aligned */
static uint8_t mask;

static uint64_t loop_empty(void)
{
    uint64_t t = stck();
    for (register int i __asm__("2") = N; i; )
        __asm__ volatile("brct %0,.+0" : "+d"(i));
    return stck() - t;
}

static uint64_t loop_ssm(void)
{
    uint64_t t = stck();
    __asm__ volatile("lhi 2,%0\n1:\tssm %1\n\tbrct 2,1b" : : "i"(N), "Q"(mask) : "2");
    return stck() - t;
}

static uint64_t loop_lpsw(void)
{
    psw[0] = 0x00080000;
    uint64_t t = stck();
    __asm__ volatile("lhi 2,%0\n\tlarl 1,2f\n\tst 1,4(%1)\n1:\tlpsw 0(%1)\n2:\tbrct 2,1b"
                     : : "i"(N), "a"(psw) : "1", "2", "memory");
    return stck() - t;
}

static uint64_t loop_isk(void)
{
    uint64_t t = stck();
    __asm__ volatile("lhi 2,%0\n\tlarl 3,psw\n1:\t.insn rr,0x0900,4,3\n\tbrct 2,1b"
                     : : "i"(N) : "2", "3", "4");
    return stck() - t;
}

static void report(const char *name, uint64_t t, uint64_t empty)
{
    uint64_t d = t > empty ? t - empty : 0;
    /* hundredths: instructions = d / 64, microseconds = d / 4096 */
    unsigned long long insn100 = d * 100 / 64 / N, us100 = d * 100 / 4096 / N;
    printf("%s %llu.%02llu %llu.%02llu\n", name, insn100 / 100, insn100 % 100, us100 / 100, us100 % 100);
}

int main(void)
{
    uint64_t empty = loop_empty();
    report("SSM", loop_ssm(), empty);
    report("LPSW", loop_lpsw(), empty);
    report("ISK", loop_isk(), empty);
    return 0;
}
