/*
 * diagtest.c - DIAGNOSE as a guest of CP sees it (tests/cp/diag_test.sh
 * IPLs it in the operator's 1 MB virtual machine): X'00' (extended
 * identification), X'08' (CP commands, with and without a response
 * buffer, several at once, errors and their completion codes, a buffer
 * too small, SYSTEM RESTART), X'0C' (pseudo timer), X'10' (release
 * pages: zeros after, the frames freed as INDICATE USER counts them, keys
 * kept, bad operands), X'24' (device type: the console on the operator's
 * 3215, a T-disk 3330, no such device), X'58' (the 3270 interface as the
 * operator, who has no 3270: intervention required; bad channel
 * programs; not the console), X'5C' (error message editing under each
 * SET EMSG), X'60' (storage size), and the specification exceptions of
 * bad operands and unknown codes.  IPLed by the user DISC, disconnected
 * (AUTOLOG), it checks X'24' and X'58' on a console without a terminal.  Each line says ok or what was wrong;
 * exit(0) if all were ok.  The full screen itself on a 3270 is
 * fstest.c's (fullscreen_test.sh).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"
#include "guesttrap.h"
#include <s370io.h>
#include "guest.h"


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


static uint8_t buf[512] __attribute__((aligned(8)));
static uint8_t cmd[256];
static uint8_t pages[4 * 4096] __attribute__((aligned(4096)));

/* A CP command by DIAGNOSE X'08', its response (ASCII) into s: the
   completion code. */
static uint32_t cp(const char *command, char *s)
{
    uint32_t o[4];
    memset(cmd, 0, sizeof cmd);
    to_ebcdic(cmd, command);
    diag(0x08, (uint32_t)(uintptr_t)cmd, 0x40000000 | (uint32_t)strlen(command),
         (uint32_t)(uintptr_t)buf, sizeof buf, o);
    text(s, buf, o[3] < sizeof buf ? o[3] : 0);
    return o[2];
}

/* Resident pages, as INDICATE USER says them (RES-nnnn). */
static int resident(void)
{
    char s[512];
    cp("INDICATE USER", s);
    char *r = strstr(s, "RES-");
    int n = 0;
    for (r = r ? r + 4 : s; *r >= '0' && *r <= '9'; r++)
        n = n * 10 + (*r - '0');
    return n;
}

static uint32_t isk(void *a)
{
    uint32_t k = 0;
    __asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(k) : "a"(a));
    return k & 0xF8;
}
static void ssk(void *a, uint32_t key)
{
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(key), "a"(a) : "memory");
}

static int all(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

static struct ccw prog[4];
static uint8_t data[64];

/* DIAGNOSE X'58' with prog on device dev: the condition code; the CSW's
   status then (TIO) in *st, *chs and the sense byte (Sense) in *sense. */
static int d58(uint32_t dev, uint8_t *st, uint8_t *chs, uint8_t *sense)
{
    uint32_t o[4];
    int cc = diag(0x58, (uint32_t)(uintptr_t)prog, dev, 0, 0, o);
    *st = *chs = *sense = 0;
    if (cc == 1 && io_tio(0x009) == 1) {
        *st = io_csw_status();
        *chs = io_csw_chstatus();
        static struct ccw sn;
        static uint8_t sb;
        sn = ccw_make(0x04, &sb, 0x20, 1);
        io_set_caw(&sn);
        if (io_sio(0x009) == 0) {
            while (io_tio(0x009) == 2)
                ;
            *sense = sb;
        }
    }
    return cc;
}

/* As DISC, AUTOLOGged by diag_test.sh: a console without a terminal. */
static int disconnected(void)
{
    uint32_t o[4];
    int cc = diag(0x24, 0xFFFFFFFF, 0, 0, 0x5A5A5A5A, o);
    check("x24 a disconnected console: cc 2, no real device",
          cc == 2 && o[0] == 0x009 && o[2] == 0x80000000 && o[3] == 0x5A5A5A5A);
    uint8_t st, chs, sense;
    data[0] = 0xC3;
    prog[0] = ccw_make(0x29, data, 0x20, 1);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 a disconnected console: intervention required",
          cc == 1 && (st & US_UC) && sense == 0x40);
    printf("diagtest: %d failed\n", failures);
    return failures;
}

