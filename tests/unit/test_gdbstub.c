/*
 * test_gdbstub.c - the GDB remote stub (machine/gdbstub.c): the packet
 * layer (checksums, framing and escapes, the receive state machine, hex),
 * the PSW mapping, each packet on a small machine, and over a socketpair
 * the acknowledgements, a continue interrupted by Ctrl-C while the machine
 * runs, and detach.
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <poll.h>

#include "testutil.h"
#include "gdbstub.h"
#include "debug.h"

/* --- packet layer ----------------------------------------------------------- */

static void checksum_and_frame(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(gdb_checksum("OK", 2), 0x9a);
    assert_int_equal(gdb_checksum("", 0), 0);
    assert_int_equal(gdb_frame("OK", 2, out, sizeof out), 6);
    assert_memory_equal(out, "$OK#9a", 6);
    assert_int_equal(gdb_frame("", 0, out, sizeof out), 4);
    assert_memory_equal(out, "$#00", 4);
    /* '#', '$', '}' and '*' go out as '}' and the byte XOR 0x20. */
    size_t n = gdb_frame("a#b$c}d*", 8, out, sizeof out);
    const char want[] = "$a}\x03" "b}\x04" "c}]d}\x0a";
    assert_int_equal(n, sizeof want - 1 + 3);
    assert_memory_equal(out, want, sizeof want - 1);
    char cs[3];
    snprintf(cs, sizeof cs, "%02x", gdb_checksum(want + 1, sizeof want - 2));
    assert_memory_equal(out + n - 2, cs, 2);
    /* Too small: nothing. */
    assert_int_equal(gdb_frame("OK", 2, out, 5), 0);
    assert_int_equal(gdb_frame("#", 1, out, 5), 0);
    assert_int_equal(gdb_frame("#", 1, out, 6), 6);
}

static void unescape(void **state)
{
    (void)state;
    char d[] = "a}\x03" "b}]";
    assert_int_equal(gdb_unescape(d, sizeof d - 1), 4);
    assert_memory_equal(d, "a#b}", 4);
    char e[] = "ab}";
    assert_int_equal(gdb_unescape(e, 3), -1);
}

/* Feed a string to the receiver; the events, one char each, as a string:
   . more, P packet, B bad, I interrupt, + ack, - nak. */
static void feed(struct gdb_rx *rx, const char *s, size_t n, char *events)
{
    static const char code[] = {'.', 'P', 'B', 'I', '+', '-'};
    for (size_t i = 0; i < n; i++)
        events[i] = code[gdb_rx_byte(rx, (uint8_t)s[i])];
    events[n] = 0;
}

static void receive(void **state)
{
    (void)state;
    struct gdb_rx rx;
    char ev[64];
    gdb_rx_init(&rx);
    feed(&rx, "+$g#67", 6, ev);
    assert_string_equal(ev, "+....P");
    assert_string_equal(rx.buf, "g");
    assert_int_equal(rx.len, 1);
    feed(&rx, "$g#68", 5, ev);
    assert_string_equal(ev, "....B");
    feed(&rx, "$g#x", 4, ev);       /* not a hex digit */
    assert_string_equal(ev, "...B");
    feed(&rx, "\x03-junk", 6, ev);
    assert_string_equal(ev, "I-....");
    /* A '$' inside restarts: the first packet was cut off. */
    char cut[32];
    snprintf(cut, sizeof cut, "$m10$m1000,4#%02x", gdb_checksum("m1000,4", 7));
    feed(&rx, cut, 15, ev);
    assert_string_equal(ev, "..............P");
    assert_string_equal(rx.buf, "m1000,4");
    /* Upper-case checksum digits are fine. */
    feed(&rx, "$OK#9A", 6, ev);
    assert_int_equal(ev[5], 'P');
    /* Longer than PacketSize: refused. */
    for (int i = 0; i < GDB_PKT_MAX + 10; i++)
        gdb_rx_byte(&rx, i ? 'a' : '$');
    uint8_t sum = (uint8_t)((GDB_PKT_MAX + 9) * 'a');
    char tail[4];
    snprintf(tail, sizeof tail, "#%02x", sum);
    feed(&rx, tail, 3, ev);
    assert_string_equal(ev, "..B");
}

static void hex(void **state)
{
    (void)state;
    char out[16];
    uint8_t b[4];
    gdb_hex_encode(out, "\x01\xAB\xff", 3);
    assert_string_equal(out, "01abff");
    assert_int_equal(gdb_hex_decode(b, "01AbfF", 3), 0);
    assert_memory_equal(b, "\x01\xAB\xff", 3);
    assert_int_equal(gdb_hex_decode(b, "0g", 1), -1);
    assert_int_equal(gdb_hex_decode(b, "0", 1), -1);
}

