/*
 * test_fba.c - the FBA device (3310, 3370) through real channel programs:
 * geometry, Sense, Sense ID, Read Device Characteristics, NOP, Define
 * Extent, Locate, Read, Write and write-and-verify across track rows,
 * short counts, Read IPL and an IPL, read-only attach, commit at the end
 * of the program, and every error path (command reject for sequence and
 * parameter errors, file protected for the extent and the file mask,
 * equipment check for a damaged row).
 */
#include "fbatest.h"

/* --- geometry and identification ---------------------------------------- */

static void geometry(void **state)
{
    (void)state;
    const struct dasd_type *a = dasd_type_find("3310"), *b = dasd_type_find("3370");
    assert_true(a->fba && b->fba);
    /* IBM: 3310 126,016 blocks... of which 125,664 for data: 357 access
       positions of 11 tracks of 32 blocks; 3370: 750 of 12 x 62. */
    assert_int_equal(a->blocks, 357 * 11 * 32);
    assert_int_equal(a->bpg, 32);
    assert_int_equal(a->bpp, 352);
    assert_int_equal(b->blocks, 750 * 12 * 62);
    assert_int_equal(b->bpg, 62);
    assert_int_equal(b->bpp, 744);
    assert_int_equal(a->blksize, 512);
    assert_int_equal(b->blksize, 512);
}

static void sense_id_rdc_nop(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 2000);
    ccw(t, 0xE4, DATA, CCW_SLI, 7);
    assert_ok(run(t));
    const uint8_t id70[7] = {0xFF, 0x38, 0x80, 0x01, 0x33, 0x70, 0x00};
    assert_memory_equal(t->m->mem + DATA, id70, 7);
    ccw(t, 0x64, DATA, CCW_SLI, 64);
    struct ior r = run(t);
    assert_ok(r);
    assert_int_equal(r.count, 64 - 32);     /* 32 bytes of characteristics */
    uint8_t *d = t->m->mem + DATA;
    assert_int_equal(d[2], 0x21);           /* device class FBA */
    assert_int_equal(d[3], 0x02);           /* unit type 3370 */
    assert_int_equal(be16(d + 4), 512);
    assert_int_equal(be32(d + 6), 62);
    assert_int_equal(be32(d + 10), 744);
    assert_int_equal(be32(d + 14), 2000);   /* this volume's blocks */
    ccw(t, 0x03, 0, CCW_SLI, 1);
    assert_ok(run(t));
    /* Sense: 24 bytes, the last error, then reset. */
    ccw(t, 0x07, DATA, CCW_CC, 6);          /* a CKD seek: rejected */
    ccw(t, 0x04, DATA, 0, 24);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ccw(t, 0x04, DATA, CCW_SLI, 32);
    r = run(t);
    assert_ok(r);
    assert_int_equal(r.count, 32 - 24);
    assert_int_equal(t->m->mem[DATA], SNS0_CMDREJ);
    ccw(t, 0x04, DATA, 0, 24);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA], 0);
    ckdt_free(t);

    t = ckdt_new("3310", 64);
    ccw(t, 0xE4, DATA, CCW_SLI, 7);
    assert_ok(run(t));
    const uint8_t id10[7] = {0xFF, 0x43, 0x31, 0x01, 0x33, 0x10, 0x01};
    assert_memory_equal(t->m->mem + DATA, id10, 7);
    ccw(t, 0x64, DATA, CCW_SLI, 64);
    assert_ok(run(t));
    assert_int_equal(t->m->mem[DATA + 3], 0x01);
    assert_int_equal(be32(t->m->mem + DATA + 6), 32);
    assert_int_equal(be32(t->m->mem + DATA + 10), 352);
    assert_int_equal(be32(t->m->mem + DATA + 14), 64);
    ckdt_free(t);
}

/* --- reads and writes ---------------------------------------------------- */

