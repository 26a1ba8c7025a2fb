/*
 * dasd_bench.c - the DASD benchmark (`make bench`, tests/bench/dasd_bench.sh):
 * a host program, linked with libcpcms.a, that builds a machine, attaches
 * a 3350 volume and times channel programs run through the channel
 * (chan_sio, the CCWs in storage, the CKD device, the SQLite volume), on a
 * durable, a fast and a synced volume (volume.h, enum vol_sync):
 *
 *   create     `cpcms dasd create`'s work: every track HA and R0 (vol_create)
 *   format     every track written with four 4K records (Write CKD), one
 *              cylinder per channel program; create + format is the
 *              issue's "a full 3350 created and formatted"
 *   reads      random single-record reads (Seek, Search ID Equal + TIC,
 *              Read Data of a 4K record), one per channel program
 *   writes     sequential full-track writes (Write CKD of one R1 of
 *              19,069 bytes after R0) over the whole volume, one track per
 *              channel program, and again one cylinder per program
 *
 * usage: dasd_bench DIR [READS]     (DIR: where the volume files go)
 * Output: one line per figure, "mode name value unit"; the random reads
 * also per CPU second of this process (steadier on a busy host).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "channel.h"
#include "dev.h"
#include "geometry.h"
#include "volume.h"

#define CUU 0x190
#define PROG 0x1000
#define DATA 0x10000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds (user + system) this process has used. */
static double cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

struct bench {
    struct machine *m;
    struct device *dev;
    uint32_t at;
};

static void ccw(struct bench *b, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t *p = b->m->mem + b->at;
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16);
    p[2] = (uint8_t)(addr >> 8);
    p[3] = (uint8_t)addr;
    p[4] = flags;
    p[5] = 0;
    p[6] = (uint8_t)(count >> 8);
    p[7] = (uint8_t)count;
    b->at += 8;
}

/* Run the program at PROG to its end; exit on anything but CE+DE. */
static void run(struct bench *b)
{
    struct machine *m = b->m;
    put32(m->mem + 0x48, PROG);
    b->at = PROG;
    int cc = chan_sio(m, CUU, false);
    if (cc == 0) {
        while (b->dev->ch.busy && m->events) {
            struct event *e = m->events;
            m->events = e->next;
            void (*fn)(struct machine *, void *) = e->fn;
            void *arg = e->arg;
            free(e);
            fn(m, arg);
        }
        cc = chan_tio(m, CUU);
    }
    if (cc != 1 || (m->mem[68] & ~0x0C) || m->mem[69]) {
        fprintf(stderr, "dasd_bench: cc %d status %02X %02X sense %02X %02X\n", cc, m->mem[68],
                m->mem[69], b->dev->sense[0], b->dev->sense[1]);
        exit(1);
    }
}

/* Seek to cc/hh and search ID equal on record r (TIC loop); the seek and
   search arguments go at arg (16 bytes). */
static void find(struct bench *b, uint32_t arg, unsigned cc, unsigned hh, unsigned r, bool head_only)
{
    uint8_t *p = b->m->mem + arg;
    memset(p, 0, 16);
    p[2] = (uint8_t)(cc >> 8); p[3] = (uint8_t)cc; p[5] = (uint8_t)hh;
    p[8] = (uint8_t)(cc >> 8); p[9] = (uint8_t)cc; p[11] = (uint8_t)hh; p[12] = (uint8_t)r;
    ccw(b, head_only ? 0x1B : 0x07, arg, CCW_CC, 6);
    uint32_t s = b->at;
    ccw(b, 0x31, arg + 8, CCW_CC, 5);
    ccw(b, 0x08, s, 0, 0);
}

/* A count field and n data bytes at a; returns the bytes used. */
static uint32_t record(struct bench *b, uint32_t a, unsigned cc, unsigned hh, unsigned r, unsigned n)
{
    uint8_t *p = b->m->mem + a;
    p[0] = (uint8_t)(cc >> 8); p[1] = (uint8_t)cc; p[2] = 0; p[3] = (uint8_t)hh; p[4] = (uint8_t)r;
    p[5] = 0; p[6] = (uint8_t)(n >> 8); p[7] = (uint8_t)n;
    memset(p + 8, (int)(r + hh), n);
    return (8 + n + 7) & ~7u;
}

static void report(const char *mode, const char *name, double v, const char *unit)
{
    printf("%s %s %.2f %s\n", mode, name, v, unit);
    fflush(stdout);
}

