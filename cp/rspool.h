/*
 * rspool.h - the real printers and punches (rspool.c): CP prints and
 * punches the spool files queued to the system on the devices sysgen
 * named (SP_UREC).
 */
#ifndef CP_RSPOOL_H
#define CP_RSPOOL_H

#include <stdbool.h>

/* At IPL, after spool_init: the devices found, a task for each. */
void rspool_init(void);
/* A file may be ready for a device (closed, or changed to NOHOLD). */
void rspool_kick(void);
/* The devices that work, 0 to rspool_count() - 1: address, "PRT", "PUN"
   or "RDR", whether started; START (true) and DRAIN (false): a drained
   device finishes the file it has and takes no other; a started printer
   or punch puts separators before the files when sep is true. */
unsigned rspool_count(void);
void rspool_info(unsigned i, unsigned *addr, const char **kind, bool *started);
void rspool_start(unsigned i, bool start, bool sep);

#endif
