/*
 * vmstore.c - a guest's real storage: CP's DAT tables that map it, the
 * frames its pages get and lose (demand paging), and its storage keys.
 *
 * The tables are S/370 ones (GA22-7000, "Dynamic Address Translation"),
 * 4K pages in 64K segments: a segment table of size/64K entries (a
 * multiple of 16, as CR1's length counts 64-byte units) in a frame of its
 * own, and for each segment a page table of 16 two-byte entries followed
 * by 16 of CP's own: the page's slot in the paging area (paging.c; 0 if
 * it has none) and a busy bit while the page is read or written.
 *
 * A page without a frame has the invalid bit; the guest's touch gives a
 * page-translation exception that vm.c answers with vmstore_addr(): a
 * page never written out gets a zeroed frame, one in a slot is read back.
 * Frames come from storage.c while it has them (the top sixteenth stays
 * for CP's free storage to grow into); then one is taken from a page of
 * some guest: a clock over the frames passes pages referenced since its
 * last turn (resetting the reference bit) and takes the first one that
 * was not.  The page goes to its slot if it was changed since it was
 * read, or never written; a clean page is just dropped.  A page fixed
 * for I/O (the channel runs on its frame) or in transit is passed over.
 * While a page is read or written the busy bit makes anyone who wants it
 * wait; the table of frames (gframes) tells whose page each frame holds,
 * and whether a shadow-table entry may map it (vmstore_map, for a guest
 * with DAT on: shadow.c): such a frame's shadow entries are made invalid
 * (shadow_unmap) before the frame goes, by paging or DIAGNOSE X'10'.
 *
 * Storage keys: a page with a frame has its keys in the real storage keys
 * of the frame's two 2K blocks (SSK on the real frame), so the hardware
 * checks the guest's accesses; a page without one keeps them in pkey[].
 * The reference and change bits the guest sees are the real ones ORed
 * with those kept in pkey[] (from before the page's last trip out, or
 * reset by CP's clock), so that paging never shows through; whether the
 * slot's copy is current is CP's own: the real change bit (reset when the
 * page is read) or the frame's dirty flag (input I/O, a guest's SSK).
 */
#include <string.h>

#include "cp.h"
#include "paging.h"
#include "vm.h"

#define SEG_SHIFT 16
#define PAGE_SHIFT 12
#define PTE_INVALID 0x0008
#define BLOCK 2048
#define SLOT_BUSY 0x8000
#define KEY_R 0x04
#define KEY_C 0x02
#define STEAL_WAITS 50           /* storage_wait()s for a frame: a second */

/* Whose page a frame holds (vm NULL: CP's, or free). */
struct gframe {
    struct vm *vm;
    uint16_t page;              /* guest page number */
    uint8_t fixed;              /* vmstore_fix count, or in transit */
    bool dirty;                 /* changed since read, whatever the change bit says */
    bool shadowed;              /* a shadow-table entry may map it (vmstore_map) */
};

static struct gframe gframes[CP_MAX_FRAMES];
static unsigned hand;           /* the clock */

/* ISK and SSK of the block holding a (the instructions want bits 28-31
   of the address zero). */
static inline uint8_t real_isk(uintptr_t a)
{
    a &= ~(uintptr_t)(BLOCK - 1);
    uint32_t k;
    __asm__ volatile(".insn rr,0x0900,%0,%1" : "=d"(k) : "a"(a));     /* ISK */
    return (uint8_t)(k & 0xFE);
}

static inline void real_ssk(uintptr_t a, uint8_t key)
{
    a &= ~(uintptr_t)(BLOCK - 1);
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"((uint32_t)key), "a"(a) : "memory"); /* SSK */
}

static uint16_t *pte_of(const struct vm *vm, uint32_t a)
{
    return &vm->ptab[a >> SEG_SHIFT][(a >> PAGE_SHIFT) & 15];
}

static uint16_t *slot_of(const struct vm *vm, uint32_t a)
{
    return pte_of(vm, a) + 16;
}

static uint16_t pte_for(uintptr_t frame) { return (uint16_t)((frame >> 8) & 0xFFF0); }

