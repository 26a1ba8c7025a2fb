/*
 * vm.h - a virtual machine (VM/370's VMBLOK): the guest's registers, its
 * PSW and control registers as the guest sees them, its storage, its
 * virtual devices and what CP has pending for it.
 *
 * The guest runs on the real CPU in problem state with DAT on: CP's
 * segment and page tables (vmstore.c) map guest real addresses, 4K pages
 * in 64K segments, to page frames given on first touch and taken back,
 * their contents going to the paging area, when others need them.  The real PSW is
 * built from the guest's PSW at each entry (vm_enter, start.S) and its
 * condition code, program mask and address are taken back at each exit.
 * Every privileged instruction the guest issues comes back as a
 * privileged-operation exception and is simulated (privop.c); every
 * interruption the guest should see is reflected through its own low
 * storage (vint.c).
 *
 * A guest that turns DAT on in its EC-mode PSW runs instead under shadow
 * tables (shadow.c): CP's tables that map its virtual addresses, through
 * its own segment and page tables (vdat.c walks them) and CP's mapping
 * of its real storage, straight to frames.  They start empty and are
 * filled on the translation exceptions the guest causes; what the
 * guest's own tables do not map is reflected to it as its segment- or
 * page-translation exception.  vint_prepare_run puts the right table,
 * CP's (store_cr1) or the shadow, in run_cr1, the CR1 vm_enter loads.
 */
#ifndef CP_VM_H
#define CP_VM_H

#include <stdbool.h>
#include <stdint.h>

#include <stddef.h>

#include "task.h"
#include "vmoffsets.h"

#define VM_MAX_VDEV 32

struct vm;
struct vdev;

/* A virtual device: its type and how its channel programs run.  A
   simulated one (the console) has ccw(): vdev.c walks the guest's
   channel program (TIC, data chaining, skip, length checks, keys) and
   calls ccw() for each command with the data gathered (write) or a
   buffer to fill (read), count bytes; the handler sets *len to the bytes
   it took or gave and returns the unit status.  A real one (a minidisk)
   has run(), which takes the whole program: it returns 1 with the ending
   CSW, 0 if the program ended before the device (SIO stores the CSW,
   condition code 1).  Both run on the VM's task and may sleep.
   detach() frees the device's state. */
struct vdev_ops {
    const char *type;           /* "3215" */
    uint16_t devtype;           /* for SENSE ID */
    uint8_t (*ccw)(struct vm *vm, struct vdev *d, uint8_t cmd, uint8_t *buf,
                   uint32_t count, uint32_t *len);
    int (*run)(struct vm *vm, struct vdev *d, uint32_t caw, uint8_t csw[8]);
    void (*detach)(struct vm *vm, struct vdev *d);
};

struct vdev {
    uint16_t addr;
    const struct vdev_ops *ops;
    bool status_pending;        /* an interruption waits in pending_csw */
    bool endless;               /* its program loops forever (vdev.c) */
    bool inflight;              /* run() has real I/O going: not to be detached */
    uint8_t pending_csw[8];
    uint8_t sense[8];
    void *state;
};

/* What SET and TERMINAL change (cmd_set.c); defaults from vm_settings_init. */
enum { EMSG_OFF, EMSG_ON, EMSG_CODE, EMSG_TEXT };
#define VM_PFKEYS 24
#define VM_PFLEN 64
struct vm_settings {
    bool msg, wng, imsg, run, ecmode, mode_cp;
    uint8_t emsg;                   /* EMSG_* */
    uint8_t timer;                  /* 0 OFF, 1 ON, 2 REAL */
    char chardel, linedel, linend, escape;     /* 0: OFF */
    char pf[VM_PFKEYS][VM_PFLEN];   /* SET PFnn: the line a key types */
};

enum vm_state {
    VM_STOPPED,     /* console function mode: only CP commands run */
    VM_RUNNING,     /* the guest runs, or waits for an interruption */
};

struct vm {
    /* Registers as the guest left them; vm_enter and the trap entry
       (start.S) use the offsets in VM_OFF_* below. */
    uint32_t gpr[16];               /* 0 */
    uint8_t run_psw[8] __attribute__((aligned(4))); /* 64: the real PSW to run it with */
    struct task_ctx host;           /* 72: the task's registers in vm_enter */
    uint32_t run_cr0;               /* 112 */
    uint32_t run_cr1;               /* 116: CR1 (segment table) */
    uint32_t store_cr1;             /* CR1 of CP's tables of its real storage (vmstore.c) */
    bool run_dat;                   /* it runs with DAT on, under shadow tables */
    uint32_t fast_size;             /* privop_fast's limit: size, 0 with DAT on */
    struct shadow *shadow;          /* its shadow tables (shadow.c), or NULL */

