/*
 * mdisk.c - minidisks: links (the directory's MDISK and LINK statements,
 * the LINK command) and their channel programs.
 *
 * Link modes (VM/370's LINK command): R read-only unless another link
 * writes; RR read-only always; W write unless any other link exists; WR
 * write, else read-only; M write unless another link writes; MR write,
 * else read-only if another writes; MW write always.
 *
 * A channel program is translated (ccwtrans.c) and run on the real
 * volume by the I/O scheduler while the VM's task sleeps; the ending
 * status becomes pending for the guest at once.  After a unit check CP
 * reads the real sense bytes and keeps them: a guest program that is a
 * single Sense gets them (the real device's were taken by CP).
 *
 * A dedicated DASD is an mdisk too, of the whole volume: its programs are
 * translated (data addresses, IDAWs, keys) but not relocated or bounded
 * (ct_translate without an extent), so the guest reaches every cylinder
 * and every command of the real device; one attached read-only is run
 * as a read-only minidisk of all its cylinders instead.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "iosched.h"
#include "mdisk.h"
#include "rdev.h"
#include "userdir.h"
#include "vm.h"
#include "vspool.h"

struct mdisk *mdisk_of(struct vdev *d)
{
    return d && d->ops == &mdisk_ops ? d->state : NULL;
}

/* Links to the same cylinders of the same volume: readers and writers. */
static void count_links(const struct mdisk *m, unsigned *readers, unsigned *writers)
{
    *readers = *writers = 0;
    for (unsigned i = 0; vm_at(i); i++) {
        struct vm *v = vm_at(i);
        for (unsigned k = 0; k < v->nvdev; k++) {
            struct mdisk *o = mdisk_of(&v->vdev[k]);
            if (o && !o->dedicated && o->rd == m->rd && o->x.start == m->x.start) {
                if (o->x.readonly)
                    ++*readers;
                else
                    ++*writers;
            }
        }
    }
}

int mdisk_link(struct vm *vm, unsigned vaddr, const char *owner, const struct dir_dev *md,
               unsigned mode, char *msg, size_t msglen)
{
    msg[0] = 0;
    if (vdev_find(vm, (uint16_t)vaddr)) {
        snprintf(msg, msglen, "DMKLNK122E %03X ALREADY DEFINED", vaddr);
        return -1;
    }
    struct rdev *rd = rdev_find_volser(md->volser);
    if (!rd) {
        snprintf(msg, msglen, "DMKLNK108E %s %03X NOT LINKED; VOLID %s NOT MOUNTED", owner,
                 md->vaddr, md->volser);
        return -1;
    }
    if (rdev_devtype(rd) != md->devtype) {
        snprintf(msg, msglen, "DMKLNK109E %s %03X NOT LINKED; VOLID %s IS A %04X, NOT A %04X",
                 owner, md->vaddr, md->volser, rdev_devtype(rd), md->devtype);
        return -1;
    }
    struct mdisk probe = {.rd = rd, .x = {.start = md->start}};
    unsigned readers, writers;
    count_links(&probe, &readers, &writers);
    bool write;
    switch (mode) {
    case DIR_MODE_R: write = false; if (writers) goto rw_by; break;
    case DIR_MODE_RR: write = false; break;
    case DIR_MODE_W: write = true; if (writers) goto rw_by; if (readers) goto ro_by; break;
    case DIR_MODE_WR: write = !readers && !writers; break;
    case DIR_MODE_M: write = true; if (writers) goto rw_by; break;
    case DIR_MODE_MR: write = !writers; break;
    default: write = true; break;              /* MW, MWV */
    }
    struct mdisk *m = fs_alloc(sizeof *m);
    struct vdev *d = m ? vdev_add(vm, (uint16_t)vaddr, &mdisk_ops) : NULL;
    if (!d) {
        fs_free(m);
        snprintf(msg, msglen, "DMKLNK123E %03X NOT LINKED; NO ROOM FOR THE DEVICE", vaddr);
        return -1;
    }
    m->rd = rd;
    m->x = (struct ct_extent){.start = md->start, .cyls = md->cyls, .heads = rd->heads,
                              .readonly = !write};
    strcpy(m->owner, owner);
    m->owner_addr = md->vaddr;
    d->state = m;
    bool wanted_write = mode != DIR_MODE_R && mode != DIR_MODE_RR;
    if (wanted_write && !write)
        snprintf(msg, msglen, "DMKLNK101W DASD %03X FORCED R/O; %s BY %u USER%s", vaddr,
                 writers ? "R/W" : "R/O", writers ? writers : readers,
                 (writers ? writers : readers) == 1 ? "" : "S");
    return 0;
rw_by:
    snprintf(msg, msglen, "DMKLNK104E %s %03X NOT LINKED; R/W BY %u USER%s", owner, md->vaddr,
             writers, writers == 1 ? "" : "S");
    return -1;
ro_by:
    snprintf(msg, msglen, "DMKLNK105E %s %03X NOT LINKED; R/O BY %u USER%s", owner, md->vaddr,
             readers, readers == 1 ? "" : "S");
    return -1;
}

