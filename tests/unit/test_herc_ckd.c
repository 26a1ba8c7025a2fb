/*
 * test_herc_ckd.c - Hercules CKD/CCKD images (dasd/herc_ckd.c) and the
 * volume transfers over them (dasd/dasd_xfer.c).
 *
 * A reference model - the track images kept in memory - is written with
 * each format and compression and must read back unchanged; header bytes
 * are checked against the documented layout, not against our own code.
 * Then the bad inputs: every truncation of an image, a flipped bit in
 * each byte, foreign and unsupported files; each must be refused with a
 * message naming the file, or read to well-formed tracks, and never
 * crash.  The real Hercules volumes are tested in tests/dasd/import_test.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dasd_xfer.h"
#include "ebcdic.h"
#include "herc_ckd.h"
#include "track.h"
#include "volume.h"

static char dir[64];

static const char *tmp(const char *name)
{
    static char paths[4][128];
    static unsigned k;
    char *p = paths[k++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", dir, name);
    return p;
}

/* Largest data length random_track() makes (tests of bad input keep
   their images small so that each case runs fast). */
static unsigned max_dl = 4096;

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* The model: every track image of a volume. */
struct model {
    const struct dasd_type *t;
    unsigned cyls, ntrk;
    uint8_t **img;
    size_t *len;
};

/*
 * A random well-formed track: a null track of either format, or R0 and
 * records of random key and data lengths that fit, their data either
 * compressible or random, count fields sometimes naming another
 * cylinder (as minidisk-relative CMS volumes do).
 */
static size_t random_track(const struct dasd_type *t, unsigned cyl, unsigned head, uint8_t *buf,
                           uint32_t *s)
{
    unsigned kind = rnd(s) % 5;
    if (kind < 2)
        return herc_null_track(buf, kind, cyl, head);
    size_t off = trk_format_empty(buf, cyl, head) - TRK_COUNT_LEN;
    for (unsigned i = 0; i < 8; i++)
        buf[TRK_HA_LEN + TRK_COUNT_LEN + i] = (uint8_t)rnd(s);
    unsigned kl[64], dl[64], n = 0, want = 1 + rnd(s) % 12;
    unsigned ccyl = rnd(s) % 4 == 0 ? cyl + 1 : cyl;
    while (n < want) {
        kl[n] = rnd(s) % 3 == 0 ? rnd(s) % 44 : 0;
        dl[n] = rnd(s) % (kind == 4 ? max_dl : (max_dl < 400 ? max_dl : 400));
        if (!dasd_records_fit(t, kl, dl, n + 1))
            break;
        uint8_t *c = buf + off;
        trk_put16(c, ccyl);
        trk_put16(c + 2, head);
        c[4] = (uint8_t)(n + 1);
        c[5] = (uint8_t)kl[n];
        trk_put16(c + 6, dl[n]);
        for (unsigned j = 0; j < kl[n] + dl[n]; j++)
            c[8 + j] = kind == 3 ? (uint8_t)(j / 64) : (uint8_t)rnd(s);
        off += TRK_COUNT_LEN + kl[n] + dl[n];
        n++;
    }
    return trk_put_end(buf, off);
}

static struct model *model_new(const char *type, unsigned cyls, uint32_t seed, bool empty_tail)
{
    struct model *m = calloc(1, sizeof *m);
    m->t = dasd_type_find(type);
    assert_non_null(m->t);
    m->cyls = cyls;
    m->ntrk = cyls * m->t->heads;
    m->img = calloc(m->ntrk, sizeof *m->img);
    m->len = calloc(m->ntrk, sizeof *m->len);
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    for (unsigned i = 0; i < m->ntrk; i++) {
        unsigned c = i / m->t->heads, h = i % m->t->heads;
        /* empty_tail: all but the first 40 tracks empty (format 1). */
        m->len[i] = empty_tail && i >= 40 ? trk_format_empty(buf, c, h)
                                          : random_track(m->t, c, h, buf, &seed);
        char why[200];
        assert_int_equal(trk_check(m->t, buf, m->len[i], c, h, why, sizeof why), 0);
        m->img[i] = malloc(m->len[i]);
        memcpy(m->img[i], buf, m->len[i]);
    }
    free(buf);
    return m;
}

static void model_free(struct model *m)
{
    for (unsigned i = 0; i < m->ntrk; i++)
        free(m->img[i]);
    free(m->img);
    free(m->len);
    free(m);
}

