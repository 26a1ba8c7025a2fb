/*
 * fuzz_dasd.c - wild channel programs against the DASD devices, built
 * with AddressSanitizer and UndefinedBehaviorSanitizer: a CKD 3330 and an
 * FBA 3370 volume are attached, and each round runs through SIO either a
 * wild channel program (commands from each device's set and random ones,
 * random flags, counts and arguments, some nearly valid) or one shaped
 * like a real program with mistakes now and then (structured()).
 * Whatever the program does, the host must not crash or misbehave, every
 * program must end with a status, and at the end both volume files must
 * pass vol_check() (a device never stores a malformed track or row).
 *
 *   fuzz_dasd DIR [SEED] [PROGRAMS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "channel.h"
#include "dev.h"
#include "geometry.h"
#include "volume.h"

static uint64_t rng_state;
static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

#define PROG 0x1000
#define ARGS 0x2000   /* arguments: 0x2000-0x2FFF */
#define DATA 0x4000   /* data: 0x4000-0x1FFFF */

static const uint8_t ckd_cmds[] = {0x03, 0x04, 0xE4, 0x64, 0x07, 0x0B, 0x1B, 0x13, 0x1F, 0x23,
                                   0x22, 0x39, 0x31, 0x51, 0x71, 0x29, 0x49, 0x69, 0x1A, 0x16,
                                   0x06, 0x0E, 0x12, 0x1E, 0x5E, 0x02, 0x05, 0x0D, 0x1D, 0x11,
                                   0x15, 0x19, 0xB1, 0x86, 0x9E, 0x08};
static const uint8_t fba_cmds[] = {0x03, 0x04, 0xE4, 0x64, 0x02, 0x63, 0x43, 0x42, 0x41, 0x08};

/* Nearly valid arguments in half of the 16-byte slots: CKD seek and
   search arguments (BBCCHH, CCHHR) and count fields with small values;
   FBA Define Extent arguments inside the volume, or two Locates. */
static void fill_args(uint8_t *p, bool fba)
{
    for (int i = 0; i < 0x1000; i++)
        p[i] = (uint8_t)(rnd() % 4 ? rnd() % 4 : rnd());
    for (int i = 0; i < 0x1000; i += 16) {
        uint8_t *a = p + i;
        if (rnd() % 2)
            continue;
        memset(a, 0, 16);
        if (fba && rnd() % 2) {
            static const uint8_t masks[] = {0x00, 0x40, 0xC0, 0xC4, 0x80};
            a[0] = masks[rnd() % sizeof masks];
            a[2] = rnd() % 2 ? 0x02 : 0;
            a[7] = (uint8_t)(rnd() % 250);
            a[11] = (uint8_t)(rnd() % 50);
            a[15] = (uint8_t)(a[11] + rnd() % 200);
        } else if (fba) {
            static const uint8_t ops[] = {0x01, 0x05, 0x06, 0x06, 0x02, 0x04};
            for (int k = 0; k < 16; k += 8) {
                a[k] = ops[rnd() % sizeof ops];
                a[k + 3] = (uint8_t)(1 + rnd() % 70);
                a[k + 7] = (uint8_t)(rnd() % 250);
            }
        } else {
            a[3] = (uint8_t)(rnd() % 4);                          /* seek: CC */
            a[5] = (uint8_t)(rnd() % 20);                         /*       HH */
            a[9] = a[3];                                          /* id/count */
            a[11] = a[5];
            a[12] = (uint8_t)(rnd() % 6);                         /* R */
            a[13] = (uint8_t)(rnd() % 3 ? 0 : rnd() % 16);        /* KL */
            a[14] = (uint8_t)(rnd() % 20);                        /* DL */
        }
    }
}

static void put_ccw(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16);
    p[2] = (uint8_t)(addr >> 8);
    p[3] = (uint8_t)addr;
    p[4] = flags;
    p[5] = 0;
    put16(p + 6, count);
}

#define SARG (ARGS + 0x800) /* a structured program's arguments */

/*
 * A program shaped like the real ones, with mistakes now and then: FBA
 * Define Extent, then Locate and Read or Write pairs; CKD Seek, Search ID
 * Equal with its TIC, then reads and writes.  Returns the CCWs built.
 */
