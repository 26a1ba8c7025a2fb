/*
 * per.h - program-event recording hooks (per.c), used while PER is active.
 */
#ifndef CPCMS_PER_H
#define CPCMS_PER_H

#include <stdint.h>

struct cpu;

void per_before(struct cpu *cpu, uint32_t ia, unsigned len);
void per_store(struct cpu *cpu, uint32_t addr);
void per_collect(struct cpu *cpu);
void per_after(struct cpu *cpu);

#endif
