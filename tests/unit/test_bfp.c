/*
 * test_bfp.c - binary floating point (SA22-7201 chapter 19), the FPC
 * instructions and LXR/LOAD ZERO: each instruction's result and condition
 * code, the rounding modes, special values, the IEEE flags and traps
 * (DXC, suppression versus completion, scaled results), the AFP-register
 * control; then the arithmetic core (bfp.c) against the host's IEEE
 * arithmetic on random operands, and a compiled-C check: bfp_kernels.c
 * built by the cross compiler, run on the machine and compared with the
 * same source built for the host.
 */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

#include "testutil.h"
#include "bfp.h"
#include "elf.h"

#include "bfp_kernels.c"

#define CR0_AFP 0x00040000u

static uint64_t dbits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double bitsd(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float bitsf(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

/* A test machine with the AFP-register control on. */
static struct machine *bm_new(void)
{
    struct machine *m = tm_new();
    m->cpu.cr[0] |= CR0_AFP;
    return m;
}

static void set_d(struct machine *m, int r, uint64_t bits) { m->cpu.fpr[r] = bits; }
static void set_f(struct machine *m, int r, uint32_t bits)
{
    m->cpu.fpr[r] = (uint64_t)bits << 32 | (m->cpu.fpr[r] & 0xFFFFFFFF);
}
static uint32_t get_f(struct machine *m, int r) { return (uint32_t)(m->cpu.fpr[r] >> 32); }

/* Run one instruction from a fresh PSW (EC mode, supervisor, disabled),
   the condition code kept. */
static void run1(struct machine *m, const char *hex)
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
static void assert_dxc(struct machine *m, int dxc)
{
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_DATA);
    assert_int_equal(m->mem[0x93], dxc);
    assert_int_equal((m->cpu.fpc >> 8) & 0xFF, dxc);
}

/* The condition code in the program old PSW (EC mode). */
static int old_cc(struct machine *m) { return (m->mem[0x2A] >> 4) & 3; }

static void assert_no_pgm(struct machine *m)
{
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.psw.ia, TM_CODE + insn_len(m->mem[TM_CODE]));
}

/* --- the AFP-register control -------------------------------------------- */

static void afp_control_off_gives_dxc_2(void **state)
{
    (void)state;
    struct machine *m = tm_new(); /* CR0 bit 13 off */
    const char *insns[] = {"B30A0012" /* AEBR */, "B3840010" /* SFPC */, "B38C0010" /* EFPC */,
                           "B2990001" /* SRNM */, "ED1000300011" /* TCDB */, "B3990012" /* CFDBR */};
    for (size_t i = 0; i < sizeof insns / sizeof insns[0]; i++) {
        m->cpu.fpc = 0;
        run1(m, insns[i]);
        assert_dxc(m, 2);
        assert_int_equal(tm_pgm_old_ia(m), TM_CODE + insn_len(m->mem[TM_CODE]));
    }
    /* LOAD ZERO is no BFP instruction: fine on 0, 2, 4, 6 ... */
    set_d(m, 2, 0x4000000000000000ull);
    run1(m, "B3750020"); /* LZDR 2 */
    assert_no_pgm(m);
    assert_int_equal(m->cpu.fpr[2], 0);
    /* ... but register 1 needs the control. */
    run1(m, "B3750010");
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    machine_free(m);
}

/* --- arithmetic results and condition codes ------------------------------ */

static void add_subtract_short_long(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    set_f(m, 1, fbits(1.5f));
    set_f(m, 2, fbits(2.25f));
    m->cpu.fpr[1] |= 0x12345678; /* the right half stays */
    run1(m, "B30A0012"); /* AEBR 1,2 */
    assert_no_pgm(m);
    assert_int_equal(m->cpu.fpr[1], (uint64_t)fbits(3.75f) << 32 | 0x12345678);
    assert_int_equal(m->cpu.psw.cc, 2);
    run1(m, "B30B0012B30B0012"); /* SEBR 1,2 twice: 1.5, then -0.75 */
    tm_step(m, 1);
    assert_int_equal(get_f(m, 1), fbits(-0.75f));
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_int_equal(m->cpu.fpc, 0);

    /* x - x is +0, but -0 when rounding toward -inf. */
    set_d(m, 4, dbits(5.0));
    run1(m, "B31B0044"); /* SDBR 4,4 */
    assert_int_equal(m->cpu.fpr[4], 0);
    assert_int_equal(m->cpu.psw.cc, 0);
    set_d(m, 4, dbits(5.0));
    m->cpu.fpc = 3;
    run1(m, "B31B0044");
    assert_int_equal(m->cpu.fpr[4], 0x8000000000000000ull);
    assert_int_equal(m->cpu.psw.cc, 0);
    m->cpu.fpc = 0;

    /* ADB 4,8(3,5) */
    m->cpu.gr[3] = 0x100;
    m->cpu.gr[5] = 0x2000;
    tm_wr64(m, 0x2108, dbits(0.25));
    set_d(m, 4, dbits(-1.0));
    run1(m, "ED4350080 01A");
    assert_int_equal(m->cpu.fpr[4], dbits(-0.75));
    assert_int_equal(m->cpu.psw.cc, 1);
    /* AEB, SEB, SDB */
    tm_wr32(m, 0x2108, fbits(0.5f));
    set_f(m, 6, fbits(2.0f));
    run1(m, "ED6350080 00A"); /* AEB 6 */
    assert_int_equal(get_f(m, 6), fbits(2.5f));
    run1(m, "ED6350080 00B"); /* SEB 6 */
    assert_int_equal(get_f(m, 6), fbits(2.0f));
    tm_wr64(m, 0x2108, dbits(0.25));
    set_d(m, 4, dbits(0.25));
    run1(m, "ED4350080 01B"); /* SDB 4 */
    assert_int_equal(m->cpu.fpr[4], 0);
    assert_int_equal(m->cpu.psw.cc, 0);
    machine_free(m);
}

static void multiply_divide_leave_cc(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    m->cpu.psw.cc = 3;
    set_d(m, 0, dbits(3.0));
    set_d(m, 2, dbits(-0.5));
    run1(m, "B31C0002"); /* MDBR 0,2 */
    assert_int_equal(m->cpu.fpr[0], dbits(-1.5));
    run1(m, "B31D0002"); /* DDBR 0,2 */
    assert_int_equal(m->cpu.fpr[0], dbits(3.0));
    set_f(m, 8, fbits(10.0f));
    set_f(m, 9, fbits(4.0f));
    run1(m, "B3170089"); /* MEEBR 8,9 */
    assert_int_equal(get_f(m, 8), fbits(40.0f));
    run1(m, "B30D0089"); /* DEBR 8,9 */
    assert_int_equal(get_f(m, 8), fbits(10.0f));
    /* MEEB, MDB, DEB, DDB from storage at 0x3000 */
    m->cpu.gr[7] = 0x3000;
    tm_wr32(m, 0x3000, fbits(0.25f));
    run1(m, "ED8070000 017"); /* MEEB 8,0(7) */
    assert_int_equal(get_f(m, 8), fbits(2.5f));
    run1(m, "ED8070000 00D"); /* DEB 8,0(7) */
    assert_int_equal(get_f(m, 8), fbits(10.0f));
    tm_wr64(m, 0x3000, dbits(8.0));
    run1(m, "ED0070000 01C"); /* MDB 0,0(7) */
    assert_int_equal(m->cpu.fpr[0], dbits(24.0));
    run1(m, "ED0070000 01D"); /* DDB 0,0(7) */
    assert_int_equal(m->cpu.fpr[0], dbits(3.0));
    /* MDEBR, MDEB: short operands, exact long product */
    set_f(m, 1, 0x3F800001); /* 1 + 2**-23 */
    set_f(m, 2, 0x3F800001);
    run1(m, "B30C0012");
    assert_int_equal(m->cpu.fpr[1], 0x3FF0000040000040ull); /* 1 + 2**-22 + 2**-46 */
    tm_wr32(m, 0x3000, fbits(3.0f));
    set_f(m, 1, fbits(0.5f));
    run1(m, "ED1070000 00C"); /* MDEB 1,0(7) */
    assert_int_equal(m->cpu.fpr[1], dbits(1.5));
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0);
    machine_free(m);
}

static void rounding_modes(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    static const uint32_t third[4] = {0x3EAAAAAB, 0x3EAAAAAA, 0x3EAAAAAB, 0x3EAAAAAA};
    static const uint32_t mthird[4] = {0xBEAAAAAB, 0xBEAAAAAA, 0xBEAAAAAA, 0xBEAAAAAB};
    for (int mode = 0; mode < 4; mode++) {
        char srnm[16];
        snprintf(srnm, sizeof srnm, "B299000%d", mode);
        run1(m, srnm); /* SRNM mode */
        assert_int_equal(m->cpu.fpc, (uint32_t)mode);
        set_f(m, 1, fbits(1.0f));
        set_f(m, 2, fbits(3.0f));
        run1(m, "B30D0012"); /* DEBR 1,2 */
        assert_int_equal(get_f(m, 1), third[mode]);
        set_f(m, 1, fbits(-1.0f));
        run1(m, "B30D0012");
        assert_int_equal(get_f(m, 1), mthird[mode]);
        assert_int_equal(m->cpu.fpc, 0x00080000u | (uint32_t)mode); /* inexact flag */
        m->cpu.fpc = (uint32_t)mode;
    }
    machine_free(m);
}

/* --- special values ------------------------------------------------------ */