static void write_and_read(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 1000);
    /* A fresh volume reads as zeros. */
    assert_ok(fba_read_blocks(t, 999, 1));
    assert_true(data_is(t, 0, 512, 0));
    /* Blocks 60-65 cross from the first track row (62 blocks) to the
       second. */
    assert_ok(fba_write_blocks(t, 60, 6, 0x10));
    assert_ok(fba_read_blocks(t, 59, 8));
    assert_true(data_is(t, 0, 512, 0));
    for (unsigned i = 0; i < 6; i++)
        assert_true(data_is(t, 512 + i * 512, 512, (uint8_t)(0x10 + i)));
    assert_true(data_is(t, 7 * 512, 512, 0));
    /* Write and verify, and the last block of the volume. */
    memset(t->m->mem + DATA, 0x77, 512);
    p_locate(t, FBA_MASK_INHFMT, FBA_OP_WRITEV, 1, 999);
    ccw(t, 0x41, DATA, 0, 512);
    assert_ok(run(t));
    assert_ok(fba_read_blocks(t, 999, 1));
    assert_true(data_is(t, 0, 512, 0x77));
    /* An extent that starts at device block 100 and counts from 1000:
       block 1005 of the extent is device block 105. */
    memset(t->m->mem + DATA, 0x55, 512);
    dxarg(t, DXARG, FBA_MASK_ALLWRT, 100, 1000, 1099);
    lcarg(t, LCARG, FBA_OP_WRITE, 1, 1005);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    ccw(t, 0x43, LCARG, CCW_CC, 8);
    ccw(t, 0x41, DATA, 0, 512);
    assert_ok(run(t));
    assert_ok(fba_read_blocks(t, 104, 3));
    assert_true(data_is(t, 0, 512, 0));
    assert_true(data_is(t, 512, 512, 0x55));
    assert_true(data_is(t, 1024, 512, 0));
    /* Several Locate-Read pairs in one chain, with a NOP between. */
    dxarg(t, DXARG, 0, 0, 0, 999);
    lcarg(t, LCARG, FBA_OP_READ, 1, 105);
    lcarg(t, LCARG + 8, FBA_OP_READ, 1, 61);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    ccw(t, 0x43, LCARG, CCW_CC, 8);
    ccw(t, 0x42, DATA, CCW_CC, 512);
    ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x43, LCARG + 8, CCW_CC, 8);
    ccw(t, 0x42, DATA + 512, 0, 512);
    assert_ok(run(t));
    assert_true(data_is(t, 0, 512, 0x55));
    assert_true(data_is(t, 512, 512, 0x11));
    ckdt_free(t);
}

static void short_and_long_counts(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3310", 200);
    assert_ok(fba_write_blocks(t, 30, 4, 0x40));
    /* Reading 4 blocks with a count of 700: 700 bytes move, incorrect
       length; with SLI no incorrect length.  Storage after 700 is left. */
    p_locate(t, 0, FBA_OP_READ, 4, 30);
    memset(t->m->mem + DATA, 0xEE, 2048);
    ccw(t, 0x42, DATA, 0, 700);
    struct ior r = run(t);
    assert_int_equal(r.unit, US_CE | US_DE);
    assert_int_equal(r.chan, CS_IL);
    assert_true(data_is(t, 0, 512, 0x40));
    assert_true(data_is(t, 512, 188, 0x41));
    assert_true(data_is(t, 700, 100, 0xEE));
    p_locate(t, 0, FBA_OP_READ, 4, 30);
    ccw(t, 0x42, DATA, CCW_SLI, 700);
    assert_ok(run(t));
    /* A longer count than the blocks: residual count. */
    p_locate(t, 0, FBA_OP_READ, 1, 30);
    ccw(t, 0x42, DATA, CCW_SLI, 1000);
    r = run(t);
    assert_ok(r);
    assert_int_equal(r.count, 1000 - 512);
    /* A short write: the rest of the located blocks become zeros. */
    memset(t->m->mem + DATA, 0x99, 600);
    p_locate(t, FBA_MASK_ALLWRT, FBA_OP_WRITE, 3, 30);
    ccw(t, 0x41, DATA, CCW_SLI, 600);
    assert_ok(run(t));
    assert_ok(fba_read_blocks(t, 30, 4));
    assert_true(data_is(t, 0, 600, 0x99));
    assert_true(data_is(t, 600, 1536 - 600, 0));
    assert_true(data_is(t, 1536, 512, 0x43));
    /* Data chaining: two CCWs of 512 + 512 write two blocks. */
    memset(t->m->mem + DATA, 0x61, 512);
    memset(t->m->mem + DATA + 0x1000, 0x62, 512);
    p_locate(t, FBA_MASK_ALLWRT, FBA_OP_WRITE, 2, 100);
    ccw(t, 0x41, DATA, CCW_CD, 512);
    ccw(t, 0x41, DATA + 0x1000, 0, 512);
    assert_ok(run(t));
    assert_ok(fba_read_blocks(t, 100, 2));
    assert_true(data_is(t, 0, 512, 0x61));
    assert_true(data_is(t, 512, 512, 0x62));
    ckdt_free(t);
}

