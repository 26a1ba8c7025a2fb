/*
 * tn3270_telnet.c - the telnet state machine of a TN3270 session (see
 * tn3270_telnet.h).  The server speaks first with DO TN3270E:
 *
 *   client WILL TN3270E   -> SB TN3270E SEND DEVICE-TYPE
 *     DEVICE-TYPE REQUEST type [CONNECT name | ASSOCIATE name]
 *                         -> DEVICE-TYPE IS type CONNECT devname (or REJECT)
 *     FUNCTIONS REQUEST l -> FUNCTIONS IS () if l is empty, else
 *                            FUNCTIONS REQUEST () (we offer no functions)
 *     FUNCTIONS IS ()     -> ready; records carry the 5-byte header
 *   client WONT TN3270E   -> DO TERMINAL-TYPE, SB TTYPE SEND
 *     TTYPE IS IBM-327x-M[@NAME]
 *                         -> DO/WILL EOR, DO/WILL BINARY; all four agreed
 *                            -> a device is assigned -> ready
 *
 * Options we do not know are refused (DONT/WONT), and never answered
 * twice, so negotiation cannot loop.  Anything that breaks the protocol
 * (IAC followed by a non-command, an overlong subnegotiation or record,
 * 3270 data before the negotiation is done, a malformed TN3270E header, a
 * client that refuses the options a 3270 session needs) sets TN_FAILED
 * with a message; the server then drops that connection.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tn3270_telnet.h"

enum { PS_DATA, PS_IAC, PS_VERB, PS_SB, PS_SB_IAC };

static void send3(struct tn *t, uint8_t verb, uint8_t opt)
{
    uint8_t b[3] = {TN_IAC, verb, opt};
    t->cb->send(t->ctx, b, 3);
}

/* IAC SB opt <body> IAC SE, with IAC doubled in the body. */
static void send_sb(struct tn *t, uint8_t opt, const uint8_t *body, size_t len)
{
    uint8_t b[TN_SB_MAX * 2 + 8];
    size_t n = 0;
    b[n++] = TN_IAC;
    b[n++] = TN_SB;
    b[n++] = opt;
    for (size_t i = 0; i < len && n < sizeof b - 4; i++) {
        if (body[i] == TN_IAC)
            b[n++] = TN_IAC;
        b[n++] = body[i];
    }
    b[n++] = TN_IAC;
    b[n++] = TN_SE;
    t->cb->send(t->ctx, b, n);
}

static int fail(struct tn *t, const char *why)
{
    t->state = TN_FAILED;
    t->err = why;
    return -1;
}

int tn_model_size(const char *tt, int *rows, int *cols)
{
    static const int size[4][2] = {{24, 80}, {32, 80}, {43, 80}, {27, 132}};
    if (strncasecmp(tt, "IBM-327", 7) || (tt[7] != '7' && tt[7] != '8' && tt[7] != '9') ||
        tt[8] != '-' || tt[9] < '2' || tt[9] > '5')
        return -1;
    if (tt[10] && strcasecmp(tt + 10, "-E"))
        return -1;
    if (tt[7] == '7' && tt[9] != '2')
        return -1; /* the 3277 came as model 2 only */
    *rows = size[tt[9] - '2'][0];
    *cols = size[tt[9] - '2'][1];
    return 0;
}

void tn_init(struct tn *t, const struct tn_callbacks *cb, void *ctx)
{
    memset(t, 0, sizeof *t);
    t->cb = cb;
    t->ctx = ctx;
    t->state = TN_NEGOTIATING;
    send3(t, TN_DO, TN_OPT_TN3270E);
}

void tn_free(struct tn *t)
{
    free(t->rec);
    t->rec = NULL;
}

static void become_ready(struct tn *t)
{
    t->state = TN_READY;
    t->cb->ready(t->ctx, t->rows, t->cols);
}

/* TN3270 (RFC 1576): ready once BINARY and EOR are on both ways. */
static int check_tn3270_ready(struct tn *t)
{
    if (t->state != TN_NEGOTIATING || t->tn3270e || !t->ttype[0] ||
        !(t->bin_him && t->bin_us && t->eor_him && t->eor_us))
        return 0;
    int r = t->cb->assign(t->ctx, t->want[0] ? t->want : NULL, t->devname);
    if (r)
        return fail(t, r == TNE_R_INV_NAME ? "no such 3270 device"
                       : t->want[0] ? "the 3270 device asked for is in use" : "no free 3270 device");
    t->assigned = true;
    become_ready(t);
    return 0;
}

