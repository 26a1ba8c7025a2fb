/*
 * gdbstub.c - the GDB remote serial protocol (GDB manual, "Remote
 * Protocol") for the simulated machine; the register layout and the PSW
 * mapping are in gdbstub.h.
 *
 * Packets: ?, g, G, p, P, m, M, X, c, s, C, S, vCont?, vCont, Z0/z0 and
 * Z1/z1 (both through the breakpoint list of debug.c), k, D, H, T,
 * qSupported, qAttached, qXfer:features:read:target.xml, qfThreadInfo,
 * qsThreadInfo, qC and qRcmd (`monitor CMD` runs an operator command of
 * opcons.c that only looks or alters, and returns its output).  Anything
 * else gets the empty reply.  0x03 between packets stops a running machine.
 *
 * The stub never blocks the machine: the listening socket and the
 * connection are watched fds (WATCH_CONTROL), so a running machine sees
 * Ctrl-C after at most one slice, also in the deterministic mode.  While
 * the machine is stopped the caller (host/cmd_machine.c) keeps calling
 * machine_poll(), which brings the packets here.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdbstub.h"
#include "debug.h"
#include "opcons.h"

/* GDB signal numbers for stop replies. */
#define SIG_INT 2
#define SIG_ILL 4
#define SIG_TRAP 5
#define SIG_ABRT 6
#define SIG_ALRM 14

struct gdb {
    struct machine *m;
    int listen_fd, fd;        /* -1 when absent */
    struct gdb_rx rx;
    bool running;             /* resumed by the debugger: owes a stop reply */
    bool interrupted;         /* stopped by Ctrl-C */
    bool swbreak;             /* the debugger understands swbreak stop reasons */
    bool killed;              /* k */
    bool ended;               /* the machine ended (W or X sent) */
    int last_sig;
    char reply[GDB_PKT_MAX + 1];
    char tx[2 * GDB_PKT_MAX + 8];  /* the last packet sent, framed */
    size_t txlen;
};

/* --- packet layer ------------------------------------------------------------ */

enum { RX_IDLE, RX_DATA, RX_CSUM1, RX_CSUM2 };

void gdb_rx_init(struct gdb_rx *rx)
{
    rx->state = RX_IDLE;
    rx->len = 0;
    rx->sum = rx->csum = 0;
    rx->overflow = false;
    rx->buf[0] = 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int gdb_rx_byte(struct gdb_rx *rx, uint8_t ch)
{
    int d;
    switch (rx->state) {
    case RX_IDLE:
        if (ch == '$') {
            gdb_rx_init(rx);
            rx->state = RX_DATA;
            return GDB_RX_MORE;
        }
        return ch == 0x03 ? GDB_RX_INTERRUPT : ch == '+' ? GDB_RX_ACK
             : ch == '-' ? GDB_RX_NAK : GDB_RX_MORE;
    case RX_DATA:
        if (ch == '#') {
            rx->state = RX_CSUM1;
        } else if (ch == '$') { /* a new packet: the last one was cut off */
            gdb_rx_init(rx);
            rx->state = RX_DATA;
        } else {
            rx->sum = (uint8_t)(rx->sum + ch);
            if (rx->len < GDB_PKT_MAX)
                rx->buf[rx->len++] = (char)ch;
            else
                rx->overflow = true;
        }
        return GDB_RX_MORE;
    case RX_CSUM1:
        d = hexval(ch);
        if (d < 0) {
            rx->state = RX_IDLE;
            return GDB_RX_BADSUM;
        }
        rx->csum = (uint8_t)(d << 4);
        rx->state = RX_CSUM2;
        return GDB_RX_MORE;
    default:
        d = hexval(ch);
        rx->state = RX_IDLE;
        rx->buf[rx->len] = 0;
        if (d < 0 || (uint8_t)(rx->csum | d) != rx->sum || rx->overflow)
            return GDB_RX_BADSUM;
        return GDB_RX_PACKET;
    }
}

uint8_t gdb_checksum(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint8_t s = 0;
    while (len--)
        s = (uint8_t)(s + *p++);
    return s;
}

size_t gdb_frame(const void *data, size_t len, char *out, size_t outsize)
{
    const uint8_t *p = data;
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    uint8_t sum = 0;
    if (outsize < 4)
        return 0;
    out[o++] = '$';
    for (size_t i = 0; i < len; i++) {
        uint8_t c = p[i];
        bool esc = c == '#' || c == '$' || c == '}' || c == '*';
        if (o + (esc ? 2 : 1) + 3 > outsize)
            return 0;
        if (esc) {
            out[o++] = '}';
            sum = (uint8_t)(sum + '}');
            c ^= 0x20;
        }
        out[o++] = (char)c;
        sum = (uint8_t)(sum + c);
    }
    out[o++] = '#';
    out[o++] = hex[sum >> 4];
    out[o++] = hex[sum & 15];
    return o;
}

long gdb_unescape(char *data, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '}') {
            if (++i == len)
                return -1;
            data[o++] = (char)(data[i] ^ 0x20);
        } else {
            data[o++] = data[i];
        }
    }
    return (long)o;
}

