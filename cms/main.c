/*
 * main.c - the CMS nucleus from its IPL to the command loop: the
 * version line, the system disk (the IPL device) accessed as S, the A
 * disk (191) and Y (19E) when they are there, PROFILE EXEC when A has
 * one, then commands read from
 * the console, each followed by the ready message with its return code
 * and the CPU time it took (VM/SP's form: "Ready; T=v.vv/t.tt hh:mm:ss",
 * "Ready(00028); ...", or "R;" with SET RDYMSG SMSG).  A program check
 * ends the command with an abend message and returns to the loop.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"

unsigned cms_ipl_dev;
/* Free storage runs up to the user area (sa/malloc.c's default stops at
   SA_HEAP_END, 0xC0000: the nucleus's stack is in its .bss, and nothing
   lives above). */
uintptr_t sa_heap_end(void) { return CMS_USER_ORIGIN; }

static jmp_buf loop_env;
static uint64_t last_virt, last_total;

extern void cms_pgm_entry(void), cms_svc_entry(void);
void svc_close_all(void);
extern uint32_t cms_pgm_regs[16];

void cms_abend(void)
{
    volatile uint8_t *low = lowcore();
    uint32_t psw1 = (uint32_t)low[LC_PGM_OLD + 5] << 16 | (uint32_t)low[LC_PGM_OLD + 6] << 8 |
                    low[LC_PGM_OLD + 7];
    unsigned code = (unsigned)(low[LC_PGM_CODE] << 8 | low[LC_PGM_CODE + 1]) & 0xFF;
    msg("DMSABN148T SYSTEM ABEND 0C%X CALLED FROM %06X", code, (unsigned)psw1);
    svc_close_all();
    longjmp(loop_env, 1);
}

/* HX: the command stops; the disks are accessed again from what is on
   them (the halted command may have left changes half made in storage;
   on disk the last commit stands). */
void cms_halt(void)
{
    msg("CMS");
    svc_close_all();
    for (char l = 'A'; l <= 'Z'; l++) {
        struct cms_disk *k = disk_at(l);
        if (k) {
            unsigned vaddr = k->vaddr;
            int damage;
            if (disk_access(vaddr, l, &damage) != EDF_OK)
                disk_release(l);
        }
    }
    longjmp(loop_env, 2);
}

static void ready(int rc)
{
    uint64_t v, t;
    char date[9], time[9];
    cp_times(&v, &t, date, time);
    uint64_t dv = (v - last_virt) / 10000, dt = (t - last_total) / 10000;   /* 1/100 s */
    last_virt = v;
    last_total = t;
    char code[16] = "";
    con_resume_typing();
    if (rc)
        snprintf(code, sizeof code, rc < 0 ? "(%05d)" : "(%05d)", rc);
    if (set_rdymsg_long)
        msg("Ready%s; T=%u.%02u/%u.%02u %s", code, (unsigned)(dv / 100), (unsigned)(dv % 100),
            (unsigned)(dt / 100), (unsigned)(dt % 100), time);
    else
        msg("R%s;", code);
}

/* The program new PSW: EC mode, key 0, disabled, to cms_pgm_entry. */
static void new_psw(unsigned loc, void (*entry)(void))
{
    volatile uint8_t *low = lowcore();
    uint32_t a = (uint32_t)(uintptr_t)entry;
    const uint8_t psw[8] = {0x00, 0x08, 0, 0, 0, (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a};
    for (int i = 0; i < 8; i++)
        low[loc + i] = psw[i];
}

/* The program and SVC new PSWs: EC mode, key 0, disabled. */
static void set_new_psws(void)
{
    new_psw(LC_PGM_NEW, cms_pgm_entry);
    new_psw(LC_SVC_NEW, cms_svc_entry);
}

void cms_main(void)
{
    cms_ipl_dev = get16((const uint8_t *)lowcore() + LC_IPL_DEV);
    if (!cms_ipl_dev)                               /* IPL CMS: a saved system */
        cms_ipl_dev = 0x190;
    set_new_psws();
    char date[9], time[9];
    cp_times(&last_virt, &last_total, date, time);
    msg("%s (CPCMS) %s %s", CMS_VERSION, date, time);
    disk_access_say(cms_ipl_dev, 'S', true);        /* the system disk */
    if (cms_ipl_dev != 0x191)
        disk_access_say(0x191, 'A', false);
    int damage;
    if (disk_access(0x19E, 'Y', &damage) == EDF_OK && damage)
        msg("DMSACC115W DISK Y(19E) IS DAMAGED: ACCESSED R/O");
    int rc;
    int how = setjmp(loop_env);
    if (how) {
        exec_reset();                           /* the EXECs it stopped */
        rc = how == 1 ? 256 : 0;                /* an abend; HX */
    } else {
        rc = exec_profile();                    /* PROFILE EXEC A, before the first Ready */
    }
    for (;;) {
        ready(rc);
        char line[132];
        con_read(line, sizeof line);
        rc = cmd_execute(line);
    }
}
