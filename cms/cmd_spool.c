/*
 * cmd_spool.c - the unit record commands: PUNCH and PRINT write a file's
 * records to the virtual punch (00D) and printer (00E) and close it into
 * a spool file with CP's CLOSE; READCARD reads the next file of the
 * virtual reader (00C) onto a disk.  The devices are CP's spooled 2540
 * and 1403 (cp/vspool.c): one card or line a CCW, run by io_run.
 *
 *   PUNCH    a header card (":READ  fn ft fm volid date time", VM/370's
 *            columns 1, 8, 17, 26, 29, 36 and 46) unless NOHEADER, then
 *            each record as a card (write X'01'), short ones blank-padded;
 *            a file whose records may exceed 80 bytes is refused whole
 *   PRINT    each record as a line, cut at 132 bytes: write, space 1
 *            (X'09'); with CC its first byte is ASA control, acting
 *            before the line: the previous line is written with the
 *            spacing the next one asks for (X'01', X'09', X'11', X'19',
 *            skip X'89'), so each line is one record; the first line's
 *            control, unless ' ' or '+', is an immediate space or skip
 *   READCARD cards until unit exception into F 80 files; a ":READ" card
 *            first is the header and not stored; with "* *" every ":READ"
 *            card names the next file (none first: READCARD CMSUT1)
 */
#include <s370io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"
#include "ebcdic.h"

#define RDR 0x00C
#define PUN 0x00D
#define PRT 0x00E
#define CARD 80
#define LINE 132
#define SNS_INTREQ 0x40
#define EBC_BLANK 0x40

static uint8_t *rec;                /* one record of a file, up to 65535 bytes */

static bool buffer(void)
{
    if (!rec)
        rec = malloc(EDF_MAX_LRECL + 1);
    return rec != NULL;
}

/*
 * One CCW on a unit record device: its unit status, or -1 if the device
 * is not there.  A unit check's sense byte goes to *sense (0 otherwise).
 */
static int urec(unsigned dev, uint8_t cmd, uint8_t *data, uint16_t count, uint8_t *sense)
{
    static struct ccw prog[1];
    prog[0] = ccw_make(cmd, data, CCW_SLI, count);
    int us = io_run(dev, prog, NULL, NULL);
    *sense = 0;
    if (us >= 0 && (us & US_UC)) {
        static uint8_t sns[1];
        prog[0] = ccw_make(0x04, sns, CCW_SLI, 1);
        if (io_run(dev, prog, NULL, NULL) >= 0)
            *sense = sns[0];
    }
    return us;
}

/* Put text into dst (EBCDIC), blank-padded to width. */
static void field(uint8_t *dst, const char *text, size_t width)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < width; i++)
        dst[i] = i < n ? ascii_to_ebcdic[(unsigned char)text[i]] : EBC_BLANK;
}

/* The file a PUNCH or PRINT names, found in the search order: its disk,
   or NULL after the message (*rc set). */
static struct cms_disk *source(struct cmd *c, const char *who, struct edf_stat *st, int *rc)
{
    struct fileid f;
    if (!fileid_parse(c, 1, &f, NULL) || c->paren > 4) {
        msg("DMS%s054E INCOMPLETE FILEID SPECIFIED", who);
        *rc = 24;
        return NULL;
    }
    struct cms_disk *k = file_find(&f, st);
    if (!k) {
        msg("DMS%s002E FILE '%s %s %s' NOT FOUND", who, f.fn, f.ft, f.fm[0] ? f.fm : "*");
        *rc = 28;
    }
    return k;
}

/* The option after "(": at most one, name (abbreviated to min); false
   after the message if there is anything else. */
static bool option(struct cmd *c, const char *who, const char *name, unsigned min, bool *set)
{
    *set = false;
    for (int i = c->opt; i < c->argc; i++) {
        if (!strcmp(c->argv[i], ")"))
            continue;
        if (!cmd_abbrev(c->argv[i], name, min)) {
            msg("DMS%s003E INVALID OPTION '%s'", who, c->argv[i]);
            return false;
        }
        *set = true;
    }
    return true;
}

/* A write to the punch or printer failed: what is written is purged. */
static int output_failed(unsigned dev, const char *who, const char *what, int us, uint8_t sense)
{
    char cmd[40];
    if (us < 0) {
        msg("DMS%s043E %s %03X NOT ATTACHED", who, dev == PUN ? "PUNCH" : "PRINTER", dev);
        return 100;
    }
    snprintf(cmd, sizeof cmd, "CLOSE %03X PURGE", dev);
    cp_command(cmd);
    msg("DMS%s118S ERROR %s FILE (SENSE %02X)", who, what, sense);
    return 100;
}

