/*
 * vdev.c - a virtual machine's devices and the I/O instructions a guest
 * issues to them (GA22-7000, chapter 13): SIO, TIO, HIO, TCH.  Devices
 * CP simulates (the console today; spooled unit record devices later)
 * run their programs here; minidisks run theirs through CCW translation
 * (mdisk.c, ccwtrans.c).
 *
 * A simulated channel program runs to its end inside SIO: the CCWs are
 * fetched from guest storage one at a time, so a program that reads the
 * CCWs it chains to (an IPL deck) works; the ending status is then
 * pending as an I/O interruption, or is taken by TIO.  Channel-program
 * errors end the program with the channel status the architecture gives:
 * program check (bad CCW address, zero count, TIC to TIC, bad flags),
 * protection check (the CAW key may not touch the data), incorrect length
 * (unless SLI).  A program still chaining after MAX_CCWS CCWs (a TIC
 * loop) is taken to run forever, as on a real channel: the device stays
 * busy until HIO, and CP is never held up by it.
 */
#include <string.h>

#include "cp.h"
#include "vm.h"
#include <s370io.h>

#define MAX_CHAIN CP_PAGE   /* the virtual machine's chain_buf */
#define MAX_CCWS 100000     /* a program still going after this runs forever */

struct vdev *vdev_find(struct vm *vm, uint16_t addr)
{
    for (unsigned i = 0; i < vm->nvdev; i++)
        if (vm->vdev[i].addr == addr)
            return &vm->vdev[i];
    return NULL;
}

struct vdev *vdev_add(struct vm *vm, uint16_t addr, const struct vdev_ops *ops)
{
    if (vm->nvdev == VM_MAX_VDEV || vdev_find(vm, addr))
        return NULL;
    struct vdev *d = &vm->vdev[vm->nvdev++];
    memset(d, 0, sizeof *d);
    d->addr = addr;
    d->ops = ops;
    return d;
}

bool vdev_remove(struct vm *vm, struct vdev *d)
{
    /* Not while it, or a device after it in the table (which the removal
       would move under the task whose program is running on it), has
       real I/O going. */
    for (struct vdev *e = d; e < vm->vdev + vm->nvdev; e++)
        if (e->inflight)
            return false;
    vdev_clear_pending(vm, d);
    if (d->ops->detach)
        d->ops->detach(vm, d);
    unsigned i = (unsigned)(d - vm->vdev);
    memmove(&vm->vdev[i], &vm->vdev[i + 1], (vm->nvdev - i - 1) * sizeof *d);
    vm->nvdev--;
    return true;
}

static void store_csw(struct vm *vm, const uint8_t csw[8])
{
    vmstore_write(vm, 0x40, csw, 8);
}

/* The ending status of a program whose last CCW was at ccw (0: none). */
static void make_csw(uint8_t csw[8], uint8_t key, uint32_t ccw, uint8_t us, uint8_t cs,
                     uint16_t residual)
{
    put32(csw, (uint32_t)key << 28 | ((ccw + 8) & 0xFFFFFF));
    csw[4] = us;
    csw[5] = cs;
    csw[6] = (uint8_t)(residual >> 8);
    csw[7] = (uint8_t)residual;
}

/*
 * Run the guest's channel program for a simulated device.  Fills the CSW
 * to present; returns false if the program ended on an error before the
 * device saw a command (SIO then stores the CSW at once, condition code
 * 1, as the channel does).  Data chains are gathered into one buffer (at most
 * MAX_CHAIN bytes) for the device's ccw() handler: the virtual machine's
 * own, since a handler may wait (console input, a full screen) while
 * other machines run their programs.
 */
