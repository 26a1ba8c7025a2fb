/*
 * track.c - building, walking and checking CKD track images (track.h).
 */
#include <stdio.h>
#include <string.h>

#include "track.h"

size_t trk_put_end(uint8_t *buf, size_t off)
{
    memset(buf + off, 0xFF, TRK_COUNT_LEN);
    return off + TRK_COUNT_LEN;
}

size_t trk_format_empty(uint8_t *buf, unsigned cyl, unsigned head)
{
    buf[0] = 0;
    trk_put16(buf + 1, cyl);
    trk_put16(buf + 3, head);
    uint8_t *c = buf + TRK_HA_LEN;
    trk_put16(c, cyl);
    trk_put16(c + 2, head);
    c[4] = 0;
    c[5] = 0;
    trk_put16(c + 6, 8);
    memset(c + 8, 0, 8);
    return trk_put_end(buf, TRK_HA_LEN + TRK_COUNT_LEN + 8);
}

int trk_record_at(const uint8_t *buf, size_t len, size_t off, struct trk_rec *r)
{
    if (off + TRK_COUNT_LEN > len)
        return -1;
    const uint8_t *c = buf + off;
    static const uint8_t end[TRK_COUNT_LEN] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    if (!memcmp(c, end, TRK_COUNT_LEN))
        return 0;
    r->off = off;
    r->cc = trk_get16(c);
    r->hh = trk_get16(c + 2);
    r->r = c[4];
    r->kl = c[5];
    r->dl = trk_get16(c + 6);
    if (off + trk_rec_size(r) > len)
        return -1;
    return 1;
}

int trk_check(const struct dasd_type *t, const uint8_t *buf, size_t len,
              unsigned cyl, unsigned head, char *why, size_t whylen)
{
    if (len < TRK_HA_LEN + TRK_COUNT_LEN || len > DASD_MAX_TRACK) {
        snprintf(why, whylen, "track image of %zu bytes", len);
        return -1;
    }
    if (buf[0] != 0 || trk_get16(buf + 1) != cyl || trk_get16(buf + 3) != head) {
        snprintf(why, whylen, "home address %02X %04X %04X is not this track's", buf[0],
                 trk_get16(buf + 1), trk_get16(buf + 3));
        return -1;
    }
    size_t off = TRK_HA_LEN;
    unsigned n = 0, kl[256], dl[256];
    for (;;) {
        struct trk_rec r;
        int k = trk_record_at(buf, len, off, &r);
        if (k < 0) {
            snprintf(why, whylen, "record at offset %zu runs past the end of the image", off);
            return -1;
        }
        if (k == 0)
            break;
        if (n == 0 && r.r != 0) {
            snprintf(why, whylen, "first record is R%u, not R0", r.r);
            return -1;
        }
        if (n > 0) {
            if (n > 254) {
                snprintf(why, whylen, "more than 254 records after R0");
                return -1;
            }
            kl[n - 1] = r.kl;
            dl[n - 1] = r.dl;
        }
        n++;
        off += trk_rec_size(&r);
    }
    if (off + TRK_COUNT_LEN != len) {
        snprintf(why, whylen, "%zu bytes after the end marker", len - off - TRK_COUNT_LEN);
        return -1;
    }
    if (n > 1 && !dasd_records_fit(t, kl, dl, n - 1)) {
        snprintf(why, whylen, "records exceed the track capacity of a %s", t->name);
        return -1;
    }
    return 0;
}

size_t trk_add_record(uint8_t *buf, size_t off, unsigned cyl, unsigned head, unsigned r,
                      const uint8_t *key, unsigned kl, const uint8_t *data, unsigned dl)
{
    uint8_t *p = buf + off;
    trk_put16(p, cyl);
    trk_put16(p + 2, head);
    p[4] = (uint8_t)r;
    p[5] = (uint8_t)kl;
    trk_put16(p + 6, dl);
    if (kl)
        memcpy(p + TRK_COUNT_LEN, key, kl);
    if (dl)
        memcpy(p + TRK_COUNT_LEN + kl, data, dl);
    return off + TRK_COUNT_LEN + kl + dl;
}
