/*
 * stdio.h - standard I/O for CMS programs (cmslib/): the console
 * (stdin, stdout, stderr) and CMS files, named "fn ft [fm]" (or
 * "fn.ft.fm").  Text streams are records: a line written is a record
 * (ASCII to EBCDIC), a record read is a line ending in '\n'; binary
 * streams ("rb", "wb") are the records' bytes.  A file written is
 * committed to its disk by fclose() (or when the program ends).
 */
#ifndef CMSLIB_STDIO_H
#define CMSLIB_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)
#define BUFSIZ 4096

typedef struct cmslib_file FILE;
extern FILE *stdin, *stdout, *stderr;

FILE *fopen(const char *name, const char *mode);
int fclose(FILE *f);
int fflush(FILE *f);
int fgetc(FILE *f);
char *fgets(char *s, int n, FILE *f);
int fputc(int c, FILE *f);
int fputs(const char *s, FILE *f);
size_t fread(void *p, size_t size, size_t n, FILE *f);
size_t fwrite(const void *p, size_t size, size_t n, FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
int fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap);
int remove(const char *name);
#define getc(f) fgetc(f)
#define putc(c, f) fputc(c, f)
int getchar(void);

int putchar(int c);
int puts(const char *s);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void sa_console_flush(void);

#endif
