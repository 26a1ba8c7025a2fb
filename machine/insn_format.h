/*
 * insn_format.h - instruction formats, declared once with their bit
 * positions (GA22-7000, "Instruction Formats"; the extension formats as in
 * the ESA/390 Principles of Operation, SA22-7201).
 *
 * Each format has a struct of operands, which the dispatcher forms (from
 * the instruction's fields, kept decoded in struct pinsn) and passes to
 * the handler, which holds only the operation.
 */
#ifndef CPCMS_INSN_FORMAT_H
#define CPCMS_INSN_FORMAT_H

#include "cpu.h"

/*
 * An instruction's fields, as the predecoded instruction cache keeps them
 * (cpu_exec.c): one struct for every format, filled by fields_FMT() from
 * the instruction's bytes, the only place that knows where each field
 * sits.  A base or index register 0 is kept as 16, which names
 * cpu->gr_z[16], always 0, so that forming an address needs no test.
 * The cache's own members (op, raw, ia) are filled by cpu_exec.c.
 */
struct pinsn {
    void *op;           /* the run loop's case for it */
    uint64_t raw;       /* its bytes, as insn_raw() loads them */
    uint32_t ia;        /* its logical address */
    uint8_t r1, r2, r3; /* registers (RRF's M3, RRD's R3 in r3) */
    uint8_t x2;         /* index register, 16 for none */
    uint8_t b1, b2;     /* base registers, 16 for none */
    uint8_t l1, l2;     /* SS lengths; SI's I2 in l1 */
    union {
        struct { uint16_t d1, d2; }; /* displacements */
        int32_t i2;     /* RI, RIL, RSI immediates */
    };
};

/* A base or index register field: 0 names the zero register. */
static ALWAYS_INLINE uint8_t reg_or_z(unsigned r)
{
    return (uint8_t)(r ? r : 16);
}
#define D12(p) ((uint16_t)(((p)[0] & 15) << 8 | (p)[1]))

/* Where each format keeps its fields (GA22-7000, "Instruction Formats"). */
static ALWAYS_INLINE void fields_E(struct pinsn *f, const uint8_t *ip)
{ (void)f; (void)ip; }
static ALWAYS_INLINE void fields_RR(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[1] >> 4, f->r2 = ip[1] & 15; }
static ALWAYS_INLINE void fields_RX(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[1] >> 4, f->x2 = reg_or_z(ip[1] & 15), f->b2 = reg_or_z(ip[2] >> 4), f->d2 = D12(ip + 2); }
static ALWAYS_INLINE void fields_RS(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[1] >> 4, f->r3 = ip[1] & 15, f->b2 = reg_or_z(ip[2] >> 4), f->d2 = D12(ip + 2); }
static ALWAYS_INLINE void fields_SI(struct pinsn *f, const uint8_t *ip)
{ f->l1 = ip[1], f->b1 = reg_or_z(ip[2] >> 4), f->d1 = D12(ip + 2); }
static ALWAYS_INLINE void fields_S(struct pinsn *f, const uint8_t *ip)
{ f->b2 = reg_or_z(ip[2] >> 4), f->d2 = D12(ip + 2); }
static ALWAYS_INLINE void fields_SS(struct pinsn *f, const uint8_t *ip)
{
    f->l1 = ip[1], f->b1 = reg_or_z(ip[2] >> 4), f->d1 = D12(ip + 2);
    f->b2 = reg_or_z(ip[4] >> 4), f->d2 = D12(ip + 4);
}
static ALWAYS_INLINE void fields_SS2(struct pinsn *f, const uint8_t *ip)
{ fields_SS(f, ip); f->l1 = ip[1] >> 4, f->l2 = ip[1] & 15; }
static ALWAYS_INLINE void fields_RI(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[1] >> 4, f->i2 = (int16_t)be16(ip + 2); }
static ALWAYS_INLINE void fields_RIL(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[1] >> 4, f->i2 = (int32_t)be32(ip + 2); }
static ALWAYS_INLINE void fields_RSI(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[1] >> 4, f->r3 = ip[1] & 15, f->i2 = (int16_t)be16(ip + 2); }
static ALWAYS_INLINE void fields_RRE(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[3] >> 4, f->r2 = ip[3] & 15; }
static ALWAYS_INLINE void fields_RRF(struct pinsn *f, const uint8_t *ip)
{ fields_RRE(f, ip); f->r3 = ip[2] >> 4; }
/* RRD: R1 in bits 16-19, R3 in 24-27, R2 in 28-31 (ESA/390 calls it RRF). */
static ALWAYS_INLINE void fields_RRD(struct pinsn *f, const uint8_t *ip)
{ f->r1 = ip[2] >> 4, f->r3 = ip[3] >> 4, f->r2 = ip[3] & 15; }
static ALWAYS_INLINE void fields_RXE(struct pinsn *f, const uint8_t *ip)
{ fields_RX(f, ip); }
/* RXF: R3 in bits 8-11, R1 in 32-35. */
static ALWAYS_INLINE void fields_RXF(struct pinsn *f, const uint8_t *ip)
{ fields_RX(f, ip); f->r3 = ip[1] >> 4, f->r1 = ip[4] >> 4; }
static ALWAYS_INLINE void fields_RSE(struct pinsn *f, const uint8_t *ip)
{ fields_RS(f, ip); }
static ALWAYS_INLINE void fields_SSE(struct pinsn *f, const uint8_t *ip)
{ fields_SS(f, ip); }

