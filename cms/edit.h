/*
 * edit.h - EDIT, the CMS line editor, after VM/370's (DMSEDI).  Three
 * parts:
 *
 *   edit_buf.c  the file in storage: an array of lines (text, no
 *               trailing blanks), the current-line pointer with its two
 *               null lines TOF (0) and EOF (n + 1), the zone, and the
 *               searches and changes the subcommands make.
 *   edit_cmd.c  the subcommands, EDIT and INPUT mode, the messages of
 *               the session ("EDIT:", "INPUT:", "TOF:", "EOF:",
 *               "?EDIT: line").
 *   edit.c      the CMS command: the file id, the file read into
 *               storage and written back (cms/fs), the console.
 *
 * edit_buf.c and edit_cmd.c are portable C (malloc, string functions,
 * nothing of CMS): the nucleus links them, and tests/unit/test_edit.c
 * runs them on the host.  What they need of CMS comes through struct
 * ed_io.  Lines are ASCII in storage (the console's code); edit.c
 * converts to and from the file's EBCDIC.
 */
#ifndef CMS_EDIT_H
#define CMS_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#define ED_MAX_LRECL 255        /* the longest record EDIT takes */
#define ED_LINE_MAX 256         /* a line of the console, 0-terminated */

/* ---- the buffer (edit_buf.c) ------------------------------------------------ */

/*
 * Invariants: (1) 0 <= cur <= n + 1 (0: TOF, n + 1: EOF); (2) every
 * line[i] (i < n) is a malloc'd string of at most lrecl characters with
 * no trailing blank; (3) 1 <= zone1 <= zone2 <= lrecl.
 */
struct ed_buf {
    char **line;                /* line[0] is line 1 */
    size_t n, cap;
    size_t cur;
    unsigned lrecl;             /* the truncation column */
    unsigned zone1, zone2;      /* the columns LOCATE and CHANGE look at */
};

void edb_init(struct ed_buf *b, unsigned lrecl);
void edb_free(struct ed_buf *b);
/* The current line's text, NULL at TOF and EOF. */
const char *edb_cur(const struct ed_buf *b);
/*
 * Insert text after the current line (after the last line at EOF) and
 * make it current: cut at lrecl (*truncated says if more than blanks
 * were lost; may be NULL),
 * trailing blanks dropped.  false: no storage (nothing changed).
 */
bool edb_insert(struct ed_buf *b, const char *text, bool *truncated);
/* The current line becomes text (as for insert).  false: no storage,
   or no current line. */
bool edb_replace(struct ed_buf *b, const char *text, bool *truncated);
/* Delete count lines from the current one (fewer at the end); the one
   after them becomes current.  The number deleted. */
size_t edb_delete(struct ed_buf *b, size_t count);
/* Move the pointer by delta lines, stopping at TOF or EOF. */
void edb_move(struct ed_buf *b, long delta);
/*
 * From the line after the current one, the first line that has s in
 * the zone (LOCATE; s "" matches any line), or whose columns match s
 * from column 1 where s is not blank (FIND: a blank in s matches any
 * character).  Found: it becomes current, true.  Else the pointer is at
 * EOF, false.
 */
bool edb_locate(struct ed_buf *b, const char *s);
bool edb_find(struct ed_buf *b, const char *s);
/*
 * Change old to new in the current line, in the zone: the first
 * occurrence, or every one (all).  old "" inserts new at the zone's
 * start.  The number of changes made (0: old not there); *truncated if
 * the line grew past lrecl and was cut.  -1: no storage.
 */
int edb_change(struct ed_buf *b, const char *old, const char *new, bool all, bool *truncated);

/* ---- the session (edit_cmd.c) ---------------------------------------------- */

struct ed_session;

/* What the session needs of its host. */
struct ed_io {
    void (*say)(void *ctx, const char *line);       /* a line on the console */
    /* Write the file as fn ft fm (the session's own id unless given:
       NULL parts keep it); 0 or an error already said. */
    int (*save)(void *ctx, struct ed_session *s, const char *fn, const char *ft, const char *fm);
    void (*poll)(void *ctx);                        /* a safe point in long work, or NULL */
    void *ctx;
};

struct ed_session {
    struct ed_buf b;
    struct ed_io io;
    char fn[9], ft[9], fm[3];
    char recfm;                 /* 'F' or 'V' */
    bool input;                 /* INPUT mode */
    bool verify;                /* type the line the pointer moves to */
    bool upper;                 /* CASE U: what is typed is folded to upper case */
    bool changed;               /* since the last SAVE */
    bool done;                  /* FILE or QUIT */
    int rc;                     /* EDIT's return code when done */
    char last[ED_LINE_MAX];     /* the last subcommand, for "=" */
    char locate[ED_LINE_MAX];   /* the last LOCATE string, FIND text */
    char find[ED_LINE_MAX];
    char change[ED_LINE_MAX];   /* the last CHANGE's operands */
    bool have_locate, have_find, have_change;
};

/*
 * Start a session on buffer b (taken over) for fn ft fm, recfm 'F' or
 * 'V'; upper: CASE U; isnew: say "NEW FILE:".  Says "EDIT:".
 */
void ed_start(struct ed_session *s, const struct ed_buf *b, const char *fn, const char *ft,
              const char *fm, char recfm, bool upper, bool isnew, const struct ed_io *io);
/* One line as typed: a subcommand in EDIT mode, a line of the file in
   INPUT mode.  s->done when the session is over. */
void ed_line(struct ed_session *s, const char *line);
void ed_end(struct ed_session *s);

/* The defaults for a new file of type ft: record format, LRECL, case. */
void ed_defaults(const char *ft, char *recfm, unsigned *lrecl, bool *upper);

#endif
