/*
 * interrupt.c - the PSW and the interruption mechanism (GA22-7000, chapter
 * 4 "Control" and chapter 6 "Interruptions"): BC- and EC-mode PSW formats,
 * the PSW swap through the old and new PSW locations of the prefix area,
 * interruption codes and ILC, and the priority of pending external and I/O
 * conditions.
 *
 * A program exception unwinds the instruction with longjmp to the loop in
 * cpu_exec.c, which calls cpu_take_program().  Which end a program
 * interruption has (nullified, suppressed, completed) decides the
 * instruction address in the old PSW: nullified instructions point at
 * themselves, the rest at the next instruction.
 */
#include "machine.h"
#include "interrupt.h"
#include "dev.h"
#include "per.h"

/* Prefix-area locations (GA22-7000, "Assigned Storage Locations"). */
enum {
    LOC_RESTART_NEW = 0x00, LOC_RESTART_OLD = 0x08,
    LOC_EXT_OLD = 0x18, LOC_SVC_OLD = 0x20, LOC_PGM_OLD = 0x28,
    LOC_MC_OLD = 0x30, LOC_IO_OLD = 0x38,
    LOC_EXT_NEW = 0x58, LOC_SVC_NEW = 0x60, LOC_PGM_NEW = 0x68,
    LOC_MC_NEW = 0x70, LOC_IO_NEW = 0x78,
    LOC_EXT_CPUADDR = 0x84, LOC_EXT_CODE = 0x86,
    LOC_SVC_ILC = 0x89, LOC_SVC_CODE = 0x8A,
    LOC_PGM_ILC = 0x8D, LOC_PGM_CODE = 0x8E,
    LOC_TEA = 0x90, LOC_MONCLASS = 0x95, LOC_PER_CODE = 0x96,
    LOC_PER_ADDR = 0x98, LOC_MON_CODE = 0x9C, LOC_IO_ADDR = 0xBA,
};

void psw_store(const struct cpu *cpu, uint8_t out[8], uint16_t intcode, int ilc)
{
    const struct psw *p = &cpu->psw;
    out[0] = p->sysmask;
    out[1] = (uint8_t)(p->key << 4 | (p->ec ? 8 : 0) | p->mcheck << 2 | p->wait << 1 | p->problem);
    if (p->ec) {
        out[2] = (uint8_t)(p->ecbad[0] | p->cc << 4 | p->progmask);
        out[3] = p->ecbad[1];
        out[4] = p->ecbad[2];
    } else {
        put16(out + 2, intcode);
        out[4] = (uint8_t)((ilc & 3) << 6 | p->cc << 4 | p->progmask);
    }
    out[5] = (uint8_t)(p->ia >> 16);
    out[6] = (uint8_t)(p->ia >> 8);
    out[7] = (uint8_t)p->ia;
}

/*
 * Load a PSW from 8 bytes.  The PSW is always loaded; the result is
 * PGM_SPECIFICATION when an EC-mode PSW has a nonzero bit where the
 * architecture requires zero (the caller then recognizes the exception
 * early, with ILC 0, and the invalid PSW, bits and all, becomes the old
 * PSW: GA22-7000, "Exceptions Associated with the PSW"), else 0.
 */
int psw_load(struct cpu *cpu, const uint8_t in[8])
{
    struct psw *p = &cpu->psw;
    p->sysmask = in[0];
    p->key = in[1] >> 4;
    p->ec = (in[1] & 8) != 0;
    p->mcheck = (in[1] & 4) != 0;
    p->wait = (in[1] & 2) != 0;
    p->problem = (in[1] & 1) != 0;
    int bad = 0;
    p->ecbad[0] = p->ecbad[1] = p->ecbad[2] = 0;
    if (p->ec) {
        p->cc = (in[2] >> 4) & 3;
        p->progmask = in[2] & 15;
        p->intcode = 0;
        if ((in[0] & 0xB8) || (in[2] & 0xC0) || in[3] || in[4]) {
            p->ecbad[0] = in[2] & 0xC0;
            p->ecbad[1] = in[3];
            p->ecbad[2] = in[4];
            bad = PGM_SPECIFICATION;
        }
    } else {
        p->intcode = be16(in + 2);
        p->ilc = in[4] >> 6;
        p->cc = (in[4] >> 4) & 3;
        p->progmask = in[4] & 15;
    }
    p->ia = (uint32_t)in[5] << 16 | (uint32_t)in[6] << 8 | in[7];
    cpu_psw_changed(cpu);
    return bad;
}