/* The frame a page-table entry maps, or 0 if it is invalid. */
static uintptr_t pte_frame(uint16_t pte)
{
    return (pte & PTE_INVALID) ? 0 : (uintptr_t)((uint32_t)(pte & 0xFFF0) << 8);
}

/* The frame of the page holding a, or 0 if it has none. */
static uintptr_t frame_of(const struct vm *vm, uint32_t a)
{
    return pte_frame(*pte_of(vm, a));
}

int vmstore_init(struct vm *vm, uint32_t size)
{
    unsigned nseg = size >> SEG_SHIFT;
    unsigned nste = (nseg + 15) & ~15u;
    vm->size = size;
    vm->stab = vmstore_cp_frame();      /* a guest's page out if need be */
    vm->ptab = fs_alloc(nseg * sizeof *vm->ptab);
    vm->pkey = fs_alloc(size / BLOCK);
    if (!vm->stab || !vm->ptab || !vm->pkey || nste > 1024)
        return -1;
    for (unsigned s = 0; s < nste; s++)
        vm->stab[s] = 1;                        /* segment invalid */
    for (unsigned s = 0; s < nseg; s++) {
        uint16_t *pt = fs_alloc(32 * sizeof *pt);       /* entries, then slots */
        if (!pt)
            return -1;
        for (int p = 0; p < 16; p++)
            pt[p] = PTE_INVALID;
        vm->ptab[s] = pt;
        vm->stab[s] = 0xF0000000u | ((uint32_t)(uintptr_t)pt & 0x00FFFFF8);
    }
    vm->store_cr1 = (nste / 16 - 1) << 24 | ((uint32_t)(uintptr_t)vm->stab & 0x00FFFFC0);
    vm->run_cr1 = vm->store_cr1;
    /* page 0 now, so that a guest that cannot have more still has low storage */
    return size && vmstore_addr(vm, 0) ? 0 : -1;
}

/* Wake whoever waits for a page of vm to be read or written. */
static void pageio_end(struct vm *vm, uint16_t *slot)
{
    *slot &= (uint16_t)~SLOT_BUSY;
    vm->pageio--;
    task_wakeup(slot);
    task_wakeup(&vm->pageio);
}

/* Has the page in frame f been referenced since the clock last passed?
   The reference bits are reset, the guest's view kept in pkey[]. */
static bool referenced(struct vm *vm, uint32_t page, uintptr_t f)
{
    bool ref = false;
    for (unsigned b = 0; b < 2; b++) {
        uint8_t k = real_isk(f + b * BLOCK);
        if (k & KEY_R) {
            vm->pkey[page / BLOCK + b] |= KEY_R;
            real_ssk(f + b * BLOCK, k & (uint8_t)~KEY_R);
            ref = true;
        }
    }
    return ref;
}

/* Take frame i from the page it holds: the page's keys into pkey[], its
   contents into its slot if the slot's copy is not current.  The frame,
   or 0 if the page must stay (no slot for it, an I/O error). */
static uintptr_t page_out(unsigned i)
{
    struct gframe *g = &gframes[i];
    struct vm *vm = g->vm;
    uint32_t page = (uint32_t)g->page << PAGE_SHIFT;
    uintptr_t f = (uintptr_t)frame_at(i);
    uint16_t *pte = pte_of(vm, page), *slot = slot_of(vm, page);
    bool dirty = g->dirty;
    for (unsigned b = 0; b < 2; b++) {
        uint8_t k = real_isk(f + b * BLOCK), *pk = &vm->pkey[page / BLOCK + b];
        *pk = (uint8_t)((k & 0xF8) | ((k | *pk) & (KEY_R | KEY_C)));
        dirty |= (k & KEY_C) != 0;
    }
    if (dirty && !(*slot & ~SLOT_BUSY) && !(*slot = (uint16_t)paging_slot()))
        return 0;                               /* the area is full */
    *pte = PTE_INVALID;
    if (g->shadowed)                            /* nor may a shadow entry map it */
        shadow_unmap(vm, f);
    g->shadowed = false;
    cp_ptlb();
    if (dirty) {
        g->fixed = 1;                           /* in transit */
        *slot |= SLOT_BUSY;
        vm->pageio++;
        int rc = paging_write(*slot & ~SLOT_BUSY, (const void *)f);
        g->fixed = 0;
        if (rc < 0) {                           /* it stays, as it was */
            for (unsigned b = 0; b < 2; b++)
                real_ssk(f + b * BLOCK, vm->pkey[page / BLOCK + b] | KEY_C);
            *pte = pte_for(f);
            pageio_end(vm, slot);
            return 0;
        }
        vm->page_writes++;
        pageio_end(vm, slot);
    }
    g->vm = NULL;
    return f;
}

