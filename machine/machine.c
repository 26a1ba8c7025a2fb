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
#include <sys/epoll.h>
#include <unistd.h>
#include <stdlib.h>
#include <time.h>

#include "machine.h"
#include "interrupt.h"
#include "timer.h"
#include "debug.h"
#include "dev.h"
#include "pcache.h"

#define SLICE 50000

struct machine *machine_new(uint32_t memsize, bool deterministic)
{
    if (memsize == 0 || memsize > MAX_STORAGE || (memsize & 0xFFF))
        return NULL;
    struct machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->epfd = -1;
    m->mem = calloc(memsize + 16, 1); /* slack for 8- and 16-byte loads at the end: insn_raw(), decimal operands */
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
    free(m->watch);
    free(m->pfd);
    if (m->epfd >= 0)
        close(m->epfd);
    pcache_free(&m->cpu);
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

/*
 * Watches.  The table holds every watched fd with its flags and callback.
 * Watches without flags (the TN3270 connections: there may be thousands)
 * are also in an epoll set, so that a poll costs what is ready, not what
 * is watched; the epoll fd is one entry of the poll() array.  A fd epoll
 * refuses (a regular file, /dev/null as stdin) stays in the poll() array.
 */
static int find_watch(const struct machine *m, int fd)
{
    for (int i = 0; i < m->nwatch; i++)
        if (m->watch[i].fd == fd)
            return i;
    return -1;
}

static void epoll_forget(struct machine *m, struct watch *w)
{
    if (w->in_epoll) {
        epoll_ctl(m->epfd, EPOLL_CTL_DEL, w->fd, NULL);
        w->in_epoll = false;
        m->nepoll--;
    }
}

void machine_watch_fd_flags(struct machine *m, int fd, unsigned flags,
                            void (*fn)(struct machine *, void *), void *arg)
{
    int i = find_watch(m, fd);
    if (i < 0) {
        if (m->nwatch == m->capwatch) {
            int cap = m->capwatch ? 2 * m->capwatch : 16;
            struct watch *w = cap <= MAX_WATCH ? realloc(m->watch, (size_t)cap * sizeof *w) : NULL;
            struct pollfd *p = w ? realloc(m->pfd, (size_t)cap * sizeof *p) : NULL;
            if (w)
                m->watch = w;
            if (!p)
                abort();    /* callers check machine_watch_room() first */
            m->pfd = p;
            m->capwatch = cap;
        }
        i = m->nwatch++;
        m->watch[i].in_epoll = false;
    } else {
        epoll_forget(m, &m->watch[i]);
    }
    struct watch *w = &m->watch[i];
    w->fd = fd;
    w->flags = flags;
    w->fn = fn;
    w->arg = arg;
    if (flags == 0) {
        if (m->epfd < 0)
            m->epfd = epoll_create1(EPOLL_CLOEXEC);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        if (m->epfd >= 0 && epoll_ctl(m->epfd, EPOLL_CTL_ADD, fd, &ev) == 0) {
            w->in_epoll = true;
            m->nepoll++;
        }
    }
}

bool machine_watch_room(const struct machine *m)
{
    return m->nwatch < MAX_WATCH;
}

void machine_watch_fd(struct machine *m, int fd, void (*fn)(struct machine *, void *), void *arg)
{
    machine_watch_fd_flags(m, fd, 0, fn, arg);
}

void machine_unwatch_fd(struct machine *m, int fd)
{
    int i = find_watch(m, fd);
    if (i >= 0) {
        epoll_forget(m, &m->watch[i]);
        m->watch[i] = m->watch[--m->nwatch];
    }
}

/* Call the callback of fd's watch, if it is still watched (a callback
   may unwatch others). */
static void ready(struct machine *m, int fd)
{
    int i = find_watch(m, fd);
    if (i >= 0)
        m->watch[i].fn(m, m->watch[i].arg);
}

/* Poll the watches whose flags pass: none of `skip`, and all of `need`. */
static void poll_some(struct machine *m, int64_t timeout_us, unsigned skip, unsigned need)
{
    struct pollfd *p = m->pfd;
    int n = 0;
    bool with_epoll = need == 0 && m->nepoll > 0;
    for (int i = 0; i < m->nwatch; i++)
        if (!m->watch[i].in_epoll && !(m->watch[i].flags & skip) &&
            (m->watch[i].flags & need) == need)
            p[n++] = (struct pollfd){m->watch[i].fd, POLLIN, 0};
    if (with_epoll)
        p[n++] = (struct pollfd){m->epfd, POLLIN, 0};
    if (n == 0)
        return;
    int ms = timeout_us < 0 ? -1 : (int)((timeout_us + 999) / 1000);
    if (poll(p, (nfds_t)n, ms) <= 0)
        return;
    /* The callbacks may change the table: take the ready fds first. */
    int nready = 0;
    for (int i = 0; i < n; i++)
        if (p[i].revents)
            p[nready++].fd = p[i].fd;
    for (int i = 0; i < nready; i++) {
        if (with_epoll && p[i].fd == m->epfd) {
            struct epoll_event ev[256];
            int k = epoll_wait(m->epfd, ev, 256, 0);
            for (int j = 0; j < k; j++)
                ready(m, ev[j].data.fd);
        } else {
            ready(m, p[i].fd);
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
