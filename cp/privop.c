/*
 * privop.c - simulation of the privileged instructions a guest issues in
 * its (virtual) supervisor state, with the results and program exceptions
 * a real S/370 gives (GA22-7000, chapters 10 and 13).  The instructions
 * are listed once, in privops.h.inc.
 *
 * The instruction has been suppressed by the privileged-operation
 * exception: the guest's PSW points past it.  A handler returns 0, or the
 * program-interruption code to reflect (the instruction then being
 * suppressed: the PSW still points past it, as for the exceptions of
 * these instructions on a real machine; a segment- or page-translation
 * exception nullifies it, the PSW then pointing at it again).
 *
 * A guest with DAT on (in its EC-mode PSW) gives virtual addresses: the
 * instruction and its storage operands are translated through its own
 * tables (vdat.c), operands of SSK, ISK and RRB and DIAGNOSE's are real.
 */
#include <string.h>

#include "cp.h"
#include "vm.h"

#define PGM_OPERATION 0x01
#define PGM_PRIVILEGED 0x02
#define PGM_PROTECTION 0x04
#define PGM_ADDRESSING 0x05
#define PGM_SPECIFICATION 0x06
#define PGM_SEGMENT 0x10
#define PGM_PAGE 0x11
#define PGM_SPECIAL_OP 0x13

/* A decoded instruction: registers, immediate, effective address. */
struct insn {
    uint8_t op, r1, r2, r3, i2;
    uint32_t ea;
    unsigned ilc;
};

#define PRIV(op, sub, mn, fmt, fn) static int priv_##fn(struct vm *vm, struct insn *in);
#include "privops.h.inc"
#undef PRIV

static const struct privop {
    uint8_t op;
    int sub;
    const char *mnemonic;
    int (*fn)(struct vm *vm, struct insn *in);
} privops[] = {
#define PRIV(op, sub, mn, fmt, fn) {op, sub, #mn, priv_##fn},
#include "privops.h.inc"
#undef PRIV
};

static uint32_t bd(const struct vm *vm, const uint8_t *p)
{
    unsigned b = p[0] >> 4;
    return ((b ? vm->gpr[b] : 0) + (uint32_t)((p[0] & 0x0F) << 8 | p[1])) & 0xFFFFFF;
}

/* A storage operand of len bytes (at most 2K) at logical address a: the
   guest real address of each of its pieces (two if it crosses a 2K
   boundary under the guest's DAT, which pages may be), or the program
   exception of its translation. */
struct piece {
    uint32_t ra, len;
};

static int pieces(struct vm *vm, uint32_t a, uint32_t len, struct piece p[2])
{
    if (!vdat_on(vm->psw)) {
        p[0] = (struct piece){a, len};
        p[1].len = 0;
        return 0;
    }
    uint32_t n = 0x800 - (a & 0x7FF);
    p[0].len = n < len ? n : len;
    p[1].len = len - p[0].len;
    int pc = vdat_translate(vm, a, &p[0].ra);
    if (!pc && p[1].len)
        pc = vdat_translate(vm, (a + n) & 0xFFFFFF, &p[1].ra);
    return pc;
}

/* May the guest reach len bytes of its real storage at ra with its PSW key? */
static int real_ok(struct vm *vm, uint32_t ra, uint32_t len, bool store)
{
    if (ra >= vm->size || len > vm->size - ra)
        return PGM_ADDRESSING;
    if (vpsw_key(vm->psw) && !vmstore_key_ok(vm, ra, len, vpsw_key(vm->psw), store))
        return PGM_PROTECTION;
    return 0;
}

/* Fetch or store guest operands with the guest's PSW key; every piece is
   checked before any is stored. */
