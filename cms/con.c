/*
 * con.c - the console: a 3215 (GA24-3488) at X'009', which CP simulates
 * on the user's terminal.  Write with carrier return (X'09') a line at a
 * time; read inquiry (X'0A') waits for the next line the user types (CP
 * shows VM READ meanwhile).  Text is ASCII in CMS and EBCDIC on the wire.
 * sa_console_write() is what the sa/ runtime's printf ends in.  A line
 * typed while CMS is busy comes as attention; con_poll() takes it at the
 * safe points (each line written, each SVC, each disk block): the
 * immediate commands HX, HT, RT, or a command typed ahead.
 */
#include <stdio.h>
#include <string.h>

#include <s370io.h>

#include "cms.h"
#include "ebcdic.h"

#define WIDTH 130

static uint8_t buf[WIDTH] __attribute__((aligned(8)));
static struct ccw ccw;

static void write_piece(unsigned char cmd, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = ascii_to_ebcdic[(unsigned char)s[i]];
    if (n == 0)
        buf[n++] = 0x40;
    ccw = ccw_make(cmd, buf, CCW_SLI, (uint16_t)n);
    io_run(CMS_CONSOLE, &ccw, NULL, NULL);
}

static bool typing_halted;      /* HT until RT, the command's end or the next read */
static char ahead[132];         /* a line typed ahead */
static bool have_ahead;

static void raw_read(char *out, size_t cap);

void con_poll(void)
{
    if (!io_poll_attention())
        return;
    char line[132];
    raw_read(line, sizeof line);
    if (!strcmp(line, "HX") || !strcmp(line, "hx")) {
        typing_halted = false;
        cms_halt();
    } else if (!strcmp(line, "HT") || !strcmp(line, "ht")) {
        typing_halted = true;
    } else if (!strcmp(line, "RT") || !strcmp(line, "rt")) {
        typing_halted = false;
    } else if (!have_ahead) {
        strcpy(ahead, line);
        have_ahead = true;
    }
}

void con_resume_typing(void) { typing_halted = false; }

void con_write(const char *line)
{
    con_poll();
    if (typing_halted)
        return;
    size_t n = strlen(line);
    do {
        size_t k = n > WIDTH ? WIDTH : n;
        write_piece(0x09, line, k);
        line += k;
        n -= k;
    } while (n);
}

/* The sa/ runtime's console (sa/console.c buffers a line). */
void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
    write_piece(cmd, s, n);
}

void con_read(char *out, size_t cap)
{
    typing_halted = false;
    if (have_ahead) {
        have_ahead = false;
        snprintf(out, cap, "%s", ahead);
        return;
    }
    raw_read(out, cap);
}

static void raw_read(char *out, size_t cap)
{
    uint16_t residual = WIDTH;
    ccw = ccw_make(0x0A, buf, CCW_SLI, WIDTH);
    int us = io_run(CMS_CONSOLE, &ccw, NULL, &residual);
    (void)io_poll_attention();      /* the attention the line made (if any) is spent */
    size_t n = us < 0 ? 0 : (size_t)(WIDTH - residual);
    if (n > cap - 1)
        n = cap - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)ebcdic_to_ascii[buf[i]];
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = 0;
}
