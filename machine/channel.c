/*
 * channel.c - S/370 channels (GA22-7000, chapter 13 "Input/Output
 * Operations").  Implements the I/O instructions' effects, channel-program
 * execution (format-0 CCWs, data and command chaining, SLI, skip, PCI,
 * indirect data addressing, TIC), status handling with the CSW, the
 * I/O-interruption queue with channel masks, and the IPL channel program.
 *
 * Channel-program states of a device (dev->ch):
 *
 *     idle --SIO--> busy --CCW ends, no chaining--> status pending --> idle
 *                    |  ^                             (interruption, TIO,
 *           DEV_WAIT |  | chan_resume()                CLRIO take it)
 *                    v  |
 *                  suspended
 *
 * Invariants: (1) busy and status_pending are never both set; (2) a device
 * is on the interruption queue iff `queued`, and queued implies
 * status_pending or pci_pending; (3) storage is reached only through the
 * CAW key's checks here, never by a device.  chan_assert_state() checks
 * these in debug builds.
 *
 * When a program ends (end_program(), for every way of ending) the device's
 * optional program_end() runs and may add unit check to the ending status:
 * DASD commits the program's writes there.
 *
 * Channel programs run to completion inside SIO when they can; a program
 * that is still running after CHAN_BURST CCWs continues from an event, so
 * that a guest's endless TIC loop costs time but never hangs the host.
 */
#include <assert.h>
#include <stdlib.h>

#include "machine.h"
#include "interrupt.h"
#include "dev.h"

#define CHAN_BURST 256          /* CCWs run before yielding to the CPU */
#define CHAN_MAX_DATA (1u << 20) /* bytes in one data chain */
#define LOC_CAW 72
#define LOC_CSW 64
#define LOC_CHANID 0xA8

static void chan_run(struct machine *m, struct device *dev);

static void chan_assert_state(const struct device *dev)
{
    (void)dev;
    assert(!(dev->ch.busy && dev->ch.status_pending));
    assert(!dev->ch.queued || dev->ch.status_pending || dev->ch.pci_pending);
}

static struct device *find(struct machine *m, uint32_t addr)
{
    if (((addr >> 8) & 0xFF) > 15)
        return NULL;
    return m->chan.dev[addr & 0xFFF];
}

/* --- the interruption queue ------------------------------------------- */

static void enqueue(struct machine *m, struct device *dev)
{
    if (dev->ch.queued)
        return;
    dev->ch.queued = true;
    dev->ch.next_int = NULL;
    if (m->chan.intq_tail)
        m->chan.intq_tail->ch.next_int = dev;
    else
        m->chan.intq_head = dev;
    m->chan.intq_tail = dev;
    cpu_set_pending(&m->cpu);
}

static void dequeue(struct machine *m, struct device *dev)
{
    if (!dev->ch.queued)
        return;
    struct device **pp = &m->chan.intq_head, *prev = NULL;
    while (*pp && *pp != dev) {
        prev = *pp;
        pp = &(*pp)->ch.next_int;
    }
    if (*pp) {
        *pp = dev->ch.next_int;
        if (m->chan.intq_tail == dev)
            m->chan.intq_tail = prev;
    }
    dev->ch.queued = false;
    dev->ch.next_int = NULL;
}

/* Is the channel of `addr` enabled for I/O interruptions by PSW and CR2? */
static bool channel_enabled(const struct cpu *cpu, uint16_t addr)
{
    unsigned ch = (addr >> 8) & 15;
    uint8_t sm = cpu->psw.sysmask;
    bool cr2 = (cpu->cr[2] >> (31 - ch)) & 1;
    if (cpu->psw.ec)
        return (sm & 0x02) && cr2;
    if (ch < 6)
        return (sm >> (7 - ch)) & 1;
    return (sm & 0x02) && cr2;
}

bool chan_int_pending(struct machine *m)
{
    for (struct device *d = m->chan.intq_head; d; d = d->ch.next_int)
        if (channel_enabled(&m->cpu, d->addr))
            return true;
    return false;
}

