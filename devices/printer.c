/*
 * printer.c - the 1403 and 3211 line printers (IBM 2821 Control Unit,
 * GA24-3312; IBM 3211 Printer, 3216 Interchangeable Train Cartridge and
 * 3811 Printer Control Unit, GA24-3543).  The commands are one table,
 * prt_cmds.h.inc; the carriage (FCB, spacing, skipping) is prt_fcb.c; the
 * output goes to the spool database through urec_out.c, each record with
 * the command that printed it so that the text rendering (spool_text.c)
 * can replay the carriage.
 *
 * Behaviour: a write prints up to 132 bytes (a longer count is incorrect
 * length unless SLI; a shorter one prints a shorter line), then moves the
 * paper.  Spacing onto a line that carries channel 9 or 12 (the overflow
 * channels) ends the command with unit exception, which also ends the
 * command chain; for channel 9 sense byte 0 bit 7 is set.  A skip to a channel the FCB does not carry, or an FCB
 * image the printer cannot take, is unit check with equipment check or
 * load check.  The 1403's UCS buffer is loaded by UCS gate load as the
 * first command of a chain followed by Load UCS buffer; the 3211 loads
 * it directly; the buffer contents are accepted and not interpreted,
 * but a load "and fold" (and the 3211's Fold) makes later lines print
 * small letters as capitals, until Load UCS buffer (no fold) or Unfold.
 * Block and allow data check are accepted; no character is unprintable,
 * so there is no data check.  Diagnostic commands are command reject.
 * The 2821 has no Sense ID (command reject); the 3211 answers
 * FF 3811 01 3211 01.
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"
#include "prt_fcb.h"
#include "urec.h"

#define PRT_WIDTH 132
#define PRT_SNS0_LOADCHK 0x02   /* 3211 sense byte 0 bit 6: FCB/UCS load check */
#define PRT_SNS0_CH9 0x01       /* sense byte 0 bit 7: channel 9 reached */

struct prt_model {
    unsigned pm;          /* PM_1403 or PM_3211 */
    uint8_t senselen;
};

static const struct prt_model model_1403 = {PM_1403, 1};
static const struct prt_model model_3211 = {PM_3211, 6};

struct printer {
    const struct prt_model *mdl;
    struct prt_carriage car;
    struct urec_out out;
    uint8_t prev;         /* the previous command of this chain */
    bool fold;
};

static int prt_attach_model(struct device *dev, const char *arg, const char **err,
                            const struct prt_model *mdl)
{
    static char msg[400];
    const char *path = urec_spool_path(arg, true);
    if (!path) {
        *err = "a printer needs the spool database (spool=FILE)";
        return -1;
    }
    struct printer *p = calloc(1, sizeof *p);
    if (!p) {
        *err = "out of memory";
        return -1;
    }
    if (urec_out_open(&p->out, path, SPOOL_PRINTER, dev->addr, dev->ops->type, msg, sizeof msg)) {
        free(p);
        *err = msg;
        return -1;
    }
    p->mdl = mdl;
    prt_fcb_default(&p->car);
    dev->senselen = mdl->senselen;
    dev->state = p;
    return 0;
}

static int prt_attach_1403(struct device *dev, const char *arg, const char **err)
{
    return prt_attach_model(dev, arg, err, &model_1403);
}

static int prt_attach_3211(struct device *dev, const char *arg, const char **err)
{
    return prt_attach_model(dev, arg, err, &model_3211);
}

static void prt_detach(struct device *dev)
{
    struct printer *p = dev->state;
    urec_out_close(&p->out);
    free(p);
}

static int prt_equipment_check(struct device *dev)
{
    return dev_unit_check(dev, SNS0_EQUIPCHK);
}

/* Move the paper by a command's arg; the status the move adds. */
static int prt_move(struct device *dev, unsigned arg)
{
    struct printer *p = dev->state;
    struct prt_move mv;
    if (prt_move_arg(&p->car, arg, &mv))
        return -1;
    memset(dev->sense, 0, sizeof dev->sense);
    if (mv.ch9) /* a Sense tells channel 9 from channel 12 */
        dev->sense[0] = PRT_SNS0_CH9;
    if (mv.ch9 || mv.ch12)
        return US_UX;
    return 0;
}

