/*
 * command.c - CP's command processor: a line becomes a command name and
 * operands (blank-separated, upper-cased), the name is found in the table
 * of cmds.h.inc by its abbreviations, and the handler runs.  Messages
 * follow VM/370's form, DMKxxxnnnt, with numbers kept stable for tests.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "userdir.h"
#include "mdisk.h"
#include "spool.h"
#include "vm.h"

#include "cmd.h"

static const struct cmd {
    const char *name;
    unsigned abbrev;
    const char *classes;
    void (*fn)(struct vm *vm, struct cmd_args *a);
} cmds[] = {
#define CMD(name, abbrev, classes, fn) {name, abbrev, classes, cmd_##fn},
#include "cmds.h.inc"
#undef CMD
};

bool abbrev_of(const char *word, const char *name, unsigned min)
{
    size_t n = strlen(word);
    return n >= min && n <= strlen(name) && !strncmp(word, name, n);
}

static void tokenize(char *line, struct cmd_args *a)
{
    a->argc = 0;
    snprintf(a->raw, sizeof a->raw, "%s", line);
    for (char *p = line; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (a->argc < MAXARGS) {
            a->at[a->argc] = (unsigned)(p - line) < sizeof a->raw ? (unsigned)(p - line) : 0;
            a->argv[a->argc++] = p;
        }
        while (*p && *p != ' ') {
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
            p++;
        }
        if (*p)
            *p++ = 0;
    }
}

void say(struct vm *vm, const char *fmt, ...)
{
    char line[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (vm)
        vm->out(vm, line);
    else
        printf("%s\n", line);
}

/* May the user issue the command?  (No user: the system itself.) */
static bool allowed(const struct vm *vm, const struct cmd *c)
{
    if (!vm)
        return true;
    for (const char *k = vm->classes; *k; k++)
        if (strchr(c->classes, *k))
            return true;
    return false;
}

void cmd_run(struct vm *vm, char *line)
{
    struct cmd_args a;
    tokenize(line, &a);
    if (a.argc == 0)
        return;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        if (abbrev_of(a.argv[0], cmds[i].name, cmds[i].abbrev) && allowed(vm, &cmds[i])) {
            cmds[i].fn(vm, &a);
            return;
        }
    say(vm, "DMKCFM001E INVALID CP COMMAND %s", a.argv[0]);
}

void cmd_shutdown(struct vm *vm, struct cmd_args *a)
{
    (void)vm;
    (void)a;
    spool_shutdown();                               /* the next start is warm */
    printf("DMKCPT961W SYSTEM SHUTDOWN COMPLETE\n");
    con_flush();
    cp_stop(0);
}

int cmd_vaddr(const char *s)
{
    unsigned v = 0, n = 0;
    for (; *s; s++, n++) {
        char c = *s;
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') :
                     c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
        if (d == 16 || n == 3)
            return -1;
        v = v * 16 + d;
    }
    return n ? (int)v : -1;
}

/* IPL vaddr: the standard IPL from a minidisk (mdisk_ipl), the I/O
   address stored at 186 (and in a BC-mode PSW's interruption code), the
   PSW at 0 loaded. */
static void ipl_device(struct vm *vm, struct vdev *d)
{
    if (!mdisk_of(d)) {
        say(vm, "DMKCFG043E DEVICE %03X CANNOT BE IPLED", d->addr);
        return;
    }
    vm_reset(vm, false);
    uint8_t csw[8];
    if (mdisk_ipl(vm, d, csw) < 0) {
        vm_stop(vm, NULL);
        say(vm, "DMKCFG044E IPL %03X FAILED: CSW %08X %08X", d->addr, (unsigned)get32(csw),
            (unsigned)get32(csw + 4));
        return;
    }
    uint8_t low[8], io[2] = {(uint8_t)(d->addr >> 8), (uint8_t)d->addr};
    vmstore_write(vm, 0xBA, io, 2);
    vmstore_read(vm, 0, low, 8);
    if (!vpsw_ec(low)) {
        low[2] = io[0];
        low[3] = io[1];
        vmstore_write(vm, 0, low, 8);
    }
    memcpy(vm->psw, low, 8);
    vm_start(vm);
    if (!vpsw_valid(vm, low))
        vint_program(vm, 0x06, 0);              /* specification */
}

