/*
 * cmd_run.c - `cpcms` with no subcommand, or `cpcms run`: the default
 * system.  On first use it makes a data directory and in it the system
 * residence volume (`cpcms sysgen` with the built-in directory: MAINT,
 * OPERATOR, USER1-USER5, each with the user id as initial password and
 * an empty A-disk; CMS on MAINT's 190, which they all IPL, once the CMS
 * nucleus is built: host/sysgen_cms.c); then it IPLs CP on a 16 MB
 * machine with 32 3270s (0C0-0DF) behind the TN3270 server, a 2540
 * reader and punch and a 1403 printer (000C-000E) whose queues are
 * DATADIR/spool.db (`cpcms spool`: CP prints and punches the system's
 * spool files there), the operator's console on this terminal: the operator's
 * panel (panel.c) when stdin and stdout are a terminal, else the plain
 * line console.  --config FILE describes another system (sysconf.c).
 *
 *   cpcms [run] [--config FILE] [--data DIR] [--listen ADDR:PORT]
 *               [--storage SIZE] [--no-panel]
 *
 * DIR: --data, else the configuration's DATADIR, else
 * $XDG_DATA_HOME/cpcms, else ~/.local/share/cpcms.
 * The TN3270 server listens on 127.0.0.1:3270 unless --listen says
 * otherwise; another address than the loopback is refused while any
 * user's password is still the initial one (anyone could log on).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"
#include "directory.h"
#include "dirvol.h"
#include "volume.h"
#include "mconf.h"
#include "sysconf.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms [run] [--config FILE] [--data DIR] [--listen ADDR:PORT]\n"
            "                   [--storage SIZE] [--no-panel]\n"
            "\n"
            "Start the default system: CP IPLed from DIR/sysres.vol (made on first\n"
            "use, with the users MAINT, OPERATOR and USER1-USER5, whose initial\n"
            "passwords are their user ids: change them with `cpcms directory\n"
            "password DIR/sysres.vol USERID`; CMS on MAINT's 190 if the CMS nucleus\n"
            "is built), 16 MB, 3270s at 0C0-0DF behind a\n"
            "TN3270 server on 127.0.0.1:3270 (connect with c3270 localhost:3270).\n"
            "The operator's console is this terminal: type CP commands there\n"
            "(QUERY NAMES, AUTOLOG, FORCE, SHUTDOWN ...).  On a terminal it is a\n"
            "panel: machine state, instruction rate, devices, CP's messages and a\n"
            "command line with history (PgUp/PgDn scroll the messages; Ctrl-C twice\n"
            "stops the simulator without SHUTDOWN).  --no-panel, TERM=dumb or input\n"
            "or output that is not a terminal give the plain line console.\n"
            "DIR: default $XDG_DATA_HOME/cpcms or ~/.local/share/cpcms.\n"
            "--listen: another address or port; an address other than the loopback\n"
            "is refused while any initial password is unchanged.\n"
            "--storage: 16M by default, at most 16M.\n"
            "--config FILE: another system, in a format close to Hercules':\n"
            "  MAINSIZE 8                 storage in megabytes (up to 16)\n"
            "  NUMCPU 1                   one CPU (more are refused)\n"
            "  CNSLPORT 127.0.0.1:3270    the TN3270 server's address\n"
            "  DATADIR dir                the data directory\n"
            "  IPL 123                    the system residence volume's address\n"
            "  SPOOL spool.db             unit record queues (default DATADIR/spool.db)\n"
            "  0150 3350 vol.vol [ro]     a DASD volume file (cpcms dasd create)\n"
            "  0180 3420 tape.aws [ro]    a tape drive with an AWS tape\n"
            "  00C0-00DF 3270             3270 displays for the TN3270 server\n"
            "  000C 2540R, 000D 2540P, 000E 1403   unit record devices on the spool\n"
            "  '#' starts a comment; relative names are from the file's directory;\n"
            "  without a DASD at the IPL address it is DATADIR/sysres.vol, made on first\n"
            "  use; --data, --listen and --storage override the file.\n");
}

/* mkdir -p */
static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = 0;
            if (mkdir(buf, 0755) < 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    return mkdir(buf, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

static bool loopback(const char *listen)
{
    return !strchr(listen, ':') || !strncmp(listen, "127.", 4) || !strncmp(listen, "localhost:", 10) ||
           !strncmp(listen, "[::1]:", 6);
}

/* Users whose password is still their user id, into names; their count,
   or -1 if the directory cannot be read (message given). */
static int initial_passwords(const char *vol, char *names, size_t len)
{
    char err[512];
    struct volume *v = vol_open(vol, true, err, sizeof err);
    if (!v) {
        fprintf(stderr, "cpcms: %s\n", err);
        return -1;
    }
    struct dirvol_area a;
    uint8_t *blob;
    size_t blen;
    if (dirvol_read(v, &a, &blob, &blen, err, sizeof err) < 0 || dir_validate(blob, blen)) {
        fprintf(stderr, "cpcms: %s: no valid user directory\n", vol);
        vol_close(v);
        return -1;
    }
    vol_close(v);
    int n = 0;
    size_t pos = 0, used = 0;
    struct dir_user u;
    names[0] = 0;
    while (dir_next_user(blob, blen, &pos, &u) == 1)
        if (!u.nolog && dir_password_ok(&u, u.userid)) {
            used += (size_t)snprintf(names + used, used < len ? len - used : 0, "%s%s",
                                     n ? " " : "", u.userid);
            n++;
        }
    free(blob);
    return n;
}

/* Does this terminal get the panel?  stdin and stdout a terminal, a TERM
   that can address the cursor, and no --no-panel. */
static bool want_panel(bool no_panel)
{
    const char *term = getenv("TERM");
    return !no_panel && isatty(0) && isatty(1) && term && *term && strcmp(term, "dumb");
}

int cmd_run(int argc, char **argv)
{
    const char *data = NULL, *listen = NULL, *storage = NULL, *config = NULL;
    bool no_panel = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (i + 1 < argc && !strcmp(argv[i], "--data")) {
            data = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--listen")) {
            listen = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--storage")) {
            storage = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--config")) {
            config = argv[++i];
        } else if (!strcmp(argv[i], "--no-panel")) {
            no_panel = true;
        } else {
            fprintf(stderr, "cpcms: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    static struct sysconf sc;
    if (config) {
        int bad = sysconf_read(config, &sc);
        if (bad) {
            if (bad > 0)
                fprintf(stderr, "cpcms: %s: %d bad line%s: nothing started\n", config, bad,
                        bad == 1 ? "" : "s");
            return EXIT_USAGE;
        }
    } else {
        sc = (struct sysconf){.ipl = -1};
        sc.hw.storage = 16 << 20;
    }
    struct mconf *hw = &sc.hw;
    if (storage) {
        hw->storage = parse_size(storage);
        if (hw->storage < 4096 || hw->storage > (16 << 20) || (hw->storage & 0xFFF)) {
            fprintf(stderr, "cpcms: --storage %s: give a multiple of 4K up to 16M\n", storage);
            return EXIT_USAGE;
        }
    }
    if (listen || !hw->tn3270)
        hw->tn3270 = listen ? listen : "127.0.0.1:3270";
    if (sc.ipl < 0)
        sc.ipl = 0x123;
    char dir[PATH_MAX], vol[PATH_MAX + 16];
    if (data) {
        snprintf(dir, sizeof dir, "%s", data);
    } else if (sc.datadir[0]) {
        snprintf(dir, sizeof dir, "%s", sc.datadir);
    } else if (getenv("XDG_DATA_HOME") && *getenv("XDG_DATA_HOME")) {
        snprintf(dir, sizeof dir, "%s/cpcms", getenv("XDG_DATA_HOME"));
    } else if (getenv("HOME")) {
        snprintf(dir, sizeof dir, "%s/.local/share/cpcms", getenv("HOME"));
    } else {
        fprintf(stderr, "cpcms: no HOME: give the data directory with --data DIR\n");
        return EXIT_USAGE;
    }
    /* The system residence volume: the DASD at the IPL address, or the
       data directory's, made on first use. */
    const struct mconf_dev *sysres = NULL;
    bool any3270 = false;
    for (int i = 0; i < hw->ndev; i++) {
        if (hw->dev[i].first == sc.ipl && mconf_dasd_type(hw->dev[i].type))
            sysres = &hw->dev[i];
        any3270 |= !strcmp(hw->dev[i].type, "3270");
    }
    if (sysres) {
        snprintf(vol, sizeof vol, "%s", sysres->arg);
        char *comma = strrchr(vol, ',');
        if (comma && !strcmp(comma, ",ro"))
            *comma = 0;
    } else {
        snprintf(vol, sizeof vol, "%s/sysres.vol", dir);
        struct stat st;
        if (stat(vol, &st) < 0) {
            if (make_dirs(dir) < 0) {
                fprintf(stderr, "cpcms: cannot make %s: %s\n", dir, strerror(errno));
                return 1;
            }
            printf("cpcms: a new system in %s\n", dir);
            char *gen[] = {"sysgen", "--type", "3350", "--urec", "1403@00E", "--urec", "2540P@00D",
                           "--urec", "2540R@00C", vol, NULL};
            int rc = cmd_sysgen(10, gen);
            if (rc)
                return rc;
        }
        const char *err = mconf_add(hw, "dasd", (unsigned)sc.ipl, (unsigned)sc.ipl, vol,
                                    "the system residence volume");
        if (err) {
            fprintf(stderr, "cpcms: %s: %s\n", vol, err);
            return EXIT_USAGE;
        }
    }
    if (!any3270) {
        const char *err = mconf_add(hw, "3270", 0x0C0, 0x0DF, NULL, "the default 3270s (0C0-0DF)");
        if (err) {
            fprintf(stderr, "cpcms: 3270s 0C0-0DF: %s\n", err);
            return EXIT_USAGE;
        }
    }
    static char spool[PATH_MAX + 16];
    if (!hw->spool) {       /* the queues of 000C, 000D, 000E or the configured ones */
        snprintf(spool, sizeof spool, "%s/spool.db", dir);
        if (make_dirs(dir) < 0) {
            fprintf(stderr, "cpcms: cannot make %s: %s\n", dir, strerror(errno));
            return 1;
        }
        hw->spool = spool;
    }
    if (!loopback(hw->tn3270)) {
        char names[256];
        int n = initial_passwords(vol, names, sizeof names);
        if (n < 0)
            return 1;
        if (n > 0) {
            fprintf(stderr,
                    "cpcms: will not listen on %s: the initial passwords of %s are unchanged\n"
                    "(anyone could log on).  Change them with `cpcms directory password %s USERID`.\n",
                    hw->tn3270, names, vol);
            return EXIT_USAGE;
        }
    }
    fflush(stdout);
    struct mrun run = {.who = "cpcms", .ipl = sc.ipl, .gdb_port = -1,
                       .panel = want_panel(no_panel)};
    return machine_session(hw, &run);
}
