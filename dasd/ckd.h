/*
 * ckd.h - the CKD device's private state and the pieces ckd.c,
 * ckd_search.c and ckd_rw.c share.  One device (struct dev_ops ckd_ops)
 * serves every CKD type of devtypes.h.inc; the volume file says which.
 *
 * Reference: IBM 3830 Storage Control / 3330-3350 reference summaries
 * (GA26-1592, GA26-1617), IBM 3880 (GA26-1661) for the 3380, 2314
 * (GA26-3599); the channel commands are in ckd_cmds.h.inc.
 *
 * Orientation: where the (simulated) head is on the track, as the
 * hardware keeps it between commands of a chain:
 *
 *   INDEX --search/read HA--> HA --next count--> COUNT --key--> KEY
 *     ^                                            |             |
 *     +----- end of track (index passed) <--- DATA <-------------+
 *
 * `rec` is the record whose count, key or data was processed last
 * (COUNT, KEY, DATA).  Invariants: (1) when loaded, trk holds the image
 * of track btrk as the volume has it, with this program's writes; (2)
 * orient COUNT/KEY/DATA implies rec describes a record of trk and btrk is
 * track (cyl, head); (3) index_passes < 2 between commands; (4) dirty
 * implies loaded: trk has writes not yet given to the volume, which
 * ckd_flush() stores before another track is loaded and when the program
 * ends, so a command that writes several records of a track (a format)
 * stores the track once; (5) not ready (u.vol NULL, dasd.h) implies
 * neither loaded nor dirty.
 */
#ifndef CPCMS_CKD_H
#define CPCMS_CKD_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"
#include "dev.h"
#include "dasd.h"
#include "geometry.h"
#include "track.h"
#include "volume.h"

/* Sense byte 0 (with dev.h's SNS0_*) and byte 1. */
#define CKD_S0_SEEKCHK 0x01
#define CKD_S1_PERM 0x80
#define CKD_S1_ITF 0x40     /* invalid track format */
#define CKD_S1_EOC 0x20     /* end of cylinder */
#define CKD_S1_NRF 0x08     /* no record found */
#define CKD_S1_FP 0x04      /* file protected */
#define CKD_S1_WRI 0x02     /* write inhibited */

/* File mask (Set File Mask byte). */
#define CKD_MASK_WMASK 0xC0
#define CKD_MASK_W_NOHA 0x00    /* inhibit Write HA and Write R0 */
#define CKD_MASK_W_NONE 0x40    /* inhibit every write */
#define CKD_MASK_W_UPDATE 0x80  /* permit Write Data and Write KD only */
#define CKD_MASK_W_ALL 0xC0
#define CKD_MASK_SMASK 0x18
#define CKD_MASK_S_ALL 0x00     /* permit every seek and recalibrate */
#define CKD_MASK_S_CYLHEAD 0x08 /* permit Seek Cylinder and Seek Head */
#define CKD_MASK_S_HEAD 0x10    /* permit Seek Head only */
#define CKD_MASK_S_NONE 0x18    /* inhibit seeks and multitrack */
#define CKD_MASK_RESERVED 0x27

enum ckd_orient { OR_INDEX, OR_HA, OR_COUNT, OR_KEY, OR_DATA };

struct ckd {
    struct dasd_unit u;     /* first (dasd_unit()): the volume, ready or not */
    const struct dasd_type *t;
    unsigned cyls, heads;
    unsigned cyl, head;
    bool loaded;
    unsigned btrk;          /* the track trk holds (cylinder * heads + head) */
    bool dirty;
    bool fresh;             /* loaded since the device last moved to another
                               track: a track is read again after a move
                               away and back (another process may read the
                               file, a test may change it between programs) */
    size_t trklen;
    enum ckd_orient orient;
    struct trk_rec rec;
    unsigned index_passes;  /* index points passed without data transfer */
    /* Chain state: reset by the first command of a channel program. */
    uint8_t mask;           /* file mask */
    bool mask_set;          /* a Set File Mask came in this chain */
    uint8_t prev;           /* previous command of the chain (0: none) */
    bool id_eq, key_eq, ha_eq; /* the last command was a search equal, met
                                  (set by searches, cleared by the rest) */
    uint8_t trk[DASD_MAX_TRACK];
};

/* A command handler: status for the channel, io->len set. */
typedef int ckd_handler(struct device *dev, struct ckd *k, struct ccw_io *io);

/* ckd.c */
int ckd_check(struct device *dev, uint8_t s0, uint8_t s1);
int ckd_equipment_check(struct device *dev, struct ckd *k);
int ckd_load(struct device *dev, struct ckd *k);
void ckd_set_track(struct ckd *k, unsigned cyl, unsigned head);
int ckd_next_count(struct device *dev, struct ckd *k, bool mt, bool skip_r0);
int ckd_store(struct device *dev, struct ckd *k);
int ckd_flush(struct device *dev, struct ckd *k);

/* Make dev a CKD device on an open CKD volume (it takes the volume over,
   closing it on failure).  0, or -1 with *err set.  (ckd_ops' attach, and
   dasd_any.c, which has opened the volume already.) */
int ckd_attach_volume(struct device *dev, struct volume *vol, const char **err);
/* The volume behind a CKD device (tests, tools, the operator's panel);
   NULL while the device is not ready. */
struct volume *ckd_volume(struct device *dev);

/* ckd_search.c */
ckd_handler ckd_search_ha, ckd_search_id, ckd_search_key;
/* ckd_rw.c */
ckd_handler ckd_read, ckd_read_ha, ckd_read_r0, ckd_read_mckd, ckd_read_ipl;
ckd_handler ckd_write_data, ckd_write_ckd, ckd_write_r0, ckd_write_ha;

#define CKD_OK (US_CE | US_DE)

#endif
