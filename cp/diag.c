/*
 * diag.c - DIAGNOSE in a virtual machine: CP's services to its guests,
 * with VM/370's codes and register conventions (diags.h.inc lists them;
 * X'58''s channel programs are diag58.c's, X'18' and X'20' mdisk.c's).
 * The instruction is RS: 83 Rx Ry D2(B2), the code being D2(B2).  A code
 * CP does not serve, or bad operands, give the guest a specification
 * exception (as VM/370 does); operands beyond its storage an addressing
 * exception.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "mdisk.h"
#include "rdev.h"
#include "term.h"
#include "vm.h"

#define PGM_ADDRESSING 0x05
#define PGM_SPECIFICATION 0x06
#define DIAG8_MAX_CMD 240
#define DIAG8_MAX_BUF 8192
#define DIAG8_MAX_LINE 256      /* of a response line, in the buffer */
#define NEWLINE 0x15             /* EBCDIC new line: between commands, after lines */

struct diag {
    unsigned rx, ry;            /* register numbers */
    unsigned code;
    int cc;                     /* -1: leave the condition code */
};

#define DIAG(code, fn) static int diag_##fn(struct vm *vm, struct diag *d);
#include "diags.h.inc"
#undef DIAG

static const struct { unsigned code; int (*fn)(struct vm *vm, struct diag *d); } diags[] = {
#define DIAG(code, fn) {code, diag_##fn},
#include "diags.h.inc"
#undef DIAG
};

static void ascii_to_guest(uint8_t *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = ascii_to_ebcdic[(unsigned char)s[i]];
}

/* X'00': up to 32 bytes at Rx (doubleword aligned), Ry of them: system
   name, version, level and PLC, version code (STIDP), MCEL length,
   processor address, userid, program product bit map. */
static int diag_extid(struct vm *vm, struct diag *d)
{
    uint32_t a = vm->gpr[d->rx] & 0xFFFFFF, n = vm->gpr[d->ry];
    if (a & 7)
        return PGM_SPECIFICATION;
    if (n > 32)
        n = 32;
    uint8_t id[32];
    memset(id, 0, sizeof id);
    ascii_to_guest(id, "CPCMS   ", 8);
    id[8] = CP_RELEASE;
    id[9] = CP_LEVEL;
    uint64_t cpuid;
    __asm__ volatile(".insn s,0xb2020000,%0" : "=Q"(cpuid));
    id[11] = (uint8_t)(cpuid >> 56);
    char user[9];
    snprintf(user, sizeof user, "%-8s", vm->userid);
    ascii_to_guest(id + 16, user, 8);
    if (n && (a >= vm->size || n > vm->size - a))
        return PGM_ADDRESSING;
    vmstore_write(vm, a, id, n);
    return 0;
}

/* X'08' with a response buffer: CP's lines go into the guest's buffer at
   ba, each followed by X'15', as many whole lines as fit; what does not
   fit is counted.  One per virtual machine, on its task's stack: the
   command may wait (a message to a terminal that is full) while others
   run theirs. */
struct capture {
    uint32_t ba, cap, len, lost;
    unsigned code;              /* from the last DMKxxxnnnE message */
    void (*out)(struct vm *vm, const char *line);   /* the terminal's */
    bool to_buffer;
};

static void capture_out(struct vm *vm, const char *line)
{
    struct capture *c = vm->capture;
    size_t n = strnlen(line, DIAG8_MAX_LINE);
    if (n >= 10 && !strncmp(line, "DMK", 3) && line[9] == 'E')
        c->code = (unsigned)((line[6] - '0') * 100 + (line[7] - '0') * 10 + (line[8] - '0'));
    if (!c->to_buffer) {
        c->out(vm, line);
    } else if (c->lost || c->len + n + 1 > c->cap) {
        c->lost += (uint32_t)n + 1;
    } else {
        uint8_t b[DIAG8_MAX_LINE + 1];
        ascii_to_guest(b, line, n);
        b[n] = NEWLINE;
        vmstore_write(vm, c->ba + c->len, b, n + 1);
        c->len += (uint32_t)n + 1;
    }
}

