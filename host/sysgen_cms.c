/*
 * sysgen_cms.c - the CMS part of `cpcms sysgen` (sysgen_cms.h): CMS on
 * the CMS system disk and an empty A-disk for every user.
 *
 * The CMS system disk (default MAINT 190, an MDISK on the system
 * residence volume) is formatted EDF with 4096-byte blocks, label CMS190;
 * its layout is common/cmsboot.h: block 1 the IPL record, block 2 the
 * bootstrap (cms/boot/, built into cpcms as cmsboot_bin.inc) with its
 * header filled in, and the last cylinders, enough for the nucleus image
 * in 4096-byte records, the nucleus area, which the file system does not
 * cover (its ADTNUM and ADTCYL end before it).  In the file system: every
 * NAME.HELP of the help directory as NAME HELPCMS, and the --cms-file
 * files, with mode S2 unless a --cms-file says otherwise.  Every user's MDISK 191 on the system residence volume (not a
 * T-disk, not the CMS disk itself) is formatted empty: 4096-byte blocks,
 * label the first three characters of the user id and 191 (USE191).
 * The disks are written through the same host binding of the file system
 * as `cpcms cmsfs` (cmsfs_vol.c, cmsfs_put.c).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "host.h"
#include "cmsboot.h"
#include "cmsfs.h"
#include "directory.h"
#include "edf.h"
#include "sysgen_cms.h"
#include "volume.h"

#ifndef CPCMS_SRCDIR
#define CPCMS_SRCDIR "."
#endif
#define DEFAULT_HELP_DIR CPCMS_SRCDIR "/cms/help"
#define DEFAULT_DISK "MAINT.190"
#define CMS_LABEL "CMS190"
#define CMS_MODE "S2"          /* the mode of the 190's files, as CMS's */

static const char *prog = "cpcms sysgen";

/* The bootstrap, cms/boot/ (cms/boot/boot.mk). */
static const uint8_t cmsboot_bin[] = {
#include "cmsboot_bin.inc"
};

void sysgen_cms_init(struct sysgen_cms *s)
{
    memset(s, 0, sizeof *s);
}

void sysgen_cms_usage(FILE *out)
{
    fprintf(out,
            "--cms ELF: the CMS nucleus (default: cms/cms.elf beside the cpcms executable;\n"
            "  if that is missing, the CMS system disk is not built), one loadable\n"
            "  segment at a 4K boundary from X'3000' up, below 16M.  It goes in the\n"
            "  last cylinders of the CMS system disk --cms-disk USERID.CUU (default\n"
            "  MAINT.190, an MDISK on this volume), which gets an EDF file system with\n"
            "  4K blocks on the cylinders before them and IPL records, so that IPL of\n"
            "  that disk loads the nucleus.  --cms-file [binary:]HOSTFILE=FN.FT[.FM]\n"
            "  (repeatable) puts a host file on it (text: each line a V record in\n"
            "  EBCDIC; binary: the bytes in V records of 4096); every NAME.HELP of\n"
            "  --help-dir DIR (default: cms/help of the source tree, if there) goes on\n"
            "  it as NAME HELPCMS; its files get mode S2 unless --cms-file gives one.\n"
            "  Every user's MDISK 191 on this volume is formatted (4K blocks, label\n"
            "  the user id's first three characters and 191).  --cms none: neither\n"
            "  the CMS system disk nor A-disks (a volume for CP alone).\n");
}

/* [binary:]HOSTFILE=FN.FT[.FM] */
static int add_file(struct sysgen_cms *s, const char *arg)
{
    bool binary = !strncmp(arg, "binary:", 7);
    const char *spec = binary ? arg + 7 : arg, *eq = strrchr(spec, '=');
    struct sysgen_cms_file *f = &s->files[s->nfiles];
    if (s->nfiles == SYSGEN_CMS_MAX_FILES || !eq || eq == spec ||
        cmsfs_fileid(eq + 1, f->fn, f->ft, f->fm)) {
        fprintf(stderr, "%s: --cms-file %s: give [binary:]HOSTFILE=FN.FT[.FM] (at most %d files)\n",
                prog, arg, SYSGEN_CMS_MAX_FILES);
        return -1;
    }
    f->host = strndup(spec, (size_t)(eq - spec));
    f->binary = binary;
    s->nfiles++;
    return 0;
}

