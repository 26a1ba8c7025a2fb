/*
 * test_hfp.c - hexadecimal floating point (GA22-7000 chapter 9; DXR, SQDR,
 * SQER from SA22-7201) on hand-worked examples: loads and stores, the guard
 * digit, normalized and unnormalized sums, the exceptions and how each ends
 * the instruction, truncation against LOAD ROUNDED and SQUARE ROOT, and
 * which registers each instruction accepts.  test_hfp_model.c compares the
 * arithmetic with a reference model on random operands.
 */
#include "testutil.h"

#define CR0_AFP 0x00040000u

/* Run one instruction with the given program mask and CC 3 beforehand. */
static void go(struct machine *m, const char *hex, unsigned mask)
{
    uint8_t psw[8] = {0x00, 0x08, (uint8_t)(0x30 | mask), 0, 0, 0, 0, 0};
    put32(psw + 4, TM_CODE);
    psw_load(&m->cpu, psw);
    tm_clear_pgm(m);
    tm_insn(m, hex);
    tm_step(m, 1);
}

/* The interruption the last instruction ended with (0: none); the CC is
   taken from the old PSW when there was one. */
static int pgm(struct machine *m) { return tm_took_pgm(m) ? tm_pgm_code(m) : 0; }
static int cc(struct machine *m) { return tm_took_pgm(m) ? m->mem[0x2A] >> 4 & 3 : m->cpu.psw.cc; }

#define FPR(i) (m->cpu.fpr[i])
#define SHORT(i) ((uint32_t)(m->cpu.fpr[i] >> 32))
#define LOW(i) ((uint32_t)m->cpu.fpr[i])
#define SETS(i, w) (m->cpu.fpr[i] = (uint64_t)(w) << 32 | 0xDEADBEEFu)

static void loads_stores_and_signs(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    FPR(2) = 0xC1234567DEADBEEFull;
    FPR(4) = 0x1111111122222222ull;
    go(m, "3842", 0);                    /* LER 4,2: left half only */
    assert_true(FPR(4) == 0xC123456722222222ull);
    assert_int_equal(cc(m), 3);
    go(m, "2842", 0);                    /* LDR 4,2 */
    assert_true(FPR(4) == 0xC1234567DEADBEEFull);

    tm_wr64(m, 0x800, 0x4110000000000001ull);
    go(m, "68600800", 0);                /* LD 6,X'800' */
    assert_true(FPR(6) == 0x4110000000000001ull);
    go(m, "78000800", 0);                /* LE 0,X'800' */
    assert_int_equal(SHORT(0), 0x41100000);
    go(m, "70200808", 0);                /* STE 2,X'808' */
    assert_int_equal(tm_rd32(m, 0x808), 0xC1234567);
    go(m, "6020080C", 0);                /* STD 2,X'80C' */
    assert_true(tm_rd64(m, 0x80C) == 0xC1234567DEADBEEFull);

    /* The load family sets the CC from sign and fraction; the sign is
       changed even when the fraction is zero. */
    SETS(2, 0xC1000000);                 /* -0 with a characteristic */
    go(m, "3242", 0);                    /* LTER 4,2 */
    assert_int_equal(cc(m), 0);
    go(m, "3342", 0);                    /* LCER 4,2 */
    assert_int_equal(SHORT(4), 0x41000000);
    assert_int_equal(LOW(4), 0xDEADBEEF);
    assert_int_equal(cc(m), 0);
    go(m, "3142", 0);                    /* LNER 4,2 */
    assert_int_equal(SHORT(4), 0xC1000000);
    SETS(2, 0xC1100000);
    go(m, "3042", 0);                    /* LPER 4,2 */
    assert_int_equal(SHORT(4), 0x41100000);
    assert_int_equal(cc(m), 2);
    go(m, "3342", 0);                    /* LCER 4,2 */
    assert_int_equal(SHORT(4), 0x41100000);
    assert_int_equal(cc(m), 2);
    FPR(2) = 0x0000000000000001ull;      /* only the last digit */
    go(m, "2242", 0);                    /* LTDR 4,2 */
    assert_int_equal(cc(m), 2);
    go(m, "2142", 0);                    /* LNDR 4,2 */
    assert_true(FPR(4) == 0x8000000000000001ull);
    assert_int_equal(cc(m), 1);
    go(m, "2044", 0);                    /* LPDR 4,4 */
    assert_true(FPR(4) == 0x0000000000000001ull);
    go(m, "2344", 0);                    /* LCDR 4,4 */
    assert_true(FPR(4) == 0x8000000000000001ull);
    assert_int_equal(cc(m), 1);
    machine_free(m);
}

