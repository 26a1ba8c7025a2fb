/*
 * t3270.c - 3270 display stations as CP's terminals, in the way of
 * VM/370: a logo with an input line when a terminal connects, then line
 * mode: the output area scrolls up from the top, the input area is the
 * last two lines, and the status area at the bottom right says CP READ,
 * VM READ, RUNNING, MORE... or HOLDING.  Enter sends the input line; PA1
 * asks for CP; Clear (or PA2) empties the output area (and ends MORE...
 * and HOLDING).  MORE...: the output area is full, and is emptied after a
 * minute; Enter with nothing typed holds it (HOLDING, as VM/370's
 * terminals do) until the user clears it.
 *
 * A disabled terminal (DISABLE, cmd_rdev.c) gets no logo: when nobody is
 * logged on at it, its screen is erased and stays dark, what is typed
 * there ignored, until ENABLE shows the logo.  A user logged on at it
 * goes on until LOGOFF or DISCONN.
 *
 * The device is a 3278 on a local 3274 (GA23-0061).  Output lines are
 * protected fields, the input field unprotected (non-display while a
 * password is asked for), the status protected.  A change is shown with
 * one Write of the output area and the status (the input field and what
 * is being typed in it left alone); at connection and after Clear, one
 * Erase/Write (Alternate) of the whole screen with the cursor in the
 * input.  Each terminal has a task: it takes the terminal's events
 * (connect, attention), reads the input with Read Modified and acts on
 * it; each has its own channel programs and buffers, since other tasks
 * run while one terminal's I/O is under way.
 *
 * Full screen (DIAGNOSE X'58', diag58.c): a guest's X'29' write puts its
 * own 3270 data stream on its user's terminal, which then is the
 * guest's: CP shows nothing there, keeps its output area and status, and
 * hands each AID the user sends (Enter, PF, PA2, Clear; PA1 too if the
 * guest asked for it) to the guest's X'2A' read as the inbound data
 * stream.  CP's next line-mode output, a CP READ or VM READ, PA1 (unless
 * the guest takes it), a new connection or the logo end it: the whole
 * line-mode screen is drawn again (Erase/Write, keyboard restored) and a
 * guest read that waits ends.  Only the user's own terminal is touched.
 */
#include <stdio.h>
#include <string.h>

#include "cp.h"
#include "ebcdic.h"
#include <s370io.h>
#include "iosched.h"
#include "rdev.h"
#include "task.h"
#include "term.h"
#include "vm.h"

#define MAX_TERMS 32
#define MAX_ROWS 43
#define MAX_COLS 132
#define INPUT_ROWS 2
#define STATUS_LEN 20
#define MORE_TOD (60ull * 1000000 << 12)     /* MORE... clears itself after 60 s */

/* 3270 orders and attribute bits (GA23-0061) */
#define ORD_SF 0x1D
#define ORD_SBA 0x11
#define ORD_IC 0x13
#define FA_PROT 0x20
#define FA_HIGH 0x08
#define FA_HIDDEN 0x0C
#define WCC_RESTORE 0xC3       /* reset, restore the keyboard, reset MDTs */
/* AIDs */
#define AID_ENTER 0x7D
#define AID_CLEAR 0x6D
#define AID_PA1 0x6C
#define AID_PA2 0x6E
/* sense byte 0 */
#define SNS_CMDREJ 0x80         /* command reject */
#define SNS_INTREQ 0x40         /* intervention required: no terminal */

static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

static const char *const status_text[] = {
    [TS_CP_READ] = "CP READ", [TS_VM_READ] = "VM READ", [TS_RUNNING] = "RUNNING",
    [TS_MORE] = "MORE...", [TS_HOLDING] = "HOLDING", [TS_NOT_ACCEPTED] = "NOT ACCEPTED",
};

