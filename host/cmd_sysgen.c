/*
 * cmd_sysgen.c - `cpcms sysgen`: build the system residence volume from
 * which CP is IPLed.
 *
 *   cpcms sysgen [--nucleus ELF] [--type TYPE] [--cylinders N] [--volser V]
 *                [--paging CYLS] [--spool CYLS] [--urec TYPE@CUU]... [--directory FILE] [--system NAME=ELF]... [CMS options] FILE
 *
 * The volume layout (IPL records, volume label, system parameters, the
 * nucleus tracks, the directory area) is common/sysres.h; this file
 * writes it through the DASD code (dasd/volume.h, dasd/track.h).  The
 * user directory is compiled from its source (host/dirsrc.c; without
 * --directory, host/default.direct) before anything is written, so a
 * source with errors builds nothing; dirvol.c writes its area.  The nucleus is CP's ELF
 * (build/cp/cp.elf, found beside the cpcms executable unless --nucleus
 * names it): its one loadable segment is written in SYSRES_NUC_RECLEN
 * records and read back by the IPL channel program built here.  Named
 * saved systems (--system) follow the nucleus in the same records.  CMS
 * (the CMS system disk, users' A-disks) is sysgen_cms.c's: its options
 * are checked with the others, and it writes its minidisks into the
 * volume once that is complete; if it fails, the volume is removed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host.h"
#include "dirsrc.h"
#include "dirvol.h"
#include "ebcdic.h"
#include "elf.h"
#include "geometry.h"
#include "sysgen_cms.h"
#include "sysres.h"
#include "track.h"
#include "volume.h"

#define CCW_CC_SLI 0x60
#define CCW_CC 0x40
#define CCW_SLI 0x20
#define MAX_IPL2 16384
#define PAGING_MAX_PAGES 0x7FFF     /* CP's slot numbers (cp/paging.h) */

static void usage(FILE *out)
{
    fprintf(out,
            "usage: cpcms sysgen [--nucleus ELF] [--type TYPE] [--cylinders N] [--volser V]\n"
            "                    [--paging CYLS] [--spool CYLS] [--urec TYPE@CUU]...\n"
            "                    [--directory FILE] [--system NAME=ELF]...\n"
            "                    [--cms ELF|none] [--cms-disk USERID.CUU] [--cms-file [binary:]HOST=FN.FT]...\n"
            "                    [--help-dir DIR] FILE\n"
            "\n"
            "Build the system residence volume FILE (a new DASD volume file) from\n"
            "which CP is IPLed: IPL records, volume label, system parameters, the\n"
            "CP nucleus, the user directory and named saved systems.  --nucleus:\n"
            "CP's ELF (default: cp/cp.elf beside the cpcms executable); --type: 3330,\n"
            "3330-11, 3350 (default) or 3380; --cylinders: default all of the type's;\n"
            "--volser: default CPSYS1; --directory: the directory source, in VM/370's\n"
            "syntax (USER, ACCOUNT, IPL, OPTION, CONSOLE, SPOOL, DEDICATE, SPECIAL,\n"
            "MDISK, LINK; default: the built-in default.direct, whose users MAINT,\n"
            "OPERATOR and USER1-USER5 have their user ids as passwords).  Errors in\n"
            "the source are reported with line numbers and nothing is built.\n"
            "Passwords are stored as salted hashes; `cpcms directory` lists the\n"
            "users and changes passwords.\n"
            "The cylinders after the last minidisk on the volume are CP's: the\n"
            "temporary disk space, the spool area (--spool CYLS; default an eighth\n"
            "of what paging leaves, at most 50; 0: no spooling), then the paging\n"
            "area (--paging CYLS, the last ones; default half of them, at most 128M\n"
            "of pages; 0: no paging).\n"
            "--urec TYPE@CUU: a real printer (1403, 3211) or punch (2540P, 3525) on\n"
            "which CP prints or punches the spool files queued to the system, or a\n"
            "reader (2540R, 3505) whose decks, each after a card USERID userid\n"
            "[CLASS c] [NAME fn [ft]], CP puts in that user's reader (at most 8;\n"
            "the machine must have them: `cpcms run` does for 2540R@00C, 2540P@00D\n"
            "and 1403@00E).\n"
            "--system NAME=ELF: a named saved system that `IPL NAME` loads into a\n"
            "virtual machine: the pages of a stand-alone S/370 program (linked at a\n"
            "4K boundary) and an EC-mode PSW that starts it at its entry.  The CMS\n"
            "nucleus is also saved as CMS (for `IPL CMS`) unless a --system names CMS.\n");
    sysgen_cms_usage(out);
}