/* Store a CSW at real location 64. */
static void store_csw(struct machine *m, const uint8_t csw[8])
{
    memcpy(m->mem + m->cpu.prefix + LOC_CSW, csw, 8);
    m->keys[m->cpu.prefix >> 11] |= SK_REF | SK_CHANGE;
}

/* The CSW a device presents now; clears what it presented. */
static void take_status(struct device *dev, uint8_t csw[8])
{
    if (dev->ch.status_pending) {
        memcpy(csw, dev->ch.csw, 8);
        if (dev->ch.pci_pending)
            csw[5] |= CS_PCI;
        dev->ch.status_pending = false;
    } else {
        /* A PCI while the program still runs. */
        put32(csw, (uint32_t)dev->ch.key << 28 | dev->ch.ccw_addr);
        csw[4] = 0;
        csw[5] = CS_PCI;
        csw[6] = csw[7] = 0;
    }
    dev->ch.pci_pending = false;
}

struct device *chan_int_take(struct machine *m)
{
    for (struct device *d = m->chan.intq_head; d; d = d->ch.next_int) {
        if (!channel_enabled(&m->cpu, d->addr))
            continue;
        dequeue(m, d);
        uint8_t csw[8];
        take_status(d, csw);
        store_csw(m, csw);
        chan_assert_state(d);
        return d;
    }
    return NULL;
}

/* --- storage access with the CAW key ----------------------------------- */

/* 0, or the channel status for an access to absolute [a, a+n). */
static uint8_t chan_access(struct machine *m, uint8_t key, uint32_t a, uint32_t n, bool store)
{
    if (!abs_valid(m, a, n))
        return CS_PROG;
    for (uint32_t b = a >> 11; b <= (a + n - 1) >> 11; b++) {
        uint8_t sk = m->keys[b];
        if (key && (sk >> 4) != key && (store || (sk & SK_FETCH)))
            return CS_PROT;
    }
    for (uint32_t b = a >> 11; b <= (a + n - 1) >> 11; b++)
        m->keys[b] |= store ? (SK_REF | SK_CHANGE) : SK_REF;
    return 0;
}

/* --- CCWs ---------------------------------------------------------------- */

struct ccw {
    uint8_t cmd, flags;
    uint32_t addr;
    uint16_t count;
};