struct vdev *mdisk_dedicate(struct vm *vm, unsigned vaddr, struct rdev *rd, bool readonly)
{
    unsigned cyls = readonly && rd->dasd ? rd->cyls : 0xFFFF;
    struct mdisk *m = fs_alloc(sizeof *m);
    struct vdev *d = m ? vdev_add(vm, (uint16_t)vaddr, &mdisk_ops) : NULL;
    if (!d) {
        fs_free(m);
        return NULL;
    }
    memset(m, 0, sizeof *m);
    m->rd = rd;
    /* DIAGNOSE X'18' checks seeks against x: the device itself decides,
       unless it is read-only */
    m->x = (struct ct_extent){.start = 0, .cyls = cyls, .heads = rd->heads,
                              .readonly = readonly && rd->dasd};
    m->dedicated = true;
    strcpy(m->owner, vm->userid);
    m->owner_addr = vaddr;
    d->state = m;
    rd->vm = vm;
    rd->vaddr = (uint16_t)vaddr;
    rd->system = false;
    return d;
}

/* The directory's DEDICATE vaddr raddr|volser, at LOGON: as ATTACH would
   give it, if it is free. */
static void dedicate(struct vm *vm, const struct dir_dev *dd)
{
    struct rdev *rd = dd->raddr != DIR_NO_RADDR ? rdev_find(dd->raddr) : NULL;
    for (unsigned i = 0; !rd && dd->raddr == DIR_NO_RADDR && rdev_at(i); i++)
        if (rdev_at(i)->dasd && !strcmp(rdev_at(i)->volser, dd->volser))
            rd = rdev_at(i);
    if (!rd && dd->raddr == DIR_NO_RADDR)
        vm_say(vm, "DMKLNK140E %03X NOT ATTACHED; VOLID %s NOT MOUNTED", dd->vaddr, dd->volser);
    else if (!rd || (!rd->dasd && !rd->tape))
        vm_say(vm, "DMKLNK140E %03X NOT ATTACHED; DEV %03X CANNOT BE ATTACHED", dd->vaddr,
               dd->raddr);
    else if (rd->offline || rd->vm || (rd->dasd && (rd->addr == cp_ipl_dev || mdisk_links(rd))))
        vm_say(vm, "DMKLNK140E %03X NOT ATTACHED; %s %03X NOT AVAILABLE", dd->vaddr,
               rdev_class(rd), rd->addr);
    else if (vdev_find(vm, (uint16_t)dd->vaddr))
        vm_say(vm, "DMKLNK122E %03X ALREADY DEFINED", dd->vaddr);
    else if (!mdisk_dedicate(vm, dd->vaddr, rd, false))
        vm_say(vm, "DMKLNK123E %03X NOT LINKED; NO ROOM FOR THE DEVICE", dd->vaddr);
    else
        printf("%s %03X ATTACHED TO %s %03X\n", rdev_class(rd), rd->addr, vm->userid, dd->vaddr);
}

unsigned mdisk_links(const struct rdev *rd)
{
    unsigned links = 0;
    for (unsigned k = 0; vm_at(k); k++)
        for (unsigned j = 0; j < vm_at(k)->nvdev; j++) {
            struct mdisk *m = mdisk_of(&vm_at(k)->vdev[j]);
            links += m && !m->dedicated && m->rd == rd;
        }
    return links;
}

