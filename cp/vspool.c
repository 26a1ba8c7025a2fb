/*
 * vspool.c - the spooled unit record devices of a virtual machine: a
 * 2540 reader, a 2540 punch and a 1403 printer (GA24-3488's commands),
 * from the directory's SPOOL statements.  A punch or printer writes its
 * cards or lines into a spool file (spool.c) until CLOSE; a reader reads
 * the files in the user's reader queue card by card.
 *
 *   punch    write (any command ending in binary 01): one card of 80 bytes,
 *            blank-padded if the count is shorter
 *   printer  write, with or without spacing or a skip (01, 09-19, 89-E1):
 *            a line of at most PRINT_LINE bytes, kept with its command;
 *            space and skip immediate (0B-1B, 8B-E3) are records too
 *   reader   read (ending in binary 10): the next card of the open file, or
 *            of the next file of the reader's class that is not held; no
 *            file: unit check, intervention required; after the last card
 *            unit exception (end of file), and the file is purged unless
 *            the reader is spooled HOLD; CONT reads on into the next file
 *   all      no-operation 03, sense 04 (one byte); anything else is
 *            rejected (unit check, command reject)
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "rspool.h"
#include "spool.h"
#include "task.h"
#include "vm.h"
#include "vspool.h"
#include <s370io.h>

#define CARD 80
#define PRINT_LINE 132
#define SNS_CMDREJ 0x80
#define SNS_INTREQ 0x40

static struct vsp *vsp(struct vdev *d) { return d->state; }

static uint8_t reject(struct vdev *d, uint32_t *len)
{
    d->sense[0] = SNS_CMDREJ;
    *len = 0;
    return US_CE | US_DE | US_UC;
}

/* No-operation and sense: what every unit record device takes. */
static bool common(struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count, uint32_t *len,
                   uint8_t *us)
{
    if (cmd == 0x03) {
        *len = 0;
    } else if (cmd == 0x04) {
        if (count)
            buf[0] = d->sense[0];
        d->sense[0] = 0;
        *len = 1;
    } else {
        return false;
    }
    *us = US_CE | US_DE;
    return true;
}

/* A record into the device's open file: CE DE, or a unit check
   (intervention required) when the spool is full. */
static uint8_t put(struct vdev *d, uint8_t op, const uint8_t *data, unsigned n)
{
    if (spool_put(&vsp(d)->w, op, data, n) < 0) {
        d->sense[0] = SNS_INTREQ;
        return US_CE | US_DE | US_UC;
    }
    return US_CE | US_DE;
}

static uint8_t punch_op(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                         uint32_t count, uint32_t *len)
{
    (void)vm;
    uint8_t us;
    if (common(d, cmd, buf, count, len, &us))
        return us;
    if ((cmd & 0x03) != 0x01)
        return reject(d, len);
    uint8_t card[CARD];
    *len = count < CARD ? count : CARD;
    memcpy(card, buf, *len);
    memset(card + *len, 0x40, CARD - *len);
    if (count < CARD)
        *len = count;           /* a short card is no length error */
    return put(d, cmd, card, CARD);
}

static bool print_write(uint8_t cmd)
{
    return cmd == 0x01 || cmd == 0x09 || cmd == 0x11 || cmd == 0x19 ||
           ((cmd & 0x87) == 0x81 && cmd >= 0x89 && cmd <= 0xE1);
}

static bool print_immediate(uint8_t cmd)
{
    return cmd == 0x0B || cmd == 0x13 || cmd == 0x1B ||
           ((cmd & 0x87) == 0x83 && cmd >= 0x8B && cmd <= 0xE3);
}

static uint8_t printer_op(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                           uint32_t count, uint32_t *len)
{
    (void)vm;
    uint8_t us;
    if (common(d, cmd, buf, count, len, &us))
        return us;
    if (print_immediate(cmd)) {
        *len = 0;
        return put(d, cmd, buf, 0);
    }
    if (!print_write(cmd))
        return reject(d, len);
    *len = count < PRINT_LINE ? count : PRINT_LINE;
    return put(d, cmd, buf, *len);
}

/* The next file the reader may open: the user's, of its class, not
   held, not open on another reader. */
static struct sfile *next_file(struct vm *vm, const struct vsp *s)
{
    for (struct sfile *f = spool_next(SPQ_RDR, vm->userid, NULL); f;
         f = spool_next(SPQ_RDR, vm->userid, f))
        if (!f->hold && !f->open && (s->cls == '*' || f->cls == s->cls))
            return f;
    return NULL;
}

