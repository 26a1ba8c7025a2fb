/*
 * cmd_query.c - QUERY: TIME, CPLEVEL, STORAGE (real), NAMES, USERS, a
 * user id, VIRTUAL [ALL|STORAGE|CONS|DASD] (the virtual machine's storage
 * and devices), a virtual address, LINKS raddr (cmd_link.c); the real
 * devices (cmd_rdev.c): DASD for everyone, and for class B a real
 * address, GRAF (TERMINAL on the operator's console), ALL.  Responses
 * have VM/370's forms.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "paging.h"
#include "mdisk.h"
#include "rdev.h"
#include "term.h"
#include "vm.h"
#include "vspool.h"

static void names(struct vm *vm)
{
    char line[80];
    size_t n = 0;
    struct vm *u;
    for (unsigned i = 0, k = 0; (u = vm_at(i)); i++) {     /* four to a line */
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%-8s - %s", n ? ", " : "",
                              u->userid, u->term ? "TERM" : "DSC");
        if (++k % 4 == 0) {
            say(vm, "%s", line);
            n = 0;
        }
    }
    if (n)
        say(vm, "%s", line);
}

static void user(struct vm *vm, const char *id)
{
    struct vm *u = vm_find(id);
    if (!u)
        say(vm, "DMKCQG045E %s NOT LOGGED ON", id);
    else if (u->term)
        say(vm, "%-8s - %03X", u->userid, term_addr(u->term));
    else
        say(vm, "%-8s - DSC", u->userid);
}

/* One virtual device's line. */
static void device(struct vm *vm, struct vdev *d)
{
    char line[80];
    struct vsp *s;
    if (d->ops == &vcon_ops) {
        if (vm->term)
            say(vm, "CONS %03X ON DEV %03X %s", d->addr, term_addr(vm->term), d->ops->type);
        else
            say(vm, "CONS %03X DSC %s", d->addr, d->ops->type);
        if ((s = vm->con_spool))                /* SPOOL CONSOLE's */
            say(vm, "CONS %03X CL %c %s %s COPY %03u TO %s", d->addr, s->cls,
                s->started ? "START" : "STOP", s->hold ? "HOLD" : "NOHOLD", s->copies,
                s->to[0] ? s->to : "SYSTEM");
    } else if (cmd_mdisk_line(d, line, sizeof line)) {
        say(vm, "%s", line);
    } else if ((s = vspool_of(d)) && s->func == VSP_READER) {
        say(vm, "RDR  %03X CL %c %s %s", d->addr, s->cls, s->cont ? "CONT" : "NOCONT",
            s->hold ? "HOLD" : "NOHOLD");
    } else if (s) {
        say(vm, "%s  %03X CL %c %s %s COPY %03u TO %s", d->ops->type, d->addr, s->cls,
            s->cont ? "CONT" : "NOCONT", s->hold ? "HOLD" : "NOHOLD", s->copies,
            s->to[0] ? s->to : "SYSTEM");
    } else {
        say(vm, "DEV  %03X %s", d->addr, d->ops->type);
    }
}

/* QUERY VIRTUAL [ALL | STORAGE | CONS | DASD] */
static void virtual(struct vm *vm, const char *what)
{
    bool all = !what || abbrev_of(what, "ALL", 1);
    bool stor = all || abbrev_of(what, "STORAGE", 3), cons = all || abbrev_of(what, "CONS", 4),
         dasd = all || abbrev_of(what, "DASD", 4);
    if (!stor && !cons && !dasd) {
        say(vm, "DMKCQV003E INVALID OPTION - %s", what);
        return;
    }
    if (stor)
        say(vm, "STORAGE = %05uK", (unsigned)(vm->size >> 10));
    for (unsigned i = 0; i < vm->nvdev; i++) {
        struct vdev *d = &vm->vdev[i];
        bool is_cons = d->ops == &vcon_ops, is_dasd = mdisk_of(d) && mdisk_of(d)->rd->dasd;
        if ((all && !is_cons && !is_dasd) || (cons && is_cons) || (dasd && is_dasd))
            device(vm, d);
    }
}

