/*
 * test_edf.c - the CMS file system (cms/fs) on a block device in memory:
 * format and mount at each block size, the label, file ids, F and V
 * files written, read back sequentially and by number, appended to,
 * renamed and erased; LRECL 65535; files big enough for two levels of
 * pointer blocks; 1,000 files; a full disk; a fragmented one; the CKD
 * and FBA block mapping.
 */
#include "edftest.h"
#include "ebcdic.h"

static struct model mdl;

static void fmt_mount(struct memdev **pm, struct tdisk **pt, unsigned bs, uint32_t n, uint32_t files)
{
    *pm = md_new(bs, n);
    *pt = td_new(*pm, files);
    assert_int_equal(td_format(*pt, *pm, "CMS191"), EDF_OK);
    assert_int_equal(td_mount(*pt, *pm), EDF_OK);
}

static void test_format_each_blksize(void **state)
{
    (void)state;
    static const unsigned sizes[] = {1024, 2048, 4096};
    for (unsigned i = 0; i < 3; i++) {
        struct memdev *m;
        struct tdisk *t;
        fmt_mount(&m, &t, sizes[i], 600, 100);
        const uint8_t *l = m->data + 2 * (size_t)sizes[i];        /* block 3 */
        assert_memory_equal(l, "\xC3\xD4\xE2\xF1", 4);                 /* CMS1 */
        assert_memory_equal(l + EDF_ADTID, "\xC3\xD4\xE2\xF1\xF9\xF1", 6);  /* CMS191 */
        assert_int_equal(edf_get32(l + EDF_ADTDBSIZ), sizes[i]);
        assert_int_equal(edf_get32(l + EDF_ADTNUM), 600);
        assert_int_equal(edf_get32(l + EDF_ADTFSTSZ), 64);
        assert_int_equal(edf_get32(l + EDF_ADTNFST), sizes[i] / 64);
        assert_memory_equal(l + EDF_ADTDCRED, "\x24\x03\x15\x13\x45\x30", 6);
        assert_int_equal(l[EDF_ADTFLGL], EDF_ADTCNTRY);
        /* The directory: its own FST first, then the map's. */
        uint32_t dop = edf_get32(l + EDF_ADTDOP);
        const uint8_t *dir = m->data + (size_t)(dop - 1) * sizes[i];
        assert_memory_equal(dir, "\0\0\0\1\0\0\0\0\xC4\xC9\xD9\xC5\xC3\xE3\xD6\xD9", 16);
        assert_int_equal(edf_get32(dir + EDF_FSTFOP), dop);
        assert_int_equal(edf_get32(dir + EDF_FSTAIC), 2);
        assert_memory_equal(dir + 64, "\0\0\0\2\0\0\0\0\xC1\xD3\xD3\xD6\xC3\xD4\xC1\xD7", 16);
        struct edf_usage u;
        edf_usage(&t->d, &u);
        assert_string_equal(u.volid, "CMS191");
        assert_int_equal(u.blksize, sizes[i]);
        assert_int_equal(u.total, 600);
        assert_int_equal(u.files, 0);
        assert_int_equal(u.used, 3 + 2);    /* IPL, label, one directory and one map block */
        assert_int_equal(edf_get32(l + EDF_ADTUSED), 5);
        td_free(t);
        md_free(m);
    }
}

static void test_format_refusals(void **state)
{
    (void)state;
    struct memdev *m = md_new(512, 100);
    struct tdisk *t = td_new(m, 10);
    assert_int_equal(td_format(t, m, "X"), EDF_E_BLKSIZE);
    md_free(m);
    m = md_new(1024, 100);
    assert_int_equal(td_format(t, m, "BAD.ID"), EDF_E_ARG);
    assert_int_equal(td_format(t, m, ""), EDF_E_ARG);
    assert_int_equal(td_mount(t, m), EDF_E_NOTCMS);       /* zeros: never formatted */
    struct edf_dev dev = md_dev(m);
    assert_int_equal(edf_mount(&t->d, &dev, false, t->work, 100), EDF_E_NOTCMS);
    assert_int_equal(td_format(t, m, "OK"), EDF_OK);
    assert_int_equal(edf_mount(&t->d, &dev, false, t->work, 100), EDF_E_SPACE);
    dev.blksize = 2048;      /* block 3 read as 2K: a label that says 1K */
    assert_int_equal(edf_mount(&t->d, &dev, false, t->work, t->worklen), EDF_E_BLKSIZE);
    td_free(t);
    md_free(m);
}

