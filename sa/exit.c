/*
 * exit.c - the end of a stand-alone program: exit, abort, assert failure.
 *
 * exit(code) writes out the console line buffer and loads a disabled wait
 * EC-mode PSW (X'000A0000', then code & 0xFF as the instruction address).
 * In batch mode the simulator takes that address as its exit status. crt0.S
 * calls exit with main's return value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include "sa.h"

#define SA_EXIT_ABORT 254       /* abort() and failed assertions */

void exit(int code)
{
	static uint32_t psw[2] __attribute__((aligned(8)));

	sa_console_flush();
	psw[0] = 0x000A0000;    /* EC mode, wait, all interruptions disabled */
	psw[1] = (uint32_t)code & 0xFF;
	for (;;)
		__asm__ volatile("lpsw %0" : : "Q"(psw) : "memory");
}

void abort(void)
{
	exit(SA_EXIT_ABORT);
}

/* Report like glibc: "prog: file:line: func: Assertion `e' failed." */
void sa_assert_fail(const char *expr, const char *file, unsigned line,
		    const char *func)
{
	sa_console_flush();
	printf("%s:%u: %s: Assertion `%s' failed.\n", file, line, func, expr);
	abort();
}
