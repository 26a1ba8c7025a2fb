/*
 * cms.h - what the parts of the CMS nucleus share: low storage, the
 * console, DIAGNOSE, the disks, the commands.  Each part's file says what
 * it implements.
 */
#ifndef CMS_CMS_H
#define CMS_CMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memlayout.h"

struct ccw;

/* Low storage, through a pointer the compiler does not know is null. */
static inline volatile uint8_t *lowcore(void)
{
    volatile uint8_t *p;
    __asm__("lhi %0,0" : "=d"(p));
    return p;
}
static inline uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }

/* main.c */
#define CMS_VERSION "CMS 1.0"
extern unsigned cms_ipl_dev;
void cms_main(void) __attribute__((noreturn));
void cms_abend(void);

/* io.c: run a channel program on device dev and wait for its end: the
   unit status (CSW byte 4), or -1 if the device is not there or the
   program could not start; the channel status in *cs, the residual
   count in *residual (either may be NULL). */
int io_run(unsigned dev, const struct ccw *prog, uint8_t *cs, uint16_t *residual);
/* Has the console presented attention since the last call? */
bool io_poll_attention(void);

/* diag.c: DIAGNOSE with rx in R2, ry in R4 (and R15 for X'18'); the
   condition code; the registers after in *rx_out, *ry_out, *r15. */
int diag(unsigned code, uint32_t rx, uint32_t ry, uint32_t *rx_out, uint32_t *ry_out,
         uint32_t *r15);
/* DIAGNOSE X'08': a CP command; its response goes to the terminal. */
int cp_command(const char *cmd);
/* The same, with the response taken back and shown unless CP did not
   know the command (*unknown, DMKCFM001E): implied CP. */
int cp_command_quiet(const char *cmd, bool *unknown);
/* DIAGNOSE X'0C': virtual and total CPU microseconds, date and time. */
void cp_times(uint64_t *virt_us, uint64_t *total_us, char date[9], char time[9]);

/* con.c: the console, a 3215 at CMS_CONSOLE */
#define CMS_CONSOLE 0x009
void con_write(const char *line);
/* A line typed at the console (0-terminated, trailing blanks dropped). */
void con_read(char *buf, size_t cap);
/* A safe point: if the user typed a line while CMS was busy, read it: HX
   halts the command (longjmp to the command loop, main.c's cms_halt),
   HT and RT stop and resume the console output, anything else is kept
   as the next line con_read returns. */
void con_poll(void);
/* The command has ended: what HT stopped is typed again (before Ready). */
void con_resume_typing(void);
void cms_halt(void) __attribute__((noreturn));

#endif
