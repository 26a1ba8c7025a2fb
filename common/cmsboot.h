/*
 * cmsboot.h - the IPL records of the CMS system disk (the 190), declared
 * once for the host that writes them (host/sysgen_cms.c) and the S/370
 * bootstrap that reads them (cms/boot/).  Portable and freestanding.
 *
 * The 190 is an EDF minidisk of 4096-byte blocks (cms/fs/edf.h) on CKD:
 * R1..Rn of every track are its blocks.  Blocks 1 and 2, which EDF keeps
 * for the IPL records, and the last cylinders of the minidisk, which the
 * file system does not cover (its label's ADTNUM and ADTCYL end before
 * them, like CMS's FORMAT ... RECOMP), hold CMS:
 *
 *   block 1 (cylinder 0 head 0 R1): from byte 0 the 24 bytes that a
 *     standard IPL reads (cmsboot_ipl_record()):
 *       0  an EC-mode PSW, key 0, disabled: the bootstrap's entry
 *       8  Read Data (X'06') of the next record, R2, 4096 bytes, SLI, to
 *          CMSBOOT_ADDR; no chaining after it
 *       16 zeros
 *     then zeros to 4096.
 *   block 2 (R2): the bootstrap, loaded at CMSBOOT_ADDR: the header below
 *     (CMSBOOT_HDR_LEN bytes, written by sysgen), then its code and data,
 *     within 4096 bytes; zeros after it.
 *   the nucleus area: from minidisk cylinder CB_NUC_CYL to the end of the
 *     minidisk, 4096-byte records R1..R(CB_PER_TRK) on every track, no
 *     keys: the nucleus image (the one PT_LOAD segment of the CMS ELF) in
 *     order, record k holding bytes k*4096.. of it, the last one padded
 *     with zeros.  The bootstrap reads them to CB_LOAD + k*4096.
 *
 * The header (every field big-endian, read and written with the accessors):
 *   0   4  CB_MAGIC    EBCDIC "CMSB"
 *   4   u16 CB_VERSION CMSBOOT_VERSION
 *   6   u16 CB_HDRLEN  CMSBOOT_HDR_LEN
 *   8   u32 CB_NUC_CYL  the first cylinder of the nucleus area, counted
 *                       from the minidisk's first (CP's virtual cylinder;
 *                       the real one when the disk is a whole volume)
 *   12  u16 CB_HEADS    heads per cylinder
 *   14  u16 CB_PER_TRK  4096-byte records per track in the nucleus area
 *   16  u32 CB_NRECS    nucleus records
 *   20  u32 CB_LOAD     load address (4K boundary, >= CMSBOOT_NUC_MIN)
 *   24  u32 CB_LEN      the image's length in bytes
 *   28  u32 CB_ENTRY    the nucleus entry point
 *
 * The bootstrap: the storage below CMSBOOT_NUC_MIN is low core and its own
 * page (code, data, stack), so the nucleus must lie at CMSBOOT_NUC_MIN or
 * above and, read in whole records, end at 16M or below; the virtual
 * machine must have the storage.  Only the image's bytes are read: the
 * nucleus clears its own .bss.  It takes its device address from X'BA'
 * (the IPL stores it there), reads the nucleus track by track (Seek,
 * Search ID Equal, TIC back to the search, Read Data of each record,
 * command-chained; SIO, then TIO until the status comes; a unit check
 * or an unexpected status is retried CMSBOOT_TRIES times in all), and
 * loads an EC-mode PSW, key 0, disabled for I/O and external
 * interruptions, at CB_ENTRY, with X'BA' unchanged.  On failure it stops
 * in a disabled wait whose instruction address is one of CMSBOOT_W_*
 * (X'CB1'-X'CB7': `cpcms machine` exits with 177-183).  Its code begins
 * right after the header, at CMSBOOT_ENTRY, which is its entry point.
 */
#ifndef CPCMS_CMSBOOT_H
#define CPCMS_CMSBOOT_H

#define CMSBOOT_ADDR 0x2000          /* where block 2 is read and runs */
#define CMSBOOT_RECLEN 4096          /* blocks 1, 2 and the nucleus records */
#define CMSBOOT_HDR_LEN 32
#define CMSBOOT_ENTRY (CMSBOOT_ADDR + CMSBOOT_HDR_LEN)
#define CMSBOOT_VERSION 1
#define CMSBOOT_NUC_MIN 0x3000       /* the lowest nucleus address */
#define CMSBOOT_NUC_END 0x1000000    /* the nucleus's records end at or below */
#define CMSBOOT_MAX_PER_TRK 16       /* 4K records per track the bootstrap reads */
#define CMSBOOT_TRIES 3              /* attempts of one track's channel program */
#define CMSBOOT_LC_DEVADDR 0xBA      /* the IPL device address, a halfword */

/* The header's fields (offsets from CMSBOOT_ADDR). */
#define CB_MAGIC 0        /* 4 EBCDIC "CMSB" */
#define CB_VERSION 4      /* u16 */
#define CB_HDRLEN 6       /* u16 */
#define CB_NUC_CYL 8      /* u32 */
#define CB_HEADS 12       /* u16 */
#define CB_PER_TRK 14     /* u16 */
#define CB_NRECS 16       /* u32 */
#define CB_LOAD 20        /* u32 */
#define CB_LEN 24         /* u32 */
#define CB_ENTRY 28       /* u32 */

#define CMSBOOT_MAGIC_0 0xC3   /* C */
#define CMSBOOT_MAGIC_1 0xD4   /* M */
#define CMSBOOT_MAGIC_2 0xE2   /* S */
#define CMSBOOT_MAGIC_3 0xC2   /* B */

/* Disabled-wait codes of the bootstrap (the wait PSW's instruction
   address; `cpcms machine` exits with its low byte). */
#define CMSBOOT_W_HEADER  0xCB1   /* the header is not one this bootstrap reads */
#define CMSBOOT_W_NOTOPER 0xCB2   /* SIO or TIO: cc 3, the device is not operational */
#define CMSBOOT_W_BUSY    0xCB3   /* SIO: still busy after retries */
#define CMSBOOT_W_UNITCHK 0xCB4   /* unit check on every attempt */
#define CMSBOOT_W_CHANNEL 0xCB5   /* channel status (program, protection, data, control check) */
#define CMSBOOT_W_STATUS  0xCB6   /* another status, or the chain stopped early, on every attempt */
#define CMSBOOT_W_PROGRAM 0xCB7   /* a program interruption in the bootstrap */

#ifndef __ASSEMBLER__   /* boot.S takes the numbers */
#include <stdint.h>

static inline uint32_t cmsboot_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline unsigned cmsboot_get16(const uint8_t *p) { return (unsigned)(p[0] << 8 | p[1]); }
static inline void cmsboot_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}
static inline void cmsboot_put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }

/* The 24 bytes of block 1 that the IPL reads: the PSW that starts the
   bootstrap at CMSBOOT_ENTRY, the CCW that reads block 2 to CMSBOOT_ADDR. */
static inline void cmsboot_ipl_record(uint8_t rec[24])
{
    cmsboot_put32(rec, 0x00080000);                        /* EC mode, key 0, disabled */
    cmsboot_put32(rec + 4, CMSBOOT_ENTRY);
    cmsboot_put32(rec + 8, 0x06000000u | CMSBOOT_ADDR);    /* Read Data */
    cmsboot_put32(rec + 12, 0x20000000u | CMSBOOT_RECLEN); /* SLI, no chaining */
    cmsboot_put32(rec + 16, 0);
    cmsboot_put32(rec + 20, 0);
}
#endif

#endif
