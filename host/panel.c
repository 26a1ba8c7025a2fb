/*
 * panel.c - the operator's panel of `cpcms run` on a terminal (panel.h).
 *
 * Two threads, and what each owns:
 *   the machine's thread: the machine, as without a panel.  snap(), a
 *     machine event every SNAP_US, copies what the panel shows (state,
 *     PSW, instruction count, devices) into p->snap under p->lock;
 *     quit_input(), a watched fd, stops the machine when the operator
 *     presses Ctrl-C twice.  Its stdout and stderr are a pipe, its 3215
 *     reads another (m->console_in): the bytes are those of the plain
 *     console, so the panel shows the same messages.
 *   the panel's thread: the terminal, ncurses and libedit.  It reads the
 *     output pipe into the message list, keys into libedit, writes each
 *     finished line to the console pipe (and into the messages, as a
 *     terminal echoes it), and redraws: at once after a key, else at most
 *     every REDRAW_US.
 *
 * libedit edits the command line but does not draw it: it runs on a
 * pseudo-terminal of its own that nobody reads, gets its keys from
 * getc_key() and its output goes to /dev/null; the panel draws its
 * buffer (el_line()) on the bottom line.  Its emacs bindings, history
 * (up, down, Ctrl-R) and ~/.editrc apply.
 *
 * Screen, top to bottom: two status lines, the devices in columns (3270s
 * that no client has are counted, not listed), the messages, the command
 * line.  PgUp and PgDn scroll the messages.
 */
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <ncurses.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "panel.h"
#include "mconf.h"
#include "machine.h"
#include "dev.h"
#include "dasd.h"
#include "geometry.h"
#include "volume.h"
#include "tape3420.h"
#include "tn3270_server.h"

#define SNAP_US 250000          /* how often the machine's state is taken */
#define REDRAW_US 250000        /* the screen at most this often, keys aside */
#define MSG_MAX 5000            /* messages kept */
#define MSG_LINE 1024           /* a longer line is split */
#define SNAP_DEVS 512
#define RATE_SAMPLES 16         /* > 1 second of snapshots */
#define TAIL_LINES 24           /* messages printed on the terminal at the end */
#define TOD_PER_US 4096ull

extern const struct dev_ops d3270_ops, tape3420_ops, con3215_ops;

/* One device as the panel shows it. */
struct snap_dev {
    uint16_t addr;
    char type[8];
    char state[8];              /* "busy", "idle", "pend" */
    char label[8];              /* a DASD's volume serial */
    char what[96];              /* the volume, tape or client; "" for a free 3270 */
};

/* The machine as the panel shows it, taken by snap(). */
struct snap {
    bool valid;
    const char *state;          /* "RUNNING", "WAIT", "STOPPED" */
    uint8_t psw[8];
    uint64_t icount;
    double when, cpu;           /* monotonic and process CPU seconds */
    int sessions;               /* TN3270 connections */
    uint32_t memsize;
    int ndev;
    struct snap_dev dev[SNAP_DEVS];
};

struct message {
    char *text;
    bool typed;                 /* a line the operator typed */
};

struct panel {
    struct machine *m;
    struct tn3270_server *tn;
    const struct mconf *conf;
    pthread_t thread;
    pthread_mutex_t lock;
    struct snap snap;           /* under lock */
    struct snap taking;         /* the machine's thread's, while it takes one */
    /* file descriptors */
    int tty_in, tty_out;        /* the terminal (copies of 0 and 1) */
    int saved_err;              /* the old stderr */
    int out_r;                  /* the machine's stdout and stderr */
    int con_r, con_w;           /* the 3215's input */
    int quit_r, quit_w;         /* the panel asks the machine to stop */
    int wake_r, wake_w;         /* signals and panel_end() wake the thread */
    sigset_t oldmask;
    struct termios tty_modes;   /* the terminal's modes before the panel */
    struct sigaction old_winch, old_term, old_hup;
    /* the panel thread's own */
    SCREEN *scr;
    FILE *scr_in, *scr_out;
    EditLine *el;
    History *hist;
    int pty_master;
    FILE *el_in, *el_out;
    unsigned char keys[256];    /* keys read, not yet given to libedit */
    size_t nkeys, keypos;
    bool tty_gone;
    bool pending_esc;           /* an Escape came alone */
    struct message msg[MSG_MAX];
    int msg_first, msg_count;
    char partial[MSG_LINE];     /* output after the last newline */
    size_t plen;
    int scroll;                 /* messages scrolled back */
    int page;                   /* the message area's height */
    struct snap view;           /* the last snapshot taken over */
    struct { double when, cpu; uint64_t icount; } rate[RATE_SAMPLES];
    int nrate;
    double started;
    double ctrl_c;              /* when Ctrl-C was pressed (0: not lately) */
    char note[160];             /* a line for the operator, on the status */
    double note_until;
};

