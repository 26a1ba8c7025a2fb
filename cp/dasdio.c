/*
 * dasdio.c - CP's own reads from CKD DASD (the system residence volume):
 * consecutive records of one track, read by one channel program (Seek,
 * Search ID Equal, TIC back to the search, Read Data of each record) into
 * real storage.  The calling task sleeps until the I/O interruption.
 * Geometry comes from the system parameters (common/sysres.h).
 */
#include <string.h>

#include "cp.h"
#include <s370io.h>
#include "task.h"

#define MAX_REQS 8
#define MAX_RECS 64

struct dasd_req {
    unsigned dev;
    bool active, done;
    uint8_t us, cs;
};

static struct dasd_req reqs[MAX_REQS];

void dasd_io_interrupt(unsigned dev)
{
    for (int i = 0; i < MAX_REQS; i++) {
        struct dasd_req *r = &reqs[i];
        if (r->active && r->dev == dev) {
            const uint8_t *csw = psa() + LC_CSW;
            r->us |= csw[4];
            r->cs |= csw[5];
            if (csw[4] & (US_DE | US_UC)) {
                r->done = true;
                task_wakeup(r);
            }
            return;
        }
    }
}

int dasd_read(unsigned dev, unsigned cyl, unsigned head, unsigned rec, unsigned n,
              void *const *bufs, uint16_t len)
{
    static struct ccw prog[3 + MAX_RECS];
    static uint8_t seek[6], id[5];
    struct dasd_req *r = NULL;
    for (int i = 0; i < MAX_REQS && !r; i++)
        if (!reqs[i].active)
            r = &reqs[i];
    if (!r || n == 0 || n > MAX_RECS)
        return -1;
    seek[0] = seek[1] = 0;
    seek[2] = (uint8_t)(cyl >> 8);
    seek[3] = (uint8_t)cyl;
    seek[4] = (uint8_t)(head >> 8);
    seek[5] = (uint8_t)head;
    memcpy(id, seek + 2, 4);
    id[4] = (uint8_t)rec;
    prog[0] = ccw_make(0x07, seek, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    for (unsigned i = 0; i < n; i++)
        prog[3 + i] = ccw_make(0x06, bufs[i], (uint8_t)(i + 1 < n ? CCW_CC | CCW_SLI : CCW_SLI), len);
    *r = (struct dasd_req){.dev = dev, .active = true};
    for (int tries = 0;; tries++) {
        io_set_caw(prog);
        int cc = io_sio(dev);
        if (cc == IO_CC_OK)
            break;
        if (cc == IO_CC_NOTOPER || tries > 100) {
            r->active = false;
            return -1;
        }
        /* status from before (a device end at attach): taken, try again */
    }
    while (!r->done)
        task_sleep(r);
    r->active = false;
    return (r->us & US_UC) || (r->cs & ~0x40) ? -1 : 0;
}
