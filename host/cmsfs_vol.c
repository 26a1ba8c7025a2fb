/*
 * cmsfs_vol.c - a CMS minidisk inside a volume file (cmsfs.h): the lock,
 * finding the minidisk through the user directory on the volume
 * (host/dirvol.h, common/directory.h) or an explicit extent, and the
 * block device the file system (cms/fs/edf.h) reads and writes: CKD
 * records R1..Rn of the block size on each track, or FBA blocks, mapped
 * with edf_ckd_locate() / edf_fba_first().  Writes change the track in
 * hand and go to the volume's open transaction when another track is
 * needed or at the end; cmsfs_close() commits or rolls back.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <unistd.h>

#include "cmsfs.h"
#include "directory.h"
#include "dirvol.h"
#include "geometry.h"
#include "track.h"
#include "volume.h"

static int fail(struct cmsfs *c, const char *fmt, const char *a, const char *b)
{
    fprintf(stderr, "%s: %s disk %s: ", c->prog, c->path, c->name);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    return -1;
}

/* USERID.CUU or CUU through the directory on the volume. */
static int find_mdisk(struct cmsfs *c, const char *disk)
{
    char user[9] = "";
    const char *dot = strchr(disk, '.'), *addr = dot ? dot + 1 : disk;
    if (dot) {
        if (dot - disk < 1 || dot - disk > 8)
            return fail(c, "no such user%s%s", "", "");
        memcpy(user, disk, (size_t)(dot - disk));
        user[dot - disk] = 0;
    }
    char *end;
    long cuu = strtol(addr, &end, 16);
    if (*end || end == addr || cuu < 0 || cuu > DIR_MAX_VADDR)
        return fail(c, "not USERID.CUU, CUU, START:COUNT or ALL%s%s", "", "");
    c->cuu = (int)cuu;
    struct dirvol_area a;
    uint8_t *blob;
    size_t len;
    char err[300];
    if (dirvol_read(c->v, &a, &blob, &len, err, sizeof err) < 0)
        return fail(c, "no user directory to find it in (%s); give START:COUNT or ALL%s", err, "");
    int rc = dir_validate(blob, len);
    if (rc) {
        free(blob);
        return fail(c, "the user directory on the volume is damaged (%s)%s", dir_strerror(rc), "");
    }
    struct dir_user u;
    struct dir_dev dv;
    char owners[200] = "";
    unsigned n = 0;
    size_t pos = 0;
    while (dir_next_user(blob, len, &pos, &u) == 1) {
        if (dot && strcasecmp(u.userid, user))
            continue;
        if (dir_find_dev(blob, len, &u, (unsigned)cuu, &dv) != DIR_OK || dv.kind != DIR_MDISK ||
            dv.tdisk) {
            if (dot) {
                free(blob);
                return fail(c, "%s has no minidisk at %s", u.userid, addr);
            }
            continue;
        }
        if (strcmp(dv.volser, c->vi->volser)) {
            if (dot) {
                free(blob);
                fprintf(stderr, "%s: %s disk %s: the minidisk is on volume %s, this is %s\n",
                        c->prog, c->path, c->name, dv.volser, c->vi->volser);
                return -1;
            }
            continue;
        }
        if (n++)
            strncat(owners, " ", sizeof owners - strlen(owners) - 1);
        strncat(owners, u.userid, sizeof owners - strlen(owners) - 1);
        c->first = dv.start, c->count = dv.cyls;
    }
    free(blob);
    if (n == 0)
        return dot ? fail(c, "no user %s in the directory on the volume%s", user, "")
                   : fail(c, "no user has a minidisk at %s on this volume%s", addr, "");
    if (n > 1)
        return fail(c, "%s minidisks are at that address: give USERID.CUU (%s)", "several", owners);
    return 0;
}

/* Find the extent; c->first/count in tracks (CKD) or 512-byte blocks. */
static int find_disk(struct cmsfs *c, const char *disk)
{
    const struct vol_info *vi = c->vi;
    uint32_t size = c->fba ? vi->blocks : vi->cyls;
    const char *colon = strchr(disk, ':');
    if (!strcasecmp(disk, "ALL")) {
        c->first = 0, c->count = size;
    } else if (colon) {
        char *e1, *e2;
        unsigned long s = strtoul(disk, &e1, 10), n = strtoul(colon + 1, &e2, 10);
        if (e1 != colon || e1 == disk || *e2 || e2 == colon + 1 || n == 0)
            return fail(c, "not USERID.CUU, CUU, START:COUNT or ALL%s%s", "", "");
        c->first = (uint32_t)s, c->count = (uint32_t)n;
    } else if (find_mdisk(c, disk)) {
        return -1;
    }
    if ((uint64_t)c->first + c->count > size || c->count == 0) {
        char ext[64];
        snprintf(ext, sizeof ext, "%u+%u", (unsigned)c->first, (unsigned)c->count);
        return fail(c, "extent %s is outside the volume (%s)", ext,
                    c->fba ? "blocks" : "cylinders");
    }
    if (!c->fba) {
        c->cyls = c->count;
        c->first *= vi->heads;
        c->count *= vi->heads;
    }
    return 0;
}

