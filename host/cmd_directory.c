/*
 * cmd_directory.c - `cpcms directory`: the user directory of a system
 * residence volume, from the host.
 *
 *   cpcms directory list VOLUME              users, classes, storage, devices
 *   cpcms directory password VOLUME USERID   a new logon password
 *   cpcms directory verify VOLUME USERID     is this USERID's password?
 *
 * The directory is read through dirvol.c and decoded with
 * common/directory.h, as CP decodes it.  Neither subcommand ever prints a
 * password or a hash.  A password change writes a fresh salt and hash and
 * rewrites the directory area in one transaction of the volume file
 * (dasd/volume.h): it happens entirely or not at all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "host.h"
#include "directory.h"
#include "dirsrc.h"
#include "dirvol.h"
#include "volume.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms directory list VOLUME\n"
            "       cpcms directory password VOLUME USERID\n"
            "       cpcms directory verify VOLUME USERID\n"
            "\n"
            "The user directory of the system residence volume VOLUME (built by\n"
            "`cpcms sysgen`).  list: every user with privilege classes, storage,\n"
            "IPL, account and devices (never passwords).  password: give USERID a\n"
            "new logon password, read from the terminal without echo (twice), or\n"
            "as one line from standard input when that is not a terminal; 1 to 8\n"
            "characters, case ignored, as VM/370 compares them.  It is stored as\n"
            "a salted hash; the volume is changed in one transaction, so stop a\n"
            "system that runs from VOLUME first: CP reads the directory at IPL.\n"
            "verify: read a password the same way (once) and exit with 0 if it is\n"
            "USERID's, 1 if not.\n");
}

/* Open the volume and read its directory; the blob is validated.
   Returns the volume or NULL (message given). */
static struct volume *open_dir(const char *path, bool readonly, struct dirvol_area *a,
                               uint8_t **blob, size_t *len)
{
    char err[512];
    struct volume *v = vol_open(path, readonly, err, sizeof err);
    if (!v) {
        fprintf(stderr, "cpcms directory: %s\n", err);
        return NULL;
    }
    if (dirvol_read(v, a, blob, len, err, sizeof err) < 0) {
        fprintf(stderr, "cpcms directory: %s\n", err);
        vol_close(v);
        return NULL;
    }
    int rc = dir_validate(*blob, *len);
    if (rc) {
        fprintf(stderr, "cpcms directory: %s: the directory is damaged: %s\n", path, dir_strerror(rc));
        free(*blob);
        vol_close(v);
        return NULL;
    }
    return v;
}

/* "4M", "512K" */
static const char *size_text(uint32_t bytes, char *buf, size_t n)
{
    if (bytes % (1u << 20) == 0)
        snprintf(buf, n, "%uM", (unsigned)(bytes >> 20));
    else
        snprintf(buf, n, "%uK", (unsigned)(bytes >> 10));
    return buf;
}

static const char *spool_func(unsigned f)
{
    return f == DIR_SPOOL_READER ? "READER" : f == DIR_SPOOL_PUNCH ? "PUNCH" : "PRINTER";
}

static void list_dev(const struct dir_dev *d)
{
    static const char *const lpw[] = {"-", "ALL", "set"};
    switch (d->kind) {
    case DIR_CONSOLE:
        printf("  CONSOLE  %03X %04X  class %c%s%s\n", d->vaddr, d->devtype, d->cls,
               d->userid[0] ? "  secondary " : "", d->userid);
        break;
    case DIR_SPOOL:
        printf("  SPOOL    %03X %04X  %s class %c\n", d->vaddr, d->devtype, spool_func(d->func), d->cls);
        break;
    case DIR_DEDICATE:
        if (d->raddr == DIR_NO_RADDR)
            printf("  DEDICATE %03X volume %s\n", d->vaddr, d->volser);
        else
            printf("  DEDICATE %03X real %03X\n", d->vaddr, d->raddr);
        break;
    case DIR_SPECIAL:
        printf("  SPECIAL  %03X %s\n", d->vaddr,
               d->devtype == DIR_SPECIAL_3270 ? "3270" : d->devtype == DIR_SPECIAL_TIMER ? "TIMER" : "CTCA");
        break;
    case DIR_MDISK:
        if (d->tdisk)
            printf("  MDISK    %03X %04X  T-DISK %u cylinders %s\n", d->vaddr, d->devtype, d->cyls,
                   dir_mode_name(d->mode));
        else
            printf("  MDISK    %03X %04X  %-6s cylinders %u-%u %s  link passwords R %s W %s M %s\n",
                   d->vaddr, d->devtype, d->volser, d->start, d->start + d->cyls - 1,
                   dir_mode_name(d->mode), lpw[d->lpw[0]], lpw[d->lpw[1]], lpw[d->lpw[2]]);
        break;
    case DIR_LINK:
        printf("  LINK     %03X to %s %03X %s\n", d->vaddr, d->userid, d->link_vaddr, dir_mode_name(d->mode));
        break;
    }
}

