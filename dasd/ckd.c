/*
 * ckd.c - the CKD direct-access device (2314, 3330, 3340, 3350, 3380):
 * attach, the command dispatcher with the file-mask checks, positioning
 * (seek, recalibrate, sectors, moving from record to record), sense and
 * identification.  Searches are in ckd_search.c, reads and writes in
 * ckd_rw.c; the state and its invariants in ckd.h; the track image in
 * track.h; the volume file in volume.c.
 *
 * Writes go to the volume when the device leaves the track or the channel
 * program ends (inside the program's transaction); program_end() stores
 * the last track and commits.  A failing volume
 * gives unit check with equipment check and the transaction is rolled
 * back, so the file keeps the last committed program's state; if the
 * failure lasts, the device is then not ready until its file opens again
 * (dasd.h, dasd_any.c): every command but Sense and Sense ID ends with
 * intervention required.
 */
#include <assert.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ckd.h"

static_assert(offsetof(struct ckd, u) == 0, "dasd_unit() takes the state for its unit");

/* The invariants of ckd.h, checked after every command in debug builds. */
static void ckd_assert_state(const struct ckd *k)
{
    (void)k;
    assert(k->cyl < k->cyls && k->head < k->heads);
    assert(!k->loaded || (k->trklen >= TRK_HA_LEN + TRK_COUNT_LEN && k->trklen <= DASD_MAX_TRACK));
    assert(!k->loaded || k->orient < OR_COUNT ||
           k->rec.off + trk_rec_size(&k->rec) + TRK_COUNT_LEN <= k->trklen);
    assert(k->orient < OR_COUNT || (k->loaded && k->btrk == k->cyl * k->heads + k->head));
    assert(!k->dirty || k->loaded);
    assert(k->index_passes < 2);
    assert(k->u.vol || (!k->loaded && !k->dirty));
}

/* --- sense and errors -------------------------------------------------- */

/* Unit check with sense bytes 0 and 1; the rest says where the device is
   (byte 4 the unit address, bytes 5-6 the cylinder, 24-byte sense only). */
int ckd_check(struct device *dev, uint8_t s0, uint8_t s1)
{
    struct ckd *k = dev->state;
    memset(dev->sense, 0, sizeof dev->sense);
    dev->senselen = (uint8_t)k->t->senselen;
    dev->sense[0] = s0;
    dev->sense[1] = s1;
    if (dev->senselen >= 24) {
        dev->sense[4] = (uint8_t)dev->addr;
        dev->sense[5] = (uint8_t)(k->cyl >> 8);
        dev->sense[6] = (uint8_t)k->cyl;
    }
    return US_CE | US_DE | US_UC;
}

/* The volume failed: forget the cached track (the transaction is rolled
   back), report an equipment check; the device may now be not ready
   (dasd_unit_fail()). */
int ckd_equipment_check(struct device *dev, struct ckd *k)
{
    k->loaded = k->dirty = false;
    k->orient = OR_INDEX;
    dasd_unit_fail(dev, &k->u);
    return ckd_check(dev, SNS0_EQUIPCHK, 0);
}

/* --- the current track ----------------------------------------------------- */

/* Make sure trk holds the current track, storing the one it held if that
   has pending writes.  Returns 0 or a unit status. */
int ckd_load(struct device *dev, struct ckd *k)
{
    unsigned cur = k->cyl * k->heads + k->head;
    if (k->loaded && k->fresh && k->btrk == cur)
        return 0;
    int st = ckd_flush(dev, k);
    if (st)
        return st;
    k->loaded = false;
    if (vol_read_track(k->u.vol, cur, k->trk, &k->trklen))
        return ckd_equipment_check(dev, k);
    char why[160];
    if (trk_check(k->t, k->trk, k->trklen, k->cyl, k->head, why, sizeof why)) {
        fprintf(stderr, "cpcms: DASD %03X: %s: cylinder %u head %u: %s\n", dev->addr,
                vol_path(k->u.vol), k->cyl, k->head, why);
        return ckd_check(dev, SNS0_EQUIPCHK, CKD_S1_ITF);
    }
    k->btrk = cur;
    k->loaded = k->fresh = true;
    return 0;
}

