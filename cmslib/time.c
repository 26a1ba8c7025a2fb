/*
 * time.c - time() from the TOD clock (GMT; the TOD epoch is 1900, the
 * Unix one 1970), clock() from CMS's virtual CPU time, gmtime, and
 * strftime's common conversions.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "svc.h"

#define TOD_1970 0x7D91048BCA000000ull       /* the TOD clock at 1970-01-01 */

static void now(uint64_t *tod, uint64_t *cpu_us)
{
    uint8_t p[CMSAPI_PLIST_LEN];
    cmslib_plist(p, CMSAPI_CMSTIME);
    svc202(p, 0, 0);
    *tod = (uint64_t)cmslib_get32(p + 8) << 32 | cmslib_get32(p + 12);
    *cpu_us = (uint64_t)cmslib_get32(p + 16) << 32 | cmslib_get32(p + 20);
}

time_t time(time_t *t)
{
    uint64_t tod, cpu;
    now(&tod, &cpu);
    time_t v = (time_t)(((tod - TOD_1970) >> 12) / 1000000);
    if (t)
        *t = v;
    return v;
}

clock_t clock(void)
{
    uint64_t tod, cpu;
    now(&tod, &cpu);
    return (clock_t)cpu;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm tm;
    long s = *t, days = s / 86400, rem = s % 86400;
    tm.tm_hour = (int)(rem / 3600);
    tm.tm_min = (int)(rem % 3600 / 60);
    tm.tm_sec = (int)(rem % 60);
    tm.tm_wday = (int)((days + 4) % 7);
    int y = 1970;
    for (;;) {
        int len = (y % 4 == 0 && (y % 100 || y % 400 == 0)) ? 366 : 365;
        if (days < len)
            break;
        days -= len;
        y++;
    }
    tm.tm_year = y - 1900;
    tm.tm_yday = (int)days;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int m = 0;
    for (; m < 12; m++) {
        int len = mdays[m] + (m == 1 && (y % 4 == 0 && (y % 100 || y % 400 == 0)));
        if (days < len)
            break;
        days -= len;
    }
    tm.tm_mon = m;
    tm.tm_mday = (int)days + 1;
    tm.tm_isdst = 0;
    return &tm;
}

struct tm *localtime(const time_t *t) { return gmtime(t); }

size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
    static const char *const wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const mo[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    size_t n = 0;
    for (; *fmt && n + 1 < max; fmt++) {
        char tmp[16] = "";
        if (*fmt != '%') {
            s[n++] = *fmt;
            continue;
        }
        switch (*++fmt) {
        case 'Y': snprintf(tmp, sizeof tmp, "%d", tm->tm_year + 1900); break;
        case 'y': snprintf(tmp, sizeof tmp, "%02d", tm->tm_year % 100); break;
        case 'm': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mon + 1); break;
        case 'd': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mday); break;
        case 'H': snprintf(tmp, sizeof tmp, "%02d", tm->tm_hour); break;
        case 'M': snprintf(tmp, sizeof tmp, "%02d", tm->tm_min); break;
        case 'S': snprintf(tmp, sizeof tmp, "%02d", tm->tm_sec); break;
        case 'a': snprintf(tmp, sizeof tmp, "%s", wd[tm->tm_wday % 7]); break;
        case 'b': snprintf(tmp, sizeof tmp, "%s", mo[tm->tm_mon % 12]); break;
        case '%': strcpy(tmp, "%"); break;
        default: return 0;
        }
        size_t k = strlen(tmp);
        if (n + k >= max)
            return 0;
        memcpy(s + n, tmp, k);
        n += k;
    }
    s[n] = 0;
    return n;
}
