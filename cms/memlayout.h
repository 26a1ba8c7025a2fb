/*
 * memlayout.h - the CMS nucleus's map of its virtual machine's storage
 * (CMS runs with DAT off: these are the machine's real addresses).
 * Plain #defines only: included by start.S and the C code; cms.ld
 * repeats CMS_NUC_ORIGIN.
 *
 *   size     +---------------------------+
 *            | the user area: programs    |  LOAD, START, MODULEs
 *   0x100000 +---------------------------+  CMS_USER_ORIGIN
 *            | free storage (malloc),     |  sa/malloc.c, to the user area
 *            | disk work areas, buffers   |  (main.c's sa_heap_end)
 *   _end     +---------------------------+
 *            | .bss: the stack, tables    |
 *            | .text .rodata .data        |  the nucleus image
 *   0x010000 +---------------------------+  CMS_NUC_ORIGIN
 *            | the IPL bootstrap (gone)   |
 *   0x001000 +---------------------------+
 *            | low storage: PSWs, CSW...  |
 *   0x000000 +---------------------------+
 */
#ifndef CMS_MEMLAYOUT_H
#define CMS_MEMLAYOUT_H

#define CMS_NUC_ORIGIN  0x010000
#define CMS_USER_ORIGIN 0x100000
#define CMS_STACK_SIZE  65536
#define CMS_FRAME       96          /* s390 31-bit ABI register save area */

/* Low storage (GA22-7000, "Assigned Storage Locations") */
#define LC_EXT_OLD      0x18
#define LC_SVC_OLD      0x20
#define LC_PGM_OLD      0x28
#define LC_IO_OLD       0x38
#define LC_CSW          0x40
#define LC_CAW          0x48
#define LC_EXT_NEW      0x58
#define LC_SVC_NEW      0x60
#define LC_PGM_NEW      0x68
#define LC_MCK_NEW      0x70
#define LC_IO_NEW       0x78
#define LC_PGM_CODE     0x8E
#define LC_IPL_DEV      0xBA

#endif
