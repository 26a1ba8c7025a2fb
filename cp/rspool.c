/*
 * rspool.c - the real printers, punches and readers.  Sysgen names them
 * (SP_UREC: a 1403 or a 2540 has no Sense ID to be found by); at IPL each
 * that answers a no-operation gets a task.  A printer's or punch's takes
 * the first file of its queue that is not held nor being read, writes a
 * separator (rsep.c; unless started NOSEP), then its records copies times
 * with the commands they were written with (a printer's carriage control,
 * a punch's stacker), and purges it; a device
 * that fails (not ready, intervention required) leaves the file in the
 * queue and tries again a while later.  A reader's reads deck after deck:
 * the first card of each is VM/370's
 *
 *     USERID userid [CLASS c] [NAME fn [ft]]      (or ID userid ...)
 *
 * and the cards after it, to the deck's end (unit exception), become a
 * spool file in that user's reader; a deck without one is flushed, and
 * the operator told.  With no deck the reader waits for device end (a
 * deck queued) or a while.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "userdir.h"
#include "iosched.h"
#include "rsep.h"
#include "spool.h"
#include "sysres.h"
#include "task.h"
#include "vspool.h"
#include <s370io.h>

#define RETRY_TOD (30ull * 1000000 << 12)     /* 30 s */

struct rudev {
    struct iodev *io;
    unsigned addr, type, queue;     /* queue: SPQ_PRT, SPQ_PUN; 0 for a reader */
    bool started;                   /* takes files (decks); DRAIN stops it */
    bool sep;                       /* a separator before each file (START's SEP) */
};

static struct rudev devs[SYSRES_MAX_UREC];
static unsigned ndevs;
static int work;                    /* the channel the tasks sleep on */

void rspool_kick(void) { task_wakeup(&work); }

static const char *kind_of(const struct rudev *d)
{
    return d->queue == SPQ_PRT ? "PRT" : d->queue == SPQ_PUN ? "PUN" : "RDR";
}

/* One record on the device: 0, or -1 if it failed. */
static int put(struct rudev *d, uint8_t op, uint8_t *data, int len)
{
    struct ccw *c = fs_alloc(sizeof *c);
    if (!c)
        return -1;
    *c = ccw_make(op, data, CCW_SLI, (uint16_t)(len ? len : 1));
    struct io_result r;
    int rc = io_run(d->io, c, &r) < 0 || (r.us & (US_UC | US_UX)) || r.cs ? -1 : 0;
    fs_free(c);
    return rc;
}

/* Write file f on the device, after its separator: 0, or -1 (the device
   failed). */
static int output(struct rudev *d, struct sfile *f, uint8_t *buf)
{
    uint8_t op;
    int n;
    bool printer = d->queue == SPQ_PRT;
    for (unsigned i = 0; d->sep && (n = rsep_record(printer, i, f, d->addr, &op, buf)) >= 0; i++)
        if (put(d, op, buf, n) < 0)
            return -1;
    for (unsigned copy = 0; copy < (f->copies ? f->copies : 1u); copy++) {
        struct spool_reader r;
        if (spool_open(&r, f) < 0)
            return -1;
        int rc = 0;
        while (rc == 0 && (n = spool_get(&r, &op, buf)) >= 0)
            rc = put(d, op, buf, n);
        spool_end(&r);
        if (rc < 0 || n == -2)
            return -1;
    }
    return 0;
}

static struct sfile *next(const struct rudev *d)
{
    if (!d->started)
        return NULL;
    for (struct sfile *f = spool_next(d->queue, NULL, NULL); f; f = spool_next(d->queue, NULL, f))
        if (!f->hold && !f->open)
            return f;
    return NULL;
}

static void writer(void *arg)
{
    struct rudev *d = arg;
    uint8_t *buf = fs_alloc(SPOOL_MAX_REC + 1);
    if (!buf)
        return;
    for (;;) {
        struct sfile *f = next(d);
        if (!f) {
            task_sleep(&work);
            continue;
        }
        f->open = true;                             /* ours while it is written */
        int rc = output(d, f, buf);
        f->open = false;
        if (rc == 0) {
            spool_purge(f);
        } else {
            printf("DMKRSP810E %s %03X NOT READY: FILE %04u WAITS\n", kind_of(d), d->addr, f->id);
            clock_wake_at(tod_now() + RETRY_TOD, d);
            task_sleep(d);
        }
    }
}

/* A deck queued: the reader made ready presents device end. */
static void reader_ready(struct iodev *io, uint8_t us)
{
    (void)us;
    task_wakeup(io->owner);
}

/* Read a card: 0, 1 at the deck's end, -1 with none there (or an error). */
static int card(struct rudev *d, uint8_t *buf)
{
    struct ccw *c = fs_alloc(sizeof *c);
    if (!c)
        return -1;
    *c = ccw_make(0x02, buf, CCW_SLI, 80);
    struct io_result r;
    int rc = io_run(d->io, c, &r);
    fs_free(c);
    if (rc < 0 || (r.us & US_UC) || r.cs)
        return -1;
    return (r.us & US_UX) ? 1 : 0;
}

