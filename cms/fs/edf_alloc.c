/*
 * edf_alloc.c - allocation and pointer blocks of the CMS file system
 * (edf.h has the layout and the crash-ordering rule): the two allocation
 * maps, allocation from blocks free in both, the writer that builds a
 * file's pointer-block tree as its data blocks are written, and the
 * walks over an existing tree (find a data block, visit or free every
 * block of a file).
 */
#include <string.h>

#include "edf.h"

void edf_mark(uint8_t *map, uint32_t blk, bool used)
{
    uint32_t i = blk - 1;
    uint8_t bit = (uint8_t)(0x80 >> (i & 7));
    if (used)
        map[i >> 3] |= bit;
    else
        map[i >> 3] &= (uint8_t)~bit;
}

bool edf_marked(const uint8_t *map, uint32_t blk)
{
    uint32_t i = blk - 1;
    return (map[i >> 3] & (0x80 >> (i & 7))) != 0;
}

uint32_t edf_tree_blocks(uint32_t ndata, unsigned epb)
{
    uint32_t total = ndata, n = ndata;
    while (n > 1) {
        n = (n + epb - 1) / epb;
        total += n;
    }
    return total;
}

/* The blocks a commit writes: a directory of nfst FSTs and the map. */
uint32_t edf_commit_blocks(const struct edf_disk *d, uint32_t nfst)
{
    unsigned epb = d->bs / 4;
    uint32_t dir = (nfst * EDF_FST_LEN + d->bs - 1) / d->bs;
    uint32_t map = (d->maplen + d->bs - 1) / d->bs;
    return edf_tree_blocks(dir, epb) + edf_tree_blocks(map, epb);
}

/*
 * Allocate a block: for a commit, the next of the list edf_commit()
 * reserved; otherwise one free in both maps, as long as enough stay free
 * for the next commit (else EDF_E_FULL).  Marks it in the new map.
 */
int edf_alloc(struct edf_disk *d, bool for_commit, uint32_t *blk)
{
    if (for_commit) {
        if (d->resv_next >= d->nresv)
            return EDF_E_FULL;
        *blk = d->resv[d->resv_next++];
        return EDF_OK;
    }
    if (d->nfree <= edf_commit_blocks(d, d->nfst + 1))
        return EDF_E_FULL;
    uint32_t b = d->rover < EDF_FIRST_FREE || d->rover > d->nblocks ? EDF_FIRST_FREE : d->rover;
    for (uint32_t n = 0; n < d->nblocks; n++, b = b >= d->nblocks ? EDF_FIRST_FREE : b + 1) {
        uint32_t i = b - 1;
        if ((i & 7) == 0 && (d->map_old[i >> 3] | d->map_new[i >> 3]) == 0xFF &&
            b + 8 <= d->nblocks) {
            b += 7, n += 7;
            continue;
        }
        if (!edf_marked(d->map_old, b) && !edf_marked(d->map_new, b)) {
            edf_mark(d->map_new, b, true);
            d->nfree--;
            d->rover = b + 1;
            *blk = b;
            return EDF_OK;
        }
    }
    return EDF_E_FULL;   /* nfree was wrong: not reached */
}

/* ---- building a tree ------------------------------------------------------ */

void edf_tw_begin(struct edf_disk *d, struct edf_tw *tw, unsigned ptrsz)
{
    tw->ptrsz = ptrsz;
    tw->epb = d->bs / ptrsz;
    memset(tw->cnt, 0, sizeof tw->cnt);
    memset(tw->pushed, 0, sizeof tw->pushed);
    memset(tw->lev[0], 0, d->bs);
}

/* Write the entries of level k as a pointer block; *blk gets its number.
   On failure the entries stay where they were (so that a discarded
   file's blocks can still be found and freed). */
static int tw_write(struct edf_disk *d, struct edf_tw *tw, unsigned k, bool commit, uint32_t *blk)
{
    int rc = edf_alloc(d, commit, blk);
    if (rc)
        return rc;
    if ((rc = edf_bwrite(d, *blk, tw->lev[k]))) {
        if (!commit)
            edf_free_block(d, *blk, NULL);
        return rc;
    }
    tw->cnt[k] = 0;
    return EDF_OK;
}

/*
 * Add an entry at level `level` (0: a data block; k: a pointer block of
 * height k).  A level that fills is written as a pointer block and
 * becomes an entry of the level above.  EDF_E_FULL if the file would
 * need more than EDF_MAX_LEVELS levels or the disk is full.
 */
int edf_tw_push(struct edf_disk *d, struct edf_tw *tw, unsigned level, uint32_t blk,
                uint32_t word2, bool commit)
{
    if (level > EDF_MAX_LEVELS || (level == EDF_MAX_LEVELS && tw->cnt[level] > 0))
        return EDF_E_FULL;
    if (tw->cnt[level] == 0)
        memset(tw->lev[level], 0, d->bs);
    uint8_t *e = tw->lev[level] + tw->cnt[level] * tw->ptrsz;
    edf_put32(e, blk);
    if (tw->ptrsz == 8)
        edf_put32(e + 4, level == 0 ? word2 : 0);
    tw->cnt[level]++;
    tw->pushed[level]++;
    if (tw->cnt[level] < tw->epb || level == EDF_MAX_LEVELS)
        return EDF_OK;
    uint32_t pb;
    int rc = tw_write(d, tw, level, commit, &pb);
    return rc ? rc : edf_tw_push(d, tw, level + 1, pb, 0, commit);
}

