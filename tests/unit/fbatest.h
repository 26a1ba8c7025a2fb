/*
 * fbatest.h - helpers for the FBA tests, on top of ckdtest.h (the volume
 * in a temporary directory, the machine with it at X'190', channel
 * programs run through SIO): the arguments of Define Extent and Locate,
 * and the usual programs built from them.
 */
#ifndef CPCMS_FBATEST_H
#define CPCMS_FBATEST_H

#include "ckdtest.h"
#include "fba.h"

#define DXARG 0x300 /* Define Extent argument */
#define LCARG 0x310 /* Locate argument */

/* Define Extent argument at a: mask, block size 512, the extent's first
   block on the device, and its first and last block numbers. */
static inline void dxarg(struct ckdt *t, uint32_t a, uint8_t mask, uint32_t origin, uint32_t first,
                         uint32_t last)
{
    uint8_t *p = t->m->mem + a;
    memset(p, 0, 16);
    p[0] = mask;
    put16(p + 2, 512);
    put32(p + 4, origin);
    put32(p + 8, first);
    put32(p + 12, last);
}

/* Locate argument at a: operation, block count, first block. */
static inline void lcarg(struct ckdt *t, uint32_t a, uint8_t op, uint16_t n, uint32_t blk)
{
    uint8_t *p = t->m->mem + a;
    p[0] = op;
    p[1] = 0;
    put16(p + 2, n);
    put32(p + 4, blk);
}

/* Define Extent over the whole volume (mask `mask`), Locate `op` for n
   blocks from blk, then the caller's CCWs.  (The size is the one
   attached: the device may be not ready, with no volume open.) */
static inline void p_locate(struct ckdt *t, uint8_t mask, uint8_t op, uint16_t n, uint32_t blk)
{
    dxarg(t, DXARG, mask, 0, 0, dasd_unit(t->dev)->info.blocks - 1);
    lcarg(t, LCARG, op, n, blk);
    ccw(t, 0x63, DXARG, CCW_CC, 16);
    ccw(t, 0x43, LCARG, CCW_CC, 8);
}

/* Write n blocks from blk, block i filled with byte fill + i. */
static inline struct ior fba_write_blocks(struct ckdt *t, uint32_t blk, uint16_t n, uint8_t fill)
{
    for (unsigned i = 0; i < n; i++)
        memset(t->m->mem + DATA + i * 512, (uint8_t)(fill + i), 512);
    p_locate(t, FBA_MASK_ALLWRT, FBA_OP_WRITE, n, blk);
    ccw(t, 0x41, DATA, 0, (uint16_t)(n * 512));
    return run(t);
}

/* Read n blocks from blk to DATA. */
static inline struct ior fba_read_blocks(struct ckdt *t, uint32_t blk, uint16_t n)
{
    memset(t->m->mem + DATA, 0xEE, (size_t)n * 512);
    p_locate(t, FBA_MASK_INHWRT, FBA_OP_READ, n, blk);
    ccw(t, 0x42, DATA, 0, (uint16_t)(n * 512));
    return run(t);
}

/* Are the n*512 bytes at DATA all `b`? */
static inline bool data_is(struct ckdt *t, size_t off, size_t n, uint8_t b)
{
    for (size_t i = 0; i < n; i++)
        if (t->m->mem[DATA + off + i] != b)
            return false;
    return true;
}

#endif
