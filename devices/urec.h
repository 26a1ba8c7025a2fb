/*
 * urec.h - what the unit record devices share: the output side of a punch
 * or printer (urec_out.c), which keeps the records a channel program
 * produced and commits them to the spool database (spool.c) when the
 * program ends, and the sense bits they use.
 *
 * Devices: cardrdr.c (2540 reader, 3505), cardpch.c (2540 punch, 3525),
 * printer.c (1403, 3211, with prt_fcb.c for the carriage).  Their attach
 * argument names the spool database ("spool=FILE", or for the punch and
 * printer just FILE); a reader may instead read one deck file.
 */
#ifndef CPCMS_UREC_H
#define CPCMS_UREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "spool.h"

/* Records held before a program ends that force a commit anyway (a
   guest's endless chain of writes must not grow without bound). */
#define UREC_MAX_PENDING 256

struct urec_out {
    struct spool *sp;
    enum spool_queue queue;
    uint16_t addr;
    const char *devtype;
    long long file;        /* the output file; 0 until the first commit */
    long long seq;         /* records committed to it */
    uint8_t *buf;          /* pending records: cmd, length (2 bytes), data */
    size_t len, cap;
    unsigned npending;
    bool failed;           /* a commit of this program failed */
};

/*
 * The spool file named by a device's attach argument: "spool=FILE" or,
 * if plain_ok, "FILE".  Returns the path (inside arg) or NULL.
 */
const char *urec_spool_path(const char *arg, bool plain_ok);

/* Open the spool database (creating it) for an output device.  0, or -1
   with a message naming the file in err. */
int urec_out_open(struct urec_out *o, const char *path, enum spool_queue q, uint16_t addr,
                  const char *devtype, char *err, size_t errlen);
/* Commit what is pending, mark the output file closed, close. */
void urec_out_close(struct urec_out *o);
/* Keep a record accepted by the device.  Returns 0, or -1 if a commit
   forced by UREC_MAX_PENDING failed (the records are lost; the device
   gives equipment check). */
int urec_out_add(struct urec_out *o, uint8_t cmd, const uint8_t *data, size_t len);
/* Commit the pending records in one transaction (the first commit creates
   the output file).  0, or -1 after rolling back (they are lost). */
int urec_out_commit(struct urec_out *o);
/* The program ends: commit; 0, or -1 if this or an earlier commit of the
   program failed (the device reports unit check, equipment check). */
int urec_out_program_end(struct urec_out *o);

struct device;
/* The spool database behind a reader (NULL when it reads a deck file), a
   punch, a printer (tests, tools). */
struct spool *cardrdr_spool(struct device *dev);
struct spool *cardpch_spool(struct device *dev);
struct spool *printer_spool(struct device *dev);

#endif
