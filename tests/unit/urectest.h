/*
 * urectest.h - helpers for the unit record tests (test_urec.c,
 * test_spool.c): a spool database in a temporary directory, a machine
 * with readers, punches and printers attached to it, channel programs
 * built in storage and run through SIO, their ending status and sense,
 * and the spool's files read back through a second connection.
 */
#ifndef CPCMS_URECTEST_H
#define CPCMS_URECTEST_H

#include <stdio.h>
#include <unistd.h>

#include "testutil.h"
#include "dev.h"
#include "ebcdic.h"
#include "spool.h"
#include "spool_text.h"
#include "urec.h"

#define PROG 0x2000 /* channel programs */
#define DATA 0x8000 /* their data */

struct ut {
    struct machine *m;
    char dir[64], db[96], arg[110];
    uint32_t at;   /* where the next CCW goes */
};

static inline struct ut *ut_new(void)
{
    struct ut *t = calloc(1, sizeof *t);
    strcpy(t->dir, "/tmp/urectestXXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->db, sizeof t->db, "%s/spool.db", t->dir);
    snprintf(t->arg, sizeof t->arg, "spool=%s", t->db);
    t->m = tm_new();
    t->at = PROG;
    return t;
}

/* Attach a device of `type` at cuu to the test's spool. */
static inline struct device *ut_attach(struct ut *t, const char *type, uint16_t cuu)
{
    const char *e = NULL;
    struct device *d = dev_create(t->m, type, cuu, t->arg, &e);
    if (!d)
        fail_msg("%s at %03X: %s", type, cuu, e);
    return d;
}

static inline void ut_free(struct ut *t)
{
    if (t->m)
        machine_free(t->m);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
    if (system(cmd)) {}
    free(t);
}

/* A second connection to the test's spool (as `cpcms spool` would be). */
static inline struct spool *ut_spool(struct ut *t)
{
    char err[400];
    struct spool *s = spool_open(t->db, true, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

/* Append a CCW to the program being built; returns its address. */
static inline uint32_t ccw(struct ut *t, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t *p = t->m->mem + t->at;
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16); p[2] = (uint8_t)(addr >> 8); p[3] = (uint8_t)addr;
    p[4] = flags; p[5] = 0;
    put16(p + 6, count);
    t->at += 8;
    return t->at - 8;
}

/* ASCII text as EBCDIC at storage address a (n bytes, blank-padded). */
static inline void ut_text(struct ut *t, uint32_t a, const char *s, size_t n)
{
    memset(t->m->mem + a, 0x40, n);
    size_t l = strlen(s);
    ebcdic_from_ascii(t->m->mem + a, s, l < n ? l : n);
}

struct ior {
    int cc;          /* of the SIO */
    uint8_t unit, chan;
    uint32_t ccw;    /* CSW address: the CCW after the last one */
    uint16_t count;  /* residual */
    uint8_t sense[8];
};

/* Run the program built from PROG on cuu (and restart building at PROG). */
static inline struct ior ut_run(struct ut *t, uint16_t cuu)
{
    struct machine *m = t->m;
    struct device *dev = m->chan.dev[cuu];
    struct ior r = {0};
    assert_non_null(dev);
    put32(m->mem + 0x48, PROG);
    r.cc = chan_sio(m, cuu, false);
    t->at = PROG;
    if (r.cc == 0) {
        while (dev->ch.busy && m->events) {
            struct event *e = m->events;
            m->events = e->next;
            void (*fn)(struct machine *, void *) = e->fn;
            void *arg = e->arg;
            free(e);
            fn(m, arg);
        }
        assert_false(dev->ch.busy);
        assert_int_equal(chan_tio(m, cuu), 1); /* stores the CSW */
    } else if (r.cc != 1) {
        fail_msg("SIO cc %d", r.cc);
    }
    r.ccw = be32(m->mem + 64) & 0xFFFFFF;
    r.unit = m->mem[68];
    r.chan = m->mem[69];
    r.count = be16(m->mem + 70);
    memcpy(r.sense, dev->sense, sizeof r.sense);
    return r;
}

#define assert_status(r, u, c) do { struct ior r_ = (r); \
    if (r_.unit != (u) || r_.chan != (c)) \
        fail_msg("status %02X %02X sense %02X (CCW %06X), wanted %02X %02X", r_.unit, r_.chan, \
                 r_.sense[0], r_.ccw, (u), (c)); } while (0)
#define assert_ok(r) assert_status(r, US_CE | US_DE, 0)
#define assert_uc(r, s0) do { struct ior r_ = (r); \
    if (r_.unit != (US_CE | US_DE | US_UC) || r_.sense[0] != (s0)) \
        fail_msg("status %02X %02X sense %02X, wanted UC sense %02X (CCW %06X)", \
                 r_.unit, r_.chan, r_.sense[0], (s0), r_.ccw); } while (0)

/* One command alone. */
static inline struct ior ut_cmd(struct ut *t, uint16_t cuu, uint8_t cmd, uint32_t addr,
                                uint8_t flags, uint16_t count)
{
    ccw(t, cmd, addr, flags, count);
    return ut_run(t, cuu);
}

/* The text (or raw) rendering of spool file id, in a malloc'd string. */
static inline char *ut_render(struct ut *t, long long id, bool raw, size_t *len)
{
    struct spool *s = ut_spool(t);
    struct spool_file f;
    assert_int_equal(spool_get(s, id, &f), 1);
    char *buf = NULL;
    size_t n = 0;
    FILE *mf = open_memstream(&buf, &n);
    assert_int_equal(spool_text_render(s, &f, raw, mf), 0);
    fclose(mf);
    spool_close(s);
    if (len)
        *len = n;
    return buf;
}

struct ut_files { struct spool_file f[16]; int n; };
static inline int ut_collect(const struct spool_file *f, void *arg)
{
    struct ut_files *l = arg;
    if (l->n < 16)
        l->f[l->n++] = *f;
    return 0;
}
/* The files of queue q, oldest first. */
static inline struct ut_files ut_files(struct ut *t, int q)
{
    struct ut_files l = {0};
    struct spool *s = ut_spool(t);
    assert_int_equal(spool_list(s, q, ut_collect, &l), 0);
    spool_close(s);
    return l;
}

/* Queue a text deck (lines separated by \n) for reader devaddr (-1 any). */
static inline long long ut_queue(struct ut *t, const char *text, int devaddr, const char *name)
{
    struct spool *s = ut_spool(t);
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    uint8_t *cards = malloc(n * 80 + 1);
    const char *p = text;
    for (size_t i = 0; i < n; i++) {
        const char *nl = strchr(p, '\n');
        memset(cards + i * 80, 0x40, 80);
        ebcdic_from_ascii(cards + i * 80, p, (unsigned long)(nl - p));
        p = nl + 1;
    }
    long long id;
    assert_int_equal(spool_queue_deck(s, name, devaddr, cards, n, &id), 0);
    free(cards);
    spool_close(s);
    return id;
}

#endif
