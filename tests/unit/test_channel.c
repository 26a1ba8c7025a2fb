/*
 * test_channel.c - the S/370 channel core (GA22-7000 chapter 13) with a
 * test device: SIO/TIO/HIO/TCH condition codes, the CSW, command and data
 * chaining, incorrect length and SLI, skip, TIC rules, IDAWs, PCI, key
 * protection, program checks, status modifier, suspension, channel masks,
 * and an endless TIC loop that must not hang the host.
 */
#include "testutil.h"
#include "dev.h"

#define DEV 0x0E0
#define CCWS 0x2000

/* The test device: commands
 *   01 write (keeps the data)   02 read (gives `rlen` bytes of `rdata`)
 *   03 NOP                      07 control taking 6 bytes
 *   13 control returning status modifier
 *   0A read that waits until test_finish_wait()
 *   04 sense                    anything else: command reject       */
struct tdev {
    uint8_t wdata[4096];
    uint32_t wlen;
    uint8_t rdata[4096];
    uint32_t rlen;
    int cmds;
};

static int td_execute(struct device *dev, struct ccw_io *io)
{
    struct tdev *t = dev->state;
    t->cmds++;
    switch (io->cmd) {
    case 0x01:
        memcpy(t->wdata + t->wlen, io->buf, io->count);
        t->wlen += io->count;
        io->len = io->count;
        return US_CE | US_DE;
    case 0x02:
        memcpy(io->buf, t->rdata, t->rlen < io->count ? t->rlen : io->count);
        io->len = t->rlen;
        return US_CE | US_DE;
    case 0x03:
        io->len = 0;
        return US_CE | US_DE;
    case 0x07:
        memcpy(t->wdata, io->buf, io->count < 6 ? io->count : 6);
        io->len = 6;
        return US_CE | US_DE;
    case 0x13:
        io->len = 0;
        return US_CE | US_DE | US_SM;
    case 0x0A:
        return DEV_WAIT;
    case 0x04:
        return dev_sense(dev, io);
    default:
        io->len = 0;
        return dev_unit_check(dev, SNS0_CMDREJ);
    }
}

static int td_resume(struct device *dev, struct ccw_io *io)
{
    struct tdev *t = dev->state;
    memcpy(io->buf, t->rdata, t->rlen < io->count ? t->rlen : io->count);
    io->len = t->rlen;
    return US_CE | US_DE;
}

static const struct dev_ops td_ops = {
    .type = "test", .devtype = 0x9999, .execute = td_execute, .resume = td_resume,
};

static struct device *td_attach(struct machine *m, uint16_t addr)
{
    struct device *d = calloc(1, sizeof *d);
    d->ops = &td_ops;
    d->addr = addr;
    d->state = calloc(1, sizeof(struct tdev));
    chan_attach(m, d);
    return d;
}

static void td_free(struct machine *m, struct device *d)
{
    chan_detach(m, d);
    free(d->state);
    free(d);
}

static void ccw(struct machine *m, uint32_t at, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t *p = m->mem + at;
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16); p[2] = (uint8_t)(addr >> 8); p[3] = (uint8_t)addr;
    p[4] = flags; p[5] = 0;
    put16(p + 6, count);
}

static void caw(struct machine *m, uint8_t key, uint32_t addr)
{
    put32(m->mem + 0x48, (uint32_t)key << 28 | addr);
}

/* SIO DEV and return the condition code. */
static int sio(struct machine *m)
{
    tm_insn(m, "9C0000E0");
    tm_step(m, 1);
    return m->cpu.psw.cc;
}
static int tio(struct machine *m)
{
    tm_insn(m, "9D0000E0");
    tm_step(m, 1);
    return m->cpu.psw.cc;
}
/* Take the pending I/O interruption (CSW at 64), then resume the
   interrupted program as an I/O handler that returns at once would. */
static bool take_io(struct machine *m)
{
    struct psw saved = m->cpu.psw;
    m->cpu.psw.sysmask = EC_IO;
    bool taken = cpu_take_interrupt(&m->cpu);
    m->cpu.psw = saved;
    cpu_psw_changed(&m->cpu);
    return taken;
}
static uint32_t csw_ccw(struct machine *m) { return tm_rd32(m, 64) & AMASK24; }
static uint8_t csw_unit(struct machine *m) { return m->mem[68]; }
static uint8_t csw_chan(struct machine *m) { return m->mem[69]; }
static uint16_t csw_count(struct machine *m) { return be16(m->mem + 70); }

