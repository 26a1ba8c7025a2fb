/*
 * test_decimal.c - the decimal arithmetic instructions (GA22-7000 chapter
 * 8): AP, SP, ZAP, CP, MP, DP and SRP; results, condition codes, every
 * exception each can raise, and overlapping operands.  MVO, PACK, UNPK,
 * ED and EDMK are in test_decimal_edit.c; the randomized comparison with
 * a reference model in test_decimal_ref.c.
 */
#include "dectest.h"

/* --- ADD, SUBTRACT ------------------------------------------------------ */

static void ap_results_and_cc(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP1, "00123C");
    tm_poke(m, OP2, "456C");
    ss2(m, 0xFA, 3, 2, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "00579C");
    assert_mem(m, OP2, "456C");           /* operand 2 unchanged */

    /* Plus codes A, E, F and minus B are accepted; results get C and D. */
    tm_poke(m, OP1, "123F");
    tm_poke(m, OP2, "1A");
    ss2(m, 0xFA, 2, 1, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "124C");
    tm_poke(m, OP1, "00100E");
    tm_poke(m, OP2, "200B");
    ss2(m, 0xFA, 3, 2, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "00100D");

    /* A zero sum is positive. */
    tm_poke(m, OP1, "123C");
    tm_poke(m, OP2, "123D");
    ss2(m, 0xFA, 2, 2, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "000C");

    /* Longest operands: 31 digits. */
    tm_poke(m, OP1, "0999999999999999999999999999999C");
    tm_poke(m, OP2, "0000000000000000000000000000001C");
    ss2(m, 0xFA, 16, 16, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "1000000000000000000000000000000C");
    machine_free(m);
}

static void ap_overflow_with_and_without_mask(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Carry out of the field: truncated result stored, cc 3; a zero
       result keeps the sign of the true sum. */
    tm_poke(m, OP1, "999C");
    tm_poke(m, OP2, "1C");
    ss2(m, 0xFA, 2, 1, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "000C");
    tm_poke(m, OP1, "999D");
    tm_poke(m, OP2, "1D");
    ss2(m, 0xFA, 2, 1, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "000D");

    /* A longer second operand whose digits do not fit. */
    tm_poke(m, OP1, "0C");
    tm_poke(m, OP2, "00123D");
    ss2(m, 0xFA, 1, 3, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "3D");
    /* ... but long operands alone are no overflow. */
    tm_poke(m, OP1, "0C");
    tm_poke(m, OP2, "00003D");
    ss2(m, 0xFA, 1, 3, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "3D");

    /* With the decimal-overflow mask: completed, then the interruption. */
    dm_psw(m, PM_DECIMAL, 0);
    tm_poke(m, OP1, "950C");
    tm_poke(m, OP2, "060C");
    ss2(m, 0xFA, 2, 2, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_OVERFLOW);
    assert_int_equal(old_cc(m), 3);
    assert_mem(m, OP1, "010C");
    /* The other mask bits do not enable it. */
    dm_psw(m, PM_FIXED | PM_EXPUNDER | PM_SIGNIF, 0);
    tm_poke(m, OP1, "950C");
    ss2(m, 0xFA, 2, 2, OP1, OP2);
    assert_done(m, 3);
    machine_free(m);
}