void mdisk_logon(struct vm *vm, const struct dir_user *du)
{
    struct dir_dev d;
    char msg[120];
    for (size_t pos = 0; userdir_next_dev(du, &pos, &d) > 0;) {
        if (d.kind == DIR_MDISK && d.tdisk) {
            if (tdisk_define(vm, d.vaddr, d.devtype, d.cyls, msg, sizeof msg) < 0)
                vm_say(vm, "%s", msg);
        } else if (d.kind == DIR_MDISK) {
            if (mdisk_link(vm, d.vaddr, du->userid, &d, d.mode, msg, sizeof msg) < 0 || msg[0])
                vm_say(vm, "%s", msg);
        } else if (d.kind == DIR_LINK) {
            struct dir_user owner;
            struct dir_dev md;
            if (userdir_find(d.userid, &owner) != DIR_OK ||
                userdir_find_dev(&owner, d.link_vaddr, &md) != DIR_OK || md.kind != DIR_MDISK) {
                vm_say(vm, "DMKLNK107E %s %03X NOT LINKED; NOT IN CP DIRECTORY", d.userid,
                       d.link_vaddr);
                continue;
            }
            if (mdisk_link(vm, d.vaddr, owner.userid, &md, d.mode, msg, sizeof msg) < 0 ||
                msg[0])
                vm_say(vm, "%s", msg);
        } else if (d.kind == DIR_DEDICATE) {
            dedicate(vm, &d);
        } else if (d.kind == DIR_SPOOL && !vspool_add(vm, d.vaddr, d.func, d.cls)) {
            vm_say(vm, "DMKLOG092E DEVICE %03X NOT DEFINED", d.vaddr);
        }
    }
}

/* A unit check: the real sense bytes, kept for the guest. */
static void take_sense(struct mdisk *m)
{
    struct ccw *c = fs_alloc(sizeof *c + sizeof m->sense);
    struct io_result r;
    m->sense_valid = false;
    if (!c)
        return;
    uint8_t *buf = (uint8_t *)(c + 1);
    *c = ccw_make(0x04, buf, CCW_SLI, sizeof m->sense);
    if (io_run(m->rd->io, c, &r) == 0 && !(r.us & US_UC)) {
        memcpy(m->sense, buf, sizeof m->sense);
        m->senselen = (uint8_t)(sizeof m->sense - r.residual);
        m->sense_valid = true;
    }
    fs_free(c);
}

/* A program that is one Sense after a unit check: the kept bytes. */
static bool kept_sense(struct vm *vm, struct mdisk *m, uint32_t caw, uint8_t csw[8])
{
    uint8_t c[8];
    uint32_t a = caw & 0xFFFFFF;
    if (!m->sense_valid || (a & 7) || !vmstore_read(vm, a, c, 8) || c[0] != 0x04 ||
        (c[4] & (CCW_CC | CCW_CD | CCW_IDA | CCW_SKIP)))
        return false;
    uint32_t data = get32(c) & 0xFFFFFF, count = get16(c + 6);
    uint32_t n = count < m->senselen ? count : m->senselen;
    uint8_t cs = 0;
    if (count == 0 || data >= vm->size || count > vm->size - data)
        cs = CS_PGM;
    else if (!vmstore_key_ok(vm, data, count, (uint8_t)(caw >> 28), true))
        cs = CS_PROT;
    else
        vmstore_write(vm, data, m->sense, n);
    if (!cs && count != m->senselen && !(c[4] & CCW_SLI))
        cs = CS_IL;
    put32(csw, (caw & 0xF0000000) | ((a + 8) & 0xFFFFFF));
    csw[4] = cs & (CS_PGM | CS_PROT) ? 0 : US_CE | US_DE;
    csw[5] = cs;
    uint16_t res = (uint16_t)(count - n);
    csw[6] = (uint8_t)(res >> 8);
    csw[7] = (uint8_t)res;
    m->sense_valid = false;
    return true;
}

#define STARVED_WAITS 50                /* storage_wait()s for a translation: a second */

/* Translate and run; first: ct_translate's. */
static int run(struct vm *vm, struct vdev *d, uint32_t caw, const uint8_t *first, uint8_t csw[8])
{
    struct mdisk *m = d->state;
    m->sense_valid = false;
    /* No storage for the translation: wait for some (the guest is in
       its SIO meanwhile); busy only for a VM logging off.  (Answering busy
       at once made CMS retry its SIO as fast as it could, and the retries
       kept CP from freeing anything.) */
    struct ct_prog *p;
    while (!(p = vmstore_fs_alloc(sizeof *p))) {
        if (vm->logoff || !task_current()) {
            memset(csw, 0, 8);
            csw[4] = US_BUSY;
            return 0;
        }
        storage_wait();
    }
    struct ct_extent *x = m->dedicated && !m->x.readonly ? NULL : &m->x;
    int rc;
    for (unsigned waits = 0;; waits++) {
        rc = ct_translate(vm, caw, first, x, p, csw);
        if (!p->starved || waits == STARVED_WAITS || vm->logoff || !task_current())
            break;
        if (rc == 0)
            ct_free(p);
        storage_wait();                         /* and translate it again */
    }
    if (rc) {
        fs_free(p);
        return rc < 0;                          /* too long: ends at once, program check */
    }
    struct io_result r;
    d->inflight = true;
    if (io_run(m->rd->io, p->ccw, &r) < 0) {    /* the real device is gone */
        r = (struct io_result){.us = US_CE | US_DE | US_UC};
        r.ccw = (uint32_t)(uintptr_t)&p->ccw[0] + 8;
        memset(m->sense, 0, sizeof m->sense);
        m->sense[0] = 0x40;                     /* intervention required */
        m->senselen = 24;
        m->sense_valid = true;
    } else if (r.us & US_UC) {
        take_sense(m);
    }
    d->inflight = false;
    task_wakeup(&d->inflight);
    ct_complete(vm, p, r.ccw, r.us, r.cs, r.residual, csw);
    ct_free(p);
    fs_free(p);
    return 1;
}

