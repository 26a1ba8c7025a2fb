/*
 * mdisktest.c - minidisks as a guest of CP sees them (tests/cp/
 * mdisk_test.sh IPLs it in the operator's virtual machine, which has 191
 * (5 cylinders of a 3330, read-write), 192 (2 cylinders of a 3350 on a
 * second volume) and MAINT's 190 linked read-only):
 *   - channel programs through SIO: formatting writes (Write CKD with the
 *     minidisk's own cylinder numbers), searches with TIC loops, reads
 *     into an area that crosses a page boundary, Read Count giving
 *     virtual cylinders;
 *   - the checks: seeks outside the extent and writes on a read-only link
 *     give unit check with command reject, the sense bytes come with the
 *     next Sense; CCWs and data outside storage a program check; a
 *     storage key a protection check;
 *   - DIAGNOSE X'18' (CMS's block I/O) and X'20' (general I/O) with their
 *     completion codes;
 * then, if all was ok, writes an IPL record on 191 and has CP IPL it
 * (DIAGNOSE X'08' "IPL 191"): the record's PSW is a BC-mode disabled
 * wait at X'D0', in which CP must have stored the device address 0191.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"
#include "guesttrap.h"
#include <s370io.h>
#include "guest.h"


static struct ccw prog[32];
static uint8_t csw[8];
static int sio_cc;

/* Run prog on dev with CAW key `key`; the CSW in csw.  Returns the unit
   status, or -1 if SIO did not start (sio_cc says how). */
static int run_key(unsigned dev, uint8_t key)
{
    *(volatile uint32_t *)low(72) = (uint32_t)key << 28 | (uint32_t)(uintptr_t)prog;
    int cc = sio_cc = io_sio(dev);
    if (cc == 0)
        while ((cc = io_tio(dev)) == 2)
            ;
    for (int i = 0; i < 8; i++)
        csw[i] = low(64)[i];
    return sio_cc == 0 && cc == 1 ? csw[4] : -1;
}
static int run(unsigned dev) { return run_key(dev, 0); }

static uint8_t sense[24];

/* The sense bytes after a unit check. */
static void get_sense(unsigned dev)
{
    memset(sense, 0xEE, sizeof sense);
    prog[0] = ccw_make(0x04, sense, CCW_SLI, sizeof sense);
    run(dev);
}

static uint8_t seekarg[8] __attribute__((aligned(8)));
static uint8_t id[8];

static void set_addr(unsigned cyl, unsigned head, unsigned rec)
{
    memset(seekarg, 0, sizeof seekarg);
    seekarg[2] = (uint8_t)(cyl >> 8);
    seekarg[3] = (uint8_t)cyl;
    seekarg[5] = (uint8_t)head;
    memcpy(id, seekarg + 2, 4);
    id[4] = (uint8_t)rec;
}

#define BLK 4096
static uint8_t rec1[8 + BLK], rec2[8 + BLK];
/* a read buffer that starts in the middle of a page */
static uint8_t area[3 * BLK] __attribute__((aligned(4096)));
#define RBUF (area + 2048)
static uint8_t expect[BLK];

static void count_field(uint8_t *c, unsigned cyl, unsigned head, unsigned r, unsigned dl)
{
    memset(c, 0, 8);
    c[1] = (uint8_t)cyl;
    c[0] = (uint8_t)(cyl >> 8);
    c[3] = (uint8_t)head;
    c[4] = (uint8_t)r;
    c[6] = (uint8_t)(dl >> 8);
    c[7] = (uint8_t)dl;
}

static void fill(uint8_t *p, unsigned n, unsigned seed)
{
    for (unsigned i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 31 + i * 7 + (i >> 8));
}

/* Format track (cyl, head) of dev with R1 and R2 of 4096 bytes. */
static int format_track(unsigned dev, unsigned cyl, unsigned head, unsigned seed)
{
    set_addr(cyl, head, 0);
    count_field(rec1, cyl, head, 1, BLK);
    count_field(rec2, cyl, head, 2, BLK);
    fill(rec1 + 8, BLK, seed);
    fill(rec2 + 8, BLK, seed + 1);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x1D, rec1, CCW_CC, 8 + BLK);
    prog[4] = ccw_make(0x1D, rec2, 0, 8 + BLK);
    return run(dev);
}

