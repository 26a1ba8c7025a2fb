/*
 * rdev.h - the real devices CP found at IPL (rdev.c): every address of
 * channels 0-F that answers Sense ID, once; the DASD among them with the
 * volume serial of their label, so that minidisks (mdisk.c) can be found
 * by volser as the directory names them.  What the operator's commands
 * (cmd_rdev.c) change: online or offline (VARY), a DASD attached to the
 * system (its minidisks usable) or dedicated to one virtual machine
 * (ATTACH), or free.
 */
#ifndef CP_RDEV_H
#define CP_RDEV_H

#include <stdbool.h>
#include <stdint.h>

struct iodev;
struct vm;

struct rdev {
    uint16_t addr;
    uint8_t id[7];          /* Sense ID: FF, CU type, model, device type, model */
    bool dasd;              /* a CKD DASD CP can use (rdev_ckd_heads() knows it) */
    bool tape;              /* a 3420 (found by its sense bytes; id made up) */
    unsigned heads;         /* DASD: tracks per cylinder */
    unsigned cyls;          /* DASD: cylinders, 0 until counted (rdev_count_cyls) */
    char volser[7];         /* DASD: from the VOL1 label, "" if it has none */
    struct iodev *io;       /* DASD: registered with iosched */
    bool offline;           /* VARY OFFLINE: not to be attached, linked or logged on at */
    bool system;            /* DASD attached to the system: its minidisks can be linked */
    struct vm *vm;          /* dedicated to this virtual machine (ATTACH), or NULL */
    uint16_t vaddr;         /* at this virtual address */
    bool by_operator;       /* being detached by the operator's DETACH */
};

/* Find the devices (before the 3270s are started); says what it found. */
void rdev_init(void);
unsigned rdev_count(void);
struct rdev *rdev_at(unsigned i);
struct rdev *rdev_find(unsigned addr);
/* The DASD attached to the system, online, with this volser (ASCII, 1-6
   characters); NULL if none. */
struct rdev *rdev_find_volser(const char *volser);
static inline unsigned rdev_devtype(const struct rdev *r)
{
    return (unsigned)r->id[4] << 8 | r->id[5];
}
/* Tracks per cylinder of a CKD device type, 0 if CP does not know it. */
unsigned rdev_ckd_heads(unsigned devtype);
/* A dedicated device is given back (its virtual device's detach, at
   DETACH or LOGOFF): it is free, and the operator is told unless
   r->by_operator (the operator's own DETACH, which says so itself). */
void rdev_release(struct rdev *r);
/* Count a DASD's cylinders by seeks (a volume may be smaller than its
   type's full size; the task sleeps) into r->cyls; 0 if it takes none.
   Done when first needed (ATTACH R/O), not at IPL. */
unsigned rdev_count_cyls(struct rdev *r);
/* Read the volume label of a DASD again (ATTACH TO SYSTEM): r->volser. */
void rdev_read_label(struct rdev *r);
/* Is it a 3270 display on a 3274 (a terminal of CP's, t3270.c)? */
static inline bool rdev_is_graf(const struct rdev *r)
{
    return r->id[1] == 0x32 && r->id[2] == 0x74 && r->id[4] == 0x32 && r->id[5] == 0x78;
}
/* VM/370's word for its class, as messages and QUERY name it: DASD,
   TAPE, GRAF, or DEV. */
static inline const char *rdev_class(const struct rdev *r)
{
    return r->dasd ? "DASD" : r->tape ? "TAPE" : rdev_is_graf(r) ? "GRAF" : "DEV";
}

#endif
