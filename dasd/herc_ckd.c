/*
 * herc_ckd.c - reading and writing Hercules CKD and CCKD disk images
 * (herc_ckd.h).
 *
 * Sources of the facts below: Hercules' documentation (cckddasd.html,
 * the cckd(4) manual page of Hercules 3.13) and the structure layouts in
 * its cckd.h and hercules.h; the code here is our own.  Workload: an
 * import or export reads or writes every track once, in order.
 *
 * Device header (both formats), 512 bytes at offset 0:
 *     0  devid[8]    "CKD_P370" (CKD), "CKD_C370" (CCKD), "CKD_S370"
 *                    (a CCKD shadow file: only the tracks changed since
 *                    its base file; not read here); "FBA_C370" and
 *                    "FBA_S370" are compressed FBA images (not read)
 *     8  heads       u32 little-endian
 *    12  trksize     u32 little-endian: bytes per track slot (CKD) or the
 *                    largest track image (CCKD)
 *    16  devtype     low byte of the device type (0x50 for a 3350)
 *    17  fileseq     0: the whole volume in this file; 1, 2...: one of
 *                    several files (not read here)
 *    18  highcyl     u16 little-endian, highest cylinder of this file
 *    20  reserved    (newer Hercules keep a serial number here)
 *
 * CKD: the header, then every track in a slot of trksize bytes: the
 * track image (track.h: HA, R0, records, end marker) padded with zeros.
 * The number of cylinders is what the file size holds.
 *
 * CCKD: the device header; the compressed-device header, 512 bytes at
 * offset 512, in the byte order its options bit 0x02 says (set: big-
 * endian; Hercules writes little-endian on Intel hosts):
 *     0  vrm[3]      version, release, modification (0, 3, 1)
 *     3  options     0x02 big-endian, 0x20 space errors, 0x40 opened
 *                    read-write since the last check, 0x80 opened
 *     4  numl1       s32: entries in the level-1 table
 *     8  numl2       s32: entries in each level-2 table (256)
 *    12  size        u32: file size
 *    16  used        u32: bytes in use
 *    20  free        u32: offset of the first free space (0: none)
 *    24  free_total, 28 free_largest, 32 free_number, 36 free_imbed
 *    40  cyls        u32: cylinders of the volume
 *    44  nullfmt     null track format of tracks without a level-2 table
 *    45  compress    0 none, 1 zlib, 2 bzip2 (for tracks written next)
 *    46  parm        s16: compression parameter (-1: default)
 * then the level-1 table at 1024: numl1 u32 offsets of level-2 tables
 * (0: the 256 tracks are null tracks of format nullfmt; 0xFFFFFFFF, in
 * a shadow file, "look in the file below", read here as 0).  A level-2
 * table is 256 entries of 8 bytes: offset u32, length u16, size u16
 * (the space taken, >= length).  Offset 0 is a null track whose format
 * is the length (0, 1; 2 is Linux's 3390 format).  Otherwise the track's
 * bytes are a 5-byte header - compression byte (low two bits: 0 none,
 * 1 zlib, 2 bzip2), CC, HH - and the image after its home address,
 * compressed as the byte says.  Zeroing the byte gives the home address.
 * Free space (not read: nothing reaches it through the tables) is a
 * chain of blocks: offset of the next u32, length u32.
 *
 * Null tracks: format 0 is HA, R0 (8 bytes of zeros), an end-of-file R1
 * (no key, no data) and the end marker (37 bytes); format 1 is HA, R0 and
 * the end marker (29 bytes, track.h's empty track).
 *
 * Writing a CCKD file: the headers and level-1 table come first, then the
 * track images in order, then the level-2 tables; no free space.  Null
 * tracks of either format get level-2 entries of offset 0, and a group
 * of 256 tracks that are all null tracks of the header's format gets no
 * level-2 table.
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "herc_ckd.h"
#include "track.h"

#define DEVHDR_LEN 512
#define CDEVHDR_LEN 512
#define L1_POS (DEVHDR_LEN + CDEVHDR_LEN)
#define L2_ENTRIES 256
#define L2_LEN (L2_ENTRIES * 8)
#define TRKHDR_LEN 5
#define OPT_BIGEND 0x02
#define COMPRESS_MIN 512    /* like Hercules, smaller images are stored as they are */
#define NULL_FMT0_LEN (TRK_EMPTY_LEN + TRK_COUNT_LEN)

