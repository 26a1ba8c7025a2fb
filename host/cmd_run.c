/*
 * cmd_run.c - `cpcms` with no subcommand, or `cpcms run`: the default
 * system.  On first use it makes a data directory and in it the system
 * residence volume (`cpcms sysgen` with the built-in directory: MAINT,
 * OPERATOR, USER1-USER5, each with the user id as initial password and
 * an empty A-disk; CMS on MAINT's 190, which they all IPL, once the CMS
 * nucleus is built: host/sysgen_cms.c); then it IPLs CP on a 16 MB machine with 32 3270s (0C0-0DF) behind the
 * TN3270 server, the operator's console on this terminal.
 *
 *   cpcms [run] [--data DIR] [--listen ADDR:PORT] [--storage SIZE]
 *
 * DIR: --data, else $XDG_DATA_HOME/cpcms, else ~/.local/share/cpcms.
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

#include "host.h"
#include "directory.h"
#include "dirvol.h"
#include "volume.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms [run] [--data DIR] [--listen ADDR:PORT] [--storage SIZE]\n"
            "\n"
            "Start the default system: CP IPLed from DIR/sysres.vol (made on first\n"
            "use, with the users MAINT, OPERATOR and USER1-USER5, whose initial\n"
            "passwords are their user ids: change them with `cpcms directory\n"
            "password DIR/sysres.vol USERID`; CMS on MAINT's 190 if the CMS nucleus\n"
            "is built), 16 MB, 3270s at 0C0-0DF behind a\n"
            "TN3270 server on 127.0.0.1:3270 (connect with c3270 localhost:3270).\n"
            "The operator's console is this terminal: type CP commands there\n"
            "(QUERY NAMES, AUTOLOG, FORCE, SHUTDOWN ...).\n"
            "DIR: default $XDG_DATA_HOME/cpcms or ~/.local/share/cpcms.\n"
            "--listen: another address or port; an address other than the loopback\n"
            "is refused while any initial password is unchanged.\n");
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

int cmd_run(int argc, char **argv)
{
    const char *data = NULL, *listen = "127.0.0.1:3270", *storage = "16M";
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
        } else {
            fprintf(stderr, "cpcms: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    char dir[PATH_MAX], vol[PATH_MAX + 16];
    if (data) {
        snprintf(dir, sizeof dir, "%s", data);
    } else if (getenv("XDG_DATA_HOME") && *getenv("XDG_DATA_HOME")) {
        snprintf(dir, sizeof dir, "%s/cpcms", getenv("XDG_DATA_HOME"));
    } else if (getenv("HOME")) {
        snprintf(dir, sizeof dir, "%s/.local/share/cpcms", getenv("HOME"));
    } else {
        fprintf(stderr, "cpcms: no HOME: give the data directory with --data DIR\n");
        return EXIT_USAGE;
    }
    snprintf(vol, sizeof vol, "%s/sysres.vol", dir);
    struct stat st;
    if (stat(vol, &st) < 0) {
        if (make_dirs(dir) < 0) {
            fprintf(stderr, "cpcms: cannot make %s: %s\n", dir, strerror(errno));
            return 1;
        }
        printf("cpcms: a new system in %s\n", dir);
        char *gen[] = {"sysgen", "--type", "3350", vol, NULL};
        int rc = cmd_sysgen(4, gen);
        if (rc)
            return rc;
    }
    if (!loopback(listen)) {
        char names[256];
        int n = initial_passwords(vol, names, sizeof names);
        if (n < 0)
            return 1;
        if (n > 0) {
            fprintf(stderr,
                    "cpcms: will not listen on %s: the initial passwords of %s are unchanged\n"
                    "(anyone could log on).  Change them with `cpcms directory password %s USERID`.\n",
                    listen, names, vol);
            return EXIT_USAGE;
        }
    }
    /* cmd_machine may write into its arguments: writable copies */
    static char a_mach[] = "machine", a_stor[] = "--storage", a_dasd[] = "--dasd", a_ipl[] = "--ipl",
                a_123[] = "123", a_3270[] = "--3270", a_terms[] = "0C0-0DF", a_tn[] = "--tn3270";
    char dasd[PATH_MAX + 32], size[32], addr[128];
    fflush(stdout);
    snprintf(dasd, sizeof dasd, "%s@123", vol);
    snprintf(size, sizeof size, "%s", storage);
    snprintf(addr, sizeof addr, "%s", listen);
    char *mach[] = {a_mach, a_stor, size, a_dasd, dasd, a_ipl, a_123, a_3270, a_terms, a_tn, addr, NULL};
    return cmd_machine(11, mach);
}