static void ap_data_exceptions_suppress(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    static const char *const bad[][2] = {
        {"1A2C", "1C"},   /* digit A in operand 1 */
        {"1234", "1C"},   /* digit code in operand 1's sign position */
        {"123C", "C1"},   /* sign code in operand 2's digit position */
        {"123C", "19"},   /* no sign in operand 2 */
        {"F23C", "1C"},   /* leftmost digit invalid */
    };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dm_psw(m, PM_DECIMAL, 2);
        tm_poke(m, OP1, bad[i][0]);
        tm_poke(m, OP2, bad[i][1]);
        ss2(m, 0xFA, 2, 1, OP1, OP2);
        assert_pgm(m, PGM_DATA);
        assert_int_equal(old_cc(m), 2);   /* unchanged */
        assert_mem(m, OP1, bad[i][0]);
    }
    /* SP checks the same way. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "123C");
    tm_poke(m, OP2, "1B1C");
    ss2(m, 0xFB, 2, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    machine_free(m);
}

static void ap_access_exceptions_suppress(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Operand 2 runs past the end of storage. */
    tm_poke(m, OP1, "123C");
    tm_poke(m, MEMEND - 2, "0000");
    ss2(m, 0xFA, 2, 4, OP1, MEMEND - 2);
    assert_pgm(m, PGM_ADDRESSING);
    assert_mem(m, OP1, "123C");
    /* Operand 1 does. */
    dm_psw(m, 0, 0);
    tm_poke(m, MEMEND - 2, "001C");
    tm_poke(m, OP2, "1C");
    ss2(m, 0xFA, 3, 1, MEMEND - 2, OP2);
    assert_pgm(m, PGM_ADDRESSING);
    assert_mem(m, MEMEND - 2, "001C");

    /* Store protection on operand 1: nothing is stored. */
    dm_psw(m, 0, 1);
    m->keys[OP1 >> 11] = 0x50;             /* key 5, fetch allowed */
    m->keys[0x4000 >> 11] = 0x40;          /* the program's own key */
    m->cpu.psw.key = 4;
    cpu_psw_changed(&m->cpu);
    cpu_tlb_flush(&m->cpu);
    tm_poke(m, OP1, "123C");
    tm_poke(m, 0x4000, "1C");
    ss2(m, 0xFA, 2, 1, OP1, 0x4000);
    assert_pgm(m, PGM_PROTECTION);
    assert_mem(m, OP1, "123C");
    assert_int_equal(old_cc(m), 1);
    /* Fetching a protected operand 2 is fine... */
    dm_psw(m, 0, 0);
    m->cpu.psw.key = 4;
    cpu_psw_changed(&m->cpu);
    tm_poke(m, 0x4000, "100C");
    ss2(m, 0xFA, 2, 2, 0x4000, OP1);
    assert_done(m, 2);
    assert_mem(m, 0x4000, "223C");
    /* ... unless it is fetch-protected. */
    m->keys[OP1 >> 11] = 0x58;
    cpu_tlb_flush(&m->cpu);
    ss2(m, 0xFA, 2, 2, 0x4000, OP1);
    assert_pgm(m, PGM_PROTECTION);
    assert_mem(m, 0x4000, "223C");
    machine_free(m);
}

static void ap_sp_overlapping_operands(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Add a number to itself. */
    tm_poke(m, OP1, "125C");
    ss2(m, 0xFA, 2, 2, OP1, OP1);
    assert_done(m, 2);
    assert_mem(m, OP1, "250C");
    /* Rightmost bytes coincide, lengths differ. */
    tm_poke(m, OP1, "09125D");
    ss2(m, 0xFA, 3, 2, OP1, OP1 + 1);
    assert_done(m, 1);
    assert_mem(m, OP1, "09250D");
    /* SP of a field from itself clears it, to plus zero. */
    tm_poke(m, OP1, "98765D");
    ss2(m, 0xFB, 3, 3, OP1, OP1);
    assert_done(m, 0);
    assert_mem(m, OP1, "00000C");
    /* ... and of its low part clears that part: 9876|5 - 765 */
    tm_poke(m, OP1, "98765C");
    ss2(m, 0xFB, 3, 2, OP1, OP1 + 1);
    assert_done(m, 2);
    assert_mem(m, OP1, "98000C");
    machine_free(m);
}

static void sp_results_and_cc(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP1, "00500C");
    tm_poke(m, OP2, "123C");
    ss2(m, 0xFB, 3, 2, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "00377C");
    tm_poke(m, OP2, "500C");
    ss2(m, 0xFB, 3, 2, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "00123D");
    tm_poke(m, OP2, "123B");
    ss2(m, 0xFB, 3, 2, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "00000C");
    /* Overflow: -999 - 1; the zero result keeps the minus sign. */
    tm_poke(m, OP1, "999D");
    tm_poke(m, OP2, "1C");
    ss2(m, 0xFB, 2, 1, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "000D");
    dm_psw(m, PM_DECIMAL, 0);
    tm_poke(m, OP1, "999D");
    ss2(m, 0xFB, 2, 1, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_OVERFLOW);
    assert_mem(m, OP1, "000D");
    machine_free(m);
}

