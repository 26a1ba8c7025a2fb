/*
 * awstape.c - AWS tape images: reading, writing and positioning (the format
 * is described in awstape.h).  Each operation reads the headers it meets
 * with pread() and checks them, so a damaged image is found where a drive
 * would find it: the operation returns AWS_BAD with a message naming the
 * file offset, and the position does not move.
 *
 * Invariants of struct aws (checked by aws_assert_state() in debug builds):
 *   (1) pos <= size;  (2) pos == 0 implies prev == 0 and blockno == 0;
 *   (3) seg_max is 1..AWS_SEG_MAX.
 * `prev` is the length of the segment that ends at pos, learnt from the
 * headers passed on the way there; it is what the next header written at
 * pos records as the previous length, and what reading backward needs to
 * find the header before pos.  `blockno` is exact on a well-formed image;
 * on a damaged one it is only kept from going below 0.  No invariant
 * depends on the file's contents, so no image can trip an assertion.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "awstape.h"

struct aws_hdr {
    uint32_t cur, prv;
    uint8_t f1, f2;
};

static void aws_assert_state(const struct aws *t)
{
    (void)t;
    assert(t->pos <= t->size);
    assert(t->pos || (!t->prev && !t->blockno));
    assert(t->seg_max >= 1 && t->seg_max <= AWS_SEG_MAX);
}

static enum aws_rc bad(struct aws *t, enum aws_rc rc, const char *fmt, unsigned long long off,
                       const char *what)
{
    snprintf(t->msg, sizeof t->msg, fmt, off, what);
    return rc;
}

static bool pread_all(int fd, void *buf, size_t n, uint64_t off)
{
    uint8_t *p = buf;
    while (n) {
        ssize_t got = pread(fd, p, n, (off_t)off);
        if (got < 0 && errno == EINTR)
            continue;
        if (got == 0)
            errno = EIO; /* the file is shorter than when it was opened */
        if (got <= 0)
            return false;
        p += got;
        n -= (size_t)got;
        off += (uint64_t)got;
    }
    return true;
}

static bool pwrite_all(int fd, const void *buf, size_t n, uint64_t off)
{
    const uint8_t *p = buf;
    while (n) {
        ssize_t put = pwrite(fd, p, n, (off_t)off);
        if (put < 0 && errno == EINTR)
            continue;
        if (put <= 0)
            return false;
        p += put;
        n -= (size_t)put;
        off += (uint64_t)put;
    }
    return true;
}

/*
 * The header at `off`, checked on its own: it lies inside the file, its
 * flags are known, a tape mark has length 0 and a data segment does not,
 * and its data lies inside the file.  AWS_OK or AWS_BAD/AWS_IOERR.
 */
static enum aws_rc get_hdr(struct aws *t, uint64_t off, struct aws_hdr *h)
{
    uint8_t b[AWS_HDR];
    if (t->size - off < AWS_HDR)
        return bad(t, AWS_BAD, "truncated block header at offset %llu%s", off, "");
    if (!pread_all(t->fd, b, AWS_HDR, off))
        return bad(t, AWS_IOERR, "read error at offset %llu: %s", off, strerror(errno));
    h->cur = (uint32_t)b[0] | (uint32_t)b[1] << 8;
    h->prv = (uint32_t)b[2] | (uint32_t)b[3] << 8;
    h->f1 = b[4];
    h->f2 = b[5];
    if (h->f2)
        return bad(t, AWS_BAD, "block header at offset %llu: %s", off,
                   "compressed or unknown second flag byte (not an AWS image?)");
    if (h->f1 & ~(AWS_F1_NEWREC | AWS_F1_TAPEMARK | AWS_F1_ENDREC))
        return bad(t, AWS_BAD, "block header at offset %llu: %s", off, "unknown flags");
    if (h->f1 & AWS_F1_TAPEMARK) {
        if (h->cur || (h->f1 & (AWS_F1_NEWREC | AWS_F1_ENDREC)))
            return bad(t, AWS_BAD, "block header at offset %llu: %s", off, "malformed tape mark");
        return AWS_OK;
    }
    if (!h->cur)
        return bad(t, AWS_BAD, "block header at offset %llu: %s", off, "empty segment");
    if (t->size - off - AWS_HDR < h->cur)
        return bad(t, AWS_BAD, "block at offset %llu: %s", off, "data truncated by the end of the file");
    return AWS_OK;
}

