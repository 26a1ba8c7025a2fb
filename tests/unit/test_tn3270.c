/*
 * test_tn3270.c - the telnet state machine of the TN3270 server
 * (devices/tn3270_telnet.c), without sockets: what real clients send is
 * replayed (captured from s3270 4.x through a logging proxy against
 * `cpcms machine --tn3270`), and the bytes the machine sends back, the
 * device it asks for, readiness and the records are checked.  Then
 * negotiation variants, IAC escaping, and malformed or truncated input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "tn3270_telnet.h"

struct cap {
    uint8_t out[16384];
    size_t outlen;
    char asked[16];     /* name passed to assign, "*" for any */
    int assigns;
    int assign_ret;     /* what assign returns */
    int ready, rows, cols;
    uint8_t rec[16384];
    size_t reclen;
    int nrec;
};

static void c_send(void *ctx, const uint8_t *d, size_t n)
{
    struct cap *c = ctx;
    assert_true(c->outlen + n <= sizeof c->out);
    memcpy(c->out + c->outlen, d, n);
    c->outlen += n;
}
static int c_assign(void *ctx, const char *name, char *devname)
{
    struct cap *c = ctx;
    c->assigns++;
    snprintf(c->asked, sizeof c->asked, "%s", name ? name : "*");
    if (c->assign_ret)
        return c->assign_ret;
    strcpy(devname, name ? name : "0C0");
    return 0;
}
static void c_ready(void *ctx, int rows, int cols)
{
    struct cap *c = ctx;
    c->ready++;
    c->rows = rows;
    c->cols = cols;
}
static void c_record(void *ctx, const uint8_t *d, size_t n)
{
    struct cap *c = ctx;
    memcpy(c->rec, d, n);
    c->reclen = n;
    c->nrec++;
}
static const struct tn_callbacks cbs = {c_send, c_assign, c_ready, c_record};

static size_t unhex(const char *h, uint8_t *out)
{
    size_t n = 0;
    for (; h[0] && h[1]; h += 2) {
        if (*h == ' ') { h--; continue; }
        unsigned v;
        sscanf(h, "%2x", &v);
        out[n++] = (uint8_t)v;
    }
    return n;
}

static int feed(struct tn *t, const char *hex)
{
    uint8_t b[8192];
    size_t n = unhex(hex, b);
    return tn_input(t, b, n);
}

/* The output so far equals hex; then forget it. */
static void expect_out(struct cap *c, const char *hex)
{
    uint8_t b[8192];
    size_t n = unhex(hex, b);
    if (c->outlen != n || memcmp(c->out, b, n)) {
        fprintf(stderr, "got:      ");
        for (size_t i = 0; i < c->outlen; i++)
            fprintf(stderr, "%02x", c->out[i]);
        fprintf(stderr, "\nexpected: %s\n", hex);
        fail();
    }
    c->outlen = 0;
}

static void start(struct tn *t, struct cap *c)
{
    memset(c, 0, sizeof *c);
    tn_init(t, &cbs, c);
    expect_out(c, "fffd28"); /* DO TN3270E */
}

/* s3270, TN3270E, model 4 (its default): the whole negotiation. */
static void s3270_tn3270e(void **state)
{
    struct tn t;
    struct cap c;
    start(&t, &c);
    assert_int_equal(feed(&t, "fffb28"), 0);
    expect_out(&c, "fffa280802fff0");                      /* SEND DEVICE-TYPE */
    assert_int_equal(feed(&t, "fffa28020749424d2d333237382d342d45fff0"), 0);
    assert_string_equal(c.asked, "*");
    expect_out(&c, "fffa28020449424d2d333237382d342d4501304330fff0"); /* IS ... CONNECT 0C0 */
    assert_int_equal(feed(&t, "fffa280307000204fff0"), 0); /* FUNCTIONS REQUEST 0 2 4 */
    expect_out(&c, "fffa280307fff0");                      /* we offer none */
    assert_int_equal(c.ready, 0);
    assert_int_equal(feed(&t, "fffa280304fff0"), 0);       /* FUNCTIONS IS () */
    assert_int_equal(c.ready, 1);
    assert_int_equal(c.rows, 43);
    assert_int_equal(c.cols, 80);
    assert_int_equal(t.state, TN_READY);
    /* Enter with "hi" in the field at row 2, column 16 */
    assert_int_equal(feed(&t, "00000000007dc2f211c2f08889ffef"), 0);
    assert_int_equal(c.nrec, 1);
    assert_int_equal(c.reclen, 8);
    assert_memory_equal(c.rec, "\x7d\xc2\xf2\x11\xc2\xf0\x88\x89", 8);
    /* Functions renegotiated during the session: still none */
    assert_int_equal(feed(&t, "fffa28030702fff0"), 0);
    expect_out(&c, "fffa280307fff0");
    assert_int_equal(feed(&t, "fffa280304fff0"), 0);
    assert_int_equal(c.ready, 1);
    /* Outbound records carry the header with the sequence number. */
    tn_send_record(&t, (const uint8_t *)"\xf5\xc3", 2);
    tn_send_record(&t, (const uint8_t *)"\xf1\xc3", 2);
    expect_out(&c, "0000000000f5c3ffef" "0000000001f1c3ffef");
    tn_free(&t);
}