static void add_normalized_and_guard_digit(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(0, 0x41100000);                 /* 1.0 */
    SETS(2, 0x41100000);
    go(m, "3A02", 0);                    /* AER 0,2: 2.0 */
    assert_int_equal(SHORT(0), 0x41200000);
    assert_int_equal(LOW(0), 0xDEADBEEF);
    assert_int_equal(cc(m), 2);

    SETS(0, 0x41F00000);                 /* 15 + 1: carry, one digit right */
    go(m, "3A02", 0);
    assert_int_equal(SHORT(0), 0x42100000);

    /* 1.0 - X'40FFFFFF': the shifted operand keeps its last digit as the
       guard digit, so the difference is exactly 16**-6 (without the guard
       digit it would be 16**-5). */
    SETS(0, 0x41100000);
    SETS(2, 0x40FFFFFF);
    go(m, "3B02", 0);                    /* SER 0,2 */
    assert_int_equal(SHORT(0), 0x3B100000);
    assert_int_equal(cc(m), 2);

    /* Digits beyond the guard digit are lost: 1.0 + 16**-7 is 1.0. */
    SETS(0, 0x41100000);
    SETS(2, 0x3A100000);
    go(m, "3A02", 0);
    assert_int_equal(SHORT(0), 0x41100000);

    /* The sum is normalized: an unnormalized operand gains digits. */
    SETS(0, 0x43001000);                 /* 1.0, unnormalized */
    SETS(2, 0x00000000);
    go(m, "3A02", 0);
    assert_int_equal(SHORT(0), 0x41100000);

    /* AD from storage, negative result. */
    FPR(4) = 0x4110000000000000ull;      /* 1.0 */
    tm_wr64(m, 0x800, 0xC120000000000001ull);
    go(m, "6A400800", 0);                /* AD 4,X'800' */
    assert_true(FPR(4) == 0xC110000000000001ull);
    assert_int_equal(cc(m), 1);
    machine_free(m);
}

static void add_unnormalized(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(0, 0x43000001);
    SETS(2, 0x41100000);                 /* shifted two digits */
    go(m, "3E02", 0);                    /* AUR 0,2 */
    assert_int_equal(SHORT(0), 0x43001001);
    assert_int_equal(cc(m), 2);

    /* The guard digit takes part but is then dropped: 1.0 - X'40FFFFFF'
       leaves only a guard digit, so the fraction is zero: significance. */
    SETS(0, 0x41100000);
    SETS(2, 0x40FFFFFF);
    go(m, "3F02", 0);                    /* SUR 0,2, significance mask off */
    assert_int_equal(SHORT(0), 0x00000000);
    assert_int_equal(cc(m), 0);
    assert_int_equal(pgm(m), 0);
    SETS(0, 0x41100000);
    go(m, "3F02", PM_SIGNIF);
    assert_int_equal(pgm(m), PGM_SIGNIFICANCE);
    assert_int_equal(SHORT(0), 0x41000000); /* characteristic kept */
    assert_int_equal(cc(m), 0);

    /* AW: a carry still shifts right and raises the characteristic. */
    FPR(0) = 0x40F0000000000000ull;
    tm_wr64(m, 0x800, 0x4010000000000000ull);
    go(m, "6E000800", 0);                /* AW 0,X'800' */
    assert_true(FPR(0) == 0x4110000000000000ull);
    machine_free(m);
}

