/*
 * test_decimal_edit.c - MOVE WITH OFFSET, PACK, UNPACK (GA22-7000 chapter
 * 7) and EDIT, EDIT AND MARK (chapter 8): results, byte-by-byte overlap,
 * patterns with fill, digit selectors, significance starters, field
 * separators and message bytes, and their exceptions.
 */
#include "dectest.h"

/* --- MOVE WITH OFFSET, PACK, UNPACK ------------------------------------- */

static void mvo_moves(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    dm_psw(m, 0, 1);
    tm_poke(m, OP1, "7788990C");
    tm_poke(m, OP2, "123456");
    ss2(m, 0xF1, 4, 3, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "0123456C");
    /* Shorter first operand: leftmost digits dropped, not checked. */
    tm_poke(m, OP1, "000F");
    tm_poke(m, OP2, "ABCDEF");
    ss2(m, 0xF1, 2, 3, OP1, OP2);
    assert_mem(m, OP1, "DEFF");
    /* Shift a packed number right one digit in place. */
    tm_poke(m, OP1, "12345C");
    ss2(m, 0xF1, 3, 2, OP1, OP1);
    assert_mem(m, OP1, "01234C");
    /* Destructive overlap: an operand-2 byte read after it was stored. */
    tm_poke(m, OP1, "00001234");
    ss2(m, 0xF1, 3, 2, OP1, OP1 + 2);
    assert_mem(m, OP1, "04234234");
    /* Addressing. */
    ss2(m, 0xF1, 3, 2, OP1, MEMEND - 1);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

static void pack_moves(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP2, "F1F2F3F4C5");
    ss2(m, 0xF2, 3, 5, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "12345C");
    ss2(m, 0xF2, 4, 5, OP1, OP2);
    assert_mem(m, OP1, "0012345C");
    ss2(m, 0xF2, 2, 5, OP1, OP2);
    assert_mem(m, OP1, "345C");
    /* Nothing is checked. */
    tm_poke(m, OP2, "C1C2");
    ss2(m, 0xF2, 2, 2, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "012C");
    tm_poke(m, OP2, "12");
    ss2(m, 0xF2, 1, 1, OP1, OP2);
    assert_mem(m, OP1, "21");
    /* In place. */
    tm_poke(m, OP1, "F1F2F3C4");
    ss2(m, 0xF2, 4, 4, OP1, OP1);
    assert_mem(m, OP1, "0001234C");
    /* Destructive overlap: reads a byte it stored. */
    tm_poke(m, OP1, "00F1F2C3");
    ss2(m, 0xF2, 2, 3, OP1, OP1 + 1);
    assert_mem(m, OP1, "C23CF2C3");
    /* Addressing. */
    tm_poke(m, OP1, "0000");
    ss2(m, 0xF2, 2, 3, OP1, MEMEND - 2);
    assert_pgm(m, PGM_ADDRESSING);
    assert_mem(m, OP1, "0000");
    machine_free(m);
}

static void unpk_moves(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP2, "12345C");
    ss2(m, 0xF3, 5, 3, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "F1F2F3F4C5");
    ss2(m, 0xF3, 7, 3, OP1, OP2);
    assert_mem(m, OP1, "F0F0F1F2F3F4C5");
    ss2(m, 0xF3, 3, 3, OP1, OP2);
    assert_mem(m, OP1, "F3F4C5");
    ss2(m, 0xF3, 4, 3, OP1, OP2);
    assert_mem(m, OP1, "F2F3F4C5");
    /* Nothing is checked. */
    tm_poke(m, OP2, "ABCD");
    ss2(m, 0xF3, 4, 2, OP1, OP2);
    assert_done(m, -1);
    assert_mem(m, OP1, "F0FAFBDC");
    /* In place, from the same start. */
    tm_poke(m, OP1, "12345C0000");
    ss2(m, 0xF3, 5, 3, OP1, OP1);
    assert_mem(m, OP1, "F1F2F3F4C5");
    /* Destructive overlap. */
    tm_poke(m, OP1, "0012345C");
    ss2(m, 0xF3, 3, 3, OP1, OP1 + 1);
    assert_mem(m, OP1, "FCF5C55C");
    /* Addressing. */
    ss2(m, 0xF3, 3, 3, MEMEND - 1, OP2);
    assert_pgm(m, PGM_ADDRESSING);
    machine_free(m);
}

