/*
 * timer.h - TOD clock and CPU timers (timer.c).
 */
#ifndef CPCMS_TIMER_H
#define CPCMS_TIMER_H

#include <stdint.h>

struct machine;

/* Deterministic mode: TOD units per instruction (64 = 1/64 microsecond). */
#define DET_TOD_PER_INSN 64

void timer_init(struct machine *m);
uint64_t tod_unique(struct machine *m);
void tod_set(struct machine *m, uint64_t v);
int64_t cpu_timer_get(struct machine *m);
void cpu_timer_set(struct machine *m, int64_t v);
void timer_changed(struct machine *m);
void timer_update(struct machine *m);
uint64_t timer_next(struct machine *m);
void tod_advance_to(struct machine *m, uint64_t when);

#endif
