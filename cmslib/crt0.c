/*
 * crt0.c - the start of a C program under CMS (cmslib/): the nucleus
 * calls _start as common/cmsapi.h says, with the command line's
 * parameter lists.  _start clears .bss, makes argc/argv from the line as
 * typed (argv[0] the program's name; words as typed, case kept), runs
 * main, and returns its value (or exit()'s) as the return code, after
 * stdout is flushed and the files are closed.  Also here: what the sa/
 * runtime asks of its host (the console write, the heap's end, exit,
 * abort) and cms_command().
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "ebcdic.h"
#include "svc.h"

#define MAXARGS 64

extern char __bss_start[], _end[];
int main(int argc, char **argv);

static jmp_buf exit_env;
static int exit_code;

void cmslib_plist(uint8_t *p, const char *name)
{
    memset(p, 0, CMSAPI_PLIST_LEN);
    memset(p, 0x40, 8);
    for (int i = 0; name[i] && i < 8; i++)
        p[i] = ascii_to_ebcdic[(unsigned char)name[i]];
}

/* The sa/ runtime's console: a TYPLIN per line. */
void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
    static uint8_t text[256];
    uint8_t p[CMSAPI_PLIST_LEN];
    (void)cmd;
    if (n > sizeof text)
        n = sizeof text;
    for (unsigned i = 0; i < n; i++)
        text[i] = ascii_to_ebcdic[(unsigned char)s[i]];
    cmslib_plist(p, CMSAPI_TYPLIN);
    cmslib_put32(p + 8, (uint32_t)(uintptr_t)text);
    cmslib_put32(p + 12, n);
    svc202(p, 0, 0);
}

/* The heap runs to the end of the virtual machine's storage. */
uintptr_t sa_heap_end(void)
{
    register uint32_t r2 __asm__("2") = 0;
    __asm__ volatile(".insn rs,0x83000000,2,2,0x60" : "+d"(r2) : : "memory");
    return r2 & ~(uintptr_t)7;
}

void exit(int code)
{
    exit_code = code;
    longjmp(exit_env, 1);
}

void abort(void)
{
    sa_console_flush();
    printf("abort() called\n");
    exit(254);
}

void sa_assert_fail(const char *expr, const char *file, unsigned line, const char *func)
{
    printf("assertion failed: %s, %s:%u in %s\n", expr, file, line, func);
    abort();
}

int cms_command(const char *line)
{
    static uint8_t text[256];
    uint32_t eplist[2];
    uint8_t p[CMSAPI_PLIST_LEN];
    size_t n = strlen(line);
    if (n > sizeof text)
        n = sizeof text;
    for (size_t i = 0; i < n; i++)
        text[i] = ascii_to_ebcdic[(unsigned char)line[i]];
    eplist[0] = (uint32_t)(uintptr_t)text;
    eplist[1] = (uint32_t)(uintptr_t)(text + n);
    sa_console_flush();
    /* the name field: the command's first word, as CMS's PLIST has it */
    char first[9];
    size_t k = 0;
    while (k < 8 && line[k] && line[k] != ' ')
        first[k] = line[k], k++;
    first[k] = 0;
    cmslib_plist(p, first);
    return svc202(p, CMSAPI_EPLIST_FLAG, (uint32_t)(uintptr_t)eplist);
}

__attribute__((section(".text.start"))) int _start(uint32_t plist, uint32_t eplist)
{
    (void)plist;
    memset(__bss_start, 0, (size_t)(_end - __bss_start));
    static char line[256];
    static char *argv[MAXARGS + 1];
    const uint32_t *ep = (const uint32_t *)(uintptr_t)eplist;
    const uint8_t *b = (const uint8_t *)(uintptr_t)ep[0], *e = (const uint8_t *)(uintptr_t)ep[1];
    size_t n = 0;
    for (; b < e && n < sizeof line - 1; b++)
        line[n++] = (char)ebcdic_to_ascii[*b];
    line[n] = 0;
    int argc = 0;
    for (char *p = line; *p && argc < MAXARGS;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = 0;
    }
    argv[argc] = NULL;
    int rc = setjmp(exit_env) ? exit_code : main(argc, argv);
    sa_console_flush();
    cmslib_close_all();
    return rc;
}
