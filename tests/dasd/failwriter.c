/*
 * failwriter.c - the guest of tests/dasd/notready_test.sh: a stand-alone
 * S/370 program (IPLed from the card reader) that writes to the volume at
 * X'190', a 3330 (CKD) or a 3370 (FBA), while the host makes the volume
 * file fail under it and then mends it.
 *
 * Write number k goes to slot k % SLOTS, a primary and a mirror copy in
 * ONE channel program (as in killwriter.c: CKD R1 of cylinder 0 or 1,
 * head 1+slot; FBA 8 blocks at 8*slot or 1000+8*slot), filled with k.
 * Every program gets the next number, whether it works or not.  The
 * program prints a line whenever the outcome changes ("write K: ok",
 * "write K: equipment check", "write K: intervention required"), and
 * "sense ID while not ready: ok" once.  The first write that works after
 * intervention required is followed by a read of every slot: each must
 * hold the last number whose write worked (0 if none), so that nothing of
 * the refused programs reached the volume.  The program that ended with
 * equipment check may be there or not, but whole, in both copies: the
 * file can fail after SQLite wrote the commit to the WAL and before its
 * sync, and the WAL is read back when the file opens again (a write that
 * ends in equipment check leaves its records undefined on a real disk
 * too).  Then ten more writes and the same check, "slots ok", and exit 0.
 * Exit codes: 1 Sense ID failed, 2 a slot is wrong, 3 another error,
 * 4 SIO or TIO failed.
 */
#define WRITER "failwriter"
#define SLOTS 4
#include "slotwriter.h"

static uint32_t last[SLOTS];	/* the last number written that worked */
static uint32_t maybe[SLOTS];	/* a number whose write ended in equipment check */

/* Every slot, both copies, holds last[slot] (or maybe[slot], which then
 * becomes the last); exit 2 if not. */
static void check_slots(void)
{
	for (unsigned s = 0; s < SLOTS; s++) {
		long p = read_slot(s, 0), m = read_slot(s, 1);
		if (p != m || (p != (long)last[s] && (!maybe[s] || p != (long)maybe[s]))) {
			printf("failwriter: slot %u holds %ld and %ld, not %u", s, p, m,
			       (unsigned)last[s]);
			if (maybe[s])
				printf(" or %u", (unsigned)maybe[s]);
			printf("\n");
			exit(2);
		}
		last[s] = p;
		maybe[s] = 0;
	}
}

enum { NONE, OK, EQUIPCHK, INTREQ };
static const char *const names[] = {"", "ok", "equipment check", "intervention required"};

int main(void)
{
	slots_start();
	uint8_t sid[7];
	int state = NONE, was_not_ready = 0, after = 0;
	for (uint32_t k = 1;; k++) {
		write_slot(k);
		int now = ok() ? OK
			: (unit & 0x02) && sense[0] == 0x40 ? INTREQ
			: (unit & 0x02) && sense[0] == 0x10 ? EQUIPCHK : NONE;
		if (now == NONE) {
			printf("failwriter: write %u: status %02X %02X sense %02X %02X\n",
			       (unsigned)k, unit, chan, sense[0], sense[1]);
			exit(3);
		}
		if (now != state)
			printf("write %u: %s\n", (unsigned)k, names[now]);
		if (now == INTREQ && !was_not_ready) {
			was_not_ready = 1;
			set(0, 0xE4, sid, SLI, 7);
			run();
			printf("sense ID while not ready: %s\n", ok() ? "ok" : "failed");
		}
		state = now;
		if (now == EQUIPCHK)
			maybe[k % SLOTS] = k;
		if (now != OK)
			continue;
		last[k % SLOTS] = k;
		maybe[k % SLOTS] = 0;
		if (!was_not_ready)
			continue;
		if (after == 0)
			check_slots();
		if (++after == 10)
			break;
	}
	check_slots();
	printf("slots ok\n");
	return 0;
}