void gdb_hex_encode(char *out, const void *bytes, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = bytes;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * n] = 0;
}

int gdb_hex_decode(void *bytes, const char *hex, size_t n)
{
    uint8_t *p = bytes;
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(hex[2 * i]), lo = hi < 0 ? -1 : hexval(hex[2 * i + 1]);
        if (lo < 0)
            return -1;
        p[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* --- registers ------------------------------------------------------------------ */

void gdb_psw_get(const struct cpu *cpu, uint32_t *pswm, uint32_t *pswa)
{
    const struct psw *p = &cpu->psw;
    uint8_t b[8];
    psw_store(cpu, b, p->intcode, p->ilc);
    if (p->ec) {
        *pswm = be32(b);
        *pswa = be32(b + 4);
    } else {
        *pswm = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)(p->cc << 4 | p->progmask) << 8;
        *pswa = p->ia;
    }
}

int gdb_psw_set(struct cpu *cpu, uint32_t pswm, uint32_t pswa)
{
    uint8_t b[8], old[8];
    b[0] = (uint8_t)(pswm >> 24);
    b[1] = (uint8_t)(pswm >> 16);
    if (b[1] & 0x08) { /* EC mode */
        b[2] = (uint8_t)(pswm >> 8);
        b[3] = (uint8_t)pswm;
        b[4] = 0;
    } else {
        put16(b + 2, cpu->psw.intcode);
        b[4] = (uint8_t)((cpu->psw.ilc & 3) << 6 | ((pswm >> 8) & 0x3F));
    }
    b[5] = (uint8_t)(pswa >> 16);
    b[6] = (uint8_t)(pswa >> 8);
    b[7] = (uint8_t)pswa;
    psw_store(cpu, old, cpu->psw.intcode, cpu->psw.ilc);
    if (psw_load(cpu, b)) {
        psw_load(cpu, old);
        return -1;
    }
    return 0;
}

/* Register n's bytes, big-endian, as GDB wants them; its size (0: none). */
static unsigned reg_get(struct gdb *g, unsigned n, uint8_t *out)
{
    struct cpu *cpu = &g->m->cpu;
    uint32_t pswm, pswa;
    if (n <= 1) {
        gdb_psw_get(cpu, &pswm, &pswa);
        put32(out, n ? pswa : pswm);
        return 4;
    }
    if (n < 18) {
        put32(out, cpu->gr[n - 2]);
        return 4;
    }
    if (n < 34) {
        put32(out, 0); /* access registers: none on S/370 */
        return 4;
    }
    if (n == 34) {
        put32(out, cpu->fpc);
        return 4;
    }
    if (n < GDB_NREGS) {
        put64(out, cpu->fpr[n - 35]);
        return 8;
    }
    return 0;
}

static unsigned reg_size(unsigned n)
{
    return n < 35 ? 4 : n < GDB_NREGS ? 8 : 0;
}

/* Set register n from its bytes; -1 for an invalid PSW. */
static int reg_set(struct gdb *g, unsigned n, const uint8_t *in)
{
    struct cpu *cpu = &g->m->cpu;
    uint32_t pswm, pswa;
    if (n <= 1) {
        gdb_psw_get(cpu, &pswm, &pswa);
        if (n)
            pswa = be32(in);
        else
            pswm = be32(in);
        return gdb_psw_set(cpu, pswm, pswa);
    }
    if (n < 18)
        cpu->gr[n - 2] = be32(in);
    else if (n == 34)
        cpu->fpc = be32(in);
    else if (n >= 35 && n < GDB_NREGS)
        cpu->fpr[n - 35] = be64(in);
    return 0;
}

/* The target description: the registers in the order above. */
static const char *target_xml(void)
{
    static char xml[6000];
    if (xml[0])
        return xml;
    size_t o = 0;
    o += (size_t)snprintf(xml + o, sizeof xml - o,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>s390:31-bit</architecture>\n"
        "<feature name=\"org.gnu.gdb.s390.core\">\n"
        "<reg name=\"pswm\" bitsize=\"32\" type=\"uint32\" group=\"psw\"/>\n"
        "<reg name=\"pswa\" bitsize=\"32\" type=\"uint32\" group=\"psw\"/>\n");
    for (int i = 0; i < 16; i++)
        o += (size_t)snprintf(xml + o, sizeof xml - o,
                              "<reg name=\"r%d\" bitsize=\"32\" type=\"uint32\" group=\"general\"/>\n", i);
    o += (size_t)snprintf(xml + o, sizeof xml - o, "</feature>\n<feature name=\"org.gnu.gdb.s390.acr\">\n");
    for (int i = 0; i < 16; i++)
        o += (size_t)snprintf(xml + o, sizeof xml - o,
                              "<reg name=\"acr%d\" bitsize=\"32\" type=\"uint32\" group=\"access\"/>\n", i);
    o += (size_t)snprintf(xml + o, sizeof xml - o, "</feature>\n<feature name=\"org.gnu.gdb.s390.fpr\">\n"
                          "<reg name=\"fpc\" bitsize=\"32\" type=\"uint32\" group=\"float\"/>\n");
    for (int i = 0; i < 16; i++)
        o += (size_t)snprintf(xml + o, sizeof xml - o,
                              "<reg name=\"f%d\" bitsize=\"64\" type=\"ieee_double\" group=\"float\"/>\n", i);
    snprintf(xml + o, sizeof xml - o, "</feature>\n</target>\n");
    return xml;
}

/* --- memory ----------------------------------------------------------------------- */

/* The absolute address of each of len bytes of real storage at addr; false
   when any is beyond storage. */
static bool mem_range(struct gdb *g, uint64_t addr, uint64_t len)
{
    struct machine *m = g->m;
    if (addr > AMASK24 || len > (uint64_t)AMASK24 + 1 - addr)
        return false;
    for (uint64_t i = 0; i < len; i++)
        if (real_to_abs(&m->cpu, (uint32_t)(addr + i)) >= m->memsize)
            return false;
    return true;
}

static uint8_t *mem_byte(struct gdb *g, uint64_t a)
{
    return g->m->mem + real_to_abs(&g->m->cpu, (uint32_t)a);
}

/* "ADDR,LEN" then `end` (':' or 0); false if malformed. */
static bool parse_addr_len(const char *p, uint64_t *addr, uint64_t *len, char end, const char **rest)
{
    char *e;
    *addr = strtoull(p, &e, 16);
    if (e == p || *e != ',')
        return false;
    p = e + 1;
    *len = strtoull(p, &e, 16);
    if (e == p || *e != end)
        return false;
    *rest = e + (end ? 1 : 0);
    return true;
}

/* --- packets ------------------------------------------------------------------------ */

static long reply_str(char *reply, const char *s)
{
    size_t n = strlen(s);
    memcpy(reply, s, n + 1);
    return (long)n;
}

/* The stop reply for a machine stopped with signal sig. */
static long stop_reply(struct gdb *g, char *reply, int sig)
{
    const char *why = g->m->cpu.stop_reason;
    bool brk = sig == SIG_TRAP && why && !strcmp(why, "breakpoint");
    g->last_sig = sig;
    return snprintf(reply, GDB_PKT_MAX, "T%02x%s", sig, brk && g->swbreak ? "swbreak:;" : "");
}

/* Resume: continue (c) or step one instruction (s), from addr if given. */
static long resume(struct gdb *g, bool step, const char *addr, char *reply)
{
    struct machine *m = g->m;
    if (addr && *addr) {
        char *e;
        unsigned long long a = strtoull(addr, &e, 16);
        if (*e || a > AMASK24)
            return reply_str(reply, "E01");
        m->cpu.psw.ia = (uint32_t)a;
        cpu_psw_changed(&m->cpu);
    }
    g->interrupted = false;
    if (!step) {
        debug_resume(m);
        g->running = true;
        return -1;
    }
    m->cpu.stopped = true;
    m->cpu.stop_reason = "single step";
    enum stop why = machine_step(m);
    if (why == STOP_NONE)
        return stop_reply(g, reply, SIG_TRAP);
    g->ended = true;
    if (why == STOP_DISABLED_WAIT)
        return snprintf(reply, GDB_PKT_MAX, "W%02x", m->cpu.psw.ia & 0xFF);
    return snprintf(reply, GDB_PKT_MAX, "X%02x", SIG_ABRT);
}

/* vCont;ACTION[:thread][;ACTION...]: one thread, so the first action. */
static long vcont(struct gdb *g, const char *p, char *reply)
{
    if (*p != ';')
        return reply_str(reply, "E01");
    char act = p[1];
    if (act == 'c' || act == 'C')
        return resume(g, false, NULL, reply);
    if (act == 's' || act == 'S')
        return resume(g, true, NULL, reply);
    return reply_str(reply, "");
}

/* monitor CMD: an operator command that does not run the CPU. */
static long rcmd(struct gdb *g, const char *hex, char *reply)
{
    static const char *const refused[] = {"start", "stop", "s", "restart", "ipl", "quit", "t+"};
    char cmd[512];
    size_t n = strlen(hex) / 2;
    if (n >= sizeof cmd || gdb_hex_decode(cmd, hex, n))
        return reply_str(reply, "E01");
    cmd[n] = 0;
    char word[16] = "";
    sscanf(cmd, "%15s", word);
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    if (!f)
        return reply_str(reply, "E01");
    bool bad = false;
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
        if (!strcasecmp(word, refused[i]))
            bad = true;
    if (bad || word[0] == '.')
        fprintf(f, "%s: not from gdb (use gdb's own commands to run the machine)\n", word);
    else
        opcons_exec(g->m, cmd, f);
    fclose(f);
    size_t keep = outlen < (GDB_PKT_MAX - 1) / 2 ? outlen : (GDB_PKT_MAX - 1) / 2;
    if (keep == 0)
        reply_str(reply, "OK");
    else
        gdb_hex_encode(reply, out, keep);
    free(out);
    return (long)strlen(reply);
}

static long query(struct gdb *g, char *p, char *reply)
{
    if (!strncmp(p, "qSupported", 10)) {
        g->swbreak = strstr(p, "swbreak+") != NULL;
        return snprintf(reply, GDB_PKT_MAX, "PacketSize=%x;qXfer:features:read+%s", GDB_PKT_MAX,
                        g->swbreak ? ";swbreak+" : "");
    }
    if (!strcmp(p, "qAttached"))
        return reply_str(reply, "1");
    if (!strcmp(p, "qC"))
        return reply_str(reply, "QC1");
    if (!strcmp(p, "qfThreadInfo"))
        return reply_str(reply, "m1");
    if (!strcmp(p, "qsThreadInfo"))
        return reply_str(reply, "l");
    if (!strncmp(p, "qRcmd,", 6))
        return rcmd(g, p + 6, reply);
    if (!strncmp(p, "qXfer:features:read:", 20)) {
        const char *annex = p + 20, *colon = strchr(annex, ':'), *rest;
        uint64_t off, len;
        if (!colon || (size_t)(colon - annex) != 10 || strncmp(annex, "target.xml", 10))
            return reply_str(reply, "E00");
        if (!parse_addr_len(colon + 1, &off, &len, 0, &rest))
            return reply_str(reply, "E01");
        const char *xml = target_xml();
        size_t total = strlen(xml);
        if (off >= total)
            return reply_str(reply, "l");
        if (len > GDB_PKT_MAX - 1)
            len = GDB_PKT_MAX - 1;
        size_t n = total - off < len ? total - off : (size_t)len;
        reply[0] = off + n < total ? 'm' : 'l';
        memcpy(reply + 1, xml + off, n);
        reply[n + 1] = 0;
        return (long)n + 1;
    }
    return reply_str(reply, "");
}

long gdb_packet(struct gdb *g, char *p, size_t len, char *reply)
{
    struct machine *m = g->m;
    uint64_t addr, n;
    const char *rest;
    uint8_t b[8];
    reply[0] = 0;
    switch (p[0]) {
    case '?':
        return g->last_sig ? snprintf(reply, GDB_PKT_MAX, "T%02x", g->last_sig) : reply_str(reply, "S05");
    case 'g': {
        long o = 0;
        for (unsigned r = 0; r < GDB_NREGS; r++) {
            unsigned sz = reg_get(g, r, b);
            gdb_hex_encode(reply + o, b, sz);
            o += 2 * (long)sz;
        }
        return o;
    }
    case 'G': {
        uint8_t all[GDB_G_BYTES];
        if (len - 1 != 2 * GDB_G_BYTES || gdb_hex_decode(all, p + 1, GDB_G_BYTES))
            return reply_str(reply, "E01");
        uint32_t pswm = be32(all), pswa = be32(all + 4);
        if (gdb_psw_set(&m->cpu, pswm, pswa))
            return reply_str(reply, "E01");
        for (unsigned r = 2, o = 8; r < GDB_NREGS; o += reg_size(r), r++)
            reg_set(g, r, all + o);
        return reply_str(reply, "OK");
    }
    case 'p': {
        char *e;
        unsigned long r = strtoul(p + 1, &e, 16);
        if (*e || e == p + 1 || r >= GDB_NREGS)
            return reply_str(reply, "E01");
        unsigned sz = reg_get(g, (unsigned)r, b);
        gdb_hex_encode(reply, b, sz);
        return 2 * (long)sz;
    }
    case 'P': {
        char *e;
        unsigned long r = strtoul(p + 1, &e, 16);
        if (*e != '=' || e == p + 1 || r >= GDB_NREGS || strlen(e + 1) != 2 * reg_size((unsigned)r) ||
            gdb_hex_decode(b, e + 1, reg_size((unsigned)r)) || reg_set(g, (unsigned)r, b))
            return reply_str(reply, "E01");
        return reply_str(reply, "OK");
    }
    case 'm':
        if (!parse_addr_len(p + 1, &addr, &n, 0, &rest))
            return reply_str(reply, "E01");
        if (n > GDB_PKT_MAX / 2)
            n = GDB_PKT_MAX / 2;
        if (!mem_range(g, addr, n))
            return reply_str(reply, "E01");
        for (uint64_t i = 0; i < n; i++)
            gdb_hex_encode(reply + 2 * i, mem_byte(g, addr + i), 1);
        return 2 * (long)n;
    case 'M':
        if (!parse_addr_len(p + 1, &addr, &n, ':', &rest) || strlen(rest) != 2 * n)
            return reply_str(reply, "E01");
        if (!mem_range(g, addr, n))
            return reply_str(reply, "E01");
        for (uint64_t i = 0; i < n; i++)
            if (gdb_hex_decode(b, rest + 2 * i, 1))
                return reply_str(reply, "E01");
        for (uint64_t i = 0; i < n; i++)
            gdb_hex_decode(mem_byte(g, addr + i), rest + 2 * i, 1);
        return reply_str(reply, "OK");
    case 'X': {
        if (!parse_addr_len(p + 1, &addr, &n, ':', &rest))
            return reply_str(reply, "E01");
        char *data = (char *)rest;
        long got = gdb_unescape(data, len - (size_t)(data - p));
        if (got < 0 || (uint64_t)got != n)
            return reply_str(reply, "E01");
        if (n && !mem_range(g, addr, n))
            return reply_str(reply, "E01");
        for (uint64_t i = 0; i < n; i++)
            *mem_byte(g, addr + i) = (uint8_t)data[i];
        return reply_str(reply, "OK");
    }
    case 'c':
    case 's':
        return resume(g, p[0] == 's', p + 1, reply);
    case 'C':
    case 'S': {
        const char *semi = strchr(p, ';');
        return resume(g, p[0] == 'S', semi ? semi + 1 : NULL, reply);
    }
    case 'Z':
    case 'z':
        if ((p[1] != '0' && p[1] != '1') || p[2] != ',' || !parse_addr_len(p + 3, &addr, &n, 0, &rest))
            return reply_str(reply, "");
        if (addr > AMASK24)
            return reply_str(reply, "E01");
        if (p[0] == 'Z')
            return reply_str(reply, debug_break_add(m, (uint32_t)addr) ? "E01" : "OK");
        debug_break_del(m, (uint32_t)addr);
        return reply_str(reply, "OK");
    case 'k':
        g->killed = true;
        return -1;
    case 'D':
        g->running = false;
        if (m->cpu.stopped)
            debug_resume(m);
        return reply_str(reply, "OK");
    case 'H':
    case 'T':
        return reply_str(reply, "OK");
    case 'q':
        return query(g, p, reply);
    case 'v':
        if (!strcmp(p, "vCont?"))
            return reply_str(reply, "vCont;c;C;s;S");
        if (!strncmp(p, "vCont", 5))
            return vcont(g, p + 5, reply);
        return reply_str(reply, "");
    default:
        return reply_str(reply, "");
    }
}

/* --- the connection ----------------------------------------------------------------- */

static void disconnect(struct gdb *g);

static void send_packet(struct gdb *g, const char *data, size_t len)
{
    if (g->fd < 0)
        return;
    g->txlen = gdb_frame(data, len, g->tx, sizeof g->tx);
    size_t off = 0;
    while (off < g->txlen) {
        ssize_t w = send(g->fd, g->tx + off, g->txlen - off, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            disconnect(g);
            return;
        }
        off += (size_t)w;
    }
}

static void send_raw(struct gdb *g, const char *s, size_t n)
{
    if (g->fd >= 0 && send(g->fd, s, n, MSG_NOSIGNAL) < 0 && errno != EINTR)
        disconnect(g);
}

/* The debugger went away: a detach, or the connection broke.  The machine
   runs on unless it was killed. */
static void disconnect(struct gdb *g)
{
    if (g->fd < 0)
        return;
    machine_unwatch_fd(g->m, g->fd);
    close(g->fd);
    g->fd = -1;
    g->running = false;
    if (!g->killed && !g->ended && g->m->cpu.stopped)
        debug_resume(g->m);
}

static void on_input(struct machine *m, void *arg)
{
    struct gdb *g = arg;
    uint8_t buf[4096];
    ssize_t n = recv(g->fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR)
        return;
    if (n <= 0) {
        disconnect(g);
        return;
    }
    for (ssize_t i = 0; i < n && g->fd >= 0; i++) {
        switch (gdb_rx_byte(&g->rx, buf[i])) {
        case GDB_RX_PACKET: {
            send_raw(g, "+", 1);
            long r = gdb_packet(g, g->rx.buf, g->rx.len, g->reply);
            if (r >= 0)
                send_packet(g, g->reply, (size_t)r);
            if (g->killed || g->ended || (g->rx.buf[0] == 'D' && r >= 0))
                disconnect(g);
            break;
        }
        case GDB_RX_BADSUM:
            send_raw(g, "-", 1);
            break;
        case GDB_RX_NAK:
            send_raw(g, g->tx, g->txlen);
            break;
        case GDB_RX_INTERRUPT:
            if (!m->cpu.stopped) {
                g->interrupted = true;
                m->cpu.stopped = true;
                m->cpu.stop_reason = "interrupted by the debugger";
                cpu_set_pending(&m->cpu);
            }
            break;
        default:
            break;
        }
    }
}

int gdb_attach_fd(struct gdb *g, int fd)
{
    struct machine *m = g->m;
    if (g->fd >= 0)
        return -1;
    g->fd = fd;
    gdb_rx_init(&g->rx);
    g->running = g->interrupted = g->swbreak = g->killed = g->ended = false;
    g->last_sig = 0;
    g->txlen = 0;
    if (!m->cpu.stopped) {
        m->cpu.stopped = true;
        m->cpu.stop_reason = "debugger attached";
        cpu_set_pending(&m->cpu);
    }
    machine_watch_fd_flags(m, fd, WATCH_CONTROL, on_input, g);
    return 0;
}

static void on_connect(struct machine *m, void *arg)
{
    struct gdb *g = arg;
    int fd = accept(g->listen_fd, NULL, NULL);
    if (fd < 0)
        return;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (gdb_attach_fd(g, fd)) /* one debugger at a time */
        close(fd);
}

struct gdb *gdb_new(struct machine *m)
{
    struct gdb *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->m = m;
    g->listen_fd = g->fd = -1;
    gdb_rx_init(&g->rx);
    return g;
}

void gdb_free(struct gdb *g)
{
    if (!g)
        return;
    g->killed = true; /* no resume on the way out */
    disconnect(g);
    if (g->listen_fd >= 0) {
        machine_unwatch_fd(g->m, g->listen_fd);
        close(g->listen_fd);
    }
    free(g);
}

int gdb_listen(struct gdb *g, int port, char *err, size_t errlen)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        snprintf(err, errlen, "socket: %s", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t salen = sizeof sa;
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 1) ||
        getsockname(fd, (struct sockaddr *)&sa, &salen)) {
        snprintf(err, errlen, "127.0.0.1:%d: %s", port, strerror(errno));
        close(fd);
        return -1;
    }
    g->listen_fd = fd;
    machine_watch_fd_flags(g->m, fd, WATCH_CONTROL, on_connect, g);
    return ntohs(sa.sin_port);
}