static void write_image(const struct model *m, const char *path, enum herc_kind k,
                        enum herc_comp c)
{
    char err[400];
    unlink(path);
    struct herc_writer *w = herc_create(path, k, c, m->t, m->cyls, err, sizeof err);
    assert_non_null(w);
    for (unsigned i = 0; i < m->ntrk; i++)
        assert_int_equal(herc_write_track(w, m->img[i], m->len[i], err, sizeof err), 0);
    assert_int_equal(herc_finish(w, err, sizeof err), 0);
}

/* Read every track of path; 0 if all match the model. */
static int compare(const struct model *m, const char *path)
{
    char err[400];
    struct herc_reader *r = herc_open(path, err, sizeof err);
    if (!r)
        return -1;
    const struct herc_geom *g = herc_geom(r);
    int rc = g->type == m->t && g->cyls == m->cyls ? 0 : -1;
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    for (unsigned i = 0; i < m->ntrk && !rc; i++) {
        size_t len;
        if (herc_read_track(r, i, buf, &len, err, sizeof err) || len != m->len[i] ||
            memcmp(buf, m->img[i], len))
            rc = -1;
    }
    free(buf);
    herc_close(r);
    return rc;
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *n = (size_t)ftell(f);
    rewind(f);
    uint8_t *d = malloc(*n + 1);
    assert_int_equal(fread(d, 1, *n, f), *n);
    fclose(f);
    return d;
}

static void spit(const char *path, const uint8_t *d, size_t n)
{
    /* A new file each time: ext4 flushes a file truncated and rewritten. */
    unlink(path);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(d, 1, n, f), n);
    fclose(f);
}

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static void trksize_is_hercules(void **state)
{
    (void)state;
    /* The track sizes Hercules' dasdinit reports for each type. */
    static const struct { const char *t; unsigned size; } want[] = {
        {"2314", 7680}, {"3330", 13312}, {"3330-11", 13312}, {"3340", 8704},
        {"3350", 19456}, {"3380", 47616},
    };
    for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_int_equal(herc_trksize(dasd_type_find(want[i].t)), want[i].size);
}

static void null_tracks(void **state)
{
    (void)state;
    uint8_t b[64];
    const struct dasd_type *t = dasd_type_find("3350");
    char why[200];
    assert_int_equal(herc_null_track(b, 1, 3, 7), TRK_EMPTY_LEN);
    assert_int_equal(trk_check(t, b, TRK_EMPTY_LEN, 3, 7, why, sizeof why), 0);
    assert_int_equal(herc_null_track(b, 0, 3, 7), 37);
    static const uint8_t fmt0[37] = {0, 0, 3, 0, 7, 0, 3, 0, 7, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0, 3, 0, 7, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                     0xFF, 0xFF};
    assert_memory_equal(b, fmt0, 37);
    assert_int_equal(trk_check(t, b, 37, 3, 7, why, sizeof why), 0);
}

/* Every format and compression keeps the model's tracks. */
static void model_round_trip(void **state)
{
    (void)state;
    static const char *const types[] = {"2314", "3330", "3340", "3350", "3380"};
    for (unsigned ti = 0; ti < 5; ti++) {
        struct model *m = model_new(types[ti], 15, 7 + ti, false);
        static const struct { enum herc_kind k; enum herc_comp c; } f[] = {
            {HERC_CKD, HERC_COMP_NONE}, {HERC_CCKD, HERC_COMP_NONE},
            {HERC_CCKD, HERC_COMP_ZLIB}, {HERC_CCKD, HERC_COMP_BZIP2},
        };
        for (unsigned i = 0; i < 4; i++) {
            const char *p = tmp("m.img");
            write_image(m, p, f[i].k, f[i].c);
            assert_int_equal(compare(m, p), 0);
            /* The reference check can fail: a changed model is noticed. */
            m->img[m->ntrk - 1][m->len[m->ntrk - 1] - 9] ^= 1;
            assert_int_not_equal(compare(m, p), 0);
            m->img[m->ntrk - 1][m->len[m->ntrk - 1] - 9] ^= 1;
        }
        model_free(m);
    }
}

