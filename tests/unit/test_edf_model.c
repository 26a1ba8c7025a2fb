/*
 * test_edf_model.c - the CMS file system against a reference model, and
 * its crash ordering.
 *
 * Model: random creates (F and V, records of 1 to 65535 bytes), appends,
 * erases and renames, committed now and then; after each commit the disk
 * is mounted afresh and must hold exactly the model's files.
 *
 * Crash ordering: each operation (format, a new file, a replaced file,
 * an append, an erase, a rename, with its commit) is run once to count
 * its block writes W, then again on a fresh copy of the disk for every
 * k < W with a device that fails every write after the k-th (a crash
 * there).  The disk must then mount clean and hold exactly the old
 * state; after all W writes, exactly the new one.  (FORMAT is the
 * exception: it invalidates the old label first, so that a format cut
 * short leaves a disk that is not formatted rather than a mixture.)
 */
#include "edftest.h"

static uint32_t rnd_state;
static uint32_t rnd(uint32_t n)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) % n;
}

static struct model mdl, old_mdl;
static uint8_t buf[EDF_MAX_LRECL];
static uint32_t max_len = 65535, max_recs = 300;   /* what op_create() makes */
static uint32_t force_recs;                        /* if set, exactly so many */

/* A record length: mostly short, sometimes long, now and then the most. */
static uint32_t rnd_len(uint32_t lim)
{
    uint32_t l = rnd(10) < 7 ? 1 + rnd(100) : rnd(10) < 9 ? 1 + rnd(5000) : 65535;
    if (l > max_len)
        l = max_len;
    return l > lim ? lim : l;
}

/* Create (or replace) a random file in disk and model. */
static int op_create(struct tdisk *t, struct model *m, const char *fn_, const char *ft_)
{
    static struct edf_file f;
    char fn[9], ft[9];                   /* fn_ may be the model's own */
    snprintf(fn, sizeof fn, "%s", fn_);
    snprintf(ft, sizeof ft, "%s", ft_);
    char recfm = rnd(2) ? 'F' : 'V';
    uint32_t lrecl = recfm == 'F' ? rnd_len(65535) : 65535, n = 1 + rnd(rnd(4) ? 20 : max_recs);
    if (force_recs)
        n = force_recs;
    struct mfile *mf = m_find(m, fn, ft);
    if (mf)
        mf_clear(mf);
    else
        mf = &m->f[m->n++];
    snprintf(mf->fn, 9, "%s", fn);
    snprintf(mf->ft, 9, "%s", ft);
    mf->recfm = recfm, mf->lrecl = recfm == 'F' ? lrecl : 0;
    int rc = edf_create(&t->d, &f, fn, ft, NULL, recfm, lrecl);
    if (rc)
        return rc;
    for (uint32_t r = 0; r < n && rc == EDF_OK; r++) {
        uint32_t l = recfm == 'F' ? lrecl : rnd_len(65535);
        t_fill(buf, l, rnd(1000), r);
        if ((rc = edf_write(&f, buf, l)) == EDF_OK)
            mf_add(mf, buf, l);
    }
    int rc2 = edf_close(&f);
    return rc ? rc : rc2;
}

static int op_append(struct tdisk *t, struct model *m, struct mfile *mf)
{
    static struct edf_file f;
    int rc = edf_append(&t->d, &f, mf->fn, mf->ft);
    if (rc)
        return rc;
    uint32_t n = 1 + rnd(60);
    for (uint32_t r = 0; r < n && rc == EDF_OK; r++) {
        uint32_t l = mf->recfm == 'F' ? mf->lrecl : rnd_len(65535);
        t_fill(buf, l, rnd(1000), r);
        if ((rc = edf_write(&f, buf, l)) == EDF_OK)
            mf_add(mf, buf, l);
    }
    (void)m;
    int rc2 = edf_close(&f);
    return rc ? rc : rc2;
}

static void test_reference_model(void **state)
{
    (void)state;
    static const unsigned sizes[] = {1024, 2048, 4096};
    for (unsigned s = 0; s < 3; s++) {
        rnd_state = 7 + s;
        struct memdev *m = md_new(sizes[s], 1500u * 1024 / sizes[s]);   /* 1.5 MB: it fills */
        struct tdisk *t = td_new(m, 300);
        assert_int_equal(td_format(t, m, "MODEL"), EDF_OK);
        assert_int_equal(td_mount(t, m), EDF_OK);
        m_free(&mdl);
        unsigned full = 0;
        for (unsigned op = 0; op < 600; op++) {
            char fn[9], ft[9];
            snprintf(fn, sizeof fn, "N%u", rnd(40));
            snprintf(ft, sizeof ft, "T%u", rnd(3));
            struct mfile *mf = mdl.n ? &mdl.f[rnd(mdl.n)] : NULL;
            int rc = EDF_OK;
            switch (rnd(6)) {
            case 0: case 1:
                rc = op_create(t, &mdl, fn, ft);
                break;
            case 2:
                if (mf)
                    rc = op_append(t, &mdl, mf);
                break;
            case 3:
                if (mf) {
                    assert_int_equal(edf_erase(&t->d, mf->fn, mf->ft), EDF_OK);
                    m_erase(&mdl, mf);
                }
                break;
            case 4:
                if (mf && !m_find(&mdl, fn, ft)) {
                    assert_int_equal(edf_rename(&t->d, mf->fn, mf->ft, fn, ft), EDF_OK);
                    strcpy(mf->fn, fn), strcpy(mf->ft, ft);
                }
                break;
            case 5:
                assert_int_equal(edf_commit(&t->d), EDF_OK);
                assert_int_equal(td_mount(t, m), EDF_OK);
                assert_true(td_same(t, &mdl, true));
                break;
            }
            if (rc == EDF_E_FULL) {
                /* The file was discarded: drop it from the model and make room. */
                full++;
                m_free(&mdl);
                uint32_t pos = 0;
                struct edf_stat st;
                while (edf_next(&t->d, &pos, &st) == 1) {
                    assert_int_equal(edf_erase(&t->d, st.fn, st.ft), EDF_OK);
                    pos = 0;
                }
                assert_int_equal(edf_commit(&t->d), EDF_OK);
            } else {
                assert_int_equal(rc, EDF_OK);
            }
            assert_true(td_same(t, &mdl, true));
        }
        assert_int_equal(edf_commit(&t->d), EDF_OK);
        assert_int_equal(td_mount(t, m), EDF_OK);
        assert_true(td_same(t, &mdl, true));
        assert_true(full >= 1);              /* the disk filled up at least once */
        /* A model that differs by one byte is noticed. */
        if (mdl.n) {
            mdl.f[0].rec[0][0] ^= 1;
            assert_false(td_same(t, &mdl, false));
        }
        td_free(t);
        md_free(m);
    }
}

