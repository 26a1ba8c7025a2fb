/*
 * testutil.h - helpers for the cmocka unit tests of the machine: build a
 * small deterministic machine, put instructions and data into storage,
 * step the CPU an exact number of instructions, and look at the results
 * (registers, PSW, the program-interruption fields of low storage).
 *
 * Program checks: tm_new() points every new PSW at a disabled wait, so a
 * test that expects an exception steps once and then checks tm_pgm_code(),
 * tm_pgm_ilc() and the old PSW at X'28'.
 */
#ifndef CPCMS_TESTUTIL_H
#define CPCMS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"
#include "interrupt.h"
#include "insn.h"
#include "dat.h"

#define TM_CODE 0x1000 /* where tm_insn() puts the instructions */

/* A 1 MB deterministic machine, EC mode, supervisor, key 0, disabled,
   instruction address TM_CODE, every new PSW a disabled wait whose
   address tells which interruption came (0x68 program -> X'0DEAD'?). */
static inline struct machine *tm_new(void)
{
    struct machine *m = machine_new(1 << 20, true);
    assert_non_null(m);
    /* New PSWs: disabled wait, address = the new-PSW location. */
    static const int news[] = {0x58, 0x60, 0x68, 0x70, 0x78};
    for (unsigned i = 0; i < sizeof news / sizeof news[0]; i++) {
        put32(m->mem + news[i], 0x000A0000);
        put32(m->mem + news[i] + 4, (uint32_t)news[i]);
    }
    uint8_t psw[8] = {0x00, 0x08, 0, 0, 0, 0, 0, 0};
    put32(psw + 4, TM_CODE);
    psw_load(&m->cpu, psw);
    return m;
}

/* Hex digits (anything else ignored) to bytes; returns the count. */
static inline size_t tm_hex(const char *hex, uint8_t *out)
{
    size_t n = 0;
    int hi = -1;
    for (const char *p = hex; *p; p++) {
        int v;
        if (*p >= '0' && *p <= '9') v = *p - '0';
        else if (*p >= 'A' && *p <= 'F') v = *p - 'A' + 10;
        else if (*p >= 'a' && *p <= 'f') v = *p - 'a' + 10;
        else continue;
        if (hi < 0) {
            hi = v;
        } else {
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return n;
}

/* Parse hex digits into storage at addr; returns the bytes stored. */
static inline size_t tm_poke(struct machine *m, uint32_t addr, const char *hex)
{
    return tm_hex(hex, m->mem + addr);
}

/* Put instructions at TM_CODE and point the PSW there. */
static inline void tm_insn(struct machine *m, const char *hex)
{
    tm_poke(m, TM_CODE, hex);
    m->cpu.psw.ia = TM_CODE;
}

/* Execute exactly n instructions (an interruption counts as ending one),
   or fewer if the CPU enters the wait state.  The run loop ends a slice
   early whenever something becomes pending, so step until done. */
static inline void tm_step(struct machine *m, int n)
{
    uint64_t end = cpu_icount(&m->cpu) + (uint64_t)n;
    while (cpu_icount(&m->cpu) < end && !m->cpu.psw.wait)
        cpu_run(&m->cpu, (int64_t)(end - cpu_icount(&m->cpu)));
}

/* Run until the CPU stops (disabled wait, limit); at most max insns. */
static inline enum stop tm_run(struct machine *m, uint64_t max)
{
    m->max_insns = cpu_icount(&m->cpu) + max;
    return machine_run(m);
}

/* The last program interruption: code, ILC (in halfwords), old PSW. */
static inline int tm_pgm_code(struct machine *m) { return be16(m->mem + 0x8E); }
static inline int tm_pgm_ilc(struct machine *m) { return m->mem[0x8D] >> 1; }
static inline uint32_t tm_pgm_old_ia(struct machine *m) { return be32(m->mem + 0x2C) & AMASK24; }
/* Did the last step end in a program interruption (PSW = program new)? */
static inline bool tm_took_pgm(struct machine *m)
{
    return m->cpu.psw.wait && m->cpu.psw.ia == 0x68;
}
static inline void tm_clear_pgm(struct machine *m)
{
    memset(m->mem + 0x28, 0, 8);
    memset(m->mem + 0x8C, 0, 4);
}

static inline uint32_t tm_rd32(struct machine *m, uint32_t a) { return be32(m->mem + a); }
static inline void tm_wr32(struct machine *m, uint32_t a, uint32_t v) { put32(m->mem + a, v); }
static inline uint64_t tm_rd64(struct machine *m, uint32_t a) { return be64(m->mem + a); }
static inline void tm_wr64(struct machine *m, uint32_t a, uint64_t v) { put64(m->mem + a, v); }

/* Enter the problem state (for privileged-operation tests). */
static inline void tm_problem(struct machine *m)
{
    m->cpu.psw.problem = true;
    cpu_psw_changed(&m->cpu);
}

#endif
