/*
 * cmd_machine.c - `cpcms machine`: batch mode for stand-alone S/370
 * programs.  IPL from a card deck, a CKD volume or a tape, console on
 * stdout, and on a disabled wait print the PSW and any requested storage
 * and exit with the low byte of the wait PSW's instruction address.
 *
 *   cpcms machine [--storage SIZE] [--reader FILE] [--dasd FILE@CUU]...
 *                 [--tape FILE@CUU]... --ipl CUU [--deterministic]
 *                 [--max-seconds N] [--dump START-END]
 *
 * 3270 displays: --3270 CUU[-CUU] attaches a pool of them (repeatable),
 * --tn3270 [ADDR:]PORT starts the TN3270 server that gives the pool's
 * devices to clients (devices/tn3270_server.c; 127.0.0.1 if no ADDR),
 * --tn3270-max N and --tn3270-timeout SECONDS set its limits.
 *
 * Unit record devices: --spool FILE attaches readers, punches and printers
 * to the spool database FILE, --urec TYPE@CUU says which (host/cmd_spool.c,
 * spool_attach_devices()).
 *
 * Debugging extras: --trace, --history N, --symbols ELF, --max-insns N,
 * --break ADDR|SYMBOL, --operator (stdin carries operator commands,
 * machine/opcons.c; lines starting with '.' go to the 3215), --gdb PORT
 * (machine/gdbstub.c).  With either of the last two the machine runs under
 * control (run_controlled()): it stops and starts as the operator or the
 * debugger says, and a stop waits for them instead of ending the run.
 * Measuring: --stats prints, on stderr when the run ends, the number of
 * instructions executed and the host's elapsed and CPU seconds of the run
 * (tests/bench/run.sh reads them).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "mconf.h"
#include "panel.h"
#include "machine.h"
#include "interrupt.h"
#include "debug.h"
#include "dev.h"
#include "opcons.h"
#include "gdbstub.h"
#include "con3215.h"
#include "tn3270_server.h"
#include "tape3420.h"

#define OPLINE_MAX 1024

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms machine [--storage SIZE] [--reader FILE] [--dasd FILE@CUU]...\n"
            "                     [--tape FILE@CUU]... --ipl CUU [--deterministic]\n"
            "                     [--max-seconds N] [--dump START-END]...\n"
            "                     [--trace] [--history N] [--symbols ELF]... [--max-insns N]\n"
            "                     [--break ADDR|SYMBOL]... [--operator] [--gdb PORT]\n"
            "                     [--3270 CUU[-CUU]]... [--tn3270 [ADDR:]PORT]\n"
            "                     [--tn3270-max N] [--tn3270-timeout SECONDS] [--stats]\n"
            "                     [--spool FILE [--urec TYPE@CUU]...]\n"
            "\n"
            "Runs a stand-alone S/370 program: IPL from CUU, console (3215 at 009) on\n"
            "stdin/stdout, reader (3505 at 00C) from FILE (80-byte EBCDIC cards, or ASCII\n"
            "text made into cards), CKD or FBA volumes from --dasd FILE@CUU (FILE,ro@CUU: read-only;\n"
            "make them with 'cpcms dasd create'), 3420 tape drives from --tape FILE@CUU\n"
            "(an AWS tape image; FILE,ro@CUU: file protected; a FILE that does not exist is\n"
            "created as a blank tape; FILE,eot=SIZE@CUU puts the end-of-tape marker SIZE\n"
            "bytes into the image, 160M if not given).  On a disabled wait it prints the PSW and the storage\n"
            "asked for with --dump (hex, inclusive) and exits with the low byte of the\n"
            "wait PSW's instruction address.  Other stops: time limit %d, check-stop %d,\n"
            "a wait that nothing can end %d, bad input %d, stopped before the end\n"
            "(a breakpoint, the operator's quit, gdb's kill) %d.\n"
            "\n"
            "--break ADDR|SYMBOL stops at an instruction (hex address or a symbol of the\n"
            "  --symbols files); without --operator or --gdb the run then ends, printing\n"
            "  the PSW, the registers and the history, with status %d.\n"
            "--operator: stdin carries operator commands ('help' lists them); lines that\n"
            "  start with '.' are typed on the 3215 console, without the dot.  A stop\n"
            "  (breakpoint, 'stop', the program's end) waits for commands; 'start' or 's'\n"
            "  go on.  Without --ipl the machine waits for an 'ipl CUU' command.  From a\n"
            "  file or pipe the next line is read only while the machine is stopped or\n"
            "  waiting, so a script runs the same every time.  'quit', or the end of the\n"
            "  input while stopped, ends with the status of the last stop (%d if none).\n"
            "--gdb PORT: a GDB remote stub on 127.0.0.1:PORT (0: any free port; the port\n"
            "  is printed); the machine starts stopped and waits for the debugger\n"
            "  (gdb-multiarch: set architecture s390:31-bit, target remote :PORT).\n"
            "--3270 CUU[-CUU]: 3270 displays at these addresses (a pool for --tn3270).\n"
            "--tn3270 [ADDR:]PORT: TN3270 server on ADDR (127.0.0.1 if left out), PORT\n"
            "  (0: any free port; the port is printed).  Clients get a free display of\n"
            "  the pool, or the one they name as TN3270E device name (e.g. 0C0).\n"
            "  --tn3270-max: most sessions at once (%d); --tn3270-timeout: seconds a\n"
            "  client has to finish negotiating (%g).\n"
            "--spool FILE: unit record devices on the spool database FILE (created if\n"
            "  missing; 'cpcms spool' queues decks and gets the output): a 2540 reader at\n"
            "  00C (unless --reader), a 2540 punch at 00D and a 1403 printer at 00E; or,\n"
            "  with --urec TYPE@CUU (repeatable), those devices instead.  TYPE: 2540R,\n"
            "  2540P, 3505 (readers), 3525 (punch), 1403, 3211 (printers).\n"
            "--stats prints on stderr, when the run ends, the instructions executed and\n"
            "  the host's elapsed and CPU seconds of the run.\n",
            EXIT_TIME_LIMIT, EXIT_CHECKSTOP, EXIT_HUNG, EXIT_BAD_INPUT, EXIT_STOPPED, EXIT_STOPPED,
            EXIT_STOPPED, TN3270_DEFAULT_MAXCONN, TN3270_DEFAULT_TIMEOUT);
}

long long parse_size(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v < 0)
        return -1;
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        v <<= 20, end++;
    return *end ? -1 : v;
}

long long parse_hex(const char *s, long long max)
{
    char *end;
    if (!*s || strlen(s) > 8)
        return -1;
    long long v = strtoll(s, &end, 16);
    return (*end || v < 0 || v > max) ? -1 : v;
}

static void print_dump(struct machine *m, uint32_t start, uint32_t end)
{
    uint32_t a = start & ~15u;
    uint32_t last = end < m->memsize ? end : m->memsize - 1;
    for (; a <= last; a += 16) {
        const uint8_t *p = m->mem + a;
        printf("%08X: %08X %08X %08X %08X\n", a, be32(p), be32(p + 4), be32(p + 8), be32(p + 12));
        if (a + 16 < a)
            break;
    }
}

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The exit status for a stop (see usage()). */
static int stop_status(struct machine *m, enum stop why)
{
    switch (why) {
    case STOP_DISABLED_WAIT: return m->cpu.psw.ia & 0xFF;
    case STOP_TIME_LIMIT:
    case STOP_INSN_LIMIT: return EXIT_TIME_LIMIT;
    case STOP_HUNG: return EXIT_HUNG;
    case STOP_CHECKSTOP: return EXIT_CHECKSTOP;
    default: return EXIT_STOPPED;
    }
}