/* s3270 with the "N:" prefix (no TN3270E), model 2. */
static void s3270_tn3270(void **state)
{
    struct tn t;
    struct cap c;
    start(&t, &c);
    assert_int_equal(feed(&t, "fffc28"), 0);               /* WONT TN3270E */
    expect_out(&c, "fffd18");                              /* DO TERMINAL-TYPE */
    assert_int_equal(feed(&t, "fffb18"), 0);
    expect_out(&c, "fffa1801fff0");                        /* SEND */
    assert_int_equal(feed(&t, "fffa180049424d2d333237382d322d45fff0"), 0);
    expect_out(&c, "fffd19fffb19fffd00fffb00");
    assert_int_equal(feed(&t, "fffb19"), 0);
    assert_int_equal(feed(&t, "fffd19"), 0);
    assert_int_equal(c.ready, 0);
    assert_int_equal(feed(&t, "fffb00fffd00"), 0);
    expect_out(&c, "");                                    /* nothing more to say */
    assert_int_equal(c.ready, 1);
    assert_int_equal(c.rows, 24);
    assert_string_equal(c.asked, "*");
    assert_string_equal(t.ttype, "IBM-3278-2-E");
    assert_int_equal(feed(&t, "7dc2f211c2f08889ffef"), 0);
    assert_int_equal(c.reclen, 8);
    tn_send_record(&t, (const uint8_t *)"\xf5\xc3", 2);
    expect_out(&c, "f5c3ffef");                            /* no header */
    tn_free(&t);
}

/* s3270 asking for device 0C2 (0C2@host), model 5. */
static void s3270_device_name(void **state)
{
    struct tn t;
    struct cap c;
    start(&t, &c);
    feed(&t, "fffb28");
    expect_out(&c, "fffa280802fff0");
    assert_int_equal(feed(&t, "fffa28020749424d2d333237382d352d4501304332fff0"), 0);
    assert_string_equal(c.asked, "0C2");
    expect_out(&c, "fffa28020449424d2d333237382d352d4501304332fff0");
    feed(&t, "fffa280307000204fff0");
    feed(&t, "fffa280304fff0");
    assert_int_equal(c.ready, 1);
    assert_int_equal(c.rows, 27);
    assert_int_equal(c.cols, 132);
    tn_free(&t);
}

/* The device asked for is in use: REJECT DEVICE-IN-USE; the client may
   then fall back to TN3270 and name the device RFC 1646's way. */
static void device_in_use_then_fallback(void **state)
{
    struct tn t;
    struct cap c;
    start(&t, &c);
    feed(&t, "fffb28");
    c.outlen = 0;
    c.assign_ret = TNE_R_DEVICE_IN_USE;
    assert_int_equal(feed(&t, "fffa28020749424d2d333237382d322d4501304331fff0"), 0);
    expect_out(&c, "fffa28020605" "01" "fff0");
    assert_int_equal(t.state, TN_NEGOTIATING);
    assert_int_equal(feed(&t, "fffc28"), 0);               /* WONT TN3270E */
    expect_out(&c, "fffe28fffd18");                        /* DONT, DO TTYPE */
    feed(&t, "fffb18");
    c.outlen = 0;
    /* IBM-3278-2@0C1 */
    assert_int_equal(feed(&t, "fffa180049424d2d333237382d32403043 31fff0"), 0);
    assert_int_equal(feed(&t, "fffb19fffd19fffb00fffd00"), -1);
    assert_string_equal(c.asked, "0C1");
    assert_string_equal(t.err, "the 3270 device asked for is in use");
    tn_free(&t);
}

static void associate_and_bad_types_are_rejected(void **state)
{
    struct tn t;
    struct cap c;
    start(&t, &c);
    feed(&t, "fffb28");
    c.outlen = 0;
    /* ASSOCIATE 0C0: no printer sessions */
    assert_int_equal(feed(&t, "fffa28020749424d2d333237382d322d4500304330fff0"), 0);
    expect_out(&c, "fffa28020605" "02" "fff0");
    /* IBM-DYNAMIC: not a model we know */
    assert_int_equal(feed(&t, "fffa28020749424d2d44594e414d4943fff0"), 0);
    expect_out(&c, "fffa28020605" "04" "fff0");
    assert_int_equal(c.assigns, 0);
    /* then a good one */
    assert_int_equal(feed(&t, "fffa28020749424d2d333237392d332d45fff0"), 0);
    assert_int_equal(c.assigns, 1);
    feed(&t, "fffa280307fff0");                            /* FUNCTIONS REQUEST () */
    expect_out(&c, "fffa28020449424d2d333237392d332d4501304330fff0" "fffa280304fff0");
    assert_int_equal(c.ready, 1);
    assert_int_equal(c.rows, 32);
    tn_free(&t);
}

