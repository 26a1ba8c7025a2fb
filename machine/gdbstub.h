/*
 * gdbstub.h - a GDB remote stub for the machine (gdbstub.c): the remote
 * serial protocol over TCP on 127.0.0.1, for `gdb-multiarch` with
 * `set architecture s390:31-bit`.  Single-threaded: the listening socket
 * and the connection are watched fds of the machine's poll loop.
 *
 * Registers, in the order of GDB's s390:31-bit layout (also sent as
 * target.xml): pswm, pswa, r0-r15, acr0-acr15, fpc (32 bits each), then
 * f0-f15 (64 bits each).  pswm and pswa are the two words of the PSW as
 * stored, for an EC-mode PSW exactly; a BC-mode PSW keeps its condition
 * code and program mask in the second word, beside the address, where GDB
 * takes the whole word for the PC, so for a BC-mode PSW the stub shows
 * them in pswm where the EC format has them (bits 18-23), pswa holds only
 * the address, and the interruption code and ILC (which only stored old
 * PSWs carry) are left out.  S/370 has no access registers: acr0-15 read
 * as zero and ignore writes.  Memory is real storage (prefixing applies).
 * GDB takes the byte order from the ELF file: without one, `set endian big`.
 */
#ifndef CPCMS_GDBSTUB_H
#define CPCMS_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"

#define GDB_PKT_MAX 0x4000   /* packet data we accept and send (PacketSize) */
#define GDB_NREGS 51
#define GDB_G_BYTES 268      /* 35 words and 16 doublewords */

/* --- the packet layer ------------------------------------------------------ */

/* Receiving: a state machine fed one byte at a time. */
enum gdb_rx_event {
    GDB_RX_MORE,       /* nothing complete yet */
    GDB_RX_PACKET,     /* rx->buf holds a packet's data (rx->len, NUL after) */
    GDB_RX_BADSUM,     /* a packet with a wrong checksum (or too long) */
    GDB_RX_INTERRUPT,  /* 0x03 outside a packet: Ctrl-C */
    GDB_RX_ACK,        /* '+' */
    GDB_RX_NAK,        /* '-': send the last packet again */
};
struct gdb_rx {
    int state;
    uint8_t sum, csum;
    bool overflow;
    size_t len;
    char buf[GDB_PKT_MAX + 1];
};
void gdb_rx_init(struct gdb_rx *rx);
int gdb_rx_byte(struct gdb_rx *rx, uint8_t ch);

uint8_t gdb_checksum(const void *data, size_t len);
/* "$data#cs" into out, escaping '#', '$', '}' and '*' as '}' then the byte
   XOR 0x20.  Returns the length, or 0 when it does not fit in outsize. */
size_t gdb_frame(const void *data, size_t len, char *out, size_t outsize);
/* Undo the '}' escapes of binary data in place; the new length, or -1 when
   it ends in a lone '}'. */
long gdb_unescape(char *data, size_t len);
/* Hex: encode n bytes (2n characters and a NUL); decode 2n characters,
   -1 when one is not a hex digit. */
void gdb_hex_encode(char *out, const void *bytes, size_t n);
int gdb_hex_decode(void *bytes, const char *hex, size_t n);

/* The PSW as GDB's pswm and pswa, and back (see above).  gdb_psw_set
   returns -1 and changes nothing when the result would be an invalid PSW;
   the high byte of pswa is ignored (24-bit addresses). */
void gdb_psw_get(const struct cpu *cpu, uint32_t *pswm, uint32_t *pswa);
int gdb_psw_set(struct cpu *cpu, uint32_t pswm, uint32_t pswa);

/* --- the stub ---------------------------------------------------------------- */

struct gdb;

struct gdb *gdb_new(struct machine *m);
void gdb_free(struct gdb *g);
/* Listen on 127.0.0.1:port (0: any free port).  Returns the port, or -1
   with a message in err.  A debugger that connects stops the machine. */
int gdb_listen(struct gdb *g, int port, char *err, size_t errlen);

/* Talk to a debugger on an open connection (the listener does this for
   each one it accepts; tests give one end of a socketpair).  Stops the
   machine.  -1 when a debugger is already connected. */
int gdb_attach_fd(struct gdb *g, int fd);

/*
 * Handle one packet's data (NUL-terminated, as received: X data still
 * escaped).  The reply data, unframed, goes to reply (at least
 * GDB_PKT_MAX + 1 bytes).  Returns the reply length, or -1 when there is
 * no reply now (c: the stop reply comes with gdb_report_stop; k).
 */
long gdb_packet(struct gdb *g, char *pkt, size_t len, char *reply);

/* The machine stopped (machine_run returned why): if the debugger resumed
   it and waits, send the stop reply (T05, T02 after Ctrl-C, W with the
   exit status for a disabled wait, X for the other ends). */
void gdb_report_stop(struct gdb *g, enum stop why);
bool gdb_connected(const struct gdb *g);
/* The debugger killed the machine, or saw it end by single-stepping. */
bool gdb_done(const struct gdb *g);

#endif
