/*
 * fstest.c - DIAGNOSE X'58' on a real 3270, as a guest on a user's
 * terminal sees it (tests/cp/fullscreen_test.sh IPLs it as a saved
 * system and plays the user with s3270): X'24' says the console is a
 * 3278; a read before any full-screen write ends at once (unit
 * exception: the screen is CP's); a full-screen write (X'29') and a read (X'2A') of what the user
 * typed; PA1 during a read taking the screen back to CP (the read ends
 * with unit exception) and, asked for, going to the program instead; a
 * message for the user ending a read the same way; Read Buffer; Clear;
 * displays (X'19') in CP's output area.  Between the steps it says what
 * it got in lines on the console, which bring CP's line-mode screen
 * back, and waits for a line (VM READ) until the script has seen them.
 * Ends with exit(0).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sa.h"
#include <s370io.h>
#include "guest.h"

/* 3270 orders and the 12-bit buffer address code (GA23-0061) */
#define SF 0x1D
#define SBA 0x11
#define IC 0x13
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};


static struct ccw prog[2];
static uint8_t out[256], in[2048];

static uint8_t *sba(uint8_t *p, int row, int col)
{
    int a = row * 80 + col;
    *p++ = SBA;
    *p++ = code6[(a >> 6) & 0x3F];
    *p++ = code6[a & 0x3F];
    return p;
}

static uint8_t *text(uint8_t *p, const char *s)
{
    while (*s)
        *p++ = ascii_to_ebcdic[(unsigned char)*s++];
    return p;
}

/* DIAGNOSE X'58' with one CCW: the condition code. */
static int d58(uint8_t cmd, uint8_t ctl, void *data, uint16_t count)
{
    uint32_t o[4];
    prog[0] = ccw_make(cmd, data, 0x20, count);
    prog[0].w1 |= (uint32_t)ctl << 16;
    return diag(0x58, (uint32_t)(uintptr_t)prog, 0x009, 0, 0, o);
}

/* A full screen: a title on the first line, an input field on the third
   with the cursor in it. */
static int screen(uint8_t ctl, const char *title)
{
    uint8_t *p = out;
    *p++ = 0xC3;                    /* WCC: reset, restore the keyboard, reset MDTs */
    p = sba(p, 0, 0);
    *p++ = SF;
    *p++ = code6[0x20];             /* protected */
    p = text(p, title);
    p = sba(p, 2, 0);
    *p++ = SF;
    *p++ = code6[0];                /* unprotected */
    *p++ = IC;
    p = sba(p, 2, 40);
    *p++ = SF;
    *p++ = code6[0x20];
    return d58(0x29, ctl, out, (uint16_t)(p - out));
}

/* Wait for a line from the user (a console read: VM READ), so that what
   was said stays on the screen until the user has seen it. */
static void pause(void)
{
    static struct ccw rd;
    static uint8_t line[80];
    rd = ccw_make(0x0A, line, 0x20, sizeof line);
    io_set_caw(&rd);
    for (int tries = 0; io_sio(0x009) != 0 && tries < 3; tries++)
        ;
    while (io_tio(0x009) == 2)
        ;
}

/* The inbound data stream in[0..n) as a line: AID, cursor, field text. */
static void say_read(const char *what, int cc, uint32_t n)
{
    char field[80];
    size_t k = 0;
    for (uint32_t i = 3; i < n && k + 1 < sizeof field; i++) {
        if (in[i] == SBA) {
            i += 2;
            continue;
        }
        field[k++] = (char)ebcdic_to_ascii[in[i]];
    }
    field[k] = 0;
    unsigned cursor = n >= 3 ? (unsigned)(in[1] & 0x3F) << 6 | (in[2] & 0x3F) : 0;
    printf("%s CC=%d AID=%02X CURSOR=%u DATA=%s\n", what, cc, n ? in[0] : 0, cursor, field);
}

