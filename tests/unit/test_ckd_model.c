/*
 * test_ckd_model.c - the reference-model test: random valid channel
 * programs (format a track, append, update data or key and data, erase)
 * run against a volume through the channel and against a trivial model
 * (a list of records per track, with its own copy of the 3330 capacity
 * rule); after each program the track image in the SQLite file must be
 * the model's, byte for byte.  A deliberately corrupted model must make
 * the comparison fail, or the test proves nothing.
 */
#include "ckdtest.h"

#define CYLS 2
#define HEADS 19
#define MAXREC 40

struct mrec { uint8_t r, kl; uint16_t dl; uint8_t bytes[2100]; };
struct mtrack { int n; struct mrec rec[MAXREC]; };     /* rec[0] is R0 */
struct model { struct mtrack trk[CYLS * HEADS]; bool corrupt; };

static uint32_t rnd_state;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

/* The 3330's rule, written out again: C + K + KL + DL <= 13165. */
static bool model_fits(const struct mtrack *t, unsigned kl, unsigned dl)
{
    unsigned used = 0;
    for (int i = 1; i < t->n; i++)
        used += 135 + (t->rec[i].kl ? 56 : 0) + t->rec[i].kl + t->rec[i].dl;
    return used + 135 + (kl ? 56 : 0) + kl + dl <= 13165;
}

static size_t model_image(const struct model *m, unsigned trk, uint8_t *buf)
{
    unsigned cc = trk / HEADS, hh = trk % HEADS;
    buf[0] = 0;
    trk_put16(buf + 1, cc);
    trk_put16(buf + 3, hh);
    size_t off = 5;
    const struct mtrack *t = &m->trk[trk];
    for (int i = 0; i < t->n; i++) {
        const struct mrec *r = &t->rec[i];
        trk_put16(buf + off, cc);
        trk_put16(buf + off + 2, hh);
        buf[off + 4] = r->r;
        buf[off + 5] = r->kl;
        trk_put16(buf + off + 6, r->dl);
        memcpy(buf + off + 8, r->bytes, (size_t)r->kl + r->dl);
        off += 8u + r->kl + r->dl;
    }
    memset(buf + off, 0xFF, 8);
    return off + 8;
}

/* Does the volume hold the model's track? */
static bool same_track(struct ckdt *t, const struct model *m, unsigned trk)
{
    static uint8_t a[DASD_MAX_TRACK], b[DASD_MAX_TRACK];
    size_t la, lb = model_image(m, trk, b);
    assert_int_equal(vol_read_track(ckd_volume(t->dev), trk, a, &la), 0);
    return la == lb && !memcmp(a, b, la);
}

static void fill(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)rnd(256);
}

/* One random program on a random track; the model does the same. */
static unsigned one_program(struct ckdt *t, struct model *m)
{
    unsigned trk = rnd(CYLS * HEADS), cc = trk / HEADS, hh = trk % HEADS;
    struct mtrack *mt = &m->trk[trk];
    unsigned op = rnd(4);
    uint32_t data = DATA;
    if (op == 0 || mt->n == 1) {
        /* Write CKD after a random record: 1-5 new records. */
        unsigned after = rnd((unsigned)mt->n);
        p_find(t, cc, hh, mt->rec[after].r);
        mt->n = (int)after + 1;
        unsigned k = 1 + rnd(5);
        for (unsigned i = 0; i < k && mt->n < MAXREC; i++) {
            unsigned kl = rnd(3) * 4, dl = 1 + rnd(2000);
            if (!model_fits(mt, kl, dl))
                break;
            struct mrec *r = &mt->rec[mt->n++];
            r->r = (uint8_t)(mt->rec[mt->n - 2].r + 1);
            r->kl = (uint8_t)kl;
            r->dl = (uint16_t)dl;
            fill(r->bytes, kl + dl);
            countarg(t, data, cc, hh, r->r, kl, dl);
            memcpy(t->m->mem + data + 8, r->bytes, kl + dl);
            ccw(t, 0x1D, data, CCW_CC, (uint16_t)(8 + kl + dl));
            data += (8 + kl + dl + 7) & ~7u;
        }
        ccw(t, 0x03, 0, CCW_SLI, 1);
    } else if (op == 1) {
        /* Write Data over a record. */
        struct mrec *r = &mt->rec[1 + rnd((unsigned)mt->n - 1)];
        p_find(t, cc, hh, r->r);
        fill(r->bytes + r->kl, r->dl);
        memcpy(t->m->mem + data, r->bytes + r->kl, r->dl);
        ccw(t, 0x05, data, 0, r->dl);
        if (m->corrupt && r->dl > 1)
            r->bytes[r->kl + r->dl - 1] ^= 0x01;   /* the model's mistake */
    } else if (op == 2) {
        /* Write Key and Data. */
        struct mrec *r = &mt->rec[1 + rnd((unsigned)mt->n - 1)];
        p_find(t, cc, hh, r->r);
        fill(r->bytes, (size_t)r->kl + r->dl);
        memcpy(t->m->mem + data, r->bytes, (size_t)r->kl + r->dl);
        ccw(t, 0x0D, data, 0, (uint16_t)(r->kl + r->dl));
    } else {
        /* Erase after a record. */
        unsigned after = rnd((unsigned)mt->n);
        p_find(t, cc, hh, mt->rec[after].r);
        countarg(t, data, 0, 0, 0, 0, 0);
        ccw(t, 0x11, data, 0, 8);
        mt->n = (int)after + 1;
    }
    assert_ok(run(t));
    return trk;
}

/* Run `programs` random programs; returns how many comparisons failed. */
static unsigned run_model(uint32_t seed, int programs, bool corrupt)
{
    static struct model m;
    memset(&m, 0, sizeof m);
    m.corrupt = corrupt;
    for (unsigned i = 0; i < CYLS * HEADS; i++) {
        m.trk[i].n = 1;
        m.trk[i].rec[0] = (struct mrec){.r = 0, .kl = 0, .dl = 8};
    }
    rnd_state = seed;
    struct ckdt *t = ckdt_new("3330", CYLS);
    assert_int_equal(vol_set_sync(ckd_volume(t->dev), VOL_FAST), 0); /* speed */
    unsigned bad = 0;
    for (int i = 0; i < programs; i++) {
        unsigned trk = one_program(t, &m);
        bad += !same_track(t, &m, trk);
    }
    for (unsigned i = 0; i < CYLS * HEADS; i++)
        bad += !same_track(t, &m, i);
    assert_int_equal(vol_check(ckd_volume(t->dev), stderr), 0);
    ckdt_free(t);
    return bad;
}

static void volume_matches_model(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 4; seed++)
        assert_int_equal(run_model(seed, 400, false), 0);
}

static void corrupted_model_is_caught(void **state)
{
    (void)state;
    assert_true(run_model(1, 400, true) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(volume_matches_model),
        cmocka_unit_test(corrupted_model_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
