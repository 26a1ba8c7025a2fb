/*
 * edf.h - the CMS file system on a minidisk: VM/SP's Enhanced Disk Format
 * (EDF), as portable, freestanding C.  The same code is built into the
 * host (`cpcms cmsfs`, the unit tests) and, cross-compiled, into the CMS
 * nucleus: no allocation, no stdio, nothing of libc but memcpy, memset,
 * memcmp.  The caller supplies every buffer: a struct edf_disk (with a
 * small block cache) and a work area for the allocation maps and the
 * directory (EDF_WORK_SIZE).
 *
 * Implemented in edf_name.c (file ids, dates), edf_alloc.c (the
 * allocation map, the pointer-block tree writer), edf_disk.c (format,
 * mount and check, the directory, commit) and edf_file.c (records).
 *
 * ---- The disk ---------------------------------------------------------------
 *
 * A disk is an array of blocks of EDF_BLKSIZE 1024, 2048 or 4096 bytes,
 * numbered from 1.  Blocks 1 and 2 are the IPL records, block 3 the
 * label; a format may reserve more blocks after the label (an IPL area);
 * the rest hold files.  Every on-disk number is big-endian and read and
 * written with the accessors below; names are EBCDIC.
 *
 * The label (block 3, EDF_LABEL_LEN bytes from offset 0, zeros after):
 *   ADTIDENT 'CMS1', ADTID the volume id, ADTVER 0, ADTDBSIZ block size,
 *   ADTDOP the directory's origin (its FOP), ADTCYL/ADTMCYL the cylinders
 *   (0 on FBA), ADTNUM blocks on the disk, ADTUSED blocks in use,
 *   ADTFSTSZ 64, ADTNFST FSTs per block, ADTDCRED the creation date
 *   (packed YYMMDDHHMMSS, ADTFLGL X'01' for 20YY), ADTOFFST 0,
 *   ADTAMNB/ADTAMND a hint only (block and byte of the map where the
 *   first free bit was at commit; never trusted), ADTAMUP 0, ADTOFCNT 0,
 *   ADTSFNAM blanks.
 *
 * Files.  A file is a sequence of data blocks holding its records back
 * to back, records spanning blocks: F records LRECL bytes each; V records
 * a halfword length then that many bytes (a record is 1-65535 bytes; the
 * halfword may itself span two blocks).  The data blocks are reached from
 * the file origin pointer FSTFOP through FSTNLVL levels of pointer
 * blocks: with 0 levels FSTFOP is the only data block; with n levels it
 * is a pointer block of height n, whose entries point at blocks of
 * height n-1 (height 0 = data).  A pointer element is FSTPTRSZ bytes:
 * 4 (F files, the directory, the map: the block number) or 8 (V files:
 * the block number, then for an entry that points at a data block the
 * number of bytes of data in that block, else 0).  Unused entries are 0.
 * FSTADBC counts data blocks, FSTAIC records.
 *
 * The directory is a file of F 64-byte records, one FST (file status
 * table entry, EDF_FST_* below) each: record 1 describes the directory
 * itself (name X'0000000100000000', type 'DIRECTOR'), record 2 the
 * allocation map (X'0000000200000000' 'ALLOCMAP'), then the files in no
 * particular order, one per name and type.  The label's ADTDOP is the
 * directory's FSTFOP; mount finds the levels by descending from it (a
 * pointer block's first entry is a block number >= 4, so it never looks
 * like the directory's own FST, whose name begins X'00000001').
 * The allocation map is a file of F 1-byte records, one bit per block,
 * most significant first: bit 0 of byte 0 is block 1; 1 = in use.
 * Blocks 1-3, the reserved ones, the directory's and the map's own
 * blocks and every block of every file are in use.
 *
 * FST fields we fill that VM/SP defines more loosely: FSTDATEW MMDD and
 * FSTTIMEW HHMM in packed decimal, FSTYEARW two EBCDIC digits, FSTADATI
 * packed YYMMDDHHMMSS with FSTFLAGS X'08' for 20YY; FSTWRPNT the record
 * count + 1 and FSTRDPNT 1 (as CMS leaves them at close; 0 past 65535);
 * FSTRECCT, FSTBLKCT and FSTFCLPT the halfword copies of FSTAIC, FSTADBC
 * and FSTFOP where they fit, else 0 (the fullword fields are the truth);
 * FSTFMODE the mode letter and number as EBCDIC characters; FSTLRECL of
 * a V file the longest record written (as CMS).  The directory and the
 * map have mode X'4040'.  A file has at least one record: CMS has no
 * empty files.
 *
 * ---- Updates and crash ordering ---------------------------------------------
 *
 * Nothing live is overwritten.  The disk keeps two maps: the committed
 * one (what the label on disk describes) and the new one.  A block is
 * allocated only if it is free in both, so blocks the committed state
 * uses (even those an erase freed in the new map) are never written
 * before the commit.  edf_commit() writes the new directory and map to
 * such free blocks and then the label, one block write, which is the
 * commit point (CMS's own scheme): a write interrupted at any block
 * leaves a disk whose label still describes the old directory and map,
 * which nothing has touched.  To keep a commit possible on a full disk,
 * file writes stop with EDF_E_FULL while the free blocks would not hold
 * a new directory and map.
 *
 * ---- The block mapping on real devices ------------------------------------
 *
 * CKD: a minidisk of C cylinders x H heads formatted with block size B
 * holds R = records per track (B) (dasd/geometry.h's formula for key
 * length 0, data length B) records per track, R1..RR, no keys, on every
 * track including cylinder 0 head 0.  Block n is track (n-1)/R of the
 * minidisk, record (n-1)%R + 1: edf_ckd_locate().  FBA: block n is the
 * 512-byte blocks (n-1)*B/512 .. n*B/512-1 of the minidisk:
 * edf_fba_first().  CP and the CMS nucleus use the same functions.
 */
