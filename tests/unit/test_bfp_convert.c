/*
 * test_bfp_convert.c - BFP conversions (CONVERT TO/FROM FIXED, LOAD
 * LENGTHENED/ROUNDED, LOAD FP INTEGER with the M3 rounding methods), the
 * extended-format instructions, the FPC instructions, LXR and LOAD ZERO.
 */
#include <stdio.h>

#include "bfptest.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(convert_to_fixed),
        cmocka_unit_test(convert_from_fixed),
        cmocka_unit_test(load_lengthened_and_rounded),
        cmocka_unit_test(extended_arithmetic),
        cmocka_unit_test(load_fp_integer),
        cmocka_unit_test(fpc_instructions),
        cmocka_unit_test(load_zero_and_lxr),
    };
    return cmocka_run_group_tests_name("bfp_convert", tests, NULL, NULL);
}
