/*
 * edf_disk.c - a CMS minidisk as a whole (edf.h has the layout): the
 * block cache, FORMAT, mounting and checking a disk, the directory
 * operations (lookup, list, erase, rename, usage) and the commit that
 * writes a new directory and map and then the label.  Records are in
 * edf_file.c, allocation and pointer blocks in edf_alloc.c.
 */
#include <string.h>

#include "edf.h"
#include "ebcdic.h"

static const uint8_t cms1[4] = {0xC3, 0xD4, 0xE2, 0xF1};                 /* 'CMS1' */
static const uint8_t dir_name[16] = {0, 0, 0, 1, 0, 0, 0, 0,
                                     0xC4, 0xC9, 0xD9, 0xC5, 0xC3, 0xE3, 0xD6, 0xD9};  /* DIRECTOR */
static const uint8_t map_name[16] = {0, 0, 0, 2, 0, 0, 0, 0,
                                     0xC1, 0xD3, 0xD3, 0xD6, 0xC3, 0xD4, 0xC1, 0xD7};  /* ALLOCMAP */

/* ---- the block cache ------------------------------------------------------ */

/*
 * Read block blk through the cache; *data points at it until the next
 * edf_bread().  EDF_E_IO if the device fails or blk is not on it.
 */
int edf_bread(struct edf_disk *d, uint32_t blk, const uint8_t **data)
{
    struct edf_cblk *victim = &d->cache[0];
    d->tick++;
    for (unsigned i = 0; i < EDF_CACHE; i++) {
        struct edf_cblk *c = &d->cache[i];
        if (c->blk == blk && blk) {
            c->age = d->tick;
            *data = c->data;
            return EDF_OK;
        }
        if (c->age < victim->age)
            victim = c;
    }
    if (blk < 1 || blk > d->dev.nblocks)
        return EDF_E_IO;
    victim->blk = 0;
    if (d->dev.read(d->dev.ctx, blk, victim->data))
        return EDF_E_IO;
    victim->blk = blk;
    victim->age = d->tick;
    *data = victim->data;
    return EDF_OK;
}

/* Write block blk (keeping the cache true).  EDF_OK or EDF_E_IO. */
int edf_bwrite(struct edf_disk *d, uint32_t blk, const uint8_t *data)
{
    if (blk < 1 || blk > d->dev.nblocks)
        return EDF_E_IO;
    int rc = d->dev.write(d->dev.ctx, blk, data);
    for (unsigned i = 0; i < EDF_CACHE; i++)
        if (d->cache[i].blk == blk) {
            if (rc)
                d->cache[i].blk = 0;
            else
                memcpy(d->cache[i].data, data, d->bs);
        }
    return rc ? EDF_E_IO : EDF_OK;
}

/* ---- setting up ------------------------------------------------------------ */

static bool blksize_ok(unsigned bs) { return bs == 1024 || bs == 2048 || bs == 4096; }

/* Lay the maps, the FSTs and the commit's block list out in the work
   area for a disk of d->nblocks blocks.  EDF_OK or EDF_E_SPACE. */
static int setup(struct edf_disk *d, void *work, size_t worklen)
{
    d->maplen = (d->nblocks + 7) / 8;
    size_t maps = 2 * (size_t)d->maplen;
    maps = (maps + 3) & ~(size_t)3;
    if (worklen < maps + 4 * EDF_FST_LEN)
        return EDF_E_SPACE;
    uint8_t *w = work;
    d->map_old = w, d->map_new = w + d->maplen;
    size_t rest = worklen - maps;
    uint32_t n = (uint32_t)(rest / (EDF_FST_LEN + 1));
    while (n > 2 && (size_t)n * EDF_FST_LEN + 4 * (size_t)edf_commit_blocks(d, n) > rest)
        n -= n / 64 + 1;
    if (n <= 2)
        return EDF_E_SPACE;
    d->fst = w + maps + 4 * (size_t)edf_commit_blocks(d, n);
    d->resv = (uint32_t *)(void *)(w + maps);
    d->maxresv = edf_commit_blocks(d, n);
    d->maxfst = n;
    return EDF_OK;
}