/* --- ZERO AND ADD ------------------------------------------------------- */

static void zap_results_checks_and_overflow(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Operand 1 is not checked: anything may be there. */
    tm_poke(m, OP1, "FFFFFFFF");
    tm_poke(m, OP2, "123B");
    ss2(m, 0xF8, 4, 2, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "0000123D");
    tm_poke(m, OP2, "123F");
    ss2(m, 0xF8, 4, 2, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "0000123C");
    /* Minus zero becomes plus zero. */
    tm_poke(m, OP2, "000D");
    ss2(m, 0xF8, 4, 2, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "0000000C");
    /* Operand 2 is checked. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP2, "1A3C");
    ss2(m, 0xF8, 4, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    assert_mem(m, OP1, "0000000C");
    dm_psw(m, 0, 0);
    tm_poke(m, OP2, "1234");
    ss2(m, 0xF8, 4, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    /* Overflow: digits lost; a zero result has operand 2's sign. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP2, "12345C");
    ss2(m, 0xF8, 2, 3, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "345C");
    tm_poke(m, OP2, "10000D");
    ss2(m, 0xF8, 2, 3, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "000D");
    dm_psw(m, PM_DECIMAL, 0);
    ss2(m, 0xF8, 2, 3, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_OVERFLOW);
    assert_int_equal(old_cc(m), 3);
    assert_mem(m, OP1, "000D");
    /* Addressing on either operand suppresses. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "999C");
    ss2(m, 0xF8, 2, 2, OP1, MEMEND - 1);
    assert_pgm(m, PGM_ADDRESSING);
    assert_mem(m, OP1, "999C");
    dm_psw(m, 0, 0);
    tm_poke(m, OP2, "5C");
    ss2(m, 0xF8, 2, 1, MEMEND - 1, OP2);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

static void zap_overlap(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* ZAP x,x: the common trick to get preferred signs and a cc. */
    tm_poke(m, OP1, "0012345F");
    ss2(m, 0xF8, 4, 4, OP1, OP1);
    assert_done(m, 2);
    assert_mem(m, OP1, "0012345C");
    tm_poke(m, OP1, "0000000B");
    ss2(m, 0xF8, 4, 4, OP1, OP1);
    assert_done(m, 0);
    assert_mem(m, OP1, "0000000C");
    /* Result's right end right of operand 2's: a right shift in place. */
    tm_poke(m, OP1, "12345D0000");
    ss2(m, 0xF8, 5, 3, OP1, OP1);
    assert_done(m, 1);
    assert_mem(m, OP1, "000012345D");
    tm_poke(m, OP1, "12345D0000");
    ss2(m, 0xF8, 4, 3, OP1 + 1, OP1);
    assert_done(m, 1);
    assert_mem(m, OP1, "120012345D");
    /* Improper overlap (result's right end left of operand 2's): the
       byte-by-byte processing meets a result sign among the digits. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "0012345C");
    ss2(m, 0xF8, 3, 3, OP1, OP1 + 1);
    assert_pgm(m, PGM_DATA);
    machine_free(m);
}

/* --- COMPARE ------------------------------------------------------------ */

static void cp_compares(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    static const struct { const char *a, *b; int cc; } cases[] = {
        {"00123C", "123C", 0},
        {"00123C", "124C", 1},
        {"00124C", "123F", 2},
        {"00123D", "123C", 1},
        {"00123C", "123D", 2},
        {"00124D", "123B", 1},
        {"00000C", "000D", 0},   /* +0 == -0 */
        {"00000D", "000A", 0},
        {"99999C", "999C", 2},
        {"00001D", "000C", 1},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tm_poke(m, OP1, cases[i].a);
        tm_poke(m, OP2, cases[i].b);
        ss2(m, 0xF9, 3, 2, OP1, OP2);
        assert_done(m, cases[i].cc);
        assert_mem(m, OP1, cases[i].a);  /* nothing stored */
    }
    /* Compared with itself. */
    tm_poke(m, OP1, "12345D");
    ss2(m, 0xF9, 3, 3, OP1, OP1);
    assert_done(m, 0);
    /* Both operands are checked; no overflow exists; access exceptions. */
    dm_psw(m, PM_DECIMAL, 1);
    tm_poke(m, OP1, "1C");
    tm_poke(m, OP2, "1E2C");
    ss2(m, 0xF9, 1, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    assert_int_equal(old_cc(m), 1);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "15");
    tm_poke(m, OP2, "12C");
    ss2(m, 0xF9, 1, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "1C");
    ss2(m, 0xF9, 1, 4, OP1, MEMEND - 3);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

/* --- MULTIPLY, DIVIDE --------------------------------------------------- */

static void mp_results_and_signs(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP1, "0000123C");
    tm_poke(m, OP2, "456D");
    ss2(m, 0xFC, 4, 2, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "0056088D");
    /* The product's sign follows algebra, even for zero. */
    tm_poke(m, OP1, "000C");
    tm_poke(m, OP2, "5D");
    ss2(m, 0xFC, 2, 1, OP1, OP2);
    assert_mem(m, OP1, "000D");
    tm_poke(m, OP1, "003B");
    tm_poke(m, OP2, "3D");
    ss2(m, 0xFC, 2, 1, OP1, OP2);
    assert_mem(m, OP1, "009C");
    /* The condition code is not changed. */
    dm_psw(m, 0, 3);
    tm_poke(m, OP1, "00009C");
    ss2(m, 0xFC, 3, 1, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "00027D");
    /* Largest: 8-byte multiplier, 16-byte multiplicand. */
    tm_poke(m, OP1, "000000000000000099999999999999 9C");
    tm_poke(m, OP2, "999999999999999C");
    ss2(m, 0xFC, 16, 8, OP1, OP2);
    assert_done(m, 3);
    assert_mem(m, OP1, "0999999999999998000000000000001C");
    /* Multiplied by a low part of itself (rightmost bytes coincide). */
    tm_poke(m, OP1, "0000012C");
    ss2(m, 0xFC, 4, 1, OP1, OP1 + 3);
    assert_mem(m, OP1, "0000024C");
    machine_free(m);
}

static void mp_exceptions(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Specification: multiplier longer than 8 bytes, or not shorter than
       the multiplicand.  Suppressed. */
    tm_poke(m, OP1, "0000000000000000000000000000001C");
    tm_poke(m, OP2, "000000000000000001C");
    ss2(m, 0xFC, 16, 9, OP1, OP2);
    assert_pgm(m, PGM_SPECIFICATION);
    assert_mem(m, OP1, "0000000000000000000000000000001C");
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "001C");
    ss2(m, 0xFC, 2, 2, OP1, OP2);
    assert_pgm(m, PGM_SPECIFICATION);
    /* Specification comes before access exceptions. */
    dm_psw(m, 0, 0);
    ss2(m, 0xFC, 2, 3, MEMEND - 1, OP2);
    assert_pgm(m, PGM_SPECIFICATION);
    /* Data: the multiplicand needs as many leftmost zero bytes as the
       multiplier has bytes. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "00123C");
    tm_poke(m, OP2, "001C");
    ss2(m, 0xFC, 3, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    assert_mem(m, OP1, "00123C");
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "00003C");
    ss2(m, 0xFC, 3, 2, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "00003C");
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "01003C");
    tm_poke(m, OP2, "1C");
    ss2(m, 0xFC, 3, 1, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    /* Data: invalid codes in either operand. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "00003C");
    tm_poke(m, OP2, "A1C");
    ss2(m, 0xFC, 3, 2, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "000033");
    tm_poke(m, OP2, "1C");
    ss2(m, 0xFC, 3, 1, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    /* Addressing. */
    dm_psw(m, 0, 0);
    ss2(m, 0xFC, 3, 1, MEMEND - 2, OP2);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

static void dp_results_and_signs(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* The Principles of Operation's example: 12345678 / -321. */
    tm_poke(m, 0x2000, "012345678C");
    tm_poke(m, 0x3000, "321D");
    dm_psw(m, 0, 2);
    ss2(m, 0xFD, 5, 2, 0x2000, 0x3000);
    assert_done(m, 2);                   /* cc unchanged */
    assert_mem(m, 0x2000, "38460D018C");
    /* ... and by the one-byte field 1D: the quotient is too long. */
    tm_poke(m, 0x2000, "012345678C");
    ss2(m, 0xFD, 5, 1, 0x2000, 0x3001);
    assert_pgm(m, PGM_DECIMAL_DIVIDE);
    assert_mem(m, 0x2000, "012345678C");
    /* Zero quotient and remainder keep their signs. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "00005D");
    tm_poke(m, OP2, "7C");
    ss2(m, 0xFD, 3, 1, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "000D5D");
    tm_poke(m, OP1, "00014D");
    tm_poke(m, OP2, "7D");
    ss2(m, 0xFD, 3, 1, OP1, OP2);
    assert_mem(m, OP1, "002C0D");
    /* Largest quotient that fits: 29 digits. */
    tm_poke(m, OP1, "0999999999999999999999999999999C");
    tm_poke(m, OP2, "1C");
    ss2(m, 0xFD, 16, 1, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_DIVIDE);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "0099999999999999999999999999999C");
    ss2(m, 0xFD, 16, 1, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "99999999999999999999999999999C0C");
    /* Dividend and divisor with coincident rightmost bytes: x / x. */
    tm_poke(m, OP1, "0000007C");
    ss2(m, 0xFD, 4, 1, OP1, OP1 + 3);
    assert_mem(m, OP1, "00001C0C");
    machine_free(m);
}