static int do_list(const char *path)
{
    struct dirvol_area a;
    uint8_t *blob;
    size_t len;
    struct volume *v = open_dir(path, true, &a, &blob, &len);
    if (!v)
        return 1;
    printf("%-8s  %-8s  %7s  %7s  %3s  %-8s  %s\n", "USERID", "CLASSES", "STORAGE", "MAXIMUM", "PRI",
           "IPL", "ACCOUNT");
    size_t pos = 0;
    struct dir_user u;
    int rc;
    unsigned n = 0;
    while ((rc = dir_next_user(blob, len, &pos, &u)) == 1) {
        char s1[16], s2[16], ipl[12];
        if (u.ipl_kind == DIR_IPL_DEVICE)
            snprintf(ipl, sizeof ipl, "%03X", u.ipl_dev);
        else
            snprintf(ipl, sizeof ipl, "%s", u.ipl_kind == DIR_IPL_NAME ? u.ipl_name : "-");
        printf("%-8s  %-8s  %7s  %7s  %3u  %-8s  %s%s%s%s\n", u.userid, u.classes,
               size_text(u.storage, s1, sizeof s1), size_text(u.maxstorage, s2, sizeof s2),
               u.priority, ipl, u.account[0] ? u.account : "-", u.dist[0] ? " " : "", u.dist,
               u.nolog ? "  NOLOG" : "");
        if (u.ipl_parm[0])
            printf("  IPL PARM %s\n", u.ipl_parm);
        if (u.options) {
            static const struct { uint32_t f; const char *name; } o[] = {
                {DIR_OPT_ECMODE, "ECMODE"}, {DIR_OPT_REALTIMER, "REALTIMER"}, {DIR_OPT_ISAM, "ISAM"},
                {DIR_OPT_VIRTREAL, "VIRT=REAL"}, {DIR_OPT_BMX, "BMX"}, {DIR_OPT_ACCT, "ACCT"},
                {DIR_OPT_SVCOFF, "SVCOFF"},
            };
            printf("  OPTION  ");
            for (size_t i = 0; i < sizeof o / sizeof o[0]; i++)
                if (u.options & o[i].f)
                    printf(" %s", o[i].name);
            if (u.options & DIR_OPT_CPUID)
                printf(" CPUID %06X", (unsigned)u.cpuid);
            printf("\n");
        }
        size_t dpos = 0;
        struct dir_dev d;
        while ((rc = dir_next_dev(blob, len, &u, &dpos, &d)) == 1)
            list_dev(&d);
        if (rc < 0)
            break;
        n++;
    }
    if (rc < 0)
        fprintf(stderr, "cpcms directory: %s: %s\n", path, dir_strerror(rc));
    else
        printf("%u users; directory %zu bytes of %u on tracks %u-%u; minidisks from cylinder %u\n",
               n, len, DIRVOL_MAX, a.first_track, a.first_track + a.ntracks - 1, a.user_cyl);
    free(blob);
    vol_close(v);
    return rc < 0 ? 1 : 0;
}

/*
 * Read a password into pw (SHA256_PW_MAX + 1 bytes): from the terminal
 * without echo, twice, or one line of a pipe or file.  Returns its
 * length (1..SHA256_PW_MAX), or -1 with a message.  The lines read are
 * wiped.
 */