/* The operands a handler receives, by format.  Addresses are effective
   24-bit addresses, formed from the registers as they are now. */
struct fmt_E { int unused; };
struct fmt_RR { unsigned r1, r2; };
struct fmt_RX { unsigned r1; uint32_t ea; };
struct fmt_RS { unsigned r1, r3; uint32_t ea; };
struct fmt_SI { uint8_t i2; uint32_t ea; };
struct fmt_S { uint32_t ea; };
struct fmt_SS { unsigned l; uint32_t ea1, ea2; };        /* one 8-bit length */
struct fmt_SS2 { unsigned l1, l2; uint32_t ea1, ea2; };  /* two 4-bit lengths */
struct fmt_RI { unsigned r1; int32_t i2; uint32_t rel; }; /* rel: REL() */
struct fmt_RIL { unsigned r1; int32_t i2; uint32_t rel; };
struct fmt_RSI { unsigned r1, r3; int32_t i2; uint32_t rel; };
struct fmt_RRE { unsigned r1, r2; };
struct fmt_RRF { unsigned r1, r2, r3; };  /* r3 doubles as M3 / M4 */
struct fmt_RRD { unsigned r1, r3, r2; };  /* MULTIPLY AND ADD: R1 in byte 2 */
struct fmt_RXE { unsigned r1; uint32_t ea; };
struct fmt_RXF { unsigned r1, r3; uint32_t ea; };
struct fmt_RSE { unsigned r1, r3; uint32_t ea; };
struct fmt_SSE { uint32_t ea1, ea2; };

/* Base + displacement, index + base + displacement; the relative address
   of RI, RIL and RSI: I2 halfwords from the instruction's own address
   (which, for the target of EXECUTE, is the target's). */
#define GZ(c, r) ((c)->gr_z[r])
#define EA_BD(c, b, d) ((GZ(c, b) + (d)) & AMASK24)
#define EA_XBD(c, x, b, d) ((GZ(c, x) + GZ(c, b) + (d)) & AMASK24)
#define REL(f) (((f)->ia + 2 * (uint32_t)(f)->i2) & AMASK24)

