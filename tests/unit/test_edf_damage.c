/*
 * test_edf_damage.c - damaged CMS disks (cms/fs) give error codes, never
 * a crash: a bad label, a bad directory block, a pointer out of range, a
 * map that disagrees with the files, an FST with nonsense in it, an
 * unreadable block; and every block of a small disk overwritten with
 * garbage in turn, after which mounting and reading every file must
 * return (the Makefile also builds this test with the sanitizers, so a
 * read outside a buffer stops it).
 */
#include "edftest.h"

static struct model mdl;

/* A 1K disk with a few files, one big enough for pointer blocks. */
static struct memdev *sample(void)
{
    struct memdev *m = md_new(1024, 400);
    struct tdisk *t = td_new(m, 50);
    assert_int_equal(td_format(t, m, "DAMAGE"), EDF_OK);
    assert_int_equal(td_mount(t, m), EDF_OK);
    static struct edf_file f;
    static uint8_t buf[1000];
    static const char *names[] = {"ONE", "TWO", "THREE"};
    for (unsigned i = 0; i < 3; i++) {
        assert_int_equal(edf_create(&t->d, &f, names[i], "FILE", NULL, i ? 'V' : 'F', 1000), EDF_OK);
        for (unsigned r = 0; r < (i == 0 ? 40 : 5); r++) {
            t_fill(buf, 1000, i, r);
            assert_int_equal(edf_write(&f, buf, i ? 100 + r : 1000), EDF_OK);
        }
        assert_int_equal(edf_close(&f), EDF_OK);
    }
    assert_int_equal(edf_commit(&t->d), EDF_OK);
    td_free(t);
    return m;
}

static uint8_t *blk(struct memdev *m, uint32_t n) { return m->data + (size_t)(n - 1) * m->bs; }

/* The FST of fn (EBCDIC-blank padded name ONE/TWO/THREE) in the disk's
   directory as stored: via a mount. */
static uint32_t fst_field(struct memdev *m, const char *fn, unsigned off)
{
    struct tdisk *t = td_new(m, 50);
    assert_int_equal(td_mount(t, m), EDF_OK);
    uint8_t name[16];
    edf_name(fn, name);
    edf_name("FILE", name + 8);
    int i = edf_find(&t->d, name);
    assert_true(i >= 2);
    uint32_t v = edf_get32(t->d.fst + i * 64 + off);
    td_free(t);
    return v;
}

static void test_bad_label(void **state)
{
    (void)state;
    struct memdev *m = sample();
    struct tdisk *t = td_new(m, 50);
    struct memdev *c = md_copy(m);
    blk(c, 3)[0] = 0;                                       /* 'CMS1' gone */
    assert_int_equal(td_mount(t, c), EDF_E_NOTCMS);
    md_free(c);
    static const unsigned fields[] = {EDF_ADTNUM, EDF_ADTDOP, EDF_ADTFSTSZ, EDF_ADTNFST, EDF_ADTUSED};
    for (unsigned i = 0; i < 5; i++) {
        c = md_copy(m);
        edf_put32(blk(c, 3) + fields[i], 0x7FFFFFF0);
        assert_int_equal(td_mount(t, c), EDF_E_LABEL);
        assert_false(t->d.mounted);
        md_free(c);
    }
    c = md_copy(m);
    edf_put32(blk(c, 3) + EDF_ADTDBSIZ, 4096);
    assert_int_equal(td_mount(t, c), EDF_E_BLKSIZE);
    md_free(c);
    c = md_copy(m);
    c->reads_fail_at = 3;
    assert_int_equal(td_mount(t, c), EDF_E_IO);
    md_free(c);
    td_free(t);
    md_free(m);
}