int mdisk_run(struct vm *vm, struct vdev *d, uint32_t caw, uint8_t csw[8])
{
    if (kept_sense(vm, d->state, caw, csw))
        return 1;
    return run(vm, d, caw, NULL, csw);
}

static bool ipl_ok(const uint8_t csw[8])
{
    return (csw[4] & ~US_SM) == (US_CE | US_DE) && !(csw[5] & ~CS_IL);
}

/*
 * IPL from a dedicated tape: rewound to its load point, then the chain
 * one CCW at a time, each translated after the one before has run (an
 * IPL deck's first records read the CCWs that follow them, which a
 * program translated whole would not see).  Reads need no chaining on a
 * tape; a CCW that data-chains ends the IPL in error.
 */
static int tape_ipl(struct vm *vm, struct vdev *d, uint8_t csw[8])
{
    struct mdisk *m = d->state;
    struct ccw *c = fs_alloc(sizeof *c);
    if (!c)
        return -1;
    *c = ccw_make(0x07, NULL, CCW_SLI, 1);
    struct io_result r;
    io_run(m->rd->io, c, &r);
    fs_free(c);
    uint8_t ccw[8] = {0x02, 0, 0, 0, CCW_CC | CCW_SLI, 0, 0, 24};
    uint32_t at = 0, next = 8;
    for (unsigned n = 0; n < 100000; n++) {
        uint8_t one[8];
        memcpy(one, ccw, 8);
        one[4] &= (uint8_t)~CCW_CC;
        if ((ccw[4] & CCW_CD) || !run(vm, d, at, one, csw) || !ipl_ok(csw))
            return -1;
        if (!(ccw[4] & CCW_CC))
            return 0;
        for (unsigned tics = 0;; tics++) {          /* the next CCW, past TICs */
            if ((next & 7) || tics > 1 || !vmstore_read(vm, next, ccw, 8))
                return -1;
            if ((ccw[0] & 0x0F) != 0x08)
                break;
            next = get32(ccw) & 0xFFFFFF;
        }
        at = next;
        next += 8;
    }
    return -1;
}

/*
 * IPL (GA22-7000, "Initial Program Loading"): Read IPL of 24 bytes into
 * location 0, command-chained to the CCWs at 8.  A translated program is
 * fixed before it runs, so the IPL runs twice: first the Read IPL alone
 * (which brings in the CCWs at 8 and 16), then again, chained to them
 * (reading the same 24 bytes, which leaves the device where the chain
 * expects it).  A dedicated tape goes its own way (tape_ipl).
 */
int mdisk_ipl(struct vm *vm, struct vdev *d, uint8_t csw[8])
{
    struct mdisk *m = d->state;
    if (m->dedicated && m->rd->tape)
        return tape_ipl(vm, d, csw);
    uint8_t ipl[8] = {0x02, 0, 0, 0, CCW_SLI, 0, 0, 24};
    if (!run(vm, d, 0, ipl, csw) || !ipl_ok(csw))
        return -1;
    ipl[4] |= CCW_CC;
    if (!run(vm, d, 0, ipl, csw) || !ipl_ok(csw))
        return -1;
    return 0;
}

/*
 * DIAGNOSE X'18' (VM/370's standard DASD I/O, with VM/SP's 4096-byte
 * blocks): CMS's channel program of Seek, [Set Sector,] Search ID Equal,
 * TIC back to the search, Read (06) or Write (05), [Seek Head, ...],
 * checked for that form and run at once.  Returns the condition code and
 * the completion code in *r15 (VM/370's numbers).
 */
