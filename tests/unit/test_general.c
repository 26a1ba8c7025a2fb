/*
 * test_general.c - general instructions (GA22-7000 chapter 7): results,
 * condition codes, and the exceptions each can raise.
 */
#include <stdio.h>

#include "testutil.h"

static void ar_adds_and_sets_cc(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[1] = 5;
    m->cpu.gr[2] = (uint32_t)-7;
    tm_insn(m, "1A12");                  /* AR 1,2 */
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], (uint32_t)-2);
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 2);
    machine_free(m);
}

static void ar_overflow_masked_and_unmasked(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[1] = 0x7FFFFFFF;
    m->cpu.gr[2] = 1;
    tm_insn(m, "1A12");
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], 0x80000000u);
    assert_int_equal(m->cpu.psw.cc, 3);
    assert_false(tm_took_pgm(m));

    /* With the fixed-point overflow mask on: completed, then interruption. */
    m->cpu.gr[1] = 0x7FFFFFFF;
    m->cpu.psw.progmask = PM_FIXED;
    tm_insn(m, "1A12");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_FIXED_OVERFLOW);
    assert_int_equal(tm_pgm_ilc(m), 1);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 2);
    assert_int_equal(m->cpu.gr[1], 0x80000000u);
    machine_free(m);
}

static void load_store_and_la(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x2000, 0xCAFEF00D);
    m->cpu.gr[3] = 0x1F00;
    m->cpu.gr[4] = 0x80;
    /* L 1,0x80(4,3)  ST 1,0x84(4,3)  LA 5,0x10(4,3) */
    tm_insn(m, "58143080 50143084 41543010");
    tm_step(m, 3);
    assert_int_equal(m->cpu.gr[1], 0xCAFEF00D);
    assert_int_equal(tm_rd32(m, 0x2004), 0xCAFEF00D);
    assert_int_equal(m->cpu.gr[5], 0x1F90);
    machine_free(m);
}

static void divide_by_zero_suppresses(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[2] = 0;
    m->cpu.gr[3] = 100;
    m->cpu.gr[4] = 0;
    tm_insn(m, "1D24");                  /* DR 2,4 */
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_FIXED_DIVIDE);
    assert_int_equal(m->cpu.gr[3], 100);  /* suppressed: unchanged */
    machine_free(m);
}

static void odd_register_pair_is_specification(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "1C34");                  /* MR 3,4: R1 must be even */
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    machine_free(m);
}

static void privileged_in_problem_state(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_problem(m);
    tm_insn(m, "80001000");              /* SSM 0x1000 */
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PRIVILEGED);
    assert_int_equal(tm_pgm_ilc(m), 2);
    machine_free(m);
}

static void unknown_opcode_is_operation_exception(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "0000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_OPERATION);
    machine_free(m);
}

static void mvc_propagates_on_overlap(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->mem[0x3000] = 0x5C;
    m->cpu.gr[1] = 0x3000;
    tm_insn(m, "D2071001 1000");        /* MVC 1(8,1),0(1) */
    tm_step(m, 1);
    for (int i = 0; i < 9; i++)
        assert_int_equal(m->mem[0x3000 + i], 0x5C);
    machine_free(m);
}

static void clc_and_branch(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_poke(m, 0x3000, "C1C2C3");
    tm_poke(m, 0x3010, "C1C2C4");
    m->cpu.gr[1] = 0x3000;
    /* CLC 0(3,1),16(1) ; BC 4,0x100(0) (branch if low) */
    tm_insn(m, "D5021000 1010 47400100");
    tm_step(m, 2);
    assert_int_equal(m->cpu.psw.ia, 0x100);
    machine_free(m);
}

static void execute_ors_length_and_rejects_execute(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* EX 2,0(5) with R5 = X'1100' holding MVC 0(1,3),0(4) and R2 = 4:
       the length becomes 4, so 5 bytes move. */
    tm_poke(m, 0x1100, "D2003000 4000");
    tm_poke(m, 0x4000, "0102030405");
    m->cpu.gr[2] = 4;
    m->cpu.gr[3] = 0x3000;
    m->cpu.gr[4] = 0x4000;
    m->cpu.gr[5] = 0x1100;
    tm_insn(m, "44205000");
    tm_step(m, 1);
    assert_memory_equal(m->mem + 0x3000, m->mem + 0x4000, 5);
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 4);

    /* EXECUTE of EXECUTE is an execute exception. */
    tm_poke(m, 0x1100, "44205000");
    tm_insn(m, "44005000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_EXECUTE);
    machine_free(m);
}

static void relative_branch_and_save(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "A7E50010");             /* BRAS 14,+0x20 */
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[14], TM_CODE + 4);
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 0x20);
    machine_free(m);
}

