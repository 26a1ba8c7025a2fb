/*
 * cmd_file.c - the file commands: LISTFILE, TYPE, COPYFILE, ERASE,
 * RENAME, STATE, STATEW, HELP.  Messages and return codes are CMS's
 * (DMSxxxnnnE; 24 for bad operands, 28 for a file not found, 36 for a
 * read-only disk).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"
#include "ebcdic.h"

static uint8_t *recbuf;             /* one record, up to 65535 bytes */
static char *linebuf;

static bool buffers(void)
{
    if (!recbuf)
        recbuf = malloc(EDF_MAX_LRECL + 1);
    if (!linebuf)
        linebuf = malloc(EDF_MAX_LRECL + 1);
    return recbuf && linebuf;
}

/* "*" matches anything, "AB*" a prefix, else the name itself. */
static bool match(const char *pat, const char *name)
{
    size_t n = strlen(pat);
    if (n && pat[n - 1] == '*')
        return !strncmp(pat, name, n - 1);
    return !strcmp(pat, name);
}

static void fid_text(char *out, size_t cap, const char *fn, const char *ft, const char *fm)
{
    snprintf(out, cap, "%s %s %s", fn, ft, fm);
}

/* LISTFILE [fn [ft [fm]]] [( HEADER DATE ALLOC LABEL EXEC ] */
int cmd_listfile(struct cmd *c)
{
    const char *fn = "*", *ft = "*", *fm = "A";
    int n = c->paren - 1;
    if (n >= 1) fn = c->argv[1];
    if (n >= 2) ft = c->argv[2];
    if (n >= 3) fm = c->argv[3];
    bool header = false, date = false, alloc = false, label = false, exec = false;
    for (int i = c->opt; i < c->argc; i++) {
        const char *o = c->argv[i];
        if (!strcmp(o, ")")) continue;
        if (cmd_abbrev(o, "HEADER", 1)) header = date = true;
        else if (cmd_abbrev(o, "DATE", 1)) date = true;
        else if (cmd_abbrev(o, "ALLOC", 1)) alloc = true;
        else if (cmd_abbrev(o, "LABEL", 1)) label = true;
        else if (cmd_abbrev(o, "EXEC", 1)) exec = true;
        else {
            msg("DMSLST003E INVALID OPTION '%s'", o);
            return 24;
        }
    }
    struct cms_disk *ek = exec ? disk_at('A') : NULL;
    struct edf_file ef;
    if (exec && (!ek || ek->readonly || edf_create(ek->d, &ef, "CMS", "EXEC", "A1", 'F', 80))) {
        msg("DMSLST037E DISK 'A' IS READ/ONLY");
        return 36;
    }
    unsigned found = 0;
    for (char l = 'A'; l <= 'Z'; l++) {
        if (strcmp(fm, "*") && fm[0] != l)
            continue;
        struct cms_disk *k = disk_at(l);
        if (!k)
            continue;
        struct edf_stat st;
        for (uint32_t pos = 0; edf_next(k->d, &pos, &st) > 0;) {
            if (!match(fn, st.fn) || !match(ft, st.ft) || !file_visible(k, &st) ||
                (fm[0] && fm[1] && fm[1] != st.fm[1] && fm[0] != '*'))
                continue;
            if (exec && !strcmp(st.fn, "CMS") && !strcmp(st.ft, "EXEC") && k == ek)
                continue;
            char line[160];
            if (!found && header)
                msg("FILENAME FILETYPE FM FORMAT LRECL       RECS     BLOCKS   DATE     TIME%s",
                    label ? "     LABEL" : "");
            found++;
            if (exec) {
                char rec[81];
                snprintf(rec, sizeof rec, "&1 &2 %-8s %-8s %-2s", st.fn, st.ft, st.fm);
                size_t rl = strlen(rec);
                memset(rec + rl, ' ', 80 - rl);
                uint8_t e[80];
                for (int i = 0; i < 80; i++)
                    e[i] = ascii_to_ebcdic[(unsigned char)rec[i]];
                edf_write(&ef, e, 80);
                continue;
            }
            int m = snprintf(line, sizeof line, "%-8s %-8s %-2s", st.fn, st.ft, st.fm);
            if (date || alloc)
                m += snprintf(line + m, sizeof line - (size_t)m, " %-6c %5u %10u %10u", st.recfm,
                              (unsigned)st.lrecl, (unsigned)st.records, (unsigned)st.blocks);
            if (date)
                m += snprintf(line + m, sizeof line - (size_t)m, " %2u/%02u/%02u %02u:%02u:%02u",
                              st.written.mon, st.written.day, st.written.year % 100,
                              st.written.hour, st.written.min, st.written.sec);
            if (label) {
                struct edf_usage u;
                edf_usage(k->d, &u);
                snprintf(line + m, sizeof line - (size_t)m, " %-6s", u.volid);
            }
            msg("%s", line);
        }
    }
    if (exec) {
        edf_close(&ef);
        if (found && disk_commit(ek) != EDF_OK) {
            msg("DMSLST105S ERROR WRITING 'CMS EXEC A1' ON DISK");
            return 100;
        }
    }
    if (!found) {
        msg("DMSLST002E FILE NOT FOUND");
        return 28;
    }
    return 0;
}

