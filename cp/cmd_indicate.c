/*
 * cmd_indicate.c - INDICATE, VM/370's view of the load:
 *
 *   INDICATE [LOAD]    CPU-nnn% APU-000% Q1-nn Q2-nn STORAGE-nnn% EXPAN-001
 *                      PAGING-nnnn/SEC STEAL-000% LOAD-nnn%
 *   INDICATE USER [userid]
 *                      PAGES: RES-nnnn WS-nnnn READS=nnnnnn WRITES=nnnnnn
 *                      VTIME=mmm:ss TTIME=mmm:ss SIO=nnnnnn
 *
 * CPU is the time CP did not wait since the last INDICATE LOAD (or IPL);
 * Q1 the users whose guests can run, Q2 those waiting for an
 * interruption or a console read; STORAGE the frames in use; PAGING the
 * pages read from and written to the paging area a second, over the
 * same span.  READS and WRITES count the user's pages moved since LOGON
 * (or its storage was last redefined); the working set is taken to be
 * what is resident.  VTIME is the
 * guest's CPU time, TTIME that and CP's for it.  USER of another user
 * needs class A or E.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "cmd.h"
#include "paging.h"
#include "task.h"
#include "vm.h"

static void indicate_load(struct vm *vm)
{
    static uint64_t last_tod, last_wait;
    static unsigned long last_pages;
    struct paging_stats ps;
    paging_stats(&ps);
    uint64_t now = tod_now(), wait = task_wait_tod();
    uint64_t span = last_tod ? now - last_tod : now - cp_ipl_tod;
    uint64_t idle = wait - last_wait;
    unsigned long pages = ps.reads + ps.writes - last_pages;
    last_tod = now;
    last_wait = wait;
    last_pages = ps.reads + ps.writes;
    uint64_t ms = (span >> 12) / 1000;
    unsigned rate = ms ? (unsigned)(pages * 1000 / ms) : 0;
    unsigned cpu = span && idle < span ? (unsigned)((span - idle) * 100 / span) : 0;
    unsigned q1 = 0, q2 = 0;
    for (unsigned i = 0; vm_at(i); i++) {
        const struct vm *v = vm_at(i);
        if (v->state == VM_RUNNING)
            *(v->psw[1] & 0x02 || v->read_waiting ? &q2 : &q1) += 1;
    }
    unsigned frames, avail, fs;
    storage_stats(&frames, &avail, &fs);
    unsigned stor = frames ? (frames - avail) * 100 / frames : 0;
    say(vm, "CPU-%03u%% APU-000%% Q1-%02u Q2-%02u STORAGE-%03u%% EXPAN-001", cpu, q1, q2, stor);
    say(vm, "PAGING-%04u/SEC STEAL-000%% LOAD-%03u%%", rate > 9999 ? 9999 : rate, cpu);
}

/* mmm:ss of a TOD interval */
static void minsec(char out[8], uint64_t tod)
{
    unsigned s = (unsigned)((tod >> 12) / 1000000);
    snprintf(out, 8, "%03u:%02u", s / 60 % 1000, s % 60);
}

static void indicate_user(struct vm *vm, const struct vm *who)
{
    unsigned res = vmstore_resident(who);
    char vt[8], tt[8];
    minsec(vt, who->cpu_used);
    minsec(tt, task_run_tod(who->task));
    say(vm, "PAGES: RES-%04u WS-%04u READS=%06lu WRITES=%06lu", res, res,
        who->page_reads % 1000000, who->page_writes % 1000000);
    say(vm, "VTIME=%s TTIME=%s SIO=%06u", vt, tt, (unsigned)(who->sios % 1000000));
}

void cmd_indicate(struct vm *vm, struct cmd_args *a)
{
    if (a->argc < 2 || abbrev_of(a->argv[1], "LOAD", 1)) {
        indicate_load(vm);
    } else if (abbrev_of(a->argv[1], "USER", 1)) {
        const struct vm *who = vm;
        if (a->argc > 2) {
            who = vm_find(a->argv[2]);
            if (!who) {
                say(vm, "DMKIND045E %s NOT LOGGED ON", a->argv[2]);
                return;
            }
            if (who != vm && vm && !strchr(vm->classes, 'A') && !strchr(vm->classes, 'E')) {
                say(vm, "DMKIND003E INVALID OPTION - %s", a->argv[2]);
                return;
            }
        }
        if (!who) {
            say(vm, "DMKIND020E USERID MISSING OR INVALID");
            return;
        }
        indicate_user(vm, who);
    } else {
        say(vm, "DMKIND003E INVALID OPTION - %s", a->argv[1]);
    }
}