#ifndef CPCMS_EDF_H
#define CPCMS_EDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EDF_MIN_BLKSIZE 1024
#define EDF_MAX_BLKSIZE 4096
#define EDF_LABEL_BLK 3            /* blocks 1, 2: IPL records */
#define EDF_FIRST_FREE 4
#define EDF_MAX_LEVELS 4           /* pointer-block levels a file may have */
#define EDF_FST_LEN 64
#define EDF_MAX_LRECL 65535
#define EDF_CACHE 4                /* blocks of the read cache */

/* ---- the label -------------------------------------------------------- */
#define EDF_LABEL_LEN 80
#define EDF_ADTIDENT 0    /* 4 'CMS1' */
#define EDF_ADTID 4       /* 6 volume id */
#define EDF_ADTVER 10     /* 2 */
#define EDF_ADTDBSIZ 12   /* u32 */
#define EDF_ADTDOP 16     /* u32 */
#define EDF_ADTCYL 20     /* u32 */
#define EDF_ADTMCYL 24    /* u32 */
#define EDF_ADTNUM 28     /* u32 */
#define EDF_ADTUSED 32    /* u32 */
#define EDF_ADTFSTSZ 36   /* u32 */
#define EDF_ADTNFST 40    /* u32 */
#define EDF_ADTDCRED 44   /* 6 packed YYMMDDHHMMSS */
#define EDF_ADTFLGL 50    /* u8 */
#define EDF_ADTCNTRY 0x01 /*   the creation year is 20YY */
#define EDF_ADTOFFST 52   /* u32 */
#define EDF_ADTAMNB 56    /* u32 */
#define EDF_ADTAMND 60    /* u32 */
#define EDF_ADTAMUP 64    /* u32 */
#define EDF_ADTOFCNT 68   /* u32 */
#define EDF_ADTSFNAM 72   /* 8 */

