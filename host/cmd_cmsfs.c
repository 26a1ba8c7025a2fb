/*
 * cmd_cmsfs.c - `cpcms cmsfs`: files on a CMS minidisk inside a volume
 * file, in and out, while the system is down.
 *
 *   cpcms cmsfs format [--blksize 1024|2048|4096] [--label VOLID] VOLUME DISK
 *   cpcms cmsfs ls VOLUME DISK
 *   cpcms cmsfs get [--binary] VOLUME DISK FILEID HOSTFILE|-
 *   cpcms cmsfs put [--binary] [--recfm F|V] [--lrecl N] VOLUME DISK HOSTFILE FILEID
 *   cpcms cmsfs rm VOLUME DISK FILEID
 *
 * The file system is cms/fs (edf.h), the same code the CMS nucleus runs;
 * this file finds the minidisk (cmsfs_disk.c), lends the library a block
 * device over the volume's tracks or FBA rows (cmsfs_dev.c), and converts
 * text.  Each command is one volume transaction: any error rolls it back,
 * so a refused command changes nothing.  The volume is locked with
 * flock(LOCK_EX) first: a running system holds LOCK_SH on every volume
 * it has attached (dasd/volume.c, vol_attach()), and a volume in use is
 * refused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "host.h"
#include "cmsfs.h"
#include "ebcdic.h"
#include "edf.h"
#include "volume.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms cmsfs format [--blksize 1024|2048|4096] [--label VOLID] VOLUME DISK\n"
            "       cpcms cmsfs ls VOLUME DISK\n"
            "       cpcms cmsfs get [--binary] VOLUME DISK FILEID HOSTFILE|-\n"
            "       cpcms cmsfs put [--binary] [--recfm F|V] [--lrecl N] VOLUME DISK HOSTFILE FILEID\n"
            "       cpcms cmsfs rm VOLUME DISK FILEID\n"
            "\n"
            "Files on a CMS (EDF) minidisk inside a volume file, while the system is\n"
            "down: a volume attached by a running system is refused.\n"
            "VOLUME: a volume file (`cpcms dasd create`, or the default system's\n"
            "  sysres.vol).\n"
            "DISK: USERID.CUU (that user's MDISK at CUU in the user directory on\n"
            "  the volume), CUU (the one user with a minidisk at CUU on this volume),\n"
            "  START:COUNT (cylinders; blocks on FBA), or ALL (the whole volume).\n"
            "FILEID: \"FN FT [FM]\" as one argument, or FN.FT[.FM]; FM defaults to A1.\n"
            "format: make an empty CMS file system (default 4096-byte blocks, label\n"
            "  CMS and the address, or CMSDSK).  CKD tracks are rewritten with\n"
            "  records of the block size.\n"
            "ls: FN FT FM RECFM LRECL RECORDS BLOCKS DATE TIME, one file a line.\n"
            "get: text mode turns each record into an ASCII line (trailing blanks of\n"
            "  F records dropped); --binary writes the records' bytes as they are.\n"
            "put: text mode makes each line a record in EBCDIC, RECFM V (an empty\n"
            "  line becomes one blank) or F (padded with blanks, LRECL default 80);\n"
            "  --binary stores the bytes in records of LRECL (default 4096): RECFM V\n"
            "  by default, so the last record is as short as the data and get gives\n"
            "  back the same bytes; RECFM F pads the last record with zeros.\n"
            "  A file of that name is replaced.\n"
            "rm: erase the file.\n");
}

static const char *prog = "cpcms cmsfs";

/* The words of FILEID, checked and upper-cased.  0 or -1. */
static int fileid_words(const char *s, char fn[9], char ft[9], char fm[3])
{
    char buf[64], *w[4];
    int n = 0;
    if (strlen(s) >= sizeof buf)
        return -1;
    strcpy(buf, s);
    const char *sep = strchr(buf, ' ') ? " " : ".";
    for (char *save, *t = strtok_r(buf, sep, &save); t; t = strtok_r(NULL, sep, &save)) {
        if (n == 4)
            return -1;
        w[n++] = t;
    }
    if (n < 2 || n > 3 || strlen(w[0]) > 8 || strlen(w[1]) > 8 || (n == 3 && strlen(w[2]) > 2))
        return -1;
    uint8_t e[8];
    if (edf_name(w[0], e) || edf_name(w[1], e) || (n == 3 && edf_mode(w[2], e)))
        return -1;
    strcpy(fn, w[0]), strcpy(ft, w[1]);
    strcpy(fm, n == 3 ? w[2] : "");
    for (char *p = fn; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    for (char *p = ft; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    if (fm[0] >= 'a' && fm[0] <= 'z')
        fm[0] = (char)(fm[0] - 32);
    return 0;
}

/* FILEID -> fn, ft, fm (fm "" if not given).  0, or -1 after a message. */
static int parse_fileid(const char *s, char fn[9], char ft[9], char fm[3])
{
    if (fileid_words(s, fn, ft, fm) == 0)
        return 0;
    fprintf(stderr, "%s: invalid file id '%s' (FN FT [FM]: 1-8 of A-Z 0-9 $ # @ + - : _)\n",
            prog, s);
    return -1;
}

static struct edf_time now_local(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    struct edf_time e = {(unsigned)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday,
                         (unsigned)tm.tm_hour, (unsigned)tm.tm_min, (unsigned)tm.tm_sec};
    return e;
}

/* Mount the file system of c; a message and 1 if it cannot be used
   (damaged: only when `need_rw`; a read-only mount is enough to read). */
static int mount(struct cmsfs *c, bool need_rw)
{
    int rc = cmsfs_mount(c, !need_rw);
    if (c->d)
        c->d->now = now_local();      /* stamped on what is written */
    if (rc == EDF_OK || ((rc == EDF_E_MAP || rc == EDF_E_FILE) && !need_rw))
        return rc == EDF_OK ? 0 : -1;
    fprintf(stderr, "%s: %s disk %s: %s%s\n", prog, c->path, c->name, edf_strerror(rc),
            rc == EDF_E_IO ? cmsfs_why(c) : (rc == EDF_E_MAP || rc == EDF_E_FILE)
                                                ? " (the disk can only be read)" : "");
    return 1;
}

static int do_format(int argc, char **argv)
{
    unsigned bs = 4096;
    const char *label = NULL;
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--blksize") && i + 1 < argc) {
            bs = (unsigned)strtoul(argv[++i], NULL, 10);
            if (bs != 1024 && bs != 2048 && bs != 4096) {
                fprintf(stderr, "%s format: block size '%s': 1024, 2048 or 4096\n", prog, argv[i]);
                return EXIT_USAGE;
            }
        } else if (!strcmp(argv[i], "--label") && i + 1 < argc) {
            label = argv[++i];
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - i != 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    struct cmsfs c;
    if (cmsfs_open(&c, argv[i], argv[i + 1], true))
        return 1;
    char deflabel[7];
    if (!label) {
        if (c.cuu >= 0)
            snprintf(deflabel, sizeof deflabel, "CMS%03X", (unsigned)c.cuu & 0xFFF);
        else
            strcpy(deflabel, "CMSDSK");
        label = deflabel;
    }
    uint8_t e[8];
    if (strlen(label) > 6 || edf_name(label, e)) {
        fprintf(stderr, "%s format: label '%s': 1-6 of A-Z 0-9 $ # @ + - : _\n", prog, label);
        cmsfs_close(&c, false);
        return 1;
    }
    int rc = cmsfs_format(&c, bs, label, now_local());
    if (rc) {
        fprintf(stderr, "%s: %s disk %s: format: %s%s\n", prog, c.path, c.name, edf_strerror(rc),
                rc == EDF_E_IO ? cmsfs_why(&c) : "");
        cmsfs_close(&c, false);
        return 1;
    }
    struct edf_usage u;
    edf_usage(c.d, &u);
    if (cmsfs_close(&c, true))
        return 1;
    printf("%s disk %s: formatted, label %s, %u blocks of %u bytes\n", argv[i], argv[i + 1],
           u.volid, (unsigned)u.total, u.blksize);
    return 0;
}

static int do_ls(int argc, char **argv)
{
    if (argc != 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    struct cmsfs c;
    if (cmsfs_open(&c, argv[0], argv[1], false))
        return 1;
    int m = mount(&c, false);
    if (m > 0) {
        cmsfs_close(&c, false);
        return 1;
    }
    struct edf_stat st;
    uint32_t pos = 0;
    while (edf_next(c.d, &pos, &st) == 1)
        printf("%-8s %-8s %-2s %c %5u %8u %6u %04u-%02u-%02u %02u:%02u:%02u\n", st.fn, st.ft, st.fm,
               st.recfm, (unsigned)st.lrecl, (unsigned)st.records, (unsigned)st.blocks,
               st.written.year, st.written.mon, st.written.day, st.written.hour, st.written.min,
               st.written.sec);
    if (m < 0)
        fprintf(stderr, "%s: %s disk %s: %s (read-only)\n", prog, c.path, c.name,
                edf_strerror(c.d->damage));
    cmsfs_close(&c, false);
    return m < 0 ? 1 : 0;
}

static int do_get(int argc, char **argv)
{
    bool binary = argc > 0 && !strcmp(argv[0], "--binary");
    argc -= binary, argv += binary;
    char fn[9], ft[9], fm[3];
    if (argc != 4) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (parse_fileid(argv[2], fn, ft, fm)) {
        return 1;
    }
    struct cmsfs c;
    if (cmsfs_open(&c, argv[0], argv[1], false))
        return 1;
    if (mount(&c, false) > 0) {
        cmsfs_close(&c, false);
        return 1;
    }
    static struct edf_file f;
    static uint8_t rec[EDF_MAX_LRECL];
    static char line[EDF_MAX_LRECL + 1];
    int rc = edf_open(c.d, &f, fn, ft);
    if (rc) {
        fprintf(stderr, "%s: %s disk %s: %s %s: %s\n", prog, c.path, c.name, fn, ft, edf_strerror(rc));
        cmsfs_close(&c, false);
        return 1;
    }
    bool to_stdout = !strcmp(argv[3], "-");
    FILE *out = to_stdout ? stdout : fopen(argv[3], "wb");
    if (!out) {
        fprintf(stderr, "%s: %s: %s\n", prog, argv[3], strerror(errno));
        cmsfs_close(&c, false);
        return 1;
    }
    uint32_t len;
    while ((rc = edf_read(&f, 0, rec, sizeof rec, &len)) == EDF_OK) {
        if (binary) {
            fwrite(rec, 1, len, out);
            continue;
        }
        if (f.fst[EDF_FSTRECFM] == EDF_RECFM_F)
            while (len > 0 && rec[len - 1] == 0x40)
                len--;
        ebcdic_to_ascii_buf(line, rec, len);
        line[len] = '\n';
        fwrite(line, 1, len + 1, out);
    }
    int werr = ferror(out);
    if (!to_stdout && fclose(out))
        werr = 1;
    if (rc != EDF_E_EOF || werr) {
        if (rc != EDF_E_EOF)
            fprintf(stderr, "%s: %s disk %s: %s %s: %s\n", prog, c.path, c.name, fn, ft,
                    edf_strerror(rc));
        else
            fprintf(stderr, "%s: %s: write error\n", prog, argv[3]);
        if (!to_stdout)
            remove(argv[3]);
        cmsfs_close(&c, false);
        return 1;
    }
    cmsfs_close(&c, false);
    return 0;
}

/* The host file, whole, in *data (malloc'd). */
static int slurp(const char *path, uint8_t **data, size_t *len)
{
    FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!in) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        return -1;
    }
    size_t cap = 65536, n = 0;
    uint8_t *b = malloc(cap);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, in)) > 0;) {
        n += got;
        if (n == cap) {
            uint8_t *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
        }
    }
    bool bad = !b || ferror(in);
    if (in != stdin)
        fclose(in);
    if (bad) {
        free(b);
        fprintf(stderr, "%s: %s: cannot read\n", prog, path);
        return -1;
    }
    *data = b, *len = n;
    return 0;
}

