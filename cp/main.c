/*
 * main.c - CP from IPL to the operator's first command.  start.S calls
 * cp_main() on the boot stack; each line below brings up one part.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "mdisk.h"
#include "paging.h"
#include "rdev.h"
#include "rspool.h"
#include "spool.h"
#include "sysres.h"
#include "task.h"
#include "term.h"
#include "userdir.h"
#include "vm.h"
#include "vspool.h"

#define CP_MAX_STORAGE 0x1000000u   /* 24-bit addressing: 16 MB */

#define OPERATOR_STORAGE 0x100000u  /* until the directory says otherwise */

uint32_t cp_memsize;
unsigned cp_ipl_dev;
uint64_t cp_ipl_tod;
static struct vm *operator_vm;

/* The system parameters the IPL loaded (common/sysres.h); panic if the
   record is not there: CP was not IPLed from a sysgen'd volume. */
static const uint8_t *sysparm(void)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    if (memcmp(sp + SP_MAGIC, SYSRES_MAGIC, 8) || get32(sp + SP_FORMAT) != SYSRES_FORMAT)
        panic("NO SYSTEM PARAMETERS AT %06X: NOT IPLED FROM A SYSRES VOLUME",
              SYSRES_PARM_ADDR);
    return sp;
}

static void banner(const uint8_t *sp)
{
    char time[9], date[9], volser[7];
    const char *wd;
    for (int i = 0; i < 6; i++)
        volser[i] = (char)ebcdic_to_ascii[sp[SP_VOLSER + i]];
    volser[6] = 0;
    printf("CPCMS CP RELEASE %d LEVEL %d IPL FROM %03X %s\n", CP_RELEASE, CP_LEVEL,
           cp_ipl_dev, volser);
    tod_format(tod_now(), time, date, &wd);
    printf("NOW %s GMT %s %s\n", time, wd, date);
    printf("STORAGE SIZE = %uK\n", (unsigned)(cp_memsize >> 10));
}

/* The operator's terminal is the system console. */
static void operator_out(struct vm *vm, const char *line)
{
    vspool_console(vm, line);
    printf("%s\n", line);
}

/* A line typed at the system console: for the operator's virtual machine
   if it waits for one, else a CP command (the system console never
   makes attention for the operator's guest: CP must always hear it). */
static void operator_input(char *line)
{
    if (!operator_vm) {
        cmd_run(NULL, line);                        /* before the start is done */
        return;
    }
    vspool_console(operator_vm, line);              /* as typed */
    if (!operator_vm->read_waiting || !vcon_input(operator_vm, line))
        cmd_run(operator_vm, line);
}

/* The rest of the start, on a task: it reads the system volume. */
static void start_task(void *arg)
{
    (void)arg;
    uint32_t storage = OPERATOR_STORAGE;
    struct dir_user u;
    bool in_dir = false;
    rdev_init();                                    /* the real devices */
    paging_init();                                  /* the paging area on them */
    spool_init();                                   /* cold, warm or checkpoint start */
    rspool_init();                                  /* the printers and punches */
    if (userdir_load() == 0) {                      /* the user directory */
        printf("DMKDIR100I %u USERS IN THE DIRECTORY\n", userdir_count());
        in_dir = userdir_find("OPERATOR", &u) == DIR_OK;
        if (in_dir)
            storage = u.storage;
    }
    operator_vm = vm_create("OPERATOR", storage, operator_out);
    if (!operator_vm)                               /* logged on at the console */
        panic("NO STORAGE FOR THE OPERATOR'S VIRTUAL MACHINE");
    strcpy(operator_vm->classes, "ABCDEFGH");
    if (in_dir)
        mdisk_logon(operator_vm, &u);               /* its minidisks */
    term_init();                                    /* the 3270s */
    printf("DMKCPI957I CP READY\n");
}

void cp_main(void)
{
    trap_init();                                    /* new PSWs: trap.c */
    cp_ipl_dev = get16(psa() + LC_IPL_DEV);         /* where we came from */
    cp_ipl_tod = tod_now();
    cp_memsize = cp_probe_storage(CP_MAX_STORAGE);  /* real storage */
    storage_init((uintptr_t)_end, cp_memsize);      /* frames, free storage */
    const uint8_t *sp = sysparm();                  /* what sysgen said */
    banner(sp);
    privop_init();                                  /* the simulation table */
    con_init(0x009, operator_input);                /* operator's console task */
    if (!task_create("start", start_task, NULL))   /* directory, operator, terminals */
        panic("NO STORAGE FOR THE START TASK");
    task_scheduler();                               /* runs the tasks forever */
}
