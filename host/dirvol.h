/*
 * dirvol.h - the directory area of a system residence volume
 * (common/sysres.h): where it goes, writing it at sysgen, reading it and
 * rewriting it in place for `cpcms directory`.  Implemented in dirvol.c
 * over the DASD volume code (dasd/volume.h, dasd/track.h).
 */
#ifndef CPCMS_DIRVOL_H
#define CPCMS_DIRVOL_H

#include <stddef.h>
#include <stdint.h>

#include "geometry.h"
#include "sysres.h"

struct volume;

struct dirvol_area {
    unsigned first_track;    /* SP_DIR_TRACK */
    unsigned ntracks;        /* SP_DIR_TRACKS */
    unsigned per_trk;        /* SP_DIR_PERTRK */
    unsigned user_cyl;       /* SP_USER_CYL */
    unsigned len;            /* SP_DIR_LEN */
    unsigned tdsk_cyl;       /* SP_TDSK_CYL */
    unsigned tdsk_cyls;      /* SP_TDSK_CYLS */
    unsigned page_cyl;       /* SP_PAGE_CYL */
    unsigned page_cyls;      /* SP_PAGE_CYLS */
    unsigned spool_cyl;      /* SP_SPOOL_CYL */
    unsigned spool_cyls;     /* SP_SPOOL_CYLS */
};

#define DIRVOL_MAX (SYSRES_DIR_RECORDS * SYSRES_DIR_RECLEN)

/*
 * The area of a volume of type t with `cyls` cylinders whose nucleus ends
 * before track `first` (SP_NUC_TRACKS).  Returns 0, or -1 if it does not
 * fit on the volume (or leaves no cylinder for minidisks).
 */
int dirvol_layout(const struct dasd_type *t, unsigned cyls, unsigned first, struct dirvol_area *a);

/* Store the area's fields (a->len included) in the system parameters. */
/*
 * CP's spaces on the volume volser with `cyls` cylinders whose directory
 * blob[0..len) is given: of the cylinders after the last MDISK on it
 * (and after a->user_cyl), the last page_cyls are the paging area (-1:
 * half, at most what holds max_pages pages of per_cyl a cylinder), the
 * spool_cyls before them the spool area (-1: an eighth of what is left,
 * at most DIRVOL_SPOOL_CYLS), the others the temporary disk space: into
 * a->tdsk_cyl, a->tdsk_cyls, a->spool_cyl, a->spool_cyls, a->page_cyl,
 * a->page_cyls.
 */
#define DIRVOL_SPOOL_CYLS 50
void dirvol_cp_spaces(struct dirvol_area *a, const uint8_t *blob, size_t len,
                      const char *volser, unsigned cyls, long page_cyls, long spool_cyls,
                      unsigned per_cyl, unsigned max_pages);
void dirvol_put_parm(uint8_t *parm, const struct dirvol_area *a);

/*
 * Write every track of the area: blob[0..len) from R1 of the first
 * track, zeros after it.  The writes join the volume's open transaction
 * (the caller commits).  Returns 0, or -1 (vol_error() says why).
 */
int dirvol_write(struct volume *v, const struct dirvol_area *a, const uint8_t *blob, size_t len);

/*
 * Read the system parameters of volume v (track 0, R4) and the directory
 * they point at into *blob (malloc'd, *len bytes); fill *a.  The blob is
 * not validated here.  Returns 0, or -1 with a message in err (no
 * parameters, no directory, records missing or of the wrong length).
 */
int dirvol_read(struct volume *v, struct dirvol_area *a, uint8_t **blob, size_t *len,
                char *err, size_t errlen);

#endif
