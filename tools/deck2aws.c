/*
 * deck2aws - put a card deck on an AWS tape image, one 80-byte card per
 * block, followed by two tape marks (the end of the data on a tape).
 *
 *   deck2aws IN.deck OUT.aws
 *
 * An IPL deck made by tools/elf2deck becomes an IPL tape: its first card
 * is the IPL record (the PSW and the two CCWs that read the next cards),
 * and its CCWs' reads of 80 bytes each read one block.  The tape is
 * written through devices/awstape.c, the code the 3420 uses.  A bad input
 * gets "deck2aws: FILE: <reason>" and exit status 1, and no output file
 * is left behind.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "awstape.h"

#define CARD 80

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: deck2aws IN.deck OUT.aws\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) {
        fprintf(stderr, "deck2aws: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    char err[200];
    struct aws t;
    unlink(argv[2]);
    if (aws_open(&t, argv[2], false, true, err, sizeof err)) {
        fprintf(stderr, "deck2aws: %s: %s\n", argv[2], err);
        fclose(in);
        return 1;
    }
    uint8_t card[CARD];
    size_t n, cards = 0;
    const char *fail = NULL;
    while ((n = fread(card, 1, CARD, in)) == CARD) {
        if (aws_write(&t, card, CARD)) {
            fail = t.msg;
            break;
        }
        cards++;
    }
    if (!fail && ferror(in))
        fail = "read error";
    else if (!fail && n)
        fail = "size is not a multiple of 80: truncated deck";
    else if (!fail && !cards)
        fail = "empty deck";
    if (!fail && (aws_write_tapemark(&t) || aws_write_tapemark(&t)))
        fail = t.msg;
    fclose(in);
    aws_close(&t);
    if (fail) {
        fprintf(stderr, "deck2aws: %s: %s\n", argv[1], fail);
        unlink(argv[2]);
        return 1;
    }
    return 0;
}
