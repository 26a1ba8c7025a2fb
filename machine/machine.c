/*
 * machine.c - a machine and its run loop: CPU slices, interruptions, the
 * wait state, due device events and host I/O, all on one thread.
 *
 * The loop, per turn: update the timers; run due events; take one enabled
 * pending interruption; then either idle (wait state) until the next event,
 * timer deadline or host input, or run a slice of instructions.  In the
 * deterministic mode idling moves the TOD clock forward instead of
 * sleeping, so that the same program gives the same run.
 */
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#include "machine.h"
#include "interrupt.h"
#include "timer.h"
#include "debug.h"
#include "dev.h"

#define SLICE 50000

struct machine *machine_new(uint32_t memsize, bool deterministic)
{
    if (memsize == 0 || memsize > MAX_STORAGE || (memsize & 0xFFF))
        return NULL;
    struct machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->mem = calloc(memsize, 1);
    m->keys = calloc(memsize >> 11, 1);
    if (!m->mem || !m->keys) {
        machine_free(m);
        return NULL;
    }
    m->memsize = memsize;
    m->deterministic = deterministic;
    m->console_out = stdout;
    m->console_in = 0;
    cpu_init(&m->cpu, m);
    timer_init(m);
    return m;
}

void machine_free(struct machine *m)
{
    if (!m)
        return;
    for (int i = 0; i < MAX_DEVADDR; i++)
        if (m->chan.dev[i])
            dev_destroy(m->chan.dev[i]);
    while (m->events) {
        struct event *e = m->events;
        m->events = e->next;
        free(e);
    }
    debug_free(m);
    free(m->mem);
    free(m->keys);
    free(m);
}

void machine_stop(struct machine *m, enum stop why, const char *msg)
{
    if (m->stop == STOP_NONE) {
        m->stop = why;
        m->stop_msg = msg;
    }
    cpu_set_pending(&m->cpu);
}

/* --- events ---------------------------------------------------------------- */

void machine_schedule(struct machine *m, uint64_t when,
                      void (*fn)(struct machine *, void *), void *arg)
{
    struct event *e = malloc(sizeof *e);
    if (!e)
        abort();
    e->when = when;
    e->fn = fn;
    e->arg = arg;
    struct event **pp = &m->events;
    while (*pp && (*pp)->when <= when)
        pp = &(*pp)->next;
    e->next = *pp;
    *pp = e;
    cpu_set_pending(&m->cpu);
}

void machine_cancel(struct machine *m, void (*fn)(struct machine *, void *), void *arg)
{
    struct event **pp = &m->events;
    while (*pp) {
        if ((*pp)->fn == fn && (*pp)->arg == arg) {
            struct event *e = *pp;
            *pp = e->next;
            free(e);
        } else {
            pp = &(*pp)->next;
        }
    }
}

static void run_events(struct machine *m)
{
    uint64_t now = tod_now(m);
    while (m->events && m->events->when <= now) {
        struct event *e = m->events;
        m->events = e->next;
        void (*fn)(struct machine *, void *) = e->fn;
        void *arg = e->arg;
        free(e);
        fn(m, arg);
    }
}

/* --- host I/O -------------------------------------------------------------- */

void machine_watch_fd_flags(struct machine *m, int fd, unsigned flags,
                            void (*fn)(struct machine *, void *), void *arg)
{
    for (int i = 0; i < m->nwatch; i++)
        if (m->watch[i].fd == fd) {
            m->watch[i] = (struct watch){fd, flags, fn, arg};
            return;
        }
    if (m->nwatch == MAX_WATCH)
        abort();
    m->watch[m->nwatch++] = (struct watch){fd, flags, fn, arg};
}

void machine_watch_fd(struct machine *m, int fd, void (*fn)(struct machine *, void *), void *arg)
{
    machine_watch_fd_flags(m, fd, 0, fn, arg);
}

void machine_unwatch_fd(struct machine *m, int fd)
{
    for (int i = 0; i < m->nwatch; i++)
        if (m->watch[i].fd == fd) {
            m->watch[i] = m->watch[--m->nwatch];
            return;
        }
}

/* Poll the watches whose flags pass: none of `skip`, and all of `need`. */
static void poll_some(struct machine *m, int64_t timeout_us, unsigned skip, unsigned need)
{
    struct pollfd p[MAX_WATCH];
    int n = 0;
    for (int i = 0; i < m->nwatch; i++)
        if (!(m->watch[i].flags & skip) && (m->watch[i].flags & need) == need)
            p[n++] = (struct pollfd){m->watch[i].fd, POLLIN, 0};
    if (n == 0)
        return;
    int ms = timeout_us < 0 ? -1 : (int)((timeout_us + 999) / 1000);
    if (poll(p, (nfds_t)n, ms) <= 0)
        return;
    for (int i = 0; i < n; i++) {
        if (!p[i].revents)
            continue;
        /* The callback may unwatch: find the entry again by fd. */
        for (int j = 0; j < m->nwatch; j++)
            if (m->watch[j].fd == p[i].fd) {
                m->watch[j].fn(m, m->watch[j].arg);
                break;
            }
    }
}