int cmsfs_open(struct cmsfs *c, const char *prog, const char *path, const char *disk,
               bool writable)
{
    memset(c, 0, sizeof *c);
    c->prog = prog;
    c->path = path;
    c->cuu = -1;
    c->cur = -1;
    snprintf(c->name, sizeof c->name, "%s", disk);
    c->lockfd = open(path, O_RDONLY | O_CLOEXEC);
    if (c->lockfd < 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        return -1;
    }
    if (flock(c->lockfd, LOCK_EX | LOCK_NB) != 0) {
        fprintf(stderr, "%s: %s: in use by a running system\n", prog, path);
        close(c->lockfd);
        return -1;
    }
    char err[400];
    c->v = vol_open(path, !writable, err, sizeof err);
    if (!c->v) {
        fprintf(stderr, "%s: %s\n", prog, err);
        close(c->lockfd);
        return -1;
    }
    c->vi = vol_info(c->v);
    c->fba = c->vi->type->fba;
    c->img = malloc(DASD_MAX_TRACK);
    if (!c->img || find_disk(c, disk)) {
        cmsfs_close(c, false);
        return -1;
    }
    return 0;
}

/* ---- the block device ---------------------------------------------------- */

static int flush(struct cmsfs *c)
{
    if (c->dirty && vol_write_track(c->v, (unsigned)c->cur, c->img, c->len)) {
        snprintf(c->why, sizeof c->why, "%s", vol_error(c->v));
        return -1;
    }
    c->dirty = false;
    return 0;
}

static int load(struct cmsfs *c, uint32_t trk)
{
    if (c->cur == (long)trk)
        return 0;
    if (flush(c))
        return -1;
    c->cur = -1;
    if (vol_read_track(c->v, trk, c->img, &c->len)) {
        snprintf(c->why, sizeof c->why, "%s", vol_error(c->v));
        return -1;
    }
    c->cur = trk;
    return 0;
}

/* The data of CMS block blk in the track or row in hand: the CKD record,
   or (FBA) the 512-byte piece `part` of it. */
static uint8_t *locate(struct cmsfs *c, uint32_t blk, unsigned part)
{
    if (blk < 1 || blk > c->dev.nblocks) {
        snprintf(c->why, sizeof c->why, "block %u outside the minidisk", (unsigned)blk);
        return NULL;
    }
    if (c->fba) {
        uint32_t s = c->first + edf_fba_first(blk, c->bs) + part, bpg = c->vi->type->bpg;
        if (load(c, s / bpg))
            return NULL;
        size_t off = (size_t)(s % bpg) * 512;
        return off + 512 <= c->len ? c->img + off : NULL;
    }
    uint32_t trk;
    unsigned rec;
    edf_ckd_locate(blk, c->rpt, &trk, &rec);
    if (load(c, c->first + trk))
        return NULL;
    struct trk_rec r;
    for (size_t off = TRK_HA_LEN; trk_record_at(c->img, c->len, off, &r) == 1; off += trk_rec_size(&r))
        if (r.r == rec && r.kl == 0 && r.dl == c->bs)
            return c->img + off + TRK_COUNT_LEN;
    snprintf(c->why, sizeof c->why, "track %u has no record %u of %u bytes", (unsigned)(c->first + trk),
             rec, c->bs);
    return NULL;
}

static int dev_read(void *ctx, uint32_t blk, uint8_t *buf)
{
    struct cmsfs *c = ctx;
    for (unsigned part = 0; part < (c->fba ? c->bs / 512 : 1); part++) {
        uint8_t *p = locate(c, blk, part);
        if (!p)
            return -1;
        memcpy(buf + part * 512, p, c->fba ? 512 : c->bs);
    }
    return 0;
}

static int dev_write(void *ctx, uint32_t blk, const uint8_t *buf)
{
    struct cmsfs *c = ctx;
    if (vol_readonly(c->v))
        return -1;
    for (unsigned part = 0; part < (c->fba ? c->bs / 512 : 1); part++) {
        uint8_t *p = locate(c, blk, part);
        if (!p)
            return -1;
        memcpy(p, buf + part * 512, c->fba ? 512 : c->bs);
        c->dirty = true;
    }
    return 0;
}

