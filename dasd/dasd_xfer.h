/*
 * dasd_xfer.h - moving whole volumes: Hercules CKD/CCKD image -> volume
 * file (import), volume file -> image (export), volume file -> volume
 * file (copy).  The image formats are in herc_ckd.c, the volume file in
 * volume.h; `cpcms dasd import|export|copy` (host/cmd_dasd_xfer.c) calls
 * these.
 */
#ifndef CPCMS_DASD_XFER_H
#define CPCMS_DASD_XFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "herc_ckd.h"
#include "volume.h"

/* Called after each cylinder moved, if not NULL (a progress display). */
struct xfer_progress {
    void (*fn)(unsigned done, unsigned total, void *arg);
    void *arg;
};

/* Where an imported volume's serial came from. */
enum xfer_volser_src { XFER_VOLSER_OPTION, XFER_VOLSER_LABEL, XFER_VOLSER_FILENAME };

struct xfer_result {
    const struct dasd_type *type;
    unsigned cyls, heads;
    char volser[7];
    enum xfer_volser_src volser_src;
    char label[5];          /* "VOL1", "CMS1" or "CMS=" when from a label */
    enum herc_kind kind;    /* import: what the image was */
};

/*
 * The volume serial in the label of track 0 (cylinder 0 head 0), image
 * buf of len bytes: record 3's data beginning with EBCDIC "VOL1" (OS
 * volumes), "CMS1" or "CMS=" (CMS), followed by the serial.  Returns 1
 * and fills volser (trailing blanks removed) and label, or 0 if there is
 * no such label or its serial is not 1-6 of A-Z 0-9 $ # @ -.
 */
int xfer_label_volser(const uint8_t *buf, size_t len, char volser[7], char label[5]);

/*
 * Import the Hercules image `image` into the new volume file `volpath`
 * (it must not exist).  volser: the serial to give it, or NULL for the
 * one in the volume label, else one made from the image's file name.
 * Every track is read and checked (herc_read_track) before the volume
 * is committed; on any failure volpath is removed.  Returns 0 and fills
 * *res, or -1 with a message naming the file and what is wrong in err.
 */
int xfer_import(const char *image, const char *volpath, const char *volser, enum vol_sync sync,
                const struct xfer_progress *prog, struct xfer_result *res, char *err,
                size_t errlen);

/*
 * Export the volume file `volpath` to the new image `image` (it must not
 * exist) of the given kind and compression.  Returns 0 and fills *res,
 * or -1 with a message in err (and no image left behind).
 */
int xfer_export(const char *volpath, const char *image, enum herc_kind kind, enum herc_comp comp,
                const struct xfer_progress *prog, struct xfer_result *res, char *err,
                size_t errlen);

/*
 * Copy the volume file `from` to the new volume file `to`, checking each
 * track (track.h invariants) on the way.  sync: the copy's sync level
 * (enum vol_sync), or -1 for the source's.  Returns 0 and fills *res, or -1
 * with a message in err (and `to` removed).
 *
 * Each of the three calls prog->fn (if prog is not NULL) after every
 * cylinder.
 */
int xfer_copy(const char *from, const char *to, int sync, const struct xfer_progress *prog,
              struct xfer_result *res, char *err, size_t errlen);

#endif
