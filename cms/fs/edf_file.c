/*
 * edf_file.c - records of CMS files (edf.h has the layout): writing a
 * new file or appending to one (data blocks filled in order, pointer
 * blocks built by the tree writer of edf_alloc.c, the FST put in the
 * directory at close), and reading F and V records sequentially or by
 * number.  Every block number read from the disk is checked before use,
 * so a damaged file reads as EDF_E_FILE.
 */
#include <string.h>

#include "edf.h"

/* ---- writing --------------------------------------------------------------- */

static int open_write(struct edf_disk *d, struct edf_file *f)
{
    if (!d->mounted || d->readonly)
        return EDF_E_ROFS;
    memset(f, 0, sizeof *f);
    f->d = d;
    f->writing = true;
    return EDF_OK;
}

int edf_create(struct edf_disk *d, struct edf_file *f, const char *fn, const char *ft,
               const char *fm, char recfm, uint32_t lrecl)
{
    uint8_t name[16], mode[2] = {0xC1, 0xF1};   /* A1 */
    if (edf_name(fn, name) || edf_name(ft, name + 8) || (fm && edf_mode(fm, mode)))
        return EDF_E_NAME;
    if ((recfm != 'F' && recfm != 'V') || lrecl < 1 || lrecl > EDF_MAX_LRECL)
        return EDF_E_ARG;
    int rc = open_write(d, f);
    if (rc)
        return rc;
    int i = edf_find(d, name);
    if (i >= 0) {
        f->had_old = true;
        memcpy(f->old, d->fst + (size_t)i * EDF_FST_LEN, EDF_FST_LEN);
        if (!fm)
            memcpy(mode, f->old + EDF_FSTFMODE, 2);
    }
    memcpy(f->fst, name, 16);
    memcpy(f->fst + EDF_FSTFMODE, mode, 2);
    f->fst[EDF_FSTRECFM] = recfm == 'F' ? EDF_RECFM_F : EDF_RECFM_V;
    f->fst[EDF_FSTPTRSZ] = recfm == 'F' ? 4 : 8;
    f->lrecl = lrecl;
    edf_tw_begin(d, &f->tw, f->fst[EDF_FSTPTRSZ]);
    return EDF_OK;
}

/* Bytes of data in the last block of the file described by fst. */
static int last_used(struct edf_disk *d, const uint8_t *fst, uint32_t *used)
{
    uint32_t adbc = edf_get32(fst + EDF_FSTADBC), aic = edf_get32(fst + EDF_FSTAIC), b;
    if (fst[EDF_FSTRECFM] == EDF_RECFM_F) {
        *used = (uint32_t)((uint64_t)aic * edf_get32(fst + EDF_FSTLRECL) - (uint64_t)(adbc - 1) * d->bs);
        return *used >= 1 && *used <= d->bs ? EDF_OK : EDF_E_FILE;
    }
    int rc = edf_tree_node(d, fst, adbc - 1, 0, &b, used);
    if (rc || fst[EDF_FSTNLVL] > 0)
        return rc ? rc : *used >= 1 && *used <= d->bs ? EDF_OK : EDF_E_FILE;
    /* One block and no pointer to say how full: walk its records. */
    const uint8_t *p;
    if ((rc = edf_bread(d, b, &p)))
        return rc;
    uint32_t off = 0;
    for (uint32_t r = 0; r < aic; r++) {
        if (off + 2 > d->bs)
            return EDF_E_FILE;
        off += 2 + edf_get16(p + off);
    }
    *used = off;
    return off >= 1 && off <= d->bs ? EDF_OK : EDF_E_FILE;
}

int edf_append(struct edf_disk *d, struct edf_file *f, const char *fn, const char *ft)
{
    int i = edf_index(d, fn, ft);
    if (i < 0)
        return i;
    int rc = open_write(d, f);
    if (rc)
        return rc;
    memcpy(f->old, d->fst + (size_t)i * EDF_FST_LEN, EDF_FST_LEN);
    memcpy(f->fst, f->old, EDF_FST_LEN);
    f->had_old = true;
    bool v = f->fst[EDF_FSTRECFM] == EDF_RECFM_V;
    f->lrecl = v ? EDF_MAX_LRECL : edf_get32(f->fst + EDF_FSTLRECL);
    f->maxlen = edf_get32(f->fst + EDF_FSTLRECL);
    f->nrec = f->base = edf_get32(f->fst + EDF_FSTAIC);
    uint32_t adbc = edf_get32(f->fst + EDF_FSTADBC), used = 0, b;
    edf_tw_begin(d, &f->tw, f->fst[EDF_FSTPTRSZ]);
    if ((rc = last_used(d, f->old, &used)))
        goto fail;
    f->keep = used == d->bs ? adbc : adbc - 1;
    for (uint32_t k = 0; k < f->keep; k++)
        if ((rc = edf_tree_node(d, f->old, k, 0, &b, NULL)) ||
            (rc = edf_tw_push(d, &f->tw, 0, b, d->bs, false)))
            goto fail;
    if (f->keep < adbc) {
        const uint8_t *p;
        if ((rc = edf_tree_node(d, f->old, adbc - 1, 0, &b, NULL)) || (rc = edf_bread(d, b, &p)))
            goto fail;
        memcpy(f->buf, p, d->bs);
        f->dpos = used;
    }
    return EDF_OK;
fail:
    f->err = rc;
    edf_close(f);
    return rc;
}

