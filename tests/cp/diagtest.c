/*
 * diagtest.c - DIAGNOSE as a guest of CP sees it (tests/cp/diag_test.sh
 * IPLs it in the operator's 1 MB virtual machine): X'00' (extended
 * identification), X'08' (CP commands, with and without a response
 * buffer, several at once, errors and their completion codes, a buffer
 * too small, SYSTEM RESTART), X'0C' (pseudo timer), X'60' (storage size), and the
 * specification exceptions of bad operands and unknown codes.  Each line
 * says ok or what was wrong; exit(0) if all were ok.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"
#include "guesttrap.h"

static int failures;

static void check(const char *name, int ok)
{
    printf("%s: %s\n", name, ok ? "ok" : "FAILED");
    failures += !ok;
}

/* EBCDIC bytes to ASCII text */
static void text(char *out, const uint8_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (char)ebcdic_to_ascii[in[i]];
    out[n] = 0;
}

static void to_ebcdic(uint8_t *out, const char *s)
{
    for (; *s; s++)
        *out++ = *s == '\n' ? 0x15 : ascii_to_ebcdic[(unsigned char)*s];
}

/* DIAGNOSE code with R2 = rx value, R4 = ry, R3 = rx+1 value, R5 = ry+1
   value; results in out[4] (R2-R5 after), the condition code returned. */
static __attribute__((noinline)) int diag(unsigned code, uint32_t rx, uint32_t ry, uint32_t rx1, uint32_t ry1, uint32_t out[4])
{
    register uint32_t r2 __asm__("2") = rx, r3 __asm__("3") = rx1, r4 __asm__("4") = ry,
        r5 __asm__("5") = ry1;
    int cc;
    __asm__ volatile(".insn rs,0x83000000,2,4,0(%5)\n\tipm %4\n\tsrl %4,28"
                     : "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5), "=d"(cc)
                     : "a"(code) : "cc", "memory");
    out[0] = r2;
    out[1] = r3;
    out[2] = r4;
    out[3] = r5;
    return cc;
}

static uint8_t buf[512] __attribute__((aligned(8)));
static uint8_t cmd[256];

int main(void)
{
    guesttrap_init();
    uint32_t o[4];
    char s[512];

    /* X'00' */
    memset(buf, 0, sizeof buf);
    diag(0x00, (uint32_t)(uintptr_t)buf, 32, 0, 0, o);
    text(s, buf, 8);
    check("x00 system name", !strcmp(s, "CPCMS   "));
    text(s, buf + 16, 8);
    check("x00 userid", !strcmp(s, "OPERATOR"));
    check("x00 version", buf[8] >= 1);
    memset(buf, 0x77, 16);
    diag(0x00, (uint32_t)(uintptr_t)buf, 4, 0, 0, o);
    check("x00 stores only Ry bytes", buf[4] == 0x77 && buf[3] == ascii_to_ebcdic['M']);
    int t = TRY(diag(0x00, (uint32_t)(uintptr_t)buf + 4, 8, 0, 0, o));
    check("x00 unaligned: specification", t == 3 && (trap.code & 0xFF) == 0x06);

    /* X'60' */
    diag(0x60, 0, 0, 0, 0, o);
    check("x60 storage size", o[0] == 0x100000);

    /* X'0C' */
    memset(buf, 0, 32);
    diag(0x0C, (uint32_t)(uintptr_t)buf, 0, 0, 0, o);
    text(s, buf, 16);
    check("x0c date and time", s[2] == '/' && s[5] == '/' && s[10] == ':' && s[13] == ':');
    uint32_t vhi = (uint32_t)(buf[16] << 24 | buf[17] << 16 | buf[18] << 8 | buf[19]),
             vlo = (uint32_t)(buf[20] << 24 | buf[21] << 16 | buf[22] << 8 | buf[23]),
             thi = (uint32_t)(buf[24] << 24 | buf[25] << 16 | buf[26] << 8 | buf[27]),
             tlo = (uint32_t)(buf[28] << 24 | buf[29] << 16 | buf[30] << 8 | buf[31]);
    check("x0c total CPU time above the virtual", (thi > vhi || (thi == vhi && tlo > vlo)) &&
                                                  (vhi || vlo));

    /* X'08' with a response buffer */
    memset(cmd, 0, sizeof cmd);
    to_ebcdic(cmd, "QUERY TIME");
    int cc = diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | 10, (uint32_t)(uintptr_t)buf,
                  sizeof buf, o);
    text(s, buf, o[3] < sizeof buf ? o[3] : 0);
    check("x08 response", cc == 0 && o[2] == 0 && !strncmp(s, "TIME IS ", 8) &&
                          buf[o[3] - 1] == 0x15);
    to_ebcdic(cmd, "QUERY CPLEVEL\nQUERY TIME");
    cc = diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | 24, (uint32_t)(uintptr_t)buf,
              sizeof buf, o);
    text(s, buf, o[3] < sizeof buf ? o[3] : 0);
    check("x08 two commands", cc == 0 && !strncmp(s, "CPCMS CP RELEASE", 16) && strstr(s, "TIME IS "));
    cc = diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | 24, (uint32_t)(uintptr_t)buf, 10, o);
    check("x08 buffer too small: cc 1, what did not fit", cc == 1 && o[3] > 0);
    memset(cmd, 0, sizeof cmd);
    to_ebcdic(cmd, "FROBNICATE");
    cc = diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | 10, (uint32_t)(uintptr_t)buf,
              sizeof buf, o);
    check("x08 error: completion code 1", cc == 0 && o[2] == 1);
    /* without a buffer: on the console */
    memset(cmd, 0, sizeof cmd);
    to_ebcdic(cmd, "QUERY CPLEVEL");
    diag(0x08, (uint32_t)(uintptr_t)cmd, 13, 0, 0, o);
    check("x08 to the console", o[2] == 0);
    t = TRY(diag(0x08, (uint32_t)(uintptr_t)cmd, 241, 0, 0, o));
    check("x08 too long: specification", t == 3 && (trap.code & 0xFF) == 0x06);
    t = TRY(diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | 10, 0, 10000, o));
    check("x08 buffer over 8192: specification", t == 3 && (trap.code & 0xFF) == 0x06);

    /* SYSTEM RESTART through X'08': the restart new PSW at 0 (here the
       program new PSW, so that it lands in TRY, with a marked code) is
       loaded, the PSW after the DIAGNOSE stored at 8. */
    uint8_t *low;
    __asm__("lhi %0,0" : "=d"(low));
    memcpy(low, low + 0x68, 8);
    memset(low + 8, 0, 8);
    low[0x8E] = 0xAB;
    low[0x8F] = 0xCD;
    memset(cmd, 0, sizeof cmd);
    to_ebcdic(cmd, "SYSTEM RESTART");
    t = TRY(diag(0x08, (uint32_t)(uintptr_t)cmd, 14, 0, 0, o));
    uint32_t at = (uint32_t)(low[13] << 16 | low[14] << 8 | low[15]), fn = (uint32_t)(uintptr_t)diag;
    check("system restart: restart new PSW, old PSW at 8",
          t == 3 && (trap.code & 0xFFFF) == 0xABCD && at > fn && at < fn + 64);

    /* an unknown code */
    t = TRY(diag(0xFFF, 0, 0, 0, 0, o));
    check("unknown code: specification", t == 3 && (trap.code & 0xFF) == 0x06);
    printf("diagtest: %d failed\n", failures);
    return failures;
}
