/*
 * ckdtest.h - helpers for the CKD tests: a volume file in a temporary
 * directory, a machine with the volume attached at X'190', channel
 * programs built in storage and run through SIO, and their ending status.
 */
#ifndef CPCMS_CKDTEST_H
#define CPCMS_CKDTEST_H

#include <stdio.h>
#include <unistd.h>

#include "testutil.h"
#include "dev.h"
#include "geometry.h"
#include "track.h"
#include "volume.h"
#include "ckd.h"
#include "dasd.h"

#define CUU 0x190
#define PROG 0x2000 /* channel programs */
#define DATA 0x8000 /* their data */

struct volume *ckd_volume(struct device *dev);

struct ckdt {
    struct machine *m;
    struct device *dev;
    char dir[64], path[96];
    uint32_t at;   /* where the next CCW goes */
};

/* Make a volume of `type` with `cyls` cylinders and attach it (arg
   suffix ",ro" for read-only when ro). */
static inline struct ckdt *ckdt_new_ro(const char *type, unsigned cyls, bool ro)
{
    struct ckdt *t = calloc(1, sizeof *t);
    strcpy(t->dir, "/tmp/ckdtestXXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/v.vol", t->dir);
    char err[400];
    const struct dasd_type *ty = dasd_type_find(type);
    assert_non_null(ty);
    if (vol_create(t->path, ty, cyls, "TEST01", VOL_DURABLE, NULL, NULL, err, sizeof err))
        fail_msg("%s", err);
    t->m = tm_new();
    char arg[120];
    snprintf(arg, sizeof arg, "%s%s", t->path, ro ? ",ro" : "");
    const char *e = NULL;
    t->dev = dev_create(t->m, "dasd", CUU, arg, &e);
    if (!t->dev)
        fail_msg("%s", e);
    t->at = PROG;
    return t;
}
static inline struct ckdt *ckdt_new(const char *type, unsigned cyls) { return ckdt_new_ro(type, cyls, false); }

static inline void ckdt_free(struct ckdt *t)
{
    machine_free(t->m);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
    if (system(cmd)) {}
    free(t);
}

/* Append a CCW to the program being built; returns its address. */
static inline uint32_t ccw(struct ckdt *t, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t *p = t->m->mem + t->at;
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16); p[2] = (uint8_t)(addr >> 8); p[3] = (uint8_t)addr;
    p[4] = flags; p[5] = 0;
    put16(p + 6, count);
    t->at += 8;
    return t->at - 8;
}

/* Put bytes into storage. */
static inline void poke(struct ckdt *t, uint32_t a, const void *p, size_t n)
{
    memcpy(t->m->mem + a, p, n);
}

/* A seek argument BBCCHH at a. */
static inline void seekarg(struct ckdt *t, uint32_t a, unsigned cc, unsigned hh)
{
    uint8_t b[6] = {0, 0, (uint8_t)(cc >> 8), (uint8_t)cc, (uint8_t)(hh >> 8), (uint8_t)hh};
    poke(t, a, b, 6);
}
/* A count field CCHHR KL DL at a. */
static inline void countarg(struct ckdt *t, uint32_t a, unsigned cc, unsigned hh, unsigned r,
                            unsigned kl, unsigned dl)
{
    uint8_t b[8] = {(uint8_t)(cc >> 8), (uint8_t)cc, (uint8_t)(hh >> 8), (uint8_t)hh, (uint8_t)r,
                    (uint8_t)kl, (uint8_t)(dl >> 8), (uint8_t)dl};
    poke(t, a, b, 8);
}

/* Ending status of a program. */
struct ior {
    int cc;          /* of the SIO */
    uint8_t unit, chan;
    uint32_t ccw;    /* CSW address: the CCW after the last one */
    uint16_t count;  /* residual */
    uint8_t sense[24];
};

