/*
 * test_hfp_model.c - the hexadecimal floating-point instructions against a
 * reference model, bit for bit, on random operands.
 *
 * The model works the way the Principles of Operation (GA22-7000 chapter
 * 9) describes it, on arrays of hex digits: alignment with a guard digit,
 * digit-serial add and subtract, schoolbook multiplication, long division
 * one quotient digit at a time, shifting one bit for HALVE, adding one in a
 * bit position for LOAD ROUNDED.  It shares no code with the machine.  For
 * SQUARE ROOT the result is checked against its defining property instead.
 *
 * Operands are chosen to hit the edges: characteristics equal or a few
 * apart (alignment past the guard digit), near 0 and 127 (underflow,
 * overflow), unnormalized and zero fractions, equal fractions (total
 * cancellation, significance), all-F fractions (carries), with every
 * setting of the exponent-underflow and significance masks.
 */
#include "testutil.h"

/* --- the reference model --------------------------------------------------- */

#define RD 64
struct rf {
    int neg, ch, n;  /* sign, characteristic (any int), digits */
    uint8_t d[RD];   /* d[0] is the leftmost fraction digit */
};

struct res {
    struct rf v;
    int pgm;         /* interruption after completion, or 0 */
    bool suppress;   /* the interruption suppresses: nothing changes */
};

static struct rf rf_bits(uint64_t hi, uint64_t lo, int n)
{
    struct rf x = {(int)(hi >> 63), (int)(hi >> 56 & 0x7F), n, {0}};
    for (int i = 0; i < n; i++) {
        uint64_t w = i < 14 ? hi : lo;
        x.d[i] = (uint8_t)(w >> (4 * (13 - i % 14)) & 15);
    }
    return x;
}
static struct rf rf_short(uint32_t w) { return rf_bits((uint64_t)w << 32, 0, 6); }
static struct rf rf_long(uint64_t v) { return rf_bits(v, 0, 14); }
static struct rf rf_ext(uint64_t hi, uint64_t lo) { return rf_bits(hi, lo, 28); }

/* Pack: the high part (and for 28 digits the low part, whose sign is the
   high part's and characteristic 14 less unless all is zero). */
static void rf_pack(const struct rf *x, uint64_t *hi, uint64_t *lo)
{
    assert_true(x->ch >= 0 && x->ch <= 127);
    *hi = (uint64_t)x->neg << 63 | (uint64_t)x->ch << 56;
    *lo = 0;
    for (int i = 0; i < x->n; i++) {
        if (i < 14)
            *hi |= (uint64_t)x->d[i] << (4 * (13 - i));
        else
            *lo |= (uint64_t)x->d[i] << (4 * (27 - i));
    }
    if (x->n == 28 && (*hi || *lo))
        *lo |= (uint64_t)x->neg << 63 | (uint64_t)((x->ch - 14) & 0x7F) << 56;
}

static bool rf_iszero(const struct rf *x)
{
    for (int i = 0; i < x->n; i++)
        if (x->d[i])
            return false;
    return true;
}

static struct rf rf_zero(int n) { return (struct rf){0, 0, n, {0}}; }

static void rf_norm(struct rf *x)
{
    if (rf_iszero(x))
        return;
    while (x->d[0] == 0) {
        memmove(x->d, x->d + 1, (size_t)x->n - 1);
        x->d[x->n - 1] = 0;
        x->ch--;
    }
}

/* Final characteristic of a nonzero result (GA22-7000: exponent overflow
   and underflow). */
static int rf_range(struct rf *x, unsigned mask)
{
    if (x->ch > 127) {
        x->ch -= 128;
        return PGM_EXPONENT_OVERFLOW;
    }
    if (x->ch < 0) {
        if (mask & PM_EXPUNDER) {
            x->ch += 128;
            return PGM_EXPONENT_UNDERFLOW;
        }
        *x = rf_zero(x->n);
    }
    return 0;
}