static const char ID_CKD[8] = "CKD_P370", ID_CCKD[8] = "CKD_C370", ID_SHADOW[8] = "CKD_S370";

struct herc_reader {
    char *path;
    FILE *f;
    unsigned long long size;
    struct herc_geom g;
    bool big;               /* CCKD tables big-endian */
    uint32_t *l1;
    unsigned numl1;
    long l2_group;          /* the group whose table is in l2, -1: none */
    uint8_t l2[L2_LEN];
    uint8_t *raw;           /* a track's bytes as stored */
};

static void fail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(err, errlen, "%s: ", path);
    if (n > 0 && (size_t)n < errlen)
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static unsigned le16(const uint8_t *p) { return p[0] | p[1] << 8; }
static void put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16), p[3] = (uint8_t)(v >> 24);
}
static void put_le16(uint8_t *p, unsigned v) { p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8); }

/* A CCKD table field in the file's byte order. */
static uint32_t c32(const struct herc_reader *r, const uint8_t *p) { return r->big ? be32(p) : le32(p); }
static unsigned c16(const struct herc_reader *r, const uint8_t *p)
{
    return r->big ? (unsigned)(p[0] << 8 | p[1]) : le16(p);
}

unsigned herc_trksize(const struct dasd_type *t)
{
    unsigned n = TRK_HA_LEN + TRK_COUNT_LEN + 8 + TRK_COUNT_LEN + t->r1max + TRK_COUNT_LEN;
    return (n + 511) / 512 * 512;
}

size_t herc_null_track(uint8_t *buf, unsigned fmt, unsigned cyl, unsigned head)
{
    size_t n = trk_format_empty(buf, cyl, head);
    if (fmt != 0)
        return n;
    /* Format 0: an end-of-file R1 before the end marker. */
    uint8_t *c = buf + n - TRK_COUNT_LEN;
    trk_put16(c, cyl);
    trk_put16(c + 2, head);
    c[4] = 1;
    c[5] = 0;
    trk_put16(c + 6, 0);
    return trk_put_end(buf, n);
}

/* Read n bytes at off; -1 (with a message) if they are not all in the
   file. */
static int rd(struct herc_reader *r, unsigned long long off, void *buf, size_t n, const char *what,
              char *err, size_t errlen)
{
    if (off > r->size || n > r->size - off) {
        fail(err, errlen, r->path, "%s at offset %llu (%zu bytes) is past the end of the file "
             "(%llu bytes): truncated?", what, off, n, r->size);
        return -1;
    }
    if (fseeko(r->f, (off_t)off, SEEK_SET) || fread(buf, 1, n, r->f) != n) {
        fail(err, errlen, r->path, "reading %s at offset %llu: %s", what, off,
             ferror(r->f) ? strerror(errno) : "short read");
        return -1;
    }
    return 0;
}

/* The cpcms type for Hercules' device type byte, heads and cylinders. */
static const struct dasd_type *find_type(unsigned devbyte, unsigned heads, unsigned cyls)
{
    const struct dasd_type *any = NULL;
    for (unsigned i = 0; dasd_type_at(i); i++) {
        const struct dasd_type *t = dasd_type_at(i);
        if (t->fba || (t->devtype & 0xFF) != devbyte || t->heads != heads)
            continue;
        if (cyls <= t->cyls + t->altcyls)
            return t;   /* the table lists the smaller model first */
        any = t;
    }
    return any;
}

/* Check and set the type from the device header; 0 or -1. */
static int set_type(struct herc_reader *r, unsigned devbyte, char *err, size_t errlen)
{
    struct herc_geom *g = &r->g;
    g->type = find_type(devbyte, g->heads, g->cyls);
    if (!g->type) {
        fail(err, errlen, r->path, "device type byte %02X with %u heads: not a CKD device "
             "cpcms has (2314, 3330, 3340, 3350, 3380)", devbyte, g->heads);
        return -1;
    }
    unsigned max = g->type->cyls + g->type->altcyls;
    if (g->cyls < 1 || g->cyls > max) {
        fail(err, errlen, r->path, "%u cylinders: a %s has 1 to %u", g->cyls, g->type->name, max);
        return -1;
    }
    return 0;
}