/* The reader's file is read to its end (or closed): purged, or kept
   (HOLD) at the end of the queue, held. */
void vspool_reader_done(struct vsp *s)
{
    struct sfile *f = s->r.f;
    if (!f)
        return;
    spool_end(&s->r);
    if (s->hold) {
        f->hold = true;
        spool_last(f);
    } else {
        spool_purge(f);
    }
}

static uint8_t reader_op(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                          uint32_t count, uint32_t *len)
{
    uint8_t us;
    if (common(d, cmd, buf, count, len, &us))
        return us;
    if ((cmd & 0x03) != 0x02)
        return reject(d, len);
    struct vsp *s = vsp(d);
    uint8_t card[SPOOL_MAX_REC], op;
    for (;;) {
        if (!s->r.f) {
            struct sfile *f = next_file(vm, s);
            if (!f || spool_open(&s->r, f) < 0) {
                d->sense[0] = SNS_INTREQ;
                *len = 0;
                return US_CE | US_DE | US_UC;
            }
        }
        int n = spool_get(&s->r, &op, card);
        if (n >= 0) {
            if (n < CARD)
                memset(card + n, 0x40, CARD - (unsigned)n);
            *len = count < CARD ? count : CARD;
            memcpy(buf, card, *len);
            *len = CARD;
            return US_CE | US_DE;
        }
        vspool_reader_done(s);          /* its end, or a damaged page */
        if (!s->cont || !next_file(vm, s)) {
            *len = 0;
            return US_CE | US_DE | US_UX;
        }
    }
}

/* A command on the device: its file is busy while the command may
   sleep in the spool's I/O, and a CLOSE or DETACH from another task (a
   command typed on the terminal) waits for it. */
static uint8_t run_op(uint8_t (*op)(struct vm *, struct vdev *, uint8_t, uint8_t *, uint32_t,
                                    uint32_t *),
                      struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf, uint32_t count,
                      uint32_t *len)
{
    struct vsp *s = vsp(d);
    s->busy = true;
    uint8_t us = op(vm, d, cmd, buf, count, len);
    s->busy = false;
    task_wakeup(s);
    return us;
}

static uint8_t punch_ccw(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                         uint32_t count, uint32_t *len)
{
    return run_op(punch_op, vm, d, cmd, buf, count, len);
}

static uint8_t printer_ccw(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                           uint32_t count, uint32_t *len)
{
    return run_op(printer_op, vm, d, cmd, buf, count, len);
}

static uint8_t reader_ccw(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                          uint32_t count, uint32_t *len)
{
    return run_op(reader_op, vm, d, cmd, buf, count, len);
}

static void wait_idle(struct vsp *s)
{
    while (s->busy)
        task_sleep(s);
}

/* The attributes a closed output file gets from its device. */
static void attributes(struct vm *vm, const struct vsp *s, struct sfile *a)
{
    memset(a, 0, sizeof *a);
    bool to_user = s->to[0] != 0;
    a->queue = to_user ? SPQ_RDR : s->func == VSP_PUNCH ? SPQ_PUN : SPQ_PRT;
    a->type = s->func == VSP_PUNCH ? SPT_PUN : s->console ? SPT_CON : SPT_PRT;
    strcpy(a->owner, to_user ? s->to : vm->userid);
    strcpy(a->origin, vm->userid);
    strcpy(a->dist, vm->userid);
    a->cls = s->cls;
    a->hold = s->hold;
    a->copies = s->copies;
}

unsigned vspool_close(struct vm *vm, struct vsp *s, const char *fn, const char *ft,
                      const char *dist, int hold, bool purge)
{
    wait_idle(s);
    if (s->func == VSP_READER) {
        if (s->r.f) {
            bool keep = s->hold;
            if (hold >= 0)
                s->hold = hold;
            vspool_reader_done(s);
            s->hold = keep;
        }
        return 0;
    }
    if (purge || !s->w.page) {
        spool_drop(&s->w);
        return 0;
    }
    struct sfile a;
    attributes(vm, s, &a);
    if (fn)
        snprintf(a.fn, sizeof a.fn, "%s", fn);
    if (ft)
        snprintf(a.ft, sizeof a.ft, "%s", ft);
    if (dist)
        snprintf(a.dist, sizeof a.dist, "%s", dist);
    if (hold >= 0)
        a.hold = hold;
    unsigned id = spool_close(&s->w, &a);
    if (!id)
        return 0;
    const char *dev = s->func == VSP_PUNCH ? "PUN" : s->console ? "CON" : "PRT";
    vm_say(vm, "%s FILE %04u TO %s COPY %03u %s", dev, id, s->to[0] ? s->to : "SYSTEM",
           a.copies, a.hold ? "HOLD" : "NOHOLD");
    struct sfile *f = spool_find(id);
    if (f && f->queue == SPQ_RDR)
        vspool_arrived(f, "");
    else
        rspool_kick();                          /* for a printer or punch */
    return id;
}

