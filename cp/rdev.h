/*
 * rdev.h - the real devices CP found at IPL (rdev.c): every address of
 * channels 0-F that answers Sense ID, once; the DASD among them with the
 * volume serial of their label, so that minidisks (mdisk.c) can be found
 * by volser as the directory names them.
 */
#ifndef CP_RDEV_H
#define CP_RDEV_H

#include <stdbool.h>
#include <stdint.h>

struct iodev;

struct rdev {
    uint16_t addr;
    uint8_t id[7];          /* Sense ID: FF, CU type, model, device type, model */
    bool dasd;              /* a CKD DASD CP can use (rdev_ckd_heads() knows it) */
    unsigned heads;         /* DASD: tracks per cylinder */
    char volser[7];         /* DASD: from the VOL1 label, "" if it has none */
    struct iodev *io;       /* DASD: registered with iosched */
};

/* Find the devices (before the 3270s are started); says what it found. */
void rdev_init(void);
unsigned rdev_count(void);
struct rdev *rdev_at(unsigned i);
struct rdev *rdev_find(unsigned addr);
/* The DASD with this volser (ASCII, 1-6 characters), NULL if none. */
struct rdev *rdev_find_volser(const char *volser);
static inline unsigned rdev_devtype(const struct rdev *r)
{
    return (unsigned)r->id[4] << 8 | r->id[5];
}
/* Tracks per cylinder of a CKD device type, 0 if CP does not know it. */
unsigned rdev_ckd_heads(unsigned devtype);

#endif