/* The signal handler's end of wake_w: a handler has no other way to the
   panel (there is one panel, as there is one terminal). */
static int wake_fd = -1;

static double now_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- the machine's thread ----------------------------------------------- */

/* What the panel says about device d (a volume, a tape, a client). */
static void describe(struct panel *p, struct device *d, struct snap_dev *s)
{
    const struct dev_chan *ch = &d->ch;
    s->addr = d->addr;
    snprintf(s->type, sizeof s->type, "%s", d->ops->type);
    snprintf(s->state, sizeof s->state, "%s", ch->busy ? "busy" : ch->status_pending ? "pend" : "idle");
    s->what[0] = s->label[0] = 0;
    const struct dasd_unit *u = dasd_unit(d);
    if (u) {
        snprintf(s->type, sizeof s->type, "%s", u->info.type->name);
        snprintf(s->label, sizeof s->label, "%s", u->info.volser);
        if (u->vol)
            snprintf(s->what, sizeof s->what, "%s%s", vol_path(u->vol),
                     vol_readonly(u->vol) ? " (ro)" : "");
        else
            snprintf(s->what, sizeof s->what, "not ready %s", u->arg);
    } else if (d->ops == &d3270_ops) {
        const char *peer = p->tn ? tn3270_server_peer(p->tn, d) : NULL;
        snprintf(s->what, sizeof s->what, "%s", peer ? peer : "");
    } else if (d->ops == &con3215_ops) {
        snprintf(s->what, sizeof s->what, "operator's console");
    } else if (d->ops == &tape3420_ops) {
        const char *file = NULL;
        for (int i = 0; i < p->conf->ndev; i++)
            if (p->conf->dev[i].first == d->addr)
                file = p->conf->dev[i].arg;
        snprintf(s->what, sizeof s->what, "%s%s", tape_ready(d) ? "" : "not ready ",
                 tape_ready(d) && file ? file : "");
    } else if (p->conf->spool) {
        snprintf(s->what, sizeof s->what, "spool %s", p->conf->spool);
    }
}

/* A machine event: take a snapshot for the panel, then come again. */
static void snap(struct machine *m, void *arg)
{
    struct panel *p = arg;
    struct snap *s = &p->taking;
    struct cpu *cpu = &m->cpu;
    s->valid = true;
    s->state = cpu->stopped ? "STOPPED" : cpu->psw.wait ? "WAIT" : "RUNNING";
    psw_store(cpu, s->psw, cpu->psw.intcode, cpu->psw.ilc);
    s->icount = cpu_icount(cpu);
    s->when = now_seconds(CLOCK_MONOTONIC);
    s->cpu = now_seconds(CLOCK_PROCESS_CPUTIME_ID);
    s->sessions = p->tn ? tn3270_server_sessions(p->tn) : -1;
    s->memsize = m->memsize;
    s->ndev = 0;
    for (int a = 0; a < MAX_DEVADDR && s->ndev < SNAP_DEVS; a++)
        if (m->chan.dev[a])
            describe(p, m->chan.dev[a], &s->dev[s->ndev++]);
    pthread_mutex_lock(&p->lock);
    memcpy(&p->snap, s, sizeof *s);
    pthread_mutex_unlock(&p->lock);
    machine_schedule(m, tod_now(m) + SNAP_US * TOD_PER_US, snap, p);
}

/* The panel asks the machine to stop (Ctrl-C twice, a lost terminal). */
static void quit_input(struct machine *m, void *arg)
{
    struct panel *p = arg;
    char c;
    if (read(p->quit_r, &c, 1) <= 0)
        machine_unwatch_fd(m, p->quit_r);
    machine_stop(m, STOP_QUIT, "the operator stopped the simulator");
}