/* Fetch the CCW at absolute `a`; 0 or the channel status. */
static uint8_t fetch_ccw(struct machine *m, struct device *dev, uint32_t a, struct ccw *c)
{
    if (a & 7)
        return CS_PROG;
    uint8_t st = chan_access(m, dev->ch.key, a, 8, false);
    if (st)
        return st;
    const uint8_t *p = m->mem + a;
    c->cmd = p[0];
    c->addr = (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    c->flags = p[4];
    c->count = be16(p + 6);
    if (p[4] & 0x03)
        return CS_PROG; /* flag bits 38-39 must be zero */
    return 0;
}

static bool is_tic(uint8_t cmd) { return (cmd & 0x0F) == 0x08; }
static bool is_input(uint8_t cmd)
{
    return (cmd & 3) == 2 || (cmd & 0x0F) == 0x04 || (cmd & 0x0F) == 0x0C;
}
static bool is_backward(uint8_t cmd) { return (cmd & 0x0F) == 0x0C; }

/*
 * One data segment of a data chain: either direct (addr) or through an
 * IDAW list (idaw = list address).
 */
struct seg {
    uint32_t ccw_addr;  /* where this CCW is, for the CSW */
    uint32_t addr;
    uint16_t count;
    uint8_t flags;
};

/*
 * Move n bytes between buf and the storage of segment s starting at byte
 * `off` of the segment.  Handles IDA and read backward.  Returns 0 or the
 * channel status of an error.
 */
static uint8_t seg_move(struct machine *m, struct device *dev, const struct seg *s,
                        uint32_t off, uint8_t *buf, uint32_t n, bool store, bool backward)
{
    uint8_t key = dev->ch.key;
    if (!(s->flags & CCW_IDA)) {
        uint32_t a = backward ? s->addr - off - n + 1 : s->addr + off;
        a &= AMASK24;
        uint8_t st = chan_access(m, key, a, n, store);
        if (st)
            return st;
        if (backward) {
            for (uint32_t i = 0; i < n; i++) {
                uint8_t *p = m->mem + a + n - 1 - i;
                if (store) *p = buf[i]; else buf[i] = *p;
            }
        } else if (store) {
            memcpy(m->mem + a, buf, n);
        } else {
            memcpy(buf, m->mem + a, n);
        }
        return 0;
    }
    /* IDAWs: the first addresses any byte; each covers up to the next 2K
       boundary; the following ones must address 2K boundaries. */
    if (s->addr & 3)
        return CS_PROG;
    uint32_t pos = 0;   /* bytes of the segment walked so far */
    uint32_t idaw = s->addr;
    uint32_t done = 0;
    while (done < n) {
        uint8_t st = chan_access(m, key, idaw, 4, false);
        if (st)
            return st;
        uint32_t data = be32(m->mem + idaw) & 0x7FFFFFFF;
        if (idaw != s->addr && (data & 0x7FF))
            return CS_PROG;
        uint32_t span = 0x800 - (data & 0x7FF);
        if (backward)
            span = (data & 0x7FF) + 1;
        uint32_t lo = pos, hi = pos + span; /* segment bytes this IDAW covers */
        uint32_t want_lo = off + done;
        if (want_lo < hi) {
            uint32_t k = want_lo - lo;
            uint32_t take = hi - want_lo;
            if (take > n - done)
                take = n - done;
            uint32_t a = backward ? data - k - take + 1 : data + k;
            st = chan_access(m, key, a, take, store);
            if (st)
                return st;
            for (uint32_t i = 0; i < take; i++) {
                uint8_t *p = m->mem + (backward ? a + take - 1 - i : a + i);
                if (store) *p = buf[done + i]; else buf[done + i] = *p;
            }
            done += take;
        }
        pos = hi;
        idaw += 4;
    }
    return 0;
}

/*
 * Build the data chain that starts with CCW c at ccw_addr.  Fills segs,
 * returns their number (>= 1), sets *next_ccw to the CCW after the chain,
 * or returns 0 with *err the channel status.
 */
static int build_chain(struct machine *m, struct device *dev, struct ccw c, uint32_t ccw_addr,
                       struct seg **segsp, uint32_t *total, uint32_t *next_ccw, uint8_t *err)
{
    int n = 0, cap = 0;
    struct seg *segs = *segsp;
    *total = 0;
    bool tic_prev = false;
    for (;;) {
        if (c.count == 0) {
            *err = CS_PROG;
            return 0;
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            segs = realloc(segs, (size_t)cap * sizeof *segs);
            *segsp = segs;
        }
        segs[n++] = (struct seg){ccw_addr, c.addr, c.count, c.flags};
        *total += c.count;
        if (*total > CHAN_MAX_DATA) {
            *err = CS_PROG;
            return 0;
        }
        if (!(c.flags & CCW_CD))
            break;
        /* Data chaining: the next CCW continues the data; a TIC may
           intervene. */
        uint32_t a = ccw_addr + 8;
        for (;;) {
            *err = fetch_ccw(m, dev, a, &c);
            if (*err)
                return 0;
            if (!is_tic(c.cmd))
                break;
            if (tic_prev || (c.addr & 7)) {
                *err = CS_PROG;
                return 0;
            }
            tic_prev = true;
            a = c.addr;
        }
        tic_prev = false;
        ccw_addr = a;
        if (c.flags & CCW_PCI)
            dev->ch.pci_pending = true;
    }
    *next_ccw = ccw_addr + 8;
    return n;
}

/* End the channel program with this status. */
static void end_program(struct machine *m, struct device *dev, uint32_t ccw_next,
                        uint8_t unit, uint8_t chst, uint16_t residual)
{
    struct dev_chan *ch = &dev->ch;
    ch->busy = false;
    ch->suspended = false;
    put32(ch->csw, (uint32_t)ch->key << 28 | (ccw_next & AMASK24));
    /* Every ending passes here, HIO and CLRIO termination included: the
       device finishes the program's work (a DASD commits its writes). */
    if (dev->ops->program_end)
        unit |= dev->ops->program_end(dev);
    ch->csw[4] = unit;
    ch->csw[5] = chst;
    put16(ch->csw + 6, residual);
    ch->status_pending = true;
    enqueue(m, dev);
    chan_assert_state(dev);
}

/*
 * Finish the CCW (data chain) held in dev->ch after the device returned
 * `unit` and io.len.  Scatters input data, works out incorrect length and
 * the residual count, and either chains to the next CCW or ends.
 * Returns true if the program continues.
 */
static bool finish_ccw(struct machine *m, struct device *dev, int unit, uint8_t chst_in)
{
    struct dev_chan *ch = &dev->ch;
    struct ccw_io *io = &ch->io;
    struct seg *segs = ch->segv;
    int nseg = ch->segs;
    bool input = is_input(io->cmd), backward = is_backward(io->cmd);
    uint32_t moved = io->len < io->count ? io->len : io->count;
    uint8_t chst = chst_in;

    /* Input: scatter the data into the segments, skipping where asked. */
    uint32_t off = 0;
    int last = 0;
    for (int i = 0; i < nseg; i++) {
        uint32_t n = segs[i].count;
        if (off + n > moved)
            n = moved > off ? moved - off : 0;
        if (input && n && !(segs[i].flags & CCW_SKIP) && !chst) {
            uint8_t st = seg_move(m, dev, &segs[i], 0, ch->buf + off, n, true, backward);
            if (st)
                chst |= st;
        }
        if (n || i == 0)
            last = i;
        off += segs[i].count;
        if (off >= moved)
            break;
    }
    /* The CCW in which the transfer ended gives the CSW address and count. */
    uint32_t before = 0;
    for (int i = 0; i < last; i++)
        before += segs[i].count;
    uint32_t in_last = moved > before ? moved - before : 0;
    if (in_last > segs[last].count)
        in_last = segs[last].count;
    uint16_t residual = (uint16_t)(segs[last].count - in_last);
    bool il = io->len != io->count && !(io->flags & CCW_SLI) &&
              !((io->cmd & 3) == 3 && io->len == 0 && !(unit & (US_UC | US_UX)));
    /* (A control command that transfers no data is no length error.) */
    if (il)
        chst |= CS_IL;
    uint32_t next = segs[last].ccw_addr + 8;

    bool clean = (unit & ~US_SM) == (US_CE | US_DE) && !chst;
    if (clean && (io->flags & CCW_CC) && !(unit & (US_UC | US_UX))) {
        ch->ccw_addr = ch->chain_next + ((unit & US_SM) ? 8 : 0);
        ch->chained = true;
        return true;
    }
    end_program(m, dev, next, (uint8_t)unit, chst, residual);
    return false;
}

/* Execute the CCW at ch->ccw_addr.  Returns true if the program goes on
   synchronously, false if it ended or the device suspended it. */
static bool run_ccw(struct machine *m, struct device *dev)
{
    struct dev_chan *ch = &dev->ch;
    struct ccw c;
    uint32_t a = ch->ccw_addr;
    uint8_t st = fetch_ccw(m, dev, a, &c);
    if (!st && is_tic(c.cmd)) {
        if (ch->tic_last || (c.addr & 7)) {
            st = CS_PROG;
        } else {
            ch->tic_last = true;
            ch->ccw_addr = c.addr;
            return true;
        }
    }
    if (!st && (c.cmd & 0x0F) == 0)
        st = CS_PROG; /* invalid command code */
    if (st) {
        ch->before_device = true;
        end_program(m, dev, a + 8, 0, st, 0);
        return false;
    }
    ch->tic_last = false;
    if (c.flags & CCW_PCI) {
        ch->pci_pending = true;
        enqueue(m, dev);
    }
    uint32_t total = 0, next = 0;
    int n = build_chain(m, dev, c, a, &ch->segv, &total, &next, &st);
    if (!n) {
        ch->before_device = true;
        end_program(m, dev, a + 8, 0, st, 0);
        return false;
    }
    ch->segs = n;
    ch->chain_next = next;
    if (total > ch->bufsize) {
        ch->buf = realloc(ch->buf, total);
        ch->bufsize = total;
    }
    struct ccw_io *io = &ch->io;
    uint32_t last_flags = ch->segv[n - 1].flags;
    /* Command chaining and SLI are the last CCW's of the data chain. */
    *io = (struct ccw_io){c.cmd,
                          (uint8_t)((c.flags & ~(CCW_CD | CCW_CC | CCW_SLI)) |
                                    (last_flags & (CCW_CC | CCW_SLI))),
                          ch->chained, ch->buf, total, 0};
    uint8_t gather_err = 0;
    if (!is_input(c.cmd)) {
        /* Output: gather the data now; stop at the first bad byte. */
        uint32_t off = 0;
        for (int i = 0; i < n && !gather_err; i++) {
            gather_err = seg_move(m, dev, &ch->segv[i], 0, ch->buf + off, ch->segv[i].count, false, false);
            if (!gather_err)
                off += ch->segv[i].count;
        }
        if (gather_err)
            io->count = off;
    } else {
        memset(ch->buf, 0, total);
    }
    int unit = dev->ops->execute(dev, io);
    if (unit == DEV_WAIT) {
        ch->suspended = true;
        ch->gather_err = gather_err;
        return false;
    }
    return finish_ccw(m, dev, unit, gather_err);
}

/* Run the program until it ends, suspends, or has had its burst. */
static void chan_run(struct machine *m, struct device *dev)
{
    for (int i = 0; i < CHAN_BURST; i++) {
        if (!dev->ch.busy || dev->ch.suspended)
            return;
        if (!run_ccw(m, dev))
            return;
    }
    machine_schedule(m, tod_now(m) + 4096, (void (*)(struct machine *, void *))chan_run, dev);
}

void chan_resume(struct device *dev)
{
    struct machine *m = dev->m;
    if (!dev->ch.busy || !dev->ch.suspended)
        return;
    dev->ch.suspended = false;
    int unit = dev->ops->resume(dev, &dev->ch.io);
    if (unit == DEV_WAIT) {
        dev->ch.suspended = true;
        return;
    }
    if (finish_ccw(m, dev, unit, dev->ch.gather_err))
        chan_run(m, dev);
}

void chan_unsolicited(struct device *dev, uint8_t unit_status)
{
    struct dev_chan *ch = &dev->ch;
    if (ch->busy)
        return; /* the program running will see the device's state */
    if (ch->status_pending) {
        ch->csw[4] |= unit_status;
        return;
    }
    memset(ch->csw, 0, 8);
    ch->csw[4] = unit_status;
    ch->status_pending = true;
    enqueue(dev->m, dev);
}

/* --- the I/O instructions ---------------------------------------------- */

/* Present a device's pending status now, as a CSW stored at location 64
   (for condition code 1); returns the stored CSW for adjustments. */
static uint8_t *store_status_now(struct machine *m, struct device *dev)
{
    uint8_t csw[8];
    dequeue(m, dev);
    take_status(dev, csw);
    store_csw(m, csw);
    return m->mem + m->cpu.prefix + LOC_CSW;
}

int chan_sio(struct machine *m, uint32_t addr, bool fast)
{
    (void)fast; /* SIOF: our channels release the CPU at once anyway */
    struct device *dev = find(m, addr);
    if (!dev)
        return 3;
    struct dev_chan *ch = &dev->ch;
    if (ch->busy)
        return 2;
    if (ch->status_pending) {
        /* A pending condition is stored with busy: the program must take it. */
        store_status_now(m, dev)[4] |= US_BUSY | US_SM;
        return 1;
    }
    const uint8_t *caw = m->mem + m->cpu.prefix + LOC_CAW;
    uint8_t key = caw[0] >> 4;
    uint32_t ccw = (uint32_t)caw[1] << 16 | (uint32_t)caw[2] << 8 | caw[3];
    if ((caw[0] & 0x0F) || (ccw & 7) || ccw >= m->memsize) {
        uint8_t csw[8] = {0};
        put32(csw, (uint32_t)key << 28);
        csw[5] = CS_PROG;
        store_csw(m, csw);
        return 1;
    }
    ch->busy = true;
    ch->suspended = false;
    ch->status_pending = false;
    ch->pci_pending = false;
    ch->key = key;
    ch->ccw_addr = ccw;
    ch->chained = false;
    ch->tic_last = false;
    ch->before_device = false;
    m->chan.ios++;
    chan_run(m, dev);
    /* A program that failed on its first CCW before the device took the
       command (an invalid CCW) or that the device rejected (unit check)
       is reported at once: cc 1, CSW stored, no interruption. */
    if (!ch->busy && ch->status_pending && !ch->chained &&
        (ch->before_device || (ch->csw[4] & US_UC))) {
        store_status_now(m, dev);
        return 1;
    }
    return 0;
}

int chan_tio(struct machine *m, uint32_t addr)
{
    struct device *dev = find(m, addr);
    if (!dev)
        return 3;
    if (dev->ch.busy)
        return 2;
    if (dev->ch.status_pending) {
        store_status_now(m, dev);
        return 1;
    }
    return 0;
}

/* Stop a running program: the device is told, the status says where. */
static void terminate(struct machine *m, struct device *dev)
{
    machine_cancel(m, (void (*)(struct machine *, void *))chan_run, dev);
    if (dev->ops->reset && dev->ch.suspended)
        dev->ops->reset(dev);
    end_program(m, dev, dev->ch.ccw_addr + 8, US_CE | US_DE, 0, 0);
}

int chan_hio(struct machine *m, uint32_t addr, bool device_only)
{
    (void)device_only;
    struct device *dev = find(m, addr);
    if (!dev)
        return 3;
    if (!dev->ch.busy)
        return 0;
    terminate(m, dev);
    /* The halted operation's status is stored now; nothing else pends. */
    store_status_now(m, dev)[4] = 0;
    return 1;
}

int chan_clrio(struct machine *m, uint32_t addr)
{
    struct device *dev = find(m, addr);
    if (!dev)
        return 3;
    if (dev->ch.busy)
        terminate(m, dev);
    if (dev->ch.status_pending) {
        store_status_now(m, dev);
        return 1;
    }
    return 0;
}

int chan_tch(struct machine *m, uint32_t addr)
{
    unsigned ch = (addr >> 8) & 0xFF;
    if (ch > 15)
        return 3;
    for (struct device *d = m->chan.intq_head; d; d = d->ch.next_int)
        if (((d->addr >> 8) & 15) == ch)
            return 1;
    return 0;
}

int chan_stidc(struct machine *m, uint32_t addr)
{
    unsigned ch = (addr >> 8) & 0xFF;
    if (ch > 15)
        return 3;
    /* Channel 0 is a byte multiplexer (type 1), the others block
       multiplexers (type 2); model 0; no I/O extended logout. */
    uint32_t id = (ch == 0 ? 1u : 2u) << 28;
    put32(m->mem + m->cpu.prefix + LOC_CHANID, id);
    return 0;
}

/* --- attach, reset, IPL -------------------------------------------------- */

void chan_attach(struct machine *m, struct device *dev)
{
    dev->m = m;
    m->chan.dev[dev->addr & 0xFFF] = dev;
}

void chan_detach(struct machine *m, struct device *dev)
{
    machine_cancel(m, (void (*)(struct machine *, void *))chan_run, dev);
    dequeue(m, dev);
    if (m->chan.dev[dev->addr & 0xFFF] == dev)
        m->chan.dev[dev->addr & 0xFFF] = NULL;
    free(dev->ch.buf);
    free(dev->ch.segv);
    dev->ch.buf = NULL;
    dev->ch.segv = NULL;
}

/* I/O system reset: every program ends, every pending condition goes. */
void chan_reset(struct machine *m)
{
    for (int i = 0; i < MAX_DEVADDR; i++) {
        struct device *dev = m->chan.dev[i];
        if (!dev)
            continue;
        machine_cancel(m, (void (*)(struct machine *, void *))chan_run, dev);
        dequeue(m, dev);
        dev->ch.busy = dev->ch.suspended = dev->ch.status_pending = false;
        dev->ch.pci_pending = false;
        if (dev->ops->reset)
            dev->ops->reset(dev);
    }
    m->chan.intq_head = m->chan.intq_tail = NULL;
}

/*
 * IPL (GA22-7000, "Initial Program Loading"): a read IPL command (X'02')
 * into location 0 for 24 bytes with command chaining and SLI, as if the
 * CCW were at location 0; the program continues at location 8.  Then the
 * I/O address is stored at 186 (and in bytes 2-3 of a BC-mode PSW) and the
 * PSW at location 0 is loaded.
 */
int chan_ipl(struct machine *m, uint16_t devaddr, const char **err)
{
    struct device *dev = find(m, devaddr);
    if (!dev) {
        *err = "IPL device is not attached";
        return -1;
    }
    cpu_initial_reset(&m->cpu);
    chan_reset(m);
    struct dev_chan *ch = &dev->ch;
    /* Build the IPL CCW as the channel would have fetched it. */
    ch->busy = true;
    ch->key = 0;
    ch->chained = false;
    ch->tic_last = false;
    ch->segs = 1;
    ch->segv = realloc(ch->segv, sizeof *ch->segv);
    ch->segv[0] = (struct seg){0, 0, 24, CCW_CC | CCW_SLI};
    ch->chain_next = 8;
    if (ch->bufsize < 24) {
        ch->buf = realloc(ch->buf, 24);
        ch->bufsize = 24;
    }
    memset(ch->buf, 0, 24);
    ch->io = (struct ccw_io){0x02, CCW_CC | CCW_SLI, false, ch->buf, 24, 0};
    int unit = dev->ops->execute(dev, &ch->io);
    if (unit == DEV_WAIT) {
        chan_reset(m);
        *err = "IPL device is not ready";
        return -1;
    }
    if (finish_ccw(m, dev, unit, 0)) {
        for (int i = 0; i < 1000000 && ch->busy; i++) {
            if (ch->suspended) {
                chan_reset(m);
                *err = "IPL channel program waits for the device";
                return -1;
            }
            if (!run_ccw(m, dev))
                break;
        }
        if (ch->busy) {
            chan_reset(m);
            *err = "IPL channel program did not end";
            return -1;
        }
    }
    uint8_t csw[8];
    dequeue(m, dev);
    take_status(dev, csw);
    if ((csw[4] & ~US_SM) != (US_CE | US_DE) || (csw[5] & ~CS_IL)) {
        static char msg[96];
        snprintf(msg, sizeof msg, "IPL failed: unit status %02X, channel status %02X (CCW at %06X)",
                 csw[4], csw[5], be32(csw) & AMASK24);
        *err = msg;
        chan_reset(m);
        return -1;
    }
    uint8_t *low = m->mem; /* prefix is 0 after the reset */
    put16(low + 0xBA, devaddr);
    if (!(low[1] & 0x08))
        put16(low + 2, devaddr);
    if (psw_load(&m->cpu, low)) {
        m->cpu.ilc = 0;
        cpu_take_program(&m->cpu, PGM_SPECIFICATION);
    }
    return 0;
}
