/*
 * test_tape.c - the 3420 tape drive (devices/tape3420.c) through real
 * channel programs started with SIO: every command, positioning at load
 * point and over tape marks, blocks spanning AWS segments, read backward
 * into storage, file protection, the end-of-tape marker and the end of the
 * reel, rewind unload and mounting again, malformed images, and IPL.
 */
#include <stdio.h>
#include <unistd.h>

#include "testutil.h"
#include "dev.h"
#include "awstape.h"
#include "tape3420.h"

#define CUU 0x180
#define PROG 0x2000 /* channel programs */
#define DATA 0x8000 /* their data */

struct tt {
    struct machine *m;
    struct device *dev;
    char dir[64], path[96];
    uint32_t at;
};

/* A machine with a 3420 at X'180' and a tape `opts` (",ro", ",eot=...")
   from the image bytes b (NULL: no file, a blank tape is created). */
static struct tt *tt_new_bytes(const uint8_t *b, size_t n, const char *opts)
{
    struct tt *t = calloc(1, sizeof *t);
    strcpy(t->dir, "/tmp/tapetestXXXXXX");
    assert_non_null(mkdtemp(t->dir));
    snprintf(t->path, sizeof t->path, "%s/t.aws", t->dir);
    if (b) {
        FILE *f = fopen(t->path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(b, 1, n, f), n);
        fclose(f);
    }
    t->m = tm_new();
    char arg[160];
    snprintf(arg, sizeof arg, "%s%s", t->path, opts ? opts : "");
    const char *e = NULL;
    t->dev = dev_create(t->m, "3420", CUU, arg, &e);
    if (!t->dev)
        fail_msg("%s", e);
    t->at = PROG;
    return t;
}
static struct tt *tt_new(const char *opts) { return tt_new_bytes(NULL, 0, opts); }

static void tt_free(struct tt *t)
{
    machine_free(t->m);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", t->dir);
    if (system(cmd)) {}
    free(t);
}

static uint32_t ccw(struct tt *t, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t *p = t->m->mem + t->at;
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16); p[2] = (uint8_t)(addr >> 8); p[3] = (uint8_t)addr;
    p[4] = flags; p[5] = 0;
    put16(p + 6, count);
    t->at += 8;
    return t->at - 8;
}

struct ior {
    int cc;
    uint8_t unit, chan;
    uint32_t ccw;
    uint16_t count;
};

/* Run the program built at PROG; its ending status from the CSW. */
static struct ior run(struct tt *t)
{
    struct machine *m = t->m;
    struct ior r = {0};
    put32(m->mem + 0x48, PROG);
    r.cc = chan_sio(m, CUU, false);
    t->at = PROG;
    if (r.cc == 0) {
        assert_false(t->dev->ch.busy);
        assert_int_equal(chan_tio(m, CUU), 1);
    } else if (r.cc != 1) {
        fail_msg("SIO cc %d", r.cc);
    }
    r.ccw = be32(m->mem + 64) & 0xFFFFFF;
    r.unit = m->mem[68];
    r.chan = m->mem[69];
    r.count = be16(m->mem + 70);
    return r;
}

#define ST(r, u, c) do { struct ior r_ = (r); \
    if (r_.unit != (u) || r_.chan != (c)) \
        fail_msg("status %02X %02X, wanted %02X %02X (CCW %06X)", r_.unit, r_.chan, (u), (c), r_.ccw); \
    } while (0)
#define OK (US_CE | US_DE)

/* One command alone. */
static struct ior cmd1(struct tt *t, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    ccw(t, cmd, addr, flags, count);
    return run(t);
}
static struct ior ctl(struct tt *t, uint8_t cmd) { return cmd1(t, cmd, 0, CCW_SLI, 1); }

/* Sense into DATA+0x1000; returns the bytes. */
static const uint8_t *sense(struct tt *t)
{
    ST(cmd1(t, 0x04, DATA + 0x1000, 0, 24), OK, 0);
    return t->m->mem + DATA + 0x1000;
}

