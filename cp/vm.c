/*
 * vm.c - virtual machines: creation, the task that runs each guest, and
 * what CP does with every interruption the guest causes (vm.h has the
 * model).  Messages are VM/370's: DMKDSP450W for a disabled wait.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "vm.h"
#include "vspool.h"

#define MAX_VMS 256                         /* logged on at once */
#define SLICE_TOD (10000ll << 12)           /* 10 ms of CPU per dispatch, over any number of entries */

#define PGM_ADDRESSING 0x05
#define PGM_SEGMENT 0x10
#define PGM_PAGE 0x11
#define PGM_MONITOR 0x40

static struct vm *vms[MAX_VMS];

struct vm *vm_find(const char *userid)
{
    for (int i = 0; i < MAX_VMS; i++)
        if (vms[i] && !strcmp(vms[i]->userid, userid))
            return vms[i];
    return NULL;
}

void vm_say(struct vm *vm, const char *fmt, ...)
{
    char line[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    vm->out(vm, line);
}

void vm_stop(struct vm *vm, const char *why)
{
    vm->state = VM_STOPPED;
    if (why)
        vm_say(vm, "DMKDSP450W CP ENTERED; %s PSW %08X %08X", why,
               (unsigned)get32(vm->psw), (unsigned)get32(vm->psw + 4));
    logon_status(vm);
}

void vm_start(struct vm *vm)
{
    vm->state = VM_RUNNING;
    task_wakeup(vm);
    logon_status(vm);
}

/* Wait until no channel program of vm has real I/O going: until then
   the channel may store into its pages. */
static void io_quiesce(struct vm *vm)
{
    for (unsigned i = 0; i < vm->nvdev; i++)
        if (vm->vdev[i].inflight) {
            task_sleep(&vm->vdev[i].inflight);
            i = (unsigned)-1;                   /* the table may have changed: again */
        }
}

/* Give vm new, zeroed storage of size bytes (its tables too). */
static int new_storage(struct vm *vm, uint32_t size)
{
    io_quiesce(vm);
    vmstore_free(vm);
    return vmstore_init(vm, size);
}

int vm_define_storage(struct vm *vm, uint32_t size)
{
    uint32_t old = vm->size;
    vm_reset(vm, false);
    vm_stop(vm, NULL);                          /* CP READ: the user IPLs */
    if (new_storage(vm, size) == 0)
        return 0;
    if (new_storage(vm, old) < 0)
        panic("NO STORAGE FOR THE TABLES OF %s", vm->userid);
    return -1;
}

void vm_reset(struct vm *vm, bool clear)
{
    shadow_free(vm);
    memset(vm->psw, 0, 8);
    memset(vm->cr, 0, sizeof vm->cr);
    vm->cr[0] = 0x000000E0;         /* initial values (GA22-7000, "CPU reset") */
    vm->cr[2] = 0xFFFFFFFF;
    vm->cr[14] = 0xC2000000;
    vm->cr[15] = 0x00000200;
    vm->ext_pending = 0;
    for (unsigned i = 0; i < vm->nvdev; i++) {
        vdev_clear_pending(vm, &vm->vdev[i]);
        vm->vdev[i].endless = false;
    }
    if (clear) {
        vm_fp_release(vm);
        memset(vm->gpr, 0, sizeof vm->gpr);
        memset(vm->fpr, 0, sizeof vm->fpr);
        vm->fpc = 0;
        if (new_storage(vm, vm->size) < 0)
            panic("NO STORAGE FOR THE TABLES OF %s", vm->userid);
    }
    vm->state = VM_STOPPED;
}

/* The virtual timers: the CPU timer counts down while the guest runs
   (used: TOD units), the clock comparator compares with its TOD clock. */
static void account(struct vm *vm, uint64_t used)
{
    vm->cpu_used += used;
    vm->cpu_timer -= used;
    if ((int64_t)vm->cpu_timer < 0)
        vm->ext_pending |= VEXT_CPU_TIMER;
    if (vm->clock_comp != ~0ull && tod_now() + vm->tod_offset >= vm->clock_comp)
        vm->ext_pending |= VEXT_CLOCK_COMP;
}

/* No frame for a page the guest needs: it stops, CP and the others go on. */
static void no_frame(struct vm *vm)
{
    vm_say(vm, "DMKPTR160E NO PAGE FRAME FOR %s; PAGING AREA FULL OR ABSENT", vm->userid);
    vm_stop(vm, NULL);
}

/* A real segment- or page-translation exception at va while the guest
   ran under its shadow tables (DAT on): filled, and the instruction runs
   again, or the guest's own exception reflected.  Segment and page
   translation nullify (the PSW points at the instruction already, as the
   real exception left it); translation specification and addressing
   suppress (past it). */
static void shadow_trap(struct vm *vm, uint32_t va, unsigned ilc)
{
    int pc = shadow_fault(vm, va);
    if (pc < 0)
        no_frame(vm);
    if (pc <= 0)
        return;
    if (pc != PGM_SEGMENT && pc != PGM_PAGE)
        vpsw_set_ia(vm->psw, vpsw_ia(vm->psw) + 2 * ilc);
    vint_program(vm, (uint16_t)pc, ilc);
}

/* A program interruption from the guest. */
static void program_trap(struct vm *vm)
{
    uint8_t *p = psa();
    uint16_t code = get16(p + LC_PGM_CODE);
    unsigned ilc = p[LC_PGM_ILC + 1] >> 1 & 3;
    switch (code & 0x7F) {
    case 0x02:
        privop_simulate(vm, ilc);
        return;
    case PGM_SEGMENT:
    case PGM_PAGE: {
        uint32_t a = get32(p + LC_TEA) & 0xFFFFFF;
        if (vm->run_dat) {
            shadow_trap(vm, a, ilc);
            return;
        }
        if (a < vm->size) {
            if (!vmstore_addr(vm, a))   /* its frame; the instruction reruns */
                no_frame(vm);
            return;
        }
        /* Beyond the guest's storage: addressing, past the instruction. */
        vpsw_set_ia(vm->psw, vpsw_ia(vm->psw) + 2 * ilc);
        vint_program(vm, PGM_ADDRESSING, ilc);
        return;
    }
    case PGM_MONITOR:
        vmstore_write(vm, 0x94, p + 0x94, 12);  /* monitor class and code */
        break;
    }
    vint_program(vm, code, ilc);
}

static void guest_trap(struct vm *vm, unsigned kind)
{
    uint8_t *p = psa();
    switch (kind) {
    case TRAP_PGM:
        program_trap(vm);
        break;
    case TRAP_SVC:
        vint_svc(vm, get16(p + LC_SVC_CODE), p[LC_SVC_ILC + 1] >> 1 & 3);
        break;
    case TRAP_EXT:
        trap_external();                /* CP's timers (clock comparator) */
        task_yield();                   /* slice over, or a task woken */
        break;
    case TRAP_IO:
        trap_io();
        task_yield();                   /* let whoever it woke run */
        break;
    default:
        panic("INTERRUPTION CLASS %u FROM %s", kind, vm->userid);
    }
}

static void set_cpu_timer(uint64_t v)
{
    __asm__ volatile("spt %0" : : "Q"(v));
}

static uint64_t cpu_timer(void)
{
    uint64_t v;
    __asm__ volatile("stpt %0" : "=Q"(v));
    return v;
}

/*
 * The real floating-point registers and FPC hold one VM's at a time,
 * fp_owner's (CP itself is built without floating point): before a
 * guest runs they are saved into the VM that had them and loaded from
 * its own, all sixteen with the AFP-register control on for the moment,
 * whatever either guest's CR0 says.
 */
static struct vm *fp_owner;

static void fp_swap(struct vm *out, struct vm *in)
{
    uint32_t cr0, afp;
    __asm__ volatile("stctl 0,0,%0" : "=Q"(cr0));
    afp = cr0 | 0x00040000u;
    __asm__ volatile("lctl 0,0,%0" : : "Q"(afp));
    if (out)
        __asm__ volatile("std 0,0(%0)\n\tstd 1,8(%0)\n\tstd 2,16(%0)\n\tstd 3,24(%0)\n\t"
                         "std 4,32(%0)\n\tstd 5,40(%0)\n\tstd 6,48(%0)\n\tstd 7,56(%0)\n\t"
                         "std 8,64(%0)\n\tstd 9,72(%0)\n\tstd 10,80(%0)\n\tstd 11,88(%0)\n\t"
                         "std 12,96(%0)\n\tstd 13,104(%0)\n\tstd 14,112(%0)\n\tstd 15,120(%0)\n\t"
                         ".insn s,0xb29c0000,0(%1)"                  /* STFPC */
                         : : "a"(out->fpr), "a"(&out->fpc) : "memory");
    if (in)
        __asm__ volatile("ld 0,0(%0)\n\tld 1,8(%0)\n\tld 2,16(%0)\n\tld 3,24(%0)\n\t"
                         "ld 4,32(%0)\n\tld 5,40(%0)\n\tld 6,48(%0)\n\tld 7,56(%0)\n\t"
                         "ld 8,64(%0)\n\tld 9,72(%0)\n\tld 10,80(%0)\n\tld 11,88(%0)\n\t"
                         "ld 12,96(%0)\n\tld 13,104(%0)\n\tld 14,112(%0)\n\tld 15,120(%0)\n\t"
                         ".insn s,0xb29d0000,0(%1)"                  /* LFPC */
                         : : "a"(in->fpr), "a"(&in->fpc) : "memory");
    __asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
}

void vm_fp_sync(struct vm *vm)
{
    if (fp_owner == vm)
        fp_swap(vm, NULL);
}

void vm_fp_release(struct vm *vm)
{
    vm_fp_sync(vm);
    if (fp_owner == vm)
        fp_owner = NULL;
}

static void fp_take(struct vm *vm)
{
    if (fp_owner != vm) {
        fp_swap(fp_owner, vm);
        fp_owner = vm;
    }
}

/* The end of a logged-off VM, on its own task. */
static void vm_free(struct vm *vm)
{
    for (int i = 0; i < MAX_VMS; i++)
        if (vms[i] == vm)
            vms[i] = NULL;
    vm_fp_release(vm);
    vspool_console_end(vm);
    clock_wake_at(~0ull, vm);
    while (vm->nvdev)
        vdev_remove(vm, &vm->vdev[vm->nvdev - 1]);
    vmstore_free(vm);
    if (vm->chain_buf)
        frame_free(vm->chain_buf);
    fs_free(vm);
    task_wakeup(vm);                        /* a LOGON waiting for it to go */
    task_exit();
}

void vm_logoff(struct vm *vm)
{
    vm->logoff = true;
    vm->state = VM_STOPPED;
    task_wakeup(vm);
    task_wakeup(&vm->read_ready);
}

/* The task of a virtual machine: run the guest while it can run. */
static void vm_task(void *arg)
{
    struct vm *vm = arg;
    for (;;) {
        if (vm->logoff)
            vm_free(vm);
        if (vm->state != VM_RUNNING) {
            task_sleep(vm);
            continue;
        }
        if (vint_pending(vm) && vint_deliver(vm))
            continue;
        if (vm->psw[1] & 0x02) {                /* the guest waits */
            if (!vint_can_wake(vm)) {
                vm_stop(vm, "DISABLED WAIT");
                continue;
            }
            account(vm, 0);                     /* its comparator may be due */
            if (vint_pending(vm) && vint_deliver(vm))
                continue;
            clock_wake_at(vm->clock_comp - vm->tod_offset, vm);
            task_sleep(vm);
            account(vm, 0);                     /* the clock comparator */
            continue;
        }
        if (vint_prepare_run(vm) < 0) {         /* no frame for shadow tables */
            no_frame(vm);
            continue;
        }
        if (vm->slice <= 0)
            vm->slice = SLICE_TOD;
        set_cpu_timer((uint64_t)vm->slice);
        fp_take(vm);
        unsigned kind;
        int fast = PRIVOP_NOT_HANDLED;
        do                                      /* SSM, LPSW, ISK: at once */
            kind = vm_enter(vm);
        while (kind == TRAP_PGM && (fast = privop_fast(vm)) == PRIVOP_RESUME);
        int64_t left = (int64_t)cpu_timer();
        account(vm, (uint64_t)(vm->slice - left));
        vm->slice = left;
        vint_sync_from_real(vm);
        if (kind != TRAP_PGM || fast == PRIVOP_NOT_HANDLED)
            guest_trap(vm, kind);
        if (left <= 0 && kind != TRAP_EXT)      /* (TRAP_EXT has yielded) */
            task_yield();                       /* its slice is over, however it left */
    }
}

size_t vm_cost(uint32_t storage)
{
    return sizeof(struct vm) + CP_STACK_SIZE + storage / 2048 + (storage >> 16) * 72 + 1024;
}

struct vm *vm_create(const char *userid, uint32_t storage,
                     void (*out)(struct vm *vm, const char *line))
{
    struct vm *vm = vm_count() < MAX_VMS ? fs_alloc(sizeof *vm) : NULL;
    if (!vm)
        return NULL;
    strncpy(vm->userid, userid, 8);
    strcpy(vm->classes, "G");
    vm_settings_init(&vm->set);
    vm->out = out;
    vm->cpu_timer = 0;
    vm->clock_comp = ~0ull;
    /* These may wait (a page out for a frame), and another LOGON may
       take a free slot meanwhile: the slot is chosen after them. */
    int slot = -1;
    if (vmstore_init(vm, storage) == 0 && (vm->chain_buf = vmstore_cp_frame()) &&
        vdev_add(vm, 0x009, &vcon_ops))
        for (int i = 0; i < MAX_VMS && slot < 0; i++)
            if (!vms[i])
                slot = i;
    if (slot < 0 || !(vm->task = task_create(vm->userid, vm_task, vm))) {
        vmstore_free(vm);
        if (vm->chain_buf)
            frame_free(vm->chain_buf);
        fs_free(vm);
        return NULL;
    }
    vm_reset(vm, false);
    vms[slot] = vm;
    return vm;
}

unsigned vm_count(void)
{
    unsigned n = 0;
    for (int i = 0; i < MAX_VMS; i++)
        n += vms[i] != NULL;
    return n;
}

struct vm *vm_at(unsigned i)
{
    for (int k = 0; k < MAX_VMS; k++)
        if (vms[k] && i-- == 0)
            return vms[k];
    return NULL;
}
