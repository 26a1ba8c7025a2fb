/*
 * cmd_rdev.c - the operator's commands on real devices (VM/370's class B,
 * the Operator's Guide GC20-1806):
 *
 *   ATTACH raddr [TO] userid|* [AS] vaddr [R/O]   a DASD or tape dedicated
 *                                                 to a user (a DASD R/O:
 *                                                 writes rejected)
 *   ATTACH raddr [TO] SYSTEM [[AS] volid]    a DASD's minidisks usable again
 *   DETACH raddr [[FROM] userid|*|SYSTEM]    and back (from a virtual
 *                                            machine, the user or SYSTEM
 *                                            named: DETACH vaddr is the
 *                                            user's own, cmd_link.c)
 *   VARY ONLINE|OFFLINE raddr
 *   ENABLE ALL|raddr, DISABLE ALL|raddr      3270s: the logo, or dark
 *   QUERY raddr | DASD | GRAF | ALL          (cmd_query.c asks here)
 *
 * The state is the real device's (rdev.h): offline, attached to the
 * system, dedicated to a virtual machine (mdisk_dedicate: CCW translation
 * without relocation), or free.  Every DASD found at IPL is attached to
 * the system; one without minidisk links, not the system residence
 * volume (CP owned), can be attached to a user, and when the user
 * detaches it or logs off it is free until ATTACH TO SYSTEM reads its
 * label again.  DASD and tape drives are dedicated (the 3270s are CP's
 * terminals; CP finds no other device it could give); a tape drive is
 * not rewound at DETACH.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "mdisk.h"
#include "rdev.h"
#include "term.h"
#include "vm.h"

/* Does the issuer have class B (the console without a VM: every class)? */
bool cmd_class_b(const struct vm *vm)
{
    return !vm || strchr(vm->classes, 'B');
}

/* The real device named by operand s, or NULL after the message (prefix
   "DMKATT" etc.). */
static struct rdev *raddr_arg(struct vm *vm, const char *pfx, const char *s)
{
    int ra = s ? cmd_vaddr(s) : -1;
    if (ra < 0) {
        say(vm, "%s021E RADDR MISSING OR INVALID", pfx);
        return NULL;
    }
    struct rdev *r = rdev_find((unsigned)ra);
    if (!r)
        say(vm, "%s040E DEV %03X DOES NOT EXIST", pfx, (unsigned)ra);
    return r;
}

static const char *issuer(const struct vm *vm) { return vm ? vm->userid : "OPERATOR"; }

/* Can DASD or tape r be given to a user?  Otherwise the message why. */
static bool dasd_free(struct vm *vm, const char *pfx, struct rdev *r)
{
    unsigned links;
    if (!r->dasd && !r->tape)
        say(vm, "%s126E %s %03X CANNOT BE ATTACHED", pfx, rdev_class(r), r->addr);
    else if (r->offline)
        say(vm, "%s046E %s %03X OFFLINE", pfx, rdev_class(r), r->addr);
    else if (r->vm)
        say(vm, "%s122E %s %03X ALREADY ATTACHED TO %s", pfx, rdev_class(r), r->addr,
            r->vm->userid);
    else if (!r->dasd)
        return true;
    else if (r->addr == cp_ipl_dev)
        say(vm, "%s123E DASD %03X CP OWNED", pfx, r->addr);
    else if ((links = mdisk_links(r)))
        say(vm, "%s124E DASD %03X IN USE BY %u USER%s", pfx, r->addr, links,
            links == 1 ? "" : "S");
    else
        return true;
    return false;
}

/* ATTACH raddr [TO] SYSTEM [[AS] volid]: the label read again; its
   minidisks can be linked. */
