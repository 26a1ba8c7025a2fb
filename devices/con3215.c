/*
 * con3215.c - the 3215 console printer-keyboard (IBM 3210/3215 Console
 * Printer-Keyboard, GA24-3488): write with and without carriage return,
 * read inquiry, audible alarm, NOP, sense.  Output goes to the machine's
 * console stream (stdout in batch mode), input comes line by line from
 * its console fd; a read waits (suspending the channel program) until a
 * whole line has arrived.  At end of input a read gets intervention
 * required.  The host program may instead feed it lines itself
 * (con3215_feed(), for the operator console's "." lines).
 *
 * A line that arrives while no read is waiting makes the console present
 * attention, as the REQUEST key of a real 3215 does: the program answers
 * with a read.  One attention per line; the next is presented when the
 * read that took the line has ended and another line is there.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machine.h"
#include "dev.h"
#include "ebcdic.h"
#include "con3215.h"

#define CON_LINE 256

struct con3215 {
    char in[4096];     /* typed input not yet read */
    size_t inlen;
    bool eof;
    bool watching;
    bool fed;          /* input comes from con3215_feed(), not the fd */
    bool attn;         /* attention presented for the first waiting line */
};

static void con_input(struct machine *m, void *arg);

/* Is a whole line (or the last one, at end of input) waiting? */
static bool line_ready(const struct con3215 *c)
{
    return memchr(c->in, '\n', c->inlen) || c->inlen == sizeof c->in ||
           (c->eof && c->inlen > 0);
}

/* Present attention for a waiting line, unless a program runs (its read
   will take the line) or attention was presented for it already. */
static void maybe_attention(struct machine *m, void *arg)
{
    struct device *dev = arg;
    struct con3215 *c = dev->state;
    if (c->attn || dev->ch.busy || !line_ready(c))
        return;
    c->attn = true;
    chan_unsolicited(dev, US_ATTN);
}

static int con_attach(struct device *dev, const char *arg, const char **err)
{
    (void)arg;
    (void)err;
    dev->state = calloc(1, sizeof(struct con3215));
    return dev->state ? 0 : -1;
}

/* From the first command on, the console fd is watched: input may come
   before a read (and then asks for attention). */
static void start_watching(struct device *dev)
{
    struct con3215 *c = dev->state;
    if (!c->watching && !c->fed && !c->eof && dev->m->console_in >= 0) {
        machine_watch_fd(dev->m, dev->m->console_in, con_input, dev);
        c->watching = true;
    }
}

static void con_detach(struct device *dev)
{
    struct con3215 *c = dev->state;
    if (c->watching)
        machine_unwatch_fd(dev->m, dev->m->console_in);
    free(c);
}

/* Input arrived on the console fd. */
static void con_input(struct machine *m, void *arg)
{
    struct device *dev = arg;
    struct con3215 *c = dev->state;
    ssize_t n = read(m->console_in, c->in + c->inlen, sizeof c->in - c->inlen);
    if (n <= 0) {
        c->eof = true;
        machine_unwatch_fd(m, m->console_in);
        c->watching = false;
    } else {
        c->inlen += (size_t)n;
    }
    if (dev->ch.suspended) {
        if (c->eof || line_ready(c))
            chan_resume(dev);
    } else {
        maybe_attention(m, dev);
    }
}

/* Take one line of input for a read, if there is one. */
static int con_take_line(struct device *dev, struct ccw_io *io)
{
    struct con3215 *c = dev->state;
    if (dev->m->console_in < 0 && !c->fed)
        c->eof = true; /* no input at all */
    char *nl = memchr(c->in, '\n', c->inlen);
    if (!nl && c->inlen < sizeof c->in) {
        if (c->eof) {
            if (c->inlen == 0)
                return dev_unit_check(dev, SNS0_INTREQ);
            nl = c->in + c->inlen; /* a last line without newline */
        } else {
            if (!c->watching && !c->fed) {
                machine_watch_fd(dev->m, dev->m->console_in, con_input, dev);
                c->watching = true;
            }
            return DEV_WAIT;
        }
    }
    size_t len = nl ? (size_t)(nl - c->in) : c->inlen;
    size_t used = nl && nl < c->in + c->inlen ? len + 1 : len;
    if (len && c->in[len - 1] == '\r')
        len--;
    ebcdic_from_ascii(io->buf, c->in, len < io->count ? len : io->count);
    io->len = (uint32_t)len;
    memmove(c->in, c->in + used, c->inlen - used);
    c->inlen -= used;
    c->attn = false;
    return US_CE | US_DE;
}

void con3215_feed_start(struct device *dev)
{
    struct con3215 *c = dev->state;
    if (c->fed)
        return;
    if (c->watching)
        machine_unwatch_fd(dev->m, dev->m->console_in);
    c->watching = false;
    c->fed = true;
    c->eof = false;
}

int con3215_feed(struct device *dev, const char *line)
{
    struct con3215 *c = dev->state;
    con3215_feed_start(dev);
    if (!line) {
        c->eof = true;
    } else {
        size_t n = strlen(line);
        if (n + 1 > sizeof c->in - c->inlen)
            return -1;
        memcpy(c->in + c->inlen, line, n);
        c->in[c->inlen + n] = '\n';
        c->inlen += n + 1;
    }
    if (dev->ch.suspended)
        chan_resume(dev);
    else
        maybe_attention(dev->m, dev);
    return 0;
}

static void con_write(struct device *dev, struct ccw_io *io, bool cr)
{
    FILE *out = dev->m->console_out;
    char line[CON_LINE];
    for (uint32_t i = 0; i < io->count; i += sizeof line) {
        uint32_t n = io->count - i < sizeof line ? io->count - i : sizeof line;
        ebcdic_to_ascii_buf(line, io->buf + i, n);
        fwrite(line, 1, n, out);
    }
    if (cr)
        fputc('\n', out);
    fflush(out);
    io->len = io->count;
}

static int con_execute(struct device *dev, struct ccw_io *io)
{
    start_watching(dev);
    switch (io->cmd) {
    case 0x01: /* write, no carrier return */
    case 0x09: /* write, automatic carrier return */
        con_write(dev, io, io->cmd == 0x09);
        return US_CE | US_DE;
    case 0x0A: /* read inquiry */
        return con_take_line(dev, io);
    case 0x03: /* no-operation */
    case 0x0B: /* audible alarm */
        io->len = 0;
        return US_CE | US_DE;
    case 0x04:
        return dev_sense(dev, io);
    default:
        io->len = 0;
        return dev_unit_check(dev, SNS0_CMDREJ);
    }
}

static int con_resume(struct device *dev, struct ccw_io *io)
{
    return con_take_line(dev, io);
}

/* After a program, another waiting line asks for attention (an event, so
   that the ending status is presented first). */
static uint8_t con_program_end(struct device *dev)
{
    struct con3215 *c = dev->state;
    if (!c->attn && line_ready(c))
        machine_schedule(dev->m, 0, maybe_attention, dev);
    return 0;
}

const struct dev_ops con3215_ops = {
    .type = "3215",
    .devtype = 0x3215,
    .attach = con_attach,
    .detach = con_detach,
    .execute = con_execute,
    .resume = con_resume,
    .program_end = con_program_end,
};