struct term {
    struct iodev *io;
    int rows, cols;
    bool connected;
    bool ev_connect, ev_attn;       /* events for the task */
    char lines[MAX_ROWS][MAX_COLS + 1];
    int nlines;                     /* in the output area */
    enum term_status status;
    bool hidden;                    /* the input is a password */
    bool shown_hidden;              /* the input field's attribute on the screen */
    bool more;                      /* the area is full: writers wait */
    bool holding;                   /* and the user holds it (Enter): no minute */
    bool disabled;                  /* DISABLE: no logo */
    bool dark;                      /* disabled, nobody on it: erased, input ignored */
    struct term_user user;          /* who is on it (term.h) */
    struct task *task;
    /* The channel programs' storage, the terminal's own: while one
       terminal's I/O is under way, the others' tasks run.  Output is
       built and sent by one task at a time (out_busy); input is read by
       the terminal's task alone. */
    bool out_busy;
    struct ccw out_ccw, in_ccw, sense_ccw;
    uint8_t sense;
    uint8_t out[MAX_ROWS * (MAX_COLS + 8) + 64];
    uint8_t in[MAX_ROWS * MAX_COLS + 16];
    /* Full screen: the guest owns the screen (fs); fs_ready: an inbound
       data stream of fs_len bytes in in[] for its read, which asked for
       Read Buffer (fs_read_buffer) or Read Modified; fs_gen counts the
       ends of full-screen mode, so that a read that waited knows. */
    bool fs, fs_pa1, fs_ready, fs_read_buffer;
    uint32_t fs_len;
    unsigned fs_gen;
};

/* Rows by model (Sense ID byte 6): 2 is 24 x 80, 5 is 27 x 132. */
static const int model_rows[] = {24, 24, 24, 32, 43, 27};

static struct term terms[MAX_TERMS];
static unsigned nterms;

static int out_rows(const struct term *t) { return t->rows - INPUT_ROWS; }

/* Buffer address (12-bit form) of row r, column c. */
static uint8_t *put_sba(uint8_t *p, const struct term *t, int r, int c)
{
    int a = r * t->cols + c;
    *p++ = ORD_SBA;
    *p++ = code6[(a >> 6) & 0x3F];
    *p++ = code6[a & 0x3F];
    return p;
}

/* The terminal's output buffer, for one task at a time. */
static uint8_t *out_take(struct term *t)
{
    while (t->out_busy)
        task_sleep(&t->out_busy);
    t->out_busy = true;
    return t->out;
}

/* After a unit check: is the terminal gone (intervention required)?
   Otherwise the data did not fit the screen as it is: Clear takes a
   terminal back to its default size, 24 x 80, until the next Erase/Write
   Alternate, which the task's answer to the Clear brings. */
static bool gone(struct term *t)
{
    t->sense_ccw = ccw_make(0x04, &t->sense, CCW_SLI, 1);
    struct io_result r;
    return io_run(t->io, &t->sense_ccw, &r) < 0 || (r.us & US_UC) || (t->sense & SNS_INTREQ);
}

/* Run one outbound command with the data in t->out[0..n), and give the
   buffer back. */
static void send(struct term *t, uint8_t cmd, size_t n)
{
    t->out_ccw = ccw_make(cmd, t->out, CCW_SLI, (uint16_t)n);
    struct io_result r;
    if (io_run(t->io, &t->out_ccw, &r) < 0 || ((r.us & US_UC) && gone(t))) {
        t->connected = false;               /* gone: the next connect shows the logo */
        task_wakeup(&t->fs_ready);          /* a full-screen read ends */
    }
    t->out_busy = false;
    task_wakeup(&t->out_busy);
}

/*
 * Show the screen as it is now.  `full`: Erase/Write (Alternate, for
 * other than 24 x 80) of the whole screen, input field empty, keyboard
 * restored.  Otherwise a Write of the output area, the input field's
 * attribute if it changed (hidden or not) and the status: what the user
 * is typing stays, and the keyboard stays as it is.  (Writing the
 * field's attribute would reset its modified bit, and Read Modified then
 * loses what was typed.)
 */
