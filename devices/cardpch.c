/*
 * cardpch.c - the card punches: the punch side of the 2540 (IBM 2540
 * Card Read Punch and 2821 Control Unit, GA24-3312; in VM/370 practice a
 * device of its own, "2540P", usually at 00D) and the 3525 (IBM 3505 Card
 * Reader and 3525 Card Punch, GA21-9124).
 *
 * Commands (card_cmds.h.inc): write, feed, select stacker (X'01' with the stacker in bits
 * 0-1: the 2540's P1, P2 and RP3, the 3525's 1 and 2), no-operation,
 * sense, and on the 3525 sense ID (FF 3525 01 3525 01; the 2821 has no
 * Sense ID: command reject).  A card is 80 columns: a shorter count
 * leaves the rest of the card blank (X'40') and, like a longer one, is
 * incorrect length unless SLI.  Column binary (card image) mode, bit 2,
 * is a feature these punches do not have: command reject.  Cards go to
 * the spool database (urec_out.c) with the command that punched them,
 * committed when the channel program ends.
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"
#include "card.h"
#include "urec.h"

struct pch_model {
    unsigned cm;          /* CM_ bit: which commands it has */
};

static const struct pch_model model_2540 = {CM_2540P};
static const struct pch_model model_3525 = {CM_3525};

struct punch {
    const struct pch_model *mdl;
    struct urec_out out;
};

static int pch_attach_model(struct device *dev, const char *arg, const char **err,
                            const struct pch_model *mdl)
{
    static char msg[400];
    const char *path = urec_spool_path(arg, true);
    if (!path) {
        *err = "a punch needs the spool database (spool=FILE)";
        return -1;
    }
    struct punch *p = calloc(1, sizeof *p);
    if (!p) {
        *err = "out of memory";
        return -1;
    }
    if (urec_out_open(&p->out, path, SPOOL_PUNCH, dev->addr, dev->ops->type, msg, sizeof msg)) {
        free(p);
        *err = msg;
        return -1;
    }
    p->mdl = mdl;
    dev->state = p;
    return 0;
}

static int pch_attach_2540(struct device *dev, const char *arg, const char **err)
{
    return pch_attach_model(dev, arg, err, &model_2540);
}

static int pch_attach_3525(struct device *dev, const char *arg, const char **err)
{
    return pch_attach_model(dev, arg, err, &model_3525);
}

static void pch_detach(struct device *dev)
{
    struct punch *p = dev->state;
    urec_out_close(&p->out);
    free(p);
}

static int pch_execute(struct device *dev, struct ccw_io *io)
{
    struct punch *p = dev->state;
    const struct card_cmd *c = card_cmd_find(io->cmd, p->mdl->cm);
    switch (c ? (enum card_kind)c->kind : CK_READ) {
    case CK_PUNCH: {
        uint8_t card[SPOOL_CARD];
        uint32_t n = io->count < SPOOL_CARD ? io->count : SPOOL_CARD;
        memset(card, 0x40, sizeof card);
        memcpy(card, io->buf, n);
        io->len = SPOOL_CARD;
        if (urec_out_add(&p->out, io->cmd, card, SPOOL_CARD))
            return dev_unit_check(dev, SNS0_EQUIPCHK);
        return US_CE | US_DE;
    }
    case CK_NOP:
        io->len = 0;
        return US_CE | US_DE;
    case CK_SENSE:
        return dev_sense(dev, io);
    case CK_SENSEID:
        return dev_sense_id(dev, io, 0x3525, 0x01);
    case CK_READ: /* (or no such command) */
    case CK_FEED:
        break;
    }
    io->len = 0;
    return dev_unit_check(dev, SNS0_CMDREJ);
}

/* The program ends: its cards are committed. */
static uint8_t pch_program_end(struct device *dev)
{
    struct punch *p = dev->state;
    if (urec_out_program_end(&p->out)) {
        dev_unit_check(dev, SNS0_EQUIPCHK);
        return US_UC;
    }
    return 0;
}

static void pch_reset(struct device *dev)
{
    struct punch *p = dev->state;
    urec_out_commit(&p->out);
}

struct spool *cardpch_spool(struct device *dev) { return ((struct punch *)dev->state)->out.sp; }

const struct dev_ops pch2540_ops = {
    .type = "2540P",
    .devtype = 0x2540,
    .model = 0x00,
    .attach = pch_attach_2540,
    .detach = pch_detach,
    .execute = pch_execute,
    .reset = pch_reset,
    .program_end = pch_program_end,
};

const struct dev_ops pch3525_ops = {
    .type = "3525",
    .devtype = 0x3525,
    .model = 0x01,
    .attach = pch_attach_3525,
    .detach = pch_detach,
    .execute = pch_execute,
    .reset = pch_reset,
    .program_end = pch_program_end,
};