/* A frame taken from some guest's page (the clock), or 0.  A page in a
   frame above the guest limit goes out whenever the clock passes it, its
   frame back to storage.c. */
static uintptr_t steal(void)
{
    unsigned n = frame_count();
    for (unsigned tries = 0; tries < 3 * n; tries++) {
        unsigned i = hand;
        hand = (hand + 1) % n;
        struct gframe *g = &gframes[i];
        if (!g->vm || g->fixed)
            continue;
        bool above = i >= storage_guest_limit();
        uint32_t page = (uint32_t)g->page << PAGE_SHIFT;
        if (!above && referenced(g->vm, page, (uintptr_t)frame_at(i)))
            continue;
        uintptr_t f = page_out(i);
        if (f && above)
            frame_free((void *)f);
        else if (f)
            return f;
    }
    return 0;
}

/* Take the frames from guest limit - n up to the limit away from guests:
   the limit goes down by n and the pages in them go out (the task waits
   for the writes).  A page fixed for I/O stays, for the clock to take
   later. */
static void lower_limit(unsigned n)
{
    unsigned top = storage_guest_limit();
    storage_set_guest_limit(top - n);
    for (unsigned i = top - n; i < top; i++) {
        if (!gframes[i].vm || gframes[i].fixed)
            continue;
        uintptr_t f = page_out(i);
        if (f)
            frame_free((void *)f);
    }
}

bool vmstore_make_room(size_t bytes)
{
    unsigned n = (unsigned)((bytes + 8 + CP_PAGE - 1) / CP_PAGE);
    if (n < 16)
        n = 16;                                 /* as storage.c grows the pool */
    for (unsigned tries = 0; !fs_fits(bytes); tries++) {
        if (tries == 4 || !task_current() || !paging_available() ||
            storage_guest_limit() < frame_count() / 4 + n)
            return false;
        lower_limit(n);
    }
    return true;
}

void *vmstore_cp_frame(void)
{
    void *f = frame_alloc();
    if (!f && task_current() && paging_available() && (f = (void *)steal()))
        memset(f, 0, CP_PAGE);
    return f;
}

void *vmstore_fs_alloc(size_t bytes)
{
    void *p = fs_alloc(bytes);
    if (!p && vmstore_make_room(bytes))
        p = fs_alloc(bytes);
    return p;
}

/* Give the page at a (without a frame, not busy) its frame: zeroed, or
   read from its slot.  False if there is none, or the read fails. */
static bool page_in(struct vm *vm, uint32_t a)
{
    uint32_t page = a & ~(uint32_t)(CP_PAGE - 1);
    uint16_t *slot = slot_of(vm, page);
    unsigned s = *slot;
    bool task = task_current() != NULL;
    if (s && !task)
        return false;                           /* only a task can wait for the read */
    *slot |= SLOT_BUSY;
    vm->pageio++;
    /* Every frame fixed or in transit: wait for one (a second at most)
       rather than fail the guest's instruction or I/O. */
    uintptr_t f = 0;
    for (unsigned waits = 0; !f; waits++) {
        f = (uintptr_t)frame_alloc_guest();
        if (!f && task && paging_available())
            f = steal();
        if (f || !task || waits == STEAL_WAITS)
            break;
        storage_wait();
    }
    bool ok = f != 0;
    if (f) {
        struct gframe *g = &gframes[frame_index((void *)f)];
        *g = (struct gframe){.vm = vm, .page = (uint16_t)(page >> PAGE_SHIFT), .fixed = 1};
        if (!s)
            memset((void *)f, 0, CP_PAGE);
        else
            ok = paging_read(s, (void *)f) == 0;
        if (ok) {
            for (unsigned b = 0; b < 2; b++)    /* reference and change bits off */
                real_ssk(f + b * BLOCK, vm->pkey[page / BLOCK + b] & 0xF8);
            *pte_of(vm, page) = pte_for(f);
            g->fixed = 0;
            vm->page_reads += s != 0;
        } else {
            g->vm = NULL;
            frame_free((void *)f);
        }
    }
    pageio_end(vm, slot);
    return ok;
}

