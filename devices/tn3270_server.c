/*
 * tn3270_server.c - the TN3270 server (see tn3270_server.h).
 *
 * Every socket is non-blocking and a watched fd of the machine's run loop
 * (machine_watch_fd): input is read when poll() says so, negotiated by
 * the connection's telnet state machine (tn3270_telnet.c), and complete
 * records go to its device.  Output is written at once; what the socket
 * does not take is kept and retried from a machine event every
 * millisecond, and a client that lets more than TN_BACKLOG_MAX pile up is
 * dropped.  A connection that has not finished negotiating after the
 * timeout is dropped, and so is one that breaks the protocol; its device
 * is disconnected (the next I/O gets intervention required) and free for
 * the next connection at once.
 *
 * Sessions are limited by --tn3270-max and by the run loop's watch
 * table (MAX_WATCH host fds, machine.h): a client beyond either is told
 * so and closed.
 *
 * Connection life:   accepted -> negotiating --(ready)--> on a device
 *                        |            | timeout, error        | EOF, error
 *                        +------------+-----------------------+--> closed
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "machine.h"
#include "dev.h"
#include "d3270.h"
#include "tn3270_telnet.h"
#include "tn3270_server.h"

#define TN_BACKLOG_MAX (1u << 20)
#define TOD_PER_SEC 4096000000ull

struct conn;

struct slot {
    struct device *dev;
    struct conn *owner;
};

struct tn3270_server {
    struct machine *m;
    FILE *log;
    int lfd;
    struct slot *pool;
    int npool;
    int maxconn;
    double timeout;
    int nconn;
    struct conn *conns;
};

struct conn {
    struct tn3270_server *srv;
    struct conn *next;
    int fd;
    struct tn tn;
    struct slot *slot;
    uint8_t *out;            /* output the socket has not taken yet */
    size_t outlen, outcap;
    bool dead;
    const char *why;         /* why it is being dropped */
    char peer[64];
};

static void conn_close(struct conn *c);

static void say(struct tn3270_server *srv, const char *fmt, const char *a, const char *b)
{
    if (!srv->log)
        return;
    fprintf(srv->log, "tn3270: ");
    fprintf(srv->log, fmt, a, b);
    fputc('\n', srv->log);
    fflush(srv->log);
}

/* Drop a connection later, from an event: never from inside a callback
   of its own telnet machine or device. */
static void conn_reap(struct machine *m, void *arg)
{
    conn_close(arg);
}

static void conn_kill(struct conn *c, const char *why)
{
    if (c->dead)
        return;
    c->dead = true;
    c->why = why;
    machine_schedule(c->srv->m, 0, conn_reap, c);
}

static void flush_out(struct machine *m, void *arg)
{
    struct conn *c = arg;
    while (c->outlen && !c->dead) {
        ssize_t n = write(c->fd, c->out, c->outlen);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            machine_schedule(m, tod_now(m) + TOD_PER_SEC / 1000, flush_out, c);
            return;
        }
        if (n <= 0) {
            conn_kill(c, "connection lost");
            return;
        }
        memmove(c->out, c->out + n, c->outlen - (size_t)n);
        c->outlen -= (size_t)n;
    }
}

static void conn_send(void *ctx, const uint8_t *data, size_t len)
{
    struct conn *c = ctx;
    if (c->dead)
        return;
    if (c->outlen + len > TN_BACKLOG_MAX) {
        conn_kill(c, "client does not read its output");
        return;
    }
    if (c->outlen + len > c->outcap) {
        size_t cap = c->outcap ? c->outcap : 4096;
        while (cap < c->outlen + len)
            cap *= 2;
        uint8_t *p = realloc(c->out, cap);
        if (!p) {
            conn_kill(c, "out of memory");
            return;
        }
        c->out = p;
        c->outcap = cap;
    }
    memcpy(c->out + c->outlen, data, len);
    bool idle = c->outlen == 0;
    c->outlen += len;
    if (idle)
        flush_out(c->srv->m, c);
}

static void dev_send(void *ctx, const uint8_t *rec, size_t len)
{
    struct conn *c = ctx;
    tn_send_record(&c->tn, rec, len);
}

