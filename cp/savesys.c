/*
 * savesys.c - named saved systems (VM/370's): page images of a guest's
 * real storage and the PSW that starts them, kept on the system residence
 * volume (common/sysres.h) by `cpcms sysgen --system NAME=ELF`.  `IPL
 * name` resets the virtual machine, reads the pages straight into its
 * frames and starts it.
 */
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include "sysres.h"
#include "vm.h"

#define PER_READ 16

/* The table entry of system `name` (ASCII, upper case), or NULL. */
static const uint8_t *find(const char *name)
{
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    uint8_t want[8];
    memset(want, 0x40, 8);
    for (int i = 0; i < 8 && name[i]; i++)
        want[i] = ascii_to_ebcdic[(unsigned char)name[i]];
    uint32_t n = get32(sp + SP_NSYS);
    for (uint32_t i = 0; i < n && i < SYSRES_MAX_SYS; i++) {
        const uint8_t *e = sp + SP_SYSTEMS + i * SYS_LEN;
        if (!memcmp(e + SYS_NAME, want, 8))
            return e;
    }
    return NULL;
}

bool savesys_exists(const char *name) { return strlen(name) <= 8 && find(name); }

int savesys_ipl(struct vm *vm, const char *name)
{
    const uint8_t *e = find(name);
    if (!e)
        return -1;
    const uint8_t *sp = psa() + SYSRES_PARM_ADDR;
    unsigned heads = get16(sp + SP_HEADS);
    uint32_t track = get32(e + SYS_TRACK), pages = get32(e + SYS_PAGES);
    uint32_t origin = get32(e + SYS_ORIGIN);
    unsigned per_trk = get32(sp + SP_SYS_PER_TRACK);
    if (origin & (CP_PAGE - 1) || pages > vm->size / CP_PAGE ||
        origin > vm->size - pages * CP_PAGE || per_trk == 0)
        return -2;                              /* does not fit this VM */
    vm_reset(vm, true);
    for (uint32_t done = 0; done < pages;) {
        uint32_t t = track + done / per_trk, r = done % per_trk;
        unsigned n = per_trk - r;
        if (n > pages - done)
            n = pages - done;
        if (n > PER_READ)
            n = PER_READ;
        void *bufs[PER_READ];
        unsigned fixed = 0;
        while (fixed < n && (bufs[fixed] = vmstore_fix(vm, origin + (done + fixed) * CP_PAGE, true)))
            fixed++;
        int rc = -2;                            /* no frame for a page */
        if (fixed == n)
            rc = dasd_read(cp_ipl_dev, t / heads, t % heads, r + 1, n, bufs, CP_PAGE) < 0 ? -3 : 0;
        while (fixed)
            vmstore_unfix(vm, origin + (done + --fixed) * CP_PAGE);
        if (rc)
            return rc;
        done += n;
    }
    memcpy(vm->psw, e + SYS_PSW, 8);
    vm_start(vm);
    return 0;
}
