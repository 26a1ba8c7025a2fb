/*
 * cmd_link.c - minidisk commands: LINK (VM/370's form, with the
 * directory's link passwords), DETACH of a virtual device, and the
 * QUERY lines that describe minidisks (QUERY VIRTUAL, vaddr, LINKS).
 * The links themselves are mdisk.c's.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "mdisk.h"
#include "rdev.h"
#include "userdir.h"
#include "vm.h"

#define MAX_BAD_PASSWORDS 5

static unsigned mode_of(const char *s)
{
    for (unsigned m = DIR_MODE_R; m < DIR_NMODES; m++)
        if (!strcmp(s, dir_mode_name(m)))
            return m;
    return 0;
}

/* Which link password a mode needs. */
static unsigned password_for(unsigned mode)
{
    return mode <= DIR_MODE_RR ? DIR_LPW_READ : mode <= DIR_MODE_WR ? DIR_LPW_WRITE : DIR_LPW_MULT;
}

static const char *const lpw_word[] = {"READ", "WRITE", "MULT"};

/* LINK [TO] userid vaddr1 [AS] vaddr2 [mode] [[PASS=] password] */
void cmd_link(struct vm *vm, struct cmd_args *a)
{
    if (!vm) {
        say(vm, "DMKLNK003E INVALID OPTION - LINK");
        return;
    }
    int i = 1;
    if (i < a->argc && (!strcmp(a->argv[i], "TO") || !strcmp(a->argv[i], "T")))
        i++;
    if (a->argc - i < 3) {
        say(vm, "DMKLNK026E OPERAND MISSING OR INVALID");
        return;
    }
    const char *owner = !strcmp(a->argv[i], "*") ? vm->userid : a->argv[i];
    int theirs = cmd_vaddr(a->argv[i + 1]);
    i += 2;
    if (i < a->argc && (!strcmp(a->argv[i], "AS") || !strcmp(a->argv[i], "A")))
        i++;
    int ours = i < a->argc ? cmd_vaddr(a->argv[i++]) : -1;
    if (theirs < 0 || ours < 0) {
        say(vm, "DMKLNK022E VADDR MISSING OR INVALID");
        return;
    }
    unsigned mode = 0;
    if (i < a->argc && (mode = mode_of(a->argv[i])))
        i++;
    const char *pw = NULL;
    if (i < a->argc && !strncmp(a->argv[i], "PASS=", 5))
        pw = a->argv[i][5] ? cmd_rest(a, i) + 5 : (++i < a->argc ? cmd_rest(a, i) : NULL);
    else if (i < a->argc)
        pw = cmd_rest(a, i);
    char pwbuf[SHA256_PW_MAX + 1];
    if (pw) {                               /* the word as typed, not upper-cased */
        size_t n = strcspn(pw, " ");
        snprintf(pwbuf, sizeof pwbuf, "%.*s", (int)(n < SHA256_PW_MAX ? n : SHA256_PW_MAX), pw);
        pw = pwbuf;
    }
    struct dir_user u;
    struct dir_dev md;
    if (userdir_find(owner, &u) != DIR_OK) {
        say(vm, "DMKLNK053E %s NOT IN CP DIRECTORY", owner);
        return;
    }
    if (userdir_find_dev(&u, (unsigned)theirs, &md) != DIR_OK || md.kind != DIR_MDISK ||
        md.tdisk) {
        say(vm, "DMKLNK107E %s %03X NOT LINKED; NOT IN CP DIRECTORY", u.userid, theirs);
        return;
    }
    bool own = !strcmp(u.userid, vm->userid);
    if (!mode)
        mode = own ? md.mode : DIR_MODE_R;
    if (!own) {
        unsigned which = password_for(mode);
        if (!dir_link_password_ok(&md, which, pw)) {
            if (md.lpw[which] == DIR_LPW_NONE)
                say(vm, "DMKLNK113E %s %03X NOT LINKED; NO %s PASSWORD", u.userid, theirs,
                    lpw_word[which]);
            else if (++vm->bad_link_pw >= MAX_BAD_PASSWORDS)
                say(vm, "DMKLNK115E LINK INVALID; EXCESSIVE INCORRECT PASSWORDS");
            else
                say(vm, "DMKLNK111E INVALID PASSWORD");
            return;
        }
    }
    if (vm->bad_link_pw >= MAX_BAD_PASSWORDS) {
        say(vm, "DMKLNK115E LINK INVALID; EXCESSIVE INCORRECT PASSWORDS");
        return;
    }
    char msg[120];
    if (mdisk_link(vm, (unsigned)ours, u.userid, &md, mode, msg, sizeof msg) < 0 || msg[0])
        say(vm, "%s", msg);
}