static void show_screen(struct term *t, bool full)
{
    if (!t->connected || t->dark)
        return;
    uint8_t *buf = out_take(t), *p = buf;
    *p++ = full ? WCC_RESTORE : 0x40;      /* Write: no reset, no restore */
    int width = t->cols - 1;
    for (int r = 0; r < out_rows(t); r++) {
        p = put_sba(p, t, r, 0);
        *p++ = ORD_SF;
        *p++ = code6[FA_PROT];
        const char *l = r < t->nlines ? t->lines[r] : "";
        int n = 0;
        for (; n < width && l[n]; n++)
            *p++ = ascii_to_ebcdic[(unsigned char)l[n]];
        for (; n < width; n++)              /* blanks over what was there */
            *p++ = 0x40;
    }
    if (full || t->hidden != t->shown_hidden) {
        p = put_sba(p, t, out_rows(t), 0);
        *p++ = ORD_SF;
        *p++ = code6[t->hidden ? FA_HIDDEN : 0];
        t->shown_hidden = t->hidden;
    }
    if (full) {
        p = put_sba(p, t, out_rows(t), 1);
        *p++ = ORD_IC;
    }
    p = put_sba(p, t, t->rows - 1, t->cols - STATUS_LEN - 1);
    *p++ = ORD_SF;
    *p++ = code6[FA_PROT | FA_HIGH];
    int n = 0;
    enum term_status shown = t->holding ? TS_HOLDING : t->more ? TS_MORE : t->status;
    for (const char *st = status_text[shown]; n < STATUS_LEN && st[n]; n++)
        *p++ = ascii_to_ebcdic[(unsigned char)st[n]];
    for (; n < STATUS_LEN; n++)
        *p++ = 0x40;
    /* Erase/Write gives the default size, 24 x 80; Erase/Write Alternate
       the model's own */
    uint8_t cmd = !full ? 0x01 : t->rows == 24 && t->cols == 80 ? 0x05 : 0x0D;
    send(t, cmd, (size_t)(p - buf));
}

static void show(struct term *t) { show_screen(t, false); }

/* The input has been taken: Erase All Unprotected empties the input
   field and restores the keyboard. */
static void input_done(struct term *t)
{
    out_take(t)[0] = 0;
    send(t, 0x0F, 1);           /* no data, but a CCW counts at least one byte */
}

/* Full screen is over (the screen is CP's again): a read that waits
   ends. */
static void fs_end(struct term *t)
{
    if (t->fs) {
        t->fs = false;
        t->fs_ready = false;
        t->fs_gen++;
        task_wakeup(&t->fs_ready);
    }
}

/* Back from full screen to line mode: the whole screen drawn again. */
static void fs_leave(struct term *t)
{
    if (t->fs) {
        fs_end(t);
        show_screen(t, true);
    }
}

void term_status(struct term *t, enum term_status s)
{
    if (t->fs) {                            /* the guest's screen: only noted */
        t->status = s;
        if (s == TS_CP_READ || s == TS_VM_READ)
            fs_leave(t);
        return;
    }
    if (t->status != s) {
        t->status = s;
        show(t);
    }
}

static uint8_t read_input(struct term *t, char *line, size_t max);
static void empty_area(struct term *t);
static void input_done(struct term *t);

/*
 * MORE... while the writer is the terminal's own task (a CP command's
 * output filling the screen): nobody else reads the keyboard, so it does,
 * until the user clears the screen or holds it, or the minute passes.
 * Clear and PA2 empty the area; Enter with nothing typed holds it; Enter
 * with a line empties it, the line not accepted (the task is busy with a
 * command).  The keyboard, locked since the Enter that gave the command,
 * is restored first.  A new connection empties the area (its logo comes
 * when the task is back in term_task).
 */
static void own_wait(struct term *t)
{
    input_done(t);
    uint64_t until = tod_now() + MORE_TOD;
    if (!t->holding)
        clock_wake_at(until, t);
    while (t->more && t->connected && !t->ev_attn) {
        if (t->ev_connect) {
            empty_area(t);
            break;
        }
        if (!t->holding && tod_now() >= until) {
            t->more = false;
            t->nlines = 0;
            break;
        }
        task_sleep(t);
    }
    clock_wake_at(~0ull, t);
    if (!t->ev_attn || !t->more || !t->connected)
        return;
    t->ev_attn = false;
    char line[MAX_COLS + 1];
    uint8_t aid = read_input(t, line, sizeof line);
    if (!t->connected)
        return;
    if (aid == AID_CLEAR || aid == AID_PA2) {
        empty_area(t);
        show_screen(t, true);
        return;
    }
    if (aid == AID_ENTER && !line[0] && !t->hidden) {
        t->holding = true;
        show(t);
    } else if (aid == AID_ENTER) {
        empty_area(t);
        t->status = TS_NOT_ACCEPTED;
        show(t);
    }
    input_done(t);
}

/* Add a line to the output area; when the area is full, MORE... until
   the user clears it (or a minute passes, unless the user holds it), the
   writer waiting.  A dark terminal takes nothing. */