static int open_ckd(struct herc_reader *r, const uint8_t *hdr, char *err, size_t errlen)
{
    struct herc_geom *g = &r->g;
    unsigned long long body = r->size - DEVHDR_LEN;
    unsigned long long cyl = (unsigned long long)g->heads * g->trksize;
    if (body % cyl) {
        fail(err, errlen, r->path, "%llu bytes after the header are not whole cylinders of %u "
             "tracks of %u bytes: truncated?", body, g->heads, g->trksize);
        return -1;
    }
    if (body / cyl > 65535) {
        fail(err, errlen, r->path, "%llu cylinders: too many", body / cyl);
        return -1;
    }
    g->cyls = (unsigned)(body / cyl);
    return set_type(r, hdr[16], err, errlen);
}

static int open_cckd(struct herc_reader *r, const uint8_t *hdr, char *err, size_t errlen)
{
    struct herc_geom *g = &r->g;
    uint8_t c[CDEVHDR_LEN];
    if (rd(r, DEVHDR_LEN, c, sizeof c, "the compressed device header", err, errlen))
        return -1;
    r->big = (c[3] & OPT_BIGEND) != 0;
    if (c[0] != 0) {
        fail(err, errlen, r->path, "CCKD version %u.%u.%u: this program reads version 0",
             c[0], c[1], c[2]);
        return -1;
    }
    int32_t numl1 = (int32_t)c32(r, c + 4), numl2 = (int32_t)c32(r, c + 8);
    uint32_t size = c32(r, c + 12);
    g->cyls = c32(r, c + 40);
    g->nullfmt = c[44];
    g->comp = (enum herc_comp)(c[45] & 3);
    if (numl2 != L2_ENTRIES) {
        fail(err, errlen, r->path, "%d entries in each level-2 table, not %d", numl2, L2_ENTRIES);
        return -1;
    }
    if (numl1 < 1 || numl1 > 65536) {
        fail(err, errlen, r->path, "%d level-1 table entries", numl1);
        return -1;
    }
    if (size > r->size) {
        fail(err, errlen, r->path, "the header says %u bytes, the file has %llu: truncated",
             size, r->size);
        return -1;
    }
    if (g->nullfmt > 1) {
        fail(err, errlen, r->path, "null track format %u (2 is Linux's, for 3390s only)",
             g->nullfmt);
        return -1;
    }
    if (g->cyls == 0)   /* an old file without the field: what the table covers */
        g->cyls = (unsigned)numl1 * L2_ENTRIES / g->heads;
    if (g->cyls > 65535) {
        fail(err, errlen, r->path, "%u cylinders: too many", g->cyls);
        return -1;
    }
    if (set_type(r, hdr[16], err, errlen))
        return -1;
    unsigned long long need = ((unsigned long long)g->cyls * g->heads + L2_ENTRIES - 1) / L2_ENTRIES;
    if ((unsigned long long)numl1 < need) {
        fail(err, errlen, r->path, "%d level-1 entries cannot hold %u cylinders of %u tracks",
             numl1, g->cyls, g->heads);
        return -1;
    }
    r->numl1 = (unsigned)numl1;
    uint8_t *raw = malloc((size_t)numl1 * 4);
    r->l1 = malloc((size_t)numl1 * sizeof *r->l1);
    if (!raw || !r->l1) {
        free(raw);
        fail(err, errlen, r->path, "out of memory");
        return -1;
    }
    if (rd(r, L1_POS, raw, (size_t)numl1 * 4, "the level-1 table", err, errlen)) {
        free(raw);
        return -1;
    }
    unsigned long long first = L1_POS + (unsigned long long)numl1 * 4;
    for (unsigned i = 0; i < r->numl1; i++) {
        uint32_t o = c32(r, raw + 4 * i);
        if (o == 0xFFFFFFFF)
            o = 0;
        if (o && (o < first || o > r->size || r->size - o < L2_LEN)) {
            fail(err, errlen, r->path, "level-1 entry %u: level-2 table at offset %u is outside "
                 "the file's %llu bytes", i, o, r->size);
            free(raw);
            return -1;
        }
        r->l1[i] = o;
    }
    free(raw);
    return 0;
}

