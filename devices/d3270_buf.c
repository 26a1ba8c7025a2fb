/*
 * d3270_buf.c - the 3270 screen buffer: write orders, the WCC, Read
 * Buffer and Read Modified as a local 3274 does them (3270 Data Stream
 * Programmer's Reference, GA23-0059, chapters 3-4), and the inbound
 * records from the terminal that update it.  Pure data: no device, no
 * channel (d3270.c), no sockets (tn3270_server.c).
 *
 * Extended attributes (SFE and MF pairs other than the basic field
 * attribute, SA) are accepted and not kept: a local 3274 without the
 * extended data stream never returns them.
 */
#include <string.h>

#include "d3270.h"

/* The 6-bit codes of 12-bit buffer addresses (GA23-0059, appendix C). */
static const uint8_t addr_code[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

int scr_decode_addr(const struct d3270_screen *s, uint8_t b1, uint8_t b2)
{
    int a = (b1 & 0xC0) == 0 ? (b1 & 0x3F) << 8 | b2 : (b1 & 0x3F) << 6 | (b2 & 0x3F);
    return a < s->size ? a : -1;
}

void scr_encode_addr(int addr, uint8_t out[2])
{
    out[0] = addr_code[(addr >> 6) & 0x3F];
    out[1] = addr_code[addr & 0x3F];
}

void scr_init(struct d3270_screen *s, int alt_rows, int alt_cols)
{
    memset(s, 0, sizeof *s);
    s->alt_rows = alt_rows;
    s->alt_cols = alt_cols;
    scr_erase(s, false);
    s->aid = AID_NONE;
}

void scr_erase(struct d3270_screen *s, bool alternate)
{
    s->rows = alternate ? s->alt_rows : 24;
    s->cols = alternate ? s->alt_cols : 80;
    s->size = s->rows * s->cols;
    memset(s->ch, 0, sizeof s->ch);
    memset(s->isfa, 0, sizeof s->isfa);
    s->cursor = 0;
    s->addr = 0;
}

int scr_field_of(const struct d3270_screen *s, int pos)
{
    for (int i = 0; i < s->size; i++) {
        int p = (pos - i + s->size) % s->size;
        if (s->isfa[p])
            return p;
    }
    return -1;
}

static bool unprotected(const struct d3270_screen *s, int pos)
{
    int fa = scr_field_of(s, pos);
    return fa < 0 || !(s->ch[fa] & FA_PROTECT);
}

static void put_char(struct d3270_screen *s, uint8_t c)
{
    s->ch[s->addr] = c;
    s->isfa[s->addr] = false;
    s->addr = (s->addr + 1) % s->size;
}

static void put_fa(struct d3270_screen *s, uint8_t fa)
{
    s->ch[s->addr] = fa & 0x3F; /* the graphic-conversion bits are not kept */
    s->isfa[s->addr] = true;
    s->addr = (s->addr + 1) % s->size;
}

/* The basic field attribute among SFE/MF type-value pairs (type X'C0'). */
static bool pairs_fa(const uint8_t *p, int n, uint8_t *fa)
{
    bool found = false;
    for (int i = 0; i < n; i++)
        if (p[2 * i] == 0xC0)
            *fa = p[2 * i + 1], found = true;
    return found;
}

/* Program tab: to the first position of the next unprotected field.
   After character data, the rest of the current field is nulled. */
static void program_tab(struct d3270_screen *s, bool after_data)
{
    int a = s->addr;
    if (after_data) {
        while (!s->isfa[a]) {
            s->ch[a] = 0;
            if (++a == s->size)
                break;
        }
        if (a == s->size) {
            s->addr = 0;
            return;
        }
    }
    for (; a < s->size; a++) {
        if (s->isfa[a] && !(s->ch[a] & FA_PROTECT) && !s->isfa[(a + 1) % s->size]) {
            s->addr = (a + 1) % s->size;
            return;
        }
    }
    s->addr = 0; /* no further unprotected field: stops at address 0 */
}

int scr_write(struct d3270_screen *s, const uint8_t *d, size_t n)
{
    if (n == 0)
        return 0;
    uint8_t wcc = d[0];
    if (wcc & WCC_RESET_MDT)
        for (int i = 0; i < s->size; i++)
            if (s->isfa[i])
                s->ch[i] &= ~FA_MDT;
    bool after_data = false;
    for (size_t i = 1; i < n;) {
        uint8_t o = d[i++];
        bool data = false;
        int a;
        switch (o) {
        case ORD_SBA:
            if (i + 2 > n || (a = scr_decode_addr(s, d[i], d[i + 1])) < 0)
                return -1;
            s->addr = a;
            i += 2;
            break;
        case ORD_SF:
            if (i + 1 > n)
                return -1;
            put_fa(s, d[i++]);
            break;
        case ORD_SFE:
        case ORD_MF: {
            if (i + 1 > n || i + 1 + 2 * (size_t)d[i] > n)
                return -1;
            int pairs = d[i];
            uint8_t fa = 0;
            bool has = pairs_fa(d + i + 1, pairs, &fa);
            i += 1 + 2 * (size_t)pairs;
            if (o == ORD_SFE) {
                put_fa(s, fa);
            } else if (s->isfa[s->addr]) {
                if (has)
                    s->ch[s->addr] = fa & 0x3F;
                s->addr = (s->addr + 1) % s->size;
            } else {
                return -1; /* MF must point at a field attribute */
            }
            break;
        }
        case ORD_SA:
            if (i + 2 > n)
                return -1;
            i += 2;
            break;
        case ORD_IC:
            s->cursor = s->addr;
            break;
        case ORD_PT:
            program_tab(s, after_data);
            break;
        case ORD_RA: {
            if (i + 3 > n || (a = scr_decode_addr(s, d[i], d[i + 1])) < 0)
                return -1;
            i += 2;
            uint8_t c = d[i++];
            if (c == ORD_GE) {
                if (i + 1 > n)
                    return -1;
                c = d[i++];
            }
            do
                put_char(s, c);
            while (s->addr != a);
            break;
        }
        case ORD_EUA: {
            if (i + 2 > n || (a = scr_decode_addr(s, d[i], d[i + 1])) < 0)
                return -1;
            i += 2;
            bool unprot = unprotected(s, s->addr); /* then follow the attributes */
            do {
                if (s->isfa[s->addr])
                    unprot = !(s->ch[s->addr] & FA_PROTECT);
                else if (unprot)
                    s->ch[s->addr] = 0;
                s->addr = (s->addr + 1) % s->size;
            } while (s->addr != a);
            break;
        }
        case ORD_GE:
            if (i + 1 > n)
                return -1;
            put_char(s, d[i++]);
            data = true;
            break;
        default:
            if (o < 0x40 && o != 0x00 && o != 0x0C && o != 0x0D && o != 0x15 &&
                o != 0x19 && o != 0x1C && o != 0x1E && o != 0x3F)
                return -1; /* an order this 3274 does not know */
            put_char(s, o);
            data = true;
            break;
        }
        after_data = data;
    }
    if (wcc & WCC_RESTORE) {
        s->locked = false;
        s->aid = AID_NONE;
    }
    if (wcc & WCC_ALARM)
        s->alarm = true;
    return 0;
}

void scr_erase_unprotected(struct d3270_screen *s)
{
    int first = -1;
    bool unprot = unprotected(s, 0); /* then follow the attributes */
    for (int i = 0; i < s->size; i++) {
        if (s->isfa[i]) {
            unprot = !(s->ch[i] & FA_PROTECT);
            if (unprot) {
                s->ch[i] &= ~FA_MDT;
                if (first < 0 && !s->isfa[(i + 1) % s->size])
                    first = (i + 1) % s->size;
            }
        } else if (unprot) {
            s->ch[i] = 0;
        }
    }
    s->cursor = first < 0 ? 0 : first;
    s->locked = false;
    s->aid = AID_NONE;
}

static size_t head(const struct d3270_screen *s, uint8_t *out)
{
    out[0] = s->aid;
    scr_encode_addr(s->cursor, out + 1);
    return 3;
}

size_t scr_read_buffer(const struct d3270_screen *s, uint8_t *out)
{
    size_t n = head(s, out);
    for (int i = 0; i < s->size; i++) {
        if (s->isfa[i]) {
            out[n++] = ORD_SF;
            out[n++] = addr_code[s->ch[i] & 0x3F];
        } else {
            out[n++] = s->ch[i];
        }
    }
    return n;
}

size_t scr_read_modified(const struct d3270_screen *s, uint8_t *out)
{
    if (s->aid == AID_CLEAR || s->aid == AID_PA1 || s->aid == AID_PA2 || s->aid == AID_PA3) {
        out[0] = s->aid; /* short read */
        return 1;
    }
    size_t n = head(s, out);
    int first = scr_field_of(s, s->size - 1);
    if (first < 0) { /* unformatted: all the data, nulls suppressed */
        for (int i = 0; i < s->size; i++)
            if (s->ch[i])
                out[n++] = s->ch[i];
        return n;
    }
    /* Each modified field in buffer order, from address 0. */
    for (int fa = 0; fa < s->size; fa++) {
        if (!s->isfa[fa] || !(s->ch[fa] & FA_MDT))
            continue;
        int p = (fa + 1) % s->size;
        out[n++] = ORD_SBA;
        scr_encode_addr(p, out + n);
        n += 2;
        for (; !s->isfa[p]; p = (p + 1) % s->size)
            if (s->ch[p])
                out[n++] = s->ch[p];
    }
    return n;
}

int scr_inbound(struct d3270_screen *s, const uint8_t *r, size_t n)
{
    if (n == 0)
        return -1;
    s->aid = r[0];
    s->locked = true;
    if (r[0] == AID_CLEAR) {
        scr_erase(s, false);
        return 0;
    }
    if (n < 3)
        return 0; /* PA keys: the AID alone */
    int c = scr_decode_addr(s, r[1], r[2]);
    if (c < 0)
        return -1;
    s->cursor = c;
    size_t i = 3;
    bool formatted = scr_field_of(s, 0) >= 0;
    if (!formatted && i < n && r[i] != ORD_SBA) {
        memset(s->ch, 0, (size_t)s->size);
        s->addr = 0;
    }
    while (i < n) {
        if (r[i] == ORD_SBA) {
            int a;
            if (i + 3 > n || (a = scr_decode_addr(s, r[i + 1], r[i + 2])) < 0)
                return -1;
            i += 3;
            s->addr = a;
            int fa = scr_field_of(s, a);
            if (fa >= 0) {
                if (s->ch[fa] & FA_PROTECT)
                    return -1; /* typed into a protected field */
                s->ch[fa] |= FA_MDT;
                for (int p = a; !s->isfa[p]; p = (p + 1) % s->size)
                    s->ch[p] = 0;
            }
            continue;
        }
        if (s->isfa[s->addr])
            return -1; /* more data than the field holds */
        s->ch[s->addr] = r[i++];
        s->addr = (s->addr + 1) % s->size;
    }
    return 0;
}