/* Fall back to TN3270: ask for the terminal type. */
static void start_tn3270(struct tn *t)
{
    if (t->ttype_asked)
        return;
    t->ttype_asked = true;
    send3(t, TN_DO, TN_OPT_TTYPE);
}

static int do_verb(struct tn *t, uint8_t verb, uint8_t opt)
{
    bool e_or_binary = opt == TN_OPT_BINARY || opt == TN_OPT_EOR;
    switch (verb) {
    case TN_WILL:
        if (opt == TN_OPT_TN3270E && !t->e_refused) {
            if (t->tn3270e)
                return 0;
            t->tn3270e = true;
            static const uint8_t sd[] = {TNE_SEND, TNE_DEVICE_TYPE};
            send_sb(t, TN_OPT_TN3270E, sd, sizeof sd);
        } else if (opt == TN_OPT_TTYPE && !t->tn3270e) {
            if (t->ttype[0])
                return 0;
            if (!t->ttype_asked) {
                t->ttype_asked = true;
                send3(t, TN_DO, TN_OPT_TTYPE);
            }
            static const uint8_t send[] = {1}; /* SEND */
            send_sb(t, TN_OPT_TTYPE, send, 1);
        } else if (e_or_binary) {
            bool *him = opt == TN_OPT_BINARY ? &t->bin_him : &t->eor_him;
            if (*him)
                return 0;
            *him = true;
            if (t->tn3270e || !t->ttype[0])
                send3(t, TN_DO, opt); /* we had not asked yet */
            return check_tn3270_ready(t);
        } else {
            send3(t, TN_DONT, opt);
        }
        return 0;
    case TN_WONT:
        if (opt == TN_OPT_TN3270E) {
            if (t->state == TN_READY && t->tn3270e)
                return fail(t, "client turned TN3270E off during the session");
            if (t->tn3270e)
                send3(t, TN_DONT, TN_OPT_TN3270E);
            t->tn3270e = false;
            t->e_refused = true;
            start_tn3270(t);
        } else if (opt == TN_OPT_TTYPE && !t->tn3270e && t->state == TN_NEGOTIATING) {
            return fail(t, "client refuses TERMINAL-TYPE: not a 3270 emulator");
        } else if (e_or_binary && !t->tn3270e && t->ttype[0]) {
            return fail(t, "client refuses BINARY or END-OF-RECORD");
        }
        return 0;
    case TN_DO:
        if (e_or_binary) {
            bool *us = opt == TN_OPT_BINARY ? &t->bin_us : &t->eor_us;
            if (*us)
                return 0;
            *us = true;
            if (t->tn3270e || !t->ttype[0])
                send3(t, TN_WILL, opt);
            return check_tn3270_ready(t);
        }
        send3(t, TN_WONT, opt);
        return 0;
    default: /* DONT */
        if (e_or_binary && !t->tn3270e && t->ttype[0])
            return fail(t, "client refuses BINARY or END-OF-RECORD");
        return 0;
    }
}

/* TERMINAL-TYPE IS <type>: TN3270 with that model. */
static int sb_ttype(struct tn *t)
{
    if (t->sblen < 2 || t->sb[1] != 0)
        return 0; /* not IS: ignore */
    size_t n = t->sblen - 2;
    if (t->ttype[0] || t->tn3270e)
        return 0;
    if (n == 0 || n >= sizeof t->ttype)
        return fail(t, "terminal type missing or too long");
    memcpy(t->ttype, t->sb + 2, n);
    t->ttype[n] = 0;
    char *at = strchr(t->ttype, '@'); /* RFC 1646: TYPE@DEVICE */
    if (at) {
        *at = 0;
        if (!at[1] || strlen(at + 1) >= sizeof t->want)
            return fail(t, "device name in the terminal type empty or too long");
        strcpy(t->want, at + 1);
    }
    if (tn_model_size(t->ttype, &t->rows, &t->cols))
        return fail(t, "terminal type is not an IBM 3277/3278/3279 model 2-5");
    t->bin_us = t->bin_him = t->eor_us = t->eor_him = false;
    send3(t, TN_DO, TN_OPT_EOR);
    send3(t, TN_WILL, TN_OPT_EOR);
    send3(t, TN_DO, TN_OPT_BINARY);
    send3(t, TN_WILL, TN_OPT_BINARY);
    return 0;
}

