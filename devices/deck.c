/*
 * deck.c - reading card decks for the card readers.
 *
 * A deck file is binary when it holds any byte that is not printable
 * ASCII, tab, CR or LF: then it must be a whole number of 80-byte cards,
 * taken as they are.  Otherwise it is text: each line becomes a card,
 * translated to EBCDIC and padded with blanks; a line longer than 80
 * characters is an error that names the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "ebcdic.h"

static int is_text(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if (c != '\n' && c != '\r' && c != '\t' && (c < 0x20 || c > 0x7E))
            return 0;
    }
    return 1;
}

int deck_from_buffer(const uint8_t *p, size_t n, int binary, struct deck *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    if (binary) {
        if (n % CARD) {
            snprintf(err, errlen, "size %zu is not a multiple of 80: truncated deck", n);
            return -1;
        }
        d->ncards = n / CARD;
        d->cards = malloc(n ? n : 1);
        if (!d->cards) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        memcpy(d->cards, p, n);
        return 0;
    }
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += p[i] == '\n';
    if (n && p[n - 1] != '\n')
        lines++;
    d->cards = malloc(lines ? lines * CARD : 1);
    if (!d->cards) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    size_t start = 0;
    for (size_t line = 0; line < lines; line++) {
        size_t end = start;
        while (end < n && p[end] != '\n')
            end++;
        size_t len = end - start;
        if (len && p[start + len - 1] == '\r')
            len--;
        if (len > CARD) {
            snprintf(err, errlen, "line %zu is %zu characters long; a card holds 80", line + 1, len);
            deck_free(d);
            return -1;
        }
        uint8_t *card = d->cards + line * CARD;
        memset(card, 0x40, CARD);
        ebcdic_from_ascii(card, (const char *)p + start, len);
        start = end + 1;
    }
    d->ncards = lines;
    return 0;
}

int deck_load(const char *path, struct deck *d, char *err, size_t errlen)
{
    memset(d, 0, sizeof *d);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        snprintf(err, errlen, bad ? "read error" : "out of memory");
        return -1;
    }
    if (n >= 4 && !memcmp(buf, "\177ELF", 4)) {
        free(buf);
        snprintf(err, errlen, "an ELF file, not a card deck (make one with tools/elf2deck)");
        return -1;
    }
    int r = deck_from_buffer(buf, n, !is_text(buf, n), d, err, errlen);
    free(buf);
    return r;
}

void deck_free(struct deck *d)
{
    free(d->cards);
    memset(d, 0, sizeof *d);
}