/* PUNCH fn ft [fm] [( HEADER | NOHEADER ] */
int cmd_punch(struct cmd *c)
{
    struct edf_stat st;
    int rc = 0;
    struct cms_disk *k = source(c, "PUN", &st, &rc);
    if (!k)
        return rc;
    bool header = true;
    for (int i = c->opt; i < c->argc; i++) {
        if (!strcmp(c->argv[i], ")"))
            continue;
        if (cmd_abbrev(c->argv[i], "NOHEADER", 3))
            header = false;
        else if (cmd_abbrev(c->argv[i], "HEADER", 1))
            header = true;
        else {
            msg("DMSPUN003E INVALID OPTION '%s'", c->argv[i]);
            return 24;
        }
    }
    if (st.lrecl > CARD) {
        msg("DMSPUN033E FILE '%s %s %s' HAS RECORDS LONGER THAN 80 (LRECL %u)", st.fn, st.ft,
            st.fm, (unsigned)st.lrecl);
        return 24;
    }
    if (!buffer())
        return 104;
    static uint8_t card[CARD];
    uint8_t sense;
    int us;
    if (header) {
        struct edf_usage u;
        edf_usage(k->d, &u);
        char date[16], time[8];
        snprintf(date, sizeof date, "%02u/%02u/%02u", st.written.mon, st.written.day,
                 st.written.year % 100);
        snprintf(time, sizeof time, "%02u:%02u", st.written.hour, st.written.min);
        field(card, ":READ", CARD);
        field(card + 7, st.fn, 8);
        field(card + 16, st.ft, 8);
        field(card + 25, st.fm, 2);
        field(card + 28, u.volid, 6);
        field(card + 35, date, 8);
        field(card + 45, time, 5);
        us = urec(PUN, 0x01, card, CARD, &sense);
        if (us != (US_CE | US_DE))
            return output_failed(PUN, "PUN", "PUNCHING", us, sense);
    }
    struct edf_file f;
    f.d = NULL;                     /* edf_close: nothing open */
    int e = edf_open(k->d, &f, st.fn, st.ft);
    for (uint32_t len; e == EDF_OK && (e = edf_read(&f, 0, rec, EDF_MAX_LRECL, &len)) == EDF_OK;) {
        memcpy(card, rec, len);
        memset(card + len, EBC_BLANK, CARD - len);
        us = urec(PUN, 0x01, card, CARD, &sense);
        if (us != (US_CE | US_DE)) {
            edf_close(&f);
            return output_failed(PUN, "PUN", "PUNCHING", us, sense);
        }
    }
    edf_close(&f);
    if (e != EDF_E_EOF) {
        cp_command("CLOSE 00D PURGE");
        msg("DMSPUN104S ERROR READING '%s %s %s': %s", st.fn, st.ft, st.fm, edf_strerror(e));
        return 100;
    }
    char cmd[48];
    snprintf(cmd, sizeof cmd, "CLOSE 00D NAME %s %s", st.fn, st.ft);
    cp_command(cmd);
    return 0;
}

/* The 1403's write with spacing after for an ASA control character
   (what the next line asks for before it). */
static uint8_t asa_write(uint8_t asa)
{
    switch (asa) {
    case '+': return 0x01;          /* no spacing: overprint */
    case '0': return 0x11;          /* space 2 */
    case '-': return 0x19;          /* space 3 */
    case '1': return 0x89;          /* skip to channel 1 */
    default:  return 0x09;          /* ' ' and anything else: space 1 */
    }
}