static bool run_program(struct vm *vm, struct vdev *d, uint32_t caw, uint8_t csw[8])
{
    bool reached = false;       /* has the device seen a command? */
    uint8_t *buf = vm->chain_buf;
    uint8_t key = (uint8_t)(caw >> 28);
    uint32_t addr = caw & 0xFFFFFF, last = addr - 8;
    bool tic_last = false, first = true;

    for (unsigned n = 0;; n++) {
        if (n == MAX_CCWS) {        /* an endless chain: busy until HIO */
            d->endless = true;
            return true;
        }
        uint8_t c[8];
        if ((addr & 7) || !vmstore_read(vm, addr, c, 8) ||
            !vmstore_key_ok(vm, addr, 8, key, false)) {
            make_csw(csw, key, last, 0, CS_PGM, 0);
            return reached;
        }
        uint8_t cmd = c[0], flags = c[4];
        uint32_t data = get32(c) & 0xFFFFFF;
        uint16_t count = get16(c + 6);
        if ((cmd & 0x0F) == 0x08) {             /* TIC */
            if (tic_last || first) {
                make_csw(csw, key, addr, 0, CS_PGM, 0);
                return reached;
            }
            tic_last = true;
            last = addr;
            addr = data;
            continue;
        }
        if ((flags & 0x03) || (cmd & 0x0F) == 0 || count == 0) {
            make_csw(csw, key, addr, 0, CS_PGM, count);
            return reached;
        }
        first = false;
        tic_last = false;
        /* The data chain starting here: total bytes and the CCWs. */
        /* read (xxxxxx10), sense (0100), read backward (1100) */
        bool input = (cmd & 0x03) == 0x02 || (cmd & 0x0F) == 0x04 || (cmd & 0x0F) == 0x0C;
        uint32_t total = 0, ccw = addr;
        uint8_t f = flags;
        uint32_t seg_addr[64], seg_len[64];
        bool seg_skip[64];
        unsigned nseg = 0;
        for (;;) {
            if (nseg == 64 || total + count > MAX_CHAIN) {
                make_csw(csw, key, ccw, 0, CS_PGM, count);
                return reached;
            }
            bool skip = input && (f & CCW_SKIP);
            if (!skip && (data >= vm->size || count > vm->size - data)) {
                make_csw(csw, key, ccw, 0, CS_PGM, count);
                return reached;
            }
            if (!skip && !vmstore_key_ok(vm, data, count, key, input)) {
                make_csw(csw, key, ccw, 0, CS_PROT, count);
                return reached;
            }
            if (!input)
                vmstore_read(vm, data, buf + total, count);
            seg_addr[nseg] = data;
            seg_len[nseg] = count;
            seg_skip[nseg++] = skip;
            total += count;
            if (!(f & CCW_CD))
                break;
            ccw += 8;                            /* data chaining */
            if (!vmstore_read(vm, ccw, c, 8)) {
                make_csw(csw, key, ccw - 8, 0, CS_PGM, 0);
                return reached;
            }
            if ((c[0] & 0x0F) == 0x08) {         /* a TIC inside the chain */
                uint32_t t = get32(c) & 0xFFFFFF;
                if ((t & 7) || !vmstore_read(vm, t, c, 8)) {
                    make_csw(csw, key, ccw, 0, CS_PGM, 0);
                    return reached;
                }
                ccw = t;
            }
            data = get32(c) & 0xFFFFFF;
            f = c[4];
            count = get16(c + 6);
            if (count == 0) {
                make_csw(csw, key, ccw, 0, CS_PGM, 0);
                return reached;
            }
        }
        uint32_t len = 0;
        reached = true;
        uint8_t us = d->ops->ccw(vm, d, cmd, buf, total, &len);
        if (input) {                             /* scatter what came in */
            uint32_t off = 0;
            for (unsigned i = 0; i < nseg && off < len; i++) {
                uint32_t n = len - off < seg_len[i] ? len - off : seg_len[i];
                if (!seg_skip[i])
                    vmstore_write(vm, seg_addr[i], buf + off, n);
                off += n;
            }
        }
        uint32_t moved = len < total ? len : total;
        uint16_t residual = (uint16_t)(total - moved > 0xFFFF ? 0xFFFF : total - moved);
        /* incorrect length, unless SLI; a control command that moves no
           data is no length error, nor a read the device ends with unit
           check or unit exception before any data (a reader at its end) */
        bool no_data = len == 0 && ((cmd & 0x03) == 0x03 ? !(us & (US_UC | US_UX))
                                                         : input && (us & (US_UC | US_UX)));
        uint8_t cs = (len != total && !(f & CCW_SLI) && !no_data) ? CS_IL : 0;
        if ((us & US_UC) || cs || !(f & CCW_CC) || !(us & US_DE)) {
            make_csw(csw, key, ccw, us, cs, residual);
            return true;
        }
        last = ccw;
        addr = ccw + ((us & US_SM) ? 16 : 8);   /* command chaining */
    }
}

int vdev_sio(struct vm *vm, uint16_t addr, uint32_t caw)
{
    struct vdev *d = vdev_find(vm, addr);
    if (!d)
        return 3;
    vm->sios++;
    uint8_t csw[8];
    if (d->status_pending) {                    /* busy with status */
        memcpy(csw, d->pending_csw, 8);
        csw[4] |= US_BUSY;
        vdev_clear_pending(vm, d);
        store_csw(vm, csw);
        return 1;
    }
    if (caw & 0x0F000007) {                     /* bits 4-7 and 29-31 zero */
        make_csw(csw, (uint8_t)(caw >> 28), 0, 0, CS_PGM, 0);
        memset(csw, 0, 4);
        store_csw(vm, csw);
        return 1;
    }
    if (d->endless)
        return 2;                               /* still running its last */
    if (!(d->ops->run ? d->ops->run(vm, d, caw, csw) : run_program(vm, d, caw, csw))) {
        /* ended before the device */
        store_csw(vm, csw);
        return 1;
    }
    if (d->endless)
        return 0;                               /* started, never ends */
    if (d->status_pending)                      /* attention while it ran (vcon.c): kept */
        csw[4] |= d->pending_csw[4] & US_ATTN;
    memcpy(d->pending_csw, csw, 8);
    vdev_set_pending(vm, d);
    return 0;
}

int vdev_tio(struct vm *vm, uint16_t addr)
{
    struct vdev *d = vdev_find(vm, addr);
    if (!d)
        return 3;
    if (d->endless)
        return 2;
    if (!d->status_pending)
        return 0;
    store_csw(vm, d->pending_csw);
    vdev_clear_pending(vm, d);
    return 1;
}

int vdev_hio(struct vm *vm, uint16_t addr)
{
    struct vdev *d = vdev_find(vm, addr);
    if (!d)
        return 3;
    if (d->endless) {                           /* stopped: its CSW stored */
        d->endless = false;
        uint8_t csw[8] = {0, 0, 0, 0, US_CE | US_DE, 0, 0, 0};
        store_csw(vm, csw);
        return 1;
    }
    return 0;       /* other programs end inside SIO */
}

int vdev_tch(struct vm *vm, unsigned channel)
{
    for (unsigned i = 0; i < vm->nvdev; i++)
        if ((vm->vdev[i].addr >> 8) == channel)
            return 0;
    return 3;
}
