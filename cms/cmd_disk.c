/*
 * cmd_disk.c - the disk commands: ACCESS, RELEASE, FORMAT, and QUERY
 * DISK's table.  Messages are CMS's (DMSACC, DMSARN, DMSFOR).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"

/* A virtual address (1-3 hex digits): the number, or -1. */
static int hexaddr(const char *s)
{
    unsigned v = 0, n = 0;
    for (; *s; s++, n++) {
        unsigned d = *s >= '0' && *s <= '9' ? (unsigned)(*s - '0') :
                     *s >= 'A' && *s <= 'F' ? (unsigned)(*s - 'A' + 10) : 16;
        if (d == 16 || n == 3)
            return -1;
        v = v * 16 + d;
    }
    return n ? (int)v : -1;
}

/* "B", or "B/A" (parent: the letter B extends, else 0). */
static bool mode_letter(const char *s, char *l, char *parent)
{
    if (s[0] < 'A' || s[0] > 'Z')
        return false;
    *parent = 0;
    if (s[1] && (s[1] != '/' || s[2] < 'A' || s[2] > 'Z' || s[3] || s[2] == s[0]))
        return false;
    *l = s[0];
    *parent = s[1] ? s[2] : 0;
    return true;
}

/* The message for an access that failed; its return code. */
static int access_failed(int rc, unsigned vaddr, char l)
{
    switch (rc) {
    case DISK_E_NODEV:
        msg("DMSACC113S %c(%03X) NOT ATTACHED", l, vaddr);
        return 100;
    case DISK_E_NOTDASD:
        msg("DMSACC114S %c(%03X) IS NOT A DISK CMS SUPPORTS", l, vaddr);
        return 100;
    case EDF_E_NOTCMS:
        msg("DMSACC112S DISK %c(%03X) IS NOT CMS FORMATTED", l, vaddr);
        return 100;
    case EDF_E_SPACE:
        msg("DMSACC109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    default:
        msg("DMSACC112S DISK %c(%03X) DEVICE ERROR: %s", l, vaddr, edf_strerror(rc));
        return 100;
    }
}

/* Access vaddr as l, saying what CMS says; the return code. */
int disk_access_say(unsigned vaddr, char l, bool quiet)
{
    struct cms_disk *old = disk_at(l);
    unsigned old_addr = old ? old->vaddr : 0;
    struct cms_disk *same = disk_of(vaddr);
    if (same && same->letter != l)
        disk_release(same->letter);         /* a disk is accessed once */
    int damage;
    int rc = disk_access(vaddr, l, &damage);
    if (rc != EDF_OK)
        return access_failed(rc, vaddr, l);
    if (damage)
        msg("DMSACC115W DISK %c(%03X) IS DAMAGED (%s): ACCESSED R/O", l, vaddr,
            edf_strerror(damage));
    if (old && old_addr != vaddr)
        msg("DMSACC724I %03X REPLACES %c (%03X)", vaddr, l, old_addr);
    if (!quiet && disk_at(l)->readonly && !damage)
        msg("DMSACC723I %c (%03X) R/O", l, vaddr);
    return 0;
}

/* ACCESS vaddr mode */
int cmd_access(struct cmd *c)
{
    if (c->paren < 3) {
        msg("DMSACC017E INVALID DEVICE ADDRESS '%s'", c->paren > 1 ? c->argv[1] : "");
        return 24;
    }
    int va = hexaddr(c->argv[1]);
    char l;
    if (va < 0) {
        msg("DMSACC017E INVALID DEVICE ADDRESS '%s'", c->argv[1]);
        return 24;
    }
    char parent;
    if (!mode_letter(c->argv[2], &l, &parent)) {
        msg("DMSACC048E INVALID MODE '%s'", c->argv[2]);
        return 24;
    }
    int rc = disk_access_say((unsigned)va, l, parent != 0);
    struct cms_disk *k = rc ? NULL : disk_at(l);
    if (k && parent) {                      /* an extension is read-only */
        k->parent = parent;
        k->readonly = true;
        msg("DMSACC723I %c (%03X) R/O", l, (unsigned)va);
    }
    return rc;
}

/* RELEASE mode | vaddr */
int cmd_release(struct cmd *c)
{
    if (c->paren < 2) {
        msg("DMSARN017E INVALID DEVICE ADDRESS ''");
        return 24;
    }
    const char *a = c->argv[1];
    struct cms_disk *k = strlen(a) == 1 ? disk_at(a[0]) : NULL;
    if (!k && hexaddr(a) >= 0)
        k = disk_of((unsigned)hexaddr(a));
    if (!k) {
        msg("DMSARN069E DISK '%s' NOT ACCESSED", a);
        return 36;
    }
    disk_release(k->letter);
    return 0;
}

/* FORMAT vaddr mode [( BLKSIZE n | LABEL ]: asks before erasing. */
int cmd_format(struct cmd *c)
{
    if (c->paren < 3) {
        msg("DMSFOR017E INVALID DEVICE ADDRESS '%s'", c->paren > 1 ? c->argv[1] : "");
        return 24;
    }
    int va = hexaddr(c->argv[1]);
    char l;
    if (va < 0) {
        msg("DMSFOR017E INVALID DEVICE ADDRESS '%s'", c->argv[1]);
        return 24;
    }
    char parent;
    if (!mode_letter(c->argv[2], &l, &parent) || parent) {
        msg("DMSFOR048E INVALID MODE '%s'", c->argv[2]);
        return 24;
    }
    unsigned bs = 4096;
    for (int i = c->opt; i < c->argc; i++) {
        const char *o = c->argv[i];
        if (!strcmp(o, ")"))
            continue;
        if (cmd_abbrev(o, "BLKSIZE", 3) && i + 1 < c->argc) {
            const char *v = c->argv[++i];
            bs = !strcmp(v, "1024") || !strcmp(v, "1K") ? 1024 :
                 !strcmp(v, "2048") || !strcmp(v, "2K") ? 2048 :
                 !strcmp(v, "4096") || !strcmp(v, "4K") ? 4096 : 0;
            if (!bs) {
                msg("DMSFOR070E INVALID PARAMETER '%s'", v);
                return 24;
            }
        } else {
            msg("DMSFOR003E INVALID OPTION '%s'", o);
            return 24;
        }
    }
    unsigned devtype, heads, cyls;
    int rc = disk_geometry((unsigned)va, &devtype, &heads, &cyls);
    if (rc)
        return access_failed(rc, (unsigned)va, l);
    char answer[132], label[132];
    msg("DMSFOR603R FORMAT WILL ERASE ALL FILES ON DISK '%c(%03X)'. DO YOU WISH TO CONTINUE?", l, va);
    msg("ENTER 'YES' OR 'NO'.");
    con_read(answer, sizeof answer);
    if (strcmp(answer, "YES") && strcmp(answer, "yes"))
        return 0;
    msg("DMSFOR605R ENTER DISK LABEL:");
    con_read(label, sizeof label);
    for (char *p = label; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    label[6] = 0;                           /* a label has at most 6 characters */
    if (!label[0] || strchr(label, ' ')) {
        msg("DMSFOR070E INVALID PARAMETER '%s'", label);
        return 24;
    }
    struct cms_disk *k = disk_of((unsigned)va);
    if (k)
        disk_release(k->letter);
    msg("DMSFOR733I FORMATTING DISK '%c'", l);
    rc = disk_format((unsigned)va, bs, label);
    if (rc == DISK_E_NOTDASD || rc == DISK_E_NODEV)
        return access_failed(rc, (unsigned)va, l);
    if (rc == EDF_E_IO) {
        msg("DMSFOR125S PERMANENT UNIT CHECK ON DISK '%c(%03X)'", l, va);
        return 100;
    }
    if (rc != EDF_OK) {
        msg("DMSFOR070E CANNOT FORMAT '%c(%03X)': %s", l, va, edf_strerror(rc));
        return 100;
    }
    msg("DMSFOR732I %u CYLINDERS FORMATTED ON DISK '%c(%03X)'", cyls, l, va);
    return disk_access_say((unsigned)va, l, true);
}

/* QUERY DISK [mode | *] */
int query_disk(const char *which)
{
    unsigned n = 0;
    for (char l = 'A'; l <= 'Z'; l++) {
        struct cms_disk *k = disk_at(l);
        if (!k || (which && strcmp(which, "*") && which[0] != l))
            continue;
        if (!n++)
            msg("LABEL  CUU M  STAT  CYL TYPE BLKSIZE  FILES  BLKS USED-(%%) BLKS LEFT  BLK TOTAL");
        struct edf_usage u;
        edf_usage(k->d, &u);
        unsigned pct = u.total ? (unsigned)((u.used * 100ull + u.total - 1) / u.total) : 0;
        char m[4] = {l, k->parent ? '/' : ' ', k->parent ? k->parent : ' ', 0};
        msg("%-6s %03X %s %s %4u %04X %7u %6u %7u-%02u %10u %10u", u.volid, k->vaddr, m,
            k->readonly ? "R/O" : "R/W", (unsigned)u.cyls, k->devtype, u.blksize,
            (unsigned)u.files, (unsigned)u.used, pct > 99 ? 99 : pct,
            (unsigned)(u.total - u.used), (unsigned)u.total);
    }
    if (!n) {
        msg("DMSQRY069E DISK '%s' NOT ACCESSED", which ? which : "*");
        return 36;
    }
    return 0;
}