int main(void)
{
    guesttrap_init();
    uint32_t o[4];
    char s[512];
    diag(0x00, (uint32_t)(uintptr_t)buf, 32, 0, 0, o);
    text(s, buf + 16, 8);
    if (!strcmp(s, "DISC    "))
        return disconnected();

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

    /* X'10': release pages 1-3 of four, keyed and full */
    memset(pages, 0xAA, sizeof pages);
    ssk(pages + 4096, 0x50);
    ssk(pages + 2 * 4096 + 2048, 0x68);
    int before = resident();
    t = TRY(diag(0x10, (uint32_t)(uintptr_t)pages + 4096, (uint32_t)(uintptr_t)pages + 3 * 4096, 0, 0, o));
    int after = resident();
    check("x10 frames freed", t == 0 && after == before - 3);
    check("x10 keys kept", isk(pages + 4096) == 0x50 && isk(pages + 2 * 4096 + 2048) == 0x68 &&
                           isk(pages + 2 * 4096) == 0x00);
    check("x10 released pages read as zeros", all(pages + 4096, 3 * 4096, 0));
    check("x10 the page before kept", all(pages, 4096, 0xAA));
    pages[4096] = 1;
    check("x10 touched again: frames again", pages[4096] == 1 && resident() == before);
    ssk(pages + 4096, 0);
    ssk(pages + 2 * 4096 + 2048, 0);
    t = TRY(diag(0x10, (uint32_t)(uintptr_t)pages + 8, (uint32_t)(uintptr_t)pages + 4096, 0, 0, o));
    check("x10 not a page address: specification", t == 3 && (trap.code & 0xFF) == 0x06);
    t = TRY(diag(0x10, (uint32_t)(uintptr_t)pages + 4096, (uint32_t)(uintptr_t)pages, 0, 0, o));
    check("x10 first above last: specification", t == 3 && (trap.code & 0xFF) == 0x06);
    t = TRY(diag(0x10, 0xFF000, 0x100000, 0, 0, o));
    check("x10 beyond storage: addressing", t == 3 && (trap.code & 0xFF) == 0x05);

    /* X'24' */
    cc = diag(0x24, 0xFFFFFFFF, 0, 0, 0, o);
    check("x24 -1: the console 009, a 3215 on the real 3215",
          cc == 0 && o[0] == 0x009 && o[2] == 0x80000000 && (o[3] >> 16) == 0x8000 &&
          (o[3] & 0xFF) == 126);
    cc = diag(0x24, 0x009, 0, 0, 0, o);
    check("x24 009", cc == 0 && o[0] == 0x009 && o[2] == 0x80000000);
    cc = diag(0x24, 0x555, 0x12345678, 0, 0, o);
    check("x24 no such device: cc 3", cc == 3 && o[2] == 0x12345678);
    char r[512];
    uint32_t rc = cp("DEFINE T3330 AS 291 CYL 1", r);
    cc = diag(0x24, 0x291, 0, 0, 0, o);
    check("x24 T-disk: DASD 3330, model, RPS and 24 sense bytes",
          rc == 0 && cc == 0 && o[2] == 0x04100000 && (o[3] >> 16) == 0x0410 &&
          (o[3] & 0xFF) == 0xC0);
    cp("DETACH 291", r);
    cc = diag(0x24, 0x291, 0, 0, 0, o);
    check("x24 detached: cc 3", cc == 3);

    /* X'5C' under each SET EMSG */
    static uint8_t msg[40];
    memset(msg, 0, sizeof msg);
    to_ebcdic(msg, "DMSABC123E SOMETHING WENT WRONG");
    uint32_t m = (uint32_t)(uintptr_t)msg;
    cp("SET EMSG ON", r);
    diag(0x5C, m, 31, 0, 0, o);
    check("x5c emsg on: all of it", o[0] == m && o[2] == 31);
    cp("SET EMSG CODE", r);
    diag(0x5C, m, 31, 0, 0, o);
    check("x5c emsg code: the code", o[0] == m && o[2] == 10);
    cp("SET EMSG TEXT", r);
    diag(0x5C, m, 31, 0, 0, o);
    check("x5c emsg text: the text", o[0] == m + 11 && o[2] == 20);
    cp("SET EMSG OFF", r);
    diag(0x5C, m, 31, 0, 0, o);
    check("x5c emsg off: nothing", o[2] == 0);
    cp("SET EMSG ON", r);

    /* X'58' as the operator: no 3270 */
    uint8_t st, chs, sense;
    data[0] = 0xC3;
    to_ebcdic(data + 1, "HELLO");
    prog[0] = ccw_make(0x29, data, 0x20, 6);
    prog[0].w1 |= 0x80u << 16;                  /* control: Erase/Write */
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 write without a 3270: cc 1, unit check, intervention required",
          cc == 1 && st == (US_CE | US_DE | US_UC) && chs == 0 && sense == 0x40);
    cc = d58(0x555, &st, &chs, &sense);
    check("x58 not the console: cc 3", cc == 3);
    prog[0] = ccw_make(0x29, data, 0x20, 0);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 zero count: program check", cc == 1 && chs == CS_PGM);
    prog[0] = ccw_make(0x29, (void *)0x1FFFF0, 0x20, 6);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 data beyond storage: program check", cc == 1 && chs == CS_PGM);
    prog[0] = ccw_make(0x08, prog, 0, 0);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 TIC first: program check", cc == 1 && chs == CS_PGM);
    prog[0] = ccw_make(0x31, data, 0x20, 6);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 unknown command: command reject", cc == 1 && (st & US_UC) && sense == 0x80);
    cc = diag(0x58, (uint32_t)(uintptr_t)prog + 4, 0x009, 0, 0, o);
    check("x58 CCW not on a doubleword: cc 1", cc == 1 && io_tio(0x009) == 1 &&
                                                io_csw_chstatus() == CS_PGM);
    prog[0] = ccw_make(0x03, data, 0x60, 1);    /* NOP, chained to itself by TIC */
    prog[1] = ccw_make(0x08, prog, 0, 0);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 a loop ends: program check", cc == 1 && chs == CS_PGM);
    prog[0] = ccw_make(0x03, data, 0x20, 1);
    cc = d58(0x009, &st, &chs, &sense);
    check("x58 no-operation: cc 0", cc == 0);

    /* an unknown code */
    t = TRY(diag(0xFFF, 0, 0, 0, 0, o));
    check("unknown code: specification", t == 3 && (trap.code & 0xFF) == 0x06);
    printf("diagtest: %d failed\n", failures);
    return failures;
}
