/*
 * console.c - the operator's console: a 3215 printer-keyboard (GA24-3488)
 * at the address sysgen chose (009 by default).
 *
 * Output: printf and putchar (sa/printf.c, sa/console.c's line buffer)
 * end in sa_console_write(), one line per channel program: SIO, then TIO
 * until the device is free.  CP runs disabled, so the status of the write
 * is taken by TIO; status that SIO or TIO store for something else (an
 * attention, the end of a read) is handled as its interruption would be.
 *
 * Input: the operator asks for attention (the REQUEST key of a real 3215;
 * a line typed at the host's console here).  The interruption wakes the
 * console task, which reads the line with a Read Inquiry (X'0A'),
 * sleeping until the read ends, and hands it to the operator's virtual
 * machine or, without one, runs it as a CP command.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include <s370io.h>
#include "sa.h"
#include "task.h"

#define CON_READ_MAX 130

static unsigned con_dev = 0x009;
static bool attn_pending;
static bool reading, read_done;
static uint8_t read_status;
static uint16_t read_residual;
static void (*con_input)(char *line);

unsigned con_devaddr(void) { return con_dev; }
void con_flush(void) { sa_console_flush(); }

void con_io_interrupt(uint8_t unit_status)
{
    if (unit_status & US_ATTN) {
        attn_pending = true;
        task_wakeup(&attn_pending);
    }
    if (reading && (unit_status & (US_CE | US_DE | US_UC))) {
        read_status = unit_status;
        read_residual = io_csw_residual();
        read_done = true;
        reading = false;
        task_wakeup(&read_done);
    }
}

void sa_console_write(unsigned char cmd, const char *s, unsigned n)
{
    static struct ccw prog;
    static unsigned char ebc[SA_CONSOLE_WIDTH];
    int cc;

    for (unsigned i = 0; i < n; i++)
        ebc[i] = ascii_to_ebcdic[(unsigned char)s[i]];
    prog = ccw_make(cmd, ebc, CCW_SLI, (uint16_t)n);
    for (int tries = 0;; tries++) {
        io_set_caw(&prog);
        cc = io_sio(con_dev);
        if (cc == IO_CC_OK)
            break;
        if (cc == IO_CC_NOTOPER || tries > 100000)
            return;     /* no console: nowhere to say anything */
        if (cc == IO_CC_STORED)
            con_io_interrupt(io_csw_status());
        else if ((cc = io_tio(con_dev)) == IO_CC_STORED)
            con_io_interrupt(io_csw_status());
    }
    while ((cc = io_tio(con_dev)) == IO_CC_BUSY)
        ;
    if (cc == IO_CC_STORED && (io_csw_status() & US_ATTN))
        con_io_interrupt(US_ATTN);
}

/* Read one line into line (ASCII, NUL-terminated); false if the console
   gave no line (unit check: nobody there). */
static bool con_read(char *line)
{
    static struct ccw prog;
    static unsigned char ebc[CON_READ_MAX];

    con_flush();
    prog = ccw_make(0x0A, ebc, CCW_SLI, CON_READ_MAX);
    io_set_caw(&prog);
    read_done = false;
    reading = true;
    int cc = io_sio(con_dev);
    if (cc != IO_CC_OK) {
        reading = false;
        if (cc == IO_CC_STORED)
            con_io_interrupt(io_csw_status());
        return false;
    }
    while (!read_done)
        task_sleep(&read_done);
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

/* The console task: each attention, one line for con_input. */
static void con_task(void *arg)
{
    (void)arg;
    char line[CON_READ_MAX + 1];
    for (;;) {
        while (!attn_pending)
            task_sleep(&attn_pending);
        attn_pending = false;
        if (con_read(line))
            con_input(line);
    }
}

void con_init(unsigned devaddr, void (*input)(char *line))
{
    con_dev = devaddr;
    con_input = input;
    if (!task_create("console", con_task, NULL))
        panic("NO STORAGE FOR THE CONSOLE TASK");
}
