/*
 * panic.c - CP found a broken invariant or an interruption it cannot
 * have: say so on the operator console and stop in a disabled wait whose
 * address is CP_PANIC_CODE (batch mode exits with it).
 */
#include <stdio.h>

#include "cp.h"

#define CP_PANIC_CODE 0xEE

void panic(const char *fmt, ...)
{
    va_list ap;
    printf("DMKPNC900S CP PANIC: ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    con_flush();
    cp_stop(CP_PANIC_CODE);
}