static void significance(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(0, 0xC2123456);
    SETS(2, 0xC2123456);
    go(m, "3B02", 0);                    /* SER: mask off, true zero */
    assert_int_equal(SHORT(0), 0);
    assert_int_equal(cc(m), 0);
    assert_int_equal(pgm(m), 0);

    SETS(0, 0xC2123456);
    go(m, "3B02", PM_SIGNIF);            /* mask on: completed, plus sign */
    assert_int_equal(pgm(m), PGM_SIGNIFICANCE);
    assert_int_equal(tm_pgm_ilc(m), 1);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 2);
    assert_int_equal(SHORT(0), 0x42000000);
    assert_int_equal(cc(m), 0);

    /* A large zero swallows a small number: 1.0 aligned to X'7F' is lost. */
    SETS(0, 0x7F000000);
    SETS(2, 0x41100000);
    go(m, "3A02", PM_SIGNIF);
    assert_int_equal(pgm(m), PGM_SIGNIFICANCE);
    assert_int_equal(SHORT(0), 0x7F000000);

    /* Extended: both parts; the low characteristic is 14 less. */
    FPR(0) = 0x4110000000000000ull, FPR(2) = 0x3300000000000005ull;
    FPR(4) = 0x4110000000000000ull, FPR(6) = 0xB300000000000005ull;
    go(m, "3704", PM_SIGNIF);            /* SXR 0,4 */
    assert_int_equal(pgm(m), PGM_SIGNIFICANCE);
    assert_true(FPR(0) == 0x4100000000000000ull);
    assert_true(FPR(2) == 0x3300000000000000ull);
    FPR(0) = 0x4110000000000000ull, FPR(2) = 0x3300000000000005ull;
    go(m, "3704", 0);
    assert_true(FPR(0) == 0 && FPR(2) == 0);
    assert_int_equal(cc(m), 0);
    machine_free(m);
}

static void exponent_overflow_and_underflow(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* Overflow: always an interruption; characteristic 128 too small. */
    SETS(0, 0x7FF00000);
    SETS(2, 0x7FF00000);
    go(m, "3A02", 0);
    assert_int_equal(pgm(m), PGM_EXPONENT_OVERFLOW);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 2);
    assert_int_equal(SHORT(0), 0x001E0000);
    assert_int_equal(cc(m), 2);

    /* Underflow with the mask off: a true zero, no interruption. */
    SETS(0, 0x80100000);
    SETS(2, 0x80080000);
    go(m, "3B02", 0);                    /* -X'08' * 16**-66 */
    assert_int_equal(pgm(m), 0);
    assert_int_equal(SHORT(0), 0);
    assert_int_equal(cc(m), 0);
    /* With the mask on: characteristic 128 too large, sign kept. */
    SETS(0, 0x80100000);
    go(m, "3B02", PM_EXPUNDER);
    assert_int_equal(pgm(m), PGM_EXPONENT_UNDERFLOW);
    assert_int_equal(SHORT(0), 0xFF800000);
    assert_int_equal(cc(m), 1);

    /* Multiply: both ways; the RX form has ILC 2. */
    FPR(0) = 0x7F10000000000000ull;
    tm_wr64(m, 0x800, 0x7F10000000000000ull);
    go(m, "6C000800", PM_EXPUNDER);      /* MD 0,X'800' */
    assert_int_equal(pgm(m), PGM_EXPONENT_OVERFLOW);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 4);
    assert_true(FPR(0) == 0x3D10000000000000ull);
    FPR(0) = 0x0110000000000000ull;
    tm_wr64(m, 0x800, 0x0110000000000000ull);
    go(m, "6C000800", PM_EXPUNDER);
    assert_int_equal(pgm(m), PGM_EXPONENT_UNDERFLOW);
    assert_true(FPR(0) == 0x4110000000000000ull);
    FPR(0) = 0x0110000000000000ull;
    go(m, "6C000800", 0);
    assert_int_equal(pgm(m), 0);
    assert_true(FPR(0) == 0);

    /* An extended result whose low characteristic would be negative is
       no underflow: it wraps. */
    FPR(0) = 0x0510000000000000ull, FPR(2) = 0;
    FPR(4) = 0x0000000000000000ull, FPR(6) = 0x0000000000000001ull;
    go(m, "3604", PM_EXPUNDER);          /* AXR 0,4 */
    assert_int_equal(pgm(m), 0);
    assert_true(FPR(0) == 0x0510000000000000ull);
    assert_true(FPR(2) == 0x7700000000000000ull);
    machine_free(m);
}