/* X'08': the CP commands at Rx, Ry bytes (flags in Ry's first byte;
   X'40': the response into the buffer at Rx+1, Ry+1 bytes).  Ry gets the
   completion code: 0, or the number of the error message. */
static int diag_console(struct vm *vm, struct diag *d)
{
    uint32_t ry = vm->gpr[d->ry], len = ry & 0xFFFFFF;
    bool buffer = ry & 0x40000000;
    if (ry == 0) {                              /* CP READ: console function mode */
        vm_stop(vm, NULL);
        return 0;
    }
    uint32_t a = vm->gpr[d->rx] & 0xFFFFFF, ba = 0, blen = 0;
    if (len > DIAG8_MAX_CMD)
        return PGM_SPECIFICATION;
    if (buffer) {
        if (d->rx == d->ry || d->rx + 1 == d->ry || d->ry + 1 == d->rx || d->rx == 15 || d->ry == 15)
            return PGM_SPECIFICATION;
        ba = vm->gpr[d->rx + 1] & 0xFFFFFF;
        blen = vm->gpr[d->ry + 1];
        if (blen > DIAG8_MAX_BUF)
            return PGM_SPECIFICATION;
        if (blen && (ba >= vm->size || blen > vm->size - ba))
            return PGM_ADDRESSING;
    }
    uint8_t cmd[DIAG8_MAX_CMD];
    if (len && (a >= vm->size || len > vm->size - a))
        return PGM_ADDRESSING;
    vmstore_read(vm, a, cmd, len);
    struct capture cap = {.ba = ba, .cap = blen, .out = vm->out, .to_buffer = buffer};
    vm->capture = &cap;
    vm->out = capture_out;
    for (uint32_t i = 0; i < len;) {            /* commands separated by X'15' */
        char line[DIAG8_MAX_CMD + 1];
        size_t n = 0;
        for (; i < len && cmd[i] != NEWLINE; i++)
            line[n++] = (char)ebcdic_to_ascii[cmd[i]];
        line[n] = 0;
        i++;
        cmd_run(vm, line);
        if (vm->logoff)
            break;
    }
    vm->out = cap.out;
    vm->capture = NULL;
    if (vm->logoff)
        return 0;
    vm->gpr[d->ry] = cap.code;
    if (buffer) {
        vm->gpr[d->ry + 1] = cap.lost ? cap.lost : cap.len;
        d->cc = cap.lost ? 1 : 0;
    }
    return 0;
}

/* X'0C': 32 bytes at Rx (doubleword aligned): date mm/dd/yy and time
   hh:mm:ss in EBCDIC, the virtual and the total CPU time in
   microseconds. */
static int diag_timer(struct vm *vm, struct diag *d)
{
    uint32_t a = vm->gpr[d->rx] & 0xFFFFFF;
    if (a & 7)
        return PGM_SPECIFICATION;
    if (a >= vm->size || vm->size - a < 32)
        return PGM_ADDRESSING;
    char time[9], date[9];
    const char *wd;
    tod_format(tod_now() + vm->tod_offset, time, date, &wd);
    uint8_t t[32];
    ascii_to_guest(t, date, 8);
    ascii_to_guest(t + 8, time, 8);
    uint64_t us = vm->cpu_used >> 12, total = task_run_tod(vm->task) >> 12;
    for (int i = 0; i < 8; i++) {
        t[16 + i] = (uint8_t)(us >> (56 - 8 * i));
        t[24 + i] = (uint8_t)(total >> (56 - 8 * i));
    }
    vmstore_write(vm, a, t, 32);
    return 0;
}

/* X'18': Rx the device, Ry the channel program, R15 the number of reads
   or writes in it; R15 gets the completion code. */
static int diag_dasdio(struct vm *vm, struct diag *d)
{
    struct vdev *v = vdev_find(vm, (uint16_t)(vm->gpr[d->rx] & 0xFFF));
    d->cc = mdisk_diag18(vm, v, vm->gpr[d->ry] & 0xFFFFFF, vm->gpr[15], &vm->gpr[15]);
    return 0;
}

