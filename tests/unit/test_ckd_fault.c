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

static void busy(void **state) { (void)state; inject(SQLITE_BUSY); }
static void io_error(void **state) { (void)state; inject(SQLITE_IOERR); }
static void no_memory(void **state) { (void)state; inject(SQLITE_NOMEM); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(busy),
        cmocka_unit_test(io_error),
        cmocka_unit_test(no_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
