/*
 * diag58.c - DIAGNOSE X'58', the 3270 virtual console interface: Rx the
 * address of a channel program, Ry the virtual console's address.  Its
 * CCWs (format 0; byte 5, unused by the channel, is the control byte):
 *
 *   X'19' display (VM/370 Release 6): the data in the output area of
 *         CP's line-mode screen from line ctl&X'3F', the area emptied
 *         first if ctl&X'80', only emptied if ctl is X'FF', and with
 *         X'FE' (VM/SP) the whole of CP's screen written again too;
 *   X'29' full-screen write (VM/SP): a 3270 data stream, WCC first, by
 *         Erase/Write if ctl&X'80', else Write; ctl&X'10': PA1 is the
 *         program's input, not the way to CP.  The terminal leaves line
 *         mode until CP's next line-mode output, CP READ or VM READ;
 *   X'2A' full-screen read: waits for the user's next AID and gives the
 *         inbound data stream (AID, cursor address, SBA and field
 *         contents), by Read Modified if ctl&X'80', else Read Buffer;
 *   X'03' no-operation.
 *
 * Command chaining, data chaining and TIC work as on a channel; the
 * PSW key is the program's key.  The screen work is the terminal's
 * (t3270.c: term_display, term_fs_*); only the user's own terminal is
 * touched.  Condition code 0: all done (no CSW); 1: an error, whose CSW
 * is then pending on the console (TIO takes it, or the I/O
 * interruption); 3: Ry is not the virtual console.  The errors are a
 * channel's (program check: bad CCW or data address, zero count, a TIC
 * to a TIC, a loop, more than MAX_DATA of data, IDA, which this
 * interface does not take; protection check: the PSW key may not touch
 * the data; channel control check: no CP storage for more than 4K) or the
 * device's: unit check with command reject (an unknown command, X'19'
 * data that does not fit) or intervention required (no 3270: a
 * disconnected user, the operator's 3215), or the real terminal's sense
 * after a unit check on the write; unit exception: the screen is no
 * longer the program's (CP took it back: output, PA1, a new connection)
 * when a read waits or is asked for.
 */
#include <string.h>

#include "cp.h"
#include "term.h"
#include "vm.h"
#include <s370io.h>

#define MAX_CCWS 256            /* in one DIAGNOSE: more is a loop */
#define MAX_SEGS 16             /* data-chained CCWs of one command */
#define MAX_DATA 16384          /* of one command: a model 5's buffer with orders, and more */
#define SNS_CMDREJ 0x80
#define SNS_INTREQ 0x40

struct seg {
    uint32_t addr, len;
};

/* The CSW to be pending: the last CCW at ccw (8 past it), status, count. */
static void end_csw(struct vm *vm, struct vdev *d, uint8_t key, uint32_t ccw, uint8_t us,
                    uint8_t cs, uint32_t residual)
{
    uint8_t *csw = d->pending_csw;
    if (d->status_pending)                      /* an attention waiting is kept */
        us |= csw[4] & US_ATTN;
    put32(csw, (uint32_t)key << 28 | ((ccw + 8) & 0xFFFFFF));
    csw[4] = us;
    csw[5] = cs;
    csw[6] = (uint8_t)(residual >> 8);
    csw[7] = (uint8_t)residual;
    vdev_set_pending(vm, d);
}

/*
 * The data areas of the command at ccw (c its CCW), following data
 * chaining: into segs, their total in *total.  0, or the channel status
 * that ends the program (with *at the CCW it is for).
 */
static uint8_t gather(struct vm *vm, uint8_t key, bool input, uint32_t ccw, const uint8_t *c,
                      struct seg *segs, unsigned *nseg, uint32_t *total, uint32_t *at,
                      uint32_t max)
{
    uint8_t cc[8];
    memcpy(cc, c, 8);
    *nseg = 0;
    *total = 0;
    for (;;) {
        uint32_t data = get32(cc) & 0xFFFFFF, count = get16(cc + 6);
        *at = ccw;
        if (count == 0 || *nseg == MAX_SEGS || *total + count > max ||
            data >= vm->size || count > vm->size - data)
            return CS_PGM;
        if (!vmstore_key_ok(vm, data, count, key, input))
            return CS_PROT;
        segs[*nseg].addr = data;
        segs[(*nseg)++].len = count;
        *total += count;
        if (!(cc[4] & CCW_CD))
            return 0;
        ccw += 8;
        if (!vmstore_read(vm, ccw, cc, 8))
            return CS_PGM;
        if ((cc[0] & 0x0F) == 0x08) {           /* a TIC in the data chain */
            uint32_t t = get32(cc) & 0xFFFFFF;
            if ((t & 7) || !vmstore_read(vm, t, cc, 8) || (cc[0] & 0x0F) == 0x08)
                return CS_PGM;
            ccw = t;
        }
    }
}