/* Recompute what depends on the PSW; call after any change to it. */
void cpu_psw_changed(struct cpu *cpu)
{
    uint8_t dat = cpu->psw.ec && (cpu->psw.sysmask & EC_DAT);
    if (dat != cpu->dat)
        cpu->if_block = IF_NONE;
    cpu->dat = dat;
    cpu->tlb_cur = cpu->tlb[dat];
    cpu->key_tag = (uint32_t)cpu->psw.key << 4 | 1;
    cpu->if_block = IF_NONE; /* key or mode may differ: refetch through the TLB */
    bool per = cpu->psw.ec && (cpu->psw.sysmask & EC_PER) && (cpu->cr[9] & 0xF0000000);
    if (per != cpu->per_active)
        cpu_tlb_flush(cpu);
    cpu->per_active = per;
    cpu->debug = per || cpu->dbg_active;
    cpu_set_pending(cpu); /* masks may have opened */
}

static uint8_t *prefix_area(struct cpu *cpu)
{
    struct machine *m = cpu->m;
    m->keys[cpu->prefix >> 11] |= SK_REF | SK_CHANGE;
    return m->mem + cpu->prefix;
}

/* Store the old PSW, load the new one; recognize a bad new PSW early.
   The old PSW is the current one as it is: taken out of the wait state,
   it has the wait bit on. */
static void psw_swap(struct cpu *cpu, int old, int new, uint16_t intcode, int ilc)
{
    uint8_t *low = prefix_area(cpu);
    psw_store(cpu, low + old, intcode, ilc);
    cpu->in_execute = false;
    if (psw_load(cpu, low + new)) {
        if (new == LOC_PGM_NEW) {
            /* The program new PSW itself is invalid: the interruption would
               repeat forever.  A real CPU loops; we stop and say so. */
            cpu->check_stop = true;
            machine_stop(cpu->m, STOP_CHECKSTOP, "program new PSW is invalid (interruption loop)");
            return;
        }
        cpu->ilc = 0;
        cpu_take_program(cpu, PGM_SPECIFICATION);
    }
}

static bool nullifying(int code)
{
    code &= 0x7F;
    return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION;
}

_Noreturn void cpu_program_check(struct cpu *cpu, int code)
{
    longjmp(cpu->progjmp, code);
}

/*
 * Take a program interruption for `code` raised by the current instruction.
 * cpu->psw.ia is the address of the next sequential instruction (or a branch
 * target set before the exception); cpu->ilc the length used for the ILC.
 */
void cpu_take_program(struct cpu *cpu, int code)
{
    int ilc = cpu->ilc;
    if (cpu->in_execute)
        ilc = 2; /* EXECUTE is 4 bytes; its address is what we report */
    if (nullifying(code) && ilc)
        cpu->psw.ia = cpu->in_execute ? cpu->exec_ia : cpu->insn_ia;
    if (cpu->in_execute && !nullifying(code))
        cpu->psw.ia = (cpu->exec_ia + 4) & AMASK24;
    uint8_t *low = prefix_area(cpu);
    if (cpu->per_active && code != PGM_PER)
        per_collect(cpu); /* events of the instruction the exception ended */
    if (cpu->per_code && (cpu->psw.sysmask & EC_PER)) {
        code |= PGM_PER;
        put16(low + LOC_PER_CODE, cpu->per_code);
        put32(low + LOC_PER_ADDR, cpu->per_addr & AMASK24);
    }
    cpu->per_code = 0;
    if ((code & 0x7F) == PGM_SEGMENT_TRANSLATION || (code & 0x7F) == PGM_PAGE_TRANSLATION)
        put32(low + LOC_TEA, cpu->tea & AMASK24);
    if (cpu->psw.ec) {
        low[LOC_PGM_ILC - 1] = 0;
        low[LOC_PGM_ILC] = (uint8_t)(ilc << 1);
        put16(low + LOC_PGM_CODE, (uint16_t)code);
    }
    cpu->stats_pgm++;
    psw_swap(cpu, LOC_PGM_OLD, LOC_PGM_NEW, (uint16_t)code, ilc);
}

void cpu_svc_interrupt(struct cpu *cpu, int code)
{
    uint8_t *low = prefix_area(cpu);
    int ilc = cpu->in_execute ? 2 : cpu->ilc;
    if (cpu->in_execute)
        cpu->psw.ia = (cpu->exec_ia + 4) & AMASK24;
    if (cpu->psw.ec) {
        low[LOC_SVC_ILC - 1] = 0;
        low[LOC_SVC_ILC] = (uint8_t)(ilc << 1);
        put16(low + LOC_SVC_CODE, (uint16_t)code);
    }
    psw_swap(cpu, LOC_SVC_OLD, LOC_SVC_NEW, (uint16_t)code, ilc);
}