/* The free blocks of the new map (those marked in neither). */
static uint32_t count_free(const struct edf_disk *d)
{
    uint32_t n = 0;
    for (uint32_t b = EDF_FIRST_FREE; b <= d->nblocks; b++)
        if (!edf_marked(d->map_old, b) && !edf_marked(d->map_new, b))
            n++;
    return n;
}

static uint32_t count_used(const uint8_t *map, uint32_t nblocks)
{
    uint32_t n = 0;
    for (uint32_t b = 1; b <= nblocks; b++)
        n += edf_marked(map, b);
    return n;
}

/* Set the halfword copies of an FST's fullword counts, where they fit. */
void edf_fst_fix(uint8_t *fst)
{
    uint32_t aic = edf_get32(fst + EDF_FSTAIC), adbc = edf_get32(fst + EDF_FSTADBC);
    uint32_t fop = edf_get32(fst + EDF_FSTFOP);
    edf_put16(fst + EDF_FSTRECCT, aic <= 0xFFFF ? aic : 0);
    edf_put16(fst + EDF_FSTBLKCT, adbc <= 0xFFFF ? adbc : 0);
    edf_put16(fst + EDF_FSTFCLPT, fop <= 0xFFFF ? fop : 0);
    edf_put16(fst + EDF_FSTWRPNT, aic < 0xFFFF ? aic + 1 : 0);
    edf_put16(fst + EDF_FSTRDPNT, 1);
}

static void system_fst(struct edf_disk *d, uint8_t *fst, const uint8_t name[16], uint32_t lrecl)
{
    memset(fst, 0, EDF_FST_LEN);
    memcpy(fst, name, 16);
    fst[EDF_FSTFMODE] = fst[EDF_FSTFMODE + 1] = 0x40;
    fst[EDF_FSTRECFM] = EDF_RECFM_F;
    edf_put32(fst + EDF_FSTLRECL, lrecl);
    fst[EDF_FSTPTRSZ] = 4;
    edf_stamp(d, fst);
}

int edf_format(struct edf_disk *d, const struct edf_dev *dev, const struct edf_format_opts *o,
               const struct edf_time *now, void *work, size_t worklen)
{
    memset(d, 0, sizeof *d);
    d->dev = *dev;
    d->bs = dev->blksize;
    d->now = *now;
    if (!blksize_ok(d->bs))
        return EDF_E_BLKSIZE;
    size_t vl = strlen(o->volid);
    uint8_t id[8];
    if (vl < 1 || vl > 6 || edf_name(o->volid, id))
        return EDF_E_ARG;
    d->nblocks = dev->nblocks;
    if (d->nblocks < EDF_FIRST_FREE + o->reserve + 8)
        return EDF_E_ARG;
    int rc = setup(d, work, worklen);
    if (rc)
        return rc;
    memset(d->map_old, 0, d->maplen);
    memset(d->map_new, 0, d->maplen);
    for (uint32_t b = 1; b < EDF_FIRST_FREE + o->reserve; b++)
        edf_mark(d->map_new, b, true);
    d->nfree = count_free(d);
    /* The old label goes first: a format cut short leaves no CMS disk. */
    memset(d->tmp, 0, d->bs);
    for (uint32_t b = 1; b <= EDF_LABEL_BLK; b++)
        if (edf_bwrite(d, b, d->tmp))
            return EDF_E_IO;
    uint8_t *l = d->label;
    memset(l, 0, EDF_LABEL_LEN);
    memcpy(l + EDF_ADTIDENT, cms1, 4);
    memcpy(l + EDF_ADTID, id, 6);
    edf_put32(l + EDF_ADTDBSIZ, d->bs);
    edf_put32(l + EDF_ADTCYL, o->cyls);
    edf_put32(l + EDF_ADTMCYL, o->cyls);
    edf_put32(l + EDF_ADTNUM, d->nblocks);
    edf_put32(l + EDF_ADTFSTSZ, EDF_FST_LEN);
    edf_put32(l + EDF_ADTNFST, d->bs / EDF_FST_LEN);
    uint8_t stamp[EDF_FST_LEN] = {0};
    edf_stamp(d, stamp);
    memcpy(l + EDF_ADTDCRED, stamp + EDF_FSTADATI, 6);
    l[EDF_ADTFLGL] = stamp[EDF_FSTFLAGS] & EDF_FSTCNTRY ? EDF_ADTCNTRY : 0;
    memset(l + EDF_ADTSFNAM, 0x40, 8);
    system_fst(d, d->fst, dir_name, EDF_FST_LEN);
    system_fst(d, d->fst + EDF_FST_LEN, map_name, 1);
    d->nfst = 2;
    d->mounted = true;
    return edf_commit(d);
}

