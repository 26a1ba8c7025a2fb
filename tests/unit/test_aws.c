/*
 * test_aws.c - the AWS tape image format (devices/awstape.c) on its own:
 * the exact bytes written (as Hercules writes them), reading forward and
 * backward over blocks, tape marks and blocks spanning segments, writes
 * that cut off what followed, and every kind of malformed image, each of
 * which must give AWS_BAD with the position unchanged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "awstape.h"

static char dir[64], path[96];

static int setup(void **state)
{
    strcpy(dir, "/tmp/awstestXXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/t.aws", dir);
    return 0;
}

static int teardown(void **state)
{
    unlink(path);
    rmdir(dir);
    return 0;
}

static void open_new(struct aws *t)
{
    char err[200];
    unlink(path);
    if (aws_open(t, path, false, true, err, sizeof err))
        fail_msg("%s", err);
}

/* Write raw bytes as the whole image and open it. */
static void open_bytes(struct aws *t, const uint8_t *b, size_t n, bool ro)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b, 1, n, f), n);
    fclose(f);
    char err[200];
    if (aws_open(t, path, ro, false, err, sizeof err))
        fail_msg("%s", err);
}

static size_t file_bytes(uint8_t *b, size_t cap)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(b, 1, cap, f);
    fclose(f);
    return n;
}

static void layout_as_hercules(void **state)
{
    struct aws t;
    open_new(&t);
    uint8_t blk[80];
    memset(blk, 0x40, sizeof blk);
    assert_int_equal(aws_write(&t, blk, 80), AWS_OK);
    assert_int_equal(aws_write(&t, blk, 3), AWS_OK);
    assert_int_equal(aws_write_tapemark(&t), AWS_OK);
    assert_int_equal(aws_write(&t, blk, 1), AWS_OK);
    aws_close(&t);
    uint8_t b[256];
    size_t n = file_bytes(b, sizeof b);
    assert_int_equal(n, 6 + 80 + 6 + 3 + 6 + 6 + 1);
    /* The headers hetinit writes: LE lengths, X'A0' for a whole block,
       X'40' for a tape mark, and the previous length 0 after a mark. */
    static const uint8_t h1[6] = {0x50, 0, 0, 0, 0xA0, 0};
    static const uint8_t h2[6] = {3, 0, 0x50, 0, 0xA0, 0};
    static const uint8_t tm[6] = {0, 0, 3, 0, 0x40, 0};
    static const uint8_t h3[6] = {1, 0, 0, 0, 0xA0, 0};
    assert_memory_equal(b, h1, 6);
    assert_memory_equal(b + 86, h2, 6);
    assert_memory_equal(b + 95, tm, 6);
    assert_memory_equal(b + 101, h3, 6);
}

static void forward_and_backward(void **state)
{
    struct aws t;
    open_new(&t);
    uint8_t a[100], got[200];
    uint32_t len;
    for (int i = 0; i < 100; i++)
        a[i] = (uint8_t)i;
    assert_true(aws_at_loadpoint(&t));
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_END);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_LOADPOINT);
    assert_int_equal(aws_write(&t, a, 100), AWS_OK);
    assert_int_equal(aws_write(&t, a, 10), AWS_OK);
    assert_int_equal(aws_write_tapemark(&t), AWS_OK);
    assert_int_equal(aws_write(&t, a + 50, 20), AWS_OK);
    assert_int_equal(t.blockno, 4);
    aws_rewind(&t);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(len, 100);
    assert_memory_equal(got, a, 100);
    /* A short buffer: the rest of the block is passed over. */
    assert_int_equal(aws_read(&t, got, 4, &len), AWS_OK);
    assert_int_equal(len, 10);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_TAPEMARK);
    assert_int_equal(len, 0);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_memory_equal(got, a + 50, 20);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_END);
    assert_int_equal(t.blockno, 4);
    /* Backward: data last byte first; a short buffer gets the end. */
    assert_int_equal(aws_read_back(&t, got, 5, &len), AWS_OK);
    assert_int_equal(len, 20);
    static const uint8_t last5[5] = {69, 68, 67, 66, 65};
    assert_memory_equal(got, last5, 5);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_TAPEMARK);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(len, 10);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_OK);
    for (int i = 0; i < 100; i++)
        assert_int_equal(got[i], 99 - i);
    assert_true(aws_at_loadpoint(&t));
    assert_int_equal(t.blockno, 0);
    assert_int_equal(aws_read_back(&t, NULL, 0, &len), AWS_LOADPOINT);
    aws_close(&t);
}

