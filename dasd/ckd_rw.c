/*
 * ckd_rw.c - the CKD read and write commands: Read Home Address, R0,
 * Count, Data, Key and Data, Count-Key-Data, Multiple CKD and IPL; Write
 * Home Address, R0, Data, Key and Data, Count-Key-Data, and Erase.
 *
 * Reads of a key or data area use the record whose count (or key) was
 * just passed, else the next record; from the index, reads pass over R0
 * (Read R0 reads it).  Update writes (Write Data, Write KD) need a met
 * Search ID/Key Equal just before; formatting writes (Write CKD, Erase)
 * go after the current record and erase the rest of the track, and must
 * come after a search equal, a read of a record or a formatting write;
 * Write R0 after a met Search HA, Read HA or Write HA.  Anything else is
 * a command reject.  A record that would not fit on the track gives
 * invalid track format and leaves the track as it was.
 */
#include <string.h>

#include "ckd.h"

/* Copy n bytes of the track to the channel; io->len = n. */
static int give(struct ckd *k, struct ccw_io *io, size_t off, size_t n)
{
    memcpy(io->buf, k->trk + off, n < io->count ? n : io->count);
    io->len = (uint32_t)n;
    k->index_passes = 0;
    return CKD_OK;
}

int ckd_read_ha(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    if ((io->cmd & 0x80) && k->orient != OR_INDEX) {
        if (k->head + 1 >= k->heads)
            return ckd_check(dev, 0, CKD_S1_EOC);
        ckd_set_track(k, k->cyl, k->head + 1);
    }
    int st = ckd_load(dev, k);
    if (st)
        return st;
    k->orient = OR_HA;
    return give(k, io, 0, TRK_HA_LEN);
}

int ckd_read_r0(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    int st = ckd_load(dev, k);
    if (st)
        return st;
    struct trk_rec r;
    if (trk_record_at(k->trk, k->trklen, TRK_HA_LEN, &r) <= 0 || r.r != 0)
        return ckd_check(dev, 0, CKD_S1_NRF);
    k->rec = r;
    k->orient = OR_DATA;
    return give(k, io, r.off, trk_rec_size(&r));
}

/* Read Count (0x12), Data (0x06), Key and Data (0x0E), CKD (0x1E). */
int ckd_read(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    uint8_t c = io->cmd & 0x7F;
    bool mt = io->cmd & 0x80;
    bool current = (c == 0x06 && (k->orient == OR_COUNT || k->orient == OR_KEY)) ||
                   (c == 0x0E && k->orient == OR_COUNT);
    int st;
    if (!current && (st = ckd_next_count(dev, k, mt, true)))
        return st;
    const struct trk_rec *r = &k->rec;
    switch (c) {
    case 0x12:
        k->orient = OR_COUNT;
        return give(k, io, r->off, TRK_COUNT_LEN);
    case 0x06:
        k->orient = OR_DATA;
        return give(k, io, r->off + TRK_COUNT_LEN + r->kl, r->dl);
    case 0x0E:
        k->orient = OR_DATA;
        return give(k, io, r->off + TRK_COUNT_LEN, (size_t)r->kl + r->dl);
    default:
        k->orient = OR_DATA;
        return give(k, io, r->off, trk_rec_size(r));
    }
}

/* Read Multiple CKD: every record after R0 to the end of the track.  The
   multitrack form goes on to the next track once records of this one have
   passed (at the index or the home address the records are still ahead). */
int ckd_read_mckd(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    if ((io->cmd & 0x80) && k->orient >= OR_COUNT) {
        if (k->head + 1 >= k->heads)
            return ckd_check(dev, 0, CKD_S1_EOC);
        ckd_set_track(k, k->cyl, k->head + 1);
    }
    int st = ckd_load(dev, k);
    if (st)
        return st;
    struct trk_rec r;
    size_t first = TRK_HA_LEN;
    if (trk_record_at(k->trk, k->trklen, first, &r) > 0 && r.r == 0)
        first += trk_rec_size(&r);
    size_t end = k->trklen - TRK_COUNT_LEN;
    k->orient = OR_INDEX;
    return give(k, io, first, end - first);
}

/* Read IPL: seek to cylinder 0 head 0 and read R1's data. */
int ckd_read_ipl(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    ckd_set_track(k, 0, 0);
    int st = ckd_next_count(dev, k, false, true);
    if (st)
        return st;
    k->orient = OR_DATA;
    return give(k, io, k->rec.off + TRK_COUNT_LEN + k->rec.kl, k->rec.dl);
}

/* Write Data (0x05) or Key and Data (0x0D) over the current record. */
int ckd_write_data(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    bool kd = io->cmd == 0x0D;
    if (kd ? !k->id_eq : !(k->id_eq || k->key_eq))
        return ckd_check(dev, SNS0_CMDREJ, 0);
    const struct trk_rec *r = &k->rec;
    size_t off = r->off + TRK_COUNT_LEN + (kd ? 0 : r->kl);
    size_t n = (size_t)r->dl + (kd ? r->kl : 0);
    size_t got = io->count < n ? io->count : n;
    memcpy(k->trk + off, io->buf, got);
    memset(k->trk + off + got, 0, n - got);   /* a short count writes zeros */
    io->len = (uint32_t)n;
    k->orient = OR_DATA;
    k->index_passes = 0;
    return ckd_store(dev, k) ? US_CE | US_DE | US_UC : CKD_OK;
}

