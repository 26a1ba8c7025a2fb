/*
 * timer.c - the TOD clock, clock comparator, CPU timer and the interval
 * timer at real location 80 (GA22-7000, chapter 4 "Timing").
 *
 * TOD values count from 1900 with bit 51 = 1 microsecond.  In real-time
 * mode the TOD follows the host clock (plus the offset SCK sets).  In the
 * deterministic mode it advances by DET_TOD_PER_INSN for every instruction
 * executed and jumps ahead when the CPU waits, so that a run repeats exactly.
 *
 * Timer conditions are evaluated at instruction-slice boundaries (see
 * machine.c); the slice is short enough that this is invisible to programs.
 */
#include <time.h>

#include "machine.h"
#include "timer.h"

#define TOD_PER_US 4096ull
#define TOD_1970 (2208988800ull * 1000000ull * TOD_PER_US)
/* Deterministic mode: the TOD starts at 2000-01-01 00:00:00. */
#define TOD_2000 (3155673600ull * 1000000ull * TOD_PER_US)

static uint64_t host_tod(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t us = (uint64_t)ts.tv_sec * 1000000ull + (uint64_t)ts.tv_nsec / 1000;
    uint64_t sub = ((uint64_t)ts.tv_nsec % 1000) * TOD_PER_US / 1000;
    return TOD_1970 + us * TOD_PER_US + sub;
}

void timer_init(struct machine *m)
{
    struct cpu *cpu = &m->cpu;
    m->det_base = TOD_2000;
    cpu->tod_offset = 0;
    cpu->timer_mark = tod_now(m);
    cpu->interval_mark = cpu->timer_mark;
    cpu->cpu_timer = 0;
    cpu->ckc = ~0ull;
}

uint64_t tod_now(struct machine *m)
{
    if (m->deterministic)
        return m->det_base + cpu_icount(&m->cpu) * DET_TOD_PER_INSN + m->cpu.tod_offset;
    return host_tod() + m->cpu.tod_offset;
}

/* STCK: the TOD value, unique and increasing across calls. */
uint64_t tod_unique(struct machine *m)
{
    uint64_t t = tod_now(m);
    if (t <= m->cpu.tod_last)
        t = m->cpu.tod_last + 1;
    m->cpu.tod_last = t;
    return t;
}

/* SCK: later TOD values continue from v. */
void tod_set(struct machine *m, uint64_t v)
{
    struct cpu *cpu = &m->cpu;
    timer_update(m);
    int64_t timer = cpu_timer_get(m);
    cpu->tod_offset = 0;
    cpu->tod_offset = v - tod_now(m);
    cpu->tod_last = 0;
    cpu->timer_mark = tod_now(m);
    cpu->interval_mark = cpu->timer_mark;
    cpu->cpu_timer = timer;
    timer_changed(m);
}

int64_t cpu_timer_get(struct machine *m)
{
    struct cpu *cpu = &m->cpu;
    return cpu->cpu_timer - (int64_t)(tod_now(m) - cpu->timer_mark);
}

void cpu_timer_set(struct machine *m, int64_t v)
{
    struct cpu *cpu = &m->cpu;
    cpu->cpu_timer = v;
    cpu->timer_mark = tod_now(m);
    timer_changed(m);
}

/* A timer value changed: re-evaluate the conditions at the next check. */
void timer_changed(struct machine *m)
{
    m->cpu.ext_pending &= ~(uint32_t)(EXT_CKC | EXT_CPUTIMER);
    cpu_set_pending(&m->cpu);
}

/*
 * Bring the interval timer up to date and raise the timer conditions.
 * The interval timer's bit 23 counts 1/300 s, so bit 31 is 1/76800 s:
 * elapsed TOD units * 76800 / (4096 * 10^6) = units * 3 / 160000.
 */
void timer_update(struct machine *m)
{
    struct cpu *cpu = &m->cpu;
    uint64_t now = tod_now(m);

    uint64_t units = now - cpu->interval_mark;
    uint64_t ticks = units * 3 / 160000;
    if (ticks) {
        cpu->interval_mark += ticks * 160000 / 3;
        uint8_t *loc = m->mem + cpu->prefix + 80;
        int32_t old = (int32_t)be32(loc);
        int32_t new = (int32_t)((uint32_t)old - (uint32_t)(ticks > 0x7FFFFFFF ? 0x7FFFFFFF : ticks));
        put32(loc, (uint32_t)new);
        m->keys[cpu->prefix >> 11] |= SK_REF | SK_CHANGE;
        if (old >= 0 && new < 0)
            cpu->ext_pending |= EXT_INTERVAL;
    }
    if (now > cpu->ckc)
        cpu->ext_pending |= EXT_CKC;
    if (cpu_timer_get(m) < 0)
        cpu->ext_pending |= EXT_CPUTIMER;
}

/*
 * The TOD at which the next timer condition arises that is not pending
 * yet (clock comparator passed, CPU timer or interval timer going
 * negative), for idling and for ending deterministic slices.  A condition
 * already pending but masked is no future event.  UINT64_MAX when none.
 */
uint64_t timer_next(struct machine *m)
{
    struct cpu *cpu = &m->cpu;
    uint64_t now = tod_now(m), next = UINT64_MAX;
    uint32_t cr0 = cpu->cr[0];
    if ((cr0 & 0x0800) && cpu->ckc >= now)
        next = cpu->ckc + 1;
    if (cr0 & 0x0400) {
        int64_t t = cpu_timer_get(m);
        if (t >= 0 && now + (uint64_t)t + 1 < next)
            next = now + (uint64_t)t + 1;
    }
    if (cr0 & 0x0080) {
        int32_t v = (int32_t)be32(m->mem + cpu->prefix + 80);
        if (v >= 0) {
            uint64_t at = cpu->interval_mark + ((uint64_t)v + 1) * 160000 / 3 + 1;
            if (at < next)
                next = at;
        }
    }
    return next;
}

/* Deterministic idle: move the clock forward to `when`. */
void tod_advance_to(struct machine *m, uint64_t when)
{
    uint64_t now = tod_now(m);
    if (m->deterministic && when > now)
        m->det_base += when - now;
}