static void test_bad_directory(void **state)
{
    (void)state;
    struct memdev *m = sample();
    struct tdisk *t = td_new(m, 50);
    uint32_t dop = edf_get32(blk(m, 3) + EDF_ADTDOP);
    struct memdev *c = md_copy(m);
    memset(blk(c, dop), 0xA5, c->bs);                      /* the directory block */
    assert_int_equal(td_mount(t, c), EDF_E_DIR);
    assert_false(t->d.mounted);
    md_free(c);
    c = md_copy(m);
    edf_put32(blk(c, dop) + EDF_FSTAIC, 1000000);          /* more FSTs than blocks */
    assert_int_equal(td_mount(t, c), EDF_E_DIR);
    md_free(c);
    c = md_copy(m);
    edf_put32(blk(c, dop) + 64 + EDF_FSTAIC, 7);           /* a map of the wrong size */
    assert_int_equal(td_mount(t, c), EDF_E_DIR);
    md_free(c);
    c = md_copy(m);
    c->reads_fail_at = dop;
    assert_int_equal(td_mount(t, c), EDF_E_DIR);
    md_free(c);
    td_free(t);
    md_free(m);
}

static void test_pointer_out_of_range(void **state)
{
    (void)state;
    struct memdev *m = sample();
    /* ONE FILE: 40 records of 1000 bytes in 1K blocks, one pointer level. */
    uint32_t fop = fst_field(m, "ONE", EDF_FSTFOP);
    struct tdisk *t = td_new(m, 50);
    struct memdev *c = md_copy(m);
    edf_put32(blk(c, fop) + 4 * 7, 99999);                 /* data block 8 */
    assert_int_equal(td_mount(t, c), EDF_E_FILE);
    assert_true(t->d.mounted);
    assert_true(t->d.readonly);
    static struct edf_file f;
    uint8_t buf[1000];
    uint32_t len;
    assert_int_equal(edf_open(&t->d, &f, "ONE", "FILE"), EDF_OK);
    assert_int_equal(edf_read(&f, 1, buf, sizeof buf, &len), EDF_OK);
    assert_int_equal(edf_read(&f, 9, buf, sizeof buf, &len), EDF_E_FILE);
    assert_int_equal(edf_open(&t->d, &f, "TWO", "FILE"), EDF_OK);  /* the others read */
    assert_int_equal(edf_read(&f, 5, buf, sizeof buf, &len), EDF_OK);
    assert_int_equal(len, 104);
    /* Read-only: nothing may be changed. */
    assert_int_equal(edf_erase(&t->d, "TWO", "FILE"), EDF_E_ROFS);
    assert_int_equal(edf_create(&t->d, &f, "NEW", "FILE", NULL, 'V', 80), EDF_E_ROFS);
    assert_int_equal(edf_rename(&t->d, "TWO", "FILE", "X", "Y"), EDF_E_ROFS);
    assert_int_equal(edf_commit(&t->d), EDF_E_ROFS);
    md_free(c);
    /* The origin itself out of range, or more levels than there may be. */
    uint32_t dop = edf_get32(blk(m, 3) + EDF_ADTDOP);
    c = md_copy(m);
    edf_put32(blk(c, dop) + 2 * 64 + EDF_FSTFOP, 99999);
    assert_int_equal(td_mount(t, c), EDF_E_FILE);
    assert_int_equal(edf_open(&t->d, &f, "ONE", "FILE"), EDF_OK);
    assert_int_equal(edf_read(&f, 1, buf, sizeof buf, &len), EDF_E_FILE);
    md_free(c);
    c = md_copy(m);
    blk(c, dop)[2 * 64 + EDF_FSTNLVL] = 9;
    assert_int_equal(td_mount(t, c), EDF_E_FILE);
    md_free(c);
    td_free(t);
    md_free(m);
}

static void test_map_disagrees(void **state)
{
    (void)state;
    struct memdev *m = sample();
    struct tdisk *t = td_new(m, 50);
    assert_int_equal(td_mount(t, m), EDF_OK);
    uint32_t mapblk;
    assert_int_equal(edf_tree_node(&t->d, t->d.fst + 64, 0, 0, &mapblk, NULL), EDF_OK);
    uint32_t fop = fst_field(m, "ONE", EDF_FSTFOP);
    struct memdev *c = md_copy(m);
    uint8_t *map = blk(c, mapblk);
    map[(fop - 1) / 8] &= (uint8_t)~(0x80 >> ((fop - 1) % 8));   /* a used block marked free */
    assert_int_equal(td_mount(t, c), EDF_E_MAP);
    assert_true(t->d.readonly);
    struct edf_stat st;
    assert_int_equal(edf_lookup(&t->d, "THREE", "FILE", &st), EDF_OK);
    md_free(c);
    c = md_copy(m);
    blk(c, mapblk)[40] ^= 0x01;                            /* a free block marked used */
    assert_int_equal(td_mount(t, c), EDF_E_MAP);           /* ADTUSED disagrees */
    md_free(c);
    td_free(t);
    md_free(m);
}