/* The operands from an instruction's fields. */
static ALWAYS_INLINE struct fmt_E ops_E(const struct cpu *c, const struct pinsn *f)
{ (void)c; (void)f; return (struct fmt_E){0}; }
static ALWAYS_INLINE struct fmt_RR ops_RR(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RR){f->r1, f->r2}; }
static ALWAYS_INLINE struct fmt_RX ops_RX(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_RX){f->r1, EA_XBD(c, f->x2, f->b2, f->d2)}; }
/* RX with X2 = 0 (the run loop's variant for it). */
static ALWAYS_INLINE struct fmt_RX ops_RX0(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_RX){f->r1, EA_BD(c, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_RS ops_RS(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_RS){f->r1, f->r3, EA_BD(c, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_SI ops_SI(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_SI){f->l1, EA_BD(c, f->b1, f->d1)}; }
static ALWAYS_INLINE struct fmt_S ops_S(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_S){EA_BD(c, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_SS ops_SS(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_SS){f->l1, EA_BD(c, f->b1, f->d1), EA_BD(c, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_SS2 ops_SS2(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_SS2){f->l1, f->l2, EA_BD(c, f->b1, f->d1), EA_BD(c, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_RI ops_RI(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RI){f->r1, f->i2, REL(f)}; }
static ALWAYS_INLINE struct fmt_RIL ops_RIL(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RIL){f->r1, f->i2, REL(f)}; }
static ALWAYS_INLINE struct fmt_RSI ops_RSI(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RSI){f->r1, f->r3, f->i2, REL(f)}; }
static ALWAYS_INLINE struct fmt_RRE ops_RRE(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RRE){f->r1, f->r2}; }
static ALWAYS_INLINE struct fmt_RRF ops_RRF(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RRF){f->r1, f->r2, f->r3}; }
static ALWAYS_INLINE struct fmt_RRD ops_RRD(const struct cpu *c, const struct pinsn *f)
{ (void)c; return (struct fmt_RRD){f->r1, f->r3, f->r2}; }
static ALWAYS_INLINE struct fmt_RXE ops_RXE(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_RXE){f->r1, EA_XBD(c, f->x2, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_RXF ops_RXF(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_RXF){f->r1, f->r3, EA_XBD(c, f->x2, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_RSE ops_RSE(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_RSE){f->r1, f->r3, EA_BD(c, f->b2, f->d2)}; }
static ALWAYS_INLINE struct fmt_SSE ops_SSE(const struct cpu *c, const struct pinsn *f)
{ return (struct fmt_SSE){EA_BD(c, f->b1, f->d1), EA_BD(c, f->b2, f->d2)}; }

/* Decode straight from the bytes (EXECUTE, the instrumented loop). */
#define DEC(fmt)                                                               \
    static ALWAYS_INLINE struct fmt_##fmt dec_##fmt(const struct cpu *c, const uint8_t *ip) \
    {                                                                          \
        struct pinsn f;                                                        \
        f.ia = c->insn_ia;                                                     \
        fields_##fmt(&f, ip);                                                  \
        return ops_##fmt(c, &f);                                               \
    }
DEC(E) DEC(RR) DEC(RX) DEC(RS) DEC(SI) DEC(S) DEC(SS) DEC(SS2) DEC(RI) DEC(RIL)
DEC(RSI) DEC(RRE) DEC(RRF) DEC(RRD) DEC(RXE) DEC(RXF) DEC(RSE) DEC(SSE)
#undef DEC

/* RX_ONLY_fmt(...): the arguments for format RX, nothing for the others
   (for tables and cases made only for RX rows). */
#define RX_ONLY_RX(...) __VA_ARGS__
#define RX_ONLY_E(...)
#define RX_ONLY_RR(...)
#define RX_ONLY_RS(...)
#define RX_ONLY_SI(...)
#define RX_ONLY_S(...)
#define RX_ONLY_SS(...)
#define RX_ONLY_SS2(...)
#define RX_ONLY_RI(...)
#define RX_ONLY_RIL(...)
#define RX_ONLY_RSI(...)
#define RX_ONLY_RRE(...)
#define RX_ONLY_RRF(...)
#define RX_ONLY_RRD(...)
#define RX_ONLY_RXE(...)
#define RX_ONLY_RXF(...)
#define RX_ONLY_RSE(...)
#define RX_ONLY_SSE(...)

/* Format ids, for the info table and the disassembler. */
enum insn_fmt {
    F_E, F_RR, F_RX, F_RS, F_SI, F_S, F_SS, F_SS2, F_RI, F_RIL, F_RSI,
    F_RRE, F_RRF, F_RRD, F_RXE, F_RXF, F_RSE, F_SSE,
};

/* Instruction length in bytes from the first opcode byte: bits 0-1 are
   00 (2 bytes), 01 or 10 (4), 11 (6). */
#define INSN_LEN(op0) (((((unsigned)(op0) >> 6) + 1) & 6) + 2)
static ALWAYS_INLINE unsigned insn_len(uint8_t op0)
{
    return INSN_LEN(op0);
}

#endif
