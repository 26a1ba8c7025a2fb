/*
 * test_exec.c - the EXEC interpreter (cms/exec.c, portable C) on the
 * host, through a fake CMS: commands are recorded (a command "RC n"
 * returns n, any other 0), what the EXEC says is kept line by line, and
 * &READ takes lines from a queue.  Arguments and the special variables,
 * tokens cut at 8 and null tokens, assignment and arithmetic, &IF with
 * each operator, &GOTO and labels, &LOOP by count and by condition,
 * &SKIP, &TYPE and &BEGTYPE, &CONTROL's four levels and "+++ R(n) +++",
 * &RETCODE, &ERROR, &EXIT, &READ, the built-in functions, the lines of
 * CMS EXEC, and the DMSEXT072E errors with their return codes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exec.h"

static char out[8192];          /* what the EXEC said and ran, "|"-separated */
static const char *const *input;
static int polls;

static void add(const char *kind, const char *line)
{
    size_t m = strlen(out);
    snprintf(out + m, sizeof out - m, "%s%s|", kind, line);
}

static int f_command(void *ctx, const char *line)
{
    (void)ctx;
    add(">", line);
    return !strncmp(line, "RC ", 3) ? atoi(line + 3) : 0;
}

static void f_say(void *ctx, const char *line)
{
    (void)ctx;
    add("", line);
}

static bool f_read(void *ctx, char *buf, size_t cap)
{
    (void)ctx;
    if (!input || !*input)
        return false;
    snprintf(buf, cap, "%s", *input++);
    return true;
}

static void f_poll(void *ctx)
{
    (void)ctx;
    polls++;
}

static const struct exec_io io = {.command = f_command, .say = f_say, .read = f_read, .poll = f_poll};

/* Run lines (NULL-terminated) as EXEC T with args (a blank-separated
   string); its return code, out holding what happened. */
