/*
 * cpu_exec.c - instruction fetch, decode and dispatch.
 *
 * The dispatcher is generated from insn.h.inc: one switch case per row,
 * which runs the row's checks (its flags are constants, so the checks fold
 * away), decodes the operands by the row's format and calls the handler.
 * The handler families are included here so that every handler inlines
 * into its case.
 *
 * The loop fetches through a cached host pointer to the current 2K block
 * of instructions, counts a slice of instructions down, and leaves the
 * slice early when cpu_set_pending() says something needs attention.
 * A program exception longjmps back here.
 */
#include "machine.h"
#include "insn.h"
#include "interrupt.h"
#include "timer.h"
#include "dat.h"
#include "debug.h"

static void exec_ex(struct cpu *cpu, uint32_t target, unsigned r1);

#include "insn_general.c.inc"
#include "insn_storage.c.inc"
#include "insn_ext.c.inc"
#include "insn_control.c.inc"
#include "insn_decimal.c.inc"
#include "insn_hfp.c.inc"
#include "insn_bfp.c.inc"

/* The AFP-register control, CR0 bit 13. */
#define CR0_AFP 0x00040000u

/* Is FP register r usable: 0, 2, 4, 6 unless the AFP control is on. */
static inline bool fpr_ok(const struct cpu *cpu, unsigned r)
{
    return (cpu->cr[0] & CR0_AFP) || (r & 9) == 0;
}
/* Extended operands name the lower register of a pair (r and r+2). */
static inline bool fprx_ok(const struct cpu *cpu, unsigned r)
{
    return (r & 2) == 0 && fpr_ok(cpu, r);
}

/* The checks named by a row's flags, in the architected priority order. */
static inline void insn_checks(struct cpu *cpu, const uint8_t *ip, int fmt, unsigned fl)
{
    if ((fl & PRIV) && cpu->psw.problem)
        cpu_program_check(cpu, PGM_PRIVILEGED);
    if (!(fl & (R1EVEN | R2EVEN | R3EVEN | FP1 | FP2 | FP3 | FPX1 | FPX2 | BFP)))
        return;
    unsigned r1, r2, r3;
    if (fmt == F_RRE || fmt == F_RRF) {
        r1 = ip[3] >> 4, r2 = ip[3] & 15, r3 = ip[2] >> 4;
    } else if (fmt == F_RRD) {
        r1 = ip[2] >> 4, r3 = ip[3] >> 4, r2 = ip[3] & 15;
    } else if (fmt == F_RXF) {
        r1 = ip[4] >> 4, r2 = 0, r3 = ip[1] >> 4;
    } else {
        r1 = ip[1] >> 4, r2 = r3 = ip[1] & 15;
    }
    if ((fl & BFP) && !(cpu->cr[0] & CR0_AFP)) {
        cpu->fpc = (cpu->fpc & 0xFFFF00FFu) | 0x0200; /* DXC 2: AFP register */
        cpu->m->mem[cpu->prefix + 0x93] = 2;
        cpu_program_check(cpu, PGM_DATA);
    }
    if (((fl & R1EVEN) && (r1 & 1)) || ((fl & R2EVEN) && (r2 & 1)) || ((fl & R3EVEN) && (r3 & 1)) ||
        ((fl & FP1) && !fpr_ok(cpu, r1)) || ((fl & FP2) && !fpr_ok(cpu, r2)) ||
        ((fl & FP3) && !fpr_ok(cpu, r3)) ||
        ((fl & FPX1) && !fprx_ok(cpu, r1)) || ((fl & FPX2) && !fprx_ok(cpu, r2)))
        cpu_program_check(cpu, PGM_SPECIFICATION);
}

/* 44 EX - Execute [RX] */
INSN(EX, RX) { exec_ex(cpu, a.ea, a.r1); }

