/*
 * cpu_exec.c - instruction fetch, decode and dispatch.
 *
 * Two loops run the instructions of a slice, both generated from
 * insn.h.inc: the fast loop, threaded over the predecoded instruction
 * cache (pcache.h), one case per row; and the instrumented loop (trace,
 * breakpoints, PER), which decodes each instruction from its bytes and
 * dispatches through a switch, as EXECUTE does.  Either way a row's checks
 * run first (its flags are constants, so they fold away), then its handler
 * on the operands of its format.  The handler families are included here
 * so that every handler inlines into its case.
 *
 * A slice counts its instructions up to a budget and ends early when
 * cpu_set_pending() (which zeroes the budget) says something needs
 * attention.  A program exception longjmps back to cpu_run().
 */
#include "machine.h"
#include "insn.h"
#include "interrupt.h"
#include "timer.h"
#include "dat.h"
#include "debug.h"
#include "per.h"
#include "pcache.h"
#include "bcd.h"

static void exec_ex(struct cpu *cpu, uint32_t target, unsigned r1);

/*
 * The fast loop's state lives in registers of its own where GCC allows
 * (global register variables): the entry of the instruction running, its
 * bytes in storage and the count of instructions.  As locals, GCC keeps
 * some of them on the stack in a function this size, and every
 * instruction then waits for the one before it through memory.  r12-r14
 * are callee-saved, so the functions this file calls keep them; the
 * functions of this file do not, so cpu_run(), its one way in, saves them
 * for its caller.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
register struct pinsn *e __asm__("r13");
register const uint8_t *hp __asm__("r12");
register int32_t done __asm__("r14");
#define LOOP_LOCALS
#define LOOP_SAVE(v)                                                      \
    do {                                                                  \
        __asm__ volatile("mov %%r12, %0" : "=r"((v)[0]));                 \
        __asm__ volatile("mov %%r13, %0" : "=r"((v)[1]));                 \
        __asm__ volatile("mov %%r14, %0" : "=r"((v)[2]));                 \
    } while (0)
#define LOOP_RESTORE(v)                                                   \
    do {                                                                  \
        __asm__ volatile("mov %0, %%r12" : : "r"((v)[0]));                \
        __asm__ volatile("mov %0, %%r13" : : "r"((v)[1]));                \
        __asm__ volatile("mov %0, %%r14" : : "r"((v)[2]));                \
    } while (0)
#else
#define LOOP_LOCALS                                                       \
    struct pinsn *e;                                                      \
    const uint8_t *hp;                                                    \
    int32_t done;
#define LOOP_SAVE(v) ((void)(v))
#define LOOP_RESTORE(v) ((void)(v))
#endif

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
 * The first instruction fetch from a 2K block: it becomes the fetch
 * cache's block.  An exception in fetching the instruction (an odd
 * address, recognized late; an access exception) has an ILC of 1, 2 or 3,
 * unpredictable, and unless the exception nullifies, the address is
 * advanced by it (GA22-7000, "Exceptions Associated with the PSW",
 * "Addressing Exception").  This machine says 2, as Hercules does.
 */
static const uint8_t *ifetch_block(struct cpu *cpu, uint32_t ia)
{
    cpu->cur = NULL;
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
    return p;
}

/* The instruction at ia whose first bytes are at p, gathered into ibuf
   if it crosses into the next 2K block (fetched with the ILC of
   ifetch_block: it is the same fetch). */
static const uint8_t *ifetch_tail(struct cpu *cpu, uint32_t ia, const uint8_t *p)
{
    unsigned off = ia & 0x7FF, len = insn_len(p[0]);
    if (off + len <= 0x800)
        return p;
    cpu->ilc = 2;
    cpu->psw.ia = (ia + 4) & AMASK24;
    memcpy(cpu->ibuf, p, 0x800 - off);
    const uint8_t *q = cpu_access_slow(cpu, (ia + (0x800 - off)) & AMASK24, ACC_IFETCH, cpu->psw.key);
    memcpy(cpu->ibuf + (0x800 - off), q, len - (0x800 - off));
    return cpu->ibuf;
}

/* The instruction at ia: the cached 2K block, or the slow way (also for
   an odd address).  Rotated right by one, an even offset of at most 0x7FA
   is at most 0x3FD, an odd one is huge: one compare for both. */