/* ---- mount and check ------------------------------------------------------ */

static int check_label(struct edf_disk *d, const uint8_t *l)
{
    if (memcmp(l + EDF_ADTIDENT, cms1, 4))
        return EDF_E_NOTCMS;
    if (edf_get32(l + EDF_ADTDBSIZ) != d->bs)
        return EDF_E_BLKSIZE;
    uint32_t num = edf_get32(l + EDF_ADTNUM), dop = edf_get32(l + EDF_ADTDOP);
    if (edf_get32(l + EDF_ADTFSTSZ) != EDF_FST_LEN || edf_get32(l + EDF_ADTNFST) != d->bs / EDF_FST_LEN ||
        num < EDF_FIRST_FREE + 2 || num > d->dev.nblocks || dop < EDF_FIRST_FREE || dop > num ||
        edf_get32(l + EDF_ADTUSED) > num)
        return EDF_E_LABEL;
    return EDF_OK;
}

/* Read the data of a system file (directory, map) into dst[0..len). */
static int read_sysfile(struct edf_disk *d, const uint8_t *fst, uint8_t *dst, uint32_t len)
{
    uint32_t adbc = edf_get32(fst + EDF_FSTADBC);
    if (adbc != (len + d->bs - 1) / d->bs)
        return EDF_E_DIR;
    for (uint32_t i = 0; i < adbc; i++) {
        uint32_t b;
        const uint8_t *p;
        if (edf_tree_node(d, fst, i, 0, &b, NULL) || edf_bread(d, b, &p))
            return EDF_E_DIR;
        uint32_t n = len - i * d->bs < d->bs ? len - i * d->bs : d->bs;
        memcpy(dst + i * d->bs, p, n);
    }
    return EDF_OK;
}

/* Find and read the directory from ADTDOP, then the map. */
static int read_directory(struct edf_disk *d)
{
    uint32_t b = edf_get32(d->label + EDF_ADTDOP);
    unsigned depth = 0;
    const uint8_t *p;
    for (;;) {
        if (edf_bread(d, b, &p))
            return EDF_E_DIR;
        if (!memcmp(p, dir_name, 16))
            break;
        b = edf_get32(p);
        if (++depth > EDF_MAX_LEVELS || b < EDF_FIRST_FREE || b > d->nblocks)
            return EDF_E_DIR;
    }
    uint8_t self[EDF_FST_LEN];
    memcpy(self, p, EDF_FST_LEN);
    uint32_t aic = edf_get32(self + EDF_FSTAIC);
    if (self[EDF_FSTRECFM] != EDF_RECFM_F || edf_get32(self + EDF_FSTLRECL) != EDF_FST_LEN ||
        self[EDF_FSTPTRSZ] != 4 || self[EDF_FSTNLVL] != depth ||
        edf_get32(self + EDF_FSTFOP) != edf_get32(d->label + EDF_ADTDOP) || aic < 2 ||
        aic > 0xFFFFFFFFu / EDF_FST_LEN ||
        edf_get32(self + EDF_FSTADBC) != (aic * EDF_FST_LEN + d->bs - 1) / d->bs)
        return EDF_E_DIR;
    if (aic > d->maxfst)
        return EDF_E_SPACE;
    int rc = read_sysfile(d, self, d->fst, aic * EDF_FST_LEN);
    if (rc)
        return rc;
    d->nfst = aic;
    const uint8_t *m = d->fst + EDF_FST_LEN;
    if (memcmp(m, map_name, 16) || m[EDF_FSTRECFM] != EDF_RECFM_F ||
        edf_get32(m + EDF_FSTLRECL) != 1 || m[EDF_FSTPTRSZ] != 4 ||
        edf_get32(m + EDF_FSTAIC) != d->maplen)
        return EDF_E_DIR;
    return EDF_OK;
}