static void test_bad_fst(void **state)
{
    (void)state;
    struct memdev *m = sample();
    struct tdisk *t = td_new(m, 50);
    uint32_t dop = edf_get32(blk(m, 3) + EDF_ADTDOP);
    static const unsigned offs[] = {EDF_FSTRECFM, EDF_FSTPTRSZ, EDF_FSTNLVL, EDF_FSTADBC + 3,
                                    EDF_FSTLRECL + 1, EDF_FSTFOP + 1, EDF_FSTAIC};
    for (unsigned i = 0; i < sizeof offs / sizeof offs[0]; i++) {
        struct memdev *c = md_copy(m);
        blk(c, dop)[2 * 64 + offs[i]] ^= 0x5A;               /* the first file's FST */
        int rc = td_mount(t, c);
        assert_true(rc == EDF_E_FILE || rc == EDF_E_MAP);
        assert_true(t->d.readonly);
        md_free(c);
    }
    /* The same file twice. */
    struct memdev *c = md_copy(m);
    memcpy(blk(c, dop) + 3 * 64, blk(c, dop) + 2 * 64, 16);
    assert_int_equal(td_mount(t, c), EDF_E_FILE);
    md_free(c);
    td_free(t);
    md_free(m);
}

/* Every block of the disk overwritten with garbage in turn: mount and
   read whatever mounts; the calls must return. */
static void test_every_block_garbage(void **state)
{
    (void)state;
    struct memdev *m = sample();
    struct tdisk *t = td_new(m, 50);
    static uint8_t buf[EDF_MAX_LRECL];
    static struct edf_file f;
    uint32_t seed = 1;
    for (uint32_t b = 1; b <= 120; b++) {
        for (unsigned pattern = 0; pattern < 3; pattern++) {
            struct memdev *c = md_copy(m);
            uint8_t *p = blk(c, b);
            for (unsigned i = 0; i < c->bs; i++) {
                seed = seed * 1103515245u + 12345u;
                p[i] = pattern == 0 ? (uint8_t)(seed >> 16) : pattern == 1 ? 0xFF : (uint8_t)(i & 1 ? 0 : 8);
            }
            int rc = td_mount(t, c);
            if (t->d.mounted) {
                struct edf_stat st;
                uint32_t pos = 0;
                while (edf_next(&t->d, &pos, &st) == 1) {
                    if (edf_open(&t->d, &f, st.fn, st.ft) != EDF_OK)
                        continue;
                    uint32_t len;
                    for (unsigned r = 0; r < 100 && edf_read(&f, 0, buf, sizeof buf, &len) == EDF_OK; r++)
                        ;
                    edf_read(&f, st.records, buf, sizeof buf, &len);
                }
                if (rc == EDF_OK) {          /* undamaged as far as mount can tell: still usable */
                    assert_int_equal(edf_erase(&t->d, "TWO", "FILE") == EDF_OK ||
                                         edf_lookup(&t->d, "TWO", "FILE", NULL) == EDF_E_NOTFOUND, 1);
                    edf_commit(&t->d);
                }
            } else {
                assert_true(rc < 0);
            }
            md_free(c);
        }
    }
    m_free(&mdl);
    td_free(t);
    md_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_label),
        cmocka_unit_test(test_bad_directory),
        cmocka_unit_test(test_pointer_out_of_range),
        cmocka_unit_test(test_map_disagrees),
        cmocka_unit_test(test_bad_fst),
        cmocka_unit_test(test_every_block_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
