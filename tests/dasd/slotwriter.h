/*
 * slotwriter.h - what the DASD writers share (killwriter.c, failwriter.c):
 * stand-alone S/370 programs on the volume at X'190', a 3330 (CKD) or a
 * 3370 (FBA), that keep SLOTS slots, each twice: a primary and a mirror
 * on another cylinder (CKD: R1 of 4096 bytes on cylinder 0 or 1, head
 * 1+slot; FBA: 8 blocks at block 8*slot or 1000+8*slot).  Write number k
 * goes to slot k % SLOTS, both copies in ONE channel program, and fills
 * them with the 32-bit word k.  The includer defines WRITER (its name,
 * for its messages) and SLOTS first.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <s370io.h>

#define DEV 0x190
#define WORDS 1024

#define CC CCW_CC
#define SLI CCW_SLI

static struct ccw prog[16] __attribute__((aligned(8)));
static uint8_t sense[24];
static uint8_t unit, chan;
static int fba;

static void set(int i, uint8_t cmd, const void *addr, uint8_t flags, uint16_t count)
{
	prog[i] = ccw_make(cmd, addr, flags, count);
}

/* Run prog; on unit check, the sense bytes.  Returns the unit status. */
static uint8_t run(void)
{
	int cc = io_run_wait(DEV, prog);
	if (cc != 1) {
		printf(WRITER ": SIO/TIO condition code %d\n", cc);
		exit(4);
	}
	unit = io_csw_status();
	chan = io_csw_chstatus();
	if (unit & 0x02) {
		uint8_t u = unit, c = chan;
		set(0, 0x04, sense, 0, 24);
		run();
		unit = u;
		chan = c;
	}
	return unit;
}

static int ok(void) { return unit == 0x0C && !chan; }

/* CKD: seek cc/hh, search ID equal on record r (TIC loop) from CCW i. */
static uint8_t seekarg[2][6], id[2][5];
static int ckd_find(int i, int which, unsigned cc, unsigned hh, unsigned r)
{
	memset(seekarg[which], 0, 6);
	seekarg[which][3] = (uint8_t)cc;
	seekarg[which][5] = (uint8_t)hh;
	uint8_t *p = id[which];
	p[0] = 0; p[1] = (uint8_t)cc; p[2] = 0; p[3] = (uint8_t)hh; p[4] = (uint8_t)r;
	set(i, 0x07, seekarg[which], CC, 6);
	set(i + 1, 0x31, p, CC, 5);
	set(i + 2, 0x08, &prog[i + 1], 0, 0);
	return i + 3;
}

/* FBA: Locate for 8 blocks from blk (after the Define Extent in dx). */
static uint8_t dx[16] __attribute__((aligned(8))), loc[2][8];
static int fba_locate(int i, int which, uint8_t op, uint32_t blk)
{
	uint8_t *p = loc[which];
	p[0] = op; p[1] = 0; p[2] = 0; p[3] = 8;
	p[4] = (uint8_t)(blk >> 24); p[5] = (uint8_t)(blk >> 16); p[6] = (uint8_t)(blk >> 8);
	p[7] = (uint8_t)blk;
	set(i, 0x43, p, CC, 8);
	return i + 1;
}

static uint32_t data[2][WORDS + 2];	/* CKD: 8-byte count, then the words */

/* Read slot s, copy c: its number (0 if never written), -1 if its words
   differ, -2 if it cannot be read. */
static long read_slot(unsigned s, int c)
{
	uint32_t *w = data[0] + 2;
	int i = 0;
	if (fba) {
		set(i++, 0x63, dx, CC, 16);
		i = fba_locate(i, 0, 0x06, (c ? 1000 : 0) + 8 * s);
		set(i, 0x42, w, 0, WORDS * 4);
	} else {
		i = ckd_find(i, 0, (unsigned)c, 1 + s, 1);
		set(i, 0x06, w, 0, WORDS * 4);
	}
	run();
	if (!fba && (unit & 0x02) && sense[1] == 0x08)
		return 0;	/* no R1: never written */
	if (!ok())
		return -2;
	for (int j = 1; j < WORDS; j++)
		if (w[j] != w[0])
			return -1;
	return (long)w[0];
}

/* Write number k to its slot, both copies, in one channel program. */
static void write_slot(uint32_t k)
{
	unsigned s = k % SLOTS;
	int i = 0;
	for (int c = 0; c < 2; c++) {
		uint8_t *cnt = (uint8_t *)data[c];
		uint32_t *w = data[c] + 2;
		for (int j = 0; j < WORDS; j++)
			w[j] = k;
		if (fba) {
			if (c == 0)
				set(i++, 0x63, dx, CC, 16);
			i = fba_locate(i, c, 0x01, (c ? 1000 : 0) + 8 * s);
			set(i++, 0x41, w, c ? 0 : CC, WORDS * 4);
		} else {
			i = ckd_find(i, c, (unsigned)c, 1 + s, 0);
			cnt[0] = 0; cnt[1] = (uint8_t)c; cnt[2] = 0; cnt[3] = (uint8_t)(1 + s);
			cnt[4] = 1; cnt[5] = 0; cnt[6] = (WORDS * 4) >> 8; cnt[7] = 0;
			set(i++, 0x1D, cnt, c ? 0 : CC, 8 + WORDS * 4);
		}
	}
	run();
}

/* Sense ID: which volume (fba), exit 1 if it fails; the Define Extent
   (mask "all writes", blocks 0-1999 numbered 0-1999); a line saying which. */
static void slots_start(void)
{
	uint8_t sid[7];
	set(0, 0xE4, sid, SLI, 7);
	run();
	if (!ok()) {
		printf(WRITER ": sense ID failed\n");
		exit(1);
	}
	fba = sid[4] == 0x33 && sid[5] == 0x70;
	dx[0] = 0xC0;
	dx[2] = 0x02;
	dx[14] = 1999 >> 8;
	dx[15] = 1999 & 0xFF;
	printf(WRITER ": %s\n", fba ? "FBA 3370" : "CKD");
}
