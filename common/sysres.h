/*
 * sysres.h - the system residence volume: where `cpcms sysgen` puts the
 * IPL records, the system parameters and the CP nucleus on a CKD volume,
 * and the format of the system-parameter record.  Shared by the host
 * (host/cmd_sysgen.c writes it) and CP (cp/, which reads what IPL loaded),
 * so it holds only #defines and byte accessors: the record is big-endian
 * and never a host struct written raw.
 *
 * Cylinder 0, head 0 (the IPL track):
 *   R1  key 'IPL1' (4), data 24 bytes: the IPL PSW (EC mode, key 0,
 *       disabled, address = the nucleus entry), then two CCWs:
 *       Read Data (the next record, R2) into SYSRES_IPL2_ADDR, chained;
 *       TIC to SYSRES_IPL2_ADDR.
 *   R2  key 'IPL2', data: a channel program that reads R4 into
 *       SYSRES_PARM_ADDR and then the nucleus records to their load
 *       addresses (per track: Seek, Search ID Equal R1, TIC back to the
 *       search, Read Data of each record, all command-chained).
 *   R3  key 'VOL1', data 80 bytes: the standard volume label (EBCDIC
 *       "VOL1", the volser), so that other systems see the volser.
 *   R4  no key, data SYSRES_PARM_LEN bytes: the system parameters below.
 * From cylinder 0 head 1 on: the nucleus image (text, data; not .bss) in
 * records of SYSRES_NUC_RECLEN bytes, R1..Rn on each track, n as many as
 * the device holds, tracks in order.
 * From track SP_DIR_TRACK (the first after the nucleus) on: the directory
 * area, SP_DIR_TRACKS tracks of SP_DIR_PERTRK records of SYSRES_DIR_RECLEN
 * bytes each (R1..Rn, as the nucleus), room for SYSRES_DIR_RECORDS
 * records whatever the device: the user directory (common/directory.h),
 * SP_DIR_LEN bytes from R1 of the first track on, zeros after it.  The
 * area is fixed at sysgen, so a password change (`cpcms directory
 * password`) rewrites records in place, and a directory may grow to
 * SYSRES_DIR_RECORDS * SYSRES_DIR_RECLEN bytes without moving anything.
 * Then the named saved systems, each from a track of its own, in records
 * as the nucleus: the pages of a guest's real storage that `IPL name`
 * loads (VM/370's named saved systems).
 * Cylinders from SP_USER_CYL on (the first cylinder after all that) are
 * free for minidisks; the directory compiler refuses minidisks on this
 * volume below it.  After the last minidisk on the volume come CP's
 * temporary disk space (SP_TDSK_CYL, SP_TDSK_CYLS; none if 0), for
 * T-disks (DEFINE T3350 and the directory's MDISK ... T-DISK), then the
 * spool area (SP_SPOOL_CYL, SP_SPOOL_CYLS; none if 0), where CP keeps the
 * spool files and their checkpoint (cp/spool.c) in 4096-byte records that
 * it formats itself (empty tracks there mean a cold start), and last
 * the paging area (SP_PAGE_CYL, SP_PAGE_CYLS; none if 0), where CP keeps
 * the guest pages it takes frames from, in records of 4096 bytes that CP
 * formats itself on first use.
 *
 * The standard IPL reads R1 into location 0 (GA22-7000, "Initial Program
 * Loading"), the channel continues with the CCWs at 8 and 16, and the
 * CPU loads the PSW at 0.
 */
#ifndef CPCMS_SYSRES_H
#define CPCMS_SYSRES_H

#define SYSRES_IPL2_ADDR   0x2000   /* the IPL channel program, then free */
#define SYSRES_PARM_ADDR   0x1000   /* the system-parameter record */
#define SYSRES_PARM_LEN    4096
#define SYSRES_NUC_RECLEN  4096

