/*
 * test_sha256.c - common/sha256.c: the FIPS 180-2 test vectors, the
 * padding boundaries (against digests from Python's hashlib), updates in
 * pieces, and the password hash of sha256.h against a reference computed
 * independently (hashlib, the construction written out), with its case
 * folding and length limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "sha256.h"

static void hex(const uint8_t *d, char out[65])
{
    for (int i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void assert_digest(const void *data, size_t len, const char *want)
{
    uint8_t d[32];
    char h[65];
    sha256(data, len, d);
    hex(d, h);
    assert_string_equal(h, want);
}

static void fips_vectors(void **state)
{
    (void)state;
    assert_digest("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
                  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    assert_digest("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* one million 'a', fed in pieces of 1000 */
    struct sha256 c;
    char a[1000];
    memset(a, 'a', sizeof a);
    sha256_init(&c);
    for (int i = 0; i < 1000; i++)
        sha256_update(&c, a, sizeof a);
    uint8_t d[32];
    char h[65];
    sha256_final(&c, d);
    hex(d, h);
    assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Messages whose padding lands on either side of a block boundary. */
static void padding_boundaries(void **state)
{
    (void)state;
    static const struct { size_t n; const char *want; } v[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    char a[128];
    memset(a, 'a', sizeof a);
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        assert_digest(a, v[i].n, v[i].want);
}

/* Any split of a message into updates gives the one-shot digest. */
static void pieces(void **state)
{
    (void)state;
    uint8_t msg[300], want[32], got[32];
    for (int i = 0; i < 300; i++)
        msg[i] = (uint8_t)(i * 7 + 3);
    sha256(msg, sizeof msg, want);
    for (size_t step = 1; step <= 130; step += 3) {
        struct sha256 c;
        sha256_init(&c);
        for (size_t off = 0; off < sizeof msg; off += step)
            sha256_update(&c, msg + off, off + step > sizeof msg ? sizeof msg - off : step);
        sha256_final(&c, got);
        assert_memory_equal(got, want, 32);
    }
}

static const uint8_t salt1[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

static void password_reference(void **state)
{
    (void)state;
    uint8_t h[32];
    char x[65];
    assert_int_equal(sha256_password(salt1, "MAINT", 5, h), 0);
    hex(h, x);
    assert_string_equal(x, "7bd8e9ed4f238417320dd6bd3a1d875d883973c54bd1a2ff6a014c0fab7c3312");
    assert_int_equal(sha256_password(salt1, "12345678", 8, h), 0);
    hex(h, x);
    assert_string_equal(x, "dfdf7d68b57481e61104c3670ca5c8c65d731117764aafc1aa8074c9b84288f2");
}

static void password_rules(void **state)
{
    (void)state;
    uint8_t h[32], h2[32], salt2[16];
    assert_int_equal(sha256_password(salt1, "maint", 5, h), 0);
    /* case is ignored, as VM compares passwords upper-cased */
    assert_true(sha256_password_check(salt1, h, "MAINT", 5));
    assert_true(sha256_password_check(salt1, h, "mAiNt", 5));
    assert_false(sha256_password_check(salt1, h, "MAINT1", 6));
    assert_false(sha256_password_check(salt1, h, "MAIN", 4));
    assert_false(sha256_password_check(salt1, h, "MAINU", 5));
    /* the length counts: "MAINT" is not "MAINT" with a blank */
    assert_false(sha256_password_check(salt1, h, "MAINT ", 6));
    /* another salt, another hash */
    memcpy(salt2, salt1, 16);
    salt2[15] ^= 1;
    assert_int_equal(sha256_password(salt2, "MAINT", 5, h2), 0);
    assert_memory_not_equal(h, h2, 32);
    assert_false(sha256_password_check(salt2, h, "MAINT", 5));
    /* lengths 1..8 only */
    memset(h2, 0x55, 32);
    assert_int_equal(sha256_password(salt1, "", 0, h2), -1);
    assert_int_equal(sha256_password(salt1, "123456789", 9, h2), -1);
    for (int i = 0; i < 32; i++)
        assert_int_equal(h2[i], 0x55);
    assert_false(sha256_password_check(salt1, h, "", 0));
    assert_int_equal(sha256_password(salt1, "X", 1, h2), 0);
    assert_true(sha256_password_check(salt1, h2, "x", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fips_vectors),
        cmocka_unit_test(padding_boundaries),
        cmocka_unit_test(pieces),
        cmocka_unit_test(password_reference),
        cmocka_unit_test(password_rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