/* DETACH vaddr: the virtual device goes. */
void cmd_detach(struct vm *vm, struct cmd_args *a)
{
    if (cmd_detach_real(vm, a))                 /* the operator's DETACH raddr */
        return;
    if (vm && !strchr(vm->classes, 'G')) {      /* DETACH vaddr is class G's */
        say(vm, "DMKCFM001E INVALID CP COMMAND %s", a->argv[0]);
        return;
    }
    if (!vm || a->argc < 2) {
        say(vm, "DMKDTC026E OPERAND MISSING OR INVALID");
        return;
    }
    int va = cmd_vaddr(a->argv[1]);
    struct vdev *d = va >= 0 ? vdev_find(vm, (uint16_t)va) : NULL;
    if (!d) {
        say(vm, "DMKDTC040E DEV %s DOES NOT EXIST", a->argv[1]);
        return;
    }
    if (d->ops == &vcon_ops) {
        say(vm, "DMKDTC028E CONSOLE %03X CANNOT BE DETACHED", d->addr);
        return;
    }
    const char *type = mdisk_of(d) ? rdev_class(mdisk_of(d)->rd) : d->ops->type;
    if (!vdev_remove(vm, d)) {
        say(vm, "DMKDTC141E %03X BUSY; NOT DETACHED", (unsigned)va);
        return;
    }
    say(vm, "%s %03X DETACHED", type, (unsigned)va);
}

/* "DASD 191 3350 CPSYS1 R/W     5 CYL"; a dedicated one "DASD 150 ON
   DASD 131 3350 SPARE1 R/W", "TAPE 181 ON TAPE 180 3420". */
bool cmd_mdisk_line(struct vdev *d, char *line, size_t len)
{
    struct mdisk *m = mdisk_of(d);
    if (!m)
        return false;
    if (m->dedicated && m->rd->tape) {
        snprintf(line, len, "TAPE %03X ON TAPE %03X %04X", d->addr, m->rd->addr,
                 rdev_devtype(m->rd));
        return true;
    }
    if (m->dedicated) {
        snprintf(line, len, "DASD %03X ON DASD %03X %04X %-6s %s", d->addr, m->rd->addr,
                 rdev_devtype(m->rd), m->rd->volser, m->x.readonly ? "R/O" : "R/W");
        return true;
    }
    snprintf(line, len, "DASD %03X %04X %-6s %s %5u CYL", d->addr, rdev_devtype(m->rd),
             m->temp ? "(TEMP)" : m->rd->volser, m->x.readonly ? "R/O" : "R/W", m->x.cyls);
    return true;
}

/* QUERY LINKS raddr: who has minidisks on that real DASD. */
void cmd_query_links(struct vm *vm, const char *addr)
{
    int ra = cmd_vaddr(addr);
    struct rdev *r = ra >= 0 ? rdev_find((unsigned)ra) : NULL;
    if (!r || !r->dasd) {
        say(vm, "DMKCQG040E DEV %s DOES NOT EXIST", addr);
        return;
    }
    char line[80];
    size_t n = 0;
    unsigned k = 0;
    for (unsigned i = 0; vm_at(i); i++)
        for (unsigned j = 0; j < vm_at(i)->nvdev; j++) {
            struct vdev *d = &vm_at(i)->vdev[j];
            struct mdisk *m = mdisk_of(d);
            if (!m || m->dedicated || m->rd != r)
                continue;
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%-8s %03X %s", n ? ", " : "",
                                  vm_at(i)->userid, d->addr, m->x.readonly ? "R/O" : "R/W");
            if (++k % 3 == 0) {
                say(vm, "%s", line);
                n = 0;
            }
        }
    if (n)
        say(vm, "%s", line);
    if (!k)
        say(vm, "NO LINKS TO %03X", r->addr);
}
