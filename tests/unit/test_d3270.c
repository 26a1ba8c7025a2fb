/*
 * test_d3270.c - the 3270 display: the screen buffer with its orders,
 * WCC, Read Buffer and Read Modified (devices/d3270_buf.c, checked
 * against the bytes a 3274 returns, GA23-0059), and the device through
 * real channel programs (devices/d3270.c): writes reaching the terminal
 * with the remote command codes, reads, sense, Sense ID, attention and
 * device end, intervention required without a terminal, reconnection.
 */
#include "testutil.h"
#include "dev.h"
#include "d3270.h"

/* -- the buffer ----------------------------------------------------------- */

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = 0;
    int hi = -1;
    for (; *h; h++) {
        int v;
        if (*h >= '0' && *h <= '9') v = *h - '0';
        else if (*h >= 'a' && *h <= 'f') v = *h - 'a' + 10;
        else if (*h >= 'A' && *h <= 'F') v = *h - 'A' + 10;
        else continue;
        if (hi < 0) hi = v;
        else out[n++] = (uint8_t)(hi << 4 | v), hi = -1;
    }
    return n;
}

static int wr(struct d3270_screen *s, const char *hex)
{
    uint8_t b[4096];
    size_t n = unhex(hex, b);
    return scr_write(s, b, n);
}

static int in(struct d3270_screen *s, const char *hex)
{
    uint8_t b[4096];
    size_t n = unhex(hex, b);
    return scr_inbound(s, b, n);
}

static void expect_rm(struct d3270_screen *s, const char *hex)
{
    uint8_t want[4096], got[D3270_MAXREAD];
    size_t n = unhex(hex, want);
    size_t g = scr_read_modified(s, got);
    if (g != n || memcmp(got, want, n)) {
        fprintf(stderr, "read modified: ");
        for (size_t i = 0; i < g; i++)
            fprintf(stderr, "%02x", got[i]);
        fprintf(stderr, "\nexpected:      %s\n", hex);
        fail();
    }
}

/* A screen: protected "AB" at 0, an unprotected field 4-19 with the
   cursor, a protected field from 20. */
static void form(struct d3270_screen *s)
{
    scr_init(s, 43, 80);
    assert_int_equal(wr(s, "c3 114040 1d60 c1c2 1d40 13 1140d4 1d60"), 0);
}

static void write_orders_and_read_buffer(void **state)
{
    struct d3270_screen s;
    form(&s);
    assert_true(s.isfa[0] && s.ch[0] == 0x20);
    assert_true(s.ch[1] == 0xC1 && s.ch[2] == 0xC2);
    assert_true(s.isfa[3] && s.ch[3] == 0x00);
    assert_int_equal(s.cursor, 4);
    assert_true(s.isfa[20] && s.ch[20] == 0x20);
    assert_int_equal(scr_field_of(&s, 10), 3);
    assert_int_equal(scr_field_of(&s, 1000), 20);
    assert_int_equal(scr_field_of(&s, 2), 0);
    uint8_t rb[D3270_MAXREAD];
    size_t n = scr_read_buffer(&s, rb);
    assert_int_equal(n, 3 + 1920 + 3);
    uint8_t head[] = {0x60, 0x40, 0xC4, 0x1D, 0x60, 0xC1, 0xC2, 0x1D, 0x40, 0x00};
    assert_memory_equal(rb, head, sizeof head);
    assert_int_equal(rb[3 + 2 + 2 + 2 + 16], 0x1D); /* the SF at 20 */
    assert_int_equal(rb[3 + 2 + 2 + 2 + 16 + 1], 0x60);
}

