/*
 * test_opcons.c - the operator console's commands (machine/opcons.c): what
 * each prints and what it changes on a small machine, and that bad input
 * gets one clear line and changes nothing (also a few thousand random
 * lines, none of which may crash the host).
 */
#include <stdio.h>

#include "testutil.h"
#include "opcons.h"
#include "debug.h"
#include "dev.h"

/* Run one command; its output (malloc'd, NUL-terminated) and result. */
static char *run(struct machine *m, const char *cmd, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    int r = opcons_exec(m, cmd, f);
    fclose(f);
    if (rc)
        *rc = r;
    return buf;
}

/* Run a command that must succeed; assert its output contains `want`. */
static void ok(struct machine *m, const char *cmd, const char *want)
{
    int rc;
    char *out = run(m, cmd, &rc);
    if (rc != OPCONS_OK || (want && !strstr(out, want)))
        fail_msg("'%s' gave rc %d and:\n%s(wanted '%s')", cmd, rc, out, want ? want : "");
    free(out);
}

/* Run a command that must fail with one line naming the command and
   containing `want`. */
static void bad(struct machine *m, const char *cmd, const char *want)
{
    int rc;
    char *out = run(m, cmd, &rc);
    size_t n = strlen(out);
    if (rc != OPCONS_ERROR || !n || out[n - 1] != '\n' || strchr(out, '\n') != out + n - 1 ||
        (want && !strstr(out, want)))
        fail_msg("'%s' gave rc %d and:\n%s(wanted one error line with '%s')", cmd, rc, out,
                 want ? want : "");
    free(out);
}

static void storage_display_and_alter(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_poke(m, 0x1000, "47F0C00A 00000000 C1C2C3C4 00112233");
    char *out = run(m, "r 1000.10", NULL);
    assert_string_equal(out, "R:001000  47F0C00A 00000000 C1C2C3C4 00112233  *.0{.....ABCD....*\n");
    free(out);
    out = run(m, "r 1008-100B", NULL);
    assert_string_equal(out, "R:001008  C1C2C3C4                             *ABCD*\n");
    free(out);
    /* Default length: four lines. */
    out = run(m, "r 1000", NULL);
    assert_int_equal(strlen(out), 4 * strlen("R:001000  47F0C00A 00000000 C1C2C3C4 00112233  *.0{.....ABCD....*\n"));
    free(out);
    ok(m, "r 2000=DEADBEEF 0102", "R:002000  DEADBEEF 0102");
    assert_int_equal(tm_rd32(m, 0x2000), 0xDEADBEEF);
    assert_int_equal(m->mem[0x2005], 0x02);
    ok(m, "R 2000=ff", "R:002000  FF   ");  /* case does not matter */
    machine_free(m);
}

static void storage_bounds(void **state)
{
    (void)state;
    struct machine *m = tm_new(); /* 1 MB */
    bad(m, "r 100000", "beyond storage");
    bad(m, "r 1000000", "bad address");
    ok(m, "r FFFF8.10", "(display ends: address 100000 is beyond storage");
    m->mem[0xFFFFE] = 0x11;
    bad(m, "r FFFFE=22334455", "nothing altered");
    assert_int_equal(m->mem[0xFFFFE], 0x11);
    bad(m, "a 100000=00", "beyond storage");
    bad(m, "key 100000", "beyond storage");
    bad(m, "u 100000", "beyond storage");
    machine_free(m);
}

static void storage_bad_input(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    bad(m, "r", "give an address");
    bad(m, "r zz", "bad address 'zz'");
    bad(m, "r 1000.0", "bad length");
    bad(m, "r 1000.10001", "bad length");
    bad(m, "r 1000-FFF", "bad range");
    bad(m, "r 1000=ABC", "even number of hex digits");
    bad(m, "r 1000=XY", "even number");
    bad(m, "r 1000=", "even number");
    bad(m, "r 1000 2000", "unexpected");
    bad(m, "r 1000 2000=00", "one address");
    machine_free(m);
}

