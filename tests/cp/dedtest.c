/*
 * dedtest.c - a dedicated DASD as the guest sees it (tests/cp/
 * opcmd_test.sh ATTACHes the real 3350 at 131, volume SPARE1, to the
 * operator's virtual machine at 150 and IPLs this there): the whole real
 * volume, its real cylinder numbers, no relocation, but CCW translation
 * still at work (a read into an area that crosses a page boundary).
 *   - Sense ID: a 3350;
 *   - the volume label, record 3 of cylinder 0 head 0: VOL1SPARE1;
 *   - Write CKD on cylinder 7 head 3 with count fields naming cylinder 7,
 *     read back through a page boundary, Read Count gives cylinder 7;
 *   - a seek past the last cylinder: unit check, command reject;
 * and the real 3420 at 180 attached at 181: a block written, the tape
 * rewound, the block read back.
 * Ends in a disabled wait at 0 when all is ok.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"
#include "guesttrap.h"
#include <s370io.h>
#include "guest.h"

#define DEV 0x150
#define BLK 4096


static struct ccw prog[8];
static uint8_t csw[8];

/* Run prog on dev; the unit status, or -1 if SIO did not start. */
static int run_on(unsigned dev)
{
    *(volatile uint32_t *)low(72) = (uint32_t)(uintptr_t)prog;
    int cc = io_sio(dev);
    if (cc == 0)
        while ((cc = io_tio(dev)) == 2)
            ;
    for (int i = 0; i < 8; i++)
        csw[i] = low(64)[i];
    return cc == 1 ? csw[4] : -1;
}
static int run(void) { return run_on(DEV); }

#define TAPE 0x181

static void tape_tests(void)
{
    static uint8_t out[80], in[80];
    for (unsigned i = 0; i < sizeof out; i++)
        out[i] = (uint8_t)(0xC1 + i % 9);
    prog[0] = ccw_make(0x01, out, 0, sizeof out);
    check("tape: write a block", run_on(TAPE) == (US_CE | US_DE));
    prog[0] = ccw_make(0x07, NULL, CCW_SLI, 1);
    check("tape: rewind", run_on(TAPE) >= 0 && !(csw[4] & US_UC));
    prog[0] = ccw_make(0x02, in, 0, sizeof in);
    check("tape: read it back", run_on(TAPE) == (US_CE | US_DE) && !memcmp(in, out, sizeof in));
}

static uint8_t seekarg[8] __attribute__((aligned(8)));
static uint8_t id[8];
static uint8_t count[8];
static uint8_t rec[8 + BLK];
static uint8_t area[3 * BLK] __attribute__((aligned(4096)));
#define RBUF (area + 2048)              /* crosses a page boundary */

static void set_addr(unsigned cyl, unsigned head, unsigned r)
{
    memset(seekarg, 0, sizeof seekarg);
    seekarg[2] = (uint8_t)(cyl >> 8);
    seekarg[3] = (uint8_t)cyl;
    seekarg[5] = (uint8_t)head;
    memcpy(id, seekarg + 2, 4);
    id[4] = (uint8_t)r;
}

/* Seek, search ID, read data of record r into RBUF. */
static int read_rec(unsigned cyl, unsigned head, unsigned r, unsigned len)
{
    set_addr(cyl, head, r);
    memset(RBUF, 0, BLK);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x06, RBUF, CCW_SLI, (uint16_t)len);
    return run();
}

int main(void)
{
    guesttrap_init();
    static uint8_t sid[7];
    prog[0] = ccw_make(0xE4, sid, CCW_SLI, 7);
    check("sense id", run() == (US_CE | US_DE) && sid[0] == 0xFF && sid[4] == 0x33 &&
                      sid[5] == 0x50);

    static const uint8_t vol1[10] = {0xE5, 0xD6, 0xD3, 0xF1,               /* VOL1 */
                                     0xE2, 0xD7, 0xC1, 0xD9, 0xC5, 0xF1};  /* SPARE1 */
    check("label", read_rec(0, 0, 3, 80) == (US_CE | US_DE) && !memcmp(RBUF, vol1, 10));

    /* format cylinder 7 head 3 with R1, count field naming cylinder 7 */
    set_addr(7, 3, 0);
    memset(rec, 0, 8);
    rec[1] = 7;
    rec[3] = 3;
    rec[4] = 1;
    rec[6] = BLK >> 8;
    for (unsigned i = 0; i < BLK; i++)
        rec[8 + i] = (uint8_t)(i * 13 + 5);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    prog[3] = ccw_make(0x1D, rec, 0, 8 + BLK);
    check("write ckd on real cylinder 7", run() == (US_CE | US_DE));
    check("read it back across a page", read_rec(7, 3, 1, BLK) == (US_CE | US_DE) &&
                                        !memcmp(RBUF, rec + 8, BLK));

    set_addr(7, 3, 0);
    prog[0] = ccw_make(0x07, seekarg, CCW_CC, 6);
    prog[1] = ccw_make(0x12, count, 0, 8);
    memset(count, 0xEE, sizeof count);
    check("read count: cylinder 7, not relocated",
          run() == (US_CE | US_DE) && count[0] == 0 && count[1] == 7 && count[3] == 3);

    set_addr(9999, 0, 0);
    prog[0] = ccw_make(0x07, seekarg, 0, 6);
    int us = run();
    static uint8_t sense[24];
    prog[0] = ccw_make(0x04, sense, CCW_SLI, sizeof sense);
    check("seek past the end: command reject",
          us >= 0 && (us & US_UC) && run() == (US_CE | US_DE) && (sense[0] & 0x80));
    tape_tests();
    printf("DEDTEST %s\n", failures ? "FAILED" : "DONE");
    return failures != 0;
}
