/*
 * edit_cmd.c - EDIT's session (edit.h): the two modes and the
 * subcommands, as VM/370's CMS editor has them.
 *
 * EDIT mode reads subcommands ("EDIT:" announces it); INPUT mode takes
 * each line typed as a new line of the file after the current one
 * ("INPUT:"), and a null line goes back to EDIT mode.  A null line in
 * EDIT mode enters INPUT mode.  The subcommands (shortest forms in
 * parentheses; n a count or "*" for all):
 *
 *   TOP, BOTTOM (B), UP (U) [n], DOWN (DO) / NEXT (N) [n]
 *   LOCATE (L) /string/     the next line with string in the zone
 *   FIND (F) text           the next line that begins with text (a blank
 *                           in text matches any character)
 *   CHANGE (C) /old/new/ [n|*] [G|*]   in n lines from the current one,
 *                           the first (or with G every) old in the zone
 *   DELETE (D) [n|*], TYPE (T) [n|*]
 *   INPUT (I) [line], REPLACE (R) [line]  (REPLACE alone: the line goes
 *                           and INPUT mode takes its place)
 *   VERIFY (V) [ON|OFF], ZONE (Z) [first [last|*]], CASE U|M
 *   SAVE [fn [ft [fm]]], FILE [fn [ft [fm]]], QUIT (Q)
 *   =                       the last subcommand again
 *
 * LOCATE, FIND and CHANGE without operands repeat the last ones.  The
 * pointer at TOF, DELETE, TYPE and CHANGE begin with line 1.  With
 * VERIFY ON the line the pointer moves to (or that a change made) is
 * typed; "TOF:" and "EOF:" are typed whenever the pointer gets there.
 * What EDIT cannot take is answered "?EDIT: " and the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"

static void say(struct ed_session *s, const char *line)
{
    s->io.say(s->io.ctx, line);
}

static void sayf(struct ed_session *s, const char *fmt, const char *a, const char *b,
                 const char *c)
{
    char line[ED_LINE_MAX + 64];
    snprintf(line, sizeof line, fmt, a, b, c);
    say(s, line);
}

static void bad(struct ed_session *s, const char *line)
{
    sayf(s, "?EDIT: %s", line, "", "");
}

static void no_storage(struct ed_session *s)
{
    sayf(s, "DMSEDI132S FILE '%s %s %s' TOO LARGE", s->fn, s->ft, s->fm);
}

/* Where the pointer is: TOF:, EOF:, or with VERIFY ON the line. */
static void show(struct ed_session *s, bool verify)
{
    const char *l = edb_cur(&s->b);
    if (s->b.cur == 0)
        say(s, "TOF:");
    else if (!l)
        say(s, "EOF:");
    else if (verify)
        say(s, l);
}

static void poll_every(struct ed_session *s, size_t i)
{
    if (s->io.poll && (i & 255) == 255)
        s->io.poll(s->io.ctx);
}

/* ---- operands ---------------------------------------------------------------- */

