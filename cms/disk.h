/*
 * disk.h - the accessed disks (disk.c): up to 26 minidisks, each at a
 * mode letter A-Z, mounted with the file system (cms/fs/edf.h) over
 * DIAGNOSE X'18' block I/O, and the search order through them.
 */
#ifndef CMS_DISK_H
#define CMS_DISK_H

#include <stdbool.h>
#include <stdint.h>

#include "edf.h"

struct cms_disk {
    bool used;
    char letter;                /* 'A'..'Z' */
    unsigned vaddr;
    unsigned devtype, heads, cyls;
    unsigned rpt;               /* records (blocks) per track */
    bool readonly;              /* accessed R/O (the link, damage, an extension) */
    char parent;                /* a read-only extension of this letter (ACCESS 192 B/A), or 0 */
    bool dirty;                 /* changed since the last commit */
    bool lost;                  /* a queued write failed: the next commit fails */
    struct edf_dev dev;
    struct edf_disk *d;         /* free storage, as the work area */
    void *work;
};

/* Errors of disk_access (besides EDF_E_*). */
#define DISK_E_NODEV (-100)     /* no such device */
#define DISK_E_NOTDASD (-101)   /* not a CKD DASD CMS knows */

/* The disk at mode letter (A-Z, either case), NULL if none. */
struct cms_disk *disk_at(char letter);
/* The disk accessed from vaddr, NULL if none. */
struct cms_disk *disk_of(unsigned vaddr);
/*
 * Access the CMS disk at vaddr as letter: replaces what was at the
 * letter.  Returns EDF_OK (also for a damaged disk accessed R/O: *damage
 * then says why), or DISK_E_*, EDF_E_NOTCMS and the like.
 */
int disk_access(unsigned vaddr, char letter, int *damage);
void disk_release(char letter);
/* The device's geometry without accessing it (FORMAT). */
int disk_geometry(unsigned vaddr, unsigned *devtype, unsigned *heads, unsigned *cyls);
/*
 * FORMAT: every track of vaddr written with records of bs bytes (zeros),
 * then an empty file system with label volid.  Returns EDF_OK or an
 * error; the disk is not accessed afterwards.
 */
int disk_format(unsigned vaddr, unsigned bs, const char *volid);
/* The local time for the file system's stamps. */
void disk_now(struct edf_time *t);
/* Every accessed disk's clock for what a command writes: now. */
void disk_stamp_all(void);
/* Commit the changes to a disk: EDF_OK or EDF_E_IO. */
int disk_commit(struct cms_disk *k);
/* Commit every disk a command changed (at the command's end), but not
   one a program is still writing a file on (its blocks are in use, its
   entry not yet in the directory); the letter of one that failed, or 0. */
char disk_commit_dirty(void);

/* svc.c: does a program have a file open for writing on disk k? */
bool svc_writing_on(const struct cms_disk *k);

#endif
