/*
 * devtab.c - the device registry: every device type in one array, and the
 * helpers all devices share (creation, unit check with sense, SENSE and
 * SENSE ID done the common way).
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"

extern const struct dev_ops con3215_ops;
extern const struct dev_ops rdr3505_ops;
extern const struct dev_ops rdr2540_ops;
extern const struct dev_ops pch2540_ops;
extern const struct dev_ops pch3525_ops;
extern const struct dev_ops prt1403_ops;
extern const struct dev_ops prt3211_ops;
extern const struct dev_ops d3270_ops;
extern const struct dev_ops ckd_ops;
extern const struct dev_ops tape3420_ops;
extern const struct dev_ops fba_ops;
extern const struct dev_ops dasd_any_ops;

/* Type names and the device that serves them.  The CKD device serves every
   CKD type, the FBA device every FBA type: the volume file says which it
   is ("dasd": whatever it says, CKD or FBA). */
static const struct {
    const char *type;
    const struct dev_ops *ops;
} devtab[] = {
    {"3215", &con3215_ops},
    {"3505", &rdr3505_ops},
    {"2540R", &rdr2540_ops},
    {"2540P", &pch2540_ops},
    {"3525", &pch3525_ops},
    {"1403", &prt1403_ops},
    {"3211", &prt3211_ops},
    {"3270", &d3270_ops},
    {"2314", &ckd_ops},
    {"3330", &ckd_ops},
    {"3340", &ckd_ops},
    {"3350", &ckd_ops},
    {"3380", &ckd_ops},
    {"3310", &fba_ops},
    {"3370", &fba_ops},
    {"dasd", &dasd_any_ops},
    {"3420", &tape3420_ops},
};

const struct dev_ops *dev_find_type(const char *type)
{
    for (size_t i = 0; i < sizeof devtab / sizeof devtab[0]; i++)
        if (!strcmp(devtab[i].type, type))
            return devtab[i].ops;
    return NULL;
}

struct device *dev_create(struct machine *m, const char *type, uint16_t addr,
                          const char *arg, const char **err)
{
    const struct dev_ops *ops = dev_find_type(type);
    if (!ops) {
        *err = "unknown device type";
        return NULL;
    }
    if (addr >= MAX_DEVADDR) {
        *err = "device address out of range (000-FFF)";
        return NULL;
    }
    if (m->chan.dev[addr]) {
        *err = "device address already in use";
        return NULL;
    }
    struct device *dev = calloc(1, sizeof *dev);
    if (!dev) {
        *err = "out of memory";
        return NULL;
    }
    dev->ops = ops;
    dev->m = m;
    dev->addr = addr;
    if (ops->attach && ops->attach(dev, arg, err)) {
        free(dev);
        return NULL;
    }
    chan_attach(m, dev);
    return dev;
}

void dev_destroy(struct device *dev)
{
    chan_detach(dev->m, dev);
    if (dev->ops->detach)
        dev->ops->detach(dev);
    free(dev);
}

int dev_unit_check(struct device *dev, uint8_t sense0)
{
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense[0] = sense0;
    if (!dev->senselen)
        dev->senselen = 1;
    return US_CE | US_DE | US_UC;
}

/* SENSE: the sense bytes, then reset them. */
int dev_sense(struct device *dev, struct ccw_io *io)
{
    unsigned n = dev->senselen ? dev->senselen : 1;
    memcpy(io->buf, dev->sense, n < io->count ? n : io->count);
    io->len = n;
    memset(dev->sense, 0, sizeof dev->sense);
    return US_CE | US_DE;
}

/* SENSE ID: X'FF', control unit type and model, device type and model. */
int dev_sense_id(struct device *dev, struct ccw_io *io, uint16_t cutype, uint8_t cumodel)
{
    uint8_t id[7] = {0xFF, (uint8_t)(cutype >> 8), (uint8_t)cutype, cumodel,
                     (uint8_t)(dev->ops->devtype >> 8), (uint8_t)dev->ops->devtype,
                     dev->ops->model};
    memcpy(io->buf, id, io->count < 7 ? io->count : 7);
    io->len = 7;
    return US_CE | US_DE;
}
