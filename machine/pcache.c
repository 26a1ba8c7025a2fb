/*
 * pcache.c - the blocks of the predecoded instruction cache (pcache.h):
 * found by DAT mode and logical block address, made on first use, all
 * freed together when PCACHE_MAX are in use.
 */
#include <stdlib.h>

#include "machine.h"
#include "pcache.h"

#define PCACHE_BLOCKS (1u << 13) /* 2K blocks in 16M */

struct pcache {
    struct pblock *blk[2][PCACHE_BLOCKS]; /* [dat][block >> 11] */
    unsigned count;
};

static void pcache_empty(struct pcache *pc)
{
    for (unsigned d = 0; d < 2; d++)
        for (unsigned i = 0; i < PCACHE_BLOCKS; i++) {
            free(pc->blk[d][i]);
            pc->blk[d][i] = NULL;
        }
    pc->count = 0;
}

struct pblock *pcache_block(struct cpu *cpu, uint32_t block, void *decode, void *end)
{
    struct pcache *pc = cpu->pcache;
    if (!pc && !(pc = cpu->pcache = calloc(1, sizeof *pc)))
        abort();
    struct pblock **slot = &pc->blk[cpu->dat][(block & AMASK24) >> 11];
    if (*slot)
        return *slot;
    if (pc->count == PCACHE_MAX)
        pcache_empty(pc);
    struct pblock *b = malloc(sizeof *b);
    if (!b)
        abort();
    for (unsigned i = 0; i < PCACHE_SLOTS + 3; i++) {
        b->e[i].op = i < PCACHE_SLOTS ? decode : end;
        b->e[i].ia = block + 2 * i;
    }
    pc->count++;
    return *slot = b;
}

void pcache_free(struct cpu *cpu)
{
    if (cpu->pcache) {
        pcache_empty(cpu->pcache);
        free(cpu->pcache);
        cpu->pcache = NULL;
    }
}
