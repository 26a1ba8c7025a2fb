/*
 * spool.c - spool files in the spool area (spool.h).
 *
 * The area (SP_SPOOL_CYL, SP_SPOOL_CYLS of the system parameters) is cut
 * into 4K slots (slots.c).  Slot 1 is the checkpoint header: the magic
 * "CPCMSSPL", the format, and whether CP shut down (SHUT) or was still
 * running (RUN) when it last wrote it.  Slots 2 to CKPT_SLOTS hold the
 * file table, ENT_PER_PAGE entries of ENT_LEN bytes a slot, big-endian
 * (the ENT_* offsets below); entry i of the table in storage is entry i
 * on disk, and a change to a file rewrites the one slot that holds its
 * entry.  The other slots hold the files' records, in pages chained from
 * the entry's first slot (the PG_* header, then records of a length byte,
 * the CCW command and the data).
 *
 * A file's pages are written before its entry, and its entry is cleared
 * before its pages are given back, so that whenever CP stops the
 * checkpoint names only files whose pages are all on disk.  At IPL an
 * empty or foreign header means a cold start: no files.  Otherwise the
 * table is read back and each file's chain walked (its slots taken as in
 * use); a file whose chain is broken is dropped, and said.  A header that
 * says SHUT makes it a warm start, RUN a checkpoint start.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "slots.h"
#include "spool.h"
#include "sysres.h"

#define CKPT_MAGIC "CPCMSSPL"
#define CKPT_FORMAT 1
#define CKPT_SHUT 1
#define CKPT_RUN 2
#define HDR_MAGIC 0         /* 8 bytes */
#define HDR_FORMAT 8        /* u32 */
#define HDR_STATE 12        /* u32: CKPT_SHUT or CKPT_RUN */

#define ENT_LEN 80
#define ENT_PER_PAGE (CP_PAGE / ENT_LEN)
#define CKPT_SLOTS (1 + SPOOL_MAX_FILES / ENT_PER_PAGE)
#define ENT_ID 0            /* u16: 0, a free entry */
#define ENT_QUEUE 2         /* u8 */
#define ENT_TYPE 3          /* u8 */
#define ENT_CLASS 4         /* char */
#define ENT_HOLD 5          /* u8 */
#define ENT_COPIES 6        /* u16 */
#define ENT_RECS 8          /* u32 */
#define ENT_FIRST 12        /* u32 */
#define ENT_PAGES 16        /* u32 */
#define ENT_SEQ 20          /* u32 */
#define ENT_TOD 24          /* u64 */
#define ENT_OWNER 32        /* 8 chars each, blank-padded */
#define ENT_ORIGIN 40
#define ENT_FN 48
#define ENT_FT 56
#define ENT_DIST 64

#define PG_MAGIC 0          /* u32 */
#define PG_ID 4             /* u16: the file's */
#define PG_NREC 6           /* u16 */
#define PG_NEXT 8           /* u32: the next page's slot, 0 for the last */
#define PG_USED 12          /* u16: bytes of records */
#define PG_DATA 16
#define PG_MAGIC_V 0x53504C44u  /* "SPLD" */

_Static_assert(CKPT_SLOTS * ENT_PER_PAGE >= SPOOL_MAX_FILES + ENT_PER_PAGE, "table pages");

static struct slots area;
static struct sfile *files;         /* SPOOL_MAX_FILES of them */
static unsigned next_id = 1;
static uint32_t next_seq = 1;

bool spool_available(void) { return files != NULL; }

static void put_name(uint8_t *p, const char *s)
{
    memset(p, ' ', 8);
    memcpy(p, s, strnlen(s, 8));
}

static void get_name(char *s, const uint8_t *p)
{
    memcpy(s, p, 8);
    s[8] = 0;
    for (int i = 7; i >= 0 && s[i] == ' '; i--)
        s[i] = 0;
}

