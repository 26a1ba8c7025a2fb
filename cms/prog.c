/*
 * prog.c - programs in the user area (CMS_USER_ORIGIN up to the end of
 * the virtual machine's storage): LOAD of a TEXT file, START, GENMOD,
 * LOADMOD, and a MODULE run when its name is typed as a command.
 *
 * A TEXT file here is what the host's recipe (cmslib/, `cmscc`) builds: a
 * 32-bit big-endian S/390 ELF executable linked at CMS_USER_ORIGIN, put
 * on a CMS disk as binary records (`cpcms cmsfs put --binary`).  LOAD
 * reads it, checks it and copies its loadable segments into place
 * (zeroing what the file does not hold).
 *
 * A MODULE file (GENMOD writes it, LOADMOD reads it) is the loaded image:
 * RECFM V, record 1 a header of MOD_HDR bytes (EBCDIC "CMSMOD01", then
 * big-endian origin, bytes in the file, bytes in storage, entry point),
 * then the image in records of up to MOD_CHUNK bytes.
 *
 * The program runs on the nucleus's stack as a C function (common/
 * cmsapi.h says how it is called and what it may call); files it left
 * open are closed after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "cmd.h"
#include "ebcdic.h"

#define MOD_HDR 24
#define MOD_CHUNK 4096

static struct {
    bool valid;
    uint32_t origin, filesz, memsz, entry;
} loaded;

/* start.S: call entry(plist, eplist) the way common/cmsapi.h says. */
int cms_call(uint32_t entry, uint32_t plist, uint32_t eplist);
void svc_close_all(void);

static uint32_t storage_size(void)
{
    uint32_t size;
    diag(0x60, 0, 0, &size, NULL, NULL);
    return size;
}

static uint32_t be32(const uint8_t *p) { return get32(p); }
static uint16_t be16(const uint8_t *p) { return get16(p); }

/* Read a whole file into storage at buf (cap bytes): its length, or -1. */
static long read_all(struct cms_disk *k, const struct edf_stat *st, uint8_t *buf, uint32_t cap)
{
    struct edf_file f;
    if (edf_open(k->d, &f, st->fn, st->ft) != EDF_OK)
        return -1;
    uint32_t n = 0, len;
    int e;
    while ((e = edf_read(&f, 0, buf + n, cap - n, &len)) == EDF_OK)
        n += len;
    edf_close(&f);
    return e == EDF_E_EOF ? (long)n : -1;
}

/* Check an ELF image and copy its loadable segments; 0, or a message and
   its return code. */
static int load_elf(const uint8_t *e, uint32_t n, uint32_t top, const char *what)
{
    if (n < 52 || memcmp(e, "\x7F" "ELF", 4) || e[4] != 1 || e[5] != 2 ||
        be16(e + 16) != 2 || be16(e + 18) != 22) {
        msg("DMSLIO116S %s IS NOT AN S/390 EXECUTABLE", what);
        return 32;
    }
    uint32_t phoff = be32(e + 28), phnum = be16(e + 44), phsize = be16(e + 42);
    uint32_t lo = ~0u, hi = 0;
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = e + phoff + i * phsize;
        if (phoff + (i + 1) * phsize > n)
            return msg("DMSLIO116S %s: PROGRAM HEADERS OUTSIDE THE FILE", what), 32;
        if (be32(ph) != 1)                              /* PT_LOAD */
            continue;
        uint32_t off = be32(ph + 4), va = be32(ph + 8), fsz = be32(ph + 16), msz = be32(ph + 20);
        if (off > n || fsz > n - off || fsz > msz || va < CMS_USER_ORIGIN || va > top ||
            msz > top - va) {
            msg("DMSLIO109S %s DOES NOT FIT THE USER AREA %06X-%06X", what, CMS_USER_ORIGIN, top);
            return 104;
        }
        if (va < lo) lo = va;
        if (va + msz > hi) hi = va + msz;
    }
    if (hi <= lo)
        return msg("DMSLIO116S %s HAS NOTHING TO LOAD", what), 32;
    /* now copy (the image sits above the program, see cmd_load) */
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = e + phoff + i * phsize;
        if (be32(ph) != 1)
            continue;
        uint32_t off = be32(ph + 4), va = be32(ph + 8), fsz = be32(ph + 16), msz = be32(ph + 20);
        memmove((void *)(uintptr_t)va, e + off, fsz);
        memset((void *)(uintptr_t)(va + fsz), 0, msz - fsz);
    }
    loaded.valid = true;
    loaded.origin = lo;
    loaded.memsz = hi - lo;
    loaded.filesz = hi - lo;
    loaded.entry = be32(e + 24);
    return 0;
}