static int run(const char *args, const char *const *lines)
{
    out[0] = 0;
    polls = 0;
    char buf[256], *argv[64];
    int argc = 0;
    snprintf(buf, sizeof buf, "%s", args);
    for (char *p = strtok(buf, " "); p; p = strtok(NULL, " "))
        argv[argc++] = p;
    size_t n = 0;
    while (lines[n])
        n++;
    char **copy = malloc((n + 1) * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = strdup(lines[i]);
    struct exec *x = exec_new("T", argc, (const char *const *)argv, &io);
    assert_non_null(x);
    int rc = exec_run(x, copy, n);
    exec_free(x);
    for (size_t i = 0; i < n; i++)
        free(copy[i]);
    free(copy);
    return rc;
}

#define RUN(args, ...) run(args, (const char *const[]){__VA_ARGS__, NULL})

static void test_args(void **state)
{
    (void)state;
    assert_int_equal(RUN("a bc", "&TYPE &INDEX &1 &2 &3 END", "&TYPE &0 &*"), 0);
    assert_string_equal(out, "2 a bc END|T a bc|");
    assert_int_equal(RUN("x", "&ARGS P Q R", "&TYPE &INDEX &3 &$"), 0);
    assert_string_equal(out, "3 R P Q R|");
    assert_int_equal(RUN("", "* a comment", "", "  &TYPE .&1 LONGWORDISCUT &NOTSET X"), 0);
    assert_string_equal(out, ". LONGWORD X|");
}

static void test_assign(void **state)
{
    (void)state;
    assert_int_equal(RUN("", "&A = 5", "&B = &A * 3 - 1", "&C = &B / 2", "&D =", "&TYPE &A &B &C .&D",
                         "&E = &CONCAT &A X &B", "&F = &LENGTH ABCDE", "&G = &SUBSTR ABCDEF 2 3",
                         "&H = &DATATYPE 12", "&I = &DATATYPE A1", "&J = &LITERAL &A",
                         "&TYPE &E &F &G &H &I &J"),
                     0);
    assert_string_equal(out, "5 14 7 .|5X14 5 BCD NUM ALPHA &A|");
    assert_int_equal(RUN("one", "&1 = ONE", "&3 = THREE", "&TYPE &INDEX &1 &3"), 0);
    assert_string_equal(out, "3 ONE THREE|");
}

static void test_if(void **state)
{
    (void)state;
    assert_int_equal(RUN("", "&IF 1 EQ 1 &TYPE EQ", "&IF 1 = 2 &TYPE BAD", "&IF 10 GT 9 &TYPE GT",
                         "&IF ABC LT ABD &TYPE LT", "&IF 5 NE 5 &TYPE BAD", "&IF 5 ^= 6 &TYPE NE",
                         "&IF 3 LE 3 &TYPE LE", "&IF 3 >= 4 &TYPE BAD", "&IF 007 EQ 7 &TYPE NUM",
                         "&X = 1", "&IF &X EQ 1 &X = 2", "&IF &X EQ 2 &IF &X LT 3 &TYPE NESTED"),
                     0);
    assert_string_equal(out, "EQ|GT|LT|NE|LE|NUM|NESTED|");
}

static void test_goto_loop(void **state)
{
    (void)state;
    assert_int_equal(RUN("", "&I = 0", "-LOOP &I = &I + 1", "&IF &I LT 3 &GOTO -LOOP", "&TYPE &I"), 0);
    assert_string_equal(out, "3|");
    assert_int_equal(RUN("", "&GOTO -B", "-A &TYPE A", "&EXIT 4", "-B &TYPE B", "&GOTO -A"), 4);
    assert_string_equal(out, "B|A|");
    assert_int_equal(RUN("", "&N = 0", "&LOOP 2 3", "&N = &N + 1", "&TYPE N &N", "&TYPE END"), 0);
    assert_string_equal(out, "N 1|N 2|N 3|END|");
    assert_int_equal(RUN("", "&J = 0", "&LOOP -E &J EQ 2", "&J = &J + 1", "-E &TYPE J &J", "&TYPE END"), 0);
    assert_string_equal(out, "J 1|J 2|END|");
    assert_int_equal(RUN("", "&LOOP 3 2", "&LOOP 1 2", "&TYPE IN", "&TYPE OUT"), 0);
    assert_string_equal(out, "IN|IN|OUT|IN|IN|OUT|");
    assert_int_equal(RUN("", "&LOOP 1 0", "&TYPE NEVER", "&SKIP", "&TYPE SKIPPED", "&SKIP 0", "&TYPE TOP"), 0);
    assert_string_equal(out, "TOP|");
    assert_int_equal(RUN("", "&IF .&I EQ . &I = 0", "&I = &I + 1", "&IF &I LT 2 &GOTO TOP", "&IF &I LT 3 &GOTO 2",
                         "&TYPE &I"),
                     0);
    assert_string_equal(out, "3|");
    assert_true(polls >= 7);
}

static void test_type(void **state)
{
    (void)state;
    assert_int_equal(RUN("X", "&BEGTYPE", "  as  it  is &1", "&END", "&SPACE", "&TYPE DONE"), 0);
    assert_string_equal(out, "  as  it  is &1||DONE|");
}

static void test_commands(void **state)
{
    (void)state;
    assert_int_equal(RUN("TYPE", "&1 &2 FOO BAR A1", "ERASE X Y", "RC 28", "&TYPE &RETCODE"), 0);
    assert_string_equal(out, "TYPE FOO BAR A1|>TYPE FOO BAR A1|ERASE X Y|>ERASE X Y|RC 28|>RC 28|"
                             "+++ R(00028) +++|28|");
    assert_int_equal(RUN("", "&CONTROL OFF", "A B", "RC 4", "&TYPE &RETCODE", "&CONTROL ERROR", "C D",
                         "RC -3", "&CONTROL ALL", "&X = 1", "&TYPE &X", "E"),
                     0);
    assert_string_equal(out, ">A B|>RC 4|4|>C D|>RC -3|RC -3|+++ R(-0003) +++|&X = 1|&TYPE 1|1|E|>E|");
}

static void test_error_exit(void **state)
{
    (void)state;
    assert_int_equal(RUN("", "&CONTROL OFF", "&ERROR &EXIT &RETCODE", "OK", "RC 12", "&TYPE NOT HERE"), 12);
    assert_string_equal(out, ">OK|>RC 12|");
    assert_int_equal(RUN("", "&CONTROL OFF", "&ERROR &GOTO -E", "RC 1", "&TYPE NO", "-E &TYPE E",
                         "&ERROR &CONTINUE", "RC 2", "&TYPE GO ON"),
                     0);
    assert_string_equal(out, ">RC 1|E|>RC 2|GO ON|");
    assert_int_equal(RUN("", "&CONTROL OFF", "&ERROR RC 9", "RC 1", "&TYPE NO"), 9);
    assert_string_equal(out, ">RC 1|>RC 9|");
    assert_int_equal(RUN("", "&EXIT"), 0);
    assert_int_equal(RUN("", "&EXIT -7"), -7);
}

static void test_read(void **state)
{
    (void)state;
    const char *const lines[] = {"a b c", "one two", "&TYPE READ", NULL};
    input = lines;
    assert_int_equal(RUN("", "&READ ARGS", "&READ VARS &P &Q &R", "&READ", "&TYPE &INDEX &3 &P &Q .&R"), 0);
    assert_string_equal(out, "READ|3 C ONE TWO .|");
    input = NULL;
}

static void test_errors(void **state)
{
    (void)state;
    assert_int_equal(RUN("", "&TYPE A", "&GOTO -NOWHERE", "&TYPE B"), 802);
    assert_string_equal(out, "A|DMSEXT072E ERROR IN EXEC FILE T, LINE 2 - &SKIP OR &GOTO ERROR|");
    assert_int_equal(RUN("", "&X = A + 1"), 807);
    assert_string_equal(out, "DMSEXT072E ERROR IN EXEC FILE T, LINE 1 - CONVERSION ERROR|");
    assert_int_equal(RUN("", "&X = 1 / 0"), 807);
    assert_int_equal(RUN("", "&IF 1 XX 1 &TYPE A"), 808);
    assert_int_equal(RUN("", "&X = A B"), 808);
    assert_int_equal(RUN("", "&LOOP 5 2", "&TYPE A"), 810);
    assert_int_equal(RUN("", "&BEGTYPE", "A"), 811);
    assert_int_equal(RUN("", "&SKIP -5"), 802);
    assert_int_equal(RUN("", "&CONTROL LOUD"), 808);
    assert_int_equal(RUN("", "&LOOP 1 2", "&LOOP 1 2", "&LOOP 1 2", "&LOOP 1 2", "&LOOP 1 2", "&LOOP 1 2",
                         "&LOOP 1 2", "&LOOP 1 2", "&LOOP 1 2", "&TYPE DEEP"),
                     805);
    char args[200] = "";
    for (int i = 0; i < 31; i++)
        strcat(args, "A ");
    assert_int_equal(run(args, (const char *const[]){"&TYPE NO", NULL}), 804);
    assert_string_equal(out, "DMSEXT072E ERROR IN EXEC FILE T, LINE 0 - TOO MANY ARGUMENTS|");
    assert_int_equal(exec_fail(&io, "F", 0, EXEC_E_NOTFOUND), 801);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_args),   cmocka_unit_test(test_assign),     cmocka_unit_test(test_if),
        cmocka_unit_test(test_goto_loop), cmocka_unit_test(test_type),    cmocka_unit_test(test_commands),
        cmocka_unit_test(test_error_exit), cmocka_unit_test(test_read),   cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
