/*
 * bfp.c - the binary-floating-point arithmetic of bfp.h, in software.
 *
 * Every finite nonzero operand is unpacked into a sign, an exponent and a
 * 128-bit significand with its leading one in bit 127 (value = sig *
 * 2**(exp-127)).  An operation computes the exact result, or one whose
 * bit 0 is a sticky bit standing for everything below (the formats have
 * at most 113 significant bits, so at least 15 guard bits remain), and
 * round_pack() rounds it once to the target format.  round_pack() is the
 * only place that knows about rounding, tininess (before rounding, as
 * SA22-7201 specifies), overflow and underflow.
 *
 * Special values are handled before the arithmetic, in each operation,
 * following the tables of chapter 19: NaN operands give the first
 * signaling NaN (first operand first) made quiet, else the first quiet
 * NaN; invalid operations give the default NaN, plus sign and quiet bit
 * only.
 */
#include "bfp.h"

typedef bfp_u128 u128;

/* Format parameters: precision (with the implicit bit), exponent bias,
   the scale factor of trapped overflow/underflow, width in bits. */
struct fmt {
    int p, bias, alpha, width;
};
static const struct fmt fmts[3] = {
    [BFP_SHORT] = {24, 127, 192, 32},
    [BFP_LONG] = {53, 1023, 1536, 64},
    [BFP_EXT] = {113, 16383, 24576, 128},
};

/* Scale factors of LOAD ROUNDED, by source format. */
#define ALPHA_ROUND_LONG 512
#define ALPHA_ROUND_EXT 8192

static inline u128 bit(int n) { return (u128)1 << n; }
static inline u128 sign_bit(const struct fmt *f) { return bit(f->width - 1); }
static inline u128 frac_mask(const struct fmt *f) { return bit(f->p - 1) - 1; }
static inline u128 quiet_bit(const struct fmt *f) { return bit(f->p - 2); }
static inline int32_t exp_max_field(const struct fmt *f) { return (1 << (f->width - f->p)) - 1; }
static inline u128 inf_bits(const struct fmt *f) { return (u128)exp_max_field(f) << (f->p - 1); }
static inline u128 signed_inf(const struct fmt *f, bool s) { return (s ? sign_bit(f) : 0) | inf_bits(f); }
static inline u128 signed_zero(const struct fmt *f, bool s) { return s ? sign_bit(f) : 0; }
static inline u128 default_nan(const struct fmt *f) { return inf_bits(f) | quiet_bit(f); }

static inline int clz128(u128 x)
{
    uint64_t h = (uint64_t)(x >> 64);
    return h ? __builtin_clzll(h) : 64 + __builtin_clzll((uint64_t)x);
}

/* x >> n, with a one in bit 0 if any bit shifted out was one. */
static inline u128 shr_jam(u128 x, int32_t n)
{
    if (n <= 0)
        return x;
    if (n >= 128)
        return x != 0;
    return x >> n | ((x & (bit(n) - 1)) != 0);
}

enum cls { C_ZERO, C_NUM, C_INF, C_QNAN, C_SNAN };

struct un {
    enum cls cls;
    bool sign;
    int32_t exp; /* C_NUM: value = sig * 2**(exp-127) */
    u128 sig;    /* C_NUM: bit 127 is one */
};

static struct un unpack(const struct fmt *f, u128 x)
{
    struct un u = {.sign = (x >> (f->width - 1)) & 1};
    int32_t e = (int32_t)(x >> (f->p - 1)) & exp_max_field(f);
    u128 fr = x & frac_mask(f);
    if (e == exp_max_field(f)) {
        u.cls = fr == 0 ? C_INF : (fr & quiet_bit(f)) ? C_QNAN : C_SNAN;
    } else if (e == 0 && fr == 0) {
        u.cls = C_ZERO;
    } else if (e != 0) {
        u.cls = C_NUM;
        u.sig = (fr | bit(f->p - 1)) << (128 - f->p);
        u.exp = e - f->bias;
    } else { /* subnormal: normalize */
        u.cls = C_NUM;
        u128 s = fr << (128 - f->p);
        int n = clz128(s);
        u.sig = s << n;
        u.exp = 1 - f->bias - n;
    }
    return u;
}

