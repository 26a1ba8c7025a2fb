/*
 * con3215.h - what the 3215 console (con3215.c) offers besides its
 * struct dev_ops: input fed by the host program instead of read from the
 * machine's console fd, for the operator console's "." lines (Hercules'
 * integrated console).
 */
#ifndef CPCMS_CON3215_H
#define CPCMS_CON3215_H

struct device;

/* From now on the console reads only what con3215_feed() gives it: a read
   waits for the next line instead of reading the console fd. */
void con3215_feed_start(struct device *dev);
/* One line of input (without its newline), or NULL for end of input (later
   reads get intervention required).  Switches to fed input if need be and
   completes a waiting read.  0, or -1 when the input buffer is full. */
int con3215_feed(struct device *dev, const char *line);

#endif
