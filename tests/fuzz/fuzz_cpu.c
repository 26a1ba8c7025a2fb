/*
 * fuzz_cpu.c - random instruction streams against the whole machine,
 * built with AddressSanitizer and UndefinedBehaviorSanitizer: whatever a
 * program does, the host must not crash, read or write out of bounds, or
 * hit undefined behaviour, and the run must end within its budget.
 *
 *   fuzz_cpu [SEED] [INSTRUCTIONS]
 *
 * Each round fills a code area with random bytes biased towards real
 * opcodes, randomizes registers, control registers, storage keys, the PSW
 * (BC/EC, DAT, key, problem state) and sometimes builds random segment
 * and page tables; the new PSWs lead back into the random code, so
 * execution goes on through program checks and interruptions.  A test
 * device and the console are attached so that random SIOs run random
 * channel programs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "interrupt.h"
#include "insn.h"
#include "dev.h"

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

/* Opcodes the table knows, to make valid instructions likely. */
static uint8_t known[512][2];
static int nknown;
static void collect(uint8_t op, int sub, const struct insn_info *in, void *arg)
{
    (void)in;
    (void)arg;
    if (nknown < 512) {
        known[nknown][0] = op;
        known[nknown][1] = (uint8_t)(sub < 0 ? 0 : sub);
        nknown++;
    }
}

static void random_insn(uint8_t *p)
{
    for (int i = 0; i < 6; i++)
        p[i] = (uint8_t)rnd();
    if (rnd() % 8) {
        int k = (int)(rnd() % (unsigned)nknown);
        p[0] = known[k][0];
        int pos = insn_group_sub(p);
        if (pos >= 0) {
            switch (p[0]) {
            case 0xA5: case 0xA7: case 0xC0: case 0xC2: case 0xC4: case 0xC6: case 0xC8: case 0xCC:
                p[1] = (uint8_t)((p[1] & 0xF0) | (known[k][1] & 15));
                break;
            case 0xE3: case 0xEB: case 0xEC: case 0xED:
                p[5] = known[k][1];
                break;
            case 0x9C: case 0x9D: case 0x9E: case 0x9F:
                p[1] = known[k][1];
                p[2] = 0; p[3] = (uint8_t)(rnd() % 4 ? 0xE0 : 0x09);
                break;
            default:
                p[1] = known[k][1];
            }
        }
    }
}

/* A device that accepts everything, waits sometimes, and rejects some. */
static int fz_execute(struct device *dev, struct ccw_io *io)
{
    (void)dev;
    uint32_t r = rnd();
    if (r % 16 == 0)
        return DEV_WAIT;
    if (r % 16 == 1)
        return dev_unit_check(dev, SNS0_CMDREJ);
    io->len = (r >> 8) % 2 ? io->count : (r >> 9) % 300;
    if ((io->cmd & 3) == 2)
        memset(io->buf, (int)(r >> 16), io->count);
    return US_CE | US_DE | ((r >> 20) % 8 == 0 ? US_SM : 0);
}
static int fz_resume(struct device *dev, struct ccw_io *io) { return fz_execute(dev, io); }
static const struct dev_ops fz_ops = {.type = "fuzz", .execute = fz_execute, .resume = fz_resume};

