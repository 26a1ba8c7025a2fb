/*
 * tape3420.c - the IBM 3420 magnetic tape unit on a 3803 tape control
 * (IBM 3803/3420 Magnetic Tape Subsystem), with AWS tape images
 * (awstape.c) as reels.  The commands are one table, tape_cmds.h.inc;
 * the dispatcher checks readiness and file protection, handlers move the
 * tape.
 *
 * What a program sees, as on the real drive:
 *   - Read forward, Read Backward (the data in reverse order, which the
 *     channel stores from the CCW's address downward, so storage gets the
 *     block in its normal order), Forward/Backspace Block: passing a tape
 *     mark ends with unit exception.  Forward/Backspace File stop after
 *     (before) the next (previous) tape mark.
 *   - Backward commands at load point: unit check, no sense bit in byte 0,
 *     load point in byte 1; the tape does not move.
 *   - Write, Write Tape Mark, Erase Gap: what was recorded after the
 *     position is gone.  Past the end-of-tape marker they end with unit
 *     exception (sense byte 4 tape indicate); past the end of the reel
 *     (the marker plus an eighth, plus 64K) a write fails with equipment
 *     check and nothing is written.  A file-protected tape rejects them:
 *     command reject, file protected in sense byte 1.  Data Security
 *     Erase must be command-chained from Erase Gap; it erases to the end.
 *   - Reading blank tape (past the end of the image) gives unit check with
 *     equipment check (the tape would run off the reel); a malformed image
 *     gives unit check with data check where the drive meets it, and the
 *     tape stays where it was.
 *   - Rewind Unload leaves the drive not ready: every command but Sense
 *     and the mode sets gets unit check with intervention required, until
 *     a tape is mounted (tape_mount()), which presents device end.
 *   - Sense: 24 bytes.  Byte 0 the error bits of the last unit check
 *     (reset by the next command), byte 1 the unit's state (TU status A
 *     or B, load point, file protected), byte 4 tape indicate.  Sense ID
 *     does not exist on a 3803: command reject.
 * Motion takes no simulated time: every command ends at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "dev.h"
#include "awstape.h"
#include "tape3420.h"

struct tape {
    struct aws aws;
    bool loaded;        /* a reel is mounted and ready */
    uint64_t eot;       /* file offset of the end-of-tape marker */
    uint64_t reel_end;  /* no write may end beyond this offset */
    uint8_t prev_cmd;   /* the previous command of this channel program */
    char msg[200];      /* the image's last problem */
};

/* Command flags (tape_cmds.h.inc). */
#define T_READY 0x01
#define T_WRITE 0x02

/* Unit check with sense byte 0 (bytes 1 and 4 are filled in by Sense). */
static int tape_check(struct device *dev, uint8_t sense0)
{
    memset(dev->sense, 0, sizeof dev->sense);
    dev->sense[0] = sense0;
    dev->senselen = TAPE_SENSE_BYTES;
    return US_CE | US_DE | US_UC;
}

/* The image failed: data check for a malformed one, equipment check when
   the host file could not be read or written. */
static int tape_image_check(struct device *dev, struct tape *t, enum aws_rc rc)
{
    snprintf(t->msg, sizeof t->msg, "%s", t->aws.msg);
    return tape_check(dev, rc == AWS_BAD ? SNS0_DATACHK : SNS0_EQUIPCHK);
}

/* Ending status of a command that may have moved past the EOT marker. */
static int tape_write_end(struct tape *t)
{
    return US_CE | US_DE | (t->aws.pos > t->eot ? US_UX : 0);
}

/* --- the commands ------------------------------------------------------- */

static int tape_read(struct device *dev, struct tape *t, struct ccw_io *io)
{
    uint32_t len;
    enum aws_rc rc = aws_read(&t->aws, io->buf, io->count, &len);
    switch (rc) {
    case AWS_OK:
        io->len = len;
        return US_CE | US_DE;
    case AWS_TAPEMARK:
        return US_CE | US_DE | US_UX;
    case AWS_END:
        snprintf(t->msg, sizeof t->msg, "read past the end of the recorded data");
        return tape_check(dev, SNS0_EQUIPCHK);
    default:
        return tape_image_check(dev, t, rc);
    }
}

static int tape_read_backward(struct device *dev, struct tape *t, struct ccw_io *io)
{
    uint32_t len;
    enum aws_rc rc = aws_read_back(&t->aws, io->buf, io->count, &len);
    switch (rc) {
    case AWS_OK:
        io->len = len;
        return US_CE | US_DE;
    case AWS_TAPEMARK:
        return US_CE | US_DE | US_UX;
    case AWS_LOADPOINT:
        return tape_check(dev, 0);
    default:
        return tape_image_check(dev, t, rc);
    }
}

