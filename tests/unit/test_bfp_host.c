/*
 * test_bfp_host.c - the BFP arithmetic core (bfp.c) against the host's
 * IEEE arithmetic on random operands in every rounding mode, and the
 * compiled-C check: bfp_kernels.c built by the cross compiler with
 * hardware float (see the Makefile), run on the machine, and compared
 * bit for bit with the same source built into this test.
 */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

#include "bfptest.h"
#include "elf.h"

#include "bfp_kernels.c"

/* --- the arithmetic core against the host's IEEE arithmetic -------------- */

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Random operands, most near the places where things happen: subnormals,
   the overflow threshold, exponents close together (cancellation),
   special values. */
static uint64_t rand_long(void)
{
    uint64_t x = rng(), s = x & 0x8000000000000000ull, fr = x & 0x000FFFFFFFFFFFFFull;
    static const uint64_t special[] = {0, 0x7FF0000000000000ull, 0x3FF0000000000000ull, 0x0010000000000000ull,
                                       0x000FFFFFFFFFFFFFull, 0x7FEFFFFFFFFFFFFFull, 1};
    switch (rng() % 8) {
    case 0: return x;
    case 1: return s | (rng() % 4) << 52 | fr;
    case 2: return s | (2046 - rng() % 4) << 52 | fr;
    case 3: return s | (1023 - 30 + rng() % 60) << 52 | fr;
    case 4: return s | (1000 + rng() % 40) << 52 | (rng() & 0xF);
    case 5: return s | special[rng() % 7];
    default: return s | (rng() % 2047) << 52 | fr;
    }
}

static uint32_t rand_short(void)
{
    uint32_t x = (uint32_t)rng(), s = x & 0x80000000, fr = x & 0x007FFFFF;
    static const uint32_t special[] = {0, 0x7F800000, 0x3F800000, 0x00800000, 0x007FFFFF, 0x7F7FFFFF, 1};
    switch (rng() % 8) {
    case 0: return x;
    case 1: return s | (uint32_t)(rng() % 4) << 23 | fr;
    case 2: return s | (uint32_t)(254 - rng() % 4) << 23 | fr;
    case 3: return s | (uint32_t)(127 - 15 + rng() % 30) << 23 | fr;
    case 4: return s | (uint32_t)(100 + rng() % 40) << 23 | (uint32_t)(rng() & 0xF);
    case 5: return s | special[rng() % 7];
    default: return s | (uint32_t)(rng() % 255) << 23 | fr;
    }
}

