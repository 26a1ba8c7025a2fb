/*
 * test_decimal_ref.c - the decimal instructions against a reference model:
 * thousands of random packed operands (valid and now and then invalid)
 * for AP, SP, ZAP, CP, MP, DP and SRP, the expected result, condition
 * code and interruption computed with host 128-bit integers and digit
 * strings; and PACK/UNPK round trips.
 */
#include "dectest.h"

/* --- randomized comparison with a reference ----------------------------- */

typedef __int128 i128;
typedef unsigned __int128 u128;

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static unsigned rndn(unsigned n) { return (unsigned)(rnd() % n); }

static u128 pow10u(unsigned n)
{
    u128 p = 1;
    while (n--)
        p *= 10;
    return p;
}

/* A random packed field of len bytes with at most sig significant digits;
   now and then an invalid digit or sign. */
static void rnd_packed(uint8_t *b, unsigned len, unsigned sig, bool invalid_ok)
{
    unsigned digits = 2 * len - 1;
    char d[32];
    for (unsigned i = 0; i < digits; i++)
        d[i] = (char)(i + sig >= digits ? rndn(10) : 0);
    static const uint8_t signs[] = {0xA, 0xB, 0xC, 0xD, 0xE, 0xF, 0xC, 0xD};
    unsigned sign = signs[rndn(8)];
    if (invalid_ok && rndn(40) == 0) {
        if (rndn(2))
            d[rndn(digits)] = (char)(10 + rndn(6));
        else
            sign = rndn(10);
    }
    for (unsigned i = 0; i < len; i++) {
        unsigned hi = (unsigned)d[2 * i];
        unsigned lo = i + 1 < len ? (unsigned)d[2 * i + 1] : sign;
        b[i] = (uint8_t)(hi << 4 | lo);
    }
}

/* Reference decode: false if any code is invalid. */
static bool ref_decode(const uint8_t *b, unsigned len, i128 *v)
{
    u128 mag = 0;
    for (unsigned i = 0; i < len; i++) {
        unsigned hi = b[i] >> 4, lo = b[i] & 15;
        if (hi > 9)
            return false;
        mag = mag * 10 + hi;
        if (i + 1 < len) {
            if (lo > 9)
                return false;
            mag = mag * 10 + lo;
        } else if (lo < 10) {
            return false;
        }
    }
    unsigned s = b[len - 1] & 15;
    *v = (s == 0xB || s == 0xD) ? -(i128)mag : (i128)mag;
    return true;
}

static bool ref_negative(const uint8_t *b, unsigned len)
{
    unsigned s = b[len - 1] & 15;
    return s == 0xB || s == 0xD;
}

/* Reference encode via a decimal digit string. */
static void ref_encode(uint8_t *b, unsigned len, u128 mag, bool neg)
{
    char d[40];
    unsigned digits = 2 * len - 1;
    for (int i = (int)digits - 1; i >= 0; i--) {
        d[i] = (char)(mag % 10);
        mag /= 10;
    }
    for (unsigned i = 0; i < len; i++)
        b[i] = (uint8_t)(d[2 * i] << 4 | (i + 1 < len ? d[2 * i + 1] : (neg ? 0xD : 0xC)));
}

struct outcome {
    int pgm;          /* 0 or the interruption code */
    int cc;           /* -1: unchanged */
    uint8_t res[16];  /* expected operand 1, when stored */
    bool stored;
};

/* Run one case and compare with the expected outcome. */
static void check_case(struct machine *m, const char *what, unsigned len1, const uint8_t *o1,
                       const struct outcome *want, unsigned cc0)
{
    const uint8_t *res = want->stored ? want->res : o1;
    bool ok = want->pgm ? tm_took_pgm(m) && tm_pgm_code(m) == want->pgm : !tm_took_pgm(m);
    int cc = tm_took_pgm(m) ? old_cc(m) : m->cpu.psw.cc;
    int wcc = want->cc < 0 ? (int)cc0 : want->cc;
    if (!ok || cc != wcc || memcmp(m->mem + OP1, res, len1) != 0) {
        print_message("%s: L1=%u L2=%02X\n", what, len1, m->mem[TM_CODE + 1]);
        dump("op1 ", o1, len1);
        dump("op2 ", m->mem + OP2, 16);
        dump("want", res, len1);
        dump("have", m->mem + OP1, len1);
        print_message("pgm want %d have %d, cc want %d have %d\n", want->pgm,
                      tm_took_pgm(m) ? tm_pgm_code(m) : 0, wcc, cc);
        fail();
    }
}