static void one_mode(const char *dir, enum vol_sync sync, long nreads)
{
    const char *mode = vol_sync_name(sync);
    const struct dasd_type *t = dasd_type_find("3350");
    char path[600], err[400];
    snprintf(path, sizeof path, "%s/bench-%s.vol", dir, mode);
    unlink(path);
    double t0 = now();
    if (vol_create(path, t, t->cyls, "BENCH1", sync, NULL, NULL, err, sizeof err)) {
        fprintf(stderr, "dasd_bench: %s\n", err);
        exit(1);
    }
    double create = now() - t0;
    report(mode, "create", create, "s");

    struct bench b = {machine_new(1 << 20, false), NULL, PROG};
    const char *e = NULL;
    if (!(b.dev = dev_create(b.m, "dasd", CUU, path, &e))) {
        fprintf(stderr, "dasd_bench: %s\n", e);
        exit(1);
    }
    /* Format: four 4K records on every track, a cylinder per program. */
    t0 = now();
    for (unsigned c = 0; c < t->cyls; c++) {
        uint32_t d = DATA;
        for (unsigned h = 0; h < t->heads; h++) {
            find(&b, 0x200 + h * 16, c, h, 0, h > 0);
            for (unsigned r = 1; r <= 4; r++) {
                uint32_t a = d;
                d += record(&b, d, c, h, r, 4096);
                ccw(&b, 0x1D, a, CCW_CC, 8 + 4096);
            }
        }
        ccw(&b, 0x03, 0, CCW_SLI, 1);
        run(&b);
    }
    double format = now() - t0;
    report(mode, "format", format, "s");
    report(mode, "create+format", create + format, "s");

    /* Random reads of one 4K record. */
    uint32_t seed = 12345;
    t0 = now();
    double c0 = cpu();
    for (long i = 0; i < nreads; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned trk = (seed >> 8) % (t->cyls * t->heads), r = 1 + (seed >> 28) % 4;
        find(&b, 0x200, trk / t->heads, trk % t->heads, r, false);
        ccw(&b, 0x06, DATA, 0, 4096);
        run(&b);
        if (b.m->mem[DATA] != (uint8_t)(r + trk % t->heads)) {
            fprintf(stderr, "dasd_bench: track %u record %u: wrong data\n", trk, r);
            exit(1);
        }
    }
    double reads = now() - t0;
    report(mode, "random-reads", nreads / reads, "/s");
    report(mode, "random-reads-per-cpu-s", nreads / (cpu() - c0), "/s");

    /* Sequential full-track writes: R1 of r1max bytes, a track per program. */
    unsigned n = t->r1max;
    record(&b, DATA, 0, 0, 1, n);
    t0 = now();
    for (unsigned trk = 0; trk < t->cyls * t->heads; trk++) {
        unsigned c = trk / t->heads, h = trk % t->heads;
        find(&b, 0x200, c, h, 0, false);
        b.m->mem[DATA + 1] = (uint8_t)c;
        b.m->mem[DATA] = (uint8_t)(c >> 8);
        b.m->mem[DATA + 3] = (uint8_t)h;
        ccw(&b, 0x1D, DATA, 0, (uint16_t)(8 + n));
        run(&b);
    }
    double wr = now() - t0;
    report(mode, "seq-track-writes", (double)t->cyls * t->heads * n / wr / 1e6, "MB/s");
    /* The same, a cylinder per program (over the first 200 cylinders). */
    unsigned cyls = 200;
    t0 = now();
    for (unsigned c = 0; c < cyls; c++) {
        uint32_t d = DATA;
        for (unsigned h = 0; h < t->heads; h++) {
            find(&b, 0x200 + h * 16, c, h, 0, h > 0);
            uint32_t a = d;
            d += record(&b, d, c, h, 1, n);
            ccw(&b, 0x1D, a, CCW_CC, (uint16_t)(8 + n));
        }
        ccw(&b, 0x03, 0, CCW_SLI, 1);
        run(&b);
    }
    wr = now() - t0;
    report(mode, "seq-cyl-writes", (double)cyls * t->heads * n / wr / 1e6, "MB/s");
    machine_free(b.m);
    unlink(path);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dasd_bench DIR [READS]\n");
        return 2;
    }
    long nreads = argc > 2 ? atol(argv[2]) : 200000;
    one_mode(argv[1], VOL_DURABLE, nreads);
    one_mode(argv[1], VOL_FAST, nreads);
    one_mode(argv[1], VOL_SYNCED, nreads);
    return 0;
}