void machine_poll(struct machine *m, int64_t timeout_us)
{
    poll_some(m, timeout_us, 0, 0);
}

/* --- the run loop -------------------------------------------------------- */

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Wait in the wait state until something can happen; false if nothing can. */
static bool idle(struct machine *m)
{
    uint64_t now = tod_now(m);
    uint64_t next = timer_next(m);
    if (m->events && m->events->when < next)
        next = m->events->when;
    if (m->deterministic) {
        if (next != UINT64_MAX && !m->nwatch) {
            tod_advance_to(m, next);
            return true;
        }
        if (next != UINT64_MAX) {
            machine_poll(m, 0);
            tod_advance_to(m, next);
            return true;
        }
        if (!m->nwatch)
            return false;
        machine_poll(m, -1);
        return true;
    }
    if (next == UINT64_MAX && !m->nwatch)
        return false;
    int64_t us = next == UINT64_MAX ? 100000 : (int64_t)((next - now) / 4096);
    if (us > 100000)
        us = 100000; /* stay responsive to limits and the operator */
    if (us < 0)
        us = 0;
    if (m->nwatch) {
        machine_poll(m, us);
    } else if (us > 0) {
        struct timespec ts = {us / 1000000, (long)(us % 1000000) * 1000};
        nanosleep(&ts, NULL);
    }
    return true;
}

enum stop machine_step(struct machine *m)
{
    struct cpu *cpu = &m->cpu;
    m->stop = STOP_NONE;
    m->stop_msg = NULL;
    if (cpu->check_stop) {
        machine_stop(m, STOP_CHECKSTOP, "check-stop state");
        return m->stop;
    }
    timer_update(m);
    if (m->events)
        run_events(m);
    if (cpu_interrupt_pending(cpu))
        cpu_take_interrupt(cpu);
    if (m->stop != STOP_NONE)
        return m->stop;
    if (cpu->psw.wait) {
        if (!cpu_wait_enabled(cpu))
            machine_stop(m, STOP_DISABLED_WAIT, "disabled wait state");
        return m->stop;
    }
    bool stopped = cpu->stopped;
    const char *reason = cpu->stop_reason;
    debug_resume(m); /* no breakpoint stop at this very instruction */
    cpu_run(cpu, 1);
    cpu->stopped = stopped;
    cpu->stop_reason = reason;
    return m->stop;
}

enum stop machine_run(struct machine *m)
{
    struct cpu *cpu = &m->cpu;
    double start = wall_seconds();
    m->stop = STOP_NONE;
    m->stop_msg = NULL;
    unsigned turns = 0;
    while (m->stop == STOP_NONE) {
        timer_update(m);
        if (m->events)
            run_events(m);
        /* A stopped CPU takes no interruption: a breakpoint stop leaves the
           PSW at the breakpoint. */
        if (cpu->stopped) {
            machine_stop(m, STOP_OPERATOR, cpu->stop_reason);
            break;
        }
        if (cpu_interrupt_pending(cpu))
            cpu_take_interrupt(cpu);
        if (m->stop != STOP_NONE)
            break;
        if (cpu->psw.wait) {
            if (!cpu_wait_enabled(cpu)) {
                machine_stop(m, STOP_DISABLED_WAIT, "disabled wait state");
                break;
            }
            if (!idle(m)) {
                machine_stop(m, STOP_HUNG, "enabled wait state, but no interruption can ever come");
                break;
            }
        } else {
            int64_t n = SLICE;
            if (m->deterministic) {
                /* End the slice exactly when the next event or timer is
                   due, so device and timer timing repeat exactly. */
                uint64_t now = tod_now(m), due = timer_next(m);
                if (m->events && m->events->when < due)
                    due = m->events->when;
                if (due != UINT64_MAX) {
                    uint64_t k = due > now ? (due - now) / DET_TOD_PER_INSN + 1 : 1;
                    if (k < (uint64_t)n)
                        n = (int64_t)k;
                }
            }
            if (m->max_insns) {
                uint64_t done = cpu_icount(cpu);
                if (done >= m->max_insns) {
                    machine_stop(m, STOP_INSN_LIMIT, "instruction limit reached");
                    break;
                }
                if ((uint64_t)n > m->max_insns - done)
                    n = (int64_t)(m->max_insns - done);
            }
            cpu_run(cpu, n);
            if (m->nwatch) {
                if (m->deterministic)
                    poll_some(m, 0, 0, WATCH_CONTROL);
                else
                    poll_some(m, 0, WATCH_IDLE, 0);
            }
        }
        if (m->max_seconds > 0 && (++turns & 15) == 0 && wall_seconds() - start > m->max_seconds)
            machine_stop(m, STOP_TIME_LIMIT, "time limit reached");
    }
    return m->stop;
}
