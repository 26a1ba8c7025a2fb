/*
 * term.h - CP's terminals: the 3270 driver (t3270.c) and what runs on a
 * terminal (logon.c: LOGON, the user's virtual machine, CP commands).
 */
#ifndef CP_TERM_H
#define CP_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct term;
struct vm;

enum term_status { TS_CP_READ, TS_VM_READ, TS_RUNNING, TS_MORE, TS_HOLDING, TS_NOT_ACCEPTED };

/* Who is on a terminal (logon.c keeps it). */
struct term_user {
    struct vm *vm;              /* the logged-on virtual machine */
    char logon_id[9];           /* LOGON given, the password awaited */
    unsigned failures;          /* wrong passwords in a row */
};

/* t3270.c */
void term_init(void);                               /* find the 3270s */
void term_write(struct term *t, const char *line);  /* a line of output */
void term_status(struct term *t, enum term_status s);
void term_hide_input(struct term *t, bool hidden);  /* the next input: a password */
void term_logo(struct term *t);                     /* back to the logo */
struct term_user *term_user(struct term *t);
unsigned term_addr(const struct term *t);
/* The terminals, for the operator's commands (cmd_rdev.c) */
struct term *term_at(unsigned i);                   /* NULL past the last */
struct term *term_find(unsigned addr);              /* NULL: not a terminal */
bool term_enabled(const struct term *t);
/* ENABLE (the logo, now if the terminal is dark) or DISABLE (dark now if
   nobody is logged on at it, else when its user leaves). */
void term_enable(struct term *t, bool on);
/* Its screen: rows, columns and 3278 model (2-5). */
void term_geometry(const struct term *t, unsigned *rows, unsigned *cols, unsigned *model);

/* t3270.c: DIAGNOSE X'58' (diag58.c).  term_display: n bytes of the
   guest's (EBCDIC; a start-field order and its attribute show as a
   blank) in the output area from row ctl&0x3F, the area emptied first
   if ctl&0x80, only emptied if ctl is X'FF'; 0, or -1 if they do not
   fit (nothing shown).  term_fs_write: the guest's 3270 data stream
   (WCC first) by Write, or Erase/Write if erase; the screen is the
   guest's from then on (PA1 too if pa1) until CP's next line-mode
   output, CP READ or VM READ; the unit status, *sense the sense byte
   after a unit check.  term_fs_read: waits for the user's next AID and
   gives the inbound data stream (Read Modified, or Read Buffer), at most
   max bytes into buf, its whole length in *len; -1 if the screen is not
   (or no longer) the guest's. */
int term_display(struct term *t, uint8_t ctl, const uint8_t *data, size_t n);
uint8_t term_fs_write(struct term *t, bool erase, bool pa1, const uint8_t *data, size_t n,
                      uint8_t *sense);
int term_fs_read(struct term *t, bool modified, uint8_t *buf, uint32_t max, uint32_t *len);

/* logon.c: the events of a terminal */
void term_connected(struct term *t);
void term_disconnected(struct term *t);
void term_input(struct term *t, char *line);        /* Enter */
void term_attention(struct term *t);                /* PA1 */
void term_pfkey(struct term *t, unsigned n);        /* PFn: SET PFn's line */

#endif