/* The system-parameter record: offsets and lengths of its fields. */
#define SP_MAGIC      0     /* 8 bytes: "CPCMSSYS" in ASCII */
#define SP_FORMAT     8     /* u32: SYSRES_FORMAT */
#define SP_NUC_ORIGIN 12    /* u32: load address of the nucleus */
#define SP_NUC_LEN    16    /* u32: bytes of the nucleus image on disk */
#define SP_NUC_ENTRY  20    /* u32: entry address */
#define SP_DEVTYPE    24    /* u16: device type of the volume, e.g. 0x3350 */
#define SP_CYLS       26    /* u16: cylinders */
#define SP_HEADS      28    /* u16: tracks per cylinder */
#define SP_VOLSER     32    /* 6 bytes EBCDIC */
#define SP_GENTIME    40    /* u64: TOD clock value of the sysgen */
#define SP_NUC_TRACKS 48    /* u32: first track after the nucleus */
#define SP_NSYS       52    /* u32: saved systems in the table below */
#define SP_SYS_PER_TRACK 56 /* u32: records of a saved system per track */
/* The directory block of the record (from offset 256, apart from the
   fields above): all zero on a volume without a directory. */
#define SP_DIR_TRACK  256   /* u32: first track of the directory area */
#define SP_DIR_LEN    260   /* u32: bytes of the directory blob */
#define SP_DIR_TRACKS 264   /* u32: tracks of the directory area */
#define SP_DIR_PERTRK 268   /* u16: directory records per track */
#define SP_USER_CYL   270   /* u16: first cylinder after the system areas */
#define SP_TDSK_CYL   272   /* u16: first cylinder of the T-disk space */
#define SP_TDSK_CYLS  274   /* u16: its cylinders (0: no T-disks) */
#define SP_PAGE_CYL   276   /* u16: first cylinder of the paging area */
#define SP_PAGE_CYLS  278   /* u16: its cylinders (0: no paging) */
#define SP_SPOOL_CYL  280   /* u16: first cylinder of the spool area */
#define SP_SPOOL_CYLS 282   /* u16: its cylinders (0: no spooling) */
/* The real unit record devices CP prints and punches the system's spool
   files on (`sysgen --urec TYPE@CUU`; a 1403 or 2540 has no Sense ID for
   CP to find it by, so sysgen names them, as VM/370's DMKRIO did). */
#define SP_UREC_N     284   /* u16: entries below */
#define SP_UREC       288   /* SYSRES_MAX_UREC entries of UREC_LEN bytes: */
#define UREC_ADDR     0     /*   u16: device address */
#define UREC_TYPE     2     /*   u16: device type, e.g. 0x1403 */
#define UREC_FUNC     4     /*   u8: 1 reader, 2 punch, 3 printer (directory.h's DIR_SPOOL_*) */
#define UREC_LEN      8
#define SYSRES_MAX_UREC 8

#define SYSRES_DIR_RECLEN  4096
#define SYSRES_DIR_RECORDS 64       /* the area: 256K of directory */

#define SP_SYSTEMS    1024  /* SYSRES_MAX_SYS entries of SYS_LEN bytes: */
#define SYS_NAME      0     /*   8 bytes EBCDIC, blank-padded */
#define SYS_TRACK     8     /*   u32: first track of its pages */
#define SYS_PAGES     12    /*   u32: pages, SYSRES_NUC_RECLEN bytes each */
#define SYS_ORIGIN    16    /*   u32: guest real address of the first */
#define SYS_PSW       20    /*   8 bytes: the PSW that starts it */
#define SYS_LEN       32
#define SYSRES_MAX_SYS 64

#define SYSRES_MAGIC  "CPCMSSYS"
#define SYSRES_FORMAT 1

#define SYSRES_KEY_LEN 4

static inline unsigned long sp_get32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
           (unsigned long)p[2] << 8 | p[3];
}

static inline unsigned sp_get16(const unsigned char *p)
{
    return (unsigned)(p[0] << 8 | p[1]);
}

static inline void sp_put32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static inline void sp_put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

#endif