/* Write the host data as records of f (text or binary).  EDF_OK, an
   EDF_E_* code, or 1 after a message of its own. */
static int put_records(struct edf_file *f, const uint8_t *data, size_t n, bool binary, char recfm,
                       uint32_t lrecl, const char *host)
{
    static uint8_t rec[EDF_MAX_LRECL];
    int rc = EDF_OK;
    if (binary) {
        for (size_t off = 0; off < n && rc == EDF_OK; off += lrecl) {
            uint32_t k = n - off < lrecl ? (uint32_t)(n - off) : lrecl;
            memcpy(rec, data + off, k);
            if (recfm == 'F' && k < lrecl)
                memset(rec + k, 0, lrecl - k), k = lrecl;
            rc = edf_write(f, rec, k);
        }
        return rc;
    }
    unsigned lineno = 0;
    for (size_t off = 0; off < n && rc == EDF_OK;) {
        const uint8_t *nl = memchr(data + off, '\n', n - off);
        size_t k = (nl ? (size_t)(nl - data) : n) - off;
        lineno++;
        if (k > lrecl) {
            fprintf(stderr, "%s: %s: line %u: %zu characters, more than LRECL %u\n", prog, host,
                    lineno, k, (unsigned)lrecl);
            return 1;
        }
        ebcdic_from_ascii(rec, (const char *)data + off, k);
        uint32_t len = (uint32_t)k;
        if (recfm == 'F' || len == 0) {
            memset(rec + len, 0x40, (recfm == 'F' ? lrecl : 1) - len);
            len = recfm == 'F' ? lrecl : 1;
        }
        rc = edf_write(f, rec, len);
        off += k + 1;
    }
    return rc;
}

