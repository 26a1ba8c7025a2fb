/*
 * standin.c - a stand-in for the CMS nucleus, for tests/cms/sysgen_cms_test.sh:
 * a stand-alone program (sa/) that `cpcms sysgen --cms` writes to the
 * nucleus area of the CMS system disk, so that the test sees the
 * bootstrap (cms/boot/) load it and start it, under CP and on the bare
 * machine.  It checks what the bootstrap promises (common/cmsboot.h):
 * every 4K record of its image in place (a table of 64 records, a mark
 * in each), the PSW it was started with EC mode, key 0, supervisor
 * state, disabled for I/O and external interruptions; and prints the
 * IPL device address the IPL left at X'BA'.  exit(0) if all is well.
 */
#include <stdint.h>
#include <stdio.h>

#define MARK(k) [(k) * 1024] = 0xC3D4E200u + (k), [(k) * 1024 + 1023] = ~(0xC3D4E200u + (k))
#define MARK4(k) MARK(k), MARK((k) + 1), MARK((k) + 2), MARK((k) + 3)
#define MARK16(k) MARK4(k), MARK4((k) + 4), MARK4((k) + 8), MARK4((k) + 12)
#define NRECS 64

/* 64 records of 4K, the first and last word of each marked. */
static const uint32_t table[NRECS * 1024] __attribute__((aligned(4096))) = {
    MARK16(0), MARK16(16), MARK16(32), MARK16(48)
};

/* The first word of the PSW as it is now: an SVC whose new PSW
   continues right after it, as the bootstrap's PSW does (EC mode, key
   0, disabled), leaves it in the SVC old PSW at X'20'. */
static void current_psw(uint8_t psw[4])
{
    static const uint32_t newpsw_mask = 0x00080000;
    uint32_t w0;
    __asm__ volatile("larl  %%r1,1f\n\t"
                     "st    %%r1,0x64(%%r0)\n\t"
                     "mvc   0x60(4,%%r0),%1\n\t"
                     "svc   0\n"
                     "1:\n\t"
                     "l     %0,0x20(%%r0)"
                     : "=d"(w0)
                     : "Q"(newpsw_mask)
                     : "r1", "memory");
    psw[0] = (uint8_t)(w0 >> 24), psw[1] = (uint8_t)(w0 >> 16);
    psw[2] = (uint8_t)(w0 >> 8), psw[3] = (uint8_t)w0;
}

static unsigned ipl_device(void)
{
    uint16_t dev;
    __asm__ volatile("lh %0,0xBA(0)" : "=d"(dev) : : "memory");
    return dev;
}

int main(void)
{
    int bad = 0;
    printf("CMS NUCLEUS STAND-IN\n");
    printf("IPL DEVICE %03X\n", ipl_device());
    uint8_t psw[4];
    current_psw(psw);
    if ((psw[0] & 0x03) || (psw[1] & 0xF0) || !(psw[1] & 0x08) || (psw[1] & 0x01)) {
        printf("PSW %02X%02X%02X%02X: not EC mode, key 0, supervisor, disabled\n", psw[0], psw[1],
               psw[2], psw[3]);
        bad = 1;
    }
    unsigned ok = 0;
    for (unsigned k = 0; k < NRECS; k++) {
        const volatile uint32_t *r = table + k * 1024;
        if (r[0] == 0xC3D4E200u + k && r[1023] == ~(0xC3D4E200u + k))
            ok++;
        else if (!bad++)
            printf("RECORD %u OF THE TABLE IS NOT IN PLACE\n", k);
    }
    printf("%u RECORDS IN PLACE\n", ok);
    return bad;
}
