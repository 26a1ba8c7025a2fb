/*
 * bfptest.h - helpers shared by the BFP unit tests (test_bfp*.c): a test
 * machine with the AFP-register control on, FPR set/get by bit pattern,
 * one instruction run from a fresh PSW, and the checks of a data
 * exception with its DXC.
 */
#ifndef CPCMS_BFPTEST_H
#define CPCMS_BFPTEST_H

#include "testutil.h"
#include "bfp.h"

#define CR0_AFP 0x00040000u

static inline uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static inline double bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

/* A test machine with the AFP-register control on. */
static inline struct machine *bm_new(void)
{
    struct machine *m = tm_new();
    m->cpu.cr[0] |= CR0_AFP;
    return m;
}

static inline void set_d(struct machine *m, int r, uint64_t bits) { m->cpu.fpr[r] = bits; }
static inline void set_f(struct machine *m, int r, uint32_t bits)
{
    m->cpu.fpr[r] = (uint64_t)bits << 32 | (m->cpu.fpr[r] & 0xFFFFFFFF);
}
static inline uint32_t get_f(struct machine *m, int r) { return (uint32_t)(m->cpu.fpr[r] >> 32); }

/* Run one instruction from a fresh PSW (EC mode, supervisor, disabled),
   the condition code kept. */
static inline void run1(struct machine *m, const char *hex)
{
    uint8_t psw[8] = {0x00, 0x08, 0, 0, 0, 0, 0, 0};
    put32(psw + 4, TM_CODE);
    psw[2] = (uint8_t)(m->cpu.psw.cc << 4);
    psw_load(&m->cpu, psw);
    tm_clear_pgm(m);
    m->mem[0x93] = 0;
    tm_insn(m, hex);
    tm_step(m, 1);
}

/* The last instruction ended in a data exception with this DXC. */
static inline void assert_dxc(struct machine *m, int dxc)
{
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_DATA);
    assert_int_equal(m->mem[0x93], dxc);
    assert_int_equal((m->cpu.fpc >> 8) & 0xFF, dxc);
}

/* The condition code in the program old PSW (EC mode). */
static inline int old_cc(struct machine *m) { return (m->mem[0x2A] >> 4) & 3; }

static inline void assert_no_pgm(struct machine *m)
{
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.psw.ia, TM_CODE + insn_len(m->mem[TM_CODE]));
}

#endif