/* IPL vaddr | name: a device, or a named saved system. */
void cmd_ipl(struct vm *vm, struct cmd_args *a)
{
    if (a->argc < 2) {
        say(vm, "DMKCFG026E OPERAND MISSING OR INVALID");
        return;
    }
    if (!vm) {
        say(vm, "DMKCFG003E INVALID OPTION - %s", a->argv[1]);
        return;
    }
    int va = cmd_vaddr(a->argv[1]);
    struct vdev *d = va >= 0 ? vdev_find(vm, (uint16_t)va) : NULL;
    if (d) {
        ipl_device(vm, d);
        return;
    }
    if (va >= 0 && !savesys_exists(a->argv[1])) {
        say(vm, "DMKCFG040E DEVICE %03X DOES NOT EXIST", (unsigned)va);
        return;
    }
    switch (savesys_ipl(vm, a->argv[1])) {
    case 0:
        return;
    case -1:
        say(vm, "DMKCFG040E SYSTEM %s DOES NOT EXIST", a->argv[1]);
        return;
    case -2:
        say(vm, "DMKCFG041E SYSTEM %s DOES NOT FIT IN STORAGE %uK", a->argv[1],
            (unsigned)(vm->size >> 10));
        return;
    default:
        say(vm, "DMKCFG042E SYSTEM %s: I/O ERROR ON THE SYSTEM VOLUME", a->argv[1]);
        vm_stop(vm, NULL);
    }
}

/* AUTOLOG userid: log a user on without a terminal; the directory's IPL. */
void cmd_autolog(struct vm *vm, struct cmd_args *a)
{
    struct dir_user du;
    if (a->argc < 2) {
        say(vm, "DMKCFM020E USERID MISSING OR INVALID");
        return;
    }
    if (userdir_find(a->argv[1], &du) != DIR_OK) {
        say(vm, "DMKCFM053E %s NOT IN CP DIRECTORY", a->argv[1]);
        return;
    }
    vmstore_make_room(vm_cost(du.storage));    /* it may wait: before the check */
    if (vm_find(du.userid)) {
        say(vm, "DMKCFM045E %s ALREADY LOGGED ON", du.userid);
        return;
    }
    struct vm *nvm = logon_create(&du, NULL);
    if (!nvm) {
        say(vm, "DMKCFM055E NO STORAGE FOR A VIRTUAL MACHINE OF %uK", (unsigned)(du.storage >> 10));
        return;
    }
    say(vm, "AUTO LOGON ***  %-8s USERS = %u", du.userid, vm_count());
    logon_ipl(nvm, &du);
}

/* FORCE userid: log a user off. */
void cmd_force(struct vm *vm, struct cmd_args *a)
{
    struct vm *target = a->argc < 2 ? NULL : vm_find(a->argv[1]);
    if (!target || target == vm) {
        say(vm, "DMKCFM045E %s NOT LOGGED ON", a->argc < 2 ? "USERID" : a->argv[1]);
        return;
    }
    say(vm, "USER %s FORCED", target->userid);
    logon_end(target, true);
}

void cmd_logoff(struct vm *vm, struct cmd_args *a)
{
    (void)a;
    if (!vm->term) {
        say(vm, "DMKCFM004E LOGOFF: NOT ON A TERMINAL");
        return;
    }
    logon_end(vm, true);
}

void cmd_disconn(struct vm *vm, struct cmd_args *a)
{
    (void)a;
    if (!vm->term) {
        say(vm, "DMKCFM004E DISCONN: NOT ON A TERMINAL");
        return;
    }
    logon_end(vm, false);
}

void cmd_begin(struct vm *vm, struct cmd_args *a)
{
    (void)a;
    vm_start(vm);
    if (!vpsw_valid(vm, vm->psw))
        vint_program(vm, 0x06, 0);              /* specification, as the start key finds it */
}

/* SYSTEM RESET | CLEAR | RESTART */
void cmd_system(struct vm *vm, struct cmd_args *a)
{
    if (a->argc < 2) {
        say(vm, "DMKCFS026E OPERAND MISSING OR INVALID");
    } else if (abbrev_of(a->argv[1], "RESET", 5)) {
        vm_reset(vm, false);
        say(vm, "SYSTEM RESET");
    } else if (abbrev_of(a->argv[1], "CLEAR", 5)) {
        vm_reset(vm, true);
        say(vm, "STORAGE CLEARED - SYSTEM RESET");
    } else if (abbrev_of(a->argv[1], "RESTART", 5) && vm) {
        vint_restart(vm);                   /* as the RESTART key: the CPU goes on */
        if (vpsw_valid(vm, vm->psw))
            vm_start(vm);
    } else {
        say(vm, "DMKCFS003E INVALID OPTION - %s", a->argv[1]);
    }
}
