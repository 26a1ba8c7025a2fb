/*
 * test_ckd.c - the CKD device through real channel programs: seeks,
 * searches with their TIC loops, reads and writes of every kind, erase,
 * file mask, sense, sense ID, device characteristics, IPL, and the error
 * paths (command reject, no record found, end of cylinder, invalid track
 * format, seek check, file protected, write inhibited).
 */
#include "ckdtest.h"

/* --- geometry ----------------------------------------------------------- */

static void records_per_track(void **state)
{
    (void)state;
    /* IBM's tables: 4K blocks per track, and one full-track record. */
    assert_int_equal(dasd_records_per_track(dasd_type_find("2314"), 0, 4096), 1);
    assert_int_equal(dasd_records_per_track(dasd_type_find("3330"), 0, 4096), 3);
    assert_int_equal(dasd_records_per_track(dasd_type_find("3340"), 0, 4096), 2);
    assert_int_equal(dasd_records_per_track(dasd_type_find("3350"), 0, 4096), 4);
    assert_int_equal(dasd_records_per_track(dasd_type_find("3380"), 0, 4096), 10);
    for (unsigned i = 0; dasd_type_at(i); i++) {
        const struct dasd_type *ty = dasd_type_at(i);
        if (ty->fba)
            continue;
        assert_int_equal(dasd_records_per_track(ty, 0, ty->r1max), 1);
        assert_int_equal(dasd_records_per_track(ty, 0, ty->r1max + 1), 0);
    }
}

static void sense_id_and_rdc(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330-11", 2);
    ccw(t, 0xE4, DATA, CCW_SLI, 7);
    assert_ok(run(t));
    const uint8_t want[7] = {0xFF, 0x38, 0x30, 0x02, 0x33, 0x30, 0x11};
    assert_memory_equal(t->m->mem + DATA, want, 7);
    ccw(t, 0x64, DATA, 0, 64);
    assert_uc(run(t), SNS0_CMDREJ, 0);      /* no RDC behind a 3830 */
    /* Sense gives 24 bytes and command reject. */
    ccw(t, 0x64, DATA, CCW_CC, 64);
    ccw(t, 0x04, DATA, 0, 24);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ccw(t, 0x04, DATA, 0, 24);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], SNS0_CMDREJ);
    ccw(t, 0x04, DATA, 0, 24);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0);   /* sense reset after reading */
    ckdt_free(t);

    t = ckdt_new("3380", 3);
    ccw(t, 0x64, DATA, 0, 64);
    assert_ok(run(t));
    uint8_t *d = t->m->mem + DATA;
    assert_int_equal(be16(d), 0x3880);
    assert_int_equal(be16(d + 3), 0x3380);
    assert_int_equal(be16(d + 12), 3);
    assert_int_equal(be16(d + 14), 15);
    assert_int_equal(be16(d + 18), 47968);
    ckdt_free(t);

    t = ckdt_new("2314", 2);
    ccw(t, 0xE4, DATA, CCW_SLI, 7);
    assert_uc(run(t), SNS0_CMDREJ, 0);      /* the 2314 has no Sense ID */
    ccw(t, 0x04, DATA, CCW_SLI, 24);
    struct ior r = run(t);
    assert_ok(r);
    assert_int_equal(r.count, 24 - 6);      /* 6 sense bytes */
    ccw(t, 0x23, DATA, 0, 1);
    assert_uc(run(t), SNS0_CMDREJ, 0);      /* nor rotational position sensing */
    ckdt_free(t);
}

/* --- seek ------------------------------------------------------------------ */

