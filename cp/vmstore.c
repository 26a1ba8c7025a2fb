/*
 * vmstore.c - a guest's real storage: CP's DAT tables that map it, frames
 * given on first touch, and the guest's storage keys.
 *
 * The tables are S/370 ones (GA22-7000, "Dynamic Address Translation"),
 * 4K pages in 64K segments: a segment table of size/64K entries (a
 * multiple of 16, as CR1's length counts 64-byte units) in a frame of its
 * own, and for each segment a page table of 16 two-byte entries.  A page
 * without a frame has the invalid bit; the guest's first touch gives a
 * page-translation exception that vm.c answers with vmstore_addr().
 *
 * Storage keys: a page with a frame has its keys in the real storage keys
 * of the frame's two 2K blocks (SSK on the real frame), so the hardware
 * checks the guest's accesses; a page without one keeps them in pkey[].
 */
#include <string.h>

#include "cp.h"
#include "vm.h"

#define SEG_SHIFT 16
#define PAGE_SHIFT 12
#define PTE_INVALID 0x0008
#define BLOCK 2048

static inline uint8_t real_isk(uintptr_t a)
{
    uint32_t k;
    __asm__ volatile(".insn rr,0x0900,%0,%1" : "=d"(k) : "a"(a));     /* ISK */
    return (uint8_t)(k & 0xFE);
}

static inline void real_ssk(uintptr_t a, uint8_t key)
{
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"((uint32_t)key), "a"(a) : "memory"); /* SSK */
}

int vmstore_init(struct vm *vm, uint32_t size)
{
    unsigned nseg = size >> SEG_SHIFT;
    unsigned nste = (nseg + 15) & ~15u;
    vm->size = size;
    vm->stab = frame_alloc();
    vm->ptab = fs_alloc(nseg * sizeof *vm->ptab);
    vm->pkey = fs_alloc(size / BLOCK);
    if (!vm->stab || !vm->ptab || !vm->pkey || nste > 1024)
        return -1;
    for (unsigned s = 0; s < nste; s++)
        vm->stab[s] = 1;                        /* segment invalid */
    for (unsigned s = 0; s < nseg; s++) {
        uint16_t *pt = fs_alloc(16 * sizeof *pt);
        if (!pt)
            return -1;
        for (int p = 0; p < 16; p++)
            pt[p] = PTE_INVALID;
        vm->ptab[s] = pt;
        vm->stab[s] = 0xF0000000u | ((uint32_t)(uintptr_t)pt & 0x00FFFFF8);
    }
    vm->run_cr1 = (nste / 16 - 1) << 24 | ((uint32_t)(uintptr_t)vm->stab & 0x00FFFFC0);
    /* page 0 now, so that interruptions always have low storage */
    return size && vmstore_addr(vm, 0) ? 0 : -1;
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
    unsigned nseg = vm->size >> SEG_SHIFT;
    for (unsigned s = 0; vm->ptab && s < nseg; s++) {
        uint16_t *pt = vm->ptab[s];
        if (!pt)
            continue;
        for (int p = 0; p < 16; p++)
            if (!(pt[p] & PTE_INVALID))
                frame_free((void *)(uintptr_t)((uint32_t)(pt[p] & 0xFFF0) << 8));
        fs_free(pt);
    }
    fs_free(vm->ptab);
    fs_free(vm->pkey);
    if (vm->stab)
        frame_free(vm->stab);
    vm->stab = NULL;
    vm->ptab = NULL;
    vm->pkey = NULL;
}

/* The frame of the page holding a, or 0 if it has none yet. */
static uintptr_t frame_of(const struct vm *vm, uint32_t a)
{
    uint16_t pte = vm->ptab[a >> SEG_SHIFT][(a >> PAGE_SHIFT) & 15];
    return (pte & PTE_INVALID) ? 0 : (uintptr_t)((uint32_t)(pte & 0xFFF0) << 8);
}

uint8_t *vmstore_addr(struct vm *vm, uint32_t a)
{
    if (a >= vm->size)
        return NULL;
    uintptr_t f = frame_of(vm, a);
    if (!f) {
        uint8_t *frame = frame_alloc();
        if (!frame)
            return NULL;                /* no frame left: the caller stops the VM */
        f = (uintptr_t)frame;
        uint32_t page = a & ~(uint32_t)(CP_PAGE - 1);
        real_ssk(f, vm->pkey[page / BLOCK]);
        real_ssk(f + BLOCK, vm->pkey[page / BLOCK + 1]);
        vm->ptab[a >> SEG_SHIFT][(a >> PAGE_SHIFT) & 15] = (uint16_t)((f >> 8) & 0xFFF0);
    }
    return (uint8_t *)(f + (a & (CP_PAGE - 1)));
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
    return f ? real_isk(f + (a & (CP_PAGE - 1))) : vm->pkey[a / BLOCK];
}

void vmstore_set_key(struct vm *vm, uint32_t a, uint8_t key)
{
    key &= 0xFE;
    uintptr_t f = frame_of(vm, a);
    if (f)
        real_ssk(f + (a & (CP_PAGE - 1)), key);
    else
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
 * frame), with the reference and change bits reset.  While a channel
 * program of the machine has real I/O going (vdev inflight: the channel
 * may still reach its frames, as vmstore_free's callers wait for), and
 * for page 0 (which always has its frame), the frame is zeroed in place
 * instead of freed.
 */
void vmstore_release(struct vm *vm, uint32_t first, uint32_t last)
{
    bool io = false;
    for (unsigned i = 0; i < vm->nvdev; i++)
        io |= vm->vdev[i].inflight;
    bool purge = false;
    for (uint32_t a = first; a <= last && a < vm->size; a += CP_PAGE) {
        uintptr_t f = frame_of(vm, a);
        if (!f)
            continue;                   /* no frame: zero already */
        uint8_t k0 = real_isk(f) & 0xF8, k1 = real_isk(f + BLOCK) & 0xF8;
        if (io || a == 0) {
            memset((void *)f, 0, CP_PAGE);
            real_ssk(f, k0);
            real_ssk(f + BLOCK, k1);
        } else {
            vm->pkey[a / BLOCK] = k0;
            vm->pkey[a / BLOCK + 1] = k1;
            vm->ptab[a >> SEG_SHIFT][(a >> PAGE_SHIFT) & 15] = PTE_INVALID;
            real_ssk(f, 0);
            real_ssk(f + BLOCK, 0);
            frame_free((void *)f);
            purge = true;
        }
        if (a + CP_PAGE < a)
            break;
    }
    if (purge)
        __asm__ volatile(".insn s,0xb20d0000,0" : : : "memory");    /* PTLB */
}