/* The header fields where Hercules' documentation puts them. */
static void header_layout(void **state)
{
    (void)state;
    struct model *m = model_new("3350", 20, 99, true);  /* 600 tracks, 3 groups */
    const char *p = tmp("h.cckd");
    write_image(m, p, HERC_CCKD, HERC_COMP_ZLIB);
    size_t n;
    uint8_t *d = slurp(p, &n);
    assert_memory_equal(d, "CKD_C370", 8);
    assert_int_equal(le32(d + 8), 30);          /* heads */
    assert_int_equal(le32(d + 12), 19456);      /* track size */
    assert_int_equal(d[16], 0x50);              /* device type */
    assert_int_equal(d[17], 0);                 /* one file */
    const uint8_t *c = d + 512;
    assert_int_equal(c[0], 0);
    assert_int_equal(c[1], 3);
    assert_int_equal(c[2], 1);
    assert_int_equal(c[3] & 0x02, 0);           /* little-endian */
    assert_int_equal(le32(c + 4), 3);           /* level-1 entries */
    assert_int_equal(le32(c + 8), 256);
    assert_int_equal(le32(c + 12), n);          /* size */
    assert_int_equal(le32(c + 16), n);          /* used */
    assert_int_equal(le32(c + 20), 0);          /* no free space */
    assert_int_equal(le32(c + 40), 20);         /* cylinders */
    assert_int_equal(c[44], 1);                 /* most null tracks: format 1 */
    assert_int_equal(c[45], 1);                 /* zlib */
    /* Groups 1 and 2 are all empty: no level-2 tables. */
    assert_int_not_equal(le32(d + 1024), 0);
    assert_int_equal(le32(d + 1028), 0);
    assert_int_equal(le32(d + 1032), 0);
    /* Group 0's table: track 0 stored at its offset, with its CCHH. */
    const uint8_t *l2 = d + le32(d + 1024);
    uint32_t pos = le32(l2);
    assert_true(pos >= 1024 + 12 && pos < n);
    assert_int_equal(d[pos + 1] | d[pos + 2] | d[pos + 3] | d[pos + 4], 0);
    assert_int_equal(compare(m, p), 0);
    free(d);

    const char *k = tmp("h.ckd");
    write_image(m, k, HERC_CKD, HERC_COMP_NONE);
    d = slurp(k, &n);
    assert_memory_equal(d, "CKD_P370", 8);
    assert_int_equal(n, 512 + 600 * 19456);
    /* Track 31 (cylinder 1 head 1) is at its slot, padded with zeros. */
    assert_memory_equal(d + 512 + 31 * 19456, m->img[31], m->len[31]);
    for (size_t i = m->len[31]; i < 19456; i++)
        assert_int_equal(d[512 + 31 * 19456 + i], 0);
    free(d);
    model_free(m);
}

/* A big-endian CCKD file (made on a big-endian host) reads the same. */
static void big_endian(void **state)
{
    (void)state;
    struct model *m = model_new("3330", 15, 5, false);
    const char *p = tmp("be.cckd");
    write_image(m, p, HERC_CCKD, HERC_COMP_ZLIB);
    size_t n;
    uint8_t *d = slurp(p, &n);
    uint8_t *c = d + 512;
    unsigned numl1 = le32(c + 4);
#define SWAP4(q) do { uint8_t *q_ = (q); uint8_t t0 = q_[0], t1 = q_[1]; \
        q_[0] = q_[3]; q_[1] = q_[2]; q_[2] = t1; q_[3] = t0; } while (0)
#define SWAP2(q) do { uint8_t *q_ = (q); uint8_t t0 = q_[0]; q_[0] = q_[1]; q_[1] = t0; } while (0)
    for (unsigned i = 0; i < numl1; i++) {
        uint32_t l2 = le32(d + 1024 + 4 * i);
        for (unsigned e = 0; l2 && e < 256; e++) {
            SWAP4(d + l2 + 8 * e);
            SWAP2(d + l2 + 8 * e + 4);
            SWAP2(d + l2 + 8 * e + 6);
        }
        SWAP4(d + 1024 + 4 * i);
    }
    for (unsigned f = 4; f < 44; f += 4)
        SWAP4(c + f);
    SWAP2(c + 46);
    c[3] |= 0x02;
    spit(p, d, n);
    free(d);
    assert_int_equal(compare(m, p), 0);
    model_free(m);
}

/* Open and read every track; 0 if all read, -1 if refused (err must then
   name the file). */
static int read_all(const char *path)
{
    char err[400];
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    struct herc_reader *r = herc_open(path, err, sizeof err);
    int rc = 0;
    if (!r) {
        rc = -1;
    } else {
        const struct herc_geom *g = herc_geom(r);
        for (unsigned i = 0; i < g->cyls * g->heads && !rc; i++) {
            size_t len;
            rc = herc_read_track(r, i, buf, &len, err, sizeof err);
        }
        herc_close(r);
    }
    if (rc)
        assert_true(!strncmp(err, path, strlen(path)) && err[strlen(path)] == ':');
    free(buf);
    return rc;
}

