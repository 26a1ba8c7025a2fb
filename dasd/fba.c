/*
 * fba.c - the FBA direct-access device (3310, 3370): attach, the command
 * dispatcher (fba_cmds.h.inc), Define Extent and its file mask, Locate,
 * Read, Write (and write-and-verify), Read IPL, sense and identification.
 * The CKD device is ckd.c; the volume file volume.c; fba.h has the sense
 * and mask bits.
 *
 * Reference: IBM 3880 Storage Control Reference (GA26-1661), 3370 chapters;
 * Hercules' fbadasd.c was consulted for the checks a program meets.
 *
 * A channel program addresses blocks through an extent: Define Extent
 * (file mask, the extent's first block on the device, and the first and
 * last block numbers the program will use for it), then Locate (operation,
 * block count, first block number within the extent), then one Read or
 * Write moving those blocks.  Read IPL defines the whole device as the
 * extent and reads block 0, so that an IPL's Locate and Read can follow.
 *
 * Errors (all unit check):
 *   command reject                   unknown command; a command out of
 *                                    sequence (Locate without an extent, a
 *                                    second Define Extent, Read or Write not
 *                                    right after a Locate of its kind, Read
 *                                    IPL chained from another command);
 *                                    invalid parameters (short argument,
 *                                    reserved bits, an extent past the end
 *                                    of the volume, a block count of 0, an
 *                                    operation these devices lack)
 *   command reject + file protected  Locate outside the extent, or a write
 *                                    that the file mask or a read-only
 *                                    attach forbids
 *   equipment check                  the volume file failed (vol_error())
 *   intervention required            the device is not ready: its file
 *                                    failed in a way that lasts (dasd.h);
 *                                    every command but Sense and Sense ID
 *
 * The volume stores one row per device track (bpg blocks).  The device
 * keeps the row it used last; writes go to the volume as each Write ends,
 * inside the channel program's transaction, and program_end() commits
 * them, as on the CKD device.
 *
 * State and invariants (checked by fba_assert_state()):
 *   (1) loaded => row < the volume's rows and buf holds that row as the
 *       volume has it, with this program's writes, rowlen bytes long;
 *   (2) extent => xfirst <= xlast and xorigin + (xlast - xfirst) < blocks;
 *   (3) located => extent, xfirst <= lblock, lblock + lcount - 1 <= xlast,
 *       lcount >= 1;
 *   (4) not ready (u.vol NULL) => not loaded.
 */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dasd.h"
#include "fba.h"
#include "geometry.h"

#define FBA_OK (US_CE | US_DE)

struct fba {
    struct dasd_unit u;     /* first (dasd_unit()): the volume, ready or not */
    const struct dasd_type *t;
    unsigned blocks;        /* the volume's size */
    unsigned bs, bpg;       /* block size, blocks per row (track) */
    bool loaded;
    unsigned row;
    size_t rowlen;
    /* Chain state: reset by the first command of a channel program. */
    bool extent;
    uint8_t mask;
    uint32_t xorigin, xfirst, xlast;
    bool located;
    uint8_t oper;
    uint32_t lcount, lblock;
    uint8_t prev;
    uint8_t buf[DASD_MAX_TRACK];
};

static_assert(offsetof(struct fba, u) == 0, "dasd_unit() takes the state for its unit");

typedef int fba_handler(struct device *dev, struct fba *f, struct ccw_io *io);

