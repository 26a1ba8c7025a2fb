/*
 * killwriter.c - the writer of the kill test (tests/dasd/kill_test.sh): a
 * stand-alone S/370 program (IPLed from the card reader) that writes to
 * the volume at X'190', a 3330 (CKD) or a 3370 (FBA), until the simulator
 * is killed.
 *
 * The volume holds SLOTS slots, each twice: a primary and a mirror on
 * another cylinder (CKD: R1 of 4096 bytes on cylinder 0 or 1, head
 * 1+slot; FBA: 8 blocks at block 8*slot or 1000+8*slot).  Write number k
 * goes to slot k % SLOTS, primary and mirror in ONE channel program, and
 * fills both with the 32-bit word k.  When the program has ended the
 * writer prints "done k" (the console is line-buffered and each line is
 * flushed on the host), so whoever kills the simulator knows which
 * programs ended.
 *
 * At start it reads every slot and prints "slot S P M": the number in the
 * primary and in the mirror (0 if never written, -1 if the words of a
 * copy differ, which would be a torn write), then continues from the
 * highest number found plus one.  kill_test.sh checks these lines against
 * the "done" lines of the run it killed.  Exit codes: 1 Sense ID failed,
 * 2 a slot could not be read, 3 a write failed.
 */
#define WRITER "killwriter"
#define SLOTS 12
#include "slotwriter.h"

/* Read slot s, copy c (0 primary, 1 mirror): its number; exit 2 if it
   cannot be read. */
static long read_copy(unsigned s, int c)
{
	long n = read_slot(s, c);
	if (n == -2) {
		printf("killwriter: reading slot %u: status %02X %02X sense %02X %02X\n", s, unit,
		       chan, sense[0], sense[1]);
		exit(2);
	}
	return n;
}

int main(void)
{
	slots_start();
	uint32_t next = 0;
	for (unsigned s = 0; s < SLOTS; s++) {
		long p = read_copy(s, 0), m = read_copy(s, 1);
		printf("slot %u %ld %ld\n", s, p, m);
		if (p >= (long)next)
			next = (uint32_t)p + 1;
	}
	if (next == 0)
		next = 1;
	for (uint32_t k = next;; k++) {
		write_slot(k);
		if (!ok()) {
			printf("killwriter: write %u: status %02X %02X sense %02X %02X\n", (unsigned)k,
			       unit, chan, sense[0], sense[1]);
			exit(3);
		}
		printf("done %u\n", (unsigned)k);
	}
}
