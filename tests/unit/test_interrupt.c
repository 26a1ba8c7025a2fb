/*
 * test_interrupt.c - interruptions and timers (GA22-7000 chapters 4 and
 * 6): SVC, external (clock comparator, CPU timer, interval timer), their
 * masks, the early exception for an invalid PSW, the check-stop on an
 * invalid program new PSW, TOD clock, and the deterministic mode.
 */
#include "testutil.h"
#include "timer.h"

static void svc_interruption_ec_mode(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "0A2A");                  /* SVC 42 */
    tm_step(m, 1);
    assert_true(m->cpu.psw.wait);
    assert_int_equal(m->cpu.psw.ia, 0x60);  /* SVC new PSW */
    assert_int_equal(be16(m->mem + 0x8A), 42);
    assert_int_equal(m->mem[0x89] >> 1, 1);
    assert_int_equal(be32(m->mem + 0x24) & AMASK24, TM_CODE + 2);
    machine_free(m);
}

static void svc_interruption_bc_mode(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    uint8_t bc[8] = {0x00, 0x00, 0, 0, 0, 0, 0, 0};
    put32(bc + 4, TM_CODE);
    psw_load(&m->cpu, bc);
    m->cpu.psw.cc = 2;
    tm_insn(m, "0A07");
    tm_step(m, 1);
    /* BC old PSW: code in bits 16-31, ILC in 32-33, CC in 34-35. */
    assert_int_equal(be16(m->mem + 0x22), 7);
    assert_int_equal(m->mem[0x24] >> 6, 1);
    assert_int_equal((m->mem[0x24] >> 4) & 3, 2);
    machine_free(m);
}

static void lpsw_invalid_ec_psw_is_early_specification(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x3000, 0x80080000);      /* EC PSW with bit 0 set */
    tm_wr32(m, 0x3004, 0x00002000);
    m->cpu.gr[1] = 0x3000;
    tm_insn(m, "82001000");              /* LPSW 0(1) */
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    assert_int_equal(tm_pgm_ilc(m), 0);
    assert_int_equal(tm_pgm_old_ia(m), 0x2000); /* the new PSW's address */
    machine_free(m);
}

/* The early exception stores the invalid PSW as loaded, bad bits and all. */
static void invalid_psw_is_the_old_psw(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x3000, 0x00080001);      /* EC PSW with bit 31 set */
    tm_wr32(m, 0x3004, 0x00402000);      /* and bit 33 */
    m->cpu.gr[1] = 0x3000;
    tm_insn(m, "82001000");              /* LPSW 0(1) */
    tm_step(m, 1);
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    assert_int_equal(tm_pgm_ilc(m), 0);
    assert_int_equal(tm_rd32(m, 0x28), 0x00080001);
    assert_int_equal(tm_rd32(m, 0x2C), 0x00402000);
    machine_free(m);
}

/* An odd instruction address is a late exception: the ILC (unpredictable
   1-3) is 2 on this machine, and the address is advanced by it. */
static void odd_instruction_address_is_late_specification(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x3000, 0x00080000);
    tm_wr32(m, 0x3004, 0x00002001);      /* odd address */
    m->cpu.gr[1] = 0x3000;
    tm_insn(m, "82001000");              /* LPSW 0(1) */
    tm_step(m, 2);
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), 0x2005);
    machine_free(m);

    /* a branch within the block being executed */
    m = tm_new();
    m->cpu.gr[1] = TM_CODE + 5;
    tm_insn(m, "07F1 0000 0000");        /* BR 1 */
    tm_step(m, 2);
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 9);
    machine_free(m);
}

/* An addressing exception in fetching an instruction suppresses it: the
   ILC (unpredictable 1-3) is 2, and the address is advanced by it. */
static void instruction_fetch_addressing_exception(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[1] = 0x100100;             /* beyond the 1M of storage */
    tm_insn(m, "07F1");                  /* BR 1 */
    tm_step(m, 2);
    assert_int_equal(tm_pgm_code(m), PGM_ADDRESSING);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), 0x100104);
    machine_free(m);
}

static void invalid_program_new_psw_checkstops(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x68, 0x80080000);        /* invalid EC PSW (bit 0) */
    tm_insn(m, "0000");                  /* operation exception */
    enum stop s = tm_run(m, 100);
    assert_int_equal(s, STOP_CHECKSTOP);
    machine_free(m);
}

/* An enabled wait that the clock comparator ends. */
static void clock_comparator_interrupts_enabled_wait(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.cr[0] = (m->cpu.cr[0] & ~0xE0u) | 0x0800; /* only the CKC mask */
    m->cpu.gr[3] = 0x3000;
    tm_wr32(m, 0x3010, 0x010A0000);      /* EC, external on, wait */
    tm_wr32(m, 0x3014, 0x00000000);
    tm_wr32(m, 0x3020, 0x003E8000);      /* 1 ms in TOD units, low word */
    /* STCK 0(3); L 2,4(3); A 2,32(3); ST 2,4(3); SCKC 0(3); LPSW 16(3) */
    tm_insn(m, "B2053000 58203004 5A203020 50203004 B2063000 82003010");
    enum stop s = tm_run(m, 100000);
    assert_int_equal(s, STOP_DISABLED_WAIT);
    assert_int_equal(m->cpu.psw.ia, 0x58);         /* external new PSW */
    assert_int_equal(be16(m->mem + 0x86), 0x1004); /* clock comparator */
    /* The old PSW is the wait PSW, wait bit and all. */
    assert_int_equal(tm_rd32(m, 0x18), 0x010A0000);
    /* The wait lasted until the TOD passed the comparator. */
    assert_true(tod_now(m) > tm_rd64(m, 0x3000));
    machine_free(m);
}