static void nans_and_default_nan(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* An SNaN wins over a QNaN, whichever operand it is, and comes out quiet. */
    set_d(m, 1, 0x7FF8000000000001ull);
    set_d(m, 2, 0x7FF0000000000002ull);
    run1(m, "B31A0012"); /* ADBR 1,2 */
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000002ull);
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0x00800000u); /* invalid flag */
    /* Two QNaNs: the first operand. */
    m->cpu.fpc = 0;
    set_d(m, 1, 0xFFF8000000000005ull);
    set_d(m, 2, 0x7FF8000000000006ull);
    run1(m, "B31B0012"); /* SDBR: the NaN's sign is not changed */
    assert_int_equal(m->cpu.fpr[1], 0xFFF8000000000005ull);
    assert_int_equal(m->cpu.fpc, 0);
    /* Two SNaNs: the first, quiet. */
    set_f(m, 1, 0xFF800001);
    set_f(m, 2, 0x7F800002);
    run1(m, "B3170012"); /* MEEBR */
    assert_int_equal(get_f(m, 1), 0xFFC00001);
    /* NaN and a number. */
    set_f(m, 1, fbits(1.0f));
    set_f(m, 2, 0x7FC01234);
    run1(m, "B30D0012"); /* DEBR */
    assert_int_equal(get_f(m, 1), 0x7FC01234);

    /* Invalid operations give the default NaN (plus, quiet, no payload). */
    m->cpu.fpc = 0;
    set_d(m, 1, 0x7FF0000000000000ull);
    set_d(m, 2, 0xFFF0000000000000ull);
    run1(m, "B31A0012"); /* inf + -inf */
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000000ull);
    assert_int_equal(m->cpu.psw.cc, 3);
    set_d(m, 1, 0);
    set_d(m, 2, 0x8000000000000000ull);
    run1(m, "B31D0012"); /* 0 / -0 */
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000000ull);
    set_f(m, 1, 0x7F800000);
    set_f(m, 2, 0);
    run1(m, "B3170012"); /* inf * 0 */
    assert_int_equal(get_f(m, 1), 0x7FC00000);
    set_d(m, 2, dbits(-1.0));
    run1(m, "B3150012"); /* SQDBR 1,2 of -1 */
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000000ull);
    assert_int_equal(m->cpu.fpc, 0x00800000u);
    /* Infinities that are fine. */
    m->cpu.fpc = 0;
    set_d(m, 1, 0x7FF0000000000000ull);
    set_d(m, 2, dbits(-3.0));
    run1(m, "B31C0012"); /* inf * -3 */
    assert_int_equal(m->cpu.fpr[1], 0xFFF0000000000000ull);
    set_d(m, 1, dbits(7.0));
    set_d(m, 2, 0xFFF0000000000000ull);
    run1(m, "B31D0012"); /* 7 / -inf */
    assert_int_equal(m->cpu.fpr[1], 0x8000000000000000ull);
    set_d(m, 2, 0x8000000000000000ull);
    run1(m, "B3150012"); /* sqrt(-0) */
    assert_int_equal(m->cpu.fpr[1], 0x8000000000000000ull);
    assert_int_equal(m->cpu.fpc, 0);
    machine_free(m);
}

static void subnormals(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* Smallest subnormal + itself, and a subnormal that becomes normal. */
    set_d(m, 1, 1);
    set_d(m, 2, 1);
    run1(m, "B31A0012");
    assert_int_equal(m->cpu.fpr[1], 2);
    assert_int_equal(m->cpu.psw.cc, 2);
    assert_int_equal(m->cpu.fpc, 0); /* exact: no underflow */
    set_f(m, 1, 0x007FFFFF);
    set_f(m, 2, 0x00000001);
    run1(m, "B30A0012");
    assert_int_equal(get_f(m, 1), 0x00800000);
    /* Subnormal operands in multiply and divide. */
    set_d(m, 1, 0x0008000000000000ull); /* 2**-1023 */
    set_d(m, 2, dbits(0x1p600));
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], dbits(0x1p-423));
    set_d(m, 1, dbits(0x1p-1000));
    set_d(m, 2, dbits(0x1p60));
    run1(m, "B31D0012");
    assert_int_equal(m->cpu.fpr[1], 0x0000000000004000ull); /* 2**-1060 */
    assert_int_equal(m->cpu.fpc, 0);
    /* Gradual underflow loses bits: underflow and inexact. */
    set_d(m, 1, 0x0000000000000003ull);
    set_d(m, 2, dbits(0.5));
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], 2); /* 1.5 ulp rounds to even */
    assert_int_equal(m->cpu.fpc, 0x00180000u);
    /* Tininess is detected before rounding: a product just under the
       smallest normal number that rounds up to it still underflows. */
    m->cpu.fpc = 0;
    set_f(m, 1, 0x3F7FFFFF); /* 1 - 2**-24 */
    set_f(m, 2, 0x00800000); /* 2**-126 */
    run1(m, "B3170012");
    assert_int_equal(get_f(m, 1), 0x00800000);
    assert_int_equal(m->cpu.fpc, 0x00180000u);
    machine_free(m);
}

/* --- IEEE exceptions: flags and traps ----------------------------------- */

static void invalid_and_divide_traps_suppress(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    m->cpu.fpc = 0x80000000; /* invalid-operation mask */
    m->cpu.psw.cc = 1;
    set_d(m, 1, 0x7FF0000000000000ull);
    set_d(m, 2, 0xFFF0000000000000ull);
    run1(m, "B31A0012");
    assert_dxc(m, 0x80);
    assert_int_equal(m->cpu.fpr[1], 0x7FF0000000000000ull); /* suppressed */
    assert_int_equal(old_cc(m), 1);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 4);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(m->cpu.fpc & 0xFFFF00FF, 0x80000000); /* no flag */

    /* Compare signals only with SNaNs; compare and signal with any NaN. */
    m->cpu.fpc = 0;
    set_d(m, 1, 0x7FF8000000000000ull);
    set_d(m, 2, dbits(1.0));
    run1(m, "B3190012"); /* CDBR */
    assert_no_pgm(m);
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0);
    run1(m, "B3180012"); /* KDBR */
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0x00800000u);
    m->cpu.fpc = 0x80000000;
    m->cpu.psw.cc = 2;
    run1(m, "B3180012");
    assert_dxc(m, 0x80);
    assert_int_equal(old_cc(m), 2);
    set_d(m, 1, 0x7FF0000000000001ull);
    run1(m, "B3190012"); /* CDBR with an SNaN */
    assert_dxc(m, 0x80);

    /* Division by zero: flag and infinity, or a suppressing trap. */
    m->cpu.fpc = 0;
    set_d(m, 1, dbits(-1.0));
    set_d(m, 2, 0);
    run1(m, "B31D0012");
    assert_int_equal(m->cpu.fpr[1], 0xFFF0000000000000ull);
    assert_int_equal(m->cpu.fpc, 0x00400000u);
    m->cpu.fpc = 0x40000000;
    set_d(m, 1, dbits(-1.0));
    run1(m, "B31D0012");
    assert_dxc(m, 0x40);
    assert_int_equal(m->cpu.fpr[1], dbits(-1.0));
    machine_free(m);
}

static void overflow_flags_and_scaled_trap(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* 2**1000 * 2**1000: inf (nearest) or the largest number (toward 0). */
    set_d(m, 1, dbits(0x1p1000));
    set_d(m, 2, dbits(0x1p1000));
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], 0x7FF0000000000000ull);
    assert_int_equal(m->cpu.fpc, 0x00280000u); /* overflow, inexact */
    m->cpu.fpc = 1;
    set_d(m, 1, dbits(-0x1p1000));
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], 0xFFEFFFFFFFFFFFFFull);
    /* Trapped: completed with the result scaled by 2**-1536, then DXC 20,
       no flags. */
    m->cpu.fpc = 0x20000000;
    set_d(m, 1, dbits(0x1p1000));
    run1(m, "B31C0012");
    assert_dxc(m, 0x20);
    assert_int_equal(m->cpu.fpr[1], dbits(0x1p464));
    assert_int_equal(m->cpu.fpc & 0x00FF0000, 0);
    /* Inexact and rounded up: DXC 2C; truncated (toward 0): DXC 28. */
    m->cpu.fpc = 0x20000000;
    set_d(m, 1, 0x7E70000000000001ull); /* 2**1000 * (1 + 2**-52) */
    set_d(m, 2, 0x7E78000000000000ull); /* 2**1000 * 1.5 */
    run1(m, "B31C0012");
    assert_dxc(m, 0x2C);
    assert_int_equal(m->cpu.fpr[1], 0x5CF8000000000002ull);
    m->cpu.fpc = 0x20000001;
    set_d(m, 1, 0x7E70000000000001ull);
    run1(m, "B31C0012");
    assert_dxc(m, 0x28);
    assert_int_equal(m->cpu.fpr[1], 0x5CF8000000000001ull);
    /* Add overflows too; cc of the scaled result. */
    m->cpu.fpc = 0x20000000;
    set_f(m, 1, 0x7F7FFFFF);
    set_f(m, 2, 0x7F7FFFFF);
    run1(m, "B30A0012");
    assert_dxc(m, 0x20);
    assert_int_equal(get_f(m, 1), 0x1FFFFFFF); /* 2**129 (1 - 2**-24) / 2**192 */
    assert_int_equal(old_cc(m), 2);
    /* Overflow not trapped but inexact trapped: overflow flag, DXC 0C. */
    m->cpu.fpc = 0x08000000;
    set_f(m, 1, 0x7F7FFFFF);
    run1(m, "B30A0012");
    assert_dxc(m, 0x0C);
    assert_int_equal(get_f(m, 1), 0x7F800000);
    assert_int_equal(m->cpu.fpc & 0x00FF0000, 0x00200000);
    machine_free(m);
}

static void underflow_flags_and_scaled_trap(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* 2**-1000 * 2**-50: an exact subnormal, no flags ... */
    set_d(m, 1, dbits(0x1p-1000));
    set_d(m, 2, dbits(0x1p-50));
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], 0x0000000001000000ull);
    assert_int_equal(m->cpu.fpc, 0);
    /* ... but with the underflow mask on, tininess alone traps: the
       result scaled by 2**1536, DXC 10. */
    m->cpu.fpc = 0x10000000;
    set_d(m, 1, dbits(0x1p-1000));
    run1(m, "B31C0012");
    assert_dxc(m, 0x10);
    assert_int_equal(m->cpu.fpr[1], dbits(0x1p486));
    /* Inexact: flags U and X, or DXC 18 (truncated) with the rounded
       result scaled. */
    m->cpu.fpc = 0;
    set_d(m, 1, dbits(0x1p-1000));
    set_d(m, 2, 0x3CD0000000000001ull); /* 2**-50 * (1 + 2**-52) */
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], 0x0000000001000000ull);
    assert_int_equal(m->cpu.fpc, 0x00180000u);
    m->cpu.fpc = 0x00000002; /* toward +inf: the next subnormal */
    set_d(m, 1, dbits(0x1p-1000));
    run1(m, "B31C0012");
    assert_int_equal(m->cpu.fpr[1], 0x0000000001000001ull);
    /* Trapped, the product is rounded to 53 bits: exact here, DXC 10 ... */
    m->cpu.fpc = 0x10000000;
    set_d(m, 1, dbits(0x1p-1000));
    run1(m, "B31C0012");
    assert_dxc(m, 0x10);
    assert_int_equal(m->cpu.fpr[1], 0x5E50000000000001ull);
    /* ... but 2**-1050 (1 + 2**-51 + 2**-104) is not: DXC 18 truncated,
       DXC 1C rounded up. */
    set_d(m, 1, 0x0170000000000001ull);
    run1(m, "B31C0012");
    assert_dxc(m, 0x18);
    assert_int_equal(m->cpu.fpr[1], 0x5E50000000000002ull);
    m->cpu.fpc = 0x10000002;
    set_d(m, 1, 0x0170000000000001ull);
    run1(m, "B31C0012");
    assert_dxc(m, 0x1C);
    assert_int_equal(m->cpu.fpr[1], 0x5E50000000000003ull);
    machine_free(m);
}

