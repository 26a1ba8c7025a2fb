/*
 * command.c - CP's command processor: a line becomes a command name and
 * operands (blank-separated, upper-cased), the name is found in the table
 * of cmds.h.inc by its abbreviations, and the handler runs.  Messages
 * follow VM/370's form, DMKxxxnnnt, with numbers kept stable for tests.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"

#define MAXARGS 16

struct cmd_args {
    int argc;
    char *argv[MAXARGS];
};

#define CMD(name, abbrev, classes, fn) static void cmd_##fn(struct cmd_args *a);
#include "cmds.h.inc"
#undef CMD

static const struct cmd {
    const char *name;
    unsigned abbrev;
    const char *classes;
    void (*fn)(struct cmd_args *a);
} cmds[] = {
#define CMD(name, abbrev, classes, fn) {name, abbrev, classes, cmd_##fn},
#include "cmds.h.inc"
#undef CMD
};

/* Is word an abbreviation of name at least min characters long? */
static bool abbrev_of(const char *word, const char *name, unsigned min)
{
    size_t n = strlen(word);
    return n >= min && n <= strlen(name) && !strncmp(word, name, n);
}

static void tokenize(char *line, struct cmd_args *a)
{
    a->argc = 0;
    for (char *p = line; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (a->argc < MAXARGS)
            a->argv[a->argc++] = p;
        while (*p && *p != ' ') {
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
            p++;
        }
        if (*p)
            *p++ = 0;
    }
}

void cmd_run(char *line)
{
    struct cmd_args a;
    tokenize(line, &a);
    if (a.argc == 0)
        return;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (abbrev_of(a.argv[0], cmds[i].name, cmds[i].abbrev)) {
            cmds[i].fn(&a);
            return;
        }
    printf("DMKCFM001E INVALID CP COMMAND %s\n", a.argv[0]);
}

static void show_time(void)
{
    char time[9], date[9];
    const char *wd;
    tod_format(tod_now(), time, date, &wd);
    printf("TIME IS %s GMT %s %s\n", time, wd, date);
}

static void cmd_query(struct cmd_args *a)
{
    if (a->argc < 2) {
        printf("DMKCQG026E OPERAND MISSING OR INVALID\n");
        return;
    }
    if (abbrev_of(a->argv[1], "TIME", 4)) {
        show_time();
        return;
    }
    if (abbrev_of(a->argv[1], "CPLEVEL", 5)) {
        printf("CPCMS CP RELEASE %d LEVEL %d\n", CP_RELEASE, CP_LEVEL);
        return;
    }
    printf("DMKCQG003E INVALID OPTION - %s\n", a->argv[1]);
}

static void cmd_shutdown(struct cmd_args *a)
{
    (void)a;
    cp_shutdown_requested = true;
}