static void seeks(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 10);
    seekarg(t, 0x300, 9, 18);
    ccw(t, 0x07, 0x300, 0, 6);
    assert_ok(run(t));
    seekarg(t, 0x300, 411, 0);              /* no such cylinder on a 3330 */
    ccw(t, 0x07, 0x300, 0, 6);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    seekarg(t, 0x300, 404, 0);              /* an alternate cylinder: the volume lacks it */
    ccw(t, 0x07, 0x300, 0, 6);
    assert_uc(run(t), CKD_S0_SEEKCHK, 0);
    seekarg(t, 0x300, 0, 19);               /* no such head */
    ccw(t, 0x07, 0x300, 0, 6);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    seekarg(t, 0x300, 10, 0);               /* a 3330 has it, the volume not */
    ccw(t, 0x07, 0x300, 0, 6);
    assert_uc(run(t), CKD_S0_SEEKCHK, 0);
    t->m->mem[0x300] = 1;                   /* BB must be zero */
    ccw(t, 0x07, 0x300, 0, 6);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    seekarg(t, 0x300, 0, 0);
    ccw(t, 0x07, 0x300, 0, 4);              /* short argument */
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* Seek Head keeps the cylinder; Read HA shows where we are. */
    seekarg(t, 0x300, 5, 1);
    seekarg(t, 0x310, 0, 7);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1B, 0x310, CCW_CC, 6);
    ccw(t, 0x1A, DATA, 0, 5);
    assert_ok(run(t));
    const uint8_t ha[5] = {0, 0, 5, 0, 7};
    assert_memory_equal(t->m->mem + DATA, ha, 5);
    /* Seek Cylinder and Recalibrate. */
    seekarg(t, 0x300, 3, 2);
    ccw(t, 0x0B, 0x300, CCW_CC, 6);
    ccw(t, 0x1A, DATA, 0, 5);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 2], 3);
    ccw(t, 0x13, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x1A, DATA, 0, 5);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 2], 0);
    assert_int_equal(t->m->mem[DATA + 4], 0);
    /* Invalid command code. */
    ccw(t, 0xFD, DATA, 0, 1);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* Set Sector and Read Sector. */
    t->m->mem[0x300] = 200;
    ccw(t, 0x23, 0x300, 0, 1);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    t->m->mem[0x300] = 10;
    ccw(t, 0x23, 0x300, CCW_CC, 1);
    ccw(t, 0x22, DATA, 0, 1);
    assert_ok(run(t));
    ckdt_free(t);
}

/* --- reads and writes --------------------------------------------------------- */

static void read_r0_and_ha(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3350", 2);
    seekarg(t, 0x300, 1, 4);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x16, DATA, 0, 16);
    assert_ok(run(t));
    const uint8_t r0[16] = {0, 1, 0, 4, 0, 0, 0, 8};
    assert_memory_equal(t->m->mem + DATA, r0, 16);
    ckdt_free(t);
}

static void write_and_read_records(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 2);
    assert_ok(write_rec(t, 1, 3, 1, 4, 80, 0xA1));
    assert_ok(write_rec(t, 1, 3, 2, 0, 100, 0xA2));
    assert_ok(write_rec(t, 1, 3, 3, 8, 20, 0xA3));
    /* Read Data of R2 after its search. */
    p_find(t, 1, 3, 2);
    ccw(t, 0x06, DATA, 0, 100);
    memset(t->m->mem + DATA, 0, 200);
    assert_ok(run(t));
    for (int i = 0; i < 100; i++)
        assert_int_equal(t->m->mem[DATA + i], 0xA2);
    /* Read KD of R1, Read Count (R2's), Read CKD (R3) chained on. */
    p_find(t, 1, 3, 1);
    ccw(t, 0x0E, DATA, CCW_CC, 84);
    ccw(t, 0x12, DATA + 100, CCW_CC, 8);
    ccw(t, 0x1E, DATA + 200, 0, 36);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0xA1);
    assert_int_equal(t->m->mem[DATA + 83], 0xA1);
    const uint8_t c2[8] = {0, 1, 0, 3, 2, 0, 0, 100};
    assert_memory_equal(t->m->mem + DATA + 100, c2, 8);
    const uint8_t c3[8] = {0, 1, 0, 3, 3, 8, 0, 20};
    assert_memory_equal(t->m->mem + DATA + 200, c3, 8);
    assert_int_equal(t->m->mem[DATA + 235], 0xA3);
    /* Read Count from the index passes over R0. */
    seekarg(t, 0x300, 1, 3);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x12, DATA, 0, 8);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 4], 1);
    /* Incorrect length: a short read without SLI. */
    p_find(t, 1, 3, 2);
    ccw(t, 0x06, DATA, 0, 50);
    struct ior r = run(t);
    assert_int_equal(r.chan, CS_IL);
    /* Read Multiple CKD: R1-R3 as count, key, data. */
    seekarg(t, 0x300, 1, 3);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x5E, DATA, CCW_SLI, 1000);
    r = run(t);
    assert_ok(r);
    assert_int_equal(r.count, 1000 - (8 + 84 + 8 + 100 + 8 + 28));
    /* Write Data over R2 (after its search). */
    p_find(t, 1, 3, 2);
    memset(t->m->mem + DATA, 0x55, 100);
    ccw(t, 0x05, DATA, 0, 100);
    assert_ok(run(t));
    p_find(t, 1, 3, 2);
    ccw(t, 0x06, DATA + 200, 0, 100);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 299], 0x55);
    /* Write KD over R3 with a short count: the rest becomes zeros. */
    p_find(t, 1, 3, 3);
    memset(t->m->mem + DATA, 0x66, 28);
    ccw(t, 0x0D, DATA, CCW_SLI, 10);
    assert_ok(run(t));
    p_find(t, 1, 3, 3);
    ccw(t, 0x0E, DATA + 200, 0, 28);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 209], 0x66);
    assert_int_equal(t->m->mem[DATA + 210], 0);
    ckdt_free(t);
}