/* Write the block being filled (dpos bytes of it) and enter it in the tree. */
static int flush_data(struct edf_file *f)
{
    struct edf_disk *d = f->d;
    uint32_t b;
    memset(f->buf + f->dpos, 0, d->bs - f->dpos);
    int rc = edf_alloc(d, false, &b);
    if (rc)
        return rc;
    if ((rc = edf_bwrite(d, b, f->buf))) {
        edf_free_block(d, b, NULL);
        return rc;
    }
    rc = edf_tw_push(d, &f->tw, 0, b, f->dpos, false);
    f->dpos = 0;
    return rc;
}

static int put_bytes(struct edf_file *f, const uint8_t *p, uint32_t n)
{
    uint32_t bs = f->d->bs;
    while (n) {
        uint32_t k = bs - f->dpos < n ? bs - f->dpos : n;
        memcpy(f->buf + f->dpos, p, k);
        f->dpos += k, p += k, n -= k;
        if (f->dpos == bs) {
            int rc = flush_data(f);
            if (rc)
                return rc;
        }
    }
    return EDF_OK;
}

int edf_write(struct edf_file *f, const void *rec, uint32_t len)
{
    if (!f->d || !f->writing)
        return EDF_E_ARG;
    if (f->err)
        return f->err;
    bool v = f->fst[EDF_FSTRECFM] == EDF_RECFM_V;
    if (v ? len < 1 || len > f->lrecl : len != f->lrecl)
        return EDF_E_ARG;
    int rc = EDF_OK;
    if (v) {
        uint8_t h[2];
        edf_put16(h, len);
        rc = put_bytes(f, h, 2);
    }
    if (rc == EDF_OK)
        rc = put_bytes(f, rec, len);
    if (rc)
        return f->err = rc;
    f->nrec++;
    if (len > f->maxlen)
        f->maxlen = len;
    return EDF_OK;
}

/*
 * Free the subtree of height h at blk whose first data block has index
 * `start`: its pointer blocks (all written by this file) and its data
 * blocks from f->keep on (the ones before were the old file's).
 */
static void free_subtree(struct edf_file *f, uint32_t blk, unsigned h, uint32_t start)
{
    struct edf_disk *d = f->d;
    if (h == 0) {
        if (start >= f->keep)
            edf_free_block(d, blk, NULL);
        return;
    }
    uint32_t span = 1;
    for (unsigned k = 1; k < h; k++)
        span *= f->tw.epb;
    for (uint32_t j = 0; j < f->tw.epb; j++) {
        const uint8_t *p;
        if (edf_bread(d, blk, &p))
            return;
        uint32_t c = edf_get32(p + j * f->tw.ptrsz);
        if (c < EDF_FIRST_FREE || c > d->nblocks)
            break;
        free_subtree(f, c, h - 1, start + j * span);
    }
    edf_free_block(d, blk, NULL);
}

/* Give back every block this file wrote: the entries still in the tree
   writer's levels are the roots of all it built (all full subtrees but
   the last of a level). */
static void discard(struct edf_file *f)
{
    uint32_t span = 1;
    for (unsigned k = 0; k <= EDF_MAX_LEVELS; k++) {
        for (uint32_t j = 0; j < f->tw.cnt[k]; j++) {
            uint32_t b = edf_get32(f->tw.lev[k] + j * f->tw.ptrsz);
            free_subtree(f, b, k, (f->tw.pushed[k] - f->tw.cnt[k] + j) * span);
        }
        span *= f->tw.epb;
    }
}