static void external_masked_stays_pending(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.cr[0] |= 0x0400;              /* CPU timer mask */
    cpu_timer_set(m, -1);                /* negative: condition pending */
    timer_update(m);
    assert_true(m->cpu.ext_pending & EXT_CPUTIMER);
    assert_false(cpu_take_interrupt(&m->cpu)); /* PSW external mask off */
    m->cpu.psw.sysmask |= EC_EXT;
    cpu_psw_changed(&m->cpu);
    assert_true(cpu_take_interrupt(&m->cpu));
    assert_int_equal(be16(m->mem + 0x86), 0x1005);
    machine_free(m);
}

static void interval_timer_counts_down_and_interrupts(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 80, 0x00000100);          /* 1/300 s */
    /* A BCT loop long enough for more than 1/300 s of deterministic
       time: 1/300 s = 3333 us = 213333 instructions at 64 per us. */
    m->cpu.gr[1] = 300000;
    m->cpu.gr[4] = TM_CODE;
    tm_insn(m, "46104000");              /* BCT 1,0(4): loops on itself */
    tm_step(m, 250000);
    timer_update(m);
    assert_true((int32_t)tm_rd32(m, 80) < 0);
    assert_true(m->cpu.ext_pending & EXT_INTERVAL);
    machine_free(m);
}

static void tod_clock_deterministic_and_unique(void **state)
{
    (void)state;
    struct machine *a = tm_new(), *b = tm_new();
    a->cpu.gr[3] = b->cpu.gr[3] = 0x3000;
    tm_insn(a, "B2053000 B2053008");
    tm_insn(b, "B2053000 B2053008");
    tm_step(a, 2);
    tm_step(b, 2);
    assert_int_equal(tm_rd64(a, 0x3000), tm_rd64(b, 0x3000));
    assert_int_equal(tm_rd64(a, 0x3008), tm_rd64(b, 0x3008));
    assert_true(tm_rd64(a, 0x3008) > tm_rd64(a, 0x3000));
    /* SCK then STCK continues from the value set. */
    tm_wr64(a, 0x3010, 0x1000000000000000ull);
    tm_insn(a, "B2043010 B2053018");
    tm_step(a, 2);
    uint64_t t = tm_rd64(a, 0x3018);
    assert_true(t >= 0x1000000000000000ull && t < 0x1000000000100000ull);
    machine_free(a);
    machine_free(b);
}

static void ssm_enables_pending_io_masks(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->mem[0x3000] = 0x03;               /* EC: I/O and external on */
    m->cpu.gr[3] = 0x3000;
    tm_insn(m, "80003000");              /* SSM 0x3000 */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.sysmask, 0x03);
    /* An EC-mode mask with bit 0 set is a specification exception. */
    m->mem[0x3000] = 0x80;
    tm_insn(m, "80003000");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    machine_free(m);
}

static void monitor_call(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "AF051234");              /* MC X'234',5 */
    tm_step(m, 1);
    assert_false(tm_took_pgm(m));        /* class 5 masked off in CR8 */
    m->cpu.cr[8] = 0x00000400;           /* monitor mask bit for class 5 */
    tm_insn(m, "AF051234");
    tm_step(m, 1);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_MONITOR);
    assert_int_equal(m->mem[0x95], 5);
    assert_int_equal(tm_rd32(m, 0x9C), 0x234);
    machine_free(m);
}

/* Exceptions on fetching an instruction: the ILC is unpredictable (1, 2
   or 3) with the address advanced by as many halfwords (GA22-7000, "ILC
   on Instruction-Fetching Exceptions"); this machine, like Hercules, says 2. */
static void instruction_fetch_exceptions(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.gr[5] = 0x2001;
    tm_insn(m, "07F5");                  /* BCR 15,5: to an odd address */
    tm_step(m, 2);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_SPECIFICATION);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), 0x2005);

    m->cpu.gr[5] = 0x100000;             /* beyond the 1 MB of storage */
    m->cpu.psw.wait = false;
    m->cpu.psw.ia = TM_CODE;
    tm_step(m, 2);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_ADDRESSING);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), 0x100004);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(svc_interruption_ec_mode),
        cmocka_unit_test(svc_interruption_bc_mode),
        cmocka_unit_test(lpsw_invalid_ec_psw_is_early_specification),
        cmocka_unit_test(invalid_psw_is_the_old_psw),
        cmocka_unit_test(odd_instruction_address_is_late_specification),
        cmocka_unit_test(instruction_fetch_addressing_exception),
        cmocka_unit_test(invalid_program_new_psw_checkstops),
        cmocka_unit_test(clock_comparator_interrupts_enabled_wait),
        cmocka_unit_test(external_masked_stays_pending),
        cmocka_unit_test(interval_timer_counts_down_and_interrupts),
        cmocka_unit_test(tod_clock_deterministic_and_unique),
        cmocka_unit_test(ssm_enables_pending_io_masks),
        cmocka_unit_test(monitor_call),
        cmocka_unit_test(instruction_fetch_exceptions),
    };
    return cmocka_run_group_tests_name("interrupt", tests, NULL, NULL);
}