static void typed_field_and_read_modified(void **state)
{
    struct d3270_screen s;
    form(&s);
    expect_rm(&s, "60 40c4");                 /* nothing modified */
    /* Enter, cursor at 6, "HI" typed in the field at 4 */
    assert_int_equal(in(&s, "7d 40c6 1140c4 c8c9"), 0);
    assert_true(s.locked);
    assert_int_equal(s.ch[3], FA_MDT);
    expect_rm(&s, "7d 40c6 1140c4 c8c9");
    /* Read Buffer shows the field and its MDT */
    uint8_t rb[D3270_MAXREAD];
    scr_read_buffer(&s, rb);
    assert_memory_equal(rb, "\x7d\x40\xc6\x1d\x60\xc1\xc2\x1d\xc1\xc8\xc9\x00", 12);
    /* Typing again replaces the field's content */
    assert_int_equal(in(&s, "f1 40c5 1140c4 e7"), 0);
    expect_rm(&s, "f1 40c5 1140c4 e7");
    /* WCC reset MDT and keyboard restore */
    assert_int_equal(wr(&s, "03"), 0);
    assert_false(s.locked);
    assert_int_equal(s.aid, AID_NONE);
    expect_rm(&s, "60 40c5");
    /* A field the program wrote with MDT on is read without typing */
    assert_int_equal(wr(&s, "c3 1140d4 1dc1 c1"), 0);
    expect_rm(&s, "60 40c5 1140d5 c1");
}

static void short_reads_and_clear(void **state)
{
    struct d3270_screen s;
    form(&s);
    assert_int_equal(in(&s, "6c"), 0);       /* PA1 */
    expect_rm(&s, "6c");
    assert_int_equal(in(&s, "6e"), 0);
    expect_rm(&s, "6e");
    scr_erase(&s, true);
    assert_int_equal(s.size, 43 * 80);
    assert_int_equal(in(&s, "6d"), 0);        /* Clear: buffer erased, default size */
    assert_int_equal(s.size, 24 * 80);
    assert_false(s.isfa[0]);
    expect_rm(&s, "6d");
}

static void unformatted_read_modified(void **state)
{
    struct d3270_screen s;
    scr_init(&s, 24, 80);
    assert_int_equal(wr(&s, "c3 c1c2 11c150 c3 13"), 0); /* C at 80, cursor 81 */
    expect_rm(&s, "60 c1d1 c1c2c3");
    /* the terminal sends the whole screen, nulls suppressed */
    assert_int_equal(in(&s, "7d 4040 c8c5d3d3d6"), 0);
    expect_rm(&s, "7d 4040 c8c5d3d3d6");
    assert_int_equal(s.ch[80], 0);
}

static void more_orders(void **state)
{
    struct d3270_screen s;
    scr_init(&s, 24, 80);
    /* RA to address 10 with 'A', then GE X'AD' */
    assert_int_equal(wr(&s, "c3 114040 3c404a c1 08ad"), 0);
    for (int i = 0; i < 10; i++)
        assert_int_equal(s.ch[i], 0xC1);
    assert_int_equal(s.ch[10], 0xAD);
    /* RA with GE, and RA to its own address fills the whole buffer */
    assert_int_equal(wr(&s, "c3 114040 3c4040 c2"), 0);
    assert_int_equal(s.ch[1919], 0xC2);
    assert_int_equal(wr(&s, "c3 114040 3c4042 08ad"), 0);
    assert_int_equal(s.ch[1], 0xAD);
    /* 14-bit address: X'000A' = 10 */
    assert_int_equal(wr(&s, "c3 11000a c5"), 0);
    assert_int_equal(s.ch[10], 0xC5);
    /* SFE with a basic attribute pair and a colour pair; MF on it */
    scr_init(&s, 24, 80);
    assert_int_equal(wr(&s, "c3 114040 2902 c020 42f2 c1 1140c8 1d40 c3c4c5 1140d0 1d60"), 0);
    assert_true(s.isfa[0] && s.ch[0] == 0x20);
    assert_int_equal(wr(&s, "c3 1140c8 2c01 c0c1"), 0);
    assert_int_equal(s.ch[8], 0x01);
    expect_rm(&s, "60 4040 1140c9 c3c4c5");
    /* SA is accepted and ignored */
    assert_int_equal(wr(&s, "c3 114040 2841f2"), 0);
    /* EUA from 0 to 16: the unprotected field's data goes, the rest stays */
    assert_int_equal(wr(&s, "c3 114040 1240d0"), 0);
    assert_int_equal(s.ch[1], 0xC1);
    assert_true(s.ch[9] == 0 && s.ch[10] == 0 && s.ch[11] == 0);
    assert_int_equal(s.addr, 16);
    /* PT from 0 goes to the unprotected field (9); after data it nulls
       the rest of the field and goes to the next one */
    assert_int_equal(wr(&s, "c3 114040 05 c1c2 05 c8"), 0);
    assert_int_equal(s.ch[9], 0xC1);
    assert_int_equal(s.ch[10], 0xC2);
    assert_int_equal(s.ch[11], 0);
    assert_int_equal(s.ch[0], 0xC8); /* no further unprotected field: address 0 */
}