static inline bool is_nan(const struct un *u) { return u->cls == C_QNAN || u->cls == C_SNAN; }

/* The NaN result for operands x[0..n-1] of which at least one is a NaN. */
static u128 nan_result(struct bfp_env *e, const struct fmt *f, int n, const u128 *x, const struct un *u)
{
    for (int i = 0; i < n; i++)
        if (u[i].cls == C_SNAN) {
            e->flags |= BFP_XI;
            return x[i] | quiet_bit(f);
        }
    for (int i = 0; i < n; i++)
        if (u[i].cls == C_QNAN)
            return x[i];
    return default_nan(f);
}

static u128 invalid(struct bfp_env *e, const struct fmt *f)
{
    e->flags |= BFP_XI;
    return default_nan(f);
}

/*
 * Split sig at bit `shift`: returns the bits above; *cmp says how the bits
 * below compare with half a unit in the last kept place (-1, 0, +1) and
 * *inexact whether any of them is one.  shift may exceed 128.
 */
static u128 split(u128 sig, int32_t shift, int *cmp, bool *inexact)
{
    if (shift <= 0) {
        *cmp = -1;
        *inexact = false;
        return sig;
    }
    if (shift > 128) {
        *cmp = -1;
        *inexact = sig != 0;
        return 0;
    }
    u128 rem = shift == 128 ? sig : sig & (bit(shift) - 1), half = bit(shift - 1);
    *cmp = rem > half ? 1 : rem == half ? 0 : -1;
    *inexact = rem != 0;
    return shift == 128 ? 0 : sig >> shift;
}

/* Does rounding method rm add one unit to a truncated magnitude? */
static bool round_up(int rm, bool sign, bool odd, int cmp, bool inexact)
{
    switch (rm) {
    case BFP_RNE:
        return cmp > 0 || (cmp == 0 && odd);
    case BFP_RNA:
        return cmp >= 0 && inexact;
    case BFP_RP:
        return inexact && !sign;
    case BFP_RM:
        return inexact && sign;
    default:
        return false;
    }
}

/* A normal number of precision p (kept has p bits, the top one set), packed
   in format f (whose precision is p or more). */
static u128 pack_normal(const struct fmt *f, bool sign, int32_t exp, u128 kept, int p)
{
    kept <<= f->p - p;
    return signed_zero(f, sign) | (u128)(uint32_t)(exp + f->bias) << (f->p - 1) | (kept & frac_mask(f));
}

/*
 * Round sign * sig * 2**(exp-127) (sig normalized, bit 0 possibly sticky)
 * to format f and pack it.  Tininess is detected before rounding.  With
 * the underflow trap enabled a tiny result, and with the overflow trap
 * enabled an overflowing one, is rounded to f's precision with the
 * exponent unbounded, scaled by 2**alpha or 2**-alpha and packed in sf.
 */
static u128 round_pack(struct bfp_env *e, const struct fmt *f, const struct fmt *sf, int alpha,
                       bool sign, int32_t exp, u128 sig)
{
    const int32_t emin = 1 - f->bias, emax = f->bias;
    bool tiny = exp < emin;
    bool denorm = tiny && !(e->traps & BFP_XU);
    int32_t shift = 128 - f->p;
    if (denorm) /* the last place kept is that of 2**(emin-p+1) */
        shift += emin - exp > 200 ? 200 : emin - exp;
    int cmp;
    bool inexact;
    u128 kept = split(sig, shift, &cmp, &inexact);
    bool inc = round_up(e->rm, sign, kept & 1, cmp, inexact);
    kept += inc;
    e->inc = inc;
    if (inexact)
        e->flags |= BFP_XX;
    if (denorm) {
        if (inexact)
            e->flags |= BFP_XU;
        /* kept <= 2**(p-1); a carry into the exponent makes the smallest
           normal number, which is what the packing gives. */
        return signed_zero(f, sign) | kept;
    }
    if (kept >> f->p) {
        kept >>= 1;
        exp++;
    }
    if (tiny) { /* trapped underflow */
        e->flags |= BFP_XU;
        return pack_normal(sf, sign, exp + alpha, kept, f->p);
    }
    if (exp > emax) {
        e->flags |= BFP_XO;
        if (e->traps & BFP_XO)
            return pack_normal(sf, sign, exp - alpha, kept, f->p);
        e->flags |= BFP_XX;
        bool to_inf = e->rm == BFP_RNE || e->rm == BFP_RNA || (e->rm == BFP_RP && !sign) ||
                      (e->rm == BFP_RM && sign);
        e->inc = to_inf;
        if (to_inf)
            return signed_inf(f, sign);
        return signed_zero(f, sign) | (inf_bits(f) - 1); /* largest finite */
    }
    return pack_normal(f, sign, exp, kept, f->p);
}

