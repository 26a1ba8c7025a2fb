/*
 * console.c - the operator's console: a 3215 printer-keyboard (GA24-3488)
 * at the address sysgen chose (009 by default).
 *
 * Output: printf and putchar (sa/printf.c, sa/console.c's line buffer)
 * end in sa_console_write(), one line per channel program: SIO, then TIO
 * until the device is free.  Status stored by either (an attention the
 * operator caused) is remembered, not lost.
 *
 * Input: the operator asks for attention (the REQUEST key of a real 3215;
 * a line typed at the host's console here).  The I/O interruption sets a
 * flag; con_poll(), called by the main loop, reads the line with a Read
 * Inquiry (X'0A') and waits for its ending interruption in the wait
 * state, then runs the line as an CP command (command.c).
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "io.h"
#include "sa.h"

#define CON_READ_MAX 130

static unsigned con_dev = 0x009;
static volatile bool attn_pending;
static volatile bool read_done;
static volatile uint8_t read_status;
static volatile uint16_t read_residual;

void con_init(unsigned devaddr) { con_dev = devaddr; }
unsigned con_devaddr(void) { return con_dev; }
void con_flush(void) { sa_console_flush(); }

/* Note what a stored CSW says about the console. */
static void note_csw(void)
{
    if (io_csw_status() & US_ATTN)
        attn_pending = true;
}

void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
    static struct ccw prog;
    static unsigned char ebc[SA_CONSOLE_WIDTH];
    int cc;

    for (unsigned i = 0; i < n; i++)
        ebc[i] = ascii_to_ebcdic[(unsigned char)s[i]];
    prog = ccw_make(cmd, ebc, CCW_SLI, (uint16_t)n);
    io_set_caw(&prog);
    for (int tries = 0; (cc = io_sio(con_dev)) != IO_CC_OK; tries++) {
        if (cc == IO_CC_NOTOPER || tries > 1000)
            return;     /* no console: nowhere to say anything */
        if (cc == IO_CC_STORED)
            note_csw();
        else
            while (io_tio(con_dev) == IO_CC_BUSY)
                ;
    }
    while ((cc = io_tio(con_dev)) == IO_CC_BUSY)
        ;
    if (cc == IO_CC_STORED)
        note_csw();
}

void con_io_interrupt(uint8_t unit_status)
{
    if (unit_status & US_ATTN)
        attn_pending = true;
    if (unit_status & (US_CE | US_DE | US_UC)) {
        read_status = unit_status;
        read_residual = io_csw_residual();
        read_done = true;
    }
}

/* Read one line into line (ASCII, NUL-terminated); false if the console
   gave no line (unit check: nobody there). */
static bool con_read(char *line)
{
    static struct ccw prog;
    static unsigned char ebc[CON_READ_MAX];

    prog = ccw_make(0x0A, ebc, CCW_SLI, CON_READ_MAX);
    io_set_caw(&prog);
    read_done = false;
    int cc = io_sio(con_dev);
    if (cc == IO_CC_STORED) {
        note_csw();
        return false;
    }
    if (cc != IO_CC_OK)
        return false;
    while (!read_done)
        cp_wait();
    if (read_status & US_UC)
        return false;
    unsigned n = CON_READ_MAX - read_residual;
    if (n > CON_READ_MAX)
        n = 0;
    for (unsigned i = 0; i < n; i++)
        line[i] = (char)ebcdic_to_ascii[ebc[i]];
    line[n] = 0;
    return true;
}

void con_poll(void)
{
    char line[CON_READ_MAX + 1];
    while (attn_pending) {
        attn_pending = false;
        con_flush();
        if (con_read(line))
            cmd_run(line);
    }
}