/* AP, SP, ZAP, CP: arbitrary lengths and values. */
static void random_add_subtract_compare(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    static const uint8_t ops[] = {0xFA, 0xFB, 0xF8, 0xF9};
    for (int n = 0; n < 20000; n++) {
        uint8_t op = ops[n % 4];
        unsigned len1 = 1 + rndn(16), len2 = 1 + rndn(16);
        uint8_t o1[16], o2[16];
        rnd_packed(o1, len1, rndn(2 * len1), true);
        rnd_packed(o2, len2, rndn(2 * len2), true);
        unsigned mask = rndn(2) ? PM_DECIMAL : 0, cc0 = rndn(4);
        dm_psw(m, mask, cc0);
        memcpy(m->mem + OP1, o1, len1);
        memcpy(m->mem + OP2, o2, len2);
        ss2(m, op, len1, len2, OP1, OP2);

        struct outcome w = {0, -1, {0}, false};
        i128 a, b;
        bool ok1 = ref_decode(o1, len1, &a), ok2 = ref_decode(o2, len2, &b);
        if (!ok2 || (!ok1 && op != 0xF8)) {
            w.pgm = PGM_DATA;
        } else if (op == 0xF9) {
            w.cc = a == b ? 0 : a < b ? 1 : 2;
        } else {
            i128 r = op == 0xFA ? a + b : op == 0xFB ? a - b : b;
            u128 mag = (u128)(r < 0 ? -r : r), lim = pow10u(2 * len1 - 1);
            bool over = mag >= lim;
            mag %= lim;
            bool neg = (mag != 0 || over) && r < 0;
            ref_encode(w.res, len1, mag, neg);
            w.stored = true;
            w.cc = over ? 3 : mag == 0 ? 0 : neg ? 1 : 2;
            if (over && mask)
                w.pgm = PGM_DECIMAL_OVERFLOW;
        }
        check_case(m, op == 0xFA ? "AP" : op == 0xFB ? "SP" : op == 0xF8 ? "ZAP" : "CP", len1, o1, &w, cc0);
    }
    machine_free(m);
}

/* MP and DP, including their specification, data and divide exceptions. */
static void random_multiply_divide(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    for (int n = 0; n < 20000; n++) {
        bool mul = n & 1;
        unsigned len1 = 1 + rndn(16), len2 = 1 + rndn(9);
        if (rndn(8) && len2 >= len1) {
            len1 = 2 + rndn(15);
            len2 = 1 + rndn(len1 - 1 < 8 ? len1 - 1 : 8);
        }
        uint8_t o1[16], o2[16];
        rnd_packed(o1, len1, rndn(2 * len1), true);
        rnd_packed(o2, len2, rndn(2 * len2), true);
        unsigned cc0 = rndn(4);
        dm_psw(m, rndn(2) ? PM_DECIMAL : 0, cc0);
        memcpy(m->mem + OP1, o1, len1);
        memcpy(m->mem + OP2, o2, len2);
        ss2(m, mul ? 0xFC : 0xFD, len1, len2, OP1, OP2);

        struct outcome w = {0, -1, {0}, false};
        i128 a, b;
        bool ok1 = ref_decode(o1, len1, &a), ok2 = ref_decode(o2, len2, &b);
        u128 ma = (u128)(a < 0 ? -a : a), mb = (u128)(b < 0 ? -b : b);
        bool neg = ref_negative(o1, len1) != ref_negative(o2, len2);
        if (len2 > 8 || len2 >= len1) {
            w.pgm = PGM_SPECIFICATION;
        } else if (!ok1 || !ok2) {
            w.pgm = PGM_DATA;
        } else if (mul) {
            if (ma >= pow10u(2 * (len1 - len2) - 1)) {
                w.pgm = PGM_DATA;
            } else {
                ref_encode(w.res, len1, ma * mb, neg);
                w.stored = true;
            }
        } else if (mb == 0 || ma / mb >= pow10u(2 * (len1 - len2) - 1)) {
            w.pgm = PGM_DECIMAL_DIVIDE;
        } else {
            ref_encode(w.res, len1 - len2, ma / mb, neg);
            ref_encode(w.res + len1 - len2, len2, ma % mb, ref_negative(o1, len1));
            w.stored = true;
        }
        check_case(m, mul ? "MP" : "DP", len1, o1, &w, cc0);
    }
    machine_free(m);
}

