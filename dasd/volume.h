/*
 * volume.h - a DASD volume stored in one SQLite database file.
 *
 * Workload: one simulator process reads and writes tracks of a handful of
 * volumes, a track at a time; other processes (`cpcms dasd info`, backups)
 * may read the same file at the same time, so the file is in WAL mode.
 * Writes are grouped in one transaction per channel program: the first
 * write begins it, vol_commit() (called when the channel program ends)
 * commits it, so a killed simulator loses no program that had ended.
 * What a crashed host (a power cut) does to the file depends on the
 * volume's sync level, enum vol_sync below.
 *
 * Schema (format 1):
 *
 *   volume(format, devtype, cylinders, heads, volser, created, durable)
 *       exactly one row; devtype is a dasd/devtypes.h.inc name ("3330-11"),
 *       created is Unix seconds, durable 1 or 0.  For an FBA type (3310,
 *       3370) `cylinders` holds the volume's size in blocks and `heads`
 *       the blocks per row, which is the device's blocks per track.
 *   tracks(track INTEGER PRIMARY KEY, image BLOB NOT NULL)
 *       one row per track, track = cylinder * heads + head, image in the
 *       layout of dasd/track.h.  FBA: row n holds blocks n*bpg.. (bpg =
 *       blocks per track) as raw bytes, every row bpg blocks long except
 *       the last, which holds what is left (vol_row_blocks()).
 *   PRAGMA application_id = 0x43504456 ('CPDV') tells a volume from any
 *   other SQLite file; PRAGMA user_version = the format.
 *   The page size is chosen at create, the smallest (4K-64K) that holds a
 *   full track or FBA row in one b-tree page; any page size reads.
 *
 * All SQLite statements that touch the file go through the volume's
 * `struct vol_store_ops`, so tests can make any of them fail (busy, I/O
 * error, out of memory).  A failure rolls the open transaction back; the
 * file stays as the last committed program left it.  vol_failed() tells
 * a failure that lasts (the file cannot be read or written) from one
 * that may pass (busy, out of memory).
 */
#ifndef CPCMS_VOLUME_H
#define CPCMS_VOLUME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "geometry.h"

#define VOL_FORMAT 1
#define VOL_APP_ID 0x43504456

struct sqlite3;
struct sqlite3_stmt;
struct volume;

/* The storage methods: sqlite3_step() and sqlite3_exec() of the volume's
   statements.  ctx is what vol_set_store() was given. */
struct vol_store_ops {
    int (*step)(void *ctx, struct sqlite3_stmt *st);
    int (*exec)(void *ctx, struct sqlite3 *db, const char *sql);
};
extern const struct vol_store_ops vol_sqlite_store;

/* For an FBA volume, cyls is the number of rows, heads 1, blocks the
   size in blocks; for CKD blocks is 0. */
struct vol_info {
    const struct dasd_type *type;
    unsigned cyls, heads;
    unsigned blocks;
    char volser[7];
    long long created;
    int format;
    enum vol_sync {
        VOL_FAST,    /* synchronous=OFF (paging volumes): after a crashed
                        host the file may be damaged */
        VOL_DURABLE, /* synchronous=NORMAL: after a crashed host the file
                        is sound, the last programs may be missing */
        VOL_SYNCED,  /* synchronous=FULL: a program is on the disk before
                        it ends (a sync of the WAL each) */
    } sync;          /* the header's durable column: 0, 1, 2 */
};
/* "fast", "durable" or "synced"; vol_sync_named(): -1 for another name;
   vol_sync_pragma(): SQLite's synchronous setting for it, "OFF"... */
const char *vol_sync_name(enum vol_sync s);
const char *vol_sync_pragma(enum vol_sync s);
int vol_sync_named(const char *name);

/*
 * Create the volume file `path` (it must not exist): the header and every
 * track formatted empty (HA, R0, no records), in one transaction.  For an
 * FBA type `cyls` is the number of blocks (1 to the device's), and every
 * block is zeros.
 * progress(done, total, arg) is called after each cylinder if not NULL.
 * Returns 0, or -1 with a message naming the file in err.
 */
int vol_create(const char *path, const struct dasd_type *t, unsigned cyls, const char *volser,
               enum vol_sync sync, void (*progress)(unsigned done, unsigned total, void *arg),
               void *arg, char *err, size_t errlen);

/*
 * Open a volume.  Checks that the file is an SQLite database, a cpcms
 * volume of a known format, with a consistent header and every track row
 * present.  Returns the volume, or NULL with a message naming the file
 * and what is wrong in err.
 */
struct volume *vol_open(const char *path, bool readonly, char *err, size_t errlen);

/* What kind of volume a device wants (vol_attach). */
enum vol_kind { VOL_ANY, VOL_CKD, VOL_FBA };

/*
 * Open the volume a device's attach argument names: "FILE", or
 * "FILE,ro" for a read-only attach; it must be of the kind given.
 * The volume holds a shared flock(2) on the file until vol_close(): the
 * mark of a running system that `cpcms cmsfs` (which locks exclusively)
 * respects; an exclusive holder makes the attach fail.
 * Returns the volume, or NULL with a message naming the file in err.
 */
struct volume *vol_attach(const char *arg, enum vol_kind kind, char *err, size_t errlen);

/* Commit what is pending and close. */
void vol_close(struct volume *v);

const struct vol_info *vol_info(const struct volume *v);
const char *vol_path(const struct volume *v);
bool vol_readonly(const struct volume *v);
/* The message of the last failure. */
const char *vol_error(const struct volume *v);
/*
 * Is the last failure one that does not pass by itself: a storage method
 * failed with an I/O error, a corrupt file or not a database, a full
 * disk, a file that cannot be opened or written (SQLITE_IOERR, CORRUPT,
 * NOTADB, FULL, CANTOPEN, READONLY, PERM, NOLFS)?  False for the ones
 * that may pass (SQLITE_BUSY, LOCKED, NOMEM and the rest) and for a
 * failure that is not SQLite's (a missing row, a read-only attach).  A
 * DASD device whose volume has failed this way becomes not ready (see
 * dasd.h).
 */
bool vol_failed(const struct volume *v);

/* Replace the storage methods (tests); NULL restores SQLite's. */
void vol_set_store(struct volume *v, const struct vol_store_ops *ops, void *ctx);

/*
 * Read track `trk` (cylinder * heads + head) into buf (DASD_MAX_TRACK
 * bytes); *len gets its length.  Returns 0, or -1 (vol_error() says why:
 * a failing call, a missing row, an image too long).
 */
int vol_read_track(struct volume *v, unsigned trk, uint8_t *buf, size_t *len);

/* Write track `trk`, beginning the transaction if none is open.
   Returns 0, or -1 after rolling the transaction back. */
int vol_write_track(struct volume *v, unsigned trk, const uint8_t *buf, size_t len);

/* Commit the open write transaction, if any (the end of a channel
   program).  A read transaction stays open while it is young (volume.c).
   Returns 0, or -1 after rolling it back. */
int vol_commit(struct volume *v);

/* Roll the open transaction back, if any. */
void vol_rollback(struct volume *v);

/* Change the sync level (stored in the header). 0 or -1. */
int vol_set_sync(struct volume *v, enum vol_sync sync);

/* FBA: the blocks that row `row` holds (0 past the end). */
unsigned vol_row_blocks(const struct vol_info *i, unsigned row);

/*
 * Check every track image (track.h invariants) and the header; print a
 * line for each problem on out.  Returns the number of problems.
 */
unsigned vol_check(struct volume *v, FILE *out);

#endif
