/*
 * cmsfs_put.c - host files into CMS files (cmsfs.h), for `cpcms cmsfs
 * put` (cmd_cmsfs.c) and for the files `cpcms sysgen` puts on the CMS
 * system disk (sysgen_cms.c): file ids as the host user writes them,
 * the host file read whole, and its bytes made records: text lines as
 * EBCDIC records (RECFM V, or F padded with blanks), or binary bytes in
 * records of LRECL.  Written into the mounted file system of a struct
 * cmsfs; the caller commits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmsfs.h"
#include "ebcdic.h"
#include "edf.h"

int cmsfs_fileid(const char *s, char fn[9], char ft[9], char fm[3])
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

struct edf_time cmsfs_now(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    struct edf_time e = {(unsigned)tm.tm_year + 1900, (unsigned)tm.tm_mon + 1, (unsigned)tm.tm_mday,
                         (unsigned)tm.tm_hour, (unsigned)tm.tm_min, (unsigned)tm.tm_sec};
    return e;
}

/* The host file ("-": stdin), whole, in *data (malloc'd).  0, or -1
   after a message. */
static int slurp(const char *prog, const char *path, uint8_t **data, size_t *len)
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
static int put_records(const char *prog, struct edf_file *f, const uint8_t *data, size_t n,
                       const struct cmsfs_put_opts *o, const char *host)
{
    static uint8_t rec[EDF_MAX_LRECL];
    uint32_t lrecl = o->lrecl;
    int rc = EDF_OK;
    if (o->binary) {
        for (size_t off = 0; off < n && rc == EDF_OK; off += lrecl) {
            uint32_t k = n - off < lrecl ? (uint32_t)(n - off) : lrecl;
            memcpy(rec, data + off, k);
            if (o->recfm == 'F' && k < lrecl)
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
        if (o->recfm == 'F' || len == 0) {
            memset(rec + len, 0x40, (o->recfm == 'F' ? lrecl : 1) - len);
            len = o->recfm == 'F' ? lrecl : 1;
        }
        rc = edf_write(f, rec, len);
        off += k + 1;
    }
    return rc;
}

int cmsfs_put(struct cmsfs *c, const char *host, const char *fn, const char *ft, const char *fm,
              const struct cmsfs_put_opts *opts)
{
    struct cmsfs_put_opts dflt = *opts, *o = &dflt;
    if (!o->recfm)
        o->recfm = 'V';
    if (!o->lrecl)
        o->lrecl = o->binary ? 4096 : o->recfm == 'F' ? 80 : EDF_MAX_LRECL;
    uint8_t *data;
    size_t n;
    if (slurp(c->prog, host, &data, &n))
        return -1;
    if (n == 0) {
        fprintf(stderr, "%s: %s is empty: a CMS file has at least one record\n", c->prog, host);
        free(data);
        return -1;
    }
    static struct edf_file f;
    int rc = edf_create(c->d, &f, fn, ft, fm && fm[0] ? fm : NULL, o->recfm, o->lrecl);
    if (rc == EDF_OK) {
        rc = put_records(c->prog, &f, data, n, o, host);
        int rc2 = edf_close(&f);
        if (rc == EDF_OK)
            rc = rc2;
    }
    free(data);
    if (rc != EDF_OK && rc != 1)
        fprintf(stderr, "%s: %s disk %s: %s %s: %s%s\n", c->prog, c->path, c->name, fn, ft,
                edf_strerror(rc), rc == EDF_E_IO ? cmsfs_why(c) : "");
    return rc == EDF_OK ? 0 : -1;
}