/* Every truncation is refused (CCKD also with the size field agreeing,
   so that the table and track bounds checks are what catches it). */
static void truncations(void **state)
{
    (void)state;
    max_dl = 64;
    struct model *m = model_new("3350", 2, 11, false);
    const char *p = tmp("t.cckd"), *q = tmp("cut.img");
    write_image(m, p, HERC_CCKD, HERC_COMP_ZLIB);
    size_t n;
    uint8_t *d = slurp(p, &n);
    for (size_t cut = 0; cut < n; cut += cut < 1100 ? 1 : 61) {
        spit(q, d, cut);
        assert_int_equal(read_all(q), -1);
        if (cut >= 1024) {
            uint8_t save[4];
            memcpy(save, d + 524, 4);
            d[524] = (uint8_t)cut, d[525] = (uint8_t)(cut >> 8), d[526] = (uint8_t)(cut >> 16);
            d[527] = 0;
            spit(q, d, cut);
            assert_int_equal(read_all(q), -1);
            memcpy(d + 524, save, 4);
        }
    }
    free(d);
    p = tmp("t.ckd");
    write_image(m, p, HERC_CKD, HERC_COMP_NONE);
    d = slurp(p, &n);
    for (size_t cut = 0; cut < n; cut += 509) {
        spit(q, d, cut);
        assert_int_equal(read_all(q), -1);
    }
    free(d);
    model_free(m);
    max_dl = 4096;
}

/* One flipped bit in each byte: refused with the file named, or read
   to well-formed tracks (herc_read_track checks each); never a crash. */
static void bit_flips(void **state)
{
    (void)state;
    max_dl = 64;
    struct model *m = model_new("2314", 13, 23, false);  /* 260 tracks: 2 groups */
    static const struct { enum herc_kind k; enum herc_comp c; } f[] = {
        {HERC_CCKD, HERC_COMP_ZLIB}, {HERC_CCKD, HERC_COMP_BZIP2}, {HERC_CCKD, HERC_COMP_NONE},
    };
    for (unsigned i = 0; i < 3; i++) {
        const char *p = tmp("f.cckd"), *q = tmp("flip.img");
        write_image(m, p, f[i].k, f[i].c);
        size_t n;
        uint8_t *d = slurp(p, &n);
        unsigned refused = 0, step = n > 1000 ? (unsigned)(n / 1000) : 1;
        for (size_t at = 0; at < n; at += step) {
            d[at] ^= (uint8_t)(1 << (at % 8));
            spit(q, d, n);
            refused += read_all(q) != 0;
            d[at] ^= (uint8_t)(1 << (at % 8));
        }
        assert_true(refused > 0);
        free(d);
    }
    model_free(m);
    max_dl = 4096;
}

static void expect_refused(const uint8_t *d, size_t n, const char *what)
{
    const char *q = tmp("bad.img");
    spit(q, d, n);
    char err[400];
    struct herc_reader *r = herc_open(q, err, sizeof err);
    if (r)
        herc_close(r);
    assert_null(r);
    if (!strstr(err, what))
        fail_msg("got '%s', want '%s'", err, what);
    assert_true(!strncmp(err, q, strlen(q)));
}