/* External interruptions enabled by the PSW (bit 7 in both modes). */
static bool ext_enabled(const struct cpu *cpu)
{
    return (cpu->psw.sysmask & 0x01) != 0;
}

/* Pending external conditions allowed by the CR0 subclass masks. */
static uint32_t ext_allowed(struct cpu *cpu)
{
    uint32_t cr0 = cpu->cr[0], p = cpu->ext_pending, r = 0;
    if ((p & EXT_EMERGENCY) && (cr0 & 0x4000)) r |= EXT_EMERGENCY;
    if ((p & EXT_CALL) && (cr0 & 0x2000)) r |= EXT_CALL;
    if ((p & EXT_CKC) && (cr0 & 0x0800)) r |= EXT_CKC;
    if ((p & EXT_CPUTIMER) && (cr0 & 0x0400)) r |= EXT_CPUTIMER;
    if ((p & EXT_INTERVAL) && (cr0 & 0x0080)) r |= EXT_INTERVAL;
    if ((p & EXT_KEY) && (cr0 & 0x0040)) r |= EXT_KEY;
    if ((p & EXT_SIGNAL) && (cr0 & 0x0020)) r |= EXT_SIGNAL;
    return r;
}

/* Is any interruption pending that the current PSW and CRs enable? */
bool cpu_interrupt_pending(struct cpu *cpu)
{
    if (ext_enabled(cpu) && ext_allowed(cpu))
        return true;
    return chan_int_pending(cpu->m);
}

/* May the CPU ever leave this wait state (is anything enabled)? */
bool cpu_wait_enabled(const struct cpu *cpu)
{
    const struct psw *p = &cpu->psw;
    if (p->mcheck || (p->sysmask & 0x01))
        return true;
    if (p->ec)
        return (p->sysmask & EC_IO) != 0;
    return (p->sysmask & 0xFE) != 0;
}

/*
 * Take the highest-priority enabled interruption, if any (external before
 * I/O).  Returns true when one was taken.
 */
bool cpu_take_interrupt(struct cpu *cpu)
{
    if (ext_enabled(cpu)) {
        uint32_t a = ext_allowed(cpu);
        uint16_t code = 0;
        if (a & EXT_EMERGENCY) {
            code = 0x1201;
            cpu->ext_pending &= ~EXT_EMERGENCY;
        } else if (a & EXT_CALL) {
            code = 0x1202;
            cpu->ext_pending &= ~EXT_CALL;
        } else if (a & EXT_CKC) {
            code = 0x1004; /* stays pending while TOD > CKC: timer.c decides */
            cpu->ext_pending &= ~EXT_CKC;
        } else if (a & EXT_CPUTIMER) {
            code = 0x1005;
            cpu->ext_pending &= ~EXT_CPUTIMER;
        } else if (a & (EXT_INTERVAL | EXT_KEY | EXT_SIGNAL)) {
            if (a & EXT_INTERVAL) code |= 0x0080;
            if (a & EXT_KEY) code |= 0x0040;
            if (a & EXT_SIGNAL) code |= 0x0020;
            cpu->ext_pending &= ~(a & (EXT_INTERVAL | EXT_KEY | EXT_SIGNAL));
        }
        if (code) {
            uint8_t *low = prefix_area(cpu);
            if (cpu->psw.ec) {
                put16(low + LOC_EXT_CPUADDR, 0);
                put16(low + LOC_EXT_CODE, code);
            }
            psw_swap(cpu, LOC_EXT_OLD, LOC_EXT_NEW, code, 0);
            return true;
        }
    }
    if (chan_int_pending(cpu->m)) {
        struct device *dev = chan_int_take(cpu->m);
        if (dev) {
            uint8_t *low = prefix_area(cpu);
            uint16_t addr = dev->addr;
            if (cpu->psw.ec)
                put16(low + LOC_IO_ADDR, addr);
            psw_swap(cpu, LOC_IO_OLD, LOC_IO_NEW, addr, 0);
            return true;
        }
    }
    return false;
}

/* The restart key: old PSW at 8, new PSW from 0. */
void cpu_restart(struct cpu *cpu)
{
    cpu->stopped = false;
    psw_swap(cpu, LOC_RESTART_OLD, LOC_RESTART_NEW, 0, 0);
}