/* Set the device up for block size bs. */
static int set_dev(struct cmsfs *c, unsigned bs)
{
    c->bs = bs;
    if (c->fba) {
        c->dev.nblocks = c->count / (bs / 512);
    } else {
        c->rpt = dasd_records_per_track(c->vi->type, 0, bs);
        c->dev.nblocks = c->count * c->rpt;
    }
    c->dev.blksize = bs;
    c->dev.read = dev_read, c->dev.write = dev_write, c->dev.ctx = c;
    uint32_t files = c->dev.nblocks < 100000 ? c->dev.nblocks : 100000;
    size_t len = EDF_WORK_SIZE(c->dev.nblocks, bs, files);
    free(c->work);
    if (!c->d)
        c->d = malloc(sizeof *c->d);
    c->work = malloc(len);
    return c->d && c->work && c->rpt + c->fba > 0 ? (int)len : -1;
}

/* The block size the minidisk was formatted with (0: none). */
static unsigned detect(struct cmsfs *c)
{
    if (!c->fba) {
        struct trk_rec r;
        if (load(c, c->first) || trk_record_at(c->img, c->len, TRK_HA_LEN, &r) != 1)
            return 0;
        size_t off = TRK_HA_LEN + trk_rec_size(&r);            /* after R0 */
        if (trk_record_at(c->img, c->len, off, &r) != 1 || r.r != 1 || r.kl)
            return 0;
        return r.dl == 1024 || r.dl == 2048 || r.dl == 4096 ? r.dl : 0;
    }
    static const unsigned sizes[] = {4096, 2048, 1024};
    for (unsigned i = 0; i < 3; i++) {
        uint32_t s = c->first + edf_fba_first(EDF_LABEL_BLK, sizes[i]);
        uint32_t bpg = c->vi->type->bpg;
        if (s >= c->first + c->count || load(c, s / bpg))
            continue;
        const uint8_t *p = c->img + (size_t)(s % bpg) * 512;
        if (!memcmp(p, "\xC3\xD4\xE2\xF1", 4) && edf_get32(p + EDF_ADTDBSIZ) == sizes[i])
            return sizes[i];
    }
    return 0;
}

int cmsfs_mount(struct cmsfs *c, bool readonly)
{
    unsigned bs = detect(c);
    if (!bs)
        return c->cur < 0 && c->why[0] ? EDF_E_IO : EDF_E_NOTCMS;
    int len = set_dev(c, bs);
    if (len < 0)
        return EDF_E_SPACE;
    return edf_mount(c->d, &c->dev, readonly, c->work, (size_t)len);
}

int cmsfs_format(struct cmsfs *c, unsigned bs, const char *label, struct edf_time now,
                 uint32_t fs_cyls)
{
    int len = set_dev(c, bs);
    if (len < 0)
        return EDF_E_SPACE;
    if (!c->fba) {
        c->cur = -1;
        unsigned heads = c->vi->heads;
        static uint8_t zero[4096];
        for (uint32_t t = c->first; t < c->first + c->count; t++) {
            size_t off = trk_format_empty(c->img, t / heads, t % heads) - TRK_COUNT_LEN;
            for (unsigned r = 1; r <= c->rpt; r++)
                off = trk_add_record(c->img, off, t / heads, t % heads, r, NULL, 0, zero, bs);
            size_t n = trk_put_end(c->img, off);
            if (vol_write_track(c->v, t, c->img, n)) {
                snprintf(c->why, sizeof c->why, "%s", vol_error(c->v));
                return EDF_E_IO;
            }
        }
    }
    /* the file system on the first fs_cyls cylinders: its device ends
       there, c->dev (the whole minidisk) reaches the rest */
    struct edf_dev fsdev = c->dev;
    if (fs_cyls && !c->fba && fs_cyls < c->cyls)
        fsdev.nblocks = fs_cyls * c->vi->heads * c->rpt;
    else
        fs_cyls = c->cyls;
    struct edf_format_opts o = {.reserve = 0, .cyls = c->fba ? 0 : fs_cyls};
    snprintf(o.volid, sizeof o.volid, "%s", label);
    return edf_format(c->d, &fsdev, &o, &now, c->work, (size_t)len);
}

const char *cmsfs_why(struct cmsfs *c)
{
    static char s[320];
    snprintf(s, sizeof s, c->why[0] ? " (%s)" : "", c->why);
    return s;
}

int cmsfs_close(struct cmsfs *c, bool commit)
{
    int rc = 0;
    if (c->v) {
        if (commit && (flush(c) || vol_commit(c->v))) {
            fprintf(stderr, "%s: %s: nothing written: %s\n", c->prog, c->path,
                    c->why[0] ? c->why : vol_error(c->v));
            rc = -1;
        }
        vol_rollback(c->v);
        vol_close(c->v);
    }
    if (c->lockfd >= 0)
        close(c->lockfd);        /* after SQLite's descriptors (see volume.c) */
    free(c->img);
    free(c->work);
    free(c->d);
    c->v = NULL, c->img = NULL, c->work = NULL, c->d = NULL, c->lockfd = -1;
    return rc;
}
