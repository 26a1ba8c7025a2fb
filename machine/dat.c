/*
 * dat.c - dynamic address translation (GA22-7000, chapter 3, "Dynamic
 * Address Translation"): segment and page tables with 2K or 4K pages and
 * 64K or 1M segments, as selected by control register 0 bits 8-12, the
 * segment table designated by control register 1.
 *
 * Lengths are checked as the Principles of Operation say: the segment-table
 * length (units of 64 bytes) against the segment index, the page-table
 * length (units of 1/16 of the maximum table) against the leftmost four bits
 * of the page index.  Table entries are fetched with real addresses, so
 * prefixing applies to them.
 */
#include "machine.h"
#include "dat.h"

/* Fetch a table entry at a real address; addressing exception if outside. */
static bool table_fetch(struct cpu *cpu, uint32_t raddr, int len, uint32_t *out)
{
    struct machine *m = cpu->m;
    uint32_t a = real_to_abs(cpu, raddr & AMASK24);
    if (!abs_valid(m, a, (uint32_t)len))
        return false;
    *out = len == 4 ? be32(m->mem + a) : be16(m->mem + a);
    return true;
}

/*
 * Translate logical `addr` to a real address in *raddr.  Returns DAT_OK, or
 * one of DAT_SEG_INVALID, DAT_PAGE_INVALID, DAT_SEG_LENGTH, DAT_PAGE_LENGTH
 * (which LRA turns into condition codes and an access into translation
 * exceptions), DAT_SPEC (translation-specification exception) or
 * DAT_ADDRESSING (a table outside storage).
 */
int dat_lookup(struct cpu *cpu, uint32_t addr, uint32_t *raddr)
{
    uint32_t entry;
    return dat_walk(cpu, addr, raddr, &entry);
}

/* dat_lookup, also giving the real address of the last table entry used. */
int dat_walk(struct cpu *cpu, uint32_t addr, uint32_t *raddr, uint32_t *entry)
{
    uint32_t cr0 = cpu->cr[0], cr1 = cpu->cr[1];
    unsigned ps = (cr0 >> 22) & 3;   /* bits 8-9 */
    unsigned ss = (cr0 >> 19) & 3;   /* bits 11-12 */
    if ((ps != 1 && ps != 2) || (cr0 & 0x00200000) || (ss & 1))
        return DAT_SPEC;
    bool page4k = ps == 2, seg1m = ss == 2;

    addr &= AMASK24;
    uint32_t sx = seg1m ? addr >> 20 : addr >> 16;
    uint32_t stl = cr1 >> 24;
    if ((sx >> 4) > stl)
        return DAT_SEG_LENGTH;
    uint32_t ste;
    *entry = ((cr1 & 0x00FFFFC0) + sx * 4) & AMASK24;
    if (!table_fetch(cpu, *entry, 4, &ste))
        return DAT_ADDRESSING;
    if (ste & 1)
        return DAT_SEG_INVALID;
    if (ste & 0x0F000000)
        return DAT_SPEC;

    unsigned pshift = page4k ? 12 : 11;
    unsigned pxbits = (seg1m ? 20 : 16) - pshift;
    uint32_t px = (addr >> pshift) & ((1u << pxbits) - 1);
    if ((px >> (pxbits - 4)) > (ste >> 28))
        return DAT_PAGE_LENGTH;
    uint32_t pte;
    *entry = ((ste & 0x00FFFFF8) + px * 2) & AMASK24;
    if (!table_fetch(cpu, *entry, 2, &pte))
        return DAT_ADDRESSING;
    if (pte & (page4k ? 0x0008 : 0x0004))
        return DAT_PAGE_INVALID;
    if (pte & (page4k ? 0x0006 : 0x0002))
        return DAT_SPEC;
    uint32_t frame = (pte & (page4k ? 0xFFF0 : 0xFFF8)) << 8;
    *raddr = frame | (addr & ((1u << pshift) - 1));
    return DAT_OK;
}

/* Translate for an access by the CPU; program checks on any exception. */
uint32_t cpu_translate(struct cpu *cpu, uint32_t addr, enum acc acc)
{
    (void)acc;
    uint32_t raddr;
    switch (dat_lookup(cpu, addr, &raddr)) {
    case DAT_OK:
        return raddr;
    case DAT_SEG_INVALID:
    case DAT_SEG_LENGTH:
        cpu->tea = addr & AMASK24;
        cpu_program_check(cpu, PGM_SEGMENT_TRANSLATION);
    case DAT_PAGE_INVALID:
    case DAT_PAGE_LENGTH:
        cpu->tea = addr & AMASK24;
        cpu_program_check(cpu, PGM_PAGE_TRANSLATION);
    case DAT_SPEC:
        cpu_program_check(cpu, PGM_TRANSLATION_SPEC);
    default:
        cpu_program_check(cpu, PGM_ADDRESSING);
    }
}

/*
 * LOAD REAL ADDRESS: condition code 0 and the real address, or 1 (segment
 * invalid) or 2 (page invalid) with the address of the invalid entry, or 3
 * (a length violation, *result unchanged).  Translation-specification and
 * addressing exceptions are program checks.
 */
int dat_lra(struct cpu *cpu, uint32_t addr, uint32_t *result)
{
    uint32_t raddr = 0, entry = 0;
    int r = dat_walk(cpu, addr, &raddr, &entry);
    switch (r) {
    case DAT_OK:
        *result = raddr;
        return 0;
    case DAT_SEG_INVALID:
        *result = entry;
        return 1;
    case DAT_PAGE_INVALID:
        *result = entry;
        return 2;
    case DAT_SEG_LENGTH:
    case DAT_PAGE_LENGTH:
        return 3;
    case DAT_SPEC:
        cpu_program_check(cpu, PGM_TRANSLATION_SPEC);
    default:
        cpu_program_check(cpu, PGM_ADDRESSING);
    }
}