int edf_close(struct edf_file *f)
{
    struct edf_disk *d = f->d;
    f->d = NULL;
    if (!d || !f->writing)
        return EDF_OK;
    f->d = d;
    int rc = f->err;
    if (rc == EDF_OK && f->nrec == f->base) {
        discard(f);                     /* nothing written: the directory stays */
        f->d = NULL;
        return EDF_OK;
    }
    uint32_t fop = 0;
    unsigned nlvl = 0;
    bool built = false;
    if (rc == EDF_OK && f->dpos > 0)
        rc = flush_data(f);
    if (rc == EDF_OK && (rc = edf_tw_finish(d, &f->tw, false, &fop, &nlvl)) == EDF_OK)
        built = true;
    int i = edf_find(d, f->fst);
    if (rc == EDF_OK && f->base &&
        (i < 0 || memcmp(d->fst + (size_t)i * EDF_FST_LEN, f->old, EDF_FST_LEN)))
        rc = EDF_E_FILE;               /* the file appended to changed meanwhile */
    if (rc == EDF_OK && i < 0 && d->nfst >= d->maxfst)
        rc = EDF_E_SPACE;
    if (rc) {
        if (built)
            free_subtree(f, fop, nlvl, 0);
        else
            discard(f);
        f->d = NULL;
        return rc;
    }
    edf_put32(f->fst + EDF_FSTFOP, fop);
    edf_put32(f->fst + EDF_FSTADBC, f->tw.pushed[0]);
    edf_put32(f->fst + EDF_FSTAIC, f->nrec);
    edf_put32(f->fst + EDF_FSTLRECL, f->fst[EDF_FSTRECFM] == EDF_RECFM_V ? f->maxlen : f->lrecl);
    f->fst[EDF_FSTNLVL] = (uint8_t)nlvl;
    edf_stamp(d, f->fst);
    edf_fst_fix(f->fst);
    if (i >= 0) {
        uint8_t *slot = d->fst + (size_t)i * EDF_FST_LEN;
        edf_free_tree(d, slot, f->keep);
        memcpy(slot, f->fst, EDF_FST_LEN);
    } else {
        memcpy(d->fst + (size_t)d->nfst * EDF_FST_LEN, f->fst, EDF_FST_LEN);
        d->nfst++;
    }
    f->d = NULL;
    return EDF_OK;
}

/* ---- reading --------------------------------------------------------------- */

int edf_open(struct edf_disk *d, struct edf_file *f, const char *fn, const char *ft)
{
    int i = edf_index(d, fn, ft);
    if (i < 0)
        return i;
    f->d = d;
    f->writing = false;
    f->err = EDF_OK;
    memcpy(f->fst, d->fst + (size_t)i * EDF_FST_LEN, EDF_FST_LEN);
    f->cur = 0;
    f->rrec = 1, f->roff = 0;
    return EDF_OK;
}

/* Copy n bytes of the file's data from offset off. */
static int get_bytes(struct edf_file *f, uint32_t off, uint8_t *dst, uint32_t n)
{
    struct edf_disk *d = f->d;
    unsigned shift = d->bs == 1024 ? 10 : d->bs == 2048 ? 11 : 12;
    while (n) {
        uint32_t idx = off >> shift, in = off & (d->bs - 1);
        if (f->cur != idx + 1) {
            uint32_t b;
            const uint8_t *p;
            int rc = edf_tree_node(d, f->fst, idx, 0, &b, NULL);
            if (rc || (rc = edf_bread(d, b, &p)))
                return rc;
            memcpy(f->buf, p, d->bs);
            f->cur = idx + 1;
        }
        uint32_t k = d->bs - in < n ? d->bs - in : n;
        memcpy(dst, f->buf + in, k);
        dst += k, off += k, n -= k;
    }
    return EDF_OK;
}

int edf_read(struct edf_file *f, uint32_t recno, void *buf, uint32_t cap, uint32_t *len)
{
    if (!f->d || f->writing)
        return EDF_E_ARG;
    uint32_t aic = edf_get32(f->fst + EDF_FSTAIC), lrecl = edf_get32(f->fst + EDF_FSTLRECL);
    uint32_t want = recno ? recno : f->rrec;
    if (want > aic)
        return EDF_E_EOF;
    int rc;
    if (f->fst[EDF_FSTRECFM] != EDF_RECFM_V) {
        *len = lrecl;
        if (lrecl > cap)
            return EDF_E_BUF;
        if ((rc = get_bytes(f, (want - 1) * lrecl, buf, lrecl)))
            return rc;
        f->rrec = want + 1;
        return EDF_OK;
    }
    if (want < f->rrec)
        f->rrec = 1, f->roff = 0;
    uint8_t h[2];
    for (;;) {
        if ((rc = get_bytes(f, f->roff, h, 2)))
            return rc;
        uint32_t n = edf_get16(h);
        if (n == 0 || n > lrecl)
            return EDF_E_FILE;
        if (f->rrec == want) {
            *len = n;
            if (n > cap)
                return EDF_E_BUF;
            if ((rc = get_bytes(f, f->roff + 2, buf, n)))
                return rc;
        }
        f->roff += 2 + n;
        if (f->rrec++ == want)
            return EDF_OK;
    }
}