/* The current track has been written: it is stored by ckd_flush().
   Returns 0 (the signature keeps the callers' error path). */
int ckd_store(struct device *dev, struct ckd *k)
{
    (void)dev;
    k->dirty = true;
    return 0;
}

/* Give trk's pending writes to the volume (inside the program's
   transaction).  Returns 0 or a unit status (equipment check). */
int ckd_flush(struct device *dev, struct ckd *k)
{
    if (!k->dirty)
        return 0;
    k->dirty = false;
    if (vol_write_track(k->u.vol, k->btrk, k->trk, k->trklen))
        return ckd_equipment_check(dev, k);
    return 0;
}

/* Move to another track of the volume: orientation index.  The image of
   the track left stays in trk until another is loaded. */
void ckd_set_track(struct ckd *k, unsigned cyl, unsigned head)
{
    if (cyl != k->cyl || head != k->head)
        k->fresh = false;
    k->cyl = cyl;
    k->head = head;
    k->orient = OR_INDEX;
    k->index_passes = 0;
}

/*
 * Move to the next count area: the record after `rec`, or the first
 * (R0) at index.  At the end of the track a multitrack command goes on
 * to the next head (end of cylinder after the last; file protected if
 * the file mask inhibits multitrack); any other passes the index, and
 * the second index point passed gives no record found.  skip_r0: a
 * record 0 reached from the index is passed over (read commands).
 * Returns 0 with k->rec the record and orientation COUNT, or a status.
 */
int ckd_next_count(struct device *dev, struct ckd *k, bool mt, bool skip_r0)
{
    int st = ckd_load(dev, k);
    if (st)
        return st;
    size_t off = (k->orient == OR_INDEX || k->orient == OR_HA) ? TRK_HA_LEN
                                                                : k->rec.off + trk_rec_size(&k->rec);
    for (;;) {
        struct trk_rec r;
        int got = trk_record_at(k->trk, k->trklen, off, &r);
        if (got < 0)
            return ckd_check(dev, SNS0_EQUIPCHK, CKD_S1_ITF); /* trk_check() prevents it */
        if (got > 0 && !(skip_r0 && off == TRK_HA_LEN && r.r == 0)) {
            k->rec = r;
            k->orient = OR_COUNT;
            return 0;
        }
        if (got > 0) {
            off += trk_rec_size(&r);
            continue;
        }
        /* The end of the track. */
        if (mt) {
            if ((k->mask & CKD_MASK_SMASK) == CKD_MASK_S_NONE)
                return ckd_check(dev, SNS0_CMDREJ, CKD_S1_FP);
            if (k->head + 1 >= k->heads) {
                k->orient = OR_INDEX;
                return ckd_check(dev, 0, CKD_S1_EOC);
            }
            ckd_set_track(k, k->cyl, k->head + 1);
            if ((st = ckd_load(dev, k)))
                return st;
        } else if (++k->index_passes >= 2) {
            k->orient = OR_INDEX;
            k->index_passes = 0;
            return ckd_check(dev, 0, CKD_S1_NRF);
        }
        k->orient = OR_INDEX;
        off = TRK_HA_LEN;
    }
}

/* --- control commands ------------------------------------------------------ */

static int ckd_nop(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    io->len = 0;
    return CKD_OK;
}

static int ckd_sense(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    if (!dev->senselen)
        dev->senselen = (uint8_t)k->t->senselen;
    return dev_sense(dev, io);
}

static int ckd_sense_id(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    uint8_t id[7];
    unsigned n = dasd_sense_id(k->t, id);
    if (!n)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    memcpy(io->buf, id, io->count < n ? io->count : n);
    io->len = n;
    return CKD_OK;
}

static int ckd_rdc(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    uint8_t rdc[64];
    unsigned n = dasd_devchar(k->t, k->cyls, rdc);
    if (!n)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    memcpy(io->buf, rdc, io->count < n ? io->count : n);
    io->len = n;
    return CKD_OK;
}

/*
 * Seek (BBCCHH), Seek Cylinder (CCHH matter), Seek Head (HH matters).
 * An address outside the device type (its primary and alternate
 * cylinders) is rejected; a cylinder the device has but this volume does
 * not (a volume made smaller than the device) gives a seek check.
 */