static void erase_unprotected(void **state)
{
    struct d3270_screen s;
    form(&s);
    assert_int_equal(in(&s, "7d 40c6 1140c4 c8c9"), 0);
    scr_erase_unprotected(&s);
    assert_int_equal(s.ch[4], 0);
    assert_int_equal(s.ch[1], 0xC1);
    assert_int_equal(s.ch[3], 0);
    assert_int_equal(s.cursor, 4);
    assert_false(s.locked);
    expect_rm(&s, "60 40c4");
}

static void invalid_data_streams(void **state)
{
    struct d3270_screen s;
    scr_init(&s, 24, 80);
    assert_int_equal(wr(&s, "c3 115f50"), -1);  /* address 2000 >= 1920 */
    assert_int_equal(wr(&s, "c3 1140"), -1);    /* SBA cut short */
    assert_int_equal(wr(&s, "c3 02"), -1);      /* no such order */
    assert_int_equal(wr(&s, "c3 1d"), -1);      /* SF without attribute */
    assert_int_equal(wr(&s, "c3 2905 c020"), -1); /* SFE pairs cut short */
    assert_int_equal(wr(&s, "c3 114040 2c01c020"), -1); /* MF not on an attribute */
    assert_int_equal(wr(&s, "c3 3c4040"), -1);  /* RA without character */
    scr_init(&s, 43, 80);
    scr_erase(&s, true);
    assert_int_equal(wr(&s, "c3 115f50 c1"), 0); /* 2000 is fine at 43x80 */
    assert_int_equal(s.ch[2000], 0xC1);
    form(&s);
    assert_int_equal(in(&s, ""), -1);
    assert_int_equal(in(&s, "7d 7f7f"), -1);     /* cursor beyond the screen */
    assert_int_equal(in(&s, "7d 4040 1140c1 c1"), -1); /* into a protected field */
    assert_int_equal(in(&s, "7d 4040 1140c4 c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1"), -1); /* too long */
    assert_int_equal(in(&s, "7d 4040 11"), -1);
}

/* Random write data streams and inbound records (a fixed-seed smoke test,
   not a fuzzer) keep the buffer consistent: addresses inside the screen. */
static void random_streams_smoke(void **state)
{
    unsigned seed = 4321;
    struct d3270_screen s;
    scr_init(&s, 27, 132);
    for (int round = 0; round < 5000; round++) {
        uint8_t b[300], out[D3270_MAXREAD];
        size_t n = 1 + (size_t)(rand_r(&seed) % (sizeof b - 1));
        for (size_t i = 0; i < n; i++) {
            int r = rand_r(&seed);
            /* orders and addresses often, characters otherwise */
            static const uint8_t ord[] = {0x05, 0x08, 0x11, 0x12, 0x13, 0x1D, 0x28, 0x29, 0x2C, 0x3C};
            b[i] = (r & 3) == 0 ? ord[(r >> 4) % sizeof ord] : (uint8_t)(r >> 8);
        }
        if (round % 7 == 0)
            scr_erase(&s, round % 2);
        if (round & 1)
            scr_write(&s, b, n);
        else
            scr_inbound(&s, b, n);
        assert_true(s.size == 1920 || s.size == 27 * 132);
        assert_true(s.addr >= 0 && s.addr < s.size);
        assert_true(s.cursor >= 0 && s.cursor < s.size);
        assert_true(scr_read_buffer(&s, out) <= D3270_MAXREAD);
        assert_true(scr_read_modified(&s, out) <= D3270_MAXREAD);
    }
}

/* -- the device through channel programs ----------------------------------- */

#define CCWS 0x2000
struct term {
    uint8_t rec[8192];
    size_t len;
    int n;
};

static void t_send(void *ctx, const uint8_t *rec, size_t len)
{
    struct term *t = ctx;
    memcpy(t->rec, rec, len);
    t->len = len;
    t->n++;
}

