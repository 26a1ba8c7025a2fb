/*
 * deck.h - card decks (deck.c): a file of 80-byte EBCDIC records, or ASCII
 * text turned into cards (one line a card, blank-padded).
 */
#ifndef CPCMS_DECK_H
#define CPCMS_DECK_H

#include <stddef.h>
#include <stdint.h>

#define CARD 80

struct deck {
    uint8_t *cards;   /* ncards * CARD bytes, EBCDIC */
    size_t ncards;
};

/* Load a deck.  0, or -1 with a message (not naming the file) in err. */
int deck_load(const char *path, struct deck *d, char *err, size_t errlen);
/* Make a deck from a buffer (binary if `binary`, else ASCII text). */
int deck_from_buffer(const uint8_t *p, size_t n, int binary, struct deck *d, char *err, size_t errlen);
void deck_free(struct deck *d);

#endif