/* Wait while the page at a is read or written (no frame, busy); false
   if it is and the caller, not a task, cannot wait. */
static bool settled(struct vm *vm, uint32_t a)
{
    uint16_t *slot = slot_of(vm, a);
    while (!frame_of(vm, a) && (*slot & SLOT_BUSY)) {
        if (!task_current())
            return false;
        vm->pageio++;                           /* its tables stay while we wait */
        task_sleep(slot);
        vm->pageio--;
        task_wakeup(&vm->pageio);
    }
    return true;
}

uint8_t *vmstore_addr(struct vm *vm, uint32_t a)
{
    if (a >= vm->size || !settled(vm, a))
        return NULL;
    if (!frame_of(vm, a) && !page_in(vm, a))
        return NULL;
    return (uint8_t *)(frame_of(vm, a) + (a & (CP_PAGE - 1)));
}

uint8_t *vmstore_map(struct vm *vm, uint32_t a)
{
    uint8_t *p = vmstore_addr(vm, a);
    if (p)
        gframes[frame_index(p)].shadowed = true;
    return p;
}

uint8_t *vmstore_fix(struct vm *vm, uint32_t a, bool input)
{
    uint8_t *p = vmstore_addr(vm, a);
    if (p) {
        struct gframe *g = &gframes[frame_index(p)];
        g->fixed++;
        g->dirty |= input;
    }
    return p;
}

void vmstore_unfix(struct vm *vm, uint32_t a)
{
    uintptr_t f = frame_of(vm, a);
    struct gframe *g = f ? &gframes[frame_index((void *)f)] : NULL;
    if (!g || g->vm != vm || !g->fixed)
        panic("PAGE %06X OF %s UNFIXED BUT NOT FIXED", (unsigned)a, vm->userid);
    g->fixed--;
}

unsigned vmstore_resident(const struct vm *vm)
{
    unsigned n = 0, nseg = vm->size >> SEG_SHIFT;
    for (unsigned s = 0; vm->ptab && s < nseg; s++)
        for (int p = 0; vm->ptab[s] && p < 16; p++)
            n += !(vm->ptab[s][p] & PTE_INVALID);
    return n;
}

void vmstore_free(struct vm *vm)
{
    while (vm->pageio)                          /* reads, writes, waiters */
        task_sleep(&vm->pageio);
    shadow_free(vm);
    unsigned nseg = vm->size >> SEG_SHIFT;
    for (unsigned s = 0; vm->ptab && s < nseg; s++) {
        uint16_t *pt = vm->ptab[s];
        if (!pt)
            continue;
        for (int p = 0; p < 16; p++) {
            void *f = (void *)pte_frame(pt[p]);
            if (f) {
                gframes[frame_index(f)] = (struct gframe){0};
                frame_free(f);
            }
            if (pt[16 + p])
                paging_release(pt[16 + p]);
        }
        fs_free(pt);
    }
    fs_free(vm->ptab);
    fs_free(vm->pkey);
    if (vm->stab)
        frame_free(vm->stab);
    cp_ptlb();                                  /* none of its translations stay */
    vm->stab = NULL;
    vm->ptab = NULL;
    vm->pkey = NULL;
}

/* Copy len bytes between guest address a and buf, page by page. */
static bool copy(struct vm *vm, uint32_t a, void *buf, uint32_t len, bool to_guest)
{
    if (a >= vm->size || len > vm->size - a)
        return false;
    uint8_t *b = buf;
    while (len) {
        uint32_t n = CP_PAGE - (a & (CP_PAGE - 1));
        if (n > len)
            n = len;
        uint8_t *p = vmstore_addr(vm, a);
        if (!p)
            return false;
        if (to_guest)
            memcpy(p, b, n);
        else
            memcpy(b, p, n);
        a += n;
        b += n;
        len -= n;
    }
    return true;
}

