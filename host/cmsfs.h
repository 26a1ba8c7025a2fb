/*
 * cmsfs.h - a CMS minidisk inside a volume file, for `cpcms cmsfs`
 * (cmd_cmsfs.c): the volume locked and opened, the minidisk found (by
 * the user directory on the volume or an explicit extent), and a block
 * device over its CKD records or FBA blocks for the file system of
 * cms/fs/edf.h, with the block mapping edf.h declares; and host files
 * made CMS files.  Implemented in cmsfs_vol.c and cmsfs_put.c; used by
 * `cpcms cmsfs` and by `cpcms sysgen` for the CMS disks.
 */
#ifndef CPCMS_CMSFS_H
#define CPCMS_CMSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "edf.h"

struct volume;
struct vol_info;

struct cmsfs {
    const char *prog;           /* "cpcms cmsfs", for messages */
    const char *path;           /* the volume file */
    char name[48];              /* the DISK argument, for messages */
    int cuu;                    /* the minidisk's address, -1 for an extent */
    int lockfd;
    struct volume *v;
    const struct vol_info *vi;
    bool fba;
    uint32_t first, count;      /* CKD: tracks; FBA: 512-byte blocks */
    uint32_t cyls;              /* CKD: cylinders of the minidisk */
    unsigned bs, rpt;           /* block size, CKD records per track */
    struct edf_dev dev;         /* the whole minidisk */
    uint8_t *img;               /* the track or FBA row in hand */
    size_t len;
    long cur;                   /* its number, -1 none */
    bool dirty;
    char why[300];              /* what the device last failed on */
    struct edf_disk *d;
    void *work;
};

/*
 * Lock the volume file `path` (flock LOCK_EX, refused while a running
 * system holds it), open it (read-write if `writable`) and find the
 * minidisk `disk` (USERID.CUU, CUU, START:COUNT or ALL).  Returns 0, or
 * -1 after a message on stderr beginning with `prog` and naming the
 * volume and disk.
 */
int cmsfs_open(struct cmsfs *c, const char *prog, const char *path, const char *disk,
               bool writable);

/* Mount the file system (edf_mount()); EDF_E_NOTCMS when the minidisk
   does not hold CMS blocks. */
int cmsfs_mount(struct cmsfs *c, bool readonly);

/*
 * Format the minidisk: CKD tracks rewritten with records of bs bytes
 * (zeros), then edf_format() of a file system on the first fs_cyls
 * cylinders (0: all of them; CKD only), ADTCYL fs_cyls.  The blocks after
 * it stay reachable through c->dev (CMS's FORMAT ... RECOMP: the 190's
 * nucleus area).  An EDF_* code; the file system is mounted afterwards.
 */
int cmsfs_format(struct cmsfs *c, unsigned bs, const char *label, struct edf_time now,
                 uint32_t fs_cyls);

/* ---- host files in (cmsfs_put.c) ---- */

/*
 * A file id as the host user writes it: "FN FT [FM]" or FN.FT[.FM],
 * checked (edf_name(), edf_mode()) and upper-cased; fm "" if not given.
 * 0, or -1 if malformed.
 */
int cmsfs_fileid(const char *s, char fn[9], char ft[9], char fm[3]);

/* How cmsfs_put() makes records of a host file: text (each line a record
   in EBCDIC: RECFM V, an empty line one blank; or F padded with blanks)
   or binary (the bytes in records of LRECL: V, the last one as short as
   the data, or F padded with zeros).  recfm 0: V; lrecl 0: 4096 for
   binary, 80 for text F, 65535 for text V. */
struct cmsfs_put_opts {
    bool binary;
    char recfm;
    uint32_t lrecl;
};

/*
 * Write host file `host` ("-": stdin) as file fn ft [fm] of the mounted
 * file system of c, replacing one of that name.  Returns 0, or -1 after
 * a message (the host file is unreadable or empty, a line is longer than
 * LRECL, the disk is full...).  Nothing is durable before edf_commit().
 */
int cmsfs_put(struct cmsfs *c, const char *host, const char *fn, const char *ft, const char *fm,
              const struct cmsfs_put_opts *o);

/* The local time, for what the file system stamps. */
struct edf_time cmsfs_now(void);

/* " (why)" after a device failure, else "". */
const char *cmsfs_why(struct cmsfs *c);

/*
 * Commit (if `commit`: the last track, then the volume transaction) or
 * roll back, close the volume and drop the lock.  Returns 0, or -1
 * after a message (the commit failed: nothing was changed).
 */
int cmsfs_close(struct cmsfs *c, bool commit);

#endif