/* The words of a USERID card into w (ASCII, upper case): how many. */
static int words(const uint8_t *cardbuf, char w[6][9])
{
    int n = 0;
    for (int i = 0; i < 80 && n < 6;) {
        while (i < 80 && cardbuf[i] == 0x40)
            i++;
        if (i == 80)
            break;
        int k = 0;
        for (; i < 80 && cardbuf[i] != 0x40; i++) {
            char ch = (char)ebcdic_to_ascii[cardbuf[i]];
            if (k < 8)
                w[n][k++] = ch >= 'a' && ch <= 'z' ? (char)(ch - 32) : ch;
        }
        w[n++][k] = 0;
    }
    return n;
}

/* The attributes of the deck whose first card is cardbuf: false if it is
   no USERID card or names no user in the directory. */
static bool id_card(const uint8_t *cardbuf, struct sfile *a)
{
    char w[6][9];
    int n = words(cardbuf, w);
    struct dir_user u;
    if (n < 2 || (strcmp(w[0], "USERID") && strcmp(w[0], "ID")) ||
        userdir_find(w[1], &u) != DIR_OK)
        return false;
    memset(a, 0, sizeof *a);
    a->queue = SPQ_RDR;
    a->type = SPT_RDR;
    strcpy(a->owner, u.userid);
    strcpy(a->origin, "SYSTEM");
    strcpy(a->dist, u.userid);
    a->cls = 'A';
    a->copies = 1;
    for (int i = 2; i < n; i++) {
        if (!strcmp(w[i], "CLASS") && i + 1 < n && strlen(w[i + 1]) == 1) {
            a->cls = w[++i][0];
        } else if (!strcmp(w[i], "NAME") && i + 1 < n) {
            strcpy(a->fn, w[++i]);
            if (i + 1 < n)
                strcpy(a->ft, w[++i]);
        } else {
            return false;
        }
    }
    return true;
}

static void reader(void *arg)
{
    struct rudev *d = arg;
    uint8_t *buf = fs_alloc(80);
    if (!buf)
        return;
    for (;;) {
        if (!d->started) {                          /* drained: until START */
            task_sleep(d);
            continue;
        }
        int rc = card(d, buf);
        if (rc < 0) {                               /* no deck: wait for one */
            clock_wake_at(tod_now() + RETRY_TOD, d);
            task_sleep(d);
            continue;
        }
        if (rc == 1)
            continue;                               /* an empty deck */
        struct sfile a;
        if (!id_card(buf, &a)) {
            printf("DMKRSP815E RDR %03X: NO USERID CARD FOR A USER IN THE DIRECTORY; DECK FLUSHED\n",
                   d->addr);
            while (card(d, buf) == 0)
                ;
            continue;
        }
        struct spool_writer w = {0};
        bool full = false;
        while ((rc = card(d, buf)) == 0)
            full |= !full && spool_put(&w, 0x01, buf, 80) < 0;
        if (full || rc < 0) {
            spool_drop(&w);
            printf("DMKRSP816E RDR %03X: DECK FOR %s LOST: %s\n", d->addr, a.owner,
                   full ? "SPOOL SPACE FULL" : "READER FAILED");
            continue;
        }
        unsigned id = spool_close(&w, &a);
        struct sfile *f = id ? spool_find(id) : NULL;
        if (f)
            vspool_arrived(f, "");
    }
}

void rspool_init(void)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    unsigned n = get16(sp + SP_UREC_N);
    if (!spool_available())
        return;
    for (unsigned i = 0; i < n && i < SYSRES_MAX_UREC; i++) {
        const uint8_t *e = sp + SP_UREC + i * UREC_LEN;
        struct rudev *d = &devs[ndevs];
        d->addr = get16(e + UREC_ADDR);
        d->type = get16(e + UREC_TYPE);
        d->queue = e[UREC_FUNC] == 3 ? SPQ_PRT : e[UREC_FUNC] == 2 ? SPQ_PUN : 0;
        const char *kind = kind_of(d);
        struct ccw *c = fs_alloc(sizeof *c);
        struct io_result r;
        if (!c || !(d->io = io_register(d->addr, d->queue ? NULL : reader_ready, d))) {
            printf("DMKRSP812E %s %03X: NO STORAGE FOR IT\n", kind, d->addr);
            continue;
        }
        *c = ccw_make(0x03, NULL, CCW_SLI, 1);
        int rc = io_run(d->io, c, &r);
        fs_free(c);
        if (rc < 0 || (r.us & US_UC)) {
            printf("DMKRSP811W %s %03X %04X NOT OPERATIONAL\n", kind, d->addr, d->type);
            continue;
        }
        if (!task_create(kind, d->queue ? writer : reader, d)) {
            printf("DMKRSP812E %s %03X: NO STORAGE FOR IT\n", kind, d->addr);
            continue;
        }
        d->started = d->sep = true;
        ndevs++;
        printf("DMKRSP813I %s %03X %04X STARTED\n", kind, d->addr, d->type);
    }
}

unsigned rspool_count(void) { return ndevs; }

void rspool_info(unsigned i, unsigned *addr, const char **kind, bool *started)
{
    *addr = devs[i].addr;
    *kind = kind_of(&devs[i]);
    *started = devs[i].started;
}

void rspool_start(unsigned i, bool start, bool sep)
{
    devs[i].started = start;
    if (start)
        devs[i].sep = sep;
    task_wakeup(&devs[i]);
    task_wakeup(&work);
}
