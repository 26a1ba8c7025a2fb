/*
 * dasd_any.c - the device type "dasd" (devices/devtab.c): whatever the
 * volume file says it is.  Attach opens the volume, looks at its type and
 * makes the device a CKD one (ckd.c) or an FBA one (fba.c) on it, so
 * `cpcms machine --dasd FILE@CUU` takes either.
 *
 * Also what the two devices share (dasd.h): the volume behind a device,
 * the device becoming not ready when its file fails for good, and ready
 * again when the file opens again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ckd.h"
#include "dasd.h"
#include "dev.h"
#include "fba.h"
#include "machine.h"
#include "volume.h"

extern const struct dev_ops ckd_ops;

/* arg: "FILE" or "FILE,ro".  The volume is opened once, here. */
static int dasd_any_attach(struct device *dev, const char *arg, const char **err)
{
    static char msg[400];
    struct volume *v = vol_attach(arg, VOL_ANY, msg, sizeof msg);
    if (!v) {
        *err = msg;
        return -1;
    }
    bool fba = vol_info(v)->type->fba;
    dev->ops = fba ? &fba_ops : &ckd_ops;
    return fba ? fba_attach_volume(dev, v, err) : ckd_attach_volume(dev, v, err);
}

const struct dev_ops dasd_any_ops = {
    .type = "dasd",
    .attach = dasd_any_attach,
};

/* --- the volume behind a device, ready and not ready ----------------------- */

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int dasd_unit_init(struct dasd_unit *u, struct volume *vol)
{
    const char *path = vol_path(vol);
    size_t n = strlen(path) + 4;
    memset(u, 0, sizeof *u);
    u->arg = malloc(n);
    if (!u->arg) {
        vol_close(vol);
        return -1;
    }
    snprintf(u->arg, n, "%s%s", path, vol_readonly(vol) ? ",ro" : "");
    u->vol = vol;
    u->info = *vol_info(vol);
    u->retry_ms = DASD_RETRY_MS;
    return 0;
}

void dasd_unit_close(struct dasd_unit *u)
{
    vol_close(u->vol);
    u->vol = NULL;
    free(u->arg);
    u->arg = NULL;
}

void dasd_unit_fail(struct device *dev, struct dasd_unit *u)
{
    if (!vol_failed(u->vol)) {
        fprintf(stderr, "cpcms: DASD %03X: %s\n", dev->addr, vol_error(u->vol));
        return;
    }
    snprintf(u->why, sizeof u->why, "%s", vol_error(u->vol));
    fprintf(stderr, "cpcms: DASD %03X not ready: %s\n", dev->addr, u->why);
    /* The transaction has been rolled back: nothing to commit. */
    vol_close(u->vol);
    u->vol = NULL;
    u->last_try = now_ns();
}

bool dasd_unit_try(struct device *dev, struct dasd_unit *u, bool force)
{
    if (u->vol)
        return true;
    uint64_t now = now_ns();
    if (!force && now - u->last_try < (uint64_t)u->retry_ms * 1000000u)
        return false;
    u->last_try = now;
    struct volume *v = vol_attach(u->arg, u->info.type->fba ? VOL_FBA : VOL_CKD, u->why,
                                  sizeof u->why);
    if (!v)
        return false;
    const struct vol_info *i = vol_info(v);
    if (i->type != u->info.type || i->cyls != u->info.cyls || i->heads != u->info.heads ||
        i->blocks != u->info.blocks) {
        if (u->info.blocks)
            snprintf(u->why, sizeof u->why, "%s: a %s of %u blocks now, not the %s of %u attached",
                     vol_path(v), i->type->name, i->blocks, u->info.type->name, u->info.blocks);
        else
            snprintf(u->why, sizeof u->why,
                     "%s: a %s of %u cylinders now, not the %s of %u attached", vol_path(v),
                     i->type->name, i->cyls, u->info.type->name, u->info.cyls);
        vol_close(v);
        return false;
    }
    u->vol = v;
    u->info = *i;
    u->why[0] = 0;
    fprintf(stderr, "cpcms: DASD %03X ready: %s opened again\n", dev->addr, vol_path(v));
    return true;
}

struct dasd_unit *dasd_unit(struct device *dev)
{
    /* struct ckd and struct fba begin with their struct dasd_unit. */
    return dev->state && (dev->ops == &ckd_ops || dev->ops == &fba_ops) ? dev->state : NULL;
}

int dasd_devinit(struct device *dev, char *msg, size_t len)
{
    struct dasd_unit *u = dasd_unit(dev);
    if (u->vol) {
        snprintf(msg, len, "ready");
        return 0;
    }
    if (!dasd_unit_try(dev, u, true)) {
        snprintf(msg, len, "not ready: %s", u->why);
        return -1;
    }
    /* Not ready to ready: device end, for whoever waits on the device. */
    if (dev->m)
        chan_unsolicited(dev, US_DE);
    snprintf(msg, len, "ready again");
    return 0;
}