static int structured(struct machine *m, bool fba)
{
    uint8_t *p = m->mem + PROG, *a = m->mem + SARG;
    int n = 0;
    memset(a, 0, 64);
    if (fba) {
        a[0] = rnd() % 8 ? 0xC0 : (uint8_t)(rnd() % 2 ? 0x40 : 0x00);
        a[2] = 0x02;
        a[7] = (uint8_t)(rnd() % 100);                  /* origin */
        a[11] = (uint8_t)(rnd() % 20);                  /* first */
        a[15] = (uint8_t)(a[11] + rnd() % 140);         /* last */
        put_ccw(p, 0x63, SARG, CCW_CC, 16);
        n++;
        int pairs = 1 + (int)(rnd() % 3);
        for (int k = 0; k < pairs; k++) {
            uint8_t *l = a + 16 + 8 * k;
            bool w = rnd() % 3 != 0;
            unsigned cnt = 1 + rnd() % 30;
            l[0] = w ? (rnd() % 2 ? 0x01 : 0x05) : 0x06;
            put16(l + 2, (uint16_t)cnt);
            l[7] = (uint8_t)(a[11] + rnd() % 140);
            uint32_t bytes = cnt * 512 + (rnd() % 4 ? 0 : rnd() % 700) - (rnd() % 4 ? 0 : rnd() % 500);
            put_ccw(p + 8 * n++, 0x43, SARG + 16 + 8 * k, CCW_CC, 8);
            put_ccw(p + 8 * n++, w ? 0x41 : 0x42, DATA + 0x1000 * (uint32_t)k,
                    (uint8_t)(CCW_CC | (rnd() % 2 ? CCW_SLI : 0)), (uint16_t)(bytes & 0x7FFF));
        }
    } else {
        unsigned cc = rnd() % 3, hh = rnd() % 19;
        a[3] = (uint8_t)cc;
        a[5] = (uint8_t)hh;
        a[9] = (uint8_t)cc;
        a[11] = (uint8_t)hh;
        a[12] = (uint8_t)(rnd() % 5);
        if (rnd() % 4 == 0) {
            a[20] = (uint8_t)(rnd() % 2 ? 0xC0 : rnd());
            put_ccw(p + 8 * n++, 0x1F, SARG + 20, CCW_CC, 1);
        }
        put_ccw(p + 8 * n++, 0x07, SARG, CCW_CC, 6);
        put_ccw(p + 8 * n++, rnd() % 4 ? 0x31 : 0x39, SARG + 8, CCW_CC, 5);
        put_ccw(p + 8 * n, 0x08, PROG + 8 * (uint32_t)(n - 1), 0, 0);
        n++;
        static const uint8_t ops[] = {0x1D, 0x1D, 0x1D, 0x05, 0x0D, 0x06, 0x0E, 0x1E, 0x12,
                                      0x11, 0x5E, 0x1A, 0x16, 0x15, 0x19, 0x92, 0x86};
        int k = 1 + (int)(rnd() % 4);
        for (int j = 0; j < k; j++) {
            uint8_t op = ops[rnd() % sizeof ops];
            uint32_t d = DATA + 0x2000 * (uint32_t)j;
            uint8_t *c = m->mem + d;
            unsigned kl = rnd() % 3 ? 0 : rnd() % 12, dl = rnd() % 3000;
            c[0] = 0; c[1] = (uint8_t)cc; c[2] = 0; c[3] = (uint8_t)hh;
            c[4] = (uint8_t)(a[12] + 1 + j); c[5] = (uint8_t)kl; put16(c + 6, (uint16_t)dl);
            if (op == 0x19) {
                c[0] = 0; c[1] = 0; c[2] = (uint8_t)cc; c[3] = 0; c[4] = (uint8_t)hh;
            }
            put_ccw(m->mem + PROG + 8 * n++, op, d, (uint8_t)(CCW_CC | (rnd() % 2 ? CCW_SLI : 0)),
                    (uint16_t)(8 + kl + dl + (rnd() % 4 ? 0 : rnd() % 16)));
        }
    }
    m->mem[PROG + 8 * (n - 1) + 4] &= (uint8_t)~CCW_CC;
    return n;
}