/* PRINT fn ft [fm] [( CC ] */
int cmd_print(struct cmd *c)
{
    struct edf_stat st;
    int rc = 0;
    struct cms_disk *k = source(c, "PRT", &st, &rc);
    if (!k)
        return rc;
    bool cc;
    if (!option(c, "PRT", "CC", 2, &cc))
        return 24;
    if (!buffer())
        return 104;
    static uint8_t line[LINE], held[LINE];
    uint16_t heldlen = 0;
    bool holding = false;
    uint8_t sense;
    int us = US_CE | US_DE;
    struct edf_file f;
    f.d = NULL;                     /* edf_close: nothing open */
    int e = edf_open(k->d, &f, st.fn, st.ft);
    for (uint32_t len; e == EDF_OK && (e = edf_read(&f, 0, rec, EDF_MAX_LRECL, &len)) == EDF_OK;) {
        const uint8_t *data = rec;
        uint8_t asa = ' ';
        if (cc && len) {
            asa = (uint8_t)ebcdic_to_ascii[rec[0]];
            data++;
            len--;
        }
        if (len > LINE)
            len = LINE;
        if (holding)                /* the line before, spaced as this one asks */
            us = urec(PRT, asa_write(asa), held, heldlen, &sense);
        else if (asa == '1' || asa == '0' || asa == '-')
            us = urec(PRT, asa == '1' ? 0x8B : asa == '0' ? 0x0B : 0x13, NULL, 1, &sense);
        if (us != (US_CE | US_DE))
            break;
        memcpy(line, data, len);
        if (!len)
            line[len++] = EBC_BLANK;    /* a CCW's count may not be 0 */
        memcpy(held, line, len);
        heldlen = (uint16_t)len;
        holding = true;
    }
    edf_close(&f);
    if (us == (US_CE | US_DE) && holding)
        us = urec(PRT, 0x09, held, heldlen, &sense);
    if (us != (US_CE | US_DE))
        return output_failed(PRT, "PRT", "PRINTING", us, sense);
    if (e != EDF_E_EOF) {
        cp_command("CLOSE 00E PURGE");
        msg("DMSPRT104S ERROR READING '%s %s %s': %s", st.fn, st.ft, st.fm, edf_strerror(e));
        return 100;
    }
    char cmd[48];
    snprintf(cmd, sizeof cmd, "CLOSE 00E NAME %s %s", st.fn, st.ft);
    cp_command(cmd);
    return 0;
}

/* A ":READ" control card?  Its words (fn ft [fm]) into h. */
static bool read_card(const uint8_t *card, struct fileid *h)
{
    static const char key[] = ":READ";
    for (int i = 0; i < 5; i++)
        if (card[i] != ascii_to_ebcdic[(unsigned char)key[i]])
            return false;
    if (card[5] != EBC_BLANK)
        return false;
    memset(h, 0, sizeof *h);
    char *part[3] = {h->fn, h->ft, h->fm};
    size_t cap[3] = {sizeof h->fn, sizeof h->ft, sizeof h->fm};
    int w = 0;
    for (int i = 6; i < CARD && w < 3;) {
        while (i < CARD && card[i] == EBC_BLANK)
            i++;
        size_t n = 0;
        for (; i < CARD && card[i] != EBC_BLANK; i++)
            if (n + 1 < cap[w])
                part[w][n++] = (char)ebcdic_to_ascii[card[i]];
        if (n)
            w++;
    }
    return true;
}

/* READCARD's state: the file being written, and what it is called. */
struct rdc {
    struct cms_disk *k;
    bool stars;                     /* "* *": the names from :READ cards */
    char cmdfm;                     /* the mode number of the command, or 0 */
    struct edf_file f;
    bool open;
    char fn[9], ft[9], fm[3];
    uint32_t cards;
};

/* Start the file fn ft (mode number from the command, the :READ card's
   fm, or 1).  0, or a return code after the message. */
static int rdc_open(struct rdc *r, const char *fn, const char *ft, const char *hfm)
{
    char num = r->cmdfm ? r->cmdfm : hfm && hfm[0] && hfm[1] >= '0' && hfm[1] <= '6' ? hfm[1] : '1';
    snprintf(r->fn, sizeof r->fn, "%s", fn);
    snprintf(r->ft, sizeof r->ft, "%s", ft);
    r->fm[0] = r->k->letter;
    r->fm[1] = num;
    r->fm[2] = 0;
    r->cards = 0;
    int e = edf_create(r->k->d, &r->f, r->fn, r->ft, r->fm, 'F', CARD);
    if (e == EDF_E_NAME) {
        msg("DMSRDC062E INVALID CHARACTER IN FILEID '%s %s %s'", r->fn, r->ft, r->fm);
        return 20;
    }
    if (e != EDF_OK) {
        msg("DMSRDC105S ERROR WRITING '%s %s %s': %s", r->fn, r->ft, r->fm, edf_strerror(e));
        return 100;
    }
    r->open = true;
    return 0;
}

/* Finish the file being written.  0, or a return code after the
   message. */
static int rdc_close(struct rdc *r)
{
    if (!r->open)
        return 0;
    r->open = false;
    int e = edf_close(&r->f);
    if (e == EDF_E_FULL) {
        msg("DMSRDC157S DISK '%c' IS FULL", r->k->letter);
        return 13;
    }
    if (e != EDF_OK) {
        msg("DMSRDC105S ERROR WRITING '%s %s %s': %s", r->fn, r->ft, r->fm, edf_strerror(e));
        return 100;
    }
    if (!r->cards)
        msg("DMSRDC701I NULL FILE '%s %s %s'", r->fn, r->ft, r->fm);
    else if (r->stars)
        msg("DMSRDC738I FILE '%s %s %s' READ, %u CARDS", r->fn, r->ft, r->fm, (unsigned)r->cards);
    return 0;
}