static void extended_add(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* 1.0 + 16**-27: the low part counts; its sign and characteristic on
       input are ignored. */
    FPR(0) = 0x4110000000000000ull, FPR(2) = 0xFF00000000000000ull;
    FPR(4) = 0x4100000000000000ull, FPR(6) = 0x0000000000000001ull;
    go(m, "3604", 0);                    /* AXR 0,4 */
    assert_true(FPR(0) == 0x4110000000000000ull);
    assert_true(FPR(2) == 0x3300000000000001ull);
    assert_int_equal(cc(m), 2);
    FPR(4) = 0xC120000000000000ull, FPR(6) = 0;
    go(m, "3604", 0);                    /* + (-2.0) */
    assert_true(FPR(0) == 0xC0FFFFFFFFFFFFFFull);
    assert_true(FPR(2) == 0xB2FFFFFFFFFFFFF0ull);
    assert_int_equal(cc(m), 1);
    machine_free(m);
}

static void compare_follows_subtraction(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(0, 0x41100000);
    SETS(2, 0x41100000);
    go(m, "3902", 0);                    /* CER 0,2 */
    assert_int_equal(cc(m), 0);
    SETS(2, 0xC1100000);
    go(m, "3902", 0);
    assert_int_equal(cc(m), 2);
    go(m, "3920", 0);
    assert_int_equal(cc(m), 1);
    /* Zero fractions are equal whatever the sign and characteristic. */
    SETS(0, 0x7F000000);
    SETS(2, 0x80000000);
    go(m, "3902", 0);
    assert_int_equal(cc(m), 0);
    /* The guard digit counts ... */
    SETS(0, 0x41100000);
    SETS(2, 0x40FFFFFF);
    go(m, "3902", 0);
    assert_int_equal(cc(m), 2);
    /* ... digits beyond it do not: 1.0 (unnormalized) and 1 + 16**-5
       compare equal. */
    SETS(0, 0x43001000);
    SETS(2, 0x41100001);
    go(m, "3902", 0);
    assert_int_equal(cc(m), 0);
    /* CD from storage; operands unchanged. */
    FPR(0) = 0x4110000000000000ull;
    tm_wr64(m, 0x800, 0x4110000000000001ull);
    go(m, "69000800", PM_SIGNIF | PM_EXPUNDER);
    assert_int_equal(cc(m), 1);
    assert_int_equal(pgm(m), 0);
    assert_true(FPR(0) == 0x4110000000000000ull);
    machine_free(m);
}