/* --- the PSW mapping ------------------------------------------------------------- */

static void psw_mapping(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    uint32_t pm, pa;
    /* EC mode: the two words as stored. */
    uint8_t ec[8] = {0x04, 0x5C, 0x23, 0x00, 0x00, 0x01, 0x23, 0x46};
    assert_int_equal(psw_load(&m->cpu, ec), 0);
    gdb_psw_get(&m->cpu, &pm, &pa);
    assert_int_equal(pm, 0x045C2300);
    assert_int_equal(pa, 0x00012346);
    /* BC mode: cc and program mask move to pswm bits 18-23, pswa is the
       address alone. */
    uint8_t bc[8] = {0xFF, 0x35, 0x12, 0x34, 0x9A, 0x01, 0x23, 0x46};
    assert_int_equal(psw_load(&m->cpu, bc), 0);
    gdb_psw_get(&m->cpu, &pm, &pa);
    assert_int_equal(pm, 0xFF351A00);
    assert_int_equal(pa, 0x00012346);
    /* And back: a new cc, the ILC and interruption code kept. */
    assert_int_equal(gdb_psw_set(&m->cpu, 0xFF352A00, 0x00012348), 0);
    uint8_t out[8];
    psw_store(&m->cpu, out, m->cpu.psw.intcode, m->cpu.psw.ilc);
    assert_memory_equal(out, "\xFF\x35\x12\x34\xAA\x01\x23\x48", 8);
    /* To EC mode through pswm; an invalid EC PSW changes nothing. */
    assert_int_equal(gdb_psw_set(&m->cpu, 0x00080000, 0x00001000), 0);
    assert_true(m->cpu.psw.ec);
    assert_int_equal(gdb_psw_set(&m->cpu, 0x00080001, 0x00002000), -1);
    assert_int_equal(m->cpu.psw.ia, 0x1000);
    assert_int_equal(gdb_psw_set(&m->cpu, 0x80080000, 0x00002000), -1);
    /* The high byte of pswa (GDB's addressing-mode bit) is ignored. */
    assert_int_equal(gdb_psw_set(&m->cpu, 0x00080000, 0x80002000), 0);
    assert_int_equal(m->cpu.psw.ia, 0x2000);
    machine_free(m);
}

/* --- packets ---------------------------------------------------------------------- */

static char reply[GDB_PKT_MAX + 1];

/* Send packet data (a copy: the stub may change it) and return the reply. */
static const char *pkt(struct gdb *g, const char *data, size_t len)
{
    char buf[GDB_PKT_MAX + 1];
    memcpy(buf, data, len);
    buf[len] = 0;
    long n = gdb_packet(g, buf, len, reply);
    if (n < 0)
        return NULL;
    assert_int_equal((size_t)n, strlen(reply));
    return reply;
}
#define P(g, s) pkt(g, s, strlen(s))