static void write_then_interrupt(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    tm_poke(m, 0x3000, "C1C2C3");
    ccw(m, CCWS, 0x01, 0x3000, 0, 3);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_int_equal(((struct tdev *)d->state)->wlen, 3);
    assert_true(take_io(m));
    assert_int_equal(be16(m->mem + 0xBA), DEV);
    assert_int_equal(csw_ccw(m), CCWS + 8);
    assert_int_equal(csw_unit(m), US_CE | US_DE);
    assert_int_equal(csw_chan(m), 0);
    assert_int_equal(csw_count(m), 0);
    td_free(m, d);
    machine_free(m);
}

static void read_incorrect_length_and_sli(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    t->rlen = 5;
    memcpy(t->rdata, "\x11\x22\x33\x44\x55", 5);
    ccw(m, CCWS, 0x02, 0x3000, 0, 10);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_IL);
    assert_int_equal(csw_count(m), 5);
    assert_memory_equal(m->mem + 0x3000, t->rdata, 5);
    /* With SLI: no incorrect length, same residual. */
    ccw(m, CCWS, 0x02, 0x3100, CCW_SLI, 10);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), 0);
    assert_int_equal(csw_count(m), 5);
    /* Longer record than the count: truncated, IL. */
    t->rlen = 8;
    ccw(m, CCWS, 0x02, 0x3200, 0, 4);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_IL);
    assert_int_equal(csw_count(m), 0);
    assert_int_equal(m->mem[0x3204], 0);
    td_free(m, d);
    machine_free(m);
}

static void command_chaining_stops_on_incorrect_length(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    t->rlen = 2;
    ccw(m, CCWS, 0x02, 0x3000, CCW_CC, 4);      /* IL, no SLI: stops */
    ccw(m, CCWS + 8, 0x01, 0x3000, 0, 1);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(t->cmds, 1);
    assert_int_equal(csw_ccw(m), CCWS + 8);
    assert_int_equal(csw_chan(m), CS_IL);
    /* With SLI the chain goes on. */
    ccw(m, CCWS, 0x02, 0x3000, CCW_CC | CCW_SLI, 4);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(t->cmds, 3);
    assert_int_equal(csw_ccw(m), CCWS + 16);
    td_free(m, d);
    machine_free(m);
}

static void data_chaining_gathers_and_scatters(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    tm_poke(m, 0x3000, "0102");
    tm_poke(m, 0x4000, "030405");
    ccw(m, CCWS, 0x01, 0x3000, CCW_CD, 2);
    ccw(m, CCWS + 8, 0x00, 0x4000, 0, 3);       /* command ignored */
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_int_equal(t->wlen, 5);
    assert_memory_equal(t->wdata, "\1\2\3\4\5", 5);
    assert_true(take_io(m));
    assert_int_equal(csw_ccw(m), CCWS + 16);
    /* Read scattered into two areas, the first skipped. */
    t->rlen = 5;
    memcpy(t->rdata, "\x61\x62\x63\x64\x65", 5);
    ccw(m, CCWS, 0x02, 0x5000, CCW_CD | CCW_SKIP, 2);
    ccw(m, CCWS + 8, 0x00, 0x6000, 0, 3);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(m->mem[0x5000], 0);
    assert_memory_equal(m->mem + 0x6000, "\x63\x64\x65", 3);
    assert_int_equal(csw_chan(m), 0);
    td_free(m, d);
    machine_free(m);
}

/* The chain flags are the last CCW's of a data chain: a first CCW with
   CC and CD, a last without CC, ends the program there (GA22-7000,
   "Data chaining"); and the other way round chains on. */
static void data_chain_takes_the_last_ccws_flags(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    ccw(m, CCWS, 0x01, 0x3000, CCW_CD | CCW_CC, 2);
    ccw(m, CCWS + 8, 0x00, 0x4000, 0, 3);
    ccw(m, CCWS + 16, 0x03, 0, 0, 1);           /* must not run */
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(t->cmds, 1);
    assert_int_equal(csw_ccw(m), CCWS + 16);
    ccw(m, CCWS, 0x01, 0x3000, CCW_CD, 2);
    ccw(m, CCWS + 8, 0x00, 0x4000, CCW_CC, 3);
    ccw(m, CCWS + 16, 0x03, 0, CCW_SLI, 1);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(t->cmds, 3);
    assert_int_equal(csw_ccw(m), CCWS + 24);
    td_free(m, d);
    machine_free(m);
}

