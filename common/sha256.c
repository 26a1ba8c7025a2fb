/*
 * sha256.c - SHA-256 as FIPS 180-2 section 6.2 gives it, and the salted,
 * iterated password hash of sha256.h.  Portable: no byte order assumed
 * (words are assembled from bytes), no libc but memcpy and memset, no
 * floating point, no allocation; CP links it (cp/cp.mk) and so does the
 * host.
 */
#include <string.h>

#include "sha256.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror(uint32_t x, unsigned n) { return x >> n | x << (32 - n); }

/* One compression of the 64-byte block p into c->h (FIPS 180-2 6.2.2). */
static void compress(struct sha256 *c, const uint8_t *p)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
               (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ w[t - 15] >> 3;
        uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ w[t - 2] >> 10;
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3];
    uint32_t e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g; g = f; f = e; e = d + t1;
        d = cc; cc = b; b = a; a = t1 + t2;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
    c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

void sha256_init(struct sha256 *c)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, h0, sizeof h0);
    c->nbuf = 0;
    c->lo = c->hi = 0;
}

void sha256_update(struct sha256 *c, const void *data, size_t len)
{
    const uint8_t *p = data;
    uint32_t lo = c->lo + (uint32_t)len;
    if (lo < c->lo)
        c->hi++;
    c->lo = lo;
    while (len > 0) {
        if (c->nbuf == 0 && len >= SHA256_BLOCK) {
            compress(c, p);
            p += SHA256_BLOCK;
            len -= SHA256_BLOCK;
            continue;
        }
        size_t n = SHA256_BLOCK - c->nbuf;
        if (n > len)
            n = len;
        memcpy(c->buf + c->nbuf, p, n);
        c->nbuf += (uint32_t)n;
        p += n;
        len -= n;
        if (c->nbuf == SHA256_BLOCK) {
            compress(c, c->buf);
            c->nbuf = 0;
        }
    }
}

void sha256_final(struct sha256 *c, uint8_t out[SHA256_LEN])
{
    uint32_t hi = c->hi << 3 | c->lo >> 29, lo = c->lo << 3;   /* length in bits */
    c->buf[c->nbuf++] = 0x80;
    if (c->nbuf > SHA256_BLOCK - 8) {
        memset(c->buf + c->nbuf, 0, SHA256_BLOCK - c->nbuf);
        compress(c, c->buf);
        c->nbuf = 0;
    }
    memset(c->buf + c->nbuf, 0, SHA256_BLOCK - 8 - c->nbuf);
    for (int i = 0; i < 4; i++) {
        c->buf[56 + i] = (uint8_t)(hi >> (24 - 8 * i));
        c->buf[60 + i] = (uint8_t)(lo >> (24 - 8 * i));
    }
    compress(c, c->buf);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(c->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)c->h[i];
    }
}

void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN])
{
    struct sha256 c;
    sha256_init(&c);
    sha256_update(&c, data, len);
    sha256_final(&c, out);
}

int sha256_password(const uint8_t salt[SHA256_SALT_LEN], const char *pw, size_t len,
                    uint8_t out[SHA256_LEN])
{
    if (len == 0 || len > SHA256_PW_MAX)
        return -1;
    uint8_t msg[8 + SHA256_SALT_LEN + 1 + SHA256_PW_MAX];
    memcpy(msg, "CPCMSPW1", 8);
    memcpy(msg + 8, salt, SHA256_SALT_LEN);
    msg[8 + SHA256_SALT_LEN] = (uint8_t)len;
    for (size_t i = 0; i < len; i++) {
        uint8_t ch = (uint8_t)pw[i];
        msg[8 + SHA256_SALT_LEN + 1 + i] = ch >= 'a' && ch <= 'z' ? (uint8_t)(ch - 'a' + 'A') : ch;
    }
    uint8_t h[SHA256_LEN + SHA256_SALT_LEN];
    sha256(msg, 8 + SHA256_SALT_LEN + 1 + len, h);
    memset(msg, 0, sizeof msg);
    memcpy(h + SHA256_LEN, salt, SHA256_SALT_LEN);
    for (unsigned i = 1; i < SHA256_PW_ROUNDS; i++)
        sha256(h, sizeof h, h);
    memcpy(out, h, SHA256_LEN);
    memset(h, 0, sizeof h);
    return 0;
}

int sha256_password_check(const uint8_t salt[SHA256_SALT_LEN],
                          const uint8_t hash[SHA256_LEN], const char *pw, size_t len)
{
    uint8_t h[SHA256_LEN];
    if (sha256_password(salt, pw, len, h) < 0)
        return 0;
    uint8_t diff = 0;
    for (int i = 0; i < SHA256_LEN; i++)
        diff |= h[i] ^ hash[i];
    memset(h, 0, sizeof h);
    return diff == 0;
}
