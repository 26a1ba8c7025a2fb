/*
 * cmd_machine.c - `cpcms machine`: batch mode for stand-alone S/370
 * programs.  IPL from a card deck (or, later, DASD or tape), console on
 * stdout, and on a disabled wait print the PSW and any requested storage
 * and exit with the low byte of the wait PSW's instruction address.
 *
 *   cpcms machine [--storage SIZE] [--reader FILE] [--dasd FILE@CUU]...
 *                 [--tape FILE@CUU]... --ipl CUU [--deterministic]
 *                 [--max-seconds N] [--dump START-END]
 *
 * Debugging extras: --trace, --history N, --symbols ELF, --max-insns N.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "machine.h"
#include "interrupt.h"
#include "debug.h"
#include "dev.h"

#define MAX_DUMPS 16

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms machine [--storage SIZE] [--reader FILE] [--dasd FILE@CUU]...\n"
            "                     [--tape FILE@CUU]... --ipl CUU [--deterministic]\n"
            "                     [--max-seconds N] [--dump START-END]...\n"
            "                     [--trace] [--history N] [--symbols ELF]... [--max-insns N]\n"
            "\n"
            "Runs a stand-alone S/370 program: IPL from CUU, console (3215 at 009) on\n"
            "stdin/stdout, reader (3505 at 00C) from FILE (80-byte EBCDIC cards, or ASCII\n"
            "text made into cards).  On a disabled wait it prints the PSW and the storage\n"
            "asked for with --dump (hex, inclusive) and exits with the low byte of the\n"
            "wait PSW's instruction address.  Other stops: time limit %d, check-stop %d,\n"
            "a wait that nothing can end %d, bad input %d.\n",
            EXIT_TIME_LIMIT, EXIT_CHECKSTOP, EXIT_HUNG, EXIT_BAD_INPUT);
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

struct dump { uint32_t start, end; };

static void print_dump(struct machine *m, struct dump d)
{
    uint32_t a = d.start & ~15u;
    uint32_t last = d.end < m->memsize ? d.end : m->memsize - 1;
    for (; a <= last; a += 16) {
        const uint8_t *p = m->mem + a;
        printf("%08X: %08X %08X %08X %08X\n", a, be32(p), be32(p + 4), be32(p + 8), be32(p + 12));
        if (a + 16 < a)
            break;
    }
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
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0},
    };
    long long storage = 16 << 20, ipl = -1;
    const char *reader = NULL;
    bool deterministic = false, trace = false;
    double max_seconds = 0;
    unsigned long long max_insns = 0;
    unsigned history = 0;
    struct dump dumps[MAX_DUMPS];
    int ndumps = 0;
    const char *symbols[8];
    int nsymbols = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 's':
            storage = parse_size(optarg);
            if (storage < 4096 || storage > (16 << 20) || (storage & 0xFFF)) {
                fprintf(stderr, "cpcms machine: --storage %s: give a multiple of 4K up to 16M\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'r':
            reader = optarg;
            break;
        case 'd':
            fprintf(stderr, "cpcms machine: --dasd %s: DASD volumes are not supported by this build yet\n", optarg);
            return EXIT_USAGE;
        case 't':
            fprintf(stderr, "cpcms machine: --tape %s: tape drives are not supported by this build yet\n", optarg);
            return EXIT_USAGE;
        case 'i':
            ipl = parse_hex(optarg, 0xFFF);
            if (ipl < 0) {
                fprintf(stderr, "cpcms machine: --ipl %s: give a device address 000-FFF in hex\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'D':
            deterministic = true;
            break;
        case 'S':
            max_seconds = strtod(optarg, NULL);
            if (max_seconds <= 0) {
                fprintf(stderr, "cpcms machine: --max-seconds %s: give a positive number\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'N':
            max_insns = strtoull(optarg, NULL, 10);
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
            if (a < 0 || b < a || ndumps == MAX_DUMPS) {
                fprintf(stderr, "cpcms machine: --dump %s: give START-END in hex, START <= END\n", optarg);
                return EXIT_USAGE;
            }
            dumps[ndumps++] = (struct dump){(uint32_t)a, (uint32_t)b};
            break;
        }
        case 'T':
            trace = true;
            break;
        case 'H':
            history = (unsigned)strtoul(optarg, NULL, 10);
            break;
        case 'y':
            if (nsymbols < 8)
                symbols[nsymbols++] = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc || ipl < 0) {
        if (ipl < 0)
            fprintf(stderr, "cpcms machine: --ipl CUU is required\n");
        usage(stderr);
        return EXIT_USAGE;
    }

    struct machine *m = machine_new((uint32_t)storage, deterministic);
    if (!m) {
        fprintf(stderr, "cpcms machine: cannot allocate %lld bytes of storage\n", storage);
        return EXIT_BAD_INPUT;
    }
    m->max_seconds = max_seconds;
    m->max_insns = max_insns;
    const char *err = NULL;
    if (!dev_create(m, "3215", 0x009, NULL, &err)) {
        fprintf(stderr, "cpcms machine: console 009: %s\n", err);
        machine_free(m);
        return EXIT_BAD_INPUT;
    }
    if (reader && !dev_create(m, "3505", 0x00C, reader, &err)) {
        fprintf(stderr, "cpcms machine: %s: %s\n", reader, err);
        machine_free(m);
        return EXIT_BAD_INPUT;
    }
    for (int i = 0; i < nsymbols; i++) {
        char msg[200];
        if (debug_load_symbols(m, symbols[i], msg, sizeof msg)) {
            fprintf(stderr, "cpcms machine: %s: %s\n", symbols[i], msg);
            machine_free(m);
            return EXIT_BAD_INPUT;
        }
    }
    if (trace)
        debug_set_trace(m, stderr);
    if (history)
        debug_set_history(m, history);
    if (chan_ipl(m, (uint16_t)ipl, &err)) {
        fprintf(stderr, "cpcms machine: IPL %03llX: %s\n", ipl, err);
        machine_free(m);
        return EXIT_BAD_INPUT;
    }

    enum stop why = machine_run(m);
    fflush(stdout);
    uint8_t psw[8];
    psw_store(&m->cpu, psw, m->cpu.psw.intcode, m->cpu.psw.ilc);
    int status;
    switch (why) {
    case STOP_DISABLED_WAIT:
        printf("Disabled wait state, PSW %08X %08X\n", be32(psw), be32(psw + 4));
        status = m->cpu.psw.ia & 0xFF;
        break;
    case STOP_TIME_LIMIT:
    case STOP_INSN_LIMIT:
        fprintf(stderr, "cpcms machine: %s; PSW %08X %08X\n", m->stop_msg, be32(psw), be32(psw + 4));
        status = EXIT_TIME_LIMIT;
        break;
    case STOP_HUNG:
        fprintf(stderr, "cpcms machine: %s; PSW %08X %08X\n", m->stop_msg, be32(psw), be32(psw + 4));
        status = EXIT_HUNG;
        break;
    default:
        fprintf(stderr, "cpcms machine: check-stop: %s; PSW %08X %08X\n",
                m->stop_msg ? m->stop_msg : "stopped", be32(psw), be32(psw + 4));
        status = EXIT_CHECKSTOP;
        break;
    }
    if (why != STOP_DISABLED_WAIT)
        debug_print_history(m, stderr, ~0u);
    for (int i = 0; i < ndumps; i++)
        print_dump(m, dumps[i]);
    fflush(stdout);
    machine_free(m);
    return status;
}
