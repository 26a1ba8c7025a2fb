/*
 * cmsboot.c - the CMS bootstrap: block 2 of the CMS system disk, read by
 * the IPL through block 1, reads the CMS nucleus from the nucleus area of
 * its own minidisk and starts it.  The records, the header that sysgen
 * fills in, and the wait codes are common/cmsboot.h; boot.S is the entry
 * and the PSW loads; boot.ld links it at CMSBOOT_ADDR.
 *
 * It runs disabled, DAT off, key 0, on any S/370: on the bare machine
 * (the disk is a whole volume) or in a virtual machine under CP (CP
 * relocates its seeks and searches into the minidisk, so it sees
 * cylinders from 0).  Its I/O is polled: SIO, then TIO until the ending
 * status is stored; nothing is enabled for interruptions.
 */
#include <stdint.h>

#include "cmsboot.h"
#include "s370io.h"

extern const uint8_t cmsboot_hdr[CMSBOOT_HDR_LEN];
void cmsboot_main(void) __attribute__((noreturn));
void boot_wait(unsigned code) __attribute__((noreturn));
void boot_start(uint32_t entry) __attribute__((noreturn));

#define CS_CHECKS 0x3F   /* program, protection, data, control, interface, chaining check */
#define SIO_SPINS 100000

/* One track's channel program: Seek, Search ID Equal, TIC back to the
   search, Read Data of R1..Rn; and the seek and search arguments. */
struct trackprog {
    struct ccw ccw[3 + CMSBOOT_MAX_PER_TRK];
    uint8_t seek[6];      /* 0 0 CC HH */
    uint8_t id[5];        /* CC HH R */
};

static uint16_t ipl_device(void)
{
    uint16_t dev;
    __asm__ volatile("lh %0,%1(0)" : "=d"(dev) : "i"(CMSBOOT_LC_DEVADDR) : "memory");
    return dev;
}

static uint32_t csw_word0(void)
{
    uint32_t w;
    __asm__ volatile("l %0,64(0)" : "=d"(w) : : "memory");
    return w;
}

/*
 * Start the channel program at prog on dev and wait for its ending
 * status.  `end` is the address after its last CCW.  Returns 0 when it
 * ended with channel end and device end after that CCW and no channel
 * status; else the CMSBOOT_W_* code of what went wrong.
 */
static unsigned run(unsigned dev, const struct ccw *prog, uint32_t end)
{
    io_set_caw(prog);
    int cc;
    unsigned spins = 0;
    while ((cc = io_sio(dev)) == IO_CC_BUSY)
        if (++spins == SIO_SPINS)
            return CMSBOOT_W_BUSY;
    if (cc == IO_CC_OK) {
        while ((cc = io_tio(dev)) == IO_CC_BUSY)
            ;
        if (cc == IO_CC_OK)              /* no status to be had */
            return CMSBOOT_W_STATUS;
    }
    if (cc == IO_CC_NOTOPER)
        return CMSBOOT_W_NOTOPER;
    uint32_t w1 = io_csw_word1();        /* cc 1: the CSW is stored */
    uint8_t unit = (uint8_t)(w1 >> 24), chan = (uint8_t)(w1 >> 16);
    if (unit & US_UC)
        return CMSBOOT_W_UNITCHK;
    if (chan & CS_CHECKS)
        return CMSBOOT_W_CHANNEL;
    if ((unit & ~US_SM) != (US_CE | US_DE) || chan || (csw_word0() & 0xFFFFFF) != end)
        return CMSBOOT_W_STATUS;
    return 0;
}

/* Sense, to take a unit check's sense data off the device before a retry;
   its own outcome does not matter. */
static void sense(unsigned dev)
{
    static uint8_t data[32];
    struct ccw prog[1];
    prog[0] = ccw_make(0x04, data, CCW_SLI, sizeof data);
    run(dev, prog, (uint32_t)(uintptr_t)(prog + 1));
}

/* The header's fields, or a disabled wait if they are not a nucleus this
   bootstrap can read. */
