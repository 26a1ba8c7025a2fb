/*
 * tape3420.h - the 3420 tape drive on a 3803 control unit (tape3420.c):
 * its sense bits and what the host side can do to a drive besides running
 * channel programs on it (mount and unmount a tape, look at its state).
 */
#ifndef CPCMS_TAPE3420_H
#define CPCMS_TAPE3420_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct device;

#define TAPE_SENSE_BYTES 24

/* Sense byte 1: the tape unit's state. */
#define TAPE_S1_TUA 0x40        /* TU status A: ready */
#define TAPE_S1_TUB 0x20        /* TU status B: not ready */
#define TAPE_S1_LOADPOINT 0x08  /* at load point */
#define TAPE_S1_FP 0x02         /* file protected (no write ring) */
/* Sense byte 4. */
#define TAPE_S4_TAPE_INDICATE 0x40 /* past the end-of-tape marker */

/* Where the end-of-tape marker is, by default: about where it is on a
   2400-foot reel written at 6250 bpi. */
#define TAPE_EOT_DEFAULT (160ull << 20)

/*
 * Mount a tape on the drive: `arg` is "FILE[,ro][,eot=SIZE]" (SIZE in
 * bytes, or with K or M).  A file that does not exist is created (a blank
 * tape), unless the tape is mounted read-only (file protected, as a reel
 * without its write ring).  The tape is at load point; if the drive had
 * been unloaded, it presents device end (not ready to ready).  0, or -1
 * with a message in err (the drive is then empty).
 */
int tape_mount(struct device *dev, const char *arg, char *err, size_t errlen);
/* Unload the tape (as Rewind Unload does); the drive is then not ready. */
void tape_unload(struct device *dev);

bool tape_ready(struct device *dev);
/* The file offset of the position and the block number (blocks and tape
   marks between load point and the position); for tests and displays. */
uint64_t tape_offset(struct device *dev);
uint64_t tape_blockno(struct device *dev);
/* What went wrong with the image at the last data check or equipment
   check ("" if nothing). */
const char *tape_error(struct device *dev);

#endif
