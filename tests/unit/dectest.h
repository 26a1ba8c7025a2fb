/*
 * dectest.h - helpers shared by the decimal-instruction tests
 * (test_decimal.c, test_decimal_edit.c, test_decimal_ref.c): operand
 * placement, running one SS instruction through base registers, storage
 * and program-interruption assertions.
 */
#ifndef CPCMS_DECTEST_H
#define CPCMS_DECTEST_H

#include "testutil.h"

#define OP1 0x3000u
#define OP2 0x3100u
#define MEMEND 0x100000u   /* tm_new() makes 1 MB */

/* --- helpers ------------------------------------------------------------ */

static inline void dump(const char *what, const uint8_t *b, size_t n)
{
    print_message("%s:", what);
    for (size_t i = 0; i < n; i++)
        print_message(" %02X", b[i]);
    print_message("\n");
}

/* Storage at addr must hold exactly the bytes of hex. */
#define assert_mem(m, addr, hex) assert_mem_at(m, addr, hex, __FILE__, __LINE__)
static inline void assert_mem_at(struct machine *m, uint32_t addr, const char *hex, const char *file, int line)
{
    uint8_t want[300];
    size_t n = tm_hex(hex, want);
    if (memcmp(m->mem + addr, want, n) != 0) {
        print_message("%s:%d: storage at %06X differs\n", file, line, (unsigned)addr);
        dump("want", want, n);
        dump("have", m->mem + addr, n);
        fail();
    }
}

/* Reload the test PSW (EC mode, key 0, at TM_CODE) with a program mask
   and condition code, and forget the last program interruption. */
static inline void dm_psw(struct machine *m, unsigned progmask, unsigned cc)
{
    uint8_t psw[8] = {0x00, 0x08, (uint8_t)(cc << 4 | progmask), 0, 0, 0, 0, 0};
    put32(psw + 4, TM_CODE);
    psw_load(&m->cpu, psw);
    tm_clear_pgm(m);
}

static inline struct machine *dm_new(void)
{
    struct machine *m = tm_new();
    dm_psw(m, 0, 0);
    return m;
}

/* Run one two-length SS instruction: op D(len1,10),D(len2,11) with the
   operand addresses in registers 10 and 11 (lengths in bytes, 1-16). */
static inline void ss2(struct machine *m, uint8_t op, unsigned len1, unsigned len2, uint32_t a1, uint32_t a2)
{
    m->cpu.gr[10] = a1;
    m->cpu.gr[11] = a2;
    uint8_t *p = m->mem + TM_CODE;
    p[0] = op;
    p[1] = (uint8_t)((len1 - 1) << 4 | (len2 - 1));
    p[2] = 0xA0, p[3] = 0x00, p[4] = 0xB0, p[5] = 0x00;
    m->cpu.psw.ia = TM_CODE;
    tm_step(m, 1);
}

/* SRP D(len,10),shift(11),round: register 11 holds the shift amount in
   its low six bits, and junk above them that must be ignored. */
static inline void srp(struct machine *m, unsigned len, int shift, unsigned round, uint32_t a1)
{
    m->cpu.gr[10] = a1;
    m->cpu.gr[11] = 0x00ABCD00u | ((unsigned)shift & 63);
    uint8_t *p = m->mem + TM_CODE;
    p[0] = 0xF0;
    p[1] = (uint8_t)((len - 1) << 4 | round);
    p[2] = 0xA0, p[3] = 0x00, p[4] = 0xB0, p[5] = 0x00;
    m->cpu.psw.ia = TM_CODE;
    tm_step(m, 1);
}

/* ED / EDMK D(len,10),D(11). */
static inline void edit(struct machine *m, uint8_t op, unsigned len, uint32_t a1, uint32_t a2)
{
    m->cpu.gr[10] = a1;
    m->cpu.gr[11] = a2;
    uint8_t *p = m->mem + TM_CODE;
    p[0] = op;
    p[1] = (uint8_t)(len - 1);
    p[2] = 0xA0, p[3] = 0x00, p[4] = 0xB0, p[5] = 0x00;
    m->cpu.psw.ia = TM_CODE;
    tm_step(m, 1);
}

/* The instruction completed without an interruption, with this cc. */
static inline void assert_done(struct machine *m, int cc)
{
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 6);
    if (cc >= 0)
        assert_int_equal(m->cpu.psw.cc, cc);
}

/* The old program PSW's condition code (EC mode: bits 18-19). */
static inline int old_cc(struct machine *m) { return (m->mem[0x2A] >> 4) & 3; }

/* A program interruption with this code, ILC 3, PSW past the instruction. */
static inline void assert_pgm(struct machine *m, int code)
{
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), code);
    assert_int_equal(tm_pgm_ilc(m), 3);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 6);
}

#endif
