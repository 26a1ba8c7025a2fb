/*
 * insn.h - instruction table flags, the handler signature, and the info
 * table (insn.c) that the disassembler, the trace and the coverage test
 * read.  The rows themselves are in insn.h.inc.
 */
#ifndef CPCMS_INSN_H
#define CPCMS_INSN_H

#include <stddef.h>
#include <stdint.h>

#include "insn_format.h"

/* Table flags: checks the dispatcher makes before the handler runs. */
#define PRIV 0x0001    /* privileged: PGM_PRIVILEGED in problem state */
#define EXT 0x0002     /* extension set (not in S/370 itself) */
#define R1EVEN 0x0004  /* R1 designates an even-odd pair */
#define R2EVEN 0x0008
#define R3EVEN 0x0010
#define FP1 0x0020     /* R1 is a floating-point register */
#define FP2 0x0040     /* R2 is a floating-point register */
#define FPX1 0x0080    /* R1 designates an extended (128-bit) FP pair */
#define FPX2 0x0100
#define BFP 0x0200     /* binary floating point: needs the AFP control */
#define FP3 0x0400     /* R3 is a floating-point register (RXF, RRF) */
#define BR 0x0800      /* may set the PSW's instruction address (branches,
                          LPSW, SVC, EXECUTE, re-executing MVCL/CLCL) */
#define FETCH 0x1000   /* may change how instructions are fetched (the PSW
                          key, translation): the run loop finds the next
                          one afresh, as after every privileged row. */
#define JUMP 0x2000    /* a branch that reads of the PSW only the next
                          instruction's address, the ILC, the CC and the
                          program mask, and cannot take a program
                          exception: the run loop stores only the PSW's
                          address and the ILC before it */

/* A handler: the operation only; operands arrive decoded.  Handlers are
   inlined into their dispatch case unless cpu_exec.c says otherwise for a
   family (INSN_ATTR). */
#define INSN_ATTR_HOT inline __attribute__((always_inline))
#define INSN_ATTR INSN_ATTR_HOT
#define INSN(mn, fmt) \
    static INSN_ATTR void op_##mn(struct cpu *restrict cpu, const struct fmt_##fmt a)

/*
 * The opcode groups, declared once: the first byte, and where the opcode
 * extension sits (B1: byte 1; N1: the low four bits of byte 1; B5: byte 5;
 * IO: bit 15, S/370's SIO/SIOF, TIO/CLRIO, HIO/HDV, TCH).
 */
#define INSN_GROUPS(X) \
    X(0x01, B1) X(0x9C, IO) X(0x9D, IO) X(0x9E, IO) X(0x9F, IO) \
    X(0xA5, N1) X(0xA7, N1) X(0xB2, B1) X(0xB3, B1) X(0xB9, B1) \
    X(0xC0, N1) X(0xC2, N1) X(0xC4, N1) X(0xC6, N1) X(0xC8, N1) X(0xCC, N1) \
    X(0xE3, B5) X(0xE5, B1) X(0xEB, B5) X(0xEC, B5) X(0xED, B5)

#define GROUP_SUB_B1(ip) ((ip)[1])
#define GROUP_SUB_N1(ip) ((ip)[1] & 15)
#define GROUP_SUB_B5(ip) ((ip)[5])
#define GROUP_SUB_IO(ip) ((ip)[1] & 1)

/* A small number for each group (G_0xA7 ...), for tables. */
enum insn_group {
    G_NONE,
#define X(g, where) G_##g,
    INSN_GROUPS(X)
#undef X
    G_COUNT
};

struct insn_info {
    const char *mnemonic;
    uint8_t fmt;     /* enum insn_fmt */
    uint16_t flags;
};

/* The info row for the instruction at ip, or NULL if none. */
const struct insn_info *insn_lookup(const uint8_t *ip);
/* Where the opcode extension of a group sits; -1 if ip[0] is no group. */
int insn_group_sub(const uint8_t *ip);
/* Disassemble one instruction into buf; returns its length in bytes. */
unsigned insn_disasm(const uint8_t *ip, char *buf, size_t size);
/* Iterate all rows (for tests): calls fn for each; returns the count. */
int insn_each(void (*fn)(uint8_t op, int sub, const struct insn_info *, void *), void *arg);

#endif
