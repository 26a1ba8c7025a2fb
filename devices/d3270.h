/*
 * d3270.h - the 3270 display station (3277/3278/3279 on a local non-SNA
 * 3274; IBM 3274 Control Unit Description and Programmer's Guide,
 * GA23-0061, and 3270 Data Stream Programmer's Reference, GA23-0059).
 *
 * d3270_buf.c keeps the screen buffer (characters and field attributes)
 * and implements the write orders, the WCC, Read Buffer, Read Modified
 * and the client's inbound records; d3270.c is the device: its channel
 * commands, and the connection to a TN3270 session (tn3270_server.c).
 */
#ifndef CPCMS_D3270_H
#define CPCMS_D3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define D3270_MAXBUF (27 * 132) /* model 5, the largest */
#define D3270_MAXREAD (3 + 3 * D3270_MAXBUF) /* Read Buffer of a full screen */

/* Orders (GA23-0059, 4). */
#define ORD_PT 0x05
#define ORD_GE 0x08
#define ORD_SBA 0x11
#define ORD_EUA 0x12
#define ORD_IC 0x13
#define ORD_SF 0x1D
#define ORD_SA 0x28
#define ORD_SFE 0x29
#define ORD_MF 0x2C
#define ORD_RA 0x3C

/* Field attribute bits. */
#define FA_PROTECT 0x20
#define FA_NUMERIC 0x10
#define FA_DISPLAY 0x0C
#define FA_MDT 0x01

/* WCC bits. */
#define WCC_ALARM 0x04
#define WCC_RESTORE 0x02
#define WCC_RESET_MDT 0x01

/* AIDs. */
#define AID_NONE 0x60
#define AID_ENTER 0x7D
#define AID_CLEAR 0x6D
#define AID_PA1 0x6C
#define AID_PA2 0x6E
#define AID_PA3 0x6B

/* The screen buffer. */
struct d3270_screen {
    int rows, cols, size;      /* the size in use */
    int alt_rows, alt_cols;    /* the alternate size (the model's) */
    uint8_t ch[D3270_MAXBUF];  /* character, or field attribute if isfa */
    bool isfa[D3270_MAXBUF];
    int cursor;
    int addr;                  /* the buffer address of a write */
    uint8_t aid;
    bool locked;               /* keyboard locked (an AID was sent) */
    bool alarm;
};

/* Buffer and orders (d3270_buf.c). */
void scr_init(struct d3270_screen *s, int alt_rows, int alt_cols);
/* Clear the buffer and take the default (24x80) or the alternate size. */
void scr_erase(struct d3270_screen *s, bool alternate);
/* WCC and orders, as after the command byte of a Write.  Returns 0, or -1
   for an invalid order or address (operation check); what came before
   the error stays written, as on the real 3274. */
int scr_write(struct d3270_screen *s, const uint8_t *data, size_t len);
void scr_erase_unprotected(struct d3270_screen *s);
/* Read Buffer and Read Modified: the bytes a 3274 returns; `out` must
   hold D3270_MAXREAD bytes.  Returns the length. */
size_t scr_read_buffer(const struct d3270_screen *s, uint8_t *out);
size_t scr_read_modified(const struct d3270_screen *s, uint8_t *out);
/* An inbound record from the terminal (AID, cursor, SBA and field data,
   as the client's own Read Modified made it): the buffer takes the typed
   fields, with MDT on.  Returns 0, or -1 if malformed. */
int scr_inbound(struct d3270_screen *s, const uint8_t *rec, size_t len);
/* 12-bit (coded) or 14-bit buffer addresses. */
int scr_decode_addr(const struct d3270_screen *s, uint8_t b1, uint8_t b2);
void scr_encode_addr(int addr, uint8_t out[2]);
/* The field attribute position governing pos; -1 if unformatted. */
int scr_field_of(const struct d3270_screen *s, int pos);

/* The device (d3270.c), for the TN3270 server. */
struct device;
typedef void d3270_send_fn(void *ctx, const uint8_t *rec, size_t len);
extern const struct dev_ops d3270_ops;
/* A terminal of this (alternate) size is now on the device: it presents
   device end so that the program shows its screen. */
void d3270_connect(struct device *dev, int rows, int cols, d3270_send_fn *send, void *ctx);
/* The terminal is gone: the next I/O gets intervention required. */
void d3270_disconnect(struct device *dev);
bool d3270_connected(const struct device *dev);
/* A record from the terminal: update the buffer, present attention.
   Returns -1 if malformed. */
int d3270_inbound(struct device *dev, const uint8_t *rec, size_t len);
struct d3270_screen *d3270_screen(struct device *dev);

#endif
