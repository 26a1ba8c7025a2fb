/*
 * spooltest.c - CP's spooling as a guest sees it (tests/cp/spool_test.sh
 * IPLs it in the operator's virtual machine, whose directory entry has a
 * reader 00C (class *), a punch 00D and a printer 00E (class A)); the
 * spec is CP's spooling (cp/spool.h): virtual unit record devices driven by
 * SIO and TIO, the spool commands by DIAGNOSE X'08' with a response
 * buffer.  Two runs, told apart by the reader at the start:
 *   - no file KEEP DECK in it: the whole test.  A deck of three cards
 *     punched to its own reader (SPOOL 00D TO *, CLOSE 00D NAME TEST
 *     DECK), seen by QUERY READER [ALL], read back card by card, unit
 *     exception after the last without incorrect length, then an empty
 *     reader (intervention required); short and long cards, reads of
 *     other lengths, with and without SLI; printer lines spooled to the
 *     system (QUERY PRINTER, PURGE PRINTER ALL); command reject on each
 *     device; the spool command errors; an empty file and CLOSE PURGE;
 *     a punch file to the system (QUERY PUNCH, QUERY FILES, PURGE by
 *     id); CONT across two files; reader classes; a reader spooled HOLD
 *     keeps what it read; ORDER, CHANGE (class, name) and TRANSFER (to
 *     the end of the queue, the owner told), read in the order they make.
 *     Last, a deck of five cards, KEEP DECK, is
 *     left in the reader for the next run.
 *   - KEEP DECK in it (after SHUTDOWN and IPL, or a kill and IPL): the
 *     deck is read and each card checked, byte for byte.
 * Each line says ok or FAILED; exit(0) if all were ok.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"
#include "guesttrap.h"
#include <s370io.h>
#include "guest.h"

#define RDR 0x00C
#define PUN 0x00D
#define PRT 0x00E
#define CEDE (US_CE | US_DE)

/* ---- CP commands ---- */

static uint8_t cmd[256];
static uint8_t buf[4096];
static char resp[4096];             /* the last response, ASCII, lines ending in \n */

/* A CP command by DIAGNOSE X'08' with a response buffer: the completion
   code (0, or the number of the error message); the response in resp. */
static __attribute__((format(printf, 1, 2))) uint32_t cp(const char *fmt, ...)
{
    char c[240];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c, sizeof c, fmt, ap);
    va_end(ap);
    size_t n = strlen(c);
    for (size_t i = 0; i < n; i++)
        cmd[i] = ascii_to_ebcdic[(unsigned char)c[i]];
    uint32_t o[4];
    int cc = diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | (uint32_t)n,
                  (uint32_t)(uintptr_t)buf, sizeof buf, o);
    size_t m = cc == 0 && o[3] < sizeof buf ? o[3] : 0;
    for (size_t i = 0; i < m; i++)
        resp[i] = buf[i] == 0x15 ? '\n' : (char)ebcdic_to_ascii[buf[i]];
    resp[m] = 0;
    return o[2];
}

/* The line of resp that begins with prefix, or NULL. */
static const char *line_with(const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = resp; *p;) {
        if (!strncmp(p, prefix, n))
            return p;
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return NULL;
}

/* Whether resp has the line s (without its \n). */
static int has_line(const char *s)
{
    const char *p = line_with(s);
    return p && p[strlen(s)] == '\n';
}

/* Whether resp is exactly the one line s. */
static int resp_is(const char *s)
{
    size_t n = strlen(s);
    return !strncmp(resp, s, n) && resp[n] == '\n' && resp[n + 1] == 0;
}

/* Four decimal digits at p: their number, or 0. */
static unsigned num4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (unsigned)(p[i] - '0');
    }
    return v;
}

/* The response of CLOSE of a punch or printer (type "PUN" or "PRT"): the
   line "PUN FILE nnnn TO <to> COPY 001 NOHOLD"; its spool id, 0 if not
   there. */
static unsigned closed(const char *type, const char *to)
{
    char pre[16], exp[80];
    snprintf(pre, sizeof pre, "%s FILE ", type);
    const char *p = line_with(pre);
    unsigned id = p ? num4(p + 9) : 0;
    snprintf(exp, sizeof exp, "%s FILE %04u TO %s COPY 001 NOHOLD", type, id, to);
    return id && has_line(exp) ? id : 0;
}

/* QUERY's line of a file of the operator's: id, class, PUN or PRT,
   records, one copy, not held. */
