/*
 * slots.h - an area of cylinders on the system residence volume cut into
 * slots of one 4K record each (R1..Rn of every track, n as many as the
 * device holds: SP_SYS_PER_TRACK).  The paging area (paging.c) and the
 * spool area (spool.c) are two.  A track is formatted the first time one
 * of its slots is written: the volume's tracks start empty, and formatting
 * a whole area at IPL would cost a write of all of it.  While a task
 * formats a track, another that wants a slot on it waits.
 */
#ifndef CP_SLOTS_H
#define CP_SLOTS_H

#include <stdbool.h>
#include <stdint.h>

struct slots {
    unsigned first_track, heads, per_trk, n, nfree, hint;
    uint8_t *used;              /* a bit a slot, slot 1 = bit 0 */
    uint8_t *trk_state;         /* a byte a track (slots.c) */
    unsigned long reads, writes;
};

/* The area of cyls cylinders from cyl, at most max slots: 0, or -1 if
   there is no such area or no storage for its tables. */
int slots_init(struct slots *s, unsigned cyl, unsigned cyls, unsigned max);
/* A free slot (1...), or 0 when the area is full; giving one back. */
unsigned slots_get(struct slots *s);
void slots_release(struct slots *s, unsigned slot);
/* Take slot as in use, its track as formatted (what a warm start found). */
void slots_claim(struct slots *s, unsigned slot);
bool slots_used(const struct slots *s, unsigned slot);
/* One page between storage and a slot; the calling task sleeps.  0, or
   -1 on an I/O error (or, reading, a slot never written). */
int slots_write(struct slots *s, unsigned slot, const void *page);
int slots_read(struct slots *s, unsigned slot, void *page);
/* Read a slot whose track may never have been written: 0, -1 if it
   cannot be read (an empty track: a cold start). */
int slots_read_any(struct slots *s, unsigned slot, void *page);

#endif