struct herc_reader *herc_open(const char *path, char *err, size_t errlen)
{
    struct herc_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->path = strdup(path)) || !(r->raw = malloc(DASD_MAX_TRACK))) {
        fail(err, errlen, path, "out of memory");
        if (r)
            free(r->path);
        free(r);
        return NULL;
    }
    r->l2_group = -1;
    struct stat sb;
    r->f = fopen(path, "rb");
    if (!r->f || fstat(fileno(r->f), &sb)) {
        fail(err, errlen, path, "%s", strerror(errno));
        goto bad;
    }
    if (!S_ISREG(sb.st_mode)) {
        fail(err, errlen, path, "not a regular file");
        goto bad;
    }
    r->size = (unsigned long long)sb.st_size;
    uint8_t hdr[DEVHDR_LEN];
    if (r->size < DEVHDR_LEN) {
        fail(err, errlen, path, "%llu bytes: too short for a Hercules disk image", r->size);
        goto bad;
    }
    if (rd(r, 0, hdr, sizeof hdr, "the device header", err, errlen))
        goto bad;
    struct herc_geom *g = &r->g;
    g->heads = le32(hdr + 8);
    g->trksize = le32(hdr + 12);
    if (!memcmp(hdr, ID_CKD, 8))
        g->kind = HERC_CKD;
    else if (!memcmp(hdr, ID_CCKD, 8))
        g->kind = HERC_CCKD;
    else if (!memcmp(hdr, ID_SHADOW, 8)) {
        fail(err, errlen, path, "a CCKD shadow file (CKD_S370) holds only the tracks changed "
             "since its base file: import the base file, or merge the shadow into it first");
        goto bad;
    } else if (!memcmp(hdr, "FBA_C370", 8) || !memcmp(hdr, "FBA_S370", 8)) {
        fail(err, errlen, path, "a Hercules compressed FBA image (%.8s): import reads CKD "
             "volumes; FBA images are not read yet", (const char *)hdr);
        goto bad;
    } else {
        fail(err, errlen, path, "not a Hercules CKD or CCKD image (no CKD_P370 or CKD_C370 "
             "at the start)");
        goto bad;
    }
    if (hdr[17] != 0) {
        fail(err, errlen, path, "file %u of a volume in several files: join them into one "
             "(for example with Hercules' dasdcopy) and import that", hdr[17]);
        goto bad;
    }
    if (g->heads < 1 || g->heads > 255) {
        fail(err, errlen, path, "%u heads per cylinder", g->heads);
        goto bad;
    }
    if (g->trksize < TRK_EMPTY_LEN || g->trksize > DASD_MAX_TRACK) {
        fail(err, errlen, path, "track size %u", g->trksize);
        goto bad;
    }
    if (g->kind == HERC_CKD ? open_ckd(r, hdr, err, errlen) : open_cckd(r, hdr, err, errlen))
        goto bad;
    return r;
bad:
    herc_close(r);
    return NULL;
}

const struct herc_geom *herc_geom(const struct herc_reader *r) { return &r->g; }

void herc_close(struct herc_reader *r)
{
    if (!r)
        return;
    if (r->f)
        fclose(r->f);
    free(r->l1);
    free(r->raw);
    free(r->path);
    free(r);
}

/* Length of the image in buf (up to the end marker) if it is one within
   max bytes; 0 if not. */
static size_t image_len(const uint8_t *buf, size_t max)
{
    size_t off = TRK_HA_LEN;
    for (;;) {
        struct trk_rec rec;
        int k = trk_record_at(buf, max, off, &rec);
        if (k < 0)
            return 0;
        if (k == 0)
            return off + TRK_COUNT_LEN;
        off += trk_rec_size(&rec);
    }
}