/* --- errors --------------------------------------------------------------- */

static void define_extent_errors(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 1000);
    struct { uint8_t mask; uint32_t origin, first, last; bool ok; } cases[] = {
        {0x00, 0, 0, 999, true},
        {0xC0, 0, 0, 999, true},
        {0x40, 0, 0, 999, true},
        {0x04, 0, 0, 999, true},        /* diagnostic permitted: harmless */
        {0x80, 0, 0, 999, false},       /* reserved write setting */
        {0x08, 0, 0, 999, false},       /* CE area */
        {0x01, 0, 0, 999, false},       /* reserved bits */
        {0x20, 0, 0, 999, false},
        {0x00, 0, 0, 1000, false},      /* one block too many */
        {0x00, 999, 0, 0, true},
        {0x00, 999, 5, 6, false},       /* past the end from the origin */
        {0x00, 1000, 0, 0, false},      /* origin past the end */
        {0x00, 0, 10, 9, false},        /* last before first */
        {0x00, 0, 0xFFFFFFFF, 0xFFFFFFFF, true},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dxarg(t, DXARG, cases[i].mask, cases[i].origin, cases[i].first, cases[i].last);
        ccw(t, 0x63, DXARG, 0, 16);
        struct ior r = run(t);
        if (cases[i].ok)
            assert_ok(r);
        else
            assert_uc(r, SNS0_CMDREJ, 0);
    }
    /* Short argument; a nonzero reserved byte; a block size not 512 (0
       is accepted). */
    dxarg(t, DXARG, 0, 0, 0, 9);
    ccw(t, 0x63, DXARG, CCW_SLI, 15);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    t->m->mem[DXARG + 1] = 1;
    ccw(t, 0x63, DXARG, 0, 16);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    dxarg(t, DXARG, 0, 0, 0, 9);
    put16(t->m->mem + DXARG + 2, 1024);
    ccw(t, 0x63, DXARG, 0, 16);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    put16(t->m->mem + DXARG + 2, 0);
    ccw(t, 0x63, DXARG, 0, 16);
    assert_ok(run(t));
    /* A second Define Extent in the chain. */
    dxarg(t, DXARG, 0, 0, 0, 9);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    ccw(t, 0x63, DXARG, 0, 16);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* The next program may define one again. */
    ccw(t, 0x63, DXARG, 0, 16);
    assert_ok(run(t));
    ckdt_free(t);
}

