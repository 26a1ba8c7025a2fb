/*
 * tn3270_server.h - the built-in TN3270 server: a listening socket and
 * its connections, all driven by the machine's run loop (watched fds and
 * events; no threads).  Each connection negotiates (tn3270_telnet.c) and
 * then becomes the terminal of one 3270 device (d3270.c) from the pool.
 */
#ifndef CPCMS_TN3270_SERVER_H
#define CPCMS_TN3270_SERVER_H

#include <stdio.h>

struct machine;
struct device;
struct tn3270_server;

#define TN3270_DEFAULT_MAXCONN 32
#define TN3270_DEFAULT_TIMEOUT 30.0 /* seconds to finish negotiating */

struct tn3270_server *tn3270_server_new(struct machine *m, FILE *log);
void tn3270_server_free(struct tn3270_server *srv);
/* Add a 3270 device to the pool the connections are given. */
int tn3270_server_add(struct tn3270_server *srv, struct device *dev);
/* Limits: most connections at once, seconds to finish negotiating. */
void tn3270_server_limits(struct tn3270_server *srv, int maxconn, double timeout);
/* Listen on "[ADDR:]PORT" (ADDR 127.0.0.1 if left out; PORT 0 picks a
   free one).  Returns the port, or -1 with a message in msg. */
int tn3270_server_listen(struct tn3270_server *srv, const char *spec, char *msg, size_t msglen);
/* Connections now open. */
int tn3270_server_sessions(const struct tn3270_server *srv);
/* The client (ADDRESS:PORT) that has the 3270 dev, NULL if none has it. */
const char *tn3270_server_peer(const struct tn3270_server *srv, const struct device *dev);

#endif
