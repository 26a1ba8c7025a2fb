/*
 * sysconf.h - `cpcms run --config FILE`: a system described by a
 * configuration file in the style of a Hercules configuration (the format
 * is at the top of sysconf.c and in README.md).  cmd_run.c starts the
 * system it describes.
 */
#ifndef CPCMS_SYSCONF_H
#define CPCMS_SYSCONF_H

#include <limits.h>

#include "mconf.h"

struct sysconf {
    struct mconf hw;         /* storage, devices, spool, TN3270 server */
    char datadir[PATH_MAX];  /* DATADIR; "": the default */
    long long ipl;           /* IPL; -1: the default (123) */
};

/*
 * Read the configuration file `path` into sc (set to its defaults first:
 * nothing but what the file says).  Every bad line gets a message on
 * stderr, "cpcms: FILE:LINE: what is wrong".  0, or the number of bad
 * lines (or -1 if the file cannot be read, with a message).
 */
int sysconf_read(const char *path, struct sysconf *sc);

#endif