static void encode(uint8_t *e, const struct sfile *f)
{
    memset(e, 0, ENT_LEN);
    if (f->queue == SPQ_FREE)
        return;
    put16(e + ENT_ID, f->id);
    e[ENT_QUEUE] = f->queue;
    e[ENT_TYPE] = f->type;
    e[ENT_CLASS] = (uint8_t)f->cls;
    e[ENT_HOLD] = f->hold;
    put16(e + ENT_COPIES, f->copies);
    put32(e + ENT_RECS, f->recs);
    put32(e + ENT_FIRST, f->first);
    put32(e + ENT_PAGES, f->pages);
    put32(e + ENT_SEQ, f->seq);
    put32(e + ENT_TOD, (uint32_t)(f->tod >> 32));
    put32(e + ENT_TOD + 4, (uint32_t)f->tod);
    put_name(e + ENT_OWNER, f->owner);
    put_name(e + ENT_ORIGIN, f->origin);
    put_name(e + ENT_FN, f->fn);
    put_name(e + ENT_FT, f->ft);
    put_name(e + ENT_DIST, f->dist);
}

static void decode(struct sfile *f, const uint8_t *e)
{
    memset(f, 0, sizeof *f);
    f->id = (uint16_t)get16(e + ENT_ID);
    f->queue = e[ENT_QUEUE];
    if (f->id == 0 || f->id > SPOOL_MAX_ID || f->queue == SPQ_FREE || f->queue > SPQ_PUN) {
        memset(f, 0, sizeof *f);
        return;
    }
    f->type = e[ENT_TYPE];
    f->cls = (char)e[ENT_CLASS];
    f->hold = e[ENT_HOLD] != 0;
    f->copies = (uint16_t)get16(e + ENT_COPIES);
    f->recs = get32(e + ENT_RECS);
    f->first = get32(e + ENT_FIRST);
    f->pages = get32(e + ENT_PAGES);
    f->seq = get32(e + ENT_SEQ);
    f->tod = (uint64_t)get32(e + ENT_TOD) << 32 | get32(e + ENT_TOD + 4);
    get_name(f->owner, e + ENT_OWNER);
    get_name(f->origin, e + ENT_ORIGIN);
    get_name(f->fn, e + ENT_FN);
    get_name(f->ft, e + ENT_FT);
    get_name(f->dist, e + ENT_DIST);
}

/* Rewrite the table slot that holds entry i (from the table as it is
   when the write starts: a later change writes it again). */
static void checkpoint(unsigned i)
{
    uint8_t *pg = frame_alloc();
    if (!pg) {
        printf("DMKCKP920E NO STORAGE TO CHECKPOINT SPOOL FILE %04u\n", files[i].id);
        return;
    }
    unsigned p = i / ENT_PER_PAGE;
    for (unsigned k = 0; k < ENT_PER_PAGE && p * ENT_PER_PAGE + k < SPOOL_MAX_FILES; k++)
        encode(pg + k * ENT_LEN, &files[p * ENT_PER_PAGE + k]);
    if (slots_write(&area, 2 + p, pg) < 0)
        printf("DMKCKP921E I/O ERROR ON THE SPOOL CHECKPOINT\n");
    frame_free(pg);
}

static int write_header(uint32_t state)
{
    uint8_t *pg = frame_alloc();
    if (!pg)
        return -1;
    memcpy(pg + HDR_MAGIC, CKPT_MAGIC, 8);
    put32(pg + HDR_FORMAT, CKPT_FORMAT);
    put32(pg + HDR_STATE, state);
    int rc = slots_write(&area, 1, pg);
    frame_free(pg);
    return rc;
}

/* Walk f's chain, taking its slots: 0, or -1 if it is broken (the
   slots it took given back). */
