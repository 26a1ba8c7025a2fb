/*
 * cmd_dasd_xfer.c - `cpcms dasd import|export|copy`: whole volumes in and
 * out of Hercules disk images, and volume to volume.  cmd_dasd.c
 * dispatches here; the work is in dasd/dasd_xfer.c and the image formats
 * in dasd/herc_ckd.c.
 *
 *   cpcms dasd import [--fast | --synced] [--volser VOLSER] IMAGE FILE
 *   cpcms dasd export [--ckd | --compress zlib|bzip2|none] FILE IMAGE
 *   cpcms dasd copy [--fast | --durable | --synced] FROM TO
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "dasd_xfer.h"

void cmd_dasd_xfer_usage(FILE *out)
{
    fprintf(out,
            "import: a new volume FILE from a Hercules CKD image (CKD_P370) or\n"
            "  compressed CCKD image (CKD_C370; zlib, bzip2 or uncompressed tracks).\n"
            "  The volume serial comes from --volser, else the volume label (VOL1,\n"
            "  CMS1 or CMS= in record 3 of cylinder 0 head 0), else the image's\n"
            "  file name.  Every track is checked; nothing is kept on an error.\n"
            "export: a new Hercules image IMAGE from volume FILE: CCKD with zlib\n"
            "  compression unless --compress bzip2 or none says otherwise; --ckd\n"
            "  writes an uncompressed CKD image instead.  An FBA volume (3310,\n"
            "  3370) gives a raw image: its 512-byte blocks in order.\n"
            "copy: a new volume TO with the tracks (FBA: blocks) of FROM, each checked;\n"
            "  --fast, --durable or --synced sets the copy's (default: FROM's).\n");
}

/* A progress line on a terminal, at most once a second. */
struct show { const char *verb; bool tty; time_t last; };

static void show_progress(unsigned done, unsigned total, void *arg)
{
    struct show *p = arg;
    if (!p->tty)
        return;
    time_t now = time(NULL);
    if (now == p->last && done != total)
        return;
    p->last = now;
    fprintf(stderr, "\r%s: cylinder %u of %u (%u%%)", p->verb, done, total, done * 100 / total);
    if (done == total)
        fputc('\n', stderr);
}

static void summary(const char *from, const char *to, const struct xfer_result *r)
{
    if (r->type->fba)       /* FBA: cyls holds the blocks */
        printf("%s -> %s: %s, %u blocks, volume %s", from, to, r->type->name, r->cyls, r->volser);
    else
        printf("%s -> %s: %s, %u cylinders, %u tracks, volume %s", from, to, r->type->name,
               r->cyls, r->cyls * r->heads, r->volser);
}

static int import(int argc, char **argv)
{
    int sync = -1;
    const char *volser = NULL;
    for (; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
        int s = dasd_sync_option(argv[0]);
        if (s >= 0 && sync < 0) {
            sync = s;
        } else if (!strcmp(argv[0], "--volser") && argc > 1) {
            volser = argv[1];
            argc--, argv++;
        } else {
            return -1;
        }
    }
    if (argc != 2)
        return -1;
    char err[600];
    struct xfer_result r;
    struct show sh = {"importing", isatty(2) != 0, 0};
    struct xfer_progress prog = {show_progress, &sh};
    if (xfer_import(argv[0], argv[1], volser, dasd_sync_or_durable(sync), &prog, &r, err,
                    sizeof err)) {
        fprintf(stderr, "cpcms dasd import: %s\n", err);
        return 1;
    }
    summary(argv[0], argv[1], &r);
    if (r.volser_src == XFER_VOLSER_LABEL)
        printf(" (from the %s label)\n", r.label);
    else if (r.volser_src == XFER_VOLSER_FILENAME)
        printf(" (no volume label: from the file name)\n");
    else
        printf("\n");
    return 0;
}

static int export(int argc, char **argv)
{
    enum herc_kind kind = HERC_CCKD;
    enum herc_comp comp = HERC_COMP_ZLIB;
    bool ckd = false, compress = false;
    for (; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
        if (!strcmp(argv[0], "--ckd")) {
            ckd = true;
            kind = HERC_CKD;
        } else if (!strcmp(argv[0], "--compress") && argc > 1) {
            compress = true;
            if (!strcmp(argv[1], "zlib"))
                comp = HERC_COMP_ZLIB;
            else if (!strcmp(argv[1], "bzip2"))
                comp = HERC_COMP_BZIP2;
            else if (!strcmp(argv[1], "none"))
                comp = HERC_COMP_NONE;
            else
                return -1;
            argc--, argv++;
        } else {
            return -1;
        }
    }
    if (argc != 2 || (ckd && compress))
        return -1;
    char err[600];
    struct xfer_result r;
    struct show sh = {"exporting", isatty(2) != 0, 0};
    struct xfer_progress prog = {show_progress, &sh};
    if (xfer_export(argv[0], argv[1], kind, comp, &prog, &r, err, sizeof err)) {
        fprintf(stderr, "cpcms dasd export: %s\n", err);
        return 1;
    }
    static const char *const comps[] = {"uncompressed", "zlib", "bzip2"};
    summary(argv[0], argv[1], &r);
    if (r.type->fba)
        printf(", raw FBA image (512-byte blocks)\n");
    else if (kind == HERC_CKD)
        printf(", Hercules CKD\n");
    else
        printf(", Hercules CCKD (%s)\n", comps[comp]);
    return 0;
}

static int copy(int argc, char **argv)
{
    int sync = -1;
    for (; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
        int s = dasd_sync_option(argv[0]);
        if (s < 0 || sync >= 0)
            return -1;
        sync = s;
    }
    if (argc != 2)
        return -1;
    char err[600];
    struct xfer_result r;
    struct show sh = {"copying", isatty(2) != 0, 0};
    struct xfer_progress prog = {show_progress, &sh};
    if (xfer_copy(argv[0], argv[1], sync, &prog, &r, err, sizeof err)) {
        fprintf(stderr, "cpcms dasd copy: %s\n", err);
        return 1;
    }
    summary(argv[0], argv[1], &r);
    printf("\n");
    return 0;
}

int cmd_dasd_xfer(int argc, char **argv)
{
    int rc = -1;
    if (argc >= 1 && !strcmp(argv[0], "import"))
        rc = import(argc - 1, argv + 1);
    else if (argc >= 1 && !strcmp(argv[0], "export"))
        rc = export(argc - 1, argv + 1);
    else if (argc >= 1 && !strcmp(argv[0], "copy"))
        rc = copy(argc - 1, argv + 1);
    return rc < 0 ? -1 : rc;
}