/* Is a file's FST plausible?  (Its blocks are checked by the walk.) */
static bool fst_ok(const struct edf_disk *d, const uint8_t *f)
{
    uint32_t lrecl = edf_get32(f + EDF_FSTLRECL), aic = edf_get32(f + EDF_FSTAIC);
    uint32_t adbc = edf_get32(f + EDF_FSTADBC);
    bool v = f[EDF_FSTRECFM] == EDF_RECFM_V;
    if ((!v && f[EDF_FSTRECFM] != EDF_RECFM_F) || f[EDF_FSTPTRSZ] != (v ? 8 : 4) ||
        lrecl < 1 || lrecl > EDF_MAX_LRECL || aic < 1 || adbc < 1 ||
        f[EDF_FSTNLVL] > EDF_MAX_LEVELS || f[EDF_FSTFNAME] == 0)
        return false;
    unsigned shift = d->bs == 1024 ? 10 : d->bs == 2048 ? 11 : 12;
    if (!v && adbc != (uint32_t)(((uint64_t)aic * lrecl + d->bs - 1) >> shift))
        return false;
    return true;
}

/* An edf_tree_visit() callback of the check: the block must be marked
   in the map and not met before (map_new keeps what was met). */
static int check_block(struct edf_disk *d, uint32_t blk, void *arg)
{
    (void)arg;
    if (!edf_marked(d->map_old, blk) || edf_marked(d->map_new, blk))
        return EDF_E_MAP;
    edf_mark(d->map_new, blk, true);
    return EDF_OK;
}

int edf_mount(struct edf_disk *d, const struct edf_dev *dev, bool readonly, void *work,
              size_t worklen)
{
    memset(d, 0, sizeof *d);
    d->dev = *dev;
    d->bs = dev->blksize;
    if (!blksize_ok(d->bs))
        return EDF_E_BLKSIZE;
    const uint8_t *p;
    if (edf_bread(d, EDF_LABEL_BLK, &p))
        return EDF_E_IO;
    int rc = check_label(d, p);
    if (rc)
        return rc;
    memcpy(d->label, p, EDF_LABEL_LEN);
    d->nblocks = edf_get32(d->label + EDF_ADTNUM);
    if ((rc = setup(d, work, worklen)) || (rc = read_directory(d)))
        return rc;
    d->mounted = true;
    int damage = EDF_OK;
    if (read_sysfile(d, d->fst + EDF_FST_LEN, d->map_old, d->maplen)) {
        memset(d->map_old, 0xFF, d->maplen);
        damage = EDF_E_MAP;
    }
    memset(d->map_new, 0, d->maplen);
    for (uint32_t i = 0; i < d->nfst && damage != EDF_E_MAP; i++) {
        const uint8_t *f = d->fst + (size_t)i * EDF_FST_LEN;
        if (i >= 2 && (!fst_ok(d, f) || edf_find(d, f) != (int)i)) {
            damage = EDF_E_FILE;
            continue;
        }
        rc = edf_tree_visit(d, f, 0, check_block, NULL);
        if (rc == EDF_E_MAP)
            damage = EDF_E_MAP;
        else if (rc && !damage)
            damage = EDF_E_FILE;
    }
    if (!damage && count_used(d->map_old, d->nblocks) != edf_get32(d->label + EDF_ADTUSED))
        damage = EDF_E_MAP;
    memcpy(d->map_new, d->map_old, d->maplen);
    d->nfree = count_free(d);
    d->damage = damage;
    d->readonly = readonly || damage != EDF_OK;
    return damage;
}

/* ---- commit ------------------------------------------------------------------ */

static unsigned levels(uint32_t ndata, unsigned epb)
{
    unsigned l = 0;
    for (uint32_t cap = 1; cap < ndata; cap *= epb)
        l++;
    return l;
}

