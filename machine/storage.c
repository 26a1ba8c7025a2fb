/*
 * storage.c - CPU storage access (GA22-7000, chapter 3 "Storage"): the slow
 * paths behind the TLB in cpu.h.  They translate (DAT), apply prefixing,
 * check addressing, key-controlled protection (with fetch protection) and
 * low-address protection, set the reference and change bits, and refill
 * the TLB so that the next access to the same 2K block takes the fast path.
 *
 * Invariants of a TLB entry (checked by tlb_assert_entry in debug builds):
 *  1. rtag == tlb_tag(block, k) only if key k may fetch from the block and
 *     the block's reference bit is set;
 *  2. wtag == tlb_tag(block, k) only if key k may store into the block, its
 *     change bit is set, low-address protection does not cover it and no
 *     PER storage-alteration range could include it;
 *  3. host points at the absolute 2K block the logical block maps to.
 * Whatever could break them (SSK, RRB, PTLB, SPX, LCTL of CR0, CR1 or the
 * PER registers) flushes the TLB.
 */
#include <assert.h>

#include "machine.h"
#include "per.h"

void cpu_tlb_flush(struct cpu *cpu)
{
    memset(cpu->tlb, 0, sizeof cpu->tlb);
    cpu->if_block = IF_NONE;
}

/* May `key` fetch from / store into a block with storage key byte sk? */
static inline bool key_fetch_ok(uint8_t key, uint8_t sk)
{
    return key == 0 || !(sk & SK_FETCH) || (sk >> 4) == key;
}
static inline bool key_store_ok(uint8_t key, uint8_t sk)
{
    return key == 0 || (sk >> 4) == key;
}

/* Low-address protection: CR0 bit 3 protects logical 0-511 from stores. */
static inline bool lap_active(const struct cpu *cpu)
{
    return (cpu->cr[0] & 0x10000000) != 0;
}

/*
 * The slow path of every CPU storage access.  `addr` is a 24-bit logical
 * address; the result is the host address of that byte.  The whole access
 * must lie within the 2K block of `addr` (callers split larger ones).
 */
uint8_t *cpu_access_slow(struct cpu *cpu, uint32_t addr, enum acc acc, uint8_t key)
{
    struct machine *m = cpu->m;
    addr &= AMASK24;
    uint32_t raddr = cpu->dat ? cpu_translate(cpu, addr, acc) : addr;
    uint32_t abs = real_to_abs(cpu, raddr);
    if (abs >= m->memsize)
        cpu_program_check(cpu, PGM_ADDRESSING);
    uint8_t *sk = &m->keys[abs >> 11];
    if (acc == ACC_STORE) {
        if (!key_store_ok(key, *sk) || (addr < 512 && lap_active(cpu)))
            cpu_program_check(cpu, PGM_PROTECTION);
        *sk |= SK_REF | SK_CHANGE;
        if (cpu->per_active)
            per_store(cpu, addr);
    } else {
        if (!key_fetch_ok(key, *sk))
            cpu_program_check(cpu, PGM_PROTECTION);
        *sk |= SK_REF;
    }
    uint8_t *host = m->mem + (abs & ~0x7FFu);
    if (key == cpu->psw.key) {
        struct tlb_entry *e = &cpu->tlb[cpu->dat][(addr >> 11) & (TLB_SIZE - 1)];
        uint32_t tag = tlb_tag(addr, key);
        e->host = host;
        e->rtag = key_fetch_ok(key, *sk) ? tag : 0;
        e->wtag = 0;
        bool lap_block = addr < 0x800 && lap_active(cpu);
        if (key_store_ok(key, *sk) && (*sk & SK_CHANGE) && !lap_block && !cpu->per_active)
            e->wtag = tag;
    }
    return host + (addr & 0x7FF);
}

/* Fetch `len` (2 or 4) bytes that cross a 2K block boundary. */
uint32_t vfetch_slow(struct cpu *cpu, uint32_t addr, int len)
{
    uint8_t b[4];
    vfetchc(cpu, b, addr, (uint32_t)len);
    return len == 2 ? be16(b) : be32(b);
}

void vstore_slow(struct cpu *cpu, uint32_t addr, uint32_t v, int len)
{
    uint8_t b[4];
    if (len == 2)
        put16(b, (uint16_t)v);
    else
        put32(b, v);
    vstorec(cpu, addr, b, (uint32_t)len);
}

/*
 * Check that every byte of [addr, addr+len) may be accessed, so that an
 * instruction can be suppressed before it changes anything.  len >= 1;
 * the range wraps at 2^24 as operand addresses do.
 */
void cpu_check_range(struct cpu *cpu, uint32_t addr, uint32_t len, enum acc acc)
{
    addr &= AMASK24;
    while (len) {
        uint32_t n = 0x800 - (addr & 0x7FF);
        if (n > len)
            n = len;
        if (acc == ACC_STORE)
            (void)cpu_ptr_store(cpu, addr);
        else
            (void)cpu_ptr_fetch(cpu, addr);
        len -= n;
        addr = (addr + n) & AMASK24;
    }
}

/* Fetch `len` bytes of logical storage into a host buffer. */
void vfetchc(struct cpu *cpu, void *dst, uint32_t addr, uint32_t len)
{
    uint8_t *d = dst;
    addr &= AMASK24;
    cpu_check_range(cpu, addr, len, ACC_FETCH);
    while (len) {
        uint32_t n = 0x800 - (addr & 0x7FF);
        if (n > len)
            n = len;
        memcpy(d, cpu_ptr_fetch(cpu, addr), n);
        d += n;
        len -= n;
        addr = (addr + n) & AMASK24;
    }
}

/* Store `len` bytes into logical storage; nothing is stored on an exception. */
void vstorec(struct cpu *cpu, uint32_t addr, const void *src, uint32_t len)
{
    const uint8_t *s = src;
    addr &= AMASK24;
    cpu_check_range(cpu, addr, len, ACC_STORE);
    while (len) {
        uint32_t n = 0x800 - (addr & 0x7FF);
        if (n > len)
            n = len;
        memcpy(cpu_ptr_store(cpu, addr), s, n);
        s += n;
        len -= n;
        addr = (addr + n) & AMASK24;
    }
}
