/*
 * trap.c - where every interruption reaches CP (start.S calls cp_trap
 * with the class; the old PSW and registers are in the PSA save areas).
 *
 * CP itself runs disabled, so an interruption comes from the wait state
 * (cp_wait) or from a guest.  A guest's come back to its task as the
 * return from vm_enter (start.S, vm.c) and never reach cp_trap; those of
 * the wait are handled here, on the trap stack: they only wake tasks.  An
 * interruption of CP's own code is a CP error: panic.
 */
#include <stdio.h>

#include "cp.h"
#include <s370io.h>
#include "iosched.h"

void trap_init(void)
{
    static const uint16_t loc[6] = {LC_IPL_PSW, LC_EXT_NEW, LC_SVC_NEW,
                                    LC_PGM_NEW, LC_MCK_NEW, LC_IO_NEW};
    uint8_t *p = psa();
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < 8; j++)
            p[loc[i] + j] = cp_new_psws[i][j];
}

/* The old PSW had the wait bit: resume after cp_wait's LPSW, disabled. */
static void leave_wait(uint8_t *psw)
{
    psw[0] = 0;             /* system mask: disabled */
    psw[1] &= (uint8_t)~0x02;  /* not waiting */
}

void trap_io(void)
{
    uint8_t *p = psa();
    unsigned dev = get16(p + LC_IO_ADDR + 2);
    uint8_t us = p[LC_CSW + 4];
    if (dev == con_devaddr())
        con_io_interrupt(us);
    else
        io_interrupt(dev);
}

void trap_external(void)
{
    if (get16(psa() + LC_EXT_CODE) == 0x1004)
        clock_check();
}

void cp_trap(unsigned kind)
{
    uint8_t *p = psa();
    uint8_t *psw = p + LC_SAVE_PSW;
    bool waiting = psw[1] & 0x02;

    switch (kind) {
    case TRAP_IO:
        trap_io();
        break;
    case TRAP_EXT:
        trap_external();
        break;
    case TRAP_RESTART:
        printf("DMKTRP901I RESTART INTERRUPTION: PSW %08X %08X\n",
               (unsigned)get32(psw), (unsigned)get32(psw + 4));
        break;
    case TRAP_PGM:
        panic("PROGRAM CHECK %04X IN CP, PSW %08X %08X, ILC %u",
              get16(p + LC_PGM_CODE), (unsigned)get32(psw), (unsigned)get32(psw + 4),
              (unsigned)(p[LC_PGM_ILC + 1] >> 1 & 3));
    case TRAP_SVC:
        panic("SVC %u IN CP, PSW %08X %08X", get16(p + LC_SVC_CODE),
              (unsigned)get32(psw), (unsigned)get32(psw + 4));
    case TRAP_MCK:
        panic("MACHINE CHECK, PSW %08X %08X", (unsigned)get32(psw), (unsigned)get32(psw + 4));
    default:
        panic("INTERRUPTION CLASS %u", kind);
    }
    if (waiting)
        leave_wait(psw);
}
