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
 * of instructions, counts the instructions of a slice up to a budget, and
 * leaves early when cpu_set_pending() (which zeroes the budget) says
 * something needs attention.
 * A program exception longjmps back here.
 */
#include "machine.h"
#include "insn.h"
#include "interrupt.h"
#include "timer.h"
#include "dat.h"
#include "debug.h"
#include "per.h"

static void exec_ex(struct cpu *cpu, uint32_t target, unsigned r1);

#include "insn_general.c.inc"
#include "insn_storage.c.inc"
#include "insn_ext.c.inc"
#include "insn_control.c.inc"
/* The large families stay out of line, so that the dispatch switch the
   common instructions run through stays compact. */
#undef INSN_ATTR
#define INSN_ATTR __attribute__((noinline))
#include "insn_decimal.c.inc"
#include "insn_hfp.c.inc"
#include "insn_bfp.c.inc"
#undef INSN_ATTR
#define INSN_ATTR INSN_ATTR_HOT

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
static ALWAYS_INLINE void insn_checks(struct cpu *cpu, const uint8_t *ip, int fmt, unsigned fl)
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

/* Execute the instruction at ip (cpu->psw.ia already points past it).
   Inlined into the run loop; dispatch_outline() is the one other copy. */
static ALWAYS_INLINE void dispatch(struct cpu *restrict cpu, const uint8_t *ip)
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