static void locate_errors(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 1000);
    /* Locate without an extent, also in a chain after a NOP. */
    lcarg(t, LCARG, FBA_OP_READ, 1, 0);
    ccw(t, 0x43, LCARG, 0, 8);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x43, LCARG, 0, 8);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* The extent of blocks 100-199 numbered 100-199. */
    struct { uint8_t mask, op; uint16_t n; uint32_t blk; uint8_t s0, s1; } cases[] = {
        {0x00, FBA_OP_READ, 1, 100, 0, 0},
        {0x00, FBA_OP_READ, 100, 100, 0, 0},
        {0x00, FBA_OP_READ, 101, 100, SNS0_CMDREJ, FBA_S1_FP},  /* one past the end */
        {0x00, FBA_OP_READ, 1, 99, SNS0_CMDREJ, FBA_S1_FP},     /* before the extent */
        {0x00, FBA_OP_READ, 1, 200, SNS0_CMDREJ, FBA_S1_FP},    /* after it */
        {0x00, FBA_OP_READ, 0xFFFF, 199, SNS0_CMDREJ, FBA_S1_FP},
        {0x00, FBA_OP_READ, 0, 100, SNS0_CMDREJ, 0},            /* no blocks */
        {0x00, 0x16, 1, 100, SNS0_CMDREJ, 0},                   /* reserved bits */
        {0x00, 0x00, 1, 100, SNS0_CMDREJ, 0},                   /* no operation */
        {0x00, FBA_OP_READREP, 1, 100, SNS0_CMDREJ, 0},         /* not supported */
        {0xC0, FBA_OP_FMTDEF, 1, 100, SNS0_CMDREJ, 0},
        {0x00, FBA_OP_WRITE, 1, 100, 0, 0},                     /* writes allowed */
        {0x40, FBA_OP_WRITE, 1, 100, SNS0_CMDREJ, FBA_S1_FP},   /* inhibited */
        {0x40, FBA_OP_WRITEV, 1, 100, SNS0_CMDREJ, FBA_S1_FP},
        {0x40, FBA_OP_READ, 1, 100, 0, 0},
        {0xC0, FBA_OP_WRITE, 2, 198, 0, 0},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dxarg(t, DXARG, cases[i].mask, 100, 100, 199);
        lcarg(t, LCARG, cases[i].op, cases[i].n, cases[i].blk);
        ccw(t, 0x63, DXARG, CCW_CC, 16);
        ccw(t, 0x43, LCARG, 0, 8);
        struct ior r = run(t);
        if (!cases[i].s0)
            assert_ok(r);
        else
            assert_uc(r, cases[i].s0, cases[i].s1);
    }
    /* Short Locate argument. */
    dxarg(t, DXARG, 0, 0, 0, 999);
    lcarg(t, LCARG, FBA_OP_READ, 1, 0);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    ccw(t, 0x43, LCARG, CCW_SLI, 7);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ckdt_free(t);
}

