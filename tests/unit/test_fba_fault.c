/*
 * test_fba_fault.c - fault injection behind the FBA volume's storage
 * methods (struct vol_store_ops): every SQLite call of a channel program
 * that writes two rows is made to fail in turn, with busy, I/O error and
 * out of memory.  Each failure must end the program with unit check and
 * equipment-check sense, never crash, leave nothing of the program in the
 * file, which checks clean, and the device must work on.
 */
#include <sqlite3.h>

#include "fbatest.h"

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

/* Byte 0 of block blk, read through the device. */
static int block_byte(struct ckdt *t, uint32_t blk)
{
    assert_ok(fba_read_blocks(t, blk, 1));
    return t->m->mem[DATA];
}

static void inject(int rc)
{
    for (int n = 1;; n++) {
        struct ckdt *t = ckdt_new("3370", 200);
        assert_ok(fba_write_blocks(t, 10, 1, 0x11));
        struct volume *v = fba_volume(t->dev);
        struct fault f = {n, rc, false};
        vol_set_store(v, &faulty, &f);
        /* Blocks 61-62 (the end of row 0, the start of row 1), then 150. */
        memset(t->m->mem + DATA, 0x22, 1024);
        memset(t->m->mem + DATA + 0x1000, 0x33, 512);
        dxarg(t, DXARG, FBA_MASK_ALLWRT, 0, 0, 199);
        lcarg(t, LCARG, FBA_OP_WRITE, 2, 61);
        lcarg(t, LCARG + 8, FBA_OP_WRITE, 1, 150);
        ccw(t, 0x63, DXARG, CCW_CC, 16);
        ccw(t, 0x43, LCARG, CCW_CC, 8);
        ccw(t, 0x41, DATA, CCW_CC, 1024);
        ccw(t, 0x43, LCARG + 8, CCW_CC, 8);
        ccw(t, 0x41, DATA + 0x1000, 0, 512);
        struct ior r = run(t);
        vol_set_store(v, NULL, NULL);
        if (!f.fired) {
            assert_ok(r);
            assert_int_equal(block_byte(t, 62), 0x22);
            assert_int_equal(block_byte(t, 150), 0x33);
            assert_true(n > 3);
            ckdt_free(t);
            return;
        }
        if (!(r.unit & US_UC) || r.sense[0] != SNS0_EQUIPCHK)
            fail_msg("call %d failing with %d: status %02X sense %02X", n, rc, r.unit, r.sense[0]);
        assert_int_equal(block_byte(t, 10), 0x11);
        assert_int_equal(block_byte(t, 61), 0);
        assert_int_equal(block_byte(t, 62), 0);
        assert_int_equal(block_byte(t, 150), 0);
        assert_int_equal(vol_check(v, stderr), 0);
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
