/*
 * dasdio.c - CP's own reads from CKD DASD (the system residence volume,
 * volume labels): consecutive records of one track, read by one channel
 * program (Seek, Search ID Equal, TIC back to the search, Read Data of
 * each record) into real storage, run by the I/O scheduler (iosched.c)
 * on the registered device.  The calling task sleeps until it ends.
 */
#include <string.h>

#include "cp.h"
#include <s370io.h>
#include "iosched.h"

#define MAX_RECS 64

int dasd_read(unsigned dev, unsigned cyl, unsigned head, unsigned rec, unsigned n,
              void *const *bufs, uint16_t len)
{
    struct iodev *d = io_find(dev);
    if (!d || n == 0 || n > MAX_RECS)
        return -1;
    /* the program, then the seek argument BBCCHH and the search argument CCHHR */
    struct ccw *prog = fs_alloc((3 + n) * sizeof *prog + 16);
    if (!prog)
        return -1;
    uint8_t *seek = (uint8_t *)(prog + 3 + n), *id = seek + 8;
    seek[2] = (uint8_t)(cyl >> 8);
    seek[3] = (uint8_t)cyl;
    seek[4] = (uint8_t)(head >> 8);
    seek[5] = (uint8_t)head;
    memcpy(id, seek + 2, 4);
    id[4] = (uint8_t)rec;
    prog[0] = ccw_make(0x07, seek, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    for (unsigned i = 0; i < n; i++)
        prog[3 + i] = ccw_make(0x06, bufs[i], (uint8_t)(i + 1 < n ? CCW_CC | CCW_SLI : CCW_SLI),
                               len);
    struct io_result r;
    int rc = io_run(d, prog, &r);
    fs_free(prog);
    return rc < 0 || (r.us & US_UC) || (r.cs & ~CS_IL) ? -1 : 0;
}
