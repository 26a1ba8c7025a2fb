/*
 * edit_buf.c - EDIT's file in storage (edit.h): an array of pointers to
 * lines, each its own malloc'd string, and the current-line pointer
 * that every subcommand works from.  Lines 1..n; 0 is the null line at
 * the top of the file (TOF) and n + 1 the one at the end (EOF).  A line
 * is at most lrecl characters and keeps no trailing blanks (a record of
 * an F file gets them back when it is written).  Portable C: the
 * nucleus and the host's unit tests (tests/unit/test_edit.c) build it.
 */
#include <stdlib.h>
#include <string.h>

#include "edit.h"

void edb_init(struct ed_buf *b, unsigned lrecl)
{
    memset(b, 0, sizeof *b);
    if (lrecl < 1)
        lrecl = 1;
    if (lrecl > ED_MAX_LRECL)
        lrecl = ED_MAX_LRECL;
    b->lrecl = lrecl;
    b->zone1 = 1;
    b->zone2 = lrecl;
}

void edb_free(struct ed_buf *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->line[i]);
    free(b->line);
    b->line = NULL;
    b->n = b->cap = b->cur = 0;
}

const char *edb_cur(const struct ed_buf *b)
{
    return b->cur >= 1 && b->cur <= b->n ? b->line[b->cur - 1] : NULL;
}

/* A copy of text cut at lrecl, its trailing blanks dropped; NULL: no storage. */
static char *line_copy(const struct ed_buf *b, const char *text, bool *truncated)
{
    size_t len = strlen(text);
    bool cut = false;                   /* characters other than blanks lost */
    for (size_t i = b->lrecl; i < len; i++)
        cut |= text[i] != ' ';
    if (len > b->lrecl)
        len = b->lrecl;
    while (len && text[len - 1] == ' ')
        len--;
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    memcpy(p, text, len);
    p[len] = 0;
    if (truncated)
        *truncated = cut;
    return p;
}

bool edb_insert(struct ed_buf *b, const char *text, bool *truncated)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        char **l = realloc(b->line, cap * sizeof *l);
        if (!l)
            return false;
        b->line = l;
        b->cap = cap;
    }
    char *p = line_copy(b, text, truncated);
    if (!p)
        return false;
    size_t at = b->cur > b->n ? b->n : b->cur;      /* index of the new line */
    memmove(b->line + at + 1, b->line + at, (b->n - at) * sizeof *b->line);
    b->line[at] = p;
    b->n++;
    b->cur = at + 1;
    return true;
}

bool edb_replace(struct ed_buf *b, const char *text, bool *truncated)
{
    if (!edb_cur(b))
        return false;
    char *p = line_copy(b, text, truncated);
    if (!p)
        return false;
    free(b->line[b->cur - 1]);
    b->line[b->cur - 1] = p;
    return true;
}

size_t edb_delete(struct ed_buf *b, size_t count)
{
    if (!edb_cur(b))
        return 0;
    size_t at = b->cur - 1;
    if (count > b->n - at)
        count = b->n - at;
    for (size_t i = 0; i < count; i++)
        free(b->line[at + i]);
    memmove(b->line + at, b->line + at + count, (b->n - at - count) * sizeof *b->line);
    b->n -= count;
    return count;                                   /* cur: the line after them */
}

void edb_move(struct ed_buf *b, long delta)
{
    if (delta < 0 && (size_t)-delta >= b->cur)
        b->cur = 0;
    else if (delta > 0 && (size_t)delta > b->n + 1 - b->cur)
        b->cur = b->n + 1;
    else
        b->cur = (size_t)((long)b->cur + delta);
}

/* Where s first occurs in line l at or after offset from, within the
   zone: its offset, or -1.  The line counts as padded with blanks to
   the zone's end (as the record of an F file is): "A " matches "A". */
static long zone_search(const struct ed_buf *b, const char *l, const char *s, size_t from)
{
    size_t len = strlen(l), sl = strlen(s);
    if (from < b->zone1 - 1)
        from = b->zone1 - 1;
    for (size_t i = from; i + sl <= b->zone2; i++) {
        size_t k = 0;
        while (k < sl && (i + k < len ? l[i + k] : ' ') == s[k])
            k++;
        if (k == sl)
            return (long)i;
    }
    return -1;
}

bool edb_locate(struct ed_buf *b, const char *s)
{
    for (size_t i = b->cur + 1; i <= b->n; i++) {
        if (zone_search(b, b->line[i - 1], s, 0) >= 0) {
            b->cur = i;
            return true;
        }
    }
    b->cur = b->n + 1;
    return false;
}

static bool find_match(const char *l, const char *s)
{
    size_t len = strlen(l);
    for (size_t i = 0; s[i]; i++)
        if (s[i] != ' ' && (i >= len || l[i] != s[i]))
            return false;
    return true;
}

bool edb_find(struct ed_buf *b, const char *s)
{
    for (size_t i = b->cur + 1; i <= b->n; i++) {
        if (find_match(b->line[i - 1], s)) {
            b->cur = i;
            return true;
        }
    }
    b->cur = b->n + 1;
    return false;
}

int edb_change(struct ed_buf *b, const char *old, const char *new, bool all, bool *truncated)
{
    const char *l = edb_cur(b);
    if (!l)
        return 0;
    size_t ol = strlen(old), nl = strlen(new);
    /* Work on the line padded with blanks to the zone's end, so that a
       change may reach past the line's last character. */
    size_t len = strlen(l);
    size_t work = (len > b->zone2 ? len : b->zone2) + 1;
    size_t cap = work + (ol ? work / ol + 1 : 1) * (nl + 1) + 1;
    char *w = malloc(work), *out = malloc(cap);
    if (!w || !out) {
        free(w);
        free(out);
        return -1;
    }
    memset(w, ' ', work - 1);
    memcpy(w, l, len);
    w[work - 1] = 0;
    int count = 0;
    size_t o = 0, i = 0;
    long at;
    while ((at = zone_search(b, w, old, i)) >= 0) {
        memcpy(out + o, w + i, (size_t)at - i);
        o += (size_t)at - i;
        memcpy(out + o, new, nl);
        o += nl;
        i = (size_t)at + ol;
        count++;
        if (!all || !ol)
            break;
    }
    strcpy(out + o, w + i);
    bool ok = true;
    if (count)
        ok = edb_replace(b, out, truncated);
    free(w);
    free(out);
    return ok ? count : -1;
}