/* LOAD fn: "fn TEXT" into the user area. */
int cmd_load(struct cmd *c)
{
    if (c->paren < 2) {
        msg("DMSLIO001E NO FILENAME SPECIFIED");
        return 24;
    }
    struct fileid f = {.fm = "*"};
    snprintf(f.fn, sizeof f.fn, "%s", c->argv[1]);
    strcpy(f.ft, "TEXT");
    struct edf_stat st;
    struct cms_disk *k = file_find(&f, &st);
    if (!k) {
        msg("DMSLIO002E FILE '%s TEXT' NOT FOUND", f.fn);
        return 28;
    }
    uint32_t top = storage_size();
    /* the file goes to the top of storage, the program to the bottom */
    uint32_t bytes = st.blocks * k->dev.blksize + 8;
    if (bytes > top - CMS_USER_ORIGIN) {
        msg("DMSLIO109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    }
    uint8_t *img = (uint8_t *)(uintptr_t)((top - bytes) & ~7u);
    long n = read_all(k, &st, img, bytes);
    if (n < 0) {
        msg("DMSLIO104S ERROR READING '%s TEXT'", f.fn);
        return 100;
    }
    loaded.valid = false;
    char what[24];
    snprintf(what, sizeof what, "'%s TEXT'", f.fn);
    return load_elf(img, (uint32_t)n, (uint32_t)(uintptr_t)img, what);
}

/* The parameter lists of a command line: 8-byte EBCDIC tokens ending in
   X'FF' x 8, and the extended list (the line's first and end address). */
static uint8_t plist[(CMD_MAXARGS + 1) * 8] __attribute__((aligned(8)));
static uint8_t eline[256];
static uint32_t eplist[2];

static void make_plists(const struct cmd *c, int first)
{
    int n = 0;
    for (int i = first; i < c->argc && n < CMD_MAXARGS; i++, n++) {
        memset(plist + n * 8, 0x40, 8);
        for (int j = 0; c->argv[i][j]; j++)
            plist[n * 8 + j] = ascii_to_ebcdic[(unsigned char)c->argv[i][j]];
    }
    memset(plist + n * 8, 0xFF, 8);
    const char *line = c->raw + (first < c->argc ? c->at[first] : strlen(c->raw));
    size_t len = strlen(line);
    for (size_t i = 0; i < len; i++)
        eline[i] = ascii_to_ebcdic[(unsigned char)line[i]];
    eplist[0] = (uint32_t)(uintptr_t)eline;
    eplist[1] = (uint32_t)(uintptr_t)(eline + len);
}

static int run(const struct cmd *c, int first)
{
    make_plists(c, first);
    int rc = cms_call(loaded.entry, (uint32_t)(uintptr_t)plist, (uint32_t)(uintptr_t)eplist);
    svc_close_all();
    return rc;
}

/* START [* | entry] [args]: run what LOAD loaded. */
int cmd_start(struct cmd *c)
{
    if (!loaded.valid) {
        msg("DMSLIO055E NO ENTRY POINT DEFINED");
        return 40;
    }
    msg("DMSLIO740I EXECUTION BEGINS...");
    return run(c, c->argc > 1 ? 1 : 0);
}

/* GENMOD fn: the loaded program as "fn MODULE A1". */
int cmd_genmod(struct cmd *c)
{
    if (c->paren < 2) {
        msg("DMSMOD001E NO FILENAME SPECIFIED");
        return 24;
    }
    if (!loaded.valid) {
        msg("DMSMOD055E NO ENTRY POINT DEFINED");
        return 40;
    }
    struct cms_disk *k = disk_at('A');
    if (!k || k->readonly) {
        msg("DMSMOD037E DISK 'A' IS READ/ONLY");
        return 36;
    }
    struct edf_file f;
    if (edf_create(k->d, &f, c->argv[1], "MODULE", "A1", 'V', MOD_CHUNK) != EDF_OK) {
        msg("DMSMOD070E INVALID PARAMETER '%s'", c->argv[1]);
        return 24;
    }
    uint8_t hdr[MOD_HDR];
    static const char magic[] = "CMSMOD01";
    for (int i = 0; i < 8; i++)
        hdr[i] = ascii_to_ebcdic[(unsigned char)magic[i]];
    uint32_t v[4] = {loaded.origin, loaded.filesz, loaded.memsz, loaded.entry};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++)
            hdr[8 + 4 * i + j] = (uint8_t)(v[i] >> (24 - 8 * j));
    int e = edf_write(&f, hdr, MOD_HDR);
    for (uint32_t off = 0; e == EDF_OK && off < loaded.filesz; off += MOD_CHUNK) {
        uint32_t n = loaded.filesz - off < MOD_CHUNK ? loaded.filesz - off : MOD_CHUNK;
        e = edf_write(&f, (const void *)(uintptr_t)(loaded.origin + off), n);
    }
    int ce = edf_close(&f);
    if (e == EDF_OK)
        e = ce;
    if (e == EDF_OK)
        e = disk_commit(k);
    if (e != EDF_OK) {
        msg("DMSMOD105S ERROR WRITING '%s MODULE A1': %s", c->argv[1], edf_strerror(e));
        return e == EDF_E_FULL ? 13 : 100;
    }
    return 0;
}

/* Load "name MODULE" from disk k; 0, or a message and its return code. */
static int loadmod(struct cms_disk *k, const struct edf_stat *st)
{
    struct edf_file f;
    uint8_t hdr[MOD_HDR];
    uint32_t len;
    loaded.valid = false;
    if (edf_open(k->d, &f, st->fn, st->ft) != EDF_OK)
        return 28;
    static const uint8_t magic[8] = {0xC3, 0xD4, 0xE2, 0xD4, 0xD6, 0xC4, 0xF0, 0xF1};
    int rc = 0;
    uint32_t top = storage_size();
    if (edf_read(&f, 1, hdr, MOD_HDR, &len) != EDF_OK || len != MOD_HDR || memcmp(hdr, magic, 8)) {
        msg("DMSMOD116S '%s MODULE' IS NOT A MODULE", st->fn);
        rc = 32;
    } else {
        uint32_t origin = get32(hdr + 8), filesz = get32(hdr + 12), memsz = get32(hdr + 16);
        if (origin < CMS_USER_ORIGIN || origin > top || memsz > top - origin || filesz > memsz) {
            msg("DMSMOD109S '%s MODULE' DOES NOT FIT THE USER AREA", st->fn);
            rc = 104;
        }
        uint32_t off = 0;
        while (!rc && off < filesz) {
            int e = edf_read(&f, 0, (void *)(uintptr_t)(origin + off), filesz - off, &len);
            if (e != EDF_OK) {
                msg("DMSMOD104S ERROR READING '%s MODULE'", st->fn);
                rc = 100;
            }
            off += len;
        }
        if (!rc) {
            memset((void *)(uintptr_t)(origin + filesz), 0, memsz - filesz);
            loaded = (typeof(loaded)){true, origin, filesz, memsz, get32(hdr + 20)};
        }
    }
    edf_close(&f);
    return rc;
}

/* LOADMOD fn */
int cmd_loadmod(struct cmd *c)
{
    if (c->paren < 2) {
        msg("DMSMOD001E NO FILENAME SPECIFIED");
        return 24;
    }
    struct fileid f = {.fm = "*"};
    snprintf(f.fn, sizeof f.fn, "%s", c->argv[1]);
    strcpy(f.ft, "MODULE");
    struct edf_stat st;
    struct cms_disk *k = file_find(&f, &st);
    if (!k) {
        msg("DMSMOD002E FILE '%s MODULE' NOT FOUND", f.fn);
        return 28;
    }
    return loadmod(k, &st);
}

int prog_run_module(const struct cmd *c, bool *found)
{
    struct fileid f = {.fm = "*"};
    snprintf(f.fn, sizeof f.fn, "%s", c->argv[0]);
    strcpy(f.ft, "MODULE");
    struct edf_stat st;
    struct cms_disk *k = file_find(&f, &st);
    *found = k != NULL;
    if (!k)
        return 0;
    int rc = loadmod(k, &st);
    return rc ? rc : run(c, 0);
}