static void registers(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct gdb *g = gdb_new(m);
    for (int i = 0; i < 16; i++)
        m->cpu.gr[i] = 0x01010101u * (uint32_t)i;
    m->cpu.fpc = 0x00080000;
    m->cpu.fpr[15] = 0x4110000000000000ull;
    const char *r = P(g, "g");
    assert_int_equal(strlen(r), 2 * GDB_G_BYTES);
    assert_memory_equal(r, "0008000000001000", 16);            /* pswm, pswa */
    assert_memory_equal(r + 16 + 8 * 15, "0f0f0f0f", 8);       /* r15 */
    assert_memory_equal(r + 16 + 8 * 16, "00000000", 8);       /* acr0 */
    assert_memory_equal(r + 16 + 8 * 32, "00080000", 8);       /* fpc */
    assert_memory_equal(r + 2 * GDB_G_BYTES - 16, "4110000000000000", 16); /* f15 */

    /* G: the same back with r1 changed. */
    char all[2 * GDB_G_BYTES + 2];
    all[0] = 'G';
    memcpy(all + 1, r, 2 * GDB_G_BYTES);
    memcpy(all + 1 + 16 + 8, "cafef00d", 8);
    all[1 + 2 * GDB_G_BYTES] = 0;
    assert_string_equal(pkt(g, all, strlen(all)), "OK");
    assert_int_equal(m->cpu.gr[1], 0xCAFEF00D);
    assert_int_equal(m->cpu.gr[2], 0x02020202);
    assert_string_equal(P(g, "G00"), "E01");
    memcpy(all + 1, "ff080000", 8);                              /* invalid PSW */
    assert_string_equal(pkt(g, all, strlen(all)), "E01");
    assert_true(m->cpu.psw.ec && m->cpu.psw.sysmask == 0);

    assert_string_equal(P(g, "p1"), "00001000");
    assert_string_equal(P(g, "p11"), "0f0f0f0f");               /* r15 */
    assert_string_equal(P(g, "p22"), "00080000");               /* fpc */
    assert_string_equal(P(g, "p32"), "4110000000000000");       /* f15 */
    assert_string_equal(P(g, "p33"), "E01");
    assert_string_equal(P(g, "px"), "E01");
    assert_string_equal(P(g, "P2=0000abcd"), "OK");
    assert_int_equal(m->cpu.gr[0], 0xABCD);
    assert_string_equal(P(g, "P1=00002000"), "OK");
    assert_int_equal(m->cpu.psw.ia, 0x2000);
    assert_string_equal(P(g, "P23=3ff0000000000000"), "OK");
    assert_true(m->cpu.fpr[0] == 0x3ff0000000000000ull);
    assert_string_equal(P(g, "P12=00000001"), "OK");            /* acr0: ignored */
    assert_string_equal(P(g, "P0=00080001"), "E01");
    assert_string_equal(P(g, "P2=00ab"), "E01");
    assert_string_equal(P(g, "P33=00000000"), "E01");
    gdb_free(g);
    machine_free(m);
}

static void memory(void **state)
{
    (void)state;
    struct machine *m = tm_new(); /* 1 MB */
    struct gdb *g = gdb_new(m);
    tm_wr32(m, 0x1000, 0x47F0C00A);
    assert_string_equal(P(g, "m1000,4"), "47f0c00a");
    assert_string_equal(P(g, "mffffc,4"), "00000000");  /* the last word */
    assert_string_equal(P(g, "mffffe,4"), "E01");
    assert_string_equal(P(g, "m100000,1"), "E01");
    assert_string_equal(P(g, "m7fffffff,1"), "E01");
    assert_string_equal(P(g, "m1000"), "E01");
    assert_string_equal(P(g, "mxyz,4"), "E01");
    /* Real storage: prefixing applies. */
    m->cpu.prefix = 0x8000;
    tm_wr32(m, 0x8000, 0x11223344);
    assert_string_equal(P(g, "m0,4"), "11223344");
    m->cpu.prefix = 0;
    /* Long reads are cut to what a packet holds. */
    assert_int_equal(strlen(P(g, "m0,10000")), GDB_PKT_MAX);

    assert_string_equal(P(g, "M2000,2:beef"), "OK");
    assert_int_equal(be16(m->mem + 0x2000), 0xBEEF);
    assert_string_equal(P(g, "M2000,2:be"), "E01");
    assert_string_equal(P(g, "M2000,1:zz"), "E01");
    assert_string_equal(P(g, "Mffffe,4:00000000"), "E01");
    assert_int_equal(m->mem[0xFFFFE], 0);

    const char x[] = "X3000,3:}]}\x03" "a";   /* 7d 23 61, escaped */
    assert_string_equal(pkt(g, x, sizeof x - 1), "OK");
    assert_memory_equal(m->mem + 0x3000, "\x7d\x23\x61", 3);
    assert_string_equal(P(g, "X3000,0:"), "OK");
    assert_string_equal(P(g, "X3000,2:a"), "E01");
    assert_string_equal(P(g, "Xfffff,2:ab"), "E01");
    gdb_free(g);
    machine_free(m);
}