/* The path rel in the directory of this executable (the build
   directory: cp/cp.elf, cms/cms.elf); build/rel if that is unknown. */
const char *sysgen_beside_exe(const char *rel, char *buf, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(buf, len, "build/%s", rel);
        return buf;
    }
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = 0;
    snprintf(buf, len, "%s/%s", exe, rel);
    return buf;
}

/* An IPL-channel-program builder: CCWs from the start, arguments (seek
   and search addresses) after them, all inside one R2 data area loaded at
   SYSRES_IPL2_ADDR. */
struct ipl2 {
    uint8_t ccw[MAX_IPL2];
    unsigned nccw;          /* CCWs so far */
    uint8_t arg[MAX_IPL2];
    unsigned narg;          /* argument bytes so far */
    uint32_t arg_fixups[MAX_IPL2 / 8]; /* CCW index whose address is an arg offset */
    unsigned nfix;
};

static void put32(uint8_t *p, uint32_t v) { sp_put32(p, v); }

static int ccw(struct ipl2 *c, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
    if ((c->nccw + 1) * 8 > MAX_IPL2)
        return -1;
    uint8_t *p = c->ccw + c->nccw * 8;
    put32(p, (uint32_t)cmd << 24 | (addr & 0xFFFFFF));
    put32(p + 4, (uint32_t)flags << 24 | count);
    return (int)c->nccw++;
}

/* A CCW whose data is n bytes of argument. */
static int ccw_arg(struct ipl2 *c, uint8_t cmd, const uint8_t *data, unsigned n, uint8_t flags)
{
    if (c->narg + n > MAX_IPL2)
        return -1;
    int i = ccw(c, cmd, c->narg, flags, (uint16_t)n);
    if (i < 0)
        return -1;
    memcpy(c->arg + c->narg, data, n);
    c->narg += n;
    c->arg_fixups[c->nfix++] = (uint32_t)i;
    return i;
}

/* Seek to track (cyl, head), search for R1 there. */
static int orient(struct ipl2 *c, unsigned cyl, unsigned head, unsigned r)
{
    uint8_t seek[6] = {0, 0, (uint8_t)(cyl >> 8), (uint8_t)cyl, (uint8_t)(head >> 8), (uint8_t)head};
    uint8_t id[5] = {seek[2], seek[3], seek[4], seek[5], (uint8_t)r};
    if (ccw_arg(c, 0x07, seek, 6, CCW_CC) < 0)
        return -1;
    int s = ccw_arg(c, 0x31, id, 5, CCW_CC);          /* Search ID Equal */
    if (s < 0 || ccw(c, 0x08, SYSRES_IPL2_ADDR + (uint32_t)s * 8, 0, 0) < 0) /* TIC */
        return -1;
    return 0;
}

/* The R2 data: CCWs, then the arguments, addresses made absolute. */
static unsigned ipl2_finish(struct ipl2 *c, uint8_t *out)
{
    unsigned base = SYSRES_IPL2_ADDR + c->nccw * 8;
    for (unsigned i = 0; i < c->nfix; i++) {
        uint8_t *p = c->ccw + c->arg_fixups[i] * 8;
        uint32_t w = (uint32_t)p[0] << 24 | (uint32_t)(base + (sp_get32(p) & 0xFFFFFF));
        put32(p, w);
    }
    /* the last CCW ends the program */
    c->ccw[(c->nccw - 1) * 8 + 4] &= (uint8_t)~CCW_CC;
    memcpy(out, c->ccw, c->nccw * 8);
    memcpy(out + c->nccw * 8, c->arg, c->narg);
    return c->nccw * 8 + c->narg;
}

static int fail(const char *file, const char *msg)
{
    fprintf(stderr, "cpcms sysgen: %s: %s\n", file, msg);
    return 1;
}

