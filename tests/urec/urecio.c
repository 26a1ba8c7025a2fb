/*
 * urecio.c - a stand-alone S/370 program (IPLed from the spooled card
 * reader at 00C) that drives the unit record devices through S/370
 * channel programs: the reader at 00C, the punch at 00D, the printer at
 * 00E.  tests/urec/urecio_test.sh and kill_test.sh run it.
 *
 * It first reads to the end of its own IPL deck (unit exception), then
 * reads the next deck.  If that deck's first card is "FLOOD n" it punches
 * and prints n cards of its own ("CARD k"), each its own channel program,
 * and after each card has been both punched and printed writes
 * "urecio: done k" on the console: the kill test checks that every card
 * so reported is in the spool database.  Otherwise it copies the deck:
 * each card is punched and printed; the printer gets a 20-line form
 * (channel 1 on line 1, channel 12 on line 18), a "PAGE p" heading
 * written with space 2, the cards with space 1, and when spacing reaches
 * channel 12 (unit exception) a skip to channel 1 and a new heading.
 * It also checks the architected answers to Sense ID (command reject on
 * the 2540 reader and punch) and to an invalid command.  It exits 0, or
 * a number saying which step failed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebcdic.h"
#include <s370io.h>

#define RDR 0x00C
#define PCH 0x00D
#define PRT 0x00E

#define CC CCW_CC
#define SLI CCW_SLI

static struct ccw prog[4] __attribute__((aligned(8)));
static uint8_t sense[8];
static uint8_t unit, chan;

static void set(int i, uint8_t cmd, const void *addr, uint8_t flags, uint16_t count)
{
	prog[i] = ccw_make(cmd, addr, flags, count);
}

/* Run prog on dev until it ends; unit and channel status from the CSW;
   on unit check, the sense byte.  Returns the unit status. */
static uint8_t run(unsigned dev)
{
	sense[0] = 0;
	io_set_caw(prog);
	int cc = io_sio(dev);
	if (cc == 0)
		while ((cc = io_tio(dev)) == 2)
			;
	if (cc != 1) {
		printf("urecio: %03X: SIO/TIO condition code %d\n", dev, cc);
		exit(10);
	}
	unit = io_csw_status();
	chan = io_csw_chstatus();
	if (unit & 0x02) {
		uint8_t u = unit, c = chan;
		set(0, 0x04, sense, SLI, 1);
		run(dev);
		unit = u;
		chan = c;
	}
	return unit;
}

static void must(const char *what, int code)
{
	if (unit != 0x0C || chan) {
		printf("urecio: %s: status %02X %02X sense %02X\n", what, unit, chan, sense[0]);
		exit(code);
	}
}

static uint8_t card[80];

/* Read a card: 1, or 0 at the end of the deck (unit exception) or with
   no deck (intervention required). */
static int read_card(void)
{
	set(0, 0x02, card, 0, 80);
	run(RDR);
	if (unit == 0x0D || (unit == 0x0E && sense[0] == 0x40))
		return 0;
	must("read", 2);
	return 1;
}

static void punch(const uint8_t *c)
{
	set(0, 0x01, c, 0, 80);
	run(PCH);
	must("punch", 3);
}

static unsigned line_len(const uint8_t *c)
{
	unsigned n = 80;
	while (n && c[n - 1] == 0x40)
		n--;
	return n ? n : 1;
}

/* Write one line with command cmd; returns the unit status (CE DE, or
   with unit exception at the overflow channel). */
static uint8_t print(uint8_t cmd, const uint8_t *text, unsigned n)
{
	set(0, cmd, text, SLI, (uint16_t)n);
	run(PRT);
	if (unit != 0x0C && unit != 0x0D)
		must("print", 4);
	return unit;
}

static void to_ebcdic(uint8_t *dst, const char *s, unsigned n)
{
	memset(dst, 0x40, n);
	for (unsigned i = 0; s[i] && i < n; i++)
		dst[i] = ascii_to_ebcdic[(unsigned char)s[i]];
}

static unsigned page;

static void heading(void)
{
	char h[16];
	uint8_t e[16];
	snprintf(h, sizeof h, "PAGE %u", ++page);
	to_ebcdic(e, h, (unsigned)strlen(h));
	print(0x11, e, (unsigned)strlen(h));
}

static void flood(unsigned n)
{
	uint8_t c[80];
	char text[32];
	for (unsigned k = 1; k <= n; k++) {
		snprintf(text, sizeof text, "CARD %u", k);
		to_ebcdic(c, text, 80);
		punch(c);
		print(0x09, c, line_len(c));
		printf("urecio: done %u\n", k);
	}
}

int main(void)
{
	/* The 2821 has no Sense ID: command reject, sense byte X'80'. */
	uint8_t sid[7];
	set(0, 0xE4, sid, SLI, 7);
	run(PCH);
	if (unit != 0x0E || sense[0] != 0x80) {
		printf("urecio: sense ID on the 2540 punch: status %02X sense %02X\n", unit, sense[0]);
		return 5;
	}
	/* An invalid command (a read on a punch): command reject. */
	set(0, 0x02, card, 0, 80);
	run(PCH);
	if (unit != 0x0E || sense[0] != 0x80) {
		printf("urecio: read on the punch: status %02X sense %02X\n", unit, sense[0]);
		return 6;
	}
	/* The rest of the IPL deck, to its end of file. */
	unsigned skipped = 0;
	while (read_card())
		skipped++;
	if (!read_card()) {
		printf("urecio: no data deck\n");
		return 7;
	}
	char first[81];
	ebcdic_to_ascii_buf(first, card, 80);
	first[80] = 0;
	if (!strncmp(first, "FLOOD ", 6)) {
		flood((unsigned)atoi(first + 6));
		return 0;
	}
	/* A 20-line form: channel 1 on line 1, 12 on line 18. */
	static uint8_t fcb[20];
	memset(fcb, 0, sizeof fcb);
	fcb[0] = 0x01;
	fcb[17] = 0x0C;
	fcb[19] = 0x10;
	set(0, 0x63, fcb, 0, sizeof fcb);
	run(PRT);
	must("load FCB", 8);
	heading();
	unsigned cards = 0;
	do {
		cards++;
		punch(card);
		if (print(0x09, card, line_len(card)) & 0x01) {
			set(0, 0x8B, NULL, SLI, 1); /* skip to channel 1 immediate */
			run(PRT);
			must("skip", 9);
			heading();
		}
	} while (read_card());
	printf("urecio: %u cards after the IPL deck's %u, %u pages\n", cards, skipped, page);
	return 0;
}
