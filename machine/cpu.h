/*
 * cpu.h - the System/370 CPU: registers, PSW, the hot storage-access paths.
 *
 * Implements the CPU state of the IBM System/370 Principles of Operation
 * (GA22-7000), chapters 2-4: general, control and floating-point registers,
 * the BC- and EC-mode PSW, and the translation-lookaside buffer that turns
 * a logical address into a host pointer with key checking folded in.
 *
 * Neighbours: storage.c (real storage, keys, prefixing, slow access paths),
 * dat.c (dynamic address translation), interrupt.c (PSW swaps, pending
 * conditions), cpu_exec.c (fetch/decode/dispatch), insn_*.c (handlers),
 * timer.c (TOD, clock comparator, CPU timer, interval timer).
 */
#ifndef CPCMS_CPU_H
#define CPCMS_CPU_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define likely(x) __builtin_expect(!!(x), 1)
/* For the few helpers on every instruction's path: the interpreter is one
   large translation unit, beyond GCC's own inlining limits. */
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define unlikely(x) __builtin_expect(!!(x), 0)

struct machine;
struct pblock;
struct pinsn;
struct pcache;

#define AMASK24 0x00FFFFFFu

/* STIDP: version 00, CPU identification 000370, model 0168. */
#define CPU_ID 0x0000037001680000ull

/* Program-interruption codes (GA22-7000, "Program Interruption"). */
enum pgm {
    PGM_OPERATION = 0x01,
    PGM_PRIVILEGED = 0x02,
    PGM_EXECUTE = 0x03,
    PGM_PROTECTION = 0x04,
    PGM_ADDRESSING = 0x05,
    PGM_SPECIFICATION = 0x06,
    PGM_DATA = 0x07,
    PGM_FIXED_OVERFLOW = 0x08,
    PGM_FIXED_DIVIDE = 0x09,
    PGM_DECIMAL_OVERFLOW = 0x0A,
    PGM_DECIMAL_DIVIDE = 0x0B,
    PGM_EXPONENT_OVERFLOW = 0x0C,
    PGM_EXPONENT_UNDERFLOW = 0x0D,
    PGM_SIGNIFICANCE = 0x0E,
    PGM_FLOAT_DIVIDE = 0x0F,
    PGM_SEGMENT_TRANSLATION = 0x10,
    PGM_PAGE_TRANSLATION = 0x11,
    PGM_TRANSLATION_SPEC = 0x12,
    PGM_SPECIAL_OPERATION = 0x13,
    PGM_SQUARE_ROOT = 0x1D, /* ESA/390 SQUARE ROOT (HFP) */
    PGM_MONITOR = 0x40,
    PGM_PER = 0x80,
};

/* Program-mask bits in psw.progmask (PSW bits 36-39 BC, 20-23 EC). */
#define PM_FIXED 0x8
#define PM_DECIMAL 0x4
#define PM_EXPUNDER 0x2
#define PM_SIGNIF 0x1

/* The PSW, held decoded.  sysmask is the first byte exactly as in storage. */
struct psw {
    uint8_t sysmask; /* BC: channel masks 0-5, 6+, external; EC: R,T,IO,EX */
    uint8_t key;     /* 0-15 */
    bool ec;         /* bit 12: EC mode */
    bool mcheck;     /* bit 13 */
    bool wait;       /* bit 14 */
    bool problem;    /* bit 15 */
    uint8_t cc;
    uint8_t progmask;
    uint16_t intcode; /* BC-mode interruption code (only meaningful stored) */
    uint8_t ilc;      /* BC-mode ILC field (0-3), for stored old PSWs */
    uint8_t ecbad[3]; /* EC: bits 16-17 (in [0]) and 24-39 as loaded; nonzero
                         only in an invalid PSW, which is stored as loaded */
    uint32_t ia;      /* 24-bit instruction address */
};

/* EC-mode system-mask bits. */
#define EC_PER 0x40
#define EC_DAT 0x04
#define EC_IO 0x02
#define EC_EXT 0x01
/* BC-mode: bit 7 external, bits 0-6 channel masks. */
#define BC_EXT 0x01