#define MAX_SYSTEMS SYSRES_MAX_SYS

struct saved_system {
    char name[9];
    const char *path;
    struct elf_image img;
    const struct elf_seg *seg;
    unsigned track, pages;
};

/* The one loadable segment of an ELF with bytes in the file, or NULL. */
const struct elf_seg *sysgen_only_segment(const struct elf_image *img)
{
    const struct elf_seg *seg = NULL;
    for (int i = 0; i < img->nseg; i++)
        if (img->seg[i].filesz) {
            if (seg)
                return NULL;
            seg = &img->seg[i];
        }
    return seg;
}

/* Write len bytes of data as SYSRES_NUC_RECLEN records, per_trk to a
   track, from track `first` on.  Returns 0 or -1. */
static int write_records(struct volume *v, const struct dasd_type *t, unsigned first,
                         const uint8_t *data, uint32_t len, unsigned per_trk)
{
    static uint8_t trk[DASD_MAX_TRACK];
    unsigned nrec = (len + SYSRES_NUC_RECLEN - 1) / SYSRES_NUC_RECLEN;
    unsigned ntrk = (nrec + per_trk - 1) / per_trk;
    for (unsigned k = 0; k < ntrk; k++) {
        unsigned tn = first + k, cyl = tn / t->heads, head = tn % t->heads;
        size_t off = trk_format_empty(trk, cyl, head) - TRK_COUNT_LEN;
        for (unsigned r = 0; r < per_trk && k * per_trk + r < nrec; r++) {
            static uint8_t rec[SYSRES_NUC_RECLEN];
            unsigned at = (k * per_trk + r) * SYSRES_NUC_RECLEN;
            unsigned n = len - at < SYSRES_NUC_RECLEN ? len - at : SYSRES_NUC_RECLEN;
            memset(rec, 0, sizeof rec);
            memcpy(rec, data + at, n);
            off = trk_add_record(trk, off, cyl, head, r + 1, NULL, 0, rec, SYSRES_NUC_RECLEN);
        }
        if (vol_write_track(v, tn, trk, trk_put_end(trk, off)) < 0)
            return -1;
    }
    return 0;
}

/* Write the volume.  Returns 0 or 1 (message given). */
static int build(const char *path, const struct dasd_type *t, unsigned cyls, long page_cyls,
                 long spool_cyls, const uint8_t *urec, unsigned nurec,
                 const char *volser, const struct elf_image *img, const char *nucpath,
                 const char *dirpath, struct saved_system *sys, unsigned nsys,
                 struct sysgen_cms *cms)
{
    const struct elf_seg *seg = sysgen_only_segment(img);
    if (!seg || seg->addr < 0x10000 || seg->addr + seg->memsz > 0x1000000)
        return fail(nucpath, "not one loadable segment between 64K and 16M");

    unsigned per_trk = dasd_records_per_track(t, 0, SYSRES_NUC_RECLEN);
    unsigned nrec = (seg->filesz + SYSRES_NUC_RECLEN - 1) / SYSRES_NUC_RECLEN;
    unsigned ntrk = (nrec + per_trk - 1) / per_trk;
    if (per_trk == 0)
        return fail(path, "a 4K record does not fit on a track");