/* Blocks longer than a segment span several; read them both ways, and a
   write in the middle cuts off the rest. */
static void spanning_segments(void **state)
{
    struct aws t;
    open_new(&t);
    t.seg_max = 7;
    uint8_t a[30], got[64];
    uint32_t len;
    for (int i = 0; i < 30; i++)
        a[i] = (uint8_t)(0xC0 + i);
    assert_int_equal(aws_write(&t, a, 30), AWS_OK);   /* 5 segments */
    assert_int_equal(aws_write(&t, a, 7), AWS_OK);    /* exactly one */
    assert_int_equal(aws_write(&t, a, 8), AWS_OK);    /* 7 + 1 */
    assert_int_equal(t.size, 5 * 6 + 30 + 6 + 7 + 2 * 6 + 8);
    aws_rewind(&t);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(len, 30);
    assert_memory_equal(got, a, 30);
    assert_int_equal(aws_read(&t, got, 3, &len), AWS_OK);
    assert_int_equal(len, 7);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(len, 8);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(len, 8);
    assert_int_equal(aws_read_back(&t, NULL, 0, &len), AWS_OK);
    assert_int_equal(len, 7);
    assert_int_equal(aws_read_back(&t, got, 12, &len), AWS_OK);
    assert_int_equal(len, 30);
    for (int i = 0; i < 12; i++)
        assert_int_equal(got[i], 0xC0 + 29 - i);
    /* Overwrite the second block: the third is gone. */
    assert_int_equal(aws_read(&t, NULL, 0, &len), AWS_OK);
    assert_int_equal(aws_write(&t, a, 2), AWS_OK);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_END);
    aws_rewind(&t);
    assert_int_equal(aws_read(&t, NULL, 0, &len), AWS_OK);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(len, 2);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_END);
    /* Erase from load point: a blank tape. */
    aws_rewind(&t);
    assert_int_equal(aws_erase(&t), AWS_OK);
    assert_int_equal(t.size, 0);
    aws_close(&t);
}

static void read_only(void **state)
{
    struct aws t;
    char err[200];
    unlink(path);
    assert_int_equal(aws_open(&t, path, true, false, err, sizeof err), -1);
    assert_non_null(strstr(err, "No such file"));
    static const uint8_t one[7] = {1, 0, 0, 0, 0xA0, 0, 0xF1};
    open_bytes(&t, one, sizeof one, true);
    assert_int_equal(aws_write(&t, one, 1), AWS_IOERR);
    assert_int_equal(aws_write_tapemark(&t), AWS_IOERR);
    assert_int_equal(aws_erase(&t), AWS_IOERR);
    uint8_t b[8];
    assert_int_equal(file_bytes(b, sizeof b), 7);
    aws_close(&t);
    assert_int_equal(aws_open(&t, "/", false, true, err, sizeof err), -1);
}

/* One malformed image: the first read (forward from load point, after
   `skip` good blocks) must give AWS_BAD, leave the position alone, and
   say something containing `what`. */
static void expect_bad(const uint8_t *b, size_t n, int skip, const char *what)
{
    struct aws t;
    uint8_t got[100];
    uint32_t len;
    open_bytes(&t, b, n, true);
    for (int i = 0; i < skip; i++)
        assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    uint64_t pos = t.pos;
    enum aws_rc rc = aws_read(&t, got, sizeof got, &len);
    if (rc != AWS_BAD)
        fail_msg("expected AWS_BAD for '%s', got %d", what, rc);
    assert_int_equal(t.pos, pos);
    if (!strstr(t.msg, what))
        fail_msg("message '%s' lacks '%s'", t.msg, what);
    aws_close(&t);
}

