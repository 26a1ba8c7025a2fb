/*
 * directory.h - the user directory as CP keeps it: a big-endian blob that
 * `cpcms sysgen` compiles from a VM/370 directory source (host/dirsrc.c)
 * and writes to the system residence volume (common/sysres.h says where),
 * and that CP reads into storage at IPL and decodes with the functions
 * here.  Portable and freestanding (no allocation, no stdio): built for
 * the host and for S/370 (cp/cp.mk).  Implemented in directory.c.
 *
 * The blob, format DIR_VERSION:
 *
 *   header, DIR_HDR_LEN bytes:
 *     0   8  magic "CPCMSDIR" (ASCII)
 *     8   u16 DIR_VERSION
 *     10  u16 the password scheme, SHA256_PW_FORMAT (common/sha256.h)
 *     12  u32 length of the blob in bytes, header included
 *     16  u32 number of users
 *     20  u32 CRC-32 (IEEE 802.3, as zlib's crc32) of the bytes after the header
 *     24  8  zero
 *   entries, one after another to the end of the blob.  Each begins with
 *     0   u8 kind (DIR_USER ... DIR_SPECIAL), 1 u8 zero, 2 u16 length,
 *   and the length of every kind is fixed (DIR_LEN_*).  A USER entry
 *   begins each user; the entries of that user's devices follow it up to
 *   the next USER entry or the end, in source order.  Userids are unique;
 *   the virtual addresses of one user's devices are unique.
 *
 * Text fields are ASCII (CP keeps its text in ASCII and translates at its
 * devices), upper case, padded on the right with blanks; decoded copies
 * are 0-terminated without the blanks.  Storage sizes are bytes.
 *
 * Passwords are never stored in the clear: a logon password is a salt
 * and a hash (sha256.h), or the NOLOG flag (the user cannot log on).
 * Minidisk link passwords are stored the same way, or as ALL (no password
 * needed) or none (that link mode needs the owner's own directory entry).
 *
 * A blob from a disk may be anything: every decoder checks every offset
 * against the length and returns DIR_E* on anything malformed, and
 * dir_validate() checks the whole blob once (CRC included).  Nothing here
 * reads outside [blob, blob + len).
 */
#ifndef CPCMS_DIRECTORY_H
#define CPCMS_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#define DIR_MAGIC "CPCMSDIR"
#define DIR_VERSION 1
#define DIR_HDR_LEN 32

/* Errors (negative returns). */
#define DIR_OK 0
#define DIR_E_NOTFOUND (-1)   /* no such user */
#define DIR_E_HEADER (-2)     /* bad magic, version, length or count */
#define DIR_E_CRC (-3)        /* the CRC does not match */
#define DIR_E_ENTRY (-4)      /* an entry of unknown kind or wrong length, or outside the blob */
#define DIR_E_FIELD (-5)      /* a field out of range */
#define DIR_E_ORDER (-6)      /* a device before the first USER */
#define DIR_E_DUP (-7)        /* a userid or a user's virtual address twice */
#define DIR_E_SPACE (-8)      /* (encoding) the buffer is too small */

/* Entry kinds, and their lengths. */
enum dir_kind {
    DIR_USER = 1,
    DIR_CONSOLE,
    DIR_SPOOL,
    DIR_DEDICATE,
    DIR_MDISK,
    DIR_LINK,
    DIR_SPECIAL,
    DIR_NKINDS
};
#define DIR_LEN_USER 184
#define DIR_LEN_CONSOLE 20
#define DIR_LEN_SPOOL 12
#define DIR_LEN_DEDICATE 16
#define DIR_LEN_MDISK 176
#define DIR_LEN_LINK 20
#define DIR_LEN_SPECIAL 8

/* USER entry fields (offsets from the entry). */
#define DIR_U_USERID 4        /* 8 */
#define DIR_U_STORAGE 12      /* u32 bytes */
#define DIR_U_MAXSTOR 16      /* u32 bytes */
#define DIR_U_CLASSES 20      /* 8: privilege classes A-H in order, blank padded */
#define DIR_U_PRIORITY 28     /* u8 0-99 */
#define DIR_U_FLAGS 29        /* u8 DIR_UF_* */
#define DIR_U_SALT 32         /* 16 */
#define DIR_U_HASH 48         /* 32 */
#define DIR_U_ACCOUNT 80      /* 8 */
#define DIR_U_DIST 88         /* 8: the distribution code */
#define DIR_U_IPLKIND 96      /* u8 DIR_IPL_* */
#define DIR_U_PARMLEN 97      /* u8 0..DIR_PARM_MAX */
#define DIR_U_IPLDEV 98       /* u16 */
#define DIR_U_IPLNAME 100     /* 8 */
#define DIR_U_PARM 108        /* DIR_PARM_MAX bytes, as written in the source */
#define DIR_U_OPTIONS 172     /* u32 DIR_OPT_* */
#define DIR_U_CPUID 176       /* u32: 6 hex digits of OPTION CPUID, or 0 */
                              /* 180..183 zero */
