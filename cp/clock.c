/*
 * clock.c - the TOD clock (GA22-7000, "Time-of-Day Clock"): read it, and
 * turn a value into the time and date CP shows.  Bit 51 is one
 * microsecond; the epoch is 1900-01-01 00:00:00 GMT.
 */
#include <stdio.h>

#include "cp.h"
#include "task.h"

uint64_t tod_now(void)
{
    uint64_t v;
    __asm__ volatile("stck %0" : "=Q"(v) : : "cc");
    return v;
}

static bool leap(unsigned y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

void tod_format(uint64_t tod, char time[9], char date[9], const char **weekday)
{
    static const char *const days[7] = {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                                        "FRIDAY", "SATURDAY", "SUNDAY"};
    static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    uint64_t secs = (tod >> 12) / 1000000;
    unsigned day = (unsigned)(secs / 86400), s = (unsigned)(secs % 86400);
    *weekday = days[day % 7];                   /* 1900-01-01 was a Monday */
    unsigned y = 1900;
    while (day >= (leap(y) ? 366u : 365u))
        day -= leap(y++) ? 366 : 365;
    unsigned m = 0;
    for (;;) {
        unsigned n = mdays[m] + (m == 1 && leap(y));
        if (day < n)
            break;
        day -= n;
        m++;
    }
    snprintf(time, 9, "%02u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
    snprintf(date, 9, "%02u/%02u/%02u", m + 1, day + 1, y % 100);
}

/*
 * Timers: tasks that wait for a TOD value (a guest waiting for its clock
 * comparator).  The real clock comparator is set to the earliest; its
 * interruption (or any check) wakes the tasks whose time has come.
 */
#define MAX_TIMERS 512   /* one a channel: VMs 256, terminals 2x32 and their logons 32, real devices 128 */

static struct { uint64_t when; const void *chan; } timers[MAX_TIMERS];
static int ntimers;                 /* the entries in use are below this */
static uint64_t armed = ~0ull;      /* what the real clock comparator holds */

static void set_comparator(uint64_t v)
{
    armed = v;
    __asm__ volatile("sckc %0" : : "Q"(v));
}

/* Wake the due timers; returns the earliest of the others (~0: none). */
static uint64_t check(void)
{
    uint64_t now = tod_now(), next = ~0ull;
    while (ntimers > 0 && !timers[ntimers - 1].chan)
        ntimers--;
    for (int i = 0; i < ntimers; i++) {
        if (!timers[i].chan)
            continue;
        if (timers[i].when <= now) {
            task_wakeup(timers[i].chan);
            timers[i].chan = NULL;
        } else if (timers[i].when < next) {
            next = timers[i].when;
        }
    }
    set_comparator(next);
    return next;
}

void clock_check(void) { check(); }

void clock_wake_at(uint64_t when, const void *chan)
{
    int free = -1;
    for (int i = 0; i < ntimers; i++) {
        if (timers[i].chan == chan)
            timers[i].chan = NULL;
        if (!timers[i].chan && free < 0)
            free = i;
    }
    if (when == ~0ull)
        return;
    if (free < 0 && ntimers < MAX_TIMERS)
        free = ntimers++;
    if (free < 0)
        panic("TIMER TABLE FULL");
    timers[free].when = when;
    timers[free].chan = chan;
    /* No wakeup here (the caller has not slept yet): the comparator's
       interruption, taken while a guest runs or in the wait, will. */
    if (when < armed)
        set_comparator(when);
}

void clock_idle(void)
{
    /* the clock-comparator subclass only, and only when a timer is set:
       a wait that nothing but I/O can end is then seen to be one */
    uint32_t cr0 = check() == ~0ull ? 0 : 0x00000800;
    __asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
    put32(psa() + LC_LAST_CR0, cr0);    /* vm_enter loads the guest's again */
}