static int ckd_seek(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    io->len = 6;
    if (io->count < 6)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    const uint8_t *b = io->buf;
    unsigned bb = trk_get16(b), cc = trk_get16(b + 2), hh = trk_get16(b + 4);
    if (io->cmd == 0x1B)
        cc = k->cyl;
    if (bb || cc >= k->t->cyls + k->t->altcyls || hh >= k->heads)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    if (cc >= k->cyls)
        return ckd_check(dev, CKD_S0_SEEKCHK, 0);
    ckd_set_track(k, cc, hh);
    return CKD_OK;
}

static int ckd_recalibrate(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    io->len = 0;
    ckd_set_track(k, 0, 0);
    return CKD_OK;
}

/* Set File Mask: once per chain, reserved bits zero. */
static int ckd_set_file_mask(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    io->len = 1;
    if (io->count < 1 || k->mask_set || (io->buf[0] & CKD_MASK_RESERVED))
        return ckd_check(dev, SNS0_CMDREJ, 0);
    k->mask = io->buf[0];
    k->mask_set = true;
    return CKD_OK;
}

/*
 * Sectors: the angular position on the track, counted from the index in
 * t->sectors steps of the track's capacity.  Set Sector leaves the device
 * at the index (every record is still ahead, which is what a program
 * waiting for a sector wants); Read Sector gives the sector where the
 * current record starts, from the space the records before it take.
 */
static int ckd_set_sector(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    io->len = 1;
    if (io->count < 1 || (io->buf[0] >= k->t->sectors && io->buf[0] != 0xFF))
        return ckd_check(dev, SNS0_CMDREJ, 0);
    k->orient = OR_INDEX;
    return CKD_OK;
}

static int ckd_read_sector(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    unsigned long used = 0;
    if (k->loaded && k->orient >= OR_COUNT) {
        struct trk_rec r;
        size_t off = TRK_HA_LEN;
        while (off < k->rec.off && trk_record_at(k->trk, k->trklen, off, &r) > 0) {
            if (r.r != 0 || off != TRK_HA_LEN)
                used += dasd_record_space(k->t, r.kl, r.dl, false);
            off += trk_rec_size(&r);
        }
    }
    unsigned long s = used * k->t->sectors / k->t->trklen;
    if (io->count)
        io->buf[0] = (uint8_t)(s < k->t->sectors ? s : k->t->sectors - 1);
    io->len = 1;
    return CKD_OK;
}

/* --- dispatch ---------------------------------------------------------------- */

enum { W_UPD = 1, W_FMT = 2, W_HA = 4, S_ALL = 8, S_CYL = 16, S_HEAD = 32, RPS = 64, NR = 128 };

struct ckd_cmd {
    ckd_handler *fn;
    const char *name;
    uint8_t flags;
};

static const struct ckd_cmd cmds[256] = {
#define CMD(code, nm, h, fl) [code] = {h, #nm, fl},
#define CMDMT(code, nm, h, fl) [code] = {h, #nm, fl}, [(code) | 0x80] = {h, #nm " MT", fl},
#include "ckd_cmds.h.inc"
#undef CMD
#undef CMDMT
};

/* Does the file mask or the attach mode forbid command c?  0 or a status. */
static int mask_check(struct device *dev, struct ckd *k, const struct ckd_cmd *c)
{
    uint8_t w = k->mask & CKD_MASK_WMASK, s = k->mask & CKD_MASK_SMASK;
    if (c->flags & (W_UPD | W_FMT | W_HA)) {
        if (vol_readonly(k->u.vol))
            return ckd_check(dev, SNS0_CMDREJ, CKD_S1_WRI);
        bool ok = (c->flags & W_UPD) ? w != CKD_MASK_W_NONE
                : (c->flags & W_FMT) ? (w == CKD_MASK_W_ALL || w == CKD_MASK_W_NOHA)
                : w == CKD_MASK_W_ALL;
        if (!ok)
            return ckd_check(dev, SNS0_CMDREJ, CKD_S1_FP);
    }
    if (((c->flags & S_ALL) && s != CKD_MASK_S_ALL) ||
        ((c->flags & S_CYL) && s != CKD_MASK_S_ALL && s != CKD_MASK_S_CYLHEAD) ||
        ((c->flags & S_HEAD) && s == CKD_MASK_S_NONE))
        return ckd_check(dev, SNS0_CMDREJ, CKD_S1_FP);
    if ((c->flags & RPS) && !k->t->sectors)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    return 0;
}