static int read_password(const char *userid, char *pw, bool twice)
{
    bool tty = isatty(STDIN_FILENO);
    char line[2][256];
    for (int k = 0; k < (tty && twice ? 2 : 1); k++) {
        struct termios old, quiet;
        if (tty) {
            fprintf(stderr, k == 0 ? "%s password for %s: " : "Again: ", twice ? "New" : "The", userid);
            fflush(stderr);
            if (tcgetattr(STDIN_FILENO, &old) < 0)
                tty = false;
            quiet = old;
            quiet.c_lflag &= (tcflag_t)~ECHO;
            quiet.c_lflag |= ECHONL;
            if (tty && tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) < 0)
                tty = false;
        }
        char *got = fgets(line[k], sizeof line[k], stdin);
        if (tty)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        if (!got) {
            fprintf(stderr, "cpcms directory: no password given\n");
            return -1;
        }
        line[k][strcspn(line[k], "\r\n")] = 0;
    }
    if (tty && twice && strcmp(line[0], line[1])) {
        memset(line, 0, sizeof line);
        fprintf(stderr, "cpcms directory: the two passwords differ: nothing changed\n");
        return -1;
    }
    size_t n = strlen(line[0]);
    bool ok = n >= 1 && n <= SHA256_PW_MAX;
    for (size_t i = 0; i < n; i++)
        if (line[0][i] < 0x21 || line[0][i] > 0x7E)
            ok = false;
    if (ok && !strcasecmp(line[0], "NOLOG"))
        ok = false;
    if (ok)
        memcpy(pw, line[0], n + 1);
    memset(line, 0, sizeof line);
    if (!ok) {
        fprintf(stderr, "cpcms directory: a password is 1 to %d printable characters without "
                "blanks, and not NOLOG: nothing changed\n", SHA256_PW_MAX);
        return -1;
    }
    return (int)n;
}

static int do_password(const char *path, const char *userid)
{
    struct dirvol_area a;
    uint8_t *blob;
    size_t len;
    struct volume *v = open_dir(path, false, &a, &blob, &len);
    if (!v)
        return 1;
    struct dir_user u;
    int rc = dir_find_user(blob, len, userid, &u);
    if (rc) {
        fprintf(stderr, "cpcms directory: %s: %s\n", path,
                rc == DIR_E_NOTFOUND ? "no such user in the directory" : dir_strerror(rc));
        goto out;
    }
    if (u.nolog) {
        fprintf(stderr, "cpcms directory: %s is NOLOG (may not log on): change the directory source "
                "to give it a password\n", u.userid);
        rc = -1;
        goto out;
    }
    char pw[SHA256_PW_MAX + 1];
    uint8_t salt[SHA256_SALT_LEN], hash[SHA256_LEN];
    int n = read_password(u.userid, pw, true);
    if (n < 0) {
        rc = -1;
        goto out;
    }
    if (dirsrc_random(salt, sizeof salt) < 0) {
        fprintf(stderr, "cpcms directory: no random numbers for the salt: %s\n", strerror(errno));
        memset(pw, 0, sizeof pw);
        rc = -1;
        goto out;
    }
    sha256_password(salt, pw, (size_t)n, hash);
    memset(pw, 0, sizeof pw);
    rc = dir_set_password(blob, len, u.userid, salt, hash);
    if (rc) {
        fprintf(stderr, "cpcms directory: %s: %s\n", path, dir_strerror(rc));
        goto out;
    }
    if (dirvol_write(v, &a, blob, len) < 0 || vol_commit(v) < 0) {
        fprintf(stderr, "cpcms directory: %s: %s: nothing changed\n", path, vol_error(v));
        rc = -1;
        goto out;
    }
    printf("%s: password of %s changed\n", path, u.userid);
out:
    free(blob);
    vol_close(v);
    return rc ? 1 : 0;
}

static int do_verify(const char *path, const char *userid)
{
    struct dirvol_area a;
    uint8_t *blob;
    size_t len;
    struct volume *v = open_dir(path, true, &a, &blob, &len);
    if (!v)
        return 1;
    struct dir_user u;
    int rc = dir_find_user(blob, len, userid, &u);
    char pw[SHA256_PW_MAX + 1];
    if (rc)
        fprintf(stderr, "cpcms directory: %s: %s\n", path,
                rc == DIR_E_NOTFOUND ? "no such user in the directory" : dir_strerror(rc));
    else if (read_password(u.userid, pw, false) < 0)
        rc = -1;
    else {
        rc = dir_password_ok(&u, pw) ? 0 : -1;
        memset(pw, 0, sizeof pw);
        printf("%s: %s\n", u.userid, rc == 0 ? "password correct" :
               u.nolog ? "NOLOG: may not log on" : "password incorrect");
    }
    free(blob);
    vol_close(v);
    return rc ? 1 : 0;
}

int cmd_directory(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "list"))
        return do_list(argv[2]);
    if (argc == 4 && !strcmp(argv[1], "password"))
        return do_password(argv[2], argv[3]);
    if (argc == 4 && !strcmp(argv[1], "verify"))
        return do_verify(argv[2], argv[3]);
    usage(stderr);
    return EXIT_USAGE;
}
