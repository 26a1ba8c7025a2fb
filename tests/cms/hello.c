/*
 * hello.c - a C program for CMS, built on the host with cmslib/cmscc
 * (tests/cms/cms_test.sh LOADs, STARTs and GENMODs it): its arguments,
 * a file written and read back through stdio, a CMS command called, the
 * clock, malloc, and its return code.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cms.h"

int main(int argc, char **argv)
{
    printf("HELLO FROM A C PROGRAM, %d ARGS:", argc);
    for (int i = 0; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    FILE *f = fopen("HELLO DATA A", "w");
    if (!f) {
        printf("fopen for writing failed\n");
        return 1;
    }
    for (int i = 1; i <= 3; i++)
        fprintf(f, "line %d of %s\n", i, argc > 1 ? argv[1] : "nothing");
    fclose(f);
    char line[100];
    int n = 0;
    f = fopen("hello.data.a", "r");
    while (f && fgets(line, sizeof line, f)) {
        n++;
        fputs(line, stdout);
    }
    if (f)
        fclose(f);
    if ((f = fopen("TEMP3 DATA A", "r"))) {     /* a mode-3 file: gone once read */
        int k = 0;
        while (fgets(line, sizeof line, f))
            k++;
        fclose(f);
        printf("TEMP3 DATA: %d LINES\n", k);
    }
    char *big = malloc(200000);
    memset(big, 'x', 200000);
    time_t t = time(NULL);
    struct tm *tm = gmtime(&t);
    printf("READ %d LINES, MALLOC %s, YEAR %s\n", n, big && big[199999] == 'x' ? "OK" : "FAILED",
           tm->tm_year + 1900 >= 2024 ? "OK" : "WRONG");
    int rc = cms_command("STATE HELLO DATA A");
    printf("STATE SAYS %d\n", rc);
    return argc > 2 ? atoi(argv[2]) : 0;
}
