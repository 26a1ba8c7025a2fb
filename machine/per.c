/*
 * per.c - program-event recording (GA22-7000, chapter 4, "Program-Event
 * Recording"): successful branching, instruction fetching, storage
 * alteration and general-register alteration, controlled by the PSW's PER
 * mask (EC mode) and control registers 9 (event and register masks), 10
 * and 11 (the storage area, which wraps past 16M).
 *
 * In S/370 every PER event lets the instruction complete: the old PSW
 * points to the next instruction, the PER address (location 152) to the
 * instruction (or its EXECUTE), the PER code (location 150) says which
 * events happened.  With PER active the CPU runs the instrumented loop
 * (cpu_exec.c run_debug), which calls per_before() and per_after() around
 * each instruction; stores reach per_store() because the TLB holds no
 * write tags while PER is active (storage.c).
 *
 * Register alteration is detected by comparing the registers before and
 * after the instruction, so a register loaded with the value it already
 * held is not reported (the architecture would report it).
 */
#include "machine.h"
#include "per.h"

#define CR9_BRANCH 0x80000000u
#define CR9_IFETCH 0x40000000u
#define CR9_STORE 0x20000000u
#define CR9_GREG 0x10000000u

#define PERC_BRANCH 0x8000
#define PERC_IFETCH 0x4000
#define PERC_STORE 0x2000
#define PERC_GREG 0x1000

/* Is addr inside the monitored area (CR10 to CR11, wrapping)? */
static bool in_area(const struct cpu *cpu, uint32_t addr)
{
    uint32_t start = cpu->cr[10] & AMASK24, end = cpu->cr[11] & AMASK24;
    addr &= AMASK24;
    if (start <= end)
        return addr >= start && addr <= end;
    return addr >= start || addr <= end;
}

void per_before(struct cpu *cpu, uint32_t ia, unsigned len)
{
    cpu->per_addr = ia;
    cpu->branch_taken = false;
    if (cpu->cr[9] & CR9_IFETCH) {
        for (unsigned i = 0; i < len; i++)
            if (in_area(cpu, ia + i)) {
                cpu->per_code |= PERC_IFETCH;
                break;
            }
    }
    if (cpu->cr[9] & CR9_GREG)
        memcpy(cpu->per_gr, cpu->gr, sizeof cpu->gr);
}

void per_store(struct cpu *cpu, uint32_t addr)
{
    if ((cpu->cr[9] & CR9_STORE) && in_area(cpu, addr))
        cpu->per_code |= PERC_STORE;
}

/* Add the branch and register events of the instruction just ended. */
void per_collect(struct cpu *cpu)
{
    uint32_t cr9 = cpu->cr[9];
    if ((cr9 & CR9_BRANCH) && cpu->branch_taken)
        cpu->per_code |= PERC_BRANCH;
    if (cr9 & CR9_GREG) {
        for (int r = 0; r < 16; r++)
            if ((cr9 & (0x8000u >> r)) && cpu->gr[r] != cpu->per_gr[r])
                cpu->per_code |= PERC_GREG;
    }
}

/* After an instruction that completed: a PER interruption if any event. */
void per_after(struct cpu *cpu)
{
    per_collect(cpu);
    if (cpu->per_code)
        cpu_program_check(cpu, PGM_PER);
}