/*
 * Say why the machine stopped: a disabled wait on stdout, the other stops
 * on `out` (stderr in batch mode, stdout for the operator).  `full` adds what a run that ends here should leave behind:
 * for a breakpoint the registers, and for every stop but the disabled wait
 * the history ring.
 */
static void report_stop(struct machine *m, enum stop why, bool full, FILE *out)
{
    uint8_t psw[8];
    psw_store(&m->cpu, psw, m->cpu.psw.intcode, m->cpu.psw.ilc);
    fflush(stdout);
    switch (why) {
    case STOP_DISABLED_WAIT:
        printf("Disabled wait state, PSW %08X %08X\n", be32(psw), be32(psw + 4));
        fflush(stdout);
        return;
    case STOP_OPERATOR: {
        char sym[96];
        debug_symbol(m, m->cpu.psw.ia, sym, sizeof sym);
        fprintf(out, "cpcms machine: stopped (%s) at %06X %s\n",
                m->cpu.stop_reason ? m->cpu.stop_reason : "operator", m->cpu.psw.ia, sym);
        opcons_exec(m, "psw", out);
        if (full)
            opcons_exec(m, "gpr", out);
        break;
    }
    case STOP_TIME_LIMIT:
    case STOP_INSN_LIMIT:
    case STOP_HUNG:
        fprintf(out, "cpcms machine: %s; PSW %08X %08X\n", m->stop_msg, be32(psw), be32(psw + 4));
        break;
    default:
        fprintf(out, "cpcms machine: check-stop: %s; PSW %08X %08X\n",
                m->stop_msg ? m->stop_msg : "stopped", be32(psw), be32(psw + 4));
        break;
    }
    if (full)
        debug_print_history(m, out, ~0u);
    fflush(out);
}