/* Uncompress a CCKD track (r->raw, n bytes, comp) into buf after its HA. */
static int expand(struct herc_reader *r, unsigned trk, unsigned comp, size_t n, uint8_t *buf,
                  size_t *len, char *err, size_t errlen)
{
    const uint8_t *src = r->raw + TRKHDR_LEN;
    size_t srclen = n - TRKHDR_LEN, cap = DASD_MAX_TRACK - TRKHDR_LEN;
    if (comp == HERC_COMP_NONE) {
        memcpy(buf + TRKHDR_LEN, src, srclen);
        *len = n;
        return 0;
    }
    if (comp == HERC_COMP_ZLIB) {
        uLongf out = cap;
        int rc = uncompress(buf + TRKHDR_LEN, &out, src, srclen);
        if (rc != Z_OK) {
            fail(err, errlen, r->path, "track %u: zlib data %s", trk,
                 rc == Z_BUF_ERROR ? "truncated or expanding past 64K bytes" : "corrupt");
            return -1;
        }
        *len = TRKHDR_LEN + out;
        return 0;
    }
    if (comp == HERC_COMP_BZIP2) {
        unsigned out = (unsigned)cap;
        int rc = BZ2_bzBuffToBuffDecompress((char *)buf + TRKHDR_LEN, &out, (char *)src,
                                            (unsigned)srclen, 0, 0);
        if (rc != BZ_OK) {
            fail(err, errlen, r->path, "track %u: bzip2 data %s", trk,
                 rc == BZ_OUTBUFF_FULL ? "expanding past 64K bytes"
                 : rc == BZ_UNEXPECTED_EOF ? "truncated" : "corrupt");
            return -1;
        }
        *len = TRKHDR_LEN + out;
        return 0;
    }
    fail(err, errlen, r->path, "track %u: compression code %u", trk, comp);
    return -1;
}

/* Read a CCKD track into buf; 0 or -1. */
static int read_cckd(struct herc_reader *r, unsigned trk, uint8_t *buf, size_t *len, char *err,
                     size_t errlen)
{
    unsigned cyl = trk / r->g.heads, head = trk % r->g.heads;
    unsigned group = trk / L2_ENTRIES;
    uint32_t l1 = r->l1[group];
    if (!l1) {
        *len = herc_null_track(buf, r->g.nullfmt, cyl, head);
        return 0;
    }
    if (r->l2_group != (long)group) {
        r->l2_group = -1;
        if (rd(r, l1, r->l2, L2_LEN, "a level-2 table", err, errlen))
            return -1;
        r->l2_group = group;
    }
    const uint8_t *e = r->l2 + 8 * (trk % L2_ENTRIES);
    uint32_t pos = c32(r, e);
    unsigned n = c16(r, e + 4), size = c16(r, e + 6);
    if (pos == 0 || pos == 0xFFFFFFFF) {
        if (n > 1) {
            fail(err, errlen, r->path, "track %u (cylinder %u head %u): null track format %u%s",
                 trk, cyl, head, n, n == 2 ? " (Linux's, for 3390s only)" : "");
            return -1;
        }
        *len = herc_null_track(buf, n, cyl, head);
        return 0;
    }
    unsigned long long first = L1_POS + (unsigned long long)r->numl1 * 4;
    if (pos < first || n < TRKHDR_LEN + TRK_COUNT_LEN || size < n) {
        fail(err, errlen, r->path, "track %u (cylinder %u head %u): level-2 entry offset %u "
             "length %u size %u is not a track's", trk, cyl, head, pos, n, size);
        return -1;
    }
    if (rd(r, pos, r->raw, n, "a track image", err, errlen))
        return -1;
    const uint8_t *h = r->raw;
    if (h[0] & ~3u) {
        fail(err, errlen, r->path, "track %u: header byte %02X is no compression code", trk, h[0]);
        return -1;
    }
    if (trk_get16(h + 1) != cyl || trk_get16(h + 3) != head) {
        fail(err, errlen, r->path, "track %u (cylinder %u head %u): its header says cylinder %u "
             "head %u", trk, cyl, head, trk_get16(h + 1), trk_get16(h + 3));
        return -1;
    }
    size_t got;
    if (expand(r, trk, h[0], n, buf, &got, err, errlen))
        return -1;
    buf[0] = 0;
    memcpy(buf + 1, h + 1, 4);
    size_t il = image_len(buf, got);
    /* A stored image may carry bytes after its end; an expanded one not. */
    if (!il || (h[0] != HERC_COMP_NONE && il != got)) {
        fail(err, errlen, r->path, "track %u (cylinder %u head %u): %s", trk, cyl, head,
             il ? "bytes after the end-of-track marker" : "no end-of-track marker "
             "where the records lead");
        return -1;
    }
    *len = il;
    return 0;
}

