/*
 * rdev.c - the real I/O configuration, found rather than generated: at
 * IPL CP issues Sense ID (GA22-7000 and the 3880 manuals: byte 0 X'FF',
 * control unit type and model, device type and model) to every address
 * of channels 0-F but the system console, keeps what answers, registers
 * the CKD DASD with the I/O scheduler and reads their volume labels
 * (record 3 of cylinder 0 head 0: "VOL1" and the volser, EBCDIC).
 * Devices without Sense ID are found only if they are 3420 tape drives
 * (a 3803 has no Sense ID: CP knows a drive by its 24 sense bytes, and
 * gives it the type 3420 so that it can be attached); a 2314, a 2540 or
 * a 1403 is not found.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include <s370io.h>
#include "iosched.h"
#include "rdev.h"
#include "vm.h"

#define MAX_RDEVS 128

static struct rdev rdevs[MAX_RDEVS];
static unsigned nrdevs;

static const struct { uint16_t devtype, heads; } ckd_types[] = {
    {0x3330, 19}, {0x3340, 12}, {0x3350, 30}, {0x3380, 15},
};

unsigned rdev_ckd_heads(unsigned devtype)
{
    for (unsigned i = 0; i < sizeof ckd_types / sizeof ckd_types[0]; i++)
        if (ckd_types[i].devtype == devtype)
            return ckd_types[i].heads;
    return 0;
}

unsigned rdev_count(void) { return nrdevs; }
struct rdev *rdev_at(unsigned i) { return i < nrdevs ? &rdevs[i] : NULL; }

struct rdev *rdev_find(unsigned addr)
{
    for (unsigned i = 0; i < nrdevs; i++)
        if (rdevs[i].addr == addr)
            return &rdevs[i];
    return NULL;
}

struct rdev *rdev_find_volser(const char *volser)
{
    for (unsigned i = 0; i < nrdevs; i++)
        if (rdevs[i].dasd && rdevs[i].system && !rdevs[i].offline &&
            !strcmp(rdevs[i].volser, volser))
            return &rdevs[i];
    return NULL;
}

void rdev_release(struct rdev *r)
{
    if (r->vm && !r->by_operator)
        printf("%s %03X DETACHED BY %s %03X\n", rdev_class(r), r->addr, r->vm->userid, r->vaddr);
    r->vm = NULL;
    r->by_operator = false;
}

/* Does the DASD take a seek to cylinder cyl? */
static bool seek_ok(struct rdev *r, unsigned cyl)
{
    struct ccw *c = fs_alloc(sizeof *c + 8);
    if (!c)
        return false;
    uint8_t *a = (uint8_t *)(c + 1);
    memset(a, 0, 8);
    a[2] = (uint8_t)(cyl >> 8);
    a[3] = (uint8_t)cyl;
    *c = ccw_make(0x07, a, 0, 6);
    struct io_result res;
    bool ok = io_run(r->io, c, &res) == 0 && !(res.us & US_UC);
    fs_free(c);
    return ok;
}

unsigned rdev_count_cyls(struct rdev *r)
{
    unsigned lo = 0, hi = 0x10000;                 /* lo seeks, hi does not */
    if (!seek_ok(r, 0))
        return 0;
    while (hi - lo > 1) {
        unsigned mid = (lo + hi) / 2;
        if (seek_ok(r, mid))
            lo = mid;
        else
            hi = mid;
    }
    return lo + 1;
}

/* The volser of the label in R3 of cylinder 0 head 0, or "". */
void rdev_read_label(struct rdev *r)
{
    uint8_t *lab = fs_alloc(80);
    void *bufs[1] = {lab};
    r->volser[0] = 0;
    if (lab && dasd_read(r->addr, 0, 0, 3, 1, bufs, 80) == 0 &&
        lab[0] == 0xE5 && lab[1] == 0xD6 && lab[2] == 0xD3 && lab[3] == 0xF1) {   /* VOL1 */
        int n = 0;
        for (int i = 0; i < 6; i++) {
            char c = (char)ebcdic_to_ascii[lab[4 + i]];
            r->volser[i] = c;
            if (c != ' ')
                n = i + 1;
        }
        r->volser[n] = 0;
    }
    fs_free(lab);
}

/* Polled Sense (X'04') of 32 bytes: the bytes the device gave, -1 if
   nothing is there. */
static int sense_bytes(unsigned a)
{
    static struct ccw prog;
    static uint8_t buf[32];
    prog = ccw_make(0x04, buf, CCW_SLI, sizeof buf);
    io_set_caw(&prog);
    int cc = io_sio(a);
    if (cc == IO_CC_NOTOPER)
        return -1;
    if (cc == IO_CC_OK)
        while ((cc = io_tio(a)) == IO_CC_BUSY)
            ;
    if (cc != IO_CC_STORED || (io_csw_status() & US_UC))
        return 0;
    return (int)sizeof buf - io_csw_residual();
}

void rdev_init(void)
{
    unsigned ndasd = 0;
    for (unsigned a = 0; a < 0x1000 && nrdevs < MAX_RDEVS; a++) {
        uint8_t id[7];
        if (a == con_devaddr())
            continue;
        bool tape = false;
        if (!io_sense_id(a, id)) {
            if (sense_bytes(a) != 24)       /* a 3420's */
                continue;
            static const uint8_t tape_id[7] = {0xFF, 0x38, 0x03, 0x00, 0x34, 0x20, 0x00};
            memcpy(id, tape_id, 7);
            tape = true;
        }
        struct rdev *r = &rdevs[nrdevs++];
        memset(r, 0, sizeof *r);
        r->addr = (uint16_t)a;
        memcpy(r->id, id, 7);
        if (tape) {
            r->tape = true;
            r->io = io_register(a, NULL, r);
            if (!r->io)
                panic("NO ROOM FOR TAPE %03X", a);
            printf("DMKCPI953I TAPE %03X 3420\n", a);
            continue;
        }
        r->heads = rdev_ckd_heads(rdev_devtype(r));
        if (!r->heads)
            continue;
        r->io = io_register(a, NULL, r);
        if (!r->io)
            panic("NO ROOM FOR DASD %03X", a);
        r->dasd = true;
        r->system = true;               /* every DASD found is the system's */
        rdev_read_label(r);
        printf("DMKCPI951I DASD %03X %04X %s\n", a, rdev_devtype(r),
               r->volser[0] ? r->volser : "(NO LABEL)");
        ndasd++;
    }
    if (!ndasd)
        printf("DMKCPI952W NO DASD FOUND\n");
}