static void ccw(struct machine *m, uint32_t at, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    uint8_t *p = m->mem + at;
    p[0] = cmd;
    p[1] = (uint8_t)(addr >> 16); p[2] = (uint8_t)(addr >> 8); p[3] = (uint8_t)addr;
    p[4] = flags; p[5] = 0;
    put16(p + 6, count);
}

/* Run one CCW on 0C0 and return the unit status of its end. */
static int run1(struct machine *m, uint8_t cmd, uint32_t addr, uint16_t count)
{
    ccw(m, CCWS, cmd, addr, CCW_SLI, count);
    put32(m->mem + 0x48, CCWS);
    int cc = chan_sio(m, 0x0C0, false);
    if (cc == 1)
        return m->mem[68];
    assert_int_equal(cc, 0);
    assert_int_equal(chan_tio(m, 0x0C0), 1);
    return m->mem[68];
}

static void device_channel_programs(void **state)
{
    struct machine *m = tm_new();
    const char *err;
    struct device *dev = dev_create(m, "3270", 0x0C0, NULL, &err);
    assert_non_null(dev);
    struct term t = {0};
    /* No terminal: intervention required, but Sense ID works */
    assert_int_equal(run1(m, 0x05, 0x3000, 1), US_CE | US_DE | US_UC);
    assert_int_equal(run1(m, 0x04, 0x3100, 1), US_CE | US_DE);
    assert_int_equal(m->mem[0x3100], SNS0_INTREQ);
    assert_int_equal(run1(m, 0xE4, 0x3100, 7), US_CE | US_DE);
    assert_memory_equal(m->mem + 0x3100, "\xff\x32\x74\x1d\x32\x78\x02", 7);
    /* A terminal connects: device end; Sense ID gives its model */
    d3270_connect(dev, 43, 80, t_send, &t);
    assert_int_equal(chan_tio(m, 0x0C0), 1);
    assert_int_equal(m->mem[68], US_DE);
    assert_int_equal(run1(m, 0xE4, 0x3100, 7), US_CE | US_DE);
    assert_int_equal(m->mem[0x3106], 4);
    /* Erase/Write: into the buffer and to the terminal as F5 */
    size_t n = tm_poke(m, 0x3000, "C3 114040 1D60 C1C2 1D40 13 1140D4 1D60");
    assert_int_equal(run1(m, 0x05, 0x3000, (uint16_t)n), US_CE | US_DE);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.len, n + 1);
    assert_int_equal(t.rec[0], 0xF5);
    assert_memory_equal(t.rec + 1, m->mem + 0x3000, n);
    assert_int_equal(d3270_screen(dev)->size, 1920);
    /* Erase/Write Alternate: 7E, the model's size */
    assert_int_equal(run1(m, 0x0D, 0x3000, (uint16_t)n), US_CE | US_DE);
    assert_int_equal(t.rec[0], 0x7E);
    assert_int_equal(d3270_screen(dev)->size, 43 * 80);
    /* Write: F1; Erase All Unprotected: 6F alone */
    tm_poke(m, 0x3000, "C3 1140C4 C8");
    assert_int_equal(run1(m, 0x01, 0x3000, 5), US_CE | US_DE);
    assert_int_equal(t.rec[0], 0xF1);
    assert_int_equal(d3270_screen(dev)->ch[4], 0xC8);
    assert_int_equal(run1(m, 0x0F, 0x3000, 1), US_CE | US_DE);
    assert_int_equal(t.len, 1);
    assert_int_equal(t.rec[0], 0x6F);
    assert_int_equal(d3270_screen(dev)->ch[4], 0);
    /* The operator types and presses Enter: attention */
    uint8_t rec[] = {0x7D, 0x40, 0xC6, 0x11, 0x40, 0xC4, 0xC8, 0xC9};
    assert_int_equal(d3270_inbound(dev, rec, sizeof rec), 0);
    assert_int_equal(chan_tio(m, 0x0C0), 1);
    assert_int_equal(m->mem[68], US_ATTN);
    /* Read Modified: exactly the record, residual count in the CSW */
    assert_int_equal(run1(m, 0x06, 0x4000, 100), US_CE | US_DE);
    assert_memory_equal(m->mem + 0x4000, rec, sizeof rec);
    assert_int_equal(be16(m->mem + 70), 100 - sizeof rec);
    /* Read Buffer: AID, cursor, the whole buffer with SF orders */
    assert_int_equal(run1(m, 0x02, 0x5000, 8000), US_CE | US_DE);
    assert_int_equal(be16(m->mem + 70), 8000 - (3 + 3440 + 3));
    assert_memory_equal(m->mem + 0x5000, "\x7d\x40\xc6\x1d\x60\xc1\xc2\x1d\xc1\xc8\xc9", 11);
    /* NOP, Select; an unknown command is rejected; a bad order is an
       operation check and nothing reaches the terminal */
    assert_int_equal(run1(m, 0x03, 0, 1), US_CE | US_DE);
    assert_int_equal(run1(m, 0x0B, 0, 1), US_CE | US_DE);
    assert_int_equal(run1(m, 0x11, 0x3000, 4), US_CE | US_DE | US_UC);
    assert_int_equal(run1(m, 0x04, 0x3100, 1), US_CE | US_DE);
    assert_int_equal(m->mem[0x3100], SNS0_CMDREJ);
    int before = t.n;
    tm_poke(m, 0x3000, "C3 02");
    assert_int_equal(run1(m, 0x01, 0x3000, 2), US_CE | US_DE | US_UC);
    assert_int_equal(run1(m, 0x04, 0x3100, 1), US_CE | US_DE);
    assert_int_equal(m->mem[0x3100], 0x01);
    assert_int_equal(t.n, before);
    /* The terminal goes: intervention required; another comes: works */
    d3270_disconnect(dev);
    assert_int_equal(run1(m, 0x05, 0x3000, 1), US_CE | US_DE | US_UC);
    struct term t2 = {0};
    d3270_connect(dev, 24, 80, t_send, &t2);
    assert_int_equal(chan_tio(m, 0x0C0), 1);
    assert_int_equal(m->mem[68], US_DE);
    tm_poke(m, 0x3000, "C3");
    assert_int_equal(run1(m, 0x05, 0x3000, 1), US_CE | US_DE);
    assert_int_equal(t2.n, 1);
    assert_int_equal(t.n, before);
    machine_free(m);
}