static void write_needs_orientation(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 2);
    seekarg(t, 0x300, 0, 1);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x05, DATA, 0, 8);               /* Write Data without a search */
    assert_uc(run(t), SNS0_CMDREJ, 0);
    seekarg(t, 0x300, 0, 1);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    countarg(t, DATA, 0, 1, 1, 0, 8);
    ccw(t, 0x1D, DATA, 0, 16);              /* Write CKD without a search */
    assert_uc(run(t), SNS0_CMDREJ, 0);
    seekarg(t, 0x300, 0, 1);
    t->m->mem[0x310] = CKD_MASK_W_ALL;
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x15, DATA, 0, 16);              /* Write R0 without Search HA */
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* Search ID High met is no licence to write. */
    seekarg(t, 0x300, 0, 1);
    const uint8_t id[5] = {0, 0, 0, 0, 0};
    poke(t, 0x308, id, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x51, 0x308, CCW_CC, 5);
    ccw(t, 0x08, 0, 0, 0);                  /* (skipped) */
    ccw(t, 0x05, DATA, 0, 8);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ckdt_free(t);
}

static void searches(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 2);
    for (unsigned r = 1; r <= 5; r++)
        assert_ok(write_rec(t, 0, 2, r, 4, 16, (uint8_t)(0x10 * r)));
    /* Search ID High on R2 finds R3; Equal-or-High on R3 finds R3. */
    seekarg(t, 0x300, 0, 2);
    const uint8_t id2[5] = {0, 0, 0, 2, 2}, id3[5] = {0, 0, 0, 2, 3};
    poke(t, 0x308, id2, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    uint32_t s = ccw(t, 0x51, 0x308, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 16);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x30);
    poke(t, 0x308, id3, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    s = ccw(t, 0x71, 0x308, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 16);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x30);
    /* Search Key Equal on R4's key (all bytes 0x40), then Read Data. */
    memset(t->m->mem + 0x310, 0x40, 4);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    s = ccw(t, 0x29, 0x310, CCW_CC, 4);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 16);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x40);
    /* Search Key High than 0x3F3F3F3F finds R4; Write Data after a key
       search equal works, after high it does not. */
    memset(t->m->mem + 0x310, 0x3F, 4);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    s = ccw(t, 0x49, 0x310, CCW_CC, 4);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 16);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x40);
    memset(t->m->mem + 0x310, 0x50, 4);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    s = ccw(t, 0x69, 0x310, CCW_CC, 4);     /* Equal or High: R5 */
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x05, DATA, 0, 16);
    assert_ok(run(t));
    /* No record found: two index points passed. */
    const uint8_t id9[5] = {0, 0, 0, 2, 9};
    poke(t, 0x308, id9, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    s = ccw(t, 0x31, 0x308, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 16);
    assert_uc(run(t), 0, CKD_S1_NRF);
    /* Search HA. */
    const uint8_t ha[4] = {0, 0, 0, 2}, bad[4] = {0, 0, 0, 3};
    poke(t, 0x320, ha, 4);
    poke(t, 0x328, bad, 4);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x39, 0x320, CCW_CC, 4);
    ccw(t, 0x08, 0, 0, 0);                  /* skipped by SM */
    ccw(t, 0x16, DATA, 0, 16);              /* Read R0 */
    assert_ok(run(t));
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x39, 0x328, CCW_CC, 4);
    ccw(t, 0x03, 0, 0, 1);                  /* not skipped: NOP ends it */
    struct ior r = run(t);
    assert_ok(r);
    assert_int_equal(r.ccw, PROG + 24);
    ckdt_free(t);
}