static void test_names(void **state)
{
    (void)state;
    uint8_t n[8], md[2];
    assert_int_equal(edf_name("profile", n), EDF_OK);
    assert_memory_equal(n, "\xD7\xD9\xD6\xC6\xC9\xD3\xC5\x40", 8);
    assert_int_equal(edf_name("A$#@+-:_", n), EDF_OK);
    assert_int_equal(edf_name("NINECHARS", n), EDF_E_NAME);
    assert_int_equal(edf_name("", n), EDF_E_NAME);
    assert_int_equal(edf_name("A.B", n), EDF_E_NAME);
    assert_int_equal(edf_name("A B", n), EDF_E_NAME);
    assert_int_equal(edf_name("*", n), EDF_E_NAME);
    assert_int_equal(edf_mode("a", md), EDF_OK);
    assert_memory_equal(md, "\xC1\xF1", 2);
    assert_int_equal(edf_mode("B6", md), EDF_OK);
    assert_memory_equal(md, "\xC2\xF6", 2);
    assert_int_equal(edf_mode("A7", md), EDF_E_NAME);
    assert_int_equal(edf_mode("1", md), EDF_E_NAME);
    assert_int_equal(edf_mode("A12", md), EDF_E_NAME);
}

/* Write n records of a file, each of len(r) bytes filled by t_fill. */
static void put_file(struct tdisk *t, const char *fn, const char *ft, char recfm, uint32_t lrecl,
                     uint32_t n, uint32_t (*len)(uint32_t r))
{
    static struct edf_file f;
    static uint8_t buf[EDF_MAX_LRECL];
    struct mfile *mf = m_find(&mdl, fn, ft);
    if (mf)
        mf_clear(mf);
    else
        mf = &mdl.f[mdl.n++];
    snprintf(mf->fn, 9, "%s", fn);
    snprintf(mf->ft, 9, "%s", ft);
    mf->recfm = recfm;
    mf->lrecl = recfm == 'F' ? lrecl : 0;
    assert_int_equal(edf_create(&t->d, &f, fn, ft, "A1", recfm, lrecl), EDF_OK);
    for (uint32_t r = 0; r < n; r++) {
        uint32_t l = len(r);
        t_fill(buf, l, (uint32_t)fn[0] * 7 + ft[0], r);
        assert_int_equal(edf_write(&f, buf, l), EDF_OK);
        mf_add(mf, buf, l);
    }
    assert_int_equal(edf_close(&f), EDF_OK);
}

static uint32_t len80(uint32_t r) { (void)r; return 80; }
static uint32_t lenvar(uint32_t r) { return 1 + (r * 37) % 300; }
static uint32_t len64k(uint32_t r) { return r % 2 ? 65535 : 1 + r; }
static uint32_t lenmax(uint32_t r) { (void)r; return 65535; }

