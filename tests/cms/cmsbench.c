/*
 * cmsbench.c - CMS's speed, measured from inside (tests/bench/cms_bench.sh
 * runs it): N files made, LISTFILE of them (to the console, and with
 * EXEC, which writes CMS EXEC instead), a file of MB megabytes written
 * through stdio, then COPYFILE of it (CMS, DIAGNOSE X'18', CP's CCW
 * translation, the channel, SQLite).  Times are wall-clock, from the TOD
 * clock.  Arguments: N MB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cms.h"

static unsigned long long tod(void)
{
    unsigned long long v;
    __asm__ volatile("stck %0" : "=Q"(v) : : "cc");
    return v;
}
/* Milliseconds between two TOD values (the runtime's printf has no %f). */
static unsigned ms(unsigned long long a, unsigned long long b) { return (unsigned)(((b - a) >> 12) / 1000); }
/* MB/s times 10 for mb megabytes in m milliseconds. */
static unsigned rate10(int mb, unsigned m) { return m ? (unsigned)(mb * 10000u / m) : 0; }

int main(int argc, char **argv)
{
    int nfiles = argc > 1 ? atoi(argv[1]) : 1000, mb = argc > 2 ? atoi(argv[2]) : 10;
    char name[40];
    unsigned long long t0 = tod();
    for (int i = 0; i < nfiles; i++) {
        snprintf(name, sizeof name, "F%d BENCH A", i);
        FILE *f = fopen(name, "w");
        if (!f || fputs("x\n", f) == EOF || fclose(f)) {
            printf("BENCH: making file %d failed\n", i);
            return 1;
        }
    }
    unsigned long long t1 = tod();
    int rc = cms_command("LISTFILE * BENCH A");
    unsigned long long t2 = tod();
    rc |= cms_command("LISTFILE * BENCH A (EXEC");
    unsigned long long t3 = tod();
    FILE *f = fopen("BIG FILE A", "wb");
    static char block[4096];
    memset(block, 'b', sizeof block);
    for (int i = 0; f && i < mb * 256; i++)
        fwrite(block, 1, sizeof block, f);
    if (!f || fclose(f))
        return printf("BENCH: writing BIG FILE failed\n"), 1;
    unsigned long long t4 = tod();
    rc |= cms_command("COPYFILE BIG FILE A BIG2 FILE A (REPLACE");
    unsigned long long t5 = tod();
    unsigned w = ms(t3, t4), c = ms(t4, t5);
    printf("BENCH MAKE %d FILES: %u MS\n", nfiles, ms(t0, t1));
    printf("BENCH LISTFILE %d FILES: %u MS\n", nfiles, ms(t1, t2));
    printf("BENCH LISTFILE (EXEC %d FILES: %u MS\n", nfiles, ms(t2, t3));
    printf("BENCH WRITE %d MB: %u MS, %u.%u MB/S\n", mb, w, rate10(mb, w) / 10, rate10(mb, w) % 10);
    printf("BENCH COPYFILE %d MB: %u MS, %u.%u MB/S\n", mb, c, rate10(mb, c) / 10, rate10(mb, c) % 10);
    return rc;
}
