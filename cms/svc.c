/*
 * svc.c - the nucleus side of the program interface (common/cmsapi.h):
 * SVC 202 comes here from start.S with the caller's registers; the
 * function named by the parameter list runs (console lines, files by
 * handle, the clock), or the call is a command line.  Files a program
 * leaves open are closed when it ends (prog.c calls svc_close_all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"
#include "cmsapi.h"
#include "ebcdic.h"

struct handle {
    bool open, writing;
    bool erase;                 /* read from a mode-3 file: erased at close */
    char fn[9], ft[9];
    struct cms_disk *k;
    struct edf_file f;
};
static struct handle *files[CMSAPI_MAXFILES];

static uint8_t *at(uint32_t a) { return (uint8_t *)(uintptr_t)(a & 0x7FFFFFFF); }
static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v;
}

/* 8 EBCDIC bytes, blank padded, as ASCII without the blanks. */
static void name8(char *out, const uint8_t *in, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && in[i] != 0x40 && in[i]; i++)
        out[k++] = (char)ebcdic_to_ascii[in[i]];
    out[k] = 0;
}

static bool is(const uint8_t *p, const char *name)
{
    uint8_t e[8];
    memset(e, 0x40, 8);
    for (size_t i = 0; name[i]; i++)
        e[i] = ascii_to_ebcdic[(unsigned char)name[i]];
    return !memcmp(p, e, 8);
}

static int typlin(uint8_t *p)
{
    uint32_t len = get32(p + 12);
    static char line[256];
    const uint8_t *t = at(get32(p + 8));
    if (len > sizeof line - 1)
        len = sizeof line - 1;
    for (uint32_t i = 0; i < len; i++)
        line[i] = (char)ebcdic_to_ascii[t[i]];
    line[len] = 0;
    con_write(line);
    return 0;
}

static int rdterm(uint8_t *p)
{
    char line[132];
    con_read(line, sizeof line);
    uint32_t cap = get32(p + 12), n = (uint32_t)strlen(line);
    if (n > cap)
        n = cap;
    uint8_t *b = at(get32(p + 8));
    for (uint32_t i = 0; i < n; i++)
        b[i] = ascii_to_ebcdic[(unsigned char)line[i]];
    put32(p + 16, n);
    return 0;
}

static struct handle *handle_of(uint8_t *p)
{
    uint32_t h = get32(p + 8);
    return h >= 1 && h <= CMSAPI_MAXFILES && files[h - 1] && files[h - 1]->open ? files[h - 1] : NULL;
}

static int fsopen(uint8_t *p)
{
    struct fileid f;
    name8(f.fn, p + 8, 8);
    name8(f.ft, p + 16, 8);
    name8(f.fm, p + 24, 2);
    uint8_t how = (uint8_t)ebcdic_to_ascii[p[26]];
    char recfm = (char)ebcdic_to_ascii[p[27]];
    uint32_t lrecl = get32(p + 28);
    int slot = -1;
    for (int i = 0; i < CMSAPI_MAXFILES && slot < 0; i++)
        if (!files[i] || !files[i]->open)
            slot = i;
    if (slot < 0)
        return 1;
    if (!files[slot] && !(files[slot] = malloc(sizeof *files[slot])))
        return 104;
    struct handle *h = files[slot];
    memset(h, 0, sizeof *h);
    struct edf_stat st;
    int e;
    if (how == 'R') {
        h->k = file_find(&f, &st);
        if (!h->k)
            return 28;
        e = edf_open(h->k->d, &h->f, st.fn, st.ft);
        h->erase = file_modenum(&st) == 3 && !h->k->readonly;
        strcpy(h->fn, st.fn);
        strcpy(h->ft, st.ft);
    } else {
        char letter = f.fm[0] ? f.fm[0] : 'A';
        h->k = disk_at(letter);
        if (!h->k || h->k->readonly)
            return 36;
        char fm[3] = {letter, f.fm[1] ? f.fm[1] : '1', 0};
        bool exists = edf_lookup(h->k->d, f.fn, f.ft, &st) == EDF_OK;
        e = how == 'A' && exists ? edf_append(h->k->d, &h->f, f.fn, f.ft)
                                 : edf_create(h->k->d, &h->f, f.fn, f.ft, fm,
                                              recfm == 'F' ? 'F' : 'V', lrecl ? lrecl : 255);
        h->writing = true;
    }
    if (e == EDF_E_NOTFOUND)
        return 28;
    if (e != EDF_OK)
        return e == EDF_E_ROFS ? 36 : 24;
    h->open = true;
    put32(p + 32, (uint32_t)slot + 1);
    return 0;
}

static int fsread(uint8_t *p)
{
    struct handle *h = handle_of(p);
    if (!h || h->writing)
        return 24;
    uint32_t len = 0;
    int e = edf_read(&h->f, 0, at(get32(p + 12)), get32(p + 16), &len);
    put32(p + 20, len);
    return e == EDF_OK ? 0 : e == EDF_E_EOF ? 12 : e == EDF_E_BUF ? 8 : 100;
}

