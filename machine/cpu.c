/*
 * cpu.c - CPU creation, resets (GA22-7000, "Resets": CPU reset, initial CPU
 * reset, clear reset) and the pending-attention mechanism of the run loop.
 */
#include <stdlib.h>

#include "machine.h"
#include "timer.h"

void cpu_init(struct cpu *cpu, struct machine *m)
{
    memset(cpu, 0, sizeof *cpu);
    cpu->m = m;
    cpu->if_block = IF_NONE;
    cpu_initial_reset(cpu);
}

/* CPU reset: pending interruptions cleared, the CPU stopped; registers and
   the PSW stay as they are. */
void cpu_reset(struct cpu *cpu, bool clear)
{
    cpu->ext_pending = 0;
    cpu->in_execute = false;
    cpu->per_code = 0;
    cpu->check_stop = false;
    cpu->psw.wait = false;
    cpu_tlb_flush(cpu);
    if (clear) {
        memset(cpu->gr, 0, sizeof cpu->gr);
        memset(cpu->fpr, 0, sizeof cpu->fpr);
        cpu->fpc = 0;
    }
}

/* Initial CPU reset: also the PSW, prefix, timers and control registers
   take their initial values. */
void cpu_initial_reset(struct cpu *cpu)
{
    cpu_reset(cpu, false);
    memset(&cpu->psw, 0, sizeof cpu->psw);
    cpu->prefix = 0;
    cpu->dat = 0;
    cpu->tlb_cur = cpu->tlb[0];
    cpu->key_tag = 1;
    memset(cpu->cr, 0, sizeof cpu->cr);
    cpu->cr[0] = 0x000000E0;  /* interval timer, interrupt key, ext signal */
    cpu->cr[2] = 0xFFFFFFFF;  /* all channel masks */
    cpu->cr[14] = 0xC2000000; /* check-stop, synchronous MC log, MC subclass */
    cpu->cr[15] = 0x00000200; /* MC extended logout address */
    cpu->fpc = 0;
    cpu->ckc = ~0ull;
    cpu->cpu_timer = 0;
    cpu->per_active = false;
    cpu_tlb_flush(cpu);
}

/* Something may need attention: end the current slice after this
   instruction (the loop compares what it has done with the budget). */
void cpu_set_pending(struct cpu *cpu)
{
    cpu->budget = 0;
}

/* Instructions executed so far (exact, also in the middle of a slice). */
uint64_t cpu_icount(const struct cpu *cpu)
{
    return cpu->icount + (uint64_t)cpu->done;
}