    uint8_t psw[8] __attribute__((aligned(4)));  /* the guest's PSW as it would be stored */
    uint32_t cr[16];                /* its control registers */
    uint64_t fpr[16];
    uint32_t fpc;
    uint64_t cpu_timer, clock_comp; /* virtual timers */
    uint64_t tod_offset;            /* its TOD clock minus the real one */

    char userid[9];
    char classes[9];                /* privilege classes, "ABCDEFG" */
    struct term *term;              /* its terminal, NULL when disconnected */
    char secuser[9];                /* gets its console output while it has none */
    bool logoff;                    /* being logged off: the task ends */
    unsigned bad_link_pw;           /* LINK passwords given wrong */
    struct vm_settings set;         /* SET, TERMINAL */
    bool attn_stop;                 /* stopped by PA1 (SET RUN ON resumes it) */
    enum vm_state state;
    uint32_t size;                  /* guest storage, bytes, multiple of 64K */
    uint32_t *stab;                 /* segment table: guest real -> frames */
    uint16_t **ptab;                /* page tables, one per segment, each with its slots */
    uint8_t *pkey;                  /* per 2K block: its key while the page has no frame */
    unsigned pageio;                /* paging going on for its pages (vmstore.c) */
    unsigned long page_reads, page_writes;  /* its pages read from, written to the paging area */

    struct vdev vdev[VM_MAX_VDEV];
    unsigned nvdev;
    uint32_t ext_pending;           /* external interruption conditions (vint.c) */
    unsigned io_pending;            /* virtual devices with status pending */
    struct task *task;
    void (*out)(struct vm *vm, const char *line);   /* its terminal */
    struct capture *capture;        /* diag.c: where DIAG X'08' puts CP's response */
    uint8_t *chain_buf;             /* vdev.c, diag58.c: a 4K frame for the data of a channel
                                       program (from LOGON: a console always has one) */
    uint64_t cpu_used;              /* TOD units the guest has run */
    int64_t slice;                  /* vm.c: what is left of its time slice, TOD units */
    uint64_t sios;                  /* SIOs and DIAGNOSE I/O it has started */
    uint64_t instr_sims;            /* privileged instructions simulated */
    char con_line[512];             /* console output not yet ended */
    unsigned con_len;
    struct vsp *con_spool;          /* SPOOL CONSOLE's (vspool.c), or NULL */
    bool read_waiting;              /* a console read waits for a line */
    bool read_ready;
    char read_line[132];
};

_Static_assert(offsetof(struct vm, gpr) == VM_OFF_GPR, "vmoffsets.h");
_Static_assert(offsetof(struct vm, run_psw) == VM_OFF_RUN_PSW, "vmoffsets.h");
_Static_assert(offsetof(struct vm, host) == VM_OFF_HOST, "vmoffsets.h");
_Static_assert(offsetof(struct vm, run_cr0) == VM_OFF_RUN_CR0, "vmoffsets.h");
_Static_assert(offsetof(struct vm, run_cr1) == VM_OFF_RUN_CR1, "vmoffsets.h");

/* start.S: run the guest until an interruption; returns its class. */
unsigned vm_enter(struct vm *vm);

/* vm.c */
/* The free storage vm_create takes for a guest of storage bytes, at most
   (its blocks: the VM, its task's stack, keys, page tables). */
size_t vm_cost(uint32_t storage);
struct vm *vm_create(const char *userid, uint32_t storage,
                     void (*out)(struct vm *vm, const char *line));
void vm_reset(struct vm *vm, bool clear);       /* SYSTEM RESET / CLEAR */
/* DEFINE STORAGE: reset, and new zeroed storage of size bytes (a
   multiple of 64K): 0, or -1 (no frames for its tables: the old size
   kept). */
