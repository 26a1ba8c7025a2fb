/*
 * dev.h - the device interface.  Each device type is one file exporting one
 * `const struct dev_ops`; devtab.c registers them all in one array.
 *
 * The channel (machine/channel.c) calls execute() once per CCW (once per
 * data chain) with the data already gathered from storage for write-type
 * commands, or a buffer to fill for read-type commands.  The device returns
 * the unit status for the command, or DEV_WAIT to suspend the channel
 * program until it calls chan_resume() (for example, a console read that
 * waits for a line from the operator).  When the channel program ends, by
 * any route, the channel calls program_end() (if the device has one): the
 * DASD (dasd/ckd.c) commits the program's writes there.
 */
#ifndef CPCMS_DEV_H
#define CPCMS_DEV_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

struct machine;
struct device;

#define DEV_WAIT (-1)

/* Sense byte 0 bits. */
#define SNS0_CMDREJ 0x80
#define SNS0_INTREQ 0x40
#define SNS0_BUSOUT 0x20
#define SNS0_EQUIPCHK 0x10
#define SNS0_DATACHK 0x08
#define SNS0_OVERRUN 0x04

/* One CCW (or data chain) handed to a device. */
struct ccw_io {
    uint8_t cmd;      /* command code */
    uint8_t flags;    /* CCW flags of the last CCW of the data chain */
    bool chained;     /* command-chained from the previous CCW */
    uint8_t *buf;     /* write: data from storage; read: fill here */
    uint32_t count;   /* bytes available in buf (sum of the data chain) */
    uint32_t len;     /* out: bytes the device transferred or wanted */
};

struct dev_ops {
    const char *type;   /* "3215", "3505" ... */
    uint16_t devtype;   /* for SENSE ID, e.g. 0x3505 */
    uint8_t model;
    /* Build the device state from an argument (a file name, options).
       Returns 0, or -1 with *err set to a message. */
    int (*attach)(struct device *dev, const char *arg, const char **err);
    void (*detach)(struct device *dev);
    int (*execute)(struct device *dev, struct ccw_io *io);
    void (*reset)(struct device *dev);
    /* For a device that suspended with DEV_WAIT: finish the CCW now (the
       awaited data has arrived).  Returns unit status; sets io->len. */
    int (*resume)(struct device *dev, struct ccw_io *io);
    /* Optional: the channel program is ending, however it ends (normally,
       on an error, stopped by HIO or CLRIO).  Returns unit status bits to
       add to the ending status (US_UC if the device could not finish its
       work, with sense set), or 0.  A DASD commits the program's writes
       here, so that an ended program's writes survive a killed host. */
    uint8_t (*program_end)(struct device *dev);
};

/* Channel-program state the channel keeps for each device (channel.c). */
struct seg;
struct dev_chan {
    bool busy;          /* channel program active */
    bool suspended;     /* waiting in execute() for the device */
    bool status_pending;
    bool queued;        /* on the interruption queue */
    bool pci_pending;
    bool chained;       /* the current command was command-chained */
    bool tic_last;      /* the previous CCW was a TIC */
    bool before_device; /* ended on a CCW error before the device saw it */
    uint8_t key;        /* CAW key */
    uint8_t gather_err; /* channel status from gathering output data */
    uint32_t ccw_addr;  /* the CCW to execute next */
    uint32_t chain_next;/* the CCW after the current data chain */
    uint8_t csw[8];     /* pending status */
    struct ccw_io io;   /* the CCW being executed (or suspended) */
    uint8_t *buf;       /* its data */
    uint32_t bufsize;
    struct seg *segv;   /* its data-chain segments */
    int segs;
    struct device *next_int;
};

struct device {
    const struct dev_ops *ops;
    struct machine *m;
    uint16_t addr;      /* channel and unit, 0x000-0xFFF */
    void *state;        /* the device's private typed state */
    uint8_t sense[32];
    uint8_t senselen;
    struct dev_chan ch;
};

/* The registry (devtab.c). */
const struct dev_ops *dev_find_type(const char *type);
struct device *dev_create(struct machine *m, const char *type, uint16_t addr,
                          const char *arg, const char **err);
void dev_destroy(struct device *dev);

/* Helpers for devices: unit check with sense byte 0. */
int dev_unit_check(struct device *dev, uint8_t sense0);
/* SENSE (0x04) and SENSE ID (0xE4) done the common way. */
int dev_sense(struct device *dev, struct ccw_io *io);
int dev_sense_id(struct device *dev, struct ccw_io *io, uint16_t cutype, uint8_t cumodel);

#endif