static void multitrack(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 2);
    assert_ok(write_rec(t, 1, 17, 1, 0, 30, 0x71));
    assert_ok(write_rec(t, 1, 18, 1, 0, 30, 0x81));
    /* Search ID Equal MT from head 16 finds R1 on head 18. */
    seekarg(t, 0x300, 1, 16);
    const uint8_t id[5] = {0, 1, 0, 18, 1};
    poke(t, 0x308, id, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    uint32_t s = ccw(t, 0xB1, 0x308, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 30);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x81);
    /* Read Data MT from head 17: R1 of 17, then R1 of 18, then the end
       of the cylinder. */
    seekarg(t, 0x300, 1, 17);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x86, DATA, CCW_CC, 30);
    ccw(t, 0x86, DATA + 30, CCW_CC, 30);
    ccw(t, 0x86, DATA + 60, 0, 30);
    assert_uc(run(t), 0, CKD_S1_EOC);
    assert_int_equal(t->m->mem[DATA], 0x71);
    assert_int_equal(t->m->mem[DATA + 30], 0x81);
    /* With the file mask inhibiting seeks, multitrack may not switch heads. */
    seekarg(t, 0x300, 1, 17);
    t->m->mem[0x310] = CKD_MASK_S_NONE;
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x86, DATA, CCW_CC, 30);
    ccw(t, 0x86, DATA + 30, 0, 30);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    ckdt_free(t);
}

/* The multitrack forms of Read HA, Read Multiple CKD and Search HA go to
   the next track once the current one has been started; past the last
   head they end with end of cylinder.  Search Key MT crosses tracks. */
static void multitrack_ha_and_mckd(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3340", 1);
    assert_ok(write_rec(t, 0, 10, 1, 4, 10, 0x10));
    assert_ok(write_rec(t, 0, 11, 1, 4, 10, 0x11));
    seekarg(t, 0x300, 0, 10);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1A, DATA, CCW_CC, 5);          /* HA of 10 */
    ccw(t, 0x9A, DATA + 8, CCW_CC, 5);      /* HA of 11 */
    ccw(t, 0xDE, DATA + 16, CCW_SLI, 100);  /* after its HA: 11's records */
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 4], 10);
    assert_int_equal(t->m->mem[DATA + 12], 11);
    assert_int_equal(t->m->mem[DATA + 16 + 3], 11);
    assert_int_equal(t->m->mem[DATA + 16 + 12], 0x11);
    ccw(t, 0x1A, DATA, CCW_CC, 5);
    ccw(t, 0x9A, DATA, 0, 5);               /* past the last head */
    assert_uc(run(t), 0, CKD_S1_EOC);
    /* Search Key Equal MT from head 10 finds the key on head 11. */
    memset(t->m->mem + 0x310, 0x11, 4);
    seekarg(t, 0x300, 0, 10);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    uint32_t s = ccw(t, 0xA9, 0x310, CCW_CC, 4);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 10);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x11);
    /* Search HA MT after reading R1 of head 10 compares head 11's HA. */
    const uint8_t ha11[4] = {0, 0, 0, 11};
    poke(t, 0x320, ha11, 4);
    p_find(t, 0, 10, 1);
    ccw(t, 0xB9, 0x320, CCW_CC, 4);
    ccw(t, 0x03, 0, 0, 1);                  /* skipped when met */
    ccw(t, 0x12, DATA, 0, 8);               /* R0's count... of head 11 */
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 3], 11);
    ckdt_free(t);
}

