/*
 * disk.c - CMS's minidisks: what device is at an address (Sense ID, the
 * geometry of dasd/geometry.c, the cylinders found by seeking), block I/O
 * by DIAGNOSE X'18' (VM/370's standard DASD I/O: Seek, Search ID Equal,
 * TIC, Read or Write of a block; writes up to 15 blocks a program), ACCESS (the block size found by
 * trying 4K, 2K and 1K for the CMS1 label) and FORMAT (every track
 * written with records of the block size, then an empty file system).
 * The block mapping is the file system's own (edf_ckd_locate).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <s370io.h>

#include "cms.h"
#include "disk.h"
#include "geometry.h"

#define MAX_FILES 1100          /* directory entries per disk CMS makes room for */

static struct cms_disk disks[26];

struct cms_disk *disk_at(char letter)
{
    if (letter >= 'a' && letter <= 'z')
        letter = (char)(letter - 'a' + 'A');
    if (letter < 'A' || letter > 'Z' || !disks[letter - 'A'].used)
        return NULL;
    return &disks[letter - 'A'];
}

struct cms_disk *disk_of(unsigned vaddr)
{
    for (int i = 0; i < 26; i++)
        if (disks[i].used && disks[i].vaddr == vaddr)
            return &disks[i];
    return NULL;
}

static struct ccw prog[6];
static uint8_t arg[16] __attribute__((aligned(8)));

/* A seek to cylinder cyl: true if the device takes it. */
static bool seek_ok(unsigned vaddr, unsigned cyl)
{
    memset(arg, 0, 6);
    arg[2] = (uint8_t)(cyl >> 8);
    arg[3] = (uint8_t)cyl;
    prog[0] = ccw_make(0x07, arg, 0, 6);
    int us = io_run(vaddr, prog, NULL, NULL);
    return us >= 0 && !(us & US_UC);
}

int disk_geometry(unsigned vaddr, unsigned *devtype, unsigned *heads, unsigned *cyls)
{
    static uint8_t id[7];
    memset(id, 0, sizeof id);
    prog[0] = ccw_make(0xE4, id, CCW_SLI, 7);
    int us = io_run(vaddr, prog, NULL, NULL);
    if (us < 0)
        return DISK_E_NODEV;
    char name[8];
    snprintf(name, sizeof name, "%02X%02X", id[4], id[5]);
    const struct dasd_type *t = id[0] == 0xFF ? dasd_type_find(name) : NULL;
    if (!t || t->fba)
        return DISK_E_NOTDASD;
    *devtype = t->devtype;
    *heads = t->heads;
    unsigned lo = 0, hi = t->cyls + t->altcyls;  /* lo seeks, hi does not */
    if (!seek_ok(vaddr, 0))
        return DISK_E_NOTDASD;
    while (hi - lo > 1) {
        unsigned mid = (lo + hi) / 2;
        if (seek_ok(vaddr, mid))
            lo = mid;
        else
            hi = mid;
    }
    *cyls = lo + 1;
    return EDF_OK;
}

static unsigned rpt_of(unsigned devtype, unsigned bs)
{
    char name[8];
    snprintf(name, sizeof name, "%04X", devtype);
    const struct dasd_type *t = dasd_type_find(name);
    return t ? dasd_records_per_track(t, 0, bs) : 0;
}

/* The Seek and Search ID arguments of a block: a[0..5] BBCCHH, a[8..12] CCHHR. */
static void block_arg(const struct cms_disk *k, uint32_t blk, uint8_t a[16])
{
    uint32_t trk;
    unsigned rec;
    edf_ckd_locate(blk, k->rpt, &trk, &rec);
    unsigned cyl = trk / k->heads, head = trk % k->heads;
    memset(a, 0, 16);
    a[2] = (uint8_t)(cyl >> 8);
    a[3] = (uint8_t)cyl;
    a[5] = (uint8_t)head;
    memcpy(a + 8, a + 2, 4);
    a[12] = (uint8_t)rec;
}