static int claim_chain(const struct sfile *f, uint8_t *pg)
{
    unsigned n = 0, slot = f->first;
    uint32_t recs = 0;
    int rc = 0;
    while (slot && rc == 0) {
        if (slot <= CKPT_SLOTS || slot > area.n || slots_used(&area, slot) ||
            slots_read_any(&area, slot, pg) < 0 || get32(pg + PG_MAGIC) != PG_MAGIC_V ||
            get16(pg + PG_ID) != f->id) {
            rc = -1;
            break;
        }
        slots_claim(&area, slot);
        n++;
        recs += get16(pg + PG_NREC);
        slot = get32(pg + PG_NEXT);
    }
    if (rc == 0 && n == f->pages && recs == f->recs)
        return 0;
    for (slot = f->first; n--; slot = get32(pg + PG_NEXT)) {   /* give them back */
        slots_release(&area, slot);
        if (n && slots_read(&area, slot, pg) < 0)
            break;
    }
    return -1;
}

/* The table from the checkpoint: the files found. */
static unsigned warm(uint8_t *pg)
{
    unsigned found = 0;
    for (unsigned s = 1; s <= CKPT_SLOTS; s++)
        slots_claim(&area, s);
    for (unsigned p = 0; p * ENT_PER_PAGE < SPOOL_MAX_FILES; p++) {
        if (slots_read(&area, 2 + p, pg) < 0) {
            printf("DMKCKS916W SPOOL CHECKPOINT PAGE %u UNREADABLE: ITS FILES ARE LOST\n", p);
            continue;
        }
        for (unsigned k = 0; k < ENT_PER_PAGE && p * ENT_PER_PAGE + k < SPOOL_MAX_FILES; k++)
            decode(&files[p * ENT_PER_PAGE + k], pg + k * ENT_LEN);
    }
    for (unsigned i = 0; i < SPOOL_MAX_FILES; i++) {
        struct sfile *f = &files[i];
        if (f->queue == SPQ_FREE)
            continue;
        if (spool_find(f->id) != f || claim_chain(f, pg) < 0) {
            printf("DMKCKS914W SPOOL FILE %04u LOST: ITS PAGES ARE DAMAGED\n", f->id);
            bool dup = spool_find(f->id) != f;
            memset(f, 0, sizeof *f);
            if (!dup)
                checkpoint(i);
            continue;
        }
        found++;
        if (f->id >= next_id)
            next_id = f->id % SPOOL_MAX_ID + 1;
        if (f->seq >= next_seq)
            next_seq = f->seq + 1;
    }
    return found;
}

static int cold(void)
{
    memset(files, 0, SPOOL_MAX_FILES * sizeof *files);
    for (unsigned p = 0; p * ENT_PER_PAGE < SPOOL_MAX_FILES; p++)
        checkpoint(p * ENT_PER_PAGE);
    for (unsigned s = 1; s <= CKPT_SLOTS; s++)
        slots_claim(&area, s);
    return 0;
}

void spool_init(void)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    unsigned cyl = get16(sp + SP_SPOOL_CYL), cyls = get16(sp + SP_SPOOL_CYLS);
    if (cyls == 0) {
        printf("DMKCKS915I NO SPOOL AREA: NO SPOOLING\n");
        return;
    }
    uint8_t *pg = frame_alloc();
    if (slots_init(&area, cyl, cyls, ~0u) < 0 || area.n <= CKPT_SLOTS || !pg ||
        !(files = fs_alloc(SPOOL_MAX_FILES * sizeof *files))) {
        printf("DMKCKS917E SPOOL AREA TOO SMALL OR NO STORAGE FOR ITS TABLES: NO SPOOLING\n");
        files = NULL;
        if (pg)
            frame_free(pg);
        return;
    }
    if (slots_read_any(&area, 1, pg) == 0 && !memcmp(pg + HDR_MAGIC, CKPT_MAGIC, 8) &&
        get32(pg + HDR_FORMAT) == CKPT_FORMAT) {
        bool shut = get32(pg + HDR_STATE) == CKPT_SHUT;
        unsigned n = warm(pg);
        printf(shut ? "DMKCKS912I WARM START: %u SPOOL FILES\n"
                    : "DMKCKS913I CHECKPOINT START: %u SPOOL FILES\n", n);
    } else {
        cold();
        printf("DMKCKS910I COLD START\n");
    }
    frame_free(pg);
    if (write_header(CKPT_RUN) < 0)
        printf("DMKCKP921E I/O ERROR ON THE SPOOL CHECKPOINT\n");
    printf("DMKCKS911I SPOOL AREA: %u PAGES ON %03X, CYLINDERS %u-%u\n", area.n - CKPT_SLOTS,
           cp_ipl_dev, cyl, cyl + cyls - 1);
}