static void logical_add_carry_chain(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* 64-bit add of (r2,r3) += (r4,r5) with ALR/ALCR. */
    m->cpu.gr[2] = 0x00000001; m->cpu.gr[3] = 0xFFFFFFFF;
    m->cpu.gr[4] = 0x00000002; m->cpu.gr[5] = 0x00000001;
    tm_insn(m, "1E35 B9980024");         /* ALR 3,5 ; ALCR 2,4 */
    tm_step(m, 2);
    assert_int_equal(m->cpu.gr[3], 0);
    assert_int_equal(m->cpu.gr[2], 4);
    assert_int_equal(m->cpu.psw.cc, 1);  /* nonzero, no carry out */
    machine_free(m);
}

static void shifts_arithmetic_overflow(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[1] = 0x40000000;
    tm_insn(m, "8B100001");             /* SLA 1,1 */
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], 0x00000000);
    assert_int_equal(m->cpu.psw.cc, 3);
    m->cpu.gr[1] = 0xFFFFFFF0;
    tm_insn(m, "8A100002");             /* SRA 1,2 */
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], 0xFFFFFFFC);
    assert_int_equal(m->cpu.psw.cc, 1);
    machine_free(m);
}

static void cvd_cvb_round_trip(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[1] = (uint32_t)-1234567;
    m->cpu.gr[5] = 0x3000;
    tm_insn(m, "4E105000 4F205000");     /* CVD 1,0(5) ; CVB 2,0(5) */
    tm_step(m, 2);
    assert_int_equal(tm_rd64(m, 0x3000), 0x000000001234567Dull);
    assert_int_equal(m->cpu.gr[2], (uint32_t)-1234567);
    m->mem[0x3006] = 0xFA;               /* digit F: data exception */
    tm_insn(m, "4F205000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_DATA);
    machine_free(m);
}

static void mvcle_pads_and_resumes(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_poke(m, 0x3000, "C1C2C3");
    m->cpu.gr[2] = 0x4000; m->cpu.gr[3] = 6000;   /* destination, length */
    m->cpu.gr[4] = 0x3000; m->cpu.gr[5] = 3;      /* source, length */
    memset(m->mem + 0x4000, 0xEE, 7000);
    tm_insn(m, "A8240040");                       /* MVCLE 2,4,X'40' */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 3);           /* 4096 bytes per turn */
    assert_int_equal(m->cpu.gr[3], 6000 - 4096);
    tm_insn(m, "A8240040");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 2);           /* destination was longer */
    assert_memory_equal(m->mem + 0x4000, "\xC1\xC2\xC3\x40", 4);
    assert_int_equal(m->mem[0x4000 + 5999], 0x40);
    assert_int_equal(m->mem[0x4000 + 6000], 0xEE);
    assert_int_equal(m->cpu.gr[2], 0x4000 + 6000);
    assert_int_equal(m->cpu.gr[3], 0);
    /* CLCLE: equal with padding, then unequal. */
    m->cpu.gr[2] = 0x4000; m->cpu.gr[3] = 10;
    m->cpu.gr[4] = 0x3000; m->cpu.gr[5] = 3;
    tm_insn(m, "A9240040");                       /* CLCLE 2,4,X'40' */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 0);
    m->cpu.gr[2] = 0x4000; m->cpu.gr[3] = 10;
    m->cpu.gr[4] = 0x3000; m->cpu.gr[5] = 3;
    tm_insn(m, "A9240041");                       /* pad X'41' > X'40' */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_int_equal(m->cpu.gr[2], 0x4003);
    /* Odd register: specification. */
    tm_insn(m, "A8340040");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    machine_free(m);
}

/* MVCL and CLCL leave bits 0-7 of the address registers zero, whatever
   the outcome; the pad byte and bits 0-7 of R1+1 stay. */
static void long_instructions_clear_address_bits_0_7(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    static const struct { uint32_t r2, r3, r4, r5; uint8_t cc; } t[] = {
        {0xFF003000, 0x12000010, 0xEE003100, 0x40000008, 2},  /* padded */
        {0xFF003000, 0x00000000, 0xEE003100, 0x00000000, 0},  /* no lengths */
        {0xFF003004, 0x00000010, 0xEE003000, 0x00000010, 3},  /* overlap */
    };
    for (unsigned i = 0; i < sizeof t / sizeof t[0]; i++) {
        m->cpu.gr[2] = t[i].r2, m->cpu.gr[3] = t[i].r3;
        m->cpu.gr[4] = t[i].r4, m->cpu.gr[5] = t[i].r5;
        tm_insn(m, "0E24");              /* MVCL 2,4 */
        tm_step(m, 1);
        assert_int_equal(m->cpu.psw.cc, t[i].cc);
        assert_int_equal(m->cpu.gr[2] >> 24, 0);
        assert_int_equal(m->cpu.gr[4] >> 24, 0);
        assert_int_equal(m->cpu.gr[3] >> 24, t[i].r3 >> 24);
        assert_int_equal(m->cpu.gr[5] >> 24, t[i].r5 >> 24);
    }
    m->cpu.gr[2] = 0xAA003000, m->cpu.gr[3] = 0x11000010;
    m->cpu.gr[4] = 0x55003000, m->cpu.gr[5] = 0x22000010;
    tm_insn(m, "0F24");                  /* CLCL 2,4: equal */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 0);
    assert_int_equal(m->cpu.gr[2], 0x00003010);
    assert_int_equal(m->cpu.gr[4], 0x00003010);
    assert_int_equal(m->cpu.gr[3], 0x11000000);
    machine_free(m);
}