/* Replace everything from `off` on with the record in io (if rec) and
   the end marker, if the result fits.  Returns 0 or a status. */
static int rewrite_from(struct device *dev, struct ckd *k, size_t off, struct ccw_io *io, bool rec)
{
    uint8_t cnt[TRK_COUNT_LEN] = {0};
    memcpy(cnt, io->buf, io->count < TRK_COUNT_LEN ? io->count : TRK_COUNT_LEN);
    size_t n = TRK_COUNT_LEN + cnt[5] + trk_get16(cnt + 6);
    io->len = (uint32_t)n;
    if (io->count < TRK_COUNT_LEN)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    if (!memcmp(cnt, "\xFF\xFF\xFF\xFF", 4))
        return ckd_check(dev, SNS0_CMDREJ, 0);  /* would read as the end marker */
    size_t total = off + (rec ? n : 0) + TRK_COUNT_LEN;
    if (total > DASD_MAX_TRACK)
        return ckd_check(dev, 0, CKD_S1_ITF);
    /* Capacity: the records R1.. that would be on the track. */
    unsigned kl[256], dl[256], nrec = 0;
    for (size_t o = TRK_HA_LEN; o < off;) {
        struct trk_rec r;
        if (trk_record_at(k->trk, k->trklen, o, &r) <= 0)
            break;
        if (o != TRK_HA_LEN && nrec < 255) {
            kl[nrec] = r.kl;
            dl[nrec++] = r.dl;
        }
        o += trk_rec_size(&r);
    }
    if (rec && off != TRK_HA_LEN) {
        if (nrec >= 254)    /* track.c's limit: R0 and 254 more */
            return ckd_check(dev, 0, CKD_S1_ITF);
        kl[nrec] = cnt[5];
        dl[nrec++] = trk_get16(cnt + 6);
    }
    if (nrec && !dasd_records_fit(k->t, kl, dl, nrec))
        return ckd_check(dev, 0, CKD_S1_ITF);
    if (rec) {
        size_t got = io->count < n ? io->count : n;
        memcpy(k->trk + off, io->buf, got);
        memset(k->trk + off + got, 0, n - got);
        trk_record_at(k->trk, off + n + TRK_COUNT_LEN, off, &k->rec);
        k->trklen = trk_put_end(k->trk, off + n);
        k->orient = OR_DATA;
    } else {
        k->trklen = trk_put_end(k->trk, off);
        k->orient = OR_INDEX;
    }
    k->index_passes = 0;
    return ckd_store(dev, k) ? US_CE | US_DE | US_UC : 0;
}

/* Write CKD (0x1D) or Erase (0x11) after the current record. */
int ckd_write_ckd(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    uint8_t p = k->prev & 0x7F;
    bool ok = k->id_eq || k->key_eq ||
              (k->orient == OR_DATA && (p == 0x15 || p == 0x1D || p == 0x16 || p == 0x06 ||
                                        p == 0x0E || p == 0x1E));
    if (!ok || k->orient < OR_COUNT)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    int st = rewrite_from(dev, k, k->rec.off + trk_rec_size(&k->rec), io, io->cmd == 0x1D);
    return st ? st : CKD_OK;
}

/* Write R0 after the home address; the rest of the track is erased. */
int ckd_write_r0(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    uint8_t p = k->prev & 0x7F;
    if (!(k->ha_eq || p == 0x1A || p == 0x19) || k->orient != OR_HA)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    if (io->count >= 5 && io->buf[4] != 0)
        return ckd_check(dev, SNS0_CMDREJ, 0);  /* the track image keeps R0 first */
    int st = rewrite_from(dev, k, TRK_HA_LEN, io, true);
    return st ? st : CKD_OK;
}

/* Write HA: the home address from the index; the rest is erased. */
int ckd_write_ha(struct device *dev, struct ckd *k, struct ccw_io *io)
{
    io->len = TRK_HA_LEN;
    if (io->count < TRK_HA_LEN)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    int st = ckd_load(dev, k);
    if (st)
        return st;
    /* The HA must name this track: the image keeps invariant (1). */
    if (io->buf[0] || trk_get16(io->buf + 1) != k->cyl || trk_get16(io->buf + 3) != k->head)
        return ckd_check(dev, SNS0_CMDREJ, 0);
    memcpy(k->trk, io->buf, TRK_HA_LEN);
    k->trklen = trk_put_end(k->trk, TRK_HA_LEN);
    k->orient = OR_HA;
    k->index_passes = 0;
    return ckd_store(dev, k) ? US_CE | US_DE | US_UC : CKD_OK;
}
