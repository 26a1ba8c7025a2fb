/*
 * test_pcache.c - the run loop's predecoded instruction cache (pcache.h,
 * cpu_exec.c): an instruction changed after it was decoded runs as
 * changed, whether the CPU itself stored into it (the next instruction,
 * within one slice), storage changed between slices, or DAT put other
 * storage behind the same logical block; instructions crossing a 2K
 * block; the count of instructions and the PSW after a slice ends in the
 * middle of a straight run; and a program exception in a run, where the
 * loop had stored only the instruction's entry.
 */
#include "testutil.h"

/* A run of `n` copies of LA 1,1(1) at addr. */
static void la_run(struct machine *m, uint32_t addr, int n)
{
    for (int i = 0; i < n; i++)
        tm_wr32(m, addr + 4 * (uint32_t)i, 0x41101001);
}

/* MVI turns the next instruction, BC 0 (no branch), into BC 15 in the
   same slice: the BC runs as changed, though it was decoded before. */
static void store_into_next_instruction(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* R5 = 1000.  1000 MVI 5(5),X'F0'  1004 BC 0,200(5)  1008 LA 1,1 */
    tm_insn(m, "92F05005 47005200 41100001");
    m->cpu.gr[5] = TM_CODE;
    m->cpu.psw.ia = TM_CODE + 4;
    tm_step(m, 1);                     /* decode and run BC 0: falls through */
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 8);
    m->cpu.psw.ia = TM_CODE;
    tm_step(m, 2);                     /* MVI, then the BC it changed */
    assert_int_equal(m->mem[TM_CODE + 5], 0xF0);
    assert_int_equal(m->cpu.psw.ia, 0x1200);
    machine_free(m);
}

/* A loop runs with AR, storage changes it to SR between slices, and the
   loop runs with SR. */
static void changed_between_slices(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* R5 = 1000.  1000 AR 2,3  1002 BCT 4,0(5)  1006 */
    tm_insn(m, "1A23 46405000");
    m->cpu.gr[5] = TM_CODE;
    m->cpu.gr[2] = 0, m->cpu.gr[3] = 5, m->cpu.gr[4] = 10;
    tm_step(m, 20);
    assert_int_equal(m->cpu.gr[2], 50);
    assert_int_equal(m->cpu.psw.ia, TM_CODE + 6);
    m->mem[TM_CODE] = 0x1B;            /* SR 2,3 */
    m->cpu.gr[4] = 4;
    m->cpu.psw.ia = TM_CODE;
    tm_step(m, 8);
    assert_int_equal(m->cpu.gr[2], 30);
    machine_free(m);
}

/* Instructions that cross into the next 2K block, 4 and 6 bytes long,
   run whole; the straight run goes on in the next block. */
static void crossing_block_end(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_wr32(m, 0x100, 0x11223344);
    tm_poke(m, 0x17FE, "58100100");          /* L 1,X'100' */
    tm_poke(m, 0x1802, "D20301040100");      /* MVC X'104'(4),X'100' */
    tm_poke(m, 0x1808, "4120000F");          /* LA 2,15 */
    tm_poke(m, 0x27FC, "D20301080100");      /* MVC X'108'(4),X'100' */
    m->cpu.psw.ia = 0x17FE;
    tm_step(m, 3);
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.gr[1], 0x11223344);
    assert_int_equal(tm_rd32(m, 0x104), 0x11223344);
    assert_int_equal(m->cpu.gr[2], 15);
    m->cpu.psw.ia = 0x27FC;
    tm_step(m, 1);
    assert_int_equal(tm_rd32(m, 0x108), 0x11223344);
    assert_int_equal(m->cpu.psw.ia, 0x2802);
    machine_free(m);
}

/* A slice ends after exactly its budget, in the middle of a straight run
   and after it has crossed into the next block: the count, the PSW and
   the registers agree, and the next slice goes on from there. */
