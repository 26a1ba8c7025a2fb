/*
 * cmd_define.c - DEFINE, VM/370's
 *
 *   DEFINE STORAGE n[K|M]                e.g. DEFINE STORAGE 8M
 *   DEFINE Tdevtype [AS] vaddr CYL n     e.g. DEFINE T3350 AS 291 CYL 5
 *   DEFINE vaddr [AS] vaddr              e.g. DEFINE 191 AS 192
 *   DEFINE READER|RDR|PUNCH|PCH|PRINTER|PRT|1403 [AS] vaddr
 *
 * STORAGE: up to the directory's maximum, rounded up to 64K; the virtual
 * machine is reset with new, zeroed storage and waits in CP READ for an
 * IPL.  T-disks (tdisk.c) are on the T-disk space of the system residence
 * volume, whose device type they must have; DETACH or LOGOFF gives the
 * cylinders back.  DEFINE vaddr AS vaddr moves a virtual device (a
 * minidisk, a dedicated DASD, the console) to another address, which must
 * be free.  A reader, punch or printer is spooled (vspool.c), of class
 * * (reader) or A, as the directory's SPOOL statement makes them.
 */
#include <stdlib.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "mdisk.h"
#include "userdir.h"
#include "vm.h"
#include "vspool.h"

#define SEG (64u * 1024)

static void define_storage(struct vm *vm, struct cmd_args *a)
{
    char *end = NULL;
    unsigned long n = a->argc == 3 ? strtoul(a->argv[2], &end, 10) : 0;
    unsigned long unit = !end ? 0 : !*end ? 1 : !strcmp(end, "K") ? 1024 :
                         !strcmp(end, "M") ? 1024 * 1024 : 0;
    if (!unit || n == 0 || n > 0x1000000 / unit) {
        say(vm, "DMKDEF026E OPERAND MISSING OR INVALID");
        return;
    }
    uint32_t size = (uint32_t)((n * unit + SEG - 1) / SEG * SEG);
    struct dir_user du;
    if (userdir_find(vm->userid, &du) == DIR_OK && size > du.maxstorage) {
        say(vm, "DMKDEF094E STORAGE EXCEEDS ALLOWED MAXIMUM");
        return;
    }
    if (vm_define_storage(vm, size) < 0) {
        say(vm, "DMKDEF095E STORAGE NOT DEFINED; NO ROOM FOR ITS TABLES");
        return;
    }
    say(vm, "STORAGE = %05uK", (unsigned)(size >> 10));
}

/* READER, PUNCH, PRINTER and their short names: VSP_*, 0 if none. */
static unsigned spool_type(const char *w)
{
    return !strcmp(w, "READER") || !strcmp(w, "RDR") ? VSP_READER
         : !strcmp(w, "PUNCH") || !strcmp(w, "PCH") ? VSP_PUNCH
         : !strcmp(w, "PRINTER") || !strcmp(w, "PRT") || !strcmp(w, "1403") ? VSP_PRINTER : 0;
}

/* The operand after the device, [AS] vaddr: the address, or -1; *after
   is the index of the operand that follows it. */
static int as_vaddr(const struct cmd_args *a, int *after)
{
    int i = 2;
    if (i < a->argc && !strcmp(a->argv[i], "AS"))
        i++;
    *after = i + 1;
    return i < a->argc ? cmd_vaddr(a->argv[i]) : -1;
}

static void define_spool(struct vm *vm, struct cmd_args *a, unsigned func)
{
    int after, va = as_vaddr(a, &after);
    if (va < 0 || after != a->argc) {
        say(vm, "DMKDEF022E VADDR MISSING OR INVALID");
        return;
    }
    if (vdev_find(vm, (uint16_t)va)) {
        say(vm, "DMKDEF092E DEVICE %03X ALREADY DEFINED", (unsigned)va);
        return;
    }
    struct vdev *d = vspool_add(vm, (uint16_t)va, func, 0);
    if (!d) {
        say(vm, "DMKDEF093E DEVICE %03X NOT DEFINED; NO STORAGE", (unsigned)va);
        return;
    }
    say(vm, "%s %03X DEFINED", d->ops->type, (unsigned)va);
}

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

#include "rdev.h"

/* DEFINE old [AS] new: the device keeps its state, only its address
   changes (a dedicated DASD's real device knows the new one). */
static void define_addr(struct vm *vm, struct cmd_args *a, unsigned old)
{
    int after, nw = as_vaddr(a, &after);
    if (nw < 0 || after != a->argc) {
        say(vm, "DMKDEF022E VADDR MISSING OR INVALID");
        return;
    }
    struct vdev *d = vdev_find(vm, (uint16_t)old);
    if (!d) {
        say(vm, "DMKDEF040E DEV %03X DOES NOT EXIST", old);
        return;
    }
    if (vdev_find(vm, (uint16_t)nw)) {
        say(vm, "DMKDEF092E DEVICE %03X ALREADY DEFINED", (unsigned)nw);
        return;
    }
    if (d->inflight) {
        say(vm, "DMKDEF141E %03X BUSY; NOT DEFINED", old);
        return;
    }
    d->addr = (uint16_t)nw;
    struct mdisk *m = mdisk_of(d);
    if (m && m->dedicated)
        m->rd->vaddr = (uint16_t)nw;
    say(vm, "%s %03X DEFINED", m ? rdev_class(m->rd) : d->ops->type, (unsigned)nw);
}

void cmd_define(struct vm *vm, struct cmd_args *a)
{
    if (!vm || a->argc < 2) {
        say(vm, "DMKDEF026E OPERAND MISSING OR INVALID");
        return;
    }
    if (abbrev_of(a->argv[1], "STORAGE", 4)) {
        define_storage(vm, a);
        return;
    }
    unsigned func = spool_type(a->argv[1]);
    if (func) {
        define_spool(vm, a, func);
        return;
    }
    unsigned type = tdisk_type(a->argv[1]);
    int old = cmd_vaddr(a->argv[1]);
    if (!type && old >= 0) {
        define_addr(vm, a, (unsigned)old);
        return;
    }
    if (!type) {
        say(vm, "DMKDEF023E VDEVTYPE MISSING OR INVALID");
        return;
    }
    int i, va = as_vaddr(a, &i);
    if (va < 0) {
        say(vm, "DMKDEF022E VADDR MISSING OR INVALID");
        return;
    }
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
