/*
 * main.c - CP from IPL to the operator's first command.  start.S calls
 * cp_main() on the boot stack; each line below brings up one part.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "sysres.h"

#define CP_MAX_STORAGE 0x1000000u   /* 24-bit addressing: 16 MB */

uint32_t cp_memsize;
unsigned cp_ipl_dev;
bool cp_shutdown_requested;

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

static void shutdown(void)
{
    printf("DMKCPT961W SYSTEM SHUTDOWN COMPLETE\n");
    con_flush();
    cp_stop(0);
}

void cp_main(void)
{
    trap_init();                                    /* new PSWs: trap.c */
    cp_ipl_dev = get16(psa() + LC_IPL_DEV);         /* where we came from */
    con_init(0x009);                                /* operator's console */
    cp_memsize = cp_probe_storage(CP_MAX_STORAGE);  /* real storage */
    const uint8_t *sp = sysparm();                  /* what sysgen said */
    banner(sp);
    printf("DMKCPI957I CP READY\n");
    for (;;) {                                      /* the main loop */
        con_poll();
        if (cp_shutdown_requested)
            shutdown();
        con_flush();
        cp_wait();
    }
}
