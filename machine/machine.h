/*
 * machine.h - one simulated System/370: storage, keys, the CPU, the channels
 * with their devices, an event queue for device timing, and host I/O
 * watches.  Everything is reached through `struct machine *` so that a test
 * can build two machines side by side.
 *
 * The simulator is single-threaded: machine_run() alternates CPU slices with
 * due events and host I/O polling.  No device has a thread of its own.
 *
 * Neighbours: cpu.h (CPU state), channel.h (S/370 channel I/O),
 * devices/dev.h (device operations), timer.c (clocks), ipl.c.
 */
#ifndef CPCMS_MACHINE_H
#define CPCMS_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"
#include "channel.h"

/* Storage-key byte: bits 0-3 access key, 4 fetch protect, 5 ref, 6 change. */
#define SK_KEY 0xF0
#define SK_FETCH 0x08
#define SK_REF 0x04
#define SK_CHANGE 0x02

#define MAX_STORAGE (16u << 20)

/* Why machine_run() returned. */
enum stop {
    STOP_NONE,
    STOP_DISABLED_WAIT,  /* wait PSW with I/O, external and MC disabled */
    STOP_CHECKSTOP,      /* e.g. an invalid new PSW looping */
    STOP_TIME_LIMIT,     /* --max-seconds elapsed */
    STOP_INSN_LIMIT,
    STOP_OPERATOR,       /* operator STOP, breakpoint */
    STOP_QUIT,           /* console asked the simulator to end */
    STOP_HUNG,           /* enabled wait, but nothing can ever interrupt */
};

struct event {
    uint64_t when;                /* machine TOD (bit 51 = 1 microsecond) */
    void (*fn)(struct machine *m, void *arg);
    void *arg;
    struct event *next;
};

#define MAX_WATCH 8192    /* host fds watched at once (the table grows to this) */
/* When a watched fd is polled (besides while the CPU waits or the machine
   is stopped, when every watch is):
   default        after every slice, except in the deterministic mode;
   WATCH_CONTROL  after every slice, also in the deterministic mode (the
                  operator and the debugger, which must be able to stop it);
   WATCH_IDLE     only while the CPU waits or the machine is stopped (a
                  scripted operator, whose next line must wait for that). */
#define WATCH_CONTROL 0x1
#define WATCH_IDLE 0x2
struct pollfd;
struct watch {
    int fd;
    unsigned flags;
    bool in_epoll;         /* in the machine's epoll set (machine.c) */
    void (*fn)(struct machine *m, void *arg);
    void *arg;
};

struct machine {
    uint8_t *mem;          /* absolute storage */
    uint32_t memsize;      /* bytes, a multiple of 4K */
    uint8_t *keys;         /* one storage-key byte per 2K block */
    struct cpu cpu;
    struct chan chan;
    bool deterministic;    /* TOD advances with instructions executed */
    uint64_t det_base;     /* deterministic TOD at instruction count 0 */
    struct event *events;  /* sorted by time */
    struct watch *watch;   /* nwatch of capwatch, grown as needed */
    int nwatch, capwatch;
    struct pollfd *pfd;    /* poll()'s array, capwatch long (poll.h) */
    int epfd;              /* the epoll set of the watches without flags */
    int nepoll;            /* watches in it */
    double max_seconds;    /* 0: no limit */
    uint64_t max_insns;    /* 0: no limit */
    FILE *console_out;     /* where the 3215 writes (batch: stdout) */
    int console_in;        /* fd the 3215 reads (batch: 0) */
    struct debug *dbg;     /* trace, history, breakpoints, symbols (debug.c) */
    enum stop stop;
    const char *stop_msg;
};

struct machine *machine_new(uint32_t memsize, bool deterministic);
void machine_free(struct machine *m);
/* Run until the CPU stops (see enum stop). */
enum stop machine_run(struct machine *m);
void machine_stop(struct machine *m, enum stop why, const char *msg);
/* Single-step: take one pending enabled interruption, if any, then execute
   one instruction (none in the wait state), ignoring a breakpoint at the
   instruction.  Returns STOP_NONE, or why the machine cannot go on
   (STOP_DISABLED_WAIT, STOP_CHECKSTOP). */
enum stop machine_step(struct machine *m);

/* Events, at a machine TOD value. */
void machine_schedule(struct machine *m, uint64_t when,
                      void (*fn)(struct machine *, void *), void *arg);
void machine_cancel(struct machine *m, void (*fn)(struct machine *, void *), void *arg);
/* Call fn when fd has input (or EOF); a second watch of one fd replaces the
   first.  machine_watch_fd_flags() also says when to poll (WATCH_xxx). */
void machine_watch_fd(struct machine *m, int fd,
                      void (*fn)(struct machine *, void *), void *arg);
void machine_watch_fd_flags(struct machine *m, int fd, unsigned flags,
                            void (*fn)(struct machine *, void *), void *arg);
void machine_unwatch_fd(struct machine *m, int fd);
/* Can another fd be watched (MAX_WATCH)? */
bool machine_watch_room(const struct machine *m);
/* Poll every watched fd; wait up to timeout_us (0: don't wait, -1: until
   one has input).  Returns at once when nothing is watched. */
void machine_poll(struct machine *m, int64_t timeout_us);

/* Storage access for channels, IPL and tools: absolute addresses. */
static inline bool abs_valid(const struct machine *m, uint32_t addr, uint32_t len)
{
    return addr < m->memsize && len <= m->memsize - addr;
}

/* Convert real to absolute (prefixing). */
static inline uint32_t real_to_abs(const struct cpu *cpu, uint32_t raddr)
{
    uint32_t page = raddr & ~0xFFFu;
    if (page == 0)
        return raddr + cpu->prefix;
    if (page == cpu->prefix)
        return raddr - cpu->prefix;
    return raddr;
}

/* TOD (timer.c). */
uint64_t tod_now(struct machine *m);

#endif
