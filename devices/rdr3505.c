/*
 * rdr3505.c - the 3505 card reader (IBM 3505 Card Reader and 3525 Card
 * Punch, GA21-9124): read (feed and select stacker), NOP, sense, sense ID.
 * The hopper is a deck loaded at attach (deck.c).  A read with the hopper
 * empty gives unit exception (the end-of-file condition), as a reader
 * with its end-of-file key pressed does.
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"
#include "deck.h"

struct rdr3505 {
    struct deck deck;
    size_t next;     /* next card in the hopper */
};

static int rdr_attach(struct device *dev, const char *arg, const char **err)
{
    static char msg[160];
    struct rdr3505 *r = calloc(1, sizeof *r);
    if (!r) {
        *err = "out of memory";
        return -1;
    }
    if (arg && deck_load(arg, &r->deck, msg, sizeof msg)) {
        free(r);
        *err = msg;
        return -1;
    }
    dev->state = r;
    return 0;
}

static void rdr_detach(struct device *dev)
{
    struct rdr3505 *r = dev->state;
    deck_free(&r->deck);
    free(r);
}

static int rdr_execute(struct device *dev, struct ccw_io *io)
{
    struct rdr3505 *r = dev->state;
    switch (io->cmd & 0x07) {
    case 0x02: /* read, feed, select stacker (bits 0-1 select) */
        if (io->cmd & 0x08)
            break; /* read backward: not a reader command */
        if (r->next >= r->deck.ncards) {
            io->len = 0;
            return US_CE | US_DE | US_UX;
        }
        memcpy(io->buf, r->deck.cards + r->next * CARD, io->count < CARD ? io->count : CARD);
        io->len = CARD;
        r->next++;
        return US_CE | US_DE;
    case 0x03: /* NOP and feed/select stacker without reading */
        io->len = 0;
        return US_CE | US_DE;
    case 0x04:
        if (io->cmd == 0xE4)
            return dev_sense_id(dev, io, 0x3505, 0x01);
        if (io->cmd == 0x04)
            return dev_sense(dev, io);
        break;
    }
    io->len = 0;
    return dev_unit_check(dev, SNS0_CMDREJ);
}

const struct dev_ops rdr3505_ops = {
    .type = "3505",
    .devtype = 0x3505,
    .model = 0x01,
    .attach = rdr_attach,
    .detach = rdr_detach,
    .execute = rdr_execute,
};