static void unknown_options_refused_once(void **state)
{
    struct tn t;
    struct cap c;
    start(&t, &c);
    assert_int_equal(feed(&t, "fffd01" "fffb03" "fffe05" "fffc06" "fff1" "fffa2001020304fff0"), 0);
    expect_out(&c, "fffc01" "fffe03");   /* WONT ECHO, DONT SGA; nothing else */
    assert_int_equal(t.state, TN_NEGOTIATING);
    tn_free(&t);
}

static void model_sizes(void **state)
{
    int r, c;
    assert_int_equal(tn_model_size("IBM-3278-2", &r, &c), 0);
    assert_true(r == 24 && c == 80);
    assert_int_equal(tn_model_size("IBM-3279-3-E", &r, &c), 0);
    assert_true(r == 32 && c == 80);
    assert_int_equal(tn_model_size("IBM-3278-4-E", &r, &c), 0);
    assert_true(r == 43 && c == 80);
    assert_int_equal(tn_model_size("IBM-3278-5", &r, &c), 0);
    assert_true(r == 27 && c == 132);
    assert_int_equal(tn_model_size("IBM-3277-2", &r, &c), 0);
    assert_int_equal(tn_model_size("IBM-3277-4", &r, &c), -1);
    assert_int_equal(tn_model_size("IBM-3278-6", &r, &c), -1);
    assert_int_equal(tn_model_size("IBM-3278-2-X", &r, &c), -1);
    assert_int_equal(tn_model_size("VT100", &r, &c), -1);
    assert_int_equal(tn_model_size("", &r, &c), -1);
}

/* A TN3270 session made ready the short way, for the record tests. */
static void ready_plain(struct tn *t, struct cap *c)
{
    start(t, c);
    feed(t, "fffc28" "fffb18" "fffa180049424d2d333237382d32fff0" "fffb19fffd19fffb00fffd00");
    assert_int_equal(c->ready, 1);
    c->outlen = 0;
}

static void iac_escaping_both_ways(void **state)
{
    struct tn t;
    struct cap c;
    ready_plain(&t, &c);
    assert_int_equal(feed(&t, "7dffff40ffef"), 0);
    assert_int_equal(c.reclen, 3);
    assert_memory_equal(c.rec, "\x7d\xff\x40", 3);
    tn_send_record(&t, (const uint8_t *)"\xf1\xff\xc3\xff", 4);
    expect_out(&c, "f1ffffc3ffffffef");
    tn_free(&t);
    /* TN3270E: a sequence number with X'FF' in it is doubled too */
    start(&t, &c);
    feed(&t, "fffb28" "fffa28020749424d2d333237382d32fff0" "fffa280307fff0");
    assert_int_equal(c.ready, 1);
    c.outlen = 0;
    t.seq = 0x00FF;
    tn_send_record(&t, (const uint8_t *)"\xf1", 1);
    expect_out(&c, "00000000ffff" "f1ffef");
    tn_free(&t);
}

/* Input split anywhere (even inside IAC sequences) gives the same result. */
static void truncated_input_resumes(void **state)
{
    static const char *stream = "fffb28" "fffa28020749424d2d333237382d332d45fff0"
                                "fffa280307000204fff0" "fffa280304fff0" "00000000007d4040ffff11c2f0c1ffef";
    uint8_t b[512];
    size_t n = unhex(stream, b);
    for (size_t cut = 1; cut < n; cut++) {
        struct tn t;
        struct cap c;
        start(&t, &c);
        for (size_t i = 0; i < n; i += cut)
            assert_int_equal(tn_input(&t, b + i, i + cut <= n ? cut : n - i), 0);
        assert_int_equal(c.ready, 1);
        assert_int_equal(c.nrec, 1);
        assert_int_equal(c.reclen, 8);
        assert_memory_equal(c.rec, "\x7d\x40\x40\xff\x11\xc2\xf0\xc1", 8);
        tn_free(&t);
    }
    /* A record cut off before IAC EOR is not delivered. */
    struct tn t;
    struct cap c;
    ready_plain(&t, &c);
    assert_int_equal(feed(&t, "7d4040c1c2"), 0);
    assert_int_equal(c.nrec, 0);
    assert_int_equal(feed(&t, "ff"), 0);
    assert_int_equal(c.nrec, 0);
    assert_int_equal(feed(&t, "ef"), 0);
    assert_int_equal(c.nrec, 1);
    tn_free(&t);
}

