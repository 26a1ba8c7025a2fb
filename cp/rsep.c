/*
 * rsep.c - the separators CP puts before each spool file on a real
 * printer or punch started with SEP (the default; START ... NOSEP leaves
 * them out), as VM/370 does: on a printer two pages, each with the
 * owner's user ID and the distribution code in block letters and a line
 * of the file's characteristics; on a punch four cards with the same.
 * Copies of a file get one separator.
 *
 * A separator is a list of records, each made by rsep_record() in turn:
 *
 *   printer, each of the 2 pages (RSEP_PAGE_RECS records):
 *     skip to channel 1; a line of asterisks, then a blank line;
 *     the user ID, 7 rows of 5-dot letters, each dot 2 columns wide and
 *     each row printed twice (14 lines); a blank line; the distribution
 *     code the same way (14 lines); a blank line; two lines of
 *     characteristics; a line of asterisks
 *   then one more skip to channel 1, so that the file begins a page
 *   punch: 4 cards, each the user ID, the distribution code and the
 *   file's characteristics in columns 1-80
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "rsep.h"

#define LINE 132                /* a 1403's print positions */
#define OP_WRITE1 0x09          /* printer: write, space 1 line after */
#define OP_SKIP1 0x8B           /* printer: skip to channel 1 at once */
#define OP_PUNCH 0x01           /* punch: write (stacker 1) */

/* 5-dot rows of the letters of user IDs and distribution codes (A-Z,
   0-9, $ # @ -); a bit a dot, the leftmost 0x10. */
static const char glyph_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789$#@-";
static const uint8_t glyphs[][7] = {
    {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, /* A */
    {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}, /* B */
    {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}, /* C */
    {0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E}, /* D */
    {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}, /* E */
    {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}, /* F */
    {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}, /* G */
    {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, /* H */
    {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}, /* I */
    {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C}, /* J */
    {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}, /* K */
    {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}, /* L */
    {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}, /* M */
    {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}, /* N */
    {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, /* O */
    {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}, /* P */
    {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}, /* Q */
    {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}, /* R */
    {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}, /* S */
    {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}, /* T */
    {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, /* U */
    {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04}, /* V */
    {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}, /* W */
    {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}, /* X */
    {0x11, 0x11, 0x0A, 0x04, 0x04, 0x04, 0x04}, /* Y */
    {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F}, /* Z */
    {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, /* 0 */
    {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}, /* 1 */
    {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, /* 2 */
    {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}, /* 3 */
    {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, /* 4 */
    {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E}, /* 5 */
    {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, /* 6 */
    {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}, /* 7 */
    {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, /* 8 */
    {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}, /* 9 */
    {0x04, 0x0F, 0x14, 0x0E, 0x05, 0x1E, 0x04}, /* $ */
    {0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A}, /* # */
    {0x0E, 0x11, 0x17, 0x15, 0x17, 0x10, 0x0E}, /* @ */
    {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}, /* - */
};

/* Row `row` (0-6) of `name` in block letters into line (ASCII, blanks
   around): each letter 10 columns, 2 between, after one blank column. */
static void block_row(char *line, const char *name, unsigned row)
{
    memset(line, ' ', LINE);
    for (unsigned i = 0; name[i] && i < 8; i++) {
        const char *g = strchr(glyph_chars, name[i]);
        if (!g)
            continue;                           /* a blank, or a character without one */
        uint8_t bits = glyphs[g - glyph_chars][row];
        for (unsigned dot = 0; dot < 5; dot++)
            if (bits & (0x10 >> dot))
                memset(line + 1 + i * 12 + dot * 2, name[i], 2);
    }
}

/* The first `width` columns of line: the text, then blanks. */
static void text(char *line, unsigned width, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, width + 1, fmt, ap);
    va_end(ap);
    if (n >= 0 && (unsigned)n < width)
        memset(line + n, ' ', width - (unsigned)n);     /* and snprintf's NUL */
}

static const char *file_name(const struct sfile *f) { return f->fn[0] ? f->fn : "(NONE)"; }

/* Line `which` (0, 1) of the file's characteristics on a page. */
static void facts(char *line, unsigned which, const struct sfile *f, unsigned addr)
{
    char time[9], date[9];
    const char *day;
    tod_format(f->tod, time, date, &day);
    if (which == 0)
        text(line, LINE, "USERID %-8s DIST %-8s SPOOLID %04u FILE %-8s %-8s CLASS %c", f->owner,
             f->dist, f->id, file_name(f), f->ft, f->cls);
    else
        text(line, LINE, "RECORDS %08u COPIES %03u CREATED %s %s PRINTED ON PRT %03X",
             (unsigned)f->recs, f->copies ? f->copies : 1u, date, time, addr);
}

/* Printer record i of a page (0 to RSEP_PAGE_RECS - 1) as ASCII into
   line; its command in *op, its length returned. */
static int page_record(unsigned i, const struct sfile *f, unsigned addr, uint8_t *op, char *line)
{
    *op = OP_WRITE1;
    memset(line, ' ', LINE);
    if (i == 0) {
        *op = OP_SKIP1;
        return 1;
    }
    if (i == 1 || i == RSEP_PAGE_RECS - 1)
        memset(line, '*', LINE);
    else if (i >= 3 && i < 17)
        block_row(line, f->owner, (i - 3) / 2);
    else if (i >= 18 && i < 32)
        block_row(line, f->dist, (i - 18) / 2);
    else if (i == 33 || i == 34)
        facts(line, i - 33, f, addr);
    return LINE;                                /* 2, 17, 32: blank lines */
}

int rsep_record(bool printer, unsigned i, const struct sfile *f, unsigned addr, uint8_t *op,
                uint8_t *buf)
{
    char line[LINE + 1];
    int n;
    if (printer && i < 2 * RSEP_PAGE_RECS) {
        n = page_record(i % RSEP_PAGE_RECS, f, addr, op, line);
    } else if (printer && i == RSEP_PRINTER_RECS - 1) {
        *op = OP_SKIP1;                         /* the file begins a page */
        line[0] = ' ';
        n = 1;
    } else if (!printer && i < RSEP_CARDS) {
        *op = OP_PUNCH;
        text(line, 72, "%-8s %-8s %04u %-8s %-8s CLASS %c PUN %03X", f->owner, f->dist, f->id,
             file_name(f), f->ft, f->cls, addr);
        memcpy(line + 72, "SEPARATR", 8);       /* columns 73-80, where a sequence goes */
        n = 80;
    } else {
        return -1;
    }
    ebcdic_from_ascii(buf, line, (unsigned long)n);
    return n;
}
