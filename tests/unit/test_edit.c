/*
 * test_edit.c - EDIT's buffer and session (cms/edit_buf.c, edit_cmd.c,
 * portable C) on the host: lines inserted, replaced, deleted and moved
 * over with TOF and EOF; LOCATE in the zone, FIND anchored at column 1
 * with blanks matching anything, CHANGE first and global, at the zone's
 * edge, growing past the LRECL; and whole sessions through a fake
 * console that keeps what EDIT says: the modes, each subcommand and its
 * messages, repeats ("=", bare LOCATE and CHANGE), CASE, VERIFY, ZONE,
 * SAVE with another file id, FILE, QUIT, "?EDIT:".  The buffer is
 * checked against its invariants (edit.h) after every step.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"

static void check(const struct ed_buf *b)
{
    assert_true(b->cur <= b->n + 1);
    assert_true(b->n <= b->cap);
    for (size_t i = 0; i < b->n; i++) {
        size_t len = strlen(b->line[i]);
        assert_true(len <= b->lrecl);
        assert_true(!len || b->line[i][len - 1] != ' ');
    }
    assert_true(1 <= b->zone1 && b->zone1 <= b->zone2 && b->zone2 <= b->lrecl);
}

static void fill(struct ed_buf *b, const char *const *lines)
{
    for (; *lines; lines++)
        assert_true(edb_insert(b, *lines, NULL));
    b->cur = 0;
    check(b);
}

static void test_insert_delete_move(void **state)
{
    (void)state;
    struct ed_buf b;
    edb_init(&b, 10);
    assert_null(edb_cur(&b));
    bool t;
    assert_true(edb_insert(&b, "one", &t));
    assert_false(t);
    assert_true(edb_insert(&b, "three   ", &t));
    assert_string_equal(edb_cur(&b), "three");       /* trailing blanks go */
    b.cur = 1;
    assert_true(edb_insert(&b, "two and more than ten", &t));
    assert_true(t);
    assert_string_equal(edb_cur(&b), "two and mo");
    check(&b);
    b.cur = 0;                                      /* at TOF: before line 1 */
    assert_true(edb_insert(&b, "zero", NULL));
    assert_int_equal(b.n, 4);
    assert_string_equal(b.line[0], "zero");
    assert_string_equal(b.line[3], "three");
    b.cur = b.n + 1;                                /* at EOF: after the last */
    assert_true(edb_insert(&b, "four", NULL));
    assert_int_equal(b.cur, 5);
    edb_move(&b, -100);
    assert_int_equal(b.cur, 0);
    edb_move(&b, 2);
    assert_string_equal(edb_cur(&b), "one");
    edb_move(&b, 100);
    assert_int_equal(b.cur, b.n + 1);
    assert_null(edb_cur(&b));
    b.cur = 2;
    assert_int_equal(edb_delete(&b, 2), 2);         /* one, two... */
    assert_string_equal(edb_cur(&b), "three");
    assert_int_equal(edb_delete(&b, 99), 2);        /* to the end */
    assert_int_equal(b.n, 1);
    assert_null(edb_cur(&b));
    assert_int_equal(edb_delete(&b, 1), 0);         /* nothing at EOF */
    assert_false(edb_replace(&b, "x", NULL));
    b.cur = 1;
    assert_true(edb_replace(&b, "ZERO ", &t));
    assert_string_equal(b.line[0], "ZERO");
    check(&b);
    edb_free(&b);
}