static void queries_and_breakpoints(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct gdb *g = gdb_new(m);
    assert_string_equal(P(g, "?"), "S05");
    const char *r = P(g, "qSupported:multiprocess+;swbreak+;hwbreak+");
    assert_non_null(strstr(r, "PacketSize=4000"));
    assert_non_null(strstr(r, "qXfer:features:read+"));
    assert_non_null(strstr(r, "swbreak+"));
    assert_string_equal(P(g, "qAttached"), "1");
    assert_string_equal(P(g, "vCont?"), "vCont;c;C;s;S");
    assert_string_equal(P(g, "vMustReplyEmpty"), "");
    assert_string_equal(P(g, "qTStatus"), "");
    assert_string_equal(P(g, "Hg0"), "OK");
    assert_string_equal(P(g, "qXfer:features:read:other.xml:0,100"), "E00");

    /* target.xml in pieces: the s390:31-bit registers in our order. */
    char xml[8192] = "";
    for (size_t off = 0;;) {
        char q[64];
        snprintf(q, sizeof q, "qXfer:features:read:target.xml:%zx,100", off);
        r = P(g, q);
        assert_true(r[0] == 'm' || r[0] == 'l');
        strcat(xml, r + 1);
        off += strlen(r + 1);
        if (r[0] == 'l')
            break;
    }
    assert_non_null(strstr(xml, "<architecture>s390:31-bit</architecture>"));
    int nregs = 0;
    for (const char *p = xml; (p = strstr(p, "<reg ")); p++)
        nregs++;
    assert_int_equal(nregs, GDB_NREGS);
    const char *pswm = strstr(xml, "\"pswm\""), *r15 = strstr(xml, "\"r15\""),
               *acr0 = strstr(xml, "\"acr0\""), *fpc = strstr(xml, "\"fpc\""),
               *f15 = strstr(xml, "\"f15\" bitsize=\"64\"");
    assert_true(pswm && r15 && acr0 && fpc && f15);
    assert_true(pswm < r15 && r15 < acr0 && acr0 < fpc && fpc < f15);

    assert_string_equal(P(g, "Z0,1000,2"), "OK");
    assert_string_equal(P(g, "Z1,2000,2"), "OK");
    uint32_t b[4];
    assert_int_equal(debug_break_list(m, b, 4), 2);
    assert_string_equal(P(g, "z0,1000,2"), "OK");
    assert_string_equal(P(g, "z1,2000,2"), "OK");
    assert_int_equal(debug_break_list(m, b, 4), 0);
    assert_string_equal(P(g, "Z2,1000,4"), "");              /* watchpoints: no */
    assert_string_equal(P(g, "Z0,1000000,2"), "E01");

    /* monitor: operator commands that only look or alter. */
    char q[128] = "qRcmd,";
    gdb_hex_encode(q + 6, "gpr 1=77", 8);
    r = P(g, q);
    char text[512];
    size_t n = strlen(r) / 2;
    assert_int_equal(gdb_hex_decode(text, r, n), 0);
    text[n] = 0;
    assert_non_null(strstr(text, "R1 =00000077"));
    assert_int_equal(m->cpu.gr[1], 0x77);
    gdb_hex_encode(q + 6, "start", 5);
    r = P(g, q);
    n = strlen(r) / 2;
    gdb_hex_decode(text, r, n);
    text[n] = 0;
    assert_non_null(strstr(text, "not from gdb"));
    gdb_free(g);
    machine_free(m);
}

static void step_continue_kill(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct gdb *g = gdb_new(m);
    tm_insn(m, "1A12 1A12 0000");
    m->cpu.gr[2] = 3;
    m->cpu.stopped = true;
    assert_string_equal(P(g, "s"), "T05");
    assert_int_equal(m->cpu.gr[1], 3);
    assert_int_equal(m->cpu.psw.ia, 0x1002);
    assert_true(m->cpu.stopped);
    assert_string_equal(P(g, "vCont;s:1"), "T05");
    assert_int_equal(m->cpu.gr[1], 6);
    assert_string_equal(P(g, "?"), "T05");
    assert_string_equal(P(g, "s1000"), "T05");              /* from an address */
    assert_int_equal(m->cpu.gr[1], 9);
    assert_null(P(g, "c"));
    assert_false(m->cpu.stopped);
    assert_false(gdb_done(g));
    m->cpu.stopped = true;
    assert_null(P(g, "k"));
    assert_true(gdb_done(g));
    gdb_free(g);
    machine_free(m);
}

/* A step into a disabled wait ends the machine: W with its code. */
static void step_to_the_end(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct gdb *g = gdb_new(m);
    tm_poke(m, 0x200, "000A0000 0000002A");
    tm_insn(m, "82000200");                               /* LPSW 0x200 */
    m->cpu.stopped = true;
    assert_string_equal(P(g, "s"), "T05");
    assert_string_equal(P(g, "s"), "W2a");
    assert_true(gdb_done(g));
    gdb_free(g);
    machine_free(m);
}

/* --- over a connection --------------------------------------------------------------- */