void spool_shutdown(void)
{
    if (files && write_header(CKPT_SHUT) < 0)
        printf("DMKCKP921E I/O ERROR ON THE SPOOL CHECKPOINT\n");
}

/* A free entry with a new id, reserved for a file being written (its
   queue stays SPQ_FREE, so the checkpoint does not have it), or NULL. */
static struct sfile *reserve(void)
{
    struct sfile *f = NULL;
    for (unsigned i = 0; i < SPOOL_MAX_FILES && !f; i++)
        if (files[i].queue == SPQ_FREE && files[i].id == 0)
            f = &files[i];
    for (unsigned n = 0; f && n < SPOOL_MAX_ID; n++) {
        unsigned id = next_id;
        next_id = next_id % SPOOL_MAX_ID + 1;
        bool taken = false;
        for (unsigned i = 0; i < SPOOL_MAX_FILES && !taken; i++)
            taken = files[i].id == id;
        if (!taken) {
            f->id = (uint16_t)id;
            return f;
        }
    }
    return NULL;
}

/* Write the page being filled; next: the slot of the one after it, or 0. */
static int flush(struct spool_writer *w, unsigned next)
{
    put32(w->page + PG_MAGIC, PG_MAGIC_V);
    put16(w->page + PG_ID, w->f->id);
    put16(w->page + PG_NREC, w->nrec);
    put32(w->page + PG_NEXT, next);
    put16(w->page + PG_USED, w->used);
    return slots_write(&area, w->slot, w->page);
}

int spool_put(struct spool_writer *w, uint8_t op, const uint8_t *data, unsigned len)
{
    if (!files || len > SPOOL_MAX_REC)
        return -1;
    if (w->page && w->used + 2 + len > CP_PAGE - PG_DATA) {  /* full: on to the next */
        unsigned next = slots_get(&area);
        if (!next)
            return -1;
        if (flush(w, next) < 0) {
            slots_release(&area, next);
            return -1;
        }
        memset(w->page, 0, CP_PAGE);
        w->slot = next;
        w->used = w->nrec = 0;
        w->pages++;
    }
    if (!w->page) {                                 /* the file's first record */
        unsigned slot = slots_get(&area);
        if (!slot)
            return -1;
        if (!(w->f = reserve()) || !(w->page = frame_alloc())) {
            if (w->f)
                w->f->id = 0;
            w->f = NULL;
            slots_release(&area, slot);
            return -1;
        }
        w->slot = w->first = slot;
        w->pages = 1;
    }
    uint8_t *r = w->page + PG_DATA + w->used;
    r[0] = (uint8_t)len;
    r[1] = op;
    memcpy(r + 2, data, len);
    w->used = (uint16_t)(w->used + 2 + len);
    w->nrec++;
    w->recs++;
    return 0;
}

/* Give back the slots of the chain from slot on (page: a buffer). */
static void release_chain(unsigned slot, unsigned pages, uint8_t *page)
{
    while (slot && pages--) {
        unsigned next = 0;
        if (pages && slots_read(&area, slot, page) == 0 && get32(page + PG_MAGIC) == PG_MAGIC_V)
            next = get32(page + PG_NEXT);
        slots_release(&area, slot);
        slot = next;
    }
}