/* Compare digit arrays of length len, most significant first. */
static int digcmp(const uint8_t *a, const uint8_t *b, int len)
{
    for (int i = 0; i < len; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

/*
 * The intermediate sum x + y: S[0] the carry digit, S[1..n] the fraction,
 * S[n+1] the guard digit.  The operand with the smaller characteristic is
 * placed shifted right; digits past the guard digit are not placed at all.
 */
static void rf_sum(const struct rf *x, const struct rf *y, uint8_t *S, int *e, int *neg)
{
    const struct rf *big = x, *small = y;
    if (y->ch > x->ch)
        big = y, small = x;
    int n = x->n, sh = big->ch - small->ch;
    uint8_t A[RD + 2] = {0}, B[RD + 2] = {0};
    for (int i = 0; i < n; i++) {
        A[1 + i] = big->d[i];
        if (1 + i + sh <= n + 1)
            B[1 + i + sh] = small->d[i];
    }
    *e = big->ch;
    const uint8_t *P = A, *Q = B;
    *neg = big->neg;
    if (big->neg != small->neg && digcmp(A, B, n + 2) < 0) {
        P = B, Q = A;
        *neg = small->neg;
    }
    int carry = 0;
    for (int i = n + 1; i >= 0; i--) {
        int v = big->neg == small->neg ? P[i] + Q[i] + carry : P[i] - Q[i] - carry;
        carry = big->neg == small->neg ? v >> 4 : v < 0;
        S[i] = (uint8_t)(v & 15);
    }
}

static struct res rf_add(const struct rf *x, const struct rf *y, bool normalize, unsigned mask)
{
    int n = x->n, e, neg;
    uint8_t S[RD + 2];
    rf_sum(x, y, S, &e, &neg);
    if (S[0]) {
        memmove(S + 1, S, (size_t)n + 1);
        S[0] = 0;
        e++;
    }
    struct res r = {{neg, e, n, {0}}, 0, false};
    bool zero = normalize ? digcmp(S, (uint8_t[RD + 2]){0}, n + 2) == 0
                          : digcmp(S + 1, (uint8_t[RD + 2]){0}, n) == 0;
    if (zero) {
        r.v = rf_zero(n);
        if (mask & PM_SIGNIF) {
            r.v.ch = e;
            r.pgm = PGM_SIGNIFICANCE;
        }
        return r;
    }
    if (normalize) {
        while (S[1] == 0) {
            memmove(S + 1, S + 2, (size_t)n);
            S[n + 1] = 0;
            r.v.ch--;
        }
    }
    memcpy(r.v.d, S + 1, (size_t)n);
    r.pgm = rf_range(&r.v, mask);
    return r;
}

static int rf_cmp(const struct rf *x, const struct rf *y)
{
    struct rf m = *y;
    m.neg = !m.neg;
    int e, neg;
    uint8_t S[RD + 2], Z[RD + 2] = {0};
    rf_sum(x, &m, S, &e, &neg);
    return digcmp(S, Z, x->n + 2) == 0 ? 0 : neg ? 1 : 2;
}

/* x * y with the result fraction nout digits long. */
static struct res rf_mul(struct rf x, struct rf y, int nout, unsigned mask)
{
    struct res r = {rf_zero(nout), 0, false};
    if (rf_iszero(&x) || rf_iszero(&y))
        return r;
    rf_norm(&x);
    rf_norm(&y);
    int n = x.n, P[2 * RD] = {0};
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            P[i + j + 1] += x.d[i] * y.d[j];
    for (int k = 2 * n - 1; k > 0; k--) {
        P[k - 1] += P[k] / 16;
        P[k] %= 16;
    }
    r.v.ch = x.ch + y.ch - 64;
    if (P[0] == 0) {
        memmove(P, P + 1, sizeof P - sizeof P[0]);
        r.v.ch--;
    }
    for (int i = 0; i < nout && i < 2 * n; i++)
        r.v.d[i] = (uint8_t)P[i];
    r.v.neg = x.neg != y.neg;
    r.pgm = rf_range(&r.v, mask);
    return r;
}

/* x / y: long division, one quotient digit at a time. */
static struct res rf_div(struct rf x, struct rf y, unsigned mask)
{
    int n = x.n;
    struct res r = {rf_zero(n), 0, false};
    if (rf_iszero(&y)) {
        r.pgm = PGM_FLOAT_DIVIDE;
        r.suppress = true;
        return r;
    }
    if (rf_iszero(&x))
        return r;
    rf_norm(&x);
    rf_norm(&y);
    r.v.ch = x.ch - y.ch + 64;
    int k = n;
    if (digcmp(x.d, y.d, n) >= 0) { /* dividend shifted right one digit */
        k = n - 1;
        r.v.ch++;
    }
    uint8_t R[RD + 1] = {0}, Y[RD + 1] = {0}, Q[2 * RD];
    memcpy(Y + 1, y.d, (size_t)n);
    for (int step = 0; step < n + k; step++) {
        memmove(R, R + 1, (size_t)n);
        R[n] = step < n ? x.d[step] : 0;
        int q = 0;
        while (digcmp(R, Y, n + 1) >= 0) {
            int borrow = 0;
            for (int i = n; i >= 0; i--) {
                int v = R[i] - Y[i] - borrow;
                borrow = v < 0;
                R[i] = (uint8_t)(v & 15);
            }
            q++;
        }
        assert_true(q < 16);
        Q[step] = (uint8_t)q;
    }
    memcpy(r.v.d, Q + k, (size_t)n);
    r.v.neg = x.neg != y.neg;
    r.pgm = rf_range(&r.v, mask);
    return r;
}

/* HALVE: shift right one bit into the guard digit, then normalize. */
static struct res rf_halve(const struct rf *x, unsigned mask)
{
    int n = x->n;
    uint8_t D[RD + 1] = {0};
    memcpy(D, x->d, (size_t)n);
    int bit = 0;
    for (int i = 0; i <= n; i++) {
        int nb = D[i] & 1;
        D[i] = (uint8_t)(bit << 3 | D[i] >> 1);
        bit = nb;
    }
    struct res r = {rf_zero(n), 0, false};
    if (digcmp(D, (uint8_t[RD + 1]){0}, n + 1) == 0)
        return r;
    r.v.neg = x->neg;
    r.v.ch = x->ch;
    while (D[0] == 0) {
        memmove(D, D + 1, (size_t)n);
        D[n] = 0;
        r.v.ch--;
    }
    memcpy(r.v.d, D, (size_t)n);
    r.pgm = rf_range(&r.v, mask);
    return r;
}

/* LOAD ROUNDED to m digits: add one in the leftmost bit of digit m. */
static struct res rf_round(const struct rf *x, int m)
{
    struct res r = {{x->neg, x->ch, m, {0}}, 0, false};
    memcpy(r.v.d, x->d, (size_t)m);
    int carry = x->d[m] >= 8;
    for (int i = m - 1; i >= 0 && carry; i--) {
        int v = r.v.d[i] + carry;
        r.v.d[i] = (uint8_t)(v & 15);
        carry = v >> 4;
    }
    if (carry) {
        memmove(r.v.d + 1, r.v.d, (size_t)m - 1);
        r.v.d[0] = 1;
        if (++r.v.ch > 127) {
            r.v.ch -= 128;
            r.pgm = PGM_EXPONENT_OVERFLOW;
        }
    }
    return r;
}

/* --- random operands ------------------------------------------------------- */

static uint64_t rnd_state = 0x243F6A8885A308D3ull;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}
static int rndn(int k) { return (int)(rnd() % (uint64_t)k); }

/* An operand of n digits, often related to `other` (may be NULL). */
static struct rf gen(int n, const struct rf *other)
{
    struct rf x = {(int)(rnd() & 1), 0, n, {0}};
    int pick = rndn(100);
    if (other && pick < 30)
        x.ch = other->ch + rndn(9) - 4;
    else if (other && pick < 40)
        x.ch = other->ch + (rnd() & 1 ? 1 : -1) * (n - 1 + rndn(4));
    else if (pick < 50)
        x.ch = rndn(12);
    else if (pick < 60)
        x.ch = 116 + rndn(12);
    else
        x.ch = rndn(128);
    x.ch = x.ch < 0 ? 0 : x.ch > 127 ? 127 : x.ch;
    for (int i = 0; i < n; i++)
        x.d[i] = (uint8_t)(rnd() & 15);
    int f = rndn(100);
    if (f < 4) {
        memset(x.d, 0, (size_t)n);
    } else if (f < 10) {
        memset(x.d, 15, (size_t)n);
    } else if (other && f < 35) {
        memcpy(x.d, other->d, (size_t)n);
        for (int k = rndn(3); k > 0; k--)
            x.d[n - 1 - rndn(3)] = (uint8_t)(rnd() & 15);
    }
    if (rndn(4) == 0) {
        int z = rndn(n + 1);
        memset(x.d, 0, (size_t)z);
    }
    return x;
}

/* --- running one instruction ---------------------------------------------- */

static struct machine *M;

struct outcome {
    uint64_t fpr[16];
    int cc, pgm;
};

/* Run the instruction (len bytes) with the program mask; the CC starts at 3
   so that instructions which leave it alone can be checked. */
static struct outcome run(const uint8_t *insn, int len, unsigned mask)
{
    uint8_t psw[8] = {0x00, 0x08, (uint8_t)(0x30 | mask), 0, 0, 0, 0, 0};
    put32(psw + 4, TM_CODE);
    psw_load(&M->cpu, psw);
    memcpy(M->mem + TM_CODE, insn, (size_t)len);
    tm_clear_pgm(M);
    tm_step(M, 1);
    struct outcome o = {{0}, M->cpu.psw.cc, 0};
    memcpy(o.fpr, M->cpu.fpr, sizeof o.fpr);
    if (tm_took_pgm(M)) {
        o.pgm = tm_pgm_code(M);
        assert_int_equal(tm_pgm_ilc(M), len / 2);
        assert_int_equal(tm_pgm_old_ia(M), TM_CODE + len);
        o.cc = M->mem[0x2A] >> 4 & 3; /* the CC in the old PSW */
    } else {
        assert_int_equal(M->cpu.psw.ia, TM_CODE + len);
    }
    return o;
}

static void junk_fprs(void)
{
    for (int i = 0; i < 16; i++)
        M->cpu.fpr[i] = rnd();
}

static void put_rf(unsigned r, const struct rf *x)
{
    uint64_t hi, lo;
    rf_pack(x, &hi, &lo);
    if (x->n == 6)
        M->cpu.fpr[r] = (M->cpu.fpr[r] & 0xFFFFFFFFu) | (hi & 0xFFFFFFFF00000000ull);
    else
        M->cpu.fpr[r] = hi;
    if (x->n == 28)
        M->cpu.fpr[r + 2] = lo;
}

static struct rf get_rf(const uint64_t *fpr, unsigned r, int n)
{
    if (n == 6)
        return rf_short((uint32_t)(fpr[r] >> 32));
    if (n == 14)
        return rf_long(fpr[r]);
    return rf_ext(fpr[r], fpr[r + 2]);
}

/* Storage operand at X'800' for the RX forms (D2 = X'800', X2 = B2 = 0). */
static void put_mem(const struct rf *x)
{
    uint64_t hi, lo;
    rf_pack(x, &hi, &lo);
    if (x->n == 6)
        tm_wr32(M, 0x800, (uint32_t)(hi >> 32));
    else
        tm_wr64(M, 0x800, hi);
}

/* Expected registers: `before` with the result placed in R1 as `n` digits. */
static void expect(const uint64_t *before, const struct outcome *o, unsigned r1,
                   const struct res *want, int cc)
{
    uint64_t e[16];
    memcpy(e, before, sizeof e);
    if (!want->suppress) {
        uint64_t hi, lo;
        rf_pack(&want->v, &hi, &lo);
        if (want->v.n == 6) {
            e[r1] = (e[r1] & 0xFFFFFFFFu) | (hi & 0xFFFFFFFF00000000ull);
        } else {
            e[r1] = hi;
            if (want->v.n == 28)
                e[r1 + 2] = lo;
        }
    }
    for (int i = 0; i < 16; i++)
        if (o->fpr[i] != e[i])
            fail_msg("FPR%d = %016llx, want %016llx", i, (unsigned long long)o->fpr[i],
                     (unsigned long long)e[i]);
    assert_int_equal(o->pgm, want->pgm);
    assert_int_equal(o->cc, cc);
}

static int res_cc(const struct res *r)
{
    return rf_iszero(&r->v) ? 0 : r->v.neg ? 1 : 2;
}

/* Registers: any of 0, 2, 4, 6 for short and long, 0 or 4 for extended. */
static unsigned pick_reg(int n) { return n == 28 ? 4 * (unsigned)rndn(2) : 2 * (unsigned)rndn(4); }

enum kind { ADD, CMP, MUL, DIV, HALVE, ROUND };

/*
 * One random case of an instruction: op (and for RRE the second byte sub),
 * operand digits n, result digits nout (MUL, ROUND), RX or RR, and what it
 * does.  Both operands come from registers for RR (they may be the same
 * register), the second from storage for RX.
 */
static void one(enum kind k, uint8_t op, int sub, int n, int nout, bool rx, bool sub_op, bool normalize)
{
    unsigned mask = (unsigned)rndn(16);
    junk_fprs();
    unsigned r1 = k == MUL && nout == 28 ? 4 * (unsigned)rndn(2) : pick_reg(k == ROUND ? nout : n);
    unsigned r2 = pick_reg(n);
    struct rf x = gen(n, NULL), y = gen(n, &x);
    if (k == ROUND) {
        put_rf(r2, &y);
    } else {
        put_rf(r1, &x);
        if (rx)
            put_mem(&y);
        else
            put_rf(r2, &y);
    }
    /* What the instruction sees (R1 and R2 may be the same register). */
    x = get_rf(M->cpu.fpr, r1, n);
    if (!rx)
        y = get_rf(M->cpu.fpr, r2, n);
    uint64_t before[16];
    memcpy(before, M->cpu.fpr, sizeof before);

    uint8_t insn[4];
    int len;
    if (sub >= 0) {
        insn[0] = op, insn[1] = (uint8_t)sub, insn[2] = 0, insn[3] = (uint8_t)(r1 << 4 | r2);
        len = 4;
    } else if (rx) {
        insn[0] = op, insn[1] = (uint8_t)(r1 << 4), insn[2] = 0x08, insn[3] = 0x00;
        len = 4;
    } else {
        insn[0] = op, insn[1] = (uint8_t)(r1 << 4 | r2);
        len = 2;
    }
    struct outcome o = run(insn, len, mask);

    struct res want;
    int cc = 3;
    struct rf ym = y;
    if (sub_op)
        ym.neg = !ym.neg;
    switch (k) {
    case ADD:
        want = rf_add(&x, &ym, normalize, mask);
        cc = res_cc(&want);
        break;
    case CMP:
        want = (struct res){x, 0, true};
        cc = rf_cmp(&x, &y);
        break;
    case MUL:
        want = rf_mul(x, y, nout, mask);
        break;
    case DIV:
        want = rf_div(x, y, mask);
        break;
    case HALVE:
        want = rf_halve(&y, mask);
        break;
    case ROUND:
        want = rf_round(&y, nout);
        break;
    }
    if (want.suppress && k != CMP)
        cc = 3;
    expect(before, &o, r1, &want, cc);
}

#define ITERS 20000

static void add_short(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(ADD, 0x3A, -1, 6, 6, false, false, true);   /* AER */
        one(ADD, 0x3B, -1, 6, 6, false, true, true);    /* SER */
        one(ADD, 0x3E, -1, 6, 6, false, false, false);  /* AUR */
        one(ADD, 0x3F, -1, 6, 6, false, true, false);   /* SUR */
        one(ADD, 0x7A, -1, 6, 6, true, false, true);    /* AE */
        one(ADD, 0x7B, -1, 6, 6, true, true, true);     /* SE */
        one(ADD, 0x7E, -1, 6, 6, true, false, false);   /* AU */
        one(ADD, 0x7F, -1, 6, 6, true, true, false);    /* SU */
    }
}