static void tic_rules(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    ccw(m, CCWS, 0x03, 0, CCW_CC, 1);
    ccw(m, CCWS + 8, 0x08, 0x2100, 0, 0);       /* TIC */
    ccw(m, 0x2100, 0x03, 0, 0, 1);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(t->cmds, 2);
    assert_int_equal(csw_ccw(m), 0x2108);
    /* TIC to TIC is a program check. */
    ccw(m, 0x2100, 0x08, 0x2200, 0, 0);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_PROG);
    td_free(m, d);
    machine_free(m);
}

static void bad_first_ccw_is_cc1(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    ccw(m, CCWS, 0x01, 0x3000, 0, 0);           /* count 0 */
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 1);
    assert_int_equal(csw_chan(m), CS_PROG);
    /* A CAW that is not doubleword aligned. */
    caw(m, 0, CCWS + 4);
    assert_int_equal(sio(m), 1);
    assert_int_equal(csw_chan(m), CS_PROG);
    /* A command reject on the first CCW: cc 1, unit check, sense. */
    ccw(m, CCWS, 0x55, 0x3000, 0, 1);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 1);
    assert_true(csw_unit(m) & US_UC);
    ccw(m, CCWS, 0x04, 0x3000, 0, 1);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(m->mem[0x3000], SNS0_CMDREJ);
    td_free(m, d);
    machine_free(m);
}

static void protection_check_with_caw_key(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    t->rlen = 4;
    m->keys[0x3000 >> 11] = 0x50;
    ccw(m, CCWS, 0x02, 0x3000, 0, 4);
    caw(m, 3, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_PROT);
    assert_int_equal(m->mem[64] >> 4, 3);
    assert_int_equal(m->mem[0x3000], 0);
    td_free(m, d);
    machine_free(m);
}

static void data_address_beyond_storage(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    ((struct tdev *)d->state)->rlen = 4;
    ccw(m, CCWS, 0x02, 0xFFFFFE, 0, 4);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_PROG);
    td_free(m, d);
    machine_free(m);
}

static void status_modifier_skips_a_ccw(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    ccw(m, CCWS, 0x13, 0, CCW_CC, 1);
    ccw(m, CCWS + 8, 0x01, 0x3000, CCW_CC, 1); /* skipped */
    ccw(m, CCWS + 16, 0x03, 0, 0, 1);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(t->cmds, 2);
    assert_int_equal(t->wlen, 0);
    assert_int_equal(csw_ccw(m), CCWS + 24);
    td_free(m, d);
    machine_free(m);
}

static void suspended_program_tio_hio(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    ccw(m, CCWS, 0x0A, 0x3000, CCW_SLI, 80);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_int_equal(tio(m), 2);                 /* busy */
    assert_int_equal(sio(m), 2);
    t->rlen = 3;
    memcpy(t->rdata, "abc", 3);
    chan_resume(d);
    assert_int_equal(tio(m), 1);                 /* CSW stored, cleared */
    assert_int_equal(csw_unit(m), US_CE | US_DE);
    assert_int_equal(csw_count(m), 77);
    assert_memory_equal(m->mem + 0x3000, "abc", 3);
    assert_int_equal(tio(m), 0);
    /* HIO ends a suspended program. */
    assert_int_equal(sio(m), 0);
    tm_insn(m, "9E0000E0");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_int_equal(tio(m), 0);
    td_free(m, d);
    machine_free(m);
}

static void not_operational_and_tch(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "9C000123");                      /* nothing at 123 */
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 3);
    tm_insn(m, "9F001000");                      /* TCH channel 16: none */
    m->cpu.gr[1] = 0;
    tm_insn(m, "9F000000");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 0);
    machine_free(m);
}

