/*
 * sysgen_cms.h - the CMS part of `cpcms sysgen` (sysgen_cms.c): the CMS
 * system disk (the 190: IPL records, bootstrap and nucleus area of
 * common/cmsboot.h, an EDF file system with the help files and the
 * files given) and an empty A-disk for every user with a 191 on the
 * system residence volume.  cmd_sysgen.c hands it its options, lets it
 * check everything before the volume is written, and has it write the
 * CMS disks into the volume it built.
 */
#ifndef CPCMS_SYSGEN_CMS_H
#define CPCMS_SYSGEN_CMS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "elf.h"
#include "geometry.h"

#define SYSGEN_CMS_MAX_FILES 256

/* A host file for the 190. */
struct sysgen_cms_file {
    char *host;                 /* malloc'd */
    char fn[9], ft[9], fm[3];   /* fm "": S2 */
    bool binary;
};

struct sysgen_cms {
    /* the options */
    const char *elf;            /* --cms ELF; NULL: cms/cms.elf beside cpcms */
    bool no_cms;                /* --cms none: neither the 190 nor A-disks */
    const char *disk;           /* --cms-disk USERID.CUU; NULL: MAINT.190 */
    const char *help_dir;       /* --help-dir DIR; NULL: the source tree's cms/help */
    struct sysgen_cms_file files[SYSGEN_CMS_MAX_FILES];
    unsigned nfiles;            /* --cms-file ones, then the help files */
    /* what sysgen_cms_prepare() and _plan() found */
    char elfbuf[PATH_MAX];
    bool have_nucleus;
    struct elf_image img;
    const struct elf_seg *seg;
    bool build_190;
    char user[9];
    unsigned cuu;
    unsigned cyls, fs_cyls, per_trk, nrecs;
    char (*a191)[9];            /* users whose 191 is formatted (malloc'd) */
    unsigned n191;
};

/* Clear s for the defaults. */
void sysgen_cms_init(struct sysgen_cms *s);

/*
 * If argv[*i] is one of the CMS options, take it (and its argument,
 * advancing *i) and return 1; 0 if it is not one of them; -1 after a
 * message if it is malformed.
 */
int sysgen_cms_option(struct sysgen_cms *s, int argc, char **argv, int *i);

/* The CMS options' lines of `cpcms sysgen --help`. */
void sysgen_cms_usage(FILE *out);

/*
 * Read and check the nucleus ELF (a missing default is no error: the
 * 190 is then not built, and it is said), the help directory and the
 * host files.  Returns 0, or 1 after a message.
 */
int sysgen_cms_prepare(struct sysgen_cms *s);

/*
 * Find the CMS system disk and the 191s in the compiled directory blob
 * of the system residence volume (type t, volser): the 190 must be an
 * MDISK there with room for the nucleus area and a file system of one
 * cylinder or more.  Returns 0, or 1 after a message.
 */
int sysgen_cms_plan(struct sysgen_cms *s, const uint8_t *dir, size_t len, const struct dasd_type *t,
                    const char *volser);

/*
 * Write the CMS disks into the committed volume file `path` and say what
 * was written on stdout.  Returns 0, or 1 after a message (the volume is
 * then incomplete: the caller removes it).
 */
int sysgen_cms_write(struct sysgen_cms *s, const char *path);

void sysgen_cms_free(struct sysgen_cms *s);

/* Shared with cmd_sysgen.c: `rel` in the directory of the cpcms
   executable, in buf; and the one loadable segment of an ELF with bytes
   in the file, or NULL. */
const char *sysgen_beside_exe(const char *rel, char *buf, size_t len);
const struct elf_seg *sysgen_only_segment(const struct elf_image *img);

#endif
