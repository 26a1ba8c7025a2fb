/*
 * cmd_spool.c - the spooling commands, VM/370's:
 *
 *   SPOOL  vaddr|READER|PUNCH|PRINTER|CONSOLE [TO userid|TO *|OFF] [CLASS c]
 *          [CONT|NOCONT] [HOLD|NOHOLD] [COPY n] [START|STOP] [CLOSE]
 *   CLOSE  vaddr|READER|PUNCH|PRINTER|CONSOLE [NAME fn [ft]] [DIST d] [HOLD|NOHOLD] [PURGE]
 *   PURGE  READER|PRINTER|PUNCH ALL|CLASS c|spoolid...
 *   CHANGE READER|PRINTER|PUNCH ALL|CLASS c|spoolid [CLASS c] [NAME fn ft]
 *          [DIST d] [COPY n] [HOLD|NOHOLD]
 *   TRANSFER [READER] ALL|CLASS c|spoolid... TO userid
 *   ORDER  [READER] spoolid...
 *   QUERY  READER|PRINTER|PUNCH [ALL], QUERY FILES (cmd_query_spool)
 *   START, DRAIN  raddr|PRINTER|PUNCH|READER|ALL: the real devices (rspool.c)
 *
 * A user's files are those in the user's reader and the printer and
 * punch files the user made that wait for the system's devices.  The
 * console (CONSOLE, or its address) spools like a printer once SPOOL
 * CONSOLE START: START, STOP and CLOSE are its alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "rspool.h"
#include "spool.h"
#include "userdir.h"
#include "vm.h"
#include "vspool.h"

#include "cmd.h"

/* READER, PRINTER, PUNCH and their short forms: SPQ_*, or 0. */
static unsigned queue_of(const char *w)
{
    if (abbrev_of(w, "READER", 3) || !strcmp(w, "RDR"))
        return SPQ_RDR;
    if (abbrev_of(w, "PRINTER", 3) || !strcmp(w, "PRT"))
        return SPQ_PRT;
    if (abbrev_of(w, "PUNCH", 3) || !strcmp(w, "PCH"))
        return SPQ_PUN;
    return 0;
}

static const char *queue_name(unsigned q) { return q == SPQ_RDR ? "RDR" : q == SPQ_PRT ? "PRT" : "PUN"; }

/* The spooling of the device a SPOOL or CLOSE names: an address, the
   first of a kind, or the console. */
static struct vsp *spool_dev(struct vm *vm, const char *w)
{
    unsigned q = queue_of(w);
    unsigned func = q == SPQ_RDR ? VSP_READER : q == SPQ_PRT ? VSP_PRINTER : q ? VSP_PUNCH : 0;
    bool console = abbrev_of(w, "CONSOLE", 4);
    int va = func || console ? -1 : cmd_vaddr(w);
    for (unsigned i = 0; i < vm->nvdev; i++) {
        struct vdev *d = &vm->vdev[i];
        struct vsp *s = vspool_of(d);
        if (s && (va >= 0 ? d->addr == va : s->func == func))
            return s;
        if ((console || (va >= 0 && d->addr == va)) && d->ops == &vcon_ops) {
            struct vsp *c = vspool_console_of(vm);
            if (!c)
                say(vm, "DMKCSP093E CONSOLE NOT SPOOLED; NO STORAGE");
            return c;
        }
    }
    say(vm, "DMKCSP040E DEV %s DOES NOT EXIST", w);
    return NULL;
}

