/*
 * spool_text.h - a spool file written out for the host (spool_text.c):
 * as text (cards as lines, print files with their carriage control made
 * into line feeds and form feeds) or raw.
 */
#ifndef CPCMS_SPOOL_TEXT_H
#define CPCMS_SPOOL_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "spool.h"

/* Write file f of spool s to out, as text or raw (see spool_text.c).
   0, or -1 (spool_error() says why). */
int spool_text_render(struct spool *s, const struct spool_file *f, bool raw, FILE *out);

#endif
