/*
 * edit.c - the EDIT command: EDIT fn ft [fm] [( LRECL n ].  The file is
 * read into storage (edit_buf.c), the session (edit_cmd.c) takes the
 * lines typed at the console until FILE or QUIT, and SAVE and FILE
 * write the file back through the file system (cms/fs) and commit the
 * disk.  Nothing reaches the disk between those: HX (con.c) leaves the
 * file as it was last saved, and the storage the halted session held is
 * given back when EDIT is next called.
 *
 * A file not found is a new one ("NEW FILE:") on the disk fm names (A
 * by default), with the record format, LRECL and case of its file type
 * (ed_defaults: F 80 and upper case but for SCRIPT, MEMO, LISTING).  An
 * existing file keeps its record format and LRECL (a V file at least
 * its type's), and is written back to the disk it came from.
 *
 * Messages and return codes as CMS's: DMSEDI054E incomplete file id
 * (24), 003E invalid option (24), 029E invalid LRECL (24), 062E invalid
 * character in the file id (20), 048E invalid mode (24), 069E disk not
 * accessed (36), 044E record longer than EDIT takes (32), 104S read
 * error (100), 132S not enough storage (104); in the session, 037E
 * read-only disk, 157S disk full and 105S write error leave the user in
 * EDIT mode with the file unwritten.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"
#include "ebcdic.h"
#include "edit.h"

static struct ed_session sess;
static bool live;                       /* sess holds storage (an HX left it) */
static struct edf_file ef;
static uint8_t rec[EDF_MAX_LRECL + 1];

static void con_say(void *ctx, const char *line)
{
    (void)ctx;
    con_write(line);
}

static void con_safe_point(void *ctx)
{
    (void)ctx;
    con_poll();
}

/* Write the session's lines as fn ft on disk k with mode fm. */
static int write_file(struct ed_session *s, struct cms_disk *k, const char *fn, const char *ft,
                      const char *fm)
{
    int e = edf_create(k->d, &ef, fn, ft, fm, s->recfm, s->b.lrecl);
    for (size_t i = 0; e == EDF_OK && i < s->b.n; i++) {
        const char *l = s->b.line[i];
        size_t len = strlen(l);
        ebcdic_from_ascii(rec, l, len);
        if (s->recfm == 'F') {
            memset(rec + len, 0x40, s->b.lrecl - len);
            len = s->b.lrecl;
        } else if (!len) {
            rec[len++] = 0x40;                  /* a V record has at least one byte */
        }
        e = edf_write(&ef, rec, (uint32_t)len);
        if ((i & 255) == 255)
            con_poll();
    }
    int ce = edf_close(&ef);
    if (e == EDF_OK)
        e = ce;
    if (e == EDF_OK && disk_commit(k) != EDF_OK)
        e = EDF_E_IO;
    return e;
}

/* ed_io's save: SAVE and FILE, with the parts of a new id given. */
static int save(void *ctx, struct ed_session *s, const char *nfn, const char *nft,
                const char *nfm)
{
    (void)ctx;
    char fn[9], ft[9], fm[3];
    snprintf(fn, sizeof fn, "%s", nfn ? nfn : s->fn);
    snprintf(ft, sizeof ft, "%s", nft ? nft : s->ft);
    if (nfm)
        snprintf(fm, sizeof fm, "%c%c", nfm[0], nfm[1] ? nfm[1] : '1');
    else
        snprintf(fm, sizeof fm, "%s", s->fm);
    uint8_t e8[8], m2[2];
    if (edf_name(fn, e8) != EDF_OK || edf_name(ft, e8) != EDF_OK) {
        msg("DMSEDI062E INVALID CHARACTER IN FILEID '%s %s %s'", fn, ft, fm);
        return 20;
    }
    if (edf_mode(fm, m2) != EDF_OK) {
        msg("DMSEDI048E INVALID MODE '%s'", fm);
        return 24;
    }
    struct cms_disk *k = disk_at(fm[0]);
    if (!k) {
        msg("DMSEDI069E DISK '%c' NOT ACCESSED", fm[0]);
        return 36;
    }
    if (k->readonly) {
        msg("DMSEDI037E DISK '%c' IS READ/ONLY", fm[0]);
        return 36;
    }
    disk_stamp_all();                           /* written now, not when EDIT began */
    int e = write_file(s, k, fn, ft, fm);
    if (e == EDF_E_FULL) {
        msg("DMSEDI157S DISK '%c' IS FULL", fm[0]);
        return 13;
    }
    if (e != EDF_OK) {
        msg("DMSEDI105S ERROR WRITING FILE '%s %s %s' ON DISK: %s", fn, ft, fm, edf_strerror(e));
        return 100;
    }
    snprintf(s->fn, sizeof s->fn, "%s", fn);
    snprintf(s->ft, sizeof s->ft, "%s", ft);
    snprintf(s->fm, sizeof s->fm, "%s", fm);
    return 0;
}