/* Each malformed input makes the machine fail with a message. */
static void malformed_input_fails(void **state)
{
    static const struct { const char *in; const char *err; bool ready; } cases[] = {
        {"c1c2c3", "3270 data before the negotiation finished", false},
        {"ff01", "IAC followed by a byte that is no telnet command", false},
        {"fff0", "IAC SE outside a subnegotiation", false},
        {"fffa18ff01", "IAC inside a subnegotiation not followed by SE or IAC", false},
        {"fffa28020749424d2d333237382d32fff0", "TN3270E subnegotiation without TN3270E", false},
        {"fffc28fffc18", "client refuses TERMINAL-TYPE: not a 3270 emulator", false},
        {"fffc28fffb18fffa180056543130300dfff0", "terminal type is not an IBM 3277/3278/3279 model 2-5", false},
        {"fffc28fffb18fffa180049424d2d333237382d32fff0fffc19", "client refuses BINARY or END-OF-RECORD", false},
        {"fffb28fffa2802fff0", "TN3270E subnegotiation too short", false},
        {"fffb28fffa280307fff0", "TN3270E FUNCTIONS before DEVICE-TYPE", false},
        {"fffb28fffa28020749424d2d333237382d3201fff0", "TN3270E CONNECT or ASSOCIATE without a name", false},
        {"fffb28fffa28090909fff0", "TN3270E subnegotiation not understood", false},
        {"fffb28fffa28020749424d2d333237382d32fff0fffa280304fff0fffa28020749424d2d333237382d32fff0",
         "TN3270E device type requested twice", true},
        {"fffb28fffa28020749424d2d333237382d32fff0fffa28030402fff0",
         "client insists on TN3270E functions we do not offer", false},
        {"fffb28fffa28020749424d2d333237382d32fff0fffa280304fff0" "0000ffef",
         "TN3270E record shorter than its header", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct tn t;
        struct cap c;
        start(&t, &c);
        int r = feed(&t, cases[i].in);
        if (r != -1 || !t.err || strcmp(t.err, cases[i].err)) {
            fprintf(stderr, "case %zu: r=%d err=%s\n", i, r, t.err ? t.err : "(none)");
            fail();
        }
        assert_int_equal(t.state, TN_FAILED);
        assert_int_equal(c.ready, cases[i].ready);
        /* once failed, it stays failed */
        assert_int_equal(feed(&t, "fffb28"), -1);
        tn_free(&t);
    }
    /* overlong subnegotiation and record */
    struct tn t;
    struct cap c;
    start(&t, &c);
    uint8_t big[TN_RECORD_MAX + 8];
    memset(big, 0x40, sizeof big);
    big[0] = TN_IAC, big[1] = TN_SB, big[2] = TN_OPT_TTYPE;
    assert_int_equal(tn_input(&t, big, TN_SB_MAX + 8), -1);
    assert_string_equal(t.err, "subnegotiation too long");
    tn_free(&t);
    ready_plain(&t, &c);
    assert_int_equal(tn_input(&t, big + 8, TN_RECORD_MAX), 0);
    assert_int_equal(tn_input(&t, big + 8, 1), -1);
    assert_string_equal(t.err, "inbound 3270 record too long");
    tn_free(&t);
}

/* Random bytes (not a fuzzer: a fixed-seed smoke test) never crash the
   machine; it either goes on or fails with a message. */
static void random_input_smoke(void **state)
{
    unsigned seed = 12345;
    for (int round = 0; round < 2000; round++) {
        struct tn t;
        struct cap c;
        if (round & 1)
            ready_plain(&t, &c);
        else
            start(&t, &c);
        uint8_t b[256];
        size_t n = (size_t)(rand_r(&seed) % sizeof b);
        for (size_t i = 0; i < n; i++) {
            int r = rand_r(&seed);
            b[i] = (r & 3) == 0 ? 0xFF : (uint8_t)(r >> 8); /* plenty of IACs */
        }
        int r = tn_input(&t, b, n);
        assert_true(r == 0 || (r == -1 && t.err && t.state == TN_FAILED));
        tn_free(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(s3270_tn3270e),
        cmocka_unit_test(s3270_tn3270),
        cmocka_unit_test(s3270_device_name),
        cmocka_unit_test(device_in_use_then_fallback),
        cmocka_unit_test(associate_and_bad_types_are_rejected),
        cmocka_unit_test(unknown_options_refused_once),
        cmocka_unit_test(model_sizes),
        cmocka_unit_test(iac_escaping_both_ways),
        cmocka_unit_test(truncated_input_resumes),
        cmocka_unit_test(malformed_input_fails),
        cmocka_unit_test(random_input_smoke),
    };
    return cmocka_run_group_tests_name("tn3270 telnet", tests, NULL, NULL);
}