/*
 * TLB: one entry per 2K logical block, separate for DAT off and DAT on.
 * An entry's read or write tag equals (block address | key << 4 | 1) only
 * when that access by that key is allowed and the reference (and, for
 * writes, change) bit is already set, so the fast path is one compare.
 */
#define TLB_SIZE 1024
/* No instruction block cached: ia - IF_NONE is never a small offset. */
#define IF_NONE 0x80000000u
struct tlb_entry {
    uint32_t rtag, wtag;
    uint8_t *host; /* host address of the 2K block */
};

/* Access types for the slow paths. */
enum acc { ACC_FETCH, ACC_STORE, ACC_IFETCH };

struct cpu {
    union {
        uint32_t gr[16];
        uint32_t gr_z[17]; /* gr, and a register 16 that is always 0: the
                              predecoded instructions name it for a base
                              or index register 0 (insn_format.h) */
    };
    uint32_t cr[16];
    uint64_t fpr[16]; /* bit pattern; HFP/BFP long format */
    uint32_t fpc;
    struct psw psw;

    /* Current instruction, for ILC, EXECUTE and tracing. */
    uint32_t insn_ia;   /* address of the instruction being executed */
    uint8_t ilc;        /* its length in halfwords (1-3) */
    bool in_execute;    /* running the target of EXECUTE */
    uint32_t exec_ia;   /* address of that EXECUTE instruction */
    uint8_t ibuf[8];    /* instruction bytes when fetched the slow way */
    const struct pinsn *cur; /* or, while the fast loop runs an instruction
                           that reads none of the three above, its entry
                           (pcache.h): they are worked out from it only
                           if it takes a program exception */

    /* Instruction fetch cache: a 2K block, its host address and its
       predecoded instructions (pcache.h). */
    uint32_t if_block;  /* logical block address, or IF_NONE */
    uint8_t *if_host;
    struct pblock *if_pb;
    struct pcache *pcache;

    uint8_t dat;        /* 1 when the PSW has DAT on (EC mode, bit 5) */
    struct tlb_entry *tlb_cur; /* tlb[dat]: the half the PSW uses now */
    uint32_t key_tag;   /* the PSW key's part of a TLB tag: key << 4 | 1 */
    struct tlb_entry tlb[2][TLB_SIZE]; /* [dat][index] */

    /* Interrupt and time state. */
    int32_t budget;     /* instructions this cpu_run() may execute */
    int32_t done;       /* instructions it has begun (stored, never reloaded
                           on the fast path: the loop counts in a register) */
    uint64_t icount;    /* instructions completed before this slice */
    uint64_t ckc;       /* clock comparator */
    int64_t cpu_timer;  /* CPU timer, TOD units, as at timer_mark */
    uint64_t tod_offset;/* TOD = host time + tod_offset (real time mode) */
    uint64_t timer_mark;/* TOD when cpu_timer was last set */
    uint64_t interval_mark; /* TOD the interval timer is current to */
    uint64_t tod_last;  /* last value STCK stored, for uniqueness */
    uint32_t ext_pending; /* bits: EXT_xxx below */
    uint32_t sigp_prefix;
    uint32_t prefix;    /* prefix register (4K aligned) */
    uint32_t tea;       /* translation-exception address for the interrupt */
    bool check_stop;
    bool stopped;       /* stopped state (operator STOP, breakpoint) */
    const char *stop_reason;

    /* PER: enabled when EC_PER in the PSW and CR9 events are set. */
    bool per_active;    /* EC PER mask and some CR9 event mask on */
    uint16_t per_code;  /* events of the current instruction (per.c) */
    uint32_t per_addr;
    uint32_t per_gr[16];/* registers before it, for register alteration */
    bool branch_taken;  /* set by every successful branch */

    uint64_t stats_pgm; /* program interruptions taken */
    bool debug;         /* run the instrumented loop: PER or dbg_active */
    bool dbg_active;    /* trace, history or breakpoints (debug.c) */
    jmp_buf progjmp;    /* program check unwinds the instruction here */
    struct machine *m;
};

/* Pending external-interruption conditions. */
#define EXT_INTERVAL 0x01
#define EXT_KEY 0x02
#define EXT_SIGNAL 0x04
#define EXT_CKC 0x08
#define EXT_CPUTIMER 0x10
#define EXT_EMERGENCY 0x20
#define EXT_CALL 0x40

