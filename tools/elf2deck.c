/*
 * elf2deck - turn a stand-alone S/370 ELF executable into an IPL card deck.
 *
 *   elf2deck IN.elf OUT.deck
 *
 * IN is a 32-bit big-endian ELF executable for S/390 (EM_S390), linked
 * with sa/sa.ld. OUT is a deck of 80-byte binary card images that a
 * standard S/370 IPL from a card reader loads and starts (GA22-7000,
 * "Initial program loading"): the channel reads card 1 into location 0
 * and chains to the CCWs it holds, which read the rest of the deck.
 *
 *   card 1       bytes 0-7   IPL PSW: X'00080000', entry address
 *                bytes 8-15  CCW read 80 bytes into L (CC+SLI)
 *                bytes 16-23 CCW TIC to L
 *   CCW card k   read into L + 80k; up to 9 CCWs each reading one of the
 *                data cards that follow it to its load address (CC+SLI),
 *                then a 10th reading CCW card k+1 into L + 80(k+1), where
 *                command chaining continues. The final CCW card holds up
 *                to 10 data CCWs; its last one has SLI only and ends the
 *                channel program.
 *   data card    80 bytes of a PT_LOAD segment's file image. A segment's
 *                last card is zero-padded, but its CCW count is only the
 *                bytes that belong to the segment, so nothing beyond the
 *                segment is stored. .bss is not loaded: crt0 clears it.
 *
 * L is the image's highest address (memory size of every segment,
 * .bss included) rounded up to 8; the CCW cards must end at or below
 * SA_HEAP_END (sa/memlayout.h), where the program's heap will reuse them.
 *
 * Every ELF header field is checked against the file size; a bad input
 * gets "elf2deck: FILE: <reason>" on stderr and exit status 1, and no
 * output file is left behind.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../sa/memlayout.h"
#include "elf.h"

#define CARD          80
#define CCWS_PER_CARD 10

/* CCW commands and flags (format 0) */
#define CCW_READ      0x02
#define CCW_TIC       0x08
#define CCW_CC_SLI    0x60
#define CCW_SLI       0x20

/* One data card: where it goes and how many of its bytes are stored */
struct card {
	uint32_t addr;
	uint32_t count;                 /* 1..80 */
	const unsigned char *data;      /* count bytes in the input file */
};

static const char *in_name;

static void fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "elf2deck: %s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* Store a format-0 CCW at p */
static void put_ccw(unsigned char *p, unsigned cmd, uint32_t addr,
		    unsigned flags, unsigned count)
{
	put32(p, (uint32_t)cmd << 24 | (addr & 0xFFFFFF));
	put32(p + 4, (uint32_t)flags << 24 | (count & 0xFFFF));
}

/*
 * Collect the data cards of all loadable segments into *cards (in program
 * header order) and return how many; *top gets the highest address used.
 * The ELF file itself was checked by elf_read() (machine/elf.c).
 */
static size_t collect_cards(const struct elf_image *img, struct card **cards, uint32_t *top)
{
	size_t ncards = 0;
	struct card *c = NULL;

	*top = 0;
	for (int i = 0; i < img->nseg; i++) {
		const struct elf_seg *s = &img->seg[i];

		if (s->memsz && s->addr < SA_LOWCORE_END)
			fail(in_name, "segment %d overlaps low core (0x%x)", i, s->addr);
		if (s->addr + s->memsz > *top)
			*top = s->addr + s->memsz;
		for (uint32_t done = 0; done < s->filesz; done += CARD) {
			if (ncards % 1024 == 0) {
				c = realloc(c, (ncards + 1024) * sizeof *c);
				if (c == NULL)
					fail(in_name, "out of memory");
			}
			c[ncards].addr = s->addr + done;
			c[ncards].count = s->filesz - done < CARD ? s->filesz - done : CARD;
			c[ncards].data = s->data + done;
			ncards++;
		}
	}
	if (ncards == 0)
		fail(in_name, "PT_LOAD segments hold no data to load");
	*cards = c;
	return ncards;
}

/* Number of CCW cards needed for n data cards */
static size_t ccw_cards(size_t n)
{
	size_t k = 1;

	for (; n > CCWS_PER_CARD; n -= CCWS_PER_CARD - 1)
		k++;
	return k;
}

/*
 * Build the deck in memory: card 1, then CCW cards each followed by its
 * data cards. Returns the deck and its size in *size.
 */
static unsigned char *build_deck(uint32_t entry, uint32_t top,
				 const struct card *c, size_t n, size_t *size)
{
	uint32_t l = (top + 7) & ~7u;
	size_t nccw = ccw_cards(n);
	unsigned char *deck, *p;

	if ((uint64_t)l + nccw * CARD > SA_HEAP_END)
		fail(in_name, "image and IPL CCWs end at 0x%llx, above 0x%x",
		     (unsigned long long)l + nccw * CARD, SA_HEAP_END);
	*size = (1 + nccw + n) * CARD;
	deck = calloc(1, *size);
	if (deck == NULL)
		fail(in_name, "out of memory");
	put32(deck, 0x00080000);                /* EC mode, disabled, key 0 */
	put32(deck + 4, entry);
	put_ccw(deck + 8, CCW_READ, l, CCW_CC_SLI, CARD);
	put_ccw(deck + 16, CCW_TIC, l, 0, 0);
	p = deck + CARD;
	for (size_t k = 0, i = 0; i < n; k++) {
		unsigned char *ccw = p;
		size_t left = n - i;
		size_t take = left <= CCWS_PER_CARD ? left : CCWS_PER_CARD - 1;

		p += CARD;
		for (size_t j = 0; j < take; j++, i++) {
			int last = i == n - 1;
			put_ccw(ccw + 8 * j, CCW_READ, c[i].addr,
				last ? CCW_SLI : CCW_CC_SLI, c[i].count);
			memcpy(p, c[i].data, c[i].count);
			p += CARD;
		}
		if (i < n)
			put_ccw(ccw + 8 * (CCWS_PER_CARD - 1), CCW_READ,
				l + (uint32_t)(k + 1) * CARD, CCW_CC_SLI, CARD);
	}
	return deck;
}

int main(int argc, char **argv)
{
	const char *out_name;
	unsigned char *deck;
	size_t n, size;
	struct elf_image img;
	char err[200];
	struct card *cards;
	uint32_t entry, top;
	FILE *out;

	if (argc != 3) {
		fprintf(stderr, "usage: elf2deck IN.elf OUT.deck\n");
		return 2;
	}
	in_name = argv[1];
	out_name = argv[2];
	if (elf_read(in_name, &img, err, sizeof err))
		fail(in_name, "%s", err);
	entry = img.entry;
	n = collect_cards(&img, &cards, &top);
	if (entry >= 0x1000000)
		fail(in_name, "entry address 0x%x beyond 24-bit storage", entry);
	deck = build_deck(entry, top, cards, n, &size);

	out = fopen(out_name, "wb");
	if (out == NULL)
		fail(out_name, "%s", strerror(errno));
	if (fwrite(deck, 1, size, out) != size || fclose(out) != 0) {
		int e = errno;
		remove(out_name);
		fail(out_name, "%s", strerror(e));
	}
	free(deck);
	free(cards);
	elf_free(&img);
	return 0;
}
