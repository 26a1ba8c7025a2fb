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
 * cmsfs_vol.c finds the minidisk and lends the library a block device
 * over the volume's tracks or FBA rows, cmsfs_put.c makes host files
 * records; this file parses the commands and converts text going out.
 * Each command is one volume transaction: any error rolls it back, so a
 * refused command changes nothing.  The volume is locked with
 * flock(LOCK_EX) first: a running system holds LOCK_SH on every volume
 * it has attached (dasd/volume.c, vol_attach()), and a volume in use is
 * refused.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* FILEID -> fn, ft, fm (fm "" if not given).  0, or -1 after a message. */
static int parse_fileid(const char *s, char fn[9], char ft[9], char fm[3])
{
    if (cmsfs_fileid(s, fn, ft, fm) == 0)
        return 0;
    fprintf(stderr, "%s: invalid file id '%s' (FN FT [FM]: 1-8 of A-Z 0-9 $ # @ + - : _)\n",
            prog, s);
    return -1;
}

/* Mount the file system of c; a message and 1 if it cannot be used
   (damaged: only when `need_rw`; a read-only mount is enough to read). */
static int mount(struct cmsfs *c, bool need_rw)
{
    int rc = cmsfs_mount(c, !need_rw);
    if (c->d)
        c->d->now = cmsfs_now();      /* stamped on what is written */
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
    if (cmsfs_open(&c, prog, argv[i], argv[i + 1], true))
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
    int rc = cmsfs_format(&c, bs, label, cmsfs_now(), 0);
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
    if (cmsfs_open(&c, prog, argv[0], argv[1], false))
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
    if (cmsfs_open(&c, prog, argv[0], argv[1], false))
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
    struct cmsfs c;
    if (cmsfs_open(&c, prog, a[0], a[1], true))
        return 1;
    if (mount(&c, true)) {
        cmsfs_close(&c, false);
        return 1;
    }
    struct cmsfs_put_opts o = {binary, recfm, (uint32_t)lrecl};
    int rc = cmsfs_put(&c, a[2], fn, ft, fm, &o) ? 1 : edf_commit(c.d);
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
    if (cmsfs_open(&c, prog, argv[0], argv[1], true))
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