/* ---- crash ordering -------------------------------------------------------- */

enum crash_op { C_NEW, C_REPLACE, C_APPEND, C_ERASE, C_RENAME, C_FORMAT, C_NOPS };

/* Run op and its commit on disk t (model m follows).  Errors are the
   device's: ignored, as a crashed system would. */
static void run_op(struct tdisk *t, struct memdev *dev, struct model *m, enum crash_op op, uint32_t seed)
{
    rnd_state = seed;
    switch (op) {
    case C_NEW:
        op_create(t, m, "BRAND", "NEW");
        break;
    case C_REPLACE:
        op_create(t, m, m->f[0].fn, m->f[0].ft);
        break;
    case C_APPEND:
        op_append(t, m, &m->f[1]);
        break;
    case C_ERASE:
        edf_erase(&t->d, m->f[2].fn, m->f[2].ft);
        m_erase(m, &m->f[2]);
        break;
    case C_RENAME:
        edf_rename(&t->d, m->f[0].fn, m->f[0].ft, "OTHER", "NAME");
        strcpy(m->f[0].fn, "OTHER"), strcpy(m->f[0].ft, "NAME");
        break;
    case C_FORMAT:
        td_format(t, dev, "REFORM");
        m_free(m);
        return;
    default:
        break;
    }
    edf_commit(&t->d);
}

static void crash_test(unsigned bs)
{
    struct memdev *base = md_new(bs, 1500);
    struct tdisk *t = td_new(base, 200);
    assert_int_equal(td_format(t, base, "CRASH"), EDF_OK);
    assert_int_equal(td_mount(t, base), EDF_OK);
    m_free(&old_mdl);
    rnd_state = 99;
    char fn[9];
    max_len = 200, max_recs = 20;
    for (unsigned i = 0; i < 60; i++) {
        snprintf(fn, sizeof fn, "OLD%u", i);
        assert_int_equal(op_create(t, &old_mdl, fn, "FILE"), EDF_OK);
    }
    max_len = 3000, max_recs = 100, force_recs = 120;
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    long total = 0;
    for (unsigned op = 0; op < C_NOPS; op++) {
        /* The whole operation: its writes and its result. */
        struct memdev *m = md_copy(base);
        assert_int_equal(td_mount(t, m), EDF_OK);
        m_copy(&mdl, &old_mdl);
        run_op(t, m, &mdl, op, 1234 + op);
        long w = m->writes;
        assert_true(w >= 3);              /* directory, map, label at least */
        total += w;
        assert_int_equal(td_mount(t, m), EDF_OK);
        assert_true(td_same(t, &mdl, true));
        md_free(m);
        static struct model scratch;
        for (long k = 0; k < w; k++) {
            m = md_copy(base);
            m->fail_after = k;
            if (td_mount(t, m) != EDF_OK)
                fail_msg("op %u: mount before the crash", op);
            m_copy(&scratch, &old_mdl);
            run_op(t, m, &scratch, op, 1234 + op);
            m->fail_after = -1;
            int rc = td_mount(t, m);
            /* FORMAT invalidates the label (block 3) first: cut short
               after that, the disk is simply not formatted. */
            if (op == C_FORMAT && k >= 3 && rc == EDF_E_NOTCMS) {
                md_free(m);
                continue;
            }
            if (rc != EDF_OK || !td_same(t, &old_mdl, true))
                fail_msg("block size %u, op %u, crash after write %ld of %ld: mount %d, not the old state",
                         bs, op, k, w, rc);
            md_free(m);
        }
    }
    assert_true(total >= 40);             /* multi-block files were among them */
    m_free(&mdl);
    m_free(&old_mdl);
    max_len = 65535, max_recs = 300, force_recs = 0;
    td_free(t);
    md_free(base);
}

static void test_crash_1k(void **state) { (void)state; crash_test(1024); }
static void test_crash_4k(void **state) { (void)state; crash_test(4096); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_model),
        cmocka_unit_test(test_crash_1k),
        cmocka_unit_test(test_crash_4k),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