static void add_long(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(ADD, 0x2A, -1, 14, 14, false, false, true); /* ADR */
        one(ADD, 0x2B, -1, 14, 14, false, true, true);  /* SDR */
        one(ADD, 0x2E, -1, 14, 14, false, false, false);/* AWR */
        one(ADD, 0x2F, -1, 14, 14, false, true, false); /* SWR */
        one(ADD, 0x6A, -1, 14, 14, true, false, true);  /* AD */
        one(ADD, 0x6B, -1, 14, 14, true, true, true);   /* SD */
        one(ADD, 0x6E, -1, 14, 14, true, false, false); /* AW */
        one(ADD, 0x6F, -1, 14, 14, true, true, false);  /* SW */
    }
}

static void add_extended(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(ADD, 0x36, -1, 28, 28, false, false, true); /* AXR */
        one(ADD, 0x37, -1, 28, 28, false, true, true);  /* SXR */
    }
}

static void compare(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(CMP, 0x39, -1, 6, 6, false, false, true);   /* CER */
        one(CMP, 0x79, -1, 6, 6, true, false, true);    /* CE */
        one(CMP, 0x29, -1, 14, 14, false, false, true); /* CDR */
        one(CMP, 0x69, -1, 14, 14, true, false, true);  /* CD */
    }
}

