/*
 * vint.c - a guest's PSW and its interruptions (GA22-7000, "Program
 * Status Word" and "Interruptions"): the real PSW CP runs it with, and
 * reflection of program, SVC, external and I/O interruptions through the
 * guest's own low storage, in BC or EC mode as its PSW says.
 *
 * In BC mode the interruption code and ILC go into the old PSW; in EC
 * mode into the assigned locations (external code at 134, SVC at 138,
 * program at 142, I/O device at 186), the old PSW holding neither.
 */
#include <string.h>

#include "cp.h"
#include "vm.h"

/* Guest low storage */
#define G_EXT_OLD 0x18
#define G_SVC_OLD 0x20
#define G_PGM_OLD 0x28
#define G_IO_OLD  0x38
#define G_CSW     0x40
#define G_EXT_NEW 0x58
#define G_SVC_NEW 0x60
#define G_PGM_NEW 0x68
#define G_IO_NEW  0x78

/* Condition code and program mask: byte 4 in BC mode, byte 2 in EC. */
static uint8_t *ccpm(uint8_t *psw) { return vpsw_ec(psw) ? psw + 2 : psw + 4; }

void vint_sync_from_real(struct vm *vm)
{
    uint8_t *p = ccpm(vm->psw);
    p[0] = (uint8_t)((p[0] & 0xC0) | (vm->run_psw[2] & 0x3F));
    vpsw_set_ia(vm->psw, get32(vm->run_psw + 4) & 0xFFFFFF);
}

int vint_prepare_run(struct vm *vm)
{
    vint_run_psw(vm);
    /* Real CR0: 4K pages, 64K segments for CP's tables of its real
       storage, the shadow's format under its own DAT; the guest's
       low-address protection and AFP-register bits; the CPU-timer
       subclass for CP's time slices and the clock-comparator subclass
       for its timers (clock.c), which must fire while guests run too. */
    uint32_t fmt = 0x00800000u;
    vm->run_dat = vdat_on(vm->psw);
    if (vm->run_dat && !(fmt = shadow_select(vm)))
        return -1;
    if (!vm->run_dat)
        vm->run_cr1 = vm->store_cr1;
    vm->fast_size = vm->run_dat ? 0 : vm->size;     /* virtual addresses: not there */
    vm->run_cr0 = fmt | (vm->cr[0] & 0x10040000u) | 0x00000C00u;
    return 0;
}

/* Store the guest's PSW as old PSW at loc (with a BC-mode interruption
   code and ILC), load the new PSW at loc + 0x40.  A new PSW that cannot
   be loaded stops the VM, as a program-interruption loop would. */
static void swap(struct vm *vm, uint32_t loc, uint16_t code, unsigned ilc)
{
    uint8_t *low = vmstore_addr(vm, 0);
    uint8_t old[8];
    memcpy(old, vm->psw, 8);
    if (!vpsw_ec(old)) {
        old[2] = (uint8_t)(code >> 8);
        old[3] = (uint8_t)code;
        old[4] = (uint8_t)((old[4] & 0x3F) | (ilc & 3) << 6);
    }
    memcpy(low + loc, old, 8);
    memcpy(vm->psw, low + loc + 0x40, 8);
    if (!vpsw_valid(vm, vm->psw))
        vm_stop(vm, "INVALID");
}

void vint_restart(struct vm *vm)
{
    uint8_t *low = vmstore_addr(vm, 0);
    memcpy(low + 8, vm->psw, 8);
    memcpy(vm->psw, low, 8);
    if (!vpsw_valid(vm, vm->psw))
        vm_stop(vm, "INVALID");
}

void vint_program(struct vm *vm, uint16_t code, unsigned ilc)
{
    uint8_t *low = vmstore_addr(vm, 0);
    if (vpsw_ec(vm->psw)) {
        low[0x8C] = 0;
        low[0x8D] = (uint8_t)((ilc & 3) << 1);
        low[0x8E] = (uint8_t)(code >> 8);
        low[0x8F] = (uint8_t)code;
    }
    swap(vm, G_PGM_OLD, code, ilc);
}

void vint_svc(struct vm *vm, uint16_t code, unsigned ilc)
{
    uint8_t *low = vmstore_addr(vm, 0);
    if (vpsw_ec(vm->psw)) {
        low[0x88] = 0;
        low[0x89] = (uint8_t)((ilc & 3) << 1);
        low[0x8A] = (uint8_t)(code >> 8);
        low[0x8B] = (uint8_t)code;
    }
    swap(vm, G_SVC_OLD, code, ilc);
}

/* Is the guest enabled for I/O interruptions from channel ch? */
static bool io_enabled(const struct vm *vm, unsigned ch)
{
    if (vpsw_ec(vm->psw))
        return (vm->psw[0] & 0x02) && (vm->cr[2] & (0x80000000u >> (ch & 31)));
    return vm->psw[0] & (ch < 6 ? 0x80 >> ch : 0x02);
}

static const struct { uint32_t cond; uint32_t cr0_mask; uint16_t code; } ext_sources[] = {
    {VEXT_KEY, 0x00000040, 0x0040},
    {VEXT_CLOCK_COMP, 0x00000800, 0x1004},
    {VEXT_CPU_TIMER, 0x00000400, 0x1005},
};

bool vint_deliver(struct vm *vm)
{
    if (vm->psw[0] & 0x01) {                    /* external mask (BC and EC) */
        for (unsigned i = 0; i < sizeof ext_sources / sizeof ext_sources[0]; i++) {
            if (!(vm->ext_pending & ext_sources[i].cond) ||
                !(vm->cr[0] & ext_sources[i].cr0_mask))
                continue;
            if (ext_sources[i].cond != VEXT_CPU_TIMER)  /* the timer's stays */
                vm->ext_pending &= ~ext_sources[i].cond;
            uint8_t *low = vmstore_addr(vm, 0);
            if (vpsw_ec(vm->psw)) {
                low[0x84] = low[0x85] = 0;
                low[0x86] = (uint8_t)(ext_sources[i].code >> 8);
                low[0x87] = (uint8_t)ext_sources[i].code;
            }
            vm->psw[1] &= (uint8_t)~0x02;       /* an interruption ends a wait */
            swap(vm, G_EXT_OLD, ext_sources[i].code, 0);
            return true;
        }
    }
    for (unsigned i = 0; i < vm->nvdev; i++) {
        struct vdev *d = &vm->vdev[i];
        if (!d->status_pending || !io_enabled(vm, d->addr >> 8))
            continue;
        vdev_clear_pending(vm, d);
        uint8_t *low = vmstore_addr(vm, 0);
        memcpy(low + G_CSW, d->pending_csw, 8);
        if (vpsw_ec(vm->psw)) {
            low[0xB8] = low[0xB9] = 0;
            low[0xBA] = (uint8_t)(d->addr >> 8);
            low[0xBB] = (uint8_t)d->addr;
        }
        vm->psw[1] &= (uint8_t)~0x02;
        swap(vm, G_IO_OLD, d->addr, 0);
        return true;
    }
    return false;
}

bool vint_can_wake(struct vm *vm)
{
    if (vm->psw[0] & 0x01 && vm->cr[0] & 0x00000C40)
        return true;
    for (unsigned ch = 0; ch < 16; ch++)
        if (io_enabled(vm, ch))
            return true;
    return false;
}
