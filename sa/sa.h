/*
 * sa.h - internal interfaces of the stand-alone runtime (sa/), shared by
 * its C files; programs include only the standard headers in sa/include.
 */
#ifndef SA_SA_H
#define SA_SA_H

#include "memlayout.h"

#define SA_CONSOLE_DEVICE 0x009 /* 3215 console: channel 0, device 09 */
#define SA_CONSOLE_WIDTH  132   /* longest line written by one CCW */

/* ASCII (ISO 8859-1) to EBCDIC code page 037: the one table of cpcms */
#include "ebcdic.h"

/* Linker-script symbols (sa.ld) */
extern char __bss_start[], _end[];

#endif