static void check_header(const uint8_t *h)
{
    uint32_t nrecs = cmsboot_get32(h + CB_NRECS), load = cmsboot_get32(h + CB_LOAD);
    uint32_t len = cmsboot_get32(h + CB_LEN), entry = cmsboot_get32(h + CB_ENTRY);
    unsigned per_trk = cmsboot_get16(h + CB_PER_TRK);
    if (h[CB_MAGIC] != CMSBOOT_MAGIC_0 || h[CB_MAGIC + 1] != CMSBOOT_MAGIC_1 ||
        h[CB_MAGIC + 2] != CMSBOOT_MAGIC_2 || h[CB_MAGIC + 3] != CMSBOOT_MAGIC_3 ||
        cmsboot_get16(h + CB_VERSION) != CMSBOOT_VERSION ||
        cmsboot_get16(h + CB_HDRLEN) != CMSBOOT_HDR_LEN || cmsboot_get16(h + CB_HEADS) == 0 ||
        per_trk == 0 || per_trk > CMSBOOT_MAX_PER_TRK || nrecs == 0 ||
        nrecs > (CMSBOOT_NUC_END - CMSBOOT_NUC_MIN) / CMSBOOT_RECLEN ||
        load % CMSBOOT_RECLEN || load < CMSBOOT_NUC_MIN ||
        load > CMSBOOT_NUC_END - nrecs * CMSBOOT_RECLEN || len > nrecs * CMSBOOT_RECLEN ||
        entry < load || entry >= load + len)
        boot_wait(CMSBOOT_W_HEADER);
}

void cmsboot_main(void)
{
    const uint8_t *h = cmsboot_hdr;
    check_header(h);
    unsigned dev = ipl_device();
    uint32_t nrecs = cmsboot_get32(h + CB_NRECS), load = cmsboot_get32(h + CB_LOAD);
    uint32_t cyl0 = cmsboot_get32(h + CB_NUC_CYL);
    unsigned heads = cmsboot_get16(h + CB_HEADS), per_trk = cmsboot_get16(h + CB_PER_TRK);
    struct trackprog p;
    uint32_t rec = 0;
    for (uint32_t trk = 0; rec < nrecs; trk++) {
        uint32_t cyl = cyl0 + trk / heads, head = trk % heads;
        unsigned n = nrecs - rec < per_trk ? (unsigned)(nrecs - rec) : per_trk;
        p.seek[0] = p.seek[1] = 0;
        p.seek[2] = p.id[0] = (uint8_t)(cyl >> 8);
        p.seek[3] = p.id[1] = (uint8_t)cyl;
        p.seek[4] = p.id[2] = (uint8_t)(head >> 8);
        p.seek[5] = p.id[3] = (uint8_t)head;
        p.id[4] = 1;
        p.ccw[0] = ccw_make(0x07, p.seek, CCW_CC, 6);             /* Seek */
        p.ccw[1] = ccw_make(0x31, p.id, CCW_CC, 5);               /* Search ID Equal */
        p.ccw[2] = ccw_make(0x08, &p.ccw[1], 0, 0);               /* TIC */
        for (unsigned r = 0; r < n; r++)                           /* Read Data */
            p.ccw[3 + r] = ccw_make(0x06, (void *)(uintptr_t)(load + (rec + r) * CMSBOOT_RECLEN),
                                    r + 1 < n ? CCW_CC : 0, CMSBOOT_RECLEN);
        uint32_t end = (uint32_t)(uintptr_t)&p.ccw[3 + n];
        for (unsigned tries = 1;; tries++) {
            unsigned why = run(dev, p.ccw, end);
            if (why == 0)
                break;
            if ((why != CMSBOOT_W_UNITCHK && why != CMSBOOT_W_STATUS) || tries == CMSBOOT_TRIES)
                boot_wait(why);
            sense(dev);
        }
        rec += n;
    }
    boot_start(cmsboot_get32(h + CB_ENTRY));
}