/* Reserve n blocks free in both maps for the commit (d->resv). */
static int reserve(struct edf_disk *d, uint32_t n)
{
    if (n > d->maxresv || n > d->nfree)
        return EDF_E_FULL;
    d->nresv = d->resv_next = 0;
    for (uint32_t b = EDF_FIRST_FREE; b <= d->nblocks && d->nresv < n; b++)
        if (!edf_marked(d->map_old, b) && !edf_marked(d->map_new, b)) {
            edf_mark(d->map_new, b, true);
            d->resv[d->nresv++] = b;
        }
    d->nfree -= n;
    return EDF_OK;
}

/* Write bytes src[0..len) as a system file from the reserved blocks;
   its origin must come out as `fop`. */
static int write_sysfile(struct edf_disk *d, const uint8_t *src, uint32_t len, uint32_t fop)
{
    edf_tw_begin(d, &d->tw, 4);
    for (uint32_t off = 0; off < len; off += d->bs) {
        uint32_t n = len - off < d->bs ? len - off : d->bs, b;
        memset(d->tmp, 0, d->bs);
        memcpy(d->tmp, src + off, n);
        int rc = edf_alloc(d, true, &b);
        if (rc || (rc = edf_bwrite(d, b, d->tmp)) || (rc = edf_tw_push(d, &d->tw, 0, b, 0, true)))
            return rc;
    }
    uint32_t got;
    unsigned nlvl;
    int rc = edf_tw_finish(d, &d->tw, true, &got, &nlvl);
    return rc ? rc : got == fop ? EDF_OK : EDF_E_IO;
}

/* Fill a system file's FST for ndata blocks from the reserved ones
   starting at first; returns the number it takes. */
static uint32_t place(struct edf_disk *d, uint8_t *fst, uint32_t len, uint32_t aic, uint32_t first)
{
    unsigned epb = d->bs / 4;
    uint32_t ndata = (len + d->bs - 1) / d->bs, t = edf_tree_blocks(ndata, epb);
    edf_put32(fst + EDF_FSTFOP, d->resv[first + t - 1]);
    edf_put32(fst + EDF_FSTADBC, ndata);
    edf_put32(fst + EDF_FSTAIC, aic);
    fst[EDF_FSTNLVL] = (uint8_t)levels(ndata, epb);
    edf_stamp(d, fst);
    edf_fst_fix(fst);
    return t;
}

int edf_commit(struct edf_disk *d)
{
    if (!d->mounted || d->readonly)
        return EDF_E_ROFS;
    uint32_t dirlen = d->nfst * EDF_FST_LEN;
    int rc = reserve(d, edf_commit_blocks(d, d->nfst));
    if (rc)
        return rc;
    uint8_t *dir = d->fst, *map = d->fst + EDF_FST_LEN;
    if (edf_get32(dir + EDF_FSTFOP) && ((rc = edf_free_tree(d, dir, 0)) || (rc = edf_free_tree(d, map, 0))))
        goto broken;
    uint32_t t1 = place(d, dir, dirlen, d->nfst, 0);
    place(d, map, d->maplen, d->maplen, t1);
    if ((rc = write_sysfile(d, d->fst, dirlen, edf_get32(dir + EDF_FSTFOP))) ||
        (rc = write_sysfile(d, d->map_new, d->maplen, edf_get32(map + EDF_FSTFOP))))
        goto broken;
    uint8_t *l = d->label;
    edf_put32(l + EDF_ADTDOP, edf_get32(dir + EDF_FSTFOP));
    edf_put32(l + EDF_ADTUSED, count_used(d->map_new, d->nblocks));
    uint32_t hole = EDF_FIRST_FREE;
    while (hole <= d->nblocks && edf_marked(d->map_new, hole))
        hole++;
    edf_put32(l + EDF_ADTAMNB, (hole - 1) / 8 / d->bs + 1);
    edf_put32(l + EDF_ADTAMND, (hole - 1) / 8 % d->bs);
    memset(d->tmp, 0, d->bs);
    memcpy(d->tmp, l, EDF_LABEL_LEN);
    if ((rc = edf_bwrite(d, EDF_LABEL_BLK, d->tmp)))      /* the commit point */
        goto broken;
    memcpy(d->map_old, d->map_new, d->maplen);
    d->nresv = d->resv_next = 0;
    d->nfree = count_free(d);
    return EDF_OK;
broken:
    /* What is in storage no longer matches the disk: the disk holds the
       last committed state, to be mounted again. */
    d->readonly = true;
    d->damage = EDF_E_IO;
    return rc == EDF_E_FULL ? EDF_E_IO : rc;
}