/* A machine under control: the operator on stdin, a debugger, or both. */
struct control {
    struct machine *m;
    struct gdb *gdb;          /* NULL without --gdb */
    struct device *console;
    bool operator;            /* --operator, and its input has not ended */
    bool quit;                /* the operator said quit */
    int status;               /* of the last stop (EXIT_STOPPED: none) */
    char line[OPLINE_MAX];
    size_t len;
};

/* One operator line: echo it when it comes from a script, execute it. */
static void operator_line(struct control *c)
{
    c->line[c->len] = 0;
    if (!isatty(0))
        printf("> %s\n", c->line);
    if (opcons_exec(c->m, c->line, stdout) == OPCONS_QUIT) {
        c->quit = true;
        machine_stop(c->m, STOP_QUIT, "operator quit");
    }
    fflush(stdout);
    c->len = 0;
}

/*
 * stdin has input: read one line (byte by byte, so that the rest stays in
 * the kernel and the next poll sees it) and execute it.  At the end of the
 * input the operator is gone; the console gets end of input too.
 */
static void operator_input(struct machine *m, void *arg)
{
    struct control *c = arg;
    for (;;) {
        char ch;
        ssize_t n = read(0, &ch, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            machine_unwatch_fd(m, 0);
            c->operator = false;
            if (c->len)
                operator_line(c);
            if (c->console)
                con3215_feed(c->console, NULL);
            return;
        }
        if (ch == '\n') {
            operator_line(c);
            return;
        }
        if (c->len < sizeof c->line - 1)
            c->line[c->len++] = ch;
        struct pollfd p = {0, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0)
            return; /* the rest of the line has not come yet */
    }
}

/*
 * Run the machine as the operator and the debugger say, until one ends
 * the run or, with both gone, the machine stops.  Returns the exit status.
 */
static int run_controlled(struct control *c)
{
    struct machine *m = c->m;
    for (;;) {
        if (c->quit || gdb_done(c->gdb))
            return c->status;
        if (m->cpu.stopped) {
            if (!c->operator && !c->gdb) {
                /* Nobody can start it again: end as a batch run ends. */
                if (c->status == EXIT_STOPPED)
                    report_stop(m, STOP_OPERATOR, true, stderr);
                return c->status;
            }
            machine_poll(m, -1);
            continue;
        }
        c->status = EXIT_STOPPED;
        enum stop why = machine_run(m);
        if (why == STOP_QUIT)
            return c->status;
        c->status = stop_status(m, why);
        gdb_report_stop(c->gdb, why);
        if (gdb_done(c->gdb) || (why != STOP_OPERATOR && !c->operator)) {
            report_stop(m, why, why != STOP_DISABLED_WAIT, stderr);
            return c->status;
        }
        if (c->operator) {
            report_stop(m, why, false, stdout);
            if (!m->cpu.stopped) {
                m->cpu.stopped = true;
                m->cpu.stop_reason = m->stop_msg;
            }
        }
    }
}