void term_write(struct term *t, const char *line)
{
    fs_leave(t);
    while (t->more && t->connected && !t->dark) {
        if (task_current() == t->task) {    /* no one else reads the keys */
            own_wait(t);
            continue;
        }
        if (t->holding) {                   /* until Clear or PA2 */
            task_sleep(&t->more);
            continue;
        }
        clock_wake_at(tod_now() + MORE_TOD, &t->more);
        task_sleep(&t->more);
        if (t->more && !t->holding) {       /* the minute is over */
            t->more = false;
            t->nlines = 0;
        }
    }
    if (t->dark)
        return;
    do {                                    /* long lines fold */
        snprintf(t->lines[t->nlines++], (size_t)t->cols, "%s", line);
        line += strlen(line) < (size_t)t->cols - 1 ? strlen(line) : (size_t)t->cols - 1;
    } while (*line && t->nlines < out_rows(t));
    if (t->nlines >= out_rows(t))
        t->more = true;                     /* shown as MORE... */
    show(t);
}

void term_hide_input(struct term *t, bool hidden) { t->hidden = hidden; }
struct term_user *term_user(struct term *t) { return &t->user; }

/* Empty the output area (ending MORE...): the next show shows it. */
static void empty_area(struct term *t)
{
    t->nlines = 0;
    t->holding = false;
    if (t->more) {
        t->more = false;
        task_wakeup(&t->more);
    }
}

unsigned term_addr(const struct term *t) { return t->io->addr; }
struct term *term_at(unsigned i) { return i < nterms ? &terms[i] : NULL; }
bool term_enabled(const struct term *t) { return !t->disabled; }

struct term *term_find(unsigned addr)
{
    for (unsigned i = 0; i < nterms; i++)
        if (terms[i].io->addr == addr)
            return &terms[i];
    return NULL;
}

void term_enable(struct term *t, bool on)
{
    t->disabled = !on;
    if (on && t->dark) {
        t->dark = false;
        term_logo(t);
    } else if (!on && !term_user(t)->vm && !t->dark) {
        term_logo(t);                       /* dark */
    }
}

/* A disabled terminal with nobody on it: the screen erased (Erase/Write
   of no data, the keyboard left locked), and dark until ENABLE. */
static void go_dark(struct term *t)
{
    t->dark = true;
    term_user(t)->logon_id[0] = 0;          /* a LOGON half done is forgotten */
    if (!t->connected)
        return;
    out_take(t)[0] = 0x40;                  /* WCC: no restore */
    send(t, 0x05, 1);
}

void term_geometry(const struct term *t, unsigned *rows, unsigned *cols, unsigned *model)
{
    *rows = (unsigned)t->rows;
    *cols = (unsigned)t->cols;
    *model = t->rows == 32 ? 3 : t->rows == 43 ? 4 : t->cols == 132 ? 5 : 2;
}

uint8_t term_fs_write(struct term *t, bool erase, bool pa1, const uint8_t *data, size_t n,
                      uint8_t *sense)
{
    if (!t->connected || n == 0 || n > sizeof t->out) {
        *sense = !t->connected ? SNS_INTREQ : SNS_CMDREJ;
        return US_CE | US_DE | US_UC;
    }
    uint8_t *buf = out_take(t);
    memcpy(buf, data, n);
    if (!t->fs) {                           /* the screen becomes the guest's */
        t->fs = true;
        t->fs_ready = false;
    }
    t->fs_pa1 = pa1;
    t->out_ccw = ccw_make(erase ? 0x05 : 0x01, buf, CCW_SLI, (uint16_t)n);
    struct io_result r;
    uint8_t us;
    *sense = 0;
    if (io_run(t->io, &t->out_ccw, &r) < 0) {
        t->connected = false;
        us = US_CE | US_DE | US_UC;
        *sense = SNS_INTREQ;
    } else {
        us = r.us;
        if ((us & US_UC) && gone(t))
            t->connected = false;
        if (us & US_UC)
            *sense = t->connected ? t->sense : SNS_INTREQ;
    }
    if (!t->connected)
        fs_end(t);
    t->out_busy = false;
    task_wakeup(&t->out_busy);
    return us;
}

