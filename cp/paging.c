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
 * Slots are numbered from 1 (0: none), at most SLOT_MAX.  A track is
 * formatted (dasd_format) the first time one of its slots is written: the
 * volume's tracks start empty, and formatting all of them at IPL would
 * cost a write of the whole area.  While a task formats a track, another
 * that wants a slot on it waits.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "paging.h"
#include "sysres.h"
#include "task.h"

enum { TRK_EMPTY, TRK_FORMATTING, TRK_READY };

static unsigned first_track, heads, per_trk, nslots, nfree;
static uint8_t *slot_used;          /* a bit a slot, slot 1 = bit 0 */
static uint8_t *trk_state;          /* a byte a track */
static unsigned hint;
static unsigned long reads, writes;
static uint8_t zeros[CP_PAGE] __attribute__((aligned(8)));

static bool used(unsigned i) { return bit_on(slot_used, i); }

void paging_init(void)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    unsigned cyl = get16(sp + SP_PAGE_CYL), cyls = get16(sp + SP_PAGE_CYLS);
    heads = get16(sp + SP_HEADS);
    per_trk = get32(sp + SP_SYS_PER_TRACK);
    if (cyls == 0 || per_trk == 0 || heads == 0) {
        printf("DMKPAG401I NO PAGING AREA: GUESTS HAVE ONLY REAL STORAGE\n");
        return;
    }
    unsigned tracks = cyls * heads, n = tracks * per_trk;
    if (n > SLOT_MAX) {
        n = SLOT_MAX;
        tracks = n / per_trk;
        n = tracks * per_trk;
    }
    slot_used = fs_alloc((n + 7) / 8);
    trk_state = fs_alloc(tracks);
    if (!slot_used || !trk_state) {
        printf("DMKPAG402E NO STORAGE FOR THE PAGING AREA'S TABLES\n");
        return;
    }
    first_track = cyl * heads;
    nslots = nfree = n;
    printf("DMKPAG400I PAGING AREA: %u PAGES ON %03X, CYLINDERS %u-%u\n", n, cp_ipl_dev, cyl,
           cyl + cyls - 1);
}

bool paging_available(void) { return nslots != 0; }

unsigned paging_slot(void)
{
    unsigned i = hint;
    while (i < nslots && used(i))
        i++;
    if (i == nslots)
        return 0;
    bit_set(slot_used, i, true);
    hint = i + 1;
    nfree--;
    return i + 1;
}

void paging_release(unsigned slot)
{
    unsigned i = slot - 1;
    if (slot == 0 || i >= nslots || !used(i))
        panic("PAGE SLOT %u RELEASED TWICE", slot);
    bit_set(slot_used, i, false);
    if (i < hint)
        hint = i;
    nfree++;
}

/* Where slot is: cylinder, head, record. */
static unsigned locate(unsigned slot, unsigned *cyl, unsigned *head)
{
    unsigned t = first_track + (slot - 1) / per_trk;
    *cyl = t / heads;
    *head = t % heads;
    return (slot - 1) % per_trk + 1;
}

/* The slot's track is formatted: 0, or -1 if it cannot be. */
static int ready(unsigned slot)
{
    uint8_t *st = &trk_state[(slot - 1) / per_trk];
    while (*st == TRK_FORMATTING)
        task_sleep(st);
    if (*st == TRK_READY)
        return 0;
    *st = TRK_FORMATTING;
    unsigned cyl, head;
    locate(slot, &cyl, &head);
    int rc = dasd_format(cp_ipl_dev, cyl, head, per_trk, zeros, CP_PAGE);
    *st = rc < 0 ? TRK_EMPTY : TRK_READY;
    task_wakeup(st);
    return rc;
}

int paging_write(unsigned slot, const void *frame)
{
    unsigned cyl, head, rec = locate(slot, &cyl, &head);
    if (ready(slot) < 0 || dasd_write(cp_ipl_dev, cyl, head, rec, 1, &frame, CP_PAGE) < 0)
        return -1;
    writes++;
    return 0;
}

int paging_read(unsigned slot, void *frame)
{
    unsigned cyl, head, rec = locate(slot, &cyl, &head);
    if (trk_state[(slot - 1) / per_trk] != TRK_READY ||
        dasd_read(cp_ipl_dev, cyl, head, rec, 1, &frame, CP_PAGE) < 0)
        return -1;
    reads++;
    return 0;
}

void paging_stats(struct paging_stats *s)
{
    s->slots = nslots;
    s->slots_free = nfree;
    s->reads = reads;
    s->writes = writes;
}