/* Forward Space Block: a read that transfers nothing. */
static int tape_fsb(struct device *dev, struct tape *t, struct ccw_io *io)
{
    struct ccw_io none = *io;
    none.buf = NULL;
    none.count = 0;
    return tape_read(dev, t, &none);
}

static int tape_bsb(struct device *dev, struct tape *t, struct ccw_io *io)
{
    struct ccw_io none = *io;
    none.buf = NULL;
    none.count = 0;
    return tape_read_backward(dev, t, &none);
}

/* Forward Space File: past the next tape mark. */
static int tape_fsf(struct device *dev, struct tape *t, struct ccw_io *io)
{
    for (;;) {
        int st = tape_fsb(dev, t, io);
        if (st & US_UC)
            return st;
        if (st & US_UX)
            return US_CE | US_DE;
    }
}

/* Backspace File: back over the previous tape mark (positioned before it). */
static int tape_bsf(struct device *dev, struct tape *t, struct ccw_io *io)
{
    for (;;) {
        int st = tape_bsb(dev, t, io);
        if (st & US_UC)
            return st;
        if (st & US_UX)
            return US_CE | US_DE;
    }
}

/* 0 if a write of `bytes` more bytes at the position stays on the reel,
   else the unit check. */
static int tape_room(struct device *dev, struct tape *t, uint64_t bytes)
{
    if (t->aws.pos + bytes <= t->reel_end)
        return 0;
    snprintf(t->msg, sizeof t->msg, "write beyond the end of the reel (offset %llu)",
             (unsigned long long)t->aws.pos);
    return tape_check(dev, SNS0_EQUIPCHK);
}

static int tape_write(struct device *dev, struct tape *t, struct ccw_io *io)
{
    io->len = io->count;
    if (io->count > AWS_BLOCK_MAX)
        return tape_check(dev, SNS0_CMDREJ);
    uint64_t segs = (io->count + (uint64_t)t->aws.seg_max - 1) / t->aws.seg_max;
    int st = tape_room(dev, t, io->count + segs * AWS_HDR);
    if (st)
        return st;
    enum aws_rc rc = aws_write(&t->aws, io->buf, io->count);
    if (rc)
        return tape_image_check(dev, t, rc);
    return tape_write_end(t);
}

static int tape_write_tm(struct device *dev, struct tape *t, struct ccw_io *io)
{
    int st = tape_room(dev, t, AWS_HDR);
    if (st)
        return st;
    enum aws_rc rc = aws_write_tapemark(&t->aws);
    if (rc)
        return tape_image_check(dev, t, rc);
    return tape_write_end(t);
}

/* Erase Gap: erases a stretch of tape forward of the position, which on an
   image is everything recorded after it. */
static int tape_erase_gap(struct device *dev, struct tape *t, struct ccw_io *io)
{
    enum aws_rc rc = aws_erase(&t->aws);
    if (rc)
        return tape_image_check(dev, t, rc);
    return tape_write_end(t);
}

/* Data Security Erase: only command-chained from Erase Gap. */
static int tape_dse(struct device *dev, struct tape *t, struct ccw_io *io)
{
    if (!io->chained || t->prev_cmd != 0x17)
        return tape_check(dev, SNS0_CMDREJ);
    enum aws_rc rc = aws_erase(&t->aws);
    if (rc)
        return tape_image_check(dev, t, rc);
    return US_CE | US_DE;
}

static int tape_rewind(struct device *dev, struct tape *t, struct ccw_io *io)
{
    aws_rewind(&t->aws);
    return US_CE | US_DE;
}

static int tape_rewind_unload(struct device *dev, struct tape *t, struct ccw_io *io)
{
    tape_unload(dev);
    return US_CE | US_DE;
}

static int tape_nop(struct device *dev, struct tape *t, struct ccw_io *io)
{
    return US_CE | US_DE;
}

/* Mode sets and the other commands that set nothing on an image. */
static int tape_control(struct device *dev, struct tape *t, struct ccw_io *io)
{
    return US_CE | US_DE;
}

static int tape_sense(struct device *dev, struct tape *t, struct ccw_io *io)
{
    uint8_t s[TAPE_SENSE_BYTES];
    memcpy(s, dev->sense, sizeof s);
    if (!t->loaded) {
        s[0] |= SNS0_INTREQ;
        s[1] |= TAPE_S1_TUB;
    } else {
        s[1] |= TAPE_S1_TUA;
        if (aws_at_loadpoint(&t->aws))
            s[1] |= TAPE_S1_LOADPOINT;
        if (t->aws.ro)
            s[1] |= TAPE_S1_FP;
        if (t->aws.pos > t->eot)
            s[4] |= TAPE_S4_TAPE_INDICATE;
    }
    memcpy(io->buf, s, io->count < sizeof s ? io->count : sizeof s);
    io->len = sizeof s;
    memset(dev->sense, 0, sizeof dev->sense);
    return US_CE | US_DE;
}