/* Execute the instruction at ip (cpu->psw.ia already points past it). */
static inline void dispatch(struct cpu *restrict cpu, const uint8_t *ip)
{
    switch (ip[0]) {
#define OP(code, mn, fmt, fl)                         \
    case code:                                        \
        insn_checks(cpu, ip, F_##fmt, fl);            \
        op_##mn(cpu, dec_##fmt(cpu, ip));             \
        return;
#define OPX(g, s, mn, fmt, fl)
#include "insn.h.inc"
#undef OP
#undef OPX
    default:
        break;
    }
    int sub = insn_group_sub(ip);
    if (sub < 0)
        cpu_program_check(cpu, PGM_OPERATION);
    switch (ip[0] << 8 | sub) {
#define OP(code, mn, fmt, fl)
#define OPX(g, s, mn, fmt, fl)                        \
    case (g) << 8 | (s):                              \
        insn_checks(cpu, ip, F_##fmt, fl);            \
        op_##mn(cpu, dec_##fmt(cpu, ip));             \
        return;
#include "insn.h.inc"
#undef OP
#undef OPX
    default:
        cpu_program_check(cpu, PGM_OPERATION);
    }
}

/* EXECUTE: run the instruction at `target`, its second byte ORed with
   bits 24-31 of R1 (unless R1 is 0). */
static void exec_ex(struct cpu *cpu, uint32_t target, unsigned r1)
{
    if (target & 1)
        cpu_program_check(cpu, PGM_SPECIFICATION);
    uint8_t ib[6];
    vfetchc(cpu, ib, target, 2);
    unsigned len = insn_len(ib[0]);
    if (len > 2)
        vfetchc(cpu, ib + 2, target + 2, len - 2);
    if (ib[0] == 0x44)
        cpu_program_check(cpu, PGM_EXECUTE);
    if (r1)
        ib[1] |= (uint8_t)cpu->gr[r1];
    cpu->exec_ia = cpu->insn_ia;
    cpu->in_execute = true;
    cpu->insn_ia = target; /* relative branches are relative to the target */
    dispatch(cpu, ib);
    cpu->in_execute = false;
}

/*
 * Fetch the instruction at ia the slow way: odd addresses, a block not in
 * the fetch cache, or an instruction that crosses into the next 2K block.
 */
static const uint8_t *ifetch_slow(struct cpu *cpu, uint32_t ia)
{
    /* An exception in fetching the instruction (an odd address, recognized
       late; an access exception) has an ILC of 1, 2 or 3, unpredictable,
       and unless the exception nullifies, the address is advanced by it
       (GA22-7000, "Exceptions Associated with the PSW", "Addressing
       Exception").  This machine says 2, as Hercules does. */
    cpu->insn_ia = ia;
    cpu->ilc = 2;
    cpu->psw.ia = (ia + 4) & AMASK24;
    if (ia & 1)
        cpu_program_check(cpu, PGM_SPECIFICATION);
    const uint8_t *p = cpu_access_slow(cpu, ia, ACC_IFETCH, cpu->psw.key);
    if (!cpu->per_active) {
        cpu->if_block = ia & ~0x7FFu;
        cpu->if_host = (uint8_t *)p - (ia & 0x7FF);
    }
    unsigned off = ia & 0x7FF, len = insn_len(p[0]);
    if (off + len <= 0x800)
        return p;
    memcpy(cpu->ibuf, p, 0x800 - off);
    const uint8_t *q = cpu_access_slow(cpu, (ia + (0x800 - off)) & AMASK24, ACC_IFETCH, cpu->psw.key);
    memcpy(cpu->ibuf + (0x800 - off), q, len - (0x800 - off));
    return cpu->ibuf;
}

/* One instruction: fetch, advance the PSW, dispatch. */
static inline void step(struct cpu *restrict cpu, bool debug)
{
    uint32_t ia = cpu->psw.ia;
    const uint8_t *ip;
    /* The fast path: an even address in the cached block, where even the
       longest instruction ends inside it */
    if (likely((ia & ~0x7FFu) == cpu->if_block && (ia & 0x7FF) <= 0x7FA && !(ia & 1)))
        ip = cpu->if_host + (ia & 0x7FF);
    else
        ip = ifetch_slow(cpu, ia);
    cpu->insn_ia = ia;
    unsigned len = insn_len(ip[0]);
    cpu->ilc = (uint8_t)(len >> 1);
    cpu->psw.ia = (ia + len) & AMASK24;
    if (debug && debug_before(cpu, ia, ip))
        return;
    dispatch(cpu, ip);
}

/*
 * Run up to n instructions.  Returns early when cpu_set_pending() is called
 * (an interruption may be due, the PSW changed, the machine must stop).
 */
int cpu_run(struct cpu *cpu, int64_t n)
{
    cpu->slice = cpu->slice_len = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
    int code = setjmp(cpu->progjmp);
    if (code) {
        cpu->in_execute = false;
        if (cpu->debug)
            debug_program_check(cpu, code);
        cpu_take_program(cpu, code);
    }
    if (cpu->debug) {
        while (cpu->slice > 0 && !cpu->psw.wait) {
            cpu->slice--;
            step(cpu, true);
        }
    } else {
        while (likely(cpu->slice > 0)) {
            cpu->slice--;
            step(cpu, false);
        }
    }
    cpu->icount += (uint64_t)(cpu->slice_len - cpu->slice);
    cpu->slice = cpu->slice_len = 0;
    return 0;
}

/* Execute exactly one instruction (for tests and single-stepping). */
void cpu_step(struct cpu *cpu)
{
    cpu_run(cpu, 1);
}
