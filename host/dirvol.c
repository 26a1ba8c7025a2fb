/*
 * dirvol.c - the directory area of the system residence volume: layout,
 * writing (sysgen, password changes) and reading (`cpcms directory`).
 * The layout is common/sysres.h's; the records are written like the
 * nucleus's, SYSRES_DIR_RECLEN bytes each, R1..Rn per track.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "dirvol.h"
#include "track.h"
#include "volume.h"

int dirvol_layout(const struct dasd_type *t, unsigned cyls, unsigned first, struct dirvol_area *a)
{
    memset(a, 0, sizeof *a);
    a->per_trk = dasd_records_per_track(t, 0, SYSRES_DIR_RECLEN);
    if (a->per_trk == 0)
        return -1;
    a->first_track = first;
    a->ntracks = (SYSRES_DIR_RECORDS + a->per_trk - 1) / a->per_trk;
    unsigned end = first + a->ntracks;
    a->user_cyl = (end + t->heads - 1) / t->heads;
    return a->user_cyl < cyls ? 0 : -1;
}

void dirvol_cp_spaces(struct dirvol_area *a, const uint8_t *blob, size_t len,
                      const char *volser, unsigned cyls, long page_cyls, long spool_cyls,
                      unsigned per_cyl, unsigned max_pages)
{
    unsigned end = a->user_cyl;
    struct dir_user u;
    struct dir_dev d;
    for (size_t pos = 0; dir_next_user(blob, len, &pos, &u) > 0;)
        for (size_t dp = 0; dir_next_dev(blob, len, &u, &dp, &d) > 0;)
            if (d.kind == DIR_MDISK && !d.tdisk && !strcmp(d.volser, volser) &&
                d.start + d.cyls > end)
                end = d.start + d.cyls;
    unsigned left = end < cyls ? cyls - end : 0;
    unsigned most = per_cyl ? (max_pages + per_cyl - 1) / per_cyl : 0;
    unsigned paging = page_cyls < 0 ? (left / 2 < most ? left / 2 : most)
                                    : ((unsigned long)page_cyls < left ? (unsigned)page_cyls : left);
    left -= paging;
    unsigned spool = spool_cyls < 0 ? (left / 8 < DIRVOL_SPOOL_CYLS ? left / 8 : DIRVOL_SPOOL_CYLS)
                                    : ((unsigned long)spool_cyls < left ? (unsigned)spool_cyls : left);
    left -= spool;
    a->tdsk_cyl = left ? end : 0;
    a->tdsk_cyls = left;
    a->spool_cyl = spool ? end + left : 0;
    a->spool_cyls = spool;
    a->page_cyl = paging ? end + left + spool : 0;
    a->page_cyls = paging;
}

void dirvol_put_parm(uint8_t *parm, const struct dirvol_area *a)
{
    sp_put32(parm + SP_DIR_TRACK, a->first_track);
    sp_put32(parm + SP_DIR_LEN, a->len);
    sp_put32(parm + SP_DIR_TRACKS, a->ntracks);
    sp_put16(parm + SP_DIR_PERTRK, a->per_trk);
    sp_put16(parm + SP_USER_CYL, a->user_cyl);
    sp_put16(parm + SP_TDSK_CYL, a->tdsk_cyl);
    sp_put16(parm + SP_TDSK_CYLS, a->tdsk_cyls);
    sp_put16(parm + SP_PAGE_CYL, a->page_cyl);
    sp_put16(parm + SP_PAGE_CYLS, a->page_cyls);
    sp_put16(parm + SP_SPOOL_CYL, a->spool_cyl);
    sp_put16(parm + SP_SPOOL_CYLS, a->spool_cyls);
}

int dirvol_write(struct volume *v, const struct dirvol_area *a, const uint8_t *blob, size_t len)
{
    static uint8_t trk[DASD_MAX_TRACK];
    static uint8_t rec[SYSRES_DIR_RECLEN];
    unsigned heads = vol_info(v)->heads;
    size_t at = 0;
    for (unsigned k = 0; k < a->ntracks; k++) {
        unsigned tn = a->first_track + k, cyl = tn / heads, head = tn % heads;
        size_t off = trk_format_empty(trk, cyl, head) - TRK_COUNT_LEN;
        for (unsigned r = 0; r < a->per_trk; r++) {
            size_t n = at < len ? (len - at < SYSRES_DIR_RECLEN ? len - at : SYSRES_DIR_RECLEN) : 0;
            memset(rec, 0, sizeof rec);
            memcpy(rec, blob + at, n);
            at += n;
            off = trk_add_record(trk, off, cyl, head, r + 1, NULL, 0, rec, SYSRES_DIR_RECLEN);
        }
        if (vol_write_track(v, tn, trk, trk_put_end(trk, off)) < 0)
            return -1;
    }
    memset(rec, 0, sizeof rec);
    return 0;
}

/* Record r (no key) of track tn: its data into out (want bytes).
   0, or -1 with a message. */
