/*
 * pcache.h - the predecoded instruction cache of the run loop (cpu_exec.c).
 *
 * For every 2K block of logical addresses that has run, with DAT off and
 * with DAT on apart, a struct pinsn (insn_format.h) per halfword: the
 * instruction found there, its fields decoded and the case of the run
 * loop that executes it.  Nothing ever invalidates an entry: each holds
 * the bytes it was decoded from, and the loop compares them with the
 * bytes in storage before it uses the entry, so stores by the CPU, by
 * channels or by the operator, a changed translation or another address
 * space behind the same logical block all just make the entry be decoded
 * again.  The entries past the end of a block lead the loop to the next.
 *
 * The cache holds at most PCACHE_MAX blocks; when it is full it is emptied
 * and filled again.
 */
#ifndef CPCMS_PCACHE_H
#define CPCMS_PCACHE_H

#include "insn_format.h"

#define PCACHE_SLOTS 1024 /* halfwords in a 2K block */
#define PCACHE_MAX 1024   /* blocks kept (33K each) */

struct pblock {
    struct pinsn e[PCACHE_SLOTS + 3]; /* and three past the block's end */
};

/*
 * The block of logical block address `block` under the PSW's DAT mode,
 * made if need be: its entries then lead to `decode`, those past its end
 * to `end` (labels of the run loop).  Never fails (aborts if out of
 * memory); may empty the cache, so the caller forgets any other block.
 */
struct pblock *pcache_block(struct cpu *cpu, uint32_t block, void *decode, void *end);
void pcache_free(struct cpu *cpu);

/* An instruction's bytes as the cache compares them: its length's worth,
   loaded at once, the first byte lowest (for six bytes, eight loaded and
   two masked off: storage has slack at its end for that). */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RAW_ORDER(bits, v) (v)
#else
#define RAW_ORDER(bits, v) __builtin_bswap##bits(v)
#endif
static ALWAYS_INLINE uint64_t insn_raw(const uint8_t *p, unsigned len)
{
    if (len == 2) {
        uint16_t v;
        memcpy(&v, p, 2);
        return RAW_ORDER(16, v);
    }
    if (len == 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        return RAW_ORDER(32, v);
    }
    uint64_t v;
    memcpy(&v, p, 8);
    return RAW_ORDER(64, v) & 0x0000FFFFFFFFFFFFull;
}
#undef RAW_ORDER

/* The length of a predecoded instruction. */
static ALWAYS_INLINE unsigned pinsn_len(const struct pinsn *e)
{
    return insn_len((uint8_t)e->raw);
}

#endif