static int gfetch(struct vm *vm, uint32_t a, void *buf, uint32_t len)
{
    struct piece p[2];
    int pc = pieces(vm, a, len, p);
    for (unsigned i = 0; !pc && i < 2 && p[i].len; i++)
        pc = real_ok(vm, p[i].ra, p[i].len, false);
    uint8_t *d = buf;
    for (unsigned i = 0; !pc && i < 2 && p[i].len; d += p[i++].len) {
        uint32_t ra = p[i].ra, n = p[i].len;
        if ((ra & (CP_PAGE - 1)) + n <= CP_PAGE) {      /* within one page */
            const uint8_t *s = vmstore_ptr(vm, ra);
            if (!s)
                return PGM_ADDRESSING;          /* no frame left for it */
            for (uint32_t k = 0; k < n; k++)
                d[k] = s[k];
        } else
            vmstore_read(vm, ra, d, n);
    }
    return pc;
}

static int gstore(struct vm *vm, uint32_t a, const void *buf, uint32_t len)
{
    struct piece p[2];
    int pc = pieces(vm, a, len, p);
    for (unsigned i = 0; !pc && i < 2 && p[i].len; i++)
        pc = real_ok(vm, p[i].ra, p[i].len, true);
    const uint8_t *d = buf;
    for (unsigned i = 0; !pc && i < 2 && p[i].len; d += p[i++].len)
        vmstore_write(vm, p[i].ra, d, p[i].len);
    return pc;
}

static void set_cc(struct vm *vm, int cc)
{
    uint8_t *p = vpsw_ec(vm->psw) ? vm->psw + 2 : vm->psw + 4;
    *p = (uint8_t)((*p & ~0x30) | (cc & 3) << 4);
}

static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)(v >> 32)); put32(p + 4, (uint32_t)v); }
static uint64_t get64(const uint8_t *p) { return (uint64_t)get32(p) << 32 | get32(p + 4); }

/* Loading the system mask: EC-mode bits 0 and 2-4 must be zero; the new
   mask is in the PSW when the exception is recognized (ILC 0). */
static int set_sysmask(struct vm *vm, struct insn *in, uint8_t mask)
{
    vm->psw[0] = mask;
    if (vpsw_ec(vm->psw) && (mask & 0xB8)) {
        in->ilc = 0;
        return PGM_SPECIFICATION;
    }
    return 0;
}

/* 08 SSK, 09 ISK - the key of the 2K block addressed by R2 */
static int key_operand(struct vm *vm, struct insn *in, uint32_t *a)
{
    *a = vm->gpr[in->r2] & 0xFFFFFF;
    if (*a & 0x0F)
        return PGM_SPECIFICATION;
    return *a >= vm->size ? PGM_ADDRESSING : 0;
}

static int priv_ssk(struct vm *vm, struct insn *in)
{
    uint32_t a;
    int pc = key_operand(vm, in, &a);
    if (!pc)
        vmstore_set_key(vm, a, (uint8_t)vm->gpr[in->r1]);
    return pc;
}

static int priv_isk(struct vm *vm, struct insn *in)
{
    uint32_t a;
    int pc = key_operand(vm, in, &a);
    if (pc)
        return pc;
    uint8_t k = vmstore_get_key(vm, a);
    if (!vpsw_ec(vm->psw))
        k &= 0xF8;                  /* BC mode: key and fetch bit only */
    vm->gpr[in->r1] = (vm->gpr[in->r1] & 0xFFFFFF00u) | k;
    return 0;
}

/* 80 SSM */
static int priv_ssm(struct vm *vm, struct insn *in)
{
    if (vpsw_ec(vm->psw) && (vm->cr[0] & 0x40000000u))
        return PGM_SPECIAL_OP;      /* SSM suppression */
    uint8_t m;
    int pc = gfetch(vm, in->ea, &m, 1);
    return pc ? pc : set_sysmask(vm, in, m);
}

/* 82 LPSW: an invalid PSW is loaded, then recognized (ILC 0). */
static int priv_lpsw(struct vm *vm, struct insn *in)
{
    if (in->ea & 7)
        return PGM_SPECIFICATION;
    uint8_t psw[8];
    int pc = gfetch(vm, in->ea, psw, 8);
    if (pc)
        return pc;
    memcpy(vm->psw, psw, 8);
    if (!vpsw_valid(vm, psw)) {
        in->ilc = 0;
        return PGM_SPECIFICATION;
    }
    return 0;
}

