/*
 * cmd_spool.c - `cpcms spool`: the unit record queues from the host side.
 *
 *   cpcms spool [--db FILE] queue [--text|--binary] [--to CUU] [--name NAME] FILE...
 *   cpcms spool [--db FILE] list [reader|punch|printer]
 *   cpcms spool [--db FILE] get [--raw] [--output OUT] ID
 *   cpcms spool [--db FILE] purge ID...|--queue reader|punch|printer
 *
 * The database (devices/spool.h has its schema) is the one `cpcms machine
 * --spool FILE` attaches its readers, punches and printers to; it may be
 * used while the simulator runs.  Rendering is devices/spool_text.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "machine.h"
#include "dev.h"
#include "deck.h"
#include "spool.h"
#include "spool_text.h"

#define SPOOL_DEFAULT_DB "spool.db"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms spool [--db FILE] queue [--text|--binary] [--to CUU] [--name NAME] FILE...\n"
            "       cpcms spool [--db FILE] list [reader|punch|printer]\n"
            "       cpcms spool [--db FILE] get [--raw] [--output OUT] ID\n"
            "       cpcms spool [--db FILE] purge ID...|--queue reader|punch|printer\n"
            "\n"
            "The unit record queues of 'cpcms machine --spool FILE' (default database:\n"
            "%s; queue creates it).\n"
            "queue: put decks on the reader queue, each FILE one deck: ASCII text (a line\n"
            "  a card, at most 80 characters, made EBCDIC) or binary (80-byte EBCDIC\n"
            "  cards); without --text or --binary a file with bytes other than printable\n"
            "  ASCII, tab, CR and LF is binary.  --to CUU: only for the reader at CUU\n"
            "  (default any).  --name: the name listed (default: the file's).  Prints\n"
            "  the new file's ID.\n"
            "list: the files of every queue (or one): reader decks (queued, reading,\n"
            "  read) and punch and printer output (open while its device is attached).\n"
            "get: write file ID on stdout (or OUT).  Text: cards one a line; print files\n"
            "  with their carriage control made into line feeds and form feeds.\n"
            "  --raw: cards as 80-byte EBCDIC records; print records each as the command\n"
            "  byte, a 2-byte big-endian length and the EBCDIC data.\n"
            "purge: delete files by ID, or every file of a queue.\n",
            SPOOL_DEFAULT_DB);
}

/* The whole of a file; NULL with a message on stderr. */
static uint8_t *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cpcms spool: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, len = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        fprintf(stderr, "cpcms spool: %s: %s\n", path, bad ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    *n = len;
    return buf;
}

static int do_queue(struct spool *sp, int argc, char **argv)
{
    static const struct option opts[] = {
        {"text", no_argument, 0, 't'}, {"binary", no_argument, 0, 'b'},
        {"to", required_argument, 0, 'o'}, {"name", required_argument, 0, 'n'},
        {0, 0, 0, 0},
    };
    int mode = -1; /* -1 auto, 0 text, 1 binary */
    long long to = -1;
    const char *name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 't': mode = 0; break;
        case 'b': mode = 1; break;
        case 'o':
            to = parse_hex(optarg, 0xFFF);
            if (to < 0) {
                fprintf(stderr, "cpcms spool: --to %s: give a device address 000-FFF in hex\n", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'n': name = optarg; break;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "cpcms spool: queue: give the files to queue\n");
        return EXIT_USAGE;
    }
    for (int i = optind; i < argc; i++) {
        struct deck d;
        char msg[200];
        int r;
        if (mode < 0) {
            r = deck_load(argv[i], &d, msg, sizeof msg);
        } else {
            size_t n;
            uint8_t *buf = read_all(argv[i], &n);
            if (!buf)
                return 1;
            r = deck_from_buffer(buf, n, mode, &d, msg, sizeof msg);
            free(buf);
        }
        if (r) {
            fprintf(stderr, "cpcms spool: %s: %s\n", argv[i], msg);
            return 1;
        }
        const char *base = strrchr(argv[i], '/');
        long long id;
        r = spool_queue_deck(sp, name ? name : base ? base + 1 : argv[i], (int)to, d.cards,
                             d.ncards, &id);
        deck_free(&d);
        if (r) {
            fprintf(stderr, "cpcms spool: %s\n", spool_error(sp));
            return 1;
        }
        printf("%lld\n", id);
    }
    return 0;
}

