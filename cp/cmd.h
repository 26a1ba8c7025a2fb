/*
 * cmd.h - what the files of CP's commands share: the tokenized operands,
 * abbreviations, messages to the user who gave the command, and one
 * handler per row of cmds.h.inc (command.c has the processor; the
 * handlers are in command.c, cmd_query.c, cmd_display.c, cmd_msg.c,
 * cmd_link.c, cmd_define.c, cmd_rdev.c, cmd_spool.c).
 */
#ifndef CP_CMD_H
#define CP_CMD_H

#include <stdbool.h>
#include <stddef.h>

struct vm;

#define MAXARGS 16

struct cmd_args {
    int argc;
    char *argv[MAXARGS];        /* upper-cased words */
    unsigned at[MAXARGS];       /* where each began in raw */
    char raw[256];              /* the line as typed */
};

/* The line as typed from operand i on ("" past the last). */
static inline const char *cmd_rest(const struct cmd_args *a, int i)
{
    return i < a->argc ? a->raw + a->at[i] : "";
}

/* A virtual device address (1-3 hex digits), or -1. */
int cmd_vaddr(const char *s);
/* Is word an abbreviation of name at least min characters long? */
bool abbrev_of(const char *word, const char *name, unsigned min);
/* A message to the user who gave the command (the console without one). */
void say(struct vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* cmd_link.c: the QUERY lines of minidisks */
struct vdev;
bool cmd_mdisk_line(struct vdev *d, char *line, size_t len);   /* false: not a minidisk */
void cmd_query_links(struct vm *vm, const char *raddr);

/* cmd_rdev.c: real devices.  Has the issuer class B (the console: yes)? */
bool cmd_class_b(const struct vm *vm);
/* DETACH raddr [FROM] userid|SYSTEM, the operator's form: false if the
   command is the user's DETACH vaddr. */
bool cmd_detach_real(struct vm *vm, struct cmd_args *a);
/* QUERY DASD ('D'), GRAF ('G'), ALL ('A'); QUERY raddr (false: no such
   real device). */
void cmd_query_rdevs(struct vm *vm, char kind);
bool cmd_query_rdev(struct vm *vm, const char *raddr);

/* cmd_spool.c: QUERY READER, PRINTER, PUNCH [ALL] and QUERY FILES (false:
   not one of them) */
bool cmd_query_spool(struct vm *vm, struct cmd_args *a);

/* cmd_set.c: the QUERY lines of SET and TERMINAL */
void cmd_query_set(struct vm *vm);
void cmd_query_terminal(struct vm *vm);
void cmd_query_pf(struct vm *vm, const char *pfnn);

#define CMD(name, abbrev, classes, fn) void cmd_##fn(struct vm *vm, struct cmd_args *a);
#include "cmds.h.inc"
#undef CMD

#endif