/* A record as text: EBCDIC to ASCII, trailing blanks dropped. */
static const char *text(const uint8_t *r, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        linebuf[i] = (char)ebcdic_to_ascii[r[i]];
    while (len && linebuf[len - 1] == ' ')
        len--;
    linebuf[len] = 0;
    return linebuf;
}

static void type_hex(uint32_t recno, const uint8_t *r, uint32_t len)
{
    msg("RECORD %u, LENGTH %u", (unsigned)recno, (unsigned)len);
    for (uint32_t off = 0; off < len; off += 16) {
        char line[80];
        int m = snprintf(line, sizeof line, "%04X ", (unsigned)off);
        for (uint32_t i = off; i < off + 16 && i < len; i++)
            m += snprintf(line + m, sizeof line - (size_t)m, "%s%02X", (i - off) % 4 ? "" : " ", r[i]);
        msg("%s", line);
    }
}

/* Type a file's records from..to (to 0: the end). */
static int type_file(struct cms_disk *k, const char *fn, const char *ft, uint32_t from, uint32_t to,
                     bool hex)
{
    struct edf_file f;
    if (!buffers() || edf_open(k->d, &f, fn, ft) != EDF_OK)
        return 28;
    int rc = 0;
    for (uint32_t r = from; !to || r <= to; r++) {
        uint32_t len;
        int e = edf_read(&f, r == from ? from : 0, recbuf, EDF_MAX_LRECL, &len);
        if (e == EDF_E_EOF)
            break;
        if (e != EDF_OK) {
            msg("DMSTYP104S ERROR READING FILE '%s %s' FROM DISK: %s", fn, ft, edf_strerror(e));
            rc = 100;
            break;
        }
        if (hex)
            type_hex(r, recbuf, len);
        else
            msg("%s", text(recbuf, len));
    }
    edf_close(&f);
    return rc;
}

static bool number(const char *s, uint32_t *v)
{
    char *end;
    unsigned long n = strtoul(s, &end, 10);
    if (!*s || *end || n == 0 || n > 0x7FFFFFFF)
        return false;
    *v = (uint32_t)n;
    return true;
}

