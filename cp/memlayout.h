/*
 * memlayout.h - CP's map of real storage.  CP runs in supervisor state
 * with DAT off, so these are real addresses (prefix 0: one CPU).  Plain
 * #defines only: included by the assembler (start.S), the C code and the
 * link script's user (cp.ld repeats CP_NUC_ORIGIN).
 *
 *   memsize  +---------------------------+
 *            | page frames: guests' real  |  frame.c hands them out
 *            | storage, CP's free storage |
 *   _end     +---------------------------+  (rounded up to 4K)
 *            | .bss: CP's stacks, tables |
 *            | .data, .rodata, .text      |  the nucleus image (IPL loads
 *   0x010000 +---------------------------+  text and data from sysres)
 *            | unused                     |
 *   0x003000 +---------------------------+
 *            | IPL channel program (R2),  |  free once CP runs
 *   0x002000 +---------------------------+
 *            | system parameters (R4)     |  sysres.h
 *   0x001000 +---------------------------+
 *            | PSA: PSWs, CSW, CAW, codes;|  GA22-7000 "Assigned Storage
 *            | CP's interruption save     |  Locations"; lowcore.h
 *            | areas from 0x200           |
 *   0x000000 +---------------------------+
 */
#ifndef CP_MEMLAYOUT_H
#define CP_MEMLAYOUT_H

#define CP_NUC_ORIGIN   0x010000    /* link address of the nucleus (cp.ld) */
#define CP_PAGE         4096        /* CP's frame size; guests use 4K pages */
#define CP_STACK_SIZE   16384       /* each CP stack */
#define CP_FRAME        96          /* s390 31-bit ABI register save area */

#endif