static void device_reject(struct tn *t, uint8_t reason)
{
    uint8_t b[] = {TNE_DEVICE_TYPE, TNE_REJECT, TNE_REASON, reason};
    send_sb(t, TN_OPT_TN3270E, b, sizeof b);
}

/* TN3270E DEVICE-TYPE REQUEST type [CONNECT name | ASSOCIATE name]. */
static int sb_device_type(struct tn *t)
{
    const uint8_t *p = t->sb + 3, *end = t->sb + t->sblen;
    if (t->assigned)
        return fail(t, "TN3270E device type requested twice");
    char type[41], name[41];
    size_t n = 0;
    while (p < end && *p != TNE_CONNECT && *p != TNE_ASSOCIATE && n < sizeof type - 1)
        type[n++] = (char)*p++;
    type[n] = 0;
    if (p < end && *p != TNE_CONNECT && *p != TNE_ASSOCIATE)
        return fail(t, "TN3270E device type too long");
    int how = p < end ? *p++ : -1;
    n = 0;
    while (p < end && n < sizeof name - 1)
        name[n++] = (char)*p++;
    name[n] = 0;
    if (p < end)
        return fail(t, "TN3270E device name too long");
    if (how >= 0 && n == 0)
        return fail(t, "TN3270E CONNECT or ASSOCIATE without a name");
    if (tn_model_size(type, &t->rows, &t->cols)) {
        device_reject(t, TNE_R_INV_DEVICE_TYPE);
        return 0;
    }
    if (how == TNE_ASSOCIATE) {
        device_reject(t, TNE_R_INV_ASSOCIATE); /* no printer sessions */
        return 0;
    }
    int r = t->cb->assign(t->ctx, how == TNE_CONNECT ? name : NULL, t->devname);
    if (r) {
        device_reject(t, (uint8_t)r);
        return 0;
    }
    t->assigned = true;
    snprintf(t->ttype, sizeof t->ttype, "%s", type);
    uint8_t b[2 + 40 + 1 + 8];
    size_t k = 0;
    b[k++] = TNE_DEVICE_TYPE;
    b[k++] = TNE_IS;
    memcpy(b + k, type, strlen(type));
    k += strlen(type);
    b[k++] = TNE_CONNECT;
    memcpy(b + k, t->devname, strlen(t->devname));
    k += strlen(t->devname);
    send_sb(t, TN_OPT_TN3270E, b, k);
    return 0;
}

static int sb_tn3270e(struct tn *t)
{
    if (!t->tn3270e)
        return fail(t, "TN3270E subnegotiation without TN3270E");
    if (t->sblen < 3)
        return fail(t, "TN3270E subnegotiation too short");
    uint8_t what = t->sb[1], verb = t->sb[2];
    if (what == TNE_DEVICE_TYPE && verb == TNE_REQUEST)
        return sb_device_type(t);
    if (what == TNE_FUNCTIONS && (verb == TNE_REQUEST || verb == TNE_IS)) {
        if (!t->assigned)
            return fail(t, "TN3270E FUNCTIONS before DEVICE-TYPE");
        if (verb == TNE_IS && t->sblen > 3)
            return fail(t, "client insists on TN3270E functions we do not offer");
        if (verb == TNE_REQUEST) {
            uint8_t b[] = {TNE_FUNCTIONS, t->sblen > 3 ? TNE_REQUEST : TNE_IS};
            send_sb(t, TN_OPT_TN3270E, b, 2);
            if (t->sblen > 3)
                return 0; /* the client must now say FUNCTIONS IS () */
        }
        if (t->state != TN_READY) /* a renegotiation changes nothing */
            become_ready(t);
        return 0;
    }
    return fail(t, "TN3270E subnegotiation not understood");
}