/* Big-endian helpers for host buffers (memcpy: any alignment). */
static ALWAYS_INLINE uint16_t be16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, 2);
    return __builtin_bswap16(v);
}
static ALWAYS_INLINE uint32_t be32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return __builtin_bswap32(v);
}
static ALWAYS_INLINE uint64_t be64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}
static ALWAYS_INLINE void put16(uint8_t *p, uint16_t v)
{
    v = __builtin_bswap16(v);
    memcpy(p, &v, 2);
}
static ALWAYS_INLINE void put32(uint8_t *p, uint32_t v)
{
    v = __builtin_bswap32(v);
    memcpy(p, &v, 4);
}
static ALWAYS_INLINE void put64(uint8_t *p, uint64_t v)
{
    v = __builtin_bswap64(v);
    memcpy(p, &v, 8);
}

/* --- program checks (interrupt.c) ------------------------------------- */
_Noreturn void cpu_program_check(struct cpu *cpu, int code);
void cpu_svc_interrupt(struct cpu *cpu, int code);

/* --- PSW (psw.c) --------------------------------------------------------- */
void psw_store(const struct cpu *cpu, uint8_t out[8], uint16_t intcode, int ilc);
int psw_load(struct cpu *cpu, const uint8_t in[8]); /* 0 or PGM_SPECIFICATION */
void cpu_psw_changed(struct cpu *cpu);

/* --- storage slow paths (storage.c) ------------------------------------- */
uint8_t *cpu_access_slow(struct cpu *cpu, uint32_t addr, enum acc acc, uint8_t key);
void cpu_tlb_flush(struct cpu *cpu);
uint32_t cpu_translate(struct cpu *cpu, uint32_t addr, enum acc acc); /* real */

/* The TLB tag for an address under the current PSW key. */
static ALWAYS_INLINE uint32_t tlb_tag(uint32_t addr, uint8_t key)
{
    return (addr & ~0x7FFu) | (uint32_t)key << 4 | 1;
}

/* The TLB entry for a 24-bit logical address: (addr >> 11) scaled by the
   entry's size, in two operations rather than three. */
_Static_assert(sizeof(struct tlb_entry) == 16, "TLB entries are 16 bytes");
static ALWAYS_INLINE struct tlb_entry *tlb_entry_of(const struct cpu *cpu, uint32_t addr)
{
    return (struct tlb_entry *)((char *)cpu->tlb_cur + ((addr >> 7) & ((TLB_SIZE - 1) << 4)));
}

/*
 * Host pointer for the byte at logical `addr`, checked for access with
 * the PSW key.  Program checks on failure.
 */
static ALWAYS_INLINE uint8_t *cpu_ptr_fetch(struct cpu *cpu, uint32_t addr)
{
    addr &= AMASK24;
    struct tlb_entry *e = tlb_entry_of(cpu, addr);
    if (likely(e->rtag == ((addr & ~0x7FFu) | cpu->key_tag)))
        return e->host + (addr & 0x7FF);
    return cpu_access_slow(cpu, addr, ACC_FETCH, cpu->psw.key);
}

static ALWAYS_INLINE uint8_t *cpu_ptr_store(struct cpu *cpu, uint32_t addr)
{
    addr &= AMASK24;
    struct tlb_entry *e = tlb_entry_of(cpu, addr);
    if (likely(e->wtag == ((addr & ~0x7FFu) | cpu->key_tag)))
        return e->host + (addr & 0x7FF);
    return cpu_access_slow(cpu, addr, ACC_STORE, cpu->psw.key);
}

/*
 * Whether the TLB gives the host address of `len` bytes at `addr` (a 24-bit
 * address), which is then *p; if not, the slow path must do the access:
 * the TLB misses, or the bytes run into the next 2K block or past 16M.
 * The tag is compared with the block of the last byte: the entry (found
 * by the first byte's block) never holds the next block, nor one past 16M.
 */
