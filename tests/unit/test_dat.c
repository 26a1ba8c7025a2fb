/*
 * test_dat.c - dynamic address translation (GA22-7000 chapter 3): valid
 * and invalid entries, table lengths, the translation-exception address,
 * LRA, the TLB and PTLB, and key checking through DAT.
 */
#include "testutil.h"

#define SEGTAB 0x10000
#define PAGETAB 0x11000

/* 64K segments, 4K pages (CR0 bits 8-12 = 10 0 00), segment table of
   16 entries (STL 0) at SEGTAB; segment 0 has a page table of 16 entries
   (PTL 15) mapping page n to frame 0x20000 + n * 0x1000, page 5 invalid. */
static struct machine *dat_machine(void)
{
    struct machine *m = tm_new();
    m->cpu.cr[0] = (m->cpu.cr[0] & ~0x00F80000u) | 0x00800000u;
    m->cpu.cr[1] = (0u << 24) | SEGTAB;
    for (int s = 0; s < 16; s++)
        tm_wr32(m, SEGTAB + 4 * s, 0x00000001); /* invalid */
    tm_wr32(m, SEGTAB, 0xF0000000u | PAGETAB);
    for (int p = 0; p < 16; p++)
        put16(m->mem + PAGETAB + 2 * p, (uint16_t)((0x20000 + p * 0x1000) >> 8));
    put16(m->mem + PAGETAB + 2 * 5, 0x0008); /* invalid bit (4K pages) */
    /* Code runs at real 0x1000 = virtual 0x1000 only if page 1 maps to
       frame 0x1000: map page 1 to itself so the test code is reachable. */
    put16(m->mem + PAGETAB + 2 * 1, 0x1000 >> 8);
    /* Turn DAT on (EC mode, bit 5). */
    m->cpu.psw.sysmask |= EC_DAT;
    cpu_psw_changed(&m->cpu);
    cpu_tlb_flush(&m->cpu);
    return m;
}

static void translated_load(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    tm_wr32(m, 0x20000 + 3 * 0x1000 + 0x10, 0x12345678);
    m->cpu.gr[2] = 0x3010;
    tm_insn(m, "58102000");             /* L 1,0(2): virtual 0x3010 */
    tm_step(m, 1);
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.gr[1], 0x12345678);
    machine_free(m);
}

static void invalid_page_nullifies_with_tea(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    m->cpu.gr[2] = 0x5123;
    m->cpu.gr[1] = 0xAAAA;
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PAGE_TRANSLATION);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE);   /* nullified */
    assert_int_equal(tm_rd32(m, 0x90) & AMASK24, 0x5123);
    assert_int_equal(m->cpu.gr[1], 0xAAAA);
    machine_free(m);
}

static void invalid_segment(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    m->cpu.gr[2] = 0x30000;                /* segment 3: invalid */
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SEGMENT_TRANSLATION);
    assert_int_equal(tm_rd32(m, 0x90) & AMASK24, 0x30000);
    machine_free(m);
}

static void segment_table_length(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    m->cpu.gr[2] = 0x100000;               /* segment 16: beyond STL 0 */
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SEGMENT_TRANSLATION);
    machine_free(m);
}

/* 1M segments with 4K pages: the page index has 8 bits and the PTL is
   compared with its leftmost four (GA22-7000: "compared against the
   leftmost four bits of the page-index").  PTL 0 covers pages 0-15. */
static void page_table_length_uses_leftmost_four_bits(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.cr[0] = (m->cpu.cr[0] & ~0x00F80000u) | 0x00800000u | 0x00100000u;
    m->cpu.cr[1] = SEGTAB;
    tm_wr32(m, SEGTAB, 0x00000000u | PAGETAB);  /* PTL 0 */
    for (int p = 0; p < 16; p++)
        put16(m->mem + PAGETAB + 2 * p, (uint16_t)((p * 0x1000) >> 8));
    uint32_t r = 0;
    assert_int_equal(dat_lra(&m->cpu, 0x0F000, &r), 0);   /* page 15 */
    assert_int_equal(r, 0xF000);
    assert_int_equal(dat_lra(&m->cpu, 0x10000, &r), 3);   /* page 16 */
    machine_free(m);
}

static void lra_condition_codes(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    m->cpu.gr[2] = 0x3456;
    tm_insn(m, "B1102000");             /* LRA 1,0(2) */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 0);
    assert_int_equal(m->cpu.gr[1], 0x23456);
    m->cpu.gr[2] = 0x5000;
    tm_insn(m, "B1102000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 2);
    assert_int_equal(m->cpu.gr[1], PAGETAB + 10);   /* the PTE's address */
    m->cpu.gr[2] = 0x20000;
    tm_insn(m, "B1102000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_int_equal(m->cpu.gr[1], SEGTAB + 8);     /* the STE's address */
    m->cpu.gr[2] = 0x200000;
    tm_insn(m, "B1102000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 3);
    machine_free(m);
}

static void tlb_keeps_old_translation_until_ptlb(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    tm_wr32(m, 0x23000, 1);
    tm_wr32(m, 0x24000, 2);
    m->cpu.gr[2] = 0x3000;
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], 1);
    /* Remap page 3 to frame 0x24000 without purging: the TLB may (and
       here does) keep the old translation ... */
    put16(m->mem + PAGETAB + 6, 0x24000 >> 8);
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], 1);
    /* ... until PTLB. */
    tm_insn(m, "B20D0000 58102000");
    tm_step(m, 2);
    assert_int_equal(m->cpu.gr[1], 2);
    machine_free(m);
}

