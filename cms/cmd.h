/*
 * cmd.h - CMS commands: the tokenized command line (VM/370's 8-byte
 * parameter list and the extended form, the line as typed), the table of
 * nucleus commands (cmds.h.inc), messages and return codes, and the file
 * ids and search order the file commands share (cmd.c, cmd_file.c,
 * cmd_disk.c, cmd_misc.c, cmd_spool.c).
 */
#ifndef CMS_CMD_H
#define CMS_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disk.h"

#define CMD_MAXARGS 32

/* A command line: argv are the tokens as the 8-byte PLIST has them
   (upper case, at most 8 characters; "(" and ")" are tokens of their
   own); raw is the line as typed (the extended form); at[i] is where
   token i began in raw. */
struct cmd {
    int argc;
    char argv[CMD_MAXARGS][9];
    unsigned at[CMD_MAXARGS];
    char raw[256];
    int paren;                  /* index of the "(" token, or argc */
    int opt;                    /* index of the first token after "(", or argc */
};

void cmd_tokenize(const char *line, struct cmd *c);
/* Run a command line: the return code (-3: unknown command). */
int cmd_execute(const char *line);
/* Is word an abbreviation of name, at least min characters? */
bool cmd_abbrev(const char *word, const char *name, unsigned min);

/* Messages: "DMSxxxnnnt text" on the console. */
void msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Settings (SET, QUERY) */
extern bool set_impcp, set_impex;
extern bool set_rdymsg_long;

/* A file id on the command line: fn ft [fm]. */
struct fileid {
    char fn[9], ft[9], fm[3];   /* fm "" when not given */
};
/*
 * Take a file id from argv[i..] (stopping at "(" ): 1-3 words.  "=" in
 * out stands for the same part of `like` (NULL: not allowed).  Returns
 * the number of words used, 0 if fn or ft is missing.
 */
int fileid_parse(const struct cmd *c, int i, struct fileid *f, const struct fileid *like);
/*
 * Find fn ft on the disk fm names, then on its read-only extensions ("" or
 * "*": the search order A-Z).  Returns the disk with *st, or NULL.
 */
struct cms_disk *file_find(const struct fileid *f, struct edf_stat *st);
/* Can the user see the file?  Not one of mode number 0 (private) on a
   disk accessed read-only. */
bool file_visible(const struct cms_disk *k, const struct edf_stat *st);
/* The number after a mode letter in an FST's mode ("A1" -> 1). */
int file_modenum(const struct edf_stat *st);

/* cmd_disk.c: ACCESS with its messages (quiet: no R/O notice); QUERY
   DISK's table (which: a letter, "*" or NULL for all).  Return codes. */
int disk_access_say(unsigned vaddr, char letter, bool quiet);
int query_disk(const char *which);

/* prog.c: the command names a MODULE on an accessed disk: *found, and
   its return code when it ran. */
int prog_run_module(const struct cmd *c, bool *found);

/* exec_cms.c: with IMPEX on, the command names an EXEC in the search
   order: *found, and its return code when it ran.  PROFILE EXEC on A at
   IPL: its return code (0 if there is none).  exec_reset: the storage
   of the EXECs an HX or an abend stopped given back. */
int exec_implied(const struct cmd *c, bool *found);
int exec_profile(void);
void exec_reset(void);

/* Command handlers: return codes as CMS gives them. */
#define CMD(name, min, fn) int cmd_##fn(struct cmd *c);
#include "cmds.h.inc"
#undef CMD

#endif