int herc_read_track(struct herc_reader *r, unsigned trk, uint8_t *buf, size_t *len, char *err,
                    size_t errlen)
{
    const struct herc_geom *g = &r->g;
    unsigned cyl = trk / g->heads, head = trk % g->heads;
    if (trk >= g->cyls * g->heads) {
        fail(err, errlen, r->path, "track %u is outside the volume", trk);
        return -1;
    }
    if (g->kind == HERC_CKD) {
        unsigned long long off = DEVHDR_LEN + (unsigned long long)trk * g->trksize;
        if (rd(r, off, buf, g->trksize, "a track", err, errlen))
            return -1;
        *len = image_len(buf, g->trksize);
        if (!*len) {
            fail(err, errlen, r->path, "cylinder %u head %u: no end-of-track marker within the "
                 "%u-byte track", cyl, head, g->trksize);
            return -1;
        }
    } else if (read_cckd(r, trk, buf, len, err, errlen)) {
        return -1;
    }
    char why[200];
    if (trk_check(g->type, buf, *len, cyl, head, why, sizeof why)) {
        fail(err, errlen, r->path, "cylinder %u head %u: %s", cyl, head, why);
        return -1;
    }
    return 0;
}

/* ---- writing ------------------------------------------------------- */

struct herc_writer {
    char *path;
    FILE *f;
    enum herc_kind kind;
    enum herc_comp comp;
    const struct dasd_type *type;
    unsigned cyls, heads, trksize, ntrk, next, numl1;
    unsigned long long off;     /* CCKD: where the next track goes */
    uint8_t *l2;                /* CCKD: every track's level-2 entry */
    unsigned nulls[2];          /* CCKD: null tracks of each format */
    uint8_t *buf;               /* a track slot (CKD) or compressed image (CCKD) */
};

static void remove_file(struct herc_writer *w)
{
    if (w->f)
        fclose(w->f);
    unlink(w->path);
    free(w->l2);
    free(w->buf);
    free(w->path);
    free(w);
}

void herc_abort(struct herc_writer *w)
{
    if (w)
        remove_file(w);
}

static void dev_header(uint8_t *h, const char *id, const struct herc_writer *w)
{
    memset(h, 0, DEVHDR_LEN);
    memcpy(h, id, 8);
    put_le32(h + 8, w->heads);
    put_le32(h + 12, w->trksize);
    h[16] = (uint8_t)w->type->devtype;
}

static int wr(struct herc_writer *w, const void *buf, size_t n, char *err, size_t errlen)
{
    if (fwrite(buf, 1, n, w->f) != n) {
        fail(err, errlen, w->path, "writing: %s", strerror(errno));
        return -1;
    }
    return 0;
}

struct herc_writer *herc_create(const char *path, enum herc_kind kind, enum herc_comp comp,
                                const struct dasd_type *t, unsigned cyls, char *err, size_t errlen)
{
    if (t->fba) {
        fail(err, errlen, path, "a %s is an FBA device: Hercules CKD images hold CKD volumes "
             "(raw FBA images are not written yet)", t->name);
        return NULL;
    }
    struct herc_writer *w = calloc(1, sizeof *w);
    if (!w || !(w->path = strdup(path))) {
        free(w);
        fail(err, errlen, path, "out of memory");
        return NULL;
    }
    w->kind = kind;
    w->comp = comp;
    w->type = t;
    w->cyls = cyls;
    w->heads = t->heads;
    w->trksize = herc_trksize(t);
    w->ntrk = cyls * t->heads;
    w->numl1 = (w->ntrk + L2_ENTRIES - 1) / L2_ENTRIES;
    w->buf = malloc(DASD_MAX_TRACK + 1024);
    if (kind == HERC_CCKD)
        w->l2 = calloc(w->numl1, L2_LEN);
    if (!w->buf || (kind == HERC_CCKD && !w->l2)) {
        fail(err, errlen, path, "out of memory");
        free(w->buf);
        free(w->l2);
        free(w->path);
        free(w);
        return NULL;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0 || !(w->f = fdopen(fd, "wb"))) {
        fail(err, errlen, path, "%s", errno == EEXIST ? "the file exists" : strerror(errno));
        if (fd >= 0)
            close(fd);
        free(w->buf);
        free(w->l2);
        free(w->path);
        free(w);
        return NULL;
    }
    /* The headers (and CCKD's level-1 table) are written at the end. */
    unsigned long long start = kind == HERC_CKD ? DEVHDR_LEN : L1_POS + 4ull * w->numl1;
    if (fseeko(w->f, (off_t)start, SEEK_SET)) {
        fail(err, errlen, path, "seek: %s", strerror(errno));
        remove_file(w);
        return NULL;
    }
    w->off = start;
    return w;
}