static void test_locate_find(void **state)
{
    (void)state;
    struct ed_buf b;
    edb_init(&b, 80);
    fill(&b, (const char *const[]){"alpha beta", "gamma", "  delta beta", "epsilon", NULL});
    assert_true(edb_locate(&b, "beta"));
    assert_int_equal(b.cur, 1);
    assert_true(edb_locate(&b, "beta"));            /* from the next line on */
    assert_int_equal(b.cur, 3);
    assert_false(edb_locate(&b, "beta"));
    assert_int_equal(b.cur, b.n + 1);               /* not found: at EOF */
    b.cur = 0;
    b.zone1 = 3;
    b.zone2 = 7;
    assert_true(edb_locate(&b, "delta"));           /* columns 3-7 */
    assert_int_equal(b.cur, 3);
    b.cur = 0;
    assert_false(edb_locate(&b, "alpha"));          /* column 1: outside */
    b.zone1 = 1;
    b.zone2 = 80;
    b.cur = 0;
    assert_true(edb_locate(&b, "gamma   "));        /* blanks past the end match */
    assert_int_equal(b.cur, 2);
    b.cur = 0;
    assert_true(edb_locate(&b, ""));                /* "" matches the next line */
    assert_int_equal(b.cur, 1);
    b.cur = 0;
    assert_true(edb_find(&b, "gam"));
    assert_int_equal(b.cur, 2);
    b.cur = 0;
    assert_false(edb_find(&b, "delta"));            /* anchored at column 1 */
    b.cur = 0;
    assert_true(edb_find(&b, "  d"));               /* blanks match anything */
    assert_int_equal(b.cur, 3);
    edb_free(&b);
}

static void test_find_blanks(void **state)
{
    (void)state;
    struct ed_buf b;
    edb_init(&b, 80);
    fill(&b, (const char *const[]){"abc", "xbz", "xyz", NULL});
    assert_true(edb_find(&b, "x z"));
    assert_int_equal(b.cur, 2);
    assert_true(edb_find(&b, "x z"));
    assert_int_equal(b.cur, 3);
    b.cur = 0;
    assert_false(edb_find(&b, "abcd"));             /* longer than every line */
    edb_free(&b);
}

static void test_change(void **state)
{
    (void)state;
    struct ed_buf b;
    edb_init(&b, 20);
    fill(&b, (const char *const[]){"a-b-c-d", NULL});
    b.cur = 1;
    bool t = false;
    assert_int_equal(edb_change(&b, "-", "+", false, &t), 1);
    assert_string_equal(edb_cur(&b), "a+b-c-d");
    assert_int_equal(edb_change(&b, "-", "--", true, &t), 2);
    assert_string_equal(edb_cur(&b), "a+b--c--d");
    assert_int_equal(edb_change(&b, "x", "y", true, &t), 0);
    assert_int_equal(edb_change(&b, "", ">", false, &t), 1);    /* "" inserts */
    assert_string_equal(edb_cur(&b), ">a+b--c--d");
    assert_int_equal(edb_change(&b, "--", "", true, &t), 2);    /* and deletes */
    assert_string_equal(edb_cur(&b), ">a+bcd");
    b.zone1 = 3;
    assert_int_equal(edb_change(&b, "", "[", false, &t), 1);    /* at the zone */
    assert_string_equal(edb_cur(&b), ">a[+bcd");
    b.zone1 = 1;
    b.zone2 = 3;
    assert_int_equal(edb_change(&b, "+", "-", true, &t), 0);    /* past the zone */
    b.zone2 = 20;
    assert_int_equal(edb_change(&b, "d", "d    x", false, &t), 1);
    assert_string_equal(edb_cur(&b), ">a[+bcd    x");
    assert_false(t);
    assert_int_equal(edb_change(&b, "x", "0123456789", false, &t), 1);
    assert_true(t);                                 /* cut at LRECL 20 */
    assert_string_equal(edb_cur(&b), ">a[+bcd    012345678");
    b.cur = 0;
    assert_int_equal(edb_change(&b, "a", "b", false, &t), 0);   /* no line at TOF */
    check(&b);
    edb_free(&b);
}

/* ---- sessions ------------------------------------------------------------------ */

struct fake {
    char out[8192];             /* what EDIT said, a line each */
    int saves;
    char saved[1024];           /* the lines saved, a line each */
    char savedid[40];
    int fail_save;
};

static void f_say(void *ctx, const char *line)
{
    struct fake *f = ctx;
    strcat(f->out, line);
    strcat(f->out, "\n");
}

