/*
 * tapeio.c - a stand-alone S/370 program that drives the 3420 at X'180'
 * through channel programs, run by tests/tape/tape_test.sh.
 *
 * What it does depends on the tape it finds at load point, so that one
 * program serves every run of the test:
 *   - a blank tape: writes three files (blocks of 1 to 70,000 bytes, the
 *     longest written with data chaining; the third file empty) ended by
 *     two tape marks, then checks them;
 *   - a tape it wrote: checks it (reads forward with exact counts, tape
 *     marks with unit exception, blank tape after the end; forward and
 *     backward spacing of blocks and files; read backward into storage;
 *     load point conditions); if the tape is file protected, checks that
 *     writes are rejected; if not, overwrites a block in the middle, sees
 *     that what followed is gone, and writes it back;
 *   - a labelled tape (its first block "VOL1..."; tape_test.sh makes one
 *     with Hercules' hetinit): prints the volume serial and the blocks of
 *     the first file.
 * It prints what it does and exits with 0, or a number saying which step
 * failed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebcdic.h"
#include <s370io.h>

#define DEV 0x180

/* Unit status, sense byte 0 and 1 bits. */
#define CE 0x08
#define DE 0x04
#define UC 0x02
#define UX 0x01
#define IL 0x40
#define S0_CMDREJ 0x80
#define S0_EQUIPCHK 0x10
#define S1_LOADPOINT 0x08
#define S1_FP 0x02

#define CD CCW_CD
#define CC CCW_CC
#define SLI CCW_SLI

static struct ccw prog[8] __attribute__((aligned(8)));
static uint8_t sense[24];
static uint8_t unit, chan;
static uint16_t residual;

static void set(int i, uint8_t cmd, const void *addr, uint8_t flags, uint16_t count)
{
	prog[i] = ccw_make(cmd, addr, flags, count);
}

/* Run prog: unit and channel status and the residual count from the CSW;
   after a unit check, the sense bytes.  Returns the unit status. */
static uint8_t run(void)
{
	int cc = io_run_wait(DEV, prog);
	if (cc != 1) {
		printf("tapeio: SIO/TIO condition code %d\n", cc);
		exit(90);
	}
	unit = io_csw_status();
	chan = io_csw_chstatus();
	residual = io_csw_residual();
	if (unit & UC) {
		uint8_t u = unit, c = chan;
		uint16_t r = residual;
		set(0, 0x04, sense, 0, 24);
		run();
		unit = u;
		chan = c;
		residual = r;
	}
	return unit;
}

/* One command alone (control commands with SLI, as tape programs have). */
static uint8_t cmd(uint8_t code, void *addr, uint8_t flags, uint16_t count)
{
	set(0, code, addr, flags, count);
	return run();
}
static uint8_t ctl(uint8_t code) { return cmd(code, 0, SLI, 1); }

/* The status must be exactly `want` (and no channel status). */
static void must(const char *what, uint8_t want, int code)
{
	if (unit != want || chan) {
		printf("tapeio: %s: status %02X %02X, wanted %02X; sense %02X %02X\n", what, unit, chan,
		       want, sense[0], sense[1]);
		exit(code);
	}
}

/* The tape: file f's block k has nblk[f] blocks of len[f][k] bytes. */
#define FILES 3
static const int nblk[FILES] = {5, 3, 0};
static const uint32_t len[FILES][5] = {{80, 1, 4096, 70000, 300}, {2000, 2000, 17}, {0}};
static uint8_t buf[72000], want[72000];

static void pattern(uint8_t *p, int f, int k)
{
	for (uint32_t i = 0; i < len[f][k]; i++)
		p[i] = (uint8_t)(f * 37 + k * 11 + i + (i >> 8));
}

/* Read (or write) block f/k with one or two data-chained CCWs. */
static void xfer(uint8_t code, uint8_t *p, uint32_t n)
{
	if (n > 65535) {
		set(0, code, p, CD, 65535);
		set(1, code, p + 65535, 0, (uint16_t)(n - 65535));
	} else {
		set(0, code, p, 0, (uint16_t)n);
	}
	run();
}

static void write_file(int f, int from)
{
	for (int k = from; k < nblk[f]; k++) {
		pattern(want, f, k);
		xfer(0x01, want, len[f][k]);
		must("write", CE | DE, 10);
	}
	ctl(0x1F);
	must("write tape mark", CE | DE, 11);
}

static void read_block(int f, int k, int code)
{
	pattern(want, f, k);
	memset(buf, 0, len[f][k] + 1);
	xfer(0x02, buf, len[f][k]);
	must("read", CE | DE, code);
	if (residual || memcmp(buf, want, len[f][k])) {
		printf("tapeio: file %d block %d differs (residual %u)\n", f + 1, k + 1, residual);
		exit(code + 1);
	}
}

/* Everything written, in order, then blank tape. */
static void read_all(void)
{
	ctl(0x07);
	must("rewind", CE | DE, 20);
	for (int f = 0; f < FILES; f++) {
		for (int k = 0; k < nblk[f]; k++)
			read_block(f, k, 21);
		cmd(0x02, buf, SLI, 100);
		must("read a tape mark", CE | DE | UX, 23);
	}
	cmd(0x02, buf, SLI, 100);
	if (!(unit & UC) || sense[0] != S0_EQUIPCHK) {
		printf("tapeio: no blank tape after the last tape mark: %02X %02X\n", unit, sense[0]);
		exit(24);
	}
	printf("tapeio: %d files read back\n", FILES);
}