static void multiply(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(0, 0x41200000);
    SETS(2, 0x41300000);
    go(m, "3C02", 0);                    /* MER 0,2: 2 * 3, long result */
    assert_true(FPR(0) == 0x4160000000000000ull);
    assert_int_equal(cc(m), 3);          /* CC unchanged */

    SETS(0, 0x43001000);                 /* operands are prenormalized */
    SETS(2, 0xC1200000);
    go(m, "3C02", 0);
    assert_true(FPR(0) == 0xC120000000000000ull);

    SETS(0, 0xC1000000);                 /* zero fraction: true zero */
    go(m, "3C02", 0);
    assert_true(FPR(0) == 0);

    /* (1 - 16**-14)**2: exact in MXDR, truncated in MDR. */
    FPR(0) = 0x41FFFFFFFFFFFFFFull;
    FPR(6) = 0x41FFFFFFFFFFFFFFull;
    go(m, "2706", 0);                    /* MXDR 0,6 */
    assert_true(FPR(0) == 0x42FFFFFFFFFFFFFEull);
    assert_true(FPR(2) == 0x3400000000000001ull);
    FPR(0) = 0x41FFFFFFFFFFFFFFull;
    go(m, "2C06", 0);                    /* MDR 0,6 */
    assert_true(FPR(0) == 0x42FFFFFFFFFFFFFEull);
    FPR(4) = 0x41FFFFFFFFFFFFFFull;
    tm_wr64(m, 0x800, 0x41FFFFFFFFFFFFFFull);
    go(m, "67400800", 0);                /* MXD 4,X'800' */
    assert_true(FPR(4) == 0x42FFFFFFFFFFFFFEull);
    assert_true(FPR(6) == 0x3400000000000001ull);

    /* MXR: 1/16 * 1/16 needs the postnormalization shift. */
    FPR(0) = 0x4010000000000000ull, FPR(2) = 0;
    FPR(4) = 0x4010000000000000ull, FPR(6) = 0;
    go(m, "2604", 0);                    /* MXR 0,4 */
    assert_true(FPR(0) == 0x3F10000000000000ull);
    assert_true(FPR(2) == 0x3100000000000000ull);
    machine_free(m);
}

static void divide(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(0, 0x41600000);
    SETS(2, 0x41200000);
    go(m, "3D02", 0);                    /* DER 0,2: 6 / 2 */
    assert_int_equal(SHORT(0), 0x41300000);
    assert_int_equal(LOW(0), 0xDEADBEEF);
    assert_int_equal(cc(m), 3);

    FPR(0) = 0x4110000000000000ull;      /* 1/3, truncated */
    FPR(2) = 0x4130000000000000ull;
    go(m, "2D02", 0);                    /* DDR 0,2 */
    assert_true(FPR(0) == 0x4055555555555555ull);

    FPR(0) = 0x4110000000000000ull, FPR(2) = 0x3300000000000000ull;
    FPR(4) = 0x4130000000000000ull, FPR(6) = 0;
    go(m, "B22D0004", 0);                /* DXR 0,4 */
    assert_true(FPR(0) == 0x4055555555555555ull);
    assert_true(FPR(2) == 0x3255555555555555ull);

    /* Zero divisor fraction: suppressed, nothing changes (0/0 too). */
    SETS(0, 0x41600000);
    SETS(2, 0xC5000000);
    go(m, "3D02", 0);
    assert_int_equal(pgm(m), PGM_FLOAT_DIVIDE);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 2);
    assert_int_equal(SHORT(0), 0x41600000);
    SETS(0, 0x00000000);
    go(m, "3D02", 0);
    assert_int_equal(pgm(m), PGM_FLOAT_DIVIDE);
    tm_wr32(m, 0x800, 0x41000000);
    go(m, "7D000800", 0);                /* DE 0,X'800' */
    assert_int_equal(pgm(m), PGM_FLOAT_DIVIDE);
    assert_int_equal(tm_pgm_ilc(m), 2);

    /* Zero dividend: a true zero, whatever its sign. */
    SETS(0, 0xC3000000);
    SETS(2, 0x41200000);
    go(m, "3D02", 0);
    assert_int_equal(pgm(m), 0);
    assert_int_equal(SHORT(0), 0);
    machine_free(m);
}

static void halve(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    SETS(2, 0x41200000);
    go(m, "3402", 0);                    /* HER 0,2 */
    assert_int_equal(SHORT(0), 0x41100000);
    SETS(2, 0x41100000);                 /* 1.0 / 2: normalized */
    go(m, "3402", 0);
    assert_int_equal(SHORT(0), 0x40800000);
    SETS(2, 0xC1300001);                 /* the last bit is lost */
    go(m, "3402", 0);
    assert_int_equal(SHORT(0), 0xC1180000);
    /* One in the last bit only: kept in the guard digit, normalized. */
    SETS(2, 0x41000001);
    go(m, "3402", 0);
    assert_int_equal(SHORT(0), 0x3B800000);
    assert_int_equal(cc(m), 3);
    /* Zero fraction: true zero. */
    FPR(2) = 0xC100000000000000ull;
    go(m, "2402", 0);                    /* HDR 0,2 */
    assert_true(FPR(0) == 0);
    /* Underflow. */
    FPR(2) = 0x0010000000000000ull;
    go(m, "2402", PM_EXPUNDER);
    assert_int_equal(pgm(m), PGM_EXPONENT_UNDERFLOW);
    assert_true(FPR(0) == 0x7F80000000000000ull);
    go(m, "2402", 0);
    assert_int_equal(pgm(m), 0);
    assert_true(FPR(0) == 0);
    machine_free(m);
}