static int read_record(struct volume *v, unsigned tn, unsigned r, uint8_t *out, unsigned want,
                       char *err, size_t errlen)
{
    static uint8_t trk[DASD_MAX_TRACK];
    size_t len;
    if (vol_read_track(v, tn, trk, &len) < 0) {
        snprintf(err, errlen, "%s", vol_error(v));
        return -1;
    }
    struct trk_rec rec;
    size_t off = TRK_HA_LEN;
    int rc;
    while ((rc = trk_record_at(trk, len, off, &rec)) == 1) {
        if (rec.r == r) {
            if (rec.kl != 0 || rec.dl != want)
                break;
            memcpy(out, trk + rec.off + TRK_COUNT_LEN, want);
            return 0;
        }
        off += trk_rec_size(&rec);
    }
    snprintf(err, errlen, "%s: track %u has no record %u of %u bytes", vol_path(v), tn, r, want);
    return -1;
}

int dirvol_read(struct volume *v, struct dirvol_area *a, uint8_t **blob, size_t *len,
                char *err, size_t errlen)
{
    static uint8_t parm[SYSRES_PARM_LEN];
    if (read_record(v, 0, 4, parm, SYSRES_PARM_LEN, err, errlen) < 0 ||
        memcmp(parm + SP_MAGIC, SYSRES_MAGIC, 8) != 0) {
        snprintf(err, errlen, "%s: not a system residence volume (no system parameters)", vol_path(v));
        return -1;
    }
    const struct vol_info *vi = vol_info(v);
    a->first_track = (unsigned)sp_get32(parm + SP_DIR_TRACK);
    a->len = (unsigned)sp_get32(parm + SP_DIR_LEN);
    a->ntracks = (unsigned)sp_get32(parm + SP_DIR_TRACKS);
    a->per_trk = sp_get16(parm + SP_DIR_PERTRK);
    a->user_cyl = sp_get16(parm + SP_USER_CYL);
    unsigned total = vi->cyls * vi->heads;
    if (a->len == 0 || a->per_trk == 0) {
        snprintf(err, errlen, "%s: the volume has no user directory", vol_path(v));
        return -1;
    }
    if (a->first_track == 0 || a->first_track >= total || a->ntracks > total - a->first_track ||
        a->len > (size_t)a->ntracks * a->per_trk * SYSRES_DIR_RECLEN || a->len > DIRVOL_MAX) {
        snprintf(err, errlen, "%s: the system parameters describe no valid directory area",
                 vol_path(v));
        return -1;
    }
    uint8_t *b = malloc(a->len);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    static uint8_t rec[SYSRES_DIR_RECLEN];
    for (size_t at = 0, i = 0; at < a->len; i++) {
        unsigned tn = a->first_track + (unsigned)(i / a->per_trk), r = (unsigned)(i % a->per_trk) + 1;
        if (read_record(v, tn, r, rec, SYSRES_DIR_RECLEN, err, errlen) < 0) {
            free(b);
            return -1;
        }
        size_t n = a->len - at < SYSRES_DIR_RECLEN ? a->len - at : SYSRES_DIR_RECLEN;
        memcpy(b + at, rec, n);
        at += n;
    }
    *blob = b;
    *len = a->len;
    return 0;
}