/* An AID while a channel program runs on the device: the attention waits
   until the program has ended, then comes with (or after) its status. */
static void attention_waits_for_a_running_program(void **state)
{
    struct machine *m = tm_new();
    const char *err;
    struct device *dev = dev_create(m, "3270", 0x0C0, NULL, &err);
    struct term t = {0};
    d3270_connect(dev, 24, 80, t_send, &t);
    assert_int_equal(chan_tio(m, 0x0C0), 1); /* the device end */
    tm_insn(m, "A7F40000");                   /* the CPU loops: BRC 15,* */
    ccw(m, CCWS, 0x03, 0, CCW_CC | CCW_SLI, 1); /* NOP, TIC back: endless */
    ccw(m, CCWS + 8, 0x08, CCWS, 0, 0);
    put32(m->mem + 0x48, CCWS);
    assert_int_equal(chan_sio(m, 0x0C0, false), 0);
    assert_int_equal(d3270_inbound(dev, (const uint8_t *)"\x6c", 1), 0); /* PA1 */
    tm_run(m, 20000);
    assert_int_equal(chan_tio(m, 0x0C0), 2);  /* still running, nothing lost */
    chan_hio(m, 0x0C0, false);
    tm_run(m, 20000);
    assert_int_equal(chan_tio(m, 0x0C0), 1);
    assert_true(m->mem[68] & US_ATTN);
    assert_int_equal(chan_tio(m, 0x0C0), 0);
    assert_int_equal(run1(m, 0x06, 0x4000, 10), US_CE | US_DE);
    assert_int_equal(m->mem[0x4000], 0x6C);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(write_orders_and_read_buffer),
        cmocka_unit_test(typed_field_and_read_modified),
        cmocka_unit_test(short_reads_and_clear),
        cmocka_unit_test(unformatted_read_modified),
        cmocka_unit_test(more_orders),
        cmocka_unit_test(erase_unprotected),
        cmocka_unit_test(invalid_data_streams),
        cmocka_unit_test(random_streams_smoke),
        cmocka_unit_test(device_channel_programs),
        cmocka_unit_test(attention_waits_for_a_running_program),
    };
    return cmocka_run_group_tests_name("3270 display", tests, NULL, NULL);
}