static int fswrite(uint8_t *p)
{
    struct handle *h = handle_of(p);
    if (!h || !h->writing)
        return 24;
    int e = edf_write(&h->f, at(get32(p + 12)), get32(p + 16));
    return e == EDF_OK ? 0 : e == EDF_E_FULL ? 13 : e == EDF_E_ARG ? 24 : 100;
}

/* A file written is committed with the command that wrote it (as CMS
   updates a disk's directory when a command ends): cmd.c commits.  A
   file of mode number 3 is erased once it has been read, as CMS does
   with its work files. */
static int close_handle(struct handle *h)
{
    int e = edf_close(&h->f);
    if (h->erase && edf_erase(h->k->d, h->fn, h->ft) == EDF_OK)
        h->k->dirty = true;
    if (h->writing)
        h->k->dirty = true;
    h->open = false;
    return e == EDF_OK ? 0 : e == EDF_E_FULL ? 13 : 100;
}

static int fsclose(uint8_t *p)
{
    struct handle *h = handle_of(p);
    return h ? close_handle(h) : 24;
}

bool svc_writing_on(const struct cms_disk *k)
{
    for (int i = 0; i < CMSAPI_MAXFILES; i++)
        if (files[i] && files[i]->open && files[i]->writing && files[i]->k == k)
            return true;
    return false;
}

void svc_close_all(void)
{
    for (int i = 0; i < CMSAPI_MAXFILES; i++)
        if (files[i] && files[i]->open)
            close_handle(files[i]);
}

static int fsstate(uint8_t *p)
{
    struct fileid f;
    name8(f.fn, p + 8, 8);
    name8(f.ft, p + 16, 8);
    name8(f.fm, p + 24, 2);
    struct edf_stat st;
    if (!f.fn[0] || !f.ft[0] || !file_find(&f, &st))
        return 28;
    p[28] = ascii_to_ebcdic[(unsigned char)st.recfm];
    put32(p + 32, st.lrecl);
    put32(p + 36, st.records);
    return 0;
}

static int fserase(uint8_t *p)
{
    struct fileid f;
    name8(f.fn, p + 8, 8);
    name8(f.ft, p + 16, 8);
    name8(f.fm, p + 24, 2);
    struct cms_disk *k = disk_at(f.fm[0] ? f.fm[0] : 'A');
    if (!k || k->readonly)
        return 36;
    int e = edf_erase(k->d, f.fn, f.ft);
    if (e == EDF_OK)
        k->dirty = true;
    return e == EDF_OK ? 0 : e == EDF_E_NOTFOUND ? 28 : 24;
}

static int cmstime(uint8_t *p)
{
    uint64_t tod, v, t;
    char date[9], time[9];
    __asm__ volatile("stck %0" : "=Q"(tod) : : "cc");
    cp_times(&v, &t, date, time);
    put32(p + 8, (uint32_t)(tod >> 32));
    put32(p + 12, (uint32_t)tod);
    put32(p + 16, (uint32_t)(v >> 32));
    put32(p + 20, (uint32_t)v);
    return 0;
}

/* A command line from the extended parameter list. */
static int command(uint32_t r0)
{
    const uint8_t *e = at(r0);
    const uint8_t *b = at(get32(e)), *end = at(get32(e + 4));
    char line[256];
    size_t n = 0;
    for (; b < end && n < sizeof line - 1; b++)
        line[n++] = (char)ebcdic_to_ascii[*b];
    line[n] = 0;
    return cmd_execute(line);
}

static const struct {
    const char *name;
    int (*fn)(uint8_t *p);
} funcs[] = {
    {CMSAPI_TYPLIN, typlin}, {CMSAPI_RDTERM, rdterm}, {CMSAPI_FSOPEN, fsopen},
    {CMSAPI_FSREAD, fsread}, {CMSAPI_FSWRITE, fswrite}, {CMSAPI_FSCLOSE, fsclose},
    {CMSAPI_FSSTATE, fsstate}, {CMSAPI_FSERASE, fserase}, {CMSAPI_CMSTIME, cmstime},
};

/* start.S: an SVC, with the caller's registers in regs[16] (R15 gets the
   return code).  The SVC code is in low storage. */
void cms_svc(uint32_t regs[16])
{
    con_poll();
    unsigned code = get16((const uint8_t *)lowcore() + 0x8A);
    if (code != CMSAPI_SVC) {
        msg("DMSITS135S SVC %u IS NOT SUPPORTED", code);
        regs[15] = 256;
        return;
    }
    uint8_t *p = at(regs[1]);
    for (size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++)
        if (is(p, funcs[i].name)) {
            regs[15] = (uint32_t)funcs[i].fn(p);
            return;
        }
    if ((regs[1] >> 24) == CMSAPI_EPLIST_FLAG) {
        regs[15] = (uint32_t)command(regs[0]);
        return;
    }
    char name[9];
    name8(name, p, 8);
    regs[15] = (uint32_t)cmd_execute(name);
}
