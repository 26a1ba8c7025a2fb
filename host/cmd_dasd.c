/*
 * cmd_dasd.c - `cpcms dasd`: volume tools.
 *
 *   cpcms dasd create [--fast] TYPE CYLS VOLSER FILE     (FBA: BLOCKS)
 *   cpcms dasd info FILE
 *   cpcms dasd check FILE
 *   cpcms dasd set FILE durable|fast|synced
 *   cpcms dasd import|export|copy ...   (cmd_dasd_xfer.c)
 *
 * The volume file format is in dasd/volume.h, the track image in
 * dasd/track.h, the device types in dasd/devtypes.h.inc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "geometry.h"
#include "track.h"
#include "volume.h"
#include "ebcdic.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms dasd create [--fast | --synced] TYPE CYLS VOLSER FILE\n"
            "       cpcms dasd create [--fast | --synced] 3310|3370 BLOCKS VOLSER FILE\n"
            "       cpcms dasd info FILE\n"
            "       cpcms dasd check FILE\n"
            "       cpcms dasd set FILE durable|fast|synced\n"
            "       cpcms dasd import [--fast | --synced] [--volser VOLSER] IMAGE FILE\n"
            "       cpcms dasd export [--ckd | --compress zlib|bzip2|none] FILE IMAGE\n"
            "       cpcms dasd copy [--fast | --durable | --synced] FROM TO\n"
            "\n"
            "create: a new volume file with every track formatted (home address,\n"
            "  R0, no records).  TYPE:");
    for (unsigned i = 0; dasd_type_at(i); i++)
        if (!dasd_type_at(i)->fba)
            fprintf(out, " %s (%u cyl)", dasd_type_at(i)->name, dasd_type_at(i)->cyls);
    fprintf(out, ".\n"
            "  CYLS: 1 to the type's cylinders; VOLSER: 1-6 of A-Z 0-9 $ # @ -.\n"
            "  FBA types, 512-byte blocks, all zeros:");
    for (unsigned i = 0; dasd_type_at(i); i++)
        if (dasd_type_at(i)->fba)
            fprintf(out, " %s (%u blocks)", dasd_type_at(i)->name, dasd_type_at(i)->blocks);
    fprintf(out, ";\n"
            "  for them the count is in blocks, as FBA minidisks are sized.\n"
            "  Every volume keeps the writes of a channel program that ended\n"
            "  through a killed simulator.  After a crashed host (a power cut) a\n"
            "  durable volume (the default) is sound but may lack the last\n"
            "  programs' writes; --synced: none is lost (a disk sync each, slower);\n"
            "  --fast: nothing is synced, the file may be damaged (paging volumes).\n"
            "info: the volume's header.\n"
            "check: every track image (FBA: row of blocks) well formed and the\n"
            "  header consistent; exit status 1 if anything is wrong.\n"
            "set: change the durability (see create).\n");
    cmd_dasd_xfer_usage(out);
}

int dasd_sync_option(const char *arg)
{
    return !strncmp(arg, "--", 2) ? vol_sync_named(arg + 2) : -1;
}

enum vol_sync dasd_sync_or_durable(int option)
{
    return option < 0 ? VOL_DURABLE : (enum vol_sync)option;
}

struct progress { bool tty; time_t last; };

static void show_progress(unsigned done, unsigned total, void *arg)
{
    struct progress *p = arg;
    if (!p->tty)
        return;
    time_t now = time(NULL);
    if (now == p->last && done != total)
        return;
    p->last = now;
    fprintf(stderr, "\rformatting: %u of %u (%u%%)", done, total, done * 100 / total);
    if (done == total)
        fputc('\n', stderr);
}

void dasd_vol1_label(uint8_t vol1[80], const char *volser)
{
    char vs[7];
    memset(vol1, 0x40, 80);
    ebcdic_from_ascii(vol1, "VOL1", 4);
    snprintf(vs, sizeof vs, "%-6s", volser);
    ebcdic_from_ascii(vol1 + 4, vs, 6);
    memset(vol1 + 11, 0, 5);            /* the VTOC's CCHHR: none */
}

/*
 * Track 0 of a new CKD volume, as Hercules' dasdinit leaves it: R1 and R2
 * keyed IPL1 and IPL2 (R1 a PSW that stops in a disabled wait), R3 keyed
 * VOL1 with the standard label, so that CP (and any other system) finds
 * the volser on the device.
 */
static int label_volume(const char *path, const char *volser, char *err, size_t errlen)
{
    struct volume *v = vol_open(path, false, err, errlen);
    if (!v)
        return -1;
    static uint8_t trk[DASD_MAX_TRACK];
    uint8_t key[4], ipl1[24] = {0x00, 0x0A}, ipl2[144] = {0}, vol1[80];
    dasd_vol1_label(vol1, volser);
    size_t off = trk_format_empty(trk, 0, 0) - TRK_COUNT_LEN;
    ebcdic_from_ascii(key, "IPL1", 4);
    off = trk_add_record(trk, off, 0, 0, 1, key, 4, ipl1, sizeof ipl1);
    ebcdic_from_ascii(key, "IPL2", 4);
    off = trk_add_record(trk, off, 0, 0, 2, key, 4, ipl2, sizeof ipl2);
    ebcdic_from_ascii(key, "VOL1", 4);
    off = trk_add_record(trk, off, 0, 0, 3, key, 4, vol1, sizeof vol1);
    int rc = vol_write_track(v, 0, trk, trk_put_end(trk, off));
    if (rc == 0)
        rc = vol_commit(v);
    if (rc < 0)
        snprintf(err, errlen, "%s: %s", path, vol_error(v));
    vol_close(v);
    return rc;
}