static void real_absolute_and_prefix(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    m->cpu.prefix = 0x8000;
    tm_wr32(m, 0x8000, 0x11111111);
    tm_wr32(m, 0x0000, 0x22222222);
    ok(m, "r 0.4", "R:000000  11111111");   /* real 0 is absolute 8000 */
    ok(m, "a 0.4", "A:000000  22222222");
    ok(m, "r 8000.4", "R:008000  22222222"); /* and real 8000 absolute 0 */
    ok(m, "a 8000=33333333", "A:008000  33333333");
    ok(m, "r 0.4", "R:000000  33333333");
    machine_free(m);
}

/* The mapping of test_dat.c: page n of segment 0 at 0x20000 + n * 0x1000,
   page 5 invalid, segments 1-15 invalid. */
static void dat_setup(struct machine *m)
{
    m->cpu.cr[0] = (m->cpu.cr[0] & ~0x00F80000u) | 0x00800000u;
    m->cpu.cr[1] = 0x10000;
    for (int s = 0; s < 16; s++)
        tm_wr32(m, 0x10000 + 4 * s, 0x00000001);
    tm_wr32(m, 0x10000, 0xF0000000u | 0x11000);
    for (int p = 0; p < 16; p++)
        put16(m->mem + 0x11000 + 2 * p, (uint16_t)((0x20000 + p * 0x1000) >> 8));
    put16(m->mem + 0x11000 + 2 * 5, 0x0008);
}

static void virtual_storage(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    dat_setup(m);
    tm_wr32(m, 0x23010, 0xCAFEF00D);
    ok(m, "v 3010.4", "V:003010  CAFEF00D");
    ok(m, "v 3010=0BADF00D", "V:003010  0BADF00D");
    assert_int_equal(tm_rd32(m, 0x23010), 0x0BADF00D);
    bad(m, "v 5000", "page invalid");
    bad(m, "v 30000", "segment invalid");
    ok(m, "v 4FFC.8", "(display ends: virtual address 005000 does not translate: page invalid)");
    bad(m, "v 4FFE=11223344", "nothing altered");
    assert_int_equal(m->mem[0x24FFE], 0);
    m->cpu.cr[0] = 0; /* no valid page size */
    bad(m, "v 3010", "translation specification");
    machine_free(m);
}

static void registers(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    ok(m, "gpr 3=1234", "R3 =00001234");
    assert_int_equal(m->cpu.gr[3], 0x1234);
    ok(m, "gpr r15=FFFFFFFF", "R15=FFFFFFFF");
    char *out = run(m, "gpr", NULL);
    assert_non_null(strstr(out, "R0 =00000000  R1 =00000000  R2 =00000000  R3 =00001234\n"));
    free(out);
    bad(m, "gpr 16=1", "bad register");
    bad(m, "gpr 3=123456789", "bad value");
    bad(m, "gpr 3", "give N=HEX");
    bad(m, "gpr 3=", "bad value");
    assert_int_equal(m->cpu.gr[3], 0x1234);

    ok(m, "cr 1=00010000", "C1 =00010000");
    assert_int_equal(m->cpu.cr[1], 0x10000);
    ok(m, "cr", "C0 =000000E0");
    bad(m, "cr 1=x", "bad value");

    ok(m, "fpr 2=4110000000000000", "F2 =4110000000000000");
    assert_true(m->cpu.fpr[2] == 0x4110000000000000ull);
    ok(m, "fpr fpc=00000008", "FPC=00000008");
    assert_int_equal(m->cpu.fpc, 8);
    bad(m, "fpr 2=11223344556677889", "bad value");
    bad(m, "fpr fpc", "fpc=HEX");
    machine_free(m);
}