/* 83 DIAGNOSE: CP's services (diag.c) */
static int priv_diag(struct vm *vm, struct insn *in)
{
    unsigned cc = 4;
    int pc = diag_run(vm, in->r1, in->r3, in->ea, &cc);
    if (!pc && cc < 4)
        set_cc(vm, (int)cc);
    return pc;
}

/* 9C SIO/SIOF, 9D TIO/CLRIO, 9E HIO/HDV, 9F TCH */
static int priv_sio(struct vm *vm, struct insn *in)
{
    uint32_t caw;
    vmstore_read(vm, 0x48, &caw, 4);
    set_cc(vm, vdev_sio(vm, (uint16_t)(in->ea & 0xFFF), caw));
    return 0;
}

static int priv_tio(struct vm *vm, struct insn *in)
{
    set_cc(vm, vdev_tio(vm, (uint16_t)(in->ea & 0xFFF)));
    return 0;
}

static int priv_hio(struct vm *vm, struct insn *in)
{
    set_cc(vm, vdev_hio(vm, (uint16_t)(in->ea & 0xFFF)));
    return 0;
}

static int priv_tch(struct vm *vm, struct insn *in)
{
    set_cc(vm, vdev_tch(vm, (in->ea >> 8) & 0x0F));
    return 0;
}

/* AC STNSM, AD STOSM */
static int priv_stnsm(struct vm *vm, struct insn *in)
{
    int pc = gstore(vm, in->ea, vm->psw, 1);
    return pc ? pc : set_sysmask(vm, in, vm->psw[0] & in->i2);
}

static int priv_stosm(struct vm *vm, struct insn *in)
{
    int pc = gstore(vm, in->ea, vm->psw, 1);
    return pc ? pc : set_sysmask(vm, in, vm->psw[0] | in->i2);
}

/* AE SIGP: one CPU, address 0 */
static int priv_sigp(struct vm *vm, struct insn *in)
{
    if ((vm->gpr[in->r3] & 0xFFFF) != 0) {
        set_cc(vm, 3);
        return 0;
    }
    if ((in->ea & 0xFF) == 0x01) {  /* sense: nothing to report */
        set_cc(vm, 0);
        return 0;
    }
    vm->gpr[in->r1] = 0x00000002;   /* invalid order */
    set_cc(vm, 1);
    return 0;
}

/* B6 STCTL, B7 LCTL: registers r1 to r3, wrapping after 15.  With SET
   ECMODE OFF the machine has control register 0 alone: the others are
   stored as zeros and not loaded, as VM/370 gave a machine without the
   ECMODE option. */
static int priv_stctl(struct vm *vm, struct insn *in)
{
    if (in->ea & 3)
        return PGM_SPECIFICATION;
    uint8_t buf[64];
    unsigned n = 0;
    for (unsigned r = in->r1;; r = (r + 1) & 15) {
        put32(buf + 4 * n++, r == 0 || vm->set.ecmode ? vm->cr[r] : 0);
        if (r == in->r3)
            break;
    }
    return gstore(vm, in->ea, buf, 4 * n);
}

static int priv_lctl(struct vm *vm, struct insn *in)
{
    if (in->ea & 3)
        return PGM_SPECIFICATION;
    uint8_t buf[64];
    unsigned n = ((in->r3 - in->r1) & 15) + 1;
    uint32_t cr0 = vm->cr[0], cr1 = vm->cr[1];
    int pc = gfetch(vm, in->ea, buf, 4 * n);
    if (pc)
        return pc;
    for (unsigned i = 0; i < n; i++) {
        unsigned r = (in->r1 + i) & 15;
        if (r == 0 || vm->set.ecmode)
            vm->cr[r] = get32(buf + 4 * i);
    }
    if (((vm->cr[0] ^ cr0) & 0x00F80000u) || vm->cr[1] != cr1)
        shadow_purge(vm);                       /* a new translation format or table */
    return 0;
}