/* A virtual address of the user's, or -1. */
static int vaddr_of(struct vm *vm, const char *s)
{
    int v = cmd_vaddr(s);
    return v >= 0 && vm && vdev_find(vm, (uint16_t)v) ? v : -1;
}

void cmd_query(struct vm *vm, struct cmd_args *a)
{
    if (a->argc < 2) {
        say(vm, "DMKCQG026E OPERAND MISSING OR INVALID");
        return;
    }
    const char *what = a->argv[1];
    bool b = cmd_class_b(vm);
    if (abbrev_of(what, "TIME", 4)) {
        char time[9], date[9];
        const char *wd;
        tod_format(tod_now(), time, date, &wd);
        say(vm, "TIME IS %s GMT %s %s", time, wd, date);
    } else if (abbrev_of(what, "CPLEVEL", 5)) {
        say(vm, "CPCMS CP RELEASE %d LEVEL %d", CP_RELEASE, CP_LEVEL);
    } else if (abbrev_of(what, "STORAGE", 3)) {
        unsigned frames, avail, fs;
        storage_stats(&frames, &avail, &fs);
        say(vm, "STORAGE = %uK, FRAMES %u (%u FREE), FREE STORAGE %uK",
            (unsigned)(cp_memsize >> 10), frames, avail, fs >> 10);
    } else if (abbrev_of(what, "PAGING", 3)) {
        struct paging_stats ps;
        paging_stats(&ps);
        say(vm, "PAGING AREA %u PAGES, %u IN USE; %lu READ, %lu WRITTEN SINCE IPL", ps.slots,
            ps.slots - ps.slots_free, ps.reads, ps.writes);
    } else if (cmd_query_spool(vm, a)) {
        ;                                       /* READER, PRINTER, PUNCH, FILES */
    } else if (abbrev_of(what, "NAMES", 1)) {
        names(vm);
    } else if (abbrev_of(what, "USERS", 1) && a->argc == 2) {
        unsigned n = vm_count(), dsc = 0;
        for (unsigned i = 0; i < n; i++)
            dsc += vm_at(i)->term == NULL;
        say(vm, "%4u USERS, %4u DISCONNECTED", n, dsc);
    } else if (abbrev_of(what, "VIRTUAL", 1)) {
        if (vm)
            virtual(vm, a->argc > 2 ? a->argv[2] : NULL);
        else
            say(vm, "DMKCQG003E INVALID OPTION - %s", what);
    } else if (!strcmp(what, "SET") && vm) {
        cmd_query_set(vm);
    } else if (abbrev_of(what, "TERMINAL", 4) && vm) {
        cmd_query_terminal(vm);
    } else if ((abbrev_of(what, "GRAF", 4) && b) || (abbrev_of(what, "TERMINAL", 4) && !vm)) {
        cmd_query_rdevs(vm, 'G');
    } else if (!strcmp(what, "ALL") && b && a->argc == 2) {
        cmd_query_rdevs(vm, 'A');
    } else if (!strncmp(what, "PF", 2) && vm) {
        cmd_query_pf(vm, what);
    } else if (abbrev_of(what, "DASD", 4)) {
        cmd_query_rdevs(vm, 'D');
    } else if (abbrev_of(what, "LINKS", 4)) {
        if (a->argc < 3)
            say(vm, "DMKCQG026E OPERAND MISSING OR INVALID");
        else
            cmd_query_links(vm, a->argv[2]);
    } else if (vaddr_of(vm, what) >= 0 && !vm_find(what)) {
        device(vm, vdev_find(vm, (uint16_t)vaddr_of(vm, what)));
    } else if (b && cmd_vaddr(what) >= 0 && !vm_find(what) && cmd_query_rdev(vm, what)) {
        ;                                       /* QUERY raddr */
    } else if (strlen(what) <= 8 && vm_find(what)) {
        user(vm, what);
    } else if (abbrev_of(what, "USER", 4) && a->argc > 2) {
        user(vm, a->argv[2]);
    } else {
        say(vm, "DMKCQG045E %s NOT LOGGED ON", what);
    }
}
