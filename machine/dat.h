/*
 * dat.h - dynamic address translation results (dat.c).
 */
#ifndef CPCMS_DAT_H
#define CPCMS_DAT_H

#include <stdint.h>

struct cpu;

enum dat_result {
    DAT_OK,
    DAT_SEG_INVALID,
    DAT_PAGE_INVALID,
    DAT_SEG_LENGTH,
    DAT_PAGE_LENGTH,
    DAT_SPEC,
    DAT_ADDRESSING,
};

int dat_lookup(struct cpu *cpu, uint32_t addr, uint32_t *raddr);
int dat_walk(struct cpu *cpu, uint32_t addr, uint32_t *raddr, uint32_t *entry);
int dat_lra(struct cpu *cpu, uint32_t addr, uint32_t *result);

#endif