/*
 * One command: a new channel program resets the chain state (and a
 * device that is not ready tries its file again, dasd_unit_try()); the
 * error bits of the last unit check are reset (except by Sense); then an
 * unknown command is rejected, a device not ready refuses all but the
 * NR commands (intervention required), and the file mask is checked.
 */
static int ckd_execute(struct device *dev, struct ccw_io *io)
{
    struct ckd *k = dev->state;
    if (!io->chained) {
        /* A new channel program: a fresh chain state. */
        k->mask = 0;
        k->mask_set = false;
        k->prev = 0;
        k->id_eq = k->key_eq = k->ha_eq = false;
        k->index_passes = 0;
        dasd_unit_try(dev, &k->u, false);
    }
    io->len = 0;
    const struct ckd_cmd *c = &cmds[io->cmd];
    if (io->cmd != 0x04)
        memset(dev->sense, 0, sizeof dev->sense);
    int st;
    if (!c->fn)
        st = ckd_check(dev, SNS0_CMDREJ, 0);
    else if (!k->u.vol && !(c->flags & NR))
        st = ckd_check(dev, SNS0_INTREQ, 0);
    else if (!(st = mask_check(dev, k, c)))
        st = c->fn(dev, k, io);
    if (!(c->fn == ckd_search_id || c->fn == ckd_search_key || c->fn == ckd_search_ha))
        k->id_eq = k->key_eq = k->ha_eq = false;
    k->prev = io->cmd;
    ckd_assert_state(k);
    return st;
}

/* The channel program ends: store and commit its writes (none if the
   device is not ready). */
static uint8_t ckd_program_end(struct device *dev)
{
    struct ckd *k = dev->state;
    if (!k->u.vol)
        return 0;
    if (ckd_flush(dev, k))
        return US_UC;
    if (vol_commit(k->u.vol)) {
        ckd_equipment_check(dev, k);
        return US_UC;
    }
    return 0;
}

static void ckd_reset(struct device *dev)
{
    struct ckd *k = dev->state;
    if (k->u.vol && !ckd_flush(dev, k))
        vol_commit(k->u.vol);
    k->orient = OR_INDEX;
    k->mask = 0;
    memset(dev->sense, 0, sizeof dev->sense);
}

int ckd_attach_volume(struct device *dev, struct volume *vol, const char **err)
{
    struct ckd *k = calloc(1, sizeof *k);
    if (!k) {
        vol_close(vol);
        *err = "out of memory";
        return -1;
    }
    if (dasd_unit_init(&k->u, vol)) {
        free(k);
        *err = "out of memory";
        return -1;
    }
    const struct vol_info *i = vol_info(vol);
    k->t = i->type;
    k->cyls = i->cyls;
    k->heads = i->heads;
    dev->senselen = (uint8_t)k->t->senselen;
    dev->state = k;
    return 0;
}

/* arg: "FILE" or "FILE,ro" (read-only); the file must be a CKD volume. */
static int ckd_attach(struct device *dev, const char *arg, const char **err)
{
    static char msg[400];
    struct volume *v = vol_attach(arg, VOL_CKD, msg, sizeof msg);
    if (!v) {
        *err = msg;
        return -1;
    }
    return ckd_attach_volume(dev, v, err);
}

static void ckd_detach(struct device *dev)
{
    struct ckd *k = dev->state;
    if (!k)
        return;
    if (k->u.vol)
        ckd_flush(dev, k);
    dasd_unit_close(&k->u);
    free(k);
    dev->state = NULL;
}

/* The volume behind a CKD device (tests, tools); NULL if not ready. */
struct volume *ckd_volume(struct device *dev) { return ((struct ckd *)dev->state)->u.vol; }

const struct dev_ops ckd_ops = {
    .type = "CKD",
    .devtype = 0x3330,
    .attach = ckd_attach,
    .detach = ckd_detach,
    .execute = ckd_execute,
    .reset = ckd_reset,
    .program_end = ckd_program_end,
};
