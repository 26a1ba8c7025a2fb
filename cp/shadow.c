/*
 * shadow.c - shadow tables (VM/370's virtual DAT): the segment and page
 * tables a guest with DAT on in its EC-mode PSW really runs under.  They
 * map its virtual addresses straight to frames: the composition of the
 * guest's own tables (vdat.c walks them) and CP's tables of its real
 * storage (vmstore.c, which pages it).  The guest keeps its own tables,
 * CR0 and CR1; the real CPU never sees them.
 *
 * Format: whatever the guest's, the shadow has 64K segments, 256 of them
 * (the whole 16M, so CR1's length is always 15) and the guest's page
 * size: 4K pages (16 two-byte entries a page table) or 2K (32), with the
 * real CR0 set to match (shadow_select).  A guest's 1M segment is 16 of
 * the shadow's.  The segment table is in one frame, with CP's own
 * bookkeeping after it; each page table is a block of free storage
 * (storage.c), made when its segment's first page is filled.
 *
 * Filling: the tables start with every entry invalid, so the guest's
 * first touch of a page is a real segment- or page-translation exception
 * (vm.c gives it to shadow_fault).  CP walks the guest's tables: what
 * they do not map is the guest's own exception, reflected to it (the
 * translation-exception address at X'90', vdat_translate); what they map
 * to a guest real page gets that page's frame (vmstore_map, which may
 * page it in) in the shadow entry, and the instruction runs again.
 * Storage keys, reference and change bits are the frames' real ones, as
 * for a guest with DAT off: the hardware checks and sets them through
 * the shadow entries too.
 *
 * Invalidation: the shadow is a TLB of the guest's tables (GA22-7000
 * lets a TLB keep entries until PTLB, and while DAT is off), so
 *   - the guest's PTLB, and a new translation format (CR0 bits 8-12) or
 *     CR1 (LCTL, or found changed at shadow_select), purge it all;
 *   - turning DAT off and on again keeps it (the TLB would: a guest that
 *     changed its tables meanwhile must PTLB);
 *   - a frame taken from a guest real page (paging it out, DIAGNOSE
 *     X'10') loses every shadow entry that maps it: vmstore.c marks the
 *     frames given to shadow entries and calls shadow_unmap for those;
 *   - SYSTEM RESET and CLEAR, IPL, DEFINE STORAGE and LOGOFF free it.
 * Bound: at most SH_MAX_PT page tables (8K of free storage, 8M of the
 * guest's virtual storage mapped at once); a fault that needs one more
 * purges the shadow first, and it fills again as the guest goes on.
 */
#include "cp.h"
#include "vm.h"

#define SH_NSEG 256                 /* 64K segments of 16M */
#define SH_MAX_PT 128               /* page tables at once (the bound) */
#define STE_INVALID 0x00000001u
#define CR0_PAGE4K 0x00800000u      /* real CR0 bits 8-12: 4K pages, 64K segments */
#define CR0_PAGE2K 0x00400000u      /* 2K pages, 64K segments */
#define CR0_FORMAT 0x00F80000u      /* bits 8-12 */

struct shadow {
    uint32_t ste[SH_NSEG];          /* first in its frame: CR1 wants 64-byte alignment */
    uint16_t *pt[SH_NSEG];          /* the page table of each valid entry */
    uint32_t cr0, cr1;              /* the guest's format and CR1 the entries come from */
    unsigned npt;                   /* page tables made */
    bool small;                     /* 2K pages */
};
_Static_assert(sizeof(struct shadow) <= CP_PAGE, "a shadow segment table is one frame");

static unsigned pt_entries(const struct shadow *sh) { return sh->small ? 32 : 16; }
static uint16_t pte_invalid(const struct shadow *sh) { return sh->small ? 0x0004 : 0x0008; }

/* Free the page tables and make every segment invalid (the TLB not purged). */
static void clear(struct shadow *sh)
{
    for (unsigned s = 0; s < SH_NSEG; s++) {
        sh->ste[s] = STE_INVALID;
        fs_free(sh->pt[s]);
        sh->pt[s] = NULL;
    }
    sh->npt = 0;
}