/* B202 STIDP: the real CPU's id with version X'FF', as VM/370 gives */
static int priv_stidp(struct vm *vm, struct insn *in)
{
    if (in->ea & 7)
        return PGM_SPECIFICATION;
    uint64_t id;
    __asm__ volatile(".insn s,0xb2020000,%0" : "=Q"(id));
    uint8_t b[8];
    put64(b, id);
    b[0] = 0xFF;
    return gstore(vm, in->ea, b, 8);
}

/* B203 STIDC: a channel CP simulates is a selector channel (type 0) */
static int priv_stidc(struct vm *vm, struct insn *in)
{
    unsigned ch = (in->ea >> 8) & 0x0F;
    if (vdev_tch(vm, ch) == 3) {
        set_cc(vm, 3);
        return 0;
    }
    uint8_t id[4] = {0, 0, 0, 0};
    vmstore_write(vm, 0xA8, id, 4);
    set_cc(vm, 0);
    return 0;
}

/* B204 SCK, B206 SCKC, B207 STCKC, B208 SPT, B209 STPT: virtual clocks */
static int fetch64(struct vm *vm, struct insn *in, uint64_t *v)
{
    if (in->ea & 7)
        return PGM_SPECIFICATION;
    uint8_t b[8];
    int pc = gfetch(vm, in->ea, b, 8);
    *v = get64(b);
    return pc;
}

static int store64(struct vm *vm, struct insn *in, uint64_t v)
{
    if (in->ea & 7)
        return PGM_SPECIFICATION;
    uint8_t b[8];
    put64(b, v);
    return gstore(vm, in->ea, b, 8);
}

static int priv_sck(struct vm *vm, struct insn *in)
{
    uint64_t v;
    int pc = fetch64(vm, in, &v);
    if (!pc) {
        vm->tod_offset = v - tod_now();
        set_cc(vm, 0);
    }
    return pc;
}

static int priv_sckc(struct vm *vm, struct insn *in)
{
    uint64_t v;
    int pc = fetch64(vm, in, &v);
    if (!pc) {
        vm->clock_comp = v;
        vm->ext_pending &= ~(uint32_t)VEXT_CLOCK_COMP;
    }
    return pc;
}

static int priv_stckc(struct vm *vm, struct insn *in) { return store64(vm, in, vm->clock_comp); }

static int priv_spt(struct vm *vm, struct insn *in)
{
    uint64_t v;
    int pc = fetch64(vm, in, &v);
    if (!pc) {
        vm->cpu_timer = v;
        vm->ext_pending &= ~(uint32_t)VEXT_CPU_TIMER;
    }
    return pc;
}

static int priv_stpt(struct vm *vm, struct insn *in) { return store64(vm, in, vm->cpu_timer); }

/* B20D PTLB: the shadow tables are the guest's TLB */
static int priv_ptlb(struct vm *vm, struct insn *in)
{
    (void)in;
    shadow_purge(vm);
    return 0;
}

/* B1 LRA: the second operand (D2(X2,B2)) translated through the guest's
   tables, whatever its PSW's DAT bit: condition code 0 and the real
   address in R1; 1 or 2 and the address of the invalid segment- or
   page-table entry; 3 for a length violation, R1 unchanged (GA22-7000,
   "LOAD REAL ADDRESS"). */
static int priv_lra(struct vm *vm, struct insn *in)
{
    uint32_t va = (in->ea + (in->r2 ? vm->gpr[in->r2] : 0)) & 0xFFFFFF, ra = 0, entry = 0;
    int r = vdat_walk(vm, va, &ra, &entry);
    switch (r) {
    case VDAT_OK:
        vm->gpr[in->r1] = ra;
        set_cc(vm, 0);
        return 0;
    case VDAT_SEG_INVALID:
    case VDAT_PAGE_INVALID:
        vm->gpr[in->r1] = entry;
        set_cc(vm, r == VDAT_SEG_INVALID ? 1 : 2);
        return 0;
    case VDAT_SEG_LENGTH:
    case VDAT_PAGE_LENGTH:
        set_cc(vm, 3);
        return 0;
    case VDAT_SPEC:
        return 0x12;                            /* translation specification */
    default:
        return PGM_ADDRESSING;
    }
}

