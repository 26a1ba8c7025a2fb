/*
 * test_ckd_fault.c - fault injection behind the volume's storage methods
 * (struct vol_store_ops): every SQLite call of a channel program that
 * writes two tracks is made to fail in turn, with busy, I/O error and out
 * of memory.  Each failure must end the program with unit check and
 * equipment-check sense, never crash, and leave the file valid and as the
 * last committed program left it.  An I/O error lasts: the device is then
 * not ready (intervention required, nothing moved, Sense and Sense ID
 * still work, one message) until its file opens again, a second later or
 * at the operator's devinit; busy, locked and out of memory leave it
 * ready.
 */
#include <stdio.h>

#include "ckdtest.h"
#include "opcons.h"
#include "sqlfault.h"

static const struct vol_store_ops faulty = {.step = f_step, .exec = f_exec};

/* Is the device ready (its volume open)? */
static bool ready(struct ckdt *t) { return ckd_volume(t->dev) != NULL; }

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

/* Read R1 of track 0/hh into DATA+0x1000 (16 bytes of X'EE' before). */
static struct ior read_r1(struct ckdt *t, unsigned hh)
{
    memset(t->m->mem + DATA + 0x1000, 0xEE, 16);
    p_find(t, 0, hh, 1);
    ccw(t, 0x06, DATA + 0x1000, CCW_SLI, 16);
    return run(t);
}

/* Are the 16 bytes read_r1() reads into still X'EE'? */
static bool nothing_read(struct ckdt *t)
{
    for (int i = 0; i < 16; i++)
        if (t->m->mem[DATA + 0x1000 + i] != 0xEE)
            return false;
    return true;
}

/* Make the device not ready: the first call of a program that writes
   fails with an I/O error; the program ends with equipment check. */
static void fail_for_good(struct ckdt *t)
{
    struct fault f = {1, SQLITE_IOERR, false};
    vol_set_store(ckd_volume(t->dev), &faulty, &f);
    struct ior r = two_track_program(t);
    assert_true(f.fired);
    assert_uc(r, SNS0_EQUIPCHK, 0);
    assert_false(ready(t));
}