void shadow_purge(struct vm *vm)
{
    if (!vm->shadow)
        return;
    clear(vm->shadow);
    cp_ptlb();
}

void shadow_free(struct vm *vm)
{
    struct shadow *sh = vm->shadow;
    if (!sh)
        return;
    clear(sh);
    cp_ptlb();                                  /* nothing of it stays in the TLB */
    frame_free(sh);
    vm->shadow = NULL;
    vm->run_dat = false;
}

uint32_t shadow_select(struct vm *vm)
{
    struct shadow *sh = vm->shadow;
    if (!sh) {
        if (!(sh = frame_alloc()))
            return 0;
        clear(sh);
        sh->cr0 = ~0u;                          /* matches no guest: set below */
        vm->shadow = sh;
    }
    uint32_t fmt = vm->cr[0] & CR0_FORMAT;
    if (sh->cr0 != fmt || sh->cr1 != vm->cr[1]) {
        shadow_purge(vm);
        sh->cr0 = fmt;
        sh->cr1 = vm->cr[1];
        sh->small = (fmt >> 22) == 1;           /* 2K pages (a bad format: 4K, never filled) */
    }
    vm->run_cr1 = 15u << 24 | ((uint32_t)(uintptr_t)sh & 0x00FFFFC0);
    return sh->small ? CR0_PAGE2K : CR0_PAGE4K;
}

/* A new page table for segment s, every entry invalid; NULL if free
   storage has none even after the shadow's own were given back. */
static uint16_t *new_pt(struct vm *vm, unsigned s)
{
    struct shadow *sh = vm->shadow;
    if (sh->npt >= SH_MAX_PT)
        shadow_purge(vm);                       /* the bound: start again */
    unsigned n = pt_entries(sh);
    uint16_t *pt = fs_alloc(n * sizeof *pt);
    if (!pt) {
        shadow_purge(vm);
        if (!(pt = fs_alloc(n * sizeof *pt)))
            return NULL;
    }
    for (unsigned i = 0; i < n; i++)
        pt[i] = pte_invalid(sh);
    sh->pt[s] = pt;
    sh->npt++;
    sh->ste[s] = 0xF0000000u | ((uint32_t)(uintptr_t)pt & 0x00FFFFF8);     /* a whole table */
    return pt;
}

int shadow_fault(struct vm *vm, uint32_t va)
{
    uint32_t ra;
    va &= 0xFFFFFF;
    int pc = vdat_translate(vm, va, &ra);
    if (pc)
        return pc;
    if (ra >= vm->size)
        return 0x05;                            /* addressing */
    uint8_t *p = vmstore_map(vm, ra);           /* may sleep: paged in */
    if (!p)
        return -1;
    struct shadow *sh = vm->shadow;
    if (!sh || vm->state != VM_RUNNING)         /* reset while it slept: nothing to fill */
        return 0;
    unsigned s = va >> 16;
    uint16_t *pt = sh->pt[s];
    if (!pt && !(pt = new_pt(vm, s)))
        return -1;
    if (sh->small)
        pt[(va >> 11) & 31] = (uint16_t)(((uintptr_t)p >> 8) & 0xFFF8);
    else
        pt[(va >> 12) & 15] = (uint16_t)(((uintptr_t)p >> 8) & 0xFFF0);
    return 0;
}

void shadow_unmap(struct vm *vm, uintptr_t frame)
{
    struct shadow *sh = vm->shadow;
    if (!sh || !sh->npt)
        return;
    unsigned n = pt_entries(sh);
    uint16_t invalid = pte_invalid(sh);
    /* (pte & 0xFFF0) << 8 is the 4K frame in both formats */
    for (unsigned s = 0; s < SH_NSEG; s++) {
        uint16_t *pt = sh->pt[s];
        for (unsigned i = 0; pt && i < n; i++)
            if (!(pt[i] & invalid) && ((uintptr_t)(pt[i] & 0xFFF0) << 8) == frame)
                pt[i] = invalid;
    }
}
