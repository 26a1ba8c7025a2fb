/*
 * sha256.h - SHA-256 (FIPS 180-2) and the password hash of the user
 * directory, in portable C: built for the host and freestanding for
 * S/370 (CP: -msoft-float, no libc but memcpy/memset, no allocation).
 * Implemented in sha256.c; common/directory.h stores what it computes.
 *
 * The password scheme (format 1), for logon passwords and minidisk link
 * passwords alike:
 *
 *   P   the password, 1 to SHA256_PW_MAX characters, upper-cased (a-z to
 *       A-Z, nothing else changes), in ASCII: CP keeps text in ASCII and
 *       translates at its devices, so host and CP hash the same bytes
 *   S   a salt of SHA256_SALT_LEN (16) random bytes, one per password
 *   H0  = SHA-256("CPCMSPW1" || S || len(P) as one byte || P)
 *   Hi  = SHA-256(Hi-1 || S)            for i = 1 .. SHA256_PW_ROUNDS - 1
 *   the stored hash is H(SHA256_PW_ROUNDS - 1), 32 bytes, beside S.
 *
 * Each Hi is one 48-byte message, so one compression: a verification
 * costs SHA256_PW_ROUNDS compressions.  Measured on the simulated S/370
 * (this file built with CP's flags, -O2 -march=z900), one compression
 * is about 4,600 instructions, so 1024 rounds cost about 4.7 million
 * instructions at LOGON: well under the 10 million budget, and about
 * 0.4 ms per guess on the host.  Changing the count or the construction
 * is a new format: bump SHA256_PW_FORMAT (the directory records it).
 */
#ifndef CPCMS_SHA256_H
#define CPCMS_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_BLOCK 64

#define SHA256_PW_FORMAT 1
#define SHA256_PW_ROUNDS 1024
#define SHA256_SALT_LEN 16
#define SHA256_PW_MAX 8          /* VM/370 passwords: 1 to 8 characters */

struct sha256 {
    uint32_t h[8];
    uint8_t buf[SHA256_BLOCK];
    uint32_t nbuf;               /* bytes waiting in buf */
    uint32_t lo, hi;             /* message length in bytes, 64 bits */
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t len);
/* The digest; c must be initialized again before reuse. */
void sha256_final(struct sha256 *c, uint8_t out[SHA256_LEN]);
/* The digest of one buffer. */
void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);

/*
 * The password hash above of the `len` characters at pw (not
 * necessarily 0-terminated; case is ignored).  Returns 0, or -1 if len
 * is 0 or more than SHA256_PW_MAX (out is then untouched).
 */
int sha256_password(const uint8_t salt[SHA256_SALT_LEN], const char *pw, size_t len,
                    uint8_t out[SHA256_LEN]);

/*
 * Does the password (pw, len) hash to `hash` with `salt`?  Returns 1 or
 * 0 (also for a password of a bad length).  The comparison takes the
 * same time wherever the hashes differ.
 */
int sha256_password_check(const uint8_t salt[SHA256_SALT_LEN],
                          const uint8_t hash[SHA256_LEN], const char *pw, size_t len);

#endif