/* Read what the stub sent within a second (NUL-terminated). */
static const char *got(int fd)
{
    static char buf[1024];
    size_t n = 0;
    struct pollfd p = {fd, POLLIN, 0};
    while (n < sizeof buf - 1 && poll(&p, 1, n ? 50 : 1000) > 0) {
        ssize_t r = read(fd, buf + n, sizeof buf - 1 - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    buf[n] = 0;
    return buf;
}

static void say(int fd, const char *s)
{
    assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

/* Send data as a packet. */
static void sayp(int fd, const char *data)
{
    char f[256];
    size_t n = gdb_frame(data, strlen(data), f, sizeof f - 1);
    f[n] = 0;
    say(fd, f);
}

static void connection(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct gdb *g = gdb_new(m);
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    tm_insn(m, "A7F40000");                  /* J * : runs forever */
    assert_int_equal(gdb_attach_fd(g, sv[0]), 0);
    assert_true(m->cpu.stopped);             /* a debugger stops the machine */
    assert_true(gdb_connected(g));

    say(sv[1], "$?#3f");
    machine_poll(m, 0);
    assert_string_equal(got(sv[1]), "+$S05#b8");
    say(sv[1], "$?#00");                     /* bad checksum */
    machine_poll(m, 0);
    assert_string_equal(got(sv[1]), "-");
    say(sv[1], "-");                         /* send the last one again */
    machine_poll(m, 0);
    assert_string_equal(got(sv[1]), "$S05#b8");

    /* Continue, then Ctrl-C while it runs: the machine stops, T02. */
    say(sv[1], "$c#63");
    machine_poll(m, 0);
    assert_string_equal(got(sv[1]), "+");
    assert_false(m->cpu.stopped);
    say(sv[1], "\x03");
    m->max_insns = 10000000;                 /* never hang the test */
    uint64_t before = cpu_icount(&m->cpu);
    assert_int_equal(machine_run(m), STOP_OPERATOR);
    assert_true(cpu_icount(&m->cpu) > before);
    assert_true(cpu_icount(&m->cpu) < 10000000);
    gdb_report_stop(g, STOP_OPERATOR);
    assert_string_equal(got(sv[1]), "$T02#b6");
    assert_int_equal(m->cpu.psw.ia, 0x1000);

    /* A breakpoint: T05, with swbreak when the debugger asked for it. */
    sayp(sv[1], "qSupported:swbreak+");
    machine_poll(m, 0);
    got(sv[1]);
    tm_insn(m, "1A12 1A12 A7F4FFFE");
    sayp(sv[1], "Z0,1002,2");
    machine_poll(m, 0);
    assert_string_equal(got(sv[1]), "+$OK#9a");
    say(sv[1], "$c#63");
    machine_poll(m, 0);
    got(sv[1]);
    assert_int_equal(machine_run(m), STOP_OPERATOR);
    gdb_report_stop(g, STOP_OPERATOR);
    const char *r = got(sv[1]);
    assert_memory_equal(r, "$T05swbreak:;#", 14);
    assert_int_equal(m->cpu.psw.ia, 0x1002);

    /* Detach: OK, the connection closes, the machine runs on. */
    say(sv[1], "$D#44");
    machine_poll(m, 0);
    assert_string_equal(got(sv[1]), "+$OK#9a");
    assert_false(gdb_connected(g));
    assert_false(m->cpu.stopped);
    assert_false(gdb_done(g));
    char c;
    assert_int_equal(read(sv[1], &c, 1), 0);
    close(sv[1]);
    gdb_free(g);
    machine_free(m);
}

/* The listener: port 0 gets a free port; a connection stops the machine. */
static void listener(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    struct gdb *g = gdb_new(m);
    char err[200];
    int port = gdb_listen(g, 0, err, sizeof err);
    assert_true(port > 0);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    machine_poll(m, 1000000);
    assert_true(gdb_connected(g));
    assert_true(m->cpu.stopped);
    close(fd);
    machine_poll(m, 1000000);               /* EOF: like a detach */
    assert_false(gdb_connected(g));
    assert_false(m->cpu.stopped);
    struct gdb *g2 = gdb_new(m);
    assert_int_equal(gdb_listen(g2, port, err, sizeof err), -1);   /* taken */
    assert_non_null(strstr(err, "127.0.0.1"));
    gdb_free(g2);
    gdb_free(g);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checksum_and_frame),
        cmocka_unit_test(unescape),
        cmocka_unit_test(receive),
        cmocka_unit_test(hex),
        cmocka_unit_test(psw_mapping),
        cmocka_unit_test(registers),
        cmocka_unit_test(memory),
        cmocka_unit_test(queries_and_breakpoints),
        cmocka_unit_test(step_continue_kill),
        cmocka_unit_test(step_to_the_end),
        cmocka_unit_test(connection),
        cmocka_unit_test(listener),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
