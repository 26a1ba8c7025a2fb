/*
 * debug.h - debugging the simulated machine (debug.c): instruction trace
 * with symbol names from the ELF files of the programs, an instruction
 * history ring shown after a crash, and breakpoints.  The operator console
 * and the GDB stub are built on these.
 */
#ifndef CPCMS_DEBUG_H
#define CPCMS_DEBUG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct cpu;

int debug_load_symbols(struct machine *m, const char *elf_path, char *err, size_t errlen);
void debug_set_trace(struct machine *m, FILE *out);   /* NULL: off */
void debug_set_history(struct machine *m, unsigned entries); /* 0: off */
int debug_break_add(struct machine *m, uint32_t addr);
int debug_break_del(struct machine *m, uint32_t addr);
int debug_break_list(struct machine *m, uint32_t *out, int max);
/* Resume after a breakpoint stop without stopping at it again at once. */
void debug_resume(struct machine *m);
/* Print the last `max` entries of the history ring (oldest first, with
   the cc before each).  0, or -1 when no history is kept. */
int debug_print_history(struct machine *m, FILE *out, unsigned max);
FILE *debug_trace_file(struct machine *m);     /* NULL: off */
unsigned debug_history_size(struct machine *m); /* 0: no history kept */
/* "name+0x12" for an address, or "" when no symbol covers it. */
const char *debug_symbol(struct machine *m, uint32_t addr, char *buf, size_t size);
/* The address of a symbol by name: 0, or -1 when no symbol file has it. */
int debug_lookup(struct machine *m, const char *name, uint32_t *addr);
/* One trace line for the instruction at ip (fetched from ia): address,
   bytes, disassembly, the cc (if cc >= 0) and the symbol. */
void debug_print_insn(struct machine *m, FILE *out, uint32_t ia, const uint8_t *ip, int cc);
void debug_free(struct machine *m);

/* Hooks for the run loop (when cpu->debug is set). */
bool debug_before(struct cpu *cpu, uint32_t ia, const uint8_t *ip);
void debug_program_check(struct cpu *cpu, int code);

#endif