static void load_rounded(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    FPR(0) = 0x00000000DEADBEEFull;      /* the right half stays */
    FPR(2) = 0x411000007FFFFFFFull;
    go(m, "3502", 0);                    /* LRER 0,2: rounds down */
    assert_int_equal(SHORT(0), 0x41100000);
    FPR(2) = 0xC110000080000000ull;      /* up, sign ignored */
    go(m, "3502", 0);
    assert_int_equal(SHORT(0), 0xC1100001);
    assert_int_equal(LOW(0), 0xDEADBEEF);
    assert_int_equal(cc(m), 3);
    FPR(2) = 0x41FFFFFF80000000ull;      /* carry out */
    go(m, "3502", 0);
    assert_int_equal(SHORT(0), 0x42100000);
    FPR(2) = 0x7FFFFFFF80000000ull;      /* ... and overflow */
    go(m, "3502", 0);
    assert_int_equal(pgm(m), PGM_EXPONENT_OVERFLOW);
    assert_int_equal(SHORT(0), 0x00100000);
    FPR(2) = 0x0000000000000000ull;      /* no normalization, no zero test */
    go(m, "3502", PM_SIGNIF | PM_EXPUNDER);
    assert_int_equal(pgm(m), 0);
    assert_int_equal(SHORT(0), 0x00000000);

    FPR(4) = 0x4110000000000000ull, FPR(6) = 0x3380000000000000ull;
    go(m, "2524", 0);                    /* LRDR 2,4 */
    assert_true(FPR(2) == 0x4110000000000001ull);
    FPR(6) = 0xFF7FFFFFFFFFFFFFull;      /* low sign/characteristic ignored */
    go(m, "2524", 0);
    assert_true(FPR(2) == 0x4110000000000000ull);
    machine_free(m);
}

static void square_root(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    FPR(0) = 0x00000000DEADBEEFull;      /* the right half stays */
    SETS(2, 0x41400000);                 /* 4.0 */
    go(m, "B2450002", 0);                /* SQER 0,2 */
    assert_int_equal(SHORT(0), 0x41200000);
    assert_int_equal(LOW(0), 0xDEADBEEF);
    SETS(2, 0x42100000);                 /* 16.0: odd exponent */
    go(m, "B2450002", 0);
    assert_int_equal(SHORT(0), 0x41400000);
    SETS(2, 0x45000100);                 /* 16.0 unnormalized */
    go(m, "B2450002", 0);
    assert_int_equal(SHORT(0), 0x41400000);
    /* sqrt 2 = 1.6A09E667F3BCC908...: rounded, not truncated. */
    FPR(2) = 0x4120000000000000ull;
    go(m, "B2440002", 0);                /* SQDR 0,2 */
    assert_true(FPR(0) == 0x4116A09E667F3BCDull);
    assert_int_equal(cc(m), 3);
    /* Minus zero: a true zero.  Negative: suppressed. */
    FPR(2) = 0xC500000000000000ull;
    go(m, "B2440002", 0);
    assert_int_equal(pgm(m), 0);
    assert_true(FPR(0) == 0);
    FPR(0) = 0x1234;
    FPR(2) = 0xC110000000000000ull;
    go(m, "B2440002", 0);
    assert_int_equal(pgm(m), PGM_SQUARE_ROOT);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_true(FPR(0) == 0x1234);
    machine_free(m);
}

