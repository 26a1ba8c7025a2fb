/*
 * interrupt.h - taking interruptions (interrupt.c).
 */
#ifndef CPCMS_INTERRUPT_H
#define CPCMS_INTERRUPT_H

#include <stdbool.h>

struct cpu;

void cpu_take_program(struct cpu *cpu, int code);
bool cpu_interrupt_pending(struct cpu *cpu);
bool cpu_wait_enabled(const struct cpu *cpu);
bool cpu_take_interrupt(struct cpu *cpu);
void cpu_restart(struct cpu *cpu);

#endif