/* DIAGNOSE X'18' on one block: 0, or -1. */
static int block_io(struct cms_disk *k, uint32_t blk, uint8_t *buf, bool write, unsigned bs)
{
    static uint8_t a[16] __attribute__((aligned(8)));
    block_arg(k, blk, a);
    prog[0] = ccw_make(0x07, a, CCW_CC, 6);
    prog[1] = ccw_make(0x31, a + 8, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(write ? 0x05 : 0x06, buf, CCW_SLI, (uint16_t)bs);
    uint32_t r15 = 1;
    return diag(0x18, k->vaddr, (uint32_t)(uintptr_t)prog, NULL, NULL, &r15) ? -1 : 0;
}

/*
 * Writes wait here, in the order they came, until BATCH blocks of one
 * disk go to it in one DIAGNOSE X'18' program: one channel program, so
 * one transaction on the volume, where a block each made one each.  The
 * queue goes out before a write to another disk, when it is full, and at
 * the end of a commit (disk_commit, disk_format); a read of a queued
 * block gets it from here.  A program is all or nothing on the volume,
 * and programs run in order, so the file system's ordered updates stay
 * ordered.  Uncommitted writes are dropped when the disk is released or
 * HX accesses the disks again (nothing on disk refers to them).
 */
#define BATCH 15                /* CP's limit of reads and writes in one X'18' program */

static struct {
    struct cms_disk *k;         /* whose blocks wait, NULL: none */
    unsigned n;
    uint32_t blk[BATCH];
    uint8_t *buf;               /* BATCH blocks of EDF_MAX_BLKSIZE */
} wb;

static int wb_flush(void)
{
    static struct ccw p[4 * BATCH];
    static uint8_t a[BATCH][16] __attribute__((aligned(8)));
    struct cms_disk *k = wb.k;
    if (!k || !wb.n)
        return 0;
    unsigned bs = k->dev.blksize;
    for (unsigned i = 0; i < wb.n; i++) {
        block_arg(k, wb.blk[i], a[i]);
        p[4 * i] = ccw_make(0x07, a[i], CCW_CC, 6);
        p[4 * i + 1] = ccw_make(0x31, a[i] + 8, CCW_CC, 5);
        p[4 * i + 2] = ccw_make(0x08, &p[4 * i + 1], 0, 0);
        p[4 * i + 3] = ccw_make(0x05, wb.buf + i * bs, (uint8_t)(CCW_SLI | (i + 1 < wb.n ? CCW_CC : 0)),
                                (uint16_t)bs);
    }
    uint32_t r15 = wb.n;
    wb.n = 0;
    if (diag(0x18, k->vaddr, (uint32_t)(uintptr_t)p, NULL, NULL, &r15)) {
        k->lost = true;                 /* its next commit fails */
        return -1;
    }
    return 0;
}

/* Forget what waits for disk k (released, or accessed again after HX). */
static void wb_drop(const struct cms_disk *k)
{
    if (wb.k == k)
        wb.n = 0;
}

static int dev_read(void *ctx, uint32_t blk, uint8_t *buf)
{
    struct cms_disk *k = ctx;
    con_poll();
    if (wb.k == k)
        for (unsigned i = 0; i < wb.n; i++)
            if (wb.blk[i] == blk) {
                memcpy(buf, wb.buf + i * k->dev.blksize, k->dev.blksize);
                return 0;
            }
    return block_io(k, blk, buf, false, k->dev.blksize);
}

static int dev_write(void *ctx, uint32_t blk, const uint8_t *buf)
{
    struct cms_disk *k = ctx;
    unsigned bs = k->dev.blksize;
    if (!wb.buf && !(wb.buf = malloc(BATCH * EDF_MAX_BLKSIZE)))
        return block_io(k, blk, (uint8_t *)buf, true, bs);
    if (wb.k != k)
        wb_flush();                     /* a failure is the other disk's */
    wb.k = k;
    unsigned i = 0;
    while (i < wb.n && wb.blk[i] != blk)
        i++;
    if (i == BATCH) {
        if (wb_flush() < 0)
            return -1;
        i = 0;
    }
    if (i == wb.n)
        wb.blk[wb.n++] = blk;
    memcpy(wb.buf + i * bs, buf, bs);
    return 0;
}

void disk_now(struct edf_time *t)
{
    uint64_t v, tot;
    char date[9], time[9];
    cp_times(&v, &tot, date, time);         /* mm/dd/yy hh:mm:ss */
    t->mon = (unsigned)atoi(date);
    t->day = (unsigned)atoi(date + 3);
    t->year = 2000 + (unsigned)atoi(date + 6);
    t->hour = (unsigned)atoi(time);
    t->min = (unsigned)atoi(time + 3);
    t->sec = (unsigned)atoi(time + 6);
}

void disk_stamp_all(void)
{
    struct edf_time now;
    bool have = false;
    for (int i = 0; i < 26; i++)
        if (disks[i].used) {
            if (!have)
                disk_now(&now);
            have = true;
            disks[i].d->now = now;
        }
}

int disk_commit(struct cms_disk *k)
{
    disk_now(&k->d->now);
    k->dirty = false;
    int rc = edf_commit(k->d);
    if (wb.k == k)
        wb_flush();
    if (k->lost) {
        k->d->readonly = true;          /* as edf_commit does when a write fails */
        k->d->damage = EDF_E_IO;
        rc = EDF_E_IO;
    }
    return rc;
}

char disk_commit_dirty(void)
{
    char bad = 0;
    for (int i = 0; i < 26; i++)
        if (disks[i].used && disks[i].dirty && !svc_writing_on(&disks[i]) &&
            disk_commit(&disks[i]) != EDF_OK)
            bad = disks[i].letter;
    return bad;
}

void disk_release(char letter)
{
    struct cms_disk *k = disk_at(letter);
    if (k) {
        wb_drop(k);
        free(k->work);
        free(k->d);
        memset(k, 0, sizeof *k);
    }
}

/* Is the device's write protected (a read-only link)?  A write of the
   label block back onto itself is refused with a unit check then. */
static bool write_protected(struct cms_disk *k, unsigned bs)
{
    uint8_t *b = malloc(bs);
    bool ro = !b || block_io(k, EDF_LABEL_BLK, b, false, bs) < 0 ||
              block_io(k, EDF_LABEL_BLK, b, true, bs) < 0;
    free(b);
    return ro;
}

int disk_access(unsigned vaddr, char letter, int *damage)
{
    static const unsigned sizes[] = {4096, 2048, 1024};
    struct cms_disk k;
    memset(&k, 0, sizeof k);
    *damage = EDF_OK;
    int rc = disk_geometry(vaddr, &k.devtype, &k.heads, &k.cyls);
    if (rc)
        return rc;
    k.vaddr = vaddr;
    k.letter = letter;
    uint8_t *b = malloc(EDF_MAX_BLKSIZE);
    if (!b)
        return EDF_E_SPACE;
    unsigned bs = 0;
    for (int i = 0; i < 3 && !bs; i++) {
        k.rpt = rpt_of(k.devtype, sizes[i]);
        if (k.rpt && block_io(&k, EDF_LABEL_BLK, b, false, sizes[i]) == 0 &&
            !memcmp(b, "\xC3\xD4\xE2\xF1", 4) && edf_get32(b + EDF_ADTDBSIZ) == sizes[i])
            bs = sizes[i];
    }
    if (!bs) {
        free(b);
        return EDF_E_NOTCMS;
    }
    uint32_t nblocks = edf_get32(b + EDF_ADTNUM);
    free(b);
    uint32_t files = nblocks < MAX_FILES ? nblocks : MAX_FILES;
    size_t worklen = EDF_WORK_SIZE(nblocks, bs, files);
    k.work = malloc(worklen);
    k.d = malloc(sizeof *k.d);
    if (!k.work || !k.d) {
        free(k.work);
        free(k.d);
        return EDF_E_SPACE;
    }
    k.dev = (struct edf_dev){bs, (uint32_t)k.cyls * k.heads * k.rpt, dev_read, dev_write, NULL};
    k.readonly = write_protected(&k, bs);
    disk_release(letter);
    struct cms_disk *slot = &disks[letter - 'A'];
    *slot = k;
    slot->dev.ctx = slot;
    rc = edf_mount(slot->d, &slot->dev, slot->readonly, slot->work, worklen);
    if (wb.k == slot && wb_flush() < 0 && rc == EDF_OK)
        rc = EDF_E_IO;
    wb_drop(slot);
    if (rc == EDF_E_MAP || rc == EDF_E_FILE) {
        *damage = rc;
        slot->readonly = true;
        rc = EDF_OK;
    }
    if (rc != EDF_OK) {
        free(slot->work);
        free(slot->d);
        memset(slot, 0, sizeof *slot);
        return rc;
    }
    slot->used = true;
    return EDF_OK;
}

/* One track written with rpt records of bs zero bytes (Write CKD after
   R0), by SIO: a formatting write, which DIAGNOSE X'18' does not do. */
static int format_track(unsigned vaddr, unsigned cyl, unsigned head, unsigned rpt, unsigned bs,
                        uint8_t *area)
{
    static struct ccw p[4 + 64];
    static uint8_t a[16] __attribute__((aligned(8)));
    memset(a, 0, sizeof a);
    a[2] = (uint8_t)(cyl >> 8);
    a[3] = (uint8_t)cyl;
    a[5] = (uint8_t)head;
    memcpy(a + 8, a + 2, 4);                /* search R0 */
    p[0] = ccw_make(0x07, a, CCW_CC, 6);
    p[1] = ccw_make(0x31, a + 8, CCW_CC, 5);
    p[2] = ccw_make(0x08, &p[1], 0, 0);
    for (unsigned r = 0; r < rpt; r++) {
        uint8_t *c = area + r * (8 + bs);
        memset(c, 0, 8 + bs);
        c[0] = (uint8_t)(cyl >> 8);
        c[1] = (uint8_t)cyl;
        c[3] = (uint8_t)head;
        c[4] = (uint8_t)(r + 1);
        c[6] = (uint8_t)(bs >> 8);
        c[7] = (uint8_t)bs;
        p[3 + r] = ccw_make(0x1D, c, r + 1 < rpt ? CCW_CC : 0, (uint16_t)(8 + bs));
    }
    int us = io_run(vaddr, p, NULL, NULL);
    return us == (US_CE | US_DE) ? 0 : -1;
}

int disk_format(unsigned vaddr, unsigned bs, const char *volid)
{
    struct cms_disk k;
    memset(&k, 0, sizeof k);
    int rc = disk_geometry(vaddr, &k.devtype, &k.heads, &k.cyls);
    if (rc)
        return rc;
    k.vaddr = vaddr;
    k.rpt = rpt_of(k.devtype, bs);
    if (!k.rpt || k.rpt > 64)
        return EDF_E_BLKSIZE;
    uint8_t *area = malloc(k.rpt * (8 + bs));
    if (!area)
        return EDF_E_SPACE;
    for (unsigned c = 0; c < k.cyls; c++)
        for (unsigned h = 0; h < k.heads; h++)
            if (format_track(vaddr, c, h, k.rpt, bs, area) < 0) {
                free(area);
                return EDF_E_IO;
            }
    free(area);
    uint32_t nblocks = (uint32_t)k.cyls * k.heads * k.rpt;
    uint32_t files = nblocks < MAX_FILES ? nblocks : MAX_FILES;
    size_t worklen = EDF_WORK_SIZE(nblocks, bs, files);
    void *work = malloc(worklen);
    struct edf_disk *d = malloc(sizeof *d);
    if (!work || !d) {
        free(work);
        free(d);
        return EDF_E_SPACE;
    }
    k.dev = (struct edf_dev){bs, nblocks, dev_read, dev_write, &k};
    struct edf_format_opts o;
    memset(&o, 0, sizeof o);
    snprintf(o.volid, sizeof o.volid, "%s", volid);
    o.cyls = k.cyls;
    struct edf_time now;
    disk_now(&now);
    rc = edf_format(d, &k.dev, &o, &now, work, worklen);
    if (wb.k == &k) {                   /* k is ours only */
        if (wb_flush() < 0 && rc == EDF_OK)
            rc = EDF_E_IO;
        wb.k = NULL;
    }
    free(work);
    free(d);
    return rc;
}
