/*
 * fba.h - the FBA direct-access device (3310, 3370): what tests and tools
 * need from dasd/fba.c.  The device itself is `fba_ops` (registered in
 * devices/devtab.c); its commands are in fba_cmds.h.inc.
 */
#ifndef CPCMS_FBA_H
#define CPCMS_FBA_H

#include <stdint.h>

#include "dev.h"
#include "volume.h"

/* Sense byte 1 (byte 0 has dev.h's SNS0_*). */
#define FBA_S1_PERM 0x80    /* permanent error */
#define FBA_S1_FP 0x04      /* file protected: outside the extent, or a
                               write the file mask or the attach forbids */

/* Define Extent file mask (byte 0). */
#define FBA_MASK_CTL 0xC0
#define FBA_MASK_INHFMT 0x00    /* writes allowed, formatting inhibited */
#define FBA_MASK_INHWRT 0x40    /* every write inhibited */
#define FBA_MASK_CTL_RESV 0x80  /* reserved setting */
#define FBA_MASK_ALLWRT 0xC0    /* every write allowed */
#define FBA_MASK_CE 0x08        /* the CE area (not on these volumes) */
#define FBA_MASK_DIAG 0x04      /* diagnostic commands permitted */
#define FBA_MASK_RESV 0x33      /* reserved bits, must be zero */

/* Locate operation byte. */
#define FBA_OP_RESV 0xF0
#define FBA_OP_WRITE 0x01
#define FBA_OP_READREP 0x02     /* read replicated data (not supported) */
#define FBA_OP_FMTDEF 0x04      /* format defective block (not supported) */
#define FBA_OP_WRITEV 0x05      /* write and verify */
#define FBA_OP_READ 0x06

extern const struct dev_ops fba_ops;

/* Make dev an FBA device on an open FBA volume (it takes the volume over,
   closing it on failure).  0, or -1 with *err set. */
int fba_attach_volume(struct device *dev, struct volume *vol, const char **err);

/* The volume behind an FBA device (tests, tools); NULL while it is not
   ready (dasd.h). */
struct volume *fba_volume(struct device *dev);

#endif
