/*
 * logon.c - what happens on a terminal: before LOGON, only LOGON (the
 * password asked for in a non-display field and checked against the
 * directory's salted hash); after it, the user's virtual machine, whose
 * console is the terminal, and CP commands (after PA1, or with #CP).
 * Messages are VM/370's where it has them (DMKLOGnnnx).
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "term.h"
#include "mdisk.h"
#include "userdir.h"
#include "vm.h"
#include "vspool.h"

#define LOGON_WAIT_TOD (10ull * 1000000 << 12)     /* for storage for the VM */
#define FAILURE_DELAY_TOD (3ull * 1000000 << 12)   /* 3 s after each failure past the 3rd */

/* A line on the user's terminal (vm->out); while it is disconnected, to
   its secondary user (the directory's CONSOLE statement names him) with
   the userid in front, or nowhere. */
/* A message for the terminal as SET EMSG and IMSG want it: the whole
   line, its text, its code, or nothing (NULL). */
static const char *as_set(const struct vm *vm, const char *line, char *buf, size_t len)
{
    size_t n = strlen(line);
    bool msg = n >= 10 && !strncmp(line, "DMK", 3) && line[6] >= '0' && line[6] <= '9';
    if (!msg)
        return line;
    char sev = line[9];
    if (sev == 'I')
        return vm->set.imsg ? line : NULL;
    if (sev != 'E' && sev != 'W' && sev != 'S')
        return line;
    switch (vm->set.emsg) {
    case EMSG_OFF:
        return NULL;
    case EMSG_CODE:
        snprintf(buf, len, "%.10s", line);
        return buf;
    case EMSG_TEXT:
        return line + (line[10] == ' ' ? 11 : 10);
    default:
        return line;
    }
}

static void vm_term_out(struct vm *vm, const char *line)
{
    char code[16];
    if (!(line = as_set(vm, line, code, sizeof code)))
        return;
    vspool_console(vm, line);
    if (vm->term) {
        term_write(vm->term, line);
    } else if (vm->secuser[0]) {
        struct vm *sec = vm_find(vm->secuser);
        if (sec && sec != vm && sec->out) {
            char l[200];
            snprintf(l, sizeof l, "%-8s: %s", vm->userid, line);
            sec->out(sec, l);
        }
    }
}

bool logon_terminal_user(const struct vm *vm) { return vm->out == vm_term_out; }

struct vm *logon_create(const struct dir_user *du, struct term *t)
{
    /* The caller made room; others logging on at the same time may have
       taken it while it waited: wait for storage to be freed (their
       channel programs' translations, their own LOGONs done) and make
       room again, for ten seconds at most.  (One second was too short
       for the last of 20 CMS users logging on at once to a 4M machine
       on a busy host: DMKLOG055E.) */
    struct vm *vm;
    uint64_t until = tod_now() + LOGON_WAIT_TOD;
    while (!(vm = vm_create(du->userid, du->storage, vm_term_out))) {
        if (tod_now() > until)
            return NULL;
        storage_wait();
        vmstore_make_room(vm_cost(du->storage));
        if (vm_find(du->userid))
            return NULL;                    /* it came another way meanwhile */
    }
    strcpy(vm->classes, du->classes);
    struct dir_dev con;
    if (userdir_console(du, &con))
        strcpy(vm->secuser, con.userid);
    vm->term = t;
    if (t)
        term_user(t)->vm = vm;
    mdisk_logon(vm, du);
    return vm;
}

void logon_ipl(struct vm *vm, const struct dir_user *du)
{
    char cmd[16];
    if (du->ipl_kind == DIR_IPL_NAME)
        snprintf(cmd, sizeof cmd, "IPL %s", du->ipl_name);
    else if (du->ipl_kind == DIR_IPL_DEVICE)
        snprintf(cmd, sizeof cmd, "IPL %03X", du->ipl_dev);
    else
        return;
    cmd_run(vm, cmd);
}

