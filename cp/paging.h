/*
 * paging.h - the paging area on the system residence volume (paging.c):
 * slots of 4K that hold guest pages while their frames serve others.
 * vmstore.c decides what goes out and comes back; this is the disk side.
 */
#ifndef CP_PAGING_H
#define CP_PAGING_H

#include <stdbool.h>

#define SLOT_MAX 0x7FFF         /* slot numbers fit 15 bits (vmstore.c) */

struct paging_stats {
    unsigned slots, slots_free;
    unsigned long reads, writes;    /* pages read and written since IPL */
};

/* At IPL, after rdev_init: the area sysgen recorded; says what it found. */
void paging_init(void);
bool paging_available(void);
/* A free slot (1...), or 0 when the area is full; giving it back. */
unsigned paging_slot(void);
void paging_release(unsigned slot);
/* One page between frame (real storage) and slot; the calling task
   sleeps.  0, or -1 on an I/O error. */
int paging_write(unsigned slot, const void *frame);
int paging_read(unsigned slot, void *frame);
void paging_stats(struct paging_stats *s);

#endif
