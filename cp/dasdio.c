/*
 * dasdio.c - CP's own channel programs on CKD DASD (the system residence
 * volume: its directory, saved systems, volume labels, the paging area):
 * consecutive records of one track read or written by one program
 * (Seek, Search ID Equal, TIC back to the search, Read Data or Write Data
 * of each record), and a track formatted with records of one length
 * (Seek, Search ID Equal R0, TIC, Write CKD of each record, its count
 * field data-chained to the data).  The I/O scheduler (iosched.c) runs
 * them on the registered device; the calling task sleeps until they end.
 */
#include <string.h>

#include "cp.h"
#include <s370io.h>
#include "iosched.h"

#define MAX_RECS 64

/* Run prog, whose first three CCWs are to be Seek, Search ID Equal and
   the TIC, on dev, oriented to (cyl, head, rec); then free it. */
static int run(unsigned dev, struct ccw *prog, uint8_t *seek, unsigned cyl, unsigned head,
               unsigned rec)
{
    struct iodev *d = io_find(dev);
    uint8_t *id = seek + 8;
    seek[2] = (uint8_t)(cyl >> 8);
    seek[3] = (uint8_t)cyl;
    seek[4] = (uint8_t)(head >> 8);
    seek[5] = (uint8_t)head;
    memcpy(id, seek + 2, 4);
    id[4] = (uint8_t)rec;
    prog[0] = ccw_make(0x07, seek, CCW_CC, 6);
    prog[1] = ccw_make(0x31, id, CCW_CC, 5);
    prog[2] = ccw_make(0x08, &prog[1], 0, 0);
    struct io_result r;
    int rc = d ? io_run(d, prog, &r) : -1;
    fs_free(prog);
    return rc < 0 || (r.us & US_UC) || (r.cs & ~CS_IL) ? -1 : 0;
}

/* Records rec..rec+n-1 of the track, len bytes each, from or into bufs. */
static int transfer(unsigned dev, uint8_t cmd, unsigned cyl, unsigned head, unsigned rec,
                    unsigned n, void *const *bufs, uint16_t len)
{
    if (n == 0 || n > MAX_RECS || rec == 0)
        return -1;
    /* the program, then the seek argument BBCCHH and the search argument CCHHR */
    struct ccw *prog = fs_alloc((3 + n) * sizeof *prog + 16);
    if (!prog)
        return -1;
    for (unsigned i = 0; i < n; i++)
        prog[3 + i] = ccw_make(cmd, bufs[i], (uint8_t)(i + 1 < n ? CCW_CC | CCW_SLI : CCW_SLI),
                               len);
    return run(dev, prog, (uint8_t *)(prog + 3 + n), cyl, head, rec);
}

int dasd_read(unsigned dev, unsigned cyl, unsigned head, unsigned rec, unsigned n,
              void *const *bufs, uint16_t len)
{
    return transfer(dev, 0x06, cyl, head, rec, n, bufs, len);
}

int dasd_write(unsigned dev, unsigned cyl, unsigned head, unsigned rec, unsigned n,
               const void *const *bufs, uint16_t len)
{
    return transfer(dev, 0x05, cyl, head, rec, n, (void *const *)bufs, len);
}

int dasd_format(unsigned dev, unsigned cyl, unsigned head, unsigned n, const void *data,
                uint16_t len)
{
    if (n == 0 || n > MAX_RECS)
        return -1;
    /* the program (two CCWs a record), the seek and search arguments,
       and a count field for each record */
    struct ccw *prog = fs_alloc((3 + 2 * n) * sizeof *prog + 16 + 8 * n);
    if (!prog)
        return -1;
    uint8_t *seek = (uint8_t *)(prog + 3 + 2 * n), *count = seek + 16;
    for (unsigned i = 0; i < n; i++) {
        uint8_t *c = count + 8 * i;
        c[0] = (uint8_t)(cyl >> 8);
        c[1] = (uint8_t)cyl;
        c[2] = (uint8_t)(head >> 8);
        c[3] = (uint8_t)head;
        c[4] = (uint8_t)(i + 1);
        c[5] = 0;                                   /* no key */
        c[6] = (uint8_t)(len >> 8);
        c[7] = (uint8_t)len;
        prog[3 + 2 * i] = ccw_make(0x1D, c, CCW_CD, 8);
        prog[4 + 2 * i] = ccw_make(0x1D, data, i + 1 < n ? CCW_CC : 0, len);
    }
    return run(dev, prog, seek, cyl, head, 0);
}
