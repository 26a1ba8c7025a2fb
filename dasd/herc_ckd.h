/*
 * herc_ckd.h - Hercules' CKD disk image files, read and written track by
 * track: the uncompressed CKD image (eye-catcher "CKD_P370") and the
 * compressed CCKD image ("CKD_C370", tracks compressed with zlib or
 * bzip2 or stored as they are).  The formats are described in herc_ckd.c;
 * dasd_xfer.c moves tracks between these files and volume files.
 *
 * A track image here is the track.h layout (HA, R0, records, end marker),
 * which is also Hercules' own, so tracks pass through unchanged.
 */
#ifndef CPCMS_HERC_CKD_H
#define CPCMS_HERC_CKD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "geometry.h"

enum herc_kind { HERC_CKD, HERC_CCKD };

/* Track compression in a CCKD file (the low two bits of the byte that
   replaces the home address flag). */
enum herc_comp { HERC_COMP_NONE = 0, HERC_COMP_ZLIB = 1, HERC_COMP_BZIP2 = 2 };

/* What the headers of an image say. */
struct herc_geom {
    enum herc_kind kind;
    const struct dasd_type *type;   /* from the device type byte and cylinders */
    unsigned cyls, heads;
    unsigned trksize;               /* the device header's track size */
    unsigned nullfmt;               /* CCKD: null track format (0 or 1) */
    enum herc_comp comp;            /* CCKD: the header's compression */
};

struct herc_reader;
struct herc_writer;

/*
 * Open the image `path` for reading and check its headers: the
 * eye-catcher, a device type and geometry that cpcms has, a size that
 * holds every track (CKD) or lookup tables inside the file (CCKD).
 * Returns the reader, or NULL with a message naming the file and what is
 * wrong in err.
 */
struct herc_reader *herc_open(const char *path, char *err, size_t errlen);
const struct herc_geom *herc_geom(const struct herc_reader *r);

/*
 * Read track `trk` (cylinder * heads + head) into buf (DASD_MAX_TRACK
 * bytes) and set *len to the image's length.  The image is checked
 * (track.h invariants, for the image's device type): a track that the
 * file cannot hold correctly (outside the file, bad compressed data, a
 * wrong home address, a malformed record) fails.  A CCKD null track comes
 * back as the track Hercules makes for it.  Returns 0, or -1 with a
 * message naming the file and the track in err.
 */
int herc_read_track(struct herc_reader *r, unsigned trk, uint8_t *buf, size_t *len,
                    char *err, size_t errlen);

void herc_close(struct herc_reader *r);

/*
 * Create the image `path` (it must not exist) for a volume of type t with
 * `cyls` cylinders: kind HERC_CKD (comp ignored) or HERC_CCKD with the
 * given compression.  Returns the writer, or NULL with a message in err.
 */
struct herc_writer *herc_create(const char *path, enum herc_kind kind, enum herc_comp comp,
                                const struct dasd_type *t, unsigned cyls, char *err,
                                size_t errlen);

/*
 * Write the next track: tracks are written in order, 0 first, each a
 * well-formed image (track.h) of at most the file's track size.
 * Returns 0, or -1 with a message in err.
 */
int herc_write_track(struct herc_writer *w, const uint8_t *buf, size_t len, char *err,
                     size_t errlen);

/*
 * Finish the file after the last track (CCKD: the lookup tables and the
 * headers) and close it.  Returns 0, or -1 with a message in err; on
 * failure, or if w has not had every track, the file is removed.
 * herc_abort() closes and removes it without finishing.
 */
int herc_finish(struct herc_writer *w, char *err, size_t errlen);
void herc_abort(struct herc_writer *w);

/* The track size Hercules uses for a device type: HA, R0 with 8 bytes of
   data, the largest R1 and the end marker, rounded up to 512. */
unsigned herc_trksize(const struct dasd_type *t);

/* Build the null track of format fmt (0: HA, R0, an end-of-file R1 of no
   data; 1: HA, R0) for (cyl, head) into buf; returns its length. */
size_t herc_null_track(uint8_t *buf, unsigned fmt, unsigned cyl, unsigned head);

#endif
