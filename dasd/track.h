/*
 * track.h - the CKD track image: how one track is held in memory and
 * stored in a volume file (volume.c), the same layout as Hercules' CKD
 * images so that import and export copy tracks unchanged.
 *
 *   HA      5 bytes   flag (0), CC, HH                (home address)
 *   count   8 bytes   CC HH R KL DL(2)                  \ R0, then
 *   key     KL bytes                                     | R1..Rn,
 *   data    DL bytes                                     / each so
 *   end     8 bytes   FF FF FF FF FF FF FF FF         (end of track)
 *
 * Every field is big-endian.  A formatted empty track is HA, an R0 with
 * no key and 8 data bytes of zeros, and the end marker (29 bytes).  The
 * invariants track_check() tests: (1) HA's CCHH is the track's own;
 * (2) the first record, if any, is R0; (3) each count lies inside the
 * image and its key and data too; (4) the image ends right after the end
 * marker; (5) the records after R0 fit the device's track capacity.
 */
#ifndef CPCMS_TRACK_H
#define CPCMS_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "geometry.h"

#define TRK_HA_LEN 5
#define TRK_COUNT_LEN 8
#define TRK_EMPTY_LEN (TRK_HA_LEN + TRK_COUNT_LEN + 8 + TRK_COUNT_LEN)

/* One record of a track image. */
struct trk_rec {
    size_t off;         /* offset of its count */
    uint16_t cc, hh;
    uint8_t r, kl;
    uint16_t dl;
};

static inline uint16_t trk_get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline void trk_put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

/* Size of a record's count, key and data. */
static inline size_t trk_rec_size(const struct trk_rec *r) { return TRK_COUNT_LEN + r->kl + r->dl; }

/* Write the end marker at buf+off; returns the image length. */
size_t trk_put_end(uint8_t *buf, size_t off);

/* Build a formatted empty track (HA, R0 of 8 zero bytes, end); returns
   its length, TRK_EMPTY_LEN. */
size_t trk_format_empty(uint8_t *buf, unsigned cyl, unsigned head);

/*
 * Append record r (count, key, data) at buf+off of the image of track
 * (cyl, head); returns the offset after it.  Build a track with
 * trk_format_empty(), records from TRK_EMPTY_LEN - 8 (over the end
 * marker), then trk_put_end().  The caller checks the space (geometry.h).
 */
size_t trk_add_record(uint8_t *buf, size_t off, unsigned cyl, unsigned head, unsigned r,
                      const uint8_t *key, unsigned kl, const uint8_t *data, unsigned dl);

/*
 * The record whose count is at `off` of an image of `len` bytes.
 * Returns 1 and fills *r, 0 at the end marker, -1 if the image is
 * malformed there (count, key or data outside the image).
 */
int trk_record_at(const uint8_t *buf, size_t len, size_t off, struct trk_rec *r);

/*
 * Check invariants (1)-(5) above for the track (cyl, head) of type t.
 * Returns 0, or -1 with a message in why.
 */
int trk_check(const struct dasd_type *t, const uint8_t *buf, size_t len,
              unsigned cyl, unsigned head, char *why, size_t whylen);

#endif
