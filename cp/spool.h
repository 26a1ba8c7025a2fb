/*
 * spool.h - CP's spool files (spool.c): the records virtual punches and
 * printers write, kept in the spool area of the system residence volume,
 * queued to a user's reader or to the system's printer or punch queue,
 * and checkpointed there whenever they change, so that they survive a
 * SHUTDOWN (warm start) and an unplanned stop (checkpoint start).  The
 * virtual devices are vspool.c's, the commands cmd_spool.c's.
 */
#ifndef CP_SPOOL_H
#define CP_SPOOL_H

#include <stdbool.h>
#include <stdint.h>

#define SPOOL_MAX_FILES 1020        /* 20 checkpoint pages of 51 */
#define SPOOL_MAX_ID 9999
#define SPOOL_MAX_REC 255           /* the longest record: a print line with room */

enum spool_queue { SPQ_FREE, SPQ_RDR, SPQ_PRT, SPQ_PUN };
enum spool_type { SPT_PUN = 1, SPT_PRT, SPT_CON, SPT_RDR };

struct sfile {
    uint16_t id;                    /* 1-9999 */
    uint8_t queue;                  /* SPQ_*: SPQ_FREE, the entry is unused */
    uint8_t type;                   /* SPT_*: the device that made it */
    char owner[9];                  /* whose reader, or who made a PRT or PUN file */
    char origin[9];                 /* who made it */
    char fn[9], ft[9], dist[9];
    char cls;
    bool hold;                      /* user hold: not read, not printed */
    bool open;                      /* a reader reads it now (not checkpointed) */
    uint16_t copies;
    uint32_t recs, first, pages;    /* records; the first data slot; data slots */
    uint32_t seq;                   /* the order in its queue */
    uint64_t tod;                   /* created */
};

/* A file being written on a virtual punch or printer. */
struct spool_writer {
    struct sfile *f;                /* its entry, reserved with its id */
    uint8_t *page;                  /* the page being filled, a frame */
    unsigned slot, first;           /* its slot; the file's first */
    uint32_t recs, pages;
    uint16_t used, nrec;
};

/* A file being read on a virtual reader. */
struct spool_reader {
    struct sfile *f;
    uint8_t *page;
    unsigned slot;
    uint16_t pos, left;             /* the next record's offset; records left in the page */
};

/* At IPL, after rdev_init: cold, warm or checkpoint start; says which. */
void spool_init(void);
/* At SHUTDOWN: the next start is a warm one. */
void spool_shutdown(void);
bool spool_available(void);

/* Append a record (op: the CCW command; len at most SPOOL_MAX_REC).
   0, or -1 when the spool area is full or failed. */
int spool_put(struct spool_writer *w, uint8_t op, const uint8_t *data, unsigned len);
/* The file written so far becomes a spool file with the attributes of
   *attr (queue, type, owner, origin, names, class, hold, copies): its
   id, or 0 if it had no records or cannot be kept (then dropped).  A
   writer's file has its id from its first record on (w->f->id). */
unsigned spool_close(struct spool_writer *w, const struct sfile *attr);
void spool_drop(struct spool_writer *w);

/* Reading file f: 0, or -1 (no storage).  spool_get: the next record's
   length (its data in buf, at most SPOOL_MAX_REC bytes, its op in *op),
   -1 at the end, -2 on an I/O error. */
int spool_open(struct spool_reader *r, struct sfile *f);
int spool_get(struct spool_reader *r, uint8_t *op, uint8_t *buf);
void spool_end(struct spool_reader *r);

/* The files of queue q owned by owner (NULL: anyone's), in queue order:
   the first after prev (NULL: the first), or NULL. */
struct sfile *spool_next(unsigned q, const char *owner, const struct sfile *prev);
struct sfile *spool_find(unsigned id);
/* After changing f's attributes (or owner: a TRANSFER), checkpoint it;
   spool_last moves it to the end of its queue. */
void spool_changed(struct sfile *f);
void spool_last(struct sfile *f);
/* Purge f: its slots go back, its entry is freed. */
void spool_purge(struct sfile *f);
/* "PUN", "PRT", "CON" or "RDR" (a real reader's): the device that made f. */
const char *spool_type_name(const struct sfile *f);

#endif