/* Store a CCKD track: null, stored or compressed. */
static int put_cckd(struct herc_writer *w, unsigned trk, const uint8_t *buf, size_t len,
                    char *err, size_t errlen)
{
    uint8_t *e = w->l2 + 8 * trk;
    uint8_t nb[NULL_FMT0_LEN];
    for (unsigned fmt = 0; fmt < 2; fmt++) {
        size_t nl = herc_null_track(nb, fmt, trk / w->heads, trk % w->heads);
        if (nl == len && !memcmp(nb, buf, len)) {
            put_le16(e + 4, fmt);
            put_le16(e + 6, fmt);
            w->nulls[fmt]++;
            return 0;
        }
    }
    const uint8_t *body = buf + TRKHDR_LEN;
    size_t blen = len - TRKHDR_LEN, cap = DASD_MAX_TRACK + 1024 - TRKHDR_LEN, clen = 0;
    unsigned code = HERC_COMP_NONE;
    if (w->comp == HERC_COMP_ZLIB && len >= COMPRESS_MIN) {
        uLongf out = cap;
        if (compress2(w->buf + TRKHDR_LEN, &out, body, blen, Z_DEFAULT_COMPRESSION) == Z_OK)
            code = HERC_COMP_ZLIB, clen = out;
    } else if (w->comp == HERC_COMP_BZIP2 && len >= COMPRESS_MIN) {
        unsigned out = (unsigned)cap;
        if (BZ2_bzBuffToBuffCompress((char *)w->buf + TRKHDR_LEN, &out, (char *)body,
                                     (unsigned)blen, 9, 0, 0) == BZ_OK)
            code = HERC_COMP_BZIP2, clen = out;
    }
    if (code == HERC_COMP_NONE || clen >= blen) {
        code = HERC_COMP_NONE;
        memcpy(w->buf + TRKHDR_LEN, body, blen);
        clen = blen;
    }
    w->buf[0] = (uint8_t)code;
    memcpy(w->buf + 1, buf + 1, 4);
    size_t n = TRKHDR_LEN + clen;
    if (w->off + n > 0xFFFFFFFFull) {
        fail(err, errlen, w->path, "a CCKD file cannot grow past 4G bytes");
        return -1;
    }
    put_le32(e, (uint32_t)w->off);
    put_le16(e + 4, (unsigned)n);
    put_le16(e + 6, (unsigned)n);
    if (wr(w, w->buf, n, err, errlen))
        return -1;
    w->off += n;
    return 0;
}

int herc_write_track(struct herc_writer *w, const uint8_t *buf, size_t len, char *err,
                     size_t errlen)
{
    unsigned trk = w->next, cyl = trk / w->heads, head = trk % w->heads;
    char why[200];
    if (trk >= w->ntrk) {
        fail(err, errlen, w->path, "more tracks than the volume's %u", w->ntrk);
        return -1;
    }
    if (trk_check(w->type, buf, len, cyl, head, why, sizeof why)) {
        fail(err, errlen, w->path, "cylinder %u head %u: %s", cyl, head, why);
        return -1;
    }
    if (len > w->trksize) {
        fail(err, errlen, w->path, "cylinder %u head %u: a %zu-byte image exceeds the %u-byte "
             "track", cyl, head, len, w->trksize);
        return -1;
    }
    if (w->kind == HERC_CCKD) {
        if (put_cckd(w, trk, buf, len, err, errlen))
            return -1;
    } else {
        memcpy(w->buf, buf, len);
        memset(w->buf + len, 0, w->trksize - len);
        if (wr(w, w->buf, w->trksize, err, errlen))
            return -1;
    }
    w->next++;
    return 0;
}

