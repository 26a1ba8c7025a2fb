/*
 * test_directory.c - the user directory: the source compiler
 * (host/dirsrc.c) on good and bad sources, with its messages and line
 * numbers; the defaults; the built-in default directory; encode/decode
 * round trips (common/directory.c); passwords (case, NOLOG, link
 * passwords); the in-place password change; and corrupt blobs, every
 * truncation and every bit flip, with and without a repaired CRC, which
 * must fail cleanly.  The Makefile builds this test from the sources with
 * AddressSanitizer and UndefinedBehaviorSanitizer, so a read outside the
 * blob (copied into a buffer of its exact size) stops it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "directory.h"
#include "dirsrc.h"

static uint8_t blob[1 << 18];

/* Compile src; the messages in *msgs (caller frees). */
static long compile(const char *src, const struct dirsrc_sysres *sys, char **msgs)
{
    size_t n;
    FILE *f = open_memstream(msgs, &n);
    long rc = dirsrc_compile("t.direct", src, strlen(src), sys, blob, sizeof blob, f);
    fclose(f);
    return rc;
}

static long compile_ok(const char *src)
{
    char *msgs;
    long rc = compile(src, NULL, &msgs);
    if (rc < 0)
        fprintf(stderr, "%s", msgs);
    assert_true(rc > 0);
    assert_string_equal(msgs, "");
    free(msgs);
    assert_int_equal(dir_validate(blob, (size_t)rc), DIR_OK);
    return rc;
}

static const char good_src[] =
    "* a directory with every statement\n"
    "USER MAINT Secret1 4M 16M GABCDEF 10\n"
    " ACCOUNT SYS1 DIST9\n"
    " IPL 190 PARM AUTOCR  Extra Words\n"
    " OPTION ECMODE REALTIMER CPUID 0A1B2C\n"
    " option bmx\n"
    " CONSOLE 009 3215 A OPERATOR\n"
    " SPOOL 00C 2540 READER *\n"
    " SPOOL 00D 2540 PUNCH\n"
    " SPOOL 00E 1403 B\n"
    " SPOOL 01C 3505 X\n"
    " DEDICATE 181 281\n"
    " DEDICATE 182 VOL-1\n"
    " SPECIAL 0C0 3270\n"
    "\tMDISK 190 3350 100 20 CPSYS1 MR ALL WRPASS MULTPW\n"
    " MDISK 191 3350 10 10 CPSYS1\n"
    " MDISK 192 3330 T-DISK 5\n"
    "\n"
    "user operator nolog 1m\n"
    " link maint 190 190 rr\n"
    " link maint 191 291\n"
    "USER USER1 PW1 512K 2M G\n"
    " IPL CMS\n";