/* --- dispatch ------------------------------------------------------------- */

typedef int (*tape_fn)(struct device *, struct tape *, struct ccw_io *);

static const struct tape_cmd {
    tape_fn fn;
    const char *name;
    uint8_t flags;
} cmds[256] = {
#define CMD(code, nm, h, fl) [code] = {h, #nm, fl},
#include "tape_cmds.h.inc"
#undef CMD
};

/*
 * One command: the error bits of the last unit check are reset (except by
 * Sense, which reads them); a command not in the table is rejected; then
 * the flag columns: a command that moves or writes the tape needs one
 * mounted (intervention required), a write needs it not file protected
 * (command reject).  Returns the unit status; io->len as the channel wants.
 */
static int tape_execute(struct device *dev, struct ccw_io *io)
{
    struct tape *t = dev->state;
    const struct tape_cmd *c = &cmds[io->cmd];
    io->len = 0;
    if (!io->chained)
        t->prev_cmd = 0;
    if (c->fn != tape_sense)
        memset(dev->sense, 0, sizeof dev->sense);
    int st;
    if (!c->fn)
        st = tape_check(dev, SNS0_CMDREJ);
    else if ((c->flags & T_READY) && !t->loaded)
        st = tape_check(dev, SNS0_INTREQ);
    else if ((c->flags & T_WRITE) && t->aws.ro)
        st = tape_check(dev, SNS0_CMDREJ);
    else
        st = c->fn(dev, t, io);
    t->prev_cmd = io->cmd;
    return st;
}

/* --- mounting --------------------------------------------------------------- */

/* "123", "64K", "2M" -> bytes; -1 if malformed. */
static long long tape_size(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v <= 0)
        return -1;
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        v <<= 20, end++;
    return *end || v > (1ll << 40) ? -1 : v;
}

int tape_mount(struct device *dev, const char *arg, char *err, size_t errlen)
{
    struct tape *t = dev->state;
    tape_unload(dev);
    char *path = strdup(arg ? arg : "");
    if (!path) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    bool ro = false;
    long long eot = (long long)TAPE_EOT_DEFAULT;
    /* Options from the end: ",ro" and ",eot=SIZE". */
    for (char *comma; (comma = strrchr(path, ','));) {
        if (!strcmp(comma, ",ro")) {
            ro = true;
        } else if (!strncmp(comma, ",eot=", 5)) {
            eot = tape_size(comma + 5);
            if (eot < 0) {
                snprintf(err, errlen, "%s: give eot=BYTES (or with K or M)", comma + 1);
                free(path);
                return -1;
            }
        } else {
            break;
        }
        *comma = 0;
    }
    if (!*path) {
        snprintf(err, errlen, "no tape file named");
        free(path);
        return -1;
    }
    int r = aws_open(&t->aws, path, ro, !ro, err, errlen);
    free(path);
    if (r)
        return -1;
    t->loaded = true;
    t->eot = (uint64_t)eot;
    t->reel_end = t->eot + t->eot / 8 + 65536;
    t->msg[0] = 0;
    /* Not ready to ready: device end, for whoever waits on the drive. */
    if (dev->m)
        chan_unsolicited(dev, US_DE);
    return 0;
}

void tape_unload(struct device *dev)
{
    struct tape *t = dev->state;
    if (t->loaded)
        aws_close(&t->aws);
    t->loaded = false;
}

bool tape_ready(struct device *dev) { return ((struct tape *)dev->state)->loaded; }
uint64_t tape_offset(struct device *dev) { return ((struct tape *)dev->state)->aws.pos; }
uint64_t tape_blockno(struct device *dev) { return ((struct tape *)dev->state)->aws.blockno; }
const char *tape_error(struct device *dev) { return ((struct tape *)dev->state)->msg; }

/* attach: an empty drive (arg NULL) or one with a tape mounted. */
static int tape_attach(struct device *dev, const char *arg, const char **err)
{
    static char msg[240];
    struct tape *t = calloc(1, sizeof *t);
    if (!t) {
        *err = "out of memory";
        return -1;
    }
    t->aws.fd = -1;
    dev->state = t;
    dev->senselen = TAPE_SENSE_BYTES;
    if (arg) {
        struct machine *m = dev->m;
        dev->m = NULL; /* not attached to the channel yet: no interruption */
        int r = tape_mount(dev, arg, msg, sizeof msg);
        dev->m = m;
        if (r) {
            free(t);
            dev->state = NULL;
            *err = msg;
            return -1;
        }
    }
    return 0;
}

static void tape_detach(struct device *dev)
{
    tape_unload(dev);
    free(dev->state);
    dev->state = NULL;
}

const struct dev_ops tape3420_ops = {
    .type = "3420",
    .devtype = 0x3420,
    .model = 0x08,
    .attach = tape_attach,
    .detach = tape_detach,
    .execute = tape_execute,
};
