/*
 * test_bfp.c - binary floating point (SA22-7201 chapter 19): each
 * arithmetic instruction's result and condition code, the rounding modes,
 * special values, the IEEE flags and traps (DXC, suppression versus
 * completion, scaled results), the AFP-register control.  Conversions,
 * extended operands and the FPC are in test_bfp_convert.c; the arithmetic
 * core against the host and the compiled-C check in test_bfp_host.c.
 */
#include <stdio.h>

#include "bfptest.h"

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
    char dis[32];
    insn_disasm(m->mem + TM_CODE, dis, sizeof dis);
    assert_string_equal(dis, "MADBR 1,3,2");
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

int main(void)
{
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
    };
    return cmocka_run_group_tests_name("bfp", tests, NULL, NULL);
}
