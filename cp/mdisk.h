/*
 * mdisk.h - minidisks (mdisk.c): a virtual DASD that is a range of
 * cylinders of a real CKD volume, given at LOGON from the directory's
 * MDISK and LINK statements or later by the LINK command, and run by
 * CCW translation (ccwtrans.c) and DIAGNOSE X'18' and X'20' (diag.c).
 * A dedicated DASD (ATTACH, the directory's DEDICATE) is the same device
 * with the whole real volume and no relocation.
 */
#ifndef CP_MDISK_H
#define CP_MDISK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ccwtrans.h"

struct vm;
struct vdev;
struct rdev;
struct dir_user;
struct dir_dev;

struct mdisk {
    struct rdev *rd;            /* the real volume */
    struct ct_extent x;         /* its cylinders, read-only or not, the arm */
    char owner[9];              /* whose directory defines it */
    unsigned owner_addr;        /* and at which address */
    uint8_t sense[24];          /* of the last unit check, for the guest's Sense */
    uint8_t senselen;
    bool sense_valid;
    bool temp;                  /* a T-disk (tdisk.c): its cylinders go back at detach */
    bool dedicated;             /* the whole of rd, rd->vm's alone: translated, not relocated */
};

extern const struct vdev_ops mdisk_ops;

/*
 * Link minidisk md (the MDISK statement of user `owner`, at its address
 * md->vaddr) to vm at vaddr in `mode` (DIR_MODE_*), applying VM/370's
 * rules for the modes against the links that exist.  Returns 0, or -1
 * with the VM/370-style message in msg; a link forced read-only returns
 * 0 with a warning in msg ("" otherwise).
 */
int mdisk_link(struct vm *vm, unsigned vaddr, const char *owner, const struct dir_dev *md,
               unsigned mode, char *msg, size_t msglen);
/* At LOGON: the user's own MDISKs and the directory's LINKs; each
   failure said on the user's console. */
void mdisk_logon(struct vm *vm, const struct dir_user *du);
/* Give vm the real DASD or tape rd, whole, at vaddr (the caller has
   checked that rd is free and vaddr is not in use): the device, or NULL
   if there is no room for it.  Its detach gives rd back (rdev_release).
   A DASD given read-only is run as a minidisk of all its cylinders
   (rd->cyls), so that writes are rejected. */
struct vdev *mdisk_dedicate(struct vm *vm, unsigned vaddr, struct rdev *rd, bool readonly);
/* Minidisk links to rd, of all users (dedicated devices not counted). */
unsigned mdisk_links(const struct rdev *rd);
/* The minidisk of a virtual device, NULL if it is not one. */
struct mdisk *mdisk_of(struct vdev *d);
/*
 * Run the guest's channel program at caw on minidisk d now (the calling
 * VM task sleeps during the real I/O).  Returns 1 with the ending CSW in
 * csw, 0 when the first CCW was in error (csw as SIO stores it).
 */
int mdisk_run(struct vm *vm, struct vdev *d, uint32_t caw, uint8_t csw[8]);

/* The IPL channel program on minidisk d: 0, or -1 with the CSW that
   ended it.  The caller has reset the VM and loads the PSW after. */
int mdisk_ipl(struct vm *vm, struct vdev *d, uint8_t csw[8]);
/* DIAGNOSE X'18' and X'20' on device d (NULL: not attached): the
   condition code, and register 15 (and X'20''s sense bytes) as VM/370
   sets them. */
int mdisk_diag18(struct vm *vm, struct vdev *d, uint32_t addr, uint32_t nrw, uint32_t *r15);
/* tdisk.c: temporary disks.  Define a T-disk of cyls cylinders of
   devtype at vaddr: 0, or -1 with the VM/370-style message in msg. */
int tdisk_define(struct vm *vm, unsigned vaddr, unsigned devtype, unsigned cyls, char *msg,
                 size_t msglen);
/* Give a T-disk's cylinders back (at its detach). */
void tdisk_release(const struct mdisk *m);
/* Cylinders of the T-disk space not lent. */
unsigned tdisk_free_cyls(void);

int mdisk_diag20(struct vm *vm, struct vdev *d, uint32_t caw, uint32_t *r15, uint16_t *sense);

#endif
