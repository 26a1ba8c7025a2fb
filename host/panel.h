/*
 * panel.h - the operator's panel of `cpcms run` on a terminal (panel.c):
 * an ncurses screen with the machine's state, its instruction rate, the
 * devices, the console's messages, and a command line edited with
 * libedit whose lines are the operator's console input.
 *
 * The panel has a thread of its own; the machine keeps its single thread
 * and does not know the panel is there: its standard output and error
 * become a pipe that the panel reads, and its 3215's input a pipe that
 * the panel writes.  What the machine shows the panel is a snapshot that
 * a machine event takes four times a second.
 */
#ifndef CPCMS_PANEL_H
#define CPCMS_PANEL_H

#include <stddef.h>

struct machine;
struct tn3270_server;
struct mconf;

struct panel;

/*
 * Take over the terminal (stdin and stdout) for the machine that c
 * describes: from now on what is written on stdout and stderr is in the
 * panel's messages.  NULL, with a message in err, if the panel cannot
 * start (the plain console is then unchanged).
 */
struct panel *panel_start(const struct mconf *c, char *err, size_t errlen);

/* The machine is built: show it, and give its 3215 the command line's
   lines.  From the machine's thread, before the IPL. */
void panel_attach(struct panel *p, struct machine *m, struct tn3270_server *tn);

/*
 * The machine has stopped for good (or was never built): show the last of its output, give the
 * terminal back as it was, and put stdout and stderr back on it, with the
 * last messages of the run printed there.  Frees p.
 */
void panel_end(struct panel *p);

#endif
