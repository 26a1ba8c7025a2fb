/*
 * console_sio.c - sa_console_write on the 3215 at device 009 by S/370
 * channel I/O (GA22-7000, chapters 12-13): one format-0 CCW with the
 * command console.c chooses, its address in the CAW at location 72; SIO
 * starts the program, TIO is polled until the device is no longer busy.
 * The CPU runs disabled for I/O interruptions, so TIO clears the pending
 * interruption.  Data is translated to EBCDIC (common/ebcdic.c) on the way.
 */
#include <stdint.h>
#include "sa.h"
#include <s370io.h>

/*
 * Write n (1..SA_CONSOLE_WIDTH) ASCII bytes with CCW command cmd and
 * wait for the end of the operation. A console that is not operational
 * loses the output: there is nowhere to report it.
 */
void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
	static uint32_t ccw[2] __attribute__((aligned(8)));
	static unsigned char ebc[SA_CONSOLE_WIDTH];
	uint32_t caw;
	int cc;

	for (unsigned i = 0; i < n; i++)
		ebc[i] = ascii_to_ebcdic[(unsigned char)s[i]];
	ccw[0] = (uint32_t)cmd << 24 | ((uint32_t)(uintptr_t)ebc & 0xFFFFFF);
	ccw[1] = 0x20u << 24 | n;                /* flags: SLI */
	caw = (uint32_t)(uintptr_t)ccw & 0xFFFFFF; /* key 0 */
	__asm__ volatile("st %0,%1(0)" : : "d"(caw), "i"(SA_LC_CAW) : "memory");
	/* 2: busy, try again.  1: the CSW was stored: either status was
	 * pending (an attention for a line the operator typed), which the
	 * store cleared, so the next SIO starts, or the command was
	 * rejected: a few tries tell them apart.  3: absent. */
	for (int tries = 0; (cc = io_sio(SA_CONSOLE_DEVICE)) != 0;)
		if (cc == 3 || (cc == 1 && ++tries > 3))
			return;
	while (io_tio(SA_CONSOLE_DEVICE) == 2)
		;
}