static void multiply(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(MUL, 0x3C, -1, 6, 14, false, false, true);  /* MER */
        one(MUL, 0x7C, -1, 6, 14, true, false, true);   /* ME */
        one(MUL, 0x2C, -1, 14, 14, false, false, true); /* MDR */
        one(MUL, 0x6C, -1, 14, 14, true, false, true);  /* MD */
        one(MUL, 0x27, -1, 14, 28, false, false, true); /* MXDR */
        one(MUL, 0x67, -1, 14, 28, true, false, true);  /* MXD */
        one(MUL, 0x26, -1, 28, 28, false, false, true); /* MXR */
    }
}

static void divide(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(DIV, 0x3D, -1, 6, 6, false, false, true);   /* DER */
        one(DIV, 0x7D, -1, 6, 6, true, false, true);    /* DE */
        one(DIV, 0x2D, -1, 14, 14, false, false, true); /* DDR */
        one(DIV, 0x6D, -1, 14, 14, true, false, true);  /* DD */
        if (i % 4 == 0)
            one(DIV, 0xB2, 0x2D, 28, 28, false, false, true); /* DXR */
    }
}

static void halve_and_round(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        one(HALVE, 0x34, -1, 6, 6, false, false, true);   /* HER */
        one(HALVE, 0x24, -1, 14, 14, false, false, true); /* HDR */
        one(ROUND, 0x35, -1, 14, 6, false, false, true);  /* LRER */
        one(ROUND, 0x25, -1, 28, 14, false, false, true); /* LRDR */
    }
}