/* The level-2 tables, level-1 table and both headers of a CCKD file. */
static int finish_cckd(struct herc_writer *w, char *err, size_t errlen)
{
    unsigned nullfmt = w->nulls[1] > w->nulls[0] ? 1 : 0;
    uint8_t *l1 = calloc(w->numl1, 4);
    if (!l1) {
        fail(err, errlen, w->path, "out of memory");
        return -1;
    }
    /* Entries past the last track are null tracks of the header's format. */
    for (unsigned t = w->ntrk; t < w->numl1 * L2_ENTRIES; t++) {
        put_le16(w->l2 + 8 * t + 4, nullfmt);
        put_le16(w->l2 + 8 * t + 6, nullfmt);
    }
    for (unsigned g = 0; g < w->numl1; g++) {
        const uint8_t *tab = w->l2 + (size_t)g * L2_LEN;
        bool empty = true;
        for (unsigned i = 0; i < L2_ENTRIES && empty; i++)
            empty = le32(tab + 8 * i) == 0 && le16(tab + 8 * i + 4) == nullfmt;
        if (empty)
            continue;
        if (w->off + L2_LEN > 0xFFFFFFFFull) {
            fail(err, errlen, w->path, "a CCKD file cannot grow past 4G bytes");
            free(l1);
            return -1;
        }
        put_le32(l1 + 4 * g, (uint32_t)w->off);
        if (wr(w, tab, L2_LEN, err, errlen)) {
            free(l1);
            return -1;
        }
        w->off += L2_LEN;
    }
    uint8_t h[DEVHDR_LEN + CDEVHDR_LEN];
    dev_header(h, ID_CCKD, w);
    uint8_t *c = h + DEVHDR_LEN;
    memset(c, 0, CDEVHDR_LEN);
    c[0] = 0, c[1] = 3, c[2] = 1;           /* version 0.3.1 */
    c[3] = 0;                               /* little-endian, closed */
    put_le32(c + 4, w->numl1);
    put_le32(c + 8, L2_ENTRIES);
    put_le32(c + 12, (uint32_t)w->off);     /* size */
    put_le32(c + 16, (uint32_t)w->off);     /* used: no free space */
    put_le32(c + 40, w->cyls);
    c[44] = (uint8_t)nullfmt;
    c[45] = (uint8_t)w->comp;
    put_le16(c + 46, 0xFFFF);               /* compression parameter: default */
    int rc = fseeko(w->f, 0, SEEK_SET) ? -1 : 0;
    if (rc)
        fail(err, errlen, w->path, "seek: %s", strerror(errno));
    else
        rc = wr(w, h, sizeof h, err, errlen) || wr(w, l1, 4ull * w->numl1, err, errlen) ? -1 : 0;
    free(l1);
    return rc;
}

int herc_finish(struct herc_writer *w, char *err, size_t errlen)
{
    if (w->next != w->ntrk) {
        fail(err, errlen, w->path, "%u of %u tracks written", w->next, w->ntrk);
        remove_file(w);
        return -1;
    }
    int rc;
    if (w->kind == HERC_CCKD) {
        rc = finish_cckd(w, err, errlen);
    } else {
        uint8_t h[DEVHDR_LEN];
        dev_header(h, ID_CKD, w);
        rc = fseeko(w->f, 0, SEEK_SET);
        if (rc)
            fail(err, errlen, w->path, "seek: %s", strerror(errno));
        else
            rc = wr(w, h, sizeof h, err, errlen);
    }
    if (!rc && (fflush(w->f) || fsync(fileno(w->f)))) {
        fail(err, errlen, w->path, "writing: %s", strerror(errno));
        rc = -1;
    }
    if (rc) {
        remove_file(w);
        return -1;
    }
    int c = fclose(w->f);
    w->f = NULL;
    if (c) {
        fail(err, errlen, w->path, "closing: %s", strerror(errno));
        remove_file(w);
        return -1;
    }
    free(w->l2);
    free(w->buf);
    free(w->path);
    free(w);
    return 0;
}