int mdisk_diag18(struct vm *vm, struct vdev *d, uint32_t addr, uint32_t nrw, uint32_t *r15)
{
    vm->sios++;
    struct mdisk *m = mdisk_of(d);
    if (!d || d->status_pending || d->endless) {
        *r15 = !d ? 1 : 5;
        return 1;
    }
    if (!m) {
        *r15 = 2;
        return 1;
    }
#define FAIL(cc, code) do { *r15 = (code); return (cc); } while (0)
    if (addr & 7)
        FAIL(2, 5);
    if (nrw < 1 || nrw > 15)
        FAIL(2, 11);
    unsigned rw = 0, first_cyl = ~0u;
    bool writes = false;
    for (uint32_t a = addr;; a += 8) {
        uint8_t c[8];
        if (a >= vm->size || !vmstore_read(vm, a, c, 8))
            FAIL(2, 6);
        uint8_t cmd = c[0];
        uint32_t data = get32(c) & 0xFFFFFF;
        uint16_t count = get16(c + 6);
        bool arg = cmd == 0x07 || cmd == 0x1B || cmd == 0x31 || cmd == 0x23;
        if (arg && (data >= vm->size || (cmd == 0x23 ? 1u : 6u) > vm->size - data))
            FAIL(2, 6);
        if (cmd == 0x07 || cmd == 0x1B) {
            uint8_t s[6];
            vmstore_read(vm, data, s, 6);
            unsigned cyl = get16(s + 2);
            if (cmd == 0x07 && first_cyl == ~0u)
                first_cyl = cyl;
            else if (cmd == 0x1B && first_cyl != ~0u && cyl != first_cyl)
                FAIL(2, 12);
            if (cyl >= m->x.cyls || get16(s + 4) >= m->x.heads)
                FAIL(1, 4);
        } else if (cmd == 0x05 || cmd == 0x06) {
            if (count == 0)
                FAIL(2, 8);
            if (count > 4096)
                FAIL(2, 9);
            if (data >= vm->size || count > vm->size - data)
                FAIL(2, 10);
            writes |= cmd == 0x05;
            if (++rw > nrw)
                FAIL(2, 11);
        } else if (cmd != 0x31 && cmd != 0x23 && cmd != 0x08) {
            FAIL(2, 7);
        }
        if (cmd != 0x08 && !(c[4] & CCW_CC))
            break;
    }
    if (rw != nrw)
        FAIL(2, 11);
    if (writes && m->x.readonly)
        FAIL(1, 3);
    uint8_t csw[8];
    if (!run(vm, d, (uint32_t)vpsw_key(vm->psw) << 28 | addr, NULL, csw) ||
        (csw[4] & US_UC) || (csw[5] & ~CS_IL)) {
        vmstore_write(vm, 0x40, csw, 8);
        FAIL(3, 13);
    }
#undef FAIL
    *r15 = 0;
    return 0;
}

/*
 * DIAGNOSE X'20' (general I/O): any channel program, run at once with
 * no interruption for the guest.  Returns the condition code; *r15 and
 * *sense (the first two sense bytes after a unit check) as VM/370 sets
 * them.
 */
int mdisk_diag20(struct vm *vm, struct vdev *d, uint32_t caw, uint32_t *r15, uint16_t *sense)
{
    vm->sios++;
    if (!d || d->status_pending || d->endless) {
        *r15 = !d ? 1 : 5;
        return 1;
    }
    struct mdisk *m = mdisk_of(d);
    if (!m) {
        *r15 = 13;                              /* a device DIAGNOSE X'20' does not serve */
        return 3;
    }
    uint8_t csw[8];
    int started = run(vm, d, caw, NULL, csw);
    if (!started || (csw[4] & US_UC) || (csw[5] & ~CS_IL)) {
        *sense = m->sense_valid ? (uint16_t)(m->sense[0] << 8 | m->sense[1]) : 0;
        *r15 = 13;
        return 3;
    }
    if (csw[4] & US_UX) {
        *r15 = 2;
        return 2;
    }
    if (csw[5] & CS_IL) {
        *r15 = 3;
        return 2;
    }
    *r15 = 0;
    return 0;
}

static void mdisk_detach(struct vm *vm, struct vdev *d)
{
    (void)vm;
    struct mdisk *m = d->state;
    if (m->temp)
        tdisk_release(m);
    if (m->dedicated)
        rdev_release(m->rd);
    fs_free(d->state);
    d->state = NULL;
}

const struct vdev_ops mdisk_ops = {
    .type = "DASD",
    .run = mdisk_run,
    .detach = mdisk_detach,
};