/* SQUARE ROOT: R is the root rounded iff (2R-1)^2 <= 4N < (2R+1)^2, with
   N the normalized operand's fraction scaled to an even exponent. */
static void square_root(void **state)
{
    (void)state;
    for (int i = 0; i < ITERS; i++) {
        bool lng = i & 1;
        int n = lng ? 14 : 6;
        junk_fprs();
        struct rf x = gen(n, NULL);
        x.neg = rndn(8) == 0;
        put_rf(4, &x);
        uint64_t before[16];
        memcpy(before, M->cpu.fpr, sizeof before);
        uint8_t insn[4] = {0xB2, lng ? 0x44 : 0x45, 0, 0x24};
        struct outcome o = run(insn, 4, (unsigned)rndn(16));
        struct rf r = get_rf(o.fpr, 2, n);
        assert_int_equal(o.cc, 3);
        if (rf_iszero(&x)) {
            assert_int_equal(o.pgm, 0);
            assert_true(rf_iszero(&r) && r.ch == 0 && r.neg == 0);
        } else if (x.neg) {
            assert_int_equal(o.pgm, PGM_SQUARE_ROOT);
            assert_memory_equal(o.fpr, before, sizeof before);
            continue;
        } else {
            assert_int_equal(o.pgm, 0);
            rf_norm(&x);
            int p = x.ch - 64, odd = p & 1;
            unsigned __int128 N = 0, R = 0;
            for (int j = 0; j < n; j++) {
                N = N << 4 | x.d[j];
                R = R << 4 | r.d[j];
            }
            N <<= 4 * (n - odd);
            assert_int_equal(r.neg, 0);
            assert_int_equal(r.ch, (p + odd) / 2 + 64);
            assert_true(r.d[0] != 0);
            assert_true((2 * R - 1) * (2 * R - 1) <= 4 * N);
            assert_true(4 * N < (2 * R + 1) * (2 * R + 1));
        }
        /* Everything else unchanged (short: the right half of R1 too). */
        for (int j = 0; j < 16; j++)
            if (j != 2)
                assert_true(o.fpr[j] == before[j]);
        if (!lng)
            assert_true((uint32_t)o.fpr[2] == (uint32_t)before[2]);
    }
}

static int setup(void **state)
{
    (void)state;
    M = tm_new();
    return 0;
}
static int teardown(void **state)
{
    (void)state;
    machine_free(M);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(add_short),
        cmocka_unit_test(add_long),
        cmocka_unit_test(add_extended),
        cmocka_unit_test(compare),
        cmocka_unit_test(multiply),
        cmocka_unit_test(divide),
        cmocka_unit_test(halve_and_round),
        cmocka_unit_test(square_root),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