static void inexact_trap_completes(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    m->cpu.fpc = 0x08000000;
    set_f(m, 1, fbits(1.0f));
    set_f(m, 2, 0x30800000); /* 2**-30 */
    run1(m, "B30A0012");
    assert_dxc(m, 0x08);
    assert_int_equal(get_f(m, 1), 0x3F800000); /* stored */
    assert_int_equal(old_cc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 4);
    assert_int_equal(m->cpu.fpc & 0x00FF0000, 0);
    m->cpu.fpc = 0x08000002; /* toward +inf: incremented */
    set_f(m, 1, fbits(1.0f));
    run1(m, "B30A0012");
    assert_dxc(m, 0x0C);
    assert_int_equal(get_f(m, 1), 0x3F800001);
    /* Exact results do not trap. */
    m->cpu.fpc = 0xF8000000;
    set_f(m, 1, fbits(1.0f));
    set_f(m, 2, fbits(1.0f));
    run1(m, "B30A0012");
    assert_no_pgm(m);
    assert_int_equal(get_f(m, 1), fbits(2.0f));
    machine_free(m);
}

/* --- compare, sign, load and test, test data class ---------------------- */

static void compare_and_sign_instructions(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    struct { uint64_t a, b; int cc; } cmp[] = {
        {dbits(1.0), dbits(2.0), 1}, {dbits(2.0), dbits(1.0), 2}, {dbits(-2.0), dbits(-1.0), 1},
        {0, 0x8000000000000000ull, 0}, {0xFFF0000000000000ull, dbits(-1e308), 1},
        {dbits(5.0), dbits(5.0), 0}, {1, 0, 2}, {0x7FF8000000000000ull, 0x7FF8000000000000ull, 3},
    };
    for (size_t i = 0; i < sizeof cmp / sizeof cmp[0]; i++) {
        set_d(m, 3, cmp[i].a);
        set_d(m, 4, cmp[i].b);
        run1(m, "B3190034"); /* CDBR 3,4 */
        assert_int_equal(m->cpu.psw.cc, cmp[i].cc);
    }
    set_f(m, 3, fbits(-1.0f));
    m->cpu.gr[1] = 0x400;
    tm_wr32(m, 0x400, fbits(-3.0f));
    run1(m, "ED3010000 009"); /* CEB 3,0(1) */
    assert_int_equal(m->cpu.psw.cc, 2);
    run1(m, "ED3010000 008"); /* KEB 3,0(1) */
    assert_int_equal(m->cpu.psw.cc, 2);
    set_f(m, 4, fbits(-1.0f));
    run1(m, "B3080034"); /* KEBR */
    assert_int_equal(m->cpu.psw.cc, 0);
    tm_wr64(m, 0x400, dbits(-1.0));
    set_d(m, 3, dbits(-1.0));
    run1(m, "ED3010000 019"); /* CDB */
    assert_int_equal(m->cpu.psw.cc, 0);
    run1(m, "ED3010000 018"); /* KDB */
    assert_int_equal(m->cpu.psw.cc, 0);

    /* LOAD POSITIVE/NEGATIVE/COMPLEMENT touch the sign only, even of NaNs. */
    set_d(m, 2, 0xFFF0000000000001ull); /* -SNaN */
    run1(m, "B3100012"); /* LPDBR */
    assert_int_equal(m->cpu.fpr[1], 0x7FF0000000000001ull);
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0);
    set_d(m, 2, 0x8000000000000000ull);
    run1(m, "B3100012");
    assert_int_equal(m->cpu.fpr[1], 0);
    assert_int_equal(m->cpu.psw.cc, 0);
    set_f(m, 2, fbits(2.0f));
    run1(m, "B3010012"); /* LNEBR */
    assert_int_equal(get_f(m, 1), fbits(-2.0f));
    assert_int_equal(m->cpu.psw.cc, 1);
    run1(m, "B3030011"); /* LCEBR 1,1 */
    assert_int_equal(get_f(m, 1), fbits(2.0f));
    assert_int_equal(m->cpu.psw.cc, 2);
    set_f(m, 2, fbits(-2.0f));
    run1(m, "B3000012"); /* LPEBR */
    assert_int_equal(get_f(m, 1), fbits(2.0f));
    set_d(m, 2, dbits(3.0));
    run1(m, "B3110012"); /* LNDBR */
    assert_int_equal(m->cpu.fpr[1], dbits(-3.0));
    run1(m, "B3130011"); /* LCDBR 1,1 */
    assert_int_equal(m->cpu.fpr[1], dbits(3.0));

    /* LOAD AND TEST makes an SNaN quiet and signals invalid. */
    set_d(m, 2, 0x7FF0000000000001ull);
    run1(m, "B3120012"); /* LTDBR */
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000001ull);
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0x00800000u);
    m->cpu.fpc = 0;
    set_f(m, 2, fbits(-0.0f));
    run1(m, "B3020012"); /* LTEBR */
    assert_int_equal(get_f(m, 1), 0x80000000);
    assert_int_equal(m->cpu.psw.cc, 0);
    m->cpu.fpc = 0x80000000;
    set_f(m, 2, 0x7F800001);
    set_f(m, 1, 0);
    run1(m, "B3020012");
    assert_dxc(m, 0x80);
    assert_int_equal(get_f(m, 1), 0);
    machine_free(m);
}

static void test_data_class(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    struct { uint64_t v; unsigned bit; } cls[] = {
        {0, 0x800}, {0x8000000000000000ull, 0x400}, {dbits(1.0), 0x200}, {dbits(-1.0), 0x100},
        {1, 0x80}, {0x8000000000000001ull, 0x40}, {0x7FF0000000000000ull, 0x20},
        {0xFFF0000000000000ull, 0x10}, {0x7FF8000000000000ull, 0x8}, {0xFFF8000000000000ull, 0x4},
        {0x7FF0000000000001ull, 0x2}, {0xFFF0000000000001ull, 0x1},
    };
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++) {
        set_d(m, 5, cls[i].v);
        char insn[32];
        snprintf(insn, sizeof insn, "ED500%03X0011", cls[i].bit); /* TCDB 5,bit */
        run1(m, insn);
        assert_int_equal(m->cpu.psw.cc, 1);
        snprintf(insn, sizeof insn, "ED500%03X0011", 0xFFF & ~cls[i].bit);
        run1(m, insn);
        assert_int_equal(m->cpu.psw.cc, 0);
    }
    set_f(m, 5, 0x00000001);
    run1(m, "ED5000800010"); /* TCEB 5,X'080': +subnormal */
    assert_int_equal(m->cpu.psw.cc, 1);
    set_d(m, 4, 0xFFFF000000000000ull); /* extended -inf in 4,6 */
    set_d(m, 6, 0);
    run1(m, "ED4000100012"); /* TCXB 4,X'010' */
    assert_int_equal(m->cpu.psw.cc, 1);
    set_d(m, 6, 1); /* now an SNaN */
    run1(m, "ED4000010012");
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_int_equal(m->cpu.fpc, 0);
    machine_free(m);
}

/* --- multiply and add, square root --------------------------------------- */

static void multiply_and_add(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* One rounding: (1 + 2**-52)(1 - 2**-53) - 1 is exactly 2**-53 - 2**-105;
       two roundings would give 0. */
    set_d(m, 3, 0x3FF0000000000001ull);
    set_d(m, 2, 0x3FEFFFFFFFFFFFFFull);
    set_d(m, 1, dbits(-1.0));
    m->cpu.psw.cc = 2;
    run1(m, "B31E1032"); /* MADBR 1,3,2 */
    assert_int_equal(m->cpu.fpr[1], 0x3C9FFFFFFFFFFFFEull);
    assert_int_equal(m->cpu.psw.cc, 2);
    set_d(m, 1, dbits(-1.0));
    run1(m, "B31F1032"); /* MSDBR: op3 * op2 - op1 */
    assert_int_equal(m->cpu.fpr[1], dbits(2.0));
    assert_int_equal(m->cpu.fpc, 0x00080000u);
    /* MAEB 1,5,8(3,4) and MSEB, MADB, MSDB from storage */
    m->cpu.fpc = 0;
    m->cpu.gr[3] = 0x100;
    m->cpu.gr[4] = 0x3000;
    tm_wr32(m, 0x3108, fbits(3.0f));
    set_f(m, 5, fbits(2.0f));
    set_f(m, 1, fbits(1.0f));
    run1(m, "ED534008100E");
    assert_int_equal(get_f(m, 1), fbits(7.0f));
    run1(m, "ED534008100F"); /* 2*3 - 7 */
    assert_int_equal(get_f(m, 1), fbits(-1.0f));
    tm_wr64(m, 0x3108, dbits(0.5));
    set_d(m, 5, dbits(4.0));
    set_d(m, 1, dbits(1.0));
    run1(m, "ED534008101E");
    assert_int_equal(m->cpu.fpr[1], dbits(3.0));
    run1(m, "ED534008101F");
    assert_int_equal(m->cpu.fpr[1], dbits(-1.0));
    set_f(m, 3, fbits(2.0f));
    set_f(m, 2, fbits(2.0f));
    set_f(m, 1, fbits(1.0f));
    run1(m, "B30E1032"); /* MAEBR */
    assert_int_equal(get_f(m, 1), fbits(5.0f));
    run1(m, "B30F1032"); /* MSEBR */
    assert_int_equal(get_f(m, 1), fbits(-1.0f));
    /* NaN precedence: operand 3, then 2, then 1; SNaNs before QNaNs. */
    set_d(m, 3, 0x7FF8000000000003ull);
    set_d(m, 2, 0x7FF8000000000002ull);
    set_d(m, 1, 0x7FF0000000000001ull);
    run1(m, "B31E1032");
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000001ull);
    set_d(m, 1, 0x7FF8000000000001ull);
    run1(m, "B31E1032");
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000003ull);
    set_d(m, 3, 0x7FF0000000000003ull);
    set_d(m, 2, 0x7FF0000000000002ull);
    run1(m, "B31E1032");
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000003ull);
    /* inf * 0 is invalid whatever the addend. */
    m->cpu.fpc = 0;
    set_d(m, 3, 0x7FF0000000000000ull);
    set_d(m, 2, 0);
    set_d(m, 1, 0x7FF8000000000001ull);
    run1(m, "B31E1032");
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000000000000ull);
    assert_int_equal(m->cpu.fpc, 0x00800000u);
    machine_free(m);
}