int aws_open(struct aws *t, const char *path, bool ro, bool create, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->fd = open(path, ro ? O_RDONLY : O_RDWR | (create ? O_CREAT : 0), 0666);
    if (t->fd < 0) {
        int e = errno;
        if (!ro && (e == EACCES || e == EROFS || e == EPERM) && !access(path, R_OK))
            snprintf(err, errlen, "cannot open for writing: %s (attach it read-only: FILE,ro)",
                     strerror(e));
        else
            snprintf(err, errlen, "cannot open: %s", strerror(e));
        return -1;
    }
    struct stat st;
    if (fstat(t->fd, &st) || !S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file");
        close(t->fd);
        t->fd = -1;
        return -1;
    }
    t->ro = ro;
    t->size = (uint64_t)st.st_size;
    t->seg_max = AWS_SEG_MAX;
    return 0;
}

void aws_close(struct aws *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
}

void aws_rewind(struct aws *t)
{
    t->pos = 0;
    t->prev = 0;
    t->blockno = 0;
}

enum aws_rc aws_read(struct aws *t, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    uint64_t p = t->pos;
    uint32_t prev = t->prev, total = 0;
    *len = 0;
    if (p == t->size)
        return AWS_END;
    for (bool first = true;; first = false) {
        struct aws_hdr h;
        if (!first && p == t->size)
            return bad(t, AWS_BAD, "block at offset %llu%s: its last segment is missing", t->pos, "");
        enum aws_rc rc = get_hdr(t, p, &h);
        if (rc)
            return rc;
        /* The previous-length field is not needed to go forward and is not
           checked (nor does Hercules check it): reading backward does. */
        if (h.f1 & AWS_F1_TAPEMARK) {
            if (!first)
                return bad(t, AWS_BAD, "block header at offset %llu: %s", p, "tape mark inside a block");
            t->pos = p + AWS_HDR;
            t->prev = 0;
            t->blockno++;
            aws_assert_state(t);
            return AWS_TAPEMARK;
        }
        if (first != !!(h.f1 & AWS_F1_NEWREC))
            return bad(t, AWS_BAD, "block header at offset %llu: %s", p,
                       first ? "a block does not start here" : "a block starts inside another one");
        if (total + h.cur > AWS_BLOCK_MAX)
            return bad(t, AWS_BAD, "block at offset %llu: %s", t->pos, "longer than 16 MB");
        if (buf && total < cap) {
            uint32_t n = cap - total < h.cur ? cap - total : h.cur;
            if (!pread_all(t->fd, buf + total, n, p + AWS_HDR))
                return bad(t, AWS_IOERR, "read error at offset %llu: %s", p, strerror(errno));
        }
        total += h.cur;
        prev = h.cur;
        p += AWS_HDR + h.cur;
        if (h.f1 & AWS_F1_ENDREC)
            break;
    }
    t->pos = p;
    t->prev = prev;
    t->blockno++;
    *len = total;
    aws_assert_state(t);
    return AWS_OK;
}

/* The block number after moving back over one block or tape mark.  Load
   point is block 0 whatever the count said: a damaged previous-length field
   can lead back over more than one block at once, and the count must not
   go below 0. */
static void back_one(struct aws *t)
{
    if (t->pos == 0 || t->blockno == 0)
        t->blockno = 0;
    else
        t->blockno--;
    aws_assert_state(t);
}

