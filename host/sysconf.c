/*
 * sysconf.c - the configuration file of `cpcms run --config FILE`.
 *
 * A line-oriented format close to a Hercules configuration, so that
 * those who know Hercules can read and write it.  One statement a line;
 * words are separated by blanks; `#` or `*` at the start of a line, or
 * `#` after a blank, begins a comment; keywords and types in any case.
 *
 *   MAINSIZE n         storage in megabytes (or nK, nM): up to 16 (24-bit
 *                      addresses); default 16
 *   NUMCPU n           CPUs: only 1 (the machine has one CPU)
 *   ARCHMODE S/370     the only architecture there is (optional)
 *   CNSLPORT [ADDR:]PORT   where the TN3270 server listens
 *                      (default 127.0.0.1:3270; ADDR 127.0.0.1 if left out)
 *   DATADIR dir        the data directory (default: as `cpcms run`)
 *   IPL cuu            the system residence volume's address (default 123)
 *   SPOOL file         the unit record devices' spool database
 *                      (default DATADIR/spool.db)
 *   cuu type [args]    a device:
 *     cuu 2314|3330|3330-11|3340|3350|3380|3310|3370 file [ro]
 *                      a DASD volume file of that type (`cpcms dasd
 *                      create` or `import` makes one); ro: read-only
 *     cuu 3420 file [ro] [eot=SIZE]   a tape drive with an AWS tape
 *     cuu[-cuu] 3270   3270 displays for the TN3270 server (cuu.n: n of
 *                      them from cuu); default 0C0-0DF
 *     cuu 2540R|3505|2540P|3525|1403|3211   a reader, punch or printer
 *                      on the spool database
 *     009 3215         the operator's console (always there)
 *
 * Hercules statements that do not concern this machine (CPUSERIAL,
 * LOADPARM, TZOFFSET, PANRATE...: hercules_only[]) are taken with a note.
 * Relative file names are taken from the configuration file's directory.
 * Without a DASD at the IPL address, the system residence volume is
 * DATADIR/sysres.vol, made on first use as `cpcms run` makes it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "host.h"
#include "sysconf.h"
#include "geometry.h"
#include "volume.h"

#define WORDS 8

/* The file being read, for messages and relative names. */
struct reader {
    const char *path;
    char dir[PATH_MAX];
    int line;
    int bad;
    struct sysconf *sc;
};

static void bad(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(struct reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "cpcms: %s:%d: ", r->path, r->line);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    r->bad++;
}

/* A copy of s that lives as long as the program. */
static char *keep(const char *s)
{
    char *p = strdup(s);
    if (!p) {
        fprintf(stderr, "cpcms: out of memory\n");
        exit(1);
    }
    return p;
}

/* A file name from the configuration: relative to its directory. */
static char *file_name(struct reader *r, const char *name)
{
    char buf[PATH_MAX * 2];
    if (name[0] == '/')
        return keep(name);
    snprintf(buf, sizeof buf, "%s/%s", r->dir, name);
    return keep(buf);
}

/* "FILE:LINE" for the devices' messages. */
static const char *where(struct reader *r)
{
    char buf[PATH_MAX + 16];
    snprintf(buf, sizeof buf, "%s:%d", r->path, r->line);
    return keep(buf);
}

/* cuu, cuu-cuu or cuu.n into first and last; false if it is none. */
static bool addresses(const char *s, unsigned *first, unsigned *last)
{
    char a[16];
    const char *sep = strpbrk(s, "-.");
    size_t n = sep ? (size_t)(sep - s) : strlen(s);
    if (n == 0 || n >= sizeof a)
        return false;
    memcpy(a, s, n);
    a[n] = 0;
    long long f = parse_hex(a, 0xFFF), l = f;
    if (sep && *sep == '-')
        l = parse_hex(sep + 1, 0xFFF);
    else if (sep) {
        char *end;
        long count = strtol(sep + 1, &end, 10);
        l = *end || count < 1 || sep[1] == 0 ? -1 : f + count - 1;
    }
    if (f < 0 || l < f || l > 0xFFF)
        return false;
    *first = (unsigned)f;
    *last = (unsigned)l;
    return true;
}

static const char *const urec_types[] = {"2540R", "2540P", "3505", "3525", "1403", "3211"};

static bool is_urec(const char *t)
{
    for (size_t i = 0; i < sizeof urec_types / sizeof urec_types[0]; i++)
        if (!strcmp(t, urec_types[i]))
            return true;
    return false;
}

static void add(struct reader *r, const char *type, unsigned first, unsigned last, const char *arg)
{
    const char *err = mconf_add(&r->sc->hw, keep(type), first, last, arg, where(r));
    if (err)
        bad(r, "%s", err);
}