int sysgen_cms_option(struct sysgen_cms *s, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    if (*i + 1 >= argc)
        return 0;
    if (!strcmp(o, "--cms")) {
        s->elf = argv[++*i];
        s->no_cms = !strcmp(s->elf, "none");
    } else if (!strcmp(o, "--cms-disk"))
        s->disk = argv[++*i];
    else if (!strcmp(o, "--help-dir"))
        s->help_dir = argv[++*i];
    else if (!strcmp(o, "--cms-file"))
        return add_file(s, argv[++*i]) ? -1 : 1;
    else
        return 0;
    return 1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every NAME.HELP of dir as NAME HELPCMS, in name order. */
static int add_help_files(struct sysgen_cms *s, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "%s: --help-dir %s: %s\n", prog, dir, strerror(errno));
        return 1;
    }
    char *names[SYSGEN_CMS_MAX_FILES];
    unsigned n = 0;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || strcasecmp(e->d_name + len - 5, ".help"))
            continue;
        if (n + s->nfiles == SYSGEN_CMS_MAX_FILES) {
            fprintf(stderr, "%s: %s: more than %d files for the CMS system disk\n", prog, dir,
                    SYSGEN_CMS_MAX_FILES);
            rc = 1;
        } else {
            names[n++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (unsigned k = 0; k < n; k++) {
        struct sysgen_cms_file *f = &s->files[s->nfiles];
        size_t len = strlen(names[k]) - 5;
        uint8_t e[8];
        char fn[9];
        snprintf(fn, sizeof fn, "%.*s", (int)(len < 8 ? len : 8), names[k]);
        if (rc == 0 && (len > 8 || edf_name(fn, e))) {
            fprintf(stderr, "%s: %s/%s: not NAME.HELP with a CMS file name (1-8 of A-Z 0-9 $ # @ + - : _)\n",
                    prog, dir, names[k]);
            rc = 1;
        }
        if (rc == 0) {
            for (char *p = fn; *p; p++)
                *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
            memcpy(f->fn, fn, sizeof fn);
            strcpy(f->ft, "HELPCMS");
            f->fm[0] = 0;
            f->binary = false;
            size_t hl = strlen(dir) + strlen(names[k]) + 2;
            f->host = malloc(hl);
            snprintf(f->host, hl, "%s/%s", dir, names[k]);
            s->nfiles++;
        }
        free(names[k]);
    }
    return rc;
}

int sysgen_cms_prepare(struct sysgen_cms *s)
{
    if (s->no_cms)
        return 0;
    const char *path = s->elf;
    if (!path) {
        path = sysgen_beside_exe("cms/cms.elf", s->elfbuf, sizeof s->elfbuf);
        if (access(path, F_OK) != 0) {
            fprintf(stderr, "%s: no CMS nucleus (ELF): the CMS system disk is not built\n", prog);
            return 0;
        }
    }
    char err[256];
    if (elf_read(path, &s->img, err, sizeof err) < 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, err);
        return 1;
    }
    s->have_nucleus = true;
    const struct elf_seg *seg = s->seg = sysgen_only_segment(&s->img);
    if (!seg || seg->addr % CMSBOOT_RECLEN || seg->addr < CMSBOOT_NUC_MIN ||
        seg->addr + seg->memsz > CMSBOOT_NUC_END ||
        (seg->filesz + CMSBOOT_RECLEN - 1) / CMSBOOT_RECLEN > (CMSBOOT_NUC_END - seg->addr) / CMSBOOT_RECLEN ||
        s->img.entry < seg->addr || s->img.entry >= seg->addr + seg->filesz) {
        fprintf(stderr, "%s: %s: not a CMS nucleus: one loadable segment at a 4K boundary "
                "from X'%X' up, below 16M, with the entry point in it\n", prog, path, CMSBOOT_NUC_MIN);
        return 1;
    }
    s->elf = path;
    for (unsigned k = 0; k < s->nfiles; k++)
        if (access(s->files[k].host, R_OK) != 0) {
            fprintf(stderr, "%s: --cms-file %s: %s\n", prog, s->files[k].host, strerror(errno));
            return 1;
        }
    if (s->help_dir)
        return add_help_files(s, s->help_dir);
    if (access(DEFAULT_HELP_DIR, F_OK) == 0)
        return add_help_files(s, DEFAULT_HELP_DIR);
    return 0;
}

/* The MDISK of user `userid` at cuu on this volume, or a reason why not. */
static const char *find_mdisk(const uint8_t *dir, size_t len, const char *userid, unsigned cuu,
                              const char *volser, struct dir_dev *dv)
{
    struct dir_user u;
    if (dir_find_user(dir, len, userid, &u) != DIR_OK)
        return "no such user in the directory";
    if (dir_find_dev(dir, len, &u, cuu, dv) != DIR_OK || dv->kind != DIR_MDISK)
        return "the user has no MDISK at that address";
    if (dv->tdisk)
        return "it is a temporary disk";
    if (strcmp(dv->volser, volser))
        return "it is not on the system residence volume";
    return NULL;
}

