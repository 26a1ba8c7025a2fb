/*
 * cmsapi.h - the program interface of CMS: what a program running under
 * CMS (a MODULE, or a TEXT file LOADed and STARTed) calls, shared by the
 * nucleus (cms/svc.c) and the C runtime of CMS programs (cmslib/).
 *
 * As in CMS, a program calls the nucleus with SVC 202 and R1 pointing at
 * a parameter list whose first 8 bytes name the function (EBCDIC, blank
 * padded).  R15 comes back with the return code.  If the name is none of
 * the functions below, the call is a command: R1's high-order byte X'01'
 * then says R0 points at an extended parameter list (two addresses: the
 * first and the one-past-last byte of the command line, EBCDIC), which
 * the nucleus executes as if typed (its return code in R15).
 *
 * A program is entered as a C function of the s390 ABI would be: R15 the
 * stack pointer (a frame's room below it, the nucleus's stack), R14 the
 * return address, R2 = R1 -> the tokenized parameter list (8-byte tokens,
 * X'FF' x 8 after the last), R3 = R0 -> the extended parameter list (the
 * line as typed).  It returns its return code in R2, with R6-R15 as it
 * found them.
 *
 * The parameter lists (offsets in bytes; numbers big-endian, addresses
 * 31-bit; "out" fields are set by the nucleus):
 */
#ifndef CPCMS_CMSAPI_H
#define CPCMS_CMSAPI_H

#define CMSAPI_SVC 202
#define CMSAPI_EPLIST_FLAG 0x01    /* R1's high-order byte: R0 -> EPLIST */

/* TYPLIN: write a line on the console.  +8 A(text, EBCDIC), +12 length. */
#define CMSAPI_TYPLIN "TYPLIN"
/* RDTERM: read a line.  +8 A(buffer), +12 capacity, +16 out: length. */
#define CMSAPI_RDTERM "RDTERM"
/* FSOPEN: open a file.  +8 fn (8), +16 ft (8), +24 fm (2, "  ": any
   for reading, A1 for writing), +26 how ('R' read, 'W' write a new
   version, 'A' append), +27 recfm ('F'/'V', writing), +28 lrecl,
   +32 out: handle.  rc 28: not found; 24: bad file id or options;
   36: disk read-only or not accessed; 1: too many files open. */
#define CMSAPI_FSOPEN "FSOPEN"
/* FSREAD: the next record.  +8 handle, +12 A(buffer), +16 capacity,
   +20 out: length.  rc 12: end of file; 8: record longer than capacity
   (the length says how long). */
#define CMSAPI_FSREAD "FSREAD"
/* FSWRITE: one record.  +8 handle, +12 A(record), +16 length.
   rc 13: disk full; 24: bad length. */
#define CMSAPI_FSWRITE "FSWRITE"
/* FSCLOSE: close (a written file is committed to its disk).  +8 handle. */
#define CMSAPI_FSCLOSE "FSCLOSE"
/* FSSTATE: is there such a file?  +8 fn, +16 ft, +24 fm (2);
   +28 out: recfm, +32 out: lrecl, +36 out: records.  rc 28 if not. */
#define CMSAPI_FSSTATE "FSSTATE"
/* FSERASE: erase a file.  +8 fn, +16 ft, +24 fm (2). */
#define CMSAPI_FSERASE "FSERASE"
/* CMSTIME: +8 out: the TOD clock value of now (8 bytes, GMT),
   +16 out: virtual CPU microseconds (8). */
#define CMSAPI_CMSTIME "CMSTIME"

#define CMSAPI_PLIST_LEN 40        /* the longest parameter list above */
#define CMSAPI_MAXFILES 16         /* files a program may have open */

#endif