static void square_root(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    set_d(m, 2, dbits(2.0));
    run1(m, "B3150012"); /* SQDBR */
    assert_int_equal(m->cpu.fpr[1], 0x3FF6A09E667F3BCDull);
    assert_int_equal(m->cpu.fpc, 0x00080000u);
    m->cpu.fpc = 0;
    set_f(m, 2, fbits(0.25f));
    run1(m, "B3140012"); /* SQEBR */
    assert_int_equal(get_f(m, 1), fbits(0.5f));
    assert_int_equal(m->cpu.fpc, 0);
    m->cpu.gr[3] = 0x500;
    tm_wr64(m, 0x500, 1); /* smallest subnormal: 2**-537 */
    run1(m, "ED1030000 015"); /* SQDB 1,0(3) */
    assert_int_equal(m->cpu.fpr[1], 0x1E60000000000000ull);
    tm_wr32(m, 0x500, fbits(9.0f));
    run1(m, "ED1030000 014"); /* SQEB */
    assert_int_equal(get_f(m, 1), fbits(3.0f));
    set_d(m, 4, 0x4001000000000000ull); /* 4.0L */
    set_d(m, 6, 0);
    run1(m, "B3160014"); /* SQXBR 1,4 */
    assert_int_equal(m->cpu.fpr[1], 0x4000000000000000ull);
    assert_int_equal(m->cpu.fpr[3], 0);
    machine_free(m);
}

/* --- conversions ---------------------------------------------------------- */

static void convert_to_fixed(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* M3: 1 ties away, 4 nearest even, 5 toward 0, 6 up, 7 down; 0 the FPC's. */
    static const struct { double v; int32_t r[8]; } tab[] = {
        {2.5, {2, 3, 0, 0, 2, 2, 3, 2}},
        {-2.5, {-2, -3, 0, 0, -2, -2, -2, -3}},
        {-0.3, {0, 0, 0, 0, 0, 0, 0, -1}},
        {7.75, {8, 8, 0, 0, 8, 7, 8, 7}},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        for (int m3 = 0; m3 < 8; m3++) {
            if (m3 == 2 || m3 == 3)
                continue;
            char insn[16];
            snprintf(insn, sizeof insn, "B399%X012", m3); /* CFDBR 1,m3,2 */
            set_d(m, 2, dbits(tab[i].v));
            m->cpu.fpc = 0;
            run1(m, insn);
            assert_int_equal((int32_t)m->cpu.gr[1], tab[i].r[m3]);
            assert_int_equal(m->cpu.psw.cc, tab[i].v < 0 ? 1 : 2);
            assert_int_equal(m->cpu.fpc, 0x00080000u);
        }
    /* Out of range and NaN: invalid (and inexact), cc 3, the largest
       number of the sign, -max for NaN. */
    m->cpu.fpc = 0;
    set_d(m, 2, dbits(3e9));
    run1(m, "B3995012");
    assert_int_equal(m->cpu.gr[1], 0x7FFFFFFF);
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_int_equal(m->cpu.fpc, 0x00880000u);
    set_d(m, 2, dbits(-2147483648.9)); /* -2**31 is fine toward 0 */
    run1(m, "B3995012");
    assert_int_equal(m->cpu.gr[1], 0x80000000);
    assert_int_equal(m->cpu.psw.cc, 1);
    run1(m, "B3997012"); /* but not toward -inf */
    assert_int_equal(m->cpu.gr[1], 0x80000000);
    assert_int_equal(m->cpu.psw.cc, 3);
    set_d(m, 2, 0x7FF8000000000000ull);
    run1(m, "B3995012");
    assert_int_equal(m->cpu.gr[1], 0x80000000);
    assert_int_equal(m->cpu.psw.cc, 3);
    set_d(m, 2, 0x7FF0000000000000ull);
    run1(m, "B3995012");
    assert_int_equal(m->cpu.gr[1], 0x7FFFFFFF);
    /* Trapped invalid suppresses: GR and cc unchanged. */
    m->cpu.fpc = 0x80000000;
    m->cpu.gr[1] = 42;
    m->cpu.psw.cc = 1;
    run1(m, "B3995012");
    assert_dxc(m, 0x80);
    assert_int_equal(m->cpu.gr[1], 42);
    assert_int_equal(old_cc(m), 1);
    /* Zero: cc 0, exact. CFEBR, CFXBR. */
    m->cpu.fpc = 0;
    set_f(m, 2, 0x80000000);
    run1(m, "B3985012");
    assert_int_equal(m->cpu.gr[1], 0);
    assert_int_equal(m->cpu.psw.cc, 0);
    set_f(m, 2, fbits(-123.5f));
    run1(m, "B3981012"); /* CFEBR 1,1,2 */
    assert_int_equal((int32_t)m->cpu.gr[1], -124);
    set_d(m, 4, 0x401E000000010000ull); /* 2**31 + 0.5 as extended */
    set_d(m, 6, 0);
    run1(m, "B39A5014"); /* CFXBR 1,5,4 */
    assert_int_equal(m->cpu.gr[1], 0x7FFFFFFF);
    assert_int_equal(m->cpu.psw.cc, 3);
    /* M3 values 2, 3, 8-15 are a specification exception. */
    run1(m, "B3992012");
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    run1(m, "B35F8012"); /* FIDBR with M3 8 */
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    machine_free(m);
}

static void convert_from_fixed(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    m->cpu.psw.cc = 1;
    m->cpu.gr[2] = 16777217; /* 2**24 + 1 */
    run1(m, "B3940012"); /* CEFBR */
    assert_int_equal(get_f(m, 1), 0x4B800000);
    assert_int_equal(m->cpu.fpc, 0x00080000u);
    assert_int_equal(m->cpu.psw.cc, 1);
    m->cpu.fpc = 2; /* toward +inf */
    run1(m, "B3940012");
    assert_int_equal(get_f(m, 1), 0x4B800001);
    m->cpu.fpc = 0;
    m->cpu.gr[2] = (uint32_t)-5;
    run1(m, "B3950012"); /* CDFBR */
    assert_int_equal(m->cpu.fpr[1], dbits(-5.0));
    m->cpu.gr[2] = 0x80000000;
    run1(m, "B3950012");
    assert_int_equal(m->cpu.fpr[1], dbits(-2147483648.0));
    m->cpu.gr[2] = 0;
    run1(m, "B3950012");
    assert_int_equal(m->cpu.fpr[1], 0);
    m->cpu.gr[2] = 3;
    run1(m, "B3960042"); /* CXFBR 4,2 */
    assert_int_equal(m->cpu.fpr[4], 0x4000800000000000ull);
    assert_int_equal(m->cpu.fpr[6], 0);
    assert_int_equal(m->cpu.fpc, 0);
    machine_free(m);
}

static void load_lengthened_and_rounded(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    set_f(m, 2, fbits(0.1f));
    run1(m, "B3040012"); /* LDEBR */
    assert_int_equal(m->cpu.fpr[1], dbits((double)0.1f));
    set_f(m, 2, 0x00000001); /* subnormal becomes normal */
    run1(m, "B3040012");
    assert_int_equal(m->cpu.fpr[1], dbits(0x1p-149));
    set_f(m, 2, 0x7F800001); /* SNaN: quiet, invalid */
    run1(m, "B3040012");
    assert_int_equal(m->cpu.fpr[1], 0x7FF8000020000000ull);
    assert_int_equal(m->cpu.fpc, 0x00800000u);
    m->cpu.fpc = 0;
    m->cpu.gr[7] = 0x600;
    tm_wr32(m, 0x600, fbits(-1.5f));
    run1(m, "ED1070000 004"); /* LDEB */
    assert_int_equal(m->cpu.fpr[1], dbits(-1.5));

    set_d(m, 2, dbits(0.1));
    m->cpu.fpr[1] = 0x1111111122222222ull;
    run1(m, "B3440012"); /* LEDBR */
    assert_int_equal(m->cpu.fpr[1], 0x3DCCCCCD22222222ull);
    assert_int_equal(m->cpu.fpc, 0x00080000u);
    m->cpu.fpc = 1;
    run1(m, "B3440012");
    assert_int_equal(get_f(m, 1), 0x3DCCCCCC);
    /* Overflow: infinity, or trapped the value rounded to short precision,
       scaled by 2**-512 and left in the long format. */
    m->cpu.fpc = 0;
    set_d(m, 2, dbits(0x1p200));
    run1(m, "B3440012");
    assert_int_equal(get_f(m, 1), 0x7F800000);
    assert_int_equal(m->cpu.fpc, 0x00280000u);
    m->cpu.fpc = 0x20000000;
    run1(m, "B3440012");
    assert_dxc(m, 0x20);
    assert_int_equal(m->cpu.fpr[1], dbits(0x1p-312));
    /* Underflow: 2**-130 is an exact short subnormal: no flags, but with
       the underflow mask on it traps, the result scaled by 2**512. */
    m->cpu.fpc = 0;
    set_d(m, 2, dbits(0x1p-130));
    run1(m, "B3440012");
    assert_int_equal(get_f(m, 1), 0x00080000);
    assert_int_equal(m->cpu.fpc, 0);
    m->cpu.fpc = 0x10000000;
    run1(m, "B3440012");
    assert_dxc(m, 0x10);
    assert_int_equal(m->cpu.fpr[1], dbits(0x1p382));
    machine_free(m);
}

static void extended_arithmetic(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    /* 1.0L in 1,3; 2.0L in 4,6 */
    set_d(m, 1, 0x3FFF000000000000ull);
    set_d(m, 3, 0);
    set_d(m, 4, 0x4000000000000000ull);
    set_d(m, 6, 0);
    run1(m, "B34A0014"); /* AXBR 1,4 */
    assert_int_equal(m->cpu.fpr[1], 0x4000800000000000ull);
    assert_int_equal(m->cpu.fpr[3], 0);
    assert_int_equal(m->cpu.psw.cc, 2);
    run1(m, "B34D0014"); /* DXBR: 1.5 */
    assert_int_equal(m->cpu.fpr[1], 0x3FFF800000000000ull);
    run1(m, "B34C0011"); /* MXBR 1,1: 2.25 */
    assert_int_equal(m->cpu.fpr[1], 0x4000200000000000ull);
    run1(m, "B34B0014"); /* SXBR: 0.25 */
    assert_int_equal(m->cpu.fpr[1], 0x3FFD000000000000ull);
    run1(m, "B3490014"); /* CXBR */
    assert_int_equal(m->cpu.psw.cc, 1);
    run1(m, "B3480041"); /* KXBR 4,1 */
    assert_int_equal(m->cpu.psw.cc, 2);
    run1(m, "B3430014"); /* LCXBR */
    assert_int_equal(m->cpu.fpr[1], 0xC000000000000000ull);
    assert_int_equal(m->cpu.psw.cc, 1);
    run1(m, "B3400011"); /* LPXBR */
    assert_int_equal(m->cpu.fpr[1], 0x4000000000000000ull);
    run1(m, "B3410011"); /* LNXBR */
    assert_int_equal(m->cpu.fpr[1], 0xC000000000000000ull);
    run1(m, "B3420011"); /* LTXBR */
    assert_int_equal(m->cpu.psw.cc, 1);
    /* 1/3 carries the low half. */
    set_d(m, 1, 0x3FFF000000000000ull);
    set_d(m, 3, 0);
    set_d(m, 4, 0x4000800000000000ull);
    run1(m, "B34D0014");
    assert_int_equal(m->cpu.fpr[1], 0x3FFD555555555555ull);
    assert_int_equal(m->cpu.fpr[3], 0x5555555555555555ull);
    /* Conversions: LXDBR, LXEBR, LXDB, LXEB, LDXBR, LEXBR, MXDBR, MXDB */
    set_d(m, 2, dbits(1.0 / 3));
    run1(m, "B3050012");
    assert_int_equal(m->cpu.fpr[1], 0x3FFD555555555555ull);
    assert_int_equal(m->cpu.fpr[3], 0x5000000000000000ull);
    run1(m, "B3450051"); /* LDXBR 5,1 */
    assert_int_equal(m->cpu.fpr[5], dbits(1.0 / 3));
    run1(m, "B3460051"); /* LEXBR 5,1 */
    assert_int_equal(get_f(m, 5), fbits(1.0f / 3));
    set_f(m, 2, fbits(-0.5f));
    run1(m, "B3060012");
    assert_int_equal(m->cpu.fpr[1], 0xBFFE000000000000ull);
    m->cpu.gr[2] = 0x700;
    tm_wr64(m, 0x700, dbits(6.0));
    run1(m, "ED1020000 005"); /* LXDB */
    assert_int_equal(m->cpu.fpr[1], 0x4001800000000000ull);
    tm_wr32(m, 0x700, fbits(6.0f));
    run1(m, "ED1020000 006"); /* LXEB */
    assert_int_equal(m->cpu.fpr[1], 0x4001800000000000ull);
    set_d(m, 1, 0x3FF0000000000001ull);
    set_d(m, 2, 0x3FF0000000000001ull);
    run1(m, "B3070012"); /* MXDBR: (1 + 2**-52)**2 exactly */
    assert_int_equal(m->cpu.fpr[1], 0x3FFF000000000000ull);
    assert_int_equal(m->cpu.fpr[3], 0x2000000000000100ull); /* 1 + 2**-51 + 2**-104 */
    tm_wr64(m, 0x700, dbits(3.0));
    set_d(m, 1, dbits(0.5));
    run1(m, "ED1020000 007"); /* MXDB */
    assert_int_equal(m->cpu.fpr[1], 0x3FFF800000000000ull);
    assert_int_equal(m->cpu.fpc, 0x00080000u); /* from the LDXBR/LEXBR */
    /* Extended overflow and underflow, trapped: scaled by 2**-+24576. */
    m->cpu.fpc = 0x20000000;
    set_d(m, 1, 0x7E7F000000000000ull); /* 2**16000 */
    set_d(m, 3, 0);
    run1(m, "B34C0011"); /* MXBR 1,1 */
    assert_dxc(m, 0x20);
    assert_int_equal(m->cpu.fpr[1], 0x5CFF000000000000ull); /* 2**7424 */
    assert_int_equal(m->cpu.fpr[3], 0);
    m->cpu.fpc = 0;
    set_d(m, 1, 0x017F000000000000ull); /* 2**-16000 */
    run1(m, "B34C0011");
    assert_int_equal(m->cpu.fpr[1], 0);
    assert_int_equal(m->cpu.fpr[3], 0);
    assert_int_equal(m->cpu.fpc, 0x00180000u);
    m->cpu.fpc = 0x10000000;
    set_d(m, 1, 0x017F000000000000ull);
    run1(m, "B34C0011");
    assert_dxc(m, 0x10);
    assert_int_equal(m->cpu.fpr[1], 0x22FF000000000000ull); /* 2**-7424 */
    /* LOAD ROUNDED from extended, trapped: the result stays extended,
       scaled by 2**-8192. */
    m->cpu.fpc = 0x20000000;
    set_d(m, 4, 0x47CF000000000000ull); /* 2**2000 */
    set_d(m, 6, 0);
    run1(m, "B3450014"); /* LDXBR 1,4 */
    assert_dxc(m, 0x20);
    assert_int_equal(m->cpu.fpr[1], 0x27CF000000000000ull); /* 2**-6192 */
    assert_int_equal(m->cpu.fpr[3], 0);
    m->cpu.fpc = 0;
    /* Extended operands must name a valid pair. */
    run1(m, "B34A0024");
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    run1(m, "B34A0016");
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    machine_free(m);
}

static void load_fp_integer(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    static const struct { double v, r[8]; } tab[] = {
        {2.5, {2, 3, 0, 0, 2, 2, 3, 2}},
        {-0.4, {-0.0, -0.0, 0, 0, -0.0, -0.0, -0.0, -1}},
        {1e300, {1e300, 1e300, 0, 0, 1e300, 1e300, 1e300, 1e300}},
    };
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        for (int m3 = 0; m3 < 8; m3++) {
            if (m3 == 2 || m3 == 3)
                continue;
            char insn[16];
            snprintf(insn, sizeof insn, "B35F%X012", m3); /* FIDBR 1,m3,2 */
            set_d(m, 2, dbits(tab[i].v));
            m->cpu.fpc = 0;
            run1(m, insn);
            assert_int_equal(m->cpu.fpr[1], dbits(tab[i].r[m3]));
            assert_int_equal(m->cpu.fpc, tab[i].v == 1e300 ? 0 : 0x00080000u);
        }
    set_f(m, 2, fbits(-7.5f));
    run1(m, "B3576012"); /* FIEBR 1,6,2 */
    assert_int_equal(get_f(m, 1), fbits(-7.0f));
    set_d(m, 4, 0x4001C00000000000ull); /* 7.0L */
    set_d(m, 6, 0x0000000000000001ull);
    run1(m, "B3476014"); /* FIXBR 1,6,4: up to 8 */
    assert_int_equal(m->cpu.fpr[1], 0x4002000000000000ull);
    assert_int_equal(m->cpu.fpr[3], 0);
    machine_free(m);
}

/* --- FPC, LOAD ZERO, LXR -------------------------------------------------- */

static void fpc_instructions(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    m->cpu.gr[1] = 0xF8F8FF03;
    run1(m, "B3840010"); /* SFPC 1 */
    assert_no_pgm(m);
    assert_int_equal(m->cpu.fpc, 0xF8F8FF03);
    run1(m, "B38C0020"); /* EFPC 2 */
    assert_int_equal(m->cpu.gr[2], 0xF8F8FF03);
    static const uint32_t bad[] = {0x04000000, 0x00040000, 0x00000004, 0x000000FC};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m->cpu.gr[1] = bad[i];
        run1(m, "B3840010");
        assert_true(tm_took_pgm(m));
        assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
        assert_int_equal(m->cpu.fpc, 0xF8F8FF03);
    }
    m->cpu.gr[4] = 0x800;
    run1(m, "B29C4008"); /* STFPC 8(4) */
    assert_int_equal(tm_rd32(m, 0x808), 0xF8F8FF03);
    tm_wr32(m, 0x80C, 0x00080002);
    run1(m, "B29D400C"); /* LFPC 12(4) */
    assert_int_equal(m->cpu.fpc, 0x00080002);
    tm_wr32(m, 0x80C, 0x00000008);
    run1(m, "B29D400C");
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    run1(m, "B2994001"); /* SRNM 1(4): only the rightmost two bits */
    assert_int_equal(m->cpu.fpc, 0x00080001);
    machine_free(m);
}