/* Formatting writes with bad arguments are rejected. */
static void format_errors(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    p_find(t, 0, 1, 0);
    ccw(t, 0x1D, DATA, 0, 6);               /* less than a count */
    assert_uc(run(t), SNS0_CMDREJ, 0);
    p_find(t, 0, 1, 0);
    memset(t->m->mem + DATA, 0xFF, 8);      /* a count like the end marker */
    ccw(t, 0x1D, DATA, 0, 8);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* Write R0 must write record 0. */
    const uint8_t ha[4] = {0, 0, 0, 1};
    poke(t, 0x320, ha, 4);
    t->m->mem[0x328] = CKD_MASK_W_ALL;
    seekarg(t, 0x300, 0, 1);
    countarg(t, DATA, 0, 1, 5, 0, 8);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1F, 0x328, CCW_CC, 1);
    ccw(t, 0x39, 0x320, CCW_CC, 4);
    ccw(t, 0x08, 0, 0, 0);
    ccw(t, 0x15, DATA, 0, 16);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* The track is still as formatted. */
    seekarg(t, 0x300, 0, 1);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x16, DATA, 0, 16);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 4], 0);
    ckdt_free(t);
}

static void capacity(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    const struct dasd_type *ty = dasd_type_find("3330");
    unsigned n = dasd_records_per_track(ty, 8, 1000);
    unsigned r;
    for (r = 1; r <= n; r++)
        assert_ok(write_rec(t, 0, 5, r, 8, 1000, (uint8_t)r));
    assert_uc(write_rec(t, 0, 5, r, 8, 1000, 0xEE), 0, CKD_S1_ITF);
    /* The track is as it was: R(n) is the last record. */
    p_find(t, 0, 5, n + 1);
    ccw(t, 0x12, DATA, 0, 8);
    assert_uc(run(t), 0, CKD_S1_NRF);
    /* A full-track record on an empty track fits; one byte more does not. */
    assert_ok(write_rec(t, 0, 6, 1, 0, ty->r1max, 1));
    assert_uc(write_rec(t, 0, 7, 1, 0, ty->r1max + 1, 1), 0, CKD_S1_ITF);
    ckdt_free(t);
}

static void erase_and_format(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3350", 1);
    for (unsigned r = 1; r <= 3; r++)
        assert_ok(write_rec(t, 0, 1, r, 0, 64, (uint8_t)r));
    /* Erase after R1: R2 and R3 go. */
    p_find(t, 0, 1, 1);
    countarg(t, DATA, 0, 0, 0, 0, 0);
    ccw(t, 0x11, DATA, 0, 8);
    assert_ok(run(t));
    p_find(t, 0, 1, 2);
    ccw(t, 0x06, DATA, 0, 64);
    assert_uc(run(t), 0, CKD_S1_NRF);
    /* Write HA erases the track; Write R0 after it puts R0 back. */
    seekarg(t, 0x300, 0, 1);
    const uint8_t ha[5] = {0, 0, 0, 0, 1}, wrongha[5] = {0, 0, 0, 0, 2};
    poke(t, 0x310, ha, 5);
    poke(t, 0x318, wrongha, 5);
    countarg(t, DATA, 0, 1, 0, 0, 8);
    memset(t->m->mem + DATA + 8, 0, 8);
    t->m->mem[0x320] = CKD_MASK_W_ALL;
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x19, 0x310, 0, 5);              /* inhibited by the default mask */
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1F, 0x320, CCW_CC, 1);
    ccw(t, 0x19, 0x318, 0, 5);              /* another track's HA */
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1F, 0x320, CCW_CC, 1);
    ccw(t, 0x19, 0x310, 0, 5);
    assert_ok(run(t));
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x16, DATA + 100, 0, 16);
    assert_uc(run(t), 0, CKD_S1_NRF);       /* no R0 now */
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x1F, 0x320, CCW_CC, 1);
    ccw(t, 0x39, 0x310 + 1, CCW_CC, 4);
    ccw(t, 0x08, 0, 0, 0);
    ccw(t, 0x15, DATA, CCW_CC, 16);         /* Write R0 */
    countarg(t, DATA + 16, 0, 1, 1, 0, 10);
    ccw(t, 0x1D, DATA + 16, 0, 18);         /* and R1 after it */
    assert_ok(run(t));
    p_find(t, 0, 1, 1);
    ccw(t, 0x12, DATA + 100, 0, 8);         /* past the end, round to R1 again */
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 104], 1);
    assert_int_equal(t->m->mem[DATA + 107], 10);
    p_find(t, 0, 1, 2);
    assert_uc(run(t), 0, CKD_S1_NRF);
    ckdt_free(t);
}

