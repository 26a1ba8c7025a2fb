/*
 * elf.h - reading the 32-bit big-endian S/370 ELF files that the cross
 * compiler makes (program headers for loading, the symbol table for
 * tracing and debugging).  Used by elf2deck and the debugger.
 */
#ifndef CPCMS_ELF_H
#define CPCMS_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGS 16

struct elf_seg {
    uint32_t addr;       /* load (physical) address */
    uint32_t filesz, memsz;
    const uint8_t *data; /* filesz bytes inside the file image */
};

struct elf_sym {
    uint32_t addr, size;
    const char *name;
};

struct elf_image {
    uint8_t *file;
    size_t size;
    uint32_t entry;
    int nseg;
    struct elf_seg seg[ELF_MAX_SEGS];
    int nsym;
    struct elf_sym *sym;  /* function and object symbols, sorted by address */
};

/* Read and check an ELF file.  0, or -1 with a message naming the problem
   in err (the caller adds the file name). */
int elf_read(const char *path, struct elf_image *img, char *err, size_t errlen);
int elf_parse(struct elf_image *img, char *err, size_t errlen); /* img->file, size set */
void elf_free(struct elf_image *img);
/* The symbol containing addr (or the nearest below), with the offset. */
const struct elf_sym *elf_symbol(const struct elf_image *img, uint32_t addr, uint32_t *off);

#endif