static void good_source(void **state)
{
    (void)state;
    long len = compile_ok(good_src);
    struct dir_user u;
    assert_int_equal(dir_find_user(blob, (size_t)len, "maint", &u), DIR_OK);
    assert_string_equal(u.userid, "MAINT");
    assert_int_equal(u.storage, 4 << 20);
    assert_int_equal(u.maxstorage, 16 << 20);
    assert_string_equal(u.classes, "ABCDEFG");
    assert_int_equal(u.priority, 10);
    assert_false(u.nolog);
    assert_string_equal(u.account, "SYS1");
    assert_string_equal(u.dist, "DIST9");
    assert_int_equal(u.ipl_kind, DIR_IPL_DEVICE);
    assert_int_equal(u.ipl_dev, 0x190);
    assert_string_equal(u.ipl_parm, "AUTOCR  Extra Words");
    assert_int_equal(u.options, DIR_OPT_ECMODE | DIR_OPT_REALTIMER | DIR_OPT_CPUID | DIR_OPT_BMX);
    assert_int_equal(u.cpuid, 0x0A1B2C);

    /* the devices, in source order */
    static const struct { unsigned kind, vaddr, devtype; } want[] = {
        {DIR_CONSOLE, 0x009, 0x3215}, {DIR_SPOOL, 0x00C, 0x2540}, {DIR_SPOOL, 0x00D, 0x2540},
        {DIR_SPOOL, 0x00E, 0x1403}, {DIR_SPOOL, 0x01C, 0x3505}, {DIR_DEDICATE, 0x181, 0},
        {DIR_DEDICATE, 0x182, 0}, {DIR_SPECIAL, 0x0C0, DIR_SPECIAL_3270},
        {DIR_MDISK, 0x190, 0x3350}, {DIR_MDISK, 0x191, 0x3350}, {DIR_MDISK, 0x192, 0x3330},
    };
    struct dir_dev d[16];
    size_t pos = 0;
    unsigned n = 0;
    int rc;
    while ((rc = dir_next_dev(blob, (size_t)len, &u, &pos, &d[n])) == 1) {
        assert_true(n < 11);
        assert_int_equal(d[n].kind, want[n].kind);
        assert_int_equal(d[n].vaddr, want[n].vaddr);
        assert_int_equal(d[n].devtype, want[n].devtype);
        n++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(n, 11);
    assert_int_equal(d[0].cls, 'A');
    assert_string_equal(d[0].userid, "OPERATOR");
    assert_int_equal(d[1].func, DIR_SPOOL_READER);
    assert_int_equal(d[1].cls, '*');
    assert_int_equal(d[2].func, DIR_SPOOL_PUNCH);
    assert_int_equal(d[2].cls, 'A');
    assert_int_equal(d[3].func, DIR_SPOOL_PRINTER);
    assert_int_equal(d[3].cls, 'B');
    assert_int_equal(d[4].func, DIR_SPOOL_READER);
    assert_int_equal(d[5].raddr, 0x281);
    assert_int_equal(d[6].raddr, DIR_NO_RADDR);
    assert_string_equal(d[6].volser, "VOL-1");
    assert_int_equal(d[8].start, 100);
    assert_int_equal(d[8].cyls, 20);
    assert_string_equal(d[8].volser, "CPSYS1");
    assert_int_equal(d[8].mode, DIR_MODE_MR);
    assert_int_equal(d[9].mode, DIR_MODE_W);          /* mode omitted */
    assert_true(d[10].tdisk);
    assert_int_equal(d[10].cyls, 5);
    assert_string_equal(d[10].volser, "");

    /* link passwords: ALL, hashed (any case), none */
    assert_true(dir_link_password_ok(&d[8], DIR_LPW_READ, NULL));
    assert_true(dir_link_password_ok(&d[8], DIR_LPW_WRITE, "wrpass"));
    assert_false(dir_link_password_ok(&d[8], DIR_LPW_WRITE, "MULTPW"));
    assert_false(dir_link_password_ok(&d[8], DIR_LPW_WRITE, NULL));
    assert_true(dir_link_password_ok(&d[8], DIR_LPW_MULT, "MultPw"));
    assert_false(dir_link_password_ok(&d[9], DIR_LPW_READ, "ALL"));
    assert_false(dir_link_password_ok(&d[9], DIR_LPW_READ, NULL));

    /* logon passwords compare upper-cased */
    assert_true(dir_password_ok(&u, "SECRET1"));
    assert_true(dir_password_ok(&u, "secret1"));
    assert_false(dir_password_ok(&u, "secret"));
    assert_false(dir_password_ok(&u, "SECRET12"));
    assert_false(dir_password_ok(&u, ""));
    assert_false(dir_password_ok(&u, NULL));

    /* NOLOG: a flag, no password logs on, not even "NOLOG" */
    assert_int_equal(dir_find_user(blob, (size_t)len, "Operator", &u), DIR_OK);
    assert_true(u.nolog);
    assert_false(dir_password_ok(&u, "NOLOG"));
    assert_int_equal(u.storage, 1 << 20);
    assert_int_equal(u.maxstorage, 1 << 20);          /* maximum omitted: the storage */
    assert_string_equal(u.classes, "G");              /* classes omitted */
    assert_int_equal(u.priority, 50);
    struct dir_dev l;
    assert_int_equal(dir_find_dev(blob, (size_t)len, &u, 0x291, &l), DIR_OK);
    assert_int_equal(l.kind, DIR_LINK);
    assert_string_equal(l.userid, "MAINT");
    assert_int_equal(l.link_vaddr, 0x191);
    assert_int_equal(l.mode, DIR_MODE_R);             /* mode omitted */
    assert_int_equal(dir_find_dev(blob, (size_t)len, &u, 0x190, &l), DIR_OK);
    assert_int_equal(l.mode, DIR_MODE_RR);
    assert_int_equal(dir_find_dev(blob, (size_t)len, &u, 0x192, &l), DIR_E_NOTFOUND);

    assert_int_equal(dir_find_user(blob, (size_t)len, "USER1", &u), DIR_OK);
    assert_int_equal(u.ipl_kind, DIR_IPL_NAME);
    assert_string_equal(u.ipl_name, "CMS");
    assert_int_equal(u.storage, 512 << 10);
    assert_string_equal(u.account, "");
    assert_int_equal(dir_find_user(blob, (size_t)len, "USER2", &u), DIR_E_NOTFOUND);
    assert_int_equal(dir_find_user(blob, (size_t)len, "", &u), DIR_E_NOTFOUND);
    assert_int_equal(dir_find_user(blob, (size_t)len, "MAINTMAINT", &u), DIR_E_NOTFOUND);

    /* users in order */
    const char *ids[] = {"MAINT", "OPERATOR", "USER1"};
    pos = 0;
    n = 0;
    while ((rc = dir_next_user(blob, (size_t)len, &pos, &u)) == 1)
        assert_string_equal(u.userid, ids[n++]);
    assert_int_equal(rc, 0);
    assert_int_equal(n, 3);

    /* no password in the clear anywhere in the blob */
    assert_null(memmem(blob, (size_t)len, "SECRET1", 7));
    assert_null(memmem(blob, (size_t)len, "WRPASS", 6));
    assert_null(memmem(blob, (size_t)len, "MULTPW", 6));
    assert_null(memmem(blob, (size_t)len, "PW1", 3));
}

/* Columns 72-80 are card sequence numbers: never read. */
static void columns(void **state)
{
    (void)state;
    char src[256];
    snprintf(src, sizeof src, "%-71s%-9s\n%-71s%s\n", "USER SEQ PW 1M 2M", "X0000010",
             " CONSOLE 009 3215", "GARBAGE!!");
    long len = compile_ok(src);
    struct dir_user u;
    assert_int_equal(dir_find_user(blob, (size_t)len, "SEQ", &u), DIR_OK);
    assert_int_equal(u.maxstorage, 2 << 20);
}

/* Each bad source: the message (with its line), nothing built. */
static void bad_sources(void **state)
{
    (void)state;
    static const struct { const char *src, *msg; } v[] = {
        {"USER A PW\n FROB 1\n", "t.direct:2: unknown statement 'FROB'"},
        {"* c\n MDISK 191 3350 1 1 V\n", "t.direct:2: MDISK before the first USER statement"},
        {"USER A PW\n\nUSER A PW2\n", "t.direct:3: USER A is already defined at line 1"},
        {"USER A PW\n MDISK 191 3350 1 1 V\n LINK A 191 191\n",
         "t.direct:3: virtual address 191 of A is already defined at line 2"},
        {"USER A PW 4Q\n", "t.direct:1: USER A: the storage size (operand 3) is not a size"},
        {"USER A PW 1001K\n", "t.direct:1: USER A: storage sizes are multiples of 4K from 8K to 16M"},
        {"USER A PW 32M\n", "t.direct:1: USER A: storage sizes are multiples of 4K from 8K to 16M"},
        {"USER A PW 2M 1M\n", "t.direct:1: USER A: the maximum storage size is less than the storage size"},
        {"USER A PW 1M 1M GZ\n", "t.direct:1: USER A: privilege classes (operand 5) are letters A to H"},
        {"USER A PW 1M 1M G 100\n", "t.direct:1: USER A: the priority (operand 6) is a number from 0 to 99"},
        {"USER A PW 1M 1M G 1 E X\n", "t.direct:1: USER: too many operands (8; at most 6)"},
        {"USER ABCDEFGHI PW\n", "t.direct:1: USER: 'ABCDEFGHI' is not a userid"},
        {"USER A\n", "t.direct:1: USER: operands missing"},
        {"USER A TOOLONGPW\n", "t.direct:1: USER A: the password must be 1 to 8 characters"},
        {"USER A PW\n CONSOLE 1009 3215\n", "t.direct:2: CONSOLE: '1009' is not a device address"},
        {"USER A PW\n CONSOLE 009 3277\n", "t.direct:2: CONSOLE: '3277' is not a console type"},
        {"USER A PW\n CONSOLE 009 3215\n CONSOLE 01F 3215\n", "t.direct:3: CONSOLE: A has one already"},
        {"USER A PW\n SPOOL 00C 2540\n", "t.direct:2: SPOOL: a 2540 is a READER or a PUNCH"},
        {"USER A PW\n SPOOL 00E 1403 READER\n", "t.direct:2: SPOOL: a 1403 is not a READER"},
        {"USER A PW\n SPOOL 00E 1403 *\n", "t.direct:2: SPOOL: '*' is not a spool class"},
        {"USER A PW\n MDISK 191 3350 550 10 V\n",
         "t.direct:2: MDISK 191: cylinders 550 to 559 lie beyond the 555 cylinders of a 3350"},
        {"USER A PW\n MDISK 191 3330 800 9 V\n",
         "t.direct:2: MDISK 191: cylinders 800 to 808 lie beyond the 808 cylinders of a 3330"},
        {"USER A PW\n MDISK 191 3390 1 1 V\n", "t.direct:2: MDISK: '3390' is not a DASD type"},
        {"USER A PW\n MDISK 191 3350 X 1 V\n", "t.direct:2: MDISK 191: 'X' is not a cylinder number"},
        {"USER A PW\n MDISK 191 3350 1 0 V\n", "t.direct:2: MDISK 191: '0' is not a cylinder count"},
        {"USER A PW\n MDISK 191 3350 1 1 VOLSER7\n", "t.direct:2: MDISK 191: 'VOLSER7' is not a volume serial"},
        {"USER A PW\n MDISK 191 3350 1 1 V XR\n", "t.direct:2: MDISK 191: the mode (operand 6) is not R"},
        {"USER A PW\n MDISK 191 3350 1 1 V MR LONGPASS9\n",
         "t.direct:2: MDISK 191: link passwords are 1 to 8 characters"},
        {"USER A PW\n LINK B 191 191\n", "t.direct:2: LINK: there is no user B"},
        {"USER A PW\nUSER B PW\n LINK A 191 191\n", "t.direct:3: LINK: A has no minidisk 191"},
        {"USER A PW\n LINK A 191\n", "t.direct:2: LINK: operands missing"},
        {"USER A PW\n OPTION FASTER\n", "t.direct:2: OPTION: unknown option 'FASTER'"},
        {"USER A PW\n OPTION CPUID 1234567\n", "t.direct:2: OPTION CPUID: the CPU id is 1 to 6 hexadecimal"},
        {"USER A PW\n IPL CMS NOPARM X\n", "t.direct:2: IPL: the form is IPL vaddr|sysname [PARM text]"},
        {"USER A PW\n ACCOUNT 1\n ACCOUNT 2\n", "t.direct:3: ACCOUNT: A has one already"},
        {"USER A PW\n DEDICATE 181 VOLUME7\n", "t.direct:2: DEDICATE: 'VOLUME7' is neither"},
        {"USER A PW\n SPECIAL 0C0 3279\n", "t.direct:2: SPECIAL: '3279' is not 3270, TIMER or CTCA"},
        {"USER A PW\nDIRECTORY 123 3350 CPSYS1\n", "t.direct:2: DIRECTORY must be the first statement"},
        {"* nothing\n\n", "t.direct:2: no USER statement"},
        {"USER A PW\n MDISK\0 191\n", "t.direct:2: a NUL character"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char *msgs;
        /* sources with a NUL: the length counts it */
        size_t n = strlen(v[i].src);
        if (strstr(v[i].msg, "NUL"))
            n += 1 + strlen(v[i].src + n + 1);
        size_t mlen;
        FILE *f = open_memstream(&msgs, &mlen);
        memset(blob, 0xAA, DIR_HDR_LEN);
        long rc = dirsrc_compile("t.direct", v[i].src, n, NULL, blob, sizeof blob, f);
        fclose(f);
        if (rc != -1 || strncmp(msgs, v[i].msg, strlen(v[i].msg)) != 0)
            fail_msg("source %zu: rc %ld, messages:\n%s\nwanted: %s", i, rc, msgs, v[i].msg);
        /* nothing built: the buffer holds no directory */
        assert_int_not_equal(dir_validate(blob, sizeof blob), DIR_OK);
        free(msgs);
    }
}

/* Every error is reported, each once, in line order; no password shows. */
static void all_errors_no_passwords(void **state)
{
    (void)state;
    const char *src =
        "USER A HUSH1 1M\n"
        " MDISK 191 3350 1 1 V MR RDPW1 WRPW1 MLPW1 EXTRA\n"   /* too many: not echoed */
        " MDISK 192 3350 1 1 MR RDPW2\n"                      /* volser missing: mode is RDPW2 */
        "USER B HUSH2 MY PASS\n"                              /* password with a blank */
        "USER C HUSH3TOOLONG\n"
        " BOGUS\n";
    char *msgs;
    assert_int_equal(compile(src, NULL, &msgs), -1);
    const char *want[] = {"t.direct:2: ", "t.direct:3: ", "t.direct:4: ", "t.direct:5: ", "t.direct:6: "};
    const char *p = msgs;
    for (size_t i = 0; i < 5; i++) {
        assert_true(!strncmp(p, want[i], strlen(want[i])));
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    assert_string_equal(p, "");
    static const char *const secrets[] = {"HUSH", "RDPW", "WRPW", "MLPW", "PASS", "TOOLONG"};
    for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
        if (strstr(msgs, secrets[i]))
            fail_msg("'%s' in the messages:\n%s", secrets[i], msgs);
    free(msgs);
}

/* The statements after a USER statement with an error belong to it, not
   to the user before: no second message about them. */
static void bad_user_keeps_its_statements(void **state)
{
    (void)state;
    char *msgs;
    assert_int_equal(compile("USER A PW\n MDISK 191 3350 1 1 V\nUSER B PW 99Q\n"
                             " MDISK 191 3350 1 1 V\n LINK A 191 192\n", NULL, &msgs), -1);
    assert_string_equal(msgs, "t.direct:3: USER B: the storage size (operand 3) is not a size such as "
                        "512K or 4M\n");
    free(msgs);
    /* a LINK to a user whose USER statement failed: that user is no target */
    assert_int_equal(compile("USER A PW 1Q\n MDISK 191 3350 1 1 V\nUSER B PW\n LINK A 191 191\n",
                             NULL, &msgs), -1);
    assert_non_null(strstr(msgs, "t.direct:4: LINK: there is no user A\n"));
    free(msgs);
}

/* Minidisks on the system residence volume. */
static void sysres_checks(void **state)
{
    (void)state;
    struct dirsrc_sysres sys = {"CPSYS1", 0x3350, 100, 2};
    char *msgs;
    assert_true(compile("USER A PW\n MDISK 191 3350 2 98 CPSYS1\n MDISK 192 3350 0 1 OTHER\n", &sys, &msgs) > 0);
    free(msgs);
    assert_int_equal(compile("USER A PW\n MDISK 191 3350 1 5 CPSYS1\n", &sys, &msgs), -1);
    assert_string_equal(msgs, "t.direct:2: MDISK 191: cylinders 0 to 1 of CPSYS1 hold the IPL records, "
                        "the CP nucleus and the directory; minidisks start at 2\n");
    free(msgs);
    assert_int_equal(compile("USER A PW\n MDISK 191 3350 90 11 CPSYS1\n", &sys, &msgs), -1);
    assert_string_equal(msgs, "t.direct:2: MDISK 191: cylinders 90 to 100 lie beyond the 100 cylinders of CPSYS1\n");
    free(msgs);
    assert_int_equal(compile("USER A PW\n MDISK 191 3330 10 1 CPSYS1\n", &sys, &msgs), -1);
    assert_string_equal(msgs, "t.direct:2: MDISK 191: CPSYS1, the system residence volume, is a 3350, not a 3330\n");
    free(msgs);
    assert_true(compile("DIRECTORY 123 3350 CPSYS1\nUSER A PW\n", &sys, &msgs) > 0);
    free(msgs);
    assert_int_equal(compile("DIRECTORY 123 3350 OTHER\nUSER A PW\n", &sys, &msgs), -1);
    assert_non_null(strstr(msgs, "t.direct:1: DIRECTORY: the directory goes on the system residence volume"));
    free(msgs);
}

/* The built-in default directory: the default system's users. */
static void default_directory(void **state)
{
    (void)state;
    struct dirsrc_sysres sys = {"CPSYS1", 0x3350, 555, 1};
    size_t n;
    char *msgs;
    FILE *f = open_memstream(&msgs, &n);
    long len = dirsrc_compile(DIRSRC_DEFAULT_NAME, dirsrc_default, dirsrc_default_len, &sys,
                              blob, sizeof blob, f);
    fclose(f);
    assert_string_equal(msgs, "");
    free(msgs);
    assert_true(len > 0);
    static const struct { const char *id, *classes; } users[] = {
        {"MAINT", "ABCDEFG"}, {"OPERATOR", "ABCDEFGH"}, {"USER1", "G"}, {"USER2", "G"},
        {"USER3", "G"}, {"USER4", "G"}, {"USER5", "G"},
    };
    for (size_t i = 0; i < 7; i++) {
        struct dir_user u;
        struct dir_dev d;
        assert_int_equal(dir_find_user(blob, (size_t)len, users[i].id, &u), DIR_OK);
        assert_string_equal(u.classes, users[i].classes);
        assert_true(dir_password_ok(&u, users[i].id));   /* the initial password is the userid */
        assert_true(u.storage >= 1 << 20 && u.storage <= 4 << 20);
        assert_int_equal(dir_find_dev(blob, (size_t)len, &u, 0x191, &d), DIR_OK);
        assert_int_equal(d.kind, DIR_MDISK);
        assert_string_equal(d.volser, "CPSYS1");
    }
}

static void same_user(const struct dir_user *a, const struct dir_user *b)
{
    assert_string_equal(a->userid, b->userid);
    assert_int_equal(a->storage, b->storage);
    assert_int_equal(a->maxstorage, b->maxstorage);
    assert_string_equal(a->classes, b->classes);
    assert_int_equal(a->priority, b->priority);
    assert_int_equal(a->nolog, b->nolog);
    assert_memory_equal(a->salt, b->salt, sizeof a->salt);
    assert_memory_equal(a->hash, b->hash, sizeof a->hash);
    assert_string_equal(a->account, b->account);
    assert_string_equal(a->dist, b->dist);
    assert_int_equal(a->ipl_kind, b->ipl_kind);
    assert_int_equal(a->ipl_dev, b->ipl_dev);
    assert_string_equal(a->ipl_name, b->ipl_name);
    assert_string_equal(a->ipl_parm, b->ipl_parm);
    assert_int_equal(a->options, b->options);
    assert_int_equal(a->cpuid, b->cpuid);
}

static void same_dev(const struct dir_dev *a, const struct dir_dev *b)
{
    assert_int_equal(a->kind, b->kind);
    assert_int_equal(a->vaddr, b->vaddr);
    assert_int_equal(a->devtype, b->devtype);
    assert_int_equal(a->cls, b->cls);
    assert_int_equal(a->func, b->func);
    assert_string_equal(a->userid, b->userid);
    assert_int_equal(a->link_vaddr, b->link_vaddr);
    assert_int_equal(a->raddr, b->raddr);
    assert_string_equal(a->volser, b->volser);
    assert_int_equal(a->start, b->start);
    assert_int_equal(a->cyls, b->cyls);
    assert_int_equal(a->mode, b->mode);
    assert_int_equal(a->tdisk, b->tdisk);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(a->lpw[i], b->lpw[i]);
        assert_memory_equal(a->lpw_salt[i], b->lpw_salt[i], SHA256_SALT_LEN);
        assert_memory_equal(a->lpw_hash[i], b->lpw_hash[i], SHA256_LEN);
    }
}

/* Build a blob from structures, decode it, compare. */
static void round_trip(void **state)
{
    (void)state;
    struct dir_user u = {.userid = "$ALLOC$", .storage = 8192, .maxstorage = 0x1000000,
                         .classes = "ABH", .priority = 99, .account = "ACCT-1", .dist = "D",
                         .ipl_kind = DIR_IPL_NAME, .ipl_name = "CMS", .ipl_parm = "P ARM",
                         .options = DIR_OPT_VIRTREAL | DIR_OPT_SVCOFF | DIR_OPT_ACCT | DIR_OPT_ISAM,
                         .cpuid = 0};
    for (int i = 0; i < 16; i++)
        u.salt[i] = (uint8_t)(i * 13);
    for (int i = 0; i < 32; i++)
        u.hash[i] = (uint8_t)(255 - i);
    struct dir_user u2 = {.userid = "X", .storage = 4096, .maxstorage = 4096, .classes = "G",
                          .nolog = true, .ipl_kind = DIR_IPL_DEVICE, .ipl_dev = 0xFFF,
                          .options = DIR_OPT_CPUID, .cpuid = 0xFFFFFF};
    struct dir_dev devs[] = {
        {.kind = DIR_CONSOLE, .vaddr = 0x01F, .devtype = 0x1052, .cls = '9', .userid = "OPS"},
        {.kind = DIR_SPOOL, .vaddr = 0xFFF, .devtype = 0x3525, .func = DIR_SPOOL_PUNCH, .cls = 'Z'},
        {.kind = DIR_DEDICATE, .vaddr = 0, .raddr = 0xFFF},
        {.kind = DIR_DEDICATE, .vaddr = 1, .raddr = DIR_NO_RADDR, .volser = "ABCDEF"},
        {.kind = DIR_MDISK, .vaddr = 2, .devtype = 0x3380, .start = 1, .cyls = 884, .volser = "V",
         .mode = DIR_MODE_MWV, .lpw = {DIR_LPW_HASH, DIR_LPW_ALL, DIR_LPW_NONE}},
        {.kind = DIR_MDISK, .vaddr = 3, .devtype = 0x2314, .cyls = 1, .tdisk = true, .mode = DIR_MODE_R},
        {.kind = DIR_LINK, .vaddr = 4, .userid = "X", .link_vaddr = 0xABC, .mode = DIR_MODE_MW},
        {.kind = DIR_SPECIAL, .vaddr = 5, .devtype = DIR_SPECIAL_CTCA},
    };
    memset(devs[4].lpw_salt[0], 7, 16);
    memset(devs[4].lpw_hash[0], 9, 32);
    struct dir_builder b;
    dir_begin(&b, blob, sizeof blob);
    assert_int_equal(dir_put_user(&b, &u), DIR_OK);
    for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++)
        assert_int_equal(dir_put_dev(&b, &devs[i]), DIR_OK);
    assert_int_equal(dir_put_user(&b, &u2), DIR_OK);
    long len = dir_finish(&b);
    assert_true(len > 0);
    assert_int_equal(dir_validate(blob, (size_t)len), DIR_OK);

    struct dir_user got;
    size_t pos = 0;
    assert_int_equal(dir_next_user(blob, (size_t)len, &pos, &got), 1);
    same_user(&got, &u);
    size_t dpos = 0;
    for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
        struct dir_dev d;
        assert_int_equal(dir_next_dev(blob, (size_t)len, &got, &dpos, &d), 1);
        same_dev(&d, &devs[i]);
    }
    struct dir_dev d;
    assert_int_equal(dir_next_dev(blob, (size_t)len, &got, &dpos, &d), 0);
    assert_int_equal(dir_next_user(blob, (size_t)len, &pos, &got), 1);
    same_user(&got, &u2);
    assert_int_equal(dir_next_user(blob, (size_t)len, &pos, &got), 0);

    /* what the decoder would refuse, the encoder refuses */
    struct dir_builder b2;
    uint8_t small[512];
    dir_begin(&b2, small, sizeof small);
    assert_int_equal(dir_put_dev(&b2, &devs[0]), DIR_E_ORDER);
    struct dir_user bad = u;
    strcpy(bad.classes, "GA");                        /* not in order */
    assert_int_equal(dir_put_user(&b2, &bad), DIR_E_FIELD);
    bad = u;
    bad.maxstorage = 4096;                            /* below the storage */
    bad.storage = 8192;
    assert_int_equal(dir_put_user(&b2, &bad), DIR_E_FIELD);
    bad = u;
    strcpy(bad.userid, "lower");
    assert_int_equal(dir_put_user(&b2, &bad), DIR_E_FIELD);
    assert_int_equal(dir_put_user(&b2, &u), DIR_OK);
    struct dir_dev bd = devs[1];
    bd.func = DIR_SPOOL_READER;                       /* a 3525 is a punch */
    assert_int_equal(dir_put_dev(&b2, &bd), DIR_E_FIELD);
    bd = devs[4];
    bd.start = 0xFFFF;                                /* past 65535 cylinders */
    assert_int_equal(dir_put_dev(&b2, &bd), DIR_E_FIELD);
    assert_int_equal(dir_put_dev(&b2, &devs[0]), DIR_OK);
    assert_int_equal(dir_put_dev(&b2, &devs[0]), DIR_OK);   /* twice: finish finds it */
    assert_int_equal(dir_finish(&b2), DIR_E_DUP);
    /* a userid twice, with many users between */
    dir_begin(&b2, blob, sizeof blob);
    struct dir_user many = u2;
    for (int i = 0; i < 300; i++) {
        snprintf(many.userid, sizeof many.userid, "U%d", i % 1000);
        assert_int_equal(dir_put_user(&b2, &many), DIR_OK);
    }
    assert_true(dir_finish(&b2) > 0);
    strcpy(many.userid, "U17");
    assert_int_equal(dir_put_user(&b2, &many), DIR_OK);
    assert_int_equal(dir_finish(&b2), DIR_E_DUP);
    /* out of space */
    dir_begin(&b2, small, 100);
    assert_int_equal(dir_put_user(&b2, &u), DIR_E_SPACE);
}