static void dp_exceptions(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Divide by zero (either sign): suppressed. */
    tm_poke(m, OP1, "00123C");
    tm_poke(m, OP2, "0D");
    ss2(m, 0xFD, 3, 1, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_DIVIDE);
    assert_mem(m, OP1, "00123C");
    dm_psw(m, 0, 0);
    tm_poke(m, OP2, "000C");
    ss2(m, 0xFD, 3, 2, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_DIVIDE);
    /* A dividend without a leading zero always overflows the quotient. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "10000C");
    tm_poke(m, OP2, "999C");
    ss2(m, 0xFD, 3, 2, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_DIVIDE);
    /* The trial comparison: divisor * 10^quotient-digits vs dividend. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "09990C");
    tm_poke(m, OP2, "999C");
    ss2(m, 0xFD, 3, 2, OP1, OP2);
    assert_pgm(m, PGM_DECIMAL_DIVIDE);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "09989C");
    ss2(m, 0xFD, 3, 2, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "9C998C");
    /* Specification. */
    dm_psw(m, 0, 0);
    ss2(m, 0xFD, 9, 9, OP1, OP2);
    assert_pgm(m, PGM_SPECIFICATION);
    dm_psw(m, 0, 0);
    ss2(m, 0xFD, 16, 9, OP1, OP2);
    assert_pgm(m, PGM_SPECIFICATION);
    dm_psw(m, 0, 0);
    ss2(m, 0xFD, 2, 3, OP1, OP2);
    assert_pgm(m, PGM_SPECIFICATION);
    /* Data comes before the divide check. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "00123C");
    tm_poke(m, OP2, "00");
    ss2(m, 0xFD, 3, 1, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "0B123C");
    tm_poke(m, OP2, "5C");
    ss2(m, 0xFD, 3, 1, OP1, OP2);
    assert_pgm(m, PGM_DATA);
    /* Addressing. */
    dm_psw(m, 0, 0);
    ss2(m, 0xFD, 3, 2, OP1, MEMEND - 1);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

/* --- SHIFT AND ROUND ---------------------------------------------------- */

static void srp_shifts_and_rounds(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP1, "00123C");
    srp(m, 3, 2, 0, OP1);                /* left 2 */
    assert_done(m, 2);
    assert_mem(m, OP1, "12300C");
    tm_poke(m, OP1, "12345D");
    srp(m, 3, -1, 5, OP1);               /* right 1, rounded */
    assert_done(m, 1);
    assert_mem(m, OP1, "01235D");
    tm_poke(m, OP1, "12345D");
    srp(m, 3, -2, 5, OP1);
    assert_done(m, 1);
    assert_mem(m, OP1, "00123D");
    tm_poke(m, OP1, "12345D");
    srp(m, 3, -1, 0, OP1);               /* truncate */
    assert_mem(m, OP1, "01234D");
    /* The carry of rounding propagates. */
    tm_poke(m, OP1, "99999C");
    srp(m, 3, -1, 5, OP1);
    assert_done(m, 2);
    assert_mem(m, OP1, "10000C");
    /* A zero result is positive. */
    tm_poke(m, OP1, "00004D");
    srp(m, 3, -1, 5, OP1);
    assert_done(m, 0);
    assert_mem(m, OP1, "00000C");
    tm_poke(m, OP1, "99999D");
    srp(m, 3, -32, 9, OP1);              /* 100000 = right 32 */
    assert_done(m, 0);
    assert_mem(m, OP1, "00000C");
    /* No shift: just the preferred sign and the cc. */
    tm_poke(m, OP1, "12345F");
    srp(m, 3, 0, 0, OP1);
    assert_done(m, 2);
    assert_mem(m, OP1, "12345C");
    /* 31-digit operand, right 30. */
    tm_poke(m, OP1, "5000000000000000000000000000000D");
    srp(m, 16, -30, 5, OP1);
    assert_done(m, 1);
    assert_mem(m, OP1, "0000000000000000000000000000005D");
    tm_poke(m, OP1, "5000000000000000000000000000000D");
    srp(m, 16, -31, 5, OP1);
    assert_done(m, 1);
    assert_mem(m, OP1, "0000000000000000000000000000001D");
    machine_free(m);
}