static int list_one(const struct spool_file *f, void *arg)
{
    (void)arg;
    char dev[8], when[32];
    if (f->devaddr < 0)
        snprintf(dev, sizeof dev, "any");
    else
        snprintf(dev, sizeof dev, "%03X", f->devaddr & 0xFFF);
    time_t t = (time_t)f->created;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    else
        snprintf(when, sizeof when, "?");
    printf("%6lld %-7s %-6s %-5s %-7s %7lld %7lld  %s  %s\n", f->id, spool_queue_name(f->queue),
           dev, f->devtype, f->state, f->records, f->pos, when, f->name);
    return 0;
}

static int do_list(struct spool *sp, int argc, char **argv)
{
    int q = -1;
    if (argc > 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (argc == 2 && (q = spool_queue_find(argv[1])) < 0) {
        fprintf(stderr, "cpcms spool: list: '%s' is not a queue (reader, punch, printer)\n", argv[1]);
        return EXIT_USAGE;
    }
    printf("%6s %-7s %-6s %-5s %-7s %7s %7s  %-19s  %s\n", "ID", "QUEUE", "DEVICE", "TYPE",
           "STATE", "RECORDS", "READ", "CREATED", "NAME");
    if (spool_list(sp, q, list_one, NULL)) {
        fprintf(stderr, "cpcms spool: %s\n", spool_error(sp));
        return 1;
    }
    return 0;
}

/* A file ID argument: > 0, or -1 after a message. */
static long long parse_id(const char *s)
{
    char *end;
    errno = 0;
    long long id = strtoll(s, &end, 10);
    if (!*s || *end || id <= 0 || errno) {
        fprintf(stderr, "cpcms spool: '%s' is not a file ID (see 'cpcms spool list')\n", s);
        return -1;
    }
    return id;
}

static int do_get(struct spool *sp, int argc, char **argv)
{
    static const struct option opts[] = {
        {"raw", no_argument, 0, 'r'}, {"output", required_argument, 0, 'o'}, {0, 0, 0, 0},
    };
    bool raw = false;
    const char *outpath = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'r': raw = true; break;
        case 'o': outpath = optarg; break;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "cpcms spool: get: give one file ID\n");
        return EXIT_USAGE;
    }
    long long id = parse_id(argv[optind]);
    if (id < 0)
        return EXIT_USAGE;
    struct spool_file f;
    int r = spool_get(sp, id, &f);
    if (r <= 0) {
        if (r < 0)
            fprintf(stderr, "cpcms spool: %s\n", spool_error(sp));
        else
            fprintf(stderr, "cpcms spool: %s: no file %lld\n", spool_path(sp), id);
        return 1;
    }
    FILE *out = outpath ? fopen(outpath, "wb") : stdout;
    if (!out) {
        fprintf(stderr, "cpcms spool: %s: %s\n", outpath, strerror(errno));
        return 1;
    }
    r = spool_text_render(sp, &f, raw, out);
    if (r)
        fprintf(stderr, "cpcms spool: %s\n", spool_error(sp));
    if (fflush(out) || ferror(out) || (outpath && fclose(out))) {
        fprintf(stderr, "cpcms spool: %s: write error\n", outpath ? outpath : "stdout");
        r = -1;
    }
    return r ? 1 : 0;
}

struct idlist {
    long long *ids;
    size_t n, cap;
};

static int collect(const struct spool_file *f, void *arg)
{
    struct idlist *l = arg;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 64;
        long long *ni = realloc(l->ids, cap * sizeof *ni);
        if (!ni)
            return 1;
        l->ids = ni;
        l->cap = cap;
    }
    l->ids[l->n++] = f->id;
    return 0;
}