/* B212 STAP */
static int priv_stap(struct vm *vm, struct insn *in)
{
    if (in->ea & 1)
        return PGM_SPECIFICATION;
    uint8_t z[2] = {0, 0};
    return gstore(vm, in->ea, z, 2);
}

/* B213 RRB: the reference bit of the guest's 2K block */
static int priv_rrb(struct vm *vm, struct insn *in)
{
    if (in->ea >= vm->size)
        return PGM_ADDRESSING;
    uint8_t k = vmstore_get_key(vm, in->ea);
    set_cc(vm, (k >> 1) & 3);
    vmstore_set_key(vm, in->ea, k & (uint8_t)~0x04);
    return 0;
}

#define NPRIVOPS (sizeof privops / sizeof privops[0])

/* For each first byte, the index of its first row in privops (rows of one
   first byte are together in privops.h.inc); NPRIVOPS if none. */
static uint8_t first_of[256];

void privop_init(void)
{
    for (unsigned op = 0; op < 256; op++) {
        first_of[op] = NPRIVOPS;
        for (unsigned i = 0; i < NPRIVOPS; i++)
            if (privops[i].op == op) {
                first_of[op] = (uint8_t)i;
                break;
            }
    }
}

void privop_simulate(struct vm *vm, unsigned ilc)
{
    uint32_t ia = (vpsw_ia(vm->psw) - 2 * ilc) & 0xFFFFFF;
    uint8_t copy[6] = {0};
    const uint8_t *b = copy;
    struct piece ip[2];
    int x;
    if (!vdat_on(vm->psw) && (ia & (CP_PAGE - 1)) <= CP_PAGE - 6 && ia < vm->size &&
        vmstore_ptr(vm, ia))
        b = vmstore_ptr(vm, ia);                /* the usual case: one page */
    else if ((x = pieces(vm, ia, 2 * ilc, ip))) {
        vpsw_set_ia(vm->psw, ia);               /* nullified, or suppressed as it ran */
        if (x != PGM_SEGMENT && x != PGM_PAGE)
            vpsw_set_ia(vm->psw, ia + 2 * ilc);
        vint_program(vm, (uint16_t)x, ilc);
        return;
    } else if (!vmstore_read(vm, ip[0].ra, copy, ip[0].len) ||
               (ip[1].len && !vmstore_read(vm, ip[1].ra, copy + ip[0].len, ip[1].len))) {
        vint_program(vm, PGM_ADDRESSING, ilc);
        return;
    }
    if (vm->psw[1] & 0x01) {                /* virtual problem state */
        vint_program(vm, PGM_PRIVILEGED, ilc);
        return;
    }
    struct insn in = {.op = b[0], .ilc = ilc, .r1 = b[1] >> 4, .r2 = b[1] & 15,
                      .r3 = b[1] & 15, .i2 = b[1]};
    int sub = -1;                           /* the second byte that tells */
    if (b[0] == 0xB2)
        sub = b[1];
    else if (b[0] >= 0x9C && b[0] <= 0x9F)
        sub = b[1] & 0x01;                  /* 9C00 SIO, 9C01 SIOF ... */
    const struct privop *p = NULL;
    for (unsigned i = first_of[b[0]]; i < NPRIVOPS && privops[i].op == b[0]; i++)
        if (privops[i].sub == sub) {
            p = &privops[i];
            break;
        }
    if (!p) {
        vint_program(vm, PGM_OPERATION, ilc);
        return;
    }
    in.ea = bd(vm, b + 2);
    vm->instr_sims++;
    int pc = p->fn(vm, &in);
    if (pc == PGM_SEGMENT || pc == PGM_PAGE)
        vpsw_set_ia(vm->psw, ia);               /* nullified: the instruction again */
    if (pc)
        vint_program(vm, (uint16_t)pc, in.ilc);
}