enum aws_rc aws_read_back(struct aws *t, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    uint64_t p = t->pos;
    uint32_t prev = t->prev, total = 0;
    *len = 0;
    if (p == 0)
        return AWS_LOADPOINT;
    for (bool last = true;; last = false) {
        struct aws_hdr h;
        if (p == 0)
            return bad(t, AWS_BAD, "block ending at offset %llu%s: its first segment is missing", t->pos, "");
        if (p < (uint64_t)AWS_HDR + prev)
            return bad(t, AWS_BAD, "block header at offset %llu: %s", p,
                       "previous-length field points before load point");
        uint64_t seg = p - AWS_HDR - prev;
        enum aws_rc rc = get_hdr(t, seg, &h);
        if (rc)
            return rc;
        if (h.cur != prev)
            return bad(t, AWS_BAD, "block header at offset %llu: %s", seg,
                       "length does not match the previous-length field after it");
        if (h.f1 & AWS_F1_TAPEMARK) {
            if (!last)
                return bad(t, AWS_BAD, "block header at offset %llu: %s", seg, "tape mark inside a block");
            t->pos = seg;
            t->prev = seg ? h.prv : 0;
            back_one(t);
            return AWS_TAPEMARK;
        }
        if (last != !!(h.f1 & AWS_F1_ENDREC))
            return bad(t, AWS_BAD, "block header at offset %llu: %s", seg,
                       last ? "a block does not end here" : "a block ends inside another one");
        if (total + h.cur > AWS_BLOCK_MAX)
            return bad(t, AWS_BAD, "block ending at offset %llu: %s", t->pos, "longer than 16 MB");
        if (buf && total < cap) {
            /* This segment's last n bytes, last byte first. */
            uint32_t n = cap - total < h.cur ? cap - total : h.cur;
            uint8_t *d = buf + total;
            if (!pread_all(t->fd, d, n, seg + AWS_HDR + h.cur - n))
                return bad(t, AWS_IOERR, "read error at offset %llu: %s", seg, strerror(errno));
            for (uint32_t i = 0; i < n / 2; i++) {
                uint8_t c = d[i];
                d[i] = d[n - 1 - i];
                d[n - 1 - i] = c;
            }
        }
        total += h.cur;
        prev = h.prv;
        p = seg;
        if (h.f1 & AWS_F1_NEWREC)
            break;
    }
    t->pos = p;
    t->prev = p ? prev : 0;
    back_one(t);
    *len = total;
    return AWS_OK;
}

static void put_hdr(uint8_t *b, uint32_t cur, uint32_t prv, uint8_t f1)
{
    b[0] = (uint8_t)cur;
    b[1] = (uint8_t)(cur >> 8);
    b[2] = (uint8_t)prv;
    b[3] = (uint8_t)(prv >> 8);
    b[4] = f1;
    b[5] = 0;
}

/* The file ends at the position. */
static enum aws_rc cut(struct aws *t)
{
    if (ftruncate(t->fd, (off_t)t->pos))
        return bad(t, AWS_IOERR, "cannot truncate at offset %llu: %s", t->pos, strerror(errno));
    t->size = t->pos;
    aws_assert_state(t);
    return AWS_OK;
}

enum aws_rc aws_write(struct aws *t, const uint8_t *data, uint32_t len)
{
    if (t->ro)
        return bad(t, AWS_IOERR, "write at offset %llu: %s", t->pos, "the image is read-only");
    if (!len || len > AWS_BLOCK_MAX)
        return bad(t, AWS_IOERR, "write at offset %llu: %s", t->pos, "bad block length");
    uint64_t p = t->pos;
    uint32_t prev = t->prev, done = 0;
    while (done < len) {
        uint32_t n = len - done < t->seg_max ? len - done : t->seg_max;
        uint8_t h[AWS_HDR];
        put_hdr(h, n, prev, (uint8_t)((done ? 0 : AWS_F1_NEWREC) | (done + n == len ? AWS_F1_ENDREC : 0)));
        if (!pwrite_all(t->fd, h, AWS_HDR, p) || !pwrite_all(t->fd, data + done, n, p + AWS_HDR))
            return bad(t, AWS_IOERR, "write error at offset %llu: %s", p, strerror(errno));
        p += AWS_HDR + n;
        prev = n;
        done += n;
    }
    t->pos = p;
    t->prev = prev;
    t->blockno++;
    return cut(t);
}

enum aws_rc aws_write_tapemark(struct aws *t)
{
    if (t->ro)
        return bad(t, AWS_IOERR, "write at offset %llu: %s", t->pos, "the image is read-only");
    uint8_t h[AWS_HDR];
    put_hdr(h, 0, t->prev, AWS_F1_TAPEMARK);
    if (!pwrite_all(t->fd, h, AWS_HDR, t->pos))
        return bad(t, AWS_IOERR, "write error at offset %llu: %s", t->pos, strerror(errno));
    t->pos += AWS_HDR;
    t->prev = 0;
    t->blockno++;
    return cut(t);
}

enum aws_rc aws_erase(struct aws *t)
{
    if (t->ro)
        return bad(t, AWS_IOERR, "erase at offset %llu: %s", t->pos, "the image is read-only");
    return cut(t);
}