/* The commands of a program, from ccwaddr; *bufp holds a command's data
   (the VM's 4K chain_buf, or more from free storage: the caller frees
   it).  The condition code. */
static int run(struct vm *vm, struct vdev *d, uint32_t ccwaddr, uint8_t **bufp)
{
    uint8_t key = vpsw_key(vm->psw);
    uint32_t addr = ccwaddr & 0xFFFFFF, last = addr - 8;
    bool first = true, tic_last = false;
    for (unsigned n = 0; n < MAX_CCWS; n++) {
        uint8_t c[8];
        if ((addr & 7) || !vmstore_read(vm, addr, c, 8) ||
            !vmstore_key_ok(vm, addr, 8, key, false)) {
            end_csw(vm, d, key, last, 0, CS_PGM, 0);
            return 1;
        }
        uint8_t cmd = c[0], flags = c[4], ctl = c[5];
        if ((cmd & 0x0F) == 0x08) {             /* TIC */
            if (first || tic_last) {
                end_csw(vm, d, key, addr, 0, CS_PGM, 0);
                return 1;
            }
            tic_last = true;
            last = addr;
            addr = get32(c) & 0xFFFFFF;
            continue;
        }
        first = tic_last = false;
        struct seg segs[MAX_SEGS];
        unsigned nseg;
        uint32_t total = 0, at = addr;
        bool input = cmd == 0x2A;
        uint8_t cs = (cmd & 0x0F) == 0 || (flags & (0x03 | CCW_IDA)) ? CS_PGM :
                     gather(vm, key, input, addr, c, segs, &nseg, &total, &at, MAX_DATA);
        if (!cs && total > CP_PAGE && *bufp == vm->chain_buf &&
            !(*bufp = vmstore_fs_alloc(MAX_DATA))) {
            *bufp = vm->chain_buf;
            cs = CS_CCC;
        }
        uint8_t *buf = *bufp;
        if (cs) {
            end_csw(vm, d, key, cs == CS_PGM && (cmd & 0x0F) == 0 ? addr : at, 0, cs,
                    get16(c + 6));
            return 1;
        }
        uint32_t ccw = at;                      /* the last CCW of the command */
        if (!input) {
            uint32_t off = 0;
            for (unsigned i = 0; i < nseg; off += segs[i].len, i++)
                vmstore_read(vm, segs[i].addr, buf + off, segs[i].len);
        }
        struct term *t = vm->term;
        uint8_t us = US_CE | US_DE, sense = 0;
        uint32_t moved = total;
        switch (cmd) {
        case 0x03:                              /* no-operation */
            moved = 0;
            break;
        case 0x19:
            if (!t)
                sense = SNS_INTREQ;
            else if (term_display(t, ctl, buf, total) < 0)
                sense = SNS_CMDREJ;
            break;
        case 0x29:
            if (!t)
                sense = SNS_INTREQ;
            else
                us = term_fs_write(t, ctl & 0x80, ctl & 0x10, buf, total, &sense);
            break;
        case 0x2A: {
            uint32_t len = 0;
            if (!t) {
                sense = SNS_INTREQ;
            } else if (term_fs_read(t, ctl & 0x80, buf, total, &len) < 0) {
                us |= US_UX;
                moved = 0;
            } else {
                moved = len < total ? len : total;
                uint32_t off = 0;
                for (unsigned i = 0; i < nseg && off < moved; i++) {
                    uint32_t k = moved - off < segs[i].len ? moved - off : segs[i].len;
                    vmstore_write(vm, segs[i].addr, buf + off, k);
                    off += k;
                }
                if (len != total && !(flags & CCW_SLI)) {
                    end_csw(vm, d, key, ccw, us, CS_IL, total - moved);
                    return 1;
                }
            }
            break;
        }
        default:
            sense = SNS_CMDREJ;
            moved = 0;
        }
        if (sense) {
            us |= US_UC;
            d->sense[0] = sense;
        }
        if (us & (US_UC | US_UX)) {
            end_csw(vm, d, key, ccw, us, 0, total - moved);
            return 1;
        }
        if (!(flags & CCW_CC))
            return 0;
        last = ccw;
        addr = ccw + 8;
    }
    end_csw(vm, d, key, last, 0, CS_PGM, 0);    /* a loop: ended */
    return 1;
}

int diag58_run(struct vm *vm, uint32_t ccwaddr, unsigned devaddr)
{
    struct vdev *d = devaddr <= 0xFFFF ? vdev_find(vm, (uint16_t)devaddr) : NULL;
    if (!d || d->ops != &vcon_ops)
        return 3;
    uint8_t *buf = vm->chain_buf;
    int cc = run(vm, d, ccwaddr, &buf);
    if (buf != vm->chain_buf)
        fs_free(buf);
    return cc;
}
