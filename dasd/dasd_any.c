/*
 * dasd_any.c - the device type "dasd" (devices/devtab.c): whatever the
 * volume file says it is.  Attach looks at the volume's header and then
 * makes the device a CKD one (ckd.c) or an FBA one (fba.c), whose own
 * attach does the rest, so `cpcms machine --dasd FILE@CUU` takes either.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dev.h"
#include "fba.h"
#include "volume.h"

extern const struct dev_ops ckd_ops;

/* arg: "FILE" or "FILE,ro". */
static int dasd_any_attach(struct device *dev, const char *arg, const char **err)
{
    static char msg[400];
    if (!arg || !*arg) {
        *err = "give the volume file";
        return -1;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s", arg);
    size_t n = strlen(path);
    if (n > 3 && !strcmp(path + n - 3, ",ro"))
        path[n - 3] = 0;
    struct volume *v = vol_open(path, true, msg, sizeof msg);
    if (!v) {
        *err = msg;
        return -1;
    }
    bool fba = vol_info(v)->type->fba;
    vol_close(v);
    dev->ops = fba ? &fba_ops : &ckd_ops;
    return dev->ops->attach(dev, arg, err);
}

const struct dev_ops dasd_any_ops = {
    .type = "dasd",
    .attach = dasd_any_attach,
};