static void attach_system(struct vm *vm, struct rdev *r, const char *volid)
{
    if (!r->dasd) {
        say(vm, "DMKATT126E %s %03X IS NOT A DASD", rdev_class(r), r->addr);
        return;
    }
    if (r->offline || r->vm) {
        dasd_free(vm, "DMKATT", r);
        return;
    }
    if (r->system) {
        say(vm, "DMKATT122E DASD %03X ALREADY ATTACHED TO SYSTEM", r->addr);
        return;
    }
    rdev_read_label(r);
    if (volid && strcmp(volid, r->volser)) {
        say(vm, "DMKATT108E VOLID %s NOT MOUNTED; DASD %03X IS %s", volid, r->addr,
            r->volser[0] ? r->volser : "(NO LABEL)");
        return;
    }
    struct rdev *o = r->volser[0] ? rdev_find_volser(r->volser) : NULL;
    if (o) {
        say(vm, "DMKATT129E VOLID %s ALREADY ATTACHED TO SYSTEM AT %03X", r->volser, o->addr);
        return;
    }
    r->system = true;
    say(vm, "DASD %03X ATTACHED TO SYSTEM %s", r->addr, r->volser[0] ? r->volser : "(NO LABEL)");
}

/* ATTACH raddr [TO] userid|*|SYSTEM [AS] vaddr|volid */
void cmd_attach(struct vm *vm, struct cmd_args *a)
{
    struct rdev *r = raddr_arg(vm, "DMKATT", a->argc > 1 ? a->argv[1] : NULL);
    if (!r)
        return;
    int i = 2;
    if (i < a->argc && !strcmp(a->argv[i], "TO"))
        i++;
    if (i >= a->argc || (!strcmp(a->argv[i], "*") && !vm) || strlen(a->argv[i]) > 8) {
        say(vm, "DMKATT020E USERID MISSING OR INVALID");
        return;
    }
    const char *who = a->argv[i++];
    if (i < a->argc && !strcmp(a->argv[i], "AS"))
        i++;
    bool ro = i + 1 < a->argc && !strcmp(a->argv[i + 1], "R/O") && r->dasd;
    if (i + 1 + ro < a->argc) {
        say(vm, "DMKATT003E INVALID OPTION - %s", a->argv[i + 1]);
        return;
    }
    if (!strcmp(who, "SYSTEM")) {
        attach_system(vm, r, i < a->argc ? a->argv[i] : NULL);
        return;
    }
    if (ro && !r->cyls && !r->vm && !r->offline)
        r->cyls = rdev_count_cyls(r);           /* sleeps: before the user is looked up */
    struct vm *u = !strcmp(who, "*") ? vm : vm_find(who);
    if (!u) {
        say(vm, "DMKATT045E %s NOT LOGGED ON", who);
        return;
    }
    int va = i < a->argc ? cmd_vaddr(a->argv[i]) : -1;
    if (va < 0) {
        say(vm, "DMKATT022E VADDR MISSING OR INVALID");
        return;
    }
    if (!dasd_free(vm, "DMKATT", r))
        return;
    const char *cls = rdev_class(r);
    if (vdev_find(u, (uint16_t)va)) {
        say(vm, "DMKATT120E %s %03X NOT ATTACHED; %s %03X ALREADY DEFINED", cls, r->addr,
            u->userid, (unsigned)va);
        return;
    }
    if (!mdisk_dedicate(u, (unsigned)va, r, ro)) {
        say(vm, "DMKATT125E %s %03X NOT ATTACHED; NO ROOM FOR THE DEVICE", cls, r->addr);
        return;
    }
    if (u != vm)
        vm_say(u, "%s %03X ATTACHED", cls, (unsigned)va);
    say(vm, "%s %03X ATTACHED TO %s %03X", cls, r->addr, u->userid, (unsigned)va);
}

/*
 * DETACH raddr [[FROM] userid|*|SYSTEM], the operator's form: true if
 * it is that form (a class B issuer naming a user or SYSTEM, or the
 * console), and done; false for the user's DETACH vaddr (cmd_link.c).
 */