static void load_zero_and_lxr(void **state)
{
    (void)state;
    struct machine *m = bm_new();
    m->cpu.fpr[3] = 0x1234567887654321ull;
    run1(m, "B3740030"); /* LZER 3 */
    assert_int_equal(m->cpu.fpr[3], 0x0000000087654321ull);
    m->cpu.fpr[3] = 0x1234567887654321ull;
    run1(m, "B3750030"); /* LZDR 3 */
    assert_int_equal(m->cpu.fpr[3], 0);
    m->cpu.fpr[4] = m->cpu.fpr[6] = 5;
    run1(m, "B3760040"); /* LZXR 4 */
    assert_int_equal(m->cpu.fpr[4], 0);
    assert_int_equal(m->cpu.fpr[6], 0);
    m->cpu.fpr[8] = 8;
    m->cpu.fpr[10] = 10;
    run1(m, "B3650018"); /* LXR 1,8 */
    assert_int_equal(m->cpu.fpr[1], 8);
    assert_int_equal(m->cpu.fpr[3], 10);
    machine_free(m);
}

/* --- the arithmetic core against the host's IEEE arithmetic -------------- */

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random operands, most near the places where things happen: subnormals,
   the overflow threshold, exponents close together (cancellation),
   special values. */
static uint64_t rand_long(void)
{
    uint64_t x = rng(), s = x & 0x8000000000000000ull, fr = x & 0x000FFFFFFFFFFFFFull;
    static const uint64_t special[] = {0, 0x7FF0000000000000ull, 0x3FF0000000000000ull, 0x0010000000000000ull,
                                       0x000FFFFFFFFFFFFFull, 0x7FEFFFFFFFFFFFFFull, 1};
    switch (rng() % 8) {
    case 0: return x;
    case 1: return s | (rng() % 4) << 52 | fr;
    case 2: return s | (2046 - rng() % 4) << 52 | fr;
    case 3: return s | (1023 - 30 + rng() % 60) << 52 | fr;
    case 4: return s | (1000 + rng() % 40) << 52 | (rng() & 0xF);
    case 5: return s | special[rng() % 7];
    default: return s | (rng() % 2047) << 52 | fr;
    }
}