    /* the directory area after the nucleus, then the saved systems, then
       the cylinders for minidisks */
    struct dirvol_area area;
    if (dirvol_layout(t, cyls, 1 + ntrk, &area) < 0)
        return fail(path, "the nucleus and the directory area leave no cylinder for minidisks");
    unsigned next = area.first_track + area.ntracks;
    for (unsigned i = 0; i < nsys; i++) {
        sys[i].track = next;
        sys[i].pages = (sys[i].seg->filesz + SYSRES_NUC_RECLEN - 1) / SYSRES_NUC_RECLEN;
        next += (sys[i].pages + per_trk - 1) / per_trk;
    }
    area.user_cyl = (next + t->heads - 1) / t->heads;
    if (area.user_cyl >= cyls)
        return fail(path, "the nucleus, the directory and the saved systems leave no cylinder for minidisks");
    char vsu[7];
    snprintf(vsu, sizeof vsu, "%s", volser);
    for (char *q = vsu; *q; q++)
        if (*q >= 'a' && *q <= 'z')
            *q = (char)(*q - 'a' + 'A');
    struct dirsrc_sysres res = {vsu, t->devtype, cyls, area.user_cyl};
    static uint8_t dir[DIRVOL_MAX];
    long dlen = dirpath ? dirsrc_compile_file(dirpath, &res, dir, sizeof dir, stderr)
                        : dirsrc_compile(DIRSRC_DEFAULT_NAME, dirsrc_default, dirsrc_default_len,
                                         &res, dir, sizeof dir, stderr);
    if (dlen < 0)
        return fail(dirpath ? dirpath : DIRSRC_DEFAULT_NAME, "errors in the directory: nothing built");
    area.len = (unsigned)dlen;
    dirvol_cp_spaces(&area, dir, (size_t)dlen, vsu, cyls, page_cyls, spool_cyls,
                     per_trk * t->heads, PAGING_MAX_PAGES);
    unsigned nusers = (unsigned)sp_get32(dir + 16);
    if (sysgen_cms_plan(cms, dir, (size_t)dlen, t, vsu))
        return 1;

    static struct ipl2 c;
    memset(&c, 0, sizeof c);
    /* the system parameters: R4 of track 0 */
    if (orient(&c, 0, 0, 4) < 0 ||
        ccw(&c, 0x06, SYSRES_PARM_ADDR, CCW_CC_SLI, SYSRES_PARM_LEN) < 0)
        return fail(path, "IPL channel program too long");
    for (unsigned k = 0; k < ntrk; k++) {
        unsigned trk = 1 + k;
        if (orient(&c, trk / t->heads, trk % t->heads, 1) < 0)
            return fail(path, "IPL channel program too long");
        for (unsigned r = 0; r < per_trk && k * per_trk + r < nrec; r++) {
            uint32_t addr = seg->addr + (k * per_trk + r) * SYSRES_NUC_RECLEN;
            if (ccw(&c, 0x06, addr, CCW_CC_SLI, SYSRES_NUC_RECLEN) < 0)
                return fail(path, "IPL channel program too long");
        }
    }
    static uint8_t ipl2[2 * MAX_IPL2];
    unsigned ipl2_len = ipl2_finish(&c, ipl2);

    uint8_t ipl1[24];
    put32(ipl1, 0x00080000);                     /* EC mode, key 0, disabled */
    put32(ipl1 + 4, img->entry);
    put32(ipl1 + 8, 0x06u << 24 | SYSRES_IPL2_ADDR);   /* Read Data: R2 */
    put32(ipl1 + 12, (uint32_t)CCW_CC_SLI << 24 | ipl2_len);
    put32(ipl1 + 16, 0x08u << 24 | SYSRES_IPL2_ADDR);  /* TIC */
    put32(ipl1 + 20, 0);

    uint8_t vol1[80];
    dasd_vol1_label(vol1, volser);
    char vs[7];
    snprintf(vs, sizeof vs, "%-6s", volser);

    uint8_t parm[SYSRES_PARM_LEN];
    memset(parm, 0, sizeof parm);
    memcpy(parm + SP_MAGIC, SYSRES_MAGIC, 8);
    sp_put32(parm + SP_FORMAT, SYSRES_FORMAT);
    sp_put32(parm + SP_NUC_ORIGIN, seg->addr);
    sp_put32(parm + SP_NUC_LEN, seg->filesz);
    sp_put32(parm + SP_NUC_ENTRY, img->entry);
    sp_put16(parm + SP_DEVTYPE, t->devtype);
    sp_put16(parm + SP_CYLS, cyls);
    sp_put16(parm + SP_HEADS, t->heads);
    ebcdic_from_ascii(parm + SP_VOLSER, vs, 6);
    uint64_t tod = ((uint64_t)time(NULL) + 2208988800ull) * 1000000ull << 12;
    sp_put32(parm + SP_GENTIME, (uint32_t)(tod >> 32));
    sp_put32(parm + SP_GENTIME + 4, (uint32_t)tod);
    sp_put32(parm + SP_NUC_TRACKS, 1 + ntrk);
    sp_put32(parm + SP_NSYS, nsys);
    sp_put32(parm + SP_SYS_PER_TRACK, per_trk);
    sp_put16(parm + SP_UREC_N, nurec);
    memcpy(parm + SP_UREC, urec, nurec * UREC_LEN);
    for (unsigned i = 0; i < nsys; i++) {
        uint8_t *e = parm + SP_SYSTEMS + i * SYS_LEN;
        char nm[9];
        snprintf(nm, sizeof nm, "%-8.8s", sys[i].name);
        ebcdic_from_ascii(e + SYS_NAME, nm, 8);
        sp_put32(e + SYS_TRACK, sys[i].track);
        sp_put32(e + SYS_PAGES, sys[i].pages);
        sp_put32(e + SYS_ORIGIN, sys[i].seg->addr);
        sp_put32(e + SYS_PSW, 0x00080000);      /* EC mode, key 0, disabled */
        sp_put32(e + SYS_PSW + 4, sys[i].img.entry);
    }
    dirvol_put_parm(parm, &area);

