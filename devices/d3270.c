/*
 * d3270.c - the 3270 display station on a local non-SNA 3274 (IBM 3274
 * Control Unit Description and Programmer's Guide, GA23-0061): the
 * channel commands, sense, and the link to the terminal, which is a
 * TN3270 session of tn3270_server.c.  The screen buffer and its orders
 * are in d3270_buf.c.
 *
 * Commands: Write 01, Erase/Write 05, Erase/Write Alternate 0D, Erase
 * All Unprotected 0F, Read Buffer 02, Read Modified 06, Select 0B,
 * NOP 03, Sense 04, Sense ID E4.  Writes go into the buffer and, as an
 * outbound record with the remote command code (F1, F5, 7E, 6F), to the
 * terminal; reads are answered from the buffer, as the 3274 does.
 *
 * Status: a terminal that connects makes the device present device end
 * (the device became ready); an AID from it (Enter, PF, PA, Clear)
 * presents attention.  Without a terminal every command but Sense and
 * Sense ID ends in unit check with intervention required, and the device
 * is free for the next connection.
 */
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"
#include "d3270.h"

/* Sense byte 0 of the 3274. */
#define SNS0_OPCHK 0x01

struct d3270 {
    struct d3270_screen scr;
    int model;               /* 2-5 */
    bool connected;
    d3270_send_fn *send;
    void *ctx;
    uint8_t pending;         /* unit status waiting for the device to be free */
    uint8_t rd[D3270_MAXREAD];
};

static int model_of(int rows, int cols)
{
    if (cols == 132)
        return 5;
    return rows == 43 ? 4 : rows == 32 ? 3 : 2;
}

static int d_attach(struct device *dev, const char *arg, const char **err)
{
    struct d3270 *d = calloc(1, sizeof *d);
    if (!d) {
        *err = "out of memory";
        return -1;
    }
    d->model = 2;
    scr_init(&d->scr, 24, 80);
    dev->state = d;
    return 0;
}

static void present(struct machine *m, void *arg);

static void d_detach(struct device *dev)
{
    machine_cancel(dev->m, present, dev);
    free(dev->state);
}

/* Present the pending unsolicited status once no program runs. */
static void present(struct machine *m, void *arg)
{
    struct device *dev = arg;
    struct d3270 *d = dev->state;
    if (!d->pending)
        return;
    if (dev->ch.busy) {
        machine_schedule(m, tod_now(m) + 100 * 4096, present, dev); /* 100 us */
        return;
    }
    uint8_t us = d->pending;
    d->pending = 0;
    chan_unsolicited(dev, us);
}

static void post(struct device *dev, uint8_t us)
{
    struct d3270 *d = dev->state;
    d->pending |= us;
    machine_cancel(dev->m, present, dev);
    present(dev->m, dev);
}

void d3270_connect(struct device *dev, int rows, int cols, d3270_send_fn *send, void *ctx)
{
    struct d3270 *d = dev->state;
    d->model = model_of(rows, cols);
    scr_init(&d->scr, rows, cols);
    d->connected = true;
    d->send = send;
    d->ctx = ctx;
    post(dev, US_DE);
}

void d3270_disconnect(struct device *dev)
{
    struct d3270 *d = dev->state;
    d->connected = false;
    d->send = NULL;
    d->ctx = NULL;
    d->pending = 0;
}

bool d3270_connected(const struct device *dev)
{
    const struct d3270 *d = dev->state;
    return d->connected;
}

struct d3270_screen *d3270_screen(struct device *dev)
{
    struct d3270 *d = dev->state;
    return &d->scr;
}

int d3270_inbound(struct device *dev, const uint8_t *rec, size_t len)
{
    struct d3270 *d = dev->state;
    if (scr_inbound(&d->scr, rec, len))
        return -1;
    post(dev, US_ATTN);
    return 0;
}