static int do_put(int argc, char **argv)
{
    bool binary = false;
    char recfm = 0;
    long lrecl = 0;
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "--binary"))
            binary = true;
        else if (!strcmp(argv[i], "--recfm") && i + 1 < argc &&
                 (!strcmp(argv[i + 1], "F") || !strcmp(argv[i + 1], "V")))
            recfm = argv[++i][0];
        else if (!strcmp(argv[i], "--lrecl") && i + 1 < argc) {
            char *end;
            lrecl = strtol(argv[++i], &end, 10);
            if (*end || lrecl < 1 || lrecl > EDF_MAX_LRECL) {
                fprintf(stderr, "%s put: LRECL '%s': 1 to 65535\n", prog, argv[i]);
                return EXIT_USAGE;
            }
        } else {
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (argc - i != 4) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char **a = argv + i;
    char fn[9], ft[9], fm[3];
    if (parse_fileid(a[3], fn, ft, fm)) {
        return 1;
    }
    if (!recfm)
        recfm = 'V';
    if (!lrecl)
        lrecl = binary ? 4096 : recfm == 'F' ? 80 : EDF_MAX_LRECL;
    uint8_t *data;
    size_t n;
    if (slurp(a[2], &data, &n))
        return 1;
    if (n == 0) {
        fprintf(stderr, "%s: %s is empty: a CMS file has at least one record\n", prog, a[2]);
        free(data);
        return 1;
    }
    struct cmsfs c;
    if (cmsfs_open(&c, a[0], a[1], true)) {
        free(data);
        return 1;
    }
    if (mount(&c, true)) {
        cmsfs_close(&c, false);
        free(data);
        return 1;
    }
    static struct edf_file f;
    int rc = edf_create(c.d, &f, fn, ft, fm[0] ? fm : NULL, recfm, (uint32_t)lrecl);
    if (rc == EDF_OK) {
        rc = put_records(&f, data, n, binary, recfm, (uint32_t)lrecl, a[2]);
        int rc2 = edf_close(&f);
        if (rc == EDF_OK)
            rc = rc2;
    }
    free(data);
    if (rc == EDF_OK)
        rc = edf_commit(c.d);
    if (rc) {
        if (rc != 1)
            fprintf(stderr, "%s: %s disk %s: %s %s: %s%s\n", prog, c.path, c.name, fn, ft,
                    edf_strerror(rc), rc == EDF_E_IO ? cmsfs_why(&c) : "");
        cmsfs_close(&c, false);
        return 1;
    }
    return cmsfs_close(&c, true) ? 1 : 0;
}

