/*
 * test_per.c - program-event recording (GA22-7000 chapter 4): each event
 * type, the monitored area with wrap-around, the PER code and address,
 * the old PSW after the completed instruction, PER together with another
 * program exception, and no events when the PSW's PER mask is off.
 */
#include "testutil.h"

/* EC mode with the PER mask on, events `cr9`, area start..end. */
static struct machine *per_machine(uint32_t cr9, uint32_t start, uint32_t end)
{
    struct machine *m = tm_new();
    m->cpu.cr[9] = cr9;
    m->cpu.cr[10] = start;
    m->cpu.cr[11] = end;
    m->cpu.psw.sysmask |= EC_PER;
    cpu_psw_changed(&m->cpu);
    return m;
}

static uint16_t per_code(struct machine *m) { return be16(m->mem + 0x96); }
static uint32_t per_addr(struct machine *m) { return tm_rd32(m, 0x98); }

static void successful_branch(void **state)
{
    (void)state;
    struct machine *m = per_machine(0x80000000, 0, 0);
    m->cpu.gr[5] = 0x2000;
    tm_insn(m, "1805 07F5");             /* LR 0,5 ; BCR 15,5 */
    tm_step(m, 2);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PER);
    assert_int_equal(per_code(m), 0x8000);
    assert_int_equal(per_addr(m), TM_CODE + 2);
    assert_int_equal(tm_pgm_old_ia(m), 0x2000);   /* completed */
    assert_int_equal(tm_pgm_ilc(m), 1);
    machine_free(m);
}

static void branch_not_taken_is_no_event(void **state)
{
    (void)state;
    struct machine *m = per_machine(0x80000000, 0, 0);
    m->cpu.gr[5] = 0x2000;
    tm_insn(m, "0705 1800");             /* BCR 0,5 (no branch) ; LR 0,0 */
    tm_step(m, 2);
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 4);
    machine_free(m);
}

static void instruction_fetch_in_area(void **state)
{
    (void)state;
    struct machine *m = per_machine(0x40000000, TM_CODE + 4, TM_CODE + 5);
    tm_insn(m, "1800 1800 1800");
    tm_step(m, 3);
    assert_true(tm_took_pgm(m));
    assert_int_equal(per_code(m), 0x4000);
    assert_int_equal(per_addr(m), TM_CODE + 4);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 6);
    machine_free(m);
}

static void storage_alteration_with_wrapping_area(void **state)
{
    (void)state;
    /* Area from 0xFFF000 wrapping to 0x3000: covers 0x2000. */
    struct machine *m = per_machine(0x20000000, 0xFFF000, 0x3000);
    m->cpu.gr[2] = 0x5000;
    m->cpu.gr[3] = 0x2000;
    tm_insn(m, "50102000 50103000");     /* ST 1,0(2) outside ; ST 1,0(3) in */
    tm_step(m, 1);
    assert_false(tm_took_pgm(m));
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(per_code(m), 0x2000);
    assert_int_equal(per_addr(m), TM_CODE + 4);
    machine_free(m);
}

static void register_alteration_by_mask(void **state)
{
    (void)state;
    /* Monitor register 1 only (CR9 bit 17). */
    struct machine *m = per_machine(0x10000000 | 0x4000, 0, 0);
    m->cpu.gr[2] = 7;
    m->cpu.gr[3] = 9;
    tm_insn(m, "1823 1812");             /* LR 2,3 (not monitored) ; LR 1,2 */
    tm_step(m, 1);
    assert_false(tm_took_pgm(m));
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(per_code(m), 0x1000);
    assert_int_equal(m->cpu.gr[1], 9);
    machine_free(m);
}

static void per_with_another_exception(void **state)
{
    (void)state;
    /* AR overflow with the mask on, and register 1 monitored: code 0x88. */
    struct machine *m = per_machine(0x10000000 | 0x4000, 0, 0);
    m->cpu.psw.progmask = PM_FIXED;
    m->cpu.gr[1] = 0x7FFFFFFF;
    m->cpu.gr[2] = 1;
    tm_insn(m, "1A12");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_PER | PGM_FIXED_OVERFLOW);
    assert_int_equal(per_code(m), 0x1000);
    machine_free(m);
}

static void no_events_with_psw_mask_off(void **state)
{
    (void)state;
    struct machine *m = per_machine(0xF000FFFF, 0, 0xFFFFFF);
    m->cpu.psw.sysmask &= (uint8_t)~EC_PER;
    cpu_psw_changed(&m->cpu);
    m->cpu.gr[5] = TM_CODE + 6;
    tm_insn(m, "50100100 07F5 1800");    /* store, branch, fetch in area */
    tm_step(m, 3);
    assert_false(tm_took_pgm(m));
    assert_false(m->cpu.debug);          /* the fast loop runs */
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(successful_branch),
        cmocka_unit_test(branch_not_taken_is_no_event),
        cmocka_unit_test(instruction_fetch_in_area),
        cmocka_unit_test(storage_alteration_with_wrapping_area),
        cmocka_unit_test(register_alteration_by_mask),
        cmocka_unit_test(per_with_another_exception),
        cmocka_unit_test(no_events_with_psw_mask_off),
    };
    return cmocka_run_group_tests_name("per", tests, NULL, NULL);
}