static void psw_display_and_alter(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    ok(m, "psw", "PSW=00080000 00001000  EC sm=00 key=0 cmwp=8 cc=0 pm=0 ia=001000");
    ok(m, "psw ia=2000 key=5 cc=2 pm=A sm=03", "PSW=03582A00 00002000");
    assert_int_equal(m->cpu.psw.ia, 0x2000);
    assert_int_equal(m->cpu.psw.key, 5);
    assert_int_equal(m->cpu.psw.cc, 2);
    assert_int_equal(m->cpu.psw.progmask, 0xA);
    /* EC mode forbids bits 0, 2-4: refused, nothing changed. */
    bad(m, "psw sm=FF ia=3000", "must be zero");
    assert_int_equal(m->cpu.psw.ia, 0x2000);
    /* To BC mode: then any system mask goes. */
    ok(m, "psw cmwp=0 sm=FF", "PSW=FF500000 2A002000  BC");
    ok(m, "psw 000A0000 00001234", "cmwp=A");
    assert_true(m->cpu.psw.wait);
    assert_int_equal(m->cpu.psw.ia, 0x1234);
    bad(m, "psw FF080000 00000000", "invalid EC-mode PSW");
    assert_int_equal(m->cpu.psw.ia, 0x1234);
    bad(m, "psw key=10", "bad value");
    bad(m, "psw cc=4", "bad value");
    bad(m, "psw foo=1", "unknown field");
    bad(m, "psw ia", "FIELD=VALUE");
    bad(m, "psw ia=1000000", "bad address");
    bad(m, "psw 00080000", "two words");
    machine_free(m);
}

static void storage_keys(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    ok(m, "key 2345=39", "key 002345 (block 002000): 38  key 3, fetch protection on, reference 0, change 0");
    assert_int_equal(m->keys[0x2000 >> 11], 0x38);
    ok(m, "key 2000", "38");
    bad(m, "key 2000=100", "bad key");
    bad(m, "key", "give one address");
    machine_free(m);
}

static void breakpoints(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    ok(m, "bl", "no breakpoints");
    ok(m, "b 1004", "breakpoint at 001004");
    ok(m, "b 2000", "breakpoint at 002000");
    ok(m, "bl", "breakpoint at 002000");
    bad(m, "b 1001", "odd");
    bad(m, "b", "give one address");
    ok(m, "nb 1004", "deleted");
    bad(m, "nb 1004", "no breakpoint at 001004");
    uint32_t b[4];
    assert_int_equal(debug_break_list(m, b, 4), 1);
    assert_int_equal(b[0], 0x2000);

    /* Running into one stops there; start goes past it. */
    ok(m, "nb 2000", NULL);
    tm_insn(m, "1A12 1A12 1A12 0000");   /* AR 1,2 three times */
    m->cpu.gr[2] = 1;
    ok(m, "b 1004", NULL);
    m->max_insns = 100;
    assert_int_equal(machine_run(m), STOP_OPERATOR);
    assert_int_equal(m->cpu.psw.ia, 0x1004);
    assert_int_equal(m->cpu.gr[1], 2);
    ok(m, "start", NULL);
    assert_false(m->cpu.stopped);
    machine_run(m);
    assert_int_equal(m->cpu.gr[1], 3);
    machine_free(m);
}

/* Symbols come from a real S/370 ELF of the build, when there is one. */
static void symbols(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    char msg[200];
    if (debug_load_symbols(m, "build/tests/sa/hello.elf", msg, sizeof msg)) {
        machine_free(m);
        skip();
    }
    uint32_t main_addr;
    assert_int_equal(debug_lookup(m, "main", &main_addr), 0);
    char want[64];
    snprintf(want, sizeof want, "main = %06X", main_addr);
    ok(m, "sym main", want);
    snprintf(want, sizeof want, "%06X = main+0x4", main_addr + 4);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "sym %X", main_addr + 4);
    ok(m, cmd, want);
    snprintf(want, sizeof want, "breakpoint at %06X main", main_addr);
    ok(m, "b main", want);
    snprintf(want, sizeof want, "breakpoint at %06X main+0x4", main_addr + 4);
    ok(m, "b main+4", want);
    snprintf(want, sizeof want, "R:%06X  ", main_addr);
    ok(m, "r main.4", want);
    bad(m, "sym nosuchsymbol", "bad address");
    bad(m, "sym 10", "no symbol at 000010");
    machine_free(m);
}

