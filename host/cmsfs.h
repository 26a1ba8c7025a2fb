/*
 * cmsfs.h - a CMS minidisk inside a volume file, for `cpcms cmsfs`
 * (cmd_cmsfs.c): the volume locked and opened, the minidisk found (by
 * the user directory on the volume or an explicit extent), and a block
 * device over its CKD records or FBA blocks for the file system of
 * cms/fs/edf.h, with the block mapping edf.h declares.  Implemented in
 * cmsfs_vol.c.
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
    struct edf_dev dev;
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
 * -1 after a message on stderr naming the volume and disk.
 */
int cmsfs_open(struct cmsfs *c, const char *path, const char *disk, bool writable);

/* Mount the file system (edf_mount()); EDF_E_NOTCMS when the minidisk
   does not hold CMS blocks. */
int cmsfs_mount(struct cmsfs *c, bool readonly);

/* Format the minidisk: CKD tracks rewritten with records of bs bytes,
   then edf_format().  An EDF_* code. */
int cmsfs_format(struct cmsfs *c, unsigned bs, const char *label, struct edf_time now);

/* " (why)" after a device failure, else "". */
const char *cmsfs_why(struct cmsfs *c);

/*
 * Commit (if `commit`: the last track, then the volume transaction) or
 * roll back, close the volume and drop the lock.  Returns 0, or -1
 * after a message (the commit failed: nothing was changed).
 */
int cmsfs_close(struct cmsfs *c, bool commit);

#endif
