/*
 * cmd_define.c - DEFINE: temporary disks (tdisk.c), VM/370's
 *
 *   DEFINE Tdevtype [AS] vaddr CYL n     e.g. DEFINE T3350 AS 291 CYL 5
 *
 * on the T-disk space of the system residence volume, whose device type
 * the T-disk must have; DETACH or LOGOFF gives the cylinders back.
 */
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "mdisk.h"
#include "vm.h"

/* "T3350" -> 0x3350, 0 if not a T-disk type. */
static unsigned tdisk_type(const char *w)
{
    static const unsigned types[] = {0x2314, 0x3330, 0x3340, 0x3350, 0x3380};
    if (w[0] != 'T' || strlen(w) != 5)
        return 0;
    unsigned v = (unsigned)strtoul(w + 1, NULL, 16);
    for (unsigned i = 0; i < sizeof types / sizeof types[0]; i++)
        if (types[i] == v)
            return v;
    return 0;
}

void cmd_define(struct vm *vm, struct cmd_args *a)
{
    if (!vm || a->argc < 2) {
        say(vm, "DMKDEF026E OPERAND MISSING OR INVALID");
        return;
    }
    unsigned type = tdisk_type(a->argv[1]);
    if (!type) {
        say(vm, "DMKDEF023E VDEVTYPE MISSING OR INVALID");
        return;
    }
    int i = 2;
    if (i < a->argc && !strcmp(a->argv[i], "AS"))
        i++;
    int va = i < a->argc ? cmd_vaddr(a->argv[i]) : -1;
    if (va < 0) {
        say(vm, "DMKDEF022E VADDR MISSING OR INVALID");
        return;
    }
    i++;
    char *end = NULL;
    unsigned long cyls = 0;
    if (i + 1 < a->argc && abbrev_of(a->argv[i], "CYL", 3))
        cyls = strtoul(a->argv[i + 1], &end, 10);
    if (!end || *end || cyls == 0 || cyls > 0xFFFF || i + 2 != a->argc) {
        say(vm, "DMKDEF026E OPERAND MISSING OR INVALID");
        return;
    }
    char msg[100];
    if (tdisk_define(vm, (unsigned)va, type, (unsigned)cyls, msg, sizeof msg) < 0) {
        say(vm, "%s", msg);
        return;
    }
    say(vm, "DASD %03X DEFINED", (unsigned)va);
}