static int cb_assign(void *ctx, const char *name, char *devname)
{
    struct conn *c = ctx;
    struct tn3270_server *srv = c->srv;
    struct slot *s = NULL;
    if (c->slot) { /* asked again (TN3270E refused, then TN3270): start over */
        c->slot->owner = NULL;
        c->slot = NULL;
    }
    if (name) {
        char *end;
        long a = strtol(name, &end, 16);
        if (!*name || *end || a < 0 || a > 0xFFF)
            return TNE_R_INV_NAME;
        for (int i = 0; i < srv->npool && !s; i++)
            if (srv->pool[i].dev->addr == a)
                s = &srv->pool[i];
        if (!s)
            return TNE_R_INV_NAME;
        if (s->owner)
            return TNE_R_DEVICE_IN_USE;
    } else {
        for (int i = 0; i < srv->npool && !s; i++)
            if (!srv->pool[i].owner)
                s = &srv->pool[i];
        if (!s)
            return TNE_R_DEVICE_IN_USE;
    }
    s->owner = c;
    c->slot = s;
    snprintf(devname, 9, "%03X", s->dev->addr);
    return 0;
}

static void timeout_fired(struct machine *m, void *arg)
{
    struct conn *c = arg;
    if (c->tn.state != TN_READY)
        conn_kill(c, "negotiation not finished in time");
}

static void cb_ready(void *ctx, int rows, int cols)
{
    struct conn *c = ctx;
    machine_cancel(c->srv->m, timeout_fired, c);
    char what[64];
    snprintf(what, sizeof what, "%s as %s%s", c->tn.devname, c->tn.ttype,
             c->tn.tn3270e ? " (TN3270E)" : "");
    say(c->srv, "%s: connected to %s", c->peer, what);
    d3270_connect(c->slot->dev, rows, cols, dev_send, c);
}

static void cb_record(void *ctx, const uint8_t *rec, size_t len)
{
    struct conn *c = ctx;
    if (c->dead || !c->slot)
        return;
    if (d3270_inbound(c->slot->dev, rec, len))
        conn_kill(c, "malformed 3270 data from the terminal");
}

static const struct tn_callbacks callbacks = {
    .send = conn_send, .assign = cb_assign, .ready = cb_ready, .record = cb_record,
};

static void conn_close(struct conn *c)
{
    struct tn3270_server *srv = c->srv;
    struct machine *m = srv->m;
    say(srv, "%s: closed (%s)", c->peer, c->why ? c->why : "server ends");
    machine_unwatch_fd(m, c->fd);
    machine_cancel(m, conn_reap, c);
    machine_cancel(m, flush_out, c);
    machine_cancel(m, timeout_fired, c);
    if (c->slot) {
        if (c->tn.state == TN_READY || d3270_connected(c->slot->dev))
            d3270_disconnect(c->slot->dev);
        c->slot->owner = NULL;
    }
    close(c->fd);
    for (struct conn **p = &srv->conns; *p; p = &(*p)->next)
        if (*p == c) {
            *p = c->next;
            break;
        }
    srv->nconn--;
    tn_free(&c->tn);
    free(c->out);
    free(c);
}

static void conn_input(struct machine *m, void *arg)
{
    struct conn *c = arg;
    uint8_t buf[4096];
    if (c->dead)
        return;
    ssize_t n = read(c->fd, buf, sizeof buf);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {
        c->why = n == 0 ? "client closed the connection" : "connection lost";
        conn_close(c);
        return;
    }
    if (tn_input(&c->tn, buf, (size_t)n))
        conn_kill(c, c->tn.err);
}