static int do_purge(struct spool *sp, int argc, char **argv)
{
    struct idlist l = {0};
    if (argc == 3 && !strcmp(argv[1], "--queue")) {
        int q = spool_queue_find(argv[2]);
        if (q < 0) {
            fprintf(stderr, "cpcms spool: purge: '%s' is not a queue (reader, punch, printer)\n", argv[2]);
            return EXIT_USAGE;
        }
        if (spool_list(sp, q, collect, &l)) {
            fprintf(stderr, "cpcms spool: %s\n", spool_error(sp));
            free(l.ids);
            return 1;
        }
    } else if (argc >= 2) {
        for (int i = 1; i < argc; i++) {
            long long id = parse_id(argv[i]);
            if (id < 0 || collect(&(struct spool_file){.id = id}, &l)) {
                free(l.ids);
                return EXIT_USAGE;
            }
        }
    } else {
        fprintf(stderr, "cpcms spool: purge: give file IDs or --queue QUEUE\n");
        return EXIT_USAGE;
    }
    int status = 0;
    for (size_t i = 0; i < l.n; i++) {
        int r = spool_purge(sp, l.ids[i]);
        if (r < 0) {
            fprintf(stderr, "cpcms spool: %s\n", spool_error(sp));
            status = 1;
            break;
        }
        if (r == 0) {
            fprintf(stderr, "cpcms spool: %s: no file %lld\n", spool_path(sp), l.ids[i]);
            status = 1;
        }
    }
    free(l.ids);
    return status;
}

int cmd_spool(int argc, char **argv)
{
    const char *db = SPOOL_DEFAULT_DB;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        }
        if (!strcmp(argv[i], "--db") && i + 1 < argc) {
            db = argv[++i];
        } else if (!strncmp(argv[i], "--db=", 5)) {
            db = argv[i] + 5;
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    static const struct {
        const char *name;
        int (*fn)(struct spool *sp, int argc, char **argv);
        bool create;
    } subs[] = {
        {"queue", do_queue, true}, {"list", do_list, false},
        {"get", do_get, false}, {"purge", do_purge, false},
    };
    for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
        if (strcmp(argv[i], subs[k].name))
            continue;
        char msg[500];
        struct spool *sp = spool_open(db, subs[k].create, msg, sizeof msg);
        if (!sp) {
            fprintf(stderr, "cpcms spool: %s\n", msg);
            return 1;
        }
        int status = subs[k].fn(sp, argc - i, argv + i);
        spool_close(sp);
        return status;
    }
    fprintf(stderr, "cpcms spool: unknown command '%s'\n", argv[i]);
    usage(stderr);
    return EXIT_USAGE;
}

/*
 * `cpcms machine --spool FILE [--urec TYPE@CUU]...`: attach unit record
 * devices to the spool database db.  specs are the --urec arguments; with
 * none, the VM/370 set: a 2540 reader at 00C (unless `reader_taken`: the
 * --reader deck is there), a 2540 punch at 00D and a 1403 at 00E.
 * Returns 0, or EXIT_USAGE / EXIT_BAD_INPUT after a message on stderr.
 */
int spool_attach_devices(struct machine *m, const char *db, char **specs, int n, bool reader_taken)
{
    static const char *const defaults[] = {"2540R@00C", "2540P@00D", "1403@00E"};
    static const char *const types[] = {"2540R", "2540P", "3505", "3525", "1403", "3211"};
    char arg[4200];
    if (n && !db) {
        fprintf(stderr, "cpcms machine: --urec needs the spool database (--spool FILE)\n");
        return EXIT_USAGE;
    }
    if (!db)
        return 0;
    if (snprintf(arg, sizeof arg, "spool=%s", db) >= (int)sizeof arg) {
        fprintf(stderr, "cpcms machine: --spool %s: the name is too long\n", db);
        return EXIT_USAGE;
    }
    int count = n ? n : 3;
    for (int i = 0; i < count; i++) {
        const char *spec = n ? specs[i] : defaults[i];
        const char *at = strchr(spec, '@');
        long long cuu = at ? parse_hex(at + 1, 0xFFF) : -1;
        size_t k = 0, tl = at ? (size_t)(at - spec) : 0;
        while (k < sizeof types / sizeof types[0] && (strlen(types[k]) != tl || strncmp(types[k], spec, tl)))
            k++;
        if (cuu < 0 || k == sizeof types / sizeof types[0]) {
            fprintf(stderr, "cpcms machine: --urec %s: give TYPE@CUU, TYPE one of 2540R 2540P 3505 "
                    "3525 1403 3211\n", spec);
            return EXIT_USAGE;
        }
        if (!n && i == 0 && reader_taken)
            continue;
        const char *err;
        if (!dev_create(m, types[k], (uint16_t)cuu, arg, &err)) {
            fprintf(stderr, "cpcms machine: %s at %03llX: %s\n", types[k], cuu, err);
            return EXIT_BAD_INPUT;
        }
    }
    return 0;
}