/* The out-of-line dispatcher, for EXECUTE and the debugging loop. */
static __attribute__((noinline)) void dispatch_outline(struct cpu *cpu, const uint8_t *ip)
{
    dispatch(cpu, ip);
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
    dispatch_outline(cpu, ib);
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

/* Where the instruction at ia is: the cached 2K block, or the slow way
   (also for an odd address).  Rotated right by one, an even offset of at
   most 0x7FA is at most 0x3FD, an odd one is huge: one compare for both. */
static ALWAYS_INLINE const uint8_t *ifetch(struct cpu *cpu, uint32_t ia)
{
    uint32_t off = ia - cpu->if_block;
    if (likely((off >> 1 | off << 31) <= 0x3FD))
        return cpu->if_host + off;
    return ifetch_slow(cpu, ia);
}

/* The instrumented loop: trace, history, breakpoints, PER. */
static void run_debug(struct cpu *cpu)
{
    while (cpu->done < cpu->budget && !cpu->psw.wait) {
        cpu->done++;
        uint32_t ia = cpu->psw.ia;
        const uint8_t *ip = ifetch(cpu, ia);
        unsigned len = insn_len(ip[0]);
        cpu->insn_ia = ia;
        cpu->ilc = (uint8_t)(len >> 1);
        cpu->psw.ia = (ia + len) & AMASK24;
        if (cpu->per_active)
            per_before(cpu, ia, len);
        if (cpu->dbg_active && debug_before(cpu, ia, ip))
            continue;
        dispatch_outline(cpu, ip);
        if (cpu->per_active)
            per_after(cpu);
    }
}

/*
 * The fast loop, threaded: every case ends by fetching and jumping to the
 * next instruction's case itself.  A case knows its opcode, so its length
 * and its checks are constants, and so is whether it may set the PSW's
 * address (flag BR): the others continue from the next address in a
 * register instead of reloading the PSW, and the count of instructions is
 * kept in a register too (stored for cpu_icount(), never reloaded), so no
 * value makes a round trip through memory from one instruction to the
 * next.  Groups jump once more, through their second-level table.
 */
static void run_fast(struct cpu *restrict cpu)
{
    /* Every opcode starts at `other`; the table's rows override that.
       A group's first byte leads to its label, which finds the second
       level by where the group keeps its extension. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static void *const primary[256] = {
        [0 ... 255] = &&other,
#define OP(code, mn, fmt, fl) [code] = &&op_##mn,
#define OPX(g, s, mn, fmt, fl)
#include "insn.h.inc"
#undef OP
#undef OPX
#define X(g, where) [g] = &&group_##g,
        INSN_GROUPS(X)
#undef X
    };
    static void *const secondary[G_COUNT][256] = {
        [0 ... G_COUNT - 1] = {[0 ... 255] = &&other},
#define OP(code, mn, fmt, fl)
#define OPX(g, s, mn, fmt, fl) [G_##g][s] = &&op_##mn,
#include "insn.h.inc"
#undef OP
#undef OPX
    };
#pragma GCC diagnostic pop
    const uint8_t *ip;
    uint32_t ia = cpu->psw.ia, next;
    int32_t done = cpu->done;

#define NEXT()                                            \
    do {                                                  \
        if (unlikely(done >= cpu->budget))                \
            return;                                       \
        cpu->done = ++done;                               \
        ip = ifetch(cpu, ia);                             \
        cpu->insn_ia = ia;                                \
        goto *primary[ip[0]];                             \
    } while (0)

    /* After a branch taken (flag BR, and not to the next address), the
       next address is taken from where this instruction went last time
       when it is the same: the fetch then waits for that load, not for
       the chain of loads that computed the target (the comparison's
       branch is predicted), and a loop's next iteration starts before
       its branch is worked out.  The asm hides that the two are equal,
       lest the compiler use the computed value after all.  A branch not
       taken goes on from next, which is near, and leaves the guess of a
       taken one alone.  (One guess an opcode did better than a table of
       guesses by branch address: BCT 310-330 MIPS against 265-280.) */
#define PREDICT(fl)                                                       \
    if (((fl) & BR) && ia != next) {                                      \
        static uint32_t last;                                             \
        uint32_t p = last;                                                \
        bool hit = ia == p;                                               \
        __asm__("" : "+r"(hit));                                          \
        if (likely(hit))                                                  \
            ia = p;                                                       \
        else                                                              \
            last = ia;                                                    \
    }

    NEXT();
#define OP(code, mn, fmt, fl)                                             \
    op_##mn:                                                              \
        cpu->ilc = INSN_LEN(code) >> 1;                                   \
        next = (ia + INSN_LEN(code)) & AMASK24;                           \
        cpu->psw.ia = next;                                               \
        insn_checks(cpu, ip, F_##fmt, fl);                                \
        op_##mn(cpu, dec_##fmt(cpu, ip));                                 \
        ia = ((fl) & BR) ? cpu->psw.ia : next;                            \
        PREDICT(fl);                                                      \
        NEXT();
#define OPX(g, s, mn, fmt, fl)                                            \
    op_##mn:                                                              \
        cpu->ilc = INSN_LEN(g) >> 1;                                      \
        next = (ia + INSN_LEN(g)) & AMASK24;                              \
        cpu->psw.ia = next;                                               \
        insn_checks(cpu, ip, F_##fmt, fl);                                \
        op_##mn(cpu, dec_##fmt(cpu, ip));                                 \
        ia = ((fl) & BR) ? cpu->psw.ia : next;                            \
        PREDICT(fl);                                                      \
        NEXT();
#include "insn.h.inc"
#undef OP
#undef OPX
#define X(g, where)                                                       \
    group_##g:                                                            \
        goto *secondary[G_##g][GROUP_SUB_##where(ip)];
    INSN_GROUPS(X)
#undef X
other:
    cpu->ilc = (uint8_t)(insn_len(ip[0]) >> 1);
    cpu->psw.ia = (ia + insn_len(ip[0])) & AMASK24;
    dispatch_outline(cpu, ip);
    ia = cpu->psw.ia;
    NEXT();
#undef NEXT
#undef PREDICT
}

/*
 * Run up to n instructions.  Returns early when cpu_set_pending() is called
 * (an interruption may be due, the PSW changed, the machine must stop).
 */
int cpu_run(struct cpu *cpu, int64_t n)
{
    cpu->budget = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
    cpu->done = 0;
    int code = setjmp(cpu->progjmp);
    if (code) {
        cpu->in_execute = false;
        if (cpu->debug)
            debug_program_check(cpu, code);
        cpu_take_program(cpu, code);
    }
    if (cpu->debug)
        run_debug(cpu);
    else
        run_fast(cpu);
    cpu->icount += (uint64_t)cpu->done;
    cpu->done = cpu->budget = 0;
    return 0;
}

/* Execute exactly one instruction (for tests and single-stepping). */
void cpu_step(struct cpu *cpu)
{
    cpu_run(cpu, 1);
}