static ALWAYS_INLINE const uint8_t *ifetch(struct cpu *cpu, uint32_t ia)
{
    uint32_t off = ia - cpu->if_block;
    if (likely((off >> 1 | off << 31) <= 0x3FD))
        return cpu->if_host + off;
    return ifetch_tail(cpu, ia, ifetch_block(cpu, ia));
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

/* Fill a predecoded instruction's fields from its bytes by its format. */
static void pinsn_fields(struct pinsn *e, const uint8_t *ip, int fmt)
{
    e->r1 = e->r2 = e->r3 = e->l1 = e->l2 = 0;
    e->x2 = e->b1 = e->b2 = 16;
    e->i2 = 0;
    switch (fmt) {
#define F(f) case F_##f: fields_##f(e, ip); break;
    F(E) F(RR) F(RX) F(RS) F(SI) F(S) F(SS) F(SS2) F(RI) F(RIL) F(RSI)
    F(RRE) F(RRF) F(RRD) F(RXE) F(RXF) F(RSE) F(SSE)
#undef F
    }
}

/*
 * The fast loop, threaded over the predecoded instructions (pcache.h):
 * `e` is the entry of the instruction to run and `hp` its bytes in host
 * storage.  Every case checks that its entry still holds those bytes (if
 * not, it is decoded again), runs the row's checks and its handler on the
 * operands formed from the entry, and goes on to the next entry itself.
 * A case knows its opcode, so its length and its checks are constants,
 * and so is whether it may set the PSW's address (flag BR) or change how
 * instructions are fetched (PRIV, FETCH): those, and a branch taken, find
 * the next instruction afresh through the fetch cache (`branch`); the
 * others step to the next entry of the block, whose end leads to the next
 * block.  The count of instructions is kept in a register (stored for
 * cpu_icount(), never reloaded).
 */
static void run_fast(struct cpu *restrict cpu)
{
    /* Every opcode starts at `slow_insn`; the table's rows override that.
       A group's first byte leads to its second level. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
    static void *const primary[256] = {
        [0 ... 255] = &&slow_insn,
#define OP(code, mn, fmt, fl) [code] = &&op_##mn,
#define OPX(g, s, mn, fmt, fl)
#include "insn.h.inc"
#undef OP
#undef OPX
    };
    static void *const secondary[G_COUNT][256] = {
        [0 ... G_COUNT - 1] = {[0 ... 255] = &&slow_insn},
#define OP(code, mn, fmt, fl)
#define OPX(g, s, mn, fmt, fl) [G_##g][s] = &&op_##mn,
#include "insn.h.inc"
#undef OP
#undef OPX
    };
    /* RX rows again, for an instruction whose X2 is 0 (most are): the
       address is formed without the index (ops_RX0).  RX_ONLY_fmt(...)
       is its arguments for format RX and nothing for the others. */
    static void *const primary_x0[256] = {
        [0 ... 255] = NULL,
#define OP(code, mn, fmt, fl) RX_ONLY_##fmt([code] = &&op_##mn##_x0,)
#define OPX(g, s, mn, fmt, fl)
#include "insn.h.inc"
#undef OP
#undef OPX
    };
#pragma GCC diagnostic pop
    static const uint8_t group_of[256] = {
#define X(g, where) [g] = G_##g,
        INSN_GROUPS(X)
#undef X
    };
    LOOP_LOCALS
    uint32_t ia = cpu->psw.ia, next;
    done = cpu->done;

    /* The fetch cache's block may have been set by the instrumented loop,
       which keeps no predecoded block. */
    if (!cpu->if_pb || cpu->if_pb->e[0].ia != cpu->if_block)
        cpu->if_block = IF_NONE;
    cpu->cur = NULL;

    /* Count the instruction about to begin, or leave if the budget is
       spent: `leave` makes cpu->psw.ia its address. */
#define COUNT(leave)                                      \
    do {                                                  \
        if (unlikely(done >= cpu->budget)) {              \
            leave;                                        \
            return;                                       \
        }                                                 \
        cpu->done = ++done;                               \
    } while (0)

    /* After a branch taken (flag BR, and not to the next address), the
       next address is taken from where this instruction went last time
       when it is the same: the lookup then waits for that load, not for
       the chain of loads that computed the target (the comparison's
       branch is predicted), and a loop's next iteration starts before
       its branch is worked out.  The asm hides that the two are equal,
       lest the compiler use the computed value after all. */
#define PREDICT(fl)                                                       \
    {                                                                     \
        static uint32_t last;                                             \
        uint32_t p = last;                                                \
        bool hit = ia == p;                                               \
        __asm__("" : "+r"(hit));                                          \
        if (likely(hit))                                                  \
            ia = p;                                                       \
        else                                                              \
            last = ia;                                                    \
    }

/* The instruction at ia, found through the fetch cache. */
branch:
    COUNT(cpu->cur = NULL);
branch_counted: {
        uint32_t off = ia - cpu->if_block;
        if (unlikely((off >> 1 | off << 31) > 0x3FF)) {
            ifetch_block(cpu, ia);
            cpu->if_pb = pcache_block(cpu, cpu->if_block, &&decode, &&block_end);
            off = ia & 0x7FF;
        }
        e = &cpu->if_pb->e[off >> 1];
        hp = cpu->if_host + off;
        goto *e->op;
    }

/* Past the end of a block: the next instruction (already counted) is in
   the next one. */
block_end:
    ia = e->ia & AMASK24;
    goto branch_counted;

/* An entry never filled, or whose instruction has changed. */
decode: {
        unsigned len = insn_len(hp[0]), op0 = hp[0];
        const struct insn_info *in;
        void *op = &&slow_insn;
        if ((e->ia & 0x7FF) + len <= 0x800 && (in = insn_lookup(hp)) != NULL) {
            op = group_of[op0] ? secondary[group_of[op0]][insn_group_sub(hp)] : primary[op0];
            pinsn_fields(e, hp, in->fmt);
            if (in->fmt == F_RX && e->x2 == 16 && primary_x0[op0])
                op = primary_x0[op0];
            if ((op0 == 0x90 || op0 == 0x98) && e->r1 == 14 && e->r3 == 12)
                op = op0 == 0x90 ? &&op_STM_LINK : &&op_LM_LINK;
            e->raw = insn_raw(hp, len);
        }
        e->op = op;
        goto *op;
    }

/* An instruction not in the table, or one that crosses into the next
   block: fetched and dispatched the slow way. */
slow_insn: {
        ia = e->ia;
        const uint8_t *ip = hp;
        unsigned len = insn_len(hp[0]);
        cpu->cur = NULL;
        cpu->insn_ia = ia;
        if ((ia & 0x7FF) + len > 0x800)
            ip = ifetch_tail(cpu, ia, hp);
        else
            e->op = &&decode; /* its bytes may change */
        cpu->ilc = (uint8_t)(len >> 1);
        cpu->psw.ia = (ia + len) & AMASK24;
        dispatch_outline(cpu, ip);
        ia = cpu->psw.ia;
        goto branch;
    }

/* A row's case.  Rows that may branch or change how instructions are
   fetched have the PSW's address, the instruction's and its length stored
   first; a plain branch (JUMP) only the PSW's address (to see whether it
   changed) and the length; the others only their entry (cpu->cur), from
   which a program exception works them out. */
#define CASE(label, len, mn, fmt, ops, fl)                                \
    label:                                                                \
        if (unlikely(insn_raw(hp, len) != e->raw))                        \
            goto decode;                                                  \
        if ((fl) & JUMP) {                                                \
            next = (e->ia + (len)) & AMASK24;                             \
            cpu->psw.ia = next;                                           \
            cpu->ilc = (len) >> 1;                                        \
        } else if ((fl) & (BR | PRIV | FETCH)) {                          \
            ia = e->ia;                                                   \
            cpu->cur = NULL;                                              \
            cpu->insn_ia = ia;                                            \
            cpu->ilc = (len) >> 1;                                        \
            next = (ia + (len)) & AMASK24;                                \
            cpu->psw.ia = next;                                           \
        } else {                                                          \
            cpu->cur = e;                                                 \
        }                                                                 \
        insn_checks(cpu, hp, F_##fmt, fl);                                \
        op_##mn(cpu, ops(cpu, e));                                        \
        if ((fl) & (PRIV | FETCH)) {                                      \
            ia = cpu->psw.ia;                                             \
            goto branch;                                                  \
        }                                                                 \
        if (((fl) & BR) && cpu->psw.ia != next) {                         \
            ia = cpu->psw.ia;                                             \
            PREDICT(fl);                                                  \
            goto branch;                                                  \
        }                                                                 \
        e += (len) / 2;                                                   \
        hp += (len);                                                      \
        COUNT((cpu->psw.ia = e->ia & AMASK24, cpu->cur = NULL));          \
        goto *e->op;
#define OP(code, mn, fmt, fl)                                             \
    CASE(op_##mn, INSN_LEN(code), mn, fmt, ops_##fmt, fl)                 \
    RX_ONLY_##fmt(CASE(op_##mn##_x0, INSN_LEN(code), mn, fmt, ops_RX0, fl))
#define OPX(g, s, mn, fmt, fl) CASE(op_##mn, INSN_LEN(g), mn, fmt, ops_##fmt, fl)
#include "insn.h.inc"
#undef OP
#undef OPX
    /* Forms of a row that decode gives cases of their own: STM and LM
       14,12 (insn_general.c.inc). */
    CASE(op_STM_LINK, 4, STM_LINK, RS, ops_RS, 0)
    CASE(op_LM_LINK, 4, LM_LINK, RS, ops_RS, 0)
#undef CASE
#undef COUNT
#undef PREDICT
}

/*
 * Run up to n instructions.  Returns early when cpu_set_pending() is called
 * (an interruption may be due, the PSW changed, the machine must stop).
 */
int cpu_run(struct cpu *cpu, int64_t n)
{
    uint64_t saved[3];
    LOOP_SAVE(saved);
    cpu->budget = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
    cpu->done = 0;
    int code = setjmp(cpu->progjmp);
    if (code) {
        const struct pinsn *e = cpu->cur;
        if (e) {
            /* The fast loop stored only the instruction's entry. */
            unsigned len = pinsn_len(e);
            cpu->insn_ia = e->ia;
            cpu->ilc = (uint8_t)(len >> 1);
            cpu->psw.ia = (e->ia + len) & AMASK24;
            cpu->cur = NULL;
        }
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
    LOOP_RESTORE(saved);
    return 0;
}

/* Execute exactly one instruction (for tests and single-stepping). */
void cpu_step(struct cpu *cpu)
{
    cpu_run(cpu, 1);
}
