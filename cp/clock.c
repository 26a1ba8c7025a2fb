/*
 * clock.c - the TOD clock (GA22-7000, "Time-of-Day Clock"): read it, and
 * turn a value into the time and date CP shows.  Bit 51 is one
 * microsecond; the epoch is 1900-01-01 00:00:00 GMT.
 */
#include <stdio.h>

#include "cp.h"

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