static void execute_supplies_lengths(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* EX 2,X'100'(0,12) at a PACK 0(1,10),0(1,11); R2 = X'42'. */
    tm_poke(m, OP2, "F1F2C3");
    m->cpu.gr[2] = 0x42;
    m->cpu.gr[10] = OP1;
    m->cpu.gr[11] = OP2;
    m->cpu.gr[12] = 0x1000;
    tm_poke(m, 0x1100, "F200A000B000");
    tm_insn(m, "4420C100");
    tm_step(m, 1);
    assert_false(tm_took_pgm(m));
    assert_mem(m, OP1, "000000123C");    /* 5 bytes from 3 */
    machine_free(m);
}

/* --- EDIT, EDIT AND MARK ------------------------------------------------ */

/* The Principles of Operation's example: pattern  bd,d(d.ddbCR. */
#define PATTERN "4020206B2021204B202040C3D9"

static void ed_poo_example(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    tm_poke(m, OP1, PATTERN);
    tm_poke(m, OP2, "0257426C");
    edit(m, 0xDE, 13, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "4040F26BF5F7F44BF2F6404040");    /*   2,574.26    */
    assert_mem(m, OP2, "0257426C");
    /* Negative: the significance indicator stays on, CR is kept. */
    tm_poke(m, OP1, PATTERN);
    tm_poke(m, OP2, "0257426D");
    edit(m, 0xDE, 13, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "4040F26BF5F7F44BF2F640C3D9");    /*   2,574.26 CR */
    /* Zero: all fill except after the significance starter. */
    tm_poke(m, OP1, PATTERN);
    tm_poke(m, OP2, "0000000D");
    edit(m, 0xDE, 13, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "404040404040F04BF0F040C3D9");    /*       0.00 CR */
    /* A fill byte of '*'. */
    tm_poke(m, OP1, "5C20206B2020214B2020");
    tm_poke(m, OP2, "0001234C");
    edit(m, 0xDE, 10, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "5C5C5C5C5CF1F24BF3F4");          /* *****12.34 */
    machine_free(m);
}

static void ed_fields_and_fill(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Significance starter with a zero source: cc 0. */
    tm_poke(m, OP1, "40202021 4B2020");
    tm_poke(m, OP2, "00000C");
    edit(m, 0xDE, 7, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "40404040 4BF0F0");
    /* Two fields: a field separator resets the indicator and the cc. */
    tm_poke(m, OP1, "40202120602220212060");
    tm_poke(m, OP2, "012D000C");
    edit(m, 0xDE, 10, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "4040F1F260404040F040");
    tm_poke(m, OP1, "40202120602220212060");
    tm_poke(m, OP2, "000C045D");
    edit(m, 0xDE, 10, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "404040F0404040F4F560");
    /* Ending in a field separator: cc 0. */
    tm_poke(m, OP1, "4020202022");
    tm_poke(m, OP2, "123D");
    edit(m, 0xDE, 5, OP1, OP2);
    assert_done(m, 0);
    assert_mem(m, OP1, "40F1F2F340");
    /* The fill byte may itself be a digit selector. */
    tm_poke(m, OP1, "202020");
    tm_poke(m, OP2, "123C");
    edit(m, 0xDE, 3, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "F1F2F3");
    tm_poke(m, OP1, "202020");
    tm_poke(m, OP2, "001C");
    edit(m, 0xDE, 3, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "2020F1");
    /* A plus sign turns significance off even after a nonzero digit in
       the same byte: the message bytes after it become fill. */
    tm_poke(m, OP1, "4020202060");
    tm_poke(m, OP2, "123F");
    edit(m, 0xDE, 5, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "40F1F2F340");
    /* Digits continue from the next byte after a sign: two numbers. */
    tm_poke(m, OP1, "40204020");
    tm_poke(m, OP2, "1C2D");
    edit(m, 0xDE, 4, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "40F140F2");
    machine_free(m);
}

