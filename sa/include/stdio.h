/*
 * stdio.h - console output for stand-alone S/370 programs (sa/).
 * Formatting is in sa/printf.c, the console (3215 at 009) in sa/console.c.
 * There are no streams: everything goes to the console, line by line.
 */
#ifndef SA_STDIO_H
#define SA_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int putchar(int c);
int puts(const char *s);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sprintf(char *buf, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vsprintf(char *buf, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* Write out a partial console line (without waiting for '\n') */
void sa_console_flush(void);

#endif