/* ---- the directory ------------------------------------------------------------ */

/* The index of the FST whose name and type are name[0..16), or -1. */
int edf_find(struct edf_disk *d, const uint8_t name[16])
{
    for (uint32_t i = 2; i < d->nfst; i++)
        if (!memcmp(d->fst + (size_t)i * EDF_FST_LEN, name, 16))
            return (int)i;
    return -1;
}

/* fn ft (ASCII) -> name[16] EBCDIC. */
static int fnft(const char *fn, const char *ft, uint8_t name[16])
{
    return edf_name(fn, name) || edf_name(ft, name + 8) ? EDF_E_NAME : EDF_OK;
}

/* The index of file fn ft (ASCII), or EDF_E_NAME / EDF_E_NOTFOUND. */
int edf_index(struct edf_disk *d, const char *fn, const char *ft)
{
    uint8_t name[16];
    if (fnft(fn, ft, name))
        return EDF_E_NAME;
    int i = d->mounted ? edf_find(d, name) : -1;
    return i < 0 ? EDF_E_NOTFOUND : i;
}

int edf_lookup(struct edf_disk *d, const char *fn, const char *ft, struct edf_stat *st)
{
    int i = edf_index(d, fn, ft);
    if (i < 0)
        return i;
    if (st)
        edf_decode(d->fst + (size_t)i * EDF_FST_LEN, st);
    return EDF_OK;
}

int edf_next(struct edf_disk *d, uint32_t *pos, struct edf_stat *st)
{
    uint32_t i = *pos + 2;
    if (!d->mounted || i >= d->nfst)
        return 0;
    edf_decode(d->fst + (size_t)i * EDF_FST_LEN, st);
    (*pos)++;
    return 1;
}

int edf_erase(struct edf_disk *d, const char *fn, const char *ft)
{
    int i = edf_index(d, fn, ft);
    if (i < 0)
        return i;
    if (d->readonly)
        return EDF_E_ROFS;
    uint8_t *f = d->fst + (size_t)i * EDF_FST_LEN;
    int rc = edf_free_tree(d, f, 0);
    if (rc)
        return rc;
    memcpy(f, d->fst + (size_t)(d->nfst - 1) * EDF_FST_LEN, EDF_FST_LEN);
    d->nfst--;
    return EDF_OK;
}

int edf_rename(struct edf_disk *d, const char *fn, const char *ft, const char *nfn,
               const char *nft)
{
    uint8_t name[16], nname[16];
    if (fnft(fn, ft, name) || fnft(nfn, nft, nname))
        return EDF_E_NAME;
    int i = edf_find(d, name);
    if (i < 0)
        return EDF_E_NOTFOUND;
    int j = edf_find(d, nname);
    if (j >= 0 && j != i)
        return EDF_E_EXISTS;
    if (d->readonly)
        return EDF_E_ROFS;
    memcpy(d->fst + (size_t)i * EDF_FST_LEN, nname, 16);
    return EDF_OK;
}

void edf_usage(struct edf_disk *d, struct edf_usage *u)
{
    memset(u, 0, sizeof *u);
    if (!d->mounted)
        return;
    unsigned n = 6;
    while (n > 0 && d->label[EDF_ADTID + n - 1] == 0x40)
        n--;
    ebcdic_to_ascii_buf(u->volid, d->label + EDF_ADTID, n);
    u->volid[n] = 0;
    u->blksize = d->bs;
    u->cyls = edf_get32(d->label + EDF_ADTCYL);
    u->total = d->nblocks;
    u->used = count_used(d->map_new, d->nblocks);
    u->files = d->nfst - 2;
}