static void read_write_sequence_errors(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 1000);
    assert_ok(fba_write_blocks(t, 5, 1, 0x21));
    /* Read or Write alone, or after Define Extent only. */
    ccw(t, 0x42, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ccw(t, 0x41, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    dxarg(t, DXARG, 0xC0, 0, 0, 999);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    ccw(t, 0x42, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* Read after a Locate for writing, Write after one for reading. */
    p_locate(t, 0xC0, FBA_OP_WRITE, 1, 5);
    ccw(t, 0x42, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    p_locate(t, 0xC0, FBA_OP_READ, 1, 5);
    memset(t->m->mem + DATA, 0x66, 512);
    ccw(t, 0x41, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* One Locate serves one Read: a second Read, or a Read after a NOP,
       is rejected. */
    p_locate(t, 0, FBA_OP_READ, 1, 5);
    ccw(t, 0x42, DATA, CCW_CC, 512);
    ccw(t, 0x42, DATA, 0, 512);
    struct ior r = run(t);
    assert_uc(r, SNS0_CMDREJ, 0);
    assert_int_equal(r.ccw, PROG + 4 * 8);  /* the second Read ended it */
    p_locate(t, 0, FBA_OP_READ, 1, 5);
    ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x42, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    /* Nothing written by the rejected Write; unknown commands. */
    assert_ok(fba_read_blocks(t, 5, 1));
    assert_true(data_is(t, 0, 512, 0x21));
    static const uint8_t bad[] = {0x01, 0x05, 0x06, 0x07, 0x1D, 0x31, 0x5E, 0xFF};
    for (unsigned i = 0; i < sizeof bad; i++) {
        ccw(t, bad[i], DATA, CCW_SLI, 8);
        assert_uc(run(t), SNS0_CMDREJ, 0);
    }
    ckdt_free(t);
}

static void read_only(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new_ro("3310", 100, true);
    assert_ok(fba_read_blocks(t, 0, 1));
    p_locate(t, 0xC0, FBA_OP_WRITE, 1, 0);
    ccw(t, 0x41, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, FBA_S1_FP);
    ckdt_free(t);
}

/* --- commit, IPL, attach, damage ------------------------------------------ */

/* The block as the volume file has it (another connection), byte 0. */
static int file_byte(struct ckdt *t, uint32_t blk)
{
    char err[400];
    struct volume *v = vol_open(t->path, true, err, sizeof err);
    if (!v)
        fail_msg("%s", err);
    static uint8_t buf[DASD_MAX_TRACK];
    size_t len;
    unsigned bpg = vol_info(v)->type->bpg;
    assert_int_equal(vol_read_track(v, blk / bpg, buf, &len), 0);
    int b = buf[(blk % bpg) * 512];
    vol_close(v);
    return b;
}

static void committed_at_program_end(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 1000);
    assert_ok(fba_write_blocks(t, 70, 1, 0x31));
    assert_int_equal(file_byte(t, 70), 0x31);
    /* A program whose last CCW fails: the write before it is committed
       all the same (the program has ended). */
    memset(t->m->mem + DATA, 0x32, 512);
    p_locate(t, 0xC0, FBA_OP_WRITE, 1, 70);
    ccw(t, 0x41, DATA, CCW_CC, 512);
    ccw(t, 0x42, DATA, 0, 512);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    assert_int_equal(file_byte(t, 70), 0x32);
    /* HIO stops a program in an endless NOP loop after its write. */
    memset(t->m->mem + DATA, 0x33, 512);
    p_locate(t, 0xC0, FBA_OP_WRITE, 1, 71);
    ccw(t, 0x41, DATA, CCW_CC, 512);
    uint32_t n = ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x08, n, 0, 0);
    put32(t->m->mem + 0x48, PROG);
    assert_int_equal(chan_sio(t->m, CUU, false), 0);
    assert_true(t->dev->ch.busy);
    assert_int_equal(file_byte(t, 71), 0);      /* not yet */
    assert_int_equal(chan_hio(t->m, CUU, false), 1);
    assert_int_equal(file_byte(t, 71), 0x33);
    t->at = PROG;
    ckdt_free(t);
}

/*
 * IPL: Read IPL puts block 0's first 24 bytes at 0 (PSW, two CCWs); the
 * first CCW is a Read IPL of the whole block to X'400', the second a TIC
 * into it, to a Locate and a Read of block 1 to X'800'.
 */
static void ipl(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 1000);
    uint8_t b0[512] = {0}, b1[512] = {0};
    static const uint8_t head[] = {
        0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x08, 0x00,     /* PSW: BC, X'800' */
        0x02, 0x00, 0x04, 0x00, 0x60, 0x00, 0x02, 0x00,     /* Read IPL -> 400 */
        0x08, 0x00, 0x04, 0x20, 0x00, 0x00, 0x00, 0x00,     /* TIC 420 */
    };
    memcpy(b0, head, sizeof head);
    static const uint8_t chain[] = {
        0x43, 0x00, 0x04, 0x40, 0x40, 0x00, 0x00, 0x08,     /* 420: Locate arg 440 */
        0x42, 0x00, 0x08, 0x00, 0x20, 0x00, 0x02, 0x00,     /* 428: Read -> 800 */
    };
    memcpy(b0 + 0x20, chain, sizeof chain);
    static const uint8_t loc[8] = {FBA_OP_READ, 0, 0, 1, 0, 0, 0, 1};
    memcpy(b0 + 0x40, loc, 8);
    memset(b1, 0xAB, sizeof b1);
    memcpy(t->m->mem + DATA, b0, 512);
    memcpy(t->m->mem + DATA + 512, b1, 512);
    p_locate(t, 0xC0, FBA_OP_WRITE, 2, 0);
    ccw(t, 0x41, DATA, 0, 1024);
    assert_ok(run(t));
    const char *err = NULL;
    if (chan_ipl(t->m, CUU, &err))
        fail_msg("%s", err);
    assert_int_equal(t->m->mem[0x800], 0xAB);
    assert_int_equal(t->m->mem[0x9FF], 0xAB);
    assert_memory_equal(t->m->mem + 0x400, b0, 512);
    assert_int_equal(t->m->cpu.psw.ia, 0x800);
    /* Read IPL chained from another command is rejected. */
    ccw(t, 0x03, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x02, DATA, CCW_SLI, 24);
    assert_uc(run(t), SNS0_CMDREJ, 0);
    ckdt_free(t);
}

static void attach_checks(void **state)
{
    (void)state;
    struct ckdt *t = ckdt_new("3370", 100);
    const char *err = NULL;
    /* An FBA volume is refused as a CKD type and vice versa. */
    assert_null(dev_create(t->m, "3330", 0x191, t->path, &err));
    assert_non_null(strstr(err, "is FBA, not CKD"));
    char ckd[120], e2[400];
    snprintf(ckd, sizeof ckd, "%s/c.vol", t->dir);
    assert_int_equal(vol_create(ckd, dasd_type_find("3330"), 1, "CKD001", VOL_DURABLE, NULL, NULL, e2,
                                sizeof e2), 0);
    assert_null(dev_create(t->m, "3370", 0x192, ckd, &err));
    assert_non_null(strstr(err, "is CKD, not FBA"));
    /* "dasd" takes either. */
    assert_non_null(dev_create(t->m, "dasd", 0x193, ckd, &err));
    struct device *d = dev_create(t->m, "3310", 0x194, t->path, &err);
    assert_non_null(d);     /* the device type name does not check the model */
    assert_null(dev_create(t->m, "dasd", 0x195, "/nonexistent/x.vol", &err));
    assert_non_null(strstr(err, "/nonexistent/x.vol"));
    ckdt_free(t);
}

/* Bad sizes at create; a row of the wrong length in the file gives an
   equipment check, not a crash, and `check` finds it. */
static void damaged_rows(void **state)
{
    (void)state;
    char err[400];
    assert_int_equal(vol_create("/tmp/never.vol", dasd_type_find("3370"), 0, "X", VOL_DURABLE, NULL, NULL,
                                err, sizeof err), -1);
    assert_non_null(strstr(err, "1 to 558000 blocks"));
    assert_int_equal(vol_create("/tmp/never.vol", dasd_type_find("3310"), 125665, "X", VOL_DURABLE, NULL,
                                NULL, err, sizeof err), -1);
    struct ckdt *t = ckdt_new("3370", 130);     /* rows of 62, 62 and 6 blocks */
    struct volume *v = fba_volume(t->dev);
    assert_int_equal(vol_info(v)->cyls, 3);
    assert_int_equal(vol_row_blocks(vol_info(v), 2), 6);
    assert_int_equal(vol_row_blocks(vol_info(v), 3), 0);
    assert_int_equal(vol_check(v, stderr), 0);
    assert_ok(fba_read_blocks(t, 129, 1));
    static uint8_t buf[DASD_MAX_TRACK];
    assert_int_equal(vol_write_track(v, 1, buf, 61 * 512), 0);
    assert_int_equal(vol_commit(v), 0);
    assert_int_equal(vol_check(v, stderr), 1);
    assert_ok(fba_read_blocks(t, 10, 1));
    assert_uc(fba_read_blocks(t, 70, 1), SNS0_EQUIPCHK, FBA_S1_PERM);
    assert_uc(fba_write_blocks(t, 61, 2, 1), SNS0_EQUIPCHK, FBA_S1_PERM);
    ckdt_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(geometry),
        cmocka_unit_test(sense_id_rdc_nop),
        cmocka_unit_test(write_and_read),
        cmocka_unit_test(short_and_long_counts),
        cmocka_unit_test(define_extent_errors),
        cmocka_unit_test(locate_errors),
        cmocka_unit_test(read_write_sequence_errors),
        cmocka_unit_test(read_only),
        cmocka_unit_test(committed_at_program_end),
        cmocka_unit_test(ipl),
        cmocka_unit_test(attach_checks),
        cmocka_unit_test(damaged_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