static void malformed(void **state)
{
    static const uint8_t trunc_hdr[4] = {1, 0, 0, 0};
    expect_bad(trunc_hdr, sizeof trunc_hdr, 0, "truncated block header");
    static const uint8_t trunc_data[9] = {5, 0, 0, 0, 0xA0, 0, 1, 2, 3};
    expect_bad(trunc_data, sizeof trunc_data, 0, "data truncated");
    static const uint8_t compressed[7] = {1, 0, 0, 0, 0xA0, 0x80, 1};
    expect_bad(compressed, sizeof compressed, 0, "second flag byte");
    static const uint8_t flags[7] = {1, 0, 0, 0, 0xA1, 0, 1};
    expect_bad(flags, sizeof flags, 0, "unknown flags");
    static const uint8_t tm_len[6] = {1, 0, 0, 0, 0x40, 0};
    expect_bad(tm_len, sizeof tm_len, 0, "malformed tape mark");
    static const uint8_t empty[6] = {0, 0, 0, 0, 0xA0, 0};
    expect_bad(empty, sizeof empty, 0, "empty segment");
    static const uint8_t no_start[7] = {1, 0, 0, 0, 0x20, 0, 1};
    expect_bad(no_start, sizeof no_start, 0, "does not start");
    static const uint8_t no_end[7] = {1, 0, 0, 0, 0x80, 0, 1};
    expect_bad(no_end, sizeof no_end, 0, "last segment is missing");
    static const uint8_t two_starts[14] = {1, 0, 0, 0, 0x80, 0, 1, 1, 0, 1, 0, 0x80, 0, 2};
    expect_bad(two_starts, sizeof two_starts, 0, "starts inside");
    static const uint8_t tm_inside[13] = {1, 0, 0, 0, 0x80, 0, 1, 0, 0, 1, 0, 0x40, 0};
    expect_bad(tm_inside, sizeof tm_inside, 0, "tape mark inside");
    /* Not an AWS file at all. */
    static const uint8_t elf[16] = {0x7F, 'E', 'L', 'F', 1, 2, 1, 0};
    expect_bad(elf, sizeof elf, 0, "offset 0");
}

/* Reading backward over damage: a previous length that points before load
   point, and a header whose length disagrees with it. */
static void malformed_backward(void **state)
{
    struct aws t;
    uint32_t len;
    uint8_t got[16];
    /* A wrong previous length (9) after a good block: forward reads do not
       need it; going back over the second block does, and fails there. */
    static const uint8_t prev9[14] = {1, 0, 0, 0, 0xA0, 0, 1, 1, 0, 9, 0, 0xA0, 0, 2};
    open_bytes(&t, prev9, sizeof prev9, true);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(got[0], 2);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_OK);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_BAD);
    assert_non_null(strstr(t.msg, "previous-length"));
    assert_int_equal(t.pos, 7);
    aws_close(&t);

    static const uint8_t good[14] = {1, 0, 0, 0, 0xA0, 0, 1, 1, 0, 1, 0, 0xA0, 0, 2};
    open_bytes(&t, good, sizeof good, false);
    assert_int_equal(aws_read(&t, NULL, 0, &len), AWS_OK);
    assert_int_equal(aws_read(&t, NULL, 0, &len), AWS_OK);
    /* Damage the first header's length behind the position's back. */
    static const uint8_t two = 2;
    assert_int_equal(pwrite(t.fd, &two, 1, 0), 1);
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_OK);
    uint64_t pos = t.pos;
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_BAD);
    assert_int_equal(t.pos, pos);
    assert_non_null(strstr(t.msg, "does not match"));
    t.prev = 200; /* as if the header after it said so */
    assert_int_equal(aws_read_back(&t, got, sizeof got, &len), AWS_BAD);
    assert_non_null(strstr(t.msg, "before load point"));
    aws_close(&t);

    /* Damage that leads back over two blocks at once: load point is block
       0 all the same (and no assertion fires). */
    static const uint8_t three[21] = {1, 0, 0, 0, 0xA0, 0, 1, 1, 0, 1, 0, 0xA0, 0, 2,
                                      1, 0, 1, 0, 0xA0, 0, 3};
    open_bytes(&t, three, sizeof three, false);
    for (int i = 0; i < 3; i++)
        assert_int_equal(aws_read(&t, NULL, 0, &len), AWS_OK);
    assert_int_equal(t.blockno, 3);
    static const uint8_t fifteen = 15;
    assert_int_equal(pwrite(t.fd, &fifteen, 1, 0), 1);
    t.prev = 15;
    assert_int_equal(aws_read_back(&t, NULL, 0, &len), AWS_OK);
    assert_true(aws_at_loadpoint(&t));
    assert_int_equal(t.blockno, 0);
    /* And a file that shrank behind the drive's back: an I/O error. */
    assert_int_equal(ftruncate(t.fd, 3), 0);
    assert_int_equal(aws_read(&t, got, sizeof got, &len), AWS_IOERR);
    aws_close(&t);
}

