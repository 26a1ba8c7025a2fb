/*
 * term.h - CP's terminals: the 3270 driver (t3270.c) and what runs on a
 * terminal (logon.c: LOGON, the user's virtual machine, CP commands).
 */
#ifndef CP_TERM_H
#define CP_TERM_H

#include <stdbool.h>

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

/* logon.c: the events of a terminal */
void term_connected(struct term *t);
void term_disconnected(struct term *t);
void term_input(struct term *t, char *line);        /* Enter */
void term_attention(struct term *t);                /* PA1 */
void term_pfkey(struct term *t, unsigned n);        /* PFn: SET PFn's line */

#endif