/* A device statement: w[0] the addresses, w[1] the type (upper case). */
static void device(struct reader *r, char **w, int n)
{
    unsigned first, last;
    const char *type = w[1];
    if (!addresses(w[0], &first, &last)) {
        bad(r, "%s: give a device address 000-FFF (cuu, cuu-cuu or cuu.n for 3270s)", w[0]);
        return;
    }
    if (last != first && strcmp(type, "3270")) {
        bad(r, "%s: only 3270s come in ranges", w[0]);
        return;
    }
    if (mconf_dasd_type(type)) {
        if (n < 3 || n > 4 || (n == 4 && strcasecmp(w[3], "ro"))) {
            bad(r, "%s %s: give the volume file, and ro for read-only", w[0], type);
            return;
        }
        char *f = file_name(r, w[2]), msg[PATH_MAX + 200];
        struct volume *v = vol_open(f, true, msg, sizeof msg);
        if (!v || strcmp(vol_info(v)->type->name, type)) {
            if (v)
                bad(r, "%s %s: %s is a %s volume", w[0], type, w[2], vol_info(v)->type->name);
            else
                bad(r, "%s %s: %s%s", w[0], type, msg,
                    access(f, F_OK) ? "" : " (a Hercules image? `cpcms dasd import` makes a volume of it)");
            vol_close(v);
            free(f);
            return;
        }
        vol_close(v);
        char arg[PATH_MAX * 2 + 8];
        snprintf(arg, sizeof arg, "%s%s", f, n == 4 ? ",ro" : "");
        free(f);
        add(r, type, first, last, keep(arg));
    } else if (!strcmp(type, "3420")) {
        char arg[PATH_MAX * 2 + 64];
        if (n < 3) {
            bad(r, "%s 3420: give the tape file (AWS)", w[0]);
            return;
        }
        char *f = file_name(r, w[2]);
        int len = snprintf(arg, sizeof arg, "%s", f);
        bool missing = access(f, F_OK) != 0;
        free(f);
        for (int i = 3; i < n; i++) {
            const char *opt = w[i];
            if (!strcasecmp(opt, "ro") && missing) {
                bad(r, "%s 3420: %s: a read-only tape must exist", w[0], w[2]);
                return;
            } else if (!strcasecmp(opt, "ro"))
                len += snprintf(arg + len, sizeof arg - (size_t)len, ",ro");
            else if (!strncasecmp(opt, "eot=", 4))
                len += snprintf(arg + len, sizeof arg - (size_t)len, ",eot=%s", opt + 4);
            else {
                bad(r, "%s 3420: %s: give ro or eot=SIZE after the file", w[0], opt);
                return;
            }
        }
        add(r, "3420", first, last, keep(arg));
    } else if (!strcmp(type, "3270")) {
        if (n > 2)
            bad(r, "%s 3270: nothing goes after the type (the TN3270 server gives clients the devices)", w[0]);
        else
            add(r, "3270", first, last, NULL);
    } else if (is_urec(type)) {
        struct mconf *hw = &r->sc->hw;
        const char *err;
        char spec[32];
        if (n > 2) {
            bad(r, "%s %s: nothing goes after the type (the queues are in the spool database, SPOOL)",
                w[0], type);
        } else if (hw->nurec == MCONF_MAX_UREC) {
            bad(r, "at most %d unit record devices", MCONF_MAX_UREC);
        } else if ((err = mconf_check_addr(hw, first, last))) {
            bad(r, "%s", err);
        } else {
            snprintf(spec, sizeof spec, "%s@%03X", type, first);
            hw->urec[hw->nurec++] = keep(spec);
        }
    } else if (!strcmp(type, "3215") || !strcmp(type, "3215-C")) {
        if (first != 0x009)
            bad(r, "%s %s: the operator's console is at 009", w[0], type);
    } else {
        bad(r, "%s: unknown device type (DASD: 2314 3330 3330-11 3340 3350 3380 3310 3370; "
            "3420; 3270; 2540R 3505 2540P 3525 1403 3211; 3215)", type);
    }
}

/* Hercules statements that say nothing about this machine: taken with a
   note, so that a Hercules configuration needs fewer changes. */
static const char *const hercules_only[] = {
    "CPUSERIAL", "CPUMODEL", "CPUVERID", "MODEL", "PLANT", "MANUFACTURER", "LPARNAME",
    "LOADPARM", "TZOFFSET", "SYSEPOCH", "YROFFSET", "OSTAILOR", "PANRATE", "HTTPPORT",
    "HTTPROOT", "CODEPAGE", "ECPSVM", "DIAG8CMD", "SHCMDOPT", "PGMPRDOS", "LEGACYSENSEID",
    "TIMERINT", "DEVTMAX", "MAXCPU", "CONKPALV", "MOUNTED_TAPE_REINIT",
};