/* Write (print, then move) or move immediately. */
static int prt_print(struct device *dev, struct ccw_io *io, const struct prt_cmd *c)
{
    struct printer *p = dev->state;
    uint32_t n = 0;
    uint8_t cmd = c->code;
    if (c->kind == PK_WRITE) {
        n = io->count < PRT_WIDTH ? io->count : PRT_WIDTH;
        io->len = n;
    } else {
        io->len = 0;
    }
    int ux = prt_move(dev, c->arg);
    if (ux < 0) /* no such channel: the line is printed, the skip fails */
        cmd = 0x01;
    if (p->fold) /* a folding UCS prints small letters as capitals */
        for (uint32_t i = 0; i < n; i++)
            if ((io->buf[i] >= 0x81 && io->buf[i] <= 0x89) || (io->buf[i] >= 0x91 && io->buf[i] <= 0x99) ||
                (io->buf[i] >= 0xA2 && io->buf[i] <= 0xA9))
                io->buf[i] |= 0x40;
    if ((c->kind == PK_WRITE || ux >= 0) && urec_out_add(&p->out, cmd, io->buf, n))
        return prt_equipment_check(dev);
    if (ux < 0)
        return prt_equipment_check(dev);
    return US_CE | US_DE | ux;
}

static int prt_execute(struct device *dev, struct ccw_io *io)
{
    struct printer *p = dev->state;
    const struct prt_cmd *c = prt_cmd_find(io->cmd, p->mdl->pm);
    uint8_t prev = io->chained ? p->prev : 0;
    p->prev = io->cmd;
    if (!c) {
        io->len = 0;
        return dev_unit_check(dev, SNS0_CMDREJ);
    }
    switch ((enum prt_kind)c->kind) {
    case PK_WRITE:
    case PK_IMMED:
        return prt_print(dev, io, c);
    case PK_NOP:
        io->len = 0;
        return US_CE | US_DE;
    case PK_SENSE:
        return dev_sense(dev, io);
    case PK_SENSEID:
        return dev_sense_id(dev, io, 0x3811, 0x01);
    case PK_FCB: {
        io->len = io->count;
        if (prt_fcb_load(&p->car, io->buf, io->count, p->mdl->pm == PM_3211))
            return dev_unit_check(dev, PRT_SNS0_LOADCHK);
        uint8_t img[PRT_MAX_LINES];
        size_t n = prt_fcb_image(&p->car, img);
        if (urec_out_add(&p->out, c->code, img, n))
            return prt_equipment_check(dev);
        return US_CE | US_DE;
    }
    case PK_UCSGATE:
        io->len = 0;
        if (io->chained)
            return dev_unit_check(dev, SNS0_CMDREJ);
        return US_CE | US_DE;
    case PK_UCS:
        io->len = io->count;
        if (p->mdl->pm == PM_1403 && prev != 0xEB)
            return dev_unit_check(dev, SNS0_CMDREJ);
        p->fold = c->arg != 0;
        return US_CE | US_DE;
    case PK_FOLD:
        io->len = 0;
        p->fold = c->arg != 0;
        return US_CE | US_DE;
    }
    io->len = 0;
    return dev_unit_check(dev, SNS0_CMDREJ);
}

/* The program ends: its print lines are committed. */
static uint8_t prt_program_end(struct device *dev)
{
    struct printer *p = dev->state;
    if (urec_out_program_end(&p->out)) {
        dev_unit_check(dev, SNS0_EQUIPCHK);
        return US_UC;
    }
    return 0;
}

static void prt_reset(struct device *dev)
{
    struct printer *p = dev->state;
    urec_out_commit(&p->out);
    p->prev = 0;
}

struct spool *printer_spool(struct device *dev) { return ((struct printer *)dev->state)->out.sp; }

const struct dev_ops prt1403_ops = {
    .type = "1403",
    .devtype = 0x1403,
    .model = 0x02,
    .attach = prt_attach_1403,
    .detach = prt_detach,
    .execute = prt_execute,
    .reset = prt_reset,
    .program_end = prt_program_end,
};

const struct dev_ops prt3211_ops = {
    .type = "3211",
    .devtype = 0x3211,
    .model = 0x01,
    .attach = prt_attach_3211,
    .detach = prt_detach,
    .execute = prt_execute,
    .reset = prt_reset,
    .program_end = prt_program_end,
};