static const int host_mode[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

static int host_flags(void)
{
    int f = fetestexcept(FE_ALL_EXCEPT), r = 0;
    r |= f & FE_INVALID ? BFP_XI : 0;
    r |= f & FE_DIVBYZERO ? BFP_XZ : 0;
    r |= f & FE_OVERFLOW ? BFP_XO : 0;
    r |= f & FE_UNDERFLOW ? BFP_XU : 0;
    r |= f & FE_INEXACT ? BFP_XX : 0;
    return r;
}

static bool is_nan_bits(uint64_t x, int width)
{
    if (width == 0) /* an integer */
        return false;
    if (width == 32)
        return (x & 0x7F800000) == 0x7F800000 && (x & 0x007FFFFF);
    return (x & 0x7FF0000000000000ull) == 0x7FF0000000000000ull && (x & 0x000FFFFFFFFFFFFFull);
}

/* Same bits (any NaN matches any NaN: the host's NaNs differ) and same
   flags; the host detects tininess after rounding, so underflow is not
   compared for results of the smallest normal magnitude. */
static int mismatches;
static void expect_same(const char *what, int mode, uint64_t a, uint64_t b, uint64_t got, int gflags,
                        uint64_t want, int wflags, int width)
{
    uint64_t min_normal = width == 32 ? 0x00800000 : 0x0010000000000000ull;
    uint64_t mag = want & (width == 32 ? 0x7FFFFFFF : 0x7FFFFFFFFFFFFFFFull);
    int mask = mag == min_normal ? ~BFP_XU : ~0;
    bool same = got == want || (is_nan_bits(got, width) && is_nan_bits(want, width));
    if (same && (gflags & mask) == (wflags & mask))
        return;
    if (mismatches++ < 10)
        print_message("%s mode %d %llx %llx: got %llx flags %02x, host %llx flags %02x\n", what, mode,
                      (unsigned long long)a, (unsigned long long)b, (unsigned long long)got, gflags,
                      (unsigned long long)want, wflags);
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_FMS, OP_N };

static void core_matches_host_long_and_short(void **state)
{
    (void)state;
    mismatches = 0;
    for (int i = 0; i < 40000; i++) {
        int mode = (int)(rng() % 4);
        uint64_t a = rand_long(), b = rand_long(), c = rand_long();
        uint32_t fa = rand_short(), fb = rand_short(), fc = rand_short();
        for (int op = 0; op < OP_N; op++) {
            struct bfp_env e = {.rm = (uint8_t)mode};
            volatile double x = bitsd(a), y = bitsd(b), z = bitsd(c);
            volatile double dr;
            volatile float xf = bitsf(fa), yf = bitsf(fb), zf = bitsf(fc);
            volatile float fr;
            fesetround(host_mode[mode]);
            feclearexcept(FE_ALL_EXCEPT);
            switch (op) {
            case OP_ADD: dr = x + y; break;
            case OP_SUB: dr = x - y; break;
            case OP_MUL: dr = x * y; break;
            case OP_DIV: dr = x / y; break;
            case OP_SQRT: dr = sqrt(x); break;
            case OP_FMA: dr = fma(x, y, z); break;
            default: dr = fma(x, y, -z); break;
            }
            int hf = host_flags();
            feclearexcept(FE_ALL_EXCEPT);
            switch (op) {
            case OP_ADD: fr = xf + yf; break;
            case OP_SUB: fr = xf - yf; break;
            case OP_MUL: fr = xf * yf; break;
            case OP_DIV: fr = xf / yf; break;
            case OP_SQRT: fr = sqrtf(xf); break;
            case OP_FMA: fr = fmaf(xf, yf, zf); break;
            default: fr = fmaf(xf, yf, -zf); break;
            }
            int hff = host_flags();
            fesetround(FE_TONEAREST);
            uint64_t got;
            switch (op) {
            case OP_ADD: got = (uint64_t)bfp_add(&e, BFP_LONG, a, b); break;
            case OP_SUB: got = (uint64_t)bfp_sub(&e, BFP_LONG, a, b); break;
            case OP_MUL: got = (uint64_t)bfp_mul(&e, BFP_LONG, a, b); break;
            case OP_DIV: got = (uint64_t)bfp_div(&e, BFP_LONG, a, b); break;
            case OP_SQRT: got = (uint64_t)bfp_sqrt(&e, BFP_LONG, a); break;
            default: got = (uint64_t)bfp_fma(&e, BFP_LONG, a, b, c, op == OP_FMS); break;
            }
            expect_same("long", mode, a, b, got, e.flags, dbits(dr), hf, 64);
            e = (struct bfp_env){.rm = (uint8_t)mode};
            switch (op) {
            case OP_ADD: got = (uint64_t)bfp_add(&e, BFP_SHORT, fa, fb); break;
            case OP_SUB: got = (uint64_t)bfp_sub(&e, BFP_SHORT, fa, fb); break;
            case OP_MUL: got = (uint64_t)bfp_mul(&e, BFP_SHORT, fa, fb); break;
            case OP_DIV: got = (uint64_t)bfp_div(&e, BFP_SHORT, fa, fb); break;
            case OP_SQRT: got = (uint64_t)bfp_sqrt(&e, BFP_SHORT, fa); break;
            default: got = (uint64_t)bfp_fma(&e, BFP_SHORT, fa, fb, fc, op == OP_FMS); break;
            }
            expect_same("short", mode, fa, fb, got, e.flags, fbits(fr), hff, 32);
        }
        /* LOAD ROUNDED, LOAD LENGTHENED, CONVERT FROM FIXED */
        struct bfp_env e = {.rm = (uint8_t)mode};
        volatile double x = bitsd(a);
        volatile int64_t iv = (int64_t)rng() >> (rng() % 64);
        volatile float fr;
        volatile double dr;
        fesetround(host_mode[mode]);
        feclearexcept(FE_ALL_EXCEPT);
        fr = (float)x;
        int hf = host_flags();
        feclearexcept(FE_ALL_EXCEPT);
        dr = (double)iv;
        int hfi = host_flags();
        fesetround(FE_TONEAREST);
        uint64_t got = (uint64_t)bfp_convert(&e, BFP_SHORT, BFP_LONG, a);
        expect_same("ledbr", mode, a, 0, got, e.flags, fbits(fr), hf, 32);
        e = (struct bfp_env){.rm = (uint8_t)mode};
        got = (uint64_t)bfp_from_int(&e, BFP_LONG, iv);
        expect_same("cdgbr", mode, (uint64_t)iv, 0, got, e.flags, dbits(dr), hfi, 64);
        e = (struct bfp_env){0};
        got = (uint64_t)bfp_convert(&e, BFP_LONG, BFP_SHORT, fa);
        expect_same("ldebr", 0, fa, 0, got, e.flags & ~BFP_XI, dbits((double)bitsf(fa)), 0, 64);
        /* CONVERT TO FIXED and LOAD FP INTEGER against nearbyint */
        e = (struct bfp_env){.rm = (uint8_t)mode};
        int cc;
        int64_t v = bfp_to_int(&e, BFP_LONG, a, 32, &cc);
        fesetround(host_mode[mode]);
        volatile double r = nearbyint(x);
        fesetround(FE_TONEAREST);
        double d = bitsd(a);
        if (isnan(d) || r > 2147483647.0 || r < -2147483648.0) {
            if (cc != 3 || e.flags != (BFP_XI | BFP_XX) || v != (isnan(d) || d < 0 ? INT32_MIN : INT32_MAX))
                expect_same("cfdbr", mode, a, 0, (uint64_t)v, e.flags, 0, BFP_XI | BFP_XX, 64);
        } else {
            int wcc = d == 0 ? 0 : d < 0 ? 1 : 2;
            if (cc != wcc || v != (int64_t)r || e.flags != (r != d ? BFP_XX : 0))
                expect_same("cfdbr", mode, a, 0, (uint64_t)v, e.flags, (uint64_t)(int64_t)r, cc, 64);
        }
        e = (struct bfp_env){.rm = (uint8_t)mode};
        got = (uint64_t)bfp_round_int(&e, BFP_LONG, a);
        expect_same("fidbr", mode, a, 0, got, e.flags & ~BFP_XI, dbits(r), !isnan(d) && r != d ? BFP_XX : 0, 64);
    }
    assert_int_equal(mismatches, 0);
}

#ifndef K_NO_EXT
static bool is_nan_ext(bfp_u128 x)
{
    return ((x >> 112) & 0x7FFF) == 0x7FFF && (x & (((bfp_u128)1 << 112) - 1));
}

static bfp_u128 rand_ext(void)
{
    bfp_u128 x = (bfp_u128)rng() << 64 | rng();
    bfp_u128 s = x & (bfp_u128)1 << 127, fr = x & (((bfp_u128)1 << 112) - 1);
    uint64_t e;
    switch (rng() % 5) {
    case 0: e = rng() % 4; break;
    case 1: e = 32766 - rng() % 4; break;
    case 2: e = 16383 - 40 + rng() % 80; break;
    case 3: e = 16383 + rng() % 4; fr &= ~(((bfp_u128)1 << 100) - 1); break;
    default: e = rng() % 32767; break;
    }
    return s | (bfp_u128)e << 112 | fr;
}

/* Extended against the host's binary128 (long double or __float128).  The
   host's software float does not report underflow reliably, so flags are
   compared only for normal results. */
static void core_matches_host_extended(void **state)
{
    (void)state;
    int bad = 0;
    for (int i = 0; i < 20000; i++) {
        int mode = (int)(rng() % 4);
        bfp_u128 a = rand_ext(), b = rand_ext();
        kld qa, qb;
        memcpy(&qa, &a, 16);
        memcpy(&qb, &b, 16);
        for (int op = 0; op <= OP_SQRT; op++) {
            volatile kld x = qa, y = qb, r;
            fesetround(host_mode[mode]);
            feclearexcept(FE_ALL_EXCEPT);
            switch (op) {
            case OP_ADD: r = x + y; break;
            case OP_SUB: r = x - y; break;
            case OP_MUL: r = x * y; break;
            case OP_DIV: r = x / y; break;
            default: r = K_SQRTL(x); break;
            }
            int hf = host_flags();
            fesetround(FE_TONEAREST);
            struct bfp_env e = {.rm = (uint8_t)mode};
            bfp_u128 got;
            switch (op) {
            case OP_ADD: got = bfp_add(&e, BFP_EXT, a, b); break;
            case OP_SUB: got = bfp_sub(&e, BFP_EXT, a, b); break;
            case OP_MUL: got = bfp_mul(&e, BFP_EXT, a, b); break;
            case OP_DIV: got = bfp_div(&e, BFP_EXT, a, b); break;
            default: got = bfp_sqrt(&e, BFP_EXT, a); break;
            }
            kld rr = r;
            bfp_u128 want;
            memcpy(&want, &rr, 16);
            int mask = BFP_XI | BFP_XZ | BFP_XO | (((want >> 112) & 0x7FFF) ? BFP_XX : 0);
            bool same = got == want || (is_nan_ext(got) && is_nan_ext(want));
            if ((!same || (e.flags & mask) != (hf & mask)) && bad++ < 10)
                print_message("ext op %d mode %d: %016llx%016llx %016llx%016llx\n", op, mode,
                              (unsigned long long)(a >> 64), (unsigned long long)a,
                              (unsigned long long)(b >> 64), (unsigned long long)b);
        }
    }
    assert_int_equal(bad, 0);
}
#endif

/* --- compiled C: bfp_kernels.c on the machine and on the host ------------ */

#define K_RET 0x900     /* return address: LPSW of a disabled wait */
#define K_STACK 0x80000 /* stack top */
#define K_DATA 0x60000  /* pointer arguments */

static struct elf_image kimg;
static char kpath[512];

static struct machine *kernels_machine(void)
{
    struct machine *m = bm_new();
    for (int i = 0; i < kimg.nseg; i++) {
        memset(m->mem + kimg.seg[i].addr, 0, kimg.seg[i].memsz);
        memcpy(m->mem + kimg.seg[i].addr, kimg.seg[i].data, kimg.seg[i].filesz);
    }
    tm_poke(m, K_RET, "82000908");           /* LPSW X'908' */
    tm_poke(m, K_RET + 8, "000A000000000900"); /* disabled wait */
    return m;
}

static uint32_t ksym(const char *name)
{
    for (int i = 0; i < kimg.nsym; i++)
        if (strcmp(kimg.sym[i].name, name) == 0)
            return kimg.sym[i].addr;
    fail_msg("no symbol %s in %s", name, kpath);
    return 0;
}

/* Call fn with integer arguments in GRs 2-6 (already set) and f0, f2
   (already set), in FPC rounding mode `mode`; it must return. */
static void kcall(struct machine *m, const char *fn, int mode)
{
    uint8_t psw[8] = {0x00, 0x08, 0, 0, 0, 0, 0, 0};
    put32(psw + 4, ksym(fn));
    psw_load(&m->cpu, psw);
    m->cpu.fpc = (uint32_t)mode;
    m->cpu.gr[14] = K_RET;
    m->cpu.gr[15] = K_STACK - 96;
    tm_clear_pgm(m);
    tm_run(m, 1000000);
    if (!(m->cpu.psw.wait && m->cpu.psw.ia == K_RET))
        fail_msg("%s did not return: PSW at %06X, program interruption %04X at %06X", fn, m->cpu.psw.ia,
                 tm_pgm_code(m), tm_pgm_old_ia(m));
}

static void ksetd(struct machine *m, int r, double d) { m->cpu.fpr[r] = dbits(d); }
static void ksetf(struct machine *m, int r, float f) { m->cpu.fpr[r] = (uint64_t)fbits(f) << 32; }

static int kbad;
static void kexpect(const char *fn, int mode, double arg, uint64_t got, uint64_t want, int width)
{
    if (got == want || (is_nan_bits(got, width) && is_nan_bits(want, width)))
        return;
    if (kbad++ < 10)
        print_message("%s(%g) mode %d: machine %llx host %llx\n", fn, arg, mode, (unsigned long long)got,
                      (unsigned long long)want);
}

static const double kd[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.141592653589793, 1e10, -1e10,
                            0.1, 123456789.987654321, 0x1p53 + 2, 1e300, -1e300, 1e-300, 4.9e-324,
                            1.7976931348623157e308, 2.2250738585072014e-308, INFINITY, -INFINITY, NAN,
                            0x1p31 - 0.5, 0x1p62 + 4096, -0x1p62, 4294967295.0, 7.0 / 3};

/* Host and machine versions of a function of one double (or float). */
#define KCHECK_D(fn, ret_t, width, cond)                                                    \
    for (size_t i = 0; i < sizeof kd / sizeof kd[0]; i++) {                                 \
        double arg = kd[i];                                                                 \
        if (!(cond))                                                                        \
            continue;                                                                       \
        ksetd(m, 0, arg);                                                                   \
        kcall(m, #fn, mode);                                                                \
        ret_t (*volatile hf)(double) = fn;                                                  \
        fesetround(host_mode[mode]);                                                        \
        volatile ret_t hr = hf(arg);                                                        \
        fesetround(FE_TONEAREST);                                                           \
        kexpect(#fn, mode, arg, kresult_##ret_t(m), kbits_##ret_t(hr), width);              \
    }
#define KCHECK_F(fn, ret_t, width, cond)                                                    \
    for (size_t i = 0; i < sizeof kd / sizeof kd[0]; i++) {                                 \
        float arg = (float)kd[i];                                                           \
        if (!(cond))                                                                        \
            continue;                                                                       \
        ksetf(m, 0, arg);                                                                   \
        kcall(m, #fn, mode);                                                                \
        ret_t (*volatile hf)(float) = fn;                                                   \
        fesetround(host_mode[mode]);                                                        \
        volatile ret_t hr = hf(arg);                                                        \
        fesetround(FE_TONEAREST);                                                           \
        kexpect(#fn, mode, arg, kresult_##ret_t(m), kbits_##ret_t(hr), width);              \
    }

typedef long long llong;
typedef unsigned long long ullong;
static uint64_t kresult_double(struct machine *m) { return m->cpu.fpr[0]; }
static uint64_t kresult_float(struct machine *m) { return m->cpu.fpr[0] >> 32; }
static uint64_t kresult_int(struct machine *m) { return m->cpu.gr[2]; }
static uint64_t kresult_unsigned(struct machine *m) { return m->cpu.gr[2]; }
static uint64_t kresult_llong(struct machine *m) { return (uint64_t)m->cpu.gr[2] << 32 | m->cpu.gr[3]; }
static uint64_t kresult_ullong(struct machine *m) { return kresult_llong(m); }
static uint64_t kbits_double(double d) { return dbits(d); }
static uint64_t kbits_float(float f) { return fbits(f); }
static uint64_t kbits_int(int v) { return (uint32_t)v; }
static uint64_t kbits_unsigned(unsigned v) { return v; }
static uint64_t kbits_llong(llong v) { return (uint64_t)v; }
static uint64_t kbits_ullong(ullong v) { return v; }

static void compiled_c_matches_host(void **state)
{
    (void)state;
    /* The loads and stores of FPRs (LE, LD, STE, STD, LER, LDR) belong to
       the HFP family. */
    static const uint8_t ld[4] = {0x68, 0x00, 0x00, 0x00};
    if (!insn_lookup(ld)) {
        print_message("skipped: the machine has no LD yet (hfp family)\n");
        skip();
    }
    char err[256];
    if (elf_read(kpath, &kimg, err, sizeof err))
        fail_msg("%s: %s", kpath, err);
    struct machine *m = kernels_machine();
    kbad = 0;
    for (int mode = 0; mode < 4; mode++) {
        KCHECK_D(k_poly, double, 64, 1)
        KCHECK_D(k_d2f, float, 32, 1)
        KCHECK_D(k_sqrt, double, 64, 1)
        KCHECK_D(k_rint, double, 64, 1)
        KCHECK_D(k_fabs, double, 64, 1)
        KCHECK_D(k_neg, double, 64, 1)
        KCHECK_D(k_class, int, 0, 1)
        KCHECK_D(k_d2i, int, 0, fabs(arg) < 0x1p31)
        KCHECK_D(k_d2u, unsigned, 0, arg > -1 && arg < 0x1p32)
        KCHECK_D(k_d2ll, llong, 0, fabs(arg) < 0x1p63)
        KCHECK_D(k_d2ull, ullong, 0, arg > -1 && arg < 0x1p64)
        KCHECK_F(k_f2d, double, 64, 1)
        KCHECK_F(k_sqrtf, float, 32, 1)
        KCHECK_F(k_rintf, float, 32, 1)
        KCHECK_F(k_nabs, double, 64, 1)
        KCHECK_F(k_classf, int, 0, 1)
        KCHECK_F(k_f2i, int, 0, fabs(arg) < 0x1p31)
        KCHECK_F(k_f2u, unsigned, 0, arg > -1 && arg < 0x1p32)
        KCHECK_F(k_f2ll, llong, 0, fabs(arg) < 0x1p63)

        /* Two operands: every pair. */
        for (size_t i = 0; i < sizeof kd / sizeof kd[0]; i++)
            for (size_t j = 0; j < sizeof kd / sizeof kd[0]; j++) {
                double a = kd[i], b = kd[j];
                double (*volatile hdiv)(double, double) = k_div;
                int (*volatile hcmp)(double, double) = k_cmp;
                int (*volatile hcmpf)(float, float) = k_cmpf;
                float (*volatile hfops)(float, float) = k_fops;
                double (*volatile hmixed)(float, double) = k_mixed;
                ksetd(m, 0, a);
                ksetd(m, 2, b);
                kcall(m, "k_div", mode);
                fesetround(host_mode[mode]);
                volatile double rd = hdiv(a, b);
                fesetround(FE_TONEAREST);
                kexpect("k_div", mode, a, m->cpu.fpr[0], dbits(rd), 64);
                ksetd(m, 0, a);
                ksetd(m, 2, b);
                kcall(m, "k_cmp", mode);
                kexpect("k_cmp", mode, a, m->cpu.gr[2], (uint32_t)hcmp(a, b), 0);
                ksetf(m, 0, (float)a);
                ksetf(m, 2, (float)b);
                kcall(m, "k_cmpf", mode);
                kexpect("k_cmpf", mode, a, m->cpu.gr[2], (uint32_t)hcmpf((float)a, (float)b), 0);
                ksetf(m, 0, (float)a);
                ksetf(m, 2, (float)b);
                kcall(m, "k_fops", mode);
                fesetround(host_mode[mode]);
                volatile float rf = hfops((float)a, (float)b);
                fesetround(FE_TONEAREST);
                kexpect("k_fops", mode, a, m->cpu.fpr[0] >> 32, fbits(rf), 32);
                ksetf(m, 0, (float)a);
                ksetd(m, 2, b);
                kcall(m, "k_mixed", mode);
                fesetround(host_mode[mode]);
                volatile double rm = hmixed((float)a, b);
                fesetround(FE_TONEAREST);
                kexpect("k_mixed", mode, a, m->cpu.fpr[0], dbits(rm), 64);
            }

        /* Integer arguments. */
        static const long long kl[] = {0, 1, -1, 3, 16777217, -16777217, 2147483647, -2147483647 - 1,
                                       0x20000000000001LL, -0x20000000000003LL, 0x7FFFFFFFFFFFFFFFLL,
                                       -0x7FFFFFFFFFFFFFFFLL - 1, 1234567890123456789LL};
        for (size_t i = 0; i < sizeof kl / sizeof kl[0]; i++) {
            long long v = kl[i];
            double (*volatile hll2d)(long long) = k_ll2d, (*volatile hull2d)(unsigned long long) = k_ull2d;
            float (*volatile hll2f)(long long) = k_ll2f, (*volatile hull2f)(unsigned long long) = k_ull2f;
            double (*volatile hi2d)(int) = k_i2d, (*volatile hu2d)(unsigned) = k_u2d;
            float (*volatile hi2f)(int) = k_i2f, (*volatile hu2f)(unsigned) = k_u2f;
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            fesetround(host_mode[mode]);
            volatile double r1 = hll2d(v), r2 = hull2d((unsigned long long)v);
            volatile float r3 = hll2f(v), r4 = hull2f((unsigned long long)v);
            volatile double r5 = hi2d((int)v), r6 = hu2d((unsigned)v);
            volatile float r7 = hi2f((int)v), r8 = hu2f((unsigned)v);
            fesetround(FE_TONEAREST);
            kcall(m, "k_ll2d", mode);
            kexpect("k_ll2d", mode, (double)v, m->cpu.fpr[0], dbits(r1), 64);
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            kcall(m, "k_ull2d", mode);
            kexpect("k_ull2d", mode, (double)v, m->cpu.fpr[0], dbits(r2), 64);
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            kcall(m, "k_ll2f", mode);
            kexpect("k_ll2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r3), 32);
            m->cpu.gr[2] = (uint32_t)((uint64_t)v >> 32);
            m->cpu.gr[3] = (uint32_t)v;
            kcall(m, "k_ull2f", mode);
            kexpect("k_ull2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r4), 32);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_i2d", mode);
            kexpect("k_i2d", mode, (double)v, m->cpu.fpr[0], dbits(r5), 64);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_u2d", mode);
            kexpect("k_u2d", mode, (double)v, m->cpu.fpr[0], dbits(r6), 64);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_i2f", mode);
            kexpect("k_i2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r7), 32);
            m->cpu.gr[2] = (uint32_t)v;
            kcall(m, "k_u2f", mode);
            kexpect("k_u2f", mode, (double)v, m->cpu.fpr[0] >> 32, fbits(r8), 32);
        }

        /* Pointer arguments: fused multiply-add, loops over arrays. */
        for (size_t i = 0; i + 2 < sizeof kd / sizeof kd[0]; i++) {
            double v[3] = {kd[i], kd[i + 1], kd[i + 2]};
            float vf[3] = {(float)v[0], (float)v[1], (float)v[2]};
            double (*volatile hfma)(const double *) = k_fma, (*volatile hfms)(const double *) = k_fms;
            float (*volatile hfmaf)(const float *) = k_fmaf;
            fesetround(host_mode[mode]);
            volatile double r1 = hfma(v), r2 = hfms(v);
            volatile float r3 = hfmaf(vf);
            fesetround(FE_TONEAREST);
            for (int k = 0; k < 3; k++) {
                tm_wr64(m, K_DATA + 8 * k, dbits(v[k]));
                tm_wr32(m, K_DATA + 32 + 4 * k, fbits(vf[k]));
            }
            m->cpu.gr[2] = K_DATA;
            kcall(m, "k_fma", mode);
            kexpect("k_fma", mode, v[0], m->cpu.fpr[0], dbits(r1), 64);
            m->cpu.gr[2] = K_DATA;
            kcall(m, "k_fms", mode);
            kexpect("k_fms", mode, v[0], m->cpu.fpr[0], dbits(r2), 64);
            m->cpu.gr[2] = K_DATA + 32;
            kcall(m, "k_fmaf", mode);
            kexpect("k_fmaf", mode, v[0], m->cpu.fpr[0] >> 32, fbits(r3), 32);
        }
        double arr[12];
        float arrf[12];
        for (int k = 0; k < 12; k++) {
            arr[k] = 1.0 / (k + 1) - 0.3 * k;
            arrf[k] = (float)arr[k];
            tm_wr64(m, K_DATA + 8 * k, dbits(arr[k]));
            tm_wr32(m, K_DATA + 0x100 + 4 * k, fbits(arrf[k]));
        }
        double (*volatile hsumsq)(const double *, int) = k_sumsq;
        float (*volatile hdotf)(const float *, const float *, int) = k_dotf;
        fesetround(host_mode[mode]);
        volatile double rs = hsumsq(arr, 12);
        volatile float rdf = hdotf(arrf, arrf, 12);
        fesetround(FE_TONEAREST);
        m->cpu.gr[2] = K_DATA;
        m->cpu.gr[3] = 12;
        kcall(m, "k_sumsq", mode);
        kexpect("k_sumsq", mode, 0, m->cpu.fpr[0], dbits(rs), 64);
        m->cpu.gr[2] = K_DATA + 0x100;
        m->cpu.gr[3] = K_DATA + 0x100;
        m->cpu.gr[4] = 12;
        kcall(m, "k_dotf", mode);
        kexpect("k_dotf", mode, 0, m->cpu.fpr[0] >> 32, fbits(rdf), 32);

#ifndef K_NO_EXT
        /* Extended: S/370 long double against the host's binary128. */
        static const double ke[][2] = {{1, 3}, {-2.5, 1e-3}, {1e300, -7}, {0x1p-1000, 0x1p900},
                                       {123456.789, 987.25}, {-0.0, 2}, {5e-324, 0.75}};
        for (size_t i = 0; i < sizeof ke / sizeof ke[0]; i++) {
            kld a = (kld)ke[i][0] / 3, b = (kld)ke[i][1];
            kld out[9];
            void (*volatile hext)(const kld *, const kld *, kld *) = k_ext;
            fesetround(host_mode[mode]);
            hext(&a, &b, out);
            fesetround(FE_TONEAREST);
            bfp_u128 ua, ub;
            memcpy(&ua, &a, 16);
            memcpy(&ub, &b, 16);
            tm_wr64(m, K_DATA, (uint64_t)(ua >> 64));
            tm_wr64(m, K_DATA + 8, (uint64_t)ua);
            tm_wr64(m, K_DATA + 16, (uint64_t)(ub >> 64));
            tm_wr64(m, K_DATA + 24, (uint64_t)ub);
            m->cpu.gr[2] = K_DATA;
            m->cpu.gr[3] = K_DATA + 16;
            m->cpu.gr[4] = K_DATA + 32;
            kcall(m, "k_ext", mode);
            for (int k = 0; k < 9; k++) {
                bfp_u128 w;
                memcpy(&w, &out[k], 16);
                kexpect("k_ext hi", mode, ke[i][0] + k / 100.0, tm_rd64(m, K_DATA + 32 + 16 * k),
                        (uint64_t)(w >> 64), 64);
                kexpect("k_ext lo", mode, ke[i][0] + k / 100.0, tm_rd64(m, K_DATA + 40 + 16 * k),
                        (uint64_t)w, 64);
            }
            long long (*volatile hext2ll)(const kld *) = k_ext2ll;
            fesetround(host_mode[mode]);
            volatile long long rl = hext2ll(&a);
            fesetround(FE_TONEAREST);
            m->cpu.gr[2] = K_DATA;
            kcall(m, "k_ext2ll", mode);
            kexpect("k_ext2ll", mode, ke[i][0], kresult_llong(m), (uint64_t)rl, 0);
        }
        for (size_t i = 0; i < sizeof kl / sizeof kl[0]; i++) {
            double (*volatile hll)(long long) = k_ll2ext2d;
            fesetround(host_mode[mode]);
            volatile double r = hll(kl[i]);
            fesetround(FE_TONEAREST);
            m->cpu.gr[2] = (uint32_t)((uint64_t)kl[i] >> 32);
            m->cpu.gr[3] = (uint32_t)kl[i];
            kcall(m, "k_ll2ext2d", mode);
            kexpect("k_ll2ext2d", mode, (double)kl[i], m->cpu.fpr[0], dbits(r), 64);
        }
#endif
    }
    assert_int_equal(kbad, 0);
    machine_free(m);
    elf_free(&kimg);
}

int main(int argc, char **argv)
{
    /* The kernels' ELF is built beside this test. */
    const char *slash = strrchr(argv[0], '/');
    snprintf(kpath, sizeof kpath, "%.*sbfp_kernels.elf", slash ? (int)(slash - argv[0] + 1) : 0, argv[0]);
    (void)argc;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(core_matches_host_long_and_short),
#ifndef K_NO_EXT
        cmocka_unit_test(core_matches_host_extended),
#endif
        cmocka_unit_test(compiled_c_matches_host),
    };
    return cmocka_run_group_tests_name("bfp_host", tests, NULL, NULL);
}