static int do_rm(int argc, char **argv)
{
    if (argc != 3) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char fn[9], ft[9], fm[3];
    if (parse_fileid(argv[2], fn, ft, fm)) {
        return 1;
    }
    struct cmsfs c;
    if (cmsfs_open(&c, argv[0], argv[1], true))
        return 1;
    if (mount(&c, true)) {
        cmsfs_close(&c, false);
        return 1;
    }
    int rc = edf_erase(c.d, fn, ft);
    if (rc == EDF_OK)
        rc = edf_commit(c.d);
    if (rc) {
        fprintf(stderr, "%s: %s disk %s: %s %s: %s\n", prog, c.path, c.name, fn, ft, edf_strerror(rc));
        cmsfs_close(&c, false);
        return 1;
    }
    return cmsfs_close(&c, true) ? 1 : 0;
}

int cmd_cmsfs(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    const char *verb = argv[1];
    argc -= 2, argv += 2;
    if (!strcmp(verb, "format"))
        return do_format(argc, argv);
    if (!strcmp(verb, "ls"))
        return do_ls(argc, argv);
    if (!strcmp(verb, "get"))
        return do_get(argc, argv);
    if (!strcmp(verb, "put"))
        return do_put(argc, argv);
    if (!strcmp(verb, "rm"))
        return do_rm(argc, argv);
    usage(stderr);
    return EXIT_USAGE;
}
