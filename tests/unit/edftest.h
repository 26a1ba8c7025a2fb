/*
 * edftest.h - helpers for the tests of the CMS file system (cms/fs/edf.h):
 * a block device in memory that can be told to fail every write after
 * the k-th (a crash at that point: later writes never reach the disk),
 * a reference model of a disk (a list of files, each its name, record
 * format and records, with nothing of the on-disk layout), and the
 * comparison of a mounted disk with a model.
 */
#ifndef CPCMS_EDFTEST_H
#define CPCMS_EDFTEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edf.h"

/* ---- the device ----------------------------------------------------------- */

struct memdev {
    unsigned bs;
    uint32_t n;
    uint8_t *data;
    long writes;          /* writes done */
    long fail_after;      /* writes allowed before every write fails; -1: none */
    long reads_fail_at;   /* block whose reads fail; 0: none */
};

static int md_read(void *ctx, uint32_t blk, uint8_t *buf)
{
    struct memdev *m = ctx;
    if (blk < 1 || blk > m->n || (m->reads_fail_at && blk == (uint32_t)m->reads_fail_at))
        return -1;
    memcpy(buf, m->data + (size_t)(blk - 1) * m->bs, m->bs);
    return 0;
}

static int md_write(void *ctx, uint32_t blk, const uint8_t *buf)
{
    struct memdev *m = ctx;
    if (blk < 1 || blk > m->n)
        return -1;
    if (m->fail_after >= 0 && m->writes >= m->fail_after)
        return -1;
    memcpy(m->data + (size_t)(blk - 1) * m->bs, buf, m->bs);
    m->writes++;
    return 0;
}

static inline struct memdev *md_new(unsigned bs, uint32_t n)
{
    struct memdev *m = calloc(1, sizeof *m);
    assert_non_null(m);
    m->bs = bs, m->n = n, m->fail_after = -1;
    m->data = calloc(n, bs);
    assert_non_null(m->data);
    return m;
}

static inline struct memdev *md_copy(const struct memdev *o)
{
    struct memdev *m = md_new(o->bs, o->n);
    memcpy(m->data, o->data, (size_t)o->n * o->bs);
    return m;
}

static inline void md_free(struct memdev *m)
{
    free(m->data);
    free(m);
}

static inline struct edf_dev md_dev(struct memdev *m)
{
    struct edf_dev d = {m->bs, m->n, md_read, md_write, m};
    return d;
}

/* A disk with its work area, for up to `files` files. */
struct tdisk {
    struct edf_disk d;
    void *work;
    size_t worklen;
};

static const struct edf_time t_now = {2024, 3, 15, 13, 45, 30};

static inline struct tdisk *td_new(struct memdev *m, uint32_t files)
{
    struct tdisk *t = calloc(1, sizeof *t);
    assert_non_null(t);
    t->worklen = EDF_WORK_SIZE(m->n, m->bs, files);
    t->work = malloc(t->worklen);
    assert_non_null(t->work);
    return t;
}

static inline void td_free(struct tdisk *t)
{
    free(t->work);
    free(t);
}

static inline int td_format(struct tdisk *t, struct memdev *m, const char *volid)
{
    struct edf_format_opts o = {.reserve = 0, .cyls = 0};
    snprintf(o.volid, sizeof o.volid, "%s", volid);
    struct edf_dev dev = md_dev(m);
    return edf_format(&t->d, &dev, &o, &t_now, t->work, t->worklen);
}

static inline int td_mount(struct tdisk *t, struct memdev *m)
{
    struct edf_dev dev = md_dev(m);
    int rc = edf_mount(&t->d, &dev, false, t->work, t->worklen);
    t->d.now = t_now;
    return rc;
}

/* ---- the reference model ------------------------------------------------------ */

struct mfile {
    char fn[9], ft[9];
    char recfm;
    uint32_t lrecl;
    uint32_t nrec;
    uint32_t *len;        /* nrec lengths */
    uint8_t **rec;        /* nrec records */
};

struct model {
    unsigned n;
    struct mfile f[4096];
};

static inline struct mfile *m_find(struct model *m, const char *fn, const char *ft)
{
    for (unsigned i = 0; i < m->n; i++)
        if (!strcmp(m->f[i].fn, fn) && !strcmp(m->f[i].ft, ft))
            return &m->f[i];
    return NULL;
}

static inline void mf_clear(struct mfile *f)
{
    for (uint32_t r = 0; r < f->nrec; r++)
        free(f->rec[r]);
    free(f->rec);
    free(f->len);
    f->rec = NULL, f->len = NULL, f->nrec = 0;
}