static void foreign_and_unsupported(void **state)
{
    (void)state;
    struct model *m = model_new("3350", 2, 3, false);
    char p[128];    /* tmp()'s names are reused by expect_refused() */
    snprintf(p, sizeof p, "%s", tmp("u.cckd"));
    write_image(m, p, HERC_CCKD, HERC_COMP_ZLIB);
    size_t n;
    uint8_t *d = slurp(p, &n), *x = malloc(n);
#define PATCHED(off, val, what) do { memcpy(x, d, n); x[off] = (val); expect_refused(x, n, what); } while (0)
    PATCHED(4, 'S', "a CCKD shadow file");
    PATCHED(0, 'F', "not a Hercules CKD or CCKD image");
    memcpy(x, d, n);
    memcpy(x, "FBA_C370", 8);
    expect_refused(x, n, "a Hercules compressed FBA image (FBA_C370)");
    PATCHED(0, 'X', "not a Hercules CKD or CCKD image");
    PATCHED(17, 2, "file 2 of a volume in several files");
    PATCHED(16, 0x90, "device type byte 90 with 30 heads");
    PATCHED(8, 31, "device type byte 50 with 31 heads");
    PATCHED(9, 1, "heads per cylinder");
    PATCHED(14, 9, "track size");
    PATCHED(512, 1, "CCKD version 1.3.1");
    PATCHED(520, 128, "entries in each level-2 table");
    PATCHED(516, 0, "0 level-1 table entries");
    PATCHED(524 + 3, 1, "truncated");
    PATCHED(553, 3, "770 cylinders: a 3350 has 1 to 560");
    PATCHED(556, 2, "null track format 2");
    PATCHED(1027, 0x40, "level-1 entry 0: level-2 table at offset");
    expect_refused(d, 600, "past the end of the file (600 bytes)");
    expect_refused(d, 100, "too short for a Hercules disk image");
    free(x);
    free(d);
    /* A track whose stored header names another track. */
    d = slurp(p, &n);
    uint32_t l2 = le32(d + 1024);
    unsigned t;
    for (t = 0; t < 60 && !le32(d + l2 + 8 * t); t++)
        ;
    assert_true(t < 60);
    uint32_t pos = le32(d + l2 + 8 * t);
    d[pos + 4] ^= 1;
    spit(tmp("hh.img"), d, n);
    char err[400];
    struct herc_reader *r = herc_open(tmp("hh.img"), err, sizeof err);
    assert_non_null(r);
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    size_t len;
    assert_int_equal(herc_read_track(r, t, buf, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "its header says"));
    assert_int_equal(herc_read_track(r, 60, buf, &len, err, sizeof err), -1);
    assert_non_null(strstr(err, "outside the volume"));
    herc_close(r);
    free(buf);
    free(d);
    model_free(m);
}

static void writer_refuses(void **state)
{
    (void)state;
    char err[400];
    const struct dasd_type *t = dasd_type_find("3340");
    const char *p = tmp("w.cckd");
    unlink(p);
    assert_null(herc_create(p, HERC_CCKD, HERC_COMP_ZLIB, dasd_type_find("3370"), 1, err,
                            sizeof err));
    assert_non_null(strstr(err, "FBA"));
    struct herc_writer *w = herc_create(p, HERC_CCKD, HERC_COMP_ZLIB, t, 1, err, sizeof err);
    assert_non_null(w);
    assert_null(herc_create(p, HERC_CKD, HERC_COMP_NONE, t, 1, err, sizeof err));
    assert_non_null(strstr(err, "the file exists"));
    uint8_t b[64];
    size_t n = trk_format_empty(b, 0, 1);   /* track 0 expected: wrong HA */
    assert_int_equal(herc_write_track(w, b, n, err, sizeof err), -1);
    assert_non_null(strstr(err, "home address"));
    n = trk_format_empty(b, 0, 0);
    assert_int_equal(herc_write_track(w, b, n, err, sizeof err), 0);
    /* Unfinished: finish refuses and removes the file. */
    assert_int_equal(herc_finish(w, err, sizeof err), -1);
    assert_non_null(strstr(err, "1 of 12 tracks written"));
    assert_int_equal(access(p, F_OK), -1);
}

/* Make an R3 record of track 0 with data `text` (EBCDIC'd). */
static size_t label_track(uint8_t *b, const char *text, unsigned r, bool key)
{
    size_t off = trk_format_empty(b, 0, 0) - TRK_COUNT_LEN;
    uint8_t *c = b + off;
    unsigned kl = key ? 4 : 0, dl = (unsigned)strlen(text);
    trk_put16(c, 0);
    trk_put16(c + 2, 0);
    c[4] = (uint8_t)r;
    c[5] = (uint8_t)kl;
    trk_put16(c + 6, dl);
    if (key)
        ebcdic_from_ascii(c + 8, "VOL1", 4);
    ebcdic_from_ascii(c + 8 + kl, text, dl);
    return trk_put_end(b, off + 8 + kl + dl);
}

static void label_volser(void **state)
{
    (void)state;
    uint8_t b[256];
    char vs[7], lab[5];
    size_t n = label_track(b, "VOL1MCAT01000000", 3, true);
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 1);
    assert_string_equal(vs, "MCAT01");
    assert_string_equal(lab, "VOL1");
    n = label_track(b, "CMS1CMS19 xxxxxx", 3, false);
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 1);
    assert_string_equal(vs, "CMS19");
    assert_string_equal(lab, "CMS1");
    n = label_track(b, "CMS=USR1  ", 3, false);
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 1);
    assert_string_equal(vs, "USR1");
    n = label_track(b, "VOL1ab cd ", 3, false);      /* not a serial */
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 0);
    n = label_track(b, "VOL1      ", 3, false);      /* blank */
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 0);
    n = label_track(b, "VOL1ABC", 3, false);         /* too short */
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 0);
    n = label_track(b, "VOL1ABCDEF", 4, false);      /* not R3 */
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 0);
    n = label_track(b, "HDR1ABCDEF", 3, false);
    assert_int_equal(xfer_label_volser(b, n, vs, lab), 0);
}