static void accept_input(struct machine *m, void *arg)
{
    struct tn3270_server *srv = arg;
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    int fd = accept(srv->lfd, (struct sockaddr *)&sa, &salen);
    if (fd < 0)
        return;
    char host[48] = "?", port[8] = "?";
    getnameinfo((struct sockaddr *)&sa, salen, host, sizeof host, port, sizeof port,
                NI_NUMERICHOST | NI_NUMERICSERV);
    if (srv->nconn >= srv->maxconn || !machine_watch_room(m)) {
        static const char msg[] = "cpcms: too many TN3270 sessions, try again later\r\n";
        if (write(fd, msg, sizeof msg - 1) < 0) {}
        close(fd);
        say(srv, "%s:%s: refused, too many sessions", host, port);
        return;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    struct conn *c = calloc(1, sizeof *c);
    if (!c) {
        close(fd);
        return;
    }
    c->srv = srv;
    c->fd = fd;
    snprintf(c->peer, sizeof c->peer, "%s:%s", host, port);
    c->next = srv->conns;
    srv->conns = c;
    srv->nconn++;
    machine_watch_fd(m, fd, conn_input, c);
    machine_schedule(m, tod_now(m) + (uint64_t)(srv->timeout * TOD_PER_SEC), timeout_fired, c);
    tn_init(&c->tn, &callbacks, c);
}

struct tn3270_server *tn3270_server_new(struct machine *m, FILE *log)
{
    struct tn3270_server *srv = calloc(1, sizeof *srv);
    if (!srv)
        return NULL;
    srv->m = m;
    srv->log = log;
    srv->lfd = -1;
    srv->maxconn = TN3270_DEFAULT_MAXCONN;
    srv->timeout = TN3270_DEFAULT_TIMEOUT;
    return srv;
}

void tn3270_server_free(struct tn3270_server *srv)
{
    if (!srv)
        return;
    while (srv->conns)
        conn_close(srv->conns);
    if (srv->lfd >= 0) {
        machine_unwatch_fd(srv->m, srv->lfd);
        close(srv->lfd);
    }
    free(srv->pool);
    free(srv);
}

int tn3270_server_add(struct tn3270_server *srv, struct device *dev)
{
    struct slot *p = realloc(srv->pool, (size_t)(srv->npool + 1) * sizeof *p);
    if (!p)
        return -1;
    srv->pool = p;
    srv->pool[srv->npool++] = (struct slot){dev, NULL};
    return 0;
}

void tn3270_server_limits(struct tn3270_server *srv, int maxconn, double timeout)
{
    if (maxconn > 0)
        srv->maxconn = maxconn;
    if (timeout > 0)
        srv->timeout = timeout;
}

int tn3270_server_sessions(const struct tn3270_server *srv)
{
    return srv->nconn;
}

const char *tn3270_server_peer(const struct tn3270_server *srv, const struct device *dev)
{
    for (int i = 0; i < srv->npool; i++)
        if (srv->pool[i].dev == dev)
            return srv->pool[i].owner ? srv->pool[i].owner->peer : NULL;
    return NULL;
}

int tn3270_server_listen(struct tn3270_server *srv, const char *spec, char *msg, size_t msglen)
{
    char host[256] = "127.0.0.1";
    const char *port = spec, *colon = strrchr(spec, ':');
    if (colon) {
        size_t n = (size_t)(colon - spec);
        if (n >= sizeof host) {
            snprintf(msg, msglen, "%s: address too long", spec);
            return -1;
        }
        memcpy(host, spec, n);
        host[n] = 0;
        if (n >= 2 && host[0] == '[' && host[n - 1] == ']') {
            memmove(host, host + 1, n - 2);
            host[n - 2] = 0;
        }
        port = colon + 1;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p < 0 || p > 65535) {
        snprintf(msg, msglen, "%s: give [ADDR:]PORT with PORT 0-65535", spec);
        return -1;
    }
    struct addrinfo hints = {.ai_flags = AI_PASSIVE | AI_NUMERICSERV, .ai_socktype = SOCK_STREAM};
    struct addrinfo *ai;
    int e = getaddrinfo(host, port, &hints, &ai);
    if (e) {
        snprintf(msg, msglen, "%s: %s", host, gai_strerror(e));
        return -1;
    }
    int fd = socket(ai->ai_family, SOCK_STREAM, 0);
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 64)) {
        snprintf(msg, msglen, "%s: %s", spec, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return -1;
    }
    freeaddrinfo(ai);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    getsockname(fd, (struct sockaddr *)&sa, &salen);
    char sport[8];
    getnameinfo((struct sockaddr *)&sa, salen, NULL, 0, sport, sizeof sport, NI_NUMERICSERV);
    srv->lfd = fd;
    machine_watch_fd(srv->m, fd, accept_input, srv);
    return atoi(sport);
}