/* A write-type command: into the buffer, then out to the terminal. */
static int do_write(struct device *dev, struct ccw_io *io, uint8_t remote)
{
    struct d3270 *d = dev->state;
    io->len = io->count;
    if (io->cmd == 0x05 || io->cmd == 0x0D)
        scr_erase(&d->scr, io->cmd == 0x0D);
    if (io->cmd == 0x0F)
        scr_erase_unprotected(&d->scr);
    else if (scr_write(&d->scr, io->buf, io->count))
        return dev_unit_check(dev, SNS0_OPCHK);
    if (d->send) {
        size_t n = io->cmd == 0x0F ? 0 : io->count;
        uint8_t *rec = malloc(n + 1);
        if (rec) {
            rec[0] = remote;
            memcpy(rec + 1, io->buf, n);
            d->send(d->ctx, rec, n + 1);
            free(rec);
        }
    }
    return US_CE | US_DE;
}

static int do_read(struct device *dev, struct ccw_io *io, uint8_t remote)
{
    struct d3270 *d = dev->state;
    size_t n = io->cmd == 0x02 ? scr_read_buffer(&d->scr, d->rd) : scr_read_modified(&d->scr, d->rd);
    memcpy(io->buf, d->rd, n < io->count ? n : io->count);
    io->len = (uint32_t)n;
    return US_CE | US_DE;
}

static int do_sense(struct device *dev, struct ccw_io *io, uint8_t remote)
{
    return dev_sense(dev, io);
}

/* Sense ID: X'FF', control unit 3274-1D, device 3278 and the model of the
   terminal (2 without one). */
static int do_sense_id(struct device *dev, struct ccw_io *io, uint8_t remote)
{
    struct d3270 *d = dev->state;
    uint8_t id[7] = {0xFF, 0x32, 0x74, 0x1D, 0x32, 0x78, (uint8_t)d->model};
    memcpy(io->buf, id, io->count < 7 ? io->count : 7);
    io->len = 7;
    return US_CE | US_DE;
}

static int do_nop(struct device *dev, struct ccw_io *io, uint8_t remote)
{
    io->len = 0;
    return US_CE | US_DE;
}

/* The channel commands of a local 3274 display (GA23-0061), one row each:
   command code, the remote (SNA) code a write goes to the terminal with,
   whether it needs the terminal there, the handler. */
static const struct d3270_cmd {
    uint8_t cmd;
    uint8_t remote;
    bool needs_terminal;
    int (*fn)(struct device *dev, struct ccw_io *io, uint8_t remote);
} cmds[] = {
    {0x01, 0xF1, true, do_write},   /* Write */
    {0x05, 0xF5, true, do_write},   /* Erase/Write */
    {0x0D, 0x7E, true, do_write},   /* Erase/Write Alternate */
    {0x0F, 0x6F, true, do_write},   /* Erase All Unprotected */
    {0x02, 0, true, do_read},       /* Read Buffer */
    {0x06, 0, true, do_read},       /* Read Modified */
    {0x03, 0, true, do_nop},        /* No Operation */
    {0x0B, 0, true, do_nop},        /* Select */
    {0x04, 0, false, do_sense},     /* Sense */
    {0xE4, 0, false, do_sense_id},  /* Sense ID */
};

static int d_execute(struct device *dev, struct ccw_io *io)
{
    struct d3270 *d = dev->state;
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (cmds[i].cmd != io->cmd)
            continue;
        if (cmds[i].needs_terminal && !d->connected) {
            io->len = 0;
            return dev_unit_check(dev, SNS0_INTREQ);
        }
        return cmds[i].fn(dev, io, cmds[i].remote);
    }
    io->len = 0;
    return dev_unit_check(dev, SNS0_CMDREJ);
}

const struct dev_ops d3270_ops = {
    .type = "3270",
    .devtype = 0x3278,
    .model = 2,
    .attach = d_attach,
    .detach = d_detach,
    .execute = d_execute,
};