bool cmd_detach_real(struct vm *vm, struct cmd_args *a)
{
    if (!cmd_class_b(vm) || (vm && a->argc < 3))
        return false;
    struct rdev *r = raddr_arg(vm, "DMKDTC", a->argc > 1 ? a->argv[1] : NULL);
    if (!r)
        return true;
    int i = 2;
    if (i < a->argc && !strcmp(a->argv[i], "FROM"))
        i++;
    const char *who = i < a->argc ? a->argv[i++] : NULL;
    if (i < a->argc) {
        say(vm, "DMKDTC003E INVALID OPTION - %s", a->argv[i]);
        return true;
    }
    if (who && !strcmp(who, "SYSTEM")) {
        unsigned links;
        if (!r->dasd || !r->system)
            say(vm, "DMKDTC121E %s %03X NOT ATTACHED TO SYSTEM", rdev_class(r), r->addr);
        else if (r->addr == cp_ipl_dev)
            say(vm, "DMKDTC123E DASD %03X CP OWNED", r->addr);
        else if ((links = mdisk_links(r)))
            say(vm, "DMKDTC124E DASD %03X IN USE BY %u USER%s", r->addr, links,
                links == 1 ? "" : "S");
        else {
            r->system = false;
            say(vm, "DASD %03X DETACHED FROM SYSTEM", r->addr);
        }
        return true;
    }
    struct vm *u = !who ? r->vm : !strcmp(who, "*") ? vm : vm_find(who);
    if (who && !u) {
        say(vm, "DMKDTC045E %s NOT LOGGED ON", who);
        return true;
    }
    if (!r->vm || r->vm != u) {
        say(vm, "DMKDTC121E %s %03X NOT ATTACHED%s%s", rdev_class(r), r->addr, u ? " TO " : "",
            u ? u->userid : "");
        return true;
    }
    unsigned va = r->vaddr;
    struct vdev *d = vdev_find(u, (uint16_t)va);
    r->by_operator = true;
    if (!d || !vdev_remove(u, d)) {
        r->by_operator = false;
        say(vm, "DMKDTC141E %03X BUSY; NOT DETACHED", r->addr);
        return true;
    }
    if (u != vm)
        vm_say(u, "%s %03X DETACHED BY %s", rdev_class(r), va, issuer(vm));
    say(vm, "%s %03X DETACHED FROM %s %03X", rdev_class(r), r->addr, u->userid, va);
    return true;
}

/* VARY ONLINE|OFFLINE raddr */
void cmd_vary(struct vm *vm, struct cmd_args *a)
{
    bool on = a->argc > 1 && abbrev_of(a->argv[1], "ONLINE", 2);
    bool off = a->argc > 1 && abbrev_of(a->argv[1], "OFFLINE", 3);
    if (!on && !off) {
        say(vm, "DMKCPV026E OPERAND MISSING OR INVALID");
        return;
    }
    struct rdev *r = raddr_arg(vm, "DMKCPV", a->argc > 2 ? a->argv[2] : NULL);
    if (!r)
        return;
    struct term *t = term_find(r->addr);
    if (off) {
        if (r->vm) {
            say(vm, "DMKCPV122E %s %03X ATTACHED TO %s", rdev_class(r), r->addr, r->vm->userid);
            return;
        }
        if (r->dasd && r->addr == cp_ipl_dev) {
            say(vm, "DMKCPV123E DASD %03X CP OWNED", r->addr);
            return;
        }
        if (t && term_user(t)->vm) {
            say(vm, "DMKCPV124E GRAF %03X IN USE BY %s", r->addr, term_user(t)->vm->userid);
            return;
        }
        if (t)
            term_enable(t, false);
    }
    r->offline = off;
    say(vm, "%s %03X VARIED %s", rdev_class(r), r->addr, off ? "OFFLINE" : "ONLINE");
}

