/*
 * bfp.h - IEEE binary floating point as the ESA/390 Principles of
 * Operation (SA22-7201, chapter 19 "Binary-Floating-Point Instructions")
 * defines it: short (32-bit), long (64-bit) and extended (128-bit)
 * formats, the four FPC rounding modes and round-to-nearest-ties-away,
 * tininess detected before rounding, the default QNaN with a plus sign,
 * the NaN precedence of the architecture, and the scaled results of
 * trapped overflow and underflow.
 *
 * The arithmetic is done in software on integers (bfp.c), not with the
 * host's floating point: the host detects tininess after rounding, has
 * other default NaNs and no 128-bit format, and a software core gives the
 * same bits on every host.  The instruction handlers that use it are in
 * insn_bfp.c.inc; the FPC and the traps are theirs.
 *
 * Values travel as right-aligned bit patterns in a bfp_u128: short in the
 * low 32 bits, long in the low 64, extended in all 128.
 */
#ifndef CPCMS_BFP_H
#define CPCMS_BFP_H

#include <stdbool.h>
#include <stdint.h>

__extension__ typedef unsigned __int128 bfp_u128;

enum bfp_fmt { BFP_SHORT, BFP_LONG, BFP_EXT };

/* Rounding methods; 0-3 are also the FPC rounding-mode values. */
enum bfp_rm { BFP_RNE = 0, BFP_RZ = 1, BFP_RP = 2, BFP_RM = 3, BFP_RNA = 4 };

/* IEEE exceptions, in their bit positions in the FPC mask and flag bytes
   and in the data-exception code. */
#define BFP_XI 0x80 /* invalid operation */
#define BFP_XZ 0x40 /* division by zero */
#define BFP_XO 0x20 /* overflow */
#define BFP_XU 0x10 /* underflow */
#define BFP_XX 0x08 /* inexact */

/*
 * The environment of one operation.  In: the rounding method and the
 * exceptions whose FPC mask bit is one (the core needs them: a trapped
 * underflow is recognized on tininess alone, and trapped overflow and
 * underflow deliver a scaled result).  Out: the exceptions recognized, and
 * whether rounding increased the magnitude (for the DXC).
 */
struct bfp_env {
    uint8_t rm;
    uint8_t traps;
    uint8_t flags;
    bool inc;
};

/* Did the operation end in a trapped overflow or underflow, so that the
   result is the scaled one? */
static inline bool bfp_scaled(const struct bfp_env *e)
{
    return (e->flags & e->traps & (BFP_XO | BFP_XU)) != 0;
}

bfp_u128 bfp_add(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b);
bfp_u128 bfp_sub(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b);
bfp_u128 bfp_mul(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b);
bfp_u128 bfp_div(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b);
bfp_u128 bfp_sqrt(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a);
/* a * b + c (sub: a * b - c), rounded once.  As MULTIPLY AND ADD uses it,
   a is the third operand, b the second and c the first: that is the order
   in which NaN operands take precedence. */
bfp_u128 bfp_fma(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b, bfp_u128 c, bool sub);
/* a * b in format f, the exact product in the next longer format
   (MULTIPLY short to long, long to extended). */
bfp_u128 bfp_mul_wide(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b);

/* Condition code of a comparison: 0 equal, 1 a low, 2 a high, 3
   unordered.  A signaling comparison signals invalid on any NaN, a quiet
   one on SNaNs only. */
int bfp_compare(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, bfp_u128 b, bool signaling);

/* LOAD LENGTHENED and LOAD ROUNDED.  A trapped overflow or underflow of a
   rounding gives the value rounded to the precision of `to`, scaled by
   2**-512 / 2**512 (long source) or 2**-8192 / 2**8192 (extended source)
   and left in the format `from`. */
bfp_u128 bfp_convert(struct bfp_env *e, enum bfp_fmt to, enum bfp_fmt from, bfp_u128 a);
/* LOAD FP INTEGER: a rounded to an integral value. */
bfp_u128 bfp_round_int(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a);
/* CONVERT TO FIXED (bits 32 or 64): the integer, and the condition code
   in *cc (0 zero, 1 negative, 2 positive, 3 NaN or out of range, which
   is invalid and gives the largest number of the sign, -max for NaN). */
int64_t bfp_to_int(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a, int bits, int *cc);
/* CONVERT FROM FIXED. */
bfp_u128 bfp_from_int(struct bfp_env *e, enum bfp_fmt f, int64_t v);
/* LOAD AND TEST: a, an SNaN made quiet (and invalid signaled). */
bfp_u128 bfp_load_test(struct bfp_env *e, enum bfp_fmt f, bfp_u128 a);

/* Condition code of a result: 0 zero, 1 less than zero, 2 greater, 3 NaN. */
int bfp_cc(enum bfp_fmt f, bfp_u128 a);
/* The TEST DATA CLASS bit of a: X'800' +0, X'400' -0, X'200' +normal,
   X'100' -normal, X'80' +subnormal, X'40' -subnormal, X'20' +inf,
   X'10' -inf, 8 +QNaN, 4 -QNaN, 2 +SNaN, 1 -SNaN. */
unsigned bfp_class(enum bfp_fmt f, bfp_u128 a);
/* The sign bit of format f. */
bfp_u128 bfp_signbit(enum bfp_fmt f);

#endif
