/*
 * io.c - CMS's channel programs: SIO, then TIO until the device presents
 * its ending status (GA22-7000, chapter 13).  CMS runs disabled for I/O
 * interruptions and waits for one program at a time, which is all a
 * single-user system on a virtual machine needs; under CP, SIO on a
 * simulated or translated device ends the program before it returns.
 * The console's attention (a line typed while CMS was busy) comes in
 * whatever CSW is stored for it; it is noted for con.c.
 */
#include <s370io.h>

#include "cms.h"

bool io_attention;

/* A CSW was stored: note the console's attention in it. */
static void note(unsigned dev)
{
    if (dev == CMS_CONSOLE && (io_csw_status() & US_ATTN))
        io_attention = true;
}

bool io_poll_attention(void)
{
    if (io_tio(CMS_CONSOLE) == IO_CC_STORED)
        note(CMS_CONSOLE);
    bool a = io_attention;
    io_attention = false;
    return a;
}

int io_run(unsigned dev, const struct ccw *prog, uint8_t *cs, uint16_t *residual)
{
    int cc;
    for (int tries = 0;; tries++) {
        io_set_caw(prog);
        cc = io_sio(dev);
        if (cc == IO_CC_OK || cc == IO_CC_NOTOPER || tries == 100)
            break;
        if (cc == IO_CC_BUSY) {
            if (io_tio(dev) == IO_CC_STORED)    /* take the status it waits to give */
                note(dev);
        } else if (!(io_csw_status() & US_BUSY)) {
            break;                      /* stored: the program ended at once */
        } else {
            note(dev);                  /* busy with status: it is taken */
        }
    }
    if (cc == IO_CC_NOTOPER || cc == IO_CC_BUSY)
        return -1;
    if (cc == IO_CC_OK)
        while ((cc = io_tio(dev)) == IO_CC_BUSY)
            ;
    if (cc != IO_CC_STORED)
        return -1;
    note(dev);
    if (cs)
        *cs = io_csw_chstatus();
    if (residual)
        *residual = io_csw_residual();
    return io_csw_status();
}