static void on_signal(int sig)
{
    char c = sig == SIGWINCH ? 'w' : 'q';
    int e = errno;
    if (wake_fd >= 0 && write(wake_fd, &c, 1) < 0) {
        /* the pipe is full: a wake-up is pending anyway */
    }
    errno = e;
}

/* --- messages --------------------------------------------------------------- */

static void add_message(struct panel *p, const char *text, size_t len, bool typed)
{
    if (p->msg_count == MSG_MAX) {
        free(p->msg[p->msg_first].text);
        p->msg_first = (p->msg_first + 1) % MSG_MAX;
        p->msg_count--;
    }
    char *copy = strndup(text, len);
    if (!copy)
        return; /* out of memory: the message is lost, not the panel */
    struct message *mg = &p->msg[(p->msg_first + p->msg_count++) % MSG_MAX];
    mg->text = copy;
    mg->typed = typed;
    if (p->scroll)
        p->scroll++; /* keep the view where the operator put it */
}

static struct message *message(struct panel *p, int i)
{
    return &p->msg[(p->msg_first + i) % MSG_MAX];
}

/* Bytes of the machine's output: whole lines become messages. */
static void add_output(struct panel *p, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n' || p->plen == sizeof p->partial) {
            add_message(p, p->partial, p->plen, false);
            p->plen = 0;
            if (c == '\n')
                continue;
        }
        if (c == '\r')
            continue;
        if (c == '\t') {
            do
                p->partial[p->plen++] = ' ';
            while (p->plen % 8 && p->plen < sizeof p->partial);
            continue;
        }
        p->partial[p->plen++] = (unsigned char)c < ' ' || c == 0x7F ? ' ' : c;
    }
}

/* Read what the machine wrote; false when nothing was there. */
static bool read_output(struct panel *p)
{
    char buf[8192];
    ssize_t n = read(p->out_r, buf, sizeof buf);
    if (n <= 0)
        return false;
    add_output(p, buf, (size_t)n);
    return true;
}

static void note(struct panel *p, double seconds, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->note, sizeof p->note, fmt, ap);
    va_end(ap);
    p->note_until = now_seconds(CLOCK_MONOTONIC) + seconds;
}

/* --- drawing ---------------------------------------------------------------- */

/* Instructions per second and the host CPU share over the last second. */
static void rates(struct panel *p, double *mips, double *cpu)
{
    *mips = *cpu = 0;
    if (p->nrate < 2)
        return;
    int last = p->nrate - 1, first = last - 1;
    while (first > 0 && p->rate[last].when - p->rate[first].when < 1.0)
        first--;
    double dt = p->rate[last].when - p->rate[first].when;
    if (dt <= 0)
        return;
    *mips = (double)(p->rate[last].icount - p->rate[first].icount) / dt / 1e6;
    *cpu = (p->rate[last].cpu - p->rate[first].cpu) / dt * 100;
}

/* Take the machine's latest snapshot over. */
static void take_snapshot(struct panel *p)
{
    pthread_mutex_lock(&p->lock);
    bool fresh = p->snap.valid && p->snap.when != p->view.when;
    if (fresh)
        memcpy(&p->view, &p->snap, sizeof p->view);
    pthread_mutex_unlock(&p->lock);
    if (!fresh)
        return;
    if (p->nrate == RATE_SAMPLES) {
        memmove(p->rate, p->rate + 1, sizeof p->rate[0] * (RATE_SAMPLES - 1));
        p->nrate--;
    }
    p->rate[p->nrate].when = p->view.when;
    p->rate[p->nrate].cpu = p->view.cpu;
    p->rate[p->nrate++].icount = p->view.icount;
}

/* printf at (y, x), cut at the screen's edge (mvprintw would go on to
   the next line). */