static void slice_ends_exactly(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    la_run(m, 0x1700, 1000);                 /* 0x1700-0x269F, three blocks */
    m->cpu.psw.ia = 0x1700;
    m->cpu.gr[1] = 0;
    uint64_t before = cpu_icount(&m->cpu);
    cpu_run(&m->cpu, 100);                   /* ends past 0x1800 */
    assert_int_equal(cpu_icount(&m->cpu) - before, 100);
    assert_int_equal(m->cpu.gr[1], 100);
    assert_int_equal(m->cpu.psw.ia, 0x1700 + 400);
    tm_step(m, 777);
    assert_int_equal(m->cpu.gr[1], 877);
    assert_int_equal(m->cpu.psw.ia, 0x1700 + 4 * 877);
    machine_free(m);
}

/* A program exception after a run of instructions whose PSW address and
   ILC the loop did not store: the old PSW, the ILC and the count are
   those of the failing instruction. */
static void exception_in_a_run(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    /* LA 1,1(1) x3, L 2,0(5) with R5 past storage, LA 1,1(1) */
    tm_insn(m, "41101001 41101001 41101001 58205000 41101001");
    m->cpu.gr[1] = 0;
    m->cpu.gr[5] = 0x200000;
    uint64_t before = cpu_icount(&m->cpu);
    cpu_run(&m->cpu, 1000);
    assert_true(tm_took_pgm(m));
    assert_int_equal(tm_pgm_code(m), PGM_ADDRESSING);
    assert_int_equal(tm_pgm_ilc(m), 2);
    assert_int_equal(tm_pgm_old_ia(m), TM_CODE + 16);
    assert_int_equal(m->cpu.gr[1], 3);
    assert_int_equal(cpu_icount(&m->cpu) - before, 4);
    machine_free(m);
}

#define SEGTAB 0x10000
#define PAGETAB 0x11000

/* DAT on, 64K segments and 4K pages: segment 0's page n at frame n,
   except page 2 at frame `frame2`. */
static struct machine *dat_machine(uint32_t frame2)
{
    struct machine *m = tm_new();
    m->cpu.cr[0] = (m->cpu.cr[0] & ~0x00F80000u) | 0x00800000u;
    m->cpu.cr[1] = SEGTAB;
    tm_wr32(m, SEGTAB, 0xF0000000u | PAGETAB);
    for (int p = 0; p < 16; p++)
        put16(m->mem + PAGETAB + 2 * p, (uint16_t)((p * 0x1000) >> 8));
    put16(m->mem + PAGETAB + 4, (uint16_t)(frame2 >> 8));
    m->cpu.psw.sysmask |= EC_DAT;
    cpu_psw_changed(&m->cpu);
    return m;
}

/* The same logical address, other storage behind it after PTLB: the
   instruction there runs, not the one decoded before. */
static void other_storage_same_address(void **state)
{
    (void)state;
    struct machine *m = dat_machine(0x22000);
    tm_poke(m, 0x22000, "41100005");         /* LA 1,5 */
    tm_poke(m, 0x30000, "41100007");         /* LA 1,7 */
    m->cpu.psw.ia = 0x2000;
    tm_step(m, 1);
    assert_int_equal(m->cpu.gr[1], 5);
    put16(m->mem + PAGETAB + 4, 0x30000 >> 8);
    tm_insn(m, "B20D0000");                  /* PTLB */
    tm_step(m, 1);
    m->cpu.psw.ia = 0x2000;
    tm_step(m, 1);
    assert_false(tm_took_pgm(m));
    assert_int_equal(m->cpu.gr[1], 7);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(store_into_next_instruction),
        cmocka_unit_test(changed_between_slices),
        cmocka_unit_test(crossing_block_end),
        cmocka_unit_test(slice_ends_exactly),
        cmocka_unit_test(exception_in_a_run),
        cmocka_unit_test(other_storage_same_address),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