static int create(int argc, char **argv)
{
    int sync = argc > 0 ? dasd_sync_option(argv[0]) : -1;
    if (sync >= 0)
        argc--, argv++;
    if (argc != 4) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const struct dasd_type *t = dasd_type_find(argv[0]);
    if (!t) {
        fprintf(stderr, "cpcms dasd create: unknown device type '%s' (CKD or FBA)\n", argv[0]);
        return EXIT_USAGE;
    }
    char *end;
    unsigned long cyls = strtoul(argv[1], &end, 10);
    if (t->fba && (*end || end == argv[1] || cyls < 1 || cyls > t->blocks)) {
        fprintf(stderr, "cpcms dasd create: blocks '%s': a %s has 1 to %u\n", argv[1], t->name,
                t->blocks);
        return EXIT_USAGE;
    }
    if (!t->fba && (*end || end == argv[1] || cyls < 1 || cyls > t->cyls)) {
        fprintf(stderr, "cpcms dasd create: cylinders '%s': a %s has 1 to %u\n", argv[1], t->name,
                t->cyls);
        return EXIT_USAGE;
    }
    char err[400];
    struct progress p = {isatty(2) != 0, 0};
    if (vol_create(argv[3], t, (unsigned)cyls, argv[2], dasd_sync_or_durable(sync), show_progress,
                   &p, err, sizeof err) ||
        (!t->fba && label_volume(argv[3], argv[2], err, sizeof err))) {
        fprintf(stderr, "cpcms dasd create: %s\n", err);
        return 1;
    }
    if (t->fba)
        printf("%s: %s, %lu blocks of %u bytes, volume %s\n", argv[3], t->name, cyls, t->blksize,
               argv[2]);
    else
        printf("%s: %s, %lu cylinders, %u tracks, volume %s\n", argv[3], t->name, cyls,
               (unsigned)cyls * t->heads, argv[2]);
    return 0;
}

static int info(const char *path)
{
    char err[400];
    struct volume *v = vol_open(path, true, err, sizeof err);
    if (!v) {
        fprintf(stderr, "cpcms dasd info: %s\n", err);
        return 1;
    }
    const struct vol_info *i = vol_info(v);
    char when[64];
    time_t c = (time_t)i->created;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", gmtime(&c));
    printf("file:       %s\n", path);
    printf("volume:     %s\n", i->volser);
    printf("type:       %s (%s, device type %04X model %02X)\n", i->type->name,
           i->type->fba ? "FBA" : "CKD", i->type->devtype, i->type->model);
    if (i->type->fba) {
        printf("geometry:   %u blocks of %u bytes (%u per track, %u per cylinder)\n", i->blocks,
               i->type->blksize, i->type->bpg, i->type->bpp);
    } else {
        printf("geometry:   %u cylinders, %u heads, %u tracks\n", i->cyls, i->heads,
               i->cyls * i->heads);
        printf("track:      %u bytes after R0 (R1 up to %u bytes)\n", i->type->trklen,
               i->type->r1max);
    }
    printf("created:    %s\n", when);
    printf("format:     %d\n", i->format);
    printf("durability: %s (synchronous=%s)\n", vol_sync_name(i->sync), vol_sync_pragma(i->sync));
    vol_close(v);
    return 0;
}

static int check(const char *path)
{
    char err[400];
    struct volume *v = vol_open(path, true, err, sizeof err);
    if (!v) {
        fprintf(stderr, "cpcms dasd check: %s\n", err);
        return 1;
    }
    unsigned bad = vol_check(v, stdout);
    const struct vol_info *i = vol_info(v);
    if (bad)
        printf("%s: %u problems\n", path, bad);
    else if (i->blocks)
        printf("%s: volume %s, %u blocks: ok\n", path, i->volser, i->blocks);
    else
        printf("%s: volume %s, %u tracks: ok\n", path, i->volser, i->cyls * i->heads);
    vol_close(v);
    return bad ? 1 : 0;
}

static int set(const char *path, const char *what)
{
    int sync = vol_sync_named(what);
    if (sync < 0) {
        usage(stderr);
        return EXIT_USAGE;
    }
    char err[400];
    struct volume *v = vol_open(path, false, err, sizeof err);
    if (!v) {
        fprintf(stderr, "cpcms dasd set: %s\n", err);
        return 1;
    }
    int rc = vol_set_sync(v, (enum vol_sync)sync);
    if (rc)
        fprintf(stderr, "cpcms dasd set: %s\n", vol_error(v));
    else
        printf("%s: %s\n", path, vol_sync_name((enum vol_sync)sync));
    vol_close(v);
    return rc ? 1 : 0;
}

int cmd_dasd(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (!strcmp(argv[1], "create"))
        return create(argc - 2, argv + 2);
    if (!strcmp(argv[1], "info") && argc == 3)
        return info(argv[2]);
    if (!strcmp(argv[1], "check") && argc == 3)
        return check(argv[2]);
    if (!strcmp(argv[1], "set") && argc == 4)
        return set(argv[2], argv[3]);
    int rc = cmd_dasd_xfer(argc - 1, argv + 1);
    if (rc >= 0)
        return rc;
    usage(stderr);
    return EXIT_USAGE;
}