static const char *skip_blanks(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* The next blank-delimited word of *p, upper case, in w (cap 16). */
static bool word(const char **p, char *w)
{
    const char *q = skip_blanks(*p);
    size_t n = 0;
    while (*q && *q != ' ') {
        if (n < 15)
            w[n++] = (char)(*q >= 'a' && *q <= 'z' ? *q - 'a' + 'A' : *q);
        q++;
    }
    w[n] = 0;
    *p = q;
    return n > 0;
}

/* A count: a number, or "*" (all: *n = (size_t)-1).  none: what an
   absent operand means.  false: not a count, or more operands. */
static bool count(const char *p, size_t none, size_t *n)
{
    char w[16];
    if (!word(&p, w)) {
        *n = none;
        return true;
    }
    char rest[16];
    if (word(&p, rest))
        return false;
    if (!strcmp(w, "*")) {
        *n = (size_t)-1;
        return true;
    }
    char *end;
    unsigned long v = strtoul(w, &end, 10);
    if (*end || w[0] < '0' || w[0] > '9')
        return false;
    *n = v;
    return true;
}

/*
 * A delimited string: the first non-blank character of *p is the
 * delimiter, the string runs to the next one (or the end of the line).
 * *p is left after it.  false: no delimiter, or the string is too long.
 */
static bool delimited(const char **p, char *out, size_t cap)
{
    const char *q = skip_blanks(*p);
    if (!*q)
        return false;
    char d = *q++;
    size_t n = 0;
    while (*q && *q != d) {
        if (n + 1 >= cap)
            return false;
        out[n++] = *q++;
    }
    out[n] = 0;
    if (*q == d)
        q++;
    *p = q;
    return true;
}

/* ---- the subcommands -------------------------------------------------------- */

/* Each gets the line as typed (case already folded) and its operands. */
typedef void ed_fn(struct ed_session *s, const char *line, const char *ops);

static void c_top(struct ed_session *s, const char *line, const char *ops)
{
    if (*skip_blanks(ops))
        return bad(s, line);
    s->b.cur = 0;
    show(s, s->verify);
}

static void c_bottom(struct ed_session *s, const char *line, const char *ops)
{
    if (*skip_blanks(ops))
        return bad(s, line);
    s->b.cur = s->b.n;
    show(s, s->verify);
}

static void c_up(struct ed_session *s, const char *line, const char *ops)
{
    size_t n;
    if (!count(ops, 1, &n))
        return bad(s, line);
    edb_move(&s->b, n > s->b.n + 1 ? -(long)(s->b.n + 1) : -(long)n);
    show(s, s->verify);
}

static void c_down(struct ed_session *s, const char *line, const char *ops)
{
    size_t n;
    if (!count(ops, 1, &n))
        return bad(s, line);
    edb_move(&s->b, n > s->b.n + 1 ? (long)(s->b.n + 1) : (long)n);
    show(s, s->verify);
}

/* DELETE, TYPE and CHANGE begin with line 1 when the pointer is at TOF. */
static void off_tof(struct ed_session *s)
{
    if (s->b.cur == 0)
        s->b.cur = 1;
}

static void c_type(struct ed_session *s, const char *line, const char *ops)
{
    size_t n;
    if (!count(ops, 1, &n))
        return bad(s, line);
    off_tof(s);
    for (size_t i = 0; i < n && edb_cur(&s->b); i++) {
        if (i)
            s->b.cur++;
        if (!edb_cur(&s->b))
            break;
        say(s, edb_cur(&s->b));
    }
    if (!edb_cur(&s->b))
        show(s, false);
}

static void c_delete(struct ed_session *s, const char *line, const char *ops)
{
    size_t n;
    if (!count(ops, 1, &n))
        return bad(s, line);
    off_tof(s);
    if (edb_delete(&s->b, n))
        s->changed = true;
    show(s, s->verify);
}

static void c_locate(struct ed_session *s, const char *line, const char *ops)
{
    if (*skip_blanks(ops)) {
        const char *p = ops;
        if (!delimited(&p, s->locate, sizeof s->locate) || *skip_blanks(p))
            return bad(s, line);
        s->have_locate = true;
    } else if (!s->have_locate) {
        return bad(s, line);
    }
    if (!edb_locate(&s->b, s->locate))
        say(s, "NOT FOUND");
    show(s, s->verify);
}

static void c_find(struct ed_session *s, const char *line, const char *ops)
{
    if (*ops == ' ' && ops[1]) {                    /* the text: after one blank */
        snprintf(s->find, sizeof s->find, "%s", ops + 1);
        s->have_find = true;
    } else if (*ops || !s->have_find) {
        return bad(s, line);
    }
    if (!edb_find(&s->b, s->find))
        say(s, "NOT FOUND");
    show(s, s->verify);
}

static void c_change(struct ed_session *s, const char *line, const char *ops)
{
    if (*skip_blanks(ops)) {
        snprintf(s->change, sizeof s->change, "%s", ops);
        s->have_change = true;
    } else if (!s->have_change) {
        return bad(s, line);
    }
    char old[ED_LINE_MAX], new[ED_LINE_MAX];
    const char *p = skip_blanks(s->change);
    char d = *p;
    if (!delimited(&p, old, sizeof old))
        return bad(s, line);
    /* the new string: from after old's delimiter to the next one */
    size_t k = 0;
    while (*p && *p != d && k + 1 < sizeof new)
        new[k++] = *p++;
    new[k] = 0;
    if (*p == d)
        p++;
    size_t n = 1;
    bool all = false;
    char w[16];
    if (word(&p, w)) {
        if (!strcmp(w, "G")) {
            all = true;
        } else if (!count(w, 1, &n)) {
            return bad(s, line);
        } else if (word(&p, w)) {
            if (strcmp(w, "G") && strcmp(w, "*"))
                return bad(s, line);
            all = true;
        }
        if (word(&p, w))
            return bad(s, line);
    }
    off_tof(s);
    size_t changed = 0;
    bool truncated = false;
    for (size_t i = 0; i < n && edb_cur(&s->b); i++) {
        if (i)
            s->b.cur++;
        if (!edb_cur(&s->b))
            break;
        bool t = false;
        int c = edb_change(&s->b, old, new, all, &t);
        if (c < 0)
            return no_storage(s);
        if (c) {
            changed++;
            truncated |= t;
            s->changed = true;
            if (s->verify)
                say(s, edb_cur(&s->b));
        }
        poll_every(s, i);
    }
    if (truncated)
        say(s, "TRUNCATED");
    if (!changed)
        say(s, "NOT FOUND");
    if (!edb_cur(&s->b))
        show(s, false);
}

static void input_line(struct ed_session *s, const char *text)
{
    bool t = false;
    if (!edb_insert(&s->b, text, &t))
        return no_storage(s);
    s->changed = true;
    if (t)
        say(s, "TRUNCATED");
}

static void c_input(struct ed_session *s, const char *line, const char *ops)
{
    if (*ops == ' ' && ops[1]) {
        input_line(s, ops + 1);
        return;
    }
    if (*ops)
        return bad(s, line);
    s->input = true;
    say(s, "INPUT:");
}

static void c_replace(struct ed_session *s, const char *line, const char *ops)
{
    if (*ops && *ops != ' ')
        return bad(s, line);
    const char *text = *ops ? ops + 1 : "";
    if (!*text) {                                   /* the line goes; INPUT in its place */
        if (edb_cur(&s->b) && edb_delete(&s->b, 1)) {
            s->b.cur--;
            s->changed = true;
        }
        s->input = true;
        say(s, "INPUT:");
        return;
    }
    if (!edb_cur(&s->b))
        return input_line(s, text);
    bool t = false;
    if (!edb_replace(&s->b, text, &t))
        return no_storage(s);
    s->changed = true;
    if (t)
        say(s, "TRUNCATED");
}

static void c_verify(struct ed_session *s, const char *line, const char *ops)
{
    char w[16], more[16];
    const char *p = ops;
    bool any = word(&p, w);
    if (word(&p, more) || (any && strcmp(w, "ON") && strcmp(w, "OFF")))
        return bad(s, line);
    s->verify = !any || !strcmp(w, "ON");
}

static void c_zone(struct ed_session *s, const char *line, const char *ops)
{
    char a[16], z[16], more[16];
    const char *p = ops;
    unsigned first = 1, last = s->b.lrecl;
    if (word(&p, a)) {
        char *end;
        first = (unsigned)strtoul(a, &end, 10);
        if (*end || a[0] < '0' || a[0] > '9')
            return bad(s, line);
        if (word(&p, z) && strcmp(z, "*")) {
            last = (unsigned)strtoul(z, &end, 10);
            if (*end || z[0] < '0' || z[0] > '9')
                return bad(s, line);
        }
    }
    if (word(&p, more) || first < 1 || first > last || last > s->b.lrecl)
        return bad(s, line);
    s->b.zone1 = first;
    s->b.zone2 = last;
}

static void c_case(struct ed_session *s, const char *line, const char *ops)
{
    char w[16], more[16];
    const char *p = ops;
    if (!word(&p, w) || word(&p, more) || (strcmp(w, "U") && strcmp(w, "M")))
        return bad(s, line);
    s->upper = w[0] == 'U';
}

/* SAVE and FILE: the file id given (parts not given keep the session's). */
static bool save(struct ed_session *s, const char *line, const char *ops)
{
    char w[3][16], more[16];
    const char *p = ops;
    int k = 0;
    while (k < 3 && word(&p, w[k]))
        k++;
    bool ok = !word(&p, more);
    for (int i = 0; i < k; i++)
        ok &= strlen(w[i]) <= (i < 2 ? 8u : 2u);
    if (!ok) {
        bad(s, line);
        return false;
    }
    if (s->b.n == 0) {
        say(s, "FILE IS EMPTY: NOT WRITTEN");
        return false;
    }
    if (s->io.save(s->io.ctx, s, k > 0 ? w[0] : NULL, k > 1 ? w[1] : NULL, k > 2 ? w[2] : NULL))
        return false;
    s->changed = false;
    return true;
}

static void c_save(struct ed_session *s, const char *line, const char *ops)
{
    save(s, line, ops);
}

static void c_file(struct ed_session *s, const char *line, const char *ops)
{
    if (save(s, line, ops)) {
        s->done = true;
        s->rc = 0;
    }
}

static void c_quit(struct ed_session *s, const char *line, const char *ops)
{
    if (*skip_blanks(ops))
        return bad(s, line);
    s->done = true;
    s->rc = 0;
}

static const struct {
    const char *name;
    unsigned min;               /* the shortest abbreviation */
    ed_fn *fn;
} subcmds[] = {
    {"BOTTOM", 1, c_bottom},  {"CASE", 4, c_case},     {"CHANGE", 1, c_change},
    {"DELETE", 1, c_delete},  {"DOWN", 2, c_down},     {"FILE", 4, c_file},
    {"FIND", 1, c_find},      {"INPUT", 1, c_input},   {"LOCATE", 1, c_locate},
    {"NEXT", 1, c_down},      {"QUIT", 1, c_quit},     {"REPLACE", 1, c_replace},
    {"SAVE", 4, c_save},      {"TOP", 3, c_top},       {"TYPE", 1, c_type},
    {"UP", 1, c_up},          {"VERIFY", 1, c_verify}, {"ZONE", 1, c_zone},
};

/* A subcommand line (not "="). */
static void subcommand(struct ed_session *s, const char *line)
{
    const char *p = skip_blanks(line);
    char name[16];
    size_t n = 0;
    while ((p[n] >= 'A' && p[n] <= 'Z') || (p[n] >= 'a' && p[n] <= 'z')) {
        if (n < 15)
            name[n] = (char)(p[n] >= 'a' ? p[n] - 'a' + 'A' : p[n]);
        n++;
    }
    if (n > 15 || !n)
        return bad(s, line);
    name[n] = 0;
    for (size_t i = 0; i < sizeof subcmds / sizeof subcmds[0]; i++) {
        size_t len = strlen(subcmds[i].name);
        if (n >= subcmds[i].min && n <= len && !strncmp(name, subcmds[i].name, n))
            return subcmds[i].fn(s, line, p + n);
    }
    bad(s, line);
}

/* ---- the session ---------------------------------------------------------------- */

void ed_start(struct ed_session *s, const struct ed_buf *b, const char *fn, const char *ft,
              const char *fm, char recfm, bool upper, bool isnew, const struct ed_io *io)
{
    memset(s, 0, sizeof *s);
    s->b = *b;
    s->io = *io;
    snprintf(s->fn, sizeof s->fn, "%s", fn);
    snprintf(s->ft, sizeof s->ft, "%s", ft);
    snprintf(s->fm, sizeof s->fm, "%s", fm);
    s->recfm = recfm;
    s->upper = upper;
    s->verify = true;
    if (isnew)
        say(s, "NEW FILE:");
    say(s, "EDIT:");
}

void ed_line(struct ed_session *s, const char *typed)
{
    char line[ED_LINE_MAX];
    snprintf(line, sizeof line, "%s", typed);
    if (s->upper)
        for (char *p = line; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
    if (s->input) {
        if (!line[0]) {
            s->input = false;
            say(s, "EDIT:");
        } else {
            input_line(s, line);
        }
        return;
    }
    if (!line[0]) {
        s->input = true;
        say(s, "INPUT:");
        return;
    }
    if (!strcmp(skip_blanks(line), "=")) {
        if (!s->last[0])
            return bad(s, line);
        snprintf(line, sizeof line, "%s", s->last);
    } else {
        snprintf(s->last, sizeof s->last, "%s", line);
    }
    subcommand(s, line);
}

void ed_end(struct ed_session *s)
{
    edb_free(&s->b);
}

/* The file types with defaults of their own; the rest: F 80, upper case. */
static const struct {
    const char *ft;
    char recfm;
    unsigned lrecl;
    bool upper;
} ftdefaults[] = {
    {"SCRIPT", 'V', 132, false},
    {"MEMO", 'V', 132, false},
    {"LISTING", 'V', 121, true},
};

void ed_defaults(const char *ft, char *recfm, unsigned *lrecl, bool *upper)
{
    *recfm = 'F';
    *lrecl = 80;
    *upper = true;
    for (size_t i = 0; i < sizeof ftdefaults / sizeof ftdefaults[0]; i++)
        if (!strcmp(ft, ftdefaults[i].ft)) {
            *recfm = ftdefaults[i].recfm;
            *lrecl = ftdefaults[i].lrecl;
            *upper = ftdefaults[i].upper;
        }
}
