/*
 * test_ckd_fault.c - fault injection behind the volume's storage methods
 * (struct vol_store_ops): every SQLite call of a channel program that
 * writes two tracks is made to fail in turn, with busy, I/O error and out
 * of memory.  Each failure must end the program with unit check and
 * equipment-check sense, never crash, and leave the file valid and as the
 * last committed program left it.
 */
#include <sqlite3.h>

#include "ckdtest.h"

struct fault {
    int countdown;  /* the call that fails (1 = the next); 0: none */
    int rc;
    bool fired;
};

static int fail_now(struct fault *f)
{
    if (f->countdown > 0 && --f->countdown == 0) {
        f->fired = true;
        return 1;
    }
    return 0;
}
static int f_step(void *ctx, sqlite3_stmt *st)
{
    struct fault *f = ctx;
    return fail_now(f) ? f->rc : sqlite3_step(st);
}
static int f_exec(void *ctx, sqlite3 *db, const char *sql)
{
    struct fault *f = ctx;
    return fail_now(f) ? f->rc : sqlite3_exec(db, sql, NULL, NULL, NULL);
}
static const struct vol_store_ops faulty = {.step = f_step, .exec = f_exec};

/* Data byte 0 of R1 on track 0/hh, or -1 if there is no R1. */
static int r1_byte(struct ckdt *t, unsigned hh)
{
    p_find(t, 0, hh, 1);
    ccw(t, 0x06, DATA + 0x1000, CCW_SLI, 16);
    struct ior r = run(t);
    if (r.unit & US_UC) {
        assert_int_equal(r.sense[1], CKD_S1_NRF);
        return -1;
    }
    return t->m->mem[DATA + 0x1000];
}

/* The program: update R1 of track 0/2, then write R1 on track 0/3. */
static struct ior two_track_program(struct ckdt *t)
{
    p_find(t, 0, 2, 1);
    memset(t->m->mem + DATA, 0x22, 16);
    t->m->mem[0x318] = CKD_MASK_W_ALL;
    ccw(t, 0x05, DATA, CCW_CC, 16);
    seekarg(t, 0x310, 0, 3);
    const uint8_t id[5] = {0, 0, 0, 3, 0};
    poke(t, 0x320, id, 5);
    ccw(t, 0x07, 0x310, CCW_CC, 6);
    uint32_t s = ccw(t, 0x31, 0x320, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
    countarg(t, DATA + 0x100, 0, 3, 1, 0, 16);
    memset(t->m->mem + DATA + 0x108, 0x33, 16);
    ccw(t, 0x1D, DATA + 0x100, 0, 24);
    return run(t);
}

static void inject(int rc)
{
    for (int n = 1;; n++) {
        struct ckdt *t = ckdt_new("3330", 1);
        assert_ok(write_rec(t, 0, 2, 1, 0, 16, 0x11));
        struct volume *v = ckd_volume(t->dev);
        struct fault f = {n, rc, false};
        vol_set_store(v, &faulty, &f);
        struct ior r = two_track_program(t);
        vol_set_store(v, NULL, NULL);
        if (!f.fired) {
            /* Every call has had its failure: the program now succeeds. */
            assert_ok(r);
            assert_int_equal(r1_byte(t, 2), 0x22);
            assert_int_equal(r1_byte(t, 3), 0x33);
            assert_true(n > 3);
            ckdt_free(t);
            return;
        }
        if (!(r.unit & US_UC) || r.sense[0] != SNS0_EQUIPCHK)
            fail_msg("call %d failing with %d: status %02X sense %02X", n, rc, r.unit, r.sense[0]);
        /* Nothing of the failed program is left; the device still works. */
        assert_int_equal(r1_byte(t, 2), 0x11);
        assert_int_equal(r1_byte(t, 3), -1);
        assert_int_equal(vol_check(v, stderr), 0);
        char path[96];
        strcpy(path, t->path);
        machine_free(t->m);
        t->m = NULL;
        char err[400];
        struct volume *v2 = vol_open(path, true, err, sizeof err);
        if (!v2)
            fail_msg("%s", err);
        assert_int_equal(vol_check(v2, stderr), 0);
        vol_close(v2);
        t->m = tm_new();
        ckdt_free(t);
    }
}

/*
 * Damaged track images in the file (written behind the device's back):
 * every command either works on a well-formed image or ends with unit
 * check, equipment check and invalid track format; nothing crashes.
 */
static void damaged_track_images(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    for (unsigned r = 1; r <= 4; r++)
        assert_ok(write_rec(t, 0, 1, r, 4, 30, (uint8_t)r));
    struct volume *v = ckd_volume(t->dev);
    static uint8_t good[DASD_MAX_TRACK], img[DASD_MAX_TRACK];
    size_t glen;
    assert_int_equal(vol_read_track(v, 1, good, &glen), 0);
    uint32_t seed = 7;
    for (int i = 0; i < 300; i++) {
        memcpy(img, good, glen);
        size_t len = glen;
        seed = seed * 1103515245u + 12345u;
        switch (seed >> 29) {
        case 0: len = (seed >> 8) % glen; break;                 /* cut short */
        case 1: len = glen + (seed >> 8) % 64; break;            /* trailing bytes */
        default:                                                 /* flipped bytes */
            for (int k = 0; k < 1 + (int)(seed >> 26 & 3); k++) {
                seed = seed * 1103515245u + 12345u;
                img[(seed >> 8) % glen] ^= (uint8_t)(1 + (seed >> 20) % 255);
            }
        }
        if (len < TRK_HA_LEN)
            len = TRK_HA_LEN;
        assert_int_equal(vol_write_track(v, 1, img, len), 0);
        assert_int_equal(vol_commit(v), 0);
        char why[200];
        bool valid = !trk_check(dasd_type_find("3330"), img, len, 0, 1, why, sizeof why);
        /* A fresh seek makes the device read the track again. */
        seekarg(t, 0x300, 0, 0);
        ccw(t, 0x07, 0x300, 0, 6);
        assert_ok(run(t));
        static const uint8_t cmds[] = {0x16, 0x5E, 0x12, 0x06, 0x1E, 0x1A};
        for (unsigned c = 0; c < sizeof cmds; c++) {
            seekarg(t, 0x300, 0, 1);
            ccw(t, 0x07, 0x300, CCW_CC, 6);
            ccw(t, cmds[c], DATA, CCW_SLI, 8000);
            struct ior r = run(t);
            if (!valid && cmds[c] != 0x1A && !(r.unit & US_UC))
                fail_msg("damaged image (%s) read with command %02X", why, cmds[c]);
            if (r.unit & US_UC)
                assert_true(r.sense[0] == SNS0_EQUIPCHK || r.sense[1] == CKD_S1_NRF ||
                            r.sense[1] == CKD_S1_EOC);
        }
        p_find(t, 0, 1, 3);
        ccw(t, 0x06, DATA, CCW_SLI, 8000);
        run(t);
    }
    ckdt_free(t);
}

static void busy(void **state) { (void)state; inject(SQLITE_BUSY); }
static void io_error(void **state) { (void)state; inject(SQLITE_IOERR); }
static void no_memory(void **state) { (void)state; inject(SQLITE_NOMEM); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(busy),
        cmocka_unit_test(io_error),
        cmocka_unit_test(no_memory),
        cmocka_unit_test(damaged_track_images),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
