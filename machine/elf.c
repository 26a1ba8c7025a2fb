/*
 * elf.c - a careful reader of 32-bit big-endian S/370 ELF executables
 * (ELF specification, "Object Files"): every header field is checked
 * against the file size before it is used, so no file can crash it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf.h"

static uint16_t g16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static uint32_t g32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Is [off, off+len) inside the file? */
static int inside(const struct elf_image *img, uint64_t off, uint64_t len)
{
    return off <= img->size && len <= img->size - off;
}

static int cmp_sym(const void *a, const void *b)
{
    const struct elf_sym *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

/* The symbol table, if the file has one whose pieces are all inside. */
static void read_symbols(struct elf_image *img, uint32_t shoff, unsigned shnum, unsigned shentsize)
{
    const uint8_t *f = img->file;
    if (!shoff || shentsize < 40 || !inside(img, shoff, (uint64_t)shnum * shentsize))
        return;
    for (unsigned i = 0; i < shnum; i++) {
        const uint8_t *sh = f + shoff + (size_t)i * shentsize;
        if (g32(sh + 4) != 2) /* SHT_SYMTAB */
            continue;
        uint32_t off = g32(sh + 16), size = g32(sh + 20), link = g32(sh + 24);
        if (!inside(img, off, size) || link >= shnum)
            return;
        const uint8_t *strh = f + shoff + (size_t)link * shentsize;
        uint32_t stroff = g32(strh + 16), strsize = g32(strh + 20);
        if (!inside(img, stroff, strsize) || strsize == 0 || f[stroff + strsize - 1] != 0)
            return;
        unsigned n = size / 16;
        img->sym = calloc(n ? n : 1, sizeof *img->sym);
        if (!img->sym)
            return;
        for (unsigned k = 0; k < n; k++) {
            const uint8_t *s = f + off + (size_t)k * 16;
            uint32_t name = g32(s), value = g32(s + 4), ssize = g32(s + 8);
            unsigned type = s[12] & 15;
            if ((type != 1 && type != 2 && type != 0) || name >= strsize || !f[stroff + name])
                continue;
            if (type == 0 && g16(s + 14) == 0)
                continue; /* undefined */
            img->sym[img->nsym++] = (struct elf_sym){value, ssize, (const char *)f + stroff + name};
        }
        qsort(img->sym, (size_t)img->nsym, sizeof *img->sym, cmp_sym);
        return;
    }
}

int elf_parse(struct elf_image *img, char *err, size_t errlen)
{
    const uint8_t *f = img->file;
    if (img->size == 0)
        FAIL("empty file");
    if (memcmp(f, "\177ELF", img->size < 4 ? img->size : 4))
        FAIL("not an ELF file");
    if (img->size < 52)
        FAIL("truncated ELF header (%zu bytes)", img->size);
    if (f[4] != 1)
        FAIL("not a 32-bit ELF file (class %u); S/370 programs are 32-bit", f[4]);
    if (f[5] != 2)
        FAIL("not a big-endian ELF file; S/370 programs are big-endian");
    if (g16(f + 18) != 22)
        FAIL("not an S/390 ELF file (machine %u)", g16(f + 18));
    if (g16(f + 16) != 2)
        FAIL("not an executable ELF file (type %u)", g16(f + 16));
    img->entry = g32(f + 24);
    uint32_t phoff = g32(f + 28), shoff = g32(f + 32);
    unsigned phentsize = g16(f + 42), phnum = g16(f + 44);
    unsigned shentsize = g16(f + 46), shnum = g16(f + 48);
    if (phnum == 0)
        FAIL("no program headers");
    if (phentsize < 32 || !inside(img, phoff, (uint64_t)phnum * phentsize))
        FAIL("program headers beyond the end of the file");
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = f + phoff + (size_t)i * phentsize;
        if (g32(ph) != 1) /* PT_LOAD */
            continue;
        uint32_t off = g32(ph + 4), paddr = g32(ph + 12), filesz = g32(ph + 16), memsz = g32(ph + 20);
        if (!inside(img, off, filesz))
            FAIL("segment %u extends beyond the end of the file", i);
        if (memsz < filesz)
            FAIL("segment %u: file size above memory size", i);
        if ((uint64_t)paddr + memsz > 0x1000000)
            FAIL("segment %u does not fit in 24-bit storage", i);
        if (img->nseg == ELF_MAX_SEGS)
            FAIL("more than %d loadable segments", ELF_MAX_SEGS);
        img->seg[img->nseg++] = (struct elf_seg){paddr, filesz, memsz, f + off};
    }
    if (img->nseg == 0)
        FAIL("no PT_LOAD segment");
    read_symbols(img, shoff, shnum, shentsize);
    return 0;
}

int elf_read(const char *path, struct elf_image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        FAIL("cannot open: %s", strerror(errno));
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    if (n < 0 || n > (64L << 20)) {
        fclose(fp);
        FAIL("cannot read (size %ld)", n);
    }
    img->file = malloc((size_t)n + 1);
    img->size = (size_t)n;
    if (!img->file || fread(img->file, 1, (size_t)n, fp) != (size_t)n) {
        fclose(fp);
        elf_free(img);
        FAIL("read error");
    }
    fclose(fp);
    if (elf_parse(img, err, errlen)) {
        elf_free(img);
        return -1;
    }
    return 0;
}

void elf_free(struct elf_image *img)
{
    free(img->file);
    free(img->sym);
    memset(img, 0, sizeof *img);
}

const struct elf_sym *elf_symbol(const struct elf_image *img, uint32_t addr, uint32_t *off)
{
    int lo = 0, hi = img->nsym - 1, best = -1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (img->sym[mid].addr <= addr) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    if (best < 0)
        return NULL;
    *off = addr - img->sym[best].addr;
    return &img->sym[best];
}