static bool class_ok(const char *w, bool star)
{
    return strlen(w) == 1 && ((w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9') ||
                              (star && w[0] == '*'));
}

/* COPY n: 1-99, or 0. */
static unsigned copies(const char *w)
{
    char *end;
    long n = strtol(w, &end, 10);
    return *end || n < 1 || n > 99 ? 0 : (unsigned)n;
}

static bool user_ok(struct vm *vm, const char *who)
{
    struct dir_user u;
    if (userdir_find(who, &u) == DIR_OK)
        return true;
    say(vm, "DMKCSP053E %s NOT IN CP DIRECTORY", who);
    return false;
}

void cmd_spool(struct vm *vm, struct cmd_args *a)
{
    if (!vm || a->argc < 2) {
        say(vm, "DMKCSP026E OPERAND MISSING OR INVALID");
        return;
    }
    struct vsp *s = spool_dev(vm, a->argv[1]), n;
    if (!s)
        return;
    n = *s;
    bool close = false;
    for (int i = 2; i < a->argc; i++) {
        const char *w = a->argv[i];
        const char *v = i + 1 < a->argc ? a->argv[i + 1] : NULL;
        if (!strcmp(w, "TO") && v && s->func != VSP_READER) {
            const char *who = strcmp(v, "*") ? v : vm->userid;
            if (!strcmp(who, "SYSTEM"))
                n.to[0] = 0;
            else if (user_ok(vm, who))
                snprintf(n.to, sizeof n.to, "%s", who);
            else
                return;
            i++;
        } else if (!strcmp(w, "OFF") && s->func != VSP_READER) {
            n.to[0] = 0;
        } else if (abbrev_of(w, "CLASS", 2) && v && class_ok(v, s->func == VSP_READER)) {
            n.cls = v[0];
            i++;
        } else if (abbrev_of(w, "COPY", 3) && v && copies(v)) {
            n.copies = (uint16_t)copies(v);
            i++;
        } else if (!v && (!strcmp(w, "TO") || abbrev_of(w, "CLASS", 2) || abbrev_of(w, "COPY", 3))) {
            say(vm, "DMKCSP026E OPERAND MISSING OR INVALID");
            return;
        } else if (!strcmp(w, "CONT")) {
            n.cont = true;
        } else if (!strcmp(w, "NOCONT")) {
            n.cont = false;
        } else if (!strcmp(w, "HOLD")) {
            n.hold = true;
        } else if (!strcmp(w, "NOHOLD")) {
            n.hold = false;
        } else if (s->console && !strcmp(w, "START")) {
            n.started = true;
        } else if (s->console && !strcmp(w, "STOP")) {
            n.started = false;
        } else if (s->console && !strcmp(w, "CLOSE")) {
            close = true;
        } else {
            say(vm, "DMKCSP003E INVALID OPTION - %s", w);
            return;
        }
    }
    s->started = n.started;
    s->cls = n.cls;
    s->copies = n.copies;
    s->cont = n.cont;
    s->hold = n.hold;
    memcpy(s->to, n.to, sizeof s->to);
    if (close)
        vspool_close(vm, s, NULL, NULL, NULL, -1, false);
}

void cmd_close(struct vm *vm, struct cmd_args *a)
{
    if (!vm || a->argc < 2) {
        say(vm, "DMKCSP026E OPERAND MISSING OR INVALID");
        return;
    }
    struct vsp *s = spool_dev(vm, a->argv[1]);
    if (!s)
        return;
    const char *fn = NULL, *ft = NULL, *dist = NULL;
    int hold = -1;
    bool purge = false;
    for (int i = 2; i < a->argc; i++) {
        const char *w = a->argv[i];
        if (!strcmp(w, "NAME") && i + 1 < a->argc) {
            fn = a->argv[++i];
            if (i + 1 < a->argc && strcmp(a->argv[i + 1], "DIST") && strcmp(a->argv[i + 1], "HOLD") &&
                strcmp(a->argv[i + 1], "NOHOLD") && strcmp(a->argv[i + 1], "PURGE"))
                ft = a->argv[++i];
        } else if (!strcmp(w, "DIST") && i + 1 < a->argc) {
            dist = a->argv[++i];
        } else if (!strcmp(w, "HOLD")) {
            hold = 1;
        } else if (!strcmp(w, "NOHOLD")) {
            hold = 0;
        } else if (!strcmp(w, "PURGE")) {
            purge = true;
        } else {
            say(vm, "DMKCSP003E INVALID OPTION - %s", w);
            return;
        }
    }
    vspool_close(vm, s, fn, ft, dist, hold, purge);
}

/* Which of the user's files of a queue a PURGE, CHANGE or TRANSFER
   means: ALL, CLASS c, or spool ids (at most MAX_IDS). */
#define MAX_IDS 16
struct selection {
    bool all;
    char cls;
    unsigned ids[MAX_IDS], nids;
};

/* Operands from *i on, up to "TO" or an attribute CHANGE takes; false
   (said) if there are none or one is bad. */
static bool select_files(struct vm *vm, struct cmd_args *a, int *i, struct selection *sel,
                         bool changing)
{
    memset(sel, 0, sizeof *sel);
    for (; *i < a->argc && strcmp(a->argv[*i], "TO"); ++*i) {
        const char *w = a->argv[*i];
        char *end;
        unsigned long id = strtoul(w, &end, 10);
        if (!strcmp(w, "ALL") && !sel->nids && !sel->cls) {
            sel->all = true;
        } else if (abbrev_of(w, "CLASS", 2) && !sel->all && !sel->cls && !sel->nids &&
                   *i + 1 < a->argc && class_ok(a->argv[*i + 1], false)) {
            sel->cls = a->argv[++*i][0];
        } else if (!*end && id >= 1 && id <= SPOOL_MAX_ID && !sel->all && !sel->cls &&
                   sel->nids < MAX_IDS) {
            sel->ids[sel->nids++] = (unsigned)id;
        } else if (changing && (sel->all || sel->cls || sel->nids)) {
            break;                              /* the attributes begin */
        } else {
            say(vm, "DMKCSU003E INVALID OPTION - %s", w);
            return false;
        }
    }
    if (!sel->all && !sel->cls && !sel->nids) {
        say(vm, "DMKCSU026E OPERAND MISSING OR INVALID");
        return false;
    }
    return true;
}

/* The user's files of queue q that sel means, into out (at most max):
   how many; an id that is not the user's is said. */
static unsigned selected(struct vm *vm, unsigned q, const struct selection *sel,
                         struct sfile **out, unsigned max)
{
    unsigned n = 0;
    if (sel->nids) {
        for (unsigned k = 0; k < sel->nids; k++) {
            struct sfile *f = spool_find(sel->ids[k]);
            if (!f || f->queue != q || strcmp(f->owner, vm->userid))
                say(vm, "DMKCSU042E SPOOLID %04u DOES NOT EXIST", sel->ids[k]);
            else if (n < max)
                out[n++] = f;
        }
        return n;
    }
    for (struct sfile *f = spool_next(q, vm->userid, NULL); f && n < max;
         f = spool_next(q, vm->userid, f))
        if (!sel->cls || f->cls == sel->cls)
            out[n++] = f;
    return n;
}

static void count_said(struct vm *vm, unsigned n, const char *what)
{
    say(vm, "%04u FILE%s %s", n, n == 1 ? "" : "S", what);
}

void cmd_purge(struct vm *vm, struct cmd_args *a)
{
    unsigned q = a->argc > 1 ? queue_of(a->argv[1]) : 0;
    if (!vm || !q) {
        say(vm, "DMKCSU026E OPERAND MISSING OR INVALID");
        return;
    }
    struct selection sel;
    int i = 2;
    if (!select_files(vm, a, &i, &sel, false))
        return;
    static struct sfile *list[SPOOL_MAX_FILES];
    unsigned n = selected(vm, q, &sel, list, SPOOL_MAX_FILES), purged = 0;
    for (unsigned k = 0; k < n; k++)
        if (!list[k]->open) {
            spool_purge(list[k]);
            purged++;
        }
    if (purged || !sel.nids)            /* else the ids were said not to exist */
        count_said(vm, purged, "PURGED");
}

void cmd_change(struct vm *vm, struct cmd_args *a)
{
    unsigned q = a->argc > 1 ? queue_of(a->argv[1]) : 0;
    if (!vm || !q) {
        say(vm, "DMKCSU026E OPERAND MISSING OR INVALID");
        return;
    }
    struct selection sel;
    int i = 2;
    if (!select_files(vm, a, &i, &sel, true))
        return;
    struct sfile set = {0};
    int hold = -1;
    for (; i < a->argc; i++) {
        const char *w = a->argv[i], *v = i + 1 < a->argc ? a->argv[i + 1] : NULL;
        if (abbrev_of(w, "CLASS", 2) && v && class_ok(v, false)) {
            set.cls = v[0];
        } else if (!strcmp(w, "NAME") && v) {
            snprintf(set.fn, sizeof set.fn, "%s", v);
            if (i + 2 < a->argc) {
                i++;
                v = a->argv[i + 1];
                snprintf(set.ft, sizeof set.ft, "%s", v);
            }
        } else if (!strcmp(w, "DIST") && v) {
            snprintf(set.dist, sizeof set.dist, "%s", v);
        } else if (abbrev_of(w, "COPY", 3) && v && copies(v)) {
            set.copies = (uint16_t)copies(v);
        } else if (!strcmp(w, "HOLD") || !strcmp(w, "NOHOLD")) {
            hold = !strcmp(w, "HOLD");
            continue;
        } else {
            say(vm, "DMKCSU003E INVALID OPTION - %s", w);
            return;
        }
        i++;
    }
    static struct sfile *list[SPOOL_MAX_FILES];
    unsigned n = selected(vm, q, &sel, list, SPOOL_MAX_FILES);
    for (unsigned k = 0; k < n; k++) {
        struct sfile *f = list[k];
        if (set.cls)
            f->cls = set.cls;
        if (set.fn[0]) {
            memcpy(f->fn, set.fn, sizeof f->fn);
            memcpy(f->ft, set.ft, sizeof f->ft);
        }
        if (set.dist[0])
            memcpy(f->dist, set.dist, sizeof f->dist);
        if (set.copies)
            f->copies = set.copies;
        if (hold >= 0)
            f->hold = hold;
        spool_changed(f);
    }
    rspool_kick();                              /* a file no longer held */
    count_said(vm, n, "CHANGED");
}

void cmd_transfer(struct vm *vm, struct cmd_args *a)
{
    int i = 1;
    if (i < a->argc && queue_of(a->argv[i]) == SPQ_RDR)
        i++;
    struct selection sel;
    if (!vm || !select_files(vm, a, &i, &sel, false))
        return;
    if (i + 1 >= a->argc) {
        say(vm, "DMKCSU026E OPERAND MISSING OR INVALID");
        return;
    }
    const char *to = strcmp(a->argv[i + 1], "*") ? a->argv[i + 1] : vm->userid;
    if (!user_ok(vm, to))
        return;
    static struct sfile *list[SPOOL_MAX_FILES];
    unsigned n = selected(vm, SPQ_RDR, &sel, list, SPOOL_MAX_FILES), moved = 0;
    for (unsigned k = 0; k < n; k++) {
        struct sfile *f = list[k];
        if (f->open)
            continue;
        snprintf(f->owner, sizeof f->owner, "%s", to);
        spool_last(f);
        vspool_arrived(f, "TRANSFERRED ");
        moved++;
    }
    count_said(vm, moved, "TRANSFERRED");
}

void cmd_order(struct vm *vm, struct cmd_args *a)
{
    int i = 1;
    if (i < a->argc && queue_of(a->argv[i]) == SPQ_RDR)
        i++;
    struct selection sel;
    if (!vm || !select_files(vm, a, &i, &sel, false))
        return;
    if (!sel.nids) {
        say(vm, "DMKCSU003E INVALID OPTION - %s", sel.all ? "ALL" : "CLASS");
        return;
    }
    struct sfile *list[MAX_IDS];
    unsigned n = selected(vm, SPQ_RDR, &sel, list, MAX_IDS);
    /* the ones named first, in the order named; the others after them */
    static struct sfile *rest[SPOOL_MAX_FILES];
    unsigned nrest = 0;
    for (struct sfile *f = spool_next(SPQ_RDR, vm->userid, NULL); f;
         f = spool_next(SPQ_RDR, vm->userid, f)) {
        bool named = false;
        for (unsigned k = 0; k < n; k++)
            named |= list[k] == f;
        if (!named && nrest < SPOOL_MAX_FILES)
            rest[nrest++] = f;
    }
    for (unsigned k = 0; k < n; k++)
        spool_last(list[k]);
    for (unsigned k = 0; k < nrest; k++)
        spool_last(rest[k]);
    count_said(vm, n, "ORDERED");
}

static void file_line(struct vm *vm, const struct sfile *f, bool all)
{
    char line[160];
    int n = snprintf(line, sizeof line, "%-8s %04u %c %s %08u %03u %-4s", f->origin, f->id,
                     f->cls, spool_type_name(f),
                     (unsigned)f->recs, f->copies, f->hold ? "USER" : "NONE");
    if (all) {
        char time[9], date[9];
        const char *wd;
        tod_format(f->tod, time, date, &wd);
        snprintf(line + n, sizeof line - (size_t)n, " %.5s %s %-8s %-8s %-8s", date, time,
                 f->fn, f->ft, f->dist);
    }
    say(vm, "%s", line);
}

bool cmd_query_spool(struct vm *vm, struct cmd_args *a)
{
    const char *what = a->argv[1];
    if (abbrev_of(what, "FILES", 5)) {
        if (!vm)
            return false;
        char part[3][12];
        for (unsigned q = SPQ_RDR; q <= SPQ_PUN; q++) {
            unsigned n = 0;
            for (struct sfile *f = spool_next(q, vm->userid, NULL); f;
                 f = spool_next(q, vm->userid, f))
                n++;
            if (n)
                snprintf(part[q - 1], sizeof part[0], "%04u %s", n, queue_name(q));
            else
                snprintf(part[q - 1], sizeof part[0], "NO %s", queue_name(q));
        }
        say(vm, "FILES: %s, %s, %s", part[0], part[1], part[2]);
        return true;
    }
    unsigned q = queue_of(what);
    if (!q || !vm)
        return false;
    bool all = a->argc > 2 && !strcmp(a->argv[2], "ALL");
    struct sfile *f = spool_next(q, vm->userid, NULL);
    if (!f) {
        say(vm, "NO %s FILES", queue_name(q));
        return true;
    }
    say(vm, "ORIGINID FILE CLASS RECORDS  CPY HOLD%s",
        all ? " DATE  TIME     NAME     TYPE     DIST" : "");
    for (; f; f = spool_next(q, vm->userid, f))
        file_line(vm, f, all);
    return true;
}

/* START or DRAIN: the real devices the operand names; START's SEP (the
   default) or NOSEP: separators before the files or not. */
static void start_drain(struct vm *vm, struct cmd_args *a, bool start)
{
    bool sep = true;
    if (start && a->argc == 3 && (!strcmp(a->argv[2], "SEP") || !strcmp(a->argv[2], "NOSEP")))
        sep = !strcmp(a->argv[2], "SEP");
    else if (a->argc != 2) {
        say(vm, "DMKCSO026E OPERAND MISSING OR INVALID");
        return;
    }
    const char *w = a->argv[1];
    unsigned q = queue_of(w);
    const char *want = q == SPQ_RDR ? "RDR" : q == SPQ_PRT ? "PRT" : q == SPQ_PUN ? "PUN" : NULL;
    int raddr = want || !strcmp(w, "ALL") ? -1 : cmd_vaddr(w);
    if (!want && raddr < 0 && strcmp(w, "ALL")) {
        say(vm, "DMKCSO003E INVALID OPTION - %s", w);
        return;
    }
    unsigned n = 0;
    for (unsigned i = 0; i < rspool_count(); i++) {
        unsigned addr;
        const char *kind;
        bool started;
        rspool_info(i, &addr, &kind, &started);
        if ((want && strcmp(kind, want)) || (raddr >= 0 && (unsigned)raddr != addr))
            continue;
        rspool_start(i, start, sep);
        say(vm, "%s %03X %s", kind, addr, start ? "STARTED" : "DRAINED");
        n++;
    }
    if (!n)
        say(vm, "DMKCSO040E DEV %s DOES NOT EXIST", w);
}

void cmd_start(struct vm *vm, struct cmd_args *a) { start_drain(vm, a, true); }

void cmd_drain(struct vm *vm, struct cmd_args *a) { start_drain(vm, a, false); }
