/*
 * rsep.h - the separators before each spool file on a real printer or
 * punch (rsep.c says what they hold).
 */
#ifndef CP_RSEP_H
#define CP_RSEP_H

#include <stdbool.h>
#include <stdint.h>

#include "spool.h"

#define RSEP_PAGE_RECS 36       /* printer records of a separator page */
#define RSEP_PRINTER_RECS (2 * RSEP_PAGE_RECS + 1)  /* two pages and a skip */
#define RSEP_CARDS 4

/*
 * Record i (from 0) of the separator for file f on the printer (printer)
 * or punch at addr: its command in *op, its EBCDIC bytes in buf (at
 * least 132); returns the length, or -1 after the last record.
 */
int rsep_record(bool printer, unsigned i, const struct sfile *f, unsigned addr, uint8_t *op,
                uint8_t *buf);

#endif
