/*
 * test_fba_fault.c - fault injection behind the FBA volume's storage
 * methods (struct vol_store_ops): every SQLite call of a channel program
 * that writes two rows is made to fail in turn, with busy, I/O error and
 * out of memory.  Each failure must end the program with unit check and
 * equipment-check sense, never crash, leave nothing of the program in the
 * file, which checks clean, and the device must work on: at once after
 * busy or out of memory, and after an I/O error once it has been not
 * ready (intervention required, nothing moved) and opened its file again.
 */
#include "fbatest.h"
#include "sqlfault.h"

static const struct vol_store_ops faulty = {.step = f_step, .exec = f_exec};

/* Byte 0 of block blk, read through the device. */
static int block_byte(struct ckdt *t, uint32_t blk)
{
    assert_ok(fba_read_blocks(t, blk, 1));
    return t->m->mem[DATA];
}

/* Is the device ready (its volume open)? */
static bool ready(struct ckdt *t) { return fba_volume(t->dev) != NULL; }

/* Read block blk to DATA: unit check with intervention required, nothing
   read. */
static void refused(struct ckdt *t, uint32_t blk)
{
    struct ior r = fba_read_blocks(t, blk, 1);
    assert_uc(r, SNS0_INTREQ, 0);
    assert_int_equal(r.ccw, PROG + 8);
    assert_true(data_is(t, 0, 512, 0xEE));
}

/* The program: blocks 61-62 (the end of row 0, the start of row 1) of
   X'22', then block 150 of X'33'. */
static struct ior two_row_program(struct ckdt *t)
{
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
    return run(t);
}

static void inject(int rc)
{
    bool lasts = rc == SQLITE_IOERR;
    for (int n = 1;; n++) {
        struct ckdt *t = ckdt_new("3370", 200);
        assert_ok(fba_write_blocks(t, 10, 1, 0x11));
        struct volume *v = fba_volume(t->dev);
        struct fault f = {n, rc, false};
        vol_set_store(v, &faulty, &f);
        struct ior r = two_row_program(t);
        if (!f.fired) {
            vol_set_store(v, NULL, NULL);
            assert_ok(r);
            assert_int_equal(block_byte(t, 62), 0x22);
            assert_int_equal(block_byte(t, 150), 0x33);
            assert_true(n > 3);
            ckdt_free(t);
            return;
        }
        if (!(r.unit & US_UC) || r.sense[0] != SNS0_EQUIPCHK)
            fail_msg("call %d failing with %d: status %02X sense %02X", n, rc, r.unit, r.sense[0]);
        if (lasts) {
            /* Not ready (the volume, with the fault, is closed): the next
               program is refused; then the file may open again at once. */
            if (ready(t))
                fail_msg("call %d failing with %d: the device is still ready", n, rc);
            refused(t, 10);
            dasd_unit(t->dev)->retry_ms = 0;
        } else {
            if (fba_volume(t->dev) != v)
                fail_msg("call %d failing with %d: the device is not ready", n, rc);
            vol_set_store(v, NULL, NULL);
        }
        assert_int_equal(block_byte(t, 10), 0x11);
        assert_true(ready(t));
        v = fba_volume(t->dev);
        assert_int_equal(block_byte(t, 61), 0);
        assert_int_equal(block_byte(t, 62), 0);
        assert_int_equal(block_byte(t, 150), 0);
        assert_int_equal(vol_check(v, stderr), 0);
        ckdt_free(t);
    }
}

/*
 * An I/O error: that program ends with equipment check; then the device
 * is not ready (every command but Sense and Sense ID: intervention
 * required at the first CCW, nothing read or written; one message).  With
 * the retry interval made 0 the next program opens the file again (one
 * message) and finds the last committed program's blocks.
 */
static void not_ready(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 200);
    assert_ok(fba_write_blocks(t, 10, 1, 0x11));
    struct caught c = catch_stderr();
    struct fault f = {1, SQLITE_IOERR, false};
    vol_set_store(fba_volume(t->dev), &faulty, &f);
    assert_uc(two_row_program(t), SNS0_EQUIPCHK, 0);
    assert_true(f.fired);
    assert_false(ready(t));
    refused(t, 10);
    refused(t, 150);
    assert_uc(two_row_program(t), SNS0_INTREQ, 0);
    assert_uc(fba_write_blocks(t, 10, 1, 0x44), SNS0_INTREQ, 0);
    /* NOP, Read Device Characteristics, Read IPL */
    static const uint8_t cmds[] = {0x03, 0x64, 0x02};
    for (unsigned i = 0; i < sizeof cmds; i++) {
        memset(t->m->mem + DATA, 0xEE, 512);
        ccw(t, cmds[i], DATA, CCW_SLI, 512);
        assert_uc(run(t), SNS0_INTREQ, 0);
        assert_true(data_is(t, 0, 512, 0xEE));
    }
    ccw(t, 0x04, DATA + 0x1000, 0, 24);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 0x1000], SNS0_INTREQ);
    uint8_t id[7];
    unsigned idlen = dasd_sense_id(dasd_type_find("3370"), id);
    assert_true(idlen >= 4);
    ccw(t, 0xE4, DATA + 0x1100, CCW_SLI, 7);
    assert_ok(run(t));
    assert_memory_equal(t->m->mem + DATA + 0x1100, id, idlen < 7 ? idlen : 7);
    char *out = caught_stderr(c);
    assert_int_equal(occurs(out, "DASD 190 not ready: "), 1);
    assert_int_equal(occurs(out, t->path), 1);
    assert_int_equal(occurs(out, "DASD 190 ready"), 0);
    free(out);

    c = catch_stderr();
    dasd_unit(t->dev)->retry_ms = 0;
    assert_int_equal(block_byte(t, 10), 0x11);
    assert_true(ready(t));
    assert_int_equal(block_byte(t, 62), 0);
    assert_int_equal(block_byte(t, 150), 0);
    out = caught_stderr(c);
    assert_int_equal(occurs(out, "DASD 190 ready: "), 1);
    assert_int_equal(occurs(out, "not ready"), 0);
    free(out);
    assert_int_equal(vol_check(fba_volume(t->dev), stderr), 0);
    assert_ok(two_row_program(t));
    assert_int_equal(block_byte(t, 62), 0x22);
    assert_int_equal(block_byte(t, 150), 0x33);
    ckdt_free(t);
}

/* Busy, locked, out of memory: equipment check, and the device stays
   ready on the same volume. */
static void passing_failures_keep_it_ready(void **state)
{
    (void)state;
    static const int rcs[] = {SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM};
    for (unsigned i = 0; i < sizeof rcs / sizeof rcs[0]; i++) {
        struct ckdt *t = ckdt_new("3370", 200);
        assert_ok(fba_write_blocks(t, 10, 1, 0x11));
        struct volume *v = fba_volume(t->dev);
        struct caught c = catch_stderr();
        struct fault f = {1, rcs[i], false};
        vol_set_store(v, &faulty, &f);
        assert_uc(two_row_program(t), SNS0_EQUIPCHK, 0);
        assert_true(f.fired);
        assert_ptr_equal(fba_volume(t->dev), v);
        vol_set_store(v, NULL, NULL);
        assert_int_equal(block_byte(t, 10), 0x11);
        assert_ok(two_row_program(t));
        assert_int_equal(block_byte(t, 150), 0x33);
        char *out = caught_stderr(c);
        assert_int_equal(occurs(out, "DASD 190: "), 1);
        assert_int_equal(occurs(out, "ready"), 0);
        free(out);
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
        cmocka_unit_test(not_ready),
        cmocka_unit_test(passing_failures_keep_it_ready),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