int main(int argc, char **argv)
{
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    uint64_t total = argc > 2 ? strtoull(argv[2], NULL, 0) : 2000000;
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    insn_each(collect, NULL);

    struct machine *m = machine_new(256 << 10, true);
    FILE *null = fopen("/dev/null", "w");
    m->console_out = null;
    m->console_in = -1;
    const char *err;
    dev_create(m, "3215", 0x009, NULL, &err);
    struct device *fz = calloc(1, sizeof *fz);
    fz->ops = &fz_ops;
    fz->addr = 0x0E0;
    chan_attach(m, fz);

    uint64_t done = 0, rounds = 0;
    while (done < total) {
        rounds++;
        /* Storage: random code at 0x1000-0x4FFF, random data elsewhere. */
        for (uint32_t a = 0x1000; a < 0x5000; a += 6)
            random_insn(m->mem + a);
        for (int i = 0; i < 256; i++)
            m->mem[0x5000 + rnd() % (m->memsize - 0x5000)] = (uint8_t)rnd();
        for (int i = 0; i < 8; i++)
            m->keys[rnd() % (m->memsize >> 11)] = (uint8_t)(rnd() & 0xFE);
        /* New PSWs lead back into the code, with random masks. */
        static const int news[] = {0x00, 0x58, 0x60, 0x68, 0x70, 0x78};
        for (unsigned i = 0; i < 6; i++) {
            uint8_t *p = m->mem + news[i];
            p[0] = (uint8_t)(rnd() & 0x07);
            p[1] = (uint8_t)(rnd() % 4 ? 0x08 : (rnd() & 0xF7));
            p[2] = p[3] = p[4] = 0;
            put16(p + 6, (uint16_t)(0x1000 + (rnd() % 0x4000 & ~1u)));
            p[5] = 0;
        }
        /* CAW: a random channel program in the data area. */
        put32(m->mem + 0x48, (rnd() % 4 ? 0 : rnd() << 28) | (0x5000 + (rnd() % 0x1000 & ~7u)));
        for (int r = 0; r < 16; r++) {
            m->cpu.gr[r] = rnd() % 3 ? 0x1000 + rnd() % 0x8000 : rnd();
            m->cpu.fpr[r] = (uint64_t)rnd() << 32 | rnd();
        }
        if (rnd() % 4 == 0) {
            /* Random DAT setup: segment table at 0x8000, page tables after. */
            m->cpu.cr[0] = (rnd() & 0x00F80000) | 0xE0 | (rnd() % 2 ? 0x00040000 : 0);
            m->cpu.cr[1] = (rnd() % 4) << 24 | 0x8000;
            for (int i = 0; i < 64; i++)
                put32(m->mem + 0x8000 + 4 * i, rnd() % 4 ? (rnd() & 0xF0000000) | (0x9000 + 64 * (rnd() % 64)) : rnd());
            for (int i = 0; i < 2048; i++)
                put16(m->mem + 0x9000 + 2 * i, (uint16_t)(rnd() % 8 ? (unsigned)(i % 64) << 4 : rnd()));
        } else if (rnd() % 4 == 0) {
            m->cpu.cr[rnd() % 16] = rnd();
        }
        uint8_t psw[8] = {(uint8_t)(rnd() & 0x07), (uint8_t)(0x08 | (rnd() & 0xF1)), 0, 0, 0, 0, 0x10, 0};
        if (rnd() % 4 == 0)
            psw[1] &= 0xF7; /* BC mode */
        put16(psw + 6, (uint16_t)(0x1000 + (rnd() % 0x4000 & ~1u)));
        psw_load(&m->cpu, psw);
        m->cpu.psw.wait = false;
        cpu_tlb_flush(&m->cpu);
        if (rnd() % 8 == 0)
            chan_resume(fz);
        uint64_t before = cpu_icount(&m->cpu);
        m->max_insns = before + 2000;
        m->max_seconds = 0.5; /* an enabled wait beside an endless channel
                                 program never ends: bound it */
        machine_run(m);
        uint64_t ran = cpu_icount(&m->cpu) - before;
        done += ran ? ran : 1;
        if (m->cpu.psw.ia > AMASK24) {
            fprintf(stderr, "fuzz_cpu: seed %llu: PSW address out of range\n", (unsigned long long)seed);
            return 1;
        }
    }
    printf("fuzz_cpu: seed %llu: %llu instructions in %llu rounds, no host fault\n",
           (unsigned long long)seed, (unsigned long long)done, (unsigned long long)rounds);
    chan_detach(m, fz);
    free(fz);
    machine_free(m);
    fclose(null);
    return 0;
}
