/*
 * directory.c - the user directory blob of directory.h: validation,
 * lookup and iteration for CP, encoding and the in-place password change
 * for the host.  Every read of the blob goes through entry_at(), which
 * checks the entry against the blob's length, and every field is checked
 * by the same decode_*() functions whether it is being read or was just
 * written, so the encoder cannot produce what the decoder refuses.
 */
#include <string.h>

#include "directory.h"

static const uint16_t kind_len[DIR_NKINDS] = {
    [DIR_USER] = DIR_LEN_USER,         [DIR_CONSOLE] = DIR_LEN_CONSOLE,
    [DIR_SPOOL] = DIR_LEN_SPOOL,       [DIR_DEDICATE] = DIR_LEN_DEDICATE,
    [DIR_MDISK] = DIR_LEN_MDISK,       [DIR_LINK] = DIR_LEN_LINK,
    [DIR_SPECIAL] = DIR_LEN_SPECIAL,
};

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static unsigned get16(const uint8_t *p) { return (unsigned)(p[0] << 8 | p[1]); }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}
static void put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

uint32_t dir_crc32(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = crc >> 1 ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

const char *dir_strerror(int err)
{
    switch (err) {
    case DIR_OK: return "no error";
    case DIR_E_NOTFOUND: return "no such user";
    case DIR_E_HEADER: return "bad directory header";
    case DIR_E_CRC: return "directory checksum mismatch";
    case DIR_E_ENTRY: return "malformed directory entry";
    case DIR_E_FIELD: return "directory field out of range";
    case DIR_E_ORDER: return "directory entry outside a user";
    case DIR_E_DUP: return "duplicate userid or virtual address";
    case DIR_E_SPACE: return "directory too large";
    default: return "unknown directory error";
    }
}

const char *dir_mode_name(unsigned mode)
{
    static const char *const names[DIR_NMODES] = {
        [DIR_MODE_R] = "R", [DIR_MODE_RR] = "RR", [DIR_MODE_W] = "W", [DIR_MODE_WR] = "WR",
        [DIR_MODE_M] = "M", [DIR_MODE_MR] = "MR", [DIR_MODE_MW] = "MW", [DIR_MODE_MWV] = "MWV",
    };
    return mode > 0 && mode < DIR_NMODES ? names[mode] : NULL;
}

/*
 * The blob's own length from its header: > 0, or DIR_E_HEADER if the
 * magic, version or length is wrong (the length must fit in len).
 */
static long blob_len(const uint8_t *blob, size_t len)
{
    if (!blob || len < DIR_HDR_LEN || memcmp(blob, DIR_MAGIC, 8) != 0 ||
        get16(blob + 8) != DIR_VERSION || get16(blob + 10) != SHA256_PW_FORMAT)
        return DIR_E_HEADER;
    uint32_t total = get32(blob + 12);
    if (total < DIR_HDR_LEN || total > len || !all_zero(blob + 24, 8))
        return DIR_E_HEADER;
    return (long)total;
}

/* The kind of the entry at off (which must lie inside [0, total)), or a
   DIR_E_ENTRY if it does not fit or is of no known kind or length. */
static int entry_at(const uint8_t *blob, size_t total, size_t off)
{
    if (off < DIR_HDR_LEN || off > total || total - off < 4)
        return DIR_E_ENTRY;
    unsigned kind = blob[off];
    if (kind == 0 || kind >= DIR_NKINDS || blob[off + 1] != 0 ||
        get16(blob + off + 2) != kind_len[kind] || total - off < kind_len[kind])
        return DIR_E_ENTRY;
    return (int)kind;
}

/*
 * A text field of n bytes: printable ASCII without lower case, then only
 * blanks.  Copies it, 0-terminated, to out (n + 1 bytes).  Returns the
 * length, or -1 if malformed or empty while !empty_ok.
 */
static int get_text(const uint8_t *p, unsigned n, char *out, bool empty_ok)
{
    unsigned k = 0;
    while (k < n && p[k] != ' ') {
        if (p[k] < 0x21 || p[k] > 0x7E || (p[k] >= 'a' && p[k] <= 'z'))
            return -1;
        out[k] = (char)p[k];
        k++;
    }
    out[k] = 0;
    for (unsigned i = k; i < n; i++)
        if (p[i] != ' ')
            return -1;
    return k == 0 && !empty_ok ? -1 : (int)k;
}

static bool is_class_char(unsigned c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* Decode and check a USER entry at p (its length already checked). */
static int decode_user(const uint8_t *p, struct dir_user *u)
{
    memset(u, 0, sizeof *u);
    if (get_text(p + DIR_U_USERID, 8, u->userid, false) < 0)
        return DIR_E_FIELD;
    u->storage = get32(p + DIR_U_STORAGE);
    u->maxstorage = get32(p + DIR_U_MAXSTOR);
    if (u->storage < 0x1000 || u->storage % 0x1000 || u->maxstorage < u->storage ||
        u->maxstorage % 0x1000 || u->maxstorage > 0x1000000)
        return DIR_E_FIELD;
    if (get_text(p + DIR_U_CLASSES, 8, u->classes, false) < 0)
        return DIR_E_FIELD;
    for (int i = 0; u->classes[i]; i++)
        if (u->classes[i] < 'A' || u->classes[i] > 'H' ||
            (i > 0 && u->classes[i] <= u->classes[i - 1]))
            return DIR_E_FIELD;
    u->priority = p[DIR_U_PRIORITY];
    unsigned flags = p[DIR_U_FLAGS];
    if (u->priority > 99 || (flags & ~DIR_UF_NOLOG) || p[30] || p[31])
        return DIR_E_FIELD;
    u->nolog = flags & DIR_UF_NOLOG;
    memcpy(u->salt, p + DIR_U_SALT, SHA256_SALT_LEN);
    memcpy(u->hash, p + DIR_U_HASH, SHA256_LEN);
    if (u->nolog && !all_zero(p + DIR_U_SALT, SHA256_SALT_LEN + SHA256_LEN))
        return DIR_E_FIELD;
    if (get_text(p + DIR_U_ACCOUNT, 8, u->account, true) < 0 ||
        get_text(p + DIR_U_DIST, 8, u->dist, true) < 0)
        return DIR_E_FIELD;
    u->ipl_kind = p[DIR_U_IPLKIND];
    unsigned parmlen = p[DIR_U_PARMLEN];
    u->ipl_dev = get16(p + DIR_U_IPLDEV);
    int namelen = get_text(p + DIR_U_IPLNAME, 8, u->ipl_name, true);
    if (namelen < 0 || parmlen > DIR_PARM_MAX)
        return DIR_E_FIELD;
    switch (u->ipl_kind) {
    case DIR_IPL_NONE:
        if (u->ipl_dev || namelen || parmlen)
            return DIR_E_FIELD;
        break;
    case DIR_IPL_DEVICE:
        if (u->ipl_dev > DIR_MAX_VADDR || namelen)
            return DIR_E_FIELD;
        break;
    case DIR_IPL_NAME:
        if (u->ipl_dev || !namelen)
            return DIR_E_FIELD;
        break;
    default:
        return DIR_E_FIELD;
    }
    for (unsigned i = 0; i < DIR_PARM_MAX; i++) {
        uint8_t c = p[DIR_U_PARM + i];
        if (i < parmlen ? (c < 0x20 || c > 0x7E) : c != 0)
            return DIR_E_FIELD;
        u->ipl_parm[i] = i < parmlen ? (char)c : 0;
    }
    u->ipl_parm[DIR_PARM_MAX] = 0;
    u->options = get32(p + DIR_U_OPTIONS);
    u->cpuid = get32(p + DIR_U_CPUID);
    if (u->options & ~0xFFu || u->cpuid > 0xFFFFFF ||
        (!(u->options & DIR_OPT_CPUID) && u->cpuid) || !all_zero(p + 180, 4))
        return DIR_E_FIELD;
    return DIR_OK;
}

static bool console_type(unsigned t) { return t == 0x3215 || t == 0x3210 || t == 0x1052; }

/* The function a spool device type may have: 0 if not a spool type. */
static bool spool_ok(unsigned type, unsigned func)
{
    switch (type) {
    case 0x2540: return func == DIR_SPOOL_READER || func == DIR_SPOOL_PUNCH;
    case 0x2501: case 0x3505: return func == DIR_SPOOL_READER;
    case 0x2520: case 0x3525: return func == DIR_SPOOL_PUNCH;
    case 0x1403: case 0x1443: case 0x3211: return func == DIR_SPOOL_PRINTER;
    default: return false;
    }
}

static bool mdisk_type(unsigned t)
{
    return t == 0x2314 || t == 0x3330 || t == 0x3340 || t == 0x3350 || t == 0x3380;
}

/* Decode and check a device entry of kind `kind` at p. */
static int decode_dev(const uint8_t *p, unsigned kind, struct dir_dev *d)
{
    memset(d, 0, sizeof *d);
    d->kind = kind;
    if (kind != DIR_LINK) {
        d->vaddr = get16(p + DIR_D_VADDR);
        if (d->vaddr > DIR_MAX_VADDR)
            return DIR_E_FIELD;
    }
    switch (kind) {
    case DIR_CONSOLE:
        d->devtype = get16(p + DIR_D_DEVTYPE);
        d->cls = (char)p[DIR_C_CLASS];
        if (!console_type(d->devtype) || !is_class_char((unsigned char)d->cls) ||
            !all_zero(p + 9, 3) || get_text(p + DIR_C_USERID, 8, d->userid, true) < 0)
            return DIR_E_FIELD;
        return DIR_OK;
    case DIR_SPOOL:
        d->devtype = get16(p + DIR_D_DEVTYPE);
        d->func = p[DIR_S_FUNC];
        d->cls = (char)p[DIR_S_CLASS];
        if (!spool_ok(d->devtype, d->func) || p[10] || p[11] ||
            !(is_class_char((unsigned char)d->cls) || (d->cls == '*' && d->func == DIR_SPOOL_READER)))
            return DIR_E_FIELD;
        return DIR_OK;
    case DIR_DEDICATE: {
        d->raddr = get16(p + DIR_DD_RADDR);
        int n = get_text(p + DIR_DD_VOLSER, 6, d->volser, true);
        if (n < 0 || p[14] || p[15] || (d->raddr == DIR_NO_RADDR ? n == 0 : (n != 0 || d->raddr > DIR_MAX_VADDR)))
            return DIR_E_FIELD;
        return DIR_OK;
    }
    case DIR_MDISK: {
        d->devtype = get16(p + DIR_D_DEVTYPE);
        d->start = get16(p + DIR_M_START);
        d->cyls = get16(p + DIR_M_CYLS);
        d->mode = p[DIR_M_MODE];
        unsigned flags = p[DIR_M_FLAGS];
        d->tdisk = flags & DIR_MF_TDISK;
        int n = get_text(p + DIR_M_VOLSER, 6, d->volser, true);
        if (!mdisk_type(d->devtype) || n < 0 || (flags & ~DIR_MF_TDISK) || !dir_mode_name(d->mode) ||
            d->cyls == 0 || d->start + d->cyls > 0xFFFF ||
            (d->tdisk ? (n != 0 || d->start != 0) : n == 0))
            return DIR_E_FIELD;
        for (int i = 0; i < 3; i++) {
            const uint8_t *w = p + DIR_M_LPW + i * DIR_LPW_LEN;
            d->lpw[i] = w[0];
            if (w[0] > DIR_LPW_HASH || !all_zero(w + 1, 3) ||
                (w[0] != DIR_LPW_HASH && !all_zero(w + 4, SHA256_SALT_LEN + SHA256_LEN)))
                return DIR_E_FIELD;
            memcpy(d->lpw_salt[i], w + 4, SHA256_SALT_LEN);
            memcpy(d->lpw_hash[i], w + 4 + SHA256_SALT_LEN, SHA256_LEN);
        }
        return DIR_OK;
    }
    case DIR_LINK:
        d->link_vaddr = get16(p + DIR_L_THEIRS);
        d->vaddr = get16(p + DIR_L_OURS);
        d->mode = p[DIR_L_MODE];
        if (get_text(p + DIR_L_USERID, 8, d->userid, false) < 0 || d->link_vaddr > DIR_MAX_VADDR ||
            d->vaddr > DIR_MAX_VADDR || !dir_mode_name(d->mode) || !all_zero(p + 17, 3))
            return DIR_E_FIELD;
        return DIR_OK;
    case DIR_SPECIAL:
        d->devtype = get16(p + DIR_D_DEVTYPE);
        if (d->devtype < DIR_SPECIAL_3270 || d->devtype > DIR_SPECIAL_CTCA)
            return DIR_E_FIELD;
        return DIR_OK;
    default:
        return DIR_E_ENTRY;
    }
}

/* Fill u from the USER entry at off, with u->end after its devices. */
static int user_at(const uint8_t *blob, size_t total, size_t off, struct dir_user *u)
{
    int rc = decode_user(blob + off, u);
    if (rc)
        return rc;
    size_t pos = off + DIR_LEN_USER;
    while (pos < total) {
        int kind = entry_at(blob, total, pos);
        if (kind < 0)
            return kind;
        if (kind == DIR_USER)
            break;
        pos += kind_len[kind];
    }
    u->off = off;
    u->end = pos;
    return DIR_OK;
}

int dir_validate(const uint8_t *blob, size_t len)
{
    long total = blob_len(blob, len);
    if (total < 0)
        return (int)total;
    if (dir_crc32(0, blob + DIR_HDR_LEN, (size_t)total - DIR_HDR_LEN) != get32(blob + 20))
        return DIR_E_CRC;
    uint32_t nusers = 0;
    uint8_t seen[(DIR_MAX_VADDR + 1) / 8];     /* this user's addresses */
    uint8_t ids[512];                          /* userid hashes seen: a filter */
    memset(ids, 0, sizeof ids);
    size_t pos = DIR_HDR_LEN;
    while (pos < (size_t)total) {
        int kind = entry_at(blob, (size_t)total, pos);
        if (kind < 0)
            return kind;
        if (kind == DIR_USER) {
            struct dir_user u;
            int rc = decode_user(blob + pos, &u);
            if (rc)
                return rc;
            /* a userid seen before: only when its hash was, walk back */
            unsigned h = 0;
            for (int i = 0; i < 8; i++)
                h = h * 31 + blob[pos + DIR_U_USERID + i];
            h %= 8 * sizeof ids;
            if (ids[h / 8] & (1u << (h % 8))) {
                for (size_t q = DIR_HDR_LEN; q < pos; q += kind_len[blob[q]])
                    if (blob[q] == DIR_USER &&
                        !memcmp(blob + q + DIR_U_USERID, blob + pos + DIR_U_USERID, 8))
                        return DIR_E_DUP;
            }
            ids[h / 8] |= (uint8_t)(1u << (h % 8));
            nusers++;
            memset(seen, 0, sizeof seen);
        } else {
            if (nusers == 0)
                return DIR_E_ORDER;
            struct dir_dev d;
            int rc = decode_dev(blob + pos, (unsigned)kind, &d);
            if (rc)
                return rc;
            if (seen[d.vaddr / 8] & (1u << (d.vaddr % 8)))
                return DIR_E_DUP;
            seen[d.vaddr / 8] |= (uint8_t)(1u << (d.vaddr % 8));
        }
        pos += kind_len[kind];
    }
    return nusers == get32(blob + 16) ? DIR_OK : DIR_E_HEADER;
}

int dir_next_user(const uint8_t *blob, size_t len, size_t *pos, struct dir_user *u)
{
    long total = blob_len(blob, len);
    if (total < 0)
        return (int)total;
    size_t off = *pos ? *pos : DIR_HDR_LEN;
    if (off == (size_t)total)
        return 0;
    int kind = entry_at(blob, (size_t)total, off);
    if (kind < 0)
        return kind;
    if (kind != DIR_USER)
        return DIR_E_ORDER;
    int rc = user_at(blob, (size_t)total, off, u);
    if (rc)
        return rc;
    *pos = u->end;
    return 1;
}

int dir_find_user(const uint8_t *blob, size_t len, const char *userid, struct dir_user *u)
{
    uint8_t want[8];
    size_t n = 0;
    for (; userid[n]; n++) {
        if (n == 8)
            return DIR_E_NOTFOUND;
        uint8_t c = (uint8_t)userid[n];
        want[n] = c >= 'a' && c <= 'z' ? (uint8_t)(c - 'a' + 'A') : c;
    }
    if (n == 0)
        return DIR_E_NOTFOUND;
    memset(want + n, ' ', 8 - n);
    long total = blob_len(blob, len);
    if (total < 0)
        return (int)total;
    size_t pos = DIR_HDR_LEN;
    while (pos < (size_t)total) {
        int kind = entry_at(blob, (size_t)total, pos);
        if (kind < 0)
            return kind;
        if (kind == DIR_USER && !memcmp(blob + pos + DIR_U_USERID, want, 8))
            return user_at(blob, (size_t)total, pos, u);
        pos += kind_len[kind];
    }
    return DIR_E_NOTFOUND;
}

int dir_next_dev(const uint8_t *blob, size_t len, const struct dir_user *u, size_t *pos,
                 struct dir_dev *d)
{
    long total = blob_len(blob, len);
    if (total < 0)
        return (int)total;
    if (u->off < DIR_HDR_LEN || u->end > (size_t)total || u->off + DIR_LEN_USER > u->end)
        return DIR_E_ENTRY;
    size_t off = *pos ? *pos : u->off + DIR_LEN_USER;
    if (off < u->off + DIR_LEN_USER || off > u->end)
        return DIR_E_ENTRY;
    if (off == u->end)
        return 0;
    int kind = entry_at(blob, (size_t)total, off);
    if (kind < 0)
        return kind;
    if (kind == DIR_USER || off + kind_len[kind] > u->end)
        return DIR_E_ENTRY;
    int rc = decode_dev(blob + off, (unsigned)kind, d);
    if (rc)
        return rc;
    d->off = off;
    *pos = off + kind_len[kind];
    return 1;
}

int dir_find_dev(const uint8_t *blob, size_t len, const struct dir_user *u, unsigned vaddr,
                 struct dir_dev *d)
{
    size_t pos = 0;
    int rc;
    while ((rc = dir_next_dev(blob, len, u, &pos, d)) == 1)
        if (d->vaddr == vaddr)
            return DIR_OK;
    return rc == 0 ? DIR_E_NOTFOUND : rc;
}

bool dir_password_ok(const struct dir_user *u, const char *pw)
{
    if (u->nolog || !pw)
        return false;
    return sha256_password_check(u->salt, u->hash, pw, strlen(pw)) == 1;
}

bool dir_link_password_ok(const struct dir_dev *d, unsigned which, const char *pw)
{
    if (d->kind != DIR_MDISK || which > DIR_LPW_MULT)
        return false;
    if (d->lpw[which] == DIR_LPW_ALL)
        return true;
    if (d->lpw[which] != DIR_LPW_HASH || !pw)
        return false;
    return sha256_password_check(d->lpw_salt[which], d->lpw_hash[which], pw, strlen(pw)) == 1;
}

/* ---- encoding ------------------------------------------------------------ */

void dir_begin(struct dir_builder *b, uint8_t *buf, size_t cap)
{
    b->buf = buf;
    b->cap = cap;
    b->len = DIR_HDR_LEN;
    b->nusers = 0;
    if (cap >= DIR_HDR_LEN)
        memset(buf, 0, DIR_HDR_LEN);
}

/* Copy s into n bytes, blank padded; -1 if longer than n. */
static int put_text(uint8_t *p, unsigned n, const char *s)
{
    size_t k = strlen(s);
    if (k > n)
        return -1;
    memcpy(p, s, k);
    memset(p + k, ' ', n - k);
    return 0;
}

/* Room for an entry of kind `kind`: its zeroed bytes with the entry
   header written, or NULL. */
static uint8_t *new_entry(struct dir_builder *b, unsigned kind)
{
    if (b->cap < DIR_HDR_LEN || b->cap - b->len < kind_len[kind])
        return NULL;
    uint8_t *p = b->buf + b->len;
    memset(p, 0, kind_len[kind]);
    p[0] = (uint8_t)kind;
    put16(p + 2, kind_len[kind]);
    return p;
}

int dir_put_user(struct dir_builder *b, const struct dir_user *u)
{
    uint8_t *p = new_entry(b, DIR_USER);
    if (!p)
        return DIR_E_SPACE;
    size_t parmlen = strlen(u->ipl_parm);
    if (put_text(p + DIR_U_USERID, 8, u->userid) || put_text(p + DIR_U_CLASSES, 8, u->classes) ||
        put_text(p + DIR_U_ACCOUNT, 8, u->account) || put_text(p + DIR_U_DIST, 8, u->dist) ||
        put_text(p + DIR_U_IPLNAME, 8, u->ipl_name) || parmlen > DIR_PARM_MAX ||
        u->priority > 255 || u->ipl_kind > 255 || u->ipl_dev > 0xFFFF)
        return DIR_E_FIELD;
    put32(p + DIR_U_STORAGE, u->storage);
    put32(p + DIR_U_MAXSTOR, u->maxstorage);
    p[DIR_U_PRIORITY] = (uint8_t)u->priority;
    p[DIR_U_FLAGS] = u->nolog ? DIR_UF_NOLOG : 0;
    if (!u->nolog) {
        memcpy(p + DIR_U_SALT, u->salt, SHA256_SALT_LEN);
        memcpy(p + DIR_U_HASH, u->hash, SHA256_LEN);
    }
    p[DIR_U_IPLKIND] = (uint8_t)u->ipl_kind;
    p[DIR_U_PARMLEN] = (uint8_t)parmlen;
    put16(p + DIR_U_IPLDEV, u->ipl_dev);
    memcpy(p + DIR_U_PARM, u->ipl_parm, parmlen);
    put32(p + DIR_U_OPTIONS, u->options);
    put32(p + DIR_U_CPUID, u->cpuid);
    struct dir_user check;
    if (decode_user(p, &check))
        return DIR_E_FIELD;
    b->len += DIR_LEN_USER;
    b->nusers++;
    return DIR_OK;
}

int dir_put_dev(struct dir_builder *b, const struct dir_dev *d)
{
    if (d->kind <= DIR_USER || d->kind >= DIR_NKINDS)
        return DIR_E_FIELD;
    if (b->nusers == 0)
        return DIR_E_ORDER;
    uint8_t *p = new_entry(b, d->kind);
    if (!p)
        return DIR_E_SPACE;
    if (d->vaddr > 0xFFFF || d->devtype > 0xFFFF || d->raddr > 0xFFFF || d->start > 0xFFFF ||
        d->cyls > 0xFFFF || d->mode > 255 || d->func > 255 || d->link_vaddr > 0xFFFF)
        return DIR_E_FIELD;
    if (d->kind != DIR_LINK) {
        put16(p + DIR_D_VADDR, d->vaddr);
        if (d->kind != DIR_DEDICATE)
            put16(p + DIR_D_DEVTYPE, d->devtype);
    }
    switch (d->kind) {
    case DIR_CONSOLE:
        p[DIR_C_CLASS] = (uint8_t)d->cls;
        if (put_text(p + DIR_C_USERID, 8, d->userid))
            return DIR_E_FIELD;
        break;
    case DIR_SPOOL:
        p[DIR_S_FUNC] = (uint8_t)d->func;
        p[DIR_S_CLASS] = (uint8_t)d->cls;
        break;
    case DIR_DEDICATE:
        put16(p + DIR_DD_RADDR, d->raddr);
        if (put_text(p + DIR_DD_VOLSER, 6, d->volser))
            return DIR_E_FIELD;
        break;
    case DIR_MDISK:
        put16(p + DIR_M_START, d->start);
        put16(p + DIR_M_CYLS, d->cyls);
        if (put_text(p + DIR_M_VOLSER, 6, d->volser))
            return DIR_E_FIELD;
        p[DIR_M_MODE] = (uint8_t)d->mode;
        p[DIR_M_FLAGS] = d->tdisk ? DIR_MF_TDISK : 0;
        for (int i = 0; i < 3; i++) {
            uint8_t *w = p + DIR_M_LPW + i * DIR_LPW_LEN;
            if (d->lpw[i] > DIR_LPW_HASH)
                return DIR_E_FIELD;
            w[0] = (uint8_t)d->lpw[i];
            if (d->lpw[i] == DIR_LPW_HASH) {
                memcpy(w + 4, d->lpw_salt[i], SHA256_SALT_LEN);
                memcpy(w + 4 + SHA256_SALT_LEN, d->lpw_hash[i], SHA256_LEN);
            }
        }
        break;
    case DIR_LINK:
        if (put_text(p + DIR_L_USERID, 8, d->userid))
            return DIR_E_FIELD;
        put16(p + DIR_L_THEIRS, d->link_vaddr);
        put16(p + DIR_L_OURS, d->vaddr);
        p[DIR_L_MODE] = (uint8_t)d->mode;
        break;
    default:
        break;
    }
    struct dir_dev check;
    if (decode_dev(p, d->kind, &check))
        return DIR_E_FIELD;
    b->len += kind_len[d->kind];
    return DIR_OK;
}

long dir_finish(struct dir_builder *b)
{
    if (b->cap < DIR_HDR_LEN || b->len > 0xFFFFFFFFu)
        return DIR_E_SPACE;
    uint8_t *h = b->buf;
    memset(h, 0, DIR_HDR_LEN);
    memcpy(h, DIR_MAGIC, 8);
    put16(h + 8, DIR_VERSION);
    put16(h + 10, SHA256_PW_FORMAT);
    put32(h + 12, (uint32_t)b->len);
    put32(h + 16, b->nusers);
    put32(h + 20, dir_crc32(0, h + DIR_HDR_LEN, b->len - DIR_HDR_LEN));
    int rc = dir_validate(h, b->len);
    return rc ? rc : (long)b->len;
}

int dir_set_password(uint8_t *blob, size_t len, const char *userid,
                     const uint8_t salt[SHA256_SALT_LEN], const uint8_t hash[SHA256_LEN])
{
    int rc = dir_validate(blob, len);
    if (rc)
        return rc;
    struct dir_user u;
    rc = dir_find_user(blob, len, userid, &u);
    if (rc)
        return rc;
    uint8_t *p = blob + u.off;
    p[DIR_U_FLAGS] &= (uint8_t)~DIR_UF_NOLOG;
    memcpy(p + DIR_U_SALT, salt, SHA256_SALT_LEN);
    memcpy(p + DIR_U_HASH, hash, SHA256_LEN);
    size_t total = get32(blob + 12);
    put32(blob + 20, dir_crc32(0, blob + DIR_HDR_LEN, total - DIR_HDR_LEN));
    return DIR_OK;
}
