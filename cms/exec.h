/*
 * exec.h - the EXEC processor: VM/370's CMS EXEC language (DMSEXT), the
 * first EXEC language, not EXEC 2 nor REXX.  Two parts:
 *
 *   exec.c      the interpreter: a file of lines and its arguments in,
 *               statements scanned into tokens of at most 8 characters
 *               with the &variables substituted, the control statements
 *               run, the other lines given to CMS as commands; the
 *               return code out.  Portable C (malloc, string functions,
 *               nothing of CMS): the nucleus links it and
 *               tests/unit/test_exec.c runs it on the host.  What it
 *               needs of CMS comes through struct exec_io.
 *   exec_cms.c  the CMS side: the EXEC command, implied EXEC (cmd.c),
 *               PROFILE EXEC at IPL (main.c); the file read from the
 *               accessed disks (cms/fs), commands run with cmd_execute,
 *               the nesting of EXECs and what HX leaves behind.
 *
 * The language, in short (cms/help/EXEC.HELP has the user's view):
 *
 *   *  comment                 -label [statement]
 *   &name = value | a + b - c * d / e | &CONCAT t... | &LENGTH t |
 *           &SUBSTR t i [n] | &DATATYPE t | &LITERAL t
 *   &ARGS t...  &BEGTYPE ... &END  &CONTINUE  &CONTROL OFF|ERROR|CMS|ALL
 *   [TIME|NOTIME] [MSG|NOMSG] [PACK|NOPACK]  &ERROR statement|&CONTINUE
 *   &EXIT [rc]  &GOTO TOP|-label|n  &IF a op b statement
 *   &LOOP n|-label count|a op b  &READ [n]|ARGS|VARS &v...  &SKIP [n]
 *   &SPACE [n]  &TYPE t...
 *   special variables: &0 (the file name), &1..&30, &INDEX, &* and &$
 *   (every argument), &RETCODE, &LINENUM, &READFLAG, &TYPEFLAG.
 *
 * Lines are ASCII in storage (the console's code); exec_cms.c converts
 * from the file's EBCDIC.
 */
#ifndef CMS_EXEC_H
#define CMS_EXEC_H

#include <stdbool.h>
#include <stddef.h>

#define EXEC_MAX_ARGS 30        /* &1..&30 */
#define EXEC_MAX_LRECL 130      /* the longest line an EXEC may have */
#define EXEC_TOKEN 8            /* a token's characters; longer ones are cut */
#define EXEC_MAX_TOKENS 66      /* the most a line of 130 can hold */
#define EXEC_MAX_LOOPS 8        /* &LOOPs within &LOOPs */
#define EXEC_MAX_DEPTH 8        /* EXECs within EXECs (exec_cms.c) */

/* The errors: DMSEXT072E ERROR IN EXEC FILE fn, LINE n - text; the
   EXEC ends with rc.  EXEC_ERROR(name, rc, text) */
#define EXEC_ERRORS(X)                                          \
    X(NOTFOUND, 801, "FILE NOT FOUND")                          \
    X(GOTO, 802, "&SKIP OR &GOTO ERROR")                        \
    X(FORMAT, 803, "BAD FILE FORMAT")                           \
    X(ARGS, 804, "TOO MANY ARGUMENTS")                          \
    X(LOOPS, 805, "MAX DEPTH OF LOOP NESTING EXCEEDED")         \
    X(READ, 806, "ERROR READING FILE")                          \
    X(CONVERT, 807, "CONVERSION ERROR")                         \
    X(SYNTAX, 808, "INVALID SYNTAX")                            \
    X(CONTROL, 809, "INVALID CONTROL WORD")                     \
    X(LOOPEOF, 810, "EOF FOUND IN LOOP")                        \
    X(END, 811, "MISSING &END")                                 \
    X(DEPTH, 812, "MAX DEPTH OF EXEC NESTING EXCEEDED")         \
    X(STORAGE, 813, "INSUFFICIENT STORAGE")

enum exec_error {
#define X(name, rc, text) EXEC_E_##name,
    EXEC_ERRORS(X)
#undef X
};

/* What the interpreter needs of its host. */
struct exec_io {
    int (*command)(void *ctx, const char *line);    /* run a command: its return code */
    void (*say)(void *ctx, const char *line);       /* a line on the console */
    /* A line typed at the console (&READ): false if there is none. */
    bool (*read)(void *ctx, char *buf, size_t cap);
    void (*poll)(void *ctx);                        /* a safe point, or NULL */
    void (*time)(void *ctx, char hhmmss[9]);        /* &CONTROL TIME, or NULL */
    void *ctx;
};

struct exec;

/*
 * A new EXEC fn with its arguments (each cut to 8 characters): NULL if
 * there is no storage.  More than EXEC_MAX_ARGS arguments make
 * exec_run end at once with EXEC_E_ARGS.
 */
struct exec *exec_new(const char *fn, int argc, const char *const *argv,
                      const struct exec_io *io);
/*
 * Run the EXEC over its lines (0-terminated, no trailing blanks, at
 * most EXEC_MAX_LRECL characters; the caller keeps them).  Returns the
 * EXEC's return code: &EXIT's, 0 at the end of the file, or an error's
 * (said on the console).
 */
int exec_run(struct exec *x, char *const *lines, size_t n);
void exec_free(struct exec *x);
/* Say error e for EXEC fn at line (0: before the first) and return its rc. */
int exec_fail(const struct exec_io *io, const char *fn, size_t line, enum exec_error e);

#endif