static void stepping(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "1A12 1A12 1A12");
    m->cpu.gr[2] = 5;
    bad(m, "s", "stop the CPU first");
    ok(m, "stop", NULL);
    assert_true(m->cpu.stopped);
    bad(m, "stop", "already stopped");
    char *out = run(m, "s 2", NULL);
    assert_non_null(strstr(out, "001000 1A12         AR    1,2"));
    assert_non_null(strstr(out, "001002 1A12         AR    1,2"));
    assert_non_null(strstr(out, "ia=001004"));
    free(out);
    assert_int_equal(m->cpu.gr[1], 10);
    assert_true(m->cpu.stopped);
    /* A breakpoint at the next instruction does not stop a step. */
    ok(m, "b 1004", NULL);
    ok(m, "s", "ia=001006");
    assert_int_equal(m->cpu.gr[1], 15);
    bad(m, "s 0", "bad count");
    bad(m, "s x", "bad count");
    /* Into a disabled wait. */
    ok(m, "psw 000A0000 00000000", NULL);
    ok(m, "s", "disabled wait state");
    ok(m, "start", NULL);
    bad(m, "start", "not stopped");
    machine_free(m);
}

static void disassembly_trace_history(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_insn(m, "1A12 58102000 D20330003000");
    ok(m, "u 1000 3", "001006 D20330003000 MVC   0(4,3),0(3)");
    ok(m, "u", "001002 58102000     L     1,0(2)");
    bad(m, "u 1000 0", "bad count");
    bad(m, "history", "no history");
    ok(m, "history on 4", "4 entries");
    ok(m, "stop", NULL);
    ok(m, "s 2", NULL);
    char *out = run(m, "history", NULL);
    assert_non_null(strstr(out, "Last 2 instructions"));
    assert_non_null(strstr(out, "001002 58102000"));
    free(out);
    out = run(m, "history 1", NULL);
    assert_non_null(strstr(out, "Last 1 instructions"));
    assert_null(strstr(out, "001000 1A12"));
    free(out);
    /* t+ keeps tracing to its stream while the machine runs. */
    FILE *trace = tmpfile();
    assert_non_null(trace);
    opcons_exec(m, "t+", trace);
    ok(m, "start", NULL);
    m->max_insns = cpu_icount(&m->cpu) + 1;
    machine_run(m);
    ok(m, "t-", "trace off");
    fflush(trace);
    rewind(trace);
    char line[200] = "";
    assert_non_null(fgets(line, sizeof line, trace));
    assert_string_equal(line, "trace on\n");
    assert_non_null(fgets(line, sizeof line, trace));
    fclose(trace);
    assert_non_null(strstr(line, "001006 D20330003000 MVC"));
    ok(m, "history off", NULL);
    bad(m, "history", "no history");
    bad(m, "history on", "history on N");
    machine_free(m);
}

static void interruptions_and_ipl(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    tm_poke(m, 0, "000A0000 00001234");   /* restart new PSW */
    m->cpu.stopped = true;
    ok(m, "restart", "ia=001234");
    assert_false(m->cpu.stopped);
    assert_int_equal(tm_rd32(m, 0x0C) & AMASK24, 0x1000); /* old PSW at 8 */
    ok(m, "ext", "external interruption pending");
    assert_true(m->cpu.ext_pending & EXT_KEY);
    bad(m, "ipl 00C", "IPL device is not attached");
    bad(m, "ipl 1000", "device address");
    ok(m, "devlist", "no devices");
    const char *err;
    assert_non_null(dev_create(m, "3215", 0x009, NULL, &err));
    ok(m, "devlist", "009 3215   idle");
    machine_free(m);
}