void vspool_arrived(const struct sfile *f, const char *how)
{
    struct vm *to = vm_find(f->owner);
    if (to)
        vm_say(to, "RDR FILE %04u %sFROM %s %s WAS %04u RECS %06u CPY %03u %c %s", f->id, how,
               f->origin, spool_type_name(f),
               f->id, (unsigned)f->recs, f->copies, f->cls, f->hold ? "HOLD" : "NOHOLD");
}

static void vspool_detach(struct vm *vm, struct vdev *d)
{
    struct vsp *s = vsp(d);
    wait_idle(s);
    if (s->func == VSP_READER) {
        if (s->r.f)
            spool_end(&s->r);           /* back in the queue, unread */
    } else {
        vspool_close(vm, s, NULL, NULL, NULL, -1, false);   /* DETACH, LOGOFF close it */
    }
    fs_free(s);
    d->state = NULL;
}

const struct vdev_ops vspool_reader_ops = {
    .type = "RDR", .devtype = 0x2540, .ccw = reader_ccw, .detach = vspool_detach,
};
const struct vdev_ops vspool_punch_ops = {
    .type = "PUN", .devtype = 0x2540, .ccw = punch_ccw, .detach = vspool_detach,
};
const struct vdev_ops vspool_printer_ops = {
    .type = "PRT", .devtype = 0x1403, .ccw = printer_ccw, .detach = vspool_detach,
};

struct vdev *vspool_add(struct vm *vm, uint16_t addr, unsigned func, char cls)
{
    const struct vdev_ops *ops = func == VSP_READER ? &vspool_reader_ops
                               : func == VSP_PUNCH ? &vspool_punch_ops : &vspool_printer_ops;
    struct vsp *s = fs_alloc(sizeof *s);
    struct vdev *d = s ? vdev_add(vm, addr, ops) : NULL;
    if (!d) {
        if (s)
            fs_free(s);
        return NULL;
    }
    s->func = (uint8_t)func;
    s->cls = cls ? cls : func == VSP_READER ? '*' : 'A';
    s->copies = 1;
    d->state = s;
    return d;
}

struct vsp *vspool_of(struct vdev *d)
{
    return d->ops == &vspool_reader_ops || d->ops == &vspool_punch_ops ||
           d->ops == &vspool_printer_ops ? d->state : NULL;
}

struct vsp *vspool_console_of(struct vm *vm)
{
    struct vsp *s = vm->con_spool;
    if (!s && (s = fs_alloc(sizeof *s))) {
        s->func = VSP_PRINTER;
        s->console = true;
        s->cls = 'A';
        s->copies = 1;
        vm->con_spool = s;
    }
    return s;
}

/* A print line (write, space 1) in EBCDIC.  A line that comes while
   this task puts one (a message of the spool's own) is not kept; one
   from another task waits for it.  A full spool stops the spooling. */
void vspool_console(struct vm *vm, const char *line)
{
    struct vsp *s = vm->con_spool;
    struct task *me = task_current();
    if (!s || !s->started || !me || s->putter == me)
        return;
    while (s->busy) {                   /* and it may have ended meanwhile */
        task_sleep(s);
        if (vm->con_spool != s || !s->started)
            return;
    }
    uint8_t rec[PRINT_LINE];
    unsigned n = (unsigned)strnlen(line, PRINT_LINE);
    for (unsigned i = 0; i < n; i++)
        rec[i] = ascii_to_ebcdic[(unsigned char)line[i]];
    s->busy = true;
    s->putter = me;
    if (spool_put(&s->w, 0x09, rec, n) < 0)
        s->started = false;
    s->putter = NULL;
    s->busy = false;
    task_wakeup(s);
}

void vspool_console_end(struct vm *vm)
{
    struct vsp *s = vm->con_spool;
    if (!s)
        return;
    vm->con_spool = NULL;
    s->started = false;
    vspool_close(vm, s, NULL, NULL, NULL, -1, false);
    fs_free(s);
}