/* X'20': Rx the device, Ry the channel program (its key in the first
   byte); R15 gets the completion code, Ry's right half the first two
   sense bytes after an error. */
static int diag_genio(struct vm *vm, struct diag *d)
{
    struct vdev *v = vdev_find(vm, (uint16_t)(vm->gpr[d->rx] & 0xFFF));
    uint32_t ry = vm->gpr[d->ry];
    uint16_t sense = 0;
    uint32_t caw = (ry & 0xF0000000) | (ry & 0xFFFFFF);
    d->cc = mdisk_diag20(vm, v, caw, &vm->gpr[15], &sense);
    if (d->cc == 3)
        vm->gpr[d->ry] = (ry & 0xFFFF0000) | sense;
    return 0;
}

/* X'10': release the pages from Rx to Ry (page addresses, Rx <= Ry):
   they read as zeros from then on, their frames free (vmstore.c).  Not
   page addresses, or Rx above Ry: specification; beyond storage:
   addressing.  The condition code is left. */
static int diag_release(struct vm *vm, struct diag *d)
{
    uint32_t first = vm->gpr[d->rx] & 0xFFFFFF, last = vm->gpr[d->ry] & 0xFFFFFF;
    if ((first | last) & (CP_PAGE - 1) || first > last)
        return PGM_SPECIFICATION;
    if (last >= vm->size)
        return PGM_ADDRESSING;
    vmstore_release(vm, first, last);
    return 0;
}

/* Device classes and types as VM/370 codes them (RDEVTYPC, RDEVTYPE):
   the DASD CP knows, with their features (RDEVFTR: rotational position
   sensing X'80', 24 sense bytes X'40'). */
#define CLASTERM 0x80
#define CLASGRAF 0x40
#define CLASDASD 0x04
#define CLASSPEC 0x02
#define TYP3215 0x00
#define TYP3278 0x01
#define TYPUNKN 0x01
#define VDEVBUSY 0x20           /* VDEVSTAT: busy (a program that runs on) */
#define VDEVRDO 0x80            /* VDEVFLAG of a DASD: read-only */
static const struct { uint16_t devtype; uint8_t type, ftr; } dasd_types[] = {
    {0x2314, 0x40, 0x00}, {0x3330, 0x10, 0xC0}, {0x3340, 0x01, 0xC0},
    {0x3350, 0x08, 0xC0}, {0x3380, 0x20, 0xC0},
};
#define CONSOLE_3215_LINE 126   /* print positions of a 3215 */

/*
 * X'24': device type and features of the virtual device at Rx, or (Rx
 * -1) of the virtual console, whose address then goes to Rx (its first
 * byte, the terminal code, zero).  Ry: the virtual device's class,
 * type, status and flags; Ry+1 (unless Ry is 15): the real device's
 * class, type, model and features, or, for a console, its line length.
 * Condition code 0; 2 if the virtual device has no real device (a
 * disconnected user's console: Ry only); 3 if there is no such device.
 */
