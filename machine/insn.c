/*
 * insn.c - the instruction info table, generated from insn.h.inc, and the
 * disassembler built on it (operands printed in assembler order, in the
 * style of the Principles of Operation: "L 1,8(2,3)").
 */
#include <stdio.h>

#include "insn.h"

int insn_group_sub(const uint8_t *ip)
{
    switch (ip[0]) {
#define X(g, where) case g: return GROUP_SUB_##where(ip);
    INSN_GROUPS(X)
#undef X
    default:
        return -1;
    }
}

struct row {
    uint8_t op;
    int16_t sub;
    struct insn_info info;
};

static const struct row rows[] = {
#define OP(code, mn, fmt, flags) {code, -1, {#mn, F_##fmt, flags}},
#define OPX(grp, sub, mn, fmt, flags) {grp, sub, {#mn, F_##fmt, flags}},
#include "insn.h.inc"
#undef OP
#undef OPX
};

const struct insn_info *insn_lookup(const uint8_t *ip)
{
    int sub = insn_group_sub(ip);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].op == ip[0] && rows[i].sub == sub)
            return &rows[i].info;
    return NULL;
}

int insn_each(void (*fn)(uint8_t, int, const struct insn_info *, void *), void *arg)
{
    int n = (int)(sizeof rows / sizeof rows[0]);
    for (int i = 0; i < n; i++)
        fn(rows[i].op, rows[i].sub, &rows[i].info, arg);
    return n;
}

/* "D(X,B)" with the parts that are nonzero, as assemblers print them. */
static int fmt_xbd(char *b, size_t n, unsigned d, unsigned x, unsigned base)
{
    if (x)
        return snprintf(b, n, "%u(%u,%u)", d, x, base);
    if (base)
        return snprintf(b, n, "%u(%u)", d, base);
    return snprintf(b, n, "%u", d);
}

unsigned insn_disasm(const uint8_t *ip, char *buf, size_t size)
{
    unsigned len = insn_len(ip[0]);
    const struct insn_info *in = insn_lookup(ip);
    if (!in) {
        snprintf(buf, size, "DC    X'%02X%02X'", ip[0], ip[1]);
        return len;
    }
    char ops[64] = "";
    unsigned r1 = ip[1] >> 4, r2 = ip[1] & 15;
    unsigned b2 = ip[2] >> 4, d2 = D12(ip + 2), b4 = ip[4] >> 4, d4 = D12(ip + 4);
    char x[32];
    switch (in->fmt) {
    case F_E:
        break;
    case F_RR:
        snprintf(ops, sizeof ops, "%u,%u", r1, r2);
        break;
    case F_RX:
    case F_RXE:
        fmt_xbd(x, sizeof x, d2, r2, b2);
        snprintf(ops, sizeof ops, "%u,%s", r1, x);
        break;
    case F_RXF:
        fmt_xbd(x, sizeof x, d2, r2, b2);
        snprintf(ops, sizeof ops, "%u,%u,%s", ip[4] >> 4, r1, x);
        break;
    case F_RS:
    case F_RSE:
        fmt_xbd(x, sizeof x, d2, 0, b2);
        snprintf(ops, sizeof ops, "%u,%u,%s", r1, r2, x);
        break;
    case F_SI:
        fmt_xbd(x, sizeof x, d2, 0, b2);
        snprintf(ops, sizeof ops, "%s,X'%02X'", x, ip[1]);
        break;
    case F_S:
        fmt_xbd(ops, sizeof ops, d2, 0, b2);
        break;
    case F_SS:
        snprintf(ops, sizeof ops, "%u(%u,%u),%u(%u)", d2, ip[1] + 1, b2, d4, b4);
        break;
    case F_SS2:
        snprintf(ops, sizeof ops, "%u(%u,%u),%u(%u,%u)", d2, r1 + 1, b2, d4, r2 + 1, b4);
        break;
    case F_SSE:
        snprintf(ops, sizeof ops, "%u(%u),%u(%u)", d2, b2, d4, b4);
        break;
    case F_RI:
        snprintf(ops, sizeof ops, "%u,%d", r1, (int16_t)be16(ip + 2));
        break;
    case F_RIL:
        snprintf(ops, sizeof ops, "%u,%d", r1, (int32_t)be32(ip + 2));
        break;
    case F_RSI:
        snprintf(ops, sizeof ops, "%u,%u,%d", r1, r2, (int16_t)be16(ip + 2));
        break;
    case F_RRE:
        snprintf(ops, sizeof ops, "%u,%u", ip[3] >> 4, ip[3] & 15);
        break;
    case F_RRF:
        snprintf(ops, sizeof ops, "%u,%u,%u", ip[3] >> 4, ip[2] >> 4, ip[3] & 15);
        break;
    case F_RRD:
        snprintf(ops, sizeof ops, "%u,%u,%u", ip[2] >> 4, ip[3] >> 4, ip[3] & 15);
        break;
    }
    snprintf(buf, size, "%-6s%s", in->mnemonic, ops);
    return len;
}