/* ENABLE and DISABLE ALL|raddr */
static void enable(struct vm *vm, struct cmd_args *a, bool on)
{
    if (a->argc != 2) {
        say(vm, "DMKCPV026E OPERAND MISSING OR INVALID");
        return;
    }
    if (!strcmp(a->argv[1], "ALL")) {
        for (unsigned i = 0; term_at(i); i++) {
            struct rdev *r = rdev_find(term_addr(term_at(i)));
            if (!r || !r->offline)
                term_enable(term_at(i), on);
        }
        say(vm, "COMMAND COMPLETE");
        return;
    }
    struct rdev *r = raddr_arg(vm, "DMKCPV", a->argv[1]);
    if (!r)
        return;
    struct term *t = term_find(r->addr);
    if (!t) {
        say(vm, "DMKCPV147E %s %03X IS NOT A TERMINAL", rdev_class(r), r->addr);
        return;
    }
    if (on && r->offline) {
        say(vm, "DMKCPV046E GRAF %03X OFFLINE", r->addr);
        return;
    }
    term_enable(t, on);
    say(vm, "GRAF %03X %s", r->addr, on ? "ENABLED" : "DISABLED");
}

void cmd_enable(struct vm *vm, struct cmd_args *a) { enable(vm, a, true); }
void cmd_disable(struct vm *vm, struct cmd_args *a) { enable(vm, a, false); }

/* The QUERY line of a real device:
     DASD 123 3330 CPSYS1    2 LINKS CP OWNED     (the system residence volume)
     DASD 124 3350 USR001    1 LINKS              (attached to the system)
     DASD 131 ATTACHED TO USER1 150 [R/O]
     DASD 131 3350 SPARE1 FREE
     TAPE 180 3420 FREE
     GRAF 0C0 LOGON AS USER1 / GRAF 0C1 ENABLED / DISABLED
     DEV 00E 3211
   with OFFLINE for a device varied offline. */
static void rdev_line(struct vm *vm, struct rdev *r)
{
    const char *cls = rdev_class(r);
    struct term *t = term_find(r->addr);
    struct mdisk *dm = r->vm ? mdisk_of(vdev_find(r->vm, r->vaddr)) : NULL;
    if (r->offline)
        say(vm, "%s %03X OFFLINE", cls, r->addr);
    else if (r->vm)
        say(vm, "%s %03X ATTACHED TO %s %03X%s", cls, r->addr, r->vm->userid, r->vaddr,
            dm && dm->x.readonly ? " R/O" : "");
    else if (r->dasd && r->system)
        say(vm, "DASD %03X %04X %-6s %4u LINKS%s", r->addr, rdev_devtype(r),
            r->volser[0] ? r->volser : "*NOLBL", mdisk_links(r),
            r->addr == cp_ipl_dev ? " CP OWNED" : "");
    else if (r->dasd)
        say(vm, "DASD %03X %04X %-6s FREE", r->addr, rdev_devtype(r),
            r->volser[0] ? r->volser : "*NOLBL");
    else if (r->tape)
        say(vm, "TAPE %03X %04X FREE", r->addr, rdev_devtype(r));
    else if (t && term_user(t)->vm)
        say(vm, "GRAF %03X LOGON AS %s", r->addr, term_user(t)->vm->userid);
    else if (t)
        say(vm, "GRAF %03X %s", r->addr, term_enabled(t) ? "ENABLED" : "DISABLED");
    else
        say(vm, "DEV  %03X %04X", r->addr, rdev_devtype(r));
}

/* QUERY DASD | GRAF | ALL: every real device of the kind, in address
   order (as found). */
void cmd_query_rdevs(struct vm *vm, char kind)
{
    unsigned n = 0;
    for (unsigned i = 0; rdev_at(i); i++) {
        struct rdev *r = rdev_at(i);
        if (kind == 'A' || (kind == 'D' && r->dasd) || (kind == 'G' && rdev_is_graf(r))) {
            rdev_line(vm, r);
            n++;
        }
    }
    if (!n)
        say(vm, "DMKCQP042E NO %s", kind == 'D' ? "DASD" : kind == 'G' ? "GRAF" : "DEVICES");
}

/* QUERY raddr: false if there is no such real device. */
bool cmd_query_rdev(struct vm *vm, const char *s)
{
    int ra = cmd_vaddr(s);
    struct rdev *r = ra >= 0 ? rdev_find((unsigned)ra) : NULL;
    if (r)
        rdev_line(vm, r);
    return r != NULL;
}