int vm_define_storage(struct vm *vm, uint32_t size);
void vm_stop(struct vm *vm, const char *why);   /* to console function mode */
void vm_start(struct vm *vm);                   /* BEGIN */
void vm_say(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct vm *vm_find(const char *userid);
unsigned vm_count(void);
/* The i-th logged-on VM, NULL past the last. */
struct vm *vm_at(unsigned i);
/* Log the VM off: its task frees it and ends (the VM is gone after). */
void vm_logoff(struct vm *vm);

/* cmd_set.c: SET's and TERMINAL's defaults (VM/370's), and the line
   editing of what is typed: the logical lines (at most max, each 131
   characters) into out; their number. */
void vm_settings_init(struct vm_settings *s);
/* vm.c: vm->fpr and vm->fpc made current (the real registers hold the
   guest's while it is the last to have run); _release also gives them
   up, so that what is then put in vm->fpr is what the guest gets. */
void vm_fp_sync(struct vm *vm);
void vm_fp_release(struct vm *vm);
unsigned cmd_line_edit(const struct vm_settings *s, const char *in, char out[][132], unsigned max);

/* logon.c: the terminal of a logged-on VM */
struct dir_user;
/* A VM for a directory entry, on terminal t (NULL: disconnected, as by
   AUTOLOG), and its IPL as the directory says. */
struct vm *logon_create(const struct dir_user *du, struct term *t);
void logon_ipl(struct vm *vm, const struct dir_user *du);
void logon_status(struct vm *vm);           /* CP READ, VM READ, RUNNING */
void logon_end(struct vm *vm, bool logoff); /* LOGOFF or DISCONN */
/* Is vm a terminal user's (on a 3270, or disconnected from one), not the
   operator's on the 3215? */
bool logon_terminal_user(const struct vm *vm);

/* vmstore.c: guest real storage, paged */
int vmstore_init(struct vm *vm, uint32_t size);
/* Give back its frames and slots (waits for its paging I/O to end). */
void vmstore_free(struct vm *vm);
/* Host pointer for guest real address a, or NULL if a is beyond the
   guest's storage or CP cannot give the page a frame (paging area full
   or absent, every frame fixed).  The page may have to be read back from
   the paging area, or another page written there for its frame: the
   calling task may sleep, and a pointer got before is then good only if
   its page is fixed (vmstore_fix). */
uint8_t *vmstore_addr(struct vm *vm, uint32_t a);
/* vmstore_addr's fast path: a page that has its frame already (never
   sleeps then); vmstore_ptr_in for an address known to be below size. */
static inline uint8_t *vmstore_ptr_in(struct vm *vm, uint32_t a)
{
    uint16_t pte = vm->ptab[a >> 16][(a >> 12) & 15];
    if (!(pte & 0x0008))
        return (uint8_t *)(uintptr_t)(((uint32_t)(pte & 0xFFF0) << 8) | (a & 0xFFF));
    return vmstore_addr(vm, a);
}
static inline uint8_t *vmstore_ptr(struct vm *vm, uint32_t a)
{
    return a < vm->size ? vmstore_ptr_in(vm, a) : vmstore_addr(vm, a);
}
/* vmstore_addr for a shadow-table entry (shadow.c): the frame is marked,
   so that taking it from the page (paging, DIAGNOSE X'10') makes the
   shadow entries that map it invalid (shadow_unmap). */
uint8_t *vmstore_map(struct vm *vm, uint32_t a);
/* vmstore_addr, and the page keeps its frame until vmstore_unfix (the
   channel will store into it: input; or CP holds the pointer while it
   sleeps).  Fixes count: each vmstore_fix needs its vmstore_unfix. */
uint8_t *vmstore_fix(struct vm *vm, uint32_t a, bool input);
void vmstore_unfix(struct vm *vm, uint32_t a);
unsigned vmstore_resident(const struct vm *vm);
/* Room in CP's free storage for bytes, taking frames back from guests'
   pages when the pool cannot grow otherwise (storage.c's guest limit goes
   down): false if even that cannot give it.  A task only, at a point
   where it may wait (for the page writes) without another task changing
   what it has checked.  vmstore_fs_alloc: fs_alloc, with that room. */
bool vmstore_make_room(size_t bytes);
void *vmstore_fs_alloc(size_t bytes);
/* A frame for CP (zeroed): a free one, or (a task) one taken from a
   guest's page; NULL if there is none. */
void *vmstore_cp_frame(void);
/* Copy between guest real storage and CP; false if beyond its storage
   (nothing then copied).  Keys are not checked: see vmstore_key_ok. */
bool vmstore_read(struct vm *vm, uint32_t a, void *buf, uint32_t len);
bool vmstore_write(struct vm *vm, uint32_t a, const void *buf, uint32_t len);
/* May the guest, with PSW key `key`, fetch or store len bytes at a? */
bool vmstore_key_ok(struct vm *vm, uint32_t a, uint32_t len, uint8_t key, bool store);
/* The storage key of the 2K block at a, and setting it (SSK, ISK). */
uint8_t vmstore_get_key(struct vm *vm, uint32_t a);
void vmstore_set_key(struct vm *vm, uint32_t a, uint8_t key);
/* DIAGNOSE X'10': release pages first..last (page addresses, first <=
   last < size): their frames freed (zeroed in place while the machine
   has real I/O going), the next touch a zeroed page; keys kept. */
void vmstore_release(struct vm *vm, uint32_t first, uint32_t last);

/* vdat.c: the guest's own dynamic address translation (its CR0 and CR1,
   its tables in its real storage; GA22-7000 "Dynamic Address
   Translation").  vdat_walk translates virtual address va as the CPU
   would: VDAT_OK and the guest real address in *ra, or why not, *entry
   then the guest real address of the invalid entry (for LRA). */
enum { VDAT_OK, VDAT_SEG_INVALID, VDAT_PAGE_INVALID, VDAT_SEG_LENGTH, VDAT_PAGE_LENGTH,
       VDAT_SPEC, VDAT_ADDRESSING };
int vdat_walk(struct vm *vm, uint32_t va, uint32_t *ra, uint32_t *entry);
/* vdat_walk for an access: 0 and *ra, or the program-interruption code
   the access gets (segment or page translation, the translation-exception
   address then stored at X'90'; translation specification; addressing). */
int vdat_translate(struct vm *vm, uint32_t va, uint32_t *ra);
/* Does the guest's PSW say DAT on (EC mode, bit 5)? */
static inline bool vdat_on(const uint8_t *psw) { return (psw[1] & 0x08) && (psw[0] & 0x04); }

/* shadow.c: the tables a guest with DAT on runs under (the comment at the
   top).  shadow_select, before each run with DAT on: the tables in
   vm->run_cr1 (made anew if the guest's CR0 format or CR1 changed), the
   real CR0's translation format for them returned; 0 if there is no
   frame for them.  shadow_fault answers a real segment- or
   page-translation exception at virtual address va: 0 (the entry filled,
   the instruction runs again), the program-interruption code to reflect
   (vdat_translate's), or -1 (no frame for the page).  shadow_purge makes
   every entry invalid (the guest's PTLB, a new CR0 format or CR1);
   shadow_unmap those that map the frame at frame, without purging the
   TLB (the caller does); shadow_free gives the tables back. */
uint32_t shadow_select(struct vm *vm);
int shadow_fault(struct vm *vm, uint32_t va);
void shadow_purge(struct vm *vm);
void shadow_unmap(struct vm *vm, uintptr_t frame);
void shadow_free(struct vm *vm);

/* The guest's PSW, as stored (BC or EC mode) */
static inline bool vpsw_ec(const uint8_t *psw) { return psw[1] & 0x08; }
static inline uint8_t vpsw_key(const uint8_t *psw) { return psw[1] >> 4; }
static inline uint32_t vpsw_ia(const uint8_t *psw)
{
    return (uint32_t)psw[5] << 16 | (uint32_t)psw[6] << 8 | psw[7];
}
static inline void vpsw_set_ia(uint8_t *psw, uint32_t ia)
{
    psw[5] = (uint8_t)(ia >> 16);
    psw[6] = (uint8_t)(ia >> 8);
    psw[7] = (uint8_t)ia;
}

/* vint.c: the guest's PSW and interruptions */
/* Is this PSW valid for vm to load?  Every BC-mode PSW is; an EC-mode
   one only with SET ECMODE ON, and with bits 0, 2-4, 16-17 and 24-39
   zero. */
static inline bool vpsw_valid(const struct vm *vm, const uint8_t *psw)
{
    return !(psw[1] & 0x08) ||
           (vm->set.ecmode && !(psw[0] & 0xB8) && !(psw[2] & 0xC0) && !psw[3] && !psw[4]);
}
/* Take CC, program mask and address back from the real PSW after a trap. */
void vint_sync_from_real(struct vm *vm);
/* Build the real PSW and control registers for the next vm_enter (the
   shadow tables' too, for a guest with DAT on): 0, or -1 if there is no
   frame for its shadow tables. */
int vint_prepare_run(struct vm *vm);
/* The real PSW alone: the guest's key, condition code, program mask and
   address in an EC-mode, problem-state PSW with DAT, I/O and external
   interruptions on. */
static inline void vint_run_psw(struct vm *vm)
{
    const uint8_t *g = vm->psw;
    uint8_t ccpm = (g[1] & 0x08) ? g[2] : g[4];
    uint32_t w0 = 0x07000000u | (uint32_t)(g[1] & 0xF0) << 16 | 0x00090000u |
                  (uint32_t)(ccpm & 0x3F) << 8;
    uint32_t *r = (uint32_t *)vm->run_psw;
    r[0] = w0;
    r[1] = ((uint32_t)g[5] << 16 | (uint32_t)g[6] << 8 | g[7]);
}
/* Reflect a program interruption (code, ILC) to the guest. */
void vint_program(struct vm *vm, uint16_t code, unsigned ilc);
/* The restart interruption (SYSTEM RESTART): the PSW stored as restart
   old PSW at 8, the restart new PSW loaded from 0 (GA22-7000). */
void vint_restart(struct vm *vm);
/* Reflect an SVC interruption. */
void vint_svc(struct vm *vm, uint16_t code, unsigned ilc);
/* Present whatever enabled interruption is pending; true if one was. */
bool vint_deliver(struct vm *vm);
/* Could any interruption ever end this guest's wait? */
bool vint_can_wake(struct vm *vm);
/* External interruption conditions */
#define VEXT_CLOCK_COMP 0x01
#define VEXT_CPU_TIMER  0x02
#define VEXT_KEY        0x04

/* savesys.c: named saved systems.  savesys_ipl: 0, -1 no such system,
   -2 it does not fit the VM's storage, -3 an I/O error. */
bool savesys_exists(const char *name);
int savesys_ipl(struct vm *vm, const char *name);

/* diag.c: DIAGNOSE code ea&0xFFFF with registers rx, ry; 0 or the
   program-interruption code; *cc set if the code sets the condition code */
int diag_run(struct vm *vm, unsigned rx, unsigned ry, uint32_t ea, unsigned *cc);
/* diag58.c: DIAGNOSE X'58' with the channel program at ccw on the device
   at dev (the virtual console): the condition code. */
int diag58_run(struct vm *vm, uint32_t ccw, unsigned dev);

/* privop.c: simulate the privileged instruction that trapped */
void privop_init(void);
void privop_simulate(struct vm *vm, unsigned ilc);
/* The fast path for the commonest ones, straight after the exit. */
enum { PRIVOP_NOT_HANDLED, PRIVOP_RESUME, PRIVOP_DONE };
int privop_fast(struct vm *vm);

/* A device's ending status becomes pending, or is taken. */
static inline void vdev_set_pending(struct vm *vm, struct vdev *d)
{
    if (!d->status_pending) {
        d->status_pending = true;
        vm->io_pending++;
    }
}
static inline void vdev_clear_pending(struct vm *vm, struct vdev *d)
{
    if (d->status_pending) {
        d->status_pending = false;
        vm->io_pending--;
    }
}
/* Anything for vint_deliver() to look at?  (External conditions only
   while the guest is enabled for them.) */
static inline bool vint_pending(const struct vm *vm)
{
    return vm->io_pending || (vm->ext_pending && (vm->psw[0] & 0x01));
}

/* vdev.c: virtual devices and the I/O instructions on them; each returns
   the condition code, storing a CSW in the guest's location 64 when the
   architecture says so. */
struct vdev *vdev_find(struct vm *vm, uint16_t addr);
struct vdev *vdev_add(struct vm *vm, uint16_t addr, const struct vdev_ops *ops);
/* Take the device away (its detach(), its pending status); false if it
   has I/O in flight. */
bool vdev_remove(struct vm *vm, struct vdev *d);
int vdev_sio(struct vm *vm, uint16_t addr, uint32_t caw);
int vdev_tio(struct vm *vm, uint16_t addr);
int vdev_hio(struct vm *vm, uint16_t addr);
int vdev_tch(struct vm *vm, unsigned channel);
/* vcon.c: the virtual console, a 3215 on the user's terminal */
extern const struct vdev_ops vcon_ops;
/* A line from the user's terminal for the guest: for the console read
   that waits, or kept for its next one with an attention interruption;
   false if one is kept already (the line is not accepted). */
bool vcon_input(struct vm *vm, const char *line);

#endif
