/*
 * ckdio.c - a stand-alone S/370 program (IPLed from the card reader) that
 * drives a 3330 volume at X'190' through S/370 channel programs: Sense ID;
 * a counter record on cylinder 1 head 2 (found with SEARCH ID EQUAL + TIC
 * *-8, created with Write CKD after R0 if missing, then updated with Write
 * Data), so that every run prints a number one higher than the last; ten
 * records formatted on cylinder 1 head 3 in one chain and read back one by
 * one with search loops and all at once with Read Multiple CKD.  It exits
 * with 0, or a number saying which step failed.  tests/dasd/ckdio_test.sh
 * runs it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <s370io.h>

#define DEV 0x190

#define CC CCW_CC
#define SLI CCW_SLI

static struct ccw prog[32] __attribute__((aligned(8)));
static uint8_t sense[24];
static uint8_t unit, chan;

static void set(int i, uint8_t cmd, const void *addr, uint8_t flags, uint16_t count)
{
	prog[i] = ccw_make(cmd, addr, flags, count);
}

/* Run prog; unit and channel status from the CSW; on unit check, the
   sense bytes.  Returns the unit status. */
static uint8_t run(void)
{
	int cc = io_run_wait(DEV, prog);
	if (cc != 1) {
		printf("ckdio: SIO/TIO condition code %d\n", cc);
		exit(10);
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

static void must(const char *what, int code)
{
	if (unit != 0x0C || chan) {
		printf("ckdio: %s: status %02X %02X sense %02X %02X\n", what, unit, chan, sense[0],
		       sense[1]);
		exit(code);
	}
}

static uint8_t seekarg[6], id[5], count[8];
static uint8_t buf[16384];

/* Seek to cc/hh and search ID equal on record r (a TIC loop): CCWs 0-2. */
static int find(unsigned cc, unsigned hh, unsigned r)
{
	memset(seekarg, 0, 6);
	seekarg[3] = (uint8_t)cc;
	seekarg[5] = (uint8_t)hh;
	id[0] = 0; id[1] = (uint8_t)cc; id[2] = 0; id[3] = (uint8_t)hh; id[4] = (uint8_t)r;
	set(0, 0x07, seekarg, CC, 6);
	set(1, 0x31, id, CC, 5);
	set(2, 0x08, &prog[1], 0, 0);
	return 3;
}

int main(void)
{
	/* Sense ID: a 3330 model 1 behind a 3830. */
	uint8_t sid[7];
	set(0, 0xE4, sid, SLI, 7);
	run();
	must("sense ID", 1);
	printf("ckdio: sense ID %02X %02X%02X %02X %02X%02X %02X\n", sid[0], sid[1], sid[2], sid[3],
	       sid[4], sid[5], sid[6]);

	/* The counter record. */
	uint32_t n = 0;
	int i = find(1, 2, 1);
	set(i, 0x06, &n, 0, 4);
	run();
	if ((unit & 0x02) && sense[1] == 0x08) {
		printf("ckdio: no counter yet\n");
		i = find(1, 2, 0);
		count[0] = 0; count[1] = 1; count[2] = 0; count[3] = 2; count[4] = 1;
		count[5] = 0; count[6] = 0; count[7] = 4;
		memcpy(buf, count, 8);
		memset(buf + 8, 0, 4);
		set(i, 0x1D, buf, 0, 12);
		run();
		must("write the counter record", 2);
	} else {
		must("read the counter", 3);
	}
	n++;
	i = find(1, 2, 1);
	set(i, 0x05, &n, 0, 4);
	run();
	must("update the counter", 4);

	/* Ten records on 1/3, formatted in one chain after R0. */
	i = find(1, 3, 0);
	static uint8_t recs[10][8 + 1000];
	for (int r = 0; r < 10; r++) {
		uint8_t *p = recs[r];
		p[0] = 0; p[1] = 1; p[2] = 0; p[3] = 3; p[4] = (uint8_t)(r + 1);
		p[5] = 0; p[6] = 1000 >> 8; p[7] = 1000 & 0xFF;
		for (int k = 0; k < 1000; k++)
			p[8 + k] = (uint8_t)(r * 31 + k + n);
		set(i++, 0x1D, p, r < 9 ? CC : 0, 1008);
	}
	run();
	must("format 1/3", 5);
	for (int r = 9; r >= 0; r--) {
		i = find(1, 3, (unsigned)r + 1);
		set(i, 0x06, buf, 0, 1000);
		run();
		must("read a record back", 6);
		if (memcmp(buf, recs[r] + 8, 1000)) {
			printf("ckdio: record %d differs\n", r + 1);
			exit(7);
		}
	}
	memset(seekarg, 0, 6);
	seekarg[3] = 1;
	seekarg[5] = 3;
	set(0, 0x07, seekarg, CC, 6);
	set(1, 0x5E, buf, SLI, sizeof buf);
	run();
	must("read multiple CKD", 8);
	for (int r = 0; r < 10; r++)
		if (memcmp(buf + r * 1008, recs[r], 1008)) {
			printf("ckdio: read multiple CKD: record %d differs\n", r + 1);
			exit(9);
		}
	printf("ckdio: 10 records written and read back\n");

	/* A search for a record that is not there. */
	i = find(1, 3, 11);
	set(i, 0x06, buf, 0, 1000);
	run();
	if (!(unit & 0x02) || sense[1] != 0x08) {
		printf("ckdio: R11 found?\n");
		exit(11);
	}
	printf("ckdio: no record found for R11, as it should be\n");
	printf("ckdio: run %u\n", (unsigned)n);
	return 0;
}