static void file_mask(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 2);
    assert_ok(write_rec(t, 0, 1, 1, 0, 8, 1));
    seekarg(t, 0x300, 0, 1);
    /* Inhibit all writes: Write Data is file protected. */
    t->m->mem[0x310] = CKD_MASK_W_NONE;
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    p_find(t, 0, 1, 1);
    ccw(t, 0x05, DATA, 0, 8);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    /* Permit update writes only: Write Data yes, Write CKD no. */
    t->m->mem[0x310] = CKD_MASK_W_UPDATE;
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    p_find(t, 0, 1, 1);
    ccw(t, 0x05, DATA, 0, 8);
    assert_ok(run(t));
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    p_find(t, 0, 1, 1);
    countarg(t, DATA, 0, 1, 2, 0, 8);
    ccw(t, 0x1D, DATA, 0, 16);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    /* Seek masks. */
    t->m->mem[0x310] = CKD_MASK_S_CYLHEAD;
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x07, 0x300, 0, 6);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x0B, 0x300, 0, 6);
    assert_ok(run(t));
    t->m->mem[0x310] = CKD_MASK_S_HEAD;
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x0B, 0x300, 0, 6);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x1B, 0x300, 0, 6);
    assert_ok(run(t));
    t->m->mem[0x310] = CKD_MASK_S_NONE;
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x13, 0, CCW_SLI, 1);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_FP);
    /* The mask lasts one program: the next may seek. */
    ccw(t, 0x07, 0x300, 0, 6);
    assert_ok(run(t));
    /* Two Set File Masks in a chain; reserved bits. */
    ccw(t, 0x1F, 0x310, CCW_CC, 1);
    ccw(t, 0x1F, 0x310, 0, 1);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    t->m->mem[0x310] = 0x01;
    ccw(t, 0x1F, 0x310, 0, 1);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ckdt_free(t);
}

static void read_only(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    assert_ok(write_rec(t, 0, 0, 1, 0, 8, 0x42));
    machine_free(t->m);
    t->m = tm_new();
    char arg[120];
    snprintf(arg, sizeof arg, "%s,ro", t->path);
    const char *e;
    t->dev = dev_create(t->m, "3330", CUU, arg, &e);
    assert_non_null(t->dev);
    p_find(t, 0, 0, 1);
    ccw(t, 0x06, DATA, 0, 8);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0x42);
    p_find(t, 0, 0, 1);
    ccw(t, 0x05, DATA, 0, 8);
    assert_uc(run(t), SNS0_CMDREJ, CKD_S1_WRI);
    ckdt_free(t);
}

/* Read Sector: where the current record starts, in 128ths of a 3330
   track; R1 starts at 0, R2 after R1's 135 + 4096 bytes. */
static void sectors(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    assert_ok(write_rec(t, 0, 1, 1, 0, 4096, 1));
    assert_ok(write_rec(t, 0, 1, 2, 0, 4096, 2));
    p_find(t, 0, 1, 1);
    ccw(t, 0x22, DATA, 0, 1);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0);
    p_find(t, 0, 1, 2);
    ccw(t, 0x22, DATA, 0, 1);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], (135 + 4096) * 128 / 13165);
    /* Set Sector, then a search still finds R2. */
    t->m->mem[0x340] = 41;
    seekarg(t, 0x300, 0, 1);
    const uint8_t id[5] = {0, 0, 0, 1, 2};
    poke(t, 0x308, id, 5);
    ccw(t, 0x07, 0x300, CCW_CC, 6);
    ccw(t, 0x23, 0x340, CCW_CC, 1);
    uint32_t s = ccw(t, 0x31, 0x308, CCW_CC, 5);
    ccw(t, 0x08, s, 0, 0);
    ccw(t, 0x06, DATA, 0, 4096);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 2);
    ckdt_free(t);
}

