/*
 * insn_format.h - instruction formats, declared once with their bit
 * positions (GA22-7000, "Instruction Formats"; the extension formats as in
 * the ESA/390 Principles of Operation, SA22-7201).
 *
 * Each format has a struct of decoded operands and a decode function; the
 * dispatcher decodes and passes the struct to the handler, which holds only
 * the operation.  Addresses in the structs are effective 24-bit addresses.
 */
#ifndef CPCMS_INSN_FORMAT_H
#define CPCMS_INSN_FORMAT_H

#include "cpu.h"

/* Base + displacement, index + base + displacement (register 0 means 0).
   The register and its mask load side by side, so a branch target waits
   for one load, not a pointer and then a register. */
static const uint32_t reg_or_0_mask[16] = {
    0, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u, ~0u,
};
static ALWAYS_INLINE uint32_t reg_or_0(const struct cpu *cpu, unsigned r)
{
    return cpu->gr[r] & reg_or_0_mask[r];
}
static ALWAYS_INLINE uint32_t addr_bd(const struct cpu *cpu, unsigned b, uint32_t d)
{
    return (reg_or_0(cpu, b) + d) & AMASK24;
}
static ALWAYS_INLINE uint32_t addr_xbd(const struct cpu *cpu, unsigned x, unsigned b, uint32_t d)
{
    return (reg_or_0(cpu, x) + reg_or_0(cpu, b) + d) & AMASK24;
}
#define D12(p) ((uint32_t)((p)[0] & 15) << 8 | (p)[1])

/* The formats: name, operand struct fields, decode from instruction bytes. */
struct fmt_E { int unused; };
struct fmt_RR { unsigned r1, r2; };
struct fmt_RX { unsigned r1; uint32_t ea; };
struct fmt_RS { unsigned r1, r3; uint32_t ea; };
struct fmt_SI { uint8_t i2; uint32_t ea; };
struct fmt_S { uint32_t ea; };
struct fmt_SS { unsigned l; uint32_t ea1, ea2; };        /* one 8-bit length */
struct fmt_SS2 { unsigned l1, l2; uint32_t ea1, ea2; };  /* two 4-bit lengths */
struct fmt_RI { unsigned r1; int32_t i2; };
struct fmt_RIL { unsigned r1; int32_t i2; };
struct fmt_RSI { unsigned r1, r3; int32_t i2; };
struct fmt_RRE { unsigned r1, r2; };
struct fmt_RRF { unsigned r1, r2, r3; };  /* r3 doubles as M3 / M4 */
struct fmt_RRD { unsigned r1, r3, r2; };  /* MULTIPLY AND ADD: R1 in byte 2 */
struct fmt_RXE { unsigned r1; uint32_t ea; };
struct fmt_RXF { unsigned r1, r3; uint32_t ea; };
struct fmt_RSE { unsigned r1, r3; uint32_t ea; };
struct fmt_SSE { uint32_t ea1, ea2; };

static ALWAYS_INLINE struct fmt_E dec_E(const struct cpu *c, const uint8_t *ip)
{ (void)c; (void)ip; return (struct fmt_E){0}; }
static ALWAYS_INLINE struct fmt_RR dec_RR(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RR){ip[1] >> 4, ip[1] & 15}; }
/* The four-byte formats decode from one big-endian word. */
static ALWAYS_INLINE struct fmt_RX dec_RX(const struct cpu *c, const uint8_t *ip)
{
    uint32_t w = be32(ip);
    return (struct fmt_RX){(w >> 20) & 15, addr_xbd(c, (w >> 16) & 15, (w >> 12) & 15, w & 0xFFF)};
}
static ALWAYS_INLINE struct fmt_RS dec_RS(const struct cpu *c, const uint8_t *ip)
{
    uint32_t w = be32(ip);
    return (struct fmt_RS){(w >> 20) & 15, (w >> 16) & 15, addr_bd(c, (w >> 12) & 15, w & 0xFFF)};
}
static ALWAYS_INLINE struct fmt_SI dec_SI(const struct cpu *c, const uint8_t *ip)
{
    uint32_t w = be32(ip);
    return (struct fmt_SI){(uint8_t)(w >> 16), addr_bd(c, (w >> 12) & 15, w & 0xFFF)};
}
static ALWAYS_INLINE struct fmt_S dec_S(const struct cpu *c, const uint8_t *ip)
{
    uint32_t w = be32(ip);
    return (struct fmt_S){addr_bd(c, (w >> 12) & 15, w & 0xFFF)};
}
static ALWAYS_INLINE struct fmt_SS dec_SS(const struct cpu *c, const uint8_t *ip)
{
    return (struct fmt_SS){ip[1], addr_bd(c, ip[2] >> 4, D12(ip + 2)),
                           addr_bd(c, ip[4] >> 4, D12(ip + 4))};
}
static ALWAYS_INLINE struct fmt_SS2 dec_SS2(const struct cpu *c, const uint8_t *ip)
{
    return (struct fmt_SS2){ip[1] >> 4, ip[1] & 15, addr_bd(c, ip[2] >> 4, D12(ip + 2)),
                            addr_bd(c, ip[4] >> 4, D12(ip + 4))};
}
static ALWAYS_INLINE struct fmt_RI dec_RI(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RI){ip[1] >> 4, (int16_t)be16(ip + 2)}; }
static ALWAYS_INLINE struct fmt_RIL dec_RIL(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RIL){ip[1] >> 4, (int32_t)be32(ip + 2)}; }
static ALWAYS_INLINE struct fmt_RSI dec_RSI(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RSI){ip[1] >> 4, ip[1] & 15, (int16_t)be16(ip + 2)}; }
static ALWAYS_INLINE struct fmt_RRE dec_RRE(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RRE){ip[3] >> 4, ip[3] & 15}; }
static ALWAYS_INLINE struct fmt_RRF dec_RRF(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RRF){ip[3] >> 4, ip[3] & 15, ip[2] >> 4}; }
/* RRD: R1 in bits 16-19, R3 in 24-27, R2 in 28-31 (ESA/390 calls it RRF). */
static ALWAYS_INLINE struct fmt_RRD dec_RRD(const struct cpu *c, const uint8_t *ip)
{ (void)c; return (struct fmt_RRD){ip[2] >> 4, ip[3] >> 4, ip[3] & 15}; }
static ALWAYS_INLINE struct fmt_RXE dec_RXE(const struct cpu *c, const uint8_t *ip)
{ return (struct fmt_RXE){ip[1] >> 4, addr_xbd(c, ip[1] & 15, ip[2] >> 4, D12(ip + 2))}; }
static ALWAYS_INLINE struct fmt_RXF dec_RXF(const struct cpu *c, const uint8_t *ip)
{ return (struct fmt_RXF){ip[4] >> 4, ip[1] >> 4, addr_xbd(c, ip[1] & 15, ip[2] >> 4, D12(ip + 2))}; }
static ALWAYS_INLINE struct fmt_RSE dec_RSE(const struct cpu *c, const uint8_t *ip)
{ return (struct fmt_RSE){ip[1] >> 4, ip[1] & 15, addr_bd(c, ip[2] >> 4, D12(ip + 2))}; }
static ALWAYS_INLINE struct fmt_SSE dec_SSE(const struct cpu *c, const uint8_t *ip)
{ return (struct fmt_SSE){addr_bd(c, ip[2] >> 4, D12(ip + 2)), addr_bd(c, ip[4] >> 4, D12(ip + 4))}; }

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