/* The 190: USERID.CUU of --cms-disk, found and big enough. */
static int plan_190(struct sysgen_cms *s, const uint8_t *dir, size_t len, const struct dasd_type *t,
                    const char *volser)
{
    const char *disk = s->disk ? s->disk : DEFAULT_DISK, *dot = strchr(disk, '.');
    char *end = NULL;
    unsigned long cuu = dot ? strtoul(dot + 1, &end, 16) : 0;
    if (!dot || dot == disk || dot - disk > 8 || end == dot + 1 || *end || cuu > DIR_MAX_VADDR) {
        fprintf(stderr, "%s: --cms-disk %s: give USERID.CUU\n", prog, disk);
        return 1;
    }
    snprintf(s->user, sizeof s->user, "%.*s", (int)(dot - disk), disk);
    for (char *p = s->user; *p; p++)
        *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 32 : *p);
    s->cuu = (unsigned)cuu;
    struct dir_dev dv;
    const char *why = find_mdisk(dir, len, s->user, s->cuu, volser, &dv);
    if (why && !s->disk) {
        fprintf(stderr, "%s: no MDISK %s %03X on %s (%s): the CMS system disk is not built\n",
                prog, s->user, s->cuu, volser, why);
        return 0;
    }
    if (why) {
        fprintf(stderr, "%s: --cms-disk %s: %s\n", prog, disk, why);
        return 1;
    }
    s->per_trk = dasd_records_per_track(t, 0, CMSBOOT_RECLEN);
    if (s->per_trk == 0 || s->per_trk > CMSBOOT_MAX_PER_TRK) {
        fprintf(stderr, "%s: a %s track holds %u records of 4096 bytes: the bootstrap reads 1-%d\n",
                prog, t->name, s->per_trk, CMSBOOT_MAX_PER_TRK);
        return 1;
    }
    s->nrecs = (s->seg->filesz + CMSBOOT_RECLEN - 1) / CMSBOOT_RECLEN;
    unsigned per_cyl = s->per_trk * t->heads;
    unsigned nuc_cyls = (s->nrecs + per_cyl - 1) / per_cyl;
    s->cyls = dv.cyls;
    if (nuc_cyls + 1 > dv.cyls) {
        fprintf(stderr, "%s: %s %03X: %u cylinders, too few for the CMS nucleus (%u) and a file "
                "system (at least 1)\n", prog, s->user, s->cuu, dv.cyls, nuc_cyls);
        return 1;
    }
    s->fs_cyls = dv.cyls - nuc_cyls;
    s->build_190 = true;
    return 0;
}

int sysgen_cms_plan(struct sysgen_cms *s, const uint8_t *dir, size_t len, const struct dasd_type *t,
                    const char *volser)
{
    if (s->no_cms)
        return 0;
    if (s->have_nucleus && plan_190(s, dir, len, t, volser))
        return 1;
    size_t pos = 0;
    struct dir_user u;
    struct dir_dev dv;
    s->n191 = 0;
    while (dir_next_user(dir, len, &pos, &u) == 1) {
        if (find_mdisk(dir, len, u.userid, 0x191, volser, &dv) ||
            (s->build_190 && s->cuu == 0x191 && !strcmp(s->user, u.userid)))
            continue;
        char (*a)[9] = realloc(s->a191, (s->n191 + 1) * sizeof *a);
        if (!a) {
            fprintf(stderr, "%s: out of memory\n", prog);
            return 1;
        }
        s->a191 = a;
        snprintf(a[s->n191++], 9, "%s", u.userid);
    }
    return 0;
}

/* The bootstrap's record, its header filled in. */
static void boot_record(const struct sysgen_cms *s, unsigned heads, uint8_t rec[CMSBOOT_RECLEN])
{
    memset(rec, 0, CMSBOOT_RECLEN);
    memcpy(rec, cmsboot_bin, sizeof cmsboot_bin);
    rec[CB_MAGIC] = CMSBOOT_MAGIC_0, rec[CB_MAGIC + 1] = CMSBOOT_MAGIC_1;
    rec[CB_MAGIC + 2] = CMSBOOT_MAGIC_2, rec[CB_MAGIC + 3] = CMSBOOT_MAGIC_3;
    cmsboot_put16(rec + CB_VERSION, CMSBOOT_VERSION);
    cmsboot_put16(rec + CB_HDRLEN, CMSBOOT_HDR_LEN);
    cmsboot_put32(rec + CB_NUC_CYL, s->fs_cyls);
    cmsboot_put16(rec + CB_HEADS, heads);
    cmsboot_put16(rec + CB_PER_TRK, s->per_trk);
    cmsboot_put32(rec + CB_NRECS, s->nrecs);
    cmsboot_put32(rec + CB_LOAD, s->seg->addr);
    cmsboot_put32(rec + CB_LEN, s->seg->filesz);
    cmsboot_put32(rec + CB_ENTRY, s->img.entry);
}