void spool_drop(struct spool_writer *w)
{
    if (w->page) {
        if (w->pages > 1)           /* the pages before the current were written */
            release_chain(w->first, w->pages - 1, w->page);
        slots_release(&area, w->slot);
        frame_free(w->page);
        w->f->id = 0;
    }
    memset(w, 0, sizeof *w);
}

unsigned spool_close(struct spool_writer *w, const struct sfile *attr)
{
    if (!w->page || flush(w, 0) < 0) {
        spool_drop(w);
        return 0;
    }
    struct sfile *f = w->f;
    unsigned id = f->id;
    *f = *attr;
    f->id = (uint16_t)id;
    f->recs = w->recs;
    f->first = w->first;
    f->pages = w->pages;
    f->seq = next_seq++;
    f->tod = tod_now();
    f->open = false;
    frame_free(w->page);
    memset(w, 0, sizeof *w);
    checkpoint((unsigned)(f - files));
    return id;
}

int spool_open(struct spool_reader *r, struct sfile *f)
{
    memset(r, 0, sizeof *r);
    if (!(r->page = frame_alloc()))
        return -1;
    r->f = f;
    r->slot = f->first;
    f->open = true;
    return 0;
}

int spool_get(struct spool_reader *r, uint8_t *op, uint8_t *buf)
{
    while (r->left == 0) {
        if (r->pos) {                               /* the page is done */
            r->slot = get32(r->page + PG_NEXT);
            r->pos = 0;
        }
        if (r->slot == 0)
            return -1;
        if (slots_read(&area, r->slot, r->page) < 0 || get32(r->page + PG_MAGIC) != PG_MAGIC_V ||
            get16(r->page + PG_ID) != r->f->id)
            return -2;
        r->left = (uint16_t)get16(r->page + PG_NREC);
        r->pos = PG_DATA;
    }
    const uint8_t *p = r->page + r->pos;
    unsigned len = p[0];
    if (r->pos + 2 + len > CP_PAGE)
        return -2;
    *op = p[1];
    memcpy(buf, p + 2, len);
    r->pos = (uint16_t)(r->pos + 2 + len);
    r->left--;
    return (int)len;
}

void spool_end(struct spool_reader *r)
{
    if (r->f)
        r->f->open = false;
    if (r->page)
        frame_free(r->page);
    memset(r, 0, sizeof *r);
}

struct sfile *spool_find(unsigned id)
{
    for (unsigned i = 0; files && i < SPOOL_MAX_FILES; i++)
        if (files[i].queue != SPQ_FREE && files[i].id == id)
            return &files[i];
    return NULL;
}

struct sfile *spool_next(unsigned q, const char *owner, const struct sfile *prev)
{
    struct sfile *best = NULL;
    for (unsigned i = 0; files && i < SPOOL_MAX_FILES; i++) {
        struct sfile *f = &files[i];
        if (f->queue != q || (owner && strcmp(f->owner, owner)) || (prev && f->seq <= prev->seq))
            continue;
        if (!best || f->seq < best->seq)
            best = f;
    }
    return best;
}

void spool_changed(struct sfile *f) { checkpoint((unsigned)(f - files)); }

void spool_last(struct sfile *f)
{
    f->seq = next_seq++;
    spool_changed(f);
}

void spool_purge(struct sfile *f)
{
    unsigned first = f->first, pages = f->pages;
    f->queue = SPQ_FREE;
    checkpoint((unsigned)(f - files));          /* off the checkpoint first */
    uint8_t *pg = frame_alloc();
    if (pg) {
        release_chain(first, pages, pg);
        frame_free(pg);
    }
    memset(f, 0, sizeof *f);
}

const char *spool_type_name(const struct sfile *f)
{
    static const char *const names[] = {"???", "PUN", "PRT", "CON", "RDR"};
    return names[f->type <= SPT_RDR ? f->type : 0];
}
