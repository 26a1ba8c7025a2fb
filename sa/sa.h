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

/* Write n (1..SA_CONSOLE_WIDTH) ASCII bytes to the console with 3215
   command cmd (X'09' ends the line, X'01' does not): console_sio.c. */
void sa_console_write(unsigned char cmd, const char *s, unsigned n);

/* Linker-script symbols (sa.ld) */
extern char __bss_start[], _end[];

#endif
