/*
 * cardrdr.c - the card readers: the read side of the 2540 (IBM 2540 Card
 * Read Punch and 2821 Control Unit, GA24-3312; in VM/370 practice a device
 * of its own, "2540R", usually at 00C) and the 3505 (IBM 3505 Card Reader
 * and 3525 Card Punch, GA21-9124).
 *
 * Commands (card_cmds.h.inc): read, feed, select stacker (X'02' with the
 * stacker in bits 0-1: the 2540's R1, R2 and RP3, the 3505's 1 and 2);
 * feed, select stacker without reading (X'23' and its stacker variants);
 * no-operation; sense; and on the 3505 sense ID (FF 3505 01 3505 01; the
 * 2821 has no Sense ID: command reject).  Column binary (card image)
 * mode, command bit 2 of a read, is a feature these readers do not have:
 * command reject.
 *
 * The hopper is either one deck file loaded at attach (deck.c; `cpcms
 * machine --reader FILE`): when it is empty every read gives unit
 * exception, as a reader whose end-of-file key was pressed; or the spool
 * database ("spool=FILE"): the reader takes the queued decks meant for it
 * (or for any reader) oldest first; after a deck's last card the next
 * read gives unit exception (end of file) and the deck is marked read;
 * with no deck queued a read gets unit check, intervention required,
 * and the next read looks again; outside the deterministic mode the
 * reader also looks every RDR_POLL_MS and, when a deck for it has come,
 * presents device end, as a reader made ready does.  How far a deck has been read is
 * committed when the channel program ends (program_end()), so a killed
 * simulator resumes a deck after the last card a finished program read.
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"
#include "deck.h"
#include "card.h"
#include "urec.h"

#define RDR_POLL_MS 250

struct rdr_model {
    unsigned cm;          /* CM_ bit: which commands it has */
};

static const struct rdr_model model_2540 = {CM_2540R};
static const struct rdr_model model_3505 = {CM_3505};

struct cardrdr {
    const struct rdr_model *mdl;
    /* A deck file: */
    struct deck deck;
    size_t next;          /* next card in the hopper */
    /* Or the spool: */
    struct spool *sp;
    bool have;            /* cur is the deck in the hopper */
    struct spool_file cur;
    long long pos;        /* cards of cur read */
    bool dirty;           /* pos (and done) not yet committed */
    bool done;            /* cur's end of file was presented */
    bool failed;          /* a spool access of this program failed */
    bool polling;         /* rdr_poll() is scheduled */
};

static int rdr_attach_model(struct device *dev, const char *arg, const char **err,
                            const struct rdr_model *mdl)
{
    static char msg[400];
    struct cardrdr *r = calloc(1, sizeof *r);
    if (!r) {
        *err = "out of memory";
        return -1;
    }
    r->mdl = mdl;
    const char *spool = urec_spool_path(arg, false);
    if (spool) {
        r->sp = spool_open(spool, true, msg, sizeof msg);
        if (!r->sp) {
            free(r);
            *err = msg;
            return -1;
        }
    } else if (arg && deck_load(arg, &r->deck, msg, sizeof msg)) {
        free(r);
        *err = msg;
        return -1;
    }
    dev->state = r;
    return 0;
}

static int rdr_attach_2540(struct device *dev, const char *arg, const char **err)
{
    return rdr_attach_model(dev, arg, err, &model_2540);
}

static int rdr_attach_3505(struct device *dev, const char *arg, const char **err)
{
    return rdr_attach_model(dev, arg, err, &model_3505);
}

/* Commit the position in the current spool deck.  0 or -1. */
static int rdr_commit(struct cardrdr *r)
{
    if (!r->dirty)
        return 0;
    r->dirty = false;
    if (spool_begin(r->sp) || spool_set_pos(r->sp, r->cur.id, r->pos, r->done) ||
        spool_commit(r->sp))
        return -1;
    return 0;
}

static void rdr_poll(struct machine *m, void *arg);

/* Not ready (no deck): look for one from time to time. */
static void rdr_start_polling(struct device *dev)
{
    struct cardrdr *r = dev->state;
    if (r->polling || dev->m->deterministic)
        return;
    r->polling = true;
    machine_schedule(dev->m, tod_now(dev->m) + (uint64_t)RDR_POLL_MS * 1000 * 4096, rdr_poll, dev);
}

/* A deck has come for a reader that was not ready: device end. */
static void rdr_poll(struct machine *m, void *arg)
{
    (void)m;
    struct device *dev = arg;
    struct cardrdr *r = dev->state;
    r->polling = false;
    if (r->have)
        return;
    struct spool_file f;
    int got = spool_next_deck(r->sp, dev->addr, &f);
    if (got == 1)
        chan_unsolicited(dev, US_DE);
    else if (got == 0)
        rdr_start_polling(dev);
}