/*
 * The fast path (vm.c calls it straight after the guest's exit, before
 * anything else): SSM, LPSW and ISK in the usual case, done on the PSW CP
 * runs the guest with, so that the guest goes on at once.  Returns
 * PRIVOP_NOT_HANDLED (the slow path simulates it: anything unusual, an
 * exception to give), PRIVOP_RESUME (done; run the guest again as it
 * is) or PRIVOP_DONE (done; the guest's PSW changed, take the slow path
 * without simulating again).
 */
int privop_fast(struct vm *vm)
{
    const uint8_t *p = psa();
    if (p[LC_PGM_CODE + 1] != PGM_PRIVILEGED || p[LC_PGM_CODE] || (vm->psw[1] & 0x01))
        return PRIVOP_NOT_HANDLED;
    unsigned ilc = p[LC_PGM_ILC + 1] >> 1 & 3;
    uint32_t ia = ((uint32_t)vm->run_psw[5] << 16 | (uint32_t)vm->run_psw[6] << 8 |
                   vm->run_psw[7]) - 2 * ilc;
    if ((ia & (CP_PAGE - 1)) > CP_PAGE - 4 || ia >= vm->fast_size || vpsw_key(vm->psw))
        return PRIVOP_NOT_HANDLED;              /* (DAT on: fast_size 0, the slow path) */
    const uint8_t *b = vmstore_ptr_in(vm, ia);  /* ia < fast_size <= size */
    if (!b)
        return PRIVOP_NOT_HANDLED;
    switch (b[0]) {
    case 0x80: {                                /* SSM */
        uint32_t ea = bd(vm, b + 2);
        if (ea >= vm->size || (vpsw_ec(vm->psw) && (vm->cr[0] & 0x40000000u)))
            return PRIVOP_NOT_HANDLED;
        const uint8_t *mp = vmstore_ptr(vm, ea);
        if (!mp)
            return PRIVOP_NOT_HANDLED;
        uint8_t m = *mp;
        if (vpsw_ec(vm->psw) && ((m & 0xB8) || (m & 0x04)))
            return PRIVOP_NOT_HANDLED;          /* invalid, or DAT turned on */
        vm->psw[0] = m;
        vm->instr_sims++;
        return vint_pending(vm) ? PRIVOP_DONE : PRIVOP_RESUME;
    }
    case 0x82: {                                /* LPSW */
        uint32_t ea = bd(vm, b + 2);
        if ((ea & 7) || ea >= vm->size)
            return PRIVOP_NOT_HANDLED;
        const uint32_t *n = (const uint32_t *)vmstore_ptr(vm, ea);
        if (!n || !vpsw_valid(vm, (const uint8_t *)n))
            return PRIVOP_NOT_HANDLED;
        uint32_t *psw = (uint32_t *)vm->psw;    /* aligned: struct vm */
        psw[0] = n[0];
        psw[1] = n[1];
        vm->instr_sims++;
        vint_run_psw(vm);
        if ((vm->psw[1] & 0x02) || vint_pending(vm) || (vpsw_ec(vm->psw) && (vm->psw[0] & 0x04)))
            return PRIVOP_DONE;
        return PRIVOP_RESUME;
    }
    case 0x09: {                                /* ISK */
        uint32_t a = vm->gpr[b[1] & 15] & 0xFFFFFF;
        if ((a & 0x0F) || a >= vm->size)
            return PRIVOP_NOT_HANDLED;
        uint8_t k = vmstore_get_key(vm, a);
        if (!vpsw_ec(vm->psw))
            k &= 0xF8;
        vm->gpr[b[1] >> 4] = (vm->gpr[b[1] >> 4] & 0xFFFFFF00u) | k;
        vm->instr_sims++;
        return PRIVOP_RESUME;
    }
    }
    return PRIVOP_NOT_HANDLED;
}
