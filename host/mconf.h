/*
 * mconf.h - what a machine is made of: its storage, the devices at their
 * addresses, the spool database of its unit record devices and the TN3270
 * server in front of its 3270s.  `cpcms machine` fills one from its
 * options (cmd_machine.c), `cpcms run` from its defaults or a
 * configuration file (sysconf.c); mconf_build() (mconf.c) makes the
 * machine from it, so devices are attached by one piece of code.
 */
#ifndef CPCMS_MCONF_H
#define CPCMS_MCONF_H

#include <stdbool.h>
#include <stdint.h>

#define MCONF_MAX_DEVS 64    /* device statements (a 3270 range is one) */
#define MCONF_MAX_UREC 16
#define MCONF_MAX_3270 256   /* 3270s in one range */

struct machine;
struct tn3270_server;

/* One device, or a range of 3270s.  The strings are the caller's and
   must live as long as the struct mconf. */
struct mconf_dev {
    const char *type;    /* a devices/devtab.c type ("dasd", "3420", "3270",
                            "3505"), or a DASD type ("3350", "3370"): the
                            volume must then be one */
    uint16_t first, last;/* addresses; last > first only for 3270s */
    const char *arg;     /* the attach argument (FILE[,ro]...), or NULL */
    const char *where;   /* where it was asked for, for messages
                            ("--dasd FILE@CUU", "FILE:LINE") */
};

struct mconf {
    long long storage;   /* bytes: a multiple of 4K up to 16M */
    struct mconf_dev dev[MCONF_MAX_DEVS];
    int ndev;
    const char *spool;   /* the spool database; NULL: no unit record devices */
    const char *urec[MCONF_MAX_UREC];   /* "TYPE@CUU"; none: 2540R, 2540P, 1403 */
    int nurec;
    const char *tn3270;  /* the TN3270 server's [ADDR:]PORT; NULL: none */
    int tn_max;          /* 0: the default */
    double tn_timeout;   /* 0: the default */
    bool deterministic;  /* TOD advances with instructions executed */
};

/* How a machine runs: IPL, limits, debugging, control
   (cmd_machine.c; `cpcms machine --help` says what each does). */
#define MRUN_MAX_DUMPS 16
#define MRUN_MAX_BREAKS 32
#define MRUN_MAX_SYMBOLS 8
struct mrun {
    const char *who;     /* for messages: "cpcms machine", "cpcms" */
    long long ipl;       /* the IPL device; -1: none (the operator IPLs) */
    double max_seconds;  /* 0: no limit */
    unsigned long long max_insns;
    struct { uint32_t start, end; } dump[MRUN_MAX_DUMPS];
    int ndumps;
    bool trace, stats, operator;
    unsigned history;
    const char *symbols[MRUN_MAX_SYMBOLS];
    int nsymbols;
    const char *breaks[MRUN_MAX_BREAKS];
    int nbreaks;
    long gdb_port;       /* -1: no GDB stub */
    bool panel;          /* the operator's panel on this terminal (panel.c) */
};

/* Build the machine c describes and run it as r says (cmd_machine.c).
   Returns the exit status (`cpcms machine --help`). */
int machine_session(const struct mconf *c, const struct mrun *r);

/* The DASD device types a configuration may name ("3350", "3330-11"...):
   is `type` one? */
int mconf_dasd_type(const char *type);

/* Can devices be at addresses first-last of c (in range, not the
   console's, not taken by a device or a unit record device)?  NULL, or
   a message (a static string). */
const char *mconf_check_addr(const struct mconf *c, unsigned first, unsigned last);

/*
 * Add a device (or 3270s first-last) to c.  Checks what can be checked
 * before anything is opened: the count, the address range, an address
 * given twice.  NULL, or a message (a static string) on what is wrong.
 */
const char *mconf_add(struct mconf *c, const char *type, unsigned first, unsigned last,
                      const char *arg, const char *where);

/*
 * Make the machine c describes: the 3215 console at 009, c's devices in
 * order, the unit record devices on the spool, the TN3270 server
 * listening (its port is said on stderr).  Messages go to stderr as
 * "WHO: WHERE: what is wrong".  0 with *mp (and *tnp, NULL without a
 * server), or an exit status (EXIT_USAGE, EXIT_BAD_INPUT) with nothing
 * left open.
 */
int mconf_build(const struct mconf *c, const char *who, struct machine **mp,
                struct tn3270_server **tnp);

#endif