static void test_files_each_blksize(void **state)
{
    (void)state;
    static const unsigned sizes[] = {1024, 2048, 4096};
    for (unsigned i = 0; i < 3; i++) {
        struct memdev *m;
        struct tdisk *t;
        fmt_mount(&m, &t, sizes[i], 3000, 100);
        m_free(&mdl);
        put_file(t, "PROFILE", "EXEC", 'V', 300, 40, lenvar);
        put_file(t, "DATA", "FIXED", 'F', 80, 1000, len80);       /* 80,000 bytes */
        put_file(t, "BIG", "V", 'V', 65535, 12, len64k);
        put_file(t, "BIG", "F", 'F', 65535, 9, lenmax);
        assert_true(td_same(t, &mdl, true));
        assert_int_equal(edf_commit(&t->d), EDF_OK);
        assert_int_equal(td_mount(t, m), EDF_OK);                 /* what the disk holds */
        assert_true(td_same(t, &mdl, true));
        struct edf_stat st;
        assert_int_equal(edf_lookup(&t->d, "data", "fixed", &st), EDF_OK);
        assert_string_equal(st.fm, "A1");
        assert_int_equal(st.recfm, 'F');
        assert_int_equal(st.lrecl, 80);
        assert_int_equal(st.records, 1000);
        assert_int_equal(st.blocks, (80000 + sizes[i] - 1) / sizes[i]);
        assert_int_equal(st.written.year, 2024);
        assert_int_equal(st.written.min, 45);
        assert_int_equal(edf_lookup(&t->d, "BIG", "V", &st), EDF_OK);
        assert_int_equal(st.lrecl, 65535);                        /* the longest record */
        td_free(t);
        md_free(m);
    }
}

static void test_read_by_number_and_errors(void **state)
{
    (void)state;
    struct memdev *m;
    struct tdisk *t;
    fmt_mount(&m, &t, 1024, 500, 50);
    m_free(&mdl);
    put_file(t, "V", "FILE", 'V', 1000, 100, lenvar);
    static struct edf_file f;
    uint8_t buf[400];
    uint32_t len;
    assert_int_equal(edf_open(&t->d, &f, "V", "FILE"), EDF_OK);
    struct mfile *mf = m_find(&mdl, "V", "FILE");
    for (uint32_t r = 100; r >= 1; r -= 7) {           /* backwards: restarts the scan */
        assert_int_equal(edf_read(&f, r, buf, sizeof buf, &len), EDF_OK);
        assert_int_equal(len, mf->len[r - 1]);
        assert_memory_equal(buf, mf->rec[r - 1], len);
        if (r <= 7)
            break;
    }
    assert_int_equal(edf_read(&f, 101, buf, sizeof buf, &len), EDF_E_EOF);
    assert_int_equal(edf_read(&f, 2, buf, 10, &len), EDF_E_BUF);
    assert_int_equal(len, mf->len[1]);
    edf_close(&f);
    assert_int_equal(edf_open(&t->d, &f, "NO", "FILE"), EDF_E_NOTFOUND);
    assert_int_equal(edf_open(&t->d, &f, "BAD*", "FILE"), EDF_E_NAME);
    assert_int_equal(edf_create(&t->d, &f, "X", "Y", NULL, 'U', 80), EDF_E_ARG);
    assert_int_equal(edf_create(&t->d, &f, "X", "Y", NULL, 'F', 0), EDF_E_ARG);
    assert_int_equal(edf_create(&t->d, &f, "X", "Y", NULL, 'F', 65536), EDF_E_ARG);
    assert_int_equal(edf_create(&t->d, &f, "X", "Y", "A9", 'F', 80), EDF_E_NAME);
    assert_int_equal(edf_create(&t->d, &f, "X", "Y", "B2", 'F', 80), EDF_OK);
    assert_int_equal(edf_write(&f, buf, 79), EDF_E_ARG);        /* F: exactly LRECL */
    assert_int_equal(edf_close(&f), EDF_OK);                    /* no records: no file */
    assert_int_equal(edf_lookup(&t->d, "X", "Y", NULL), EDF_E_NOTFOUND);
    assert_int_equal(edf_create(&t->d, &f, "X", "Y", "B2", 'V', 80), EDF_OK);
    assert_int_equal(edf_write(&f, buf, 0), EDF_E_ARG);         /* V: 1..LRECL */
    assert_int_equal(edf_write(&f, buf, 81), EDF_E_ARG);
    assert_int_equal(edf_write(&f, buf, 80), EDF_OK);
    assert_int_equal(edf_close(&f), EDF_OK);
    struct edf_stat st;
    assert_int_equal(edf_lookup(&t->d, "X", "Y", &st), EDF_OK);
    assert_string_equal(st.fm, "B2");
    td_free(t);
    md_free(m);
}