static void channel_masks_bc_and_ec(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);   /* channel 0 */
    struct device *e = td_attach(m, 0x7E0); /* channel 7 */
    ccw(m, CCWS, 0x03, 0, 0, 1);
    caw(m, 0, CCWS);
    tm_insn(m, "9C0000E0 9C0007E0");
    tm_step(m, 2);
    assert_true(chan_int_pending(m) == false); /* disabled PSW */
    /* EC mode, I/O on, CR2 allows only channel 7. */
    m->cpu.psw.sysmask = EC_IO;
    m->cpu.cr[2] = 0x01000000;
    assert_true(cpu_take_interrupt(&m->cpu));
    assert_int_equal(be16(m->mem + 0xBA), 0x7E0);
    m->cpu.psw.sysmask = EC_IO;
    m->cpu.psw.wait = false;
    assert_false(cpu_take_interrupt(&m->cpu));
    /* BC mode: bit 0 of the system mask is channel 0. */
    m->cpu.psw.ec = false;
    m->cpu.psw.sysmask = 0x80;
    assert_true(cpu_take_interrupt(&m->cpu));
    assert_int_equal(be16(m->mem + 0x3A), DEV); /* BC: code in old PSW */
    td_free(m, d);
    td_free(m, e);
    machine_free(m);
}

static void endless_tic_loop_does_not_hang(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    ccw(m, CCWS, 0x03, 0, CCW_CC, 1);
    ccw(m, CCWS + 8, 0x08, CCWS, 0, 0);         /* TIC back: forever */
    caw(m, 0, CCWS);
    m->cpu.gr[1] = 1000;
    m->cpu.gr[4] = TM_CODE + 4;
    /* SIO ; BCT 1,0(4) looping ; then HIO */
    tm_insn(m, "9C0000E0 46104000 9E0000E0");
    tm_step(m, 1);
    assert_int_equal(m->cpu.psw.cc, 0);
    /* 1000 BCTs and the HIO; the channel program's events run between
       the CPU's slices. */
    assert_int_equal(tm_run(m, 1001), STOP_INSN_LIMIT);
    assert_int_equal(m->cpu.gr[1], 0);
    assert_int_equal(m->cpu.psw.cc, 1);          /* HIO stopped it */
    assert_int_equal(tio(m), 0);
    td_free(m, d);
    machine_free(m);
}

static void idaws_cross_2k_blocks(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    struct tdev *t = d->state;
    t->rlen = 16;
    for (int i = 0; i < 16; i++)
        t->rdata[i] = (uint8_t)(0xA0 + i);
    tm_wr32(m, 0x2800, 0x000037F8);  /* 8 bytes up to the 2K boundary */
    tm_wr32(m, 0x2804, 0x00009000);  /* the rest at another block */
    ccw(m, CCWS, 0x02, 0x2800, CCW_IDA, 16);
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), 0);
    assert_memory_equal(m->mem + 0x37F8, t->rdata, 8);
    assert_memory_equal(m->mem + 0x9000, t->rdata + 8, 8);
    /* A second IDAW not on a 2K boundary is a program check. */
    tm_wr32(m, 0x2804, 0x00009004);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_PROG);
    td_free(m, d);
    machine_free(m);
}

static void pci_interrupts_while_running(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct device *d = td_attach(m, DEV);
    ccw(m, CCWS, 0x03, 0, CCW_CC | CCW_PCI, 1);
    ccw(m, CCWS + 8, 0x0A, 0x3000, CCW_SLI, 4);  /* then waits */
    caw(m, 0, CCWS);
    assert_int_equal(sio(m), 0);
    assert_true(take_io(m));
    assert_int_equal(csw_chan(m), CS_PCI);
    assert_int_equal(csw_unit(m), 0);
    assert_int_equal(tio(m), 2);                 /* still running */
    chan_resume(d);
    assert_true(take_io(m));
    assert_int_equal(csw_unit(m), US_CE | US_DE);
    td_free(m, d);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_then_interrupt),
        cmocka_unit_test(read_incorrect_length_and_sli),
        cmocka_unit_test(command_chaining_stops_on_incorrect_length),
        cmocka_unit_test(data_chaining_gathers_and_scatters),
        cmocka_unit_test(data_chain_takes_the_last_ccws_flags),
        cmocka_unit_test(tic_rules),
        cmocka_unit_test(bad_first_ccw_is_cc1),
        cmocka_unit_test(protection_check_with_caw_key),
        cmocka_unit_test(data_address_beyond_storage),
        cmocka_unit_test(status_modifier_skips_a_ccw),
        cmocka_unit_test(suspended_program_tio_hio),
        cmocka_unit_test(not_operational_and_tch),
        cmocka_unit_test(channel_masks_bc_and_ec),
        cmocka_unit_test(endless_tic_loop_does_not_hang),
        cmocka_unit_test(idaws_cross_2k_blocks),
        cmocka_unit_test(pci_interrupts_while_running),
    };
    return cmocka_run_group_tests_name("channel", tests, NULL, NULL);
}