/* Write a block of n bytes of `fill` (n <= 64K-1 per CCW; data-chained
   above that). */
static struct ior write_blk(struct tt *t, uint32_t n, uint8_t fill)
{
    memset(t->m->mem + DATA, fill, n);
    uint32_t a = DATA;
    while (n > 0xFFFF) {
        ccw(t, 0x01, a, CCW_CD, 0xF000);
        a += 0xF000;
        n -= 0xF000;
    }
    ccw(t, 0x01, a, 0, (uint16_t)n);
    return run(t);
}

/* --- the commands one by one ----------------------------------------------- */

static void write_read_tapemarks(void **state)
{
    struct tt *t = tt_new(NULL);
    ST(ctl(t, 0x03), OK, 0);                       /* NOP */
    const uint8_t *s = sense(t);
    assert_int_equal(s[0], 0);
    assert_int_equal(s[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT);
    ST(write_blk(t, 100, 0xC1), OK, 0);
    assert_int_equal(sense(t)[1], TAPE_S1_TUA);     /* off load point */
    ST(write_blk(t, 50, 0xC2), OK, 0);
    ST(ctl(t, 0x1F), OK, 0);                       /* WTM */
    ST(write_blk(t, 10, 0xC3), OK, 0);
    ST(ctl(t, 0x1F), OK, 0);
    ST(ctl(t, 0x1F), OK, 0);
    assert_int_equal(tape_blockno(t->dev), 6);
    ST(ctl(t, 0x07), OK, 0);                       /* rewind */
    assert_int_equal(tape_offset(t->dev), 0);
    /* Read: exact length, then short (IL), then SLI. */
    ST(cmd1(t, 0x02, DATA, 0, 100), OK, 0);
    assert_int_equal(t->m->mem[DATA + 99], 0xC1);
    memset(t->m->mem + DATA, 0, 200);
    struct ior r = cmd1(t, 0x02, DATA, 0, 80);
    ST(r, OK, CS_IL);
    assert_int_equal(r.count, 30);
    assert_int_equal(t->m->mem[DATA + 49], 0xC2);
    assert_int_equal(t->m->mem[DATA + 50], 0);
    r = cmd1(t, 0x02, DATA, CCW_SLI, 80);          /* the tape mark */
    ST(r, OK | US_UX, 0);
    assert_int_equal(r.count, 80);
    r = cmd1(t, 0x02, DATA, 0, 4);                 /* longer block, short count */
    ST(r, OK, CS_IL);
    assert_int_equal(r.count, 0);
    r = cmd1(t, 0x02, DATA, CCW_SLI, 80);
    ST(r, OK | US_UX, 0);
    ST(cmd1(t, 0x02, DATA, CCW_SLI, 80), OK | US_UX, 0);
    /* Blank tape after the last mark: equipment check, no motion. */
    uint64_t end = tape_offset(t->dev);
    r = cmd1(t, 0x02, DATA, CCW_SLI, 80);
    assert_int_equal(r.cc, 1);                     /* unit check at once */
    ST(r, OK | US_UC, 0);
    assert_int_equal(sense(t)[0], SNS0_EQUIPCHK);
    assert_int_equal(tape_offset(t->dev), end);
    assert_int_equal(sense(t)[0], 0);              /* reset by the last Sense */
    tt_free(t);
}

/* Read backward: storage gets the block in its order, ending at the CCW's
   address; a short count gets the block's end. */
static void read_backward(void **state)
{
    struct tt *t = tt_new(NULL);
    for (int i = 0; i < 64; i++)
        t->m->mem[DATA + i] = (uint8_t)i;
    ST(cmd1(t, 0x01, DATA, 0, 64), OK, 0);
    ST(ctl(t, 0x1F), OK, 0);
    memset(t->m->mem + DATA, 0xEE, 0x200);
    ST(cmd1(t, 0x0C, DATA + 0x100, CCW_SLI, 16), OK | US_UX, 0); /* the mark */
    struct ior r = cmd1(t, 0x0C, DATA + 0x100 + 63, 0, 64);
    ST(r, OK, 0);
    for (int i = 0; i < 64; i++)
        assert_int_equal(t->m->mem[DATA + 0x100 + i], i);
    assert_int_equal(t->m->mem[DATA + 0xFF], 0xEE);
    assert_int_equal(t->m->mem[DATA + 0x140], 0xEE);
    assert_int_equal(sense(t)[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT);
    /* At load point: unit check, no error bit, load point; no motion. */
    r = cmd1(t, 0x0C, DATA + 0x100, CCW_SLI, 16);
    ST(r, OK | US_UC, 0);
    const uint8_t *s = sense(t);
    assert_int_equal(s[0], 0);
    assert_int_equal(s[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT);
    /* Short count: the last 10 bytes, stored at DATA+0x200-9 .. +0x200. */
    ST(ctl(t, 0x37), OK, 0);
    memset(t->m->mem + DATA, 0xEE, 0x300);
    r = cmd1(t, 0x0C, DATA + 0x200, 0, 10);
    ST(r, OK, CS_IL);
    for (int i = 0; i < 10; i++)
        assert_int_equal(t->m->mem[DATA + 0x200 - 9 + i], 54 + i);
    assert_int_equal(t->m->mem[DATA + 0x200 - 10], 0xEE);
    tt_free(t);
}

/* Forward/backspace block and file, over marks and at load point. */
static void spacing(void **state)
{
    struct tt *t = tt_new(NULL);
    /* file 1: A B, mark, file 2: C, mark, file 3: D E F, mark, mark */
    const char *layout = "AB|C|DEF||";
    for (const char *p = layout; *p; p++)
        ST(*p == '|' ? ctl(t, 0x1F) : write_blk(t, 20, (uint8_t)*p), OK, 0);
    ST(ctl(t, 0x07), OK, 0);
    /* Backspace at load point: unit check, load point. */
    ST(ctl(t, 0x27), OK | US_UC, 0);
    assert_int_equal(sense(t)[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT);
    ST(ctl(t, 0x2F), OK | US_UC, 0);
    ST(ctl(t, 0x37), OK, 0);                       /* past A */
    ST(ctl(t, 0x37), OK, 0);                       /* past B */
    ST(ctl(t, 0x37), OK | US_UX, 0);               /* the mark */
    ST(cmd1(t, 0x02, DATA, 0, 20), OK, 0);
    assert_int_equal(t->m->mem[DATA], 'C');
    ST(ctl(t, 0x3F), OK, 0);                       /* FSF: past file 2's mark */
    ST(cmd1(t, 0x02, DATA, 0, 20), OK, 0);
    assert_int_equal(t->m->mem[DATA], 'D');
    ST(ctl(t, 0x2F), OK, 0);                       /* BSF: before file 2's mark */
    ST(ctl(t, 0x27), OK, 0);                       /* back over C */
    ST(cmd1(t, 0x02, DATA, 0, 20), OK, 0);
    assert_int_equal(t->m->mem[DATA], 'C');
    ST(ctl(t, 0x27), OK, 0);
    ST(ctl(t, 0x27), OK | US_UX, 0);               /* back over file 1's mark */
    ST(ctl(t, 0x27), OK, 0);                       /* over B */
    ST(cmd1(t, 0x02, DATA, 0, 20), OK, 0);
    assert_int_equal(t->m->mem[DATA], 'B');
    /* Three FSFs in one chain: past marks 1, 2 and 3; then the empty
       file: FSF over its mark. */
    ccw(t, 0x3F, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x3F, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x3F, 0, CCW_SLI, 1);
    ST(run(t), OK, 0);
    assert_int_equal(tape_blockno(t->dev), 9);
    ST(ctl(t, 0x3F), OK, 0);
    assert_int_equal(tape_blockno(t->dev), 10);
    /* FSF on blank tape: equipment check. */
    ST(ctl(t, 0x3F), OK | US_UC, 0);
    assert_int_equal(sense(t)[0], SNS0_EQUIPCHK);
    ST(ctl(t, 0x37), OK | US_UC, 0);
    /* BSF from the end back to the start of file 3, then to load point:
       BSF stops at load point with unit check. */
    ST(ctl(t, 0x2F), OK, 0);
    ST(ctl(t, 0x2F), OK, 0);
    ST(ctl(t, 0x2F), OK, 0);
    ST(ctl(t, 0x2F), OK, 0);
    ST(cmd1(t, 0x02, DATA, CCW_SLI, 1), OK | US_UX, 0); /* before mark 1... */
    ST(ctl(t, 0x2F), OK, 0);                       /* ...back before it */
    ST(ctl(t, 0x2F), OK | US_UC, 0);               /* over A B to load point */
    assert_int_equal(tape_offset(t->dev), 0);
    assert_int_equal(sense(t)[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT);
    tt_free(t);
}

/* Blocks over 64K span AWS segments; read them whole with data chaining. */
static void long_blocks(void **state)
{
    struct tt *t = tt_new(NULL);
    uint32_t n = 70000;
    for (uint32_t i = 0; i < n; i++)
        t->m->mem[DATA + i] = (uint8_t)(i * 7);
    ccw(t, 0x01, DATA, CCW_CD, 0x8000);
    ccw(t, 0x01, DATA + 0x8000, CCW_CD, 0x8000);
    ccw(t, 0x01, DATA + 0x10000, 0, (uint16_t)(n - 0x10000));
    ST(run(t), OK, 0);
    ST(write_blk(t, 65535, 0x5A), OK, 0);          /* exactly one segment */
    assert_int_equal(tape_offset(t->dev), 6 * 2 + 70000 + 6 + 65535);
    ST(ctl(t, 0x07), OK, 0);
    memset(t->m->mem + DATA, 0, 0x30000);
    ccw(t, 0x02, DATA + 0x20000, CCW_CD, 0xFFFF);
    ccw(t, 0x02, DATA + 0x20000 + 0xFFFF, 0, 0xFFFF);
    struct ior r = run(t);
    ST(r, OK, CS_IL);
    assert_int_equal(r.count, 0xFFFF - (n - 0xFFFF));
    for (uint32_t i = 0; i < n; i++)
        if (t->m->mem[DATA + 0x20000 + i] != (uint8_t)(i * 7))
            fail_msg("byte %u", i);
    /* Back over both and forward again. */
    ST(ctl(t, 0x37), OK, 0);
    ST(ctl(t, 0x27), OK, 0);
    ST(ctl(t, 0x27), OK, 0);
    assert_int_equal(tape_offset(t->dev), 0);
    tt_free(t);
}

/* A write cuts off what followed it; so do Erase Gap and Data Security
   Erase, which must follow Erase Gap in the chain. */
static void write_truncates(void **state)
{
    struct tt *t = tt_new(NULL);
    for (int i = 0; i < 5; i++)
        ST(write_blk(t, 30, (uint8_t)('0' + i)), OK, 0);
    ST(ctl(t, 0x07), OK, 0);
    ST(ctl(t, 0x37), OK, 0);
    ST(ctl(t, 0x37), OK, 0);
    ST(write_blk(t, 5, 'X'), OK, 0);
    ST(cmd1(t, 0x02, DATA, CCW_SLI, 80), OK | US_UC, 0); /* nothing after it */
    ST(ctl(t, 0x27), OK, 0);
    ST(cmd1(t, 0x02, DATA, 0, 5), OK, 0);
    assert_int_equal(t->m->mem[DATA], 'X');
    ST(ctl(t, 0x27), OK, 0);
    ST(ctl(t, 0x17), OK, 0);                       /* erase gap: X gone */
    ST(ctl(t, 0x37), OK | US_UC, 0);
    ST(ctl(t, 0x97), OK | US_UC, 0);               /* DSE alone: rejected */
    assert_int_equal(sense(t)[0], SNS0_CMDREJ);
    ST(ctl(t, 0x07), OK, 0);
    ST(ctl(t, 0x37), OK, 0);
    ccw(t, 0x17, 0, CCW_CC | CCW_SLI, 1);
    ccw(t, 0x97, 0, CCW_SLI, 1);
    ST(run(t), OK, 0);
    ST(ctl(t, 0x07), OK, 0);
    ST(ctl(t, 0x37), OK, 0);
    ST(ctl(t, 0x37), OK | US_UC, 0);               /* one block left */
    tt_free(t);
}

/* File protected: writes rejected with file protect in sense byte 1;
   reads and motion work; the file is untouched. */
static void file_protect(void **state)
{
    static const uint8_t img[] = {3, 0, 0, 0, 0xA0, 0, 0xC1, 0xC2, 0xC3, 0, 0, 3, 0, 0x40, 0};
    struct tt *t = tt_new_bytes(img, sizeof img, ",ro");
    assert_int_equal(sense(t)[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT | TAPE_S1_FP);
    struct ior r = write_blk(t, 10, 0);
    assert_int_equal(r.cc, 1);
    assert_int_equal(r.unit, OK | US_UC);
    const uint8_t *s = sense(t);
    assert_int_equal(s[0], SNS0_CMDREJ);
    assert_int_equal(s[1], TAPE_S1_TUA | TAPE_S1_LOADPOINT | TAPE_S1_FP);
    ST(ctl(t, 0x1F), OK | US_UC, 0);
    ST(ctl(t, 0x17), OK | US_UC, 0);
    ST(cmd1(t, 0x02, DATA, 0, 3), OK, 0);
    assert_memory_equal(t->m->mem + DATA, img + 6, 3);
    ST(cmd1(t, 0x02, DATA, CCW_SLI, 3), OK | US_UX, 0);
    FILE *f = fopen(t->path, "rb");
    uint8_t b[32];
    assert_int_equal(fread(b, 1, sizeof b, f), sizeof img);
    fclose(f);
    assert_memory_equal(b, img, sizeof img);
    tt_free(t);
}

/* The EOT marker: writes past it end with unit exception and tape
   indicate; reads do not; past the end of the reel, equipment check. */
static void end_of_tape(void **state)
{
    struct tt *t = tt_new(",eot=1K");
    ST(write_blk(t, 1000, 1), OK, 0);
    assert_int_equal(sense(t)[4], 0);
    ST(write_blk(t, 100, 2), OK | US_UX, 0);       /* ends past 1024 */
    const uint8_t *s = sense(t);
    assert_int_equal(s[0], 0);
    assert_int_equal(s[4], TAPE_S4_TAPE_INDICATE);
    ST(ctl(t, 0x1F), OK | US_UX, 0);
    ST(ctl(t, 0x27), OK | US_UX, 0);
    ST(ctl(t, 0x27), OK, 0);
    ST(cmd1(t, 0x02, DATA, 0, 100), OK, 0);        /* read past it: no UX */
    assert_int_equal(sense(t)[4], TAPE_S4_TAPE_INDICATE);
    /* The reel ends at 1K + 1K/8 + 64K: a long block does not fit. */
    struct ior r = write_blk(t, 70000, 3);
    ST(r, OK | US_UC, 0);
    assert_int_equal(sense(t)[0], SNS0_EQUIPCHK);
    ST(write_blk(t, 60000, 3), OK | US_UX, 0);
    ST(ctl(t, 0x07), OK, 0);
    assert_int_equal(sense(t)[4], 0);
    tt_free(t);
}

/* Rewind Unload: not ready (intervention required) until mounted again,
   which presents device end. */
static void unload_and_mount(void **state)
{
    struct tt *t = tt_new(NULL);
    ST(write_blk(t, 10, 0x11), OK, 0);
    ST(ctl(t, 0x0F), OK, 0);
    assert_false(tape_ready(t->dev));
    static const uint8_t cmds[] = {0x01, 0x02, 0x0C, 0x03, 0x07, 0x0F, 0x17, 0x1F, 0x27, 0x2F, 0x37, 0x3F};
    for (size_t i = 0; i < sizeof cmds; i++) {
        struct ior r = cmd1(t, cmds[i], DATA, CCW_SLI, 1);
        assert_int_equal(r.cc, 1);
        ST(r, OK | US_UC, 0);
        const uint8_t *s = sense(t);
        assert_int_equal(s[0], SNS0_INTREQ);
        assert_int_equal(s[1], TAPE_S1_TUB);
    }
    ST(ctl(t, 0xC3), OK, 0);                       /* mode set: no tape needed */
    assert_int_equal(sense(t)[0], SNS0_INTREQ);    /* still not ready */
    char err[200];
    assert_int_equal(tape_mount(t->dev, t->path, err, sizeof err), 0);
    assert_true(tape_ready(t->dev));
    /* Device end, unsolicited: TIO sees it. */
    assert_int_equal(chan_tio(t->m, CUU), 1);
    assert_int_equal(t->m->mem[68], US_DE);
    ST(cmd1(t, 0x02, DATA, 0, 10), OK, 0);
    assert_int_equal(t->m->mem[DATA + 9], 0x11);
    /* A mount that fails leaves the drive empty. */
    assert_int_equal(tape_mount(t->dev, "/nonexistent/dir/t.aws", err, sizeof err), -1);
    assert_false(tape_ready(t->dev));
    assert_int_equal(tape_mount(t->dev, "x.aws,eot=zz", err, sizeof err), -1);
    assert_non_null(strstr(err, "eot="));
    tt_free(t);
}

/* Commands a 3420 does not have, mode sets it has, sense lengths. */
static void command_set(void **state)
{
    struct tt *t = tt_new(NULL);
    static const uint8_t rejected[] = {0xE4, 0xDB, 0x05, 0x06, 0x22, 0x4F, 0x9F, 0x64};
    for (size_t i = 0; i < sizeof rejected; i++) {
        struct ior r = cmd1(t, rejected[i], DATA, CCW_SLI, 8);
        ST(r, OK | US_UC, 0);
        assert_int_equal(sense(t)[0], SNS0_CMDREJ);
    }
    static const uint8_t accepted[] = {0xC3, 0xCB, 0xD3, 0x13, 0xBB, 0x0B, 0x1B, 0x4B};
    for (size_t i = 0; i < sizeof accepted; i++)
        ST(ctl(t, accepted[i]), OK, 0);
    /* Sense: 24 bytes; a shorter count is an incorrect length. */
    struct ior r = cmd1(t, 0x04, DATA, 0, 32);
    ST(r, OK, CS_IL);
    assert_int_equal(r.count, 8);
    r = cmd1(t, 0x04, DATA, CCW_SLI, 1);
    ST(r, OK, 0);
    /* The error bits survive only until the next command. */
    ST(ctl(t, 0xE4), OK | US_UC, 0);
    ST(ctl(t, 0x03), OK, 0);
    assert_int_equal(sense(t)[0], 0);
    tt_free(t);
}

/* Malformed images: data check where the drive meets the damage, no
   motion, and a message for the operator. */
static void malformed_image(void **state)
{
    /* A good block, then a header cut short. */
    static const uint8_t img[] = {2, 0, 0, 0, 0xA0, 0, 0xF1, 0xF2, 9, 0, 2};
    struct tt *t = tt_new_bytes(img, sizeof img, NULL);
    ST(cmd1(t, 0x02, DATA, 0, 2), OK, 0);
    struct ior r = cmd1(t, 0x02, DATA, CCW_SLI, 80);
    ST(r, OK | US_UC, 0);
    assert_int_equal(sense(t)[0], SNS0_DATACHK);
    assert_non_null(strstr(tape_error(t->dev), "truncated"));
    assert_int_equal(tape_offset(t->dev), 8);
    ST(ctl(t, 0x37), OK | US_UC, 0);
    ST(ctl(t, 0x3F), OK | US_UC, 0);
    assert_int_equal(sense(t)[0], SNS0_DATACHK);
    ST(ctl(t, 0x27), OK, 0);                       /* back is fine */
    /* Writing over the damage repairs the tape. */
    ST(ctl(t, 0x37), OK, 0);
    ST(ctl(t, 0x1F), OK, 0);
    ST(ctl(t, 0x07), OK, 0);
    ST(ctl(t, 0x3F), OK, 0);
    tt_free(t);

    /* Random bytes: never a crash, always a clean status. */
    uint8_t junk[512];
    srand(7);
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof junk; i++)
            junk[i] = (uint8_t)rand();
        t = tt_new_bytes(junk, (size_t)(rand() % 512), ",ro");
        static const uint8_t moves[] = {0x02, 0x0C, 0x37, 0x27, 0x3F, 0x2F, 0x02, 0x02};
        for (int k = 0; k < 40; k++) {
            struct ior r2 = cmd1(t, moves[rand() % sizeof moves], DATA, CCW_SLI, 600);
            assert_true(r2.unit & US_DE);
            if (r2.unit & US_UC) {
                uint8_t s0 = sense(t)[0];
                assert_true(s0 == SNS0_DATACHK || s0 == SNS0_EQUIPCHK || s0 == 0);
            }
        }
        tt_free(t);
    }
}

/* Attach errors: read-only and missing, a directory; an empty drive. */
static void attach_errors(void **state)
{
    struct machine *m = tm_new();
    const char *e = NULL;
    assert_null(dev_create(m, "3420", CUU, "/nonexistent/t.aws,ro", &e));
    assert_non_null(strstr(e, "No such file"));
    assert_null(dev_create(m, "3420", CUU, "/tmp", &e));
    assert_null(dev_create(m, "3420", CUU, ",ro", &e));
    struct device *d = dev_create(m, "3420", CUU, NULL, &e);
    assert_non_null(d);
    assert_false(tape_ready(d));
    machine_free(m);
}

/* IPL from tape: the IPL record's CCWs read the next blocks. */
static void ipl(void **state)
{
    struct tt *t = tt_new(NULL);
    /* Block 1: PSW (disabled wait at X'777'), CCW read 4 bytes into
       X'400' (CC), CCW read 4 bytes into X'404'. */
    uint8_t *d = t->m->mem + DATA;
    memset(d, 0, 24);
    put32(d, 0x00020000);
    put32(d + 4, 0x777);
    static const uint8_t c1[8] = {0x02, 0, 0x04, 0x00, 0x40, 0, 0, 4};
    static const uint8_t c2[8] = {0x02, 0, 0x04, 0x04, 0x00, 0, 0, 4};
    memcpy(d + 8, c1, 8);
    memcpy(d + 16, c2, 8);
    ST(cmd1(t, 0x01, DATA, 0, 24), OK, 0);
    memcpy(d, "\x01\x02\x03\x04", 4);
    ST(cmd1(t, 0x01, DATA, 0, 4), OK, 0);
    memcpy(d, "\x05\x06\x07\x08", 4);
    ST(cmd1(t, 0x01, DATA, 0, 4), OK, 0);
    /* IPL with the tape anywhere: the IPL reads from the position, as the
       real IPL does; rewind first as an operator would. */
    ST(ctl(t, 0x07), OK, 0);
    const char *err = NULL;
    if (chan_ipl(t->m, CUU, &err))
        fail_msg("%s", err);
    assert_int_equal(tm_rd32(t->m, 0x400), 0x01020304);
    assert_int_equal(tm_rd32(t->m, 0x404), 0x05060708);
    assert_int_equal(be16(t->m->mem + 0xBA), CUU);
    assert_int_equal(t->m->cpu.psw.ia, 0x777);
    assert_int_equal(tape_blockno(t->dev), 3);
    tt_free(t);
}

/* The image at `path` is a well-formed AWS tape: forward to the end, then
   back to load point over the same blocks and marks.  Returns its size. */
static uint64_t check_image(const char *path)
{
    struct aws a;
    char err[200];
    if (aws_open(&a, path, true, false, err, sizeof err))
        fail_msg("%s", err);
    uint32_t len;
    enum aws_rc rc;
    uint64_t blocks = 0, marks = 0;
    while ((rc = aws_read(&a, NULL, 0, &len)) == AWS_OK || rc == AWS_TAPEMARK)
        rc == AWS_OK ? blocks++ : marks++;
    if (rc != AWS_END)
        fail_msg("image damaged: %s", a.msg);
    assert_int_equal(a.pos, a.size);
    while ((rc = aws_read_back(&a, NULL, 0, &len)) == AWS_OK || rc == AWS_TAPEMARK)
        rc == AWS_OK ? blocks-- : marks--;
    if (rc != AWS_LOADPOINT)
        fail_msg("image damaged going back: %s", a.msg);
    assert_int_equal(blocks, 0);
    assert_int_equal(marks, 0);
    uint64_t size = a.size;
    aws_close(&a);
    return size;
}

/* Whatever channel programs a guest runs, the image stays a well-formed
   AWS tape: random chains of tape commands (random flags, counts, data
   chaining, a small EOT that writes pass), the image checked
   every 100 programs. */
static void random_programs(void **state)
{
    struct tt *t = tt_new(",eot=8K");
    static const uint8_t cmds[] = {0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x1F, 0x1F, 0x02,
                                   0x02, 0x0C, 0x0C, 0x27, 0x27, 0x2F, 0x37, 0x3F, 0x03,
                                   0x04, 0x07, 0x0F, 0x17, 0x97, 0xC3, 0xE4};
    static const uint8_t flagset[] = {0, CCW_SLI, CCW_CC, CCW_CC | CCW_SLI, CCW_CD,
                                      CCW_SKIP | CCW_SLI};
    srand(3);
    for (int i = 0; i < 0x9000; i++)
        t->m->mem[0x10000 + i] = (uint8_t)rand();
    uint64_t biggest = 0;
    int checks = 0, unit_checks = 0;
    for (int round = 1; round <= 5000; round++) {
        int n = 1 + rand() % 5;
        for (int k = 0; k < n; k++) {
            uint8_t c = cmds[rand() % sizeof cmds];
            uint8_t f = flagset[rand() % sizeof flagset];
            if (k == n - 1)
                f &= (uint8_t)~(CCW_CC | CCW_CD);
            ccw(t, c, 0x10000 + (uint32_t)(rand() % 0x8000), f, (uint16_t)(1 + rand() % 3000));
        }
        struct ior r = run(t);
        assert_true(r.cc == 0 || r.cc == 1);
        assert_false(t->dev->ch.busy);
        unit_checks += !!(r.unit & US_UC);
        if (!tape_ready(t->dev)) {
            char err[200];
            assert_int_equal(tape_mount(t->dev, t->path, err, sizeof err), 0);
            assert_int_equal(chan_tio(t->m, CUU), 1); /* the mount's device end */
        }
        if (round % 100 == 0) {
            uint64_t size = check_image(t->path);
            biggest = size > biggest ? size : biggest;
            checks++;
        }
    }
    /* The programs did write, past the EOT marker, and failed too. */
    assert_int_equal(checks, 50);
    assert_true(biggest > 8 * 1024);
    assert_true(unit_checks > 100);
    tt_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_read_tapemarks),
        cmocka_unit_test(read_backward),
        cmocka_unit_test(spacing),
        cmocka_unit_test(long_blocks),
        cmocka_unit_test(write_truncates),
        cmocka_unit_test(file_protect),
        cmocka_unit_test(end_of_tape),
        cmocka_unit_test(unload_and_mount),
        cmocka_unit_test(command_set),
        cmocka_unit_test(malformed_image),
        cmocka_unit_test(attach_errors),
        cmocka_unit_test(ipl),
        cmocka_unit_test(random_programs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