static inline u128 round_un(struct bfp_env *e, const struct fmt *f, struct un x)
{
    return round_pack(e, f, f, f->alpha, x.sign, x.exp, x.sig);
}

/* x + y for finite nonzero x and y. */
static u128 add_un(struct bfp_env *e, const struct fmt *f, struct un x, struct un y)
{
    if (x.exp < y.exp || (x.exp == y.exp && x.sig < y.sig)) {
        struct un t = x;
        x = y;
        y = t;
    }
    /* |x| >= |y|; one bit of headroom for the carry. */
    u128 a = x.sig >> 1 | (x.sig & 1);
    u128 b = shr_jam(y.sig, x.exp - y.exp + 1);
    u128 s;
    if (x.sign == y.sign) {
        s = a + b;
    } else {
        s = a - b;
        if (s == 0) /* exact cancellation: +0, or -0 rounding toward -inf */
            return signed_zero(f, e->rm == BFP_RM);
    }
    int n = clz128(s);
    return round_pack(e, f, f, f->alpha, x.sign, x.exp + 1 - n, s << n);
}

/* 128 x 128 -> 256-bit product. */
static void mul128(u128 a, u128 b, u128 *hi, u128 *lo)
{
    uint64_t a1 = (uint64_t)(a >> 64), a0 = (uint64_t)a, b1 = (uint64_t)(b >> 64), b0 = (uint64_t)b;
    u128 p00 = (u128)a0 * b0, p01 = (u128)a0 * b1, p10 = (u128)a1 * b0, p11 = (u128)a1 * b1;
    u128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    *lo = mid << 64 | (uint64_t)p00;
    *hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* x * y for finite nonzero x and y, normalized (exact for the products of
   two short or two long significands). */
static struct un mul_un(struct un x, struct un y)
{
    u128 hi, lo;
    mul128(x.sig, y.sig, &hi, &lo);
    struct un r = {.cls = C_NUM, .sign = x.sign ^ y.sign, .exp = x.exp + y.exp};
    if (hi >> 127) {
        r.exp++;
        r.sig = hi | (lo != 0);
    } else {
        r.sig = hi << 1 | lo >> 127 | ((lo << 1) != 0);
    }
    return r;
}

/* x / y for finite nonzero x and y, with at least p + 2 significant
   bits and sticky. */
static struct un div_un(struct un x, struct un y, int p)
{
    struct un r = {.cls = C_NUM, .sign = x.sign ^ y.sign};
    if (p <= 62 && (uint64_t)x.sig == 0 && (uint64_t)y.sig == 0) {
        /* Short and long: one 128/64 division gives 64 or 65 quotient
           bits. */
        uint64_t xh = (uint64_t)(x.sig >> 64), yh = (uint64_t)(y.sig >> 64);
        u128 num = (u128)xh << 64;
        u128 q = num / yh, rem = num % yh;
        int n = clz128(q);
        r.sig = q << n | (rem != 0);
        r.exp = x.exp - y.exp + 63 - n;
        return r;
    }
    /* Restoring division, one quotient bit a step. */
    u128 rem = x.sig >> 1, d = y.sig >> 1, q = 0;
    r.exp = x.exp - y.exp;
    if (rem < d) {
        rem <<= 1;
        r.exp--;
    }
    for (int i = 0; i < 127; i++) {
        q <<= 1;
        if (rem >= d) {
            rem -= d;
            q |= 1;
        }
        rem <<= 1;
    }
    r.sig = q << 1 | (rem != 0);
    return r;
}

/* sqrt(x) for finite positive x, with p + 2 significant bits and sticky. */
static struct un sqrt_un(struct un x, int p)
{
    /* x = M * 2**(2*e2) with M in [1,4); y = M with two integer bits. */
    u128 y = (x.exp & 1) ? x.sig : x.sig >> 1;
    int32_t e2 = x.exp >> 1; /* floor */
    int n = p + 2;
    u128 root = 0, rem = 0;
    for (int i = 0; i < n; i++) { /* digit by digit, two radicand bits a step */
        rem = rem << 2 | (i < 64 ? (y >> (126 - 2 * i)) & 3 : 0);
        u128 t = root << 2 | 1;
        root <<= 1;
        if (rem >= t) {
            rem -= t;
            root |= 1;
        }
    }
    bool rest = n < 64 && (y & (bit(126 - 2 * (n - 1)) - 1)) != 0;
    struct un r = {.cls = C_NUM, .exp = e2};
    r.sig = root << (128 - n) | (rem != 0 || rest);
    return r;
}

/* --- the operations --------------------------------------------------- */

static u128 add_sub(struct bfp_env *e, const struct fmt *f, u128 a, u128 b, bool sub)
{
    struct un u[2] = {unpack(f, a), unpack(f, b)};
    if (is_nan(&u[0]) || is_nan(&u[1]))
        return nan_result(e, f, 2, (u128[]){a, b}, u);
    struct un x = u[0], y = u[1];
    y.sign ^= sub;
    if (x.cls == C_INF) {
        if (y.cls == C_INF && y.sign != x.sign)
            return invalid(e, f);
        return signed_inf(f, x.sign);
    }
    if (y.cls == C_INF)
        return signed_inf(f, y.sign);
    if (x.cls == C_ZERO && y.cls == C_ZERO)
        return signed_zero(f, x.sign == y.sign ? x.sign : e->rm == BFP_RM);
    if (x.cls == C_ZERO)
        return round_un(e, f, y);
    if (y.cls == C_ZERO)
        return round_un(e, f, x);
    return add_un(e, f, x, y);
}

bfp_u128 bfp_add(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b)
{
    return add_sub(e, &fmts[f], a, b, false);
}

bfp_u128 bfp_sub(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b)
{
    return add_sub(e, &fmts[f], a, b, true);
}

bfp_u128 bfp_mul(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a, bfp_u128 b)
{
    const struct fmt *f = &fmts[ff];
    struct un u[2] = {unpack(f, a), unpack(f, b)};
    if (is_nan(&u[0]) || is_nan(&u[1]))
        return nan_result(e, f, 2, (u128[]){a, b}, u);
    bool s = u[0].sign ^ u[1].sign;
    if (u[0].cls == C_INF || u[1].cls == C_INF) {
        if (u[0].cls == C_ZERO || u[1].cls == C_ZERO)
            return invalid(e, f);
        return signed_inf(f, s);
    }
    if (u[0].cls == C_ZERO || u[1].cls == C_ZERO)
        return signed_zero(f, s);
    return round_un(e, f, mul_un(u[0], u[1]));
}

bfp_u128 bfp_div(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a, bfp_u128 b)
{
    const struct fmt *f = &fmts[ff];
    struct un u[2] = {unpack(f, a), unpack(f, b)};
    if (is_nan(&u[0]) || is_nan(&u[1]))
        return nan_result(e, f, 2, (u128[]){a, b}, u);
    bool s = u[0].sign ^ u[1].sign;
    if (u[0].cls == C_INF) {
        if (u[1].cls == C_INF)
            return invalid(e, f);
        return signed_inf(f, s);
    }
    if (u[1].cls == C_INF)
        return signed_zero(f, s);
    if (u[1].cls == C_ZERO) {
        if (u[0].cls == C_ZERO)
            return invalid(e, f);
        e->flags |= BFP_XZ;
        return signed_inf(f, s);
    }
    if (u[0].cls == C_ZERO)
        return signed_zero(f, s);
    return round_un(e, f, div_un(u[0], u[1], f->p));
}

bfp_u128 bfp_sqrt(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a)
{
    const struct fmt *f = &fmts[ff];
    struct un u = unpack(f, a);
    if (is_nan(&u))
        return nan_result(e, f, 1, &a, &u);
    if (u.cls == C_ZERO)
        return a; /* sqrt(-0) is -0 */
    if (u.sign)
        return invalid(e, f);
    if (u.cls == C_INF)
        return a;
    return round_un(e, f, sqrt_un(u, f->p));
}

bfp_u128 bfp_fma(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a, bfp_u128 b, bfp_u128 c, bool sub)
{
    const struct fmt *f = &fmts[ff];
    struct un u[3] = {unpack(f, a), unpack(f, b), unpack(f, c)};
    if ((u[0].cls == C_INF && u[1].cls == C_ZERO) || (u[0].cls == C_ZERO && u[1].cls == C_INF))
        return invalid(e, f); /* whatever the addend, even a NaN */
    if (is_nan(&u[0]) || is_nan(&u[1]) || is_nan(&u[2]))
        return nan_result(e, f, 3, (u128[]){a, b, c}, u);
    struct un z = u[2];
    z.sign ^= sub;
    bool ps = u[0].sign ^ u[1].sign;
    if (u[0].cls == C_INF || u[1].cls == C_INF) {
        if (z.cls == C_INF && z.sign != ps)
            return invalid(e, f);
        return signed_inf(f, ps);
    }
    if (z.cls == C_INF)
        return signed_inf(f, z.sign);
    if (u[0].cls == C_ZERO || u[1].cls == C_ZERO) {
        if (z.cls == C_ZERO)
            return signed_zero(f, z.sign == ps ? ps : e->rm == BFP_RM);
        return round_un(e, f, z);
    }
    struct un p = mul_un(u[0], u[1]);
    if (z.cls == C_ZERO)
        return round_un(e, f, p);
    return add_un(e, f, p, z);
}

/* A NaN of format `from` in format `to`: the leftmost fraction bits kept. */
static u128 nan_convert(const struct fmt *to, const struct fmt *from, u128 a)
{
    u128 fr = a & frac_mask(from);
    fr = to->p >= from->p ? fr << (to->p - from->p) : fr >> (from->p - to->p);
    bool s = (a >> (from->width - 1)) & 1;
    return signed_zero(to, s) | inf_bits(to) | fr | quiet_bit(to);
}

bfp_u128 bfp_mul_wide(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a, bfp_u128 b)
{
    const struct fmt *f = &fmts[ff], *w = &fmts[ff + 1];
    struct un u[2] = {unpack(f, a), unpack(f, b)};
    if (is_nan(&u[0]) || is_nan(&u[1]))
        return nan_convert(w, f, nan_result(e, f, 2, (u128[]){a, b}, u));
    return bfp_mul(e, ff + 1, bfp_convert(e, ff + 1, ff, a), bfp_convert(e, ff + 1, ff, b));
}

int bfp_compare(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a, bfp_u128 b, bool signaling)
{
    const struct fmt *f = &fmts[ff];
    struct un x = unpack(f, a), y = unpack(f, b);
    if (is_nan(&x) || is_nan(&y)) {
        if (signaling || x.cls == C_SNAN || y.cls == C_SNAN)
            e->flags |= BFP_XI;
        return 3;
    }
    u128 ma = a & ~sign_bit(f), mb = b & ~sign_bit(f);
    if (ma == 0 && mb == 0)
        return 0;
    if (x.sign != y.sign)
        return x.sign ? 1 : 2;
    if (ma == mb)
        return 0;
    return (ma < mb) != x.sign ? 1 : 2;
}

bfp_u128 bfp_convert(struct bfp_env *e, enum bfp_fmt to, enum bfp_fmt from, bfp_u128 a)
{
    const struct fmt *ft = &fmts[to], *ff = &fmts[from];
    struct un u = unpack(ff, a);
    switch (u.cls) {
    case C_SNAN:
        e->flags |= BFP_XI;
        /* fall through */
    case C_QNAN:
        return nan_convert(ft, ff, a);
    case C_INF:
        return signed_inf(ft, u.sign);
    case C_ZERO:
        return signed_zero(ft, u.sign);
    default:
        break;
    }
    if (ft->p >= ff->p) /* lengthening is exact */
        return round_un(e, ft, u);
    return round_pack(e, ft, ff, from == BFP_LONG ? ALPHA_ROUND_LONG : ALPHA_ROUND_EXT, u.sign, u.exp,
                      u.sig);
}

/* |x| rounded to an integer (x finite nonzero, exp < 127). */
static u128 round_int_mag(int rm, struct un x, bool *inexact, bool *inc)
{
    int cmp;
    int32_t shift = x.exp < -1 ? 129 : 127 - x.exp;
    u128 k = split(x.sig, shift, &cmp, inexact);
    *inc = round_up(rm, x.sign, k & 1, cmp, *inexact);
    return k + *inc;
}

bfp_u128 bfp_round_int(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a)
{
    const struct fmt *f = &fmts[ff];
    struct un u = unpack(f, a);
    if (is_nan(&u))
        return nan_result(e, f, 1, &a, &u);
    if (u.cls != C_NUM || u.exp >= f->p - 1)
        return a; /* zero, infinity, or integral already */
    bool inexact, inc;
    u128 m = round_int_mag(e->rm, u, &inexact, &inc);
    u128 r = signed_zero(f, u.sign);
    if (m) {
        int n = clz128(m);
        r = round_pack(e, f, f, f->alpha, u.sign, 127 - n, m << n); /* exact */
    }
    if (inexact)
        e->flags |= BFP_XX;
    e->inc = inc;
    return r;
}

int64_t bfp_to_int(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a, int bits, int *cc)
{
    const struct fmt *f = &fmts[ff];
    struct un u = unpack(f, a);
    const uint64_t max = bits == 64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
    const int64_t min = -(int64_t)max - 1;
    if (u.cls == C_ZERO) {
        *cc = 0;
        return 0;
    }
    bool inexact = false, inc = false;
    u128 m = 0;
    bool range = u.cls == C_NUM && u.exp < 64;
    if (range) {
        m = round_int_mag(e->rm, u, &inexact, &inc);
        range = m <= (u128)max + u.sign;
    }
    if (!range) { /* NaN, infinity, too large: invalid, and inexact */
        e->flags |= BFP_XI | BFP_XX;
        e->inc = false;
        *cc = 3;
        return is_nan(&u) || u.sign ? min : (int64_t)max;
    }
    if (inexact)
        e->flags |= BFP_XX;
    e->inc = inc;
    *cc = u.sign ? 1 : 2;
    return u.sign ? (int64_t)(0 - (uint64_t)m) : (int64_t)(uint64_t)m;
}

bfp_u128 bfp_from_int(struct bfp_env *e, enum bfp_fmt ff, int64_t v)
{
    const struct fmt *f = &fmts[ff];
    if (v == 0)
        return 0;
    bool s = v < 0;
    u128 m = s ? (u128)(0 - (uint64_t)v) : (u128)v;
    int n = clz128(m);
    return round_pack(e, f, f, f->alpha, s, 127 - n, m << n);
}

bfp_u128 bfp_load_test(struct bfp_env *e, enum bfp_fmt ff, bfp_u128 a)
{
    const struct fmt *f = &fmts[ff];
    struct un u = unpack(f, a);
    if (is_nan(&u))
        return nan_result(e, f, 1, &a, &u);
    return a;
}

int bfp_cc(enum bfp_fmt ff, bfp_u128 a)
{
    const struct fmt *f = &fmts[ff];
    struct un u = unpack(f, a);
    if (is_nan(&u))
        return 3;
    if (u.cls == C_ZERO)
        return 0;
    return u.sign ? 1 : 2;
}

unsigned bfp_class(enum bfp_fmt ff, bfp_u128 a)
{
    const struct fmt *f = &fmts[ff];
    struct un u = unpack(f, a);
    unsigned c;
    switch (u.cls) {
    case C_ZERO: c = 0x800; break;
    case C_INF: c = 0x20; break;
    case C_QNAN: c = 0x8; break;
    case C_SNAN: c = 0x2; break;
    default: c = ((a >> (f->p - 1)) & (u128)exp_max_field(f)) ? 0x200 : 0x80; break;
    }
    return c >> u.sign;
}

bfp_u128 bfp_signbit(enum bfp_fmt f)
{
    return sign_bit(&fmts[f]);
}