static int qline(unsigned id, char cls, const char *type, unsigned recs)
{
    char exp[80];
    snprintf(exp, sizeof exp, "OPERATOR %04u %c %s %08u 001 NONE", id, cls, type, recs);
    return has_line(exp);
}

/* QUERY ... ALL's line of a file, as far as qline's goes. */
static int qline_pre(unsigned id, char cls, const char *type, unsigned recs)
{
    char exp[80];
    snprintf(exp, sizeof exp, "OPERATOR %04u %c %s %08u 001 NONE ", id, cls, type, recs);
    return line_with(exp) != NULL;
}

static int digits(const char *p, int n)
{
    for (int i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return 1;
}

/* QUERY ... ALL's line of a file: qline's, then date, time, name, type
   (and the distribution code, not checked). */
static int qline_all(unsigned id, char cls, const char *type, unsigned recs,
                     const char *fn, const char *ft)
{
    char exp[80], names[40];
    snprintf(exp, sizeof exp, "OPERATOR %04u %c %s %08u 001 NONE ", id, cls, type, recs);
    const char *p = line_with(exp);
    if (!p)
        return 0;
    p += strlen(exp);                       /* mm/dd hh:mm:ss */
    if (!digits(p, 2) || p[2] != '/' || !digits(p + 3, 2) || p[5] != ' ' || !digits(p + 6, 2) ||
        p[8] != ':' || !digits(p + 9, 2) || p[11] != ':' || !digits(p + 12, 2))
        return 0;
    p += 14;
    snprintf(names, sizeof names, " %-8s %s", fn, ft);
    size_t n = strlen(names);
    return !strncmp(p, names, n) && (p[n] == ' ' || p[n] == '\n');
}

#define QHDR "ORIGINID FILE CLASS RECORDS  CPY HOLD"
#define QHDR_ALL QHDR " DATE  TIME     NAME     TYPE     DIST"

/* ---- channel programs ---- */

static struct ccw prog[8];
static uint8_t st, chs;             /* the unit and channel status of the last run */
static uint16_t resid;

/* Run prog on dev: the unit status (channel status in chs, residual
   count in resid), or -1 if it did not start and store a CSW. */
static int run(unsigned dev)
{
    st = chs = 0xFF;
    if (io_run_wait(dev, prog) != 1)
        return -1;
    st = io_csw_status();
    chs = io_csw_chstatus();
    resid = io_csw_residual();
    return st;
}

/* One CCW on dev. */
static int io(unsigned dev, uint8_t op, const void *a, uint8_t flags, uint16_t count)
{
    prog[0] = ccw_make(op, a, flags, count);
    return run(dev);
}

/* Sense: the byte, or -1. */
static int sense(unsigned dev)
{
    static uint8_t sb;
    sb = 0xEE;
    if (io(dev, 0x04, &sb, 0, 1) != CEDE || chs)
        return -1;
    return sb;
}

/* check(), and on a failure what the last command answered and how the
   last channel program ended. */
static void ck(const char *name, int ok)
{
    check(name, ok);
    if (!ok)
        printf("  (status %02X %02X residual %u; the response: %s)\n", st, chs, resid,
               resp[0] ? resp : "none\n");
}

/* ---- cards ---- */

/* s in EBCDIC at out, without its 0. */
static void ebc(uint8_t *out, const char *s)
{
    for (; *s; s++)
        *out++ = ascii_to_ebcdic[(unsigned char)*s];
}

/* An 80-byte card in EBCDIC: text, blanks, then columns 61-72 binary
   bytes made from seq and columns 73-80 the sequence field of tag. */
static void make_card(uint8_t *c, const char *text, const char *tag, unsigned seq)
{
    memset(c, 0x40, 80);
    for (size_t i = 0; text[i] && i < 60; i++)
        c[i] = ascii_to_ebcdic[(unsigned char)text[i]];
    for (int i = 0; i < 12; i++)
        c[60 + i] = (uint8_t)(seq * 37 + i * 23);
    char s[12];
    snprintf(s, sizeof s, "%.4s%04u", tag, seq);
    for (int i = 0; i < 8; i++)
        c[72 + i] = ascii_to_ebcdic[(unsigned char)s[i]];
}

static uint8_t rb[160];             /* what the reader reads into */

/* Read a card of count bytes with flags: the unit status. */
static int rd(uint8_t op, uint8_t flags, uint16_t count)
{
    memset(rb, 0xEE, sizeof rb);
    return io(RDR, op, rb, flags, count);
}

/* Whether the reader is empty: QUERY READER says so, a read gives unit
   check and the sense intervention required.  (Whether it comes without
   incorrect length is checked once, in punch_and_read.) */
static int reader_empty(void)
{
    int q = cp("QUERY READER") == 0 && resp_is("NO RDR FILES");
    int r = rd(0x02, 0, 80) == (CEDE | US_UC) && rb[0] == 0xEE;
    return q && r && sense(RDR) == 0x40;
}

/* A read after the last card: the unit exception, no data.  (Without
   incorrect length: checked once, in punch_and_read.) */
static int end_of_file(void)
{
    return rd(0x02, 0, 80) == (CEDE | US_UX) && rb[0] == 0xEE;
}

/* Read n cards, which must be cards[0..n-1] exactly. */
static int read_cards(uint8_t cards[][80], int n)
{
    int ok = 1;
    for (int i = 0; i < n; i++)
        ok &= rd(i & 1 ? 0x42 : 0x02, 0, 80) == CEDE && chs == 0 && !memcmp(rb, cards[i], 80);
    return ok;
}

/* ---- the first run ---- */

static uint8_t deck[3][80];

static void punch_and_read(void)
{
    ck("start: the reader is empty", reader_empty());
    ck("spool 00d to *: silent", cp("SPOOL 00D TO *") == 0 && !resp[0]);
    make_card(deck[0], "TEST DECK CARD ONE", "TEST", 1);
    make_card(deck[1], "TEST DECK CARD TWO (CHAINED)", "TEST", 2);
    for (int i = 0; i < 80; i++)        /* every value of a byte passes */
        deck[2][i] = (uint8_t)(i * 3 + 1);
    ck("punch card 1 (01)", io(PUN, 0x01, deck[0], 0, 80) == CEDE && chs == 0);
    prog[0] = ccw_make(0x41, deck[1], CCW_CC, 80);
    prog[1] = ccw_make(0x03, NULL, CCW_CC, 1);
    prog[2] = ccw_make(0xC1, deck[2], 0, 80);
    ck("punch cards 2 (41) and 3 (C1) chained, a NOP between", run(PUN) == CEDE && chs == 0);
    ck("punch sense: 0", sense(PUN) == 0);
    ck("the open file is not in the reader", cp("QUERY READER") == 0 && resp_is("NO RDR FILES"));

    uint32_t rc = cp("CLOSE 00D NAME TEST DECK");
    for (const char *p = resp; *p;) {      /* for spool_test.sh: the RDR FILE message */
        const char *e = strchr(p, '\n');
        int n = e ? (int)(e - p) : (int)strlen(p);
        printf("close: %.*s\n", n, p);
        p += n + (e != NULL);
    }
    unsigned id = closed("PUN", "OPERATOR");
    ck("close 00d name test deck: PUN FILE nnnn TO OPERATOR COPY 001 NOHOLD", rc == 0 && id);
    const char *m = line_with("RDR FILE ");
    if (m) {
        char exp[80];
        snprintf(exp, sizeof exp, "RDR FILE %04u FROM OPERATOR PUN WAS %04u RECS 000003 CPY 001 A NOHOLD",
                 num4(m + 9), num4(m + 36));
        ck("close: RDR FILE message in the response", has_line(exp) && num4(m + 9) == id);
    }

    ck("query reader: header and the file",
       cp("QUERY READER") == 0 && !strncmp(resp, QHDR "\n", sizeof QHDR) && qline(id, 'A', "PUN", 3));
    ck("query reader all: header, name TEST DECK, 3 records",
       cp("QUERY READER ALL") == 0 && !strncmp(resp, QHDR_ALL "\n", sizeof QHDR_ALL) &&
       qline_all(id, 'A', "PUN", 3, "TEST", "DECK"));
    ck("query rdr (abbreviation)", cp("QUERY RDR") == 0 && qline(id, 'A', "PUN", 3));

    int ok = 1;
    for (int i = 0; i < 3; i++)
        ok &= rd((uint8_t[]){0x02, 0x42, 0x82}[i], 0, 80) == CEDE && chs == 0 &&
              !memcmp(rb, deck[i], 80) && rb[80] == 0xEE;
    ck("read the three cards back, exact", ok);
    ck("after the last card: CE DE UX, no data", end_of_file());
    ck("... no incorrect length", chs == 0);
    ck("then the reader is empty: CE DE UC, intervention required", reader_empty());
    rd(0x02, 0, 80);
    ck("... no incorrect length", chs == 0);
}

static void lengths(void)
{
    static uint8_t c81a[81], c81b[81], shortc[10];
    make_card(c81a, "LONG CARD WITHOUT SLI", "LONG", 1);
    c81a[80] = 0xF9;
    make_card(c81b, "LONG CARD WITH SLI", "LONG", 2);
    c81b[80] = 0xF9;
    ebc(shortc, "SHORT CARD");
    ck("punch 10 bytes: CE DE", io(PUN, 0x01, shortc, 0, 10) == CEDE && chs == 0);
    ck("punch 81 bytes without SLI: incorrect length", io(PUN, 0x01, c81a, 0, 81) == CEDE && chs == CS_IL);
    ck("punch 81 bytes with SLI: no incorrect length", io(PUN, 0x01, c81b, CCW_SLI, 81) == CEDE && chs == 0);
    uint32_t rc = cp("CLOSE 00D");
    unsigned id = closed("PUN", "OPERATOR");
    ck("close: 3 records", rc == 0 && id && cp("QUERY READER") == 0 && qline(id, 'A', "PUN", 3));

    ck("the short card: 10 bytes then blanks",
       rd(0x02, 0, 80) == CEDE && chs == 0 && !memcmp(rb, shortc, 10) &&
       rb[10] == 0x40 && !memcmp(rb + 10, rb + 11, 69) && rb[80] == 0xEE);
    ck("the 81-byte card read with count 100: 80 bytes, incorrect length",
       rd(0x02, 0, 100) == CEDE && chs == CS_IL && !memcmp(rb, c81a, 80) && rb[80] == 0xEE);
    ck("... residual count 20", resid == 20);
    ck("read with count 40 and SLI: 40 bytes, no incorrect length",
       rd(0x02, CCW_SLI, 40) == CEDE && chs == 0 && !memcmp(rb, c81b, 40) && rb[40] == 0xEE);
    ck("then the unit exception", end_of_file());
    ck("and an empty reader", reader_empty());
}

static void printer(void)
{
    static uint8_t l1[8], l2[8], l3[10], l4[132], l5[133];
    ebc(l1, "LINE ONE");
    ebc(l2, "LINE TWO");
    ebc(l3, "LINE THREE");
    memset(l4, 0xC1, sizeof l4);
    memset(l5, 0xC2, sizeof l5);
    ck("start: no printer files", cp("QUERY PRINTER") == 0 && resp_is("NO PRT FILES"));
    prog[0] = ccw_make(0x09, l1, CCW_CC, 8);        /* write, space 1 */
    prog[1] = ccw_make(0x11, l2, CCW_CC, 8);        /* write, space 2 */
    prog[2] = ccw_make(0x89, l3, 0, 10);            /* write, skip to channel 1 */
    ck("print 09, 11, 89 chained", run(PRT) == CEDE && chs == 0);
    ck("print 132 bytes: no incorrect length", io(PRT, 0x01, l4, 0, 132) == CEDE && chs == 0);
    ck("printer sense: 0", sense(PRT) == 0);
    uint32_t rc = cp("CLOSE 00E");
    unsigned id = closed("PRT", "SYSTEM");
    ck("close 00e: PRT FILE nnnn TO SYSTEM COPY 001 NOHOLD", rc == 0 && id);
    ck("query printer: the file, 4 records",
       cp("QUERY PRINTER") == 0 && !strncmp(resp, QHDR "\n", sizeof QHDR) && qline(id, 'A', "PRT", 4));
    ck("the printer file is not in the reader", cp("QUERY READER") == 0 && resp_is("NO RDR FILES"));

    /* (whether immediate commands are records of the file is CP's
       business: this file's records are not counted) */
    prog[0] = ccw_make(0x8B, NULL, CCW_CC, 1);      /* skip to channel 1, immediate */
    prog[1] = ccw_make(0x03, NULL, 0, 1);           /* NOP */
    ck("printer immediate 8B chained to a NOP: CE DE", run(PRT) == CEDE && chs == 0);
    ck("printer immediate 0B: CE DE", io(PRT, 0x0B, NULL, 0, 1) == CEDE && chs == 0);
    ck("print 133 bytes without SLI: incorrect length", io(PRT, 0x09, l5, 0, 133) == CEDE && chs == CS_IL);
    ck("print 133 bytes with SLI: no incorrect length", io(PRT, 0x09, l5, CCW_SLI, 133) == CEDE && chs == 0);
    rc = cp("CLOSE PRINTER");
    unsigned id2 = closed("PRT", "SYSTEM");
    char pre[40];
    snprintf(pre, sizeof pre, "OPERATOR %04u A PRT ", id2);
    ck("close printer: a second file", rc == 0 && id2 && id2 != id);
    ck("query prt all: both", cp("QUERY PRT ALL") == 0 && !strncmp(resp, QHDR_ALL "\n", sizeof QHDR_ALL) &&
                              qline_pre(id, 'A', "PRT", 4) && line_with(pre));
    ck("purge printer all: 0002 FILES PURGED", cp("PURGE PRINTER ALL") == 0 && resp_is("0002 FILES PURGED"));
    ck("query printer: none", cp("QUERY PRINTER") == 0 && resp_is("NO PRT FILES"));
}

static void rejects(void)
{
    uint8_t c[80];
    make_card(c, "NOT TO BE READ", "REJ", 1);
    ck("write to the reader: CE DE UC", io(RDR, 0x01, c, 0, 80) == (CEDE | US_UC));
    ck("... sense: command reject", sense(RDR) == 0x80);
    ck("read on the punch: CE DE UC", io(PUN, 0x02, rb, 0, 80) == (CEDE | US_UC));
    ck("... sense: command reject", sense(PUN) == 0x80);
    ck("punch NOP: CE DE", io(PUN, 0x03, NULL, 0, 1) == CEDE && chs == 0);
    ck("... sense: 0 again", sense(PUN) == 0);
    ck("read on the printer: CE DE UC", io(PRT, 0x02, rb, 0, 80) == (CEDE | US_UC));
    ck("... sense: command reject", sense(PRT) == 0x80);
    ck("SIO to 00F: not operational", io(0x00F, 0x01, c, 0, 80) == -1);
    ck("nothing was spooled", cp("QUERY FILES") == 0 && resp_is("FILES: NO RDR, NO PRT, NO PUN"));
}

static void errors(void)
{
    ck("spool 00d to nobody: DMKCSP053E",
       cp("SPOOL 00D TO NOBODY") == 53 && resp_is("DMKCSP053E NOBODY NOT IN CP DIRECTORY"));
    ck("spool 00f: DMKCSP040E", cp("SPOOL 00F TO *") == 40 && resp_is("DMKCSP040E DEV 00F DOES NOT EXIST"));
    ck("spool 00d frob: DMKCSP003E", cp("SPOOL 00D FROB") == 3 && resp_is("DMKCSP003E INVALID OPTION - FROB"));
    ck("spool 00d class (no class): DMKCSP026E",
       cp("SPOOL 00D CLASS") == 26 && resp_is("DMKCSP026E OPERAND MISSING OR INVALID"));
    ck("spool (nothing): DMKCSP026E", cp("SPOOL") == 26 && resp_is("DMKCSP026E OPERAND MISSING OR INVALID"));
    ck("purge reader 9999: DMKCSU042E",
       cp("PURGE READER 9999") == 42 && has_line("DMKCSU042E SPOOLID 9999 DOES NOT EXIST"));
    ck("purge reader all, none: 0000 FILES PURGED or silent", cp("PURGE READER ALL") == 0);

    /* the punch is still spooled to the operator: an empty file, CLOSE PURGE */
    ck("close of an empty punch: silent, no file",
       cp("CLOSE 00D") == 0 && !resp[0] && cp("QUERY READER") == 0 && resp_is("NO RDR FILES"));
    uint8_t c[80];
    make_card(c, "PURGED ON CLOSE", "PURG", 1);
    ck("punch a card", io(PUN, 0x01, c, 0, 80) == CEDE);
    ck("close 00d purge: no file",
       cp("CLOSE 00D PURGE") == 0 && !line_with("PUN FILE") && cp("QUERY FILES") == 0 &&
       resp_is("FILES: NO RDR, NO PRT, NO PUN"));
    ck("close 00d again: nothing left open", cp("CLOSE 00D") == 0 && !resp[0]);
}

static void files_and_cont(void)
{
    static uint8_t x[3][80];
    make_card(x[0], "CONT FILE ONE, CARD 1", "CONT", 1);
    make_card(x[1], "CONT FILE ONE, CARD 2", "CONT", 2);
    make_card(x[2], "CONT FILE TWO, CARD 1", "CONT", 3);
    int ok = io(PUN, 0x01, x[0], 0, 80) == CEDE && io(PUN, 0x01, x[1], 0, 80) == CEDE;
    ok &= cp("CLOSE 00D NAME CONT ONE") == 0;
    unsigned a = closed("PUN", "OPERATOR");
    ok &= io(PUN, 0x01, x[2], 0, 80) == CEDE && cp("CLOSE PUNCH NAME CONT TWO") == 0;
    unsigned b = closed("PUN", "OPERATOR");
    ck("two files to the reader", ok && a && b && a != b);

    ck("spool 00d off: silent", cp("SPOOL 00D OFF") == 0 && !resp[0]);
    uint8_t c[80];
    make_card(c, "TO THE SYSTEM", "SYST", 1);
    ck("punch a card", io(PUN, 0x01, c, 0, 80) == CEDE);
    uint32_t rc = cp("CLOSE 00D");
    unsigned z = closed("PUN", "SYSTEM");
    ck("close: PUN FILE nnnn TO SYSTEM", rc == 0 && z);
    ck("query punch: the file", cp("QUERY PUNCH") == 0 && !strncmp(resp, QHDR "\n", sizeof QHDR) &&
                                qline(z, 'A', "PUN", 1));
    ck("query reader: the two", cp("QUERY READER") == 0 && qline(a, 'A', "PUN", 2) &&
                                qline(b, 'A', "PUN", 1) && !qline(z, 'A', "PUN", 1));
    ck("query files: FILES: 0002 RDR, NO PRT, 0001 PUN",
       cp("QUERY FILES") == 0 && resp_is("FILES: 0002 RDR, NO PRT, 0001 PUN"));
    rc = cp("PURGE PUNCH %04u", z);
    ck("purge punch <id>: 0001 FILE PURGED", rc == 0 && resp_is("0001 FILE PURGED"));
    ck("query pun: none", cp("QUERY PUN") == 0 && resp_is("NO PUN FILES"));
    ck("purge punch <the id again>: DMKCSU042E", cp("PURGE PUN %u", z) == 42);

    ck("spool 00c cont: silent", cp("SPOOL 00C CONT") == 0 && !resp[0]);
    ck("cont: both files read as one deck", read_cards(x, 3));
    ck("... then the unit exception", end_of_file());
    ck("cont: both files purged", reader_empty());
    ck("spool reader nocont", cp("SPOOL READER NOCONT") == 0 && !resp[0]);
}

static void classes_and_hold(void)
{
    static uint8_t h[2][80];
    make_card(h[0], "CLASS B CARD", "CLSB", 1);
    make_card(h[1], "CLASS B CARD TWO", "CLSB", 2);
    ck("spool pun to * class b", cp("SPOOL PUN TO * CLASS B") == 0 && !resp[0]);
    int ok = io(PUN, 0x01, h[0], 0, 80) == CEDE && io(PUN, 0x01, h[1], 0, 80) == CEDE;
    ok &= cp("CLOSE 00D NAME CLASS DECK") == 0;
    unsigned id = closed("PUN", "OPERATOR");
    ck("a class B file", ok && id && cp("QUERY READER") == 0 && qline(id, 'B', "PUN", 2));
    ck("spool 00c class c: the file is not read",
       cp("SPOOL 00C CLASS C") == 0 && rd(0x02, 0, 80) == (CEDE | US_UC) && sense(RDR) == 0x40);
    ck("spool 00c class b hold", cp("SPOOL 00C CLASS B HOLD") == 0 && !resp[0]);
    ck("read it", read_cards(h, 2) && end_of_file());
    ck("reader HOLD: the file kept",
       cp("QUERY READER") == 0 && !resp_is("NO RDR FILES") && line_with("OPERATOR") &&
       num4(line_with("OPERATOR") + 9) == id);
    ck("spool 00c nohold class *", cp("SPOOL 00C NOHOLD CLASS *") == 0 && !resp[0]);
    ck("purge rdr <id>: 0001 FILE PURGED", cp("PURGE RDR %u", id) == 0 && resp_is("0001 FILE PURGED"));
    ck("the reader is empty", reader_empty());
    ck("spool 00d class a", cp("SPOOL 00D CLASS A") == 0 && !resp[0]);
}

/* A one-card deck punched to the operator's own reader, named fn ft:
   its spool id, 0 if something failed. */
static unsigned one_card_deck(const char *text, const char *fn, const char *ft)
{
    uint8_t c[80];
    make_card(c, text, "ONE", 1);
    if (io(PUN, 0x01, c, 0, 80) != CEDE || cp("CLOSE 00D NAME %s %s", fn, ft) != 0)
        return 0;
    return closed("PUN", "OPERATOR");
}

/* Where the QUERY line of file id begins in resp, or NULL. */
static const char *qpos(unsigned id)
{
    char pre[24];
    snprintf(pre, sizeof pre, "OPERATOR %04u ", id);
    return line_with(pre);
}

/* DEFINE of spooled devices: a second punch at 01D, its deck read
   back; a printer by its type; an address in use; DETACH. */
static void defined_devices(void)
{
    ck("define punch as 01d: PUN 01D DEFINED", cp("DEFINE PUNCH AS 01D") == 0 && resp_is("PUN 01D DEFINED"));
    ck("define prt 00d: DMKDEF092E",
       cp("DEFINE PRT 00D") == 92 && resp_is("DMKDEF092E DEVICE 00D ALREADY DEFINED"));
    ck("define reader: DMKDEF022E", cp("DEFINE READER") == 22 && resp_is("DMKDEF022E VADDR MISSING OR INVALID"));
    ck("spool 01d to *", cp("SPOOL 01D TO *") == 0);
    uint8_t card[80];
    make_card(card, "A CARD FROM THE DEFINED PUNCH", "DEF", 1);
    ck("punch a card on 01D", io(0x01D, 0x01, card, 0, 80) == CEDE && chs == 0);
    uint32_t rc = cp("CLOSE 01D");
    ck("close 01d: PUN FILE nnnn TO OPERATOR", rc == 0 && closed("PUN", "OPERATOR"));
    ck("its card read back", rd(0x02, 0, 80) == CEDE && !memcmp(rb, card, 80));
    ck("then the unit exception", end_of_file());
    ck("detach 01d: PUN 01D DETACHED", cp("DETACH 01D") == 0 && resp_is("PUN 01D DETACHED"));
    ck("define 1403 01e: PRT 01E DEFINED", cp("DEFINE 1403 01E") == 0 && resp_is("PRT 01E DEFINED"));
    ck("query 01e: a printer of class A", cp("QUERY 01E") == 0 && !strncmp(resp, "PRT  01E CL A ", 14));
    ck("detach 01e", cp("DETACH 01E") == 0 && resp_is("PRT 01E DETACHED"));
    ck("01e is gone", io(0x01E, 0x01, card, 0, 80) < 0);
}

/* A console line as the reader gives it: the text, blanks to 80. */
static int is_line(const char *text)
{
    uint8_t c[80];
    memset(c, 0x40, sizeof c);
    ebc(c, text);
    return !memcmp(rb, c, 80);
}

/* SPOOL CONSOLE: what the console shows from START on (these checks'
   own lines too), not what a DIAGNOSE X'08' takes into its buffer; STOP
   and CLOSE send it, TO *, to the reader as a CON file. */
static void console_spool(void)
{
    ck("spool console start: silent", cp("SPOOL CONSOLE START") == 0 && !resp[0]);
    printf("A LINE FOR THE CONSOLE FILE\n");
    cp("QUERY TIME");
    uint32_t rc = cp("SPOOL CONSOLE TO * STOP CLOSE");
    unsigned id = closed("CON", "OPERATOR");
    ck("spool console to * stop close: CON FILE nnnn TO OPERATOR", rc == 0 && id);
    ck("the reader has the CON file, 2 records", cp("QUERY READER") == 0 && qline(id, 'A', "CON", 2));
    printf("A LINE AFTER THE STOP\n");
    ck("query virtual cons: its spooling, stopped",
       cp("QUERY VIRTUAL CONS") == 0 && has_line("CONS 009 CL A STOP NOHOLD COPY 001 TO OPERATOR"));
    ck("its first line: the check after START", rd(0x02, 0, 80) == CEDE && is_line("spool console start: silent: ok"));
    ck("its second: the line the guest wrote", rd(0x02, 0, 80) == CEDE && is_line("A LINE FOR THE CONSOLE FILE"));
    ck("then its end (not the QUERY TIME in the buffer, nor the line after STOP)", end_of_file());
    ck("close console, nothing spooled: silent", cp("CLOSE CONSOLE") == 0 && !resp[0]);
    ck("spool cons frob: DMKCSP003E", cp("SPOOL CONS FROB") == 3);
    ck("spool 00d start: DMKCSP003E (a punch has no START)", cp("SPOOL 00D START") == 3);
}

static void order_change_transfer(void)
{
    ck("spool pun to *", cp("SPOOL PUN TO *") == 0 && !resp[0]);
    unsigned a = one_card_deck("ORDER DECK A", "ORD", "A"), b = one_card_deck("ORDER DECK B", "ORD", "B");
    ck("two decks, in the order closed",
       a && b && cp("QUERY READER") == 0 && qpos(a) && qpos(b) && qpos(a) < qpos(b));
    ck("order reader b a: 0002 FILES ORDERED",
       cp("ORDER READER %u %u", b, a) == 0 && resp_is("0002 FILES ORDERED"));
    ck("... b first now", cp("QUERY READER") == 0 && qpos(a) && qpos(b) && qpos(b) < qpos(a));
    ck("change reader a class b name new name: 0001 FILE CHANGED",
       cp("CHANGE READER %u CLASS B NAME NEW NAME", a) == 0 && resp_is("0001 FILE CHANGED"));
    ck("... query reader all shows it",
       cp("QUERY READER ALL") == 0 && qline_all(a, 'B', "PUN", 1, "NEW", "NAME"));
    ck("change reader 9999: DMKCSU042E", cp("CHANGE READER 9999 CLASS B") == 42);
    ck("change reader a frob: DMKCSU003E", cp("CHANGE READER %u FROB", a) == 3);
    ck("transfer to nobody: DMKCSP053E", cp("TRANSFER READER %u TO NOBODY", b) == 53);
    ck("transfer reader b to *: 0001 FILE TRANSFERRED, and the owner told",
       cp("TRANSFER READER %u TO *", b) == 0 && has_line("0001 FILE TRANSFERRED") &&
       line_with("RDR FILE ") && strstr(resp, "TRANSFERRED FROM OPERATOR"));
    ck("... at the end of the queue now",
       cp("QUERY READER") == 0 && qpos(a) && qpos(b) && qpos(a) < qpos(b));
    static uint8_t want[2][80];
    make_card(want[0], "ORDER DECK A", "ONE", 1);
    make_card(want[1], "ORDER DECK B", "ONE", 1);
    ck("read in the new order: a, then b",
       read_cards(&want[0], 1) && end_of_file() && read_cards(&want[1], 1) && end_of_file());
    ck("the reader is empty", reader_empty());
}

static uint8_t keep[5][80];

static void make_keep(void)
{
    for (int i = 0; i < 5; i++) {
        char t[20];
        snprintf(t, sizeof t, "KEEP CARD %02d", i + 1);
        make_card(keep[i], t, "KEEP", (unsigned)i + 1);
    }
}

static void punch_keep(void)
{
    make_keep();
    int ok = cp("SPOOL 00D TO *") == 0;
    for (int i = 0; i < 5; i++)
        ok &= io(PUN, 0x01, keep[i], 0, 80) == CEDE && chs == 0;
    ok &= cp("CLOSE 00D NAME KEEP DECK") == 0;
    unsigned id = closed("PUN", "OPERATOR");
    ck("KEEP DECK punched for the restart",
       ok && id && cp("QUERY READER ALL") == 0 && qline_all(id, 'A', "PUN", 5, "KEEP", "DECK"));
}

/* ---- the run after a restart ---- */

static int restart(void)
{
    const char *p = line_with("OPERATOR ");
    unsigned id = p ? num4(p + 9) : 0;
    ck("after the restart: KEEP DECK in the reader, 5 records",
       id && qline_all(id, 'A', "PUN", 5, "KEEP", "DECK"));
    make_keep();
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        int good = rd(0x02, 0, 80) == CEDE && chs == 0 && !memcmp(rb, keep[i], 80);
        if (!good)
            printf("card %d: status %02X %02X\n", i + 1, st, chs);
        ok &= good;
    }
    ck("spooltest: kept deck intact", ok);
    ck("then the unit exception", end_of_file());
    ck("then the reader is empty", reader_empty());
    printf("spooltest: %d failed\n", failures);
    return failures;
}

int main(void)
{
    guesttrap_init();
    cp("QUERY READER ALL");
    if (strstr(resp, " KEEP     DECK"))
        return restart();
    punch_and_read();
    lengths();
    printer();
    rejects();
    errors();
    files_and_cont();
    classes_and_hold();
    order_change_transfer();
    defined_devices();
    console_spool();
    punch_keep();
    printf("spooltest: %d failed\n", failures);
    return failures;
}
