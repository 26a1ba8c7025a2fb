/*
 * ckd_search.c - the CKD search commands: Search Home Address, Search ID
 * Equal/High/Equal-or-High, Search Key Equal/High/Equal-or-High, each
 * also multitrack (command code | X'80').  A search that is met ends with
 * status modifier, so the channel skips the CCW after it: the TIC of the
 * usual loop
 *
 *     SEARCH ID EQUAL  CCHHR      (ends with SM when the record is found)
 *     TIC *-8                     (otherwise: search the next record)
 *     READ DATA ...
 *
 * The comparison runs over the CCW's bytes as the real control unit does:
 * fewer bytes than the field compares only those, high/equal is the
 * unsigned byte order of the field against the argument.
 */
#include <string.h>

#include "ckd.h"

/* <0, 0, >0: field against argument, over min(n, count) bytes. */
static int compare(const uint8_t *field, size_t n, const struct ccw_io *io)
{
    size_t len = n < io->count ? n : io->count;
    return memcmp(field, io->buf, len);
}

/* Is the search condition of command `cmd` met by comparison `c`? */
static bool met(uint8_t cmd, int c)
{
    switch (cmd & 0x70) {
    case 0x20: /* 0x29 key equal */
    case 0x30: return c == 0;   /* 0x31 ID equal, 0x39 HA equal */
    case 0x40:                  /* 0x49 key high */
    case 0x50: return c > 0;    /* 0x51 ID high */
    default: return c >= 0;     /* 0x69, 0x71 equal or high */
    }
}

/* Search Home Address: the HA's CCHH against 4 bytes. */
int ckd_search_ha(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    k->id_eq = k->key_eq = k->ha_eq = false;
    io->len = 4;
    if ((io->cmd & 0x80) && k->orient != OR_INDEX) {
        /* Multitrack: the next track's home address. */
        if ((k->mask & CKD_MASK_SMASK) == CKD_MASK_S_NONE)
            return ckd_check(dev, SNS0_CMDREJ, CKD_S1_FP);
        if (k->head + 1 >= k->heads)
            return ckd_check(dev, 0, CKD_S1_EOC);
        ckd_set_track(k, k->cyl, k->head + 1);
    }
    int st = ckd_load(dev, k);
    if (st)
        return st;
    k->orient = OR_HA;
    k->ha_eq = compare(k->trk + 1, 4, io) == 0;
    return CKD_OK | (k->ha_eq ? US_SM : 0);
}

/* Search ID: the next count's CCHHR (R0 included) against 5 bytes. */
int ckd_search_id(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    k->id_eq = k->key_eq = k->ha_eq = false;
    io->len = 5;
    int st = ckd_next_count(dev, k, io->cmd & 0x80, false);
    if (st)
        return st;
    int c = compare(k->trk + k->rec.off, 5, io);
    bool ok = met(io->cmd, c);
    k->id_eq = ok && c == 0 && (io->cmd & 0x7F) != 0x51;
    return CKD_OK | (ok ? US_SM : 0);
}

/*
 * Search Key: the key of the record whose count was just passed (after a
 * Read Count or Search ID), else of the next record after R0.  A record
 * without a key is not compared: the command ends without SM.
 */
int ckd_search_key(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    k->id_eq = k->key_eq = k->ha_eq = false;
    int st;
    if (k->orient != OR_COUNT && (st = ckd_next_count(dev, k, io->cmd & 0x80, true)))
        return st;
    io->len = k->rec.kl;
    if (!k->rec.kl) {
        io->len = io->count;
        return CKD_OK;
    }
    k->orient = OR_KEY;
    int c = compare(k->trk + k->rec.off + TRK_COUNT_LEN, k->rec.kl, io);
    bool ok = met(io->cmd, c);
    k->key_eq = ok && c == 0 && (io->cmd & 0x7F) != 0x49;
    return CKD_OK | (ok ? US_SM : 0);
}