static void translation_specification(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    m->cpu.cr[0] |= 0x00C00000u;           /* page-size code 11: invalid */
    cpu_tlb_flush(&m->cpu);
    m->cpu.gr[2] = 0x3000;
    tm_insn(m, "58102000");
    /* The instruction fetch itself translates, so the exception comes
       from the fetch. */
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_TRANSLATION_SPEC);
    machine_free(m);
}

static void key_protection_through_dat(void **state)
{
    (void)state;
    struct machine *m = dat_machine();
    m->keys[0x23000 >> 11] = 0x30;         /* key 3, not fetch protected */
    m->cpu.psw.key = 4;
    m->keys[0x1000 >> 11] = 0x40;          /* code page in key 4 */
    cpu_psw_changed(&m->cpu);
    m->cpu.gr[2] = 0x3000;
    m->cpu.gr[1] = 7;
    tm_insn(m, "58302000 50102000");     /* L 3 (ok) ; ST 1 (protected) */
    tm_step(m, 2);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PROTECTION);
    assert_int_equal(tm_rd32(m, 0x23000), 0);
    /* Fetch protection: now key 3 with the fetch bit. */
    m->keys[0x23000 >> 11] = 0x38;
    m->cpu.psw.key = 4;
    m->cpu.psw.wait = false;
    m->cpu.psw.sysmask = EC_DAT;
    m->cpu.psw.ec = true;
    cpu_psw_changed(&m->cpu);
    cpu_tlb_flush(&m->cpu);
    tm_insn(m, "58302000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PROTECTION);
    machine_free(m);
}

static void reference_and_change_bits(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->keys[0x5000 >> 11] = 0;
    m->cpu.gr[2] = 0x5000;
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_int_equal(m->keys[0x5000 >> 11], SK_REF);
    tm_insn(m, "50102000");
    tm_step(m, 1);
    assert_int_equal(m->keys[0x5000 >> 11], SK_REF | SK_CHANGE);
    /* RRB: cc 3 (referenced and changed), then the reference bit is off
       and a fetch through the TLB sets it again. */
    tm_insn(m, "B2132000 B2132000 58102000 B2132000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 3);
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 1);
    tm_step(m, 2);
    assert_int_equal(m->cpu.psw.cc, 3);
    machine_free(m);
}

static void prefixing_swaps_page_zero(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x8000, 0x8000);            /* new prefix value */
    tm_wr32(m, 0x8010, 0xABCD);            /* absolute 0x8010 */
    tm_wr32(m, 0x0010, 0x1234);            /* absolute 0x10 */
    m->cpu.gr[2] = 0x8000;
    /* SPX 0(2) ; L 1,16(0) ; L 3,16(2) */
    tm_insn(m, "B2102000 58100010 58302010");
    tm_step(m, 3);
    assert_int_equal(m->cpu.prefix, 0x8000);
    assert_int_equal(m->cpu.gr[1], 0xABCD);  /* real 0x10 -> abs 0x8010 */
    assert_int_equal(m->cpu.gr[3], 0x1234);  /* real 0x8010 -> abs 0x10 */
    machine_free(m);
}

static void low_address_protection(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.cr[0] |= 0x10000000u;
    cpu_tlb_flush(&m->cpu);
    m->cpu.gr[1] = 5;
    tm_insn(m, "50100100");               /* ST 1,256: protected */
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PROTECTION);
    machine_free(m);
}

static void addressing_exception_beyond_storage(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[2] = 0x100000;               /* 1 MB machine */
    tm_insn(m, "58102000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_ADDRESSING);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 4);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(translated_load),
        cmocka_unit_test(invalid_page_nullifies_with_tea),
        cmocka_unit_test(invalid_segment),
        cmocka_unit_test(segment_table_length),
        cmocka_unit_test(page_table_length_uses_leftmost_four_bits),
        cmocka_unit_test(lra_condition_codes),
        cmocka_unit_test(tlb_keeps_old_translation_until_ptlb),
        cmocka_unit_test(translation_specification),
        cmocka_unit_test(key_protection_through_dat),
        cmocka_unit_test(reference_and_change_bits),
        cmocka_unit_test(prefixing_swaps_page_zero),
        cmocka_unit_test(low_address_protection),
        cmocka_unit_test(addressing_exception_beyond_storage),
    };
    return cmocka_run_group_tests_name("dat", tests, NULL, NULL);
}