/* ---- the FST, one directory record ------------------------------------ */
#define EDF_FSTFNAME 0    /* 8 EBCDIC, blank padded */
#define EDF_FSTFTYPE 8    /* 8 */
#define EDF_FSTDATEW 16   /* 2 packed MMDD */
#define EDF_FSTTIMEW 18   /* 2 packed HHMM */
#define EDF_FSTWRPNT 20   /* u16 */
#define EDF_FSTRDPNT 22   /* u16 */
#define EDF_FSTFMODE 24   /* 2 EBCDIC letter, digit */
#define EDF_FSTRECCT 26   /* u16 */
#define EDF_FSTFCLPT 28   /* u16 */
#define EDF_FSTRECFM 30   /* u8 EBCDIC 'F' or 'V' */
#define EDF_FSTFLAGS 31   /* u8 */
#define EDF_FSTCNTRY 0x08 /*   the year written is 20YY */
#define EDF_FSTLRECL 32   /* u32 */
#define EDF_FSTBLKCT 36   /* u16 */
#define EDF_FSTYEARW 38   /* 2 EBCDIC digits */
#define EDF_FSTFOP 40     /* u32 */
#define EDF_FSTADBC 44    /* u32 */
#define EDF_FSTAIC 48     /* u32 */
#define EDF_FSTNLVL 52    /* u8 */
#define EDF_FSTPTRSZ 53   /* u8 */
#define EDF_FSTADATI 54   /* 6 packed YYMMDDHHMMSS */
#define EDF_FSTREALM 60   /* u8 */
#define EDF_FSTFLAG2 61   /* u8 */

#define EDF_RECFM_F 0xC6  /* EBCDIC 'F' */
#define EDF_RECFM_V 0xE5  /* EBCDIC 'V' */

static inline uint32_t edf_get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline unsigned edf_get16(const uint8_t *p) { return (unsigned)(p[0] << 8 | p[1]); }
static inline void edf_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}
static inline void edf_put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8), p[1] = (uint8_t)v; }

/* CKD: track (from the minidisk's first) and record (1..rpt) of block n. */
static inline void edf_ckd_locate(uint32_t n, unsigned rpt, uint32_t *track, unsigned *rec)
{
    *track = (n - 1) / rpt;
    *rec = (unsigned)((n - 1) % rpt) + 1;
}
/* FBA: the first 512-byte block (from the minidisk's first) of block n. */
static inline uint32_t edf_fba_first(uint32_t n, unsigned blksize)
{
    return (n - 1) * (blksize / 512);
}

/* ---- errors ------------------------------------------------------------- */
#define EDF_OK 0
#define EDF_E_IO (-1)        /* the device failed a read or write */
#define EDF_E_NOTCMS (-2)    /* no CMS1 label: not formatted */
#define EDF_E_LABEL (-3)     /* the label's fields are inconsistent */
#define EDF_E_DIR (-4)       /* the directory is unreadable or malformed */
#define EDF_E_MAP (-5)       /* the allocation map disagrees with the files */
#define EDF_E_FILE (-6)      /* a file's FST or pointer blocks are bad */
#define EDF_E_NOTFOUND (-7)  /* no such file */
#define EDF_E_FULL (-8)      /* the disk is full */
#define EDF_E_NAME (-9)      /* an invalid file name, type or mode */
#define EDF_E_ARG (-10)      /* bad RECFM, LRECL, record length or number */
#define EDF_E_ROFS (-11)     /* the disk is mounted read-only */
#define EDF_E_SPACE (-12)    /* the work area is too small (too many files) */
#define EDF_E_EOF (-13)      /* no such record: past the end */
#define EDF_E_BUF (-14)      /* the record does not fit the caller's buffer */
#define EDF_E_BLKSIZE (-15)  /* block size not 1K, 2K, 4K or not the device's */
#define EDF_E_EXISTS (-16)   /* the new name is taken */

/* A word or two for an EDF_E_* code. */
const char *edf_strerror(int err);

/* ---- the device --------------------------------------------------------- */