static int f_save(void *ctx, struct ed_session *s, const char *fn, const char *ft, const char *fm)
{
    struct fake *f = ctx;
    if (f->fail_save)
        return f->fail_save;
    f->saves++;
    f->saved[0] = 0;
    for (size_t i = 0; i < s->b.n; i++) {
        strcat(f->saved, s->b.line[i]);
        strcat(f->saved, "\n");
    }
    snprintf(s->fn, sizeof s->fn, "%s", fn ? fn : s->fn);
    snprintf(s->ft, sizeof s->ft, "%s", ft ? ft : s->ft);
    snprintf(s->fm, sizeof s->fm, "%s", fm ? fm : s->fm);
    snprintf(f->savedid, sizeof f->savedid, "%s %s %s", s->fn, s->ft, s->fm);
    return 0;
}

static struct fake fk;
static struct ed_session ss;

static void start(const char *const *lines, bool upper, bool isnew)
{
    memset(&fk, 0, sizeof fk);
    struct ed_buf b;
    edb_init(&b, 80);
    if (lines)
        fill(&b, lines);
    const struct ed_io io = {.say = f_say, .save = f_save, .ctx = &fk};
    ed_start(&ss, &b, "TEST", "FILE", "A1", 'F', upper, isnew, &io);
}

/* Type line; EDIT must say exactly want (lines joined by "\n"). */
static void says(const char *line, const char *want)
{
    fk.out[0] = 0;
    ed_line(&ss, line);
    check(&ss.b);
    assert_string_equal(fk.out, want);
}

static void test_session_new_file(void **state)
{
    (void)state;
    start(NULL, true, true);
    assert_string_equal(fk.out, "NEW FILE:\nEDIT:\n");
    says("input", "INPUT:\n");
    says("first line", "");
    says("second LINE", "");
    says("", "EDIT:\n");
    says("top", "TOF:\n");
    says("type *", "FIRST LINE\nSECOND LINE\nEOF:\n");
    says("", "INPUT:\n");                           /* a null line: INPUT mode */
    says("third", "");
    says("", "EDIT:\n");
    says("up 2", "FIRST LINE\n");
    says("i inserted", "");
    says("t 9", "INSERTED\nSECOND LINE\nTHIRD\nEOF:\n");
    says("file", "");
    assert_true(ss.done);
    assert_int_equal(ss.rc, 0);
    assert_string_equal(fk.saved, "FIRST LINE\nINSERTED\nSECOND LINE\nTHIRD\n");
    ed_end(&ss);
}

static const char *const text[] = {"one fish two fish", "red fish", "blue fish", "  the end", NULL};

static void test_session_change_locate(void **state)
{
    (void)state;
    start(text, false, false);
    assert_string_equal(fk.out, "EDIT:\n");
    says("locate /fish/", "one fish two fish\n");
    says("c/fish/cat/", "one cat two fish\n");
    says("=", "one cat two cat\n");                 /* the last subcommand again */
    says("=", "NOT FOUND\n");
    says("l", "red fish\n");                        /* LOCATE again */
    says("c/fish/dog/ 2", "red dog\nblue dog\n");
    says("top", "TOF:\n");
    says("c /o/0/ * g", "0ne cat tw0 cat\nred d0g\nblue d0g\nEOF:\n");
    says("top", "TOF:\n");
    says("c", "NOT FOUND\nEOF:\n");                /* the same, and no "o" is left */
    says("top", "TOF:\n");
    says("c/e/E/ * *", "0nE cat tw0 cat\nrEd d0g\nbluE d0g\n  thE End\nEOF:\n");
    says("top", "TOF:\n");
    says("l,xyz,", "NOT FOUND\nEOF:\n");
    says("top", "TOF:\n");
    says("find   th", "  thE End\n");             /* text after one blank */
    says("f 0ne", "NOT FOUND\nEOF:\n");             /* past it: from the next line */
    says("top", "TOF:\n");
    says("f", "NOT FOUND\nEOF:\n");                 /* FIND "0ne" again: case counts */
    says("quit", "");
    assert_true(ss.done);
    assert_int_equal(fk.saves, 0);                  /* QUIT writes nothing */
    ed_end(&ss);
}