static void fba_assert_state(const struct fba *f)
{
    (void)f;
    assert(!f->loaded || (f->row * f->bpg < f->blocks && f->rowlen <= sizeof f->buf));
    assert(!f->extent || (f->xfirst <= f->xlast && f->xorigin + (f->xlast - f->xfirst) < f->blocks));
    assert(!f->located || (f->extent && f->lcount >= 1 && f->xfirst <= f->lblock &&
                           f->lcount - 1 <= f->xlast - f->lblock));
    assert(f->u.vol || !f->loaded);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* --- sense and errors -------------------------------------------------- */

/* Unit check with sense bytes 0 and 1 (24 sense bytes). */
static int fba_check(struct device *dev, uint8_t s0, uint8_t s1)
{
    memset(dev->sense, 0, sizeof dev->sense);
    dev->senselen = 24;
    dev->sense[0] = s0;
    dev->sense[1] = s1;
    return US_CE | US_DE | US_UC;
}

#define REJECT(dev) fba_check(dev, SNS0_CMDREJ, 0)
#define PROTECTED(dev) fba_check(dev, SNS0_CMDREJ, FBA_S1_FP)

/* The volume failed: forget the cached row (the transaction has been
   rolled back) and report an equipment check; the device may now be not
   ready (dasd_unit_fail()). */
static int fba_equipment_check(struct device *dev, struct fba *f)
{
    f->loaded = false;
    dasd_unit_fail(dev, &f->u);
    return fba_check(dev, SNS0_EQUIPCHK, 0);
}

/* --- the rows -------------------------------------------------------------- */

/* Make buf hold row `row`.  Returns 0 or a unit status. */
static int fba_load(struct device *dev, struct fba *f, unsigned row)
{
    if (f->loaded && f->row == row)
        return 0;
    f->loaded = false;
    size_t len;
    if (vol_read_track(f->u.vol, row, f->buf, &len))
        return fba_equipment_check(dev, f);
    size_t want = (size_t)vol_row_blocks(vol_info(f->u.vol), row) * f->bs;
    if (len != want) {
        fprintf(stderr, "cpcms: DASD %03X: %s: row %u: %zu bytes, not %zu\n", dev->addr,
                vol_path(f->u.vol), row, len, want);
        return fba_check(dev, SNS0_EQUIPCHK, FBA_S1_PERM);
    }
    f->row = row;
    f->rowlen = len;
    f->loaded = true;
    return 0;
}

static int fba_store(struct device *dev, struct fba *f)
{
    if (vol_write_track(f->u.vol, f->row, f->buf, f->rowlen))
        return fba_equipment_check(dev, f);
    return 0;
}

/*
 * Move n blocks starting at device block `blk` between the volume and p:
 * to p when reading, from p when writing (each row written back once).
 * The caller has checked that the blocks lie on the volume.  Returns 0
 * or a unit status.
 */
static int fba_transfer(struct device *dev, struct fba *f, uint32_t blk, uint32_t n, uint8_t *p,
                        bool write)
{
    while (n) {
        unsigned row = blk / f->bpg, first = blk % f->bpg;
        int st = fba_load(dev, f, row);
        if (st)
            return st;
        unsigned in_row = vol_row_blocks(vol_info(f->u.vol), row) - first;
        unsigned k = n < in_row ? n : in_row;
        size_t off = (size_t)first * f->bs, len = (size_t)k * f->bs;
        if (write) {
            memcpy(f->buf + off, p, len);
            if ((st = fba_store(dev, f)))
                return st;
        } else {
            memcpy(p, f->buf + off, len);
        }
        p += len;
        blk += k;
        n -= k;
    }
    return 0;
}

/* --- control and identification --------------------------------------- */

static int fba_nop(struct device *dev, struct fba *f, struct ccw_io *io)
{
    io->len = 0;
    return FBA_OK;
}

static int fba_sense(struct device *dev, struct fba *f, struct ccw_io *io)
{
    dev->senselen = 24;
    return dev_sense(dev, io);
}

static int fba_sense_id(struct device *dev, struct fba *f, struct ccw_io *io)
{
    uint8_t id[7];
    unsigned n = dasd_sense_id(f->t, id);
    memcpy(io->buf, id, io->count < n ? io->count : n);
    io->len = n;
    return FBA_OK;
}

static int fba_rdc(struct device *dev, struct fba *f, struct ccw_io *io)
{
    uint8_t rdc[64];
    unsigned n = dasd_devchar(f->t, f->blocks, rdc);
    memcpy(io->buf, rdc, io->count < n ? io->count : n);
    io->len = n;
    return FBA_OK;
}

/*
 * Define Extent, 16 bytes: file mask, a zero byte, the block size (0 or
 * the device's), the extent's first block on the device, the first and
 * the last block number of the extent as the program counts them.
 */
static int fba_define_extent(struct device *dev, struct fba *f, struct ccw_io *io)
{
    io->len = 16;
    if (io->count < 16 || f->extent)
        return REJECT(dev);
    const uint8_t *b = io->buf;
    uint8_t mask = b[0];
    unsigned bsz = (unsigned)b[2] << 8 | b[3];
    if ((mask & (FBA_MASK_RESV | FBA_MASK_CE)) || (mask & FBA_MASK_CTL) == FBA_MASK_CTL_RESV ||
        b[1] || (bsz && bsz != f->bs))
        return REJECT(dev);
    uint32_t origin = get32(b + 4), first = get32(b + 8), last = get32(b + 12);
    if (last < first || origin >= f->blocks || last - first >= f->blocks - origin)
        return REJECT(dev);
    f->mask = mask;
    f->xorigin = origin;
    f->xfirst = first;
    f->xlast = last;
    f->extent = true;
    return FBA_OK;
}

/*
 * Locate, 8 bytes: operation, replication count (ignored: no read
 * replicated data), block count, first block number (in the extent's
 * numbering).
 */
static int fba_locate(struct device *dev, struct fba *f, struct ccw_io *io)
{
    io->len = 8;
    f->located = false;
    if (io->count < 8 || !f->extent)
        return REJECT(dev);
    const uint8_t *b = io->buf;
    uint8_t op = b[0];
    bool write = op == FBA_OP_WRITE || op == FBA_OP_WRITEV;
    if (!write && op != FBA_OP_READ)
        return REJECT(dev);     /* reserved bits, or an operation we lack */
    if (write && (vol_readonly(f->u.vol) || (f->mask & FBA_MASK_CTL) == FBA_MASK_INHWRT))
        return PROTECTED(dev);
    uint32_t n = (uint32_t)b[2] << 8 | b[3], blk = get32(b + 4);
    if (!n)
        return REJECT(dev);
    if (blk < f->xfirst || blk > f->xlast || n - 1 > f->xlast - blk)
        return PROTECTED(dev);
    f->oper = op;
    f->lcount = n;
    f->lblock = blk;
    f->located = true;
    return FBA_OK;
}

/* The located blocks: device block of the first, bytes in all. */
static uint32_t located_block(const struct fba *f) { return f->xorigin + (f->lblock - f->xfirst); }

/* Read: the located blocks, as many as the count takes. */
static int fba_read(struct device *dev, struct fba *f, struct ccw_io *io)
{
    if (f->oper != FBA_OP_READ)
        return REJECT(dev);
    f->located = false;
    io->len = f->lcount * f->bs;
    uint32_t n = io->count < io->len ? (io->count + f->bs - 1) / f->bs : f->lcount;
    /* Whole blocks into a bounce buffer only for a partial last block. */
    if ((uint64_t)n * f->bs <= io->count) {
        int st = fba_transfer(dev, f, located_block(f), n, io->buf, false);
        return st ? st : FBA_OK;
    }
    uint8_t last[4096];
    int st = n > 1 ? fba_transfer(dev, f, located_block(f), n - 1, io->buf, false) : 0;
    if (!st)
        st = fba_transfer(dev, f, located_block(f) + n - 1, 1, last, false);
    if (st)
        return st;
    memcpy(io->buf + (size_t)(n - 1) * f->bs, last, io->count - (size_t)(n - 1) * f->bs);
    return FBA_OK;
}

/* Write (or write and verify: the stored copy is exact, so the verify
   always matches): the located blocks; where the count runs out, the rest
   of them is written with zeros. */
static int fba_write(struct device *dev, struct fba *f, struct ccw_io *io)
{
    if (f->oper != FBA_OP_WRITE && f->oper != FBA_OP_WRITEV)
        return REJECT(dev);
    f->located = false;
    io->len = f->lcount * f->bs;
    uint32_t blk = located_block(f), full = io->count / f->bs;
    if (full > f->lcount)
        full = f->lcount;
    int st = full ? fba_transfer(dev, f, blk, full, io->buf, true) : 0;
    static const uint8_t zeros[4096];
    for (uint32_t i = full; !st && i < f->lcount; i++) {
        uint8_t part[4096];
        memcpy(part, zeros, f->bs);
        if (i == full && io->count > (size_t)full * f->bs)
            memcpy(part, io->buf + (size_t)full * f->bs, io->count - (size_t)full * f->bs);
        st = fba_transfer(dev, f, blk + i, 1, part, true);
    }
    return st ? st : FBA_OK;
}

/* Read IPL: the first command of the chain (or chained from another Read
   IPL); the whole device becomes the extent, block 0 is read. */
static int fba_read_ipl(struct device *dev, struct fba *f, struct ccw_io *io)
{
    io->len = f->bs;
    if (io->chained && f->prev != 0x02)
        return REJECT(dev);
    f->mask = FBA_MASK_INHFMT;
    f->xorigin = f->xfirst = 0;
    f->xlast = f->blocks - 1;
    f->extent = true;
    f->located = false;
    uint8_t b0[4096];
    int st = fba_transfer(dev, f, 0, 1, b0, false);
    if (st)
        return st;
    memcpy(io->buf, b0, io->count < f->bs ? io->count : f->bs);
    return FBA_OK;
}

/* --- dispatch ---------------------------------------------------------------- */

enum { LOC = 1, NR = 2 };

struct fba_cmd {
    fba_handler *fn;
    const char *name;
    uint8_t flags;
};

static const struct fba_cmd cmds[256] = {
#define CMD(code, nm, h, fl) [code] = {h, #nm, fl},
#include "fba_cmds.h.inc"
#undef CMD
};

/*
 * One command: a new channel program resets the chain state (and a
 * device that is not ready tries its file again, dasd_unit_try()); the
 * error bits of the last unit check are reset (except by Sense); then an
 * unknown command or one out of sequence is rejected, and a device not
 * ready refuses all but the NR commands (intervention required).
 */
static int fba_execute(struct device *dev, struct ccw_io *io)
{
    struct fba *f = dev->state;
    if (!io->chained) {
        f->extent = f->located = false;
        f->mask = 0;
        f->prev = 0;
        dasd_unit_try(dev, &f->u, false);
    }
    io->len = 0;
    const struct fba_cmd *c = &cmds[io->cmd];
    if (io->cmd != 0x04)
        memset(dev->sense, 0, sizeof dev->sense);
    int st;
    if (!c->fn || ((c->flags & LOC) && (f->prev != 0x43 || !f->located))) {
        f->located = false;
        st = REJECT(dev);
    } else if (!f->u.vol && !(c->flags & NR)) {
        st = fba_check(dev, SNS0_INTREQ, 0);
    } else {
        st = c->fn(dev, f, io);
    }
    if (io->cmd != 0x43 && !(c->flags & LOC))
        f->located = false;
    f->prev = io->cmd;
    fba_assert_state(f);
    return st;
}

/* The channel program ends: commit its writes (none if the device is not
   ready). */
static uint8_t fba_program_end(struct device *dev)
{
    struct fba *f = dev->state;
    if (f->u.vol && vol_commit(f->u.vol)) {
        fba_equipment_check(dev, f);
        return US_UC;
    }
    return 0;
}

static void fba_reset(struct device *dev)
{
    struct fba *f = dev->state;
    if (f->u.vol)
        vol_commit(f->u.vol);
    f->extent = f->located = false;
    f->mask = 0;
    f->prev = 0;
    memset(dev->sense, 0, sizeof dev->sense);
}

int fba_attach_volume(struct device *dev, struct volume *vol, const char **err)
{
    const struct dasd_type *t = vol_info(vol)->type;
    if (t->blksize > 4096 || (size_t)t->bpg * t->blksize > DASD_MAX_TRACK) {
        vol_close(vol);
        *err = "FBA geometry too large";   /* devtypes.h.inc is wrong */
        return -1;
    }
    struct fba *f = calloc(1, sizeof *f);
    if (!f) {
        vol_close(vol);
        *err = "out of memory";
        return -1;
    }
    if (dasd_unit_init(&f->u, vol)) {
        free(f);
        *err = "out of memory";
        return -1;
    }
    f->t = t;
    f->blocks = vol_info(vol)->blocks;
    f->bs = t->blksize;
    f->bpg = t->bpg;
    dev->senselen = 24;
    dev->state = f;
    return 0;
}

/* arg: "FILE" or "FILE,ro" (read-only); the file must be an FBA volume. */
static int fba_attach(struct device *dev, const char *arg, const char **err)
{
    static char msg[400];
    struct volume *v = vol_attach(arg, VOL_FBA, msg, sizeof msg);
    if (!v) {
        *err = msg;
        return -1;
    }
    return fba_attach_volume(dev, v, err);
}

static void fba_detach(struct device *dev)
{
    struct fba *f = dev->state;
    if (!f)
        return;
    dasd_unit_close(&f->u);
    free(f);
    dev->state = NULL;
}

struct volume *fba_volume(struct device *dev) { return ((struct fba *)dev->state)->u.vol; }

const struct dev_ops fba_ops = {
    .type = "FBA",
    .devtype = 0x3370,
    .attach = fba_attach,
    .detach = fba_detach,
    .execute = fba_execute,
    .reset = fba_reset,
    .program_end = fba_program_end,
};