/* SRP against shifting a digit string. */
static void random_shift_and_round(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    for (int n = 0; n < 10000; n++) {
        unsigned len = 1 + rndn(16), digits = 2 * len - 1;
        uint8_t o1[16];
        rnd_packed(o1, len, rndn(2 * len), true);
        int shift = (int)rndn(64) - 32;          /* -32 .. 31 */
        unsigned round = rndn(40) ? rndn(10) : 10 + rndn(6);
        unsigned mask = rndn(2) ? PM_DECIMAL : 0, cc0 = rndn(4);
        dm_psw(m, mask, cc0);
        memcpy(m->mem + OP1, o1, len);
        srp(m, len, shift, round, OP1);

        struct outcome w = {0, -1, {0}, false};
        i128 v;
        if (!ref_decode(o1, len, &v) || round > 9) {
            w.pgm = PGM_DATA;
        } else {
            /* Digits as a string with room on both sides. */
            char d[100] = {0};
            unsigned base = 40;                  /* d[base..base+digits) */
            /* Digit i from the left is nibble i: even i high, odd i low. */
            for (unsigned i = 0; i < digits; i++)
                d[base + i] = (char)(i & 1 ? o1[i / 2] & 15 : o1[i / 2] >> 4);
            bool over = false;
            u128 mag = 0;
            if (shift > 0) {
                for (int i = 0; i < shift && i < (int)digits; i++)
                    over |= d[base + i] != 0;
                for (unsigned i = 0; i < digits; i++) {
                    unsigned src = i + (unsigned)shift;
                    mag = mag * 10 + (src < digits ? (unsigned)d[base + src] : 0);
                }
            } else if (shift < 0) {
                unsigned k = (unsigned)-shift;
                /* Round: add to the leftmost digit shifted out, carry left. */
                int pos = (int)base + (int)digits - (int)k;   /* leftmost out */
                int carry = (int)round;
                for (int i = pos; i >= 0 && carry; i--) {
                    int s = d[i] + carry;
                    d[i] = (char)(s % 10);
                    carry = s / 10;
                }
                for (int i = pos - (int)digits; i < pos; i++)
                    mag = mag * 10 + (unsigned)d[i];
            } else {
                for (unsigned i = 0; i < digits; i++)
                    mag = mag * 10 + (unsigned)d[base + i];
            }
            bool neg = (mag != 0 || over) && ref_negative(o1, len);
            ref_encode(w.res, len, mag, neg);
            w.stored = true;
            w.cc = over ? 3 : mag == 0 ? 0 : neg ? 1 : 2;
            if (over && mask)
                w.pgm = PGM_DECIMAL_OVERFLOW;
        }
        check_case(m, "SRP", len, o1, &w, cc0);
    }
    machine_free(m);
}

/* PACK then UNPK round-trips a zoned number with a valid sign. */
static void random_pack_unpack(void **state)
{
    (void)state;
    struct machine *m = dm_new();
    for (int n = 0; n < 2000; n++) {
        unsigned len = 1 + rndn(8), zlen = 2 * len - 1;   /* zlen <= 15 */
        uint8_t z[16];
        for (unsigned i = 0; i < zlen; i++)
            z[i] = (uint8_t)(0xF0 | rndn(10));
        z[zlen - 1] = (uint8_t)((0xC + rndn(2)) << 4 | rndn(10));
        memcpy(m->mem + OP2, z, zlen);
        ss2(m, 0xF2, len, zlen, OP1, OP2);
        assert_false(tm_took_pgm(m));
        memset(m->mem + OP2 + 0x80, 0, 16);
        ss2(m, 0xF3, zlen, len, OP2 + 0x80, OP1);
        assert_memory_equal(m->mem + OP2 + 0x80, z, zlen);
    }
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(random_add_subtract_compare),
        cmocka_unit_test(random_multiply_divide),
        cmocka_unit_test(random_shift_and_round),
        cmocka_unit_test(random_pack_unpack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