/* Read record rec of (cyl, head) into RBUF (crossing a page). */
static int read_rec(unsigned dev, unsigned cyl, unsigned head, unsigned rec)
{
    set_addr(cyl, head, rec);
    memset(RBUF, 0, BLK);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x06, RBUF, 0, BLK);
    return run(dev);
}

/* DIAGNOSE code with Rx = R2, Ry = R4, R15; the condition code, R15 and
   R4 after.  R15 is the stack pointer: kept in R1 meanwhile. */
static int diag_r15(unsigned code, uint32_t rx, uint32_t ry, uint32_t *r15, uint32_t *ry_out)
{
    register uint32_t r2 __asm__("2") = rx, r4 __asm__("4") = ry, f __asm__("3") = *r15;
    int cc;
    __asm__ volatile("lr 1,15\n\tlr 15,%2\n\t.insn rs,0x83000000,2,4,0(%4)\n\t"
                     "ipm %3\n\tsrl %3,28\n\tlr %2,15\n\tlr 15,1"
                     : "+d"(r2), "+d"(r4), "+d"(f), "=&d"(cc) : "a"(code) : "1", "cc", "memory");
    *r15 = f;
    if (ry_out)
        *ry_out = r4;
    return cc;
}

static void sio_tests(void)
{
    /* touch the buffer's pages out of order: their frames are not adjacent */
    area[BLK] = 1;
    area[0] = 1;
    area[2 * BLK] = 1;
    check("format 191 cyl 0", format_track(0x191, 0, 1, 5) == (US_CE | US_DE));
    check("format 191 cyl 4", format_track(0x191, 4, 18, 9) == (US_CE | US_DE));
    check("read 191 R1", read_rec(0x191, 4, 18, 1) == (US_CE | US_DE) &&
                         !memcmp(RBUF, rec1 + 8, BLK));
    check("read 191 R2", read_rec(0x191, 4, 18, 2) == (US_CE | US_DE) &&
                         !memcmp(RBUF, rec2 + 8, BLK));
    check("read 191 cyl 0", read_rec(0x191, 0, 1, 2) == (US_CE | US_DE) && RBUF[0] == (uint8_t)(6 * 31));
    /* Read Count after R1: the count field of R2, virtual cylinder 4 */
    static uint8_t cnt[8];
    set_addr(4, 18, 1);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x12, cnt, 0, 8);
    int us = run(0x191);
    check("read count: virtual cylinder", us == (US_CE | US_DE) && cnt[0] == 0 && cnt[1] == 4 &&
                                          cnt[3] == 18 && (cnt[4] == 1 || cnt[4] == 2));
    /* the CSW points after the last CCW */
    check("CSW address", (((uint32_t)csw[1] << 16 | csw[2] << 8 | csw[3]) ==
                          (uint32_t)(uintptr_t)&prog[4]));
    /* a seek outside the extent: unit check, command reject */
    set_addr(5, 0, 0);
    prog[0] = ccw_make(0x07, seekarg, 0, 6);
    us = run(0x191);
    check("seek beyond the minidisk: unit check", us >= 0 && (us & US_UC));
    get_sense(0x191);
    check("... sense: command reject", sense[0] & 0x80);
    set_addr(0, 19, 0);
    prog[0] = ccw_make(0x07, seekarg, 0, 6);
    check("seek head 19 of 19: unit check", (run(0x191) & US_UC));
    /* Recalibrate then Read R0: cylinder 0 of the minidisk */
    prog[0] = ccw_make(0x13, NULL, CCW_CC | CCW_SLI, 1);
    prog[1] = ccw_make(0x16, cnt, CCW_SLI, 8);
    us = run(0x191);
    check("recalibrate: virtual cylinder 0", us == (US_CE | US_DE) && cnt[0] == 0 && cnt[1] == 0);
    /* the other volume */
    check("format 192 (USR001)", format_track(0x192, 1, 29, 11) == (US_CE | US_DE));
    check("read 192", read_rec(0x192, 1, 29, 2) == (US_CE | US_DE) && !memcmp(RBUF, rec2 + 8, BLK));
    /* read-only: writes rejected, reads fine */
    check("write on 190 (R/O): unit check", (format_track(0x190, 0, 0, 1) & US_UC));
    get_sense(0x190);
    check("... sense: command reject", sense[0] & 0x80);
    set_addr(0, 0, 0);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x16, RBUF, CCW_SLI, 16);           /* Read R0 */
    us = run(0x190);
    check("read R0 of 190: virtual cylinder 0", us == (US_CE | US_DE) && RBUF[0] == 0 &&
                                                RBUF[1] == 0 && RBUF[4] == 0);
    /* addressing and protection */
    *(volatile uint32_t *)low(72) = 0x00FFFFF8;
    check("CCW beyond storage: SIO cc 1, program check",
          io_sio(0x191) == 1 && (low(64)[5] & CS_PGM));
    prog[0] = ccw_make(0x06, (void *)0xFFFF00, 0, 0x200);
    check("data beyond storage: program check", run(0x191) < 0 && sio_cc == 1 && (csw[5] & CS_PGM));
    set_addr(4, 18, 1);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x06, area, 0, BLK);
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(0x30), "a"(area) : "memory");
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(0x30), "a"(area + 2048) : "memory");
    us = run_key(0x191, 2);
    check("key 2 into key 3 storage: protection check", (csw[5] & CS_PROT) &&
          ((uint32_t)csw[1] << 16 | csw[2] << 8 | csw[3]) == (uint32_t)(uintptr_t)&prog[4]);
    us = run_key(0x191, 3);
    fill(expect, BLK, 9);                   /* what format_track put in R1 of (4, 18) */
    check("key 3: read", us == (US_CE | US_DE) && !memcmp(area, expect, BLK));
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(0), "a"(area) : "memory");
    __asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(0), "a"(area + 2048) : "memory");
    /* a device that is not there */
    check("SIO to 555: not operational", io_sio(0x555) == 3);
}