/* Read fn ft from disk k into b (empty, its lrecl set).  0 or a return code. */
static int read_file(struct ed_buf *b, struct cms_disk *k, const struct edf_stat *st)
{
    int e = edf_open(k->d, &ef, st->fn, st->ft);
    char line[ED_MAX_LRECL + 1];
    while (e == EDF_OK) {
        uint32_t len;
        e = edf_read(&ef, 0, rec, sizeof rec, &len);
        if (e != EDF_OK)
            break;
        if (len > b->lrecl)
            len = b->lrecl;
        ebcdic_to_ascii_buf(line, rec, len);
        line[len] = 0;
        if (!edb_insert(b, line, NULL)) {
            edf_close(&ef);
            msg("DMSEDI132S FILE '%s %s %s' TOO LARGE", st->fn, st->ft, st->fm);
            return 104;
        }
        if ((b->n & 255) == 0)
            con_poll();
    }
    edf_close(&ef);
    if (e != EDF_E_EOF) {
        msg("DMSEDI104S ERROR READING FILE '%s %s %s' FROM DISK: %s", st->fn, st->ft, st->fm,
            edf_strerror(e));
        return 100;
    }
    b->cur = 0;
    return 0;
}

/* The options: ( LRECL n.  0 or a return code. */
static int options(const struct cmd *c, unsigned *lrecl)
{
    for (int i = c->opt; i < c->argc; i++) {
        const char *o = c->argv[i];
        if (!strcmp(o, ")"))
            continue;
        if (!cmd_abbrev(o, "LRECL", 1)) {
            msg("DMSEDI003E INVALID OPTION '%s'", o);
            return 24;
        }
        const char *v = i + 1 < c->argc ? c->argv[++i] : "";
        char *end;
        unsigned long n = strtoul(v, &end, 10);
        if (!*v || *end || n < 1 || n > ED_MAX_LRECL) {
            msg("DMSEDI029E INVALID PARAMETER '%s' IN THE OPTION 'LRECL' FIELD", v);
            return 24;
        }
        *lrecl = (unsigned)n;
    }
    return 0;
}

/* EDIT fn ft [fm] [( LRECL n ] */
int cmd_edit(struct cmd *c)
{
    if (live) {                                 /* what a halted session left */
        ed_end(&sess);
        live = false;
    }
    struct fileid f;
    int n = fileid_parse(c, 1, &f, NULL);
    if (!n) {
        msg("DMSEDI054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (c->paren > 4) {
        msg("DMSEDI003E INVALID OPTION '%s'", c->argv[4]);
        return 24;
    }
    unsigned opt_lrecl = 0;
    int rc = options(c, &opt_lrecl);
    if (rc)
        return rc;
    uint8_t e8[8], m2[2];
    if (edf_name(f.fn, e8) != EDF_OK || edf_name(f.ft, e8) != EDF_OK) {
        msg("DMSEDI062E INVALID CHARACTER IN FILEID '%s %s%s%s'", f.fn, f.ft, f.fm[0] ? " " : "",
            f.fm);
        return 20;
    }
    if (f.fm[0] && strcmp(f.fm, "*") && edf_mode(f.fm, m2) != EDF_OK) {
        msg("DMSEDI048E INVALID MODE '%s'", f.fm);
        return 24;
    }
    if (f.fm[0] && f.fm[0] != '*' && !disk_at(f.fm[0])) {
        msg("DMSEDI069E DISK '%c' NOT ACCESSED", f.fm[0]);
        return 36;
    }
    char recfm;
    unsigned lrecl;
    bool upper;
    ed_defaults(f.ft, &recfm, &lrecl, &upper);
    struct edf_stat st;
    struct cms_disk *k = file_find(&f, &st);
    char fm[3];
    struct ed_buf b;
    if (k) {
        if (st.lrecl > ED_MAX_LRECL) {
            msg("DMSEDI044E RECORD LENGTH EXCEEDS ALLOWABLE MAXIMUM");
            return 32;
        }
        if (st.recfm == 'F' || st.lrecl > lrecl)
            lrecl = st.lrecl;
        recfm = st.recfm;
        snprintf(fm, sizeof fm, "%c%c", k->letter, st.fm[1]);   /* the disk it is on */
    } else {
        if (opt_lrecl)
            lrecl = opt_lrecl;
        snprintf(fm, sizeof fm, "%c%c", f.fm[0] && f.fm[0] != '*' ? f.fm[0] : 'A',
                 f.fm[0] && f.fm[1] ? f.fm[1] : '1');
    }
    edb_init(&b, lrecl);
    live = true;
    sess.b = b;                                 /* so that an HX while reading frees it */
    if (k && (rc = read_file(&sess.b, k, &st)) != 0) {
        ed_end(&sess);
        live = false;
        return rc;
    }
    const struct ed_io io = {.say = con_say, .save = save, .poll = con_safe_point};
    b = sess.b;
    ed_start(&sess, &b, f.fn, f.ft, fm, recfm, upper, !k, &io);
    while (!sess.done) {
        char line[ED_LINE_MAX];
        con_read(line, sizeof line);
        ed_line(&sess, line);
    }
    rc = sess.rc;
    ed_end(&sess);
    live = false;
    return rc;
}
