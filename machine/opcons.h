/*
 * opcons.h - the operator console's command interpreter (opcons.c): one
 * line in, its output on a FILE*.  It does not know where lines come from:
 * `cpcms machine --operator` feeds it stdin, and the panel of `cpcms run`
 * will feed it its command line.  The commands are listed in opcons.c.
 */
#ifndef CPCMS_OPCONS_H
#define CPCMS_OPCONS_H

#include <stdio.h>

struct machine;

enum opcons_rc {
    OPCONS_OK,     /* done (the output says what happened) */
    OPCONS_ERROR,  /* bad command or operand: one line on out says why */
    OPCONS_QUIT,   /* the operator asked to end the simulator */
};

/*
 * Execute one command line on machine m, writing to out.  Never touches
 * host memory outside the machine, whatever the line says.  Commands that
 * start or stop the CPU (start, stop, s, ipl, restart) change
 * m->cpu.stopped; the caller runs the machine while it is clear.  `t+`
 * keeps writing the trace to out after the call returns.
 */
int opcons_exec(struct machine *m, const char *line, FILE *out);

/* The command summary that `help` prints. */
void opcons_help(FILE *out);

#endif