static void test_append_rename_erase(void **state)
{
    (void)state;
    static const unsigned sizes[] = {1024, 4096};
    for (unsigned i = 0; i < 2; i++) {
        struct memdev *m;
        struct tdisk *t;
        fmt_mount(&m, &t, sizes[i], 2000, 50);
        m_free(&mdl);
        put_file(t, "F", "APP", 'F', 80, 7, len80);
        put_file(t, "V", "APP", 'V', 1000, 3, lenvar);
        assert_int_equal(edf_commit(&t->d), EDF_OK);
        static struct edf_file f;
        uint8_t buf[1000];
        /* Append in several sessions, committing between, across block ends. */
        for (unsigned s = 0; s < 6; s++) {
            assert_int_equal(edf_append(&t->d, &f, "V", "APP"), EDF_OK);
            struct mfile *mf = m_find(&mdl, "V", "APP");
            for (unsigned r = 0; r < 50 * s + 1; r++) {
                uint32_t l = lenvar(r + s * 1000);
                t_fill(buf, l, s, r);
                assert_int_equal(edf_write(&f, buf, l), EDF_OK);
                mf_add(mf, buf, l);
            }
            assert_int_equal(edf_close(&f), EDF_OK);
            assert_int_equal(edf_append(&t->d, &f, "F", "APP"), EDF_OK);
            mf = m_find(&mdl, "F", "APP");
            for (unsigned r = 0; r < 13 * s + 1; r++) {
                t_fill(buf, 80, s + 100, r);
                assert_int_equal(edf_write(&f, buf, 80), EDF_OK);
                mf_add(mf, buf, 80);
            }
            assert_int_equal(edf_close(&f), EDF_OK);
            assert_true(td_same(t, &mdl, true));
            assert_int_equal(edf_commit(&t->d), EDF_OK);
            assert_int_equal(td_mount(t, m), EDF_OK);
            assert_true(td_same(t, &mdl, true));
        }
        /* An append with no records changes nothing. */
        assert_int_equal(edf_append(&t->d, &f, "V", "APP"), EDF_OK);
        assert_int_equal(edf_close(&f), EDF_OK);
        assert_true(td_same(t, &mdl, true));
        assert_int_equal(edf_append(&t->d, &f, "NO", "APP"), EDF_E_NOTFOUND);
        /* Rename */
        assert_int_equal(edf_rename(&t->d, "V", "APP", "F", "APP"), EDF_E_EXISTS);
        assert_int_equal(edf_rename(&t->d, "V", "APP", "bad*", "APP"), EDF_E_NAME);
        assert_int_equal(edf_rename(&t->d, "NO", "APP", "X", "APP"), EDF_E_NOTFOUND);
        assert_int_equal(edf_rename(&t->d, "V", "APP", "NEW", "NAME"), EDF_OK);
        struct mfile *mf = m_find(&mdl, "V", "APP");
        strcpy(mf->fn, "NEW"), strcpy(mf->ft, "NAME");
        assert_true(td_same(t, &mdl, true));
        /* Erase: the blocks come back after the commit. */
        struct edf_usage before, after;
        assert_int_equal(edf_commit(&t->d), EDF_OK);
        edf_usage(&t->d, &before);
        assert_int_equal(edf_erase(&t->d, "F", "APP"), EDF_OK);
        assert_int_equal(edf_erase(&t->d, "F", "APP"), EDF_E_NOTFOUND);
        m_erase(&mdl, m_find(&mdl, "F", "APP"));
        assert_int_equal(edf_commit(&t->d), EDF_OK);
        edf_usage(&t->d, &after);
        assert_true(after.used < before.used);
        assert_int_equal(after.files, 1);
        assert_int_equal(td_mount(t, m), EDF_OK);
        assert_true(td_same(t, &mdl, true));
        td_free(t);
        md_free(m);
    }
}