static ALWAYS_INLINE bool tlb_fetch_n(struct cpu *cpu, uint32_t addr, uint32_t len, const uint8_t **p)
{
    const struct tlb_entry *e = tlb_entry_of(cpu, addr);
    *p = e->host + (addr & 0x7FF);
    return e->rtag == (((addr + len - 1) & ~0x7FFu) | cpu->key_tag);
}
static ALWAYS_INLINE bool tlb_store_n(struct cpu *cpu, uint32_t addr, uint32_t len, uint8_t **p)
{
    const struct tlb_entry *e = tlb_entry_of(cpu, addr);
    *p = e->host + (addr & 0x7FF);
    return e->wtag == (((addr + len - 1) & ~0x7FFu) | cpu->key_tag);
}

/* True when [addr, addr+len) stays inside one 2K block. */
static ALWAYS_INLINE bool in_block(uint32_t addr, uint32_t len)
{
    return ((addr & 0x7FF) + len) <= 0x800;
}

uint32_t vfetch_slow(struct cpu *cpu, uint32_t addr, int len);
void vstore_slow(struct cpu *cpu, uint32_t addr, uint32_t v, int len);
void vfetchc(struct cpu *cpu, void *dst, uint32_t addr, uint32_t len);
void vstorec(struct cpu *cpu, uint32_t addr, const void *src, uint32_t len);
void cpu_check_range(struct cpu *cpu, uint32_t addr, uint32_t len, enum acc acc);

static ALWAYS_INLINE uint8_t vfetch1(struct cpu *cpu, uint32_t addr)
{
    return *cpu_ptr_fetch(cpu, addr);
}
static ALWAYS_INLINE uint16_t vfetch2(struct cpu *cpu, uint32_t addr)
{
    addr &= AMASK24;
    const uint8_t *p;
    if (likely(tlb_fetch_n(cpu, addr, 2, &p)))
        return be16(p);
    return (uint16_t)vfetch_slow(cpu, addr, 2);
}
static ALWAYS_INLINE uint32_t vfetch4(struct cpu *cpu, uint32_t addr)
{
    addr &= AMASK24;
    const uint8_t *p;
    if (likely(tlb_fetch_n(cpu, addr, 4, &p)))
        return be32(p);
    return vfetch_slow(cpu, addr, 4);
}
static ALWAYS_INLINE uint64_t vfetch8(struct cpu *cpu, uint32_t addr)
{
    addr &= AMASK24;
    const uint8_t *p;
    if (likely(tlb_fetch_n(cpu, addr, 8, &p)))
        return be64(p);
    uint8_t b[8];
    vfetchc(cpu, b, addr, 8);
    return be64(b);
}
static ALWAYS_INLINE void vstore1(struct cpu *cpu, uint32_t addr, uint8_t v)
{
    *cpu_ptr_store(cpu, addr) = v;
}
static ALWAYS_INLINE void vstore2(struct cpu *cpu, uint32_t addr, uint16_t v)
{
    addr &= AMASK24;
    uint8_t *p;
    if (likely(tlb_store_n(cpu, addr, 2, &p)))
        put16(p, v);
    else
        vstore_slow(cpu, addr, v, 2);
}
static ALWAYS_INLINE void vstore4(struct cpu *cpu, uint32_t addr, uint32_t v)
{
    addr &= AMASK24;
    uint8_t *p;
    if (likely(tlb_store_n(cpu, addr, 4, &p)))
        put32(p, v);
    else
        vstore_slow(cpu, addr, v, 4);
}
static ALWAYS_INLINE void vstore8(struct cpu *cpu, uint32_t addr, uint64_t v)
{
    addr &= AMASK24;
    uint8_t *p;
    if (likely(tlb_store_n(cpu, addr, 8, &p))) {
        put64(p, v);
    } else {
        uint8_t b[8];
        put64(b, v);
        vstorec(cpu, addr, b, 8);
    }
}

/* --- CPU control (cpu.c) ------------------------------------------------ */
void cpu_init(struct cpu *cpu, struct machine *m);
void cpu_reset(struct cpu *cpu, bool clear);  /* CPU reset / initial reset */
void cpu_initial_reset(struct cpu *cpu);
int cpu_run(struct cpu *cpu, int64_t max_insns); /* cpu_exec.c */
void cpu_set_pending(struct cpu *cpu);
uint64_t cpu_icount(const struct cpu *cpu);

/* Condition code helpers. */
static inline int cc_signed(int32_t v) { return v == 0 ? 0 : v < 0 ? 1 : 2; }

#endif