static void edmk_marks_first_significant_digit(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    m->cpu.gr[1] = 0xAB000000;
    tm_poke(m, OP1, "402020214B2020");
    tm_poke(m, OP2, "00123C");
    edit(m, 0xDF, 7, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "404040F14BF2F3");
    assert_int_equal(m->cpu.gr[1], 0xAB000000u | (OP1 + 3));
    /* Significance forced by the starter: no address, GR1 unchanged. */
    m->cpu.gr[1] = 0x12345678;
    tm_poke(m, OP1, "402020214B2020");
    tm_poke(m, OP2, "00005C");
    edit(m, 0xDF, 7, OP1, OP2);
    assert_done(m, 2);
    assert_mem(m, OP1, "404040404BF0F5");
    assert_int_equal(m->cpu.gr[1], 0x12345678u);
    /* Several fields: the last such byte wins. */
    m->cpu.gr[1] = 0;
    tm_poke(m, OP1, "40202120602220202060");
    tm_poke(m, OP2, "012D034D");
    edit(m, 0xDF, 10, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "4040F1F2604040F3F460");
    assert_int_equal(m->cpu.gr[1], OP1 + 7);
    /* ED never touches GR1. */
    m->cpu.gr[1] = 0x77;
    tm_poke(m, OP1, "402020214B2020");
    tm_poke(m, OP2, "00123C");
    edit(m, 0xDE, 7, OP1, OP2);
    assert_int_equal(m->cpu.gr[1], 0x77);
    machine_free(m);
}

static void ed_exceptions(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* Invalid digit in a source byte's left half: data, suppressed. */
    static const char *const bad[] = {"A12C", "12C2", "12F3"};
    for (unsigned i = 0; i < 3; i++) {
        dm_psw(m, 0, 3);
        m->cpu.gr[1] = 5;
        tm_poke(m, OP1, "4020202020");
        tm_poke(m, OP2, bad[i]);
        edit(m, 0xDF, 5, OP1, OP2);
        assert_pgm(m, PGM_DATA);
        assert_int_equal(old_cc(m), 3);
        assert_mem(m, OP1, "4020202020");
        assert_int_equal(m->cpu.gr[1], 5);
    }
    /* "12C2" above failed on its second byte; a pattern with two digit
       selectors needs only the first (no sign seen: cc 1). */
    dm_psw(m, 0, 0);
    tm_poke(m, OP2, "12C2");
    edit(m, 0xDE, 3, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "40F1F2");
    /* Only source bytes actually used are accessed. */
    tm_poke(m, OP1, "402020");
    tm_poke(m, MEMEND - 1, "12");
    edit(m, 0xDE, 3, OP1, MEMEND - 1);
    assert_done(m, 1);
    assert_mem(m, OP1, "40F1F2");
    tm_poke(m, OP1, "40202020");
    edit(m, 0xDE, 4, OP1, MEMEND - 1);
    assert_pgm(m, PGM_ADDRESSING);
    assert_mem(m, OP1, "40202020");
    /* The pattern past the end of storage. */
    dm_psw(m, 0, 0);
    edit(m, 0xDE, 4, MEMEND - 2, OP2);
    assert_pgm(m, PGM_ADDRESSING);
    /* A store-protected pattern. */
    dm_psw(m, 0, 0);
    m->keys[OP1 >> 11] = 0x50;
    m->cpu.psw.key = 4;
    cpu_psw_changed(&m->cpu);
    cpu_tlb_flush(&m->cpu);
    tm_poke(m, OP1, "40202020");
    tm_poke(m, OP2, "123C");
    edit(m, 0xDE, 4, OP1, OP2);
    assert_pgm(m, PGM_PROTECTION);
    assert_mem(m, OP1, "40202020");
    machine_free(m);
}

static void ed_long_pattern(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    /* 256 bytes: 31 digit selectors then message bytes. */
    uint8_t *p = m->mem + OP1;
    p[0] = 0x40;
    for (int i = 1; i <= 31; i++)
        p[i] = 0x20;
    for (int i = 32; i < 256; i++)
        p[i] = 0xC1;
    tm_poke(m, OP2, "1234567890123456789012345678901D");
    edit(m, 0xDE, 256, OP1, OP2);
    assert_done(m, 1);
    assert_mem(m, OP1, "40F1F2F3F4F5F6F7F8F9F0F1F2F3F4F5F6F7F8F9F0F1F2F3F4F5F6F7F8F9F0F1C1C1");
    assert_int_equal(p[255], 0xC1);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mvo_moves),
        cmocka_unit_test(pack_moves),
        cmocka_unit_test(unpk_moves),
        cmocka_unit_test(execute_supplies_lengths),
        cmocka_unit_test(ed_poo_example),
        cmocka_unit_test(ed_fields_and_fill),
        cmocka_unit_test(edmk_marks_first_significant_digit),
        cmocka_unit_test(ed_exceptions),
        cmocka_unit_test(ed_long_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
