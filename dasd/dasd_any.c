/*
 * dasd_any.c - the device type "dasd" (devices/devtab.c): whatever the
 * volume file says it is.  Attach opens the volume, looks at its type and
 * makes the device a CKD one (ckd.c) or an FBA one (fba.c) on it, so
 * `cpcms machine --dasd FILE@CUU` takes either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ckd.h"
#include "dev.h"
#include "fba.h"
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