static void say(struct term *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct term *t, const char *fmt, ...)
{
    char line[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    term_write(t, line);
}

static void stamp(struct term *t, const char *what)
{
    char time[9], date[9];
    const char *wd;
    tod_format(tod_now(), time, date, &wd);
    say(t, "%s AT %s GMT %s %s", what, time, wd, date);
}

void logon_status(struct vm *vm)
{
    if (!vm->term)
        return;
    term_status(vm->term, vm->state != VM_RUNNING ? TS_CP_READ :
                          vm->read_waiting ? TS_VM_READ : TS_RUNNING);
}

void term_disconnected(struct term *t)
{
    struct term_user *u = term_user(t);
    if (u->vm) {                            /* the VM goes on, disconnected */
        u->vm->term = NULL;
        u->vm = NULL;
    }
    u->logon_id[0] = 0;
}

/* A new connection: whoever used the terminal before left without CP
   seeing it (a client that closes its connection gives no status): that
   user is disconnected, never handed to the newcomer. */
void term_connected(struct term *t)
{
    term_disconnected(t);
}

/* The password for u->logon_id has been typed. */
static void check_password(struct term *t, struct term_user *u, const char *pw)
{
    char id[9];
    strcpy(id, u->logon_id);
    u->logon_id[0] = 0;
    struct dir_user du;
    if (userdir_find(id, &du) != DIR_OK || !dir_password_ok(&du, pw)) {
        u->failures++;
        say(t, "DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE");
        if (u->failures >= 3) {
            printf("DMKLOG056W %u LOGON FAILURES FOR %s AT TERMINAL %03X\n", u->failures, id,
                   term_addr(t));
            clock_wake_at(tod_now() + FAILURE_DELAY_TOD, u);
            task_sleep(u);
        }
        return;
    }
    u->failures = 0;
    vmstore_make_room(vm_cost(du.storage));    /* may wait: before the checks */
    struct vm *vm;
    while ((vm = vm_find(du.userid)) && vm->logoff)
        task_sleep(vm);                     /* the last session's LOGOFF is ending */
    if (vm && vm->term) {
        say(t, "DMKLOG054E ALREADY LOGGED ON AT TERMINAL %03X", term_addr(vm->term));
        return;
    }
    if (vm) {                               /* disconnected: take it back */
        vm->term = t;
        u->vm = vm;
        stamp(t, "RECONNECTED");
        logon_status(vm);
        return;
    }
    vm = logon_create(&du, t);
    if (!vm) {
        say(t, "DMKLOG055E NO STORAGE FOR A VIRTUAL MACHINE OF %uK", (unsigned)(du.storage >> 10));
        return;
    }
    stamp(t, "LOGON");
    logon_ipl(vm, &du);
    logon_status(vm);
}

static void logon(struct term *t, struct term_user *u, char *line)
{
    char *id = line;
    while (*id && *id != ' ')               /* past the command */
        id++;
    while (*id == ' ')
        id++;
    char *end = id;
    while (*end && *end != ' ')
        end++;
    *end = 0;
    for (char *p = id; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    struct dir_user du;
    if (!*id || strlen(id) > 8) {
        say(t, "DMKLOG020E USERID MISSING OR INVALID");
    } else if (userdir_find(id, &du) != DIR_OK) {
        say(t, "DMKLOG053E %s NOT IN CP DIRECTORY", id);
    } else if (du.nolog) {
        say(t, "DMKLOG052E %s MAY NOT LOG ON", id);
    } else {
        strcpy(u->logon_id, id);
        say(t, "ENTER PASSWORD:");
        term_hide_input(t, true);
    }
}

/* Is word (up to a blank) an abbreviation of name, at least min long? */
static bool is_cmd(const char *line, const char *name, unsigned min)
{
    unsigned n = 0;
    while (line[n] && line[n] != ' ') {
        char c = line[n];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (!name[n] || c != name[n])
            return false;
        n++;
    }
    return n >= min;
}

void term_input(struct term *t, char *line)
{
    struct term_user *u = term_user(t);
    if (u->logon_id[0]) {
        check_password(t, u, line);
        return;
    }
    struct vm *vm = u->vm;
    if (!vm) {
        if (is_cmd(line, "LOGON", 1) || is_cmd(line, "LOGIN", 5))
            logon(t, u, line);
        else if (line[0])
            say(t, "DMKCFM002E LOG ON FIRST: LOGON USERID");
        return;
    }
    vspool_console(vm, line);                   /* as typed */
    if (!strncmp(line, "#CP", 3) || !strncmp(line, "#cp", 3)) {
        cmd_run(vm, line + 3);                  /* CP's, whatever the state */
    } else {
        char lines[8][132];                     /* the terminal's line editing */
        unsigned n = cmd_line_edit(&vm->set, line, lines, 8);
        for (unsigned i = 0; i < n && u->vm == vm; i++) {
            if (vm->state != VM_RUNNING || (vm->set.mode_cp && !vm->read_waiting)) {
                cmd_run(vm, lines[i]);
                if (vm->attn_stop && vm->set.run && !vm->logoff && u->vm == vm) {
                    vm->attn_stop = false;      /* SET RUN ON: back to the guest */
                    vm_start(vm);
                }
            } else if (!vcon_input(vm, lines[i])) {
                term_status(t, TS_NOT_ACCEPTED);
                return;
            }
        }
    }
    if (u->vm)
        logon_status(u->vm);
}

void term_pfkey(struct term *t, unsigned n)
{
    struct vm *vm = term_user(t)->vm;
    if (!vm || n < 1 || n > VM_PFKEYS || !vm->set.pf[n - 1][0])
        return;
    char line[VM_PFLEN];
    strcpy(line, vm->set.pf[n - 1]);
    term_write(t, line);                        /* as if typed */
    term_input(t, line);
}

void term_attention(struct term *t)
{
    struct term_user *u = term_user(t);
    if (u->vm && u->vm->state == VM_RUNNING) {
        vm_stop(u->vm, NULL);               /* CP mode: BEGIN goes on */
        u->vm->attn_stop = true;
        logon_status(u->vm);
    }
}

void logon_end(struct vm *vm, bool logoff)
{
    struct term *t = vm->term;
    if (t) {
        term_user(t)->vm = NULL;
        vm->term = NULL;
        term_logo(t);
        stamp(t, logoff ? "LOGOFF" : "DISCONNECT");     /* under the logo */
    }
    if (logoff)
        vm_logoff(vm);
}