static void rdr_detach(struct device *dev)
{
    struct cardrdr *r = dev->state;
    if (r->polling)
        machine_cancel(dev->m, rdr_poll, dev);
    if (r->sp) {
        rdr_commit(r);
        spool_close(r->sp);
    }
    deck_free(&r->deck);
    free(r);
}

/*
 * The next card from the spool into card: US_CE|US_DE, or the status of
 * the end of a deck (unit exception), of an empty hopper (intervention
 * required) or of a failing database (equipment check).
 */
static int rdr_spool_card(struct device *dev, uint8_t card[CARD])
{
    struct cardrdr *r = dev->state;
    if (!r->have) {
        if (rdr_commit(r)) {
            r->failed = true;
            return dev_unit_check(dev, SNS0_EQUIPCHK);
        }
        int got = spool_next_deck(r->sp, dev->addr, &r->cur);
        if (got <= 0) {
            if (got < 0)
                r->failed = true;
            else
                rdr_start_polling(dev);
            return dev_unit_check(dev, got < 0 ? SNS0_EQUIPCHK : SNS0_INTREQ);
        }
        r->have = true;
        r->pos = r->cur.pos;
        r->done = false;
    }
    int got = spool_card(r->sp, r->cur.id, r->pos, card);
    if (got < 0) {
        r->failed = true;
        return dev_unit_check(dev, SNS0_EQUIPCHK);
    }
    r->dirty = true;
    if (got == 0) { /* the deck's last card has gone: end of file */
        r->done = true;
        r->have = false;
        return US_CE | US_DE | US_UX;
    }
    r->pos++;
    return US_CE | US_DE;
}

/* Feed one card past the read station; read it into io if `read`. */
static int rdr_feed(struct device *dev, struct ccw_io *io, bool read)
{
    struct cardrdr *r = dev->state;
    uint8_t card[CARD];
    io->len = 0;
    if (r->sp) {
        int st = rdr_spool_card(dev, card);
        if (st != (US_CE | US_DE))
            return st;
    } else {
        if (r->next >= r->deck.ncards)
            return US_CE | US_DE | US_UX;
        memcpy(card, r->deck.cards + r->next * CARD, CARD);
        r->next++;
    }
    if (read) {
        memcpy(io->buf, card, io->count < CARD ? io->count : CARD);
        io->len = CARD;
    }
    return US_CE | US_DE;
}

static int rdr_execute(struct device *dev, struct ccw_io *io)
{
    struct cardrdr *r = dev->state;
    const struct card_cmd *c = card_cmd_find(io->cmd, r->mdl->cm);
    switch (c ? (enum card_kind)c->kind : CK_PUNCH) {
    case CK_READ:
        return rdr_feed(dev, io, true);
    case CK_FEED:
        return rdr_feed(dev, io, false);
    case CK_NOP:
        io->len = 0;
        return US_CE | US_DE;
    case CK_SENSE:
        return dev_sense(dev, io);
    case CK_SENSEID:
        return dev_sense_id(dev, io, 0x3505, 0x01);
    case CK_PUNCH: /* (or no such command) */
        break;
    }
    io->len = 0;
    return dev_unit_check(dev, SNS0_CMDREJ);
}

/* The program ends: the cards it read are committed as read. */
static uint8_t rdr_program_end(struct device *dev)
{
    struct cardrdr *r = dev->state;
    if (!r->sp)
        return 0;
    bool failed = r->failed;
    r->failed = false;
    if (rdr_commit(r) || failed) {
        dev_unit_check(dev, SNS0_EQUIPCHK);
        return US_UC;
    }
    return 0;
}

static void rdr_reset(struct device *dev)
{
    struct cardrdr *r = dev->state;
    if (r->sp)
        rdr_commit(r);
}

struct spool *cardrdr_spool(struct device *dev) { return ((struct cardrdr *)dev->state)->sp; }

const struct dev_ops rdr2540_ops = {
    .type = "2540R",
    .devtype = 0x2540,
    .model = 0x00,
    .attach = rdr_attach_2540,
    .detach = rdr_detach,
    .execute = rdr_execute,
    .reset = rdr_reset,
    .program_end = rdr_program_end,
};

const struct dev_ops rdr3505_ops = {
    .type = "3505",
    .devtype = 0x3505,
    .model = 0x01,
    .attach = rdr_attach_3505,
    .detach = rdr_detach,
    .execute = rdr_execute,
    .reset = rdr_reset,
    .program_end = rdr_program_end,
};