static void diag_tests(void)
{
    uint32_t r15, ry;
    /* X'18': read R1 of (4, 18) */
    set_addr(4, 18, 1);
    memset(RBUF, 0, BLK);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x06, RBUF, CCW_SLI, BLK);
    r15 = 1;
    int cc = diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL);
    fill(expect, BLK, 9);
    check("x18 read", cc == 0 && r15 == 0 && !memcmp(RBUF, expect, BLK));
    /* X'18': write R2, read it back */
    fill(expect, BLK, 77);
    set_addr(4, 18, 2);
    prog[3] = ccw_make(0x05, expect, CCW_SLI, BLK);
    r15 = 1;
    cc = diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL);
    check("x18 write", cc == 0 && r15 == 0 && read_rec(0x191, 4, 18, 2) == (US_CE | US_DE) &&
                       !memcmp(RBUF, expect, BLK));
    /* completion codes */
    prog[3] = ccw_make(0x06, RBUF, CCW_SLI, BLK);
    r15 = 0;
    check("x18 R15 0: cc 2, 11", diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL) == 2 && r15 == 11);
    r15 = 1;
    check("x18 no device: cc 1, 1", diag_r15(0x18, 0x555, (uint32_t)(uintptr_t)prog, &r15, NULL) == 1 && r15 == 1);
    r15 = 1;
    check("x18 console: cc 1, 2", diag_r15(0x18, 0x009, (uint32_t)(uintptr_t)prog, &r15, NULL) == 1 && r15 == 2);
    r15 = 1;
    check("x18 unaligned: cc 2, 5", diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog + 4, &r15, NULL) == 2 && r15 == 5);
    set_addr(7, 0, 1);
    r15 = 1;
    check("x18 cylinder 7 of 5: cc 1, 4", diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL) == 1 && r15 == 4);
    set_addr(0, 0, 1);
    prog[3] = ccw_make(0x05, area, CCW_SLI, BLK);
    r15 = 1;
    check("x18 write on R/O: cc 1, 3", diag_r15(0x18, 0x190, (uint32_t)(uintptr_t)prog, &r15, NULL) == 1 && r15 == 3);
    prog[3] = ccw_make(0x06, area, CCW_SLI, 8192);
    r15 = 1;
    check("x18 8192 bytes: cc 2, 9", diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL) == 2 && r15 == 9);
    prog[3] = ccw_make(0x0E, area, CCW_SLI, 100);
    r15 = 1;
    check("x18 read key and data: cc 2, 7", diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL) == 2 && r15 == 7);
    set_addr(0, 5, 9);                      /* no record 9: an I/O error */
    prog[3] = ccw_make(0x06, RBUF, CCW_SLI, BLK);
    r15 = 1;
    cc = diag_r15(0x18, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL);
    check("x18 no such record: cc 3, 13", cc == 3 && r15 == 13 && (low(64)[4] & US_UC));
    /* X'20' */
    set_addr(4, 18, 1);
    memset(RBUF, 0, BLK);
    prog[3] = ccw_make(0x06, RBUF, 0, BLK);
    r15 = 0;
    cc = diag_r15(0x20, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL);
    fill(expect, BLK, 9);
    check("x20 read", cc == 0 && r15 == 0 && !memcmp(RBUF, expect, BLK));
    prog[3] = ccw_make(0x06, RBUF, 0, 100);
    cc = diag_r15(0x20, 0x191, (uint32_t)(uintptr_t)prog, &r15, NULL);
    check("x20 wrong length: cc 2, 3", cc == 2 && r15 == 3);
    set_addr(9, 0, 0);
    prog[0] = ccw_make(0x07, seekarg, 0, 6);
    cc = diag_r15(0x20, 0x191, (uint32_t)(uintptr_t)prog, &r15, &ry);
    check("x20 bad seek: cc 3, 13, sense command reject", cc == 3 && r15 == 13 && (ry & 0x8000));
    check("x20 no device: cc 1, 1", diag_r15(0x20, 0x555, (uint32_t)(uintptr_t)prog, &r15, NULL) == 1 && r15 == 1);
}