/* Blocks numbered 1..nblocks; read and write return 0 or -1. */
struct edf_dev {
    unsigned blksize;
    uint32_t nblocks;
    int (*read)(void *ctx, uint32_t blk, uint8_t *buf);
    int (*write)(void *ctx, uint32_t blk, const uint8_t *buf);
    void *ctx;
};

/* Local time as the caller knows it (the library has no clock). */
struct edf_time {
    unsigned year, mon, day, hour, min, sec;   /* 1900-2099, 1-12, ... */
};

/* The writer of a pointer-block tree (edf_alloc.c): data block numbers
   in, pointer blocks written as levels fill. */
struct edf_tw {
    unsigned ptrsz, epb;
    unsigned cnt[EDF_MAX_LEVELS + 1];       /* entries waiting at each level */
    uint32_t pushed[EDF_MAX_LEVELS + 1];    /* entries ever added at each level */
    uint8_t lev[EDF_MAX_LEVELS + 1][EDF_MAX_BLKSIZE];
};

struct edf_cblk {
    uint32_t blk;          /* 0: empty */
    unsigned age;
    uint8_t data[EDF_MAX_BLKSIZE];
};

/*
 * A mounted disk.  The work area (caller's, at least EDF_WORK_SIZE)
 * holds the committed and the new allocation map, the directory's FSTs
 * (the two of the directory and the map first) and the block list of a
 * commit.
 */
struct edf_disk {
    struct edf_dev dev;
    unsigned bs;                 /* block size */
    uint32_t nblocks;            /* ADTNUM */
    uint8_t label[EDF_LABEL_LEN];
    bool mounted, readonly;
    int damage;                  /* EDF_OK or why the disk is read-only */
    uint8_t *map_old, *map_new;  /* maplen bytes each */
    uint32_t maplen;
    uint8_t *fst;                /* nfst of maxfst FSTs */
    uint32_t nfst, maxfst;
    uint32_t *resv;              /* maxresv block numbers */
    uint32_t maxresv, nresv, resv_next;
    uint32_t nfree;              /* blocks free in both maps */
    uint32_t rover;              /* where the next allocation looks first */
    struct edf_time now;         /* stamped on what is written */
    unsigned tick;
    struct edf_cblk cache[EDF_CACHE];
    uint8_t tmp[EDF_MAX_BLKSIZE];
    struct edf_tw tw;            /* the commit's */
};

/* Bytes of work area for a disk of nblocks blocks of bs bytes with room
   for nfiles files. */
#define EDF_WORK_SIZE(nblocks, bs, nfiles) \
    (2 * (((size_t)(nblocks) + 7) / 8) + EDF_FST_LEN * ((size_t)(nfiles) + 2) + \
     4 * (2 * (((size_t)(nfiles) + 2) * EDF_FST_LEN / (bs) + (size_t)(nblocks) / 8 / (bs) + 2) + 8))

/* Format options. */
struct edf_format_opts {
    char volid[7];        /* 1-6 characters, ASCII */
    unsigned reserve;     /* blocks after the label kept for an IPL area */
    uint32_t cyls;        /* ADTCYL, ADTMCYL (0 on FBA) */
};

/*
 * Write an empty file system on dev: zero blocks 1-2, then the
 * directory, the map and last the label.  work/worklen as for mount.
 * Returns EDF_OK or EDF_E_BLKSIZE, EDF_E_ARG (volid, too few blocks),
 * EDF_E_SPACE, EDF_E_IO.  d is mounted read-write afterwards.
 */
int edf_format(struct edf_disk *d, const struct edf_dev *dev, const struct edf_format_opts *o,
               const struct edf_time *now, void *work, size_t worklen);

/*
 * Mount the file system on dev and check it: the label, the directory
 * (every FST), the map, and every file's pointer blocks (in range, each
 * block marked in the map, none used twice; the data block counts).
 * Returns EDF_OK (mounted read-write unless `readonly`); or
 * EDF_E_MAP / EDF_E_FILE: damaged, but the directory is readable, so
 * the disk is mounted read-only (d->damage says why; reading a damaged
 * file gives EDF_E_FILE); or EDF_E_NOTCMS, EDF_E_LABEL, EDF_E_BLKSIZE,
 * EDF_E_DIR, EDF_E_SPACE, EDF_E_IO: not mounted.  Never reads outside a
 * block or the work area whatever the disk holds.
 */