/* Run the program built from PROG (and restart building at PROG). */
static inline struct ior run(struct ckdt *t)
{
    struct machine *m = t->m;
    struct ior r = {0};
    put32(m->mem + 0x48, PROG);
    r.cc = chan_sio(m, CUU, false);
    t->at = PROG;
    if (r.cc == 0) {
        /* Long programs continue from events: run them out. */
        while (t->dev->ch.busy && m->events) {
            struct event *e = m->events;
            m->events = e->next;
            void (*fn)(struct machine *, void *) = e->fn;
            void *arg = e->arg;
            free(e);
            fn(m, arg);
        }
        assert_false(t->dev->ch.busy);
        assert_int_equal(chan_tio(m, CUU), 1); /* stores the CSW */
    } else if (r.cc != 1) {
        fail_msg("SIO cc %d", r.cc);
    }
    r.ccw = be32(m->mem + 64) & 0xFFFFFF;
    r.unit = m->mem[68];
    r.chan = m->mem[69];
    r.count = be16(m->mem + 70);
    memcpy(r.sense, t->dev->sense, 24);
    return r;
}

/* What the devices say on stderr, caught: from catch_stderr() until
   caught_stderr(), which gives the text (malloc'd) and shows it. */
struct caught { int fd; FILE *f; };
static inline struct caught catch_stderr(void)
{
    struct caught c;
    fflush(stderr);
    c.f = tmpfile();
    assert_non_null(c.f);
    c.fd = dup(2);
    assert_true(c.fd >= 0 && dup2(fileno(c.f), 2) == 2);
    return c;
}
static inline char *caught_stderr(struct caught c)
{
    fflush(stderr);
    dup2(c.fd, 2);
    close(c.fd);
    long n = ftell(c.f);
    char *s = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
    rewind(c.f);
    if (n > 0 && fread(s, 1, (size_t)n, c.f) != (size_t)n) {}
    fclose(c.f);
    fputs(s, stderr);   /* still shown, for whoever reads the test's log */
    return s;
}
/* How many times `what` occurs in s. */
static inline int occurs(const char *s, const char *what)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

#define assert_ok(r) do { struct ior r_ = (r); \
    if (r_.unit != (US_CE | US_DE) || r_.chan) \
        fail_msg("status %02X %02X sense %02X %02X (CCW %06X)", r_.unit, r_.chan, r_.sense[0], \
                 r_.sense[1], r_.ccw); } while (0)
#define assert_uc(r, s0, s1) do { struct ior r_ = (r); \
    if (!(r_.unit & US_UC) || r_.sense[0] != (s0) || r_.sense[1] != (s1)) \
        fail_msg("status %02X %02X sense %02X %02X, wanted UC sense %02X %02X (CCW %06X)", \
                 r_.unit, r_.chan, r_.sense[0], r_.sense[1], (s0), (s1), r_.ccw); } while (0)

/* Programs used everywhere.  Each leaves the program built, not run. */

/* Seek cc/hh, search ID equal CCHHR (TIC loop), then the caller's CCWs. */
static inline void p_find(struct ckdt *t, unsigned cc, unsigned hh, unsigned r)
{
    seekarg(t, 0x300, cc, hh);
    uint8_t id[5] = {(uint8_t)(cc >> 8), (uint8_t)cc, (uint8_t)(hh >> 8), (uint8_t)hh, (uint8_t)r};
    poke(t, 0x308, id, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    uint32_t s = ccw(t, 0x31, 0x308, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
}

/* Write record r (key kl bytes of `kfill`, dl data bytes of `dfill`)
   after record r-1 of track cc/hh. */
static inline struct ior write_rec(struct ckdt *t, unsigned cc, unsigned hh, unsigned r,
                                   unsigned kl, unsigned dl, uint8_t fill)
{
    p_find(t, cc, hh, r - 1);
    countarg(t, DATA, cc, hh, r, kl, dl);
    memset(t->m->mem + DATA + 8, fill, kl + dl);
    ccw(t, 0x1D, DATA, 0, (uint16_t)(8 + kl + dl));
    return run(t);
}

#endif
