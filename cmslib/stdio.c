/*
 * stdio.c - FILE streams for CMS programs (include/stdio.h): the console
 * through sa/'s line buffer and TYPLIN/RDTERM, CMS files through FSOPEN,
 * FSREAD, FSWRITE and FSCLOSE (common/cmsapi.h).  One record is buffered
 * per stream.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebcdic.h"
#include "svc.h"

#define RECMAX 65535

struct cmslib_file {
    bool used, console, writing, binary, eof, err;
    uint32_t handle;
    uint8_t *rec;           /* the record being read or written */
    uint32_t len, pos;      /* its length; where the next byte is */
};

static struct cmslib_file files[CMSAPI_MAXFILES + 3] = {
    {.used = true, .console = true},
    {.used = true, .console = true, .writing = true},
    {.used = true, .console = true, .writing = true},
};
FILE *stdin = &files[0], *stdout = &files[1], *stderr = &files[2];

/* "fn ft [fm]" or "fn.ft[.fm]": the parameter list's fields (EBCDIC,
   blank padded); false if fn or ft is missing or too long. */
static bool fileid(uint8_t *p, const char *name)
{
    char w[3][9] = {"", "", ""};
    int n = 0;
    for (const char *s = name; *s && n < 3;) {
        while (*s == ' ' || *s == '.')
            s++;
        size_t k = 0;
        while (*s && *s != ' ' && *s != '.') {
            if (k == 8)
                return false;
            char c = *s++;
            w[n][k++] = (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        }
        w[n][k] = 0;
        if (k)
            n++;
    }
    if (n < 2 || strlen(w[2]) > 2)
        return false;
    memset(p + 8, 0x40, 18);
    for (int i = 0; i < 3; i++) {
        static const int off[3] = {8, 16, 24};
        for (int j = 0; w[i][j]; j++)
            p[off[i] + j] = ascii_to_ebcdic[(unsigned char)w[i][j]];
    }
    return true;
}

FILE *fopen(const char *name, const char *mode)
{
    FILE *f = NULL;
    for (int i = 3; i < CMSAPI_MAXFILES + 3 && !f; i++)
        if (!files[i].used)
            f = &files[i];
    uint8_t p[CMSAPI_PLIST_LEN];
    cmslib_plist(p, CMSAPI_FSOPEN);
    if (!f || !fileid(p, name) || (mode[0] != 'r' && mode[0] != 'w' && mode[0] != 'a'))
        return NULL;
    memset(f, 0, sizeof *f);
    f->binary = strchr(mode, 'b') != NULL;
    f->writing = mode[0] != 'r';
    p[26] = ascii_to_ebcdic[(unsigned char)(mode[0] == 'r' ? 'R' : mode[0] == 'w' ? 'W' : 'A')];
    p[27] = ascii_to_ebcdic['V'];
    cmslib_put32(p + 28, f->binary ? BUFSIZ : RECMAX);
    if (!(f->rec = malloc(RECMAX + 1)))
        return NULL;
    if (svc202(p, 0, 0)) {
        free(f->rec);
        return NULL;
    }
    f->handle = cmslib_get32(p + 32);
    f->used = true;
    return f;
}

/* Write the record being built. */
static int put_record(FILE *f)
{
    uint8_t p[CMSAPI_PLIST_LEN];
    if (!f->len && !f->binary)
        f->rec[f->len++] = 0x40;        /* CMS has no empty records */
    if (!f->len)
        return 0;
    cmslib_plist(p, CMSAPI_FSWRITE);
    cmslib_put32(p + 8, f->handle);
    cmslib_put32(p + 12, (uint32_t)(uintptr_t)f->rec);
    cmslib_put32(p + 16, f->len);
    f->len = 0;
    if (svc202(p, 0, 0)) {
        f->err = true;
        return EOF;
    }
    return 0;
}

/* Read the next record; false at the end. */
static bool get_record(FILE *f)
{
    uint8_t p[CMSAPI_PLIST_LEN];
    if (f->console) {
        cmslib_plist(p, CMSAPI_RDTERM);
        cmslib_put32(p + 8, (uint32_t)(uintptr_t)f->rec);
        cmslib_put32(p + 12, 130);
    } else {
        cmslib_plist(p, CMSAPI_FSREAD);
        cmslib_put32(p + 8, f->handle);
        cmslib_put32(p + 12, (uint32_t)(uintptr_t)f->rec);
        cmslib_put32(p + 16, RECMAX);
    }
    sa_console_flush();
    int rc = svc202(p, 0, 0);
    if (rc) {
        f->eof = rc == 12;
        f->err = rc != 12;
        return false;
    }
    f->len = cmslib_get32(p + (f->console ? 16 : 20));
    for (uint32_t i = 0; !f->binary && i < f->len; i++)
        f->rec[i] = ebcdic_to_ascii[f->rec[i]];
    if (!f->binary) {
        while (f->len && f->rec[f->len - 1] == ' ')
            f->len--;                   /* F records' padding, a blank line's blank */
        f->rec[f->len++] = '\n';
    }
    f->pos = 0;
    return true;
}

int fgetc(FILE *f)
{
    if (f->console && !f->rec && !(f->rec = malloc(RECMAX + 1)))
        return EOF;
    if (f->writing || f->eof)
        return EOF;
    while (f->pos >= f->len)
        if (!get_record(f))
            return EOF;
    return f->rec[f->pos++];
}

int getchar(void) { return fgetc(stdin); }

char *fgets(char *s, int n, FILE *f)
{
    int i = 0, c = 0;
    while (i < n - 1 && (c = fgetc(f)) != EOF) {
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    s[i] = 0;
    return i ? s : NULL;
}

int fputc(int c, FILE *f)
{
    if (f->console)
        return putchar(c);
    if (!f->writing)
        return EOF;
    if (!f->binary && c == '\n')
        return put_record(f) ? EOF : c;
    f->rec[f->len++] = f->binary ? (uint8_t)c : ascii_to_ebcdic[(unsigned char)c];
    if (f->len == (f->binary ? BUFSIZ : RECMAX) && put_record(f))
        return EOF;
    return c;
}

int fputs(const char *s, FILE *f)
{
    for (; *s; s++)
        if (fputc(*s, f) == EOF)
            return EOF;
    return 0;
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < size * n; i++)
        if (fputc(b[i], f) == EOF)
            return i / size;
    return n;
}

size_t fread(void *p, size_t size, size_t n, FILE *f)
{
    unsigned char *b = p;
    for (size_t i = 0; i < size * n; i++) {
        int c = fgetc(f);
        if (c == EOF)
            return i / size;
        b[i] = (unsigned char)c;
    }
    return n;
}

int fflush(FILE *f)
{
    if (!f || f->console)
        sa_console_flush();
    return 0;
}

int feof(FILE *f) { return f->eof; }
int ferror(FILE *f) { return f->err; }

int fclose(FILE *f)
{
    if (!f || !f->used)
        return EOF;
    if (f->console)
        return fflush(f);
    int rc = 0;
    if (f->writing && f->len)
        rc = put_record(f);
    uint8_t p[CMSAPI_PLIST_LEN];
    cmslib_plist(p, CMSAPI_FSCLOSE);
    cmslib_put32(p + 8, f->handle);
    if (svc202(p, 0, 0))
        rc = EOF;
    free(f->rec);
    f->used = false;
    return rc;
}

void cmslib_close_all(void)
{
    for (int i = 3; i < CMSAPI_MAXFILES + 3; i++)
        if (files[i].used)
            fclose(&files[i]);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    if (f->console)
        return vprintf(fmt, ap);
    static char buf[4096];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    return fputs(buf, f) == EOF ? -1 : n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int remove(const char *name)
{
    uint8_t p[CMSAPI_PLIST_LEN];
    cmslib_plist(p, CMSAPI_FSERASE);
    if (!fileid(p, name))
        return -1;
    return svc202(p, 0, 0) ? -1 : 0;
}
