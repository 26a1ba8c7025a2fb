/*
 * cmd.c - CMS's command processor: a line is tokenized (the 8-byte
 * parameter list and the extended form), the command is resolved (with
 * IMPEX on, an EXEC in the search order; a MODULE; a nucleus command by
 * name or abbreviation; otherwise, with IMPCP on, the line goes to CP),
 * and its return code comes back for the ready message.  File ids and
 * the search order through the accessed disks are here too, shared by
 * the file commands.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"

bool set_impcp = true, set_impex = true, set_rdymsg_long = true;

static const struct {
    const char *name;
    unsigned min;
    int (*fn)(struct cmd *c);
} cmds[] = {
#define CMD(name, min, fn) {name, min, cmd_##fn},
#include "cmds.h.inc"
#undef CMD
};

void msg(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    con_write(line);
}

bool cmd_abbrev(const char *word, const char *name, unsigned min)
{
    size_t n = strlen(word);
    return n >= min && n <= strlen(name) && !strncmp(word, name, n);
}

void cmd_tokenize(const char *line, struct cmd *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->raw, sizeof c->raw, "%s", line);
    c->paren = -1;
    const char *p = c->raw;
    while (*p && c->argc < CMD_MAXARGS) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        c->at[c->argc] = (unsigned)(p - c->raw);
        char *t = c->argv[c->argc];
        size_t n = 0;
        if (*p == '(' || *p == ')') {
            t[n++] = *p++;
        } else {
            for (; *p && *p != ' ' && *p != '(' && *p != ')'; p++)
                if (n < 8)
                    t[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
        }
        t[n] = 0;
        if (!strcmp(t, "(") && c->paren < 0)
            c->paren = c->argc;
        c->argc++;
    }
    if (c->paren < 0)
        c->paren = c->argc;
    c->opt = c->paren < c->argc ? c->paren + 1 : c->argc;
}

static int execute(const char *line);

/* Run a command; what it changed on disks is committed when it ends. */
int cmd_execute(const char *line)
{
    int rc = execute(line);
    char bad = disk_commit_dirty();
    if (bad) {
        msg("DMSFNS105S ERROR WRITING TO DISK '%c'", bad);
        return 100;
    }
    return rc;
}

static int execute(const char *line)
{
    struct cmd c;
    cmd_tokenize(line, &c);
    if (!c.argc)
        return 0;
    disk_stamp_all();
    bool found;                             /* an EXEC, a MODULE, then the nucleus */
    int rc = exec_implied(&c, &found);
    if (found)
        return rc;
    rc = prog_run_module(&c, &found);
    if (found)
        return rc;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (cmd_abbrev(c.argv[0], cmds[i].name, cmds[i].min))
            return cmds[i].fn(&c);
    if (set_impcp) {                        /* implied CP */
        bool unknown;
        rc = cp_command_quiet(c.raw, &unknown);
        if (!unknown)                       /* else DMKCFM001E: CP did not know it either */
            return rc;
    }
    msg("Unknown CP/CMS command");
    return -3;
}

/* ---- file ids ------------------------------------------------------------- */

static void part(char *out, size_t cap, const char *tok, const char *like)
{
    snprintf(out, cap, "%s", !strcmp(tok, "=") && like ? like : tok);
}

int fileid_parse(const struct cmd *c, int i, struct fileid *f, const struct fileid *like)
{
    memset(f, 0, sizeof *f);
    int n = c->paren - i;
    if (n < 2)
        return 0;
    part(f->fn, sizeof f->fn, c->argv[i], like ? like->fn : NULL);
    part(f->ft, sizeof f->ft, c->argv[i + 1], like ? like->ft : NULL);
    if (n >= 3)
        part(f->fm, sizeof f->fm, c->argv[i + 2], like ? like->fm : NULL);
    return n >= 3 ? 3 : 2;
}

bool file_visible(const struct cms_disk *k, const struct edf_stat *st)
{
    return !(k->readonly && st->fm[1] == '0');
}

/* fn ft on disk k, as its user may see it. */
static bool on_disk(struct cms_disk *k, const struct fileid *f, struct edf_stat *st)
{
    return k && edf_lookup(k->d, f->fn, f->ft, st) == EDF_OK && file_visible(k, st);
}

struct cms_disk *file_find(const struct fileid *f, struct edf_stat *st)
{
    if (f->fm[0] && f->fm[0] != '*') {
        struct cms_disk *k = disk_at(f->fm[0]);
        if (on_disk(k, f, st))
            return k;
        for (char l = 'A'; l <= 'Z'; l++) {     /* then its extensions */
            struct cms_disk *e = disk_at(l);
            if (e && e->parent == f->fm[0] && on_disk(e, f, st))
                return e;
        }
        return NULL;
    }
    for (char l = 'A'; l <= 'Z'; l++) {
        struct cms_disk *k = disk_at(l);
        if (on_disk(k, f, st))
            return k;
    }
    return NULL;
}

int file_modenum(const struct edf_stat *st)
{
    return st->fm[1] >= '0' && st->fm[1] <= '6' ? st->fm[1] - '0' : 1;
}