int term_fs_read(struct term *t, bool modified, uint8_t *buf, uint32_t max, uint32_t *len)
{
    unsigned gen = t->fs_gen;
    t->fs_read_buffer = !modified;
    while (t->fs && t->fs_gen == gen && t->connected && !t->fs_ready)
        task_sleep(&t->fs_ready);
    t->fs_read_buffer = false;
    if (!t->fs || t->fs_gen != gen || !t->connected)
        return -1;
    *len = t->fs_len;
    memcpy(buf, t->in, t->fs_len < max ? t->fs_len : max);
    t->fs_ready = false;
    return 0;
}

int term_display(struct term *t, uint8_t ctl, const uint8_t *data, size_t n)
{
    fs_leave(t);
    if (ctl == 0xFF || ctl == 0xFE) {       /* the output area emptied; FE: every field and */
        empty_area(t);                      /* the cursor written again too */
        show_screen(t, ctl == 0xFE);
        return 0;
    }
    int row = ctl & 0x3F;
    /* the screen positions the data takes: SF and its attribute one */
    size_t pos = 0;
    for (size_t i = 0; i < n; i++, pos++)
        if (data[i] == ORD_SF)
            i++;
    if (row >= out_rows(t) || pos > (size_t)(out_rows(t) - row) * (size_t)t->cols)
        return -1;
    if (ctl & 0x80)
        empty_area(t);
    for (int r = t->nlines; r < row; r++)
        t->lines[r][0] = 0;
    /* Row after row of the output area, t->cols positions each; CP's
       field attribute takes a row's first column, so its last position
       is not shown.  An attribute shows as a blank. */
    size_t i = 0;
    for (int r = row; i < n; r++) {
        char *l = t->lines[r];
        int c = 0;
        for (; c < t->cols && i < n; c++, i++) {
            uint8_t b = data[i];
            if (b == ORD_SF)
                i++;
            if (c < t->cols - 1)
                l[c] = b >= 0x40 && b != 0xFF ? (char)ebcdic_to_ascii[b] : ' ';
        }
        l[c < t->cols - 1 ? c : t->cols - 1] = 0;
        if (r >= t->nlines)
            t->nlines = r + 1;
    }
    show(t);
    return 0;
}

void term_logo(struct term *t)
{
    fs_end(t);
    t->nlines = 0;
    empty_area(t);
    t->hidden = false;
    t->status = TS_CP_READ;
    if (t->disabled) {
        go_dark(t);
        return;
    }
    t->dark = false;
    show_screen(t, true);
    term_write(t, "");
    term_write(t, "   CPCMS  -  CP/CMS on a simulated System/370");
    term_write(t, "");
    term_write(t, "   Type LOGON and your user id, then press ENTER.");
    term_write(t, "");
}

/* The terminal's model, by Sense ID (the model is the terminal's, which
   may have changed since the last connection). */
static void sense_model(struct term *t)
{
    uint8_t *id = t->in;
    t->in_ccw = ccw_make(0xE4, id, CCW_SLI, 7);
    struct io_result r;
    if (io_run(t->io, &t->in_ccw, &r) < 0 || (r.us & US_UC) || id[0] != 0xFF)
        return;
    t->rows = model_rows[id[6] <= 5 ? id[6] : 2];
    t->cols = id[6] == 5 ? 132 : 80;
}

/* Read Modified: the AID and the text of the input field (ASCII, trailing
   blanks and nulls dropped). */
static uint8_t read_input(struct term *t, char *line, size_t max)
{
    uint8_t *buf = t->in;
    t->in_ccw = ccw_make(0x06, buf, CCW_SLI, sizeof t->in);
    struct io_result r;
    line[0] = 0;
    if (io_run(t->io, &t->in_ccw, &r) < 0 || (r.us & US_UC)) {
        t->connected = false;
        return 0;
    }
    size_t n = sizeof t->in - r.residual, k = 0;
    if (n == 0)
        return 0;
    for (size_t i = 3; i < n && k + 1 < max; i++) {
        if (buf[i] == ORD_SBA) {            /* the start of the field */
            i += 2;
            continue;
        }
        if (buf[i])
            line[k++] = (char)ebcdic_to_ascii[buf[i]];
    }
    while (k > 0 && line[k - 1] == ' ')
        k--;
    line[k] = 0;
    return buf[0];
}

