/*
 * paging.c - the paging area: the cylinders of the system residence
 * volume that sysgen set aside (SP_PAGE_CYL, SP_PAGE_CYLS), cut into
 * slots of one 4K page each (records R1..Rn of every track, n as many as
 * the device holds: SP_SYS_PER_TRACK).  vmstore.c writes a guest's page
 * to a slot when it takes the page's frame, and reads it back when the
 * guest touches the page again; the slot stays the page's until its
 * storage goes (LOGOFF, DEFINE STORAGE, SYSTEM CLEAR), so that a page
 * read back and not changed need not be written again.
 *
 * Slots are numbered from 1 (0: none), at most SLOT_MAX; slots.c keeps
 * them and formats their tracks on first use.
 */
#include <stdio.h>

#include "cp.h"
#include "paging.h"
#include "slots.h"
#include "sysres.h"

static struct slots area;

void paging_init(void)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    unsigned cyl = get16(sp + SP_PAGE_CYL), cyls = get16(sp + SP_PAGE_CYLS);
    if (cyls == 0) {
        printf("DMKPAG401I NO PAGING AREA: GUESTS HAVE ONLY REAL STORAGE\n");
        return;
    }
    if (slots_init(&area, cyl, cyls, SLOT_MAX) < 0) {
        printf("DMKPAG402E NO STORAGE FOR THE PAGING AREA'S TABLES\n");
        area.n = 0;
        return;
    }
    printf("DMKPAG400I PAGING AREA: %u PAGES ON %03X, CYLINDERS %u-%u\n", area.n, cp_ipl_dev,
           cyl, cyl + cyls - 1);
}

bool paging_available(void) { return area.n != 0; }

unsigned paging_slot(void) { return slots_get(&area); }

void paging_release(unsigned slot) { slots_release(&area, slot); }

int paging_write(unsigned slot, const void *frame) { return slots_write(&area, slot, frame); }

int paging_read(unsigned slot, void *frame) { return slots_read(&area, slot, frame); }

void paging_stats(struct paging_stats *s)
{
    s->slots = area.n;
    s->slots_free = area.nfree;
    s->reads = area.reads;
    s->writes = area.writes;
}