/* STM and LM with every R1 and R3 (wrapping from 15 to 0), at an address
   inside a 2K block and at one whose words run into the next: the words
   stored are the registers in order, the bytes after them are untouched,
   and LM loads the same registers back. */
static void stm_lm_every_register_range(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    static const uint32_t addrs[] = {0xC00, 0x7F4};   /* base 0: below 4K */
    for (unsigned ai = 0; ai < 2; ai++)
        for (unsigned r1 = 0; r1 < 16; r1++)
            for (unsigned r3 = 0; r3 < 16; r3++) {
                uint32_t at = addrs[ai], n = ((r3 - r1) & 15) + 1;
                char insn[32];
                memset(m->mem + at, 0xEE, 68);
                for (unsigned r = 0; r < 16; r++)
                    m->cpu.gr[r] = 0x01020304u * (r + 1) + ai;
                snprintf(insn, sizeof insn, "90%X%X0%03X", r1, r3, at);   /* STM */
                tm_insn(m, insn);
                tm_step(m, 1);
                for (unsigned i = 0; i < n; i++)
                    assert_int_equal(tm_rd32(m, at + 4 * i), 0x01020304u * (((r1 + i) & 15) + 1) + ai);
                assert_int_equal(tm_rd32(m, at + 4 * n), 0xEEEEEEEE);
                for (unsigned r = 0; r < 16; r++)
                    m->cpu.gr[r] = 0xDEAD0000u + r;
                snprintf(insn, sizeof insn, "98%X%X0%03X", r1, r3, at);   /* LM */
                tm_insn(m, insn);
                tm_step(m, 1);
                for (unsigned r = 0; r < 16; r++) {
                    bool loaded = ((r - r1) & 15) < n;
                    assert_int_equal(m->cpu.gr[r], loaded ? 0x01020304u * (r + 1) + ai : 0xDEAD0000u + r);
                }
            }
    machine_free(m);
}

/* MVC of 1 to 20 bytes, apart and overlapping with the destination
   before the source, and CLC of 1 to 9 bytes with the first difference
   at each place, either way: as the byte-by-byte definitions say. */
static void short_mvc_and_clc(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    char insn[32];
    for (unsigned len = 1; len <= 20; len++)
        for (unsigned gap = 1; gap <= 24; gap += 23) {      /* 1: overlap, 24: apart */
            uint8_t ref[64];
            for (unsigned i = 0; i < 64; i++)
                m->mem[0x900 + i] = ref[i] = (uint8_t)(i * 7 + len);
            for (unsigned i = 0; i < len; i++)              /* d = 0x900, s = d + gap */
                ref[i] = ref[i + gap];
            snprintf(insn, sizeof insn, "D2%02X0900%04X", len - 1, 0x900 + gap);
            tm_insn(m, insn);
            tm_step(m, 1);
            assert_memory_equal(m->mem + 0x900, ref, 64);
        }
    for (unsigned len = 1; len <= 9; len++)
        for (unsigned at = 0; at <= len; at++)
            for (int sign = -1; sign <= 1; sign += 2) {
                for (unsigned i = 0; i < 16; i++)
                    m->mem[0x900 + i] = m->mem[0x980 + i] = (uint8_t)(0x40 + i);
                if (at < len)
                    m->mem[0x980 + at] = (uint8_t)(m->mem[0x900 + at] - sign);
                m->mem[0x900 + len] = 0x00;                 /* past the operands */
                m->mem[0x980 + len] = 0xFF;
                snprintf(insn, sizeof insn, "D5%02X09000980", len - 1);
                tm_insn(m, insn);
                tm_step(m, 1);
                assert_int_equal(m->cpu.psw.cc, at == len ? 0 : sign < 0 ? 1 : 2);
            }
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ar_adds_and_sets_cc),
        cmocka_unit_test(ar_overflow_masked_and_unmasked),
        cmocka_unit_test(load_store_and_la),
        cmocka_unit_test(divide_by_zero_suppresses),
        cmocka_unit_test(odd_register_pair_is_specification),
        cmocka_unit_test(privileged_in_problem_state),
        cmocka_unit_test(unknown_opcode_is_operation_exception),
        cmocka_unit_test(mvc_propagates_on_overlap),
        cmocka_unit_test(clc_and_branch),
        cmocka_unit_test(execute_ors_length_and_rejects_execute),
        cmocka_unit_test(relative_branch_and_save),
        cmocka_unit_test(logical_add_carry_chain),
        cmocka_unit_test(shifts_arithmetic_overflow),
        cmocka_unit_test(cvd_cvb_round_trip),
        cmocka_unit_test(mvcle_pads_and_resumes),
        cmocka_unit_test(long_instructions_clear_address_bits_0_7),
        cmocka_unit_test(stm_lm_every_register_range),
        cmocka_unit_test(short_mvc_and_clc),
    };
    return cmocka_run_group_tests_name("general", tests, NULL, NULL);
}
