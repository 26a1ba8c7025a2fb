/*
 * console.c - putchar, puts and sa_console_flush on the 3215 console.
 *
 * Characters are collected into a line buffer and each line goes out in
 * one write (sa_console_write: console_sio.c on S/370): command X'09'
 * (write, carriage return) for a line ended by '\n', or X'01' (write, no
 * carriage return) for the first 132-byte parts of a longer line, so the
 * console shows the text exactly as written.  A 3215 write needs at least
 * one byte, so an empty line is written as one blank.  The same file
 * serves the Hercules cross-check and the host check (tests/sa/herc,
 * tests/sa/host), which supply their own sa_console_write.
 */
#include <stdio.h>
#include "sa.h"

static char line[SA_CONSOLE_WIDTH];
static unsigned line_len;

void sa_console_flush(void)
{
	if (line_len > 0) {
		sa_console_write(0x09, line, line_len);
		line_len = 0;
	}
}

int putchar(int c)
{
	if (c == '\n') {
		sa_console_write(0x09, line_len ? line : " ", line_len ? line_len : 1);
		line_len = 0;
	} else {
		if (line_len == SA_CONSOLE_WIDTH) {
			sa_console_write(0x01, line, line_len);
			line_len = 0;
		}
		line[line_len++] = (char)c;
	}
	return (unsigned char)c;
}

int puts(const char *s)
{
	while (*s)
		putchar((unsigned char)*s++);
	putchar('\n');
	return 0;
}
