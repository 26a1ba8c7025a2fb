/*
 * cp.h - what the parts of CP share: the PSA, panic, the console, the
 * operator commands, the clock.  Each part's file says what it implements.
 */
#ifndef CP_CP_H
#define CP_CP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lowcore.h"
#include "memlayout.h"

/* The PSA at real location 0.  The compiler must not know that the
   pointer is null: it comes out of an asm. */
static inline uint8_t *psa(void)
{
    uint8_t *p;
    __asm__("lhi %0,0" : "=d"(p));
    return p;
}

static inline uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static inline void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

/* Bit i of a bitmap (bit 0 the leftmost of byte 0), and setting it:
   frames (storage.c), paging slots (paging.c), T-disk cylinders. */
static inline bool bit_on(const uint8_t *map, unsigned i) { return map[i / 8] & (0x80 >> i % 8); }
static inline void bit_set(uint8_t *map, unsigned i, bool on)
{
    if (on)
        map[i / 8] |= (uint8_t)(0x80 >> i % 8);
    else
        map[i / 8] &= (uint8_t)~(0x80 >> i % 8);
}

/* PTLB: the real TLB forgets every translation (CP's tables for guest
   real storage, vmstore.c, and the shadow tables, shadow.c). */
static inline void cp_ptlb(void)
{
    __asm__ volatile(".insn s,0xb20d0000,0" : : : "memory");
}

#define CP_MAX_FRAMES 4096                  /* real storage CP manages: 16M */

/* start.S */
extern char __bss_start[], _end[];
uint32_t cp_probe_storage(uint32_t limit);  /* bytes of real storage, multiple of 4K */
void cp_wait(void);                         /* enabled wait until an interruption was handled */
void cp_stop(unsigned code) __attribute__((noreturn)); /* disabled wait, code in the PSW */
extern const uint8_t cp_new_psws[6][8];     /* restart, ext, SVC, pgm, mck, I/O */

/* panic.c: a broken invariant or an unexpected interruption in CP */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* trap.c: interruption classes (start.S passes them to cp_trap) */
enum trap_kind { TRAP_RESTART, TRAP_EXT, TRAP_SVC, TRAP_PGM, TRAP_MCK, TRAP_IO };
void trap_init(void);
void cp_trap(unsigned kind);
void trap_io(void);             /* an I/O interruption for CP's devices */
void trap_external(void);       /* an external interruption for CP */

/* console.c: the operator's console, a 3215; each line typed there goes
   to input() on the console task */
void con_init(unsigned devaddr, void (*input)(char *line));
void con_flush(void);
void con_io_interrupt(uint8_t unit_status);
unsigned con_devaddr(void);

/* command.c: CP commands (cmds.h.inc lists them), issued by user (NULL:
   the system itself) */
struct vm;
void cmd_run(struct vm *user, char *line);

/* storage.c: page frames for guests, free storage for CP */
void storage_init(uintptr_t start, uintptr_t end);
void *frame_alloc(void);                /* a zeroed 4K frame, or NULL */
void *frame_alloc_guest(void);          /* one for a guest page (not zeroed), or NULL */
/* Guest pages get only frames below the guest limit; it only goes down
   (vmstore_make_room). */
unsigned storage_guest_limit(void);
void storage_set_guest_limit(unsigned limit);
void frame_free(void *frame);
/* The frames, numbered 0 to frame_count() - 1: vmstore.c's table of
   which guest page each holds is indexed by that number. */
unsigned frame_count(void);
void *frame_at(unsigned i);
unsigned frame_index(const void *frame);
void *fs_alloc(size_t bytes);           /* zeroed, 8-byte aligned, or NULL */
bool fs_fits(size_t bytes);             /* fs_alloc(bytes) would succeed */
void fs_free(void *p);
/* Wait (a task) until some free storage or a frame is freed, or 20 ms. */
void storage_wait(void);
void storage_stats(unsigned *frames, unsigned *frames_avail, unsigned *fs_bytes_free);

/* dasdio.c: n records (at most 64) of len bytes, from record rec of track
   (cyl, head) of CKD device dev (registered by rdev.c), read into or
   written from bufs[i] (real addresses); dasd_format writes the track
   anew with n records R1..Rn of len bytes, each from data.  The calling
   task sleeps.  0, or -1 on any error. */
int dasd_read(unsigned dev, unsigned cyl, unsigned head, unsigned rec, unsigned n,
              void *const *bufs, uint16_t len);
int dasd_write(unsigned dev, unsigned cyl, unsigned head, unsigned rec, unsigned n,
               const void *const *bufs, uint16_t len);
int dasd_format(unsigned dev, unsigned cyl, unsigned head, unsigned n, const void *data,
                uint16_t len);

/* clock.c: the TOD clock */
uint64_t tod_now(void);
/* "hh:mm:ss" and "mm/dd/yy" and the weekday of a TOD value (GMT) */
void tod_format(uint64_t tod, char time[9], char date[9], const char **weekday);
/* Wake the tasks sleeping on chan when the TOD clock reaches when (~0:
   never; one timer per chan) */
void clock_wake_at(uint64_t when, const void *chan);
void clock_check(void);         /* wake those whose time has come */
void clock_idle(void);          /* before the wait: CR0 and the comparator */

/* main.c */
#define CP_RELEASE 1
#define CP_LEVEL 0
extern uint32_t cp_memsize;
extern unsigned cp_ipl_dev;
extern uint64_t cp_ipl_tod;                 /* the TOD clock when CP started */

#endif