/* TYPE fn ft [fm [rec1 [rec2|*]]] [( HEX ] */
int cmd_type(struct cmd *c)
{
    struct fileid f;
    if (!fileid_parse(c, 1, &f, NULL)) {
        msg("DMSTYP054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    uint32_t from = 1, to = 0;
    int n = c->paren;
    if (n > 4 && !number(c->argv[4], &from)) {
        msg("DMSTYP070E INVALID PARAMETER '%s'", c->argv[4]);
        return 24;
    }
    if (n > 5 && strcmp(c->argv[5], "*") && !number(c->argv[5], &to)) {
        msg("DMSTYP070E INVALID PARAMETER '%s'", c->argv[5]);
        return 24;
    }
    bool hex = false;
    for (int i = c->opt; i < c->argc; i++) {
        if (!strcmp(c->argv[i], ")"))
            continue;
        if (!cmd_abbrev(c->argv[i], "HEX", 1)) {
            msg("DMSTYP003E INVALID OPTION '%s'", c->argv[i]);
            return 24;
        }
        hex = true;
    }
    struct edf_stat st;
    struct cms_disk *k = file_find(&f, &st);
    if (!k) {
        msg("DMSTYP002E FILE '%s %s %s' NOT FOUND", f.fn, f.ft, f.fm[0] ? f.fm : "*");
        return 28;
    }
    return type_file(k, st.fn, st.ft, from, to, hex);
}

/* HELP [command]: its HELPCMS file typed. */
int cmd_help(struct cmd *c)
{
    struct fileid f = {.fm = "*"};
    snprintf(f.fn, sizeof f.fn, "%s", c->argc > 1 ? c->argv[1] : "HELP");
    strcpy(f.ft, "HELPCMS");
    struct edf_stat st;
    struct cms_disk *k = file_find(&f, &st);
    if (!k) {
        msg("DMSHLP002E FILE '%s HELPCMS *' NOT FOUND", f.fn);
        return 28;
    }
    return type_file(k, st.fn, st.ft, 1, 0, false);
}

/* The disk a command writes to: letter, accessed and R/W; else a message. */
static struct cms_disk *writable(const char *who, char letter, int *rc)
{
    struct cms_disk *k = disk_at(letter);
    if (!k) {
        msg("DMS%s069E DISK '%c' NOT ACCESSED", who, letter);
        *rc = 36;
    } else if (k->readonly) {
        msg("DMS%s037E DISK '%c' IS READ/ONLY", who, letter);
        *rc = 36;
        k = NULL;
    }
    return k;
}

/* ERASE fn ft [fm]: "*" in fn or ft erases every match on that disk. */
int cmd_erase(struct cmd *c)
{
    struct fileid f;
    if (!fileid_parse(c, 1, &f, NULL)) {
        msg("DMSERS054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    char letter = f.fm[0] ? f.fm[0] : 'A';
    int rc = 0;
    struct cms_disk *k = writable("ERS", letter, &rc);
    if (!k)
        return rc;
    unsigned n = 0;
    struct edf_stat st;
    for (uint32_t pos = 0; edf_next(k->d, &pos, &st) > 0;) {
        if (!match(f.fn, st.fn) || !match(f.ft, st.ft))
            continue;
        if (edf_erase(k->d, st.fn, st.ft) == EDF_OK) {
            n++;
            pos = 0;                        /* the directory changed */
        }
    }
    if (!n) {
        msg("DMSERS002E FILE '%s %s %c' NOT FOUND", f.fn, f.ft, letter);
        return 28;
    }
    if (disk_commit(k) != EDF_OK) {
        msg("DMSERS105S ERROR WRITING TO DISK '%c'", letter);
        return 100;
    }
    return 0;
}

/* RENAME fileid1 fileid2 (both complete; "=" keeps a part). */
int cmd_rename(struct cmd *c)
{
    struct fileid a, b;
    int n = fileid_parse(c, 1, &a, NULL);
    if (n != 3 || fileid_parse(c, 4, &b, &a) != 3) {
        msg("DMSRNM054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (a.fm[0] != b.fm[0]) {
        msg("DMSRNM030E FILE '%s %s %s' ON A DIFFERENT DISK", b.fn, b.ft, b.fm);
        return 24;
    }
    int rc = 0;
    struct cms_disk *k = writable("RNM", a.fm[0], &rc);
    if (!k)
        return rc;
    int e = edf_rename(k->d, a.fn, a.ft, b.fn, b.ft);
    if (e == EDF_E_NOTFOUND) {
        msg("DMSRNM002E FILE '%s %s %s' NOT FOUND", a.fn, a.ft, a.fm);
        return 28;
    }
    if (e == EDF_E_EXISTS) {
        msg("DMSRNM024E FILE '%s %s %s' ALREADY EXISTS", b.fn, b.ft, b.fm);
        return 28;
    }
    if (e == EDF_E_NAME) {
        msg("DMSRNM062E INVALID CHARACTER IN FILEID '%s %s %s'", b.fn, b.ft, b.fm);
        return 20;
    }
    if (e != EDF_OK || disk_commit(k) != EDF_OK) {
        msg("DMSRNM105S ERROR WRITING TO DISK '%c'", a.fm[0]);
        return 100;
    }
    return 0;
}

static int state(struct cmd *c, bool need_rw, const char *who)
{
    struct fileid f;
    if (!fileid_parse(c, 1, &f, NULL)) {
        msg("DMS%s054E INCOMPLETE FILEID SPECIFIED", who);
        return 24;
    }
    struct edf_stat st;
    struct cms_disk *k = NULL;
    for (char l = 'A'; l <= 'Z' && !k; l++) {
        if (f.fm[0] && f.fm[0] != '*' && f.fm[0] != l)
            continue;
        struct cms_disk *d = disk_at(l);
        if (d && (!need_rw || !d->readonly) && edf_lookup(d->d, f.fn, f.ft, &st) == EDF_OK)
            k = d;
    }
    if (!k) {
        msg("DMS%s002E FILE '%s %s %s' NOT FOUND", who, f.fn, f.ft, f.fm[0] ? f.fm : "*");
        return 28;
    }
    return 0;
}

int cmd_state(struct cmd *c) { return state(c, false, "STT"); }
int cmd_statew(struct cmd *c) { return state(c, true, "STT"); }

/* COPYFILE fileid1 fileid2 [( APPEND REPLACE RECFM F|V LRECL n FROM n FOR n
   UPCASE LOWCASE ] */
int cmd_copyfile(struct cmd *c)
{
    struct fileid in, out;
    int n = fileid_parse(c, 1, &in, NULL);
    if (!n || !fileid_parse(c, 1 + n, &out, &in)) {
        msg("DMSCPY054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    bool append = false, replace = false, up = false, low = false;
    char recfm = 0;
    uint32_t lrecl = 0, from = 1, count = 0;
    for (int i = c->opt; i < c->argc; i++) {
        const char *o = c->argv[i];
        const char *v = i + 1 < c->argc ? c->argv[i + 1] : "";
        if (!strcmp(o, ")")) continue;
        if (cmd_abbrev(o, "APPEND", 3)) append = true;
        else if (cmd_abbrev(o, "REPLACE", 3)) replace = true;
        else if (cmd_abbrev(o, "UPCASE", 2)) up = true;
        else if (cmd_abbrev(o, "LOWCASE", 3)) low = true;
        else if (cmd_abbrev(o, "RECFM", 3) && (!strcmp(v, "F") || !strcmp(v, "V"))) recfm = v[0], i++;
        else if (cmd_abbrev(o, "LRECL", 3) && number(v, &lrecl) && lrecl <= EDF_MAX_LRECL) i++;
        else if (cmd_abbrev(o, "FROM", 3) && number(v, &from)) i++;
        else if (cmd_abbrev(o, "FOR", 3) && number(v, &count)) i++;
        else {
            msg("DMSCPY003E INVALID OPTION '%s'", o);
            return 24;
        }
    }
    struct edf_stat ist, ost;
    struct cms_disk *ik = file_find(&in, &ist);
    if (!ik) {
        msg("DMSCPY002E INPUT FILE '%s %s %s' NOT FOUND", in.fn, in.ft, in.fm[0] ? in.fm : "*");
        return 28;
    }
    char letter = out.fm[0] && out.fm[0] != '=' ? out.fm[0] : ik->letter;
    int rc = 0;
    struct cms_disk *ok = writable("CPY", letter, &rc);
    if (!ok)
        return rc;
    bool exists = edf_lookup(ok->d, out.fn, out.ft, &ost) == EDF_OK;
    if (exists && !replace && !append) {
        char t[40];
        fid_text(t, sizeof t, out.fn, out.ft, ost.fm);
        msg("DMSCPY024E FILE '%s' ALREADY EXISTS -- SPECIFY 'REPLACE'", t);
        return 28;
    }
    if (!buffers())
        return 104;
    char ofm[3] = {letter, out.fm[0] && out.fm[1] ? out.fm[1] : ist.fm[1], 0};
    struct edf_file fi, fo;
    if (!recfm)
        recfm = append && exists ? ost.recfm : ist.recfm;
    if (!lrecl)
        lrecl = append && exists ? ost.lrecl : ist.lrecl;
    int e = edf_open(ik->d, &fi, ist.fn, ist.ft);
    if (e == EDF_OK)
        e = append && exists ? edf_append(ok->d, &fo, out.fn, out.ft)
                             : edf_create(ok->d, &fo, out.fn, out.ft, ofm, recfm, lrecl);
    if (e != EDF_OK) {
        msg("DMSCPY105S ERROR OPENING '%s %s %c': %s", out.fn, out.ft, letter, edf_strerror(e));
        return 100;
    }
    if (append && exists) {
        recfm = ost.recfm;
        lrecl = ost.lrecl;
    }
    uint32_t copied = 0;
    for (uint32_t r = from; !count || copied < count; r++) {
        uint32_t len;
        e = edf_read(&fi, r == from ? from : 0, recbuf, EDF_MAX_LRECL, &len);
        if (e == EDF_E_EOF) {
            e = EDF_OK;
            break;
        }
        if (e != EDF_OK)
            break;
        for (uint32_t i = 0; (up || low) && i < len; i++) {
            char a = (char)ebcdic_to_ascii[recbuf[i]];
            if (up && a >= 'a' && a <= 'z')
                recbuf[i] = ascii_to_ebcdic[(unsigned char)(a - 'a' + 'A')];
            else if (low && a >= 'A' && a <= 'Z')
                recbuf[i] = ascii_to_ebcdic[(unsigned char)(a - 'A' + 'a')];
        }
        if (recfm == 'F') {                 /* padded with blanks, or cut */
            if (len < lrecl)
                memset(recbuf + len, 0x40, lrecl - len);
            len = lrecl;
        } else {
            if (ist.recfm == 'F')           /* F to V: the trailing blanks go */
                while (len > 1 && recbuf[len - 1] == 0x40)
                    len--;
            if (len > lrecl)
                len = lrecl;
        }
        if ((e = edf_write(&fo, recbuf, len)) != EDF_OK)
            break;
        copied++;
    }
    edf_close(&fi);
    int ce = edf_close(&fo);
    if (e == EDF_OK)
        e = ce;
    if (e == EDF_E_FULL) {
        msg("DMSCPY157S DISK '%c' IS FULL", letter);
        return 13;
    }
    if (e != EDF_OK || disk_commit(ok) != EDF_OK) {
        msg("DMSCPY105S ERROR WRITING '%s %s %c': %s", out.fn, out.ft, letter, edf_strerror(e));
        return 100;
    }
    return 0;
}
