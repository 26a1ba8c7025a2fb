/*
 * exec_cms.c - EXECs in CMS (exec.h): the EXEC command, implied EXEC
 * (cmd.c resolves a command name as an EXEC first), PROFILE EXEC at IPL
 * (main.c).  The file "fn EXEC" is found in the search order (A-Z),
 * read into storage (its lines EBCDIC to ASCII, trailing blanks
 * dropped), and run by the interpreter (exec.c), whose commands go to
 * cmd_execute like the lines typed at the console, and whose &READ
 * reads the console.  EXECs may call EXECs, EXEC_MAX_DEPTH deep.
 *
 * Each level's file and interpreter are in frame[]: an HX (or an
 * abend) leaves the command loop's longjmp with them still there, and
 * main.c's exec_reset gives them back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"
#include "ebcdic.h"
#include "exec.h"

static struct {
    char **line;
    size_t n;
    struct exec *x;
} frame[EXEC_MAX_DEPTH];
static int depth;

static void free_frame(int i)
{
    for (size_t k = 0; k < frame[i].n; k++)
        free(frame[i].line[k]);
    free(frame[i].line);
    exec_free(frame[i].x);
    frame[i].line = NULL;
    frame[i].n = 0;
    frame[i].x = NULL;
}

void exec_reset(void)
{
    while (depth > 0)
        free_frame(--depth);
}

/* ---- the io the interpreter uses ---------------------------------------------------- */

static int io_command(void *ctx, const char *line)
{
    (void)ctx;
    return cmd_execute(line);
}

static void io_say(void *ctx, const char *line)
{
    (void)ctx;
    con_write(line);
}

static bool io_read(void *ctx, char *buf, size_t cap)
{
    (void)ctx;
    con_read(buf, cap);
    return true;
}

static void io_poll(void *ctx)
{
    (void)ctx;
    con_poll();
}

static void io_time(void *ctx, char hhmmss[9])
{
    (void)ctx;
    uint64_t v, t;
    char date[9];
    cp_times(&v, &t, date, hhmmss);
}

static const struct exec_io io = {
    .command = io_command, .say = io_say, .read = io_read, .poll = io_poll, .time = io_time,
};

/* ---- the file ----------------------------------------------------------------------- */

/* Read fn EXEC (st, on disk k) into frame f.  0 or an error (said). */
static int read_file(int f, struct cms_disk *k, const struct edf_stat *st)
{
    if (st->lrecl > EXEC_MAX_LRECL)
        return exec_fail(&io, st->fn, 0, EXEC_E_FORMAT);
    static struct edf_file ef;              /* large; closed before the EXEC runs */
    uint8_t rec[EXEC_MAX_LRECL];
    char text[EXEC_MAX_LRECL + 1];
    size_t cap = st->records ? st->records : 1;
    frame[f].line = malloc(cap * sizeof *frame[f].line);
    if (!frame[f].line)
        return exec_fail(&io, st->fn, 0, EXEC_E_STORAGE);
    int e = edf_open(k->d, &ef, st->fn, st->ft);
    while (e == EDF_OK && frame[f].n < cap) {
        uint32_t len;
        e = edf_read(&ef, 0, rec, sizeof rec, &len);
        if (e != EDF_OK)
            break;
        ebcdic_to_ascii_buf(text, rec, len);
        while (len && text[len - 1] == ' ')
            len--;
        text[len] = 0;
        char *l = malloc(len + 1);
        if (!l) {
            edf_close(&ef);
            return exec_fail(&io, st->fn, 0, EXEC_E_STORAGE);
        }
        memcpy(l, text, len + 1);
        frame[f].line[frame[f].n++] = l;
    }
    edf_close(&ef);
    if (e != EDF_OK && e != EDF_E_EOF)
        return exec_fail(&io, st->fn, 0, EXEC_E_READ);
    return 0;
}

/*
 * Run fn EXEC (found on disk k as st) with argv[0..argc-1]: its return
 * code.
 */
static int run(struct cms_disk *k, const struct edf_stat *st, int argc, const char *const *argv)
{
    if (depth == EXEC_MAX_DEPTH)
        return exec_fail(&io, st->fn, 0, EXEC_E_DEPTH);
    int f = depth++;
    int rc = read_file(f, k, st);
    if (!rc) {
        frame[f].x = exec_new(st->fn, argc, argv, &io);
        rc = frame[f].x ? exec_run(frame[f].x, frame[f].line, frame[f].n)
                        : exec_fail(&io, st->fn, 0, EXEC_E_STORAGE);
    }
    free_frame(f);
    depth = f;
    return rc;
}

static struct cms_disk *find(const char *fn, struct edf_stat *st)
{
    struct fileid id = {.fm = "*"};
    snprintf(id.fn, sizeof id.fn, "%s", fn);
    strcpy(id.ft, "EXEC");
    return file_find(&id, st);
}

static int run_args(struct cms_disk *k, const struct edf_stat *st, const struct cmd *c, int first)
{
    const char *argv[CMD_MAXARGS];
    int argc = 0;
    for (int i = first; i < c->argc; i++)
        argv[argc++] = c->argv[i];
    return run(k, st, argc, argv);
}

/* EXEC fn [args...] */
int cmd_exec(struct cmd *c)
{
    if (c->argc < 2) {
        msg("DMSEXT001E NO FILENAME SPECIFIED");
        return 24;
    }
    struct edf_stat st;
    struct cms_disk *k = find(c->argv[1], &st);
    if (!k)
        return exec_fail(&io, c->argv[1], 0, EXEC_E_NOTFOUND);
    return run_args(k, &st, c, 2);
}

int exec_implied(const struct cmd *c, bool *found)
{
    struct edf_stat st;
    struct cms_disk *k = set_impex && c->argc ? find(c->argv[0], &st) : NULL;
    *found = k != NULL;
    return k ? run_args(k, &st, c, 1) : 0;
}

int exec_profile(void)
{
    struct edf_stat st;
    struct cms_disk *a = disk_at('A');
    if (!a || edf_lookup(a->d, "PROFILE", "EXEC", &st) != EDF_OK)
        return 0;
    return cmd_execute("EXEC PROFILE");
}