int edf_mount(struct edf_disk *d, const struct edf_dev *dev, bool readonly, void *work,
              size_t worklen);

/*
 * Make the changes since the last commit durable: the new directory and
 * map go to free blocks, then the label.  Returns EDF_OK or EDF_E_IO
 * (the disk then still holds the last committed state: remount it).
 */
int edf_commit(struct edf_disk *d);

/* ---- file ids ------------------------------------------------------------ */

/*
 * Check and convert a file name or type (1-8 of A-Z 0-9 $ # @ + - : _,
 * lower case taken as upper) into 8 blank-padded EBCDIC bytes.
 * Returns EDF_OK or EDF_E_NAME.
 */
int edf_name(const char *s, uint8_t out[8]);
/* A file mode: a letter A-Z and an optional number 0-6 (default 1).
   out[2] EBCDIC.  EDF_OK or EDF_E_NAME. */
int edf_mode(const char *s, uint8_t out[2]);

/* ---- the directory ------------------------------------------------------- */

/* A file, decoded from its FST. */
struct edf_stat {
    char fn[9], ft[9], fm[3];     /* ASCII, no blanks */
    char recfm;                   /* 'F' or 'V' */
    uint32_t lrecl, records, blocks;
    struct edf_time written;
};

/* Look up fn ft (ASCII).  EDF_OK with *st filled (st may be NULL),
   EDF_E_NOTFOUND or EDF_E_NAME. */
int edf_lookup(struct edf_disk *d, const char *fn, const char *ft, struct edf_stat *st);

/* The files in directory order: *pos starts at 0.  Returns 1 with *st
   filled, 0 after the last. */
int edf_next(struct edf_disk *d, uint32_t *pos, struct edf_stat *st);

/* Erase fn ft.  EDF_OK, EDF_E_NOTFOUND, EDF_E_NAME, EDF_E_ROFS, EDF_E_IO. */
int edf_erase(struct edf_disk *d, const char *fn, const char *ft);

/* Rename fn ft to nfn nft (mode number kept).  EDF_OK, EDF_E_NOTFOUND,
   EDF_E_EXISTS, EDF_E_NAME, EDF_E_ROFS. */
int edf_rename(struct edf_disk *d, const char *fn, const char *ft, const char *nfn,
               const char *nft);

/* QUERY DISK numbers (as committed and changed since). */
struct edf_usage {
    char volid[7];
    unsigned blksize;
    uint32_t cyls, total, used, files;
};
void edf_usage(struct edf_disk *d, struct edf_usage *u);

/* ---- records ------------------------------------------------------------- */

/* A file open for reading or writing. */
struct edf_file {
    struct edf_disk *d;
    bool writing;
    int err;                      /* the first error of a write, sticky */
    uint8_t fst[EDF_FST_LEN];     /* reading: a copy; writing: being built */
    uint8_t old[EDF_FST_LEN];     /* writing: the FST it replaces or extends */
    bool had_old;
    uint32_t keep;                /* writing: old data blocks kept (append) */
    uint32_t base;                /* writing: records at open (append) */
    uint32_t nrec, maxlen, lrecl;
    /* reading: the data block in buf, and where the next record starts */
    uint32_t cur;                 /* its index + 1, 0 none */
    uint32_t rrec;                /* record number at roff (1-based) */
    uint32_t roff;
    /* writing: the block being filled and the pointer-block levels */
    uint32_t dpos;
    uint8_t buf[EDF_MAX_BLKSIZE];
    struct edf_tw tw;
};

