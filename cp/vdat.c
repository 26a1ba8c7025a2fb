/*
 * vdat.c - a guest's own dynamic address translation (GA22-7000,
 * chapter 3, "Dynamic Address Translation"): its segment and page
 * tables, in its real storage, walked as the CPU walks them.  LRA and
 * the operands of the privileged instructions CP simulates (privop.c)
 * are translated here; shadow.c builds from the same walk the tables the
 * guest really runs under.
 *
 * The translation format is the guest's CR0 bits 8-12: bits 8-9 the
 * page size (01 2K, 10 4K), bit 10 zero, bits 11-12 the segment size (00
 * 64K, 10 1M); any other value is a translation-specification exception.
 * CR1 holds the segment-table length (bits 0-7, in units of 16 entries)
 * and origin (bits 8-25).  A segment-table entry holds the page-table
 * length (bits 0-3, in sixteenths of the largest table), bits 4-7 zero,
 * the page-table origin (bits 8-28) and the invalid bit (31); a 4K
 * page-table entry the frame address (bits 0-11), the invalid bit (12)
 * and bits 13-14 zero; a 2K one the frame (bits 0-12), the invalid bit
 * (13) and bit 14 zero.  The checks come in the order the machine makes
 * them (machine/dat.c), so that a guest sees under CP what it sees on
 * the bare machine.
 */
#include "cp.h"
#include "vm.h"

#define PGM_ADDRESSING 0x05
#define PGM_SEGMENT 0x10
#define PGM_PAGE 0x11
#define PGM_TRANSLATION_SPEC 0x12

/* A table entry of len bytes at guest real address a; false if a is
   beyond the guest's storage (or CP has no frame for its page). */
static bool entry_fetch(struct vm *vm, uint32_t a, uint32_t len, uint32_t *out)
{
    uint8_t b[4];
    a &= 0xFFFFFF;
    if (a >= vm->size || len > vm->size - a || !vmstore_read(vm, a, b, len))
        return false;
    *out = len == 4 ? get32(b) : get16(b);
    return true;
}

int vdat_walk(struct vm *vm, uint32_t va, uint32_t *ra, uint32_t *entry)
{
    uint32_t cr0 = vm->cr[0], cr1 = vm->cr[1];
    unsigned ps = (cr0 >> 22) & 3, ss = (cr0 >> 19) & 3;
    if ((ps != 1 && ps != 2) || (cr0 & 0x00200000) || (ss & 1))
        return VDAT_SPEC;
    bool page4k = ps == 2, seg1m = ss == 2;

    va &= 0xFFFFFF;
    uint32_t sx = seg1m ? va >> 20 : va >> 16;
    if ((sx >> 4) > (cr1 >> 24))
        return VDAT_SEG_LENGTH;
    uint32_t ste;
    *entry = ((cr1 & 0x00FFFFC0) + sx * 4) & 0xFFFFFF;
    if (!entry_fetch(vm, *entry, 4, &ste))
        return VDAT_ADDRESSING;
    if (ste & 1)
        return VDAT_SEG_INVALID;
    if (ste & 0x0F000000)
        return VDAT_SPEC;

    unsigned pshift = page4k ? 12 : 11;
    unsigned pxbits = (seg1m ? 20 : 16) - pshift;
    uint32_t px = (va >> pshift) & ((1u << pxbits) - 1);
    if ((px >> (pxbits - 4)) > (ste >> 28))
        return VDAT_PAGE_LENGTH;
    uint32_t pte;
    *entry = ((ste & 0x00FFFFF8) + px * 2) & 0xFFFFFF;
    if (!entry_fetch(vm, *entry, 2, &pte))
        return VDAT_ADDRESSING;
    if (pte & (page4k ? 0x0008 : 0x0004))
        return VDAT_PAGE_INVALID;
    if (pte & (page4k ? 0x0006 : 0x0002))
        return VDAT_SPEC;
    *ra = (pte & (page4k ? 0xFFF0 : 0xFFF8)) << 8 | (va & ((1u << pshift) - 1));
    return VDAT_OK;
}

int vdat_translate(struct vm *vm, uint32_t va, uint32_t *ra)
{
    uint32_t entry;
    uint16_t code;
    switch (vdat_walk(vm, va, ra, &entry)) {
    case VDAT_OK:
        return 0;
    case VDAT_SEG_INVALID:
    case VDAT_SEG_LENGTH:
        code = PGM_SEGMENT;
        break;
    case VDAT_PAGE_INVALID:
    case VDAT_PAGE_LENGTH:
        code = PGM_PAGE;
        break;
    case VDAT_SPEC:
        return PGM_TRANSLATION_SPEC;
    default:
        return PGM_ADDRESSING;
    }
    uint8_t tea[4];                             /* the translation-exception address */
    put32(tea, va & 0xFFFFFF);
    vmstore_write(vm, 0x90, tea, 4);
    return code;
}
