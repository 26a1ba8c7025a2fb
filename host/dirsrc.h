/*
 * dirsrc.h - the user directory source, in VM/370's syntax, compiled into
 * the directory blob of common/directory.h (dirsrc.c).  `cpcms sysgen`
 * compiles it; the tests call it directly.
 */
#ifndef CPCMS_DIRSRC_H
#define CPCMS_DIRSRC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The system residence volume, for the checks of minidisks on it. */
struct dirsrc_sysres {
    const char *volser;
    unsigned devtype;        /* e.g. 0x3350 */
    unsigned cyls;           /* cylinders of the volume */
    unsigned first_cyl;      /* the first cylinder after the system areas */
};

/*
 * Compile the source text[0..len) into a directory blob in buf[0..cap).
 * `name` names the source in messages, which go to errs, one a line, as
 * "NAME:LINE: what is wrong" (never with a password in them).  Every
 * statement is checked, so one run reports every error.  sys, if not
 * NULL, is the volume the directory goes on: minidisks whose volser is
 * its volser must be of its device type and lie in [first_cyl, cyls).
 * Returns the blob's length, or -1 after at least one message: then
 * nothing is built (buf holds no directory).
 */
long dirsrc_compile(const char *name, const char *text, size_t len,
                    const struct dirsrc_sysres *sys, uint8_t *buf, size_t cap, FILE *errs);

/* The same for a file: its path names it in messages. */
long dirsrc_compile_file(const char *path, const struct dirsrc_sysres *sys,
                         uint8_t *buf, size_t cap, FILE *errs);

/* The default directory source, host/default.direct (dirdefault.c). */
extern const char dirsrc_default[];
extern const size_t dirsrc_default_len;
#define DIRSRC_DEFAULT_NAME "default.direct"

/* n random bytes for salts (getrandom(2)).  0, or -1 if none to be had. */
int dirsrc_random(uint8_t *buf, size_t n);

#endif