static void srp_overflow_and_exceptions(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Left shift losing nonzero digits. */
    tm_poke(m, OP1, "00123C");
    srp(m, 3, 3, 0, OP1);
    assert_done(m, 3);
    assert_mem(m, OP1, "23000C");
    /* Overflow with a zero result keeps the original sign (preferred). */
    tm_poke(m, OP1, "00001B");
    srp(m, 3, 31, 0, OP1);               /* 011111: left 31 */
    assert_done(m, 3);
    assert_mem(m, OP1, "00000D");
    tm_poke(m, OP1, "00000B");
    srp(m, 3, 31, 0, OP1);               /* zero: no overflow */
    assert_done(m, 0);
    assert_mem(m, OP1, "00000C");
    dm_psw(m, PM_DECIMAL, 0);
    tm_poke(m, OP1, "10000C");
    srp(m, 3, 1, 0, OP1);
    assert_pgm(m, PGM_DECIMAL_OVERFLOW);
    assert_int_equal(old_cc(m), 3);
    assert_mem(m, OP1, "00000C");
    /* Invalid rounding digit: data, even for a left shift. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "00123C");
    srp(m, 3, 1, 10, OP1);
    assert_pgm(m, PGM_DATA);
    assert_mem(m, OP1, "00123C");
    /* Invalid operand, even with no shift. */
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "001233");
    srp(m, 3, 0, 0, OP1);
    assert_pgm(m, PGM_DATA);
    dm_psw(m, 0, 0);
    tm_poke(m, OP1, "0A123C");
    srp(m, 3, -1, 5, OP1);
    assert_pgm(m, PGM_DATA);
    /* Addressing. */
    dm_psw(m, 0, 0);
    srp(m, 3, 1, 0, MEMEND - 2);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ap_results_and_cc),
        cmocka_unit_test(ap_overflow_with_and_without_mask),
        cmocka_unit_test(ap_data_exceptions_suppress),
        cmocka_unit_test(ap_access_exceptions_suppress),
        cmocka_unit_test(ap_sp_overlapping_operands),
        cmocka_unit_test(sp_results_and_cc),
        cmocka_unit_test(zap_results_checks_and_overflow),
        cmocka_unit_test(zap_overlap),
        cmocka_unit_test(cp_compares),
        cmocka_unit_test(mp_results_and_signs),
        cmocka_unit_test(mp_exceptions),
        cmocka_unit_test(dp_results_and_signs),
        cmocka_unit_test(dp_exceptions),
        cmocka_unit_test(srp_shifts_and_rounds),
        cmocka_unit_test(srp_overflow_and_exceptions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
