/*
 * storage.c - real storage management: the page frames given to virtual
 * machines, and CP's free storage for its own blocks.
 *
 * At IPL, storage above the nucleus is split in two: a free-storage pool
 * (3/8 of the rest, at least 256K) for CP's control blocks, stacks and
 * DAT tables, and the frame pool, 4K frames for guests' pages.  A
 * logged-on user takes about 20K of the pool (most of it its task's
 * stack): 16M holds the tasks of 32 terminals and 250 users.
 *
 * Frames: a free list threaded through the free frames themselves.
 * Free storage: first-fit over a free list kept in address order, so that
 * neighbours merge when freed (K&R's allocator); blocks are 8-byte
 * aligned with an 8-byte header holding the size in 8-byte units.
 */
#include <string.h>

#include "cp.h"

#define UNIT 8

struct fblock {
    uint32_t units;         /* size of the block, header included */
    struct fblock *next;    /* free list, in address order */
};

static struct fblock *free_list;
static uint32_t free_units;
static void *frame_list;
static uint32_t frames_free, frames_total;

void storage_init(uintptr_t start, uintptr_t end)
{
    start = (start + CP_PAGE - 1) & ~(uintptr_t)(CP_PAGE - 1);
    uintptr_t pool = (end - start) / 8 * 3;
    if (pool < 256 * 1024)
        pool = 256 * 1024;
    pool &= ~(uintptr_t)(CP_PAGE - 1);
    if (start + pool + 16 * CP_PAGE > end)
        panic("NOT ENOUGH STORAGE: %uK", (unsigned)(end >> 10));
    free_list = (struct fblock *)start;
    free_list->units = (uint32_t)(pool / UNIT);
    free_list->next = NULL;
    free_units = free_list->units;
    for (uintptr_t f = end - CP_PAGE; f >= start + pool; f -= CP_PAGE) {
        *(void **)f = frame_list;
        frame_list = (void *)f;
        frames_total++;
    }
    frames_free = frames_total;
}

void *frame_alloc(void)
{
    void *f = frame_list;
    if (!f)
        return NULL;
    frame_list = *(void **)f;
    frames_free--;
    memset(f, 0, CP_PAGE);
    return f;
}

void frame_free(void *f)
{
    *(void **)f = frame_list;
    frame_list = f;
    frames_free++;
}

void *fs_alloc(size_t bytes)
{
    uint32_t units = (uint32_t)((bytes + UNIT - 1) / UNIT) + 1;
    for (struct fblock **pp = &free_list, *b; (b = *pp); pp = &b->next) {
        if (b->units < units)
            continue;
        if (b->units == units) {
            *pp = b->next;
        } else {            /* the tail end of b */
            b->units -= units;
            b = (struct fblock *)((char *)b + b->units * UNIT);
            b->units = units;
        }
        free_units -= units;
        memset(b + 1, 0, (units - 1) * UNIT);
        return b + 1;
    }
    return NULL;
}

void fs_free(void *p)
{
    if (!p)
        return;
    struct fblock *b = (struct fblock *)p - 1, **pp = &free_list;
    while (*pp && *pp < b)
        pp = &(*pp)->next;
    struct fblock *next = *pp;
    if (next && next == b)
        panic("FREE STORAGE %p FREED TWICE", p);
    free_units += b->units;
    b->next = next;
    if (next && (char *)b + b->units * UNIT == (char *)next) {
        b->units += next->units;
        b->next = next->next;
    }
    *pp = b;
    if (pp != &free_list) {
        struct fblock *prev = (struct fblock *)((char *)pp - offsetof(struct fblock, next));
        if ((char *)prev + prev->units * UNIT == (char *)b) {
            prev->units += b->units;
            prev->next = b->next;
        }
    }
}

void storage_stats(unsigned *frames, unsigned *frames_avail, unsigned *fs_bytes_free)
{
    *frames = frames_total;
    *frames_avail = frames_free;
    *fs_bytes_free = free_units * UNIT;
}