static void inject(int rc)
{
    bool lasts = rc == SQLITE_IOERR;
    for (int n = 1;; n++) {
        struct ckdt *t = ckdt_new("3330", 1);
        assert_ok(write_rec(t, 0, 2, 1, 0, 16, 0x11));
        struct volume *v = ckd_volume(t->dev);
        struct fault f = {n, rc, false};
        vol_set_store(v, &faulty, &f);
        struct ior r = two_track_program(t);
        if (!f.fired) {
            vol_set_store(v, NULL, NULL);
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
        if (lasts) {
            /* The device is not ready (the volume, with the fault, is
               closed) and refuses the next program; then it may open
               its file again at once. */
            if (ready(t))
                fail_msg("call %d failing with %d: the device is still ready", n, rc);
            assert_uc(read_r1(t, 2), SNS0_INTREQ, 0);
            assert_true(nothing_read(t));
            dasd_unit(t->dev)->retry_ms = 0;
        } else {
            if (ckd_volume(t->dev) != v)
                fail_msg("call %d failing with %d: the device is not ready", n, rc);
            vol_set_store(v, NULL, NULL);
        }
        /* Nothing of the failed program is left; the device (again) works. */
        assert_int_equal(r1_byte(t, 2), 0x11);
        assert_true(ready(t));
        assert_int_equal(r1_byte(t, 3), -1);
        v = ckd_volume(t->dev);
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

/*
 * An I/O error: that program ends with equipment check, and the device is
 * not ready: every later command but Sense and Sense ID ends with unit
 * check and intervention required, at its first CCW, moving nothing;
 * one message says so, naming the device and the file.  A second later
 * the next program opens the file again: one message, and the volume is
 * as the last committed program left it.
 */
static void not_ready(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    assert_ok(write_rec(t, 0, 2, 1, 0, 16, 0x11));
    struct caught c = catch_stderr();
    fail_for_good(t);
    for (int i = 0; i < 3; i++) {
        struct ior r = read_r1(t, 2);
        assert_uc(r, SNS0_INTREQ, 0);
        assert_int_equal(r.ccw, PROG + 8);
        assert_int_equal(r.count, 6);
        assert_true(nothing_read(t));
    }
    assert_uc(two_track_program(t), SNS0_INTREQ, 0);
    /* NOP, Read Device Characteristics, Recalibrate, Read IPL, Read HA,
       Write Data (Read Device Characteristics too: see dasd/README.md) */
    static const uint8_t refused[] = {0x03, 0x64, 0x13, 0x02, 0x1A, 0x05};
    for (unsigned i = 0; i < sizeof refused; i++) {
        ccw(t, refused[i], DATA + 0x1000, CCW_SLI, 16);
        assert_uc(run(t), SNS0_INTREQ, 0);
        assert_true(nothing_read(t));
    }
    ccw(t, 0xFF, DATA + 0x1000, CCW_SLI, 16);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    assert_uc(read_r1(t, 2), SNS0_INTREQ, 0);
    /* Sense: the intervention required of the last command. */
    memset(t->m->mem + DATA + 0x1100, 0xEE, 24);
    ccw(t, 0x04, DATA + 0x1100, 0, 24);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 0x1100], SNS0_INTREQ);
    assert_int_equal(t->m->mem[DATA + 0x1101], 0);
    /* Sense ID: the device's identification as when it was ready. */
    uint8_t id[7];
    unsigned idlen = dasd_sense_id(dasd_type_find("3330"), id);
    assert_true(idlen >= 4);
    ccw(t, 0xE4, DATA + 0x1200, CCW_SLI, 7);
    assert_ok(run(t));
    assert_memory_equal(t->m->mem + DATA + 0x1200, id, idlen < 7 ? idlen : 7);
    char *out = caught_stderr(c);
    assert_int_equal(occurs(out, "DASD 190 not ready: "), 1);
    assert_int_equal(occurs(out, t->path), 1);
    assert_int_equal(occurs(out, "I/O error"), 1);
    assert_int_equal(occurs(out, "DASD 190 ready"), 0);
    free(out);

    /* The retry interval (a second) passes: the next program opens the
       file again and runs. */
    c = catch_stderr();
    usleep(1100 * 1000);
    struct ior r = read_r1(t, 2);
    assert_ok(r);
    assert_true(ready(t));
    assert_int_equal(t->m->mem[DATA + 0x1000], 0x11);
    assert_int_equal(r1_byte(t, 3), -1);
    out = caught_stderr(c);
    assert_int_equal(occurs(out, "DASD 190 ready: "), 1);
    assert_int_equal(occurs(out, t->path), 1);
    assert_int_equal(occurs(out, "not ready"), 0);
    free(out);
    assert_int_equal(vol_check(ckd_volume(t->dev), stderr), 0);
    assert_ok(two_track_program(t));
    assert_int_equal(r1_byte(t, 2), 0x22);
    assert_int_equal(r1_byte(t, 3), 0x33);
    ckdt_free(t);
}

/* Busy, locked, out of memory: equipment check for that program (one
   message), and the device stays ready on the same volume. */
static void passing_failures_keep_it_ready(void **state)
{
    (void)state;
    static const int rcs[] = {SQLITE_BUSY, SQLITE_LOCKED, SQLITE_NOMEM};
    for (unsigned i = 0; i < sizeof rcs / sizeof rcs[0]; i++) {
        struct ckdt *t = ckdt_new("3330", 1);
        assert_ok(write_rec(t, 0, 2, 1, 0, 16, 0x11));
        struct volume *v = ckd_volume(t->dev);
        struct caught c = catch_stderr();
        struct fault f = {1, rcs[i], false};
        vol_set_store(v, &faulty, &f);
        assert_uc(two_track_program(t), SNS0_EQUIPCHK, 0);
        assert_true(f.fired);
        assert_ptr_equal(ckd_volume(t->dev), v);
        vol_set_store(v, NULL, NULL);
        assert_int_equal(r1_byte(t, 2), 0x11);
        assert_ok(two_track_program(t));
        assert_int_equal(r1_byte(t, 3), 0x33);
        char *out = caught_stderr(c);
        assert_int_equal(occurs(out, "DASD 190: "), 1);
        assert_int_equal(occurs(out, "ready"), 0);
        free(out);
        ckdt_free(t);
    }
}

/* Run one operator command; its output (malloc'd). */
static char *operator(struct ckdt *t, const char *cmd, int want_rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    int rc = opcons_exec(t->m, cmd, f);
    fclose(f);
    if (rc != want_rc)
        fail_msg("'%s' gave %d: %s", cmd, rc, buf);
    return buf;
}

/*
 * Opening again: a file that is gone, or that is now a volume of another
 * size, leaves the device not ready (the operator's devinit says why);
 * the right file back, devinit makes the device ready at once and it
 * presents device end.  A ready device's devinit changes nothing.
 */
static void devinit(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    assert_ok(write_rec(t, 0, 2, 1, 0, 16, 0x11));
    fail_for_good(t);
    char away[128], msg[400];
    snprintf(away, sizeof away, "%s.away", t->path);
    assert_int_equal(rename(t->path, away), 0);
    assert_int_equal(dasd_devinit(t->dev, msg, sizeof msg), -1);
    assert_non_null(strstr(msg, "No such file"));
    char *out = operator(t, "devinit 190", OPCONS_ERROR);
    assert_non_null(strstr(out, "190 not ready: "));
    free(out);
    char err[400];
    if (vol_create(t->path, dasd_type_find("3330"), 2, "OTHER1", VOL_DURABLE, NULL, NULL, err, sizeof err))
        fail_msg("%s", err);
    dasd_unit(t->dev)->retry_ms = 0;
    assert_uc(read_r1(t, 2), SNS0_INTREQ, 0);
    assert_false(ready(t));
    assert_non_null(strstr(dasd_unit(t->dev)->why, "a 3330 of 2 cylinders now, not the 3330 of 1"));
    out = operator(t, "devlist", OPCONS_OK);
    assert_non_null(strstr(out, "190 CKD    idle, not ready"));
    free(out);
    assert_int_equal(unlink(t->path), 0);
    assert_int_equal(rename(away, t->path), 0);
    dasd_unit(t->dev)->retry_ms = DASD_RETRY_MS;
    out = operator(t, "devinit 190", OPCONS_OK);
    assert_non_null(strstr(out, "190 ready again"));
    free(out);
    assert_true(ready(t));
    assert_true(t->dev->ch.status_pending);
    assert_int_equal(chan_tio(t->m, CUU), 1);
    assert_int_equal(t->m->mem[68], US_DE);
    out = operator(t, "devinit 190", OPCONS_OK);
    assert_non_null(strstr(out, "190 ready"));
    free(out);
    assert_false(t->dev->ch.status_pending);
    assert_int_equal(r1_byte(t, 2), 0x11);
    out = operator(t, "devinit 009", OPCONS_ERROR);
    assert_non_null(strstr(out, "009 is not a DASD"));
    free(out);
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
        cmocka_unit_test(not_ready),
        cmocka_unit_test(passing_failures_keep_it_ready),
        cmocka_unit_test(devinit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
