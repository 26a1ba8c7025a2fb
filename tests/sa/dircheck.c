/*
 * dircheck.c - the user directory code of common/ (directory.c,
 * sha256.c) run on S/370, big-endian and freestanding as CP runs it:
 * the password hash against a reference digest computed with Python's
 * hashlib, then a directory built, validated, searched and iterated, a
 * password checked in either case, and a damaged copy refused.  The
 * expected output is this same source built for the host, so S/370 and
 * host must agree byte for byte.
 */
#include <stdio.h>
#include <string.h>

#include "../../common/sha256.c"
#include "../../common/directory.c"

static uint8_t blob[1024];

static void hex(const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

int main(void)
{
    uint8_t salt[SHA256_SALT_LEN], h[SHA256_LEN];
    for (int i = 0; i < SHA256_SALT_LEN; i++)
        salt[i] = (uint8_t)(i + 1);
    sha256_password(salt, "maint", 5, h);
    hex(h, SHA256_LEN);
    static const uint8_t ref[4] = {0x7b, 0xd8, 0xe9, 0xed};   /* hashlib's, first bytes */
    printf("reference: %s\n", memcmp(h, ref, 4) ? "MISMATCH" : "ok");
    printf("crc32: %08x\n", (unsigned)dir_crc32(0, (const uint8_t *)"123456789", 9));

    struct dir_user u;
    memset(&u, 0, sizeof u);
    strcpy(u.userid, "MAINT");
    u.storage = 4 << 20;
    u.maxstorage = 16 << 20;
    strcpy(u.classes, "ABCDEFG");
    u.priority = 50;
    memcpy(u.salt, salt, sizeof salt);
    memcpy(u.hash, h, sizeof h);
    u.ipl_kind = DIR_IPL_DEVICE;
    u.ipl_dev = 0x190;
    struct dir_dev d;
    memset(&d, 0, sizeof d);
    d.kind = DIR_MDISK;
    d.vaddr = 0x191;
    d.devtype = 0x3350;
    d.start = 10;
    d.cyls = 10;
    strcpy(d.volser, "CPSYS1");
    d.mode = DIR_MODE_W;
    d.lpw[0] = DIR_LPW_ALL;
    struct dir_builder b;
    dir_begin(&b, blob, sizeof blob);
    dir_put_user(&b, &u);
    dir_put_dev(&b, &d);
    d.kind = DIR_LINK;
    d.vaddr = 0x190;
    d.link_vaddr = 0x190;
    d.volser[0] = 0;
    strcpy(d.userid, "MAINT");
    d.mode = DIR_MODE_RR;
    d.lpw[0] = DIR_LPW_NONE;
    dir_put_dev(&b, &d);
    long len = dir_finish(&b);
    printf("length %ld, validate %d\n", len, dir_validate(blob, (size_t)len));
    hex(blob, DIR_HDR_LEN);

    struct dir_user got;
    int rc = dir_find_user(blob, (size_t)len, "maint", &got);
    printf("find %d: %s %s storage %lu max %lu ipl %03X\n", rc, got.userid, got.classes,
           (unsigned long)got.storage, (unsigned long)got.maxstorage, got.ipl_dev);
    printf("password Maint %d, MAINTX %d, empty %d\n", dir_password_ok(&got, "Maint"),
           dir_password_ok(&got, "MAINTX"), dir_password_ok(&got, ""));
    size_t pos = 0;
    while ((rc = dir_next_dev(blob, (size_t)len, &got, &pos, &d)) == 1)
        printf("device kind %u vaddr %03X type %04X start %u cyls %u volser '%s' mode %s user '%s'\n",
               d.kind, d.vaddr, d.devtype, d.start, d.cyls, d.volser, dir_mode_name(d.mode), d.userid);
    printf("end %d, read link %d\n", rc, dir_link_password_ok(&d, DIR_LPW_READ, NULL));
    printf("not found %d\n", dir_find_user(blob, (size_t)len, "USER1", &got));
    blob[DIR_HDR_LEN + 4] ^= 0x40;
    printf("damaged: validate %d (%s)\n", dir_validate(blob, (size_t)len),
           dir_strerror(dir_validate(blob, (size_t)len)));
    printf("truncated: validate %d\n", dir_validate(blob, (size_t)len - 1));
    return 0;
}