static inline void mf_add(struct mfile *f, const uint8_t *p, uint32_t len)
{
    f->rec = realloc(f->rec, (f->nrec + 1) * sizeof *f->rec);
    f->len = realloc(f->len, (f->nrec + 1) * sizeof *f->len);
    f->rec[f->nrec] = malloc(len ? len : 1);
    memcpy(f->rec[f->nrec], p, len);
    f->len[f->nrec++] = len;
    if (f->recfm == 'V' && len > f->lrecl)
        f->lrecl = len;
}

static inline void m_erase(struct model *m, struct mfile *f)
{
    mf_clear(f);
    *f = m->f[--m->n];
    memset(&m->f[m->n], 0, sizeof m->f[m->n]);
}

static inline void m_free(struct model *m)
{
    for (unsigned i = 0; i < m->n; i++)
        mf_clear(&m->f[i]);
    m->n = 0;
}

static inline void m_copy(struct model *dst, const struct model *src)
{
    m_free(dst);
    for (unsigned i = 0; i < src->n; i++) {
        struct mfile *f = &dst->f[dst->n++];
        *f = src->f[i];
        f->rec = NULL, f->len = NULL, f->nrec = 0;
        for (uint32_t r = 0; r < src->f[i].nrec; r++)
            mf_add(f, src->f[i].rec[r], src->f[i].len[r]);
        f->lrecl = src->f[i].lrecl;
    }
}

/*
 * Does the disk hold exactly the model's files, records and attributes?
 * Reads every record (sequentially, then a few by number).  Returns true
 * or false with the first difference on stdout when `say`.
 */
static inline bool td_same(struct tdisk *t, struct model *m, bool say)
{
    static uint8_t buf[EDF_MAX_LRECL];
    static struct edf_file f;
    struct edf_stat st;
    uint32_t pos = 0, count = 0;
    while (edf_next(&t->d, &pos, &st) == 1) {
        count++;
        struct mfile *mf = m_find(m, st.fn, st.ft);
        if (!mf || mf->recfm != st.recfm || mf->nrec != st.records || mf->lrecl != st.lrecl) {
            if (say)
                printf("differs: %s %s %c %u %u on disk\n", st.fn, st.ft, st.recfm, st.lrecl,
                       st.records);
            return false;
        }
    }
    if (count != m->n) {
        if (say)
            printf("differs: %u files on disk, %u in the model\n", count, m->n);
        return false;
    }
    for (unsigned i = 0; i < m->n; i++) {
        struct mfile *mf = &m->f[i];
        if (edf_open(&t->d, &f, mf->fn, mf->ft) != EDF_OK)
            return false;
        for (uint32_t r = 0; r < mf->nrec; r++) {
            uint32_t len;
            int rc = edf_read(&f, 0, buf, sizeof buf, &len);
            if (rc || len != mf->len[r] || memcmp(buf, mf->rec[r], len)) {
                if (say)
                    printf("differs: %s %s record %u (rc %d, len %u)\n", mf->fn, mf->ft, r + 1,
                           rc, len);
                return false;
            }
        }
        uint32_t len;
        if (edf_read(&f, 0, buf, sizeof buf, &len) != EDF_E_EOF)
            return false;
        if (mf->nrec > 1) {
            uint32_t r = mf->nrec / 2;
            if (edf_read(&f, r + 1, buf, sizeof buf, &len) || len != mf->len[r] ||
                memcmp(buf, mf->rec[r], len))
                return false;
        }
        edf_close(&f);
    }
    return true;
}

/* Write a file of the model to the disk and commit. */
static inline int td_put(struct tdisk *t, const struct mfile *mf)
{
    static struct edf_file f;
    int rc = edf_create(&t->d, &f, mf->fn, mf->ft, NULL, mf->recfm,
                        mf->recfm == 'F' ? mf->lrecl : EDF_MAX_LRECL);
    if (rc)
        return rc;
    for (uint32_t r = 0; r < mf->nrec && rc == EDF_OK; r++)
        rc = edf_write(&f, mf->rec[r], mf->len[r]);
    int rc2 = edf_close(&f);
    if (rc)
        return rc;
    return rc2 ? rc2 : edf_commit(&t->d);
}

/* A record of len bytes, its content a function of (seed, r). */
static inline void t_fill(uint8_t *p, uint32_t len, uint32_t seed, uint32_t r)
{
    uint32_t x = seed * 2654435761u + r * 40503u + 1;
    for (uint32_t i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        p[i] = (uint8_t)(x >> 16);
    }
}

#endif