/* A '.' line is input for the 3215: a read that waits for it completes. */
static void console_lines(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    bad(m, ".hello", "no 3215 console");
    const char *err;
    struct device *con = dev_create(m, "3215", 0x009, NULL, &err);
    assert_non_null(con);
    m->console_in = -1;
    /* CCW at 0x2000: read inquiry into 0x3000, 80 bytes, SLI. */
    tm_wr32(m, 0x2000, 0x0A003000);
    tm_wr32(m, 0x2004, 0x20000050);
    tm_wr32(m, 72, 0x2000);
    ok(m, ".first line", NULL);        /* before the read: kept, */
    tm_insn(m, "9C000009 9C000009");    /* and attention asks for a read: */
    tm_step(m, 1);                      /* SIO stores it (cc 1), */
    assert_int_equal(m->cpu.psw.cc, 1);
    assert_true(m->mem[68] & 0x80);   /* attention (with busy) */
    tm_step(m, 1);                      /* the second SIO reads */
    assert_int_equal(m->cpu.psw.cc, 0);
    assert_int_equal(m->mem[0x3000], 0x86); /* EBCDIC 'f' */
    /* Now a read that waits, then the line. */
    memset(m->mem + 0x3000, 0, 16);
    tm_insn(m, "9D000009 9C000009");    /* TIO takes the status, SIO */
    tm_step(m, 2);
    assert_int_equal(m->cpu.psw.cc, 0);
    assert_true(con->ch.suspended);
    ok(m, ".ab", NULL);
    assert_false(con->ch.suspended);
    assert_int_equal(m->mem[0x3000], 0x81); /* 'a' */
    assert_int_equal(m->mem[0x3001], 0x82); /* 'b' */
    machine_free(m);
}

static void misc_bad_input(void **state)
{
    (void)state;
    struct machine *m = tm_new();
    ok(m, "", NULL);
    ok(m, "   ", NULL);
    ok(m, "# a comment", NULL);
    bad(m, "frobnicate", "frobnicate: unknown command");
    char *lng = malloc(3000);
    memset(lng, 'r', 2999);
    lng[2999] = 0;
    bad(m, lng, "line too long");
    free(lng);
    ok(m, "help", "single-step");
    int rc;
    free(run(m, "quit", &rc));
    assert_int_equal(rc, OPCONS_QUIT);
    machine_free(m);
}

/* Random lines from pieces of real commands: whatever they say, the host
   survives and the machine's storage size is never exceeded. */
static void random_lines(void **state)
{
    (void)state;
    static const char *const words[] = {
        "r", "a", "v", "gpr", "cr", "fpr", "psw", "key", "b", "nb", "bl", "s", "u", "sym",
        "history", "ext", "devlist", "help", "1000", "FFFFFF", "FFFFFFFF", "0", "=", ".",
        "-", "+", "3=", "ia=", "key=", "sm=FF", "cmwp=F", "1000.", "1000-", "FFFFF0.20",
        "15=1", "16=1", "fpc=", "on", "off", "100000=00", "0=0", "r1=", "99999999999999999",
        "zz", "0x", "main", "main+", ".10000", "-1", "=00", "t-",
    };
    struct machine *m = tm_new();
    m->cpu.stopped = true;
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    uint32_t x = 12345;
    for (int i = 0; i < 5000; i++) {
        char line[256] = "";
        int n = 1 + (int)((x = x * 1103515245 + 12345) >> 16) % 4;
        for (int j = 0; j < n; j++) {
            x = x * 1103515245 + 12345;
            const char *w = words[(x >> 16) % (sizeof words / sizeof words[0])];
            strncat(line, w, sizeof line - strlen(line) - 2);
            if ((x >> 8) & 1)
                strcat(line, " ");
        }
        opcons_exec(m, line, devnull);
        m->cpu.stopped = true; /* keep `s` stepping no further than one line says */
    }
    fclose(devnull);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(storage_display_and_alter),
        cmocka_unit_test(storage_bounds),
        cmocka_unit_test(storage_bad_input),
        cmocka_unit_test(real_absolute_and_prefix),
        cmocka_unit_test(virtual_storage),
        cmocka_unit_test(registers),
        cmocka_unit_test(psw_display_and_alter),
        cmocka_unit_test(storage_keys),
        cmocka_unit_test(breakpoints),
        cmocka_unit_test(symbols),
        cmocka_unit_test(stepping),
        cmocka_unit_test(disassembly_trace_history),
        cmocka_unit_test(interruptions_and_ipl),
        cmocka_unit_test(console_lines),
        cmocka_unit_test(misc_bad_input),
        cmocka_unit_test(random_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
