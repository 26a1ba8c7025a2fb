/*
 * test_tn3270_server.c - the TN3270 server (devices/tn3270_server.c) with
 * real loopback sockets, driven the way the run loop drives it (watched
 * fds, events) while the CPU waits: accept, negotiate, the device
 * connected; output the client does not read at once arrives later, in
 * full; a client that never reads is dropped once the backlog passes its
 * limit, its device gets intervention required and the next client gets
 * the device.
 */
#include "testutil.h"
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <time.h>

#include "dev.h"
#include "d3270.h"
#include "tn3270_server.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Let the run loop work for a while: poll the watches, run due events. */
static void pump(struct machine *m, double seconds)
{
    double end = now() + seconds;
    while (now() < end) {
        machine_poll(m, 2000);
        machine_step(m);
    }
}

static struct machine *waiting_machine(void)
{
    struct machine *m = machine_new(1 << 20, false);
    assert_non_null(m);
    /* EC mode, I/O enabled, wait; channel masks off so that the device's
       status stays pending for the test to see. */
    uint8_t psw[8] = {0x02, 0x0A, 0, 0, 0, 0, 0, 0};
    psw_load(&m->cpu, psw);
    m->cpu.cr[2] = 0;
    return m;
}

static int client(int port, int rcvbuf)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    if (rcvbuf)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

/* Read what is there; returns the byte count (-1: EOF). */
static long drain(int fd)
{
    char b[65536];
    long total = 0;
    for (;;) {
        ssize_t n = read(fd, b, sizeof b);
        if (n > 0) {
            total += n;
            continue;
        }
        if (n == 0)
            return total ? total : -1;
        return total;
    }
}

/* Negotiate plain TN3270, model 2, all at once. */
static void negotiate(struct machine *m, int fd)
{
    static const uint8_t neg[] = {
        0xff, 0xfc, 0x28, 0xff, 0xfb, 0x18,
        0xff, 0xfa, 0x18, 0x00, 'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '2', 0xff, 0xf0,
        0xff, 0xfb, 0x19, 0xff, 0xfd, 0x19, 0xff, 0xfb, 0x00, 0xff, 0xfd, 0x00,
    };
    pump(m, 0.05);
    assert_int_equal(write(fd, neg, sizeof neg), (ssize_t)sizeof neg);
    pump(m, 0.1);
    drain(fd);
}

/* Erase/Write of `len` bytes on 0C0; returns the unit status. */
static int erase_write(struct machine *m, uint32_t len)
{
    uint8_t *p = m->mem + 0x2000;
    p[0] = 0x05; p[1] = 0x00; p[2] = 0x30; p[3] = 0x00; p[4] = CCW_SLI; p[5] = 0;
    put16(p + 6, (uint16_t)len);
    m->mem[0x3000] = 0xC3;
    memset(m->mem + 0x3001, 0xC1, len - 1); /* 'A's, nothing to escape */
    put32(m->mem + 0x48, 0x2000);
    int cc = chan_sio(m, 0x0C0, false);
    if (cc == 0)
        cc = chan_tio(m, 0x0C0);
    assert_int_equal(cc, 1);
    return m->mem[68];
}

static void backlog_delivered_then_slow_client_dropped(void **state)
{
    struct machine *m = waiting_machine();
    const char *err;
    struct device *dev = dev_create(m, "3270", 0x0C0, NULL, &err);
    assert_non_null(dev);
    struct tn3270_server *srv = tn3270_server_new(m, NULL);
    assert_int_equal(tn3270_server_add(srv, dev), 0);
    char msg[200];
    int port = tn3270_server_listen(srv, "0", msg, sizeof msg);
    assert_true(port > 0);

    int fd = client(port, 4096);
    negotiate(m, fd);
    assert_int_equal(tn3270_server_sessions(srv), 1);
    assert_true(d3270_connected(dev));
    assert_int_equal(chan_tio(m, 0x0C0), 1); /* device end of the connection */
    assert_int_equal(m->mem[68], US_DE);

    /* 400 KB the client does not read yet: kept, then delivered in full */
    long sent = 0;
    for (int i = 0; i < 100; i++) {
        assert_int_equal(erase_write(m, 4000), US_CE | US_DE);
        sent += 1 + 4000 + 2; /* F5, the data, IAC EOR */
    }
    long got = 0;
    double end = now() + 10;
    while (got < sent && now() < end) {
        pump(m, 0.005);
        long n = drain(fd);
        assert_true(n >= 0);
        got += n;
    }
    assert_int_equal(got, sent);

    /* A client that never reads: dropped past the backlog limit */
    /* (the kernel takes a few MB first: tcp_wmem and the receive buffer) */
    for (int i = 0; i < 20000 && d3270_connected(dev); i++) {
        erase_write(m, 4000);
        if (i % 64 == 0)
            pump(m, 0.001);
    }
    pump(m, 0.05);
    assert_false(d3270_connected(dev));
    assert_int_equal(tn3270_server_sessions(srv), 0);
    assert_int_equal(erase_write(m, 10), US_CE | US_DE | US_UC);
    close(fd);

    /* The device is free for the next client */
    fd = client(port, 0);
    negotiate(m, fd);
    assert_true(d3270_connected(dev));
    assert_int_equal(chan_tio(m, 0x0C0), 1);
    assert_int_equal(m->mem[68], US_DE);
    assert_int_equal(erase_write(m, 10), US_CE | US_DE);
    close(fd);
    pump(m, 0.05);
    assert_false(d3270_connected(dev));
    assert_int_equal(tn3270_server_sessions(srv), 0);
    tn3270_server_free(srv);
    machine_free(m);
}

static void listen_errors(void **state)
{
    struct machine *m = waiting_machine();
    struct tn3270_server *srv = tn3270_server_new(m, NULL);
    char msg[200];
    assert_int_equal(tn3270_server_listen(srv, "70000", msg, sizeof msg), -1);
    assert_int_equal(tn3270_server_listen(srv, "127.0.0.1:x", msg, sizeof msg), -1);
    assert_int_equal(tn3270_server_listen(srv, "no.such.host.invalid:0", msg, sizeof msg), -1);
    assert_true(tn3270_server_listen(srv, "[::1]:0", msg, sizeof msg) > 0 ||
                tn3270_server_listen(srv, "127.0.0.1:0", msg, sizeof msg) > 0);
    tn3270_server_free(srv);
    machine_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(backlog_delivered_then_slow_client_dropped),
        cmocka_unit_test(listen_errors),
    };
    return cmocka_run_group_tests_name("tn3270 server", tests, NULL, NULL);
}
