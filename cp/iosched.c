/*
 * iosched.c - CP's real devices and their I/O: a device is registered
 * with the handler of its unsolicited status (attention, device end of a
 * terminal that connected); a task runs a channel program with io_run()
 * and sleeps until its ending status.  The I/O interruption (trap.c)
 * comes here: to the task that waits, or to the device's handler.
 *
 * One channel program per device at a time: a second io_run() on a busy
 * device waits for the first to end, and the waiting tasks go in the
 * order they came (a ticket each), so that a task issuing one program
 * after another cannot keep the others from the device.
 */
#include <string.h>

#include "cp.h"
#include <s370io.h>
#include "iosched.h"
#include "task.h"

#define MAX_IODEVS 64

static struct iodev devs[MAX_IODEVS];

struct iodev *io_find(unsigned addr)
{
    for (int i = 0; i < MAX_IODEVS; i++)
        if (devs[i].used && devs[i].addr == addr)
            return &devs[i];
    return NULL;
}

struct iodev *io_register(unsigned addr, void (*unsolicited)(struct iodev *d, uint8_t us),
                          void *owner)
{
    for (int i = 0; i < MAX_IODEVS; i++)
        if (!devs[i].used) {
            memset(&devs[i], 0, sizeof devs[i]);
            devs[i].used = true;
            devs[i].addr = (uint16_t)addr;
            devs[i].unsolicited = unsolicited;
            devs[i].owner = owner;
            return &devs[i];
        }
    return NULL;
}

/* Status the interruption, SIO or TIO stored, for device d. */
static void status(struct iodev *d, uint8_t us, uint8_t cs, uint16_t residual, uint32_t ccw)
{
    if (d->busy) {
        d->us |= us;
        d->cs |= cs;
        d->residual = residual;
        d->ccw = ccw;
        if (us & (US_DE | US_UC) || cs) {
            d->busy = false;
            d->done = true;
            task_wakeup(d);
        }
        if ((us & US_ATTN) && d->unsolicited)
            d->unsolicited(d, US_ATTN);
    } else if (d->unsolicited && (us & (US_ATTN | US_DE))) {
        d->unsolicited(d, us);
    }
}

bool io_interrupt(unsigned addr)
{
    struct iodev *d = io_find(addr);
    if (!d)
        return false;
    const uint8_t *csw = psa() + LC_CSW;
    status(d, csw[4], csw[5], get16(csw + 6), get32(csw) & 0xFFFFFF);
    return true;
}

/* The device to the next ticket. */
static void next_turn(struct iodev *d)
{
    d->serving++;
    task_wakeup(d);
}

int io_run(struct iodev *d, const struct ccw *prog, struct io_result *r)
{
    unsigned turn = d->ticket++;
    while (d->busy || turn != d->serving)
        task_sleep(d);
    int cc = IO_CC_NOTOPER;
    for (int tries = 0; tries < 100; tries++) {
        d->us = d->cs = 0;
        d->busy = true;
        d->done = false;
        io_set_caw(prog);
        cc = io_sio(d->addr);
        if (cc == IO_CC_OK || cc == IO_CC_NOTOPER)
            break;
        d->busy = false;
        const uint8_t *csw = psa() + LC_CSW;
        if (cc == IO_CC_STORED && !(csw[4] & US_BUSY)) {
            /* the program ended at once (rejected, or done): its status */
            r->us = csw[4];
            r->cs = csw[5];
            r->residual = get16(csw + 6);
            r->ccw = get32(csw) & 0xFFFFFF;
            next_turn(d);
            return 0;
        }
        if (cc == IO_CC_BUSY)
            cc = io_tio(d->addr);           /* take what is pending */
        if (cc == IO_CC_STORED) {           /* status from before: its handler */
            uint8_t us = csw[4] & (uint8_t)~(US_BUSY | US_SM);
            if (us & (US_ATTN | US_DE))
                status(d, us, 0, 0, 0);
        }
    }
    if (cc != IO_CC_OK) {
        d->busy = false;
        next_turn(d);
        return -1;
    }
    while (!d->done)
        task_sleep(d);
    r->us = d->us;
    r->cs = d->cs;
    r->residual = d->residual;
    r->ccw = d->ccw;
    next_turn(d);
    return 0;
}

/* Sense ID for every address of channels 0-F: the devices there. */
unsigned io_sense_id(unsigned addr, uint8_t id[7])
{
    static struct ccw prog;
    static uint8_t buf[7];
    memset(buf, 0, sizeof buf);
    prog = ccw_make(0xE4, buf, CCW_SLI, 7);
    io_set_caw(&prog);
    int cc = io_sio(addr);
    if (cc == IO_CC_NOTOPER)
        return 0;
    if (cc == IO_CC_OK)
        while ((cc = io_tio(addr)) == IO_CC_BUSY)
            ;
    memcpy(id, buf, 7);
    return buf[0] == 0xFF ? 7 : 0;
}