/* Register designations: a specification exception, nothing changed. */
static void expect_spec(struct machine *m, const char *hex)
{
    uint64_t before[16];
    memcpy(before, m->cpu.fpr, sizeof before);
    go(m, hex, 0);
    if (pgm(m) != PGM_SPECIFICATION)
        fail_msg("%s: program interruption %d", hex, pgm(m));
    assert_memory_equal(before, m->cpu.fpr, sizeof before);
}
static void expect_ok(struct machine *m, const char *hex)
{
    go(m, hex, 0);
    if (pgm(m) != 0)
        fail_msg("%s: program interruption %d", hex, pgm(m));
}

static void register_designations(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    for (int i = 0; i < 16; i++)
        FPR(i) = 0x4110000000000000ull;
    expect_spec(m, "2A12");              /* ADR 1,2 */
    expect_spec(m, "2A28");              /* ADR 2,8 */
    expect_spec(m, "3A03");              /* AER 0,3 */
    expect_spec(m, "7A100800");          /* AE 1,... */
    expect_spec(m, "60800800");          /* STD 8,... */
    expect_spec(m, "3624");              /* AXR 2,4: not a pair */
    expect_spec(m, "3606");              /* AXR 0,6 */
    expect_spec(m, "2626");              /* MXR 2,6 */
    expect_spec(m, "2720");              /* MXDR 2,0: R1 extended */
    expect_ok(m, "2702");                /* MXDR 0,2: R2 long */
    expect_spec(m, "67200800");          /* MXD 2,... */
    expect_ok(m, "67400800");
    expect_spec(m, "2522");              /* LRDR 2,2: R2 extended */
    expect_ok(m, "2524");                /* LRDR 2,4: R1 long */
    expect_spec(m, "B22D0024");          /* DXR 2,4 */
    expect_spec(m, "B2440001");          /* SQDR 0,1 */
    expect_spec(m, "3512");              /* LRER 1,2 */

    /* With the AFP-register control every register is usable, and any
       pair whose number has bit 2 off (r and r+2). */
    m->cpu.cr[0] |= CR0_AFP;
    expect_ok(m, "2A1F");                /* ADR 1,15 */
    expect_ok(m, "3A9B");                /* AER 9,11 */
    expect_ok(m, "3615");                /* AXR 1,5 */
    expect_ok(m, "26D8");                /* MXR 13,8 */
    expect_ok(m, "27DF");                /* MXDR 13,15 */
    expect_spec(m, "3626");              /* AXR 2,6 */
    expect_spec(m, "27E1");              /* MXDR 14,1 */
    machine_free(m);
}

static void disassembly(void **state)
{
    (void)state;
    char buf[64];
    /* insn_disasm may look at six bytes whatever the length. */
    static const uint8_t adr[6] = {0x2A, 0x24}, ae[6] = {0x7A, 0x61, 0x20, 0x10},
                         dxr[6] = {0xB2, 0x2D, 0x00, 0x04};
    assert_int_equal(insn_disasm(adr, buf, sizeof buf), 2);
    assert_string_equal(buf, "ADR   2,4");
    insn_disasm(ae, buf, sizeof buf);
    assert_string_equal(buf, "AE    6,16(1,2)");
    assert_int_equal(insn_disasm(dxr, buf, sizeof buf), 4);
    assert_string_equal(buf, "DXR   0,4");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loads_stores_and_signs),
        cmocka_unit_test(add_normalized_and_guard_digit),
        cmocka_unit_test(add_unnormalized),
        cmocka_unit_test(significance),
        cmocka_unit_test(exponent_overflow_and_underflow),
        cmocka_unit_test(extended_add),
        cmocka_unit_test(compare_follows_subtraction),
        cmocka_unit_test(multiply),
        cmocka_unit_test(divide),
        cmocka_unit_test(halve),
        cmocka_unit_test(load_rounded),
        cmocka_unit_test(square_root),
        cmocka_unit_test(register_designations),
        cmocka_unit_test(disassembly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