static void positioning(void)
{
	ctl(0x07);
	/* At load point: backward commands get unit check with load point. */
	cmd(0x0C, buf + 99, SLI, 100);
	if (unit != (CE | DE | UC) || sense[0] || !(sense[1] & S1_LOADPOINT)) {
		printf("tapeio: read backward at load point: %02X sense %02X %02X\n", unit, sense[0], sense[1]);
		exit(30);
	}
	ctl(0x27);
	must("backspace at load point", CE | DE | UC, 31);
	/* To file 2, back over the mark, read backward file 1's last block. */
	ctl(0x3F);
	must("forward space file", CE | DE, 32);
	read_block(1, 0, 33);
	ctl(0x27);
	must("backspace block", CE | DE, 35);
	ctl(0x27);
	must("backspace over the tape mark", CE | DE | UX, 36);
	pattern(want, 0, 4);
	memset(buf, 0, 400);
	cmd(0x0C, buf + 299, 0, 300);
	must("read backward", CE | DE, 37);
	if (memcmp(buf, want, 300)) {
		printf("tapeio: read backward: data differs\n");
		exit(38);
	}
	/* Back to load point with backspace file: unit check at load point. */
	ctl(0x2F);
	if (unit != (CE | DE | UC) || !(sense[1] & S1_LOADPOINT)) {
		printf("tapeio: backspace file to load point: %02X sense %02X %02X\n", unit, sense[0], sense[1]);
		exit(39);
	}
	/* Forward space 3 blocks in one chain, then 100 bytes of the long one. */
	set(0, 0x37, 0, CC | SLI, 1);
	set(1, 0x37, 0, CC | SLI, 1);
	set(2, 0x37, 0, CC | SLI, 1);
	set(3, 0x02, buf, SLI, 100);
	run();
	must("space and read", CE | DE, 40);
	pattern(want, 0, 3);
	if (residual || memcmp(buf, want, 100)) {
		printf("tapeio: spaced read: data differs\n");
		exit(41);
	}
	/* Sense ID is not a 3420 command. */
	static uint8_t id[7];
	cmd(0xE4, id, SLI, 7);
	if (!(unit & UC) || sense[0] != S0_CMDREJ) {
		printf("tapeio: sense ID accepted?\n");
		exit(42);
	}
	printf("tapeio: positioning checked\n");
}

/* Overwrite file 2's first block: what followed is gone; then put it back. */
static void overwrite(void)
{
	ctl(0x07);
	ctl(0x3F);
	memset(want, 0xE7, 50);
	cmd(0x01, want, 0, 50);
	must("overwrite", CE | DE, 50);
	cmd(0x02, buf, SLI, 100);
	if (!(unit & UC) || sense[0] != S0_EQUIPCHK) {
		printf("tapeio: data after an overwritten block: %02X %02X\n", unit, sense[0]);
		exit(51);
	}
	ctl(0x27);
	must("backspace over the new block", CE | DE, 52);
	write_file(1, 0);
	write_file(2, 0);
	printf("tapeio: overwrite cut off the rest, and it was written again\n");
}

static void labelled(void)
{
	char vol[7];
	ebcdic_to_ascii_buf(vol, buf + 4, 6);
	vol[6] = 0;
	printf("tapeio: label VOL1 %s\n", vol);
	int blocks = 1;
	for (;;) {
		cmd(0x02, buf, SLI, sizeof buf > 65535 ? 65535 : sizeof buf);
		if (unit & UX)
			break;
		must("read a label", CE | DE, 61);
		blocks++;
	}
	printf("tapeio: labelled tape, %d blocks in file 1\n", blocks);
}

int main(void)
{
	cmd(0x04, sense, 0, 24);
	must("sense", CE | DE, 1);
	if (!(sense[1] & S1_LOADPOINT)) {
		printf("tapeio: not at load point: sense %02X %02X\n", sense[0], sense[1]);
		exit(2);
	}
	int fp = sense[1] & S1_FP;
	cmd(0x02, buf, SLI, 65535);
	if ((unit & UC) && sense[0] == S0_EQUIPCHK && !fp) {
		printf("tapeio: blank tape: writing %d files\n", FILES);
		ctl(0x07);
		for (int f = 0; f < FILES; f++)
			write_file(f, 0);  /* the empty third ends the tape: two marks */
	} else if (unit == (CE | DE) && !memcmp(buf, "\xE5\xD6\xD3\xF1", 4)) {
		labelled();
		return 0;
	} else if (unit != (CE | DE)) {
		printf("tapeio: first block: status %02X sense %02X\n", unit, sense[0]);
		exit(3);
	}
	read_all();
	positioning();
	if (fp) {
		ctl(0x07);
		cmd(0x01, want, 0, 10);
		if (!(unit & UC) || sense[0] != S0_CMDREJ || !(sense[1] & S1_FP)) {
			printf("tapeio: write on a file-protected tape: %02X %02X %02X\n", unit, sense[0],
			       sense[1]);
			exit(70);
		}
		printf("tapeio: file protected, write rejected\n");
	} else {
		overwrite();
		read_all();
	}
	ctl(0x07);
	printf("tapeio: done\n");
	return 0;
}