    unsigned kl[4] = {4, 4, 4, 0}, dl[4] = {24, ipl2_len, 80, SYSRES_PARM_LEN};
    if (ipl2_len > 0xFFFF || !dasd_records_fit(t, kl, dl, 4))
        return fail(path, "the IPL records do not fit on track 0: use a larger device type");

    char err[512];
    if (vol_create(path, t, cyls, volser, VOL_DURABLE, NULL, NULL, err, sizeof err) < 0) {
        fprintf(stderr, "cpcms sysgen: %s\n", err);
        return 1;
    }
    struct volume *v = vol_open(path, false, err, sizeof err);
    if (!v) {
        fprintf(stderr, "cpcms sysgen: %s\n", err);
        return 1;
    }
    static uint8_t trk[DASD_MAX_TRACK];
    uint8_t key[4];
    size_t off = trk_format_empty(trk, 0, 0) - TRK_COUNT_LEN;
    ebcdic_from_ascii(key, "IPL1", 4);
    off = trk_add_record(trk, off, 0, 0, 1, key, 4, ipl1, 24);
    ebcdic_from_ascii(key, "IPL2", 4);
    off = trk_add_record(trk, off, 0, 0, 2, key, 4, ipl2, ipl2_len);
    ebcdic_from_ascii(key, "VOL1", 4);
    off = trk_add_record(trk, off, 0, 0, 3, key, 4, vol1, 80);
    off = trk_add_record(trk, off, 0, 0, 4, NULL, 0, parm, SYSRES_PARM_LEN);
    int rc = vol_write_track(v, 0, trk, trk_put_end(trk, off));
    if (rc == 0)
        rc = write_records(v, t, 1, seg->data, seg->filesz, per_trk);
    for (unsigned i = 0; rc == 0 && i < nsys; i++)
        rc = write_records(v, t, sys[i].track, sys[i].seg->data, sys[i].seg->filesz, per_trk);
    if (rc == 0)
        rc = dirvol_write(v, &area, dir, (size_t)dlen);
    if (rc == 0)
        rc = vol_commit(v);
    if (rc) {
        fprintf(stderr, "cpcms sysgen: %s\n", vol_error(v));
        vol_close(v);
        unlink(path);
        return 1;
    }
    vol_close(v);
    printf("%s: %s %s, %u cylinders; CP nucleus %u bytes at %06X in %u records on %u tracks\n",
           path, t->name, volser, cyls, (unsigned)seg->filesz, (unsigned)seg->addr, nrec, ntrk);
    printf("%s: directory from %s: %u users, %ld bytes on tracks %u-%u; minidisks from cylinder %u\n",
           path, dirpath ? dirpath : DIRSRC_DEFAULT_NAME, nusers, dlen,
           area.first_track, area.first_track + area.ntracks - 1, area.user_cyl);
    if (area.page_cyls)
        printf("%s: paging area: cylinders %u-%u, %u pages\n", path, area.page_cyl,
               area.page_cyl + area.page_cyls - 1, area.page_cyls * t->heads * per_trk);
    if (area.spool_cyls)
        printf("%s: spool area: cylinders %u-%u, %u pages\n", path, area.spool_cyl,
               area.spool_cyl + area.spool_cyls - 1, area.spool_cyls * t->heads * per_trk);
    if (area.tdsk_cyls)
        printf("%s: temporary disk space: cylinders %u-%u\n", path, area.tdsk_cyl,
               area.tdsk_cyl + area.tdsk_cyls - 1);
    for (unsigned i = 0; i < nsys; i++)
        printf("saved system %s: %u pages at %06X from track %u\n", sys[i].name, sys[i].pages,
               (unsigned)sys[i].seg->addr, sys[i].track);
    if (sysgen_cms_write(cms, path)) {
        unlink(path);
        return 1;
    }
    return 0;
}