/* The 190: format, IPL records, nucleus, files.  0 or 1 (message given). */
static int write_190(struct sysgen_cms *s, const char *path)
{
    _Static_assert(sizeof cmsboot_bin <= CMSBOOT_RECLEN, "the bootstrap exceeds its record");
    char name[16];
    snprintf(name, sizeof name, "%s.%03X", s->user, s->cuu);
    struct cmsfs c;
    if (cmsfs_open(&c, prog, path, name, true))
        return 1;
    int rc = cmsfs_format(&c, CMSBOOT_RECLEN, CMS_LABEL, cmsfs_now(), s->fs_cyls);
    static uint8_t rec[CMSBOOT_RECLEN];
    if (rc == EDF_OK) {
        memset(rec, 0, sizeof rec);
        cmsboot_ipl_record(rec);
        rc = c.dev.write(c.dev.ctx, 1, rec) ? EDF_E_IO : EDF_OK;
    }
    if (rc == EDF_OK) {
        boot_record(s, c.vi->heads, rec);
        rc = c.dev.write(c.dev.ctx, 2, rec) ? EDF_E_IO : EDF_OK;
    }
    uint32_t first = s->fs_cyls * c.vi->heads * s->per_trk + 1;
    for (uint32_t k = 0; rc == EDF_OK && k < s->nrecs; k++) {
        uint32_t at = k * CMSBOOT_RECLEN, n = s->seg->filesz - at;
        memset(rec, 0, sizeof rec);
        memcpy(rec, s->seg->data + at, n < CMSBOOT_RECLEN ? n : CMSBOOT_RECLEN);
        rc = c.dev.write(c.dev.ctx, first + k, rec) ? EDF_E_IO : EDF_OK;
    }
    if (rc != EDF_OK) {
        fprintf(stderr, "%s: %s disk %s: %s%s\n", prog, path, name, edf_strerror(rc), cmsfs_why(&c));
        cmsfs_close(&c, false);
        return 1;
    }
    for (unsigned k = 0; k < s->nfiles; k++) {
        const struct sysgen_cms_file *f = &s->files[k];
        struct cmsfs_put_opts o = {.binary = f->binary};
        if (cmsfs_put(&c, f->host, f->fn, f->ft, f->fm[0] ? f->fm : CMS_MODE, &o)) {
            cmsfs_close(&c, false);
            return 1;
        }
    }
    rc = edf_commit(c.d);
    if (rc) {
        fprintf(stderr, "%s: %s disk %s: %s%s\n", prog, path, name, edf_strerror(rc), cmsfs_why(&c));
        cmsfs_close(&c, false);
        return 1;
    }
    if (cmsfs_close(&c, true))
        return 1;
    printf("CMS system disk %s %03X (%s): nucleus %u bytes at %06X from %s in %u records on "
           "cylinders %u-%u; file system on cylinders 0-%u with %u files\n",
           s->user, s->cuu, CMS_LABEL, (unsigned)s->seg->filesz, (unsigned)s->seg->addr, s->elf,
           s->nrecs, s->fs_cyls, s->cyls - 1, s->fs_cyls - 1, s->nfiles);
    return 0;
}

/* An empty A-disk for each user in s->a191.  0 or 1 (message given). */
static int write_191s(struct sysgen_cms *s, const char *path)
{
    for (unsigned k = 0; k < s->n191; k++) {
        char name[16], label[7];
        snprintf(name, sizeof name, "%s.191", s->a191[k]);
        snprintf(label, sizeof label, "%.3s191", s->a191[k]);
        struct cmsfs c;
        if (cmsfs_open(&c, prog, path, name, true))
            return 1;
        int rc = cmsfs_format(&c, 4096, label, cmsfs_now(), 0);
        if (rc) {
            fprintf(stderr, "%s: %s disk %s: format: %s%s\n", prog, path, name, edf_strerror(rc),
                    cmsfs_why(&c));
            cmsfs_close(&c, false);
            return 1;
        }
        if (cmsfs_close(&c, true))
            return 1;
    }
    if (s->n191) {
        printf("A-disks formatted (4K blocks, label XXX191): 191 of");
        for (unsigned k = 0; k < s->n191; k++)
            printf(" %s", s->a191[k]);
        printf("\n");
    }
    return 0;
}

int sysgen_cms_write(struct sysgen_cms *s, const char *path)
{
    if (s->no_cms)
        return 0;
    if (s->build_190 && write_190(s, path))
        return 1;
    return write_191s(s, path);
}

void sysgen_cms_free(struct sysgen_cms *s)
{
    for (unsigned k = 0; k < s->nfiles; k++)
        free(s->files[k].host);
    if (s->have_nucleus)
        elf_free(&s->img);
    free(s->a191);
    s->nfiles = 0, s->have_nucleus = false, s->a191 = NULL;
}