/* The password change in place. */
static void set_password(void **state)
{
    (void)state;
    long len = compile_ok(good_src);
    uint8_t salt[16], hash[32];
    memset(salt, 0x42, 16);
    assert_int_equal(sha256_password(salt, "NEWPW", 5, hash), 0);
    assert_int_equal(dir_set_password(blob, (size_t)len, "user1", salt, hash), DIR_OK);
    assert_int_equal(dir_validate(blob, (size_t)len), DIR_OK);
    struct dir_user u;
    assert_int_equal(dir_find_user(blob, (size_t)len, "USER1", &u), DIR_OK);
    assert_true(dir_password_ok(&u, "newpw"));
    assert_false(dir_password_ok(&u, "PW1"));
    /* the others are untouched */
    assert_int_equal(dir_find_user(blob, (size_t)len, "MAINT", &u), DIR_OK);
    assert_true(dir_password_ok(&u, "SECRET1"));
    assert_int_equal(dir_set_password(blob, (size_t)len, "NOBODY", salt, hash), DIR_E_NOTFOUND);
    /* a damaged blob is left alone */
    blob[100] ^= 1;
    assert_int_equal(dir_set_password(blob, (size_t)len, "USER1", salt, hash), DIR_E_CRC);
}

/* Every decoder on a blob; returns whether any found it malformed (a
   user not found is no failure: a flip may rename one).  Must never
   read outside the blob. */
