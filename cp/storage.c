/*
 * storage.c - real storage management: the page frames given to virtual
 * machines, and CP's free storage for its own blocks.
 *
 * At IPL, storage above the nucleus is split in two: a free-storage pool
 * (1/16 of the rest, at least 256K) for CP's control blocks, stacks and
 * DAT tables, and 4K frames for guests' pages.  When the pool has no
 * block big enough it grows by 64K (or more) of contiguous frames, which
 * stay free storage from then on: a logged-on user takes about 20K of it
 * (most of it its task's stack), and its guest's pages come from the
 * frames that are left.
 *
 * Frames: a bit each (in use or not).  Guest pages get frames below the
 * guest limit, the lowest free one first; CP's own frames and the pool's
 * runs come from the top down, so that the high ones stay CP's.  The
 * limit starts at the top sixteenth: when guests have all the frames
 * below it, CP pages (vmstore.c) rather than take more, so the pool can
 * still grow for LOGONs and channel programs.  When the pool has grown
 * into all of that, vmstore_make_room lowers the limit and pages out
 * the guest pages above it; frames do not go back from the pool to
 * guests.
 * Free storage: first-fit over a free list kept in address order, so that
 * neighbours merge when freed (K&R's allocator); blocks are 8-byte
 * aligned with an 8-byte header holding the size in 8-byte units.
 */
#include <string.h>

#include "cp.h"
#include "task.h"

#define STORAGE_WAIT_TOD (20000ull << 12)  /* storage_wait: 20 ms at most */

#define UNIT 8

struct fblock {
    uint32_t units;         /* size of the block, header included */
    struct fblock *next;    /* free list, in address order */
};

#define GROW_FRAMES 16                  /* the pool grows by 64K at least */
#define GUEST_RESERVE 16                /* the top 1/16 of frames: not for guest pages */

static struct fblock *free_list;
static uint32_t free_units;
static uintptr_t frame_base;            /* frame i is at frame_base + i * CP_PAGE */
static uint8_t frame_used[CP_MAX_FRAMES / 8];
static uint32_t frames_free, frames_total, frame_hint;
static uint32_t guest_limit;            /* guest pages only in frames below */
static unsigned waiters;                /* tasks in storage_wait */

static bool used(uint32_t i) { return bit_on(frame_used, i); }
static void set_used(uint32_t i, bool on) { bit_set(frame_used, i, on); }

void storage_init(uintptr_t start, uintptr_t end)
{
    start = (start + CP_PAGE - 1) & ~(uintptr_t)(CP_PAGE - 1);
    uintptr_t pool = (end - start) / 16;
    if (pool < 256 * 1024)
        pool = 256 * 1024;
    pool &= ~(uintptr_t)(CP_PAGE - 1);
    if (start + pool + 16 * CP_PAGE > end)
        panic("NOT ENOUGH STORAGE: %uK", (unsigned)(end >> 10));
    free_list = (struct fblock *)start;
    free_list->units = (uint32_t)(pool / UNIT);
    free_list->next = NULL;
    free_units = free_list->units;
    frame_base = start + pool;
    frames_total = (uint32_t)((end - frame_base) / CP_PAGE);
    if (frames_total > CP_MAX_FRAMES)
        frames_total = CP_MAX_FRAMES;
    frames_free = frames_total;
    guest_limit = frames_total - frames_total / GUEST_RESERVE;
}

/* Frame i, free, marked used. */
static void *take(uint32_t i)
{
    set_used(i, true);
    frames_free--;
    return frame_at(i);
}

/* CP's own: the highest free frame. */
void *frame_alloc(void)
{
    for (uint32_t i = frames_total; i-- > 0;)
        if (!used(i)) {
            void *f = take(i);
            memset(f, 0, CP_PAGE);
            return f;
        }
    return NULL;
}

/* A guest's: the lowest free frame below the limit. */
void *frame_alloc_guest(void)
{
    uint32_t i = frame_hint;
    while (i < guest_limit && used(i))
        i++;
    if (i >= guest_limit)
        return NULL;
    frame_hint = i + 1;
    return take(i);
}

unsigned storage_guest_limit(void) { return guest_limit; }

void storage_set_guest_limit(unsigned limit)
{
    if (limit < guest_limit)
        guest_limit = limit;
}

void frame_free(void *f)
{
    if (waiters)
        task_wakeup(&waiters);
    uint32_t i = frame_index(f);
    if (!used(i))
        panic("FRAME %p FREED TWICE", f);
    set_used(i, false);
    if (i < frame_hint)
        frame_hint = i;
    frames_free++;
}

static void *fs_take(uint32_t units);

/* The first frame of the highest run of n free ones, or -1. */
static int32_t free_run(uint32_t n)
{
    for (uint32_t top = frames_total, run = 0; top-- > 0;) {
        run = used(top) ? 0 : run + 1;
        if (run == n)
            return (int32_t)top;
    }
    return -1;
}

/* Give the pool n contiguous frames, the highest free run: false if there
   is none. */
static bool grow(uint32_t n)
{
    int32_t top = free_run(n);
    if (top < 0)
        return false;
    for (uint32_t i = (uint32_t)top; i < (uint32_t)top + n; i++)
        set_used(i, true);
    frames_free -= n;
    struct fblock *b = frame_at((unsigned)top);
    b->units = n * CP_PAGE / UNIT;
    b->next = NULL;
    fs_free(b + 1);
    return true;
}

static uint32_t units_for(size_t bytes) { return (uint32_t)((bytes + UNIT - 1) / UNIT) + 1; }
static uint32_t frames_for(uint32_t units) { return (units * UNIT + CP_PAGE - 1) / CP_PAGE; }

void *fs_alloc(size_t bytes)
{
    uint32_t units = units_for(bytes);
    void *p = fs_take(units);
    if (!p) {
        uint32_t n = frames_for(units);
        if (grow(n > GROW_FRAMES ? n : GROW_FRAMES) || grow(n))
            p = fs_take(units);
    }
    return p;
}

bool fs_fits(size_t bytes)
{
    uint32_t units = units_for(bytes);
    for (struct fblock *b = free_list; b; b = b->next)
        if (b->units >= units)
            return true;
    return free_run(frames_for(units)) >= 0;
}

/* First fit: a block of units (header included), zeroed, or NULL. */
static void *fs_take(uint32_t units)
{
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

void storage_wait(void)
{
    waiters++;
    clock_wake_at(tod_now() + STORAGE_WAIT_TOD, &waiters);
    task_sleep(&waiters);
    waiters--;
}

void fs_free(void *p)
{
    if (!p)
        return;
    if (waiters)
        task_wakeup(&waiters);
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

unsigned frame_count(void) { return frames_total; }

void *frame_at(unsigned i) { return (void *)(frame_base + i * CP_PAGE); }

unsigned frame_index(const void *f)
{
    return (unsigned)(((uintptr_t)f - frame_base) / CP_PAGE);
}

void storage_stats(unsigned *frames, unsigned *frames_avail, unsigned *fs_bytes_free)
{
    *frames = frames_total;
    *frames_avail = frames_free;
    *fs_bytes_free = free_units * UNIT;
}
