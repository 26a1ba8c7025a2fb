/*
 * host.h - the subcommands of the cpcms executable and what they share.
 */
#ifndef CPCMS_HOST_H
#define CPCMS_HOST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "volume.h"

/* Exit statuses for stops other than a disabled wait (whose status is the
   low byte of the wait PSW's instruction address). */
#define EXIT_USAGE 2
#define EXIT_STOPPED 123   /* stopped before the end: --break, operator quit, gdb kill */
#define EXIT_TIME_LIMIT 124
#define EXIT_CHECKSTOP 125
#define EXIT_HUNG 126
#define EXIT_BAD_INPUT 127

int cmd_machine(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_dasd(int argc, char **argv);
int cmd_sysgen(int argc, char **argv);
int cmd_directory(int argc, char **argv);
/* `cpcms dasd import|export|copy` (argv[0] is the verb): the exit status,
   or -1 for a usage error; and their part of the usage text. */
int cmd_dasd_xfer(int argc, char **argv);
void cmd_dasd_xfer_usage(FILE *out);
/* The sync level an option names (--fast, --durable, --synced), or -1;
   dasd_sync_or_durable(): that level, VOL_DURABLE for -1 (no option). */
int dasd_sync_option(const char *arg);
enum vol_sync dasd_sync_or_durable(int option);
int cmd_spool(int argc, char **argv);
int cmd_cmsfs(int argc, char **argv);

struct machine;
/* Attach the unit record devices of `cpcms machine --spool DB --urec
   TYPE@CUU...` (cmd_spool.c).  0 or an exit status, with a message. */
int spool_attach_devices(struct machine *m, const char *db, char **specs, int n, bool reader_taken);

/* The 80-byte standard volume label (EBCDIC "VOL1", the volser, blanks)
   that `cpcms dasd create` and `cpcms sysgen` put in R3 of cylinder 0
   head 0 (cmd_dasd.c). */
void dasd_vol1_label(uint8_t vol1[80], const char *volser);

/* "16M", "512K", "1048576" -> bytes; -1 if malformed. */
long long parse_size(const char *s);
/* Hex number, the whole string; -1 if malformed or > max. */
long long parse_hex(const char *s, long long max);

#endif