int main(void)
{
    uint32_t o[4];
    int cc = diag(0x24, 0xFFFFFFFF, 0, 0, 0, o);
    printf("FSTEST CONSOLE CC=%d CLASS=%02X TYPE=%02X MODEL=%u COLS=%u\n", cc,
           (unsigned)(o[3] >> 24), (unsigned)(o[3] >> 16) & 0xFF, (unsigned)(o[3] >> 8) & 0xFF,
           (unsigned)o[3] & 0xFF);
    printf("FSTEST LINE MODE\n");

    /* 0. a read before any full-screen write: the screen is CP's */
    int rc = d58(0x2A, 0x80, in, sizeof in);
    uint8_t st = 0;
    if (rc == 1 && io_tio(0x009) == 1)
        st = io_csw_status();
    printf("FSREAD0 CC=%d STATUS=%02X\n", rc, st);

    /* 1. write, read what the user types */
    cc = screen(0x80, "FULL SCREEN TEST");
    memset(in, 0, sizeof in);
    rc = d58(0x2A, 0x80, in, sizeof in);
    printf("FSWRITE CC=%d\n", cc);
    uint32_t n = sizeof in;                     /* Read Modified sends no nulls */
    while (n && !in[n - 1])
        n--;
    say_read("FSREAD", rc, n);
    pause();

    /* 2. PA1 during the read: CP's */
    cc = screen(0x80, "SECOND SCREEN");
    rc = d58(0x2A, 0x80, in, sizeof in);
    st = 0;
    if (rc == 1 && io_tio(0x009) == 1)
        st = io_csw_status();
    printf("FSREAD2 CC=%d STATUS=%02X\n", rc, st);
    pause();

    /* 3. PA1 for the program */
    cc = screen(0x90, "THIRD SCREEN");
    memset(in, 0, sizeof in);
    rc = d58(0x2A, 0x80, in, sizeof in);
    printf("FSREAD3 CC=%d AID=%02X\n", rc, in[0]);
    pause();

    /* 4. a message comes while a read waits: CP's screen again */
    cc = screen(0x80, "FOURTH SCREEN");
    rc = d58(0x2A, 0x80, in, sizeof in);
    st = 0;
    if (rc == 1 && io_tio(0x009) == 1)
        st = io_csw_status();
    printf("FSREAD4 CC=%d STATUS=%02X\n", rc, st);

    pause();

    /* 5. Read Buffer: the whole screen, what was typed in it (PF3) */
    cc = screen(0x80, "FIFTH SCREEN");
    memset(in, 0, sizeof in);
    rc = d58(0x2A, 0x00, in, sizeof in);
    static uint8_t title[16], typed[8];
    text(title, "FIFTH SCREEN");
    text(typed, "abc");
    int has_title = 0, has_typed = 0;
    for (unsigned i = 0; i + 12 < sizeof in; i++) {
        has_title |= !memcmp(in + i, title, 12);
        has_typed |= !memcmp(in + i, typed, 3);
    }
    printf("FSREAD5 CC=%d AID=%02X TITLE=%d TYPED=%d\n", rc, in[0], has_title, has_typed);

    /* 6. Clear: a short read, the AID alone */
    cc = screen(0x80, "SIXTH SCREEN");
    /* ... and a Write of more than 4K to it: 1400 SBAs to row 4, a line */
    static uint8_t big[4400];
    uint8_t *b = big;
    *b++ = 0xC2;                    /* WCC: restore the keyboard */
    for (int i = 0; i < 1400; i++)
        b = sba(b, 4, 0);
    b = text(b, "A DATA STREAM OF MORE THAN 4K");
    int ccbig = d58(0x29, 0x00, big, (uint16_t)(b - big));
    memset(in, 0, sizeof in);
    rc = d58(0x2A, 0x80, in, sizeof in);
    printf("FSREAD6 CC=%d AID=%02X NEXT=%02X BIG CC=%d\n", rc, in[0], in[1], ccbig);
    pause();

    /* 7. displays in CP's output area: CP's screen rewritten (X'FE'),
       emptied (X'FF'), a line at line 3, and more than the area holds
       (rejected) */
    static uint8_t disp[3600];                  /* more than any output area */
    int cc4 = d58(0x19, 0xFE, disp, 1);
    cc = d58(0x19, 0xFF, disp, 1);
    memset(disp, 0x40, sizeof disp);
    int cc3 = d58(0x19, 0, disp, sizeof disp);
    uint8_t sense = 0;
    if (cc3 == 1 && io_tio(0x009) == 1 && (io_csw_status() & US_UC)) {
        static struct ccw sn;
        sn = ccw_make(0x04, &sense, 0x20, 1);
        io_set_caw(&sn);
        if (io_sio(0x009) == 0)
            while (io_tio(0x009) == 2)
                ;
    }
    uint8_t *p = text(disp, "DISPLAYED BY X'19'");
    int cc2 = d58(0x19, 3, disp, (uint16_t)(p - disp));
    printf("FSDISPLAY CC=%d %d %d %d SENSE=%02X\n", cc4, cc, cc2, cc3, sense);
    return 0;
}