static int diag_devtype(struct vm *vm, struct diag *d)
{
    uint32_t rx = vm->gpr[d->rx];
    struct vdev *v = NULL;
    if (rx == 0xFFFFFFFF) {
        for (unsigned i = 0; i < vm->nvdev && !v; i++)
            if (vm->vdev[i].ops == &vcon_ops)
                v = &vm->vdev[i];
    } else if (rx <= 0xFFFF) {
        v = vdev_find(vm, (uint16_t)rx);
    }
    if (!v) {
        d->cc = 3;
        return 0;
    }
    uint8_t stat = v->endless ? VDEVBUSY : 0, flag = 0;
    uint32_t vinfo, rinfo = 0;
    bool real = true;
    struct mdisk *m;
    if (v->ops == &vcon_ops) {
        vinfo = (uint32_t)CLASTERM << 24 | (uint32_t)TYP3215 << 16;
        if (vm->term) {
            unsigned rows, cols, model;
            term_geometry(vm->term, &rows, &cols, &model);
            rinfo = (uint32_t)CLASGRAF << 24 | (uint32_t)TYP3278 << 16 | model << 8 | cols;
        } else if (!logon_terminal_user(vm)) {  /* the operator's, on the 3215 */
            rinfo = (uint32_t)CLASTERM << 24 | (uint32_t)TYP3215 << 16 | CONSOLE_3215_LINE;
        } else {
            real = false;                       /* disconnected */
        }
    } else if ((m = mdisk_of(v))) {
        unsigned type = rdev_devtype(m->rd);
        uint8_t t = TYPUNKN, ftr = 0;
        for (size_t i = 0; i < sizeof dasd_types / sizeof dasd_types[0]; i++)
            if (dasd_types[i].devtype == type) {
                t = dasd_types[i].type;
                ftr = dasd_types[i].ftr;
            }
        if (m->x.readonly)
            flag |= VDEVRDO;
        vinfo = (uint32_t)CLASDASD << 24 | (uint32_t)t << 16;
        rinfo = (uint32_t)CLASDASD << 24 | (uint32_t)t << 16 | (uint32_t)m->rd->id[6] << 8 | ftr;
    } else {
        vinfo = (uint32_t)CLASSPEC << 24 | (uint32_t)TYPUNKN << 16;
        rinfo = vinfo;
    }
    vinfo |= (uint32_t)stat << 8 | flag;
    if (rx == 0xFFFFFFFF)
        vm->gpr[d->rx] = v->addr;
    vm->gpr[d->ry] = vinfo;
    if (real && d->ry != 15)
        vm->gpr[d->ry + 1] = rinfo;
    d->cc = real ? 0 : 2;
    return 0;
}

/* X'58': the 3270 virtual console interface (diag58.c): Rx a channel
   program, Ry the console's address; the condition code. */
static int diag_fullscreen(struct vm *vm, struct diag *d)
{
    d->cc = diag58_run(vm, vm->gpr[d->rx], vm->gpr[d->ry]);
    return 0;
}

/* X'5C': error message editing.  Rx the address of a message
   ("DMSxxxnnnE text"), Ry its length; as the user's SET EMSG wants it:
   ON both left, CODE Ry the code's length (10), TEXT Rx and Ry the text
   after the code and its blank, OFF Ry 0.  The condition code is left. */
#define EMSG_CODE_LEN 10
static int diag_emsg(struct vm *vm, struct diag *d)
{
    uint32_t a = vm->gpr[d->rx], n = vm->gpr[d->ry];
    switch (vm->set.emsg) {
    case EMSG_OFF:
        vm->gpr[d->ry] = 0;
        break;
    case EMSG_CODE:
        if (n > EMSG_CODE_LEN)
            vm->gpr[d->ry] = EMSG_CODE_LEN;
        break;
    case EMSG_TEXT: {
        uint32_t skip = n < EMSG_CODE_LEN ? n : EMSG_CODE_LEN;
        uint8_t b;
        if (n > EMSG_CODE_LEN) {
            if (!vmstore_read(vm, (a + EMSG_CODE_LEN) & 0xFFFFFF, &b, 1))
                return PGM_ADDRESSING;
            if (b == 0x40)                      /* the blank after the code */
                skip++;
        }
        vm->gpr[d->rx] = a + skip;
        vm->gpr[d->ry] = n - skip;
        break;
    }
    default:                                    /* ON: the whole message */
        break;
    }
    return 0;
}

/* X'60': Rx gets the size of the virtual machine's storage. */
static int diag_storsize(struct vm *vm, struct diag *d)
{
    vm->gpr[d->rx] = vm->size;
    return 0;
}

int diag_run(struct vm *vm, unsigned rx, unsigned ry, uint32_t ea, unsigned *cc)
{
    struct diag d = {rx, ry, ea & 0xFFFF, -1};
    for (size_t i = 0; i < sizeof diags / sizeof diags[0]; i++)
        if (diags[i].code == d.code) {
            int pc = diags[i].fn(vm, &d);
            if (!pc && d.cc >= 0)
                *cc = (unsigned)d.cc;
            return pc;
        }
    return PGM_SPECIFICATION;
}