#define DIR_UF_NOLOG 0x80

/* Device entry fields. */
#define DIR_D_VADDR 4         /* u16, every device kind but LINK */
#define DIR_D_DEVTYPE 6       /* u16: CONSOLE, SPOOL, MDISK, SPECIAL */
#define DIR_C_CLASS 8         /* CONSOLE: u8 spool class; 12: 8 secondary userid */
#define DIR_C_USERID 12
#define DIR_S_FUNC 8          /* SPOOL: u8 DIR_SPOOL_*; 9: u8 class ('*' any) */
#define DIR_S_CLASS 9
#define DIR_DD_RADDR 6        /* DEDICATE: u16 real address or DIR_NO_RADDR; 8: 6 volser */
#define DIR_DD_VOLSER 8
#define DIR_M_START 8         /* MDISK: u16 first cylinder */
#define DIR_M_CYLS 10         /* u16 cylinders */
#define DIR_M_VOLSER 12       /* 6 */
#define DIR_M_MODE 18         /* u8 DIR_MODE_* */
#define DIR_M_FLAGS 19        /* u8 DIR_MF_* */
#define DIR_M_LPW 20          /* 3 link passwords (read, write, multiple), DIR_LPW_LEN each: */
#define DIR_LPW_LEN 52        /*   u8 DIR_LPW_*, 3 zero, 16 salt, 32 hash */
#define DIR_L_USERID 4        /* LINK: 8 the owner; 12 u16 their address; 14 u16 ours; 16 u8 mode */
#define DIR_L_THEIRS 12
#define DIR_L_OURS 14
#define DIR_L_MODE 16
#define DIR_MF_TDISK 0x80     /* a temporary disk: cylinders at LOGON, no start, no volser */

#define DIR_PARM_MAX 64
#define DIR_NO_RADDR 0xFFFF
#define DIR_MAX_VADDR 0xFFF

enum dir_ipl { DIR_IPL_NONE, DIR_IPL_DEVICE, DIR_IPL_NAME };
enum dir_spool_func { DIR_SPOOL_READER = 1, DIR_SPOOL_PUNCH, DIR_SPOOL_PRINTER };
enum dir_mode {
    DIR_MODE_R = 1, DIR_MODE_RR, DIR_MODE_W, DIR_MODE_WR, DIR_MODE_M, DIR_MODE_MR,
    DIR_MODE_MW, DIR_MODE_MWV, DIR_NMODES
};
enum dir_lpw_kind { DIR_LPW_NONE, DIR_LPW_ALL, DIR_LPW_HASH };
enum dir_lpw_which { DIR_LPW_READ, DIR_LPW_WRITE, DIR_LPW_MULT };
enum dir_special { DIR_SPECIAL_3270 = 1, DIR_SPECIAL_TIMER, DIR_SPECIAL_CTCA };

/* OPTION statement flags. */
#define DIR_OPT_ECMODE    0x0001
#define DIR_OPT_REALTIMER 0x0002
#define DIR_OPT_ISAM      0x0004
#define DIR_OPT_VIRTREAL  0x0008
#define DIR_OPT_BMX       0x0010
#define DIR_OPT_ACCT      0x0020
#define DIR_OPT_SVCOFF    0x0040
#define DIR_OPT_CPUID     0x0080  /* the cpuid field is set */

/* A user, decoded. */
struct dir_user {
    char userid[9];
    uint32_t storage, maxstorage;  /* bytes */
    char classes[9];               /* e.g. "ABCDEFG" */
    unsigned priority;
    bool nolog;                    /* cannot log on; salt and hash are zero */
    uint8_t salt[SHA256_SALT_LEN], hash[SHA256_LEN];
    char account[9], dist[9];      /* "" when no ACCOUNT statement */
    unsigned ipl_kind;             /* DIR_IPL_* */
    unsigned ipl_dev;              /* DIR_IPL_DEVICE */
    char ipl_name[9];              /* DIR_IPL_NAME */
    char ipl_parm[DIR_PARM_MAX + 1];
    uint32_t options, cpuid;
    /* where it is: the USER entry, and the end of its device entries */
    size_t off, end;
};