/*
 * Open fn ft for writing a new version: recfm 'F' or 'V'; lrecl the
 * record length (F) or the longest allowed (V, 1-65535).  fm the mode
 * ("A1"; NULL: the old file's, or A1).  The new file replaces an old one
 * of the same name at edf_close() (until then the old one reads as
 * before).  EDF_OK, EDF_E_NAME, EDF_E_ARG, EDF_E_ROFS.
 */
int edf_create(struct edf_disk *d, struct edf_file *f, const char *fn, const char *ft,
               const char *fm, char recfm, uint32_t lrecl);

/* Open fn ft for appending records (its RECFM and LRECL).  EDF_OK,
   EDF_E_NOTFOUND, EDF_E_NAME, EDF_E_ROFS, EDF_E_FILE, EDF_E_IO. */
int edf_append(struct edf_disk *d, struct edf_file *f, const char *fn, const char *ft);

/*
 * Write one record of len bytes (F: exactly LRECL; V: 1..LRECL).
 * EDF_OK, EDF_E_ARG, EDF_E_FULL, EDF_E_IO; after an error every later
 * write fails and edf_close() discards the file.
 */
int edf_write(struct edf_file *f, const void *rec, uint32_t len);

/*
 * Finish a file being written: its last blocks and pointer blocks, its
 * FST in the directory (replacing the old one, whose blocks are freed in
 * the new map).  A file written with no records leaves the directory as
 * it was.  Nothing is durable before edf_commit().  For a file open for
 * reading, just forgets it.  Returns EDF_OK or the write's error.
 */
int edf_close(struct edf_file *f);

/* Open fn ft for reading.  EDF_OK, EDF_E_NOTFOUND, EDF_E_NAME. */
int edf_open(struct edf_disk *d, struct edf_file *f, const char *fn, const char *ft);

/*
 * Read record recno (1-based; 0: the one after the last read) into
 * buf[0..cap); *len gets its length.  EDF_OK, EDF_E_EOF past the last,
 * EDF_E_BUF (the record is longer than cap; *len says how long),
 * EDF_E_FILE (damaged), EDF_E_IO.
 */
int edf_read(struct edf_file *f, uint32_t recno, void *buf, uint32_t cap, uint32_t *len);

/* ---- inside the library (edf_alloc.c, edf_disk.c) -------------------------- */
int edf_bread(struct edf_disk *d, uint32_t blk, const uint8_t **data);
int edf_bwrite(struct edf_disk *d, uint32_t blk, const uint8_t *data);
int edf_alloc(struct edf_disk *d, bool for_commit, uint32_t *blk);
void edf_mark(uint8_t *map, uint32_t blk, bool used);
bool edf_marked(const uint8_t *map, uint32_t blk);
uint32_t edf_tree_blocks(uint32_t ndata, unsigned epb);
uint32_t edf_commit_blocks(const struct edf_disk *d, uint32_t nfst);
int edf_tree_node(struct edf_disk *d, const uint8_t *fst, uint32_t idx, unsigned height,
                  uint32_t *blk, uint32_t *used);
int edf_tree_visit(struct edf_disk *d, const uint8_t *fst, uint32_t keep,
                   int (*fn)(struct edf_disk *d, uint32_t blk, void *arg), void *arg);
int edf_free_tree(struct edf_disk *d, const uint8_t *fst, uint32_t keep);
int edf_free_block(struct edf_disk *d, uint32_t blk, void *arg);
void edf_fst_fix(uint8_t *fst);
void edf_tw_begin(struct edf_disk *d, struct edf_tw *tw, unsigned ptrsz);
int edf_tw_push(struct edf_disk *d, struct edf_tw *tw, unsigned level, uint32_t blk,
                uint32_t word2, bool commit);
int edf_tw_finish(struct edf_disk *d, struct edf_tw *tw, bool commit, uint32_t *fop,
                  unsigned *nlvl);
void edf_stamp(const struct edf_disk *d, uint8_t *fst);
void edf_decode(const uint8_t *fst, struct edf_stat *st);
int edf_find(struct edf_disk *d, const uint8_t name[16]);
int edf_index(struct edf_disk *d, const char *fn, const char *ft);

#endif
