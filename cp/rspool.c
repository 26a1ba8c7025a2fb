/*
 * rspool.c - the real printers and punches.  Sysgen names them
 * (SP_UREC: a 1403 or a 2540 has no Sense ID to be found by); at IPL each
 * that answers a no-operation gets a task, which takes the first file of
 * its queue (printer or punch) that is not held nor being read, writes its
 * records copies times with the commands they were written with (a
 * printer's carriage control, a punch's stacker), and purges it.  A
 * device that fails (not ready, intervention required) leaves the file
 * in the queue and tries again a while later.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "iosched.h"
#include "spool.h"
#include "sysres.h"
#include "task.h"
#include <s370io.h>

#define RETRY_TOD (30ull * 1000000 << 12)     /* 30 s */

struct rudev {
    struct iodev *io;
    unsigned addr, type, queue;
};

static struct rudev devs[SYSRES_MAX_UREC];
static int work;                    /* the channel the tasks sleep on */

void rspool_kick(void) { task_wakeup(&work); }

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

/* Write file f on the device: 0, or -1 (the device failed). */
static int output(struct rudev *d, struct sfile *f, uint8_t *buf)
{
    for (unsigned copy = 0; copy < (f->copies ? f->copies : 1u); copy++) {
        struct spool_reader r;
        if (spool_open(&r, f) < 0)
            return -1;
        uint8_t op;
        int n, rc = 0;
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
            printf("DMKRSP810E %s %03X NOT READY: FILE %04u WAITS\n",
                   d->queue == SPQ_PRT ? "PRT" : "PUN", d->addr, f->id);
            clock_wake_at(tod_now() + RETRY_TOD, d);
            task_sleep(d);
        }
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
        struct rudev *d = &devs[i];
        d->addr = get16(e + UREC_ADDR);
        d->type = get16(e + UREC_TYPE);
        d->queue = e[UREC_FUNC] == 3 ? SPQ_PRT : SPQ_PUN;
        const char *kind = d->queue == SPQ_PRT ? "PRT" : "PUN";
        struct ccw *c = fs_alloc(sizeof *c);
        struct io_result r;
        if (!c || !(d->io = io_register(d->addr, NULL, d))) {
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
        if (!task_create(kind, writer, d)) {
            printf("DMKRSP812E %s %03X: NO STORAGE FOR IT\n", kind, d->addr);
            continue;
        }
        printf("DMKRSP813I %s %03X %04X STARTED\n", kind, d->addr, d->type);
    }
}