/*
 * Write what is left: partial levels become pointer blocks up to the top.
 * *fop and *nlvl get the file's origin and levels (0, 0 for no data).
 * The top block is always the last one allocated (edf_commit() relies
 * on it).
 */
int edf_tw_finish(struct edf_disk *d, struct edf_tw *tw, bool commit, uint32_t *fop,
                  unsigned *nlvl)
{
    *fop = 0, *nlvl = 0;
    if (tw->pushed[0] == 0)
        return EDF_OK;
    for (unsigned k = 0; k <= EDF_MAX_LEVELS; k++) {
        bool highest = true;
        for (unsigned j = k + 1; j <= EDF_MAX_LEVELS; j++)
            if (tw->cnt[j])
                highest = false;
        if (highest && tw->cnt[k] == 1) {
            *fop = edf_get32(tw->lev[k]);
            *nlvl = k;
            return EDF_OK;
        }
        if (tw->cnt[k] == 0)
            continue;
        uint32_t pb;
        int rc = tw_write(d, tw, k, commit, &pb);
        if (rc)
            return rc;
        if (highest) {
            *fop = pb, *nlvl = k + 1;
            return EDF_OK;
        }
        if ((rc = edf_tw_push(d, tw, k + 1, pb, 0, commit)))
            return rc;
    }
    return EDF_E_FULL;
}

/* ---- walking a tree --------------------------------------------------------- */

static bool in_range(const struct edf_disk *d, uint32_t b)
{
    return b >= EDF_FIRST_FREE && b <= d->nblocks;
}

/*
 * The block of height `height` (0: data) on the path to data block idx
 * of the file whose FST is fst; for a data block of a V file *used gets
 * the bytes of data in it from its pointer (0 if it has none).
 * EDF_E_FILE for anything out of range or malformed, EDF_E_IO.
 */
int edf_tree_node(struct edf_disk *d, const uint8_t *fst, uint32_t idx, unsigned height,
                  uint32_t *blk, uint32_t *used)
{
    unsigned nlvl = fst[EDF_FSTNLVL], ptrsz = fst[EDF_FSTPTRSZ];
    uint32_t adbc = edf_get32(fst + EDF_FSTADBC), b = edf_get32(fst + EDF_FSTFOP);
    if ((ptrsz != 4 && ptrsz != 8) || nlvl > EDF_MAX_LEVELS || idx >= adbc || height > nlvl ||
        !in_range(d, b) || (nlvl == 0 && adbc != 1))
        return EDF_E_FILE;
    uint32_t epb = d->bs / ptrsz, per = 1;
    for (unsigned h = 1; h < nlvl; h++)
        per *= epb;
    if (nlvl > 0 && (adbc - 1) / per >= epb)
        return EDF_E_FILE;
    if (used)
        *used = 0;
    for (unsigned h = nlvl; h > height; h--) {
        const uint8_t *p;
        int rc = edf_bread(d, b, &p);
        if (rc)
            return rc;
        const uint8_t *e = p + (idx / per) * ptrsz;
        idx %= per;
        per /= epb;
        b = edf_get32(e);
        if (h == 1 && ptrsz == 8 && used)
            *used = edf_get32(e + 4);
        if (!in_range(d, b))
            return EDF_E_FILE;
    }
    *blk = b;
    return EDF_OK;
}

/*
 * Call fn for every pointer block of the file and every data block from
 * index `keep` on.  Stops at the first non-zero return (or EDF_E_FILE).
 */
int edf_tree_visit(struct edf_disk *d, const uint8_t *fst, uint32_t keep,
                   int (*fn)(struct edf_disk *d, uint32_t blk, void *arg), void *arg)
{
    unsigned nlvl = fst[EDF_FSTNLVL], ptrsz = fst[EDF_FSTPTRSZ];
    uint32_t adbc = edf_get32(fst + EDF_FSTADBC);
    if (adbc == 0)
        return fst[EDF_FSTNLVL] == 0 ? EDF_OK : EDF_E_FILE;
    if (ptrsz != 4 && ptrsz != 8)
        return EDF_E_FILE;
    uint32_t epb = d->bs / ptrsz, step = 1;
    for (unsigned h = 0; h <= nlvl && h <= EDF_MAX_LEVELS; h++) {
        for (uint32_t i = h == 0 ? keep : 0; i < adbc; i += step) {
            uint32_t b;
            int rc = edf_tree_node(d, fst, i, h, &b, NULL);
            if (rc || (rc = fn(d, b, arg)))
                return rc;
            if (h == nlvl)
                break;
        }
        step *= epb;
    }
    return EDF_OK;
}

/* Free blk in the new map (an edf_tree_visit() callback). */
int edf_free_block(struct edf_disk *d, uint32_t blk, void *arg)
{
    (void)arg;
    if (edf_marked(d->map_new, blk)) {
        edf_mark(d->map_new, blk, false);
        if (!edf_marked(d->map_old, blk))
            d->nfree++;
    }
    return EDF_OK;
}

/* Free the file's pointer blocks and its data blocks from `keep` on in
   the new map. */
int edf_free_tree(struct edf_disk *d, const uint8_t *fst, uint32_t keep)
{
    return edf_tree_visit(d, fst, keep, edf_free_block, NULL);
}
