/*
 * tn3270_telnet.h - the telnet side of a TN3270 session as a pure state
 * machine: bytes from the client go in (tn_input()), and what comes out is
 * calls of the callbacks: bytes to send, complete 3270 records, "the
 * session is ready" and "which device do I get".  No sockets here; the
 * server (tn3270_server.c) moves the bytes, the tests replay captures.
 *
 * Protocols: telnet (RFC 854/855), BINARY (856), TERMINAL-TYPE (1091),
 * END-OF-RECORD (885), TN3270 (RFC 1576), the device name in the terminal
 * type (RFC 1646: IBM-3278-2@NAME) and TN3270E (RFC 2355).
 */
#ifndef CPCMS_TN3270_TELNET_H
#define CPCMS_TN3270_TELNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Telnet commands and options. */
#define TN_IAC 255
#define TN_DONT 254
#define TN_DO 253
#define TN_WONT 252
#define TN_WILL 251
#define TN_SB 250
#define TN_SE 240
#define TN_EOR 239
#define TN_OPT_BINARY 0
#define TN_OPT_TTYPE 24
#define TN_OPT_EOR 25
#define TN_OPT_TN3270E 40

/* TN3270E subnegotiation codes (RFC 2355, 8). */
#define TNE_ASSOCIATE 0
#define TNE_CONNECT 1
#define TNE_DEVICE_TYPE 2
#define TNE_FUNCTIONS 3
#define TNE_IS 4
#define TNE_REASON 5
#define TNE_REJECT 6
#define TNE_REQUEST 7
#define TNE_SEND 8
/* REJECT reasons */
#define TNE_R_DEVICE_IN_USE 1
#define TNE_R_INV_ASSOCIATE 2
#define TNE_R_INV_NAME 3
#define TNE_R_INV_DEVICE_TYPE 4
#define TNE_R_UNSUPPORTED_REQ 7
/* data types of the TN3270E header */
#define TNE_DT_3270_DATA 0

#define TN_SB_MAX 512       /* longest subnegotiation accepted */
#define TN_RECORD_MAX 16384 /* longest inbound 3270 record accepted */

enum tn_state {
    TN_NEGOTIATING,   /* options not yet agreed */
    TN_READY,         /* 3270 records flow */
    TN_FAILED,        /* protocol error: drop the connection */
};

struct tn_callbacks {
    /* Bytes for the client. */
    void (*send)(void *ctx, const uint8_t *data, size_t len);
    /* The client asks for a device: name is the TN3270E device name, or
       NULL for any free one.  Fill devname (at most 8 characters) and
       return 0, or return a TNE_R_ reason. */
    int (*assign)(void *ctx, const char *name, char *devname);
    /* Negotiation finished: the session is a 3270 of this size
       (the alternate screen size; the default size is 24x80). */
    void (*ready)(void *ctx, int rows, int cols);
    /* One inbound 3270 record (AID, cursor, data), header removed. */
    void (*record)(void *ctx, const uint8_t *data, size_t len);
};

struct tn {
    enum tn_state state;
    const struct tn_callbacks *cb;
    void *ctx;
    const char *err;          /* why TN_FAILED */
    /* parser */
    int ps;                   /* byte-level parser state (tn3270_telnet.c) */
    uint8_t verb;             /* the DO/DONT/WILL/WONT being read */
    uint8_t sb[TN_SB_MAX];
    size_t sblen;
    uint8_t *rec;             /* the record being assembled */
    size_t reclen;
    /* negotiation */
    bool tn3270e;             /* TN3270E agreed */
    bool e_refused;           /* the client refused TN3270E */
    bool ttype_asked;
    bool bin_him, bin_us, eor_him, eor_us; /* options agreed */
    bool assigned;            /* a device has been assigned */
    bool functions_done;
    char ttype[41];           /* terminal type, e.g. IBM-3278-2-E */
    char devname[9];
    char want[9];             /* TN3270: device asked for as TYPE@NAME */
    int rows, cols;           /* the model's (alternate) screen size */
    uint16_t seq;             /* TN3270E sequence number, outbound */
};

/* Start a session: the first bytes the server sends (DO TN3270E). */
void tn_init(struct tn *t, const struct tn_callbacks *cb, void *ctx);
void tn_free(struct tn *t);
/* Feed bytes from the client.  Returns 0, or -1 when the client broke
   the protocol (t->err says how; the connection must be dropped). */
int tn_input(struct tn *t, const uint8_t *in, size_t len);
/* Send one 3270 record (command byte, WCC, orders): header when TN3270E,
   IAC doubled, IAC EOR at the end. */
void tn_send_record(struct tn *t, const uint8_t *data, size_t len);
/* Screen size for a terminal type "IBM-327x-M[-E]"; -1 if not a 3270. */
int tn_model_size(const char *ttype, int *rows, int *cols);

#endif