static int run_program(struct machine *m, struct device *dev, bool fba)
{
    uint8_t *p = m->mem + PROG;
    bool wild = rnd() % 2;
    int n = wild ? 1 + (int)(rnd() % 12) : structured(m, fba);
    for (int i = 0; wild && i < n; i++, p += 8) {
        uint8_t cmd = rnd() % 8 == 0 ? (uint8_t)rnd()
                      : fba ? fba_cmds[rnd() % sizeof fba_cmds] : ckd_cmds[rnd() % sizeof ckd_cmds];
        uint32_t addr = cmd == 0x08 ? PROG + 8 * (rnd() % (unsigned)n)
                      : rnd() % 2 ? ARGS + 8 * (rnd() % 0x1F0) : DATA + 8 * (rnd() % 0x3000);
        uint8_t flags = (uint8_t)(rnd() % 3 ? CCW_CC : 0);
        if (rnd() % 4 == 0)
            flags |= CCW_SLI;
        if (rnd() % 16 == 0)
            flags |= (uint8_t)(rnd() & 0xF8);
        if (i == n - 1 && rnd() % 2)
            flags &= (uint8_t)~CCW_CC;
        put_ccw(p, cmd, addr, flags, (uint16_t)(rnd() % 4 ? rnd() % 600 : rnd() % 0x8000));
    }
    put32(m->mem + 0x48, PROG);
    int cc = chan_sio(m, dev->addr, false);
    if (cc == 0) {
        int steps = 0;
        while (dev->ch.busy && m->events && steps++ < 200) {
            struct event *e = m->events;
            m->events = e->next;
            void (*fn)(struct machine *, void *) = e->fn;
            void *arg = e->arg;
            free(e);
            fn(m, arg);
        }
        if (dev->ch.busy)
            cc = chan_hio(m, dev->addr, false);  /* an endless loop: stop it */
        else
            cc = chan_tio(m, dev->addr);
    }
    /* The ending status is in the CSW; take anything still pending. */
    uint8_t csw[8];
    memcpy(csw, m->mem + 64, 8);
    for (int k = 0; k < 4 && chan_tio(m, dev->addr) == 1; k++)
        ;
    memcpy(m->mem + 64, csw, 8);
    return cc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_dasd DIR [SEED] [PROGRAMS]\n");
        return 2;
    }
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
    long programs = argc > 3 ? atol(argv[3]) : 20000;
    rng_state = seed * 0x9E3779B97F4A7C15ull + 1;
    char ckd[600], fba[600], err[400];
    snprintf(ckd, sizeof ckd, "%s/fuzz-ckd.vol", argv[1]);
    snprintf(fba, sizeof fba, "%s/fuzz-fba.vol", argv[1]);
    remove(ckd);
    remove(fba);
    if (vol_create(ckd, dasd_type_find("3330"), 3, "FUZZ01", VOL_FAST, NULL, NULL, err, sizeof err) ||
        vol_create(fba, dasd_type_find("3370"), 250, "FUZZ02", VOL_FAST, NULL, NULL, err, sizeof err)) {
        fprintf(stderr, "fuzz_dasd: %s\n", err);
        return 1;
    }
    struct machine *m = machine_new(256 << 10, true);
    const char *e = NULL;
    struct device *dc = dev_create(m, "dasd", 0x190, ckd, &e);
    struct device *df = dev_create(m, "dasd", 0x191, fba, &e);
    if (!dc || !df) {
        fprintf(stderr, "fuzz_dasd: %s\n", e);
        return 1;
    }
    long ended[3] = {0};    /* clean, unit check, channel status */
    for (long i = 0; i < programs; i++) {
        bool isfba = rnd() % 2;
        fill_args(m->mem + ARGS, isfba);
        for (int k = 0; k < 64; k++)
            m->mem[DATA + rnd() % 0x18000] = (uint8_t)rnd();
        int cc = run_program(m, isfba ? df : dc, isfba);
        if (cc != 1) {
            fprintf(stderr, "fuzz_dasd: seed %llu program %ld: condition code %d\n",
                    (unsigned long long)seed, i, cc);
            return 1;
        }
        /* The CSW the SIO or the TIO stored. */
        uint8_t unit = m->mem[68], chan = m->mem[69];
        ended[chan ? 2 : (unit & US_UC) ? 1 : 0]++;
    }
    /* The devices' volumes as the files have them. */
    machine_free(m);
    unsigned bad = 0;
    for (int k = 0; k < 2; k++) {
        struct volume *v = vol_open(k ? fba : ckd, true, err, sizeof err);
        if (!v) {
            fprintf(stderr, "fuzz_dasd: %s\n", err);
            return 1;
        }
        bad += vol_check(v, stderr);
        vol_close(v);
    }
    printf("fuzz_dasd: seed %llu: %ld programs (%ld ended clean, %ld with unit check, %ld with "
           "channel status), volumes %s\n", (unsigned long long)seed, programs, ended[0], ended[1],
           ended[2], bad ? "DAMAGED" : "clean");
    return bad ? 1 : 0;
}
