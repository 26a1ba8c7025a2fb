/*
 * vspool.h - spooled virtual readers, punches and printers (vspool.c):
 * the devices, and what the spooling commands (cmd_spool.c) change.
 */
#ifndef CP_VSPOOL_H
#define CP_VSPOOL_H

#include "spool.h"

struct vm;
struct vdev;

enum { VSP_READER = 1, VSP_PUNCH, VSP_PRINTER };    /* DIR_SPOOL_*'s values */

/* A device's spooling options (SPOOL) and its open file. */
struct vsp {
    uint8_t func;                   /* VSP_* */
    char cls;                       /* its class; a reader's may be '*' */
    char to[9];                     /* output for this user's reader; "": the system */
    bool cont, hold;
    bool console;                   /* the console's (SPOOL CONSOLE): a CON file */
    bool started;                   /* the console's: lines go into its file */
    bool busy;                      /* a channel program or a line is in its file (vspool.c) */
    struct task *putter;            /* the task putting a console line */
    uint16_t copies;
    struct spool_writer w;          /* a punch's or printer's open file */
    struct spool_reader r;          /* a reader's */
};

/* A spooled device at addr of function func and class cls (0: the
   default, * for a reader, A otherwise): NULL if the address is taken or
   there is no storage. */
struct vdev *vspool_add(struct vm *vm, uint16_t addr, unsigned func, char cls);
/* The device's spooling state, or NULL if it is not a spooled device. */
struct vsp *vspool_of(struct vdev *d);
/*
 * CLOSE: a punch's, printer's or the console's file (with records) becomes a spool file
 * named fn ft (NULL: none), dist (NULL: the user), hold (1, 0; -1: the
 * device's), and goes to its queue, said to the user and to its new
 * owner; purge drops it instead.  A reader's open file is purged (kept,
 * held, if hold or the device's HOLD).  The new file's id, or 0.
 */
unsigned vspool_close(struct vm *vm, struct vsp *s, const char *fn, const char *ft,
                      const char *dist, int hold, bool purge);
/*
 * SPOOL CONSOLE: vm's console spool (made at its first use; NULL if
 * there is no storage), class A to the system's printer queue like a
 * printer's.  Once started, every line shown on the console and every
 * line typed at it (vspool_console) goes into a printer file of type
 * CON, closed by CLOSE CONSOLE and at LOGOFF (vspool_console_end).
 */
struct vsp *vspool_console_of(struct vm *vm);
void vspool_console(struct vm *vm, const char *line);
void vspool_console_end(struct vm *vm);
/* Tell f's owner, if logged on, that it is in the reader ("" or
   "TRANSFERRED "). */
void vspool_arrived(const struct sfile *f, const char *how);
/* The reader's open file is done: purged, or kept if the device is HOLD. */
void vspool_reader_done(struct vsp *s);

#endif
