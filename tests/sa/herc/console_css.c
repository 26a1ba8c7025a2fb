/*
 * console_css.c - sa_console_write for an ESA/390 machine, so
 * that Hercules can cross-check the stand-alone programs (sa/sa.mk, target
 * sa-hercules). Hercules 3.13 has no z900 instructions in S/370 mode, and
 * no S/370 channel I/O (SIO, TIO) in ESA/390 mode: the programs run there
 * with this file linked in place of console_sio.c, the rest of sa/ unchanged.
 *
 * The 3215 at device number 009 is found with STSCH, enabled with MSCH,
 * and each line is written by SSCH (format-0 CCW, as in console.c) and
 * TSCH polled until device end (GA22-7201, chapters 14-16). The line
 * buffering is sa/console.c's.
 */
#include <stdint.h>
#include <stdio.h>
#include "sa.h"

static uint32_t ssid;           /* subsystem id; 0 not looked for, 1 absent */

static uint32_t schib[13] __attribute__((aligned(4)));
static uint32_t orb[8] __attribute__((aligned(8)));
static uint32_t irb[24] __attribute__((aligned(8)));

#define CC_OUT "ipm %0\n\tsrl %0,28"

static int stsch(uint32_t id)
{
	int cc;
	__asm__ volatile("lr 1,%1\n\tstsch %2\n\t" CC_OUT
			 : "=d"(cc) : "d"(id), "Q"(schib) : "1", "cc", "memory");
	return cc;
}

static int msch(uint32_t id)
{
	int cc;
	__asm__ volatile("lr 1,%1\n\tmsch %2\n\t" CC_OUT
			 : "=d"(cc) : "d"(id), "Q"(schib) : "1", "cc", "memory");
	return cc;
}

static int ssch(uint32_t id)
{
	int cc;
	__asm__ volatile("lr 1,%1\n\tssch %2\n\t" CC_OUT
			 : "=d"(cc) : "d"(id), "Q"(orb) : "1", "cc", "memory");
	return cc;
}

static int tsch(uint32_t id)
{
	int cc;
	__asm__ volatile("lr 1,%1\n\ttsch %2\n\t" CC_OUT
			 : "=d"(cc) : "d"(id), "Q"(irb) : "1", "cc", "memory");
	return cc;
}

/* Find and enable the subchannel of the console; set ssid */
static void find_console(void)
{
	for (uint32_t n = 0; n < 0x10000; n++) {
		uint32_t id = 0x00010000 | n;
		if (stsch(id) == 3)
			break;
		/* PMCW word 1: E (bit 8), V (bit 15), device number */
		if ((schib[1] & 0x0001FFFF) == (0x00010000 | SA_CONSOLE_DEVICE)) {
			schib[1] |= 0x00800000;
			if (msch(id) == 0)
				ssid = id;
			return;
		}
	}
	ssid = 1;       /* not found: do not look again */
}

/* Write n (1..SA_CONSOLE_WIDTH) ASCII bytes with CCW command cmd */
void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
	static uint32_t ccw[2] __attribute__((aligned(8)));
	static unsigned char ebc[SA_CONSOLE_WIDTH];

	if (!ssid)
		find_console();
	if (ssid == 1)
		return;
	for (unsigned i = 0; i < n; i++)
		ebc[i] = ascii_to_ebcdic[(unsigned char)s[i]];
	ccw[0] = (uint32_t)cmd << 24 | ((uint32_t)(uintptr_t)ebc & 0xFFFFFF);
	ccw[1] = 0x20u << 24 | n;
	orb[0] = 0;
	orb[1] = 0x0000FF00;                    /* key 0, format 0, LPM FF */
	orb[2] = (uint32_t)(uintptr_t)ccw;
	while (ssch(ssid) == 2)
		;
	while (!(tsch(ssid) == 0 && (irb[2] & 0x04000000)))     /* SCSW: DE */
		;
}
