/*
 * awstape.h - AWS tape images (awstape.c): the format in one place, with
 * the positioning a tape drive needs (read forward, read backward, space,
 * write, write tape mark, erase to the end).  The 3420 (tape3420.c) is
 * built on it, and so is tools/deck2aws.
 *
 * An AWS file is the tape from load point to the end of what was recorded:
 * a sequence of segments, each a 6-byte header and its data.
 *
 *     header  bytes 0-1  length of this segment's data (little-endian)
 *             bytes 2-3  length of the previous segment's data (little-endian;
 *                        0 for the first segment of the tape)
 *             byte  4    flags: X'80' first segment of a block, X'40' tape
 *                        mark, X'20' last segment of a block
 *             byte  5    flags: 0 (other values are compression, as in
 *                        Hercules' HET files, which we do not read)
 *
 * A block is one or more segments: the first has X'80', the last X'20' (a
 * block in one segment has X'A0').  A tape mark is a header with length 0
 * and flags X'40'.  Blocks longer than a segment holds (65535 bytes) span
 * several segments.  The end of the file is the end of the recorded data.
 *
 * Nothing here trusts the file: every header is checked where it is met,
 * and a bad one is AWS_BAD with a message saying what and where.  Going
 * forward needs only the lengths and flags; the previous-length fields are
 * checked when the tape moves backward, which depends on them (Hercules
 * does the same, so a tape Hercules reads, cpcms reads).
 */
#ifndef CPCMS_AWSTAPE_H
#define CPCMS_AWSTAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AWS_HDR 6
#define AWS_SEG_MAX 65535u          /* data bytes in one segment */
#define AWS_BLOCK_MAX (16u << 20)   /* longest block we accept */

#define AWS_F1_NEWREC 0x80
#define AWS_F1_TAPEMARK 0x40
#define AWS_F1_ENDREC 0x20

/* Results of the operations. */
enum aws_rc {
    AWS_OK = 0,     /* a block was passed (read, spaced or written) */
    AWS_TAPEMARK,   /* a tape mark was passed */
    AWS_END,        /* forward: no more recorded data (blank tape) */
    AWS_LOADPOINT,  /* backward: already at load point */
    AWS_BAD,        /* malformed image here; position unchanged */
    AWS_IOERR,      /* the host file failed (read, write, truncate) */
};

struct aws {
    int fd;
    bool ro;
    uint64_t pos;       /* file offset of the next header: the position */
    uint64_t size;      /* file size: the end of recorded data */
    uint32_t prev;      /* data length of the segment before pos */
    uint32_t seg_max;   /* data bytes per segment when writing */
    uint64_t blockno;   /* blocks and tape marks between load point and pos */
    char msg[160];      /* what went wrong, for AWS_BAD and AWS_IOERR */
};

/* Open an image.  With `create` a missing file is made (empty: a blank
   tape); read-only opens never create.  0, or -1 with a message in err.
   The tape is at load point. */
int aws_open(struct aws *t, const char *path, bool ro, bool create, char *err, size_t errlen);
void aws_close(struct aws *t);

/* To load point. */
void aws_rewind(struct aws *t);
static inline bool aws_at_loadpoint(const struct aws *t) { return t->pos == 0; }

/*
 * Read the block after the position into buf (at most cap bytes; *len is
 * the block's full length) and move past it.  A tape mark moves past it
 * too (AWS_TAPEMARK, *len 0).  buf may be NULL (spacing).  AWS_END at the
 * end of the data and AWS_BAD leave the position where it was.
 */
enum aws_rc aws_read(struct aws *t, uint8_t *buf, uint32_t cap, uint32_t *len);

/*
 * Read the block before the position and move back before it.  buf gets
 * the block's last min(cap, length) bytes in reverse order (the last byte
 * first), which is the order a drive reading backward sends them; buf may
 * be NULL.  A tape mark: AWS_TAPEMARK, positioned before it.
 */
enum aws_rc aws_read_back(struct aws *t, uint8_t *buf, uint32_t cap, uint32_t *len);

/*
 * Write a block (len >= 1) or a tape mark at the position; everything that
 * was recorded after the position is gone, as on a real tape.  On
 * AWS_IOERR the file may hold a partial block, which the next write or
 * erase overwrites.
 */
enum aws_rc aws_write(struct aws *t, const uint8_t *data, uint32_t len);
enum aws_rc aws_write_tapemark(struct aws *t);

/* Erase everything after the position (the file ends there). */
enum aws_rc aws_erase(struct aws *t);

#endif