static void test_two_levels(void **state)
{
    (void)state;
    /* 1K blocks, F: 256 pointers a block; 300 data blocks need two levels. */
    struct memdev *m;
    struct tdisk *t;
    fmt_mount(&m, &t, 1024, 1000, 20);
    m_free(&mdl);
    static struct edf_file f;
    static uint8_t buf[1024];
    struct mfile *mf = &mdl.f[mdl.n++];
    strcpy(mf->fn, "TWO"), strcpy(mf->ft, "LEVELS");
    mf->recfm = 'F', mf->lrecl = 1024;
    assert_int_equal(edf_create(&t->d, &f, "TWO", "LEVELS", NULL, 'F', 1024), EDF_OK);
    for (uint32_t r = 0; r < 300; r++) {
        t_fill(buf, 1024, 9, r);
        assert_int_equal(edf_write(&f, buf, 1024), EDF_OK);
        mf_add(mf, buf, 1024);
    }
    assert_int_equal(edf_close(&f), EDF_OK);
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    assert_int_equal(td_mount(t, m), EDF_OK);
    int i = edf_find(&t->d, (const uint8_t *)"\xE3\xE6\xD6\x40\x40\x40\x40\x40\xD3\xC5\xE5\xC5\xD3\xE2\x40\x40");
    assert_true(i >= 2);
    assert_int_equal(t->d.fst[i * 64 + EDF_FSTNLVL], 2);
    assert_int_equal(edf_get32(t->d.fst + i * 64 + EDF_FSTADBC), 300);
    assert_true(td_same(t, &mdl, true));
    td_free(t);
    md_free(m);
}

static void test_thousand_files(void **state)
{
    (void)state;
    struct memdev *m;
    struct tdisk *t;
    fmt_mount(&m, &t, 1024, 4000, 1200);
    m_free(&mdl);
    char fn[9];
    for (unsigned i = 0; i < 1100; i++) {
        snprintf(fn, sizeof fn, "F%04u", i);
        put_file(t, fn, i % 2 ? "DATA" : "TEXT", i % 3 ? 'V' : 'F', i % 3 ? 300 : 80, 1 + i % 3,
                 i % 3 ? lenvar : len80);
        if (i % 100 == 99)
            assert_int_equal(edf_commit(&t->d), EDF_OK);
    }
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    assert_int_equal(td_mount(t, m), EDF_OK);
    struct edf_usage u;
    edf_usage(&t->d, &u);
    assert_int_equal(u.files, 1100);
    /* The directory of 1102 FSTs in 1K blocks: 69 blocks, one pointer level. */
    assert_int_equal(t->d.fst[EDF_FSTNLVL], 1);
    assert_int_equal(edf_get32(t->d.fst + EDF_FSTADBC), 69);
    assert_true(td_same(t, &mdl, true));
    /* A work area too small for them cannot mount the disk. */
    struct edf_dev dev = md_dev(m);
    assert_int_equal(edf_mount(&t->d, &dev, false, t->work, EDF_WORK_SIZE(4000, 1024, 500)),
                     EDF_E_SPACE);
    td_free(t);
    md_free(m);
}

static uint32_t len1000(uint32_t r) { (void)r; return 1000; }