static uint32_t rand_short(void)
{
    uint32_t x = (uint32_t)rng(), s = x & 0x80000000, fr = x & 0x007FFFFF;
    static const uint32_t special[] = {0, 0x7F800000, 0x3F800000, 0x00800000, 0x007FFFFF, 0x7F7FFFFF, 1};
    switch (rng() % 8) {
    case 0: return x;
    case 1: return s | (uint32_t)(rng() % 4) << 23 | fr;
    case 2: return s | (uint32_t)(254 - rng() % 4) << 23 | fr;
    case 3: return s | (uint32_t)(127 - 15 + rng() % 30) << 23 | fr;
    case 4: return s | (uint32_t)(100 + rng() % 40) << 23 | (uint32_t)(rng() & 0xF);
    case 5: return s | special[rng() % 7];
    default: return s | (uint32_t)(rng() % 255) << 23 | fr;
    }
}

static const int host_mode[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

static int host_flags(void)
{
    int f = fetestexcept(FE_ALL_EXCEPT), r = 0;
    r |= f & FE_INVALID ? BFP_XI : 0;
    r |= f & FE_DIVBYZERO ? BFP_XZ : 0;
    r |= f & FE_OVERFLOW ? BFP_XO : 0;
    r |= f & FE_UNDERFLOW ? BFP_XU : 0;
    r |= f & FE_INEXACT ? BFP_XX : 0;
    return r;
}

static bool is_nan_bits(uint64_t x, int width)
{
    if (width == 0) /* an integer */
        return false;
    if (width == 32)
        return (x & 0x7F800000) == 0x7F800000 && (x & 0x007FFFFF);
    return (x & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (x & 0x000FFFFFFFFFFFFFull);
}

/* Same bits (any NaN matches any NaN: the host's NaNs differ) and same
   flags; the host detects tininess after rounding, so underflow is not
   compared for results of the smallest normal magnitude. */
static int mismatches;
static void expect_same(const char *what, int mode, uint64_t a, uint64_t b, uint64_t got, int gflags,
                        uint64_t want, int wflags, int width)
{
    uint64_t min_normal = width == 32 ? 0x00800000 : 0x0010000000000000ull;
    uint64_t mag = want & (width == 32 ? 0x7FFFFFFF : 0x7FFFFFFFFFFFFFFFull);
    int mask = mag == min_normal ? ~BFP_XU : ~0;
    bool same = got == want || (is_nan_bits(got, width) && is_nan_bits(want, width));
    if (same && (gflags & mask) == (wflags & mask))
        return;
    if (mismatches++ < 10)
        print_message("%s mode %d %llx %llx: got %llx flags %02x, host %llx flags %02x\n", what, mode,
                      (unsigned long long)a, (unsigned long long)b, (unsigned long long)got, gflags,
                      (unsigned long long)want, wflags);
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_FMS, OP_N };

static void core_matches_host_long_and_short(void **state)
{
    (void)state;
    mismatches = 0;
    for (int i = 0; i < 40000; i++) {
        int mode = (int)(rng() % 4);
        uint64_t a = rand_long(), b = rand_long(), c = rand_long();
        uint32_t fa = rand_short(), fb = rand_short(), fc = rand_short();
        for (int op = 0; op < OP_N; op++) {
            struct bfp_env e = {.rm = (uint8_t)mode};
            volatile double x = bitsd(a), y = bitsd(b), z = bitsd(c);
            volatile double dr;
            volatile float xf = bitsf(fa), yf = bitsf(fb), zf = bitsf(fc);
            volatile float fr;
            fesetround(host_mode[mode]);
            feclearexcept(FE_ALL_EXCEPT);
            switch (op) {
            case OP_ADD: dr = x + y; break;
            case OP_SUB: dr = x - y; break;
            case OP_MUL: dr = x * y; break;
            case OP_DIV: dr = x / y; break;
            case OP_SQRT: dr = sqrt(x); break;
            case OP_FMA: dr = fma(x, y, z); break;
            default: dr = fma(x, y, -z); break;
            }
            int hf = host_flags();
            feclearexcept(FE_ALL_EXCEPT);
            switch (op) {
            case OP_ADD: fr = xf + yf; break;
            case OP_SUB: fr = xf - yf; break;
            case OP_MUL: fr = xf * yf; break;
            case OP_DIV: fr = xf / yf; break;
            case OP_SQRT: fr = sqrtf(xf); break;
            case OP_FMA: fr = fmaf(xf, yf, zf); break;
            default: fr = fmaf(xf, yf, -zf); break;
            }
            int hff = host_flags();
            fesetround(FE_TONEAREST);
            uint64_t got;
            switch (op) {
            case OP_ADD: got = (uint64_t)bfp_add(&e, BFP_LONG, a, b); break;
            case OP_SUB: got = (uint64_t)bfp_sub(&e, BFP_LONG, a, b); break;
            case OP_MUL: got = (uint64_t)bfp_mul(&e, BFP_LONG, a, b); break;
            case OP_DIV: got = (uint64_t)bfp_div(&e, BFP_LONG, a, b); break;
            case OP_SQRT: got = (uint64_t)bfp_sqrt(&e, BFP_LONG, a); break;
            default: got = (uint64_t)bfp_fma(&e, BFP_LONG, a, b, c, op == OP_FMS); break;
            }
            expect_same("long", mode, a, b, got, e.flags, dbits(dr), hf, 64);
            e = (struct bfp_env){.rm = (uint8_t)mode};
            switch (op) {
            case OP_ADD: got = (uint64_t)bfp_add(&e, BFP_SHORT, fa, fb); break;
            case OP_SUB: got = (uint64_t)bfp_sub(&e, BFP_SHORT, fa, fb); break;
            case OP_MUL: got = (uint64_t)bfp_mul(&e, BFP_SHORT, fa, fb); break;
            case OP_DIV: got = (uint64_t)bfp_div(&e, BFP_SHORT, fa, fb); break;
            case OP_SQRT: got = (uint64_t)bfp_sqrt(&e, BFP_SHORT, fa); break;
            default: got = (uint64_t)bfp_fma(&e, BFP_SHORT, fa, fb, fc, op == OP_FMS); break;
            }
            expect_same("short", mode, fa, fb, got, e.flags, fbits(fr), hff, 32);
        }
        /* LOAD ROUNDED, LOAD LENGTHENED, CONVERT FROM FIXED */
        struct bfp_env e = {.rm = (uint8_t)mode};
        volatile double x = bitsd(a);
        volatile int64_t iv = (int64_t)rng() >> (rng() % 64);
        volatile float fr;
        volatile double dr;
        fesetround(host_mode[mode]);
        feclearexcept(FE_ALL_EXCEPT);
        fr = (float)x;
        int hf = host_flags();
        feclearexcept(FE_ALL_EXCEPT);
        dr = (double)iv;
        int hfi = host_flags();
        fesetround(FE_TONEAREST);
        uint64_t got = (uint64_t)bfp_convert(&e, BFP_SHORT, BFP_LONG, a);
        expect_same("ledbr", mode, a, 0, got, e.flags, fbits(fr), hf, 32);
        e = (struct bfp_env){.rm = (uint8_t)mode};
        got = (uint64_t)bfp_from_int(&e, BFP_LONG, iv);
        expect_same("cdgbr", mode, (uint64_t)iv, 0, got, e.flags, dbits(dr), hfi, 64);
        e = (struct bfp_env){0};
        got = (uint64_t)bfp_convert(&e, BFP_LONG, BFP_SHORT, fa);
        expect_same("ldebr", 0, fa, 0, got, e.flags & ~BFP_XI, dbits((double)bitsf(fa)), 0, 64);
        /* CONVERT TO FIXED and LOAD FP INTEGER against nearbyint */
        e = (struct bfp_env){.rm = (uint8_t)mode};
        int cc;
        int64_t v = bfp_to_int(&e, BFP_LONG, a, 32, &cc);
        fesetround(host_mode[mode]);
        volatile double r = nearbyint(x);
        fesetround(FE_TONEAREST);
        double d = bitsd(a);
        if (isnan(d) || r > 2147483647.0 || r < -2147483648.0) {
            if (cc != 3 || e.flags != (BFP_XI | BFP_XX) || v != (isnan(d) || d < 0 ? INT32_MIN : INT32_MAX))
                expect_same("cfdbr", mode, a, 0, (uint64_t)v, e.flags, 0, BFP_XI | BFP_XX, 64);
        } else {
            int wcc = d == 0 ? 0 : d < 0 ? 1 : 2;
            if (cc != wcc || v != (int64_t)r || e.flags != (r != d ? BFP_XX : 0))
                expect_same("cfdbr", mode, a, 0, (uint64_t)v, e.flags, (uint64_t)(int64_t)r, cc, 64);
        }
        e = (struct bfp_env){.rm = (uint8_t)mode};
        got = (uint64_t)bfp_round_int(&e, BFP_LONG, a);
        expect_same("fidbr", mode, a, 0, got, e.flags & ~BFP_XI, dbits(r), !isnan(d) && r != d ? BFP_XX : 0, 64);
    }
    assert_int_equal(mismatches, 0);
}

#ifndef K_NO_EXT
static bool is_nan_ext(bfp_u128 x)
{
    return ((x >> 112) & 0x7FFF) == 0x7FFF && (x & (((bfp_u128)1 << 112) - 1));
}

static bfp_u128 rand_ext(void)
{
    bfp_u128 x = (bfp_u128)rng() << 64 | rng();
    bfp_u128 s = x & (bfp_u128)1 << 127, fr = x & (((bfp_u128)1 << 112) - 1);
    uint64_t e;
    switch (rng() % 5) {
    case 0: e = rng() % 4; break;
    case 1: e = 32766 - rng() % 4; break;
    case 2: e = 16383 - 40 + rng() % 80; break;
    case 3: e = 16383 + rng() % 4; fr &= ~(((bfp_u128)1 << 100) - 1); break;
    default: e = rng() % 32767; break;
    }
    return s | (bfp_u128)e << 112 | fr;
}

/* Extended against the host's binary128 (long double or __float128).  The
   host's software float does not report underflow reliably, so flags are
   compared only for normal results. */
static void core_matches_host_extended(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        int mode = (int)(rng() % 4);
        bfp_u128 a = rand_ext(), b = rand_ext();
        kld qa, qb;
        memcpy(&qa, &a, 16);
        memcpy(&qb, &b, 16);
        for (int op = 0; op <= OP_SQRT; op++) {
            volatile kld x = qa, y = qb, r;
            fesetround(host_mode[mode]);
            feclearexcept(FE_ALL_EXCEPT);
            switch (op) {
            case OP_ADD: r = x + y; break;
            case OP_SUB: r = x - y; break;
            case OP_MUL: r = x * y; break;
            case OP_DIV: r = x / y; break;
            default: r = K_SQRTL(x); break;
            }
            int hf = host_flags();
            fesetround(FE_TONEAREST);
            struct bfp_env e = {.rm = (uint8_t)mode};
            bfp_u128 got;
            switch (op) {
            case OP_ADD: got = bfp_add(&e, BFP_EXT, a, b); break;
            case OP_SUB: got = bfp_sub(&e, BFP_EXT, a, b); break;
            case OP_MUL: got = bfp_mul(&e, BFP_EXT, a, b); break;
            case OP_DIV: got = bfp_div(&e, BFP_EXT, a, b); break;
            default: got = bfp_sqrt(&e, BFP_EXT, a); break;
            }
            kld rr = r;
            bfp_u128 want;
            memcpy(&want, &rr, 16);
            int mask = BFP_XI | BFP_XZ | BFP_XO | (((want >> 112) & 0x7FFF) ? BFP_XX : 0);
            bool same = got == want || (is_nan_ext(got) && is_nan_ext(want));
            if ((!same || (e.flags & mask) != (hf & mask)) && bad++ < 10)
                print_message("ext op %d mode %d: %016llx%016llx %016llx%016llx\n", op, mode,
                              (unsigned long long)(a >> 64), (unsigned long long)a,
                              (unsigned long long)(b >> 64), (unsigned long long)b);
        }
    }
    assert_int_equal(bad, 0);
}
#endif

/* --- compiled C: bfp_kernels.c on the machine and on the host ------------ */

#define K_RET 0x900     /* return address: LPSW of a disabled wait */
#define K_STACK 0x80000 /* stack top */
#define K_DATA 0x60000  /* pointer arguments */

static struct elf_image kimg;
static char kpath[512];

static struct machine *kernels_machine(void)
{
    struct machine *m = bm_new();
    for (int i = 0; i < kimg.nseg; i++) {
        memset(m->mem + kimg.seg[i].addr, 0, kimg.seg[i].memsz);
        memcpy(m->mem + kimg.seg[i].addr, kimg.seg[i].data, kimg.seg[i].filesz);
    }
    tm_poke(m, K_RET, "82000908");           /* LPSW X'908' */
    tm_poke(m, K_RET + 8, "000A000000000900"); /* disabled wait */
    return m;
}

static uint32_t ksym(const char *name)
{
    for (int i = 0; i < kimg.nsym; i++)
        if (strcmp(kimg.sym[i].name, name) == 0)
            return kimg.sym[i].addr;
    fail_msg("no symbol %s in %s", name, kpath);
    return 0;
}

/* Call fn with integer arguments in GRs 2-6 (already set) and f0, f2
   (already set), in FPC rounding mode `mode`; it must return. */
static void kcall(struct machine *m, const char *fn, int mode)
{
    uint8_t psw[8] = {0x00, 0x08, 0, 0, 0, 0, 0, 0};
    put32(psw + 4, ksym(fn));
    psw_load(&m->cpu, psw);
    m->cpu.fpc = (uint32_t)mode;
    m->cpu.gr[14] = K_RET;
    m->cpu.gr[15] = K_STACK - 96;
    tm_clear_pgm(m);
    tm_run(m, 1000000);
    if (!(m->cpu.psw.wait && m->cpu.psw.ia == K_RET))
        fail_msg("%s did not return: PSW at %06X, program interruption %04X at %06X", fn, m->cpu.psw.ia,
                 tm_pgm_code(m), tm_pgm_old_ia(m));
}

static void ksetd(struct machine *m, int r, double d) { m->cpu.fpr[r] = dbits(d); }
static void ksetf(struct machine *m, int r, float f) { m->cpu.fpr[r] = (uint64_t)fbits(f) << 32; }

static int kbad;
static void kexpect(const char *fn, int mode, double arg, uint64_t got, uint64_t want, int width)
{
    if (got == want || (is_nan_bits(got, width) && is_nan_bits(want, width)))
        return;
    if (kbad++ < 10)
        print_message("%s(%g) mode %d: machine %llx host %llx\n", fn, arg, mode, (unsigned long long)got,
                      (unsigned long long)want);
}

static const double kd[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.141592653589793, 1e10, -1e10,
                            0.1, 123456789.987654321, 0x1p53 + 2, 1e300, -1e300, 1e-300, 4.9e-324,
                            1.7976931348623157e308, 2.2250738585072014e-308, INFINITY, -INFINITY, NAN,
                            0x1p31 - 0.5, 0x1p62 + 4096, -0x1p62, 4294967295.0, 7.0 / 3};

/* Host and machine versions of a function of one double (or float). */
#define KCHECK_D(fn, ret_t, width, cond)                                                    \
    for (size_t i = 0; i < sizeof kd / sizeof kd[0]; i++) {                                 \
        double arg = kd[i];                                                                 \
        if (!(cond))                                                                        \
            continue;                                                                       \
        ksetd(m, 0, arg);                                                                   \
        kcall(m, #fn, mode);                                                                \
        ret_t (*volatile hf)(double) = fn;                                                  \
        fesetround(host_mode[mode]);                                                        \
        volatile ret_t hr = hf(arg);                                                        \
        fesetround(FE_TONEAREST);                                                           \
        kexpect(#fn, mode, arg, kresult_##ret_t(m), kbits_##ret_t(hr), width);              \
    }
#define KCHECK_F(fn, ret_t, width, cond)                                                    \
    for (size_t i = 0; i < sizeof kd / sizeof kd[0]; i++) {                                 \
        float arg = (float)kd[i];                                                           \
        if (!(cond))                                                                        \
            continue;                                                                       \
        ksetf(m, 0, arg);                                                                   \
        kcall(m, #fn, mode);                                                                \
        ret_t (*volatile hf)(float) = fn;                                                   \
        fesetround(host_mode[mode]);                                                        \
        volatile ret_t hr = hf(arg);                                                        \
        fesetround(FE_TONEAREST);                                                           \
        kexpect(#fn, mode, arg, kresult_##ret_t(m), kbits_##ret_t(hr), width);              \
    }

typedef long long llong;
typedef unsigned long long ullong;
static uint64_t kresult_double(struct machine *m) { return m->cpu.fpr[0]; }
static uint64_t kresult_float(struct machine *m) { return m->cpu.fpr[0] >> 32; }
static uint64_t kresult_int(struct machine *m) { return m->cpu.gr[2]; }
static uint64_t kresult_unsigned(struct machine *m) { return m->cpu.gr[2]; }
static uint64_t kresult_llong(struct machine *m) { return (uint64_t)m->cpu.gr[2] << 32 | m->cpu.gr[3]; }
static uint64_t kresult_ullong(struct machine *m) { return kresult_llong(m); }
static uint64_t kbits_double(double d) { return dbits(d); }
static uint64_t kbits_float(float f) { return fbits(f); }
static uint64_t kbits_int(int v) { return (uint32_t)v; }
static uint64_t kbits_unsigned(unsigned v) { return v; }
static uint64_t kbits_llong(llong v) { return (uint64_t)v; }
static uint64_t kbits_ullong(ullong v) { return v; }

static void compiled_c_matches_host(void **state)
{
    (void)state;
    /* The loads and stores of FPRs (LE, LD, STE, STD, LER, LDR) belong to
       the HFP family. */
    static const uint8_t ld[4] = {0x68, 0x00, 0x00, 0x00};
    if (!insn_lookup(ld)) {
        print_message("skipped: the machine has no LD yet (hfp family)\n");
        skip();
    }
    char err[256];
    if (elf_read(kpath, &kimg, err, sizeof err))
        fail_msg("%s: %s", kpath, err);
    struct machine *m = kernels_machine();
    kbad = 0;
    for (int mode = 0; mode < 4; mode++) {
        KCHECK_D(k_poly, double, 64, 1)
        KCHECK_D(k_d2f, float, 32, 1)
        KCHECK_D(k_sqrt, double, 64, 1)
        KCHECK_D(k_rint, double, 64, 1)
        KCHECK_D(k_fabs, double, 64, 1)
        KCHECK_D(k_neg, double, 64, 1)
        KCHECK_D(k_class, int, 0, 1)
        KCHECK_D(k_d2i, int, 0, fabs(arg) < 0x1p31)
        KCHECK_D(k_d2u, unsigned, 0, arg > -1 && arg < 0x1p32)
        KCHECK_D(k_d2ll, llong, 0, fabs(arg) < 0x1p63)
        KCHECK_D(k_d2ull, ullong, 0, arg > -1 && arg < 0x1p64)
        KCHECK_F(k_f2d, double, 64, 1)
        KCHECK_F(k_sqrtf, float, 32, 1)
        KCHECK_F(k_rintf, float, 32, 1)
        KCHECK_F(k_nabs, double, 64, 1)
        KCHECK_F(k_classf, int, 0, 1)
        KCHECK_F(k_f2i, int, 0, fabs(arg) < 0x1p31)
        KCHECK_F(k_f2u, unsigned, 0, arg > -1 && arg < 0x1p32)
        KCHECK_F(k_f2ll, llong, 0, fabs(arg) < 0x1p63)

        /* Two operands: every pair. */
        for (size_t i = 0; i < sizeof kd / sizeof kd[0]; i++)
            for (size_t j = 0; j < sizeof kd / sizeof kd[0]; j++) {
                double a = kd[i], b = kd[j];
                double (*volatile hdiv)(double, double) = k_div;
                int (*volatile hcmp)(double, double) = k_cmp;
                int (*volatile hcmpf)(float, float) = k_cmpf;
                float (*volatile hfops)(float, float) = k_fops;
                double (*volatile hmixed)(float, double) = k_mixed;
                ksetd(m, 0, a);
                ksetd(m, 2, b);
                kcall(m, "k_div", mode);
                fesetround(host_mode[mode]);
                volatile double rd = hdiv(a, b);
                fesetround(FE_TONEAREST);
                kexpect("k_div", mode, a, m->cpu.fpr[0], dbits(rd), 64);
                ksetd(m, 0, a);
                ksetd(m, 2, b);
                kcall(m, "k_cmp", mode);
                kexpect("k_cmp", mode, a, m->cpu.gr[2], (uint32_t)hcmp(a, b), 0);
                ksetf(m, 0, (float)a);
                ksetf(m, 2, (float)b);
                kcall(m, "k_cmpf", mode);
                kexpect("k_cmpf", mode, a, m->cpu.gr[2], (uint32_t)hcmpf((float)a, (float)b), 0);
                ksetf(m, 0, (float)a);
                ksetf(m, 2, (float)b);
                kcall(m, "k_fops", mode);
                fesetround(host_mode[mode]);
                volatile float rf = hfops((float)a, (float)b);
                fesetround(FE_TONEAREST);
                kexpect("k_fops", mode, a, m->cpu.fpr[0] >> 32, fbits(rf), 32);
                ksetf(m, 0, (float)a);
                ksetd(m, 2, b);
                kcall(m, "k_mixed", mode);
                fesetround(host_mode[mode]);
                volatile double rm = hmixed((float)a, b);
                fesetround(FE_TONEAREST);
                kexpect("k_mixed", mode, a, m->cpu.fpr[0], dbits(rm), 64);
            }

        /* Integer arguments. */
        static const long long kl[] = {0, 1, -1, 3, 16777217, -16777217, 2147483647, -2147483647 - 1,
                                       0x20000000000001LL, -0x20000000000003LL, 0x7FFFFFFFFFFFFFFFLL,
                                       -0x7FFFFFFFFFFFFFFFLL - 1, 1234567890123456789LL};
        for (size_t i = 0; i < sizeof kl / sizeof kl[0]; i++) {
            long long v = kl[i];
            double (*volatile hll2d)(long long) = k_ll2d, (*volatile hull2d)(unsigned long long) = k_ull2d;
            float (*volatile hll2f)(long long) = k_ll2f, (*volatile hull2f)(unsigned long long) = k_ull2f;
            double (*volatile hi2d)(int) = k_i2d, (*volatile hu2d)(unsigned) = k_u2d;
            float (*volatile hi2f)(int) = k_i2f, (*volatile hu2f)(unsigned) = k_u2f;
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            fesetround(host_mode[mode]);
            volatile double r1 = hll2d(v), r2 = hull2d((unsigned long long)v);
            volatile float r3 = hll2f(v), r4 = hull2f((unsigned long long)v);
            volatile double r5 = hi2d((int)v), r6 = hu2d((unsigned)v);
            volatile float r7 = hi2f((int)v), r8 = hu2f((unsigned)v);
            fesetround(FE_TONEAREST);
            kcall(m, "k_ll2d", mode);
            kexpect("k_ll2d", mode, (double)v, m->cpu.fpr[0], dbits(r1), 64);
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            kcall(m, "k_ull2d", mode);
            kexpect("k_ull2d", mode, (double)v, m->cpu.fpr[0], dbits(r2), 64);
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            kcall(m, "k_ll2f", mode);
            kexpect("k_ll2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r3), 32);
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            kcall(m, "k_ull2f", mode);
            kexpect("k_ull2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r4), 32);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_i2d", mode);
            kexpect("k_i2d", mode, (double)v, m->cpu.fpr[0], dbits(r5), 64);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_u2d", mode);
            kexpect("k_u2d", mode, (double)v, m->cpu.fpr[0], dbits(r6), 64);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_i2f", mode);
            kexpect("k_i2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r7), 32);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_u2f", mode);
            kexpect("k_u2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r8), 32);
        }

        /* Pointer arguments: fused multiply-add, loops over arrays. */
        for (size_t i = 0; i + 2 < sizeof kd / sizeof kd[0]; i++) {
            double v[3] = {kd[i], kd[i + 1], kd[i + 2]};
            float vf[3] = {(float)v[0], (float)v[1], (float)v[2]};
            double (*volatile hfma)(const double *) = k_fma, (*volatile hfms)(const double *) = k_fms;
            float (*volatile hfmaf)(const float *) = k_fmaf;
            fesetround(host_mode[mode]);
            volatile double r1 = hfma(v), r2 = hfms(v);
            volatile float r3 = hfmaf(vf);
            fesetround(FE_TONEAREST);
            for (int k = 0; k < 3; k++) {
                tm_wr64(m, K_DATA + 8 * k, dbits(v[k]));
                tm_wr32(m, K_DATA + 32 + 4 * k, fbits(vf[k]));
            }
            m->cpu.gr[2] = K_DATA;
            kcall(m, "k_fma", mode);
            kexpect("k_fma", mode, v[0], m->cpu.fpr[0], dbits(r1), 64);
            m->cpu.gr[2] = K_DATA;
            kcall(m, "k_fms", mode);
            kexpect("k_fms", mode, v[0], m->cpu.fpr[0], dbits(r2), 64);
            m->cpu.gr[2] = K_DATA + 32;
            kcall(m, "k_fmaf", mode);
            kexpect("k_fmaf", mode, v[0], m->cpu.fpr[0] >> 32, fbits(r3), 32);
        }
        double arr[12];
        float arrf[12];
        for (int k = 0; k < 12; k++) {
            arr[k] = 1.0 / (k + 1) - 0.3 * k;
            arrf[k] = (float)arr[k];
            tm_wr64(m, K_DATA + 8 * k, dbits(arr[k]));
            tm_wr32(m, K_DATA + 0x100 + 4 * k, fbits(arrf[k]));
        }
        double (*volatile hsumsq)(const double *, int) = k_sumsq;
        float (*volatile hdotf)(const float *, const float *, int) = k_dotf;
        fesetround(host_mode[mode]);
        volatile double rs = hsumsq(arr, 12);
        volatile float rdf = hdotf(arrf, arrf, 12);
        fesetround(FE_TONEAREST);
        m->cpu.gr[2] = K_DATA;
        m->cpu.gr[3] = 12;
        kcall(m, "k_sumsq", mode);
        kexpect("k_sumsq", mode, 0, m->cpu.fpr[0], dbits(rs), 64);
        m->cpu.gr[2] = K_DATA + 0x100;
        m->cpu.gr[3] = K_DATA + 0x100;
        m->cpu.gr[4] = 12;
        kcall(m, "k_dotf", mode);
        kexpect("k_dotf", mode, 0, m->cpu.fpr[0] >> 32, fbits(rdf), 32);

#ifndef K_NO_EXT
        /* Extended: S/370 long double against the host's binary128. */
        static const double ke[][2] = {{1, 3}, {-2.5, 1e-3}, {1e300, -7}, {0x1p-1000, 0x1p900},
                                       {123456.789, 987.25}, {-0.0, 2}, {5e-324, 0.75}};
        for (size_t i = 0; i < sizeof ke / sizeof ke[0]; i++) {
            kld a = (kld)ke[i][0] / 3, b = (kld)ke[i][1];
            kld out[9];
            void (*volatile hext)(const kld *, const kld *, kld *) = k_ext;
            fesetround(host_mode[mode]);
            hext(&a, &b, out);
            fesetround(FE_TONEAREST);
            bfp_u128 ua, ub;
            memcpy(&ua, &a, 16);
            memcpy(&ub, &b, 16);
            tm_wr64(m, K_DATA, (uint64_t)(ua >> 64));
            tm_wr64(m, K_DATA + 8, (uint64_t)ua);
            tm_wr64(m, K_DATA + 16, (uint64_t)(ub >> 64));
            tm_wr64(m, K_DATA + 24, (uint64_t)ub);
            m->cpu.gr[2] = K_DATA;
            m->cpu.gr[3] = K_DATA + 16;
            m->cpu.gr[4] = K_DATA + 32;
            kcall(m, "k_ext", mode);
            for (int k = 0; k < 9; k++) {
                bfp_u128 w;
                memcpy(&w, &out[k], 16);
                kexpect("k_ext hi", mode, ke[i][0] + k / 100.0, tm_rd64(m, K_DATA + 32 + 16 * k),
                        (uint64_t)(w >> 64), 64);
                kexpect("k_ext lo", mode, ke[i][0] + k / 100.0, tm_rd64(m, K_DATA + 40 + 16 * k),
                        (uint64_t)w, 64);
            }
            long long (*volatile hext2ll)(const kld *) = k_ext2ll;
            fesetround(host_mode[mode]);
            volatile long long rl = hext2ll(&a);
            fesetround(FE_TONEAREST);
            m->cpu.gr[2] = K_DATA;
            kcall(m, "k_ext2ll", mode);
            kexpect("k_ext2ll", mode, ke[i][0], kresult_llong(m), (uint64_t)rl, 0);
        }
        for (size_t i = 0; i < sizeof kl / sizeof kl[0]; i++) {
            double (*volatile hll)(long long) = k_ll2ext2d;
            fesetround(host_mode[mode]);
            volatile double r = hll(kl[i]);
            fesetround(FE_TONEAREST);
            m->cpu.gr[2] = (uint32_t)((uint64_t)kl[i] >> 32);
            m->cpu.gr[3] = (uint32_t)kl[i];
            kcall(m, "k_ll2ext2d", mode);
            kexpect("k_ll2ext2d", mode, (double)kl[i], m->cpu.fpr[0], dbits(r), 64);
        }
#endif
    }
    assert_int_equal(kbad, 0);
    machine_free(m);
    elf_free(&kimg);
}

int main(int argc, char **argv)
{
    /* The kernels' ELF is built beside this test. */
    const char *slash = strrchr(argv[0], '/');
    snprintf(kpath, sizeof kpath, "%.*sbfp_kernels.elf", slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
    (void)argc;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(afp_control_off_gives_dxc_2),
        cmocka_unit_test(add_subtract_short_long),
        cmocka_unit_test(multiply_divide_leave_cc),
        cmocka_unit_test(rounding_modes),
        cmocka_unit_test(nans_and_default_nan),
        cmocka_unit_test(subnormals),
        cmocka_unit_test(invalid_and_divide_traps_suppress),
        cmocka_unit_test(overflow_flags_and_scaled_trap),
        cmocka_unit_test(underflow_flags_and_scaled_trap),
        cmocka_unit_test(inexact_trap_completes),
        cmocka_unit_test(compare_and_sign_instructions),
        cmocka_unit_test(test_data_class),
        cmocka_unit_test(multiply_and_add),
        cmocka_unit_test(square_root),
        cmocka_unit_test(convert_to_fixed),
        cmocka_unit_test(convert_from_fixed),
        cmocka_unit_test(load_lengthened_and_rounded),
        cmocka_unit_test(extended_arithmetic),
        cmocka_unit_test(load_fp_integer),
        cmocka_unit_test(fpc_instructions),
        cmocka_unit_test(load_zero_and_lxr),
        cmocka_unit_test(core_matches_host_long_and_short),
#ifndef K_NO_EXT
        cmocka_unit_test(core_matches_host_extended),
#endif
        cmocka_unit_test(compiled_c_matches_host),
    };
    return cmocka_run_group_tests_name("bfp", tests, NULL, NULL);
}