static void count_progress(unsigned done, unsigned total, void *arg)
{
    unsigned *seen = arg;
    assert_int_equal(total, 4);
    seen[0]++;
    seen[1] = done;
}

/* Import, export and copy through the volume file; a bad track in the
   image leaves no volume file behind. */
static void transfers(void **state)
{
    (void)state;
    struct model *m = model_new("3330", 4, 17, false);
    const char *img = tmp("x.cckd"), *vol = tmp("x.vol");
    write_image(m, img, HERC_CCKD, HERC_COMP_BZIP2);
    struct xfer_result res;
    char err[600];
    unsigned seen[2] = {0, 0};  /* calls, last cylinder reported */
    struct xfer_progress prog = {count_progress, seen};
    unlink(vol);
    assert_int_equal(xfer_import(img, vol, NULL, VOL_FAST, &prog, &res, err, sizeof err), 0);
    assert_ptr_equal(res.type, m->t);
    assert_int_equal(res.cyls, 4);
    assert_int_equal(res.volser_src, XFER_VOLSER_FILENAME);
    assert_string_equal(res.volser, "X");
    assert_int_equal(seen[0], 4);   /* once per cylinder, the last one last */
    assert_int_equal(seen[1], 4);
    struct volume *v = vol_open(vol, true, err, sizeof err);
    assert_non_null(v);
    assert_int_equal(vol_check(v, stderr), 0);
    uint8_t *buf = malloc(DASD_MAX_TRACK);
    for (unsigned i = 0; i < m->ntrk; i++) {
        size_t len;
        assert_int_equal(vol_read_track(v, i, buf, &len), 0);
        assert_int_equal(len, m->len[i]);
        assert_memory_equal(buf, m->img[i], len);
    }
    vol_close(v);
    const char *out = tmp("y.ckd");
    unlink(out);
    assert_int_equal(xfer_export(vol, out, HERC_CKD, HERC_COMP_NONE, NULL, &res, err, sizeof err), 0);
    assert_int_equal(compare(m, out), 0);
    const char *cp = tmp("c.vol");
    unlink(cp);
    assert_int_equal(xfer_copy(vol, cp, VOL_SYNCED, NULL, &res, err, sizeof err), 0);
    v = vol_open(cp, true, err, sizeof err);
    assert_non_null(v);
    assert_int_equal(vol_info(v)->sync, VOL_SYNCED);
    vol_close(v);
    unlink(out);
    assert_int_equal(xfer_export(cp, out, HERC_CCKD, HERC_COMP_ZLIB, NULL, &res, err, sizeof err), 0);
    assert_int_equal(compare(m, out), 0);

    /* Damage the last stored track: the import fails and leaves nothing. */
    size_t n;
    uint8_t *d = slurp(img, &n);
    uint32_t l2 = le32(d + 1024);
    unsigned last = 0;
    for (unsigned t = 0; t < m->ntrk; t++)
        if (le32(d + l2 + 8 * t))
            last = t;
    d[le32(d + l2 + 8 * last) + 9] ^= 0x55;     /* R0's record number */
    spit(img, d, n);
    free(d);
    const char *v2 = tmp("z.vol");
    unlink(v2);
    assert_int_equal(xfer_import(img, v2, "ZZ", VOL_DURABLE, NULL, &res, err, sizeof err), -1);
    assert_non_null(strstr(err, img));
    assert_int_equal(access(v2, F_OK), -1);
    free(buf);
    model_free(m);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/hercckdXXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(trksize_is_hercules),
        cmocka_unit_test(null_tracks),
        cmocka_unit_test(model_round_trip),
        cmocka_unit_test(header_layout),
        cmocka_unit_test(big_endian),
        cmocka_unit_test(truncations),
        cmocka_unit_test(bit_flips),
        cmocka_unit_test(foreign_and_unsupported),
        cmocka_unit_test(writer_refuses),
        cmocka_unit_test(label_volser),
        cmocka_unit_test(transfers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