/* A committed program is in the file for another reader at once. */
static void committed_at_program_end(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    assert_ok(write_rec(t, 0, 3, 1, 0, 12, 0x5A));
    char err[400];
    struct volume *v = vol_open(t->path, true, err, sizeof err);
    if (!v)
        fail_msg("%s", err);
    static uint8_t buf[DASD_MAX_TRACK];
    size_t len;
    assert_int_equal(vol_read_track(v, 3, buf, &len), 0);
    assert_int_equal(len, TRK_EMPTY_LEN + 8 + 12);
    assert_int_equal(buf[len - 9], 0x5A);
    vol_close(v);
    ckdt_free(t);
}

/* Reads keep a read transaction open for a while (volume.c), yet they
   never block another writer, see its commits once that while is over,
   and a write after them does not fail on their older snapshot. */
static void reads_see_other_writers(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    assert_ok(write_rec(t, 0, 3, 1, 0, 12, 0x5A));
    char err[400];
    struct volume *a = vol_open(t->path, false, err, sizeof err);
    struct volume *b = vol_open(t->path, false, err, sizeof err);
    if (!a || !b)
        fail_msg("%s", err);
    static uint8_t buf[DASD_MAX_TRACK], other[DASD_MAX_TRACK];
    size_t len, olen;
    assert_int_equal(vol_read_track(a, 3, buf, &len), 0);
    assert_int_equal(vol_commit(a), 0);
    assert_int_equal(vol_read_track(b, 3, other, &olen), 0);
    other[olen - 9] = 0xA5;                 /* the record's last data byte */
    assert_int_equal(vol_write_track(b, 3, other, olen), 0);
    assert_int_equal(vol_commit(b), 0);
    usleep(30000);                          /* over READ_TXN_NS */
    assert_int_equal(vol_read_track(a, 3, buf, &len), 0);
    assert_int_equal(buf[len - 9], 0xA5);
    /* b writes track 5 while a has read; a's write of track 4 then works
       and a sees track 5 as b left it. */
    assert_int_equal(vol_read_track(b, 5, other, &olen), 0);
    assert_int_equal(vol_write_track(b, 5, other, olen), 0);
    assert_int_equal(vol_read_track(a, 4, buf, &len), 0);
    assert_int_equal(vol_commit(b), 0);
    assert_int_equal(vol_write_track(a, 4, buf, len), 0);
    assert_int_equal(vol_commit(a), 0);
    vol_close(a);
    vol_close(b);
    ckdt_free(t);
}

/* IPL from cylinder 0 head 0: R1 holds the IPL PSW and a CCW that reads
   R2 (the program: load a disabled wait PSW with address X'42'). */
static void ipl(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    uint8_t r1[24] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00,   /* PSW: BC, IA 800 */
                      0x06, 0x00, 0x08, 0x00, 0x20, 0x00, 0x00, 0x20};  /* read data R2 -> 800 */
    uint8_t r2[32] = {0x82, 0x00, 0x08, 0x08, 0, 0, 0, 0,                /* LPSW X'808' */
                      0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x42};  /* disabled wait, 42 */
    p_find(t, 0, 0, 0);
    countarg(t, DATA, 0, 0, 1, 0, 24);
    poke(t, DATA + 8, r1, 24);
    ccw(t, 0x1D, DATA, CCW_CC, 32);
    countarg(t, DATA + 100, 0, 0, 2, 0, 32);
    poke(t, DATA + 108, r2, 32);
    ccw(t, 0x1D, DATA + 100, 0, 40);
    assert_ok(run(t));
    memset(t->m->mem, 0, 0x2000);
    const char *err = NULL;
    if (chan_ipl(t->m, CUU, &err))
        fail_msg("%s", err);
    assert_int_equal(be16(t->m->mem + 0xBA), CUU);
    tm_step(t->m, 10);
    if (!t->m->cpu.psw.wait)
        fail_msg("PSW ia %06X", t->m->cpu.psw.ia);
    assert_int_equal(t->m->cpu.psw.ia, 0x42);
    /* Read IPL by itself reads R1's data. */
    ccw(t, 0x02, DATA, 0, 24);
    assert_ok(run(t));
    assert_memory_equal(t->m->mem + DATA, r1, 24);
    ckdt_free(t);
}