static void test_session_delete_replace(void **state)
{
    (void)state;
    start(text, false, false);
    says("next 2", "red fish\n");
    says("delete", "blue fish\n");
    says("d *", "EOF:\n");
    says("bottom", "one fish two fish\n");
    says("replace new line", "");
    says("t", "new line\n");
    says("r", "INPUT:\n");                          /* the line goes, INPUT instead */
    says("in its place", "");
    says("", "EDIT:\n");
    says("top", "TOF:\n");
    says("t *", "in its place\nEOF:\n");
    says("up", "in its place\n");
    says("up 5", "TOF:\n");
    says("d", "EOF:\n");                            /* at TOF DELETE starts at line 1 */
    assert_int_equal(ss.b.n, 0);
    says("file", "FILE IS EMPTY: NOT WRITTEN\n");
    assert_false(ss.done);
    says("quit", "");
    ed_end(&ss);
}

static void test_session_settings(void **state)
{
    (void)state;
    start(text, false, false);
    says("verify off", "");
    says("n", "");
    says("t", "one fish two fish\n");
    says("v", "");                                  /* VERIFY alone: ON */
    says("n", "red fish\n");
    says("zone 5 8", "");
    says("top", "TOF:\n");
    says("c/fish/FISH/ *", "one FISH two fish\nred FISH\nEOF:\n");   /* columns 5-8 */
    says("zone 1 *", "");
    says("zone 5 4", "?EDIT: zone 5 4\n");
    says("zone 1 81", "?EDIT: zone 1 81\n");
    says("case u", "");
    says("top", "TOF:\n");
    says("i lower", "");
    says("t", "LOWER\n");
    says("case m", "");
    says("i Mixed", "");
    says("t", "Mixed\n");
    says("case x", "?EDIT: case x\n");
    says("save new name b", "");
    assert_string_equal(fk.savedid, "NEW NAME B");
    assert_string_equal(ss.fn, "NEW");              /* the session's id follows */
    fk.fail_save = 36;
    says("file", "");
    assert_false(ss.done);                          /* not written: still editing */
    fk.fail_save = 0;
    says("file", "");
    assert_true(ss.done);
    assert_int_equal(fk.saves, 2);
    ed_end(&ss);
}

static void test_session_errors(void **state)
{
    (void)state;
    start(text, false, false);
    says("frobnicate", "?EDIT: frobnicate\n");
    says("=", "?EDIT: frobnicate\n");               /* "=" repeats even a bad one */
    says("up x", "?EDIT: up x\n");
    says("type 1 2", "?EDIT: type 1 2\n");
    says("c", "?EDIT: c\n");                        /* no CHANGE to repeat */
    says("l", "?EDIT: l\n");
    says("f", "?EDIT: f\n");
    says("c/a/b/ 1 x", "?EDIT: c/a/b/ 1 x\n");
    says("top x", "?EDIT: top x\n");
    says("to", "?EDIT: to\n");                      /* TOP has no abbreviation */
    says("save a b c d", "?EDIT: save a b c d\n");
    says("save toolongname", "?EDIT: save toolongname\n");
    says("quit now", "?EDIT: quit now\n");
    says("q", "");
    assert_true(ss.done);
    ed_end(&ss);
}

static void test_defaults(void **state)
{
    (void)state;
    char recfm;
    unsigned lrecl;
    bool upper;
    ed_defaults("EXEC", &recfm, &lrecl, &upper);
    assert_true(recfm == 'F' && lrecl == 80 && upper);
    ed_defaults("SCRIPT", &recfm, &lrecl, &upper);
    assert_true(recfm == 'V' && lrecl == 132 && !upper);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_insert_delete_move),
        cmocka_unit_test(test_locate_find),
        cmocka_unit_test(test_find_blanks),
        cmocka_unit_test(test_change),
        cmocka_unit_test(test_session_new_file),
        cmocka_unit_test(test_session_change_locate),
        cmocka_unit_test(test_session_delete_replace),
        cmocka_unit_test(test_session_settings),
        cmocka_unit_test(test_session_errors),
        cmocka_unit_test(test_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