/* --urec TYPE@CUU: one more entry of the system parameters' table. */
static int urec_option(const char *arg, uint8_t *table, unsigned *n)
{
    static const struct { const char *name; unsigned type, func; } types[] = {
        {"1403", 0x1403, 3}, {"3211", 0x3211, 3}, {"2540P", 0x2540, 2}, {"3525", 0x3525, 2},
        {"2540R", 0x2540, 1}, {"3505", 0x3505, 1},
    };
    const char *at = strchr(arg, '@');
    char *end = NULL;
    unsigned long cuu = at ? strtoul(at + 1, &end, 16) : 0;
    for (size_t k = 0; at && *end == 0 && end != at + 1 && cuu <= 0xFFF &&
                       k < sizeof types / sizeof types[0]; k++) {
        if (strlen(types[k].name) != (size_t)(at - arg) || strncmp(arg, types[k].name, (size_t)(at - arg)))
            continue;
        if (*n == SYSRES_MAX_UREC) {
            fprintf(stderr, "cpcms sysgen: at most %d --urec devices\n", SYSRES_MAX_UREC);
            return -1;
        }
        uint8_t *e = table + *n * UREC_LEN;
        for (unsigned j = 0; j < *n; j++)
            if (sp_get16(table + j * UREC_LEN + UREC_ADDR) == cuu) {
                fprintf(stderr, "cpcms sysgen: --urec %s: %03lX given twice\n", arg, cuu);
                return -1;
            }
        sp_put16(e + UREC_ADDR, (unsigned)cuu);
        sp_put16(e + UREC_TYPE, types[k].type);
        e[UREC_FUNC] = (uint8_t)types[k].func;
        ++*n;
        return 0;
    }
    fprintf(stderr, "cpcms sysgen: --urec %s: give TYPE@CUU, TYPE a printer (1403, 3211), a"
            " punch (2540P, 3525) or a reader (2540R, 3505)\n", arg);
    return -1;
}

static bool has_system(const struct saved_system *sys, unsigned nsys, const char *name)
{
    for (unsigned k = 0; k < nsys; k++)
        if (!strcmp(sys[k].name, name))
            return true;
    return false;
}