static bool decode_all(const uint8_t *b, size_t len)
{
    bool failed = false;
    struct dir_user u;
    struct dir_dev d;
    failed |= dir_find_user(b, len, "USER1", &u) < DIR_E_NOTFOUND;
    failed |= dir_find_user(b, len, "NOBODY", &u) < DIR_E_NOTFOUND;
    size_t pos = 0;
    int rc;
    for (int guard = 0; (rc = dir_next_user(b, len, &pos, &u)) == 1; guard++) {
        assert_true(guard < 100);
        size_t dpos = 0;
        int drc;
        for (int g2 = 0; (drc = dir_next_dev(b, len, &u, &dpos, &d)) == 1; g2++)
            assert_true(g2 < 100);
        failed |= drc != 0;
        failed |= dir_find_dev(b, len, &u, 0x191, &d) < DIR_E_NOTFOUND;
    }
    failed |= rc != 0;
    return failed;
}

static void put_crc(uint8_t *b, size_t len)
{
    uint32_t c = dir_crc32(0, b + DIR_HDR_LEN, len - DIR_HDR_LEN);
    b[20] = (uint8_t)(c >> 24); b[21] = (uint8_t)(c >> 16); b[22] = (uint8_t)(c >> 8); b[23] = (uint8_t)c;
}