/* A device statement of a user, decoded: the fields its kind uses. */
struct dir_dev {
    unsigned kind;                 /* DIR_CONSOLE ... DIR_SPECIAL */
    unsigned vaddr;                /* the user's virtual address (LINK: ours) */
    unsigned devtype;              /* 0x3215, 0x2540, 0x3350...; SPECIAL: DIR_SPECIAL_* */
    char cls;                      /* CONSOLE, SPOOL: the spool class */
    unsigned func;                 /* SPOOL: DIR_SPOOL_* */
    char userid[9];                /* CONSOLE: secondary user ("" none); LINK: the owner */
    unsigned link_vaddr;           /* LINK: the owner's address */
    unsigned raddr;                /* DEDICATE: real address, or DIR_NO_RADDR */
    char volser[7];                /* MDISK (not T-DISK), DEDICATE by volser */
    unsigned start, cyls;          /* MDISK */
    unsigned mode;                 /* MDISK, LINK: DIR_MODE_* */
    bool tdisk;                    /* MDISK: T-DISK */
    unsigned lpw[3];               /* MDISK: DIR_LPW_* for read, write, multiple */
    uint8_t lpw_salt[3][SHA256_SALT_LEN], lpw_hash[3][SHA256_LEN];
    size_t off;                    /* the entry's offset in the blob */
};

/* ---- decoding (CP and host) ------------------------------------------ */

/*
 * Check the whole blob: header, CRC, every entry's kind, length and
 * fields, the order (USER first), the user count, unique userids and
 * unique virtual addresses per user.  Returns DIR_OK or a DIR_E_* code.
 * CP calls it once when it reads the directory; a blob that passes
 * decodes without errors.
 */
int dir_validate(const uint8_t *blob, size_t len);

/*
 * Look up a userid (1-8 characters, any case; 0-terminated).  Returns
 * DIR_OK with *u filled, DIR_E_NOTFOUND, or a DIR_E_* code if the blob
 * is malformed on the way.
 */
int dir_find_user(const uint8_t *blob, size_t len, const char *userid, struct dir_user *u);

/*
 * The users in order: *pos starts at 0.  Returns 1 with *u filled and
 * *pos advanced, 0 after the last, or a DIR_E_* code.
 */
int dir_next_user(const uint8_t *blob, size_t len, size_t *pos, struct dir_user *u);

/*
 * The device statements of user u in order: *pos starts at 0.  Returns
 * 1 with *d filled, 0 after the last, or a DIR_E_* code.
 */
int dir_next_dev(const uint8_t *blob, size_t len, const struct dir_user *u, size_t *pos,
                 struct dir_dev *d);

/* The device of user u at virtual address vaddr: DIR_OK, DIR_E_NOTFOUND
   or a DIR_E_* code. */
int dir_find_dev(const uint8_t *blob, size_t len, const struct dir_user *u, unsigned vaddr,
                 struct dir_dev *d);

/*
 * Is pw (0-terminated, any case) the logon password of u?  Returns
 * true or false; always false for a NOLOG user and for a password of
 * more than SHA256_PW_MAX characters.  Costs SHA256_PW_ROUNDS
 * compressions.
 */
bool dir_password_ok(const struct dir_user *u, const char *pw);

/*
 * May a LINK in the mode that needs password `which` (DIR_LPW_READ,
 * _WRITE, _MULT) go ahead with password pw (NULL: none given)?  True if
 * that password is ALL, or is set and pw matches; false if it is not set.
 */
bool dir_link_password_ok(const struct dir_dev *d, unsigned which, const char *pw);

/* "R", "RR", ... for DIR_MODE_*; NULL if out of range. */
const char *dir_mode_name(unsigned mode);
/* A word for a DIR_E_* code. */
const char *dir_strerror(int err);
/* CRC-32 (IEEE 802.3) of n bytes, continuing from crc (start with 0). */
uint32_t dir_crc32(uint32_t crc, const uint8_t *p, size_t n);

/* ---- encoding (host) ---------------------------------------------------- */

/*
 * Build a blob in buf[0..cap): dir_begin(), then one dir_put_user() per
 * user followed by dir_put_dev() for each of its devices, then
 * dir_finish().  Each returns DIR_OK or DIR_E_SPACE / DIR_E_FIELD (a
 * field that does not fit its encoding); after an error the buffer is
 * not a directory.  The encoders take the decoded structures, so
 * decode(encode(x)) == x.
 */
struct dir_builder {
    uint8_t *buf;
    size_t cap, len;
    uint32_t nusers;
};
void dir_begin(struct dir_builder *b, uint8_t *buf, size_t cap);
int dir_put_user(struct dir_builder *b, const struct dir_user *u);
int dir_put_dev(struct dir_builder *b, const struct dir_dev *d);
/* Write the header; returns the blob's length (> 0) or a DIR_E_* code. */
long dir_finish(struct dir_builder *b);

/*
 * Give user `userid` of a valid blob a new logon password hash (salt,
 * hash), clearing NOLOG, and update the CRC, in place.  Returns DIR_OK,
 * DIR_E_NOTFOUND or a DIR_E_* code (blob unchanged then).
 */
int dir_set_password(uint8_t *blob, size_t len, const char *userid,
                     const uint8_t salt[SHA256_SALT_LEN], const uint8_t hash[SHA256_LEN]);

#endif
