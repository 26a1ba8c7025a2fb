/*
 * rspool.h - the real printers and punches (rspool.c): CP prints and
 * punches the spool files queued to the system on the devices sysgen
 * named (SP_UREC).
 */
#ifndef CP_RSPOOL_H
#define CP_RSPOOL_H

/* At IPL, after spool_init: the devices found, a task for each. */
void rspool_init(void);
/* A file may be ready for a device (closed, or changed to NOHOLD). */
void rspool_kick(void);

#endif