static void corrupt_blobs(void **state)
{
    (void)state;
    long len = compile_ok(good_src);
    uint8_t *good = malloc((size_t)len);
    memcpy(good, blob, (size_t)len);
    assert_false(decode_all(good, (size_t)len));
    assert_int_equal(dir_crc32(0, (const uint8_t *)"123456789", 9), 0xCBF43926);

    /* every truncation: refused, and nothing read past the end */
    for (size_t n = 0; n < (size_t)len; n++) {
        uint8_t *t = malloc(n ? n : 1);
        memcpy(t, good, n);
        assert_int_not_equal(dir_validate(t, n), DIR_OK);
        decode_all(t, n);
        /* with the header's length and CRC made to match: the user count
           is wrong, or the last entry is cut */
        if (n >= DIR_HDR_LEN) {
            t[12] = 0; t[13] = 0; t[14] = (uint8_t)(n >> 8); t[15] = (uint8_t)n;
            put_crc(t, n);
            assert_int_not_equal(dir_validate(t, n), DIR_OK);
            decode_all(t, n);
        }
        free(t);
    }
    /* every bit flip: validation fails (CRC or header); with the CRC
       repaired, it fails or the blob decodes without error */
    uint8_t *t = malloc((size_t)len);
    unsigned caught = 0, repaired_ok = 0;
    for (size_t i = 0; i < (size_t)len; i++)
        for (int bit = 0; bit < 8; bit++) {
            memcpy(t, good, (size_t)len);
            t[i] ^= (uint8_t)(1u << bit);
            assert_int_not_equal(dir_validate(t, (size_t)len), DIR_OK);
            decode_all(t, (size_t)len);
            if (i >= 20 && i < 24)
                continue;
            put_crc(t, (size_t)len);
            if (dir_validate(t, (size_t)len) == DIR_OK) {
                repaired_ok++;
                assert_false(decode_all(t, (size_t)len));
            } else {
                caught++;
                decode_all(t, (size_t)len);
            }
        }
    /* the structure checks catch most flips on their own; salts and
       hashes are any bytes, so flips there validate */
    assert_true(caught > repaired_ok);
    /* random garbage of every size */
    srand(1);
    for (int k = 0; k < 2000; k++) {
        size_t n = (size_t)(rand() % 400);
        uint8_t *g = malloc(n ? n : 1);
        for (size_t i = 0; i < n; i++)
            g[i] = (uint8_t)rand();
        if (n >= DIR_HDR_LEN) {
            memcpy(g, DIR_MAGIC, 8);
            g[8] = 0; g[9] = DIR_VERSION; g[10] = 0; g[11] = SHA256_PW_FORMAT;
            g[12] = 0; g[13] = 0; g[14] = (uint8_t)(n >> 8); g[15] = (uint8_t)n;
            memset(g + 24, 0, 8);
            if (k % 2)
                put_crc(g, n);
        }
        dir_validate(g, n);
        decode_all(g, n);
        free(g);
    }
    /* a user structure pointing anywhere */
    struct dir_user u;
    assert_int_equal(dir_find_user(good, (size_t)len, "USER1", &u), DIR_OK);
    struct dir_dev d;
    size_t pos = 0;
    u.end = (size_t)len + 1000;
    assert_true(dir_next_dev(good, (size_t)len, &u, &pos, &d) < 0);
    u.off = 3;
    u.end = 300;
    assert_true(dir_next_dev(good, (size_t)len, &u, &pos, &d) < 0);
    pos = (size_t)len * 2;
    assert_int_equal(dir_find_user(good, (size_t)len, "USER1", &u), DIR_OK);
    assert_true(dir_next_dev(good, (size_t)len, &u, &pos, &d) < 0);
    assert_true(dir_next_user(good, (size_t)len, &pos, &u) < 0);
    assert_int_equal(dir_validate(NULL, 0), DIR_E_HEADER);
    free(t);
    free(good);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_source),
        cmocka_unit_test(columns),
        cmocka_unit_test(bad_sources),
        cmocka_unit_test(all_errors_no_passwords),
        cmocka_unit_test(bad_user_keeps_its_statements),
        cmocka_unit_test(sysres_checks),
        cmocka_unit_test(default_directory),
        cmocka_unit_test(round_trip),
        cmocka_unit_test(set_password),
        cmocka_unit_test(corrupt_blobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
