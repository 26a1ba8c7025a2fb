/*
 * cmd_msg.c - MSG and WARNING: a line for another user's terminal (or,
 * for OPERATOR and OP, the system console), headed with who sent it.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "vm.h"

static void send(struct vm *vm, struct cmd_args *a, const char *kind)
{
    if (a->argc < 2) {
        say(vm, "DMKMSG020E USERID MISSING OR INVALID");
        return;
    }
    const char *to = a->argv[1];
    if (!strcmp(to, "OP"))
        to = "OPERATOR";
    struct vm *u = vm_find(to);
    if (!u) {
        say(vm, "DMKMSG045E %s NOT LOGGED ON", to);
        return;
    }
    bool wng = !strcmp(kind, "WNG");
    if (!(wng ? u->set.wng : u->set.msg)) {     /* SET MSG OFF, SET WNG OFF */
        say(vm, "DMKMSG057W %s NOT RECEIVING; %s OFF", u->userid, wng ? "WNG" : "MSG");
        return;
    }
    char line[200];
    snprintf(line, sizeof line, "%s FROM %-8s: %s", kind, vm ? vm->userid : "OPERATOR", cmd_rest(a, 2));
    u->out(u, line);
}

void cmd_msg(struct vm *vm, struct cmd_args *a) { send(vm, a, "MSG"); }
void cmd_warning(struct vm *vm, struct cmd_args *a) { send(vm, a, "WNG"); }
