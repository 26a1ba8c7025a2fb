/*
 * echo3270.c - a stand-alone S/370 program that drives 3270 displays at
 * 0C0-0C7 (local 3274 channel commands, GA23-0061): when a terminal
 * connects (device end) it asks the model with Sense ID and shows a
 * screen with one input field, by Erase/Write Alternate; on attention it
 * does Read Modified and shows what was typed and which key was pressed.
 * PF12 ends the program (exit 0).  It waits for interruptions in an
 * enabled wait state, as a control program does.
 *
 * Not in tests/sa: it needs a terminal (tests/t3270/s3270_test.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ebcdic.h"
#include <s370io.h>

#ifndef FIRST                  /* the load test builds it for 100-4E7 */
#define FIRST 0xC0
#endif
#ifndef NDEV
#define NDEV 8
#endif


struct term {
	int rows, cols;
	int count;
	char typed[61];
	const char *aid;
	unsigned pending;       /* unit status not yet handled */
};
static struct term term[NDEV];

static const uint8_t code[64] = {
	0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
	0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
	0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
	0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

/* Low storage, through a pointer GCC cannot see is near 0. */
static volatile void *low(uintptr_t a)
{
	volatile void *p;
	__asm__("" : "=a"(p) : "0"(a));
	return p;
}
#define LOW8(a) (*(volatile uint8_t *)low(a))
#define LOW16(a) (*(volatile uint16_t *)low(a))
#define LOW32(a) (*(volatile uint32_t *)low(a))

static unsigned csw_unit(void) { return LOW8(0x44); }
static unsigned csw_count(void) { return LOW16(0x46); }

/* Note unit status from dev that is not the end of our own program. */
static void note(unsigned dev, unsigned us)
{
	if (dev >= FIRST && dev < FIRST + NDEV)
		term[dev - FIRST].pending |= us & (US_ATTN | US_DE);
}

/* Run one CCW on dev and wait for it to end; returns the unit status
   (attention that arrived meanwhile is noted), or -1 if not operational. */
static int io(unsigned dev, uint8_t cmd, void *data, unsigned count, unsigned *got)
{
	static uint32_t ccw[2] __attribute__((aligned(8)));
	ccw[0] = (uint32_t)cmd << 24 | ((uint32_t)(uintptr_t)data & 0xFFFFFF);
	ccw[1] = 0x20u << 24 | count;        /* SLI */
	LOW32(0x48) = (uint32_t)(uintptr_t)ccw;
	int cc;
	while ((cc = io_sio(dev)) == 2)
		;
	if (cc == 3)
		return -1;
	if (cc == 0)
		while ((cc = io_tio(dev)) == 2)
			;
	if (cc != 1)
		return 0;
	unsigned us = csw_unit();
	if (got)
		*got = count - csw_count();
	note(dev, us & US_ATTN);
	return (int)us;
}

/* Wait enabled for an I/O interruption; returns the unit status and
   sets *dev from the interruption code (EC mode: X'BA'). */
static unsigned wait_io(unsigned *dev)
{
	static uint32_t waitpsw[2] __attribute__((aligned(8))) = {0x020A0000, 0};
	LOW32(0x78) = 0x00080000; /* I/O new PSW: EC, disabled */
	__asm__ volatile("larl %%r1,1f\n\t"
			 "st %%r1,0x7c\n\t"
			 "lpsw %0\n"
			 "1:"
			 : : "Q"(waitpsw) : "r1", "cc", "memory");
	*dev = LOW16(0xBA);
	return csw_unit();
}

static uint8_t out[8192];
static unsigned on;

static void o_addr(struct term *t, int row, int col)
{
	int a = row * t->cols + col;
	out[on++] = 0x11; /* SBA */
	out[on++] = code[(a >> 6) & 0x3F];
	out[on++] = code[a & 0x3F];
}

static void o_sf(uint8_t attr)
{
	out[on++] = 0x1D;
	out[on++] = code[attr & 0x3F];
}

static void o_text(const char *s)
{
	while (*s)
		out[on++] = ascii_to_ebcdic[(unsigned char)*s++];
}

static void show(unsigned dev, const char *why)
{
	struct term *t = &term[dev - FIRST];
	char line[100];
	on = 0;
	out[on++] = 0xC3; /* WCC: keyboard restore, reset MDT */
	o_addr(t, 0, 0);
	o_sf(0x28); /* protected, intensified */
	snprintf(line, sizeof line, "CPCMS 3270 ECHO TEST - DEVICE %03X - %dx%d", dev, t->rows, t->cols);
	o_text(line);
	o_addr(t, 2, 0);
	o_sf(0x20);
	o_text("TYPE HERE ===>");
	o_addr(t, 2, 15);
	o_sf(0x00); /* unprotected */
	out[on++] = 0x13; /* IC */
	o_addr(t, 2, 56);
	o_sf(0x20);
	o_addr(t, 4, 0);
	snprintf(line, sizeof line, "YOU TYPED: %s", t->typed);
	o_text(line);
	o_addr(t, 5, 0);
	snprintf(line, sizeof line, "AID: %s  COUNT: %d  %s", t->aid, t->count, why);
	o_text(line);
	o_addr(t, t->rows - 1, 0);
	snprintf(line, sizeof line, "LAST ROW %d OF %d", t->rows, t->rows);
	o_text(line);
	io(dev, 0x0D, out, on, NULL); /* Erase/Write Alternate */
}

static const char *aid_name(uint8_t aid)
{
	static const struct { uint8_t aid; const char *name; } names[] = {
		{0x7D, "ENTER"}, {0x6D, "CLEAR"}, {0x6C, "PA1"}, {0x6E, "PA2"}, {0x6B, "PA3"},
		{0xF1, "PF1"}, {0xF2, "PF2"}, {0xF3, "PF3"}, {0xF4, "PF4"}, {0xF5, "PF5"},
		{0xF6, "PF6"}, {0xF7, "PF7"}, {0xF8, "PF8"}, {0xF9, "PF9"}, {0x7A, "PF10"},
		{0x7B, "PF11"}, {0x7C, "PF12"}, {0xC1, "PF13"}, {0xC2, "PF14"}, {0xC3, "PF15"},
		{0xC4, "PF16"}, {0xC5, "PF17"}, {0xC6, "PF18"}, {0xC7, "PF19"}, {0xC8, "PF20"},
		{0xC9, "PF21"}, {0x4A, "PF22"}, {0x4B, "PF23"}, {0x4C, "PF24"},
	};
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].aid == aid)
			return names[i].name;
	return "?";
}

