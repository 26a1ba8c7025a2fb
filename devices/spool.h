/*
 * spool.h - the unit record queues in one SQLite database file (spool.c):
 * decks waiting for a card reader, and the output of punches and
 * printers as they produced it.
 *
 * Workload: one simulator process whose readers take cards a channel
 * program at a time and whose punches and printers add a channel
 * program's records at a time (devices/cardrdr.c, urec_out.c); `cpcms
 * spool` (host/cmd_spool.c) in other processes queues decks and reads or
 * deletes output while the simulator runs.  So the file is in WAL mode,
 * every change is one short transaction (begun and committed in the same
 * call chain: no transaction stays open while the guest runs), and each
 * connection waits up to 5 s for another's lock.  synchronous=NORMAL: a
 * commit survives a killed simulator (it is in the log the kernel has);
 * a power cut may lose the last ones.
 *
 * Schema (format 1):
 *
 *   files(id INTEGER PRIMARY KEY AUTOINCREMENT, queue, devaddr, devtype,
 *         name, state, pos, records, created)
 *       queue: 'reader', 'punch' or 'printer'.
 *       devaddr: a reader file: the reader it is for (NULL: any reader);
 *                an output file: the device that produced it.
 *       devtype: output: the device type ('2540P', '3525', '1403',
 *                '3211'); reader: ''.
 *       name: reader: the name given when it was queued; output: ''.
 *       state: reader: 'queued' -> 'reading' -> 'read';
 *              output: 'open' (the device is still attached, or the
 *              simulator was killed) -> 'closed'.
 *       pos: reader: cards read so far.  records: the records in the file.
 *       created: Unix seconds.
 *   records(file, seq, cmd, data, PRIMARY KEY(file, seq)) WITHOUT ROWID
 *       seq counts from 0.  cmd: the CCW command code that wrote the
 *       record (a punch's stacker select, a printer's carriage control);
 *       0 for a reader's cards.  data: a card (80 bytes EBCDIC) or a
 *       print line (EBCDIC) or an FCB image; empty for a printer's
 *       immediate space or skip.
 *   PRAGMA application_id = 0x43505350 ('CPSP') tells a spool database
 *   from other SQLite files; PRAGMA user_version = the format.
 *
 * Every SQLite call that changes the file or reads records goes through
 * the spool's `struct spool_store_ops`, so tests can make any of them
 * fail; a failure rolls the transaction back and the file stays as the
 * last commit left it.
 */
#ifndef CPCMS_SPOOL_H
#define CPCMS_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPOOL_FORMAT 1
#define SPOOL_APP_ID 0x43505350
#define SPOOL_CARD 80

struct sqlite3;
struct sqlite3_stmt;
struct spool;

enum spool_queue { SPOOL_READER, SPOOL_PUNCH, SPOOL_PRINTER, SPOOL_NQUEUES };

/* The storage methods: sqlite3_step() and sqlite3_exec(). */
struct spool_store_ops {
    int (*step)(void *ctx, struct sqlite3_stmt *st);
    int (*exec)(void *ctx, struct sqlite3 *db, const char *sql);
};
extern const struct spool_store_ops spool_sqlite_store;

/* One row of the files table. */
struct spool_file {
    long long id;
    enum spool_queue queue;
    int devaddr;          /* -1: none (a reader file for any reader) */
    char devtype[8];
    char name[64];
    char state[8];
    long long pos, records, created;
};

/* "reader", "punch", "printer"; spool_queue_find() is the inverse (-1). */
const char *spool_queue_name(enum spool_queue q);
int spool_queue_find(const char *name);

/*
 * Open the spool database `path`; with `create`, make it (empty queues)
 * if it does not exist.  Checks that an existing file is an SQLite
 * database, a cpcms spool (application_id), of format 1, with its tables.
 * Returns the spool, or NULL with a message naming the file in err.
 */
struct spool *spool_open(const char *path, bool create, char *err, size_t errlen);
void spool_close(struct spool *s);
const char *spool_path(const struct spool *s);
/* The message of the last failure (it names the file). */
const char *spool_error(const struct spool *s);
/* Replace the storage methods (tests); NULL restores SQLite's. */
void spool_set_store(struct spool *s, const struct spool_store_ops *ops, void *ctx);

/* Transactions: spool_begin() (BEGIN IMMEDIATE), spool_commit(); each
   returns 0 or -1 after rolling back.  Every change below must be made
   inside one. */
int spool_begin(struct spool *s);
int spool_commit(struct spool *s);
void spool_rollback(struct spool *s);

/* Add a deck of ncards cards (80 bytes each) for reader devaddr (-1: any)
   in its own transaction; *id gets the file id.  0 or -1. */
int spool_queue_deck(struct spool *s, const char *name, int devaddr, const uint8_t *cards,
                     size_t ncards, long long *id);

/* The oldest reader file for devaddr (or for any reader) that is not yet
   read: 1 (in *f), 0 if there is none, -1 on failure. */
int spool_next_deck(struct spool *s, int devaddr, struct spool_file *f);
/* Card `seq` of reader file `file`: 1, 0 if there is no such card (the
   file went), -1 on failure. */
int spool_card(struct spool *s, long long file, long long seq, uint8_t card[SPOOL_CARD]);
/* Record how far a reader file has been read; `done`: all of it, with
   the end of file presented.  In a transaction.  0 or -1. */
int spool_set_pos(struct spool *s, long long file, long long pos, bool done);

/* A new output file ('open') of queue q from device devaddr of type
   devtype.  In a transaction.  0 (*id set) or -1. */
int spool_new_output(struct spool *s, enum spool_queue q, int devaddr, const char *devtype,
                     long long *id);
/* Append record `seq` to a file and count it.  In a transaction. */
int spool_append(struct spool *s, long long file, long long seq, uint8_t cmd, const uint8_t *data,
                 size_t len);
/* Mark an output file 'closed' (its own transaction).  0 or -1. */
int spool_close_output(struct spool *s, long long file);

/* Call fn for every file of queue q (-1: all), oldest first; stops at a
   nonzero return of fn.  0, or -1 on failure. */
int spool_list(struct spool *s, int q, int (*fn)(const struct spool_file *f, void *arg), void *arg);
/* The file `id`: 1, 0 if there is none, -1 on failure. */
int spool_get(struct spool *s, long long id, struct spool_file *f);
/* Call fn for each record of file `id` in order; stops at a nonzero
   return of fn.  0, or -1 on failure. */
int spool_records(struct spool *s, long long id,
                  int (*fn)(uint8_t cmd, const uint8_t *data, size_t len, void *arg), void *arg);
/* Delete file `id` and its records (its own transaction): 1, 0 if there
   is none, -1 on failure. */
int spool_purge(struct spool *s, long long id);

#endif