/* Write CKD with its count, key and data in three data-chained CCWs, as
   CP writes them; CLRIO of a running program commits it too. */
static void data_chaining_and_clrio(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    p_find(t, 0, 2, 0);
    countarg(t, DATA, 0, 2, 1, 4, 100);
    memset(t->m->mem + DATA + 0x100, 0xC1, 4);
    memset(t->m->mem + DATA + 0x200, 0xD1, 100);
    ccw(t, 0x1D, DATA, CCW_CD, 8);
    ccw(t, 0x00, DATA + 0x100, CCW_CD, 4);
    ccw(t, 0x00, DATA + 0x200, CCW_CC, 100);
    uint32_t n = ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x08, n, 0, 0);
    put32(t->m->mem + 0x48, PROG);
    assert_int_equal(chan_sio(t->m, CUU, false), 0);
    assert_int_equal(chan_clrio(t->m, CUU), 1);
    t->at = PROG;
    p_find(t, 0, 2, 1);
    ccw(t, 0x0E, DATA + 0x400, 0, 104);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 0x403], 0xC1);
    assert_int_equal(t->m->mem[DATA + 0x404], 0xD1);
    assert_int_equal(t->m->mem[DATA + 0x467], 0xD1);
    /* A reset of the I/O system leaves nothing uncommitted either. */
    chan_reset(t->m);
    char err[400];
    struct volume *v = vol_open(t->path, true, err, sizeof err);
    assert_non_null(v);
    static uint8_t buf[DASD_MAX_TRACK];
    size_t len;
    assert_int_equal(vol_read_track(v, 2, buf, &len), 0);
    assert_int_equal(len, TRK_EMPTY_LEN + 8 + 104);
    vol_close(v);
    ckdt_free(t);
}

/* HIO in the middle of a search loop ends the program; its writes are
   committed all the same. */
static void halted_program_commits(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3330", 1);
    p_find(t, 0, 4, 0);
    countarg(t, DATA, 0, 4, 1, 0, 8);
    ccw(t, 0x1D, DATA, CCW_CC, 16);
    /* Then an endless loop: NOP, TIC back. */
    uint32_t n = ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x08, n, 0, 0);
    put32(t->m->mem + 0x48, PROG);
    assert_int_equal(chan_sio(t->m, CUU, false), 0);
    assert_true(t->dev->ch.busy);
    assert_int_equal(chan_hio(t->m, CUU, false), 1);
    char err[400];
    struct volume *v = vol_open(t->path, true, err, sizeof err);
    assert_non_null(v);
    static uint8_t buf[DASD_MAX_TRACK];
    size_t len;
    assert_int_equal(vol_read_track(v, 4, buf, &len), 0);
    assert_int_equal(len, TRK_EMPTY_LEN + 16);
    vol_close(v);
    t->at = PROG;
    ckdt_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_per_track),
        cmocka_unit_test(sense_id_and_rdc),
        cmocka_unit_test(seeks),
        cmocka_unit_test(read_r0_and_ha),
        cmocka_unit_test(write_and_read_records),
        cmocka_unit_test(write_needs_orientation),
        cmocka_unit_test(searches),
        cmocka_unit_test(multitrack),
        cmocka_unit_test(multitrack_ha_and_mckd),
        cmocka_unit_test(format_errors),
        cmocka_unit_test(capacity),
        cmocka_unit_test(erase_and_format),
        cmocka_unit_test(file_mask),
        cmocka_unit_test(read_only),
        cmocka_unit_test(sectors),
        cmocka_unit_test(committed_at_program_end),
        cmocka_unit_test(reads_see_other_writers),
        cmocka_unit_test(ipl),
        cmocka_unit_test(halted_program_commits),
        cmocka_unit_test(data_chaining_and_clrio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