static void connected(unsigned dev)
{
	static const int size[6][2] = {{24, 80}, {24, 80}, {24, 80}, {32, 80}, {43, 80}, {27, 132}};
	struct term *t = &term[dev - FIRST];
	uint8_t id[7] = {0};
	if (io(dev, 0xE4, id, 7, NULL) < 0)
		return;
	int model = id[6] <= 5 ? id[6] : 2;
	t->rows = size[model][0];
	t->cols = size[model][1];
	t->count = 0;
	t->typed[0] = 0;
	t->aid = "NONE";
	show(dev, "CONNECTED");
}

static void attention(unsigned dev)
{
	static uint8_t in[8192];
	struct term *t = &term[dev - FIRST];
	unsigned n = 0;
	int us = io(dev, 0x06, in, sizeof in, &n); /* Read Modified */
	if (us < 0 || (us & US_UC) || n == 0)
		return; /* the terminal is gone */
	t->aid = aid_name(in[0]);
	t->count++;
	unsigned i = 3, k = 0;
	if (i < n && in[i] == 0x11)
		i += 3;
	for (; i < n && in[i] != 0x11 && k < sizeof t->typed - 1; i++)
		t->typed[k++] = (char)ebcdic_to_ascii[in[i]];
	if (n > 3)
		t->typed[k] = 0;
	if (in[0] == 0x7C) { /* PF12 */
		show(dev, "GOODBYE");
		exit(0);
	}
	show(dev, "");
}

int main(void)
{
	printf("echo3270: waiting for terminals on %03X-%03X\n", FIRST, FIRST + NDEV - 1);
	for (;;) {
		unsigned dev;
		unsigned us = wait_io(&dev);
		note(dev, us);
		for (int again = 1; again;) {
			again = 0;
			for (unsigned d = 0; d < NDEV; d++) {
				unsigned p = term[d].pending;
				term[d].pending = 0;
				if (p & US_ATTN && term[d].rows)
					attention(FIRST + d), again = 1;
				else if (p & US_DE)
					connected(FIRST + d), again = 1;
			}
		}
	}
}