/* A good image with a few bytes changed, read at random both ways: every
   result is one of the defined ones, the position stays inside the file,
   a failed move does not move, and nothing crashes (the sanitizer build
   of this test is the real check). */
static void mutations(void **state)
{
    srand(11);
    for (int round = 0; round < 300; round++) {
        struct aws t;
        open_new(&t);
        t.seg_max = 1 + (uint32_t)(rand() % 40);
        uint8_t blk[100], got[128];
        for (int i = 0; i < 12; i++) {
            if (rand() % 4 == 0) {
                assert_int_equal(aws_write_tapemark(&t), AWS_OK);
            } else {
                uint32_t n = 1 + (uint32_t)(rand() % 100);
                memset(blk, i, n);
                assert_int_equal(aws_write(&t, blk, n), AWS_OK);
            }
        }
        uint64_t size = t.size;
        for (int k = 0; k < 1 + rand() % 3; k++) {
            uint8_t junk = (uint8_t)rand();
            assert_int_equal(pwrite(t.fd, &junk, 1, (off_t)((uint64_t)rand() % size)), 1);
        }
        if (rand() % 3 == 0)
            assert_int_equal(ftruncate(t.fd, (off_t)((uint64_t)rand() % size)), 0);
        aws_close(&t);
        char err[200];
        if (aws_open(&t, path, true, false, err, sizeof err))
            fail_msg("%s", err);
        for (int k = 0; k < 60; k++) {
            uint64_t pos = t.pos;
            uint32_t len;
            bool back = rand() % 3 == 0;
            enum aws_rc rc = back ? aws_read_back(&t, got, (uint32_t)(rand() % 128), &len)
                                  : aws_read(&t, got, (uint32_t)(rand() % 128), &len);
            assert_true(rc >= AWS_OK && rc <= AWS_BAD);
            assert_true(t.pos <= t.size);
            if (rc == AWS_BAD || rc == AWS_END || rc == AWS_LOADPOINT)
                assert_int_equal(t.pos, pos);
            else
                assert_true(back ? t.pos < pos : t.pos > pos);
            if (rc == AWS_BAD && rand() % 2)
                aws_rewind(&t);
        }
        aws_close(&t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(layout_as_hercules, setup, teardown),
        cmocka_unit_test_setup_teardown(forward_and_backward, setup, teardown),
        cmocka_unit_test_setup_teardown(spanning_segments, setup, teardown),
        cmocka_unit_test_setup_teardown(read_only, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(malformed_backward, setup, teardown),
        cmocka_unit_test_setup_teardown(mutations, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