/* READCARD with its state in *r (zeroed). */
static int readcard(struct cmd *c, struct rdc *r)
{
    struct fileid f;
    memset(&f, 0, sizeof f);
    if (c->paren == 2 && !strcmp(c->argv[1], "*")) {
        strcpy(f.fn, "*");
        strcpy(f.ft, "*");
    } else if (!fileid_parse(c, 1, &f, NULL) || c->paren > 4) {
        msg("DMSRDC054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (c->opt < c->argc && strcmp(c->argv[c->opt], ")")) {
        msg("DMSRDC003E INVALID OPTION '%s'", c->argv[c->opt]);
        return 24;
    }
    r->stars = !strcmp(f.fn, "*");
    if (r->stars != !strcmp(f.ft, "*")) {
        msg("DMSRDC054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    char letter = f.fm[0] && f.fm[0] != '*' ? f.fm[0] : 'A';
    r->cmdfm = f.fm[0] && f.fm[0] != '*' ? f.fm[1] : 0;
    if (r->cmdfm && (r->cmdfm < '0' || r->cmdfm > '6')) {
        msg("DMSRDC048E INVALID MODE '%s'", f.fm);
        return 24;
    }
    r->k = disk_at(letter);
    if (!r->k) {
        msg("DMSRDC069E DISK '%c' NOT ACCESSED", letter);
        return 36;
    }
    if (r->k->readonly) {
        msg("DMSRDC037E DISK '%c' IS READ/ONLY", letter);
        return 36;
    }
    static uint8_t card[CARD];
    uint8_t sense;
    int rc = 0;
    bool first = true;
    for (;;) {
        memset(card, EBC_BLANK, CARD);
        int us = urec(RDR, 0x02, card, CARD, &sense);
        if (us < 0) {
            msg("DMSRDC043E READER %03X NOT ATTACHED", RDR);
            rc = 100;
            break;
        }
        if (us & US_UC) {
            if (first && sense == SNS_INTREQ) {
                msg("DMSRDC702E NO FILE IN READER");
                return 8;
            }
            msg("DMSRDC104S ERROR READING CARD (SENSE %02X)", sense);
            rc = 100;
            break;
        }
        if (us & US_UX) {           /* the file's end: no data */
            if (first)
                msg("DMSRDC701I NULL FILE");
            break;
        }
        struct fileid h;
        bool ctl = read_card(card, &h);
        if (ctl && (first || r->stars)) {
            if ((rc = rdc_close(r)) != 0)
                break;
            if (first && !r->stars)
                rc = rdc_open(r, f.fn, f.ft, h.fm);
            else if (h.fn[0] && h.ft[0])
                rc = rdc_open(r, h.fn, h.ft, h.fm);
            else
                rc = rdc_open(r, "READCARD", "CMSUT1", NULL);
            first = false;
            if (rc)
                break;
            continue;
        }
        if (first && (rc = r->stars ? rdc_open(r, "READCARD", "CMSUT1", NULL)
                                   : rdc_open(r, f.fn, f.ft, NULL)) != 0)
            break;
        first = false;
        int e = edf_write(&r->f, card, CARD);
        if (e == EDF_E_FULL) {
            msg("DMSRDC157S DISK '%c' IS FULL", letter);
            rc = 13;
            break;
        }
        if (e != EDF_OK) {
            msg("DMSRDC105S ERROR WRITING '%s %s %s': %s", r->fn, r->ft, r->fm, edf_strerror(e));
            rc = 100;
            break;
        }
        r->cards++;
    }
    if (rc) {
        if (r->open) {               /* the file being written is dropped */
            r->open = false;
            r->f.err = EDF_E_IO;
            edf_close(&r->f);
        }
        if (rc != 8)
            cp_command("CLOSE 00C HOLD");   /* the rest stays in the reader, held */
    } else {
        rc = rdc_close(r);
    }
    if (disk_commit(r->k) != EDF_OK) {
        msg("DMSRDC105S ERROR WRITING TO DISK '%c'", letter);
        return 100;
    }
    return rc;
}

/* READCARD fn ft [fm] | * [* [fm]]: its state (an open file's buffers,
   some 24K) is taken from free storage, not kept in the nucleus. */
int cmd_readcard(struct cmd *c)
{
    struct rdc *r = calloc(1, sizeof *r);
    if (!r) {
        msg("DMSRDC109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    }
    int rc = readcard(c, r);
    free(r);
    return rc;
}
