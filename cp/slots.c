/*
 * slots.c - areas of 4K slots on the system residence volume (slots.h).
 */
#include <string.h>

#include "cp.h"
#include "slots.h"
#include "sysres.h"
#include "task.h"

enum { TRK_EMPTY, TRK_FORMATTING, TRK_READY };

static uint8_t zeros[CP_PAGE] __attribute__((aligned(8)));

int slots_init(struct slots *s, unsigned cyl, unsigned cyls, unsigned max)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    memset(s, 0, sizeof *s);
    s->heads = get16(sp + SP_HEADS);
    s->per_trk = get32(sp + SP_SYS_PER_TRACK);
    if (cyls == 0 || s->per_trk == 0 || s->heads == 0)
        return -1;
    unsigned tracks = cyls * s->heads, n = tracks * s->per_trk;
    if (n > max) {
        tracks = max / s->per_trk;
        n = tracks * s->per_trk;
    }
    s->used = fs_alloc((n + 7) / 8);
    s->trk_state = fs_alloc(tracks);
    if (!s->used || !s->trk_state || n == 0)
        return -1;
    s->first_track = cyl * s->heads;
    s->n = s->nfree = n;
    return 0;
}

bool slots_used(const struct slots *s, unsigned slot)
{
    return slot && slot <= s->n && bit_on(s->used, slot - 1);
}

unsigned slots_get(struct slots *s)
{
    unsigned i = s->hint;
    while (i < s->n && bit_on(s->used, i))
        i++;
    if (i == s->n)
        return 0;
    bit_set(s->used, i, true);
    s->hint = i + 1;
    s->nfree--;
    return i + 1;
}

void slots_release(struct slots *s, unsigned slot)
{
    unsigned i = slot - 1;
    if (!slots_used(s, slot))
        panic("SLOT %u RELEASED TWICE", slot);
    bit_set(s->used, i, false);
    if (i < s->hint)
        s->hint = i;
    s->nfree++;
}

void slots_claim(struct slots *s, unsigned slot)
{
    if (slot == 0 || slot > s->n || slots_used(s, slot))
        return;
    bit_set(s->used, slot - 1, true);
    s->nfree--;
    s->trk_state[(slot - 1) / s->per_trk] = TRK_READY;
}

/* Where slot is: cylinder, head, record. */
static unsigned locate(const struct slots *s, unsigned slot, unsigned *cyl, unsigned *head)
{
    unsigned t = s->first_track + (slot - 1) / s->per_trk;
    *cyl = t / s->heads;
    *head = t % s->heads;
    return (slot - 1) % s->per_trk + 1;
}

/* The slot's track is formatted: 0, or -1 if it cannot be. */
static int ready(struct slots *s, unsigned slot)
{
    uint8_t *st = &s->trk_state[(slot - 1) / s->per_trk];
    while (*st == TRK_FORMATTING)
        task_sleep(st);
    if (*st == TRK_READY)
        return 0;
    *st = TRK_FORMATTING;
    unsigned cyl, head;
    locate(s, slot, &cyl, &head);
    int rc = dasd_format(cp_ipl_dev, cyl, head, s->per_trk, zeros, CP_PAGE);
    *st = rc < 0 ? TRK_EMPTY : TRK_READY;
    task_wakeup(st);
    return rc;
}

int slots_write(struct slots *s, unsigned slot, const void *page)
{
    unsigned cyl, head, rec = locate(s, slot, &cyl, &head);
    if (ready(s, slot) < 0 || dasd_write(cp_ipl_dev, cyl, head, rec, 1, &page, CP_PAGE) < 0)
        return -1;
    s->writes++;
    return 0;
}

int slots_read(struct slots *s, unsigned slot, void *page)
{
    if (s->trk_state[(slot - 1) / s->per_trk] != TRK_READY)
        return -1;
    return slots_read_any(s, slot, page);
}

int slots_read_any(struct slots *s, unsigned slot, void *page)
{
    unsigned cyl, head, rec = locate(s, slot, &cyl, &head);
    if (dasd_read(cp_ipl_dev, cyl, head, rec, 1, &page, CP_PAGE) < 0)
        return -1;
    s->trk_state[(slot - 1) / s->per_trk] = TRK_READY;
    s->reads++;
    return 0;
}