static bool hercules(const char *kw)
{
    for (size_t i = 0; i < sizeof hercules_only / sizeof hercules_only[0]; i++)
        if (!strcmp(kw, hercules_only[i]))
            return true;
    return false;
}

/* One statement, split into n words. */
static void statement(struct reader *r, char **w, int n)
{
    struct sysconf *sc = r->sc;
    for (char *p = w[0]; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    const char *kw = w[0];
    unsigned first, last;
    bool dev = n >= 2 && addresses(kw, &first, &last);
    if (dev || !strcmp(kw, "ARCHMODE"))
        for (char *p = w[1]; *p; p++)
            *p = (char)toupper((unsigned char)*p);
    bool one = n == 2;
    if (!strcmp(kw, "MAINSIZE")) {
        long long size = one ? parse_size(w[1]) : -1;
        if (one && size >= 0 && !strpbrk(w[1], "KkMm"))
            size <<= 20;
        if (size < 4096 || size > (16 << 20) || (size & 0xFFF))
            bad(r, "MAINSIZE %s: give megabytes up to 16 (or nK, a multiple of 4K): "
                "S/370 addresses are 24 bits", one ? w[1] : "");
        else
            sc->hw.storage = size;
    } else if (!strcmp(kw, "NUMCPU")) {
        if (!one || strcmp(w[1], "1"))
            bad(r, "NUMCPU %s: the machine has one CPU (multiprocessing is not supported)", n > 1 ? w[1] : "");
    } else if (!strcmp(kw, "ARCHMODE")) {
        if (!one || (strcmp(w[1], "S/370") && strcmp(w[1], "S370")))
            bad(r, "ARCHMODE %s: the machine is an S/370 (ARCHMODE S/370)", n > 1 ? w[1] : "");
    } else if (!strcmp(kw, "CNSLPORT")) {
        if (!one)
            bad(r, "CNSLPORT: give [ADDR:]PORT");
        else
            sc->hw.tn3270 = keep(w[1]);
    } else if (!strcmp(kw, "DATADIR")) {
        char *d = one ? file_name(r, w[1]) : NULL;
        if (!d || strlen(d) >= sizeof sc->datadir)
            bad(r, "DATADIR: give a directory");
        else
            snprintf(sc->datadir, sizeof sc->datadir, "%s", d);
        free(d);
    } else if (!strcmp(kw, "IPL")) {
        long long a = one ? parse_hex(w[1], 0xFFF) : -1;
        if (a < 0)
            bad(r, "IPL: give the device address (000-FFF) of the system residence volume");
        else
            sc->ipl = a;
    } else if (!strcmp(kw, "SPOOL")) {
        if (!one)
            bad(r, "SPOOL: give the spool database file");
        else
            sc->hw.spool = file_name(r, w[1]);
    } else if (dev) {
        device(r, w, n);
    } else if (hercules(kw)) {
        fprintf(stderr, "cpcms: %s:%d: %s: a Hercules statement with no meaning here, ignored\n",
                r->path, r->line, kw);
    } else {
        bad(r, "%s: unknown statement (MAINSIZE, NUMCPU, ARCHMODE, CNSLPORT, DATADIR, IPL, SPOOL, "
            "or a device: cuu type [file])", kw);
    }
}

int sysconf_read(const char *path, struct sysconf *sc)
{
    *sc = (struct sysconf){.ipl = -1};
    sc->hw.storage = 16 << 20;
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cpcms: %s: %s\n", path, strerror(errno));
        return -1;
    }
    struct reader r = {.path = path, .sc = sc};
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(r.dir, sizeof r.dir, "%.*s", (int)(slash - path) ? (int)(slash - path) : 1, path);
    else
        snprintf(r.dir, sizeof r.dir, ".");
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        r.line++;
        if (!strchr(line, '\n') && !feof(f)) {
            bad(&r, "line too long");
            int c;
            while ((c = getc(f)) != EOF && c != '\n')
                ;
            continue;
        }
        char *w[WORDS];
        int n = 0;
        if (line[0] == '*' || line[0] == '#')
            continue;
        for (char *p = line; *p;) {
            while (isspace((unsigned char)*p))
                p++;
            if (!*p || *p == '#')
                break;
            if (n == WORDS) {
                n++;
                break;
            }
            w[n++] = p;
            while (*p && !isspace((unsigned char)*p))
                p++;
            if (*p)
                *p++ = 0;
        }
        if (n > WORDS)
            bad(&r, "too many words");
        else if (n)
            statement(&r, w, n);
    }
    fclose(f);
    return r.bad;
}
