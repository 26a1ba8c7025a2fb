/*
 * test_fba_model.c - the FBA reference-model test: random valid channel
 * programs (Define Extent with a random origin and numbering, then one to
 * three Locate-Write or Locate-Read pairs of 1-40 blocks, short counts
 * among them) run against a 3370 volume through the channel and against
 * a plain array of blocks; after each program every row the program
 * touched must be, byte for byte, the model's, and every Read must have
 * given the model's bytes.  A deliberately corrupted model must make the
 * comparison fail.
 */
#include "fbatest.h"

#define NBLK 1000
#define BPG 62

static uint32_t rnd_state;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

static uint8_t model[NBLK][512];

/* Does row `row` of the volume hold the model's blocks? */
static bool same_row(struct ckdt *t, unsigned row)
{
    static uint8_t a[DASD_MAX_TRACK];
    size_t la;
    assert_int_equal(vol_read_track(fba_volume(t->dev), row, a, &la), 0);
    unsigned n = row * BPG + BPG <= NBLK ? BPG : NBLK - row * BPG;
    return la == (size_t)n * 512 && !memcmp(a, model[row * BPG], la);
}

/* One random program; returns how many of its reads differed from the
   model and sets touched[] for the rows it wrote. */
static unsigned one_program(struct ckdt *t, bool corrupt, bool *touched)
{
    uint32_t origin = rnd(NBLK), size = 1 + rnd(NBLK - origin), first = rnd(1u << 20);
    dxarg(t, DXARG, FBA_MASK_ALLWRT, origin, first, first + size - 1);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    unsigned pairs = 1 + rnd(3), bad = 0;
    static uint8_t expect[3][40 * 512];
    struct { uint32_t addr, count; } reads[3];
    unsigned nreads = 0;
    uint32_t data = DATA;
    for (unsigned p = 0; p < pairs; p++) {
        uint32_t n = 1 + rnd(size < 40 ? size : 40);
        uint32_t blk = first + rnd(size - n + 1), dev = origin + (blk - first);
        bool write = rnd(3) != 0;
        uint32_t count = n * 512 - (rnd(4) == 0 ? rnd(n * 512) : 0);
        lcarg(t, LCARG + p * 8, write ? (rnd(2) ? FBA_OP_WRITE : FBA_OP_WRITEV) : FBA_OP_READ,
              (uint16_t)n, blk);
        ccw(t, 0x43, LCARG + p * 8, CCW_CC, 8);
        if (write) {
            for (uint32_t i = 0; i < count; i++)
                t->m->mem[data + i] = (uint8_t)rnd(256);
            for (uint32_t i = 0; i < n; i++) {
                uint32_t have = count > i * 512 ? count - i * 512 : 0;
                if (have > 512)
                    have = 512;
                memcpy(model[dev + i], t->m->mem + data + i * 512, have);
                memset(model[dev + i] + have, 0, 512 - have);
                touched[(dev + i) / BPG] = true;
            }
            if (corrupt)
                model[dev][0] ^= 1;     /* the model's mistake */
        } else {
            /* What the read must give: the model as the program stands
               here (earlier writes of the program done, later ones not). */
            memcpy(expect[nreads], model[dev], count);
            memset(t->m->mem + data, 0xEE, count);
            reads[nreads].addr = data;
            reads[nreads++].count = count;
        }
        ccw(t, write ? 0x41 : 0x42, data, (p + 1 < pairs ? CCW_CC : 0) | CCW_SLI, (uint16_t)count);
        data += (n * 512 + 7) & ~7u;
    }
    assert_ok(run(t));
    for (unsigned i = 0; i < nreads; i++)
        bad += memcmp(t->m->mem + reads[i].addr, expect[i], reads[i].count) != 0;
    return bad;
}

static unsigned run_model(uint32_t seed, int programs, bool corrupt)
{
    rnd_state = seed;
    memset(model, 0, sizeof model);
    struct ckdt *t = ckdt_new("3370", NBLK);
    assert_int_equal(vol_set_sync(fba_volume(t->dev), VOL_FAST), 0);
    unsigned bad = 0;
    for (int i = 0; i < programs; i++) {
        bool touched[NBLK / BPG + 1] = {false};
        bad += one_program(t, corrupt, touched);
        for (unsigned r = 0; r <= NBLK / BPG; r++)
            if (touched[r])
                bad += !same_row(t, r);
    }
    for (unsigned r = 0; r <= (NBLK - 1) / BPG; r++)
        bad += !same_row(t, r);
    assert_int_equal(vol_check(fba_volume(t->dev), stderr), 0);
    ckdt_free(t);
    return bad;
}

static void volume_matches_model(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 4; seed++)
        assert_int_equal(run_model(seed, 300, false), 0);
}

static void corrupted_model_is_caught(void **state)
{
    (void)state;
    assert_true(run_model(1, 300, true) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(volume_matches_model),
        cmocka_unit_test(corrupted_model_is_caught),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
