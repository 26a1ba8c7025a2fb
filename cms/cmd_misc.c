/*
 * cmd_misc.c - CP (a command for CP, or CP's console function mode),
 * QUERY (DISK, SEARCH, RDYMSG, IMPCP, IMPEX) and SET (RDYMSG, IMPCP,
 * IMPEX).
 */
#include <stdio.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"

/* CP [command]: the rest of the line as typed goes to CP. */
int cmd_cp(struct cmd *c)
{
    if (c->argc < 2) {
        diag(0x08, 0, 0, NULL, NULL, NULL);     /* length 0: CP READ */
        return 0;
    }
    return cp_command(c->raw + c->at[1]);
}

static const char *onoff(bool b) { return b ? "ON" : "OFF"; }

int cmd_query(struct cmd *c)
{
    const char *w = c->argc > 1 ? c->argv[1] : "";
    if (cmd_abbrev(w, "DISK", 4))
        return query_disk(c->argc > 2 ? c->argv[2] : NULL);
    if (cmd_abbrev(w, "SEARCH", 6)) {
        for (char l = 'A'; l <= 'Z'; l++) {
            struct cms_disk *k = disk_at(l);
            if (!k)
                continue;
            struct edf_usage u;
            edf_usage(k->d, &u);
            msg("%-6s %03X %c   %s", u.volid, k->vaddr, l, k->readonly ? "R/O" : "R/W");
        }
        return 0;
    }
    if (cmd_abbrev(w, "RDYMSG", 6)) {
        msg("RDYMSG = %s", set_rdymsg_long ? "LMSG" : "SMSG");
        return 0;
    }
    if (cmd_abbrev(w, "IMPCP", 5)) {
        msg("IMPCP = %s", onoff(set_impcp));
        return 0;
    }
    if (cmd_abbrev(w, "IMPEX", 5)) {
        msg("IMPEX = %s", onoff(set_impex));
        return 0;
    }
    bool unknown;                           /* CP's QUERY, then */
    int rc = c->argc > 1 ? cp_command_quiet(c->raw, &unknown) : (unknown = true, 0);
    if (!unknown && rc != 3)
        return rc;
    msg("DMSQRY014E INVALID FUNCTION '%s'", w);
    return 24;
}

int cmd_set(struct cmd *c)
{
    const char *w = c->argc > 1 ? c->argv[1] : "", *v = c->argc > 2 ? c->argv[2] : "";
    bool *flag = cmd_abbrev(w, "IMPCP", 5) ? &set_impcp : cmd_abbrev(w, "IMPEX", 5) ? &set_impex : NULL;
    if (flag && (!strcmp(v, "ON") || !strcmp(v, "OFF"))) {
        *flag = !strcmp(v, "ON");
        return 0;
    }
    if (cmd_abbrev(w, "RDYMSG", 6) && (!strcmp(v, "LMSG") || !strcmp(v, "SMSG"))) {
        set_rdymsg_long = !strcmp(v, "LMSG");
        return 0;
    }
    if (flag || cmd_abbrev(w, "RDYMSG", 6)) {
        msg("DMSSET070E INVALID PARAMETER '%s'", v);
        return 24;
    }
    msg("DMSSET014E INVALID FUNCTION '%s'", w);
    return 24;
}
