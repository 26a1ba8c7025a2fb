/*
 * bfp_kernels.c - small floating-point functions for the compiled-C check
 * in test_bfp.c.  Built twice: by the S/370 cross compiler with hardware
 * float (GCC emits the BFP instructions, and the libgcc routines for the
 * 64-bit integer conversions are linked in; see the Makefile), and into
 * the host test, which calls both with the same arguments in each
 * rounding mode and compares the bits.
 *
 * Both builds use -ffp-contract=off, so that a*b+c is two roundings on
 * both sides (fused multiply-add is asked for explicitly), and
 * -frounding-math, since the test runs them in every rounding mode.  Arguments past
 * the two that the 31-bit ABI passes in FPRs 0 and 2 come through a
 * pointer.  long double is the 128-bit binary format on S/370; the host
 * uses its own long double if it is that format, else __float128.
 */
#if defined(__s390__) || __LDBL_MANT_DIG__ == 113
typedef long double kld;
#define K_RINTL __builtin_rintl
#define K_SQRTL __builtin_sqrtl
#elif defined(__SIZEOF_FLOAT128__)
typedef __float128 kld;
#define K_RINTL rintf128
#define K_SQRTL sqrtf128
#else
#define K_NO_EXT
#endif

#ifdef __s390__
#define KFN
#else
#define KFN static
#endif

KFN double k_poly(double x) { return ((3.0 * x + 2.0) * x + 1.5) * x - 7.25; }
KFN double k_div(double a, double b) { return a / b; }
KFN float k_fops(float a, float b) { return (a + b) * (a - b) / (b * 0.5f + 1.0f); }
KFN double k_mixed(float a, double b) { return a * b - (double)(float)b; }
KFN int k_d2i(double a) { return (int)a; }
KFN int k_f2i(float a) { return (int)a; }
KFN unsigned k_d2u(double a) { return (unsigned)a; }
KFN unsigned k_f2u(float a) { return (unsigned)a; }
KFN long long k_d2ll(double a) { return (long long)a; }
KFN long long k_f2ll(float a) { return (long long)a; }
KFN unsigned long long k_d2ull(double a) { return (unsigned long long)a; }
KFN double k_i2d(int a) { return a; }
KFN float k_i2f(int a) { return (float)a; }
KFN double k_u2d(unsigned a) { return a; }
KFN float k_u2f(unsigned a) { return (float)a; }
KFN double k_ll2d(long long a) { return (double)a; }
KFN float k_ll2f(long long a) { return (float)a; }
KFN double k_ull2d(unsigned long long a) { return (double)a; }
KFN float k_ull2f(unsigned long long a) { return (float)a; }
KFN float k_d2f(double a) { return (float)a; }
KFN double k_f2d(float a) { return a; }
KFN double k_sqrt(double a) { return __builtin_sqrt(a); }
KFN float k_sqrtf(float a) { return __builtin_sqrtf(a); }
KFN double k_fma(const double *v) { return __builtin_fma(v[0], v[1], v[2]); }
KFN double k_fms(const double *v) { return __builtin_fma(v[0], v[1], -v[2]); }
KFN float k_fmaf(const float *v) { return __builtin_fmaf(v[0], v[1], v[2]); }
KFN double k_rint(double a) { return __builtin_rint(a); }
KFN float k_rintf(float a) { return __builtin_rintf(a); }
KFN double k_fabs(double a) { return __builtin_fabs(a); }
KFN double k_nabs(float a) { return -__builtin_fabsf(a); }
KFN double k_neg(double a) { return -a; }

/* Every comparison predicate, one bit each. */
KFN int k_cmp(double a, double b)
{
    return (a < b) | (a <= b) << 1 | (a == b) << 2 | (a > b) << 3 | (a >= b) << 4 | (a != b) << 5 |
           __builtin_isunordered(a, b) << 6 | __builtin_isless(a, b) << 7 |
           __builtin_islessgreater(a, b) << 8;
}
KFN int k_cmpf(float a, float b)
{
    return (a < b) | (a <= b) << 1 | (a == b) << 2 | (a > b) << 3 | (a >= b) << 4 | (a != b) << 5 |
           __builtin_isunordered(a, b) << 6;
}

/* Classification, one bit each. */
KFN int k_class(double a)
{
    return (__builtin_isnan(a) != 0) | (__builtin_isinf(a) != 0) << 1 | (__builtin_isfinite(a) != 0) << 2 |
           (__builtin_isnormal(a) != 0) << 3 | (__builtin_signbit(a) != 0) << 4 |
           __builtin_fpclassify(0, 1, 2, 3, 4, a) << 5;
}
KFN int k_classf(float a)
{
    return (__builtin_isnan(a) != 0) | (__builtin_isinf(a) != 0) << 1 | (__builtin_isfinite(a) != 0) << 2 |
           (__builtin_isnormal(a) != 0) << 3 | (__builtin_signbit(a) != 0) << 4;
}

/* Sum of squares and a dot product through storage operands. */
KFN double k_sumsq(const double *v, int n)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += v[i] * v[i];
    return s;
}
KFN float k_dotf(const float *a, const float *b, int n)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

#ifndef K_NO_EXT
/* Extended: out[0..8] from *a and *b. */
KFN void k_ext(const kld *a, const kld *b, kld *out)
{
    out[0] = *a + *b;
    out[1] = *a - *b;
    out[2] = *a * *b;
    out[3] = *a / *b;
    out[4] = K_SQRTL(*a < 0 ? -*a : *a);
    out[5] = (kld)(double)*a;
    out[6] = (kld)(float)*b;
    out[7] = (kld)(int)(*b / 1e300L) + (*a < *b) - (*a == *b);
    out[8] = K_RINTL(*a / 7);
}
KFN long long k_ext2ll(const kld *a) { return (long long)(*a / 1e290L); }
KFN double k_ll2ext2d(long long a)
{
    kld x = a;
    return (double)(x / 3);
}
#endif