static int do_sb(struct tn *t)
{
    if (t->sblen == 0)
        return fail(t, "empty subnegotiation");
    switch (t->sb[0]) {
    case TN_OPT_TTYPE: return sb_ttype(t);
    case TN_OPT_TN3270E: return sb_tn3270e(t);
    default: return 0; /* an option we refused: ignore */
    }
}

static int end_record(struct tn *t)
{
    const uint8_t *r = t->rec;
    size_t n = t->reclen;
    t->reclen = 0;
    if (t->state != TN_READY)
        return fail(t, "3270 data before the negotiation finished");
    if (t->tn3270e) {
        if (n < 5)
            return fail(t, "TN3270E record shorter than its header");
        if (r[0] != TNE_DT_3270_DATA)
            return 0; /* responses, SSCP-LU data...: nothing for a local 3270 */
        r += 5;
        n -= 5;
    }
    if (n)
        t->cb->record(t->ctx, r, n);
    return 0;
}

static int data_byte(struct tn *t, uint8_t b)
{
    if (t->state != TN_READY)
        return fail(t, "3270 data before the negotiation finished");
    if (!t->rec && !(t->rec = malloc(TN_RECORD_MAX)))
        return fail(t, "out of memory");
    if (t->reclen == TN_RECORD_MAX)
        return fail(t, "inbound 3270 record too long");
    t->rec[t->reclen++] = b;
    return 0;
}

int tn_input(struct tn *t, const uint8_t *in, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (t->state == TN_FAILED)
            return -1;
        uint8_t b = in[i];
        int r = 0;
        switch (t->ps) {
        case PS_DATA:
            if (b == TN_IAC)
                t->ps = PS_IAC;
            else
                r = data_byte(t, b);
            break;
        case PS_IAC:
            t->ps = PS_DATA;
            if (b == TN_IAC)
                r = data_byte(t, b);
            else if (b >= TN_WILL && b <= TN_DONT)
                t->verb = b, t->ps = PS_VERB;
            else if (b == TN_SB)
                t->sblen = 0, t->ps = PS_SB;
            else if (b == TN_EOR)
                r = end_record(t);
            else if (b == TN_SE)
                r = fail(t, "IAC SE outside a subnegotiation");
            else if (b < TN_SE)
                r = fail(t, "IAC followed by a byte that is no telnet command");
            /* NOP, DM, BRK, IP, AO, AYT, EC, EL, GA: nothing to do */
            break;
        case PS_VERB:
            t->ps = PS_DATA;
            r = do_verb(t, t->verb, b);
            break;
        case PS_SB:
            if (b == TN_IAC)
                t->ps = PS_SB_IAC;
            else if (t->sblen == TN_SB_MAX)
                r = fail(t, "subnegotiation too long");
            else
                t->sb[t->sblen++] = b;
            break;
        case PS_SB_IAC:
            if (b == TN_SE) {
                t->ps = PS_DATA;
                r = do_sb(t);
            } else if (b == TN_IAC && t->sblen < TN_SB_MAX) {
                t->sb[t->sblen++] = b;
                t->ps = PS_SB;
            } else {
                r = fail(t, "IAC inside a subnegotiation not followed by SE or IAC");
            }
            break;
        }
        if (r)
            return -1;
    }
    return t->state == TN_FAILED ? -1 : 0;
}

void tn_send_record(struct tn *t, const uint8_t *data, size_t len)
{
    uint8_t *b = malloc(2 * len + 16);
    if (!b)
        return;
    size_t n = 0;
    if (t->tn3270e) {
        uint8_t h[5] = {TNE_DT_3270_DATA, 0, 0, (uint8_t)(t->seq >> 8), (uint8_t)t->seq};
        t->seq++;
        for (int i = 0; i < 5; i++) {
            if (h[i] == TN_IAC)
                b[n++] = TN_IAC;
            b[n++] = h[i];
        }
    }
    for (size_t i = 0; i < len; i++) {
        if (data[i] == TN_IAC)
            b[n++] = TN_IAC;
        b[n++] = data[i];
    }
    b[n++] = TN_IAC;
    b[n++] = TN_EOR;
    t->cb->send(t->ctx, b, n);
    free(b);
}