void gdb_report_stop(struct gdb *g, enum stop why)
{
    if (!g || g->fd < 0 || !g->running)
        return;
    g->running = false;
    long n;
    switch (why) {
    case STOP_OPERATOR:
        n = stop_reply(g, g->reply, g->interrupted ? SIG_INT : SIG_TRAP);
        g->interrupted = false;
        break;
    case STOP_DISABLED_WAIT:
        n = snprintf(g->reply, GDB_PKT_MAX, "W%02x", g->m->cpu.psw.ia & 0xFF);
        g->ended = true;
        break;
    case STOP_TIME_LIMIT:
    case STOP_INSN_LIMIT:
        n = snprintf(g->reply, GDB_PKT_MAX, "X%02x", SIG_ALRM);
        g->ended = true;
        break;
    case STOP_CHECKSTOP:
        n = snprintf(g->reply, GDB_PKT_MAX, "X%02x", SIG_ILL);
        g->ended = true;
        break;
    default:
        n = snprintf(g->reply, GDB_PKT_MAX, "X%02x", SIG_ABRT);
        g->ended = true;
        break;
    }
    send_packet(g, g->reply, (size_t)n);
}

bool gdb_connected(const struct gdb *g)
{
    return g && g->fd >= 0;
}

bool gdb_done(const struct gdb *g)
{
    return g && (g->killed || g->ended);
}