bool vmstore_read(struct vm *vm, uint32_t a, void *buf, uint32_t len)
{
    return copy(vm, a, buf, len, false);
}

bool vmstore_write(struct vm *vm, uint32_t a, const void *buf, uint32_t len)
{
    return copy(vm, a, (void *)buf, len, true);
}

uint8_t vmstore_get_key(struct vm *vm, uint32_t a)
{
    uintptr_t f = frame_of(vm, a);
    uint8_t kept = vm->pkey[a / BLOCK];
    if (!f)
        return kept;
    uint8_t k = real_isk(f + (a & (CP_PAGE - 1)));
    return (uint8_t)((k & 0xF8) | ((k | kept) & (KEY_R | KEY_C)));
}

void vmstore_set_key(struct vm *vm, uint32_t a, uint8_t key)
{
    key &= 0xFE;
    uintptr_t f = frame_of(vm, a);
    if (f) {
        uintptr_t r = f + (a & (CP_PAGE - 1));
        if (real_isk(r) & KEY_C)                /* changed, whatever the guest says now */
            gframes[frame_index((void *)f)].dirty = true;
        real_ssk(r, key);
        key &= 0xF8;                            /* the real bits are the guest's now */
    }
    vm->pkey[a / BLOCK] = key;
}

bool vmstore_key_ok(struct vm *vm, uint32_t a, uint32_t len, uint8_t key, bool store)
{
    if (key == 0 || len == 0)
        return true;
    for (uint32_t b = a & ~(uint32_t)(BLOCK - 1); b < a + len && b < vm->size; b += BLOCK) {
        uint8_t k = vmstore_get_key(vm, b);
        if ((k >> 4) == key)
            continue;
        if (store || (k & 0x08))
            return false;
    }
    return true;
}

/*
 * DIAGNOSE X'10': release the pages first..last (page addresses, first
 * <= last < size; diag.c checks them).  Their contents are gone: the
 * next touch finds a fresh zeroed frame (vmstore_addr).  A page's frame
 * is freed and its page-table entry made invalid, the TLB purged; its
 * storage keys stay the guest's (kept in pkey[] as for a page without a
 * frame), with the reference and change bits reset; its copy in the
 * paging area is given up.  A page fixed for a channel program (the
 * channel may still reach its frame) and page 0 are zeroed in place
 * instead.
 */
void vmstore_release(struct vm *vm, uint32_t first, uint32_t last)
{
    bool purge = false;
    for (uint32_t a = first; a <= last && a < vm->size; a += CP_PAGE) {
        uint16_t *slot = slot_of(vm, a);
        bool idle = settled(vm, a);             /* not in transit (or left so) */
        uintptr_t f = frame_of(vm, a);
        struct gframe *g = f ? &gframes[frame_index((void *)f)] : NULL;
        if (idle && *slot && (!f || !g->fixed)) {   /* its copy in the paging area goes */
            paging_release(*slot);
            *slot = 0;
        }
        if (!f)
            continue;                           /* zero at its next touch */
        uint8_t k0 = vmstore_get_key(vm, a) & 0xF8, k1 = vmstore_get_key(vm, a + BLOCK) & 0xF8;
        if (g->fixed || a == 0) {               /* the channel uses it, or low storage */
            memset((void *)f, 0, CP_PAGE);
            real_ssk(f, k0);
            real_ssk(f + BLOCK, k1);
            g->dirty = true;
        } else {
            vm->pkey[a / BLOCK] = k0;
            vm->pkey[a / BLOCK + 1] = k1;
            *pte_of(vm, a) = PTE_INVALID;
            if (g->shadowed)
                shadow_unmap(vm, f);
            *g = (struct gframe){0};
            real_ssk(f, 0);
            real_ssk(f + BLOCK, 0);
            frame_free((void *)f);
            purge = true;
        }
        if (a + CP_PAGE < a)
            break;
    }
    if (purge)
        cp_ptlb();
}