static void put(int y, int x, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(int y, int x, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    int room = getmaxx(stdscr) - x;
    if (room > 0)
        mvaddnstr(y, x, buf, room);
}

static void draw_status(struct panel *p, int cols)
{
    struct snap *s = &p->view;
    double mips, cpu, up = now_seconds(CLOCK_MONOTONIC) - p->started;
    rates(p, &mips, &cpu);
    attron(A_REVERSE);
    mvhline(0, 0, ' ', cols);
    mvhline(1, 0, ' ', cols);
    if (s->valid) {
        put(0, 0, " cpcms  %-7s  PSW %02X%02X%02X%02X %02X%02X%02X%02X  %8.2f MIPS  host CPU %3.0f%%",
                 s->state, s->psw[0], s->psw[1], s->psw[2], s->psw[3], s->psw[4], s->psw[5], s->psw[6],
                 s->psw[7], mips, cpu);
        char tn[40] = "no TN3270 server";
        if (s->sessions >= 0)
            snprintf(tn, sizeof tn, "TN3270 clients %d", s->sessions);
        put(1, 0, " storage %uK  %s  devices %d  up %02d:%02d:%02d", s->memsize >> 10, tn, s->ndev,
                 (int)up / 3600, (int)up / 60 % 60, (int)up % 60);
    } else {
        put(0, 0, " cpcms  starting");
    }
    if (p->note[0] && now_seconds(CLOCK_MONOTONIC) < p->note_until)
        put(1, 0, " %-*s", cols - 1, p->note);
    attroff(A_REVERSE);
}

/* The device list from row top, at most `rows` rows; the rows it took. */
static int draw_devices(struct panel *p, int top, int rows, int cols)
{
    struct snap *s = &p->view;
    enum { WIDTH = 40 };
    int per = cols / WIDTH > 0 ? cols / WIDTH : 1;
    int w = cols / per;
    /* entries: every device but the free 3270s, then their count */
    int n = 0, nfree = 0, first_free = -1;
    int order[SNAP_DEVS];
    for (int i = 0; i < s->ndev; i++) {
        if (!strcmp(s->dev[i].type, "3270") && !s->dev[i].what[0]) {
            if (first_free < 0)
                first_free = i;
            nfree++;
        } else {
            order[n++] = i;
        }
    }
    int entries = n + (nfree > 0);
    int need = (entries + per - 1) / per;
    if (need > rows)
        need = rows;
    for (int e = 0; e < entries && e / per < need; e++) {
        int y = top + e / per, x = (e % per) * w;
        char line[256];
        if (e < n) {
            struct snap_dev *d = &s->dev[order[e]];
            int head = snprintf(line, sizeof line, "%03X %-6s %s %s%s", d->addr, d->type, d->state,
                                d->label, d->label[0] ? " " : "");
            int room = w - 1 - head, len = (int)strlen(d->what);
            if (len <= room || room < 8)
                snprintf(line + head, sizeof line - (size_t)head, "%s", d->what);
            else /* the end of a file name says more than its start */
                snprintf(line + head, sizeof line - (size_t)head, "...%s", d->what + len - room + 3);
            if (e == per * need - 1 && entries > per * need)
                snprintf(line, sizeof line, "... %d more devices", entries - per * need + 1);
        } else {
            snprintf(line, sizeof line, "%03X... 3270: %d free for TN3270 clients",
                     s->dev[first_free].addr, nfree);
        }
        mvprintw(y, x, "%-*.*s", w - 1, w - 1, line);
    }
    return need;
}

/* The messages that fit in `rows` rows from top, the last at the bottom
   (scrolled back by p->scroll messages); a long one takes as many rows as
   a terminal gives it. */
static void draw_messages(struct panel *p, int top, int rows, int cols)
{
    p->page = rows;
    int total = p->msg_count + (p->plen > 0);
    if (p->scroll > total - rows)
        p->scroll = total - rows > 0 ? total - rows : 0;
    int y = top + rows;
    for (int i = total - p->scroll - 1; i >= 0 && y > top; i--) {
        const char *text = i < p->msg_count ? message(p, i)->text : p->partial;
        int len = i < p->msg_count ? (int)strlen(text) : (int)p->plen;
        bool typed = i < p->msg_count && message(p, i)->typed;
        if (typed)
            attron(A_BOLD);
        for (int k = len ? (len - 1) / cols : 0; k >= 0 && y > top; k--) {
            int n = len - k * cols < cols ? len - k * cols : cols;
            mvprintw(--y, 0, "%.*s", n, text + k * cols);
        }
        if (typed)
            attroff(A_BOLD);
    }
}

/* The command line: the prompt, then as much of libedit's buffer as fits
   around its cursor.  Leaves the terminal's cursor there. */
static void draw_command(struct panel *p, int y, int cols)
{
    static const char prompt[] = "==> ";
    const LineInfo *li = el_line(p->el);
    int len = (int)(li->lastchar - li->buffer), cur = (int)(li->cursor - li->buffer);
    if (len > 0 && li->buffer[len - 1] == '\n')
        len--;
    int room = cols - (int)sizeof prompt;
    int start = cur > room ? cur - room : 0;
    move(y, 0);
    clrtoeol();
    attron(A_BOLD);
    addstr(prompt);
    attroff(A_BOLD);
    for (int i = start; i < len && i - start < room; i++) {
        unsigned char c = (unsigned char)li->buffer[i];
        addch(c < ' ' || c == 0x7F ? '?' : c);
    }
    move(y, (int)sizeof prompt - 1 + cur - start);
}

static void draw(struct panel *p)
{
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    erase();
    if (rows < 8 || cols < 40) {
        put(0, 0, "cpcms: the terminal is too small");
        draw_command(p, rows - 1, cols);
        refresh();
        return;
    }
    draw_status(p, cols);
    int devrows = draw_devices(p, 2, (rows - 4) / 3, cols);
    int sep = 2 + devrows;
    attron(A_REVERSE);
    mvhline(sep, 0, ' ', cols);
    put(sep, 0, " messages%s   PgUp/PgDn scroll   Ctrl-C twice stops the simulator",
             p->scroll ? " (scrolled back)" : "");
    attroff(A_REVERSE);
    draw_messages(p, sep + 1, rows - sep - 2, cols);
    draw_command(p, rows - 1, cols);
    refresh();
}

/* --- the command line ------------------------------------------------------- */

/* libedit's next key: the ones read from the terminal; in the middle of
   a key's escape sequence, wait for the rest, for half a second at most
   (then libedit drops the sequence, and the panel goes on drawing). */
static int getc_key(EditLine *el, wchar_t *wc)
{
    struct panel *p;
    el_get(el, EL_CLIENTDATA, &p);
    if (p->keypos == p->nkeys) {
        struct pollfd pf = {p->tty_in, POLLIN, 0};
        if (poll(&pf, 1, 500) == 0)
            return 0;
        ssize_t n;
        do
            n = read(p->tty_in, p->keys, sizeof p->keys);
        while (n < 0 && errno == EINTR);
        if (n <= 0) {
            p->tty_gone = true;
            return 0;
        }
        p->nkeys = (size_t)n;
        p->keypos = 0;
    }
    *wc = p->keys[p->keypos++];
    return 1;
}

static unsigned char key_page(EditLine *el, int ch, int dir)
{
    struct panel *p;
    el_get(el, EL_CLIENTDATA, &p);
    p->scroll += dir * (p->page > 2 ? p->page - 1 : 1);
    if (p->scroll < 0)
        p->scroll = 0;
    return CC_NORM;
}

static unsigned char key_page_up(EditLine *el, int ch) { return key_page(el, ch, 1); }
static unsigned char key_page_down(EditLine *el, int ch) { return key_page(el, ch, -1); }

/* Ctrl-C: the second within 3 seconds stops the simulator. */
static unsigned char key_interrupt(EditLine *el, int ch)
{
    struct panel *p;
    el_get(el, EL_CLIENTDATA, &p);
    double t = now_seconds(CLOCK_MONOTONIC);
    if (p->ctrl_c && t - p->ctrl_c < 3) {
        note(p, 10, "stopping the simulator");
        if (write(p->quit_w, "q", 1) < 0)
            note(p, 10, "cannot stop the simulator: %s", strerror(errno));
    } else {
        note(p, 3, "Ctrl-C again stops the simulator without SHUTDOWN (SHUTDOWN ends CP cleanly)");
        p->ctrl_c = t;
    }
    return CC_NORM;
}

static char *no_prompt(EditLine *el) { return ""; }

/* A line is done: to the console, into the messages and the history. */
static void line_done(struct panel *p, const char *buf, int len)
{
    HistEvent ev;
    if (len > 0 && buf[len - 1] == '\n')
        len--;
    char line[MSG_LINE];
    snprintf(line, sizeof line, "%.*s", len, buf);
    if (strchr(line, 4)) {
        note(p, 3, "Ctrl-D: the console stays open; SHUTDOWN ends the system");
    } else {
        add_message(p, line, strlen(line), true);
        p->scroll = 0;
        if (line[0])
            history(p->hist, &ev, H_ENTER, line);
        size_t n = strlen(line);
        line[n++] = '\n';
        for (size_t off = 0; off < n;) {
            ssize_t k = write(p->con_w, line + off, n - off);
            if (k < 0 && errno == EINTR)
                continue;
            if (k <= 0)
                break;
            off += (size_t)k;
        }
    }
    /* a fresh line: unbuffered mode off and on again clears it */
    el_set(p->el, EL_UNBUFFERED, 0);
    el_set(p->el, EL_UNBUFFERED, 1);
}

/* Keys have come: give them all to libedit, a command at a time.  An
   Escape alone waits for the next key here, not inside libedit (where it
   would hold the panel until then). */
static void keys_in(struct panel *p)
{
    size_t have = p->pending_esc ? 1 : 0;
    p->keys[0] = 033;
    ssize_t n = read(p->tty_in, p->keys + have, sizeof p->keys - have);
    if (n <= 0) {
        if (n == 0 || (errno != EINTR && errno != EAGAIN))
            p->tty_gone = true;
        return;
    }
    p->pending_esc = false;
    p->nkeys = have + (size_t)n;
    p->keypos = 0;
    if (p->nkeys == 1 && p->keys[0] == 033) {
        struct pollfd pf = {p->tty_in, POLLIN, 0};
        if (poll(&pf, 1, 30) <= 0) {
            p->pending_esc = true;
            p->nkeys = 0;
            return;
        }
    }
    char junk[4096];
    while (p->keypos < p->nkeys && !p->tty_gone) {
        int count;
        const char *buf = el_gets(p->el, &count);
        if (buf && count > 0 && (buf[count - 1] == '\n' || buf[count - 1] == '\r'))
            line_done(p, buf, count);
        while (read(p->pty_master, junk, sizeof junk) > 0)
            ; /* what libedit drew */
    }
}

/* A pseudo-terminal for libedit (it edits only on a terminal): it sets
   its modes there and draws there, and what it draws is thrown away. */
static int libedit_start(struct panel *p)
{
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (master < 0)
        return -1;
    p->pty_master = master;
    if (grantpt(master) || unlockpt(master))
        return -1;
    int in = open(ptsname(master), O_RDWR | O_NOCTTY);
    int out = open(ptsname(master), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (in < 0 || out < 0) {
        if (in >= 0)
            close(in);
        if (out >= 0)
            close(out);
        return -1;
    }
    struct winsize ws = {.ws_row = 24, .ws_col = 1000};
    ioctl(in, TIOCSWINSZ, &ws);
    p->el_in = fdopen(in, "r");
    p->el_out = fdopen(out, "w");
    if (!p->el_in || !p->el_out)
        return -1;
    p->el = el_init("cpcms", p->el_in, p->el_out, p->el_out);
    p->hist = history_init();
    if (!p->el || !p->hist)
        return -1;
    HistEvent ev;
    history(p->hist, &ev, H_SETSIZE, 500);
    history(p->hist, &ev, H_SETUNIQUE, 1);
    el_set(p->el, EL_CLIENTDATA, p);
    el_set(p->el, EL_EDITOR, "emacs");
    el_set(p->el, EL_HIST, history, p->hist);
    el_set(p->el, EL_PROMPT, no_prompt);
    el_set(p->el, EL_GETCFN, getc_key);
    el_set(p->el, EL_ADDFN, "panel-page-up", "scroll the messages back", key_page_up);
    el_set(p->el, EL_ADDFN, "panel-page-down", "scroll the messages on", key_page_down);
    el_set(p->el, EL_ADDFN, "panel-interrupt", "twice: stop the simulator", key_interrupt);
    el_set(p->el, EL_BIND, "\033[5~", "panel-page-up", NULL);
    el_set(p->el, EL_BIND, "\033[6~", "panel-page-down", NULL);
    el_set(p->el, EL_BIND, "^C", "panel-interrupt", NULL);
    el_source(p->el, NULL);
    el_set(p->el, EL_UNBUFFERED, 1);
    return 0;
}

static void libedit_end(struct panel *p)
{
    if (p->el)
        el_end(p->el);
    if (p->hist)
        history_end(p->hist);
    if (p->el_in)
        fclose(p->el_in);
    if (p->el_out)
        fclose(p->el_out);
    if (p->pty_master >= 0)
        close(p->pty_master);
}

/* --- the panel's thread ----------------------------------------------------- */

static void resize(struct panel *p)
{
    struct winsize ws;
    if (ioctl(p->tty_out, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
        resize_term(ws.ws_row, ws.ws_col);
    clear();
}

static void *panel_thread(void *arg)
{
    struct panel *p = arg;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    double last_draw = 0;
    bool ending = false;
    while (!ending) {
        struct pollfd pf[3] = {
            {p->out_r, POLLIN, 0}, {p->wake_r, POLLIN, 0}, {p->tty_gone ? -1 : p->tty_in, POLLIN, 0},
        };
        double t = now_seconds(CLOCK_MONOTONIC);
        int wait_ms = (int)((last_draw + REDRAW_US / 1e6 - t) * 1000) + 1;
        if (poll(pf, 3, wait_ms < 0 ? 0 : wait_ms) < 0 && errno != EINTR)
            break;
        if (pf[0].revents) {
            for (int i = 0; i < 16 && read_output(p); i++)
                ;
        }
        if (pf[1].revents) {
            char c[16];
            ssize_t n = read(p->wake_r, c, sizeof c);
            for (ssize_t i = 0; i < n; i++) {
                if (c[i] == 'w')
                    resize(p);
                else if (c[i] == 'q' && write(p->quit_w, "q", 1) < 0)
                    break; /* a signal to end: the machine stops */
                else if (c[i] == 'e')
                    ending = true;
            }
        }
        bool key = false;
        if (pf[2].revents) {
            keys_in(p);
            key = true;
            if (p->tty_gone && write(p->quit_w, "q", 1) < 0)
                break;
        }
        t = now_seconds(CLOCK_MONOTONIC);
        if (key || ending || t - last_draw >= REDRAW_US / 1e6) {
            take_snapshot(p);
            if (!p->tty_gone)
                draw(p);
            last_draw = t;
        }
    }
    /* the machine has stopped and written its last: take it all */
    while (read_output(p))
        ;
    if (p->plen) {
        add_message(p, p->partial, p->plen, false);
        p->plen = 0;
    }
    take_snapshot(p);
    if (!p->tty_gone)
        draw(p);
    return NULL;
}

/* --- start and end ---------------------------------------------------------- */

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

static void cleanup(struct panel *p)
{
    libedit_end(p);
    if (p->scr) {
        endwin();
        delscreen(p->scr);
        tcsetattr(p->tty_out, TCSADRAIN, &p->tty_modes);
    }
    if (p->scr_in)
        fclose(p->scr_in);
    if (p->scr_out)
        fclose(p->scr_out);
    int *fds[] = {&p->tty_in, &p->tty_out, &p->saved_err, &p->out_r, &p->con_r, &p->con_w,
                  &p->quit_r, &p->quit_w, &p->wake_r, &p->wake_w};
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
        close_fd(fds[i]);
    for (int i = 0; i < p->msg_count; i++)
        free(message(p, i)->text);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

struct panel *panel_start(const struct mconf *c, char *err, size_t errlen)
{
    struct panel *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->conf = c;
    p->pty_master = -1;
    p->started = now_seconds(CLOCK_MONOTONIC);
    pthread_mutex_init(&p->lock, NULL);
    int out[2] = {-1, -1}, con[2] = {-1, -1}, quit[2] = {-1, -1}, wake[2] = {-1, -1};
    p->tty_in = fcntl(0, F_DUPFD_CLOEXEC, 3);
    p->tty_out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    p->saved_err = fcntl(2, F_DUPFD_CLOEXEC, 3);
    p->out_r = p->con_r = p->con_w = p->quit_r = p->quit_w = p->wake_r = p->wake_w = -1;
    if (p->tty_in < 0 || p->tty_out < 0 || p->saved_err < 0 || pipe2(out, O_CLOEXEC) ||
        pipe2(con, O_CLOEXEC) || pipe2(quit, O_CLOEXEC) || pipe2(wake, O_CLOEXEC | O_NONBLOCK)) {
        snprintf(err, errlen, "%s", strerror(errno));
        int fds[] = {out[0], out[1], con[0], con[1], quit[0], quit[1], wake[0], wake[1]};
        for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
            if (fds[i] >= 0)
                close(fds[i]);
        cleanup(p);
        return NULL;
    }
    p->out_r = out[0];
    p->quit_r = quit[0];
    p->quit_w = quit[1];
    p->wake_r = wake[0];
    p->wake_w = wake[1];
    p->con_w = con[1];
    fcntl(p->out_r, F_SETFL, O_NONBLOCK);
    fcntl(out[1], F_SETPIPE_SZ, 1 << 20); /* room while the panel draws */
    tcgetattr(p->tty_out, &p->tty_modes);
    p->scr_in = fdopen(dup(p->tty_in), "r");
    p->scr_out = fdopen(dup(p->tty_out), "w");
    /* our SIGWINCH handler first: ncurses then installs none of its own */
    wake_fd = p->wake_w;
    struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGWINCH, &sa, &p->old_winch);
    sigaction(SIGTERM, &sa, &p->old_term);
    sigaction(SIGHUP, &sa, &p->old_hup);
    /* libedit before ncurses: its termcap lookup (tgetent) after newterm()
       takes ncurses' terminal over, and endwin() then leaves the modes raw */
    if (!p->scr_in || !p->scr_out || libedit_start(p) ||
        !(p->scr = newterm(NULL, p->scr_out, p->scr_in))) {
        snprintf(err, errlen, "cannot set up the terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
        sigaction(SIGWINCH, &p->old_winch, NULL);
        sigaction(SIGTERM, &p->old_term, NULL);
        sigaction(SIGHUP, &p->old_hup, NULL);
        close(out[1]);
        close(con[0]);
        wake_fd = -1;
        cleanup(p);
        return NULL;
    }
    set_term(p->scr);
    raw();
    noecho();
    nonl();
    keypad(stdscr, FALSE);
    /* the machine's side: output into the pipe, console input from the other */
    fflush(stdout);
    fflush(stderr);
    dup2(out[1], 1);
    dup2(out[1], 2);
    close(out[1]);
    p->con_r = con[0];
    /* the signals are the panel thread's */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, &p->oldmask);
    if (pthread_create(&p->thread, NULL, panel_thread, p)) {
        snprintf(err, errlen, "cannot start the panel's thread");
        pthread_sigmask(SIG_SETMASK, &p->oldmask, NULL);
        panel_end(p); /* gives the streams back */
        return NULL;
    }
    return p;
}

void panel_attach(struct panel *p, struct machine *m, struct tn3270_server *tn)
{
    p->m = m;
    p->tn = tn;
    m->console_in = p->con_r;
    machine_watch_fd_flags(m, p->quit_r, WATCH_CONTROL, quit_input, p);
    machine_schedule(m, 0, snap, p);
}

void panel_end(struct panel *p)
{
    if (!p)
        return;
    fflush(stdout);
    fflush(stderr);
    if (p->m) {
        machine_cancel(p->m, snap, p);
        machine_unwatch_fd(p->m, p->quit_r);
        machine_unwatch_fd(p->m, p->con_r);
        p->m->console_in = -1;
    }
    if (p->thread) {
        if (write(p->wake_w, "e", 1) < 0) {
            /* full: it will be read, and then the 'e' */
        }
        pthread_join(p->thread, NULL);
    }
    endwin();
    delscreen(p->scr);
    p->scr = NULL;
    tcsetattr(p->tty_out, TCSADRAIN, &p->tty_modes); /* as they were, whatever happened */
    libedit_end(p);
    p->el = NULL;
    p->hist = NULL;
    p->el_in = p->el_out = NULL;
    p->pty_master = -1;
    sigaction(SIGWINCH, &p->old_winch, NULL);
    sigaction(SIGTERM, &p->old_term, NULL);
    sigaction(SIGHUP, &p->old_hup, NULL);
    wake_fd = -1;
    pthread_sigmask(SIG_SETMASK, &p->oldmask, NULL);
    dup2(p->tty_out, 1);
    dup2(p->saved_err, 2);
    /* the end of the run, where the operator can read it */
    int from = p->msg_count > TAIL_LINES ? p->msg_count - TAIL_LINES : 0;
    for (int i = from; i < p->msg_count; i++)
        printf("%s%s\n", message(p, i)->typed ? "==> " : "", message(p, i)->text);
    fflush(stdout);
    cleanup(p);
}
