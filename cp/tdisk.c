/*
 * tdisk.c - temporary disks, VM/370's T-disks: cylinders of the T-disk
 * space of the system residence volume (the cylinders after its last
 * minidisk, which sysgen records as SP_TDSK_CYL and SP_TDSK_CYLS) lent to
 * a virtual machine by DEFINE T3350 AS vaddr CYL n, or at LOGON by the
 * directory's MDISK vaddr 3350 T-DISK n, until DETACH or LOGOFF gives
 * them back.  As in VM/370 the space is not cleared between users: a
 * T-disk is formatted by whoever gets it (CMS FORMAT writes every track).
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "mdisk.h"
#include "rdev.h"
#include "sysres.h"
#include "vm.h"

#define MAX_TDSK_CYLS 65536

static uint8_t lent[MAX_TDSK_CYLS / 8];     /* a bit per cylinder of the space */

static bool is_lent(unsigned c) { return bit_on(lent, c); }

static void mark(unsigned first, unsigned n, bool on)
{
    for (unsigned c = first; c < first + n; c++)
        bit_set(lent, c, on);
}

/* The space: first cylinder and count (0 if the volume has none). */
static unsigned space(unsigned *first)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    *first = get16(sp + SP_TDSK_CYL);
    return get16(sp + SP_TDSK_CYLS);
}

/* First fit: the relative cylinder of n free ones in a row, or -1. */
static int find_free(unsigned total, unsigned n)
{
    for (unsigned c = 0, run = 0; c < total; c++) {
        run = is_lent(c) ? 0 : run + 1;
        if (run == n)
            return (int)(c + 1 - n);
    }
    return -1;
}

int tdisk_define(struct vm *vm, unsigned vaddr, unsigned devtype, unsigned cyls, char *msg,
                 size_t msglen)
{
    msg[0] = 0;
    if (vdev_find(vm, (uint16_t)vaddr)) {
        snprintf(msg, msglen, "DMKDEF092E DEVICE %03X ALREADY DEFINED", vaddr);
        return -1;
    }
    unsigned first, total = space(&first);
    struct rdev *rd = rdev_find(cp_ipl_dev);
    int rel = -1;
    if (rd && rdev_devtype(rd) == devtype && cyls > 0 && total <= MAX_TDSK_CYLS)
        rel = find_free(total, cyls);
    if (rel < 0) {
        snprintf(msg, msglen, "DMKDEF091E DASD %03X NOT DEFINED; TEMP SPACE NOT AVAILABLE",
                 vaddr);
        return -1;
    }
    struct mdisk *m = fs_alloc(sizeof *m);
    struct vdev *d = m ? vdev_add(vm, (uint16_t)vaddr, &mdisk_ops) : NULL;
    if (!d) {
        fs_free(m);
        snprintf(msg, msglen, "DMKDEF093E DASD %03X NOT DEFINED; NO ROOM FOR THE DEVICE", vaddr);
        return -1;
    }
    mark((unsigned)rel, cyls, true);
    m->rd = rd;
    m->x = (struct ct_extent){.start = first + (unsigned)rel, .cyls = cyls, .heads = rd->heads};
    strcpy(m->owner, vm->userid);
    m->owner_addr = vaddr;
    m->temp = true;
    d->state = m;
    return 0;
}

void tdisk_release(const struct mdisk *m)
{
    unsigned first;
    space(&first);
    mark(m->x.start - first, m->x.cyls, false);
}

unsigned tdisk_free_cyls(void)
{
    unsigned first, total = space(&first), n = 0;
    for (unsigned c = 0; c < total && c < MAX_TDSK_CYLS; c++)
        n += !is_lent(c);
    return n;
}