int cmd_sysgen(int argc, char **argv)
{
    char nucbuf[PATH_MAX];
    const char *nucleus = NULL, *type = "3350", *volser = "CPSYS1", *dirpath = NULL;
    long cyls = 0, page_cyls = -1, spool_cyls = -1;
    uint8_t urec[SYSRES_MAX_UREC * UREC_LEN] = {0};
    unsigned nurec = 0;
    static struct saved_system sys[MAX_SYSTEMS];
    unsigned nsys = 0;
    static struct sysgen_cms cms;
    sysgen_cms_init(&cms);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        int c = sysgen_cms_option(&cms, argc, argv, &i);
        if (c) {
            if (c < 0) {
                sysgen_cms_free(&cms);
                return EXIT_USAGE;
            }
            continue;
        }
        if (!strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else if (i + 1 < argc && !strcmp(argv[i], "--nucleus")) {
            nucleus = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--type")) {
            type = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--system")) {
            const char *arg = argv[++i], *eq = strchr(arg, '=');
            size_t n = eq ? (size_t)(eq - arg) : 0;
            if (!eq || n == 0 || n > 8 || !eq[1] || nsys == MAX_SYSTEMS) {
                fprintf(stderr, "cpcms sysgen: --system %s: give NAME=ELF, a name of 1-8 characters"
                        " (at most %d systems)\n", arg, MAX_SYSTEMS);
                return EXIT_USAGE;
            }
            for (size_t k = 0; k < n; k++)
                sys[nsys].name[k] = (char)(arg[k] >= 'a' && arg[k] <= 'z' ? arg[k] - 32 : arg[k]);
            sys[nsys].name[n] = 0;
            if (has_system(sys, nsys, sys[nsys].name)) {
                fprintf(stderr, "cpcms sysgen: saved system %s given twice\n", sys[nsys].name);
                return EXIT_USAGE;
            }
            sys[nsys++].path = eq + 1;
        } else if (i + 1 < argc && !strcmp(argv[i], "--volser")) {
            volser = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--directory")) {
            dirpath = argv[++i];
        } else if (i + 1 < argc && !strcmp(argv[i], "--paging")) {
            char *end;
            page_cyls = strtol(argv[++i], &end, 10);
            if (*end || page_cyls < 0 || page_cyls > 65535) {
                fprintf(stderr, "cpcms sysgen: bad paging cylinder count '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (i + 1 < argc && !strcmp(argv[i], "--urec")) {
            if (urec_option(argv[++i], urec, &nurec) < 0)
                return EXIT_USAGE;
        } else if (i + 1 < argc && !strcmp(argv[i], "--spool")) {
            char *end;
            spool_cyls = strtol(argv[++i], &end, 10);
            if (*end || spool_cyls < 0 || spool_cyls > 65535) {
                fprintf(stderr, "cpcms sysgen: bad spool cylinder count '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else if (i + 1 < argc && !strcmp(argv[i], "--cylinders")) {
            char *end;
            cyls = strtol(argv[++i], &end, 10);
            if (*end || cyls <= 0) {
                fprintf(stderr, "cpcms sysgen: bad cylinder count '%s'\n", argv[i]);
                return EXIT_USAGE;
            }
        } else {
            fprintf(stderr, "cpcms sysgen: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i + 1 != argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const struct dasd_type *t = dasd_type_find(type);
    if (!t || t->fba) {
        fprintf(stderr, "cpcms sysgen: '%s' is not a CKD device type\n", type);
        return EXIT_USAGE;
    }
    if (cyls == 0)
        cyls = t->cyls;
    if ((unsigned long)cyls > t->cyls) {
        fprintf(stderr, "cpcms sysgen: a %s has %u cylinders\n", t->name, t->cyls);
        return EXIT_USAGE;
    }
    if (!nucleus)
        nucleus = sysgen_beside_exe("cp/cp.elf", nucbuf, sizeof nucbuf);
    struct elf_image img;
    char err[256];
    if (elf_read(nucleus, &img, err, sizeof err) < 0) {
        fprintf(stderr, "cpcms sysgen: %s: %s\n", nucleus, err);
        return 1;
    }
    int rc = sysgen_cms_prepare(&cms);
    if (rc == 0 && cms.have_nucleus && nsys < MAX_SYSTEMS && !has_system(sys, nsys, "CMS")) {
        strcpy(sys[nsys].name, "CMS");          /* IPL CMS: the nucleus, saved */
        sys[nsys++].path = cms.elf;
    }
    unsigned loaded = 0;
    for (; loaded < nsys && rc == 0; loaded++) {
        struct saved_system *s = &sys[loaded];
        if (elf_read(s->path, &s->img, err, sizeof err) < 0) {
            fprintf(stderr, "cpcms sysgen: %s: %s\n", s->path, err);
            rc = 1;
            break;
        }
        s->seg = sysgen_only_segment(&s->img);
        if (!s->seg || (s->seg->addr & (SYSRES_NUC_RECLEN - 1)) ||
            s->seg->addr + s->seg->memsz > 0x1000000)
            rc = fail(s->path, "not one loadable segment, at a 4K boundary, below 16M");
    }
    if (rc == 0)
        rc = build(argv[i], t, (unsigned)cyls, page_cyls, spool_cyls, urec, nurec, volser, &img, nucleus, dirpath, sys, nsys, &cms);
    for (unsigned k = 0; k < loaded; k++)
        elf_free(&sys[k].img);
    elf_free(&img);
    sysgen_cms_free(&cms);
    return rc;
}