static void test_full_disk(void **state)
{
    (void)state;
    struct memdev *m;
    struct tdisk *t;
    fmt_mount(&m, &t, 1024, 200, 50);
    m_free(&mdl);
    put_file(t, "KEEP", "ME", 'V', 300, 5, lenvar);
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    static struct edf_file f;
    static uint8_t buf[1000];
    assert_int_equal(edf_create(&t->d, &f, "HUGE", "FILE", NULL, 'F', 1000), EDF_OK);
    int rc = EDF_OK;
    unsigned n = 0;
    while ((rc = edf_write(&f, buf, 1000)) == EDF_OK)
        n++;
    assert_int_equal(rc, EDF_E_FULL);
    assert_true(n > 150 && n < 200);
    assert_int_equal(edf_write(&f, buf, 1000), EDF_E_FULL);    /* sticky */
    assert_int_equal(edf_close(&f), EDF_E_FULL);               /* discarded */
    assert_int_equal(edf_lookup(&t->d, "HUGE", "FILE", NULL), EDF_E_NOTFOUND);
    /* Everything it took is free again, and the disk still commits. */
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    struct edf_usage u;
    edf_usage(&t->d, &u);
    assert_int_equal(td_mount(t, m), EDF_OK);
    assert_true(td_same(t, &mdl, true));
    struct edf_usage u2;
    edf_usage(&t->d, &u2);
    assert_int_equal(u.used, u2.used);
    /* Fill it with files of 10 blocks until full, then erase and reuse. */
    char fn[9];
    unsigned files = 0;
    for (;; files++) {
        snprintf(fn, sizeof fn, "P%u", files);
        rc = EDF_OK;
        assert_int_equal(edf_create(&t->d, &f, fn, "X", NULL, 'F', 1000), EDF_OK);
        for (unsigned r = 0; r < 10 && rc == EDF_OK; r++)
            rc = edf_write(&f, buf, 1000);
        int rc2 = edf_close(&f);
        if (rc) {
            assert_int_equal(rc2, EDF_E_FULL);
            break;
        }
        assert_int_equal(edf_commit(&t->d), EDF_OK);
    }
    assert_true(files >= 14);
    assert_int_equal(edf_erase(&t->d, "P0", "X"), EDF_OK);
    assert_int_equal(edf_create(&t->d, &f, "AGAIN", "X", NULL, 'F', 1000), EDF_OK);
    rc = EDF_OK;
    for (unsigned r = 0; r < 10 && rc == EDF_OK; r++)
        rc = edf_write(&f, buf, 1000);
    assert_int_equal(rc, EDF_E_FULL);                          /* not before the commit */
    edf_close(&f);
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    m_free(&mdl);
    put_file(t, "AGAIN", "X", 'F', 1000, 10, len1000);
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    td_free(t);
    md_free(m);
}

static void test_fragmented(void **state)
{
    (void)state;
    struct memdev *m;
    struct tdisk *t;
    fmt_mount(&m, &t, 2048, 800, 400);
    m_free(&mdl);
    char fn[9];
    for (unsigned i = 0; i < 300; i++) {
        snprintf(fn, sizeof fn, "S%u", i);
        put_file(t, fn, "SMALL", 'F', 1000, 2 + i % 2, len1000);
    }
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    for (unsigned i = 0; i < 300; i += 2) {
        snprintf(fn, sizeof fn, "S%u", i);
        assert_int_equal(edf_erase(&t->d, fn, "SMALL"), EDF_OK);
        m_erase(&mdl, m_find(&mdl, fn, "SMALL"));
    }
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    /* A file that can only go into the holes the erased files left. */
    put_file(t, "SCATTER", "BIG", 'V', 5000, 120, lenvar);
    put_file(t, "SCATTER", "F", 'F', 1000, 200, len1000);
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    assert_int_equal(td_mount(t, m), EDF_OK);
    assert_true(td_same(t, &mdl, true));
    td_free(t);
    md_free(m);
}

static void test_block_mapping(void **state)
{
    (void)state;
    uint32_t trk;
    unsigned rec;
    edf_ckd_locate(1, 4, &trk, &rec);
    assert_int_equal(trk, 0), assert_int_equal(rec, 1);
    edf_ckd_locate(3, 4, &trk, &rec);                /* the label: R3 of the first track */
    assert_int_equal(trk, 0), assert_int_equal(rec, 3);
    edf_ckd_locate(5, 4, &trk, &rec);
    assert_int_equal(trk, 1), assert_int_equal(rec, 1);
    edf_ckd_locate(120, 4, &trk, &rec);
    assert_int_equal(trk, 29), assert_int_equal(rec, 4);
    assert_int_equal(edf_fba_first(1, 4096), 0);
    assert_int_equal(edf_fba_first(3, 4096), 16);
    assert_int_equal(edf_fba_first(3, 1024), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_each_blksize),
        cmocka_unit_test(test_format_refusals),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_files_each_blksize),
        cmocka_unit_test(test_read_by_number_and_errors),
        cmocka_unit_test(test_append_rename_erase),
        cmocka_unit_test(test_two_levels),
        cmocka_unit_test(test_thousand_files),
        cmocka_unit_test(test_full_disk),
        cmocka_unit_test(test_fragmented),
        cmocka_unit_test(test_block_mapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