/* An address for --break: a symbol or hex; -1 if neither. */
static long long break_addr(struct machine *m, const char *s)
{
    uint32_t a;
    if (!debug_lookup(m, s, &a))
        return a & AMASK24;
    return parse_hex(s, 0xFFFFFF);
}

/* Does `what` (a device option) name an address after '@'?  The file part
   is cut off at the '@' (into *file) and the address returned; -1 if not. */
static long long file_at(char *what, const char **file)
{
    char *at = strrchr(what, '@');
    long long cuu = at ? parse_hex(at + 1, 0xFFF) : -1;
    if (cuu < 0 || at == what)
        return -1;
    *at = 0;
    *file = what;
    return cuu;
}

/* "OPTION VALUE" as one string, for messages about that option. */
static const char *option_text(const char *opt, const char *value)
{
    size_t n = strlen(opt) + strlen(value) + 2;
    char *s = malloc(n);
    if (!s)
        return opt;
    snprintf(s, n, "%s %s", opt, value);
    return s;
}

int cmd_machine(int argc, char **argv)
{
    static const struct option opts[] = {
        {"storage", required_argument, 0, 's'},
        {"reader", required_argument, 0, 'r'},
        {"dasd", required_argument, 0, 'd'},
        {"tape", required_argument, 0, 't'},
        {"ipl", required_argument, 0, 'i'},
        {"deterministic", no_argument, 0, 'D'},
        {"max-seconds", required_argument, 0, 'S'},
        {"max-insns", required_argument, 0, 'N'},
        {"dump", required_argument, 0, 'u'},
        {"trace", no_argument, 0, 'T'},
        {"history", required_argument, 0, 'H'},
        {"symbols", required_argument, 0, 'y'},
        {"break", required_argument, 0, 'b'},
        {"operator", no_argument, 0, 'o'},
        {"gdb", required_argument, 0, 'g'},
        {"3270", required_argument, 0, '3'},
        {"tn3270", required_argument, 0, 'n'},
        {"tn3270-max", required_argument, 0, 'M'},
        {"tn3270-timeout", required_argument, 0, 'O'},
        {"stats", no_argument, 0, 'x'},
        {"spool", required_argument, 0, 'P'},
        {"urec", required_argument, 0, 'U'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    static struct mconf conf;
    static struct mrun run;
    conf = (struct mconf){.storage = 16 << 20};
    run = (struct mrun){.who = "cpcms machine", .ipl = -1, .gdb_port = -1};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        const char *err = NULL, *file = NULL, *where;
        switch (c) {
        case 's':
            conf.storage = parse_size(optarg);
            if (conf.storage < 4096 || conf.storage > (16 << 20) || (conf.storage & 0xFFF)) {
                fprintf(stderr, "cpcms machine: --storage %s: give a multiple of 4K up to 16M\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'r':
            err = mconf_add(&conf, "3505", 0x00C, 0x00C, optarg, optarg);
            if (err) {
                fprintf(stderr, "cpcms machine: --reader %s: %s\n", optarg, err);
                return EXIT_USAGE;
            }
            break;
        case 'd':
        case 't': {
            const char *opt = c == 'd' ? "--dasd" : "--tape";
            where = option_text(opt, optarg);
            long long cuu = file_at(optarg, &file);
            if (cuu < 0) {
                fprintf(stderr, "cpcms machine: %s: give FILE@CUU or FILE,ro@CUU\n", where);
                return EXIT_USAGE;
            }
            err = mconf_add(&conf, c == 'd' ? "dasd" : "3420", (unsigned)cuu, (unsigned)cuu, file, where);
            if (err) {
                fprintf(stderr, "cpcms machine: %s: %s\n", where, err);
                return EXIT_USAGE;
            }
            break;
        }
        case 'i':
            run.ipl = parse_hex(optarg, 0xFFF);
            if (run.ipl < 0) {
                fprintf(stderr, "cpcms machine: --ipl %s: give a device address 000-FFF in hex\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'D':
            conf.deterministic = true;
            break;
        case 'S':
            run.max_seconds = strtod(optarg, NULL);
            if (run.max_seconds <= 0) {
                fprintf(stderr, "cpcms machine: --max-seconds %s: give a positive number\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'N':
            run.max_insns = strtoull(optarg, NULL, 10);
            break;
        case 'u': {
            char *dash = strchr(optarg, '-');
            long long a = -1, b = -1;
            if (dash) {
                *dash = 0;
                a = parse_hex(optarg, 0xFFFFFF);
                b = parse_hex(dash + 1, 0xFFFFFF);
                *dash = '-';
            }
            if (a < 0 || b < a || run.ndumps == MRUN_MAX_DUMPS) {
                fprintf(stderr, "cpcms machine: --dump %s: give START-END in hex, START <= END\n", optarg);
                return EXIT_USAGE;
            }
            run.dump[run.ndumps].start = (uint32_t)a;
            run.dump[run.ndumps++].end = (uint32_t)b;
            break;
        }
        case 'T':
            run.trace = true;
            break;
        case 'H':
            run.history = (unsigned)strtoul(optarg, NULL, 10);
            break;
        case 'y':
            if (run.nsymbols < MRUN_MAX_SYMBOLS)
                run.symbols[run.nsymbols++] = optarg;
            break;
        case 'b':
            if (run.nbreaks == MRUN_MAX_BREAKS) {
                fprintf(stderr, "cpcms machine: at most %d --break options\n", MRUN_MAX_BREAKS);
                return EXIT_USAGE;
            }
            run.breaks[run.nbreaks++] = optarg;
            break;
        case 'o':
            run.operator = true;
            break;
        case 'g': {
            char *end;
            run.gdb_port = strtol(optarg, &end, 10);
            if (*end || end == optarg || run.gdb_port < 0 || run.gdb_port > 65535) {
                fprintf(stderr, "cpcms machine: --gdb %s: give a TCP port 0-65535\n", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case '3': {
            char *dash = strchr(optarg, '-');
            long long a, b;
            where = option_text("--3270", optarg);
            if (dash)
                *dash = 0;
            a = parse_hex(optarg, 0xFFF);
            b = dash ? parse_hex(dash + 1, 0xFFF) : a;
            if (dash)
                *dash = '-';
            if (a < 0 || b < a || b - a > 255) {
                fprintf(stderr, "cpcms machine: --3270 %s: give CUU or CUU-CUU in hex (at most 256)\n", optarg);
                return EXIT_USAGE;
            }
            err = mconf_add(&conf, "3270", (unsigned)a, (unsigned)b, NULL, where);
            if (err) {
                fprintf(stderr, "cpcms machine: %s: %s\n", where, err);
                return EXIT_USAGE;
            }
            break;
        }
        case 'n':
            conf.tn3270 = optarg;
            break;
        case 'M':
            conf.tn_max = atoi(optarg);
            if (conf.tn_max <= 0) {
                fprintf(stderr, "cpcms machine: --tn3270-max %s: give a positive number\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'O':
            conf.tn_timeout = strtod(optarg, NULL);
            if (conf.tn_timeout <= 0) {
                fprintf(stderr, "cpcms machine: --tn3270-timeout %s: give a positive number\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'x':
            run.stats = true;
            break;
        case 'P':
            conf.spool = optarg;
            break;
        case 'U':
            if (conf.nurec == MCONF_MAX_UREC) {
                fprintf(stderr, "cpcms machine: at most %d --urec options\n", MCONF_MAX_UREC);
                return EXIT_USAGE;
            }
            conf.urec[conf.nurec++] = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc || (run.ipl < 0 && !run.operator)) {
        if (run.ipl < 0)
            fprintf(stderr, "cpcms machine: --ipl CUU is required (or --operator and its ipl command)\n");
        usage(stderr);
        return EXIT_USAGE;
    }
    return machine_session(&conf, &run);
}

int machine_session(const struct mconf *conf, const struct mrun *r)
{
    const char *who = r->who;
    struct machine *m;
    struct tn3270_server *tn;
    struct panel *panel = NULL;
    if (r->panel) {
        char msg[200];
        panel = panel_start(conf, msg, sizeof msg);
        if (!panel)
            fprintf(stderr, "%s: no panel (%s): the plain console\n", who, msg);
    }
    int status = mconf_build(conf, who, &m, &tn);
    if (status) {
        panel_end(panel);
        return status;
    }
    if (panel)
        panel_attach(panel, m, tn);
    m->max_seconds = r->max_seconds;
    m->max_insns = r->max_insns;
    const char *err = NULL;
    for (int i = 0; i < r->nsymbols; i++) {
        char msg[200];
        if (debug_load_symbols(m, r->symbols[i], msg, sizeof msg)) {
            fprintf(stderr, "%s: %s: %s\n", who, r->symbols[i], msg);
            panel_end(panel);
            tn3270_server_free(tn);
            machine_free(m);
            return EXIT_BAD_INPUT;
        }
    }
    if (r->trace)
        debug_set_trace(m, stderr);
    if (r->history)
        debug_set_history(m, r->history);
    for (int i = 0; i < r->nbreaks; i++) {
        long long a = break_addr(m, r->breaks[i]);
        if (a < 0 || (a & 1)) {
            fprintf(stderr, "%s: --break %s: give an even hex address or a symbol of the --symbols files\n",
                    who, r->breaks[i]);
            panel_end(panel);
            tn3270_server_free(tn);
            machine_free(m);
            return EXIT_USAGE;
        }
        debug_break_add(m, (uint32_t)a);
    }
    struct control ctl = {.m = m, .operator = r->operator, .status = EXIT_STOPPED,
                          .console = m->chan.dev[0x009]};
    if (r->operator) {
        /* The console reads only the '.' lines; stdin is the operator's. */
        con3215_feed_start(ctl.console);
        m->console_in = -1;
        machine_watch_fd_flags(m, 0, isatty(0) ? WATCH_CONTROL : WATCH_IDLE, operator_input, &ctl);
    }
    long long ipl = r->ipl;
    if (ipl >= 0 && chan_ipl(m, (uint16_t)ipl, &err)) {
        fprintf(stderr, "%s: IPL %03llX: %s\n", who, ipl, err);
        struct device *d = m->chan.dev[ipl];
        if (d && d->ops == dev_find_type("3420") && *tape_error(d))
            fprintf(stderr, "%s: IPL %03llX: tape: %s\n", who, ipl, tape_error(d));
        panel_end(panel);
        tn3270_server_free(tn);
        machine_free(m);
        return EXIT_BAD_INPUT;
    }
    if (ipl < 0) {
        m->cpu.stopped = true;
        m->cpu.stop_reason = "waiting for IPL";
    }
    if (r->gdb_port >= 0) {
        char msg[200];
        ctl.gdb = gdb_new(m);
        int port = ctl.gdb ? gdb_listen(ctl.gdb, (int)r->gdb_port, msg, sizeof msg) : -1;
        if (port < 0) {
            fprintf(stderr, "%s: --gdb: %s\n", who, ctl.gdb ? msg : "out of memory");
            gdb_free(ctl.gdb);
            panel_end(panel);
            tn3270_server_free(tn);
            machine_free(m);
            return EXIT_BAD_INPUT;
        }
        fprintf(stderr, "%s: waiting for gdb on 127.0.0.1:%d\n", who, port);
        m->cpu.stopped = true;
        m->cpu.stop_reason = "waiting for the debugger";
    }

    double wall0 = clock_seconds(CLOCK_MONOTONIC);
    double cpu0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    status = run_controlled(&ctl);
    panel_end(panel);
    double wall = clock_seconds(CLOCK_MONOTONIC) - wall0;
    double cpus = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
    fflush(stdout);
    for (int i = 0; i < r->ndumps; i++)
        print_dump(m, r->dump[i].start, r->dump[i].end);
    fflush(stdout);
    if (r->stats)
        fprintf(stderr, "instructions: %llu\nelapsed: %.6f s\ncpu: %.6f s\n",
                (unsigned long long)cpu_icount(&m->cpu), wall, cpus);
    gdb_free(ctl.gdb);
    tn3270_server_free(tn);
    machine_free(m);
    return status;
}