/* An attention while the screen is the guest's: the inbound data stream
   (Read Modified, or Read Buffer if the read that waits asked for it)
   for the guest's read; PA1 gives the screen back to CP and stops the
   virtual machine, unless the guest takes PA1 itself. */
static void fs_attention(struct term *t)
{
    t->fs_ready = false;                    /* in[] is being filled */
    t->in_ccw = ccw_make(t->fs_read_buffer ? 0x02 : 0x06, t->in, CCW_SLI, sizeof t->in);
    struct io_result r;
    if (io_run(t->io, &t->in_ccw, &r) < 0 || (r.us & US_UC)) {
        t->connected = false;
        fs_end(t);
        term_disconnected(t);
        return;
    }
    if (!t->fs)                             /* CP took the screen meanwhile */
        return;
    uint32_t n = (uint32_t)(sizeof t->in - r.residual);
    if (n && t->in[0] == AID_PA1 && !t->fs_pa1) {
        fs_leave(t);
        term_attention(t);
        return;
    }
    t->fs_len = n;
    t->fs_ready = true;
    task_wakeup(&t->fs_ready);
}

static void term_task(void *arg)
{
    struct term *t = arg;
    char line[MAX_ROWS * MAX_COLS];
    for (;;) {
        while (!t->ev_connect && !t->ev_attn)
            task_sleep(t);
        if (t->ev_connect) {
            t->ev_connect = false;
            t->connected = true;
            sense_model(t);
            term_logo(t);
            term_connected(t);
            continue;
        }
        t->ev_attn = false;
        if (t->fs) {
            fs_attention(t);
            continue;
        }
        uint8_t aid = read_input(t, line, sizeof line);
        if (!t->connected) {
            term_disconnected(t);
            continue;
        }
        if (t->dark)                        /* disabled: nobody answers */
            continue;
        switch (aid) {
        case AID_CLEAR:
        case AID_PA2:
            /* The whole screen anew, the input field empty and the
               keyboard restored: what is typed from now on is the next
               input, not to be erased by input_done. */
            empty_area(t);
            show_screen(t, true);
            continue;
        case AID_PA1:
            term_attention(t);
            break;
        case AID_ENTER:
            if (t->more && !line[0] && !t->hidden) {
                t->holding = true;          /* HOLDING until Clear or PA2 */
                show(t);
                break;
            }
            if (t->more) {
                empty_area(t);
                show(t);
            }
            if (!t->hidden && line[0])
                term_write(t, line);        /* the input, as VM shows it */
            t->hidden = false;
            term_input(t, line);
            break;
        default: {                          /* PF keys: SET PFnn */
            unsigned n = aid >= 0xF1 && aid <= 0xF9 ? aid - 0xF0u :
                         aid >= 0x7A && aid <= 0x7C ? aid - 0x7Au + 10 :
                         aid >= 0xC1 && aid <= 0xC9 ? aid - 0xC1u + 13 :
                         aid >= 0x4A && aid <= 0x4C ? aid - 0x4Au + 22 : 0;
            if (n)
                term_pfkey(t, n);
            break;
        }
        }
        input_done(t);
    }
}

static void unsolicited(struct iodev *d, uint8_t us)
{
    struct term *t = d->owner;
    if (us & US_ATTN)
        t->ev_attn = true;
    else if (us & US_DE)
        t->ev_connect = true;
    task_wakeup(t);
}

void term_init(void)
{
    /* Every 3270 display (Sense ID: control unit 3274, device 3278) on
       channels 0-F (rdev.c found them) is a terminal. */
    for (unsigned i = 0; i < rdev_count() && nterms < MAX_TERMS; i++) {
        const uint8_t *id = rdev_at(i)->id;
        unsigned a = rdev_at(i)->addr;
        if (id[1] != 0x32 || id[2] != 0x74 || id[4] != 0x32 || id[5] != 0x78)
            continue;
        struct term *t = &terms[nterms];
        t->rows = model_rows[id[6] <= 5 ? id[6] : 2];
        t->cols = id[6] == 5 ? 132 : 80;
        t->io = io_register(a, unsolicited, t);
        t->task = t->io ? task_create("terminal", term_task, t) : NULL;
        if (!t->task)
            panic("NO STORAGE FOR TERMINAL %03X", a);
        nterms++;
    }
    printf("DMKIOE500I %u 3270 TERMINALS\n", nterms);
}