/* An IPL record on 191: R1 = BC-mode wait PSW at X'D0' and a CCW that
   reads R2 (16 bytes) to X'3000'; then CP IPLs it. */
static void ipl_test(void)
{
    static uint8_t r1[8 + 24], r2[8 + 16];
    count_field(r1, 0, 0, 1, 24);
    count_field(r2, 0, 0, 2, 16);
    static const uint8_t psw[8] = {0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xD0};
    memcpy(r1 + 8, psw, 8);
    struct ccw rd = ccw_make(0x06, (void *)0x3000, CCW_SLI, 16);
    memcpy(r1 + 16, &rd, 8);
    memset(r1 + 24, 0, 8);
    memcpy(r2 + 8, "IPL FROM 191 OK!", 16);
    for (int i = 0; i < 16; i++)
        r2[8 + i] = ascii_to_ebcdic[r2[8 + i]];
    set_addr(0, 0, 0);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x1D, r1, CCW_CC, sizeof r1);
    prog[4] = ccw_make(0x1D, r2, 0, sizeof r2);
    check("write the IPL records", run(0x191) == (US_CE | US_DE));
    static uint8_t cmd[8];
    const char *c = "IPL 191";
    for (int i = 0; c[i]; i++)
        cmd[i] = ascii_to_ebcdic[(unsigned char)c[i]];
    uint32_t r15 = 0;
    if (!failures)
        diag_r15(0x08, (uint32_t)(uintptr_t)cmd, 7, &r15, NULL);
    check("IPL 191 (not reached when it works)", 0);
}

int main(void)
{
    guesttrap_init();
    sio_tests();
    diag_tests();
    ipl_test();
    return failures != 0;
}
